"""/revue: the follow-up walked through in the group, one item at a time, answers kept as
said at that meeting, a summary at the end."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import col, select

from bot import keyboards
from bot.callbacks import MAX_BYTES, ReviewButton, ReviewOp, decode, encode
from bot.review import summary
from storage.models import Action, ActionEvent, Meeting, Review, Status
from storage.reviews import Outcome, ReviewAnswer, ReviewItem, ReviewView
from tests.conftest import invite
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    Harness,
    build_harness,
    button_data,
    buttons,
    private,
)


async def _log(bot: Harness, text: str) -> None:
    await bot.send(f"/action {text}", user=COORDINATOR, chat=GROUP)


@pytest.fixture
async def actions(cluster: Harness) -> Harness:
    """Three actions logged on 20 October; the meeting is five days later. Action 2 is shared
    by OCHA (Gerson's) and NRC (Hanan's): it is walked in two items."""
    await invite(cluster, "NRC", OTHER_FOCAL, "Hanan Talbi")
    await _log(cluster, "Partager la carte des acteurs — OCHA — 24 octobre")
    await _log(cluster, "Mettre à jour la matrice 3W — OCHA, NRC — 30 octobre")
    await _log(cluster, "Relancer le bailleur — NRC — 30 novembre")
    cluster.clock.advance(days=5)
    cluster.api.clear()
    return cluster


def status(bot: Harness, action_id: int) -> Status:
    with bot.db.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        return Status(action.status)


def reviews(bot: Harness) -> list[Review]:
    with bot.db.session() as session:
        # In the order they were started: PostgreSQL returns rows in no set order, and the
        # review a later /revue ended (an UPDATE) tends to come back last.
        return list(session.exec(select(Review).order_by(col(Review.id))).all())


def texts_of(sent: list[dict[str, Any]]) -> list[str]:
    return [str(m["text"]) for m in sent]


async def press_old(
    bot: Harness, message: dict[str, Any], label: str, *, user: Any
) -> list[dict[str, Any]]:
    """Press a button as the message showed it when sent (its buttons since removed)."""
    return await bot.process(
        bot.updates.callback(button_data(message, label), message=message, user=user)
    )


async def start(bot: Harness) -> dict[str, Any]:
    """/revue by the coordinator: the opening line, then the first item."""
    sent = await bot.send("/revue", user=COORDINATOR, chat=GROUP)
    assert len(sent) == 2, texts_of(sent)
    assert "Revue du suivi — réunion du 25 octobre" in sent[0]["text"]
    return sent[1]


async def test_a_review_walks_every_item_and_ends_with_its_summary(actions: Harness) -> None:
    bot = actions
    first = await start(bot)
    assert "Point 1/4" in first["text"]
    assert "Action n° 1" in first["text"]
    assert "Partager la carte des acteurs" in first["text"]
    assert "en retard de 1 jour" in first["text"]
    assert [label for label, _ in buttons(first)] == [
        "✅ Fait",
        "🔄 En cours",
        "⛔ Bloqué",
        "📅 Reporter",
        "✖️ Annuler",
        "💬 Commenter",
        "⏭️ Suivant",
        "⏹️ Terminer la revue",
    ]
    assert all(len(data.encode()) < MAX_BYTES for _, data in buttons(first))

    # The coordinator answers for any item: recorded as said at that meeting.
    [second] = await bot.press(first, "Fait", user=COORDINATOR)
    assert status(bot, 1) == Status.DONE
    edited = bot.current(first)
    assert "✅ Signalé fait par Oumou Sow à la réunion du 25 octobre" in edited["text"]
    assert not buttons(edited)
    with bot.db.session() as session:
        event = session.exec(
            select(ActionEvent).where(ActionEvent.action_id == 1, ActionEvent.kind == "status")
        ).one()
        meeting = session.get(Meeting, event.meeting_id)
    assert meeting is not None

    # A shared action, owner by owner: OCHA's focal point answers for OCHA's part.
    assert "Point 2/4" in second["text"]
    assert "Part de : OCHA (0 sur 2 organisations : fait)" in second["text"]
    [third] = await bot.press(second, "Fait", user=FOCAL)
    assert "✅ Signalé fait pour OCHA par Gerson Brandao" in bot.current(second)["text"]
    assert status(bot, 2) == Status.IN_PROGRESS  # NRC's part is still open

    # ...but not for NRC's: an alert, nothing changes.
    assert "Part de : NRC (1 sur 2 organisations : fait)" in third["text"]
    assert await bot.press(third, "Fait", user=FOCAL) == []
    assert bot.last_answer()["show_alert"] is True
    assert "Seuls les points focaux" in bot.last_answer()["text"]
    assert status(bot, 2) == Status.IN_PROGRESS
    assert buttons(bot.current(third))

    # Reporter asks the person for the new deadline; the answer moves the review on.
    [question] = await bot.press(third, "Reporter", user=OTHER_FOCAL)
    assert "Nouvelle échéance pour l'action n° 2" in question["text"]
    [fourth] = await bot.send("15 novembre", user=OTHER_FOCAL, chat=GROUP, reply_to=question)
    assert "Point 4/4" in fourth["text"]
    assert "📅 Reporté au mardi 15 novembre 2016 par Hanan Talbi" in bot.current(third)["text"]
    with bot.db.session() as session:
        action = session.get(Action, 2)
        assert action is not None
        assert action.due_at is not None
        assert action.due_at.day == 15

    # Suivant leaves the last item unreviewed; the summary follows.
    sent = await bot.press(fourth, "Suivant", user=COORDINATOR)
    [text] = texts_of(sent)
    assert "Revue terminée — réunion du 25 octobre" in text
    assert "✅ <b>Fait</b> (2)" in text
    assert "• n° 1 — Oumou Sow" in text
    assert "• n° 2 pour OCHA — Gerson Brandao" in text
    assert "📅 <b>Reporté</b> (1)" in text
    assert "1 point non examiné" in text
    assert reviews(bot)[0].ended_at is not None

    # Its buttons are dead now.
    assert await press_old(bot, fourth, "Fait", user=COORDINATOR) == []
    assert bot.last_answer()["text"] == "Cette revue est terminée."


async def test_a_review_started_twice_posts_its_current_item_again(actions: Harness) -> None:
    first = await start(actions)
    await actions.press(first, "Suivant", user=COORDINATOR)

    sent = await actions.send("/revue", user=COORDINATOR, chat=GROUP)

    assert (
        texts_of(sent)[0] == "La revue est déjà en cours (point 2 sur 4). Voici le point en cours."
    )
    assert "Point 2/4" in sent[1]["text"]
    assert len(reviews(actions)) == 1
    # The item posted again answers; the earlier copy of it too, since it is the same item.
    [third] = await actions.press(sent[1], "En cours", user=COORDINATOR)
    assert "Point 3/4" in third["text"]


async def test_an_old_button_of_an_earlier_item_changes_nothing(actions: Harness) -> None:
    first = await start(actions)
    await actions.press(first, "Suivant", user=COORDINATOR)
    # The first item's message lost its buttons; an old copy of them is still refused.
    assert await press_old(actions, first, "Fait", user=COORDINATOR) == []
    assert "n'est plus le point en cours" in actions.last_answer()["text"]
    assert status(actions, 1) == Status.TODO


@pytest.mark.parametrize(
    ("chat", "user", "expected"),
    [
        (None, COORDINATOR, "La revue se fait dans le groupe du cluster"),
        (GROUP, FOCAL, "Seuls les coordinateurs"),
    ],
)
async def test_revue_elsewhere_or_by_a_focal_point_is_refused(
    actions: Harness, chat: Any, user: Any, expected: str
) -> None:
    reply = await actions.say("/revue", user=user, chat=chat or private(user))
    assert expected in reply
    assert reviews(actions) == []


async def test_nothing_to_review_stores_nothing(cluster: Harness) -> None:
    reply = await cluster.say("/revue", user=COORDINATOR, chat=GROUP)
    assert "Rien à passer en revue" in reply
    assert reviews(cluster) == []
    with cluster.db.session() as session:
        assert session.exec(select(Meeting)).all() == []


async def test_focal_points_may_not_cancel_skip_or_end(actions: Harness) -> None:
    first = await start(actions)
    for label in ("Annuler", "Suivant", "Terminer"):
        assert await actions.press(first, label, user=FOCAL) == []
        assert actions.last_answer()["show_alert"] is True
    assert status(actions, 1) == Status.TODO
    assert reviews(actions)[0].position == 0


async def test_cancelling_asks_to_confirm(actions: Harness) -> None:
    first = await start(actions)
    await actions.press(first, "Annuler", user=COORDINATOR)
    asked = actions.current(first)
    assert "Annuler l'action n° 1 ?" in asked["text"]
    await actions.press(asked, "Non, la garder", user=COORDINATOR)
    assert status(actions, 1) == Status.TODO
    await actions.press(actions.current(first), "Annuler", user=COORDINATOR)
    [second] = await actions.press(actions.current(first), "Oui, annuler", user=COORDINATOR)
    assert status(actions, 1) == Status.CANCELLED
    assert "✖️ Action annulée par Oumou Sow" in actions.current(first)["text"]
    assert "Point 2/4" in second["text"]


async def test_an_action_closed_elsewhere_meanwhile_is_shown_as_it_is_and_passed(
    actions: Harness,
) -> None:
    first = await start(actions)
    await actions.send("/fait 1", user=FOCAL, chat=GROUP)

    [second] = await actions.press(first, "Bloqué", user=COORDINATOR)

    assert "a changé entre-temps (statut : Fait)" in actions.last_answer()["text"]
    assert status(actions, 1) == Status.DONE
    assert "Déjà « Fait »" in actions.current(first)["text"]
    assert "Point 2/4" in second["text"]


async def test_a_comment_typed_in_reply_is_kept_and_ending_early_counts_the_rest(
    actions: Harness,
) -> None:
    first = await start(actions)
    [question] = await actions.press(first, "Commenter", user=FOCAL)
    [bad] = await actions.send("x" * 2100, user=FOCAL, chat=GROUP, reply_to=question)
    assert "trop long" in bad["text"]
    [second] = await actions.send("Carte <v2> envoyée", user=FOCAL, chat=GROUP, reply_to=bad)
    assert "Point 2/4" in second["text"]
    assert (
        "💬 Commenté par Gerson Brandao à la réunion du 25 octobre : « Carte &lt;v2&gt; envoyée »"
        in (actions.current(first)["text"])
    )

    sent = await actions.press(second, "Terminer", user=COORDINATOR)

    [text] = texts_of(sent)
    assert "💬 <b>Commenté</b> (1)" in text
    assert "3 points non examinés" in text
    assert not buttons(actions.current(second))


async def test_the_start_button_starts_the_review(actions: Harness) -> None:
    [posted] = await actions.send("/actions", user=COORDINATOR, chat=GROUP)
    markup = keyboards.review_start(reviews_cluster_id(actions)).to_dict()
    holder = {**posted, "reply_markup": markup}
    assert await press_old(actions, holder, "Commencer", user=FOCAL) == []
    assert "Seuls les coordinateurs" in actions.last_answer()["text"]
    sent = await press_old(actions, holder, "Commencer", user=COORDINATOR)
    assert "Point 1/4" in sent[1]["text"]


def reviews_cluster_id(bot: Harness) -> int:
    with bot.db.session() as session:
        action = session.get(Action, 1)
        assert action is not None
        return action.cluster_id


@pytest.mark.parametrize(
    "button",
    [
        ReviewButton(ReviewOp.DONE, 2**31 - 1, 2**31 - 1),
        ReviewButton(ReviewOp.CANCEL_CONFIRMED, 7, 0),
        ReviewButton(ReviewOp.START, 3),
    ],
)
def test_review_buttons_round_trip_under_64_bytes(button: ReviewButton) -> None:
    data = encode(button)
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == button


@pytest.mark.parametrize("data", ["v:d:0:1", "v:z:1:1", "v:d:1", "v:d:a:1", "a:d:1:t", "", None])
def test_unreadable_review_buttons_decode_to_nothing(data: str | None) -> None:
    assert not isinstance(decode(data), ReviewButton)


def test_a_long_summary_is_split_under_the_message_limit() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    items = tuple(ReviewItem(i + 1, None) for i in range(400))
    answers = {
        i: ReviewAnswer(Outcome.COMMENTED, "Nom & Prénom " * 10, None, "<b>&</b> " * 100)
        for i in range(300)
    }
    review = ReviewView(
        id=1,
        cluster_id=1,
        meeting_id=1,
        meeting_starts_at=datetime(2017, 5, 2, tzinfo=UTC),
        chat_id=-1,
        message_id=None,
        items=items,
        position=300,
        answers=answers,
        started_at=datetime(2017, 5, 2, tzinfo=UTC),
        ended_at=None,
    )
    chunks = summary(review, {}, ZoneInfo("Africa/Bamako"))
    assert len(chunks) > 1
    assert all(len(c) <= 4096 for c in chunks)
    assert "100 points non examinés" in chunks[-1]
    bullets = [line for c in chunks for line in c.split("\n") if line.startswith("•")]
    assert len(bullets) == 300
    assert all("&lt;b&gt;&amp;&lt;/b&gt;" in line for line in bullets)


async def test_a_review_resumes_after_a_restart(actions: Harness) -> None:
    first = await start(actions)
    [second] = await actions.press(first, "Suivant", user=COORDINATOR)
    # A new process on the same database: nothing of the review was in memory.
    restarted = build_harness(actions.db, actions.clock.now())
    restarted.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await restarted.app.initialize()
    try:
        sent = await restarted.send("/revue", user=COORDINATOR, chat=GROUP)
        assert "point 2 sur 4" in sent[0]["text"]
        assert "Point 2/4" in sent[1]["text"]
        # The button posted before the restart still answers the same item.
        [third] = await press_old(restarted, second, "En cours", user=COORDINATOR)
        assert "Point 3/4" in third["text"]
        assert status(restarted, 2) == Status.IN_PROGRESS
    finally:
        await restarted.app.shutdown()


async def test_an_unreadable_deadline_is_asked_again_and_changes_nothing(actions: Harness) -> None:
    first = await start(actions)
    [question] = await actions.press(first, "Reporter", user=FOCAL)

    [again] = await actions.send("quand on pourra", user=FOCAL, chat=GROUP, reply_to=question)

    assert "quand on pourra" in again["text"]
    assert reviews(actions)[0].position == 0
    assert buttons(actions.current(first))
    with actions.db.session() as session:
        events = session.exec(select(ActionEvent).where(ActionEvent.kind == "deadline")).all()
    assert events == []


async def test_cancelling_a_part_item_cancels_the_whole_action_and_says_so(
    actions: Harness,
) -> None:
    first = await start(actions)
    [second] = await actions.press(first, "Suivant", user=COORDINATOR)
    assert "Part de : OCHA" in second["text"]
    await actions.press(second, "Annuler", user=COORDINATOR)
    asked = actions.current(second)
    assert "Annuler l'action n° 2 pour toutes les organisations" in asked["text"]
    await actions.press(asked, "Oui, annuler", user=COORDINATOR)
    assert status(actions, 2) == Status.CANCELLED
    assert "✖️ Action annulée par Oumou Sow" in actions.current(second)["text"]


async def test_a_review_left_open_is_summed_up_when_the_next_meetings_begins(
    actions: Harness,
) -> None:
    first = await start(actions)
    await actions.press(first, "Fait", user=COORDINATOR)
    # Nobody pressed Terminer; a week later, at the next meeting:
    actions.clock.advance(days=7)
    await actions.send("/action Nouvelle action — OCHA — 30 novembre", user=COORDINATOR, chat=GROUP)
    actions.clock.advance(hours=1)

    sent = await actions.send("/revue", user=COORDINATOR, chat=GROUP)

    said = texts_of(sent)
    assert "Revue terminée — réunion du 25 octobre" in said[0]
    assert "n° 1 — Oumou Sow" in said[0]
    assert "points non examinés" in said[0]
    assert "Revue du suivi — réunion du 1er novembre" in said[1]
    [old, new] = reviews(actions)
    assert old.ended_at is not None
    assert new.ended_at is None
