"""The review as coordinators and focal points live it when things go sideways: a review
posted twice, owners changed mid-review, anonymous administrators, long texts."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import col, select

from bot.callbacks import MAX_BYTES
from storage.models import Meeting, Review, Status
from tests.bot.test_followup import reviewable
from tests.bot.test_review import press_old, start, status
from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import COORDINATOR, FOCAL, GROUP, OTHER_FOCAL, Harness, buttons

ANONYMOUS = FakeUser(1087968824, "Group", username="GroupAnonymousBot")


@pytest.fixture
async def actions(cluster: Harness) -> Harness:
    """As in test_review: three actions logged on 20 October, action 2 shared by OCHA and
    NRC; the meeting is five days later."""
    await invite(cluster, "NRC", OTHER_FOCAL, "Hanan Talbi")
    for text in (
        "Partager la carte des acteurs — OCHA — 24 octobre",
        "Mettre à jour la matrice 3W — OCHA, NRC — 30 octobre",
        "Relancer le bailleur — NRC — 30 novembre",
    ):
        await cluster.send(f"/action {text}", user=COORDINATOR, chat=GROUP)
    cluster.clock.advance(days=5)
    cluster.api.clear()
    return cluster


def reviews(bot: Harness) -> list[Review]:
    with bot.db.session() as session:
        # In the order they were started: PostgreSQL returns rows in no set order.
        return list(session.exec(select(Review).order_by(col(Review.id))).all())


async def test_revue_again_leaves_buttons_only_under_the_copy_it_posts(actions: Harness) -> None:
    first = await start(actions)
    sent = await actions.send("/revue", user=COORDINATOR, chat=GROUP)
    again = sent[1]
    assert "Point 1/4" in again["text"]
    # Two copies of the same item with buttons: pressing the first would edit the second.
    assert not buttons(actions.current(first))
    [second] = await actions.press(again, "Fait", user=COORDINATOR)
    assert "Signalé fait par Oumou Sow" in actions.current(again)["text"]
    assert not buttons(actions.current(again))
    assert "Point 2/4" in second["text"]


async def test_owners_changed_mid_review_pass_the_part_gone_and_walk_the_rest_whole(
    actions: Harness,
) -> None:
    """Action 2 was OCHA's and NRC's; during the review it becomes NRC's alone."""
    first = await start(actions)
    [second] = await actions.press(first, "Suivant", user=COORDINATOR)
    assert "Part de : OCHA" in second["text"]
    [card] = await actions.send("/voir 2", user=COORDINATOR, chat=GROUP)
    [question] = await actions.press(card, "Responsables", user=COORDINATOR)
    await actions.send("NRC", user=COORDINATOR, chat=GROUP, reply_to=question)

    [third] = await actions.press(second, "Fait", user=FOCAL)

    assert actions.last_answer()["text"] == (
        "L'action n° 2 a changé entre-temps (Plus de part pour OCHA, ses responsables ont "
        "changé) : point suivant."
    )
    assert (
        "ℹ️ Plus de part pour OCHA, ses responsables ont changé avant son tour"
        in (actions.current(second)["text"])
    )
    # NRC's item is the whole action now, NRC's focal point answers for it.
    assert "Point 3/4" in third["text"]
    assert "Responsables : NRC" in third["text"]
    await actions.press(third, "Fait", user=OTHER_FOCAL)
    assert status(actions, 2) == Status.DONE
    assert "✅ Signalé fait par Hanan Talbi" in actions.current(third)["text"]


async def test_an_anonymous_administrator_runs_a_review(actions: Harness) -> None:
    update = actions.updates.message("/revue", chat=GROUP, user=ANONYMOUS)
    update["message"]["sender_chat"] = {"id": GROUP.id, "type": "supergroup", "title": GROUP.title}
    sent = await actions.process(update)
    assert "Revue du suivi" in sent[0]["text"]
    assert len(sent) == 2
    [second] = await actions.press(sent[1], "Fait", user=COORDINATOR)
    assert "Point 2/4" in second["text"]


