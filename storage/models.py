"""The tables. Queries live in the feature modules beside this one, never in callers."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from storage.db import UTCDateTime


class Role(StrEnum):
    COORDINATOR = "coordinator"
    FOCAL_POINT = "focal_point"


class Status(StrEnum):
    TODO = "a_faire"
    IN_PROGRESS = "en_cours"
    BLOCKED = "bloque"
    DONE = "fait"
    CANCELLED = "annule"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset({Status.TODO, Status.IN_PROGRESS, Status.BLOCKED})
# The open statuses as SQL, in one fixed order, as constants: a partial index and the queries
# it serves must name them alike (with parameters instead, the planner cannot use it).
OPEN_WHERE = "status IN ({})".format(", ".join(f"'{s.value}'" for s in sorted(OPEN_STATUSES)))


class OwnerKind(StrEnum):
    ORGANISATION = "organisation"
    MEMBER = "member"
    COORDINATORS = "coordinators"  # "CCP", "Coordinateur CRP": the cluster's coordinators
    ALL_MEMBERS = "all_members"  # "Partenaires du CRP": every member organisation of the cluster
    # A name kept as typed, not linked to anyone yet (flagged until a coordinator links it).
    # Stored as "group" by earlier versions, so the value stays.
    UNLINKED = "group"


class DeadlinePrecision(StrEnum):
    MOMENT = "moment"
    DAY = "day"
    PERIOD = "period"
    MEETING = "meeting"  # tied to the cluster's next meeting, moves with it
    UNDATED = "undated"


class EventKind(StrEnum):
    CREATED = "created"
    STATUS = "status"
    DEADLINE = "deadline"
    OWNERS = "owners"
    DESCRIPTION = "description"
    COMMENT = "comment"


class Cluster(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str
    short_name: str | None = None
    chat_id: int = Field(sa_column=Column(BigInteger, unique=True, nullable=False))
    timezone: str = "Africa/Bamako"
    created_at: datetime = Field(sa_type=UTCDateTime)


class OrganisationKind(StrEnum):
    UN = "un"
    RED_CROSS = "red_cross"  # the Red Cross and Red Crescent movement
    INGO = "ingo"  # international NGO
    NGO = "ngo"  # national NGO or association
    GOVERNMENT = "government"
    DONOR = "donor"
    OTHER = "other"  # regional bodies, inter-agency and analysis entities, NGO forums


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    acronym: str = Field(unique=True)
    full_name: str | None = None  # French where there is one
    english_name: str | None = None
    kind: str | None = None  # an OrganisationKind value; None for one only coordinators know
    # Other acronyms and spellings from the directory (storage/data/organisations.csv): the
    # directory owns them and replaces them when it is updated (storage.directory).
    variants: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Names it is also known by that the directory does not own: those coordinators linked,
    # those migration 0002 seeded. The directory never removes one.
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Loaded or merged from the directory. False: created with /organisation and unknown to it.
    from_directory: bool = False


class ClusterOrganisation(SQLModel, table=True):
    __tablename__ = "cluster_organisation"
    cluster_id: int = Field(foreign_key="cluster.id", primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", primary_key=True)


class Member(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    telegram_user_id: int | None = Field(
        default=None, sa_column=Column(BigInteger, unique=True, nullable=True)
    )
    display_name: str
    telegram_username: str | None = None  # without "@": lets "@gerson" name an owner
    # Their own name on Telegram, kept current: shown beside the name a coordinator typed
    # in an invitation, so that a link opened by the wrong person is seen at once.
    telegram_name: str | None = None
    # Other names this person was written as, linked by a coordinator ("Oumou S.").
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    # True once the person has started the bot: only then can it write to them privately.
    reachable: bool = False
    # When a private message to them last failed (blocked, never started): the episode that
    # the coordinators and the group are told about once. Cleared when they start the bot.
    unreachable_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)


class Membership(SQLModel, table=True):
    cluster_id: int = Field(foreign_key="cluster.id", primary_key=True)
    member_id: int = Field(foreign_key="member.id", primary_key=True, index=True)
    role: str  # a Role value
    created_at: datetime = Field(sa_type=UTCDateTime)


class Invitation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    display_name: str
    created_by_member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    used_by_member_id: int | None = Field(default=None, foreign_key="member.id")
    # When the link reached the coordinator privately; None while they have not started
    # the bot, whose /start then sends it.
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Meeting(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    starts_at: datetime = Field(sa_type=UTCDateTime)
    has_time: bool = False
    place: str | None = None
    agenda: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = Field(sa_type=UTCDateTime)
    # When its date was last set: reminders planned for an earlier instant are not sent late.
    updated_at: datetime = Field(sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Action(SQLModel, table=True):
    __table_args__ = (
        Index("ix_action_cluster_status_due", "cluster_id", "status", "due_at"),
        Index("ix_action_status_due", "status", "due_at"),
        Index("ix_action_meeting", "meeting_id"),  # what a meeting created
        # What was added to a cluster between two meetings (the follow-up's "new").
        Index("ix_action_cluster_created", "cluster_id", "created_at"),
        # A cluster's open actions in the order /actions and /retards list them (undated
        # last): a page is read off the index, not sorted from every open action.
        Index(
            "ix_action_open_order",
            "cluster_id",
            text("(due_at IS NULL)"),
            "due_at",
            "id",
            sqlite_where=text(OPEN_WHERE),
            postgresql_where=text(OPEN_WHERE),
        ),
    )
    # The id is the short number people type: "/fait 12". Global, so it is never ambiguous
    # in a private chat where a person follows several clusters.
    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    description: str = Field(sa_type=Text)
    # The end of the deadline (last instant still on time); None when undated.
    due_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    deadline_precision: str = DeadlinePrecision.UNDATED.value
    deadline_label: str | None = None  # a period as said: "fin avril"
    deadline_text: str | None = None  # as typed
    # MEETING precision: due this many days before the cluster's next meeting.
    meeting_offset_days: int | None = None
    # When the current deadline was set: a reminder slot before it is not owed (an action
    # created at 10:00 due tomorrow gets no "demain" digest for 08:00 today).
    deadline_set_at: datetime = Field(sa_type=UTCDateTime)
    status: str = Status.TODO.value
    created_by_member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ActionOwner(SQLModel, table=True):
    __tablename__ = "action_owner"
    __table_args__ = (
        UniqueConstraint("action_id", "position"),
        # "What is mine?" goes from an organisation or a person to action ids: covering
        # indexes answer it without touching the table.
        Index("ix_action_owner_organisation_action", "organisation_id", "action_id"),
        Index("ix_action_owner_member_action", "member_id", "action_id"),
        Index("ix_action_owner_kind_action", "kind", "action_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    position: int
    kind: str  # an OwnerKind value
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    member_id: int | None = Field(default=None, foreign_key="member.id")
    label: str  # as typed, or the resolved name
    unknown: bool = False  # typed name matched nothing: shown flagged until linked


class ActionEvent(SQLModel, table=True):
    __tablename__ = "action_event"
    # The latest comment of each action a follow-up shows, read from the index alone.
    __table_args__ = (Index("ix_action_event_action_kind", "action_id", "kind"),)
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    at: datetime = Field(sa_type=UTCDateTime)
    actor_member_id: int | None = Field(default=None, foreign_key="member.id")
    actor_name: str  # kept as it was then, so history reads right after a rename
    kind: str  # an EventKind value
    old_value: str | None = Field(default=None, sa_type=Text)
    new_value: str | None = Field(default=None, sa_type=Text)
    # The meeting where this was said ("signalé fait à la réunion du 2 mai"); None: in the chat.
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    # The organisation whose part of a shared action it is ("Fait pour OIM"); None: the whole.
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    # Where the change came from: an EventSource value; None: the chat (0012).
    source: str | None = None


class EventSource(StrEnum):
    TRACKER = "tracker"  # a tracker (.xlsx) a coordinator edited offline and sent back


class ActionPart(SQLModel, table=True):
    """One organisation's part of an action owned by several ("OIM, HCR, UNICEF") or by every
    member ("Partenaires du CRP"): each reports its own. No row: that part is still to do."""

    __tablename__ = "action_part"
    __table_args__ = (UniqueConstraint("action_id", "organisation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    action_id: int = Field(foreign_key="action.id", index=True)
    organisation_id: int = Field(foreign_key="organisation.id")
    status: str  # a Status value
    updated_at: datetime = Field(sa_type=UTCDateTime)
    updated_by_member_id: int | None = Field(default=None, foreign_key="member.id")


class Question(SQLModel, table=True):
    """A question the bot asked one person in one chat and awaits the answer to (a guided
    /action, a new deadline, a comment, an import...). Kept here so a restart loses no
    exchange; a person may have several open, and each answer finds its own."""

    __tablename__ = "question"
    __table_args__ = (Index("ix_question_chat_user", "chat_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    user_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    # The bot's messages that ask it (the question, a retry, its preview): a reply to any of
    # them, or a button under one, is an answer to this question.
    message_ids: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    payload: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    asked_at: datetime = Field(sa_type=UTCDateTime)  # last asked: the latest takes plain text


class Milestone(SQLModel, table=True):
    """A dated step of the cluster's calendar ("Soumission des projets OPS — 31 octobre")."""

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    title: str = Field(sa_type=Text)
    due_at: datetime = Field(sa_type=UTCDateTime)  # the end instant, as for an action
    deadline_precision: str = DeadlinePrecision.DAY.value
    deadline_label: str | None = None
    deadline_text: str | None = None
    created_by_member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ReminderSettingsRow(SQLModel, table=True):
    """A cluster's reminder choices; no row means the defaults (storage.views.ReminderSettings)."""

    __tablename__ = "reminder_settings"
    cluster_id: int = Field(foreign_key="cluster.id", primary_key=True)
    enabled: bool = True
    deadline_days_before: list[int] = Field(sa_column=Column(JSON, nullable=False))
    overdue_days_after: list[int] = Field(sa_column=Column(JSON, nullable=False))
    overdue_weekly: bool = True
    escalation_days: int | None = None
    meeting_days_before: list[int] = Field(sa_column=Column(JSON, nullable=False))
    milestone_days_before: list[int] = Field(sa_column=Column(JSON, nullable=False))
    send_hour: int = 8
    # The country (ISO code) whose public holidays get no reminder; "" for none (0010).
    holidays_country: str = Field(default="ML", sa_column_kwargs={"server_default": "ML"})
    updated_at: datetime = Field(sa_type=UTCDateTime)


