"""Who receives each reminder this morning, and what each of them is told.

Pure: read models in, (recipient, item) pairs out; no session, no Telegram, no clock.
Recipients are resolved on the morning a reminder goes out, not when it was planned: someone
removed yesterday gets nothing today, and a focal point who joined yesterday gets it. When
nobody behind an owner can be reached the coordinators stand in, and the cluster's group
when no coordinator can be reached either; whoever cannot be reached is announced to the
coordinators and the group.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from reminders.planning import Audience, Planned, ReminderKind, Subject, may_send
from storage.followup import FollowUp
from storage.models import OwnerKind
from storage.parts import Parts
from storage.reminders import ClusterPeople, Person
from storage.views import (
    ActionView,
    ClusterView,
    MeetingView,
    MilestoneView,
    OwnerView,
    ReminderSnapshot,
)

# --- Who ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recipient:
    key: str  # "m:<member id>" or "g:<cluster id>": stable across chat id changes
    chat_id: int
    name: str
    member_id: int | None = None
    cluster_id: int | None = None  # set for a cluster's group

    @property
    def is_group(self) -> bool:
        return self.cluster_id is not None


def person_recipient(person: Person) -> Recipient:
    assert person.telegram_user_id is not None
    return Recipient(
        f"m:{person.member_id}", person.telegram_user_id, person.name, person.member_id
    )


def group_recipient(cluster: ClusterView) -> Recipient:
    return Recipient(f"g:{cluster.id}", cluster.chat_id, cluster.display_name, None, cluster.id)


# --- What ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionItem:
    """A deadline coming, passed, or (ESCALATION) passed long enough to tell coordinators."""

    planned: Planned
    cluster: ClusterView
    action: ActionView
    on_behalf: str | None = None  # the owner whose focal points could not be reached
    # A shared action (storage.parts): how far its organisations are, and the recipient's
    # organisation when its part is the one they are reminded of ("Fait pour mon organisation").
    parts: Parts | None = None
    my_part: str | None = None


@dataclass(frozen=True)
class MeetingItem:
    planned: Planned
    cluster: ClusterView
    meeting: MeetingView
    organisation: str | None  # the recipient's organisation, whose open actions follow
    open_actions: tuple[ActionView, ...] = ()


@dataclass(frozen=True)
class MilestoneItem:
    planned: Planned
    cluster: ClusterView
    milestone: MilestoneView


@dataclass(frozen=True)
class ReviewItem:
    """The follow-up of the day's meeting, posted in the cluster's group that morning."""

    planned: Planned
    cluster: ClusterView
    follow_up: FollowUp


@dataclass(frozen=True)
class UnreachableNotice:
    """Told once per episode: to coordinators privately, and in the group as a mention."""

    cluster: ClusterView
    person: Person
    in_group: bool
    slot: str
    late: bool = False

    @property
    def subject(self) -> Subject:
        return Subject("member", self.person.member_id)


Item = ActionItem | MeetingItem | MilestoneItem | ReviewItem | UnreachableNotice


# --- Who receives what ----------------------------------------------------------------------


@dataclass(frozen=True)
class ClusterFacts:
    """What decides who receives one cluster's reminders this morning."""

    people: ClusterPeople
    snapshot: ReminderSnapshot
    actions: dict[int, ActionView]  # what its action reminders are about, by id
    open_actions: list[ActionView]  # its open actions, for a meeting's reminder
    follow_up: FollowUp | None = None  # read only when its review is posted this sweep
    # The shared ones among those actions, by id: their reminders chase only the parts open.
    parts: Mapping[int, Parts] = field(default_factory=dict)


Addressed = tuple[Recipient, Item]  # an item, and who it goes to


def who_receives(planned: Sequence[Planned], facts: ClusterFacts, now: datetime) -> list[Addressed]:
    """Who receives each of one cluster's planned reminders, in the order they were planned,
    then the notices about whoever should have received one and cannot be reached."""
    addressed: list[Addressed] = []
    missed: dict[int, Person] = {}
    for p in planned:
        deliveries, unreached = _expand(p, facts)
        addressed.extend(deliveries)
        missed.update((person.member_id, person) for person in unreached)
    # Coordinators and group are told once per episode (a notice's slot is when the episode
    # began), and only in the cluster's sending hours.
    if missed and may_send(now, facts.people.cluster.tz, facts.snapshot.settings):
        for person in missed.values():
            addressed.extend(_notices(facts.people, person))
    return addressed


