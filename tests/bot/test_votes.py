"""Votes: /vote posts a native poll with 🔒 under it; closing it keeps the result as a decision."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import col, select

from bot import texts
from bot.handlers.votes import VoteInput, read_vote
from storage.models import Decision, DecisionSource, Vote
from tests.harness import COORDINATOR, FOCAL, GROUP, OUTSIDER, Harness, buttons, private

INDICATORS = "/vote Quels indicateurs retenir ? — Indicateur A — Indicateur B — Indicateur C"


def votes(bot: Harness) -> list[Vote]:
    with bot.db.session() as session:
        return list(session.exec(select(Vote).order_by(col(Vote.id))).all())


def decisions(bot: Harness) -> list[Decision]:
    with bot.db.session() as session:
        return list(session.exec(select(Decision).order_by(col(Decision.id))).all())


async def open_poll(bot: Harness, text: str = INDICATORS) -> dict[str, Any]:
    """The poll message as it is now (with its button), in the harness's message shape."""
    before = len(bot.api.calls_to("sendPoll"))
    replies = await bot.send(text, user=COORDINATOR, chat=GROUP)
    assert replies == []  # the poll is the answer
    [call] = [c for c in bot.api.calls if c.method == "sendPoll"][before:]
    assert call.result is not None
    poll = {"chat_id": GROUP.id, "message_id": call.result["message_id"]}
    return bot.current(poll)


async def test_a_coordinator_opens_a_poll_with_a_close_button_stored_as_a_vote(
    cluster: Harness,
) -> None:
    poll = await open_poll(cluster)

    [params] = cluster.api.calls_to("sendPoll")
    assert params["question"] == "Quels indicateurs retenir ?"
    assert [o["text"] for o in params["options"]] == [
        "Indicateur A",
        "Indicateur B",
        "Indicateur C",
    ]
    assert params["is_anonymous"] is False
    assert params.get("allows_multiple_answers", False) is False
    assert [label for label, _ in buttons(poll)] == ["🔒 Clore le vote"]
    [vote] = votes(cluster)
    assert vote.max_answers == 1
    assert vote.meeting_id is None  # no meeting today


async def test_closing_records_the_result_as_a_decision_of_todays_meeting(
    cluster: Harness,
) -> None:
    await cluster.send("/reunion 20 octobre 16h", user=COORDINATOR, chat=GROUP)
    poll = await open_poll(
        cluster,
        "/vote 9 indicateurs présentés, en sélectionner 2\nIndicateur A\nIndicateur B\n"
        "Indicateur C",
    )
    [params] = cluster.api.calls_to("sendPoll")
    assert params["allows_multiple_answers"] is True
    cluster.api.vote(GROUP.id, poll["message_id"], [5, 1, 4], voters=6)

    [posted] = await cluster.press(poll, "Clore", user=COORDINATOR)

    expected = (
        "Vote : 9 indicateurs présentés, en sélectionner 2 — Indicateur A : 5, "
        "Indicateur C : 4, Indicateur B : 1 (6 votants) ; retenus : Indicateur A, Indicateur C"
    )
    assert expected in posted["text"]
    assert "pour la réunion du jeudi 20 octobre 2016" in posted["text"]
    [decision] = decisions(cluster)
    assert decision.text == expected
    assert decision.source == DecisionSource.VOTE.value
    assert decision.meeting_id is not None
    [vote] = votes(cluster)
    assert vote.counts == [5, 1, 4]
    assert vote.closed_at is not None
    assert vote.decision_id == decision.id
    assert buttons(cluster.current(poll)) == []  # the poll is stopped, its button gone