class ReminderState(StrEnum):
    SENDING = "sending"  # claimed: the send may or may not have reached Telegram
    SENT = "sent"
    FAILED = "failed"  # refused for good (blocked, chat not found): never retried
    # --- i9 delivery: fates a network leaves unknown (see reminders.delivery) ---
    UNCERTAIN = "uncertain"  # may have arrived (cut after writing, a stop mid-send): not resent
    RESEND = "resend"  # no answer came (a hang): the next sweep sends it again, saying so


class SentReminder(SQLModel, table=True):
    """The log of reminders: at most one row, so at most one message, per key."""

    __tablename__ = "reminder_log"
    __table_args__ = (
        UniqueConstraint("recipient", "subject", "kind", "slot", name="uq_reminder_log_key"),
        # The sweep looks a reminder up by what it is about and its day, whoever received it
        # (the unique key starts with the recipient, so it cannot serve that lookup): with
        # this index the cost stays flat as the log grows over the years.
        Index("ix_reminder_log_subject_slot", "subject", "slot"),
        # What a stop left on its way, looked for at start.
        Index("ix_reminder_log_state", "state"),
    )
    id: int | None = Field(default=None, primary_key=True)
    recipient: str  # "m:<member id>" for a person, "g:<cluster id>" for a cluster's group
    subject: str  # "action:12", "meeting:3", "milestone:5", "member:7" (unreachable notice)
    kind: str  # "due-3", "overdue-7", "escalation-7", "meeting-1", "milestone-3", ...
    slot: str  # the local day (ISO) the reminder is for, or the episode it belongs to
    state: str = ReminderState.SENDING.value
    chat_id: int | None = Field(default=None, sa_column=Column(BigInteger, nullable=True))
    message_id: int | None = None
    late: bool = False
    claimed_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    error: str | None = None


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    EXCUSED = "excused"  # said they could not come


