"""Who receives a planned reminder on the morning it goes out, and who stands in for whom.

Pure: read models built in memory, no database and no Telegram.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import pytest

from reminders.planning import Audience, Planned, ReminderKind, Subject
from reminders.recipients import (
    ActionItem,
    Addressed,
    ClusterFacts,
    MeetingItem,
    MilestoneItem,
    UnreachableNotice,
    who_receives,
)
from storage.models import DeadlinePrecision, OwnerKind, Status
from storage.reminders import ClusterPeople, Person
from storage.views import (
    ActionView,
    ClusterView,
    DeadlineValue,
    MeetingView,
    MilestoneView,
    OwnerView,
    ReminderSettings,
    ReminderSnapshot,
)

# Monday 8 June 2026 in Bamako (UTC+0): within the sending hours, and then after them.
MORNING = datetime(2026, 6, 8, 9, 0, tzinfo=UTC)
EVENING = datetime(2026, 6, 8, 19, 30, tzinfo=UTC)
BLOCKED_SINCE = datetime(2026, 6, 5, 8, 0, tzinfo=UTC)
CLUSTER = ClusterView(1, "Cluster Protection", "CP", -1001, "Africa/Bamako")
GROUP = "g:1"

# The cluster's people: one coordinator (OCHA), and focal points of UNICEF (two) and PAM.
UNICEF, PAM, NOBODYS = 20, 30, 40
AWA, GERSON, HANAN, MOUSSA = 1, 2, 3, 4
NAMES = {AWA: "Awa Diallo", GERSON: "Gerson Brandao", HANAN: "Hanan Talbi", MOUSSA: "Moussa Keita"}
ORGANISATIONS = {
    AWA: (10, "OCHA"),
    GERSON: (UNICEF, "UNICEF"),
    HANAN: (UNICEF, "UNICEF"),
    MOUSSA: (PAM, "PAM"),
}


def person(member_id: int, *, blocked: bool = False, started: bool = True) -> Person:
    """A member as reminders see them: reachable, or `blocked` (the bot, since
    BLOCKED_SINCE), or never `started` (the bot knows them from the group only)."""
    organisation_id, acronym = ORGANISATIONS.get(member_id, (None, None))
    return Person(
        member_id=member_id,
        telegram_user_id=100 + member_id,
        name=NAMES.get(member_id, f"Membre {member_id}"),
        organisation_id=organisation_id,
        acronym=acronym,
        reachable=started and not blocked,
        unreachable_since=BLOCKED_SINCE if blocked else None,
    )


def people(
    *,
    unreachable: Sequence[int] = (),
    never_started: Sequence[int] = (),
    coordinators: Sequence[int] = (AWA,),
) -> ClusterPeople:
    everyone = {
        mid: person(mid, blocked=mid in unreachable, started=mid not in never_started)
        for mid in (*coordinators, GERSON, HANAN, MOUSSA)
    }
    focal: dict[int, tuple[Person, ...]] = {}
    for mid in (GERSON, HANAN, MOUSSA):
        organisation_id = ORGANISATIONS[mid][0]
        focal[organisation_id] = (*focal.get(organisation_id, ()), everyone[mid])
    return ClusterPeople(
        cluster=CLUSTER,
        coordinators=tuple(everyone[mid] for mid in coordinators),
        members=tuple(everyone.values()),
        focal_points=focal,
    )


def organisation(organisation_id: int, label: str) -> OwnerView:
    return OwnerView(OwnerKind.ORGANISATION, label, organisation_id, None, False)


def member(member_id: int) -> OwnerView:
    return OwnerView(OwnerKind.MEMBER, NAMES[member_id], None, member_id, False)


EVERYONE = OwnerView(OwnerKind.ALL_MEMBERS, "Partenaires du CRP", None, None, False)
COORDINATION = OwnerView(OwnerKind.COORDINATORS, "CCP", None, None, False)
UNLINKED = OwnerView(OwnerKind.UNLINKED, "Sous-cluster VBG", None, None, True)


def action(id: int, *owners: OwnerView, status: Status = Status.TODO) -> ActionView:
    deadline = DeadlineValue(MORNING + timedelta(days=1), DeadlinePrecision.DAY)
    text = "Rédiger la note de protection"
    return ActionView(
        id, CLUSTER.id, CLUSTER.name, text, owners, deadline, status, MORNING, MORNING
    )


def planned(subject: Subject, kind: ReminderKind, *audiences: Audience) -> Planned:
    return Planned(CLUSTER.id, subject, kind, 1, MORNING.date(), MORNING, audiences, late=False)


def due(action_id: int = 12) -> Planned:
    return planned(Subject("action", action_id), ReminderKind.DUE, Audience.OWNERS)


MEETING = MeetingView(3, CLUSTER.id, MORNING + timedelta(days=7), True, "bureau du PNUD")
MEETING_REMINDER = planned(Subject("meeting", 3), ReminderKind.MEETING, Audience.MEMBERS)
IN_A_WEEK = DeadlineValue(MORNING + timedelta(days=7), DeadlinePrecision.DAY)
MILESTONE = MilestoneView(5, CLUSTER.id, "Soumission des projets OPS", IN_A_WEEK, MORNING, MORNING)
MILESTONE_TO_MEMBERS = planned(Subject("milestone", 5), ReminderKind.MILESTONE, Audience.MEMBERS)


def facts(
    who: ClusterPeople,
    *actions: ActionView,
    next_meeting: MeetingView | None = None,
    milestones: Sequence[MilestoneView] = (),
    open_actions: Sequence[ActionView] = (),
) -> ClusterFacts:
    settings = ReminderSettings()
    snapshot = ReminderSnapshot(
        CLUSTER.id, CLUSTER.timezone, settings, (), next_meeting, milestones
    )
    return ClusterFacts(who, snapshot, {a.id: a for a in actions}, list(open_actions))


def reminded(addressed: Sequence[Addressed]) -> list[tuple[str, str | None]]:
    """Who receives a reminder, and on whose behalf when standing in."""
    return [
        (r.key, item.on_behalf if isinstance(item, ActionItem) else None)
        for r, item in addressed
        if not isinstance(item, UnreachableNotice)
    ]


def told(addressed: Sequence[Addressed]) -> list[tuple[str, int, bool]]:
    """Who is told that someone cannot be reached: (recipient, about whom, in the group)."""
    return [
        (r.key, item.person.member_id, item.in_group)
        for r, item in addressed
        if isinstance(item, UnreachableNotice)
    ]


def m(member_id: int) -> str:
    return f"m:{member_id}"


# --- An action's owners -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("owner", "unreachable", "expected"),
    [
        # An organisation's reachable focal points receive it, and only they do.
        (organisation(UNICEF, "UNICEF"), (), [(m(GERSON), None), (m(HANAN), None)]),
        (organisation(UNICEF, "UNICEF"), (GERSON,), [(m(HANAN), None)]),
        # None of them reachable: the coordinators stand in, told whose it is...
        (organisation(UNICEF, "UNICEF"), (GERSON, HANAN), [(m(AWA), "UNICEF")]),
        (organisation(NOBODYS, "IRC"), (), [(m(AWA), "IRC")]),
        # ... and the group when no coordinator can be reached either.
        (organisation(UNICEF, "UNICEF"), (AWA, GERSON, HANAN), [(GROUP, "UNICEF")]),
        (member(MOUSSA), (), [(m(MOUSSA), None)]),
        (member(MOUSSA), (MOUSSA,), [(m(AWA), "Moussa Keita")]),
        # Every member organisation: every focal point, not the coordinators.
        (EVERYONE, (), [(m(GERSON), None), (m(HANAN), None), (m(MOUSSA), None)]),
        (EVERYONE, (GERSON, HANAN, MOUSSA), [(m(AWA), "Partenaires du CRP")]),
        # The coordinators' own action: nobody stands in for them "on behalf" of anyone.
        (COORDINATION, (), [(m(AWA), None)]),
        (COORDINATION, (AWA,), [(GROUP, None)]),
        # A name nobody linked yet reaches the coordinators, with the name as typed.
        (UNLINKED, (), [(m(AWA), "Sous-cluster VBG")]),
        (UNLINKED, (AWA,), [(GROUP, "Sous-cluster VBG")]),
    ],
)
def test_an_action_reminder_reaches_its_owners_or_whoever_stands_in_for_them(
    owner: OwnerView, unreachable: tuple[int, ...], expected: list[tuple[str, str | None]]
) -> None:
    cluster = facts(people(unreachable=unreachable), action(12, owner))
    assert reminded(who_receives([due()], cluster, MORNING)) == expected


def test_each_owner_of_a_shared_action_is_reached_or_stood_in_for_on_its_own() -> None:
    shared = action(12, organisation(UNICEF, "UNICEF"), organisation(PAM, "PAM"))
    cluster = facts(people(unreachable=(GERSON, HANAN)), shared)
    assert reminded(who_receives([due()], cluster, MORNING)) == [
        (m(AWA), "UNICEF"),
        (m(MOUSSA), None),
    ]


MOVED = MeetingView(4, CLUSTER.id, MORNING + timedelta(days=9), True, None)


@pytest.mark.parametrize(
    ("reminder", "cluster"),
    [
        (due(), facts(people(), action(12, COORDINATION, status=Status.DONE))),
        (due(), facts(people(), action(12, COORDINATION, status=Status.CANCELLED))),
        (due(), facts(people())),  # deleted since it was planned
        (MEETING_REMINDER, facts(people(), next_meeting=MOVED)),
        (MILESTONE_TO_MEMBERS, facts(people())),  # cancelled, or passed
    ],
    ids=["done", "cancelled", "deleted", "meeting moved", "milestone gone"],
)
def test_a_reminder_whose_subject_is_closed_or_gone_reaches_nobody(
    reminder: Planned, cluster: ClusterFacts
) -> None:
    assert who_receives([reminder], cluster, MORNING) == []


@pytest.mark.parametrize(("unreachable", "expected"), [((), [m(AWA)]), ((AWA,), [GROUP])])
def test_an_escalation_reaches_the_coordinators_or_the_group_not_the_owners(
    unreachable: tuple[int, ...], expected: list[str]
) -> None:
    escalation = planned(Subject("action", 12), ReminderKind.ESCALATION, Audience.COORDINATORS)
    cluster = facts(people(unreachable=unreachable), action(12, organisation(UNICEF, "UNICEF")))
    addressed = who_receives([escalation], cluster, MORNING)
    assert [key for key, _ in reminded(addressed)] == expected


# --- Meetings and milestones --------------------------------------------------------------


def test_a_meeting_reminder_reaches_each_reachable_member_with_their_open_actions() -> None:
    open_actions = [
        action(21, organisation(UNICEF, "UNICEF")),
        action(22, member(MOUSSA)),
        action(23, EVERYONE),
        action(24, organisation(PAM, "PAM")),
    ]
    cluster = facts(people(unreachable=(HANAN,)), next_meeting=MEETING, open_actions=open_actions)

    addressed = who_receives([MEETING_REMINDER], cluster, MORNING)

    items = {r.key: item for r, item in addressed if isinstance(item, MeetingItem)}
    assert list(items) == [m(AWA), m(GERSON), m(MOUSSA)]
    assert {key: [a.id for a in item.open_actions] for key, item in items.items()} == {
        m(AWA): [23],
        m(GERSON): [21, 23],
        m(MOUSSA): [22, 23, 24],
    }
    assert [item.organisation for item in items.values()] == ["OCHA", "UNICEF", "PAM"]
    assert all(item.meeting == MEETING for item in items.values())


@pytest.mark.parametrize(
    ("audiences", "expected"),
    [
        ((Audience.GROUP, Audience.MEMBERS), [GROUP, m(AWA), m(GERSON), m(MOUSSA)]),
        ((Audience.GROUP,), [GROUP]),
        ((Audience.MEMBERS,), [m(AWA), m(GERSON), m(MOUSSA)]),
    ],
)
def test_a_milestone_reminder_reaches_the_group_and_the_reachable_members_as_planned(
    audiences: tuple[Audience, ...], expected: list[str]
) -> None:
    reminder = planned(Subject("milestone", 5), ReminderKind.MILESTONE, *audiences)
    cluster = facts(people(unreachable=(HANAN,)), milestones=[MILESTONE])

    addressed = who_receives([reminder], cluster, MORNING)

    assert [key for key, _ in reminded(addressed)] == expected
    assert all(
        isinstance(item, MilestoneItem) and item.milestone == MILESTONE
        for _, item in addressed
        if not isinstance(item, UnreachableNotice)
    )


# --- People who cannot be reached ---------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "slot"),
    [
        (people(unreachable=(GERSON,)), BLOCKED_SINCE.isoformat()),
        (people(never_started=(GERSON,)), "never"),
    ],
    ids=["blocked", "never started"],
)
def test_whoever_cannot_be_reached_is_announced_to_the_coordinators_and_the_group(
    who: ClusterPeople, slot: str
) -> None:
    addressed = who_receives([due()], facts(who, action(12, member(GERSON))), MORNING)

    assert reminded(addressed) == [(m(AWA), "Gerson Brandao")]
    assert told(addressed) == [(m(AWA), GERSON, False), (GROUP, GERSON, True)]
    # Told once per episode: the log keys a notice on when it began (or on "never").
    assert {item.slot for _, item in addressed if isinstance(item, UnreachableNotice)} == {slot}


def test_someone_missed_by_several_reminders_is_announced_once() -> None:
    cluster = facts(
        people(unreachable=(GERSON,)),
        action(12, organisation(UNICEF, "UNICEF")),
        action(13, member(GERSON)),
        milestones=[MILESTONE],
    )

    addressed = who_receives([due(12), due(13), MILESTONE_TO_MEMBERS], cluster, MORNING)

    assert told(addressed) == [(m(AWA), GERSON, False), (GROUP, GERSON, True)]
    assert isinstance(addressed[-1][1], UnreachableNotice)  # after the reminders


def test_an_unreachable_coordinator_is_announced_to_the_others_not_to_themselves() -> None:
    cluster = facts(people(unreachable=(AWA,), coordinators=(AWA, 5)), action(12, COORDINATION))

    addressed = who_receives([due()], cluster, MORNING)

    assert reminded(addressed) == [(m(5), None)]
    assert told(addressed) == [(m(5), AWA, False), (GROUP, AWA, True)]


def test_without_a_reachable_coordinator_only_the_group_is_told() -> None:
    cluster = facts(
        people(unreachable=(AWA, GERSON, HANAN)), action(12, organisation(UNICEF, "UNICEF"))
    )

    addressed = who_receives([due()], cluster, MORNING)

    assert reminded(addressed) == [(GROUP, "UNICEF")]
    # Only those the reminder was for are announced, not the coordinators who could not
    # stand in for them.
    assert told(addressed) == [(GROUP, GERSON, True), (GROUP, HANAN, True)]


def test_nobody_is_told_of_the_unreachable_outside_the_sending_hours() -> None:
    cluster = facts(
        people(unreachable=(GERSON,)), next_meeting=MEETING, open_actions=[action(21, EVERYONE)]
    )

    addressed = who_receives([MEETING_REMINDER], cluster, EVENING)

    assert [key for key, _ in reminded(addressed)] == [m(AWA), m(HANAN), m(MOUSSA)]
    assert told(addressed) == []
