"""Read models: plain frozen values that leave a session. Never a live ORM row."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from storage.models import DeadlinePrecision, EventKind, OrganisationKind, OwnerKind, Role, Status


@dataclass(frozen=True)
class Author:
    """Who makes a change and when, as the history will name them."""

    member_id: int | None  # None: an anonymous group administrator
    name: str
    at: datetime  # aware UTC


@dataclass(frozen=True)
class ClusterView:
    id: int
    name: str
    short_name: str | None
    chat_id: int
    timezone: str

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)  # ZoneInfo keeps one instance per key: cheap to ask again


@dataclass(frozen=True)
class OrganisationView:
    id: int
    acronym: str
    full_name: str | None
    aliases: tuple[str, ...]  # linked by coordinators (and seeded by migration 0002)
    english_name: str | None = None
    variants: tuple[str, ...] = ()  # the directory's other acronyms and spellings
    kind: OrganisationKind | None = None  # None: only coordinators know it

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it answers to as an owner, each once: "WHO" finds OMS, "ACF-France" ACF."""
        names = (self.acronym, self.full_name, self.english_name, *self.variants, *self.aliases)
        return tuple(dict.fromkeys(n for n in names if n))


@dataclass(frozen=True)
class MemberView:
    id: int
    telegram_user_id: int | None
    display_name: str
    organisation_id: int | None
    organisation_acronym: str | None
    reachable: bool
    telegram_username: str | None = None
    telegram_name: str | None = None  # their own name on Telegram, when it was seen


@dataclass(frozen=True)
class MembershipView:
    cluster: ClusterView
    member: MemberView
    role: Role


@dataclass(frozen=True)
class OwnerView:
    kind: OwnerKind
    label: str
    organisation_id: int | None
    member_id: int | None
    unknown: bool


@dataclass(frozen=True)
class DeadlineValue:
    """What storage keeps of a deadline: its end instant, how precise it is, and the text."""

    due_at: datetime | None
    precision: DeadlinePrecision
    label: str | None = None
    text: str | None = None
    meeting_offset_days: int | None = None  # MEETING: days before the next meeting


@dataclass(frozen=True)
class OwnerInput:
    kind: OwnerKind
    label: str
    organisation_id: int | None = None
    member_id: int | None = None
    unknown: bool = False


@dataclass(frozen=True)
class ActionView:
    id: int
    cluster_id: int
    cluster_name: str
    description: str
    owners: tuple[OwnerView, ...]
    deadline: DeadlineValue
    status: Status
    created_at: datetime
    updated_at: datetime
    meeting_id: int | None = None  # the meeting it came from
    meeting_starts_at: datetime | None = None  # that meeting's start ("issue de la réunion du")

    def is_late(self, now: datetime) -> bool:
        due = self.deadline.due_at
        return self.status.is_open and due is not None and due < now


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor_name: str
    kind: EventKind
    old_value: str | None
    new_value: str | None
    meeting_starts_at: datetime | None = None  # said at that meeting
    organisation_acronym: str | None = None  # for that organisation's part
    source: str | None = None  # an EventSource value; None: said in the chat


@dataclass(frozen=True)
class ActionPage:
    actions: tuple[ActionView, ...]
    total: int
    page: int
    page_size: int

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.page_size))


@dataclass(frozen=True)
class OrganisationRoster:
    organisation: OrganisationView
    focal_points: tuple[MemberView, ...]
    pending_invitations: tuple[str, ...]  # display names of invitees who have not opened their link
    expired_invitations: tuple[str, ...] = ()  # those whose link can no longer be opened


@dataclass(frozen=True)
class Roster:
    cluster: ClusterView
    coordinators: tuple[MemberView, ...]
    organisations: tuple[OrganisationRoster, ...]


@dataclass(frozen=True)
class MeetingView:
    id: int
    cluster_id: int
    starts_at: datetime
    has_time: bool
    place: str | None
    agenda: str | None = None
    updated_at: datetime | None = None  # when its date was last set


@dataclass(frozen=True)
class MilestoneView:
    id: int
    cluster_id: int
    title: str
    deadline: DeadlineValue
    created_at: datetime
    updated_at: datetime

    @property
    def due_at(self) -> datetime:
        assert self.deadline.due_at is not None  # a milestone is always dated
        return self.deadline.due_at


@dataclass(frozen=True)
class ReminderSettings:
    """When a cluster's reminders go out. Days are calendar days, counted in the cluster's
    time zone; a reminder that falls on a weekend moves to the nearest working day."""

    enabled: bool = True
    deadline_days_before: tuple[int, ...] = (3, 1, 0)  # 0: the morning of the deadline
    overdue_days_after: tuple[int, ...] = (1, 3, 7)
    overdue_weekly: bool = True  # then every 7 days while the action stays open
    escalation_days: int | None = 7  # coordinators told at this many days late; None: never
    meeting_days_before: tuple[int, ...] = (7, 1)
    milestone_days_before: tuple[int, ...] = (7, 3, 1)
    send_hour: int = 8  # local hour of the morning reminders (working days only)
    holidays_country: str = "ML"  # whose public holidays are not working days; "": none


@dataclass(frozen=True)
class DatedAction:
    """What planning needs of an open action with a date."""

    id: int
    cluster_id: int
    due_at: datetime
    precision: DeadlinePrecision
    status: Status
    deadline_set_at: datetime  # reminder slots before this instant are not owed


@dataclass(frozen=True)
class ReminderSnapshot:
    """One cluster as reminder planning sees it at one instant."""

    cluster_id: int
    timezone: str
    settings: ReminderSettings
    actions: Sequence[DatedAction] = ()
    next_meeting: MeetingView | None = None
    milestones: Sequence[MilestoneView] = field(default_factory=tuple)
    # The meeting of the cluster's local today, begun or not: its review is posted that morning.
    meeting_today: MeetingView | None = None


@dataclass(frozen=True)
class QuestionRow:
    """An open question as stored: its payload is the bot's business (bot.conversation)."""

    id: int
    chat_id: int
    user_id: int
    message_ids: tuple[int, ...]
    payload: dict[str, Any]
    asked_at: datetime
