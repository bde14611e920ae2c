"""/suivi as coordinators and focal points see it, its pages, and the J-1 reminder's button."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.callbacks import FollowUpButton, FollowUpOp, decode, encode
from storage.attendance import meeting_held_on
from storage.models import Action
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_GROUP,
    OUTSIDER,
    Harness,
    buttons,
    private,
)

BAMAKO = ZoneInfo("Africa/Bamako")


async def log_action(bot: Harness, body: str) -> int:
    [reply] = await bot.send(f"/action {body}", user=COORDINATOR, chat=GROUP)
    assert "Action enregistrée" in reply["text"], reply["text"]
    with bot.db.session() as session:
        return max(a.id for a in session.exec(select(Action)).all() if a.id is not None)


def from_meeting(bot: Harness, action_id: int, day: date) -> int:
    """The action came from the meeting held that day (as an import records it)."""
    with bot.db.session() as session:
        meeting_id = meeting_held_on(
            session=session, cluster_id=1, day=day, tz=BAMAKO, now=bot.clock.now()
        )
        action = session.get(Action, action_id)
        assert action is not None
        action.meeting_id = meeting_id
        session.add(action)
    return meeting_id


def due_on(bot: Harness, action_id: int, moment: datetime) -> None:
    with bot.db.session() as session:
        action = session.get(Action, action_id)
        assert action is not None
        action.due_at = moment
        session.add(action)


async def reviewable(bot: Harness) -> None:
    """Two actions, one from the meeting of 4 October (late, commented), and the next
    meeting set; an hour later, as /suivi reads what was created before now."""
    first = await log_action(bot, "Partager la carte des zones — OCHA — 15 novembre")
    await log_action(bot, "Relancer le bailleur — UNICEF — 15 novembre")
    from_meeting(bot, first, date(2016, 10, 4))
    due_on(bot, first, datetime(2016, 10, 15, 23, 59, tzinfo=UTC))
    await bot.send("/commenter 1 En attente du bailleur", user=COORDINATOR, chat=GROUP)
    await bot.send("/reunion 2 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    bot.clock.advance(hours=1)
    bot.api.clear()


async def test_suivi_in_the_group_shows_the_meeting_the_counts_and_actions_by_origin(
    cluster: Harness,
) -> None:
    await reviewable(cluster)

    [reply] = await cluster.send("/suivi", user=FOCAL, chat=GROUP)

    text = reply["text"]
    assert "Suivi des actions — Cluster Protection (CP)" in text
    assert "Réunion du mercredi 2 novembre 2016 à 10h00, bureau du PNUD" in text
    assert (
        "Depuis la dernière réunion (4 octobre 2016) : 0 faite, 1 nouvelle ; 1 en retard." in text
    )
    assert "2 actions ouvertes à suivre." in text
    # The meeting's actions first, then those logged between meetings.
    assert text.index("Réunion du 4 octobre 2016") < text.index("Partager la carte")
    assert text.index("Partager la carte") < text.index("Ajoutées entre les réunions")
    assert text.index("Ajoutées entre les réunions") < text.index("Relancer le bailleur")
    assert "Responsables : OCHA" in text
    assert "Échéance : samedi 15 octobre 2016 — ⚠️ en retard de 5 jours" in text
    assert "Statut : À faire" in text
    assert "💬 « En attente du bailleur »" in text
    assert "/voir 1 :" in text
    # One page: no page buttons; in the group, the review's start.
    assert [label for label, _ in buttons(reply)] == ["▶️ Commencer la revue"]


async def test_a_done_action_leaves_the_follow_up_and_counts_as_done_since(
    cluster: Harness,
) -> None:
    await reviewable(cluster)
    await cluster.send("/fait 1", user=FOCAL, chat=GROUP)

    text = await cluster.say("/suivi", user=COORDINATOR, chat=GROUP)

    assert "1 faite, 1 nouvelle ; 0 en retard" in text
    assert "Partager la carte" not in text
    assert "1 action ouverte à suivre." in text


async def test_suivi_with_nothing_open_says_what_to_do_instead(cluster: Harness) -> None:
    text = await cluster.say("/suivi", user=COORDINATOR, chat=GROUP)

    assert "Aucune réunion fixée : /reunion" in text
    assert "Aucune réunion précédente enregistrée ; 0 en retard." in text
    assert "Aucune action ouverte à suivre" in text
    assert "/action pour en enregistrer une" in text


async def test_in_private_a_focal_point_sees_their_organisation_first(cluster: Harness) -> None:
    await reviewable(cluster)

    [reply] = await cluster.send("/suivi", user=FOCAL)

    text = reply["text"]
    assert text.index("Pour OCHA") < text.index("Partager la carte")
    assert text.index("Partager la carte") < text.index("Les autres actions")
    assert text.index("Les autres actions") < text.index("Relancer le bailleur")


async def test_in_private_a_focal_point_with_nothing_of_theirs_is_told_so(
    cluster: Harness,
) -> None:
    await log_action(cluster, "Relancer le bailleur — UNICEF — 15 novembre")
    cluster.clock.advance(hours=1)

    text = await cluster.say("/suivi", user=FOCAL)

    assert "Aucune action ouverte pour OCHA." in text
    assert "Relancer le bailleur" in text


async def test_a_stranger_in_private_is_told_to_ask_for_an_invitation(cluster: Harness) -> None:
    text = await cluster.say("/suivi", user=OUTSIDER)

    assert "aucun cluster" in text
    assert "lien d'invitation" in text


async def test_suivi_in_a_group_that_is_no_cluster_says_how_to_make_it_one(bot: Harness) -> None:
    text = await bot.say("/suivi", user=COORDINATOR, chat=GROUP)

    assert "/cluster Cluster Protection (CP)" in text


async def test_a_long_follow_up_is_cut_between_actions_and_paged(cluster: Harness) -> None:
    long_text = "Élaborer le plan de réponse " + "très détaillé " * 40
    for n in range(23):
        await log_action(cluster, f"{long_text} {n} — OCHA — 15 novembre")
    cluster.clock.advance(hours=1)

    [reply] = await cluster.send("/suivi", user=COORDINATOR, chat=GROUP)

    assert len(reply["text"]) <= 4096
    assert "Page 1/3" in reply["text"]
    assert [label for label, _ in buttons(reply)] == ["Suivant ▶️", "▶️ Commencer la revue"]
    await cluster.press(reply, "Suivant", user=FOCAL)
    second = cluster.current(reply)
    assert "Page 2/3" in second["text"]
    assert "(suite)" in second["text"]
    assert "n° 11</b>" in second["text"]
    assert second["text"].count("Statut :") == 10  # whole actions only
    assert [label for label, _ in buttons(second)] == [
        "◀️ Précédent",
        "Suivant ▶️",
        "▶️ Commencer la revue",
    ]

    # Pages are computed again at each press: after changes, the current state.
    for n in range(1, 21):
        await cluster.send(f"/fait {n}", user=COORDINATOR, chat=GROUP)
    await cluster.press(second, "Suivant", user=FOCAL)
    last = cluster.current(reply)
    assert "n° 21</b>" in last["text"]
    assert "Page" not in last["text"]  # one page is left, shown whole
    assert [label for label, _ in buttons(last)] == ["▶️ Commencer la revue"]


async def test_a_page_beyond_the_end_shows_the_last_one(cluster: Harness) -> None:
    await reviewable(cluster)
    [reply] = await cluster.send("/suivi", user=COORDINATOR, chat=GROUP)

    await cluster.process(cluster.updates.callback("u:p:1:99", message=reply, user=FOCAL))

    assert "Relancer le bailleur" in cluster.current(reply)["text"]


async def test_a_page_button_of_another_cluster_changes_nothing(cluster: Harness) -> None:
    await reviewable(cluster)
    [reply] = await cluster.send("/suivi", user=COORDINATOR, chat=GROUP)

    await cluster.process(cluster.updates.callback("u:p:7:1", message=reply, user=FOCAL))

    assert cluster.last_answer()["text"] == "Ce bouton n'est plus valable."
    assert cluster.current(reply)["text"] == reply["text"]


async def test_the_day_before_the_meeting_the_reminder_opens_the_follow_up_in_private(
    cluster: Harness,
) -> None:
    await reviewable(cluster)
    await cluster.send("/start", user=FOCAL)
    cluster.clock.current = datetime(2016, 11, 1, 8, 0, tzinfo=UTC)
    await cluster.sweep()
    [digest] = [m for m in cluster.api.sent(FOCAL.id) if "Réunion demain" in m["text"]]
    assert "Partager la carte" in digest["text"]  # their organisation's part, as before
    labels = [label for label, _ in buttons(digest)]
    assert labels[-1] == "📋 Voir le suivi"
    assert "✅ 1" in labels  # the action buttons stay
    cluster.api.clear()

    [opened] = await cluster.press(digest, "Voir le suivi", user=FOCAL)

    assert opened["chat_id"] == FOCAL.id
    assert "Suivi des actions — Cluster Protection (CP)" in opened["text"]
    assert "Pour OCHA" in opened["text"]
    assert cluster.current(digest)["text"] == digest["text"]  # the reminder stays as it was


async def test_the_reminder_button_of_a_cluster_one_left_says_so(cluster: Harness) -> None:
    [reply] = await cluster.send("/start", user=FOCAL)
    data = encode(FollowUpButton(FollowUpOp.OPEN, 9))

    await cluster.process(cluster.updates.callback(data, message=reply, user=FOCAL))

    assert "ne faites plus partie de ce cluster" in cluster.last_answer()["text"]


def test_the_follow_up_buttons_round_trip_under_64_bytes() -> None:
    for button in (
        FollowUpButton(FollowUpOp.PAGE, 0, 3),
        FollowUpButton(FollowUpOp.POST, 2**31 - 1, 2**31 - 1),
        FollowUpButton(FollowUpOp.OPEN, 12),
    ):
        data = encode(button)
        assert len(data.encode()) <= 64
        assert decode(data) == button
    for bad in ("u:p:1", "u:z:1:0", "u:p:-1:0", "u:p:1:x", "u:o:1:2:3"):
        assert decode(bad) is None


async def test_a_member_of_two_clusters_sees_each_in_turn_in_private(cluster: Harness) -> None:
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    code = await cluster.invitation("/inviter OCHA Gerson", chat=OTHER_GROUP)
    await cluster.send(f"/start {code}", user=FOCAL, chat=private(FOCAL))
    await cluster.send(
        "/action Cartographier les besoins — OCHA — 15 novembre", user=COORDINATOR, chat=OTHER_GROUP
    )
    await reviewable(cluster)

    text = await cluster.say("/suivi", user=FOCAL)

    assert text.index("Cluster Protection (CP)") < text.index("Partager la carte")
    assert text.index("Cluster Relèvement Précoce (CRP)") < text.index("Cartographier")