async def test_a_vote_closed_already_is_said_and_not_recorded_twice(cluster: Harness) -> None:
    poll = await open_poll(cluster)
    pressed = {**poll}  # the message as the second person still sees it, button and all
    await cluster.press(poll, "Clore", user=COORDINATOR)

    replies = await cluster.process(
        cluster.updates.callback(buttons(pressed)[0][1], message=pressed, user=COORDINATOR)
    )

    assert replies == []
    assert cluster.last_answer()["text"] == texts.VOTE_ALREADY_CLOSED
    assert len(decisions(cluster)) == 1


async def test_a_tie_is_said_rather_than_a_choice_made(cluster: Harness) -> None:
    poll = await open_poll(cluster)
    cluster.api.vote(GROUP.id, poll["message_id"], [3, 3, 1], voters=7)

    [posted] = await cluster.press(poll, "Clore", user=COORDINATOR)

    assert "égalité entre Indicateur A, Indicateur B : à départager" in posted["text"]


async def test_only_coordinators_open_and_close_votes(cluster: Harness) -> None:
    said = await cluster.say(INDICATORS, user=FOCAL, chat=GROUP)
    assert "Seuls les coordinateurs" in said
    assert cluster.api.calls_to("sendPoll") == []

    poll = await open_poll(cluster)
    for user in (FOCAL, OUTSIDER):
        assert await cluster.press(poll, "Clore", user=user) == []
        answer = cluster.last_answer()
        assert answer["show_alert"] is True
        assert "Seuls les coordinateurs" in answer["text"]
    assert decisions(cluster) == []
    assert cluster.api.calls_to("stopPoll") == []


async def test_a_vote_is_for_the_group(cluster: Harness) -> None:
    said = await cluster.say(INDICATORS, user=COORDINATOR, chat=private(COORDINATOR))
    assert said == texts.VOTE_PRIVATE


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", "au moins deux options"),
        ("Quels indicateurs ?", "au moins deux options"),
        ("Quels indicateurs ? — Indicateur A", "au moins deux options"),
        ("— Indicateur A — Indicateur B", "Il manque la question"),
        ("Q ? — " + " — ".join(f"Option {i}" for i in range(13)), "au plus 12 options"),
        ("Q" * 301 + " — A — B", "La question fait 301 caractères"),
        ("Q ? — A — " + "B" * 101, "fait 101 caractères"),
        ("Q ? — Oui — oui", "figure deux fois"),
        ("Choisir 3 sur 3 — A — B — C", "il n'y a que 3 options"),
    ],
)
async def test_bad_votes_get_a_french_reply_and_no_poll(
    cluster: Harness, typed: str, expected: str
) -> None:
    said = await cluster.say(f"/vote {typed}", user=COORDINATOR, chat=GROUP)

    assert expected in said
    assert cluster.api.calls_to("sendPoll") == []
    assert votes(cluster) == []


@pytest.mark.parametrize(
    ("typed", "options", "choose"),
    [
        ("Q ? – A – B", ("A", "B"), 1),
        ("Q ? - A - B", ("A", "B"), 1),
        ("Retenir 3 sur 9 indicateurs\n- A\n- B\n- C\n- D", ("A", "B", "C", "D"), 3),
        ("Veuillez choisir 2 options — A — B — C", ("A", "B", "C"), 2),
        ("9 indicateurs, en sélectionner 3 — A — B — C — D", ("A", "B", "C", "D"), 3),
        ("Le plan Sud-Ouest ? — Oui — Non", ("Oui", "Non"), 1),
    ],
)
def test_the_question_options_and_number_to_choose_are_read(
    typed: str, options: tuple[str, ...], choose: int
) -> None:
    read = read_vote(typed)
    assert isinstance(read, VoteInput)
    assert read.options == options
    assert read.choose == choose


async def test_poll_updates_keep_the_counts_current(cluster: Harness) -> None:
    poll = await open_poll(cluster)
    state = cluster.api.vote(GROUP.id, poll["message_id"], [2, 0, 1], voters=3)

    await cluster.process({"update_id": 999001, "poll": state})

    [vote] = votes(cluster)
    assert vote.counts == [2, 0, 1]
