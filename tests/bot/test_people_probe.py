"""Probing coordinators and invitations as merged: a link reopened after /retirer, a focal
point promoted to administrator, an administrator demoted mid-meeting."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conftest import invite
from tests.harness import COORDINATOR, FOCAL, GROUP, OTHER_FOCAL, OUTSIDER, Harness

FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)


async def test_a_removed_person_does_not_rejoin_by_opening_their_old_link_again(
    cluster: Harness,
) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    await cluster.send(f"/start {code}", user=OUTSIDER)  # the wrong person opened it
    [question] = await cluster.send("/retirer Hanan Talbi", user=COORDINATOR, chat=GROUP)
    await cluster.press(question, "Oui, retirer", user=COORDINATOR)
    cluster.api.clear()

    # The link is still in their chat: they tap it again.
    answer = await cluster.say(f"/start {code}", user=OUTSIDER)

    assert "point focal" not in answer
    assert "retiré" in answer
    assert "Hanan Talbi" not in await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "aucun cluster" in await cluster.say("/mesactions", user=OUTSIDER)


async def test_the_rightful_person_reopening_their_link_is_still_welcomed(
    cluster: Harness,
) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    await cluster.send(f"/start {code}", user=OTHER_FOCAL)
    cluster.api.clear()

    replies = await cluster.send(f"/start {code}", user=OTHER_FOCAL)

    assert [r["chat_id"] for r in replies] == [OTHER_FOCAL.id]  # the coordinator not told twice
    assert "point focal de <b>NRC</b>" in str(replies[0]["text"])


async def test_a_focal_point_promoted_to_administrator_still_gets_their_organisation_s_reminders(
    cluster: Harness,
) -> None:
    await invite(cluster, "OCHA", OTHER_FOCAL, "Hanan Talbi")  # OCHA has two focal points
    await cluster.set_status(FOCAL, "member", "administrator")
    [logged] = await cluster.send(
        "/action Note de protection — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    assert "Action enregistrée" in logged["text"]
    assert "Note de protection" in await cluster.say("/mesactions", user=FOCAL)
    roster = await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "Coordination : Gerson Brandao, Oumou Sow" in roster
    assert "<b>OCHA</b>\n  • Gerson Brandao\n  • Hanan Talbi" in roster
    cluster.api.clear()
    cluster.clock.current = FRIDAY_8

    await cluster.sweep()

    assert any("Note de protection" in m["text"] for m in cluster.api.sent(OTHER_FOCAL.id))
    assert any("Note de protection" in m["text"] for m in cluster.api.sent(FOCAL.id))


async def test_the_removal_suggested_to_the_coordinator_names_someone_retirer_finds(
    cluster: Harness,
) -> None:
    await cluster.send("/start", user=OUTSIDER)  # Awa already knows the bot
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)

    replies = await cluster.send(f"/start {code}", user=OUTSIDER)  # and opens Hanan's link

    [told] = [str(r["text"]) for r in replies if r["chat_id"] == COORDINATOR.id]
    suggested = told.split("/retirer ")[1].split(" dans le groupe")[0]
    [question] = await cluster.send(f"/retirer {suggested}", user=COORDINATOR, chat=GROUP)
    assert "Retirer <b>Awa Traoré</b> (NRC)" in question["text"]


async def test_a_coordinator_testing_their_own_link_does_not_use_it_up(cluster: Harness) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)

    answer = await cluster.say(f"/start {code}", user=COORDINATOR)  # tapped in their own chat

    assert "Hanan Talbi" in answer
    assert "point focal" not in answer.split("\n")[0]
    replies = await cluster.send(f"/start {code}", user=OTHER_FOCAL)
    assert "point focal de <b>NRC</b>" in str(replies[0]["text"])
    assert "<b>NRC</b>\n  • Hanan Talbi" in await cluster.say(
        "/membres", user=COORDINATOR, chat=GROUP
    )


async def test_an_administrator_demoted_during_the_review_can_no_longer_skip_or_end_it(
    cluster: Harness,
) -> None:
    await cluster.send(
        "/action Carte des acteurs — OCHA — 24 octobre", user=COORDINATOR, chat=GROUP
    )
    await cluster.send("/action Matrice 3W — OCHA — 30 octobre", user=COORDINATOR, chat=GROUP)
    cluster.clock.advance(days=5)
    sent = await cluster.send("/revue", user=COORDINATOR, chat=GROUP)
    first = sent[-1]

    await cluster.set_status(COORDINATOR, "administrator", "member")

    for label in ("Suivant", "Terminer"):
        assert await cluster.press(first, label, user=COORDINATOR) == []
        assert cluster.last_answer()["show_alert"] is True
    # The focal point still answers for OCHA's item.
    await cluster.press(first, "Fait", user=FOCAL)
    assert "Seuls" not in str(cluster.last_answer().get("text"))


async def test_a_promoted_focal_point_s_organisation_keeps_its_part_of_the_partners_actions(
    cluster: Harness,
) -> None:
    await invite(cluster, "NRC", OTHER_FOCAL, "Hanan Talbi")
    await cluster.send(
        "/action Mettre à jour la matrice — Partenaires du CRP — 25 octobre",
        user=COORDINATOR,
        chat=GROUP,
    )
    await cluster.set_status(FOCAL, "member", "administrator")  # OCHA's only focal point

    card = await cluster.say("/voir 1", user=COORDINATOR, chat=GROUP)

    assert "0 sur 2 organisations : fait" in card
    [said] = await cluster.send("/fait 1", user=FOCAL, chat=GROUP)
    assert "Part d'OCHA : fait — 1 sur 2" in said["text"]
