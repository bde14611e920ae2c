""" "Whose action is this" is written three times: the rights check (storage is_owner), the
list of "my" actions (storage list_owned_actions) and who receives its reminders (reminders
recipients). They must agree, for every kind of owner and every kind of person."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from reminders.planning import Audience, Planned, ReminderKind, Subject
from reminders.recipients import ClusterFacts, MeetingItem, who_receives
from storage.actions import get_actions, is_owner, list_owned_actions
from storage.clusters import get_cluster_by_chat
from storage.members import get_member_by_telegram_id, memberships_of_user
from storage.reminders import cluster_people
from storage.views import MeetingView, ReminderSettings, ReminderSnapshot
from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OTHER_GROUP,
    OUTSIDER,
    Harness,
    private,
)

ELSEWHERE = FakeUser(206, "Moussa", "Keïta")  # OCHA's focal point in the other cluster only
MORNING = datetime(2016, 10, 24, 8, 0, tzinfo=UTC)

# The owner as typed, and who among the focal points answers for it.
OWNERS = [
    ("OCHA", {FOCAL}),
    ("Hanan Talbi", {OTHER_FOCAL}),
    ("Partenaires du CRP", {FOCAL, OTHER_FOCAL}),
    ("CCP", set()),
    ("Zorglub", set()),
]
PEOPLE = [FOCAL, OTHER_FOCAL, ELSEWHERE, OUTSIDER]


@pytest.fixture
async def world(cluster: Harness) -> Harness:
    await invite(cluster, "NRC", OTHER_FOCAL, "Hanan Talbi")
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    code = await cluster.invitation("/inviter OCHA Moussa Keïta", chat=OTHER_GROUP)
    await cluster.send(f"/start {code}", user=ELSEWHERE, chat=private(ELSEWHERE))
    return cluster


def planned(subject: Subject, kind: ReminderKind, audience: Audience) -> Planned:
    return Planned(0, subject, kind, 1, MORNING.date(), MORNING, (audience,), late=False)


@pytest.mark.parametrize(("typed", "owners"), OWNERS)
async def test_the_rights_the_lists_and_the_reminders_agree_on_whose_action_it_is(
    world: Harness, typed: str, owners: set[FakeUser]
) -> None:
    card = await world.say(
        f"/action Faire la cartographie — {typed} — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    assert "Action n° 1" in card
    with world.db.session() as session:
        cp = get_cluster_by_chat(session=session, chat_id=GROUP.id)
        assert cp is not None
        crowd = cluster_people(session=session, cluster_ids=[cp.id])[cp.id]
        action = get_actions(session=session, action_ids=[1])[1]
        meeting = MeetingView(1, cp.id, MORNING, True, None)
        snapshot = ReminderSnapshot(cp.id, cp.timezone, ReminderSettings(), (), meeting)
        facts = ClusterFacts(crowd, snapshot, {1: action}, [action])
        reminded = who_receives(
            [planned(Subject("action", 1), ReminderKind.DUE, Audience.OWNERS)], facts, MORNING
        )
        briefed = who_receives(
            [planned(Subject("meeting", 1), ReminderKind.MEETING, Audience.MEMBERS)], facts, MORNING
        )
        for user in PEOPLE:
            member = get_member_by_telegram_id(session=session, telegram_user_id=user.id)
            if member is None:  # never seen: nobody's action is theirs
                assert user not in owners
                assert not is_owner(session=session, action_id=1, telegram_user_id=user.id)
                continue
            member_of = [
                m.cluster.id for m in memberships_of_user(session=session, telegram_user_id=user.id)
            ]
            mine = list_owned_actions(
                session=session,
                cluster_ids=[cp.id],
                organisation_id=member.organisation_id,
                member_id=member.id,
                member_cluster_ids=member_of,
            )
            key = f"m:{member.id}"
            briefing = [i for r, i in briefed if r.key == key and isinstance(i, MeetingItem)]
            expected = user in owners
            assert is_owner(session=session, action_id=1, telegram_user_id=user.id) == expected, (
                user
            )
            assert ([a.id for a in mine.actions] == [1]) == expected, user
            assert any(r.key == key for r, _ in reminded) == expected, user
            assert any(a.id == 1 for i in briefing for a in i.open_actions) == expected, user