async def test_an_item_at_its_longest_stays_under_telegram_s_limits(cluster: Harness) -> None:
    await invite(cluster, "NRC", OTHER_FOCAL, "Hanan " + "Talbi&" * 40)
    description = "Partager la carte des acteurs " * 130
    owners = ", ".join(f"Zorglub&<{n}>" for n in range(40))
    await cluster.send(
        f"/action {description} — OCHA, NRC, {owners} — 24 octobre", user=COORDINATOR, chat=GROUP
    )
    cluster.clock.advance(days=5)
    first = await start(cluster)
    [question] = await cluster.press(first, "Commenter", user=FOCAL)
    await cluster.send("& <" * 600, user=FOCAL, chat=GROUP, reply_to=question)
    assert 3000 < len(cluster.current(first)["text"]) <= 4096
    assert [c.method for c in cluster.api.calls if not c.ok] == []
    assert all(len(data.encode()) <= MAX_BYTES for _, data in buttons(first))


async def test_terminer_pressed_twice_posts_one_summary(actions: Harness) -> None:
    first = await start(actions)
    held = actions.current(first)
    sent = await actions.press(first, "Terminer", user=COORDINATOR)
    assert len(sent) == 1
    again = await press_old(actions, held, "Terminer", user=COORDINATOR)
    assert again == []
    assert actions.last_answer()["text"] == "Cette revue est terminée."


async def test_a_morning_post_owed_late_is_not_posted_once_the_review_has_begun(
    cluster: Harness,
) -> None:
    """The bot was down all morning; it is back at 10:20, while the meeting of 10:00 walks
    its review: the agenda of the morning would only interrupt it."""
    await reviewable(cluster)
    cluster.clock.current = datetime(2016, 11, 2, 10, 15, tzinfo=UTC)
    sent = await cluster.send("/revue", user=COORDINATOR, chat=GROUP)
    assert "Point 1/2" in sent[1]["text"]

    cluster.clock.current = datetime(2016, 11, 2, 10, 20, tzinfo=UTC)
    await cluster.sweep()

    assert [m for m in cluster.api.sent(GROUP.id) if "Ordre du jour" in str(m["text"])] == []


async def test_the_second_meeting_of_a_day_reviews_what_the_first_one_left(
    cluster: Harness,
) -> None:
    """A morning meeting at 9h, then one at 15h the same day: the afternoon's /suivi and
    /revue are the afternoon meeting's, and review what was decided in the morning."""
    await cluster.send("/reunion 25 octobre 9h bureau OCHA", user=COORDINATOR, chat=GROUP)
    await cluster.send(
        "/action Partager la carte — OCHA — 24 octobre", user=COORDINATOR, chat=GROUP
    )
    cluster.clock.current = datetime(2016, 10, 25, 9, 30, tzinfo=UTC)
    sent = await cluster.send("/revue", user=COORDINATOR, chat=GROUP)
    await cluster.press(sent[1], "Terminer", user=COORDINATOR)
    await cluster.send(
        "/action Faire le point 3W — OCHA — 28 octobre", user=COORDINATOR, chat=GROUP
    )
    await cluster.send("/reunion 25 octobre 15h salle B", user=COORDINATOR, chat=GROUP)
    cluster.clock.current = datetime(2016, 10, 25, 15, 10, tzinfo=UTC)

    [shown] = await cluster.send("/suivi", user=COORDINATOR, chat=GROUP)
    assert "Réunion du mardi 25 octobre 2016 à 15h00, salle B" in shown["text"]
    assert "Faire le point 3W" in shown["text"]
    sent = await cluster.send("/revue", user=COORDINATOR, chat=GROUP)
    assert "2 points" in sent[0]["text"]
    with cluster.db.session() as session:
        afternoon = session.exec(select(Meeting).where(Meeting.starts_at == shown_at(15))).one()
    assert reviews(cluster)[-1].meeting_id == afternoon.id


def shown_at(hour: int) -> datetime:
    return datetime(2016, 10, 25, hour, 0, tzinfo=UTC)
