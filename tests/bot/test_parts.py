"""Actions that belong to many, as people see them: each focal point reports their
organisation's part, the card shows the progress, coordinators close it for all."""

from __future__ import annotations

from typing import Any

import pytest

from storage.models import Action
from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OUTSIDER,
    Harness,
    buttons,
    private,
)

UNICEF_FOCAL = FakeUser(205, "Issa", "Maïga")


@pytest.fixture
async def shared(cluster: Harness) -> Harness:
    """Action 1 of CP owned by OCHA (Gerson), NRC (Hanan) and UNICEF (Issa); Awa's HCR has
    no part."""
    await invite(cluster, "NRC", OTHER_FOCAL)
    await invite(cluster, "UNICEF", UNICEF_FOCAL)
    await invite(cluster, "HCR", OUTSIDER)
    [reply] = await cluster.send(
        "/action Partager les listes de présence — OCHA, NRC, UNICEF — 25 octobre",
        user=COORDINATOR,
        chat=GROUP,
    )
    assert "Action enregistrée" in reply["text"]
    cluster.api.clear()
    return cluster


def status_of(bot: Harness) -> str:
    with bot.db.session() as session:
        action = session.get(Action, 1)
        assert action is not None
        return action.status


def labels(message: dict[str, Any]) -> list[str]:
    return [text for text, _ in buttons(message)]


async def test_a_focal_point_s_fait_reports_their_organisation_s_part(shared: Harness) -> None:
    [reply] = await shared.send("/fait 1", user=FOCAL, chat=GROUP)

    assert "Part d'OCHA : fait — 1 sur 3 organisations ont fini" in reply["text"]
    assert "1 sur 3 organisations : fait — reste : NRC, UNICEF" in reply["text"]
    assert "En cours" in reply["text"]
    assert status_of(shared) == "en_cours"
    [detail] = await shared.send("/voir 1", user=COORDINATOR, chat=GROUP)
    assert "Fait pour OCHA" in detail["text"]


async def test_the_card_of_a_shared_action_says_whose_fait_it_is_and_closes_for_all(
    shared: Harness,
) -> None:
    [card] = await shared.send("/voir 1", user=FOCAL, chat=GROUP)

    assert "✅ Fait pour mon organisation" in labels(card)
    assert "☑️ Clore pour tous" in labels(card)
    assert "0 sur 3 organisations : fait — reste : OCHA, NRC, UNICEF" in card["text"]

    await shared.press(card, "Fait pour mon organisation", user=OTHER_FOCAL)
    assert "Part de NRC : fait — 1 sur 3" in shared.last_answer()["text"]
    assert "reste : OCHA, UNICEF" in shared.current(card)["text"]

    await shared.press(card, "Clore pour tous", user=FOCAL)
    assert shared.last_answer()["show_alert"]
    assert status_of(shared) == "en_cours"

    await shared.press(card, "Clore pour tous", user=COORDINATOR)
    assert status_of(shared) == "fait"


async def test_the_last_part_done_makes_the_action_done(shared: Harness) -> None:
    await shared.send("/fait 1", user=FOCAL, chat=GROUP)
    await shared.send("/bloque 1", user=OTHER_FOCAL, chat=private(OTHER_FOCAL))
    await shared.send("/fait 1", user=UNICEF_FOCAL, chat=GROUP)
    assert status_of(shared) == "en_cours"

    [reply] = await shared.send("/fait 1", user=OTHER_FOCAL, chat=GROUP)

    assert "les 3 organisations ont fini : l'action n° 1 est faite" in reply["text"]
    assert status_of(shared) == "fait"


async def test_reporting_a_part_twice_says_so_and_changes_nothing(shared: Harness) -> None:
    await shared.send("/encours 1", user=FOCAL, chat=GROUP)

    [reply] = await shared.send("/encours 1", user=FOCAL, chat=GROUP)

    assert "La part d'OCHA dans l'action n° 1 est déjà « En cours »" in reply["text"]


