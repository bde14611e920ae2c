"""Coordinators record what the meeting decided; anyone lists it; a decision becomes an
action later, with owners and a deadline, once."""

from __future__ import annotations

from datetime import date
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import select

from storage.attendance import meeting_held_on
from storage.models import Action, Decision
from tests.fakes.updates import FakeUser
from tests.harness import COORDINATOR, FOCAL, GROUP, OUTSIDER, Harness, buttons, private

BAMAKO = ZoneInfo("Africa/Bamako")


def stored(bot: Harness) -> list[Decision]:
    with bot.db.session() as session:
        return list(session.exec(select(Decision).order_by(Decision.id)).all())  # type: ignore[arg-type]


def held_on(bot: Harness, day: date) -> int:
    with bot.db.session() as session:
        return meeting_held_on(
            session=session, cluster_id=1, day=day, tz=BAMAKO, now=bot.clock.now()
        )


async def decide(bot: Harness, text: str, chat: Any = GROUP) -> dict[str, Any]:
    [echo] = await bot.send(f"/decision {text}", user=COORDINATOR, chat=chat)
    return echo


async def test_a_decision_is_recorded_for_todays_meeting_with_its_number_and_a_button(
    cluster: Harness,
) -> None:
    held_on(cluster, date(2016, 10, 3))
    today = held_on(cluster, date(2016, 10, 20))

    echo = await decide(cluster, "Le cluster valide le plan <2017>")

    assert "Décision D1" in echo["text"]
    assert "réunion du 20 octobre 2016" in echo["text"]
    assert "Le cluster valide le plan &lt;2017&gt;" in echo["text"]
    assert [label for label, _ in buttons(echo)] == ["➕ En faire une action"]
    [decision] = stored(cluster)
    assert (decision.meeting_id, decision.text) == (today, "Le cluster valide le plan <2017>")


async def test_without_a_meeting_today_the_decision_goes_to_the_last_one_held(
    cluster: Harness,
) -> None:
    october_3 = held_on(cluster, date(2016, 10, 3))
    echo = await decide(cluster, "Partager la matrice 3W")
    assert "réunion du 3 octobre 2016" in echo["text"]
    assert stored(cluster)[0].meeting_id == october_3


async def test_with_no_meeting_at_all_the_decision_is_kept_and_says_so(cluster: Harness) -> None:
    echo = await decide(cluster, "Partager la matrice 3W")
    assert "hors réunion" in echo["text"]
    assert stored(cluster)[0].meeting_id is None


async def test_a_decision_with_no_text_or_too_long_is_refused_and_nothing_is_kept(
    cluster: Harness,
) -> None:
    usage = await cluster.say("/decision", user=COORDINATOR, chat=GROUP)
    assert "/decision Le cluster valide" in usage
    long = await cluster.say("/decision " + "x" * 2001, user=COORDINATOR, chat=GROUP)
    assert "2001 caractères, 2000 au plus" in long
    assert stored(cluster) == []


async def test_only_coordinators_record_decisions(cluster: Harness) -> None:
    refused = await cluster.say("/decision Valider le plan", user=FOCAL, chat=GROUP)
    assert "coordinateurs" in refused
    refused = await cluster.say("/decision Valider le plan", user=OUTSIDER, chat=private(OUTSIDER))
    assert "coordinat" in refused
    assert stored(cluster) == []


async def test_a_coordinator_of_one_cluster_records_a_decision_in_private(
    cluster: Harness,
) -> None:
    held_on(cluster, date(2016, 10, 3))
    echo = await decide(cluster, "Valider le plan", chat=private(COORDINATOR))
    assert "Décision D1" in echo["text"]
    assert stored(cluster)[0].cluster_id == 1