def _reachable(people: Sequence[Person]) -> tuple[list[Recipient], list[Person]]:
    ok = [person_recipient(p) for p in people if p.can_receive]
    missed = [p for p in people if not p.can_receive]
    return ok, missed


def _coordinators(people: ClusterPeople) -> list[Recipient]:
    """The coordinators who can be reached, or the group when none can."""
    ok, _ = _reachable(people.coordinators)
    return ok or [group_recipient(people.cluster)]


_Expansion = tuple[list[Addressed], list[Person]]  # who receives it, who cannot be reached


def _expand(p: Planned, facts: ClusterFacts) -> _Expansion:
    """Who gets this planned reminder, resolved now (someone removed yesterday gets nothing
    today), and who should have and cannot be reached."""
    if p.kind == ReminderKind.REVIEW:
        return _review_deliveries(p, facts)
    if p.subject.kind == "action":
        return _action_deliveries(p, facts)
    if p.subject.kind == "meeting":
        return _meeting_deliveries(p, facts)
    if p.subject.kind == "milestone":
        return _milestone_deliveries(p, facts)
    return [], []


def _action_deliveries(p: Planned, facts: ClusterFacts) -> _Expansion:
    action = facts.actions.get(p.subject.id)
    people = facts.people
    if action is None or not action.status.is_open:
        return [], []
    deliveries: list[Addressed] = []
    missed: list[Person] = []
    parts = facts.parts.get(action.id)
    # Every part done while the action is open (a coordinator reopened it): chase them all.
    chased = parts if parts is not None and parts.open else None
    if Audience.COORDINATORS in p.audiences:
        deliveries.extend(
            (r, ActionItem(p, people.cluster, action, parts=parts)) for r in _coordinators(people)
        )
    if Audience.OWNERS in p.audiences:
        for owner in action.owners:
            persons, named = _owner_people(owner, people)
            if chased is not None:
                # A person named beside their organisation ("OCHA, NRC, Gerson") is not
                # chased once OCHA's part is done, and nobody stands in for them either.
                kept = [x for x in persons if not _part_done(chased, x)]
                if not kept and (persons or _owner_done(chased, owner)):
                    continue  # that organisation has done its part: nobody to chase
                persons = kept
            ok, unreached = _reachable(persons)
            missed.extend(unreached)
            if ok:
                # The recipients just found, one for each person who can receive it.
                reached = [x for x in persons if x.can_receive]
                deliveries.extend(
                    (
                        r,
                        ActionItem(
                            p, people.cluster, action, parts=parts, my_part=_open_part(chased, x)
                        ),
                    )
                    for r, x in zip(ok, reached, strict=True)
                )
            else:
                # No focal point of this owner can be reached: the coordinators stand in.
                behalf = owner.label if named else None
                deliveries.extend(
                    (r, ActionItem(p, people.cluster, action, on_behalf=behalf, parts=parts))
                    for r in _coordinators(people)
                )
    return deliveries, missed


def _meeting_deliveries(p: Planned, facts: ClusterFacts) -> _Expansion:
    meeting = facts.snapshot.next_meeting
    if meeting is None or meeting.id != p.subject.id:
        return [], []
    members = facts.people.members
    coordinators = {c.member_id for c in facts.people.coordinators}
    deliveries: list[Addressed] = []
    for person in members:
        if person.can_receive:
            # Each member comes with the open actions that are theirs to answer for; a
            # coordinator with those of "CCP" too.
            coordinator = person.member_id in coordinators
            mine = tuple(
                a
                for a in facts.open_actions
                if _concerns(a, person, facts.parts.get(a.id), coordinator=coordinator)
            )
            # Their organisation's actions, or theirs when some are the coordinators'.
            ccp = coordinator and any(_coordinators_own(a) for a in mine)
            organisation = None if ccp else person.acronym
            item = MeetingItem(p, facts.people.cluster, meeting, organisation, mine)
            deliveries.append((person_recipient(person), item))
    return deliveries, [m for m in members if not m.can_receive]


