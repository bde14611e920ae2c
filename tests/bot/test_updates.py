"""Owners and coordinators change an action with one tap or one command; others may only read."""

from __future__ import annotations

from typing import Any

import pytest
from sqlmodel import select

from storage.models import Action, ActionEvent
from tests.conftest import invite
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OUTSIDER,
    Harness,
    button_data,
    private,
)


async def new_action(
    bot: Harness, body: str = "Faire la cartographie — OCHA — 25 octobre"
) -> dict[str, Any]:
    [card] = await bot.send(f"/action {body}", user=COORDINATOR, chat=GROUP)
    return card


def status_of(bot: Harness, action_id: int = 1) -> str:
    with bot.db.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        return action.status


def history(bot: Harness) -> list[tuple[str, str | None, str | None, str]]:
    with bot.db.session() as session:
        return [
            (e.kind, e.old_value, e.new_value, e.actor_name)
            for e in session.exec(select(ActionEvent).order_by(ActionEvent.id)).all()  # type: ignore[arg-type]
        ]


@pytest.mark.parametrize(
    ("label", "status", "shown"),
    [
        ("Fait", "fait", "✅ Fait"),
        ("En cours", "en_cours", "🔄 En cours"),
        ("Bloqué", "bloque", "⛔ Bloqué"),
    ],
)
async def test_a_focal_point_taps_a_status_and_the_card_is_edited_in_place(
    cluster: Harness, label: str, status: str, shown: str
) -> None:
    card = await new_action(cluster)

    sent = await cluster.press(card, label, user=FOCAL)

    assert sent == []  # no new message: the card itself changes
    edit = cluster.api.edits()[-1]
    assert edit["message_id"] == card["message_id"]
    assert f"Statut : {shown}" in edit["text"]
    assert status_of(cluster) == status
    assert history(cluster)[-1] == ("status", "a_faire", status, "Gerson Brandao")
    assert cluster.last_answer()["text"].startswith("Action n° 1")


@pytest.mark.parametrize(
    ("command", "status"),
    [("/fait 1", "fait"), ("/encours 1", "en_cours"), ("/bloque 1", "bloque")],
)
async def test_status_commands_work_for_those_who_prefer_typing(
    cluster: Harness, command: str, status: str
) -> None:
    await new_action(cluster)
    reply = await cluster.say(command, user=FOCAL)
    assert "<b>Action n° 1</b>" in reply
    assert status_of(cluster) == status


async def test_a_command_that_changes_nothing_says_so(cluster: Harness) -> None:
    await new_action(cluster)
    await cluster.say("/fait 1", user=FOCAL)
    assert "déjà « Fait »" in await cluster.say("/fait 1", user=FOCAL)
    assert len([h for h in history(cluster) if h[0] == "status"]) == 1


async def test_another_organisation_cannot_change_the_action(cluster: Harness) -> None:
    await invite(cluster, "NRC", OTHER_FOCAL)
    card = await new_action(cluster)

    await cluster.press(card, "Fait", user=OTHER_FOCAL)

    answer = cluster.last_answer()
    assert answer["show_alert"] is True
    assert "Seuls les points focaux des responsables de l'action n° 1 (OCHA)" in answer["text"]
    assert status_of(cluster) == "a_faire"
    assert "Seuls les points focaux" in await cluster.say("/fait 1", user=OTHER_FOCAL, chat=GROUP)
    assert status_of(cluster) == "a_faire"


async def test_a_reader_in_the_group_cannot_change_anything(cluster: Harness) -> None:
    card = await new_action(cluster)
    for label in ("Fait", "Reporter", "Commenter"):
        await cluster.press(card, label, user=OUTSIDER)
        assert "Seuls les points focaux" in cluster.last_answer()["text"]
    for label in ("Annuler", "Texte", "Responsables"):
        await cluster.press(card, label, user=OUTSIDER)
        assert "Seuls les coordinateurs" in cluster.last_answer()["text"]
    assert status_of(cluster) == "a_faire"
    assert len(history(cluster)) == 1


async def test_a_coordinator_may_change_any_action(cluster: Harness) -> None:
    card = await new_action(cluster, "Faire X — NRC — demain")
    await cluster.press(card, "En cours", user=COORDINATOR)
    assert status_of(cluster) == "en_cours"


async def test_a_button_on_an_old_card_shows_the_fresh_card_instead_of_acting(
    cluster: Harness,
) -> None:
    card = await new_action(cluster)
    await cluster.say("/fait 1", user=COORDINATOR, chat=GROUP)

    # The old card still shows "À faire"; pressing "Bloqué" there must not reopen the action.
    data = button_data(card, "Bloqué")
    await cluster.process(cluster.updates.callback(data, message=card, user=FOCAL))

    assert status_of(cluster) == "fait"
    assert "a changé depuis ce message (statut : Fait)" in cluster.last_answer()["text"]
    assert "Statut : ✅ Fait" in cluster.api.edits()[-1]["text"]


