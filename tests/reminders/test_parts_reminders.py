"""Reminders of an action that belongs to many chase only the organisations whose part is
still open, say how far they are, and their ✅ reports the recipient's organisation's part."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storage.models import Action
from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import COORDINATOR, FOCAL, GROUP, OTHER_FOCAL, Harness, buttons

FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)  # 4 days before the 25 October deadline
UNICEF_FOCAL = FakeUser(205, "Issa", "Maïga")


@pytest.fixture
async def three(cluster: Harness) -> Harness:
    await invite(cluster, "NRC", OTHER_FOCAL)
    await invite(cluster, "UNICEF", UNICEF_FOCAL)
    cluster.api.clear()
    return cluster


def digests(bot: Harness, user_id: int) -> list[dict[str, object]]:
    return [m for m in bot.api.sent(user_id) if "🔔" in str(m["text"])]


async def test_an_organisation_whose_part_is_done_is_not_reminded(three: Harness) -> None:
    await three.send(
        "/action Partager les listes — OCHA, NRC, UNICEF — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    await three.send("/fait 1", user=FOCAL, chat=GROUP)
    three.api.clear()

    three.clock.current = FRIDAY_8
    await three.sweep()

    assert digests(three, FOCAL.id) == []
    [nrc] = digests(three, OTHER_FOCAL.id)
    [unicef] = digests(three, UNICEF_FOCAL.id)
    assert "1 sur 3 organisations : fait — reste : NRC, UNICEF" in str(nrc["text"])
    assert [t for t, _ in buttons(unicef)] == ["✅ 1 : fait pour mon organisation", "🔄 1", "📅 1"]


async def test_the_reminder_s_fait_reports_the_part_and_its_rows_go(three: Harness) -> None:
    await three.send(
        "/action Partager les listes — OCHA, NRC, UNICEF — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    three.api.clear()
    three.clock.current = FRIDAY_8
    await three.sweep()
    [digest] = digests(three, OTHER_FOCAL.id)

    await three.press(digest, "fait pour mon organisation", user=OTHER_FOCAL)

    assert "Part de NRC : fait — 1 sur 3 organisations ont fini" in three.last_answer()["text"]
    assert buttons(three.current(digest)) == []
    with three.db.session() as session:
        action = session.get(Action, 1)
        assert action is not None
        assert action.status == "en_cours"


async def test_an_en_cours_part_keeps_its_rows_saying_whose_it_is(three: Harness) -> None:
    await three.send(
        "/action Partager les listes — OCHA, NRC, UNICEF — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    three.api.clear()
    three.clock.current = FRIDAY_8
    await three.sweep()
    [digest] = digests(three, FOCAL.id)

    await three.press(digest, "🔄 1", user=FOCAL)

    assert "Part d'OCHA : en cours" in three.last_answer()["text"]
    labels = [t for t, _ in buttons(three.current(digest))]
    assert labels == ["✅ 1 : fait pour mon organisation", "🔄 1", "📅 1"]


async def test_partenaires_du_crp_chases_only_the_members_still_open(three: Harness) -> None:
    await three.send(
        "/action Envoyer les données 5W — Partenaires du CRP — 25 octobre",
        user=COORDINATOR,
        chat=GROUP,
    )
    await three.send("/fait 1", user=UNICEF_FOCAL, chat=GROUP)
    three.api.clear()

    three.clock.current = FRIDAY_8
    await three.sweep()

    assert digests(three, UNICEF_FOCAL.id) == []
    [ocha] = digests(three, FOCAL.id)
    assert "1 sur 3 organisations : fait" in str(ocha["text"])
    assert len(digests(three, OTHER_FOCAL.id)) == 1


async def test_every_part_done_but_the_action_reopened_chases_everyone(three: Harness) -> None:
    await three.send(
        "/action Partager les listes — OCHA, NRC — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    for user in (FOCAL, OTHER_FOCAL):
        await three.send("/fait 1", user=user, chat=GROUP)
    await three.send("/encours 1", user=COORDINATOR, chat=GROUP)  # a coordinator reopens it
    three.api.clear()

    three.clock.current = FRIDAY_8
    await three.sweep()

    assert len(digests(three, FOCAL.id)) == 1
    assert len(digests(three, OTHER_FOCAL.id)) == 1