async def test_a_coordinator_with_no_part_closes_the_whole_action(shared: Harness) -> None:
    [reply] = await shared.send("/fait 1", user=COORDINATOR, chat=GROUP)

    assert "Part de" not in reply["text"]
    assert status_of(shared) == "fait"


async def test_fait_tous_is_the_coordinators(shared: Harness) -> None:
    [refused] = await shared.send("/fait 1 tous", user=FOCAL, chat=GROUP)
    assert "coordinateurs" in refused["text"]
    assert status_of(shared) == "a_faire"

    await shared.send("/fait 1 tous", user=COORDINATOR, chat=GROUP)
    assert status_of(shared) == "fait"


@pytest.mark.parametrize("text", ["/fait 1 merci", "/encours 1 tous", "/bloque 1 2"])
async def test_words_after_the_number_are_refused_with_what_to_type(
    shared: Harness, text: str
) -> None:
    [reply] = await shared.send(text, user=FOCAL, chat=GROUP)

    assert "Je n'ai pas compris" in reply["text"]
    assert "/fait 1 tous" in reply["text"]
    assert status_of(shared) == "a_faire"


async def test_a_focal_point_whose_organisation_has_no_part_is_refused(shared: Harness) -> None:
    [reply] = await shared.send("/fait 1", user=OUTSIDER, chat=GROUP)

    assert "Seuls les points focaux des responsables" in reply["text"]
    assert status_of(shared) == "a_faire"
    [card] = await shared.send("/voir 1", user=OUTSIDER, chat=GROUP)
    await shared.press(card, "Fait pour mon organisation", user=OUTSIDER)
    assert shared.last_answer()["show_alert"]
    assert status_of(shared) == "a_faire"


async def test_a_part_pressed_on_a_card_drawn_before_another_part_still_counts(
    shared: Harness,
) -> None:
    [card] = await shared.send("/voir 1", user=FOCAL, chat=GROUP)
    await shared.send("/encours 1", user=OTHER_FOCAL, chat=GROUP)  # the action moves

    await shared.press(card, "Fait pour mon organisation", user=FOCAL)

    assert "Part d'OCHA : fait — 1 sur 3" in shared.last_answer()["text"]


async def test_a_part_reopened_reopens_the_done_action(shared: Harness) -> None:
    for user in (FOCAL, OTHER_FOCAL, UNICEF_FOCAL):
        await shared.send("/fait 1", user=user, chat=GROUP)
    assert status_of(shared) == "fait"

    [reply] = await shared.send("/encours 1", user=UNICEF_FOCAL, chat=GROUP)

    assert "Part d'UNICEF : en cours — 2 sur 3" in reply["text"]
    assert status_of(shared) == "en_cours"


async def test_an_action_of_one_organisation_keeps_its_plain_buttons(cluster: Harness) -> None:
    await cluster.send(
        "/action Note de protection — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    [card] = await cluster.send("/voir 1", user=FOCAL, chat=GROUP)

    assert "✅ Fait" in labels(card)
    assert "☑️ Clore pour tous" not in labels(card)
    assert "organisations : fait" not in card["text"]
    [reply] = await cluster.send("/fait 1", user=FOCAL, chat=GROUP)
    assert "Part de" not in reply["text"]
    assert status_of(cluster) == "fait"


async def test_a_coordinator_of_no_owner_organisation_is_sent_to_close_for_all(
    shared: Harness,
) -> None:
    [card] = await shared.send("/voir 1", user=COORDINATOR, chat=GROUP)

    await shared.press(card, "Fait pour mon organisation", user=COORDINATOR)

    answer = shared.last_answer()
    assert answer["show_alert"] is True
    assert "Votre organisation n'a pas de part dans l'action n° 1" in answer["text"]
    assert "Clore pour tous" in answer["text"]
    assert status_of(shared) == "a_faire"
    await shared.press(card, "Clore pour tous", user=COORDINATOR)
    assert status_of(shared) == "fait"
