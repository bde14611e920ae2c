"""Actions that belong to many, played by their users after the parts were reported: a
coordinator reopens a done one, changes its owners, a part is blocked."""

from __future__ import annotations

from datetime import UTC, datetime
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
)

UNICEF_FOCAL = FakeUser(205, "Issa", "Maïga")
FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)  # 4 days before the 25 October deadline


@pytest.fixture
async def shared(cluster: Harness) -> Harness:
    """Action 1 of CP owned by OCHA (Gerson), NRC (Hanan) and UNICEF (Issa); Awa is HCR's."""
    await invite(cluster, "NRC", OTHER_FOCAL)
    await invite(cluster, "UNICEF", UNICEF_FOCAL)
    await invite(cluster, "HCR", OUTSIDER)
    await cluster.send(
        "/action Partager les listes — OCHA, NRC, UNICEF — 25 octobre",
        user=COORDINATOR,
        chat=GROUP,
    )
    cluster.api.clear()
    return cluster


def status_of(bot: Harness) -> str:
    with bot.db.session() as session:
        action = session.get(Action, 1)
        assert action is not None
        return action.status


async def change_owners(bot: Harness, owners: str) -> dict[str, Any]:
    """The coordinator's 👥 Responsables on the card, answered in the group."""
    [card] = await bot.send("/voir 1", user=COORDINATOR, chat=GROUP)
    [question] = await bot.press(card, "Responsables", user=COORDINATOR)
    [fresh] = await bot.send(owners, user=COORDINATOR, chat=GROUP, reply_to=question)
    return fresh


# --- Every part done, the action reopened whole ----------------------------------------------


async def test_a_part_confirmed_done_closes_an_action_reopened_with_every_part_done(
    shared: Harness,
) -> None:
    for user in (FOCAL, OTHER_FOCAL, UNICEF_FOCAL):
        await shared.send("/fait 1", user=user, chat=GROUP)
    await shared.send("/encours 1", user=COORDINATOR, chat=GROUP)  # reopened, parts kept
    assert status_of(shared) == "en_cours"

    [reply] = await shared.send("/fait 1", user=FOCAL, chat=GROUP)

    # Not "déjà fait" with the action left open forever: the focal point confirms it.
    assert "les 3 organisations ont fini : l'action n° 1 est faite" in reply["text"]
    assert "déjà" not in reply["text"]
    assert status_of(shared) == "fait"


async def test_the_reminder_s_fait_closes_an_action_reopened_with_every_part_done(
    shared: Harness,
) -> None:
    for user in (FOCAL, OTHER_FOCAL, UNICEF_FOCAL):
        await shared.send("/fait 1", user=user, chat=GROUP)
    await shared.send("/encours 1", user=COORDINATOR, chat=GROUP)
    shared.api.clear()
    shared.clock.current = FRIDAY_8
    await shared.sweep()
    [digest] = [m for m in shared.api.sent(FOCAL.id) if "🔔" in str(m["text"])]

    await shared.press(digest, "✅ 1", user=FOCAL)

    assert "l'action n° 1 est faite" in shared.last_answer()["text"]
    assert status_of(shared) == "fait"
    assert buttons(shared.current(digest)) == []


# --- The owners changed after parts were reported --------------------------------------------


async def test_removing_the_last_open_organisation_closes_the_action(shared: Harness) -> None:
    await shared.send("/fait 1", user=FOCAL, chat=GROUP)
    await shared.send("/fait 1", user=OTHER_FOCAL, chat=GROUP)

    fresh = await change_owners(shared, "OCHA, NRC")

    assert "Les 2 organisations restantes ont fini : l'action n° 1 est faite" in fresh["text"]
    assert "Statut : ✅ Fait" in fresh["text"]
    assert status_of(shared) == "fait"


async def test_adding_an_organisation_keeps_the_parts_reported(shared: Harness) -> None:
    await shared.send("/fait 1", user=FOCAL, chat=GROUP)

    fresh = await change_owners(shared, "OCHA, NRC, UNICEF, HCR")

    assert "1 sur 4 organisations : fait — reste : NRC, UNICEF, HCR" in fresh["text"]
    assert status_of(shared) == "en_cours"
    [reply] = await shared.send("/fait 1", user=OUTSIDER, chat=GROUP)
    assert "Part de HCR : fait — 2 sur 4" in reply["text"]


async def test_an_owner_change_with_parts_still_open_leaves_the_status(shared: Harness) -> None:
    await shared.send("/fait 1", user=FOCAL, chat=GROUP)

    fresh = await change_owners(shared, "OCHA, NRC")

    assert "1 sur 2 organisations : fait — reste : NRC" in fresh["text"]
    assert "ont fini" not in fresh["text"]
    assert status_of(shared) == "en_cours"


# --- A blocked part is seen -------------------------------------------------------------------


async def test_the_card_says_which_organisation_is_blocked(shared: Harness) -> None:
    await shared.send("/bloque 1", user=OTHER_FOCAL, chat=GROUP)

    [card] = await shared.send("/voir 1", user=COORDINATOR, chat=GROUP)

    assert "0 sur 3 organisations : fait — reste : OCHA, NRC (bloqué), UNICEF" in card["text"]


# --- A person named beside their organisation -------------------------------------------------


async def test_a_person_whose_organisation_has_done_its_part_is_not_stood_in_for(
    shared: Harness,
) -> None:
    await shared.send("/start", user=COORDINATOR)
    await shared.send(
        "/action Partager les cartes — OCHA, NRC, Gerson — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    await shared.send("/fait 2", user=FOCAL, chat=GROUP)
    shared.api.clear()

    shared.clock.current = FRIDAY_8
    await shared.sweep()

    # Gerson can be reached and OCHA's part is done: the coordinator is not told that no
    # focal point of Gerson could receive it (their ✅ would close NRC's part too).
    told = " ".join(str(m["text"]) for m in shared.api.sent(COORDINATOR.id))
    assert "n° 2" not in told
    assert [m for m in shared.api.sent(FOCAL.id) if "n° 2" in str(m["text"])] == []
    [nrc] = [m for m in shared.api.sent(OTHER_FOCAL.id) if "n° 2" in str(m["text"])]
    assert "1 sur 2 organisations : fait — reste : NRC" in str(nrc["text"])


async def test_a_shared_action_closed_for_all_says_so_rather_than_what_is_left(
    cluster: Harness,
) -> None:
    """☑️ Clore pour tous (or a tracker's "Fait") before every part was reported: the card
    no longer lists organisations that still have something to do."""
    await invite(cluster, "NRC", OTHER_FOCAL, "Hanan Talbi")
    await cluster.send("/action Mettre à jour la 3W — OCHA, NRC — 30 octobre", user=COORDINATOR)
    await cluster.send("/fait 1 tous", user=COORDINATOR, chat=GROUP)

    card = await cluster.say("/voir 1", user=COORDINATOR, chat=GROUP)

    assert "👥 Close pour toutes les organisations (0 sur 2 avaient signalé leur part)" in card
    assert "reste" not in card