def _review_deliveries(p: Planned, facts: ClusterFacts) -> _Expansion:
    review = facts.follow_up
    if review is None or review.meeting is None or review.meeting.id != p.subject.id:
        return [], []
    group = group_recipient(facts.people.cluster)
    return [(group, ReviewItem(p, facts.people.cluster, review))], []


def _milestone_deliveries(p: Planned, facts: ClusterFacts) -> _Expansion:
    milestone = next((m for m in facts.snapshot.milestones if m.id == p.subject.id), None)
    if milestone is None:
        return [], []
    item = MilestoneItem(p, facts.people.cluster, milestone)
    deliveries: list[Addressed] = []
    missed: list[Person] = []
    if Audience.GROUP in p.audiences:
        deliveries.append((group_recipient(facts.people.cluster), item))
    if Audience.MEMBERS in p.audiences:
        ok, missed = _reachable(facts.people.members)
        deliveries.extend((r, item) for r in ok)
    return deliveries, missed


def _owner_people(owner: OwnerView, people: ClusterPeople) -> tuple[list[Person], bool]:
    """The people behind one owner, and whether a stand-in should be told whose it is."""
    if owner.kind == OwnerKind.ORGANISATION and owner.organisation_id is not None:
        return list(people.focal_points.get(owner.organisation_id, ())), True
    if owner.kind == OwnerKind.MEMBER and owner.member_id is not None:
        return [m for m in people.members if m.member_id == owner.member_id], True
    if owner.kind == OwnerKind.ALL_MEMBERS:
        return [p for focal in people.focal_points.values() for p in focal], True
    if owner.kind == OwnerKind.COORDINATORS:
        return list(people.coordinators), False
    return [], True  # a name nobody linked yet: the coordinators hear of it


def _coordinators_own(action: ActionView) -> bool:
    return any(owner.kind == OwnerKind.COORDINATORS for owner in action.owners)


def _concerns(
    action: ActionView, person: Person, parts: Parts | None = None, *, coordinator: bool = False
) -> bool:
    if coordinator and _coordinators_own(action):
        return True  # "CCP": the coordinators present it, whatever their organisation did
    if parts is not None and parts.open and _part_done(parts, person):
        return False  # their organisation's part is done: nothing to come with
    for owner in action.owners:
        if owner.kind == OwnerKind.ALL_MEMBERS:
            return True
        if owner.kind == OwnerKind.MEMBER and owner.member_id == person.member_id:
            return True
        if (
            owner.kind == OwnerKind.ORGANISATION
            and person.organisation_id is not None
            and owner.organisation_id == person.organisation_id
        ):
            return True
    return False


def _notices(people: ClusterPeople, person: Person) -> list[Addressed]:
    since = person.unreachable_since
    slot = since.isoformat() if since else "never"
    out: list[Addressed] = [
        (r, UnreachableNotice(people.cluster, person, in_group=False, slot=slot))
        for r in _reachable(people.coordinators)[0]
        if r.member_id != person.member_id
    ]
    out.append(
        (
            group_recipient(people.cluster),
            UnreachableNotice(people.cluster, person, in_group=True, slot=slot),
        )
    )
    return out


# --- Actions that belong to many -----------------------------------------------------------


def _part_done(parts: Parts, person: Person) -> bool:
    """Whether this person's organisation has a part, and it is done."""
    if person.organisation_id is None:
        return False
    status = parts.status_of(person.organisation_id)
    return status is not None and not status.is_open


def _owner_done(parts: Parts, owner: OwnerView) -> bool:
    """Whether this owner has nothing left: its organisation's part, or every part, done."""
    if owner.kind == OwnerKind.ORGANISATION and owner.organisation_id is not None:
        status = parts.status_of(owner.organisation_id)
        return status is not None and not status.is_open
    return owner.kind == OwnerKind.ALL_MEMBERS


def _open_part(parts: Parts | None, person: Person) -> str | None:
    """The recipient's organisation, when the reminder is of its open part."""
    if parts is None or person.organisation_id is None:
        return None
    status = parts.status_of(person.organisation_id)
    return person.acronym if status is not None and status.is_open else None
