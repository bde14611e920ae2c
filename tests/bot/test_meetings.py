"""Coordinators set, move and cancel the next meeting and its agenda; everyone sees it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import select

from bot.callbacks import MeetingButton, MeetingOp, decode, encode
from storage.models import Action, Meeting, Question
from tests.harness import COORDINATOR, FOCAL, GROUP, OUTSIDER, Harness, buttons, private

TIED_ACTION = "/action Rédiger la note de plaidoyer — OCHA — avant la prochaine réunion"


def meetings(bot: Harness) -> list[Meeting]:
    with bot.db.session() as session:
        return list(session.exec(select(Meeting).order_by(Meeting.id)).all())  # type: ignore[arg-type]


def action_due(bot: Harness, action_id: int = 1) -> datetime | None:
    with bot.db.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        return action.due_at


def pending_count(bot: Harness) -> int:
    with bot.db.session() as session:
        return len(session.exec(select(Question)).all())


async def set_meeting(bot: Harness, text: str = "27 octobre 10h bureau OCHA") -> dict[str, Any]:
    [echo] = await bot.send(f"/reunion {text}", user=COORDINATOR, chat=GROUP)
    return echo


# --- Setting it -------------------------------------------------------------------------------


async def test_a_coordinator_sets_the_next_meeting_and_it_is_echoed_in_full_french(
    cluster: Harness,
) -> None:
    echo = await set_meeting(cluster, "2 mai 14h30 bureau du PNUD")

    assert "Prochaine réunion : mardi 2 mai 2017 à 14h30, bureau du PNUD" in echo["text"]
    assert "/ordre_du_jour" in echo["text"]
    [meeting] = meetings(cluster)
    assert meeting.starts_at == datetime(2017, 5, 2, 14, 30, tzinfo=UTC)
    assert meeting.has_time is True
    assert meeting.place == "bureau du PNUD"
    assert [label for label, _ in buttons(echo)] == [
        "📅 Déplacer",
        "📝 Ordre du jour",
        "✖️ Annuler la réunion",
    ]


@pytest.mark.parametrize(
    ("typed", "echoed"),
    [
        (
            "le 2 mai à 14h30, salle de réunion OCHA",
            "mardi 2 mai 2017 à 14h30, salle de réunion OCHA",
        ),
        ("mardi 14h30", "mardi 25 octobre 2016 à 14h30"),
        ("2/5 à 9h", "mardi 2 mai 2017 à 9h00"),
        (
            "jeudi 27 octobre à 10h au bureau <OCHA>",
            "jeudi 27 octobre 2016 à 10h00, bureau &lt;OCHA&gt;",
        ),
        ("demain 9h chez UNICEF", "vendredi 21 octobre 2016 à 9h00, chez UNICEF"),
        ("27 octobre, hôtel Salam", "jeudi 27 octobre 2016 (heure à confirmer), hôtel Salam"),
    ],
)
async def test_the_date_comes_first_and_the_rest_is_the_place(
    cluster: Harness, typed: str, echoed: str
) -> None:
    echo = await set_meeting(cluster, typed)

    assert f"Prochaine réunion : {echoed}" in echo["text"]
    assert len(meetings(cluster)) == 1


async def test_a_meeting_without_an_hour_is_kept_as_a_day(cluster: Harness) -> None:
    echo = await set_meeting(cluster, "27 octobre")

    assert "jeudi 27 octobre 2016 (heure à confirmer)" in echo["text"]
    [meeting] = meetings(cluster)
    assert meeting.has_time is False


@pytest.mark.parametrize(
    ("typed", "hint"),
    [
        ("fin mai", "ne désigne pas un jour précis"),
        ("dans les mois à venir", "ne désigne pas un jour précis"),
        ("la semaine prochaine", "ne désigne pas un jour précis"),
        ("bureau du PNUD", "Je ne trouve pas de date dans « bureau du PNUD »"),
        ("12/10/2016 10h", "est déjà passé"),
        ("aujourd'hui 9h", "est déjà passé"),
        ("aujourd'hui", "précisez l'heure"),
        ("Réunion au bureau du PNUD le 2 mai", "Commencez par la date"),
    ],
)
async def test_unusable_dates_get_a_french_hint_and_nothing_is_stored(
    cluster: Harness, typed: str, hint: str
) -> None:
    reply = await cluster.say(f"/reunion {typed}", user=COORDINATOR, chat=GROUP)

    assert hint in reply
    assert "/reunion jeudi 14h30 bureau du PNUD" in reply or "/reunion aujourd'hui" in reply
    assert meetings(cluster) == []


async def test_a_place_too_long_is_refused(cluster: Harness) -> None:
    reply = await cluster.say(f"/reunion 2 mai 14h30 {'salle ' * 50}", user=COORDINATOR, chat=GROUP)

    assert "Le lieu est trop long" in reply
    assert meetings(cluster) == []


async def test_only_coordinators_set_the_meeting(cluster: Harness) -> None:
    reply = await cluster.say("/reunion 2 mai 14h30", user=FOCAL, chat=GROUP)

    assert "Seuls les coordinateurs" in reply
    assert meetings(cluster) == []


async def test_in_private_setting_the_meeting_points_to_the_group(cluster: Harness) -> None:
    reply = await cluster.say("/reunion 2 mai 14h30", user=COORDINATOR)

    assert "dans le groupe du cluster" in reply
    assert meetings(cluster) == []


# --- Seeing it --------------------------------------------------------------------------------


async def test_anyone_sees_the_next_meeting_and_only_coordinators_get_buttons(
    cluster: Harness,
) -> None:
    [none] = await cluster.send("/reunion", user=FOCAL, chat=GROUP)
    assert "Aucune prochaine réunion n'est fixée pour Cluster Protection (CP)" in none["text"]
    assert "/reunion jeudi 14h30 bureau du PNUD" in none["text"]

    await set_meeting(cluster)
    [seen] = await cluster.send("/reunion", user=FOCAL, chat=GROUP)
    [coordinator_view] = await cluster.send("/reunion", user=COORDINATOR, chat=GROUP)

    assert "Prochaine réunion — Cluster Protection (CP)" in seen["text"]
    assert "jeudi 27 octobre 2016 à 10h00, bureau OCHA" in seen["text"]
    assert "Ordre du jour : pas encore fixé" in seen["text"]
    assert buttons(seen) == []
    assert "📅 Déplacer" in [label for label, _ in buttons(coordinator_view)]


async def test_in_private_the_next_meeting_of_each_of_my_clusters(cluster: Harness) -> None:
    await set_meeting(cluster)

    reply = await cluster.say("/reunion", user=FOCAL)

    assert "Prochaine réunion — Cluster Protection (CP)" in reply
    assert "jeudi 27 octobre 2016 à 10h00, bureau OCHA" in reply


async def test_in_private_without_a_cluster_the_person_is_told_how_to_join(
    cluster: Harness,
) -> None:
    reply = await cluster.say("/reunion", user=OUTSIDER)

    assert "aucun cluster" in reply


# --- Moving it --------------------------------------------------------------------------------


async def test_moving_the_meeting_says_what_moved_and_tied_deadlines_follow(
    cluster: Harness,
) -> None:
    await set_meeting(cluster, "27 octobre 10h bureau OCHA")
    [card] = await cluster.send(TIED_ACTION, user=COORDINATOR, chat=GROUP)
    assert "jeudi 27 octobre 2016" in card["text"]

    moved = await set_meeting(cluster, "3 novembre 9h")

    assert "Réunion déplacée" in moved["text"]
    assert "Avant : jeudi 27 octobre 2016 à 10h00, bureau OCHA" in moved["text"]
    assert "Désormais : jeudi 3 novembre 2016 à 9h00, bureau OCHA" in moved["text"]
    assert "1 action liée à la réunion a suivi" in moved["text"]
    assert action_due(cluster) == datetime(2016, 11, 3, 9, 0, tzinfo=UTC)
    [shown] = await cluster.send("/voir 1", user=FOCAL, chat=GROUP)
    assert "avant la prochaine réunion : jeudi 3 novembre 2016 à 9h00" in shown["text"]
    assert len(meetings(cluster)) == 1


async def test_the_move_button_asks_for_the_new_date_and_tolerates_a_bad_answer(
    cluster: Harness,
) -> None:
    echo = await set_meeting(cluster)
    await cluster.send(TIED_ACTION, user=COORDINATOR, chat=GROUP)

    [question] = await cluster.press(echo, "Déplacer", user=COORDINATOR)
    assert "Nouvelle date de la réunion" in question["text"]
    assert question["reply_markup"]["force_reply"] is True
    [bad] = await cluster.send("fin novembre", user=COORDINATOR, chat=GROUP, reply_to=question)
    assert "ne désigne pas un jour précis" in bad["text"]
    assert meetings(cluster)[0].starts_at == datetime(2016, 10, 27, 10, 0, tzinfo=UTC)

    [moved] = await cluster.send(
        "4 novembre 9h salle OCHA", user=COORDINATOR, chat=GROUP, reply_to=question
    )

    assert "Désormais : vendredi 4 novembre 2016 à 9h00, salle OCHA" in moved["text"]
    assert action_due(cluster) == datetime(2016, 11, 4, 9, 0, tzinfo=UTC)
    assert pending_count(cluster) == 0


async def test_a_non_coordinator_pressing_a_meeting_button_is_refused(cluster: Harness) -> None:
    echo = await set_meeting(cluster)

    for label in ("Déplacer", "Annuler la réunion", "Ordre du jour"):
        sent = await cluster.press(echo, label, user=FOCAL)
        assert sent == []
        answer = cluster.last_answer()
        assert "Seuls les coordinateurs" in answer["text"]
        assert answer["show_alert"] is True
    assert meetings(cluster)[0].cancelled_at is None
    assert pending_count(cluster) == 0


async def test_the_right_is_checked_at_the_press_not_when_the_message_was_shown(
    cluster: Harness,
) -> None:
    echo = await set_meeting(cluster)
    await cluster.set_status(COORDINATOR, "administrator", "member")

    await cluster.press(echo, "Annuler la réunion", user=COORDINATOR)

    assert "Seuls les coordinateurs" in cluster.last_answer()["text"]
    assert cluster.api.edits() == []


# --- Cancelling it ----------------------------------------------------------------------------


async def test_cancelling_asks_for_confirmation_and_tied_deadlines_wait_for_the_next_meeting(
    cluster: Harness,
) -> None:
    echo = await set_meeting(cluster)
    await cluster.send(TIED_ACTION, user=COORDINATOR, chat=GROUP)

    await cluster.press(echo, "Annuler la réunion", user=COORDINATOR)
    assert "Annuler cette réunion ?" in cluster.api.edits()[-1]["text"]
    await cluster.press(echo, "Non, la garder", user=COORDINATOR)
    assert meetings(cluster)[0].cancelled_at is None
    assert "Annuler cette réunion ?" not in cluster.api.edits()[-1]["text"]

    await cluster.press(echo, "Annuler la réunion", user=COORDINATOR)
    await cluster.press(echo, "Oui, annuler la réunion", user=COORDINATOR)

    edited = cluster.api.edits()[-1]["text"]
    assert "Réunion annulée : jeudi 27 octobre 2016 à 10h00, bureau OCHA" in edited
    assert "1 action liée à cette réunion attend la date de la prochaine" in edited
    assert meetings(cluster)[0].cancelled_at == cluster.clock.now()
    assert action_due(cluster) is None
    [shown] = await cluster.send("/voir 1", user=FOCAL, chat=GROUP)
    assert "avant la prochaine réunion : date à fixer" in shown["text"]
    assert "Aucune prochaine réunion" in await cluster.say("/reunion", user=FOCAL, chat=GROUP)

    again = await set_meeting(cluster, "8 novembre 10h")

    assert "Prochaine réunion : mardi 8 novembre 2016 à 10h00" in again["text"]
    assert "1 action liée à la réunion a suivi" in again["text"]
    assert action_due(cluster) == datetime(2016, 11, 8, 10, 0, tzinfo=UTC)


async def test_a_button_of_a_meeting_since_replaced_is_not_applied_to_the_new_one(
    cluster: Harness,
) -> None:
    old = await set_meeting(cluster)
    await cluster.press(old, "Annuler la réunion", user=COORDINATOR)
    await cluster.press(old, "Oui, annuler la réunion", user=COORDINATOR)
    await set_meeting(cluster, "8 novembre 10h")
    data = encode(MeetingButton(MeetingOp.CANCEL_CONFIRMED, meetings(cluster)[0].id or 0))

    await cluster.process(cluster.updates.callback(data, message=old, user=COORDINATOR))

    assert "a changé depuis ce message" in cluster.last_answer()["text"]
    assert meetings(cluster)[1].cancelled_at is None
    assert "mardi 8 novembre 2016 à 10h00" in cluster.api.edits()[-1]["text"]


# --- The agenda -------------------------------------------------------------------------------


AGENDA = "1. Suivi des actions\n2. Point sur les financements <OPS>\n3. Divers"


async def test_the_agenda_is_set_as_typed_and_shown_with_the_meeting(cluster: Harness) -> None:
    await set_meeting(cluster)

    reply = await cluster.say(f"/ordre_du_jour\n{AGENDA}", user=COORDINATOR, chat=GROUP)

    assert "Ordre du jour de la réunion du jeudi 27 octobre 2016 à 10h00" in reply
    assert "1. Suivi des actions\n2. Point sur les financements &lt;OPS&gt;\n3. Divers" in reply
    assert meetings(cluster)[0].agenda == AGENDA
    shown = await cluster.say("/reunion", user=FOCAL, chat=GROUP)
    assert "<b>Ordre du jour</b>\n1. Suivi des actions\n2." in shown
    alone = await cluster.say("/ordre_du_jour", user=FOCAL, chat=GROUP)
    assert "3. Divers" in alone


async def test_ordre_du_jour_alone_asks_a_coordinator_for_it(cluster: Harness) -> None:
    await set_meeting(cluster)

    [question] = await cluster.send("/ordre_du_jour", user=COORDINATOR, chat=GROUP)
    assert "Ordre du jour : pas encore fixé" in question["text"]
    assert "un point par ligne" in question["text"]
    await cluster.send(AGENDA, user=COORDINATOR, chat=GROUP, reply_to=question)

    assert meetings(cluster)[0].agenda == AGENDA
    assert pending_count(cluster) == 0


async def test_the_agenda_button_asks_for_it(cluster: Harness) -> None:
    echo = await set_meeting(cluster)

    [question] = await cluster.press(echo, "Ordre du jour", user=COORDINATOR)
    [done] = await cluster.send("1. Tour de table", user=COORDINATOR, chat=GROUP, reply_to=question)

    assert "1. Tour de table" in done["text"]
    assert meetings(cluster)[0].agenda == "1. Tour de table"


async def test_an_agenda_needs_a_meeting_and_a_coordinator_and_a_sane_length(
    cluster: Harness,
) -> None:
    no_meeting = await cluster.say("/ordre_du_jour 1. Divers", user=COORDINATOR, chat=GROUP)
    assert "fixez-la d'abord" in no_meeting
    assert "/reunion jeudi 14h30 bureau du PNUD" in no_meeting

    await set_meeting(cluster)
    refused = await cluster.say("/ordre_du_jour 1. Divers", user=FOCAL, chat=GROUP)
    assert "Seuls les coordinateurs" in refused
    too_long = await cluster.say(f"/ordre_du_jour {'x' * 3001}", user=COORDINATOR, chat=GROUP)
    assert "trop long (3001 caractères ; 3000 au plus)" in too_long
    assert meetings(cluster)[0].agenda is None


async def test_in_private_the_agenda_is_shown_but_set_in_the_group(cluster: Harness) -> None:
    await set_meeting(cluster)
    await cluster.send(f"/ordre_du_jour {AGENDA}", user=COORDINATOR, chat=GROUP)

    assert "3. Divers" in await cluster.say("/ordre_du_jour", user=FOCAL, chat=private(FOCAL))
    assert "dans le groupe du cluster" in await cluster.say("/ordre_du_jour 1. X", user=COORDINATOR)
    assert meetings(cluster)[0].agenda == AGENDA


# --- The codec --------------------------------------------------------------------------------


@pytest.mark.parametrize("op", list(MeetingOp))
def test_meeting_buttons_round_trip(op: MeetingOp) -> None:
    button = MeetingButton(op, 2**31 - 1)
    assert decode(encode(button)) == button


@pytest.mark.parametrize("data", ["m:d", "m:d:0", "m:d:-3", "m:z:4", "m:d:x", "m:d:4:5"])
def test_malformed_meeting_buttons_decode_to_nothing(data: str) -> None:
    assert decode(data) is None
