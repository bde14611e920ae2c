"""What is open, what is late, what is mine."""

from __future__ import annotations

from tests.conftest import invite
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OTHER_GROUP,
    OUTSIDER,
    Harness,
    buttons,
)


async def log(bot: Harness, body: str, chat=GROUP) -> None:
    await bot.say(f"/action {body}", user=COORDINATOR, chat=chat)


async def test_actions_lists_open_ones_late_first_then_by_deadline(cluster: Harness) -> None:
    await log(cluster, "Action lointaine — OCHA — 15 novembre")
    await log(cluster, "Action proche — OCHA — 25 octobre")
    await log(cluster, "Action déjà faite — OCHA — 24 octobre")
    await log(cluster, "Action sans date — OCHA — prochainement")
    [question] = [m for m in cluster.api.sent(GROUP.id) if "ne donne pas de date" in m["text"]]
    await cluster.press(question, "Oui, sans date", user=COORDINATOR)
    await cluster.say("/fait 3", user=FOCAL)
    cluster.clock.advance(days=6)  # now 26 October: "Action proche" is late

    text = await cluster.say("/actions", user=OUTSIDER, chat=GROUP)

    order = [line for line in text.splitlines() if "<b>" in line and "·" in line]
    assert "Action proche" in order[0]
    assert "en retard de 1 jour\n" in text
    assert "Action lointaine" in order[1]
    assert "Action sans date" in order[2]
    assert "déjà faite" not in text


async def test_late_lists_only_late_actions(cluster: Harness) -> None:
    await log(cluster, "En retard — OCHA — 21 octobre")
    await log(cluster, "À venir — OCHA — 30 novembre")
    cluster.clock.advance(days=3)

    text = await cluster.say("/retards", user=FOCAL, chat=GROUP)

    assert "En retard" in text
    assert "À venir" not in text


async def test_no_late_action_is_good_news(cluster: Harness) -> None:
    await log(cluster, "À venir — OCHA — 30 novembre")
    assert "Aucune action en retard. 🎉" in await cluster.say("/retards", user=FOCAL, chat=GROUP)


async def test_long_lists_are_paginated_with_buttons(cluster: Harness) -> None:
    for day in range(1, 26):
        await log(cluster, f"Action du {day} novembre — OCHA — {day} novembre")

    [first] = await cluster.send("/actions", user=FOCAL, chat=GROUP)
    assert "Page 1/3 · 25 actions" in first["text"]
    assert [label for label, _ in buttons(first)] == ["Suivant ▶️"]
    assert "Action du 1 novembre" in first["text"]

    await cluster.press(first, "Suivant", user=FOCAL)
    second = cluster.api.edits()[-1]
    assert "Page 2/3" in second["text"]
    assert "Action du 11 novembre" in second["text"]
    assert "Action du 1 novembre" not in second["text"]
    await cluster.press(first, "Suivant", user=FOCAL)
    third = cluster.api.edits()[-1]
    assert "Page 3/3" in third["text"]
    assert [label for label, _ in buttons(third)] == ["◀️ Précédent"]


async def test_mesactions_in_private_covers_my_organisation_across_my_clusters(
    cluster: Harness,
) -> None:
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    code = await cluster.invitation("/inviter OCHA Gerson Brandao", chat=OTHER_GROUP)
    await cluster.send(f"/start {code}", user=FOCAL)
    await log(cluster, "Note de protection — OCHA — 25 octobre")
    await log(cluster, "Plan de relèvement — OCHA, PNUD — 31 octobre", chat=OTHER_GROUP)
    await log(cluster, "Affaire du NRC — NRC — 31 octobre")
    await log(cluster, "Pour Gerson lui-même — Gerson — 31 octobre")

    text = await cluster.say("/mesactions", user=FOCAL)

    assert "Actions d'OCHA" in text
    assert "[CP] Note de protection" in text
    assert "[CRP] Plan de relèvement" in text
    assert "Pour Gerson lui-même" in text
    assert "NRC" not in text.replace("Affaire", "")


async def test_mesactions_in_a_group_is_limited_to_that_cluster(cluster: Harness) -> None:
    await invite(cluster, "NRC", OTHER_FOCAL)
    await log(cluster, "Note de protection — OCHA — 25 octobre")
    await log(cluster, "Affaire du NRC — NRC — 31 octobre")

    text = await cluster.say("/mesactions", user=OTHER_FOCAL, chat=GROUP)

    assert "Affaire du NRC" in text
    assert "Note de protection" not in text


async def test_mesactions_without_organisation_explains(cluster: Harness) -> None:
    assert "aucune organisation" in await cluster.say("/mesactions", user=OUTSIDER, chat=GROUP)
    assert "aucun cluster" in await cluster.say("/mesactions", user=OUTSIDER)


async def test_private_lists_show_only_my_clusters(cluster: Harness) -> None:
    await log(cluster, "Note de protection — OCHA — 25 octobre")
    assert "aucun cluster" in await cluster.say("/actions", user=OUTSIDER)
    assert "Note de protection" in await cluster.say("/actions", user=FOCAL)


async def test_voir_shows_the_card_with_its_whole_history(cluster: Harness) -> None:
    await log(cluster, "Note de protection — OCHA — 25 octobre")
    cluster.clock.advance(hours=20)
    await cluster.say("/encours 1", user=FOCAL)
    await cluster.say("/reporter 1 fin octobre", user=FOCAL)

    text = await cluster.say("/voir 1", user=OUTSIDER, chat=GROUP)

    assert "<b>Action n° 1</b> · CP" in text
    assert "• 20/10/2016 14:30 — Oumou Sow : créée" in text
    assert "• 21/10/2016 10:30 — Gerson Brandao : statut : À faire → En cours" in text
    assert "échéance : fin octobre : lundi 31 octobre 2016 (« fin octobre »)" in text


async def test_a_long_history_keeps_the_newest_entries_within_one_message(cluster: Harness) -> None:
    await log(cluster, "Note de protection — OCHA — 25 octobre")
    for n in range(80):
        await cluster.say(f"/commenter 1 Commentaire numéro {n} " + "détail " * 10, user=FOCAL)

    text = await cluster.say("/voir 1", user=FOCAL)

    assert len(text) <= 4096
    assert "Commentaire numéro 79" in text
    assert "… et " in text
    assert "entrées plus anciennes" in text