class AttendanceSource(StrEnum):
    MINUTES = "minutes"  # the participants list of imported minutes
    SELF = "self"  # the person tapped "Présent(e)"
    COORDINATOR = "coordinator"  # a coordinator marked them


class Attendance(SQLModel, table=True):
    """One person at one meeting, as the participants list wrote them."""

    __table_args__ = (
        # Who came from an organisation, or how often a person came, across meetings.
        Index("ix_attendance_organisation_meeting", "organisation_id", "meeting_id"),
        Index("ix_attendance_member_meeting", "member_id", "meeting_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    meeting_id: int = Field(foreign_key="meeting.id", index=True)
    name: str
    organisation_text: str | None = None  # as written in the list
    # The organisation that text names, when it names one we know.
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")
    function: str | None = None
    email: str | None = None
    phone: str | None = None
    member_id: int | None = Field(default=None, foreign_key="member.id")
    status: str = AttendanceStatus.PRESENT.value  # an AttendanceStatus value
    source: str = AttendanceSource.MINUTES.value  # an AttendanceSource value
    created_at: datetime = Field(sa_type=UTCDateTime)


class DecisionSource(StrEnum):
    TYPED = "typed"  # /decision
    MINUTES = "minutes"  # a recommendation with no owner in imported minutes
    VOTE = "vote"  # the result of a /vote


class Decision(SQLModel, table=True):
    """What a meeting decided or recommended with no owner or deadline."""

    __table_args__ = (Index("ix_decision_cluster_meeting", "cluster_id", "meeting_id"),)
    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id")
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    text: str = Field(sa_type=Text)
    source: str = DecisionSource.TYPED.value  # a DecisionSource value
    # The action it was turned into, once a coordinator gave it an owner and a deadline.
    action_id: int | None = Field(default=None, foreign_key="action.id")
    created_by_member_id: int | None = Field(default=None, foreign_key="member.id")
    created_by_name: str | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)


class Review(SQLModel, table=True):
    """The follow-up of earlier meetings' actions walked through in the group, one item at a
    time. Kept here so a network cut or a restart resumes it where it stopped."""

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    meeting_id: int = Field(foreign_key="meeting.id")
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int | None = None  # the message showing the current item
    # [action id, organisation id or None]: an action shared by several organisations is
    # walked owner by owner.
    items: list[list[int | None]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    position: int = 0  # the item shown now; len(items) once every item was shown
    # By item index (as a string): {"status": ..., "by": name, "member_id": ...} or
    # {"comment": ..., ...}; what the summary lists.
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    started_by_member_id: int | None = Field(default=None, foreign_key="member.id")
    started_at: datetime = Field(sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Vote(SQLModel, table=True):
    """A choice put to the group as a native Telegram poll; its result becomes a decision."""

    id: int | None = Field(default=None, primary_key=True)
    cluster_id: int = Field(foreign_key="cluster.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id")
    chat_id: int = Field(sa_column=Column(BigInteger, nullable=False))
    message_id: int
    poll_id: str = Field(unique=True)  # Telegram's poll id: poll updates name it
    question: str = Field(sa_type=Text)
    options: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    max_answers: int = 1
    counts: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    created_by_member_id: int | None = Field(default=None, foreign_key="member.id")
    created_at: datetime = Field(sa_type=UTCDateTime)
    closed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    decision_id: int | None = Field(default=None, foreign_key="decision.id")