async def test_decisions_are_listed_by_meeting_newest_first(cluster: Harness) -> None:
    empty = await cluster.say("/decisions", user=FOCAL, chat=GROUP)
    assert "Aucune décision enregistrée" in empty
    held_on(cluster, date(2016, 10, 3))
    await decide(cluster, "Ancienne décision")
    held_on(cluster, date(2016, 10, 20))
    await decide(cluster, "Décision du jour")

    listing = await cluster.say("/decisions", user=FOCAL, chat=GROUP)

    assert listing.index("Réunion du 20 octobre 2016") < listing.index("Réunion du 3 octobre")
    assert listing.index("<b>D2</b> Décision du jour") < listing.index("<b>D1</b> Ancienne")
    mine = await cluster.say("/decisions", user=FOCAL, chat=private(FOCAL))
    assert "D2" in mine


async def test_the_button_turns_a_decision_into_an_action_of_its_meeting_once(
    cluster: Harness,
) -> None:
    held_on(cluster, date(2016, 10, 3))
    echo = await decide(cluster, "Mettre à jour la matrice 3W")

    intro, question = await cluster.press(echo, "En faire une action", user=COORDINATOR)
    assert "D1 devient une action" in intro["text"]
    assert "organisations du cluster" in question["text"]
    [ask] = await cluster.send("OCHA", user=COORDINATOR, chat=GROUP, reply_to=question)
    [card] = await cluster.send("31 octobre", user=COORDINATOR, chat=GROUP, reply_to=ask)

    assert "La décision D1 est devenue une action" in card["text"]
    assert "Mettre à jour la matrice 3W" in card["text"]
    assert "Issue de la réunion du 3 octobre 2016" in card["text"]
    with cluster.db.session() as session:
        [action] = session.exec(select(Action)).all()
    assert action.meeting_id == stored(cluster)[0].meeting_id
    assert stored(cluster)[0].action_id == action.id
    listing = await cluster.say("/decisions", user=FOCAL, chat=GROUP)
    assert "→ action n° 1" in listing

    assert await cluster.press(echo, "En faire une action", user=COORDINATOR) == []
    assert "déjà devenue l'action n° 1" in cluster.last_answer()["text"]
    assert cluster.last_answer()["show_alert"] is True


async def test_a_focal_point_cannot_turn_a_decision_into_an_action(cluster: Harness) -> None:
    echo = await decide(cluster, "Mettre à jour la matrice 3W")
    assert await cluster.press(echo, "En faire une action", user=FOCAL) == []
    assert "coordinateurs" in cluster.last_answer()["text"]
    assert stored(cluster)[0].action_id is None


async def test_a_decision_already_made_an_action_meanwhile_is_not_made_twice(
    cluster: Harness,
) -> None:
    # Two coordinators press at once (one person's second press asks nothing twice).
    deputy = FakeUser(105, "Moussa", "Diarra")
    cluster.api.set_chat_member_status(GROUP.id, deputy.id, "administrator")
    echo = await decide(cluster, "Mettre à jour la matrice 3W")
    _, first = await cluster.press(echo, "En faire une action", user=COORDINATOR)
    _, second = await cluster.press(echo, "En faire une action", user=deputy)
    [ask] = await cluster.send("OCHA", user=COORDINATOR, chat=GROUP, reply_to=first)
    await cluster.send("31 octobre", user=COORDINATOR, chat=GROUP, reply_to=ask)
    [ask] = await cluster.send("OCHA", user=deputy, chat=GROUP, reply_to=second)
    [refused] = await cluster.send("31 octobre", user=deputy, chat=GROUP, reply_to=ask)

    assert "déjà devenue l'action n° 1" in refused["text"]
    with cluster.db.session() as session:
        assert len(session.exec(select(Action)).all()) == 1


def test_the_decision_button_round_trips_under_telegrams_limit() -> None:
    from bot.callbacks import DecisionButton, DecisionOp, decode, encode

    button = DecisionButton(DecisionOp.TO_ACTION, 2**31 - 1)
    data = encode(button)
    assert data.startswith("d:")
    assert len(data.encode()) <= 64
    assert decode(data) == button
    assert decode("d:a:0") is None
    assert decode("d:z:4") is None