async def test_cancelling_asks_for_confirmation_then_cancels(cluster: Harness) -> None:
    card = await new_action(cluster)
    await cluster.press(card, "Annuler", user=COORDINATOR)
    assert "Annuler l'action n° 1 ?" in cluster.api.edits()[-1]["text"]
    assert status_of(cluster) == "a_faire"

    await cluster.press(card, "Non, la garder", user=COORDINATOR)
    assert status_of(cluster) == "a_faire"
    await cluster.press(card, "Annuler", user=COORDINATOR)
    await cluster.press(card, "Oui, annuler", user=COORDINATOR)

    assert status_of(cluster) == "annule"
    assert "Statut : ✖️ Annulé" in cluster.api.edits()[-1]["text"]


async def test_annuler_with_a_number_is_for_coordinators(cluster: Harness) -> None:
    await new_action(cluster)
    assert "Seuls les coordinateurs" in await cluster.say("/annuler 1", user=FOCAL)
    assert status_of(cluster) == "a_faire"
    assert "Annulé" in await cluster.say("/annuler 1", user=COORDINATOR, chat=GROUP)
    assert status_of(cluster) == "annule"


async def test_postponing_by_button_asks_for_the_new_deadline(cluster: Harness) -> None:
    card = await new_action(cluster)
    [question] = await cluster.press(card, "Reporter", user=FOCAL)
    assert "Nouvelle échéance pour l'action n° 1" in question["text"]

    [bad] = await cluster.send(
        "la semaine des quatre jeudis", user=FOCAL, chat=GROUP, reply_to=question
    )
    assert "Je n'ai pas compris l'échéance" in bad["text"]
    [updated] = await cluster.send("fin novembre", user=FOCAL, chat=GROUP, reply_to=question)

    assert "Échéance : fin novembre : mercredi 30 novembre 2016" in updated["text"]
    assert history(cluster)[-1][0] == "deadline"


async def test_reporter_command_changes_the_deadline(cluster: Harness) -> None:
    await new_action(cluster)
    reply = await cluster.say("/reporter 1 vendredi 28 octobre à 10h", user=FOCAL)
    assert "vendredi 28 octobre 2016 à 10h00" in reply
    assert "Donnez la nouvelle échéance" not in reply
    assert "Je n'ai pas compris" in await cluster.say("/reporter 1 32 octobre", user=FOCAL)


async def test_commenting_keeps_the_text_in_the_history(cluster: Harness) -> None:
    card = await new_action(cluster)
    reply = await cluster.say("/commenter 1 Rapport envoyé à <OCHA> & NRC", user=FOCAL)
    assert "Commentaire ajouté à l'action n° 1" in reply

    [question] = await cluster.press(card, "Commenter", user=FOCAL)
    await cluster.send("Validation attendue", user=FOCAL, chat=GROUP, reply_to=question)

    comments = [h[2] for h in history(cluster) if h[0] == "comment"]
    assert comments == ["Rapport envoyé à <OCHA> & NRC", "Validation attendue"]
    detail = await cluster.say("/voir 1", user=FOCAL)
    assert "💬 Rapport envoyé à &lt;OCHA&gt; &amp; NRC" in detail


async def test_a_coordinator_fixes_text_and_owners_with_the_card_buttons(cluster: Harness) -> None:
    card = await new_action(cluster)
    [question] = await cluster.press(card, "Texte", user=COORDINATOR)
    await cluster.send(
        "Faire la cartographie des acteurs et des PDI",
        user=COORDINATOR,
        chat=GROUP,
        reply_to=question,
    )
    [question] = await cluster.press(card, "Responsables", user=COORDINATOR)
    [updated] = await cluster.send("OCHA, HCR", user=COORDINATOR, chat=GROUP, reply_to=question)

    assert "Faire la cartographie des acteurs et des PDI" in updated["text"]
    assert "Responsables : OCHA, HCR" in updated["text"]
    assert [h[0] for h in history(cluster)] == ["created", "description", "owners"]


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/fait", "Indiquez le numéro de l'action, par exemple : /fait 12"),
        ("/fait douze", "« douze » n'est pas un numéro d'action"),
        ("/fait -3", "n'est pas un numéro d'action"),
        ("/fait 99999999999999", "n'est pas un numéro d'action"),
        ("/fait 42", "Je ne trouve pas d'action n° 42"),
        ("/voir", "par exemple : /voir 12"),
        ("/reporter 1", "Nouvelle échéance pour l'action n° 1"),
        ("/commenter 1", "Votre commentaire sur l'action n° 1"),
    ],
)
async def test_bad_numbers_and_missing_parts_get_a_clear_answer(
    cluster: Harness, command: str, expected: str
) -> None:
    await new_action(cluster)
    assert expected in await cluster.say(command, user=FOCAL)
    assert status_of(cluster) == "a_faire"


async def test_an_action_of_another_cluster_is_not_found_here(cluster: Harness) -> None:
    from tests.harness import OTHER_GROUP

    await new_action(cluster)
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )

    assert "Je ne trouve pas d'action n° 1 ici" in await cluster.say(
        "/fait 1", user=COORDINATOR, chat=OTHER_GROUP
    )
    assert "Je ne trouve pas d'action n° 1 ici" in await cluster.say(
        "/voir 1", user=OUTSIDER, chat=private(OUTSIDER)
    )
    assert status_of(cluster) == "a_faire"
