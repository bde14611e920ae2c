"""Invitations reach the person invited: the link goes to the coordinator privately, its
opener is seen by their own Telegram name, links expire and are replaced, a coordinator
removes someone with /retirer, and a person's organisation changes only when confirmed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import select

from bot.callbacks import MAX_BYTES, MemberButton, MemberOp, decode, encode
from storage.models import Member, Membership
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OTHER_GROUP,
    OUTSIDER,
    Harness,
    buttons,
    private,
)

FRIDAY_8 = datetime(2016, 10, 21, 8, 0, tzinfo=UTC)


def texts_to(replies: list[dict[str, Any]], chat_id: int) -> list[str]:
    return [str(r["text"]) for r in replies if r["chat_id"] == chat_id]


def code_of(text: str) -> str:
    return text.split("?start=")[1].split()[0]


def member_ids_of(bot: Harness, user_id: int) -> list[int]:
    """The clusters this Telegram account is a member of."""
    with bot.db.session() as session:
        member = session.exec(select(Member).where(Member.telegram_user_id == user_id)).first()
        if member is None:
            return []
        rows = session.exec(select(Membership).where(Membership.member_id == member.id)).all()
        return [m.cluster_id for m in rows]


# --- /inviter: the link reaches the coordinator, never the group ---------------------------


async def test_the_group_reads_that_an_invitation_was_made_never_its_code(
    cluster: Harness,
) -> None:
    replies = await cluster.send("/inviter NRC Hanan Talbi", user=COORDINATOR, chat=GROUP)

    [link] = texts_to(replies, COORDINATOR.id)
    [notice] = texts_to(replies, GROUP.id)
    assert "https://t.me/relance_test_bot?start=" in link
    assert "expire dans 14 jours" in link
    assert "Invitation créée pour <b>Hanan Talbi</b> (NRC)" in notice
    assert "en privé" in notice
    assert code_of(link) not in notice
    assert "?start=" not in notice
    # The link reached them: their next /start does not send it again.
    assert "?start=" not in await cluster.say("/start", user=COORDINATOR)


async def test_a_coordinator_who_never_started_the_bot_is_told_how_and_gets_the_link_at_start(
    cluster: Harness,
) -> None:
    cluster.api.block_user(COORDINATOR.id)  # Telegram refuses: never started the bot

    replies = await cluster.send("/inviter NRC Hanan Talbi", user=COORDINATOR, chat=GROUP)

    [notice] = texts_to(replies, GROUP.id)
    assert "je ne peux pas encore vous écrire en privé" in notice
    assert "https://t.me/relance_test_bot" in notice
    assert "Démarrer" in notice
    assert "?start=" not in notice
    assert not [m for m in cluster.api.sent() if "?start=" in m["text"]]

    cluster.api.unblock_user(COORDINATOR.id)
    started = texts_to(await cluster.send("/start", user=COORDINATOR), COORDINATOR.id)

    links = [t for t in started if "?start=" in t]
    assert len(links) == 1
    assert "Hanan Talbi</b> (NRC)" in links[0]
    opened = await cluster.send(f"/start {code_of(links[0])}", user=OTHER_FOCAL)
    welcome = texts_to(opened, OTHER_FOCAL.id)
    assert "point focal de <b>NRC</b>" in welcome[0]
    # Once reachable, a later /start does not send the links again.
    again = texts_to(await cluster.send("/start", user=COORDINATOR), COORDINATOR.id)
    assert not [t for t in again if "?start=" in t]


async def test_an_anonymous_administrator_is_told_the_link_cannot_reach_them(
    cluster: Harness,
) -> None:
    update = cluster.updates.message("/inviter NRC Hanan Talbi", chat=GROUP, user=COORDINATOR)
    update["message"]["sender_chat"] = {"id": GROUP.id, "type": "supergroup", "title": "CP"}
    replies = await cluster.process(update)

    [answer] = [str(r["text"]) for r in replies]
    assert "administrateur anonyme" in answer
    assert "?start=" not in answer


# --- Who opened it: their own name, the coordinator told ------------------------------------


async def test_a_link_opened_by_the_wrong_person_is_seen_at_once(cluster: Harness) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)

    replies = await cluster.send(f"/start {code}", user=OUTSIDER)  # Awa Traoré opens it

    [welcome] = texts_to(replies, OUTSIDER.id)
    assert "invité(e) sous le nom <b>Hanan Talbi</b>" in welcome
    assert "votre nom Telegram est <b>Awa Traoré</b>" in welcome
    [told] = texts_to(replies, COORDINATOR.id)
    assert (
        "<b>Hanan Talbi</b>, point focal de NRC dans le Cluster Protection (CP), a ouvert son lien"
        in told
    )
    assert "compte Telegram <b>Awa Traoré</b>" in told
    assert "/retirer Hanan Talbi" in told
    roster = await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "• Hanan Talbi (Telegram : Awa Traoré)" in roster
    # The right person's name is not repeated beside itself.
    assert "• Gerson Brandao\n" in roster + "\n"


async def test_the_coordinator_is_told_in_the_group_when_they_cannot_be_written_to(
    cluster: Harness,
) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    cluster.api.block_user(COORDINATOR.id)

    replies = await cluster.send(f"/start {code}", user=OTHER_FOCAL)

    [told] = texts_to(replies, GROUP.id)
    assert "a ouvert son lien" in told
    assert "?start=" not in told


# --- Expiry and replacement ----------------------------------------------------------------


async def test_a_link_expires_after_two_weeks(cluster: Harness) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    cluster.clock.advance(days=14, minutes=1)

    assert "a expiré" in await cluster.say(f"/start {code}", user=OTHER_FOCAL)
    assert member_ids_of(cluster, OTHER_FOCAL.id) == []
    roster = await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "Hanan Talbi — ⌛ lien expiré, /inviter à nouveau" in roster
    # A fresh link works.
    fresh = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    assert (
        "point focal de <b>NRC</b>"
        in texts_to(await cluster.send(f"/start {fresh}", user=OTHER_FOCAL), OTHER_FOCAL.id)[0]
    )


async def test_a_link_opened_within_two_weeks_works(cluster: Harness) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    cluster.clock.advance(days=13, hours=23)

    replies = await cluster.send(f"/start {code}", user=OTHER_FOCAL)
    assert "point focal de <b>NRC</b>" in texts_to(replies, OTHER_FOCAL.id)[0]


async def test_a_new_invitation_for_the_same_person_replaces_the_old_link(
    cluster: Harness,
) -> None:
    old = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)

    replies = await cluster.send("/inviter OIM hanan  talbi", user=COORDINATOR, chat=GROUP)
    [notice] = texts_to(replies, GROUP.id)
    new = code_of(texts_to(replies, COORDINATOR.id)[0])

    assert "L'ancien lien de hanan talbi ne s'ouvre plus" in notice
    assert "pas valable" in await cluster.say(f"/start {old}", user=OTHER_FOCAL)
    roster = await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert roster.count("lien pas encore ouvert") == 1
    assert (
        "point focal d'<b>OIM</b>"
        in texts_to(await cluster.send(f"/start {new}", user=OTHER_FOCAL), OTHER_FOCAL.id)[0]
    )


# --- /retirer -------------------------------------------------------------------------------


async def test_a_removed_focal_point_receives_nothing_more_and_history_keeps_their_part(
    cluster: Harness,
) -> None:
    await cluster.send(
        "/action Note de protection — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    await cluster.send("/commenter 1 Brouillon partagé", user=FOCAL, chat=private(FOCAL))

    [question] = await cluster.send("/retirer Gerson Brandao", user=COORDINATOR, chat=GROUP)
    assert "Retirer <b>Gerson Brandao</b> (OCHA) du Cluster Protection (CP) ?" in question["text"]
    assert "Plus aucun rappel" in question["text"]
    # Only a coordinator's press counts.
    await cluster.press(question, "Oui, retirer", user=OUTSIDER)
    assert "Seuls les coordinateurs" in cluster.last_answer()["text"]
    assert member_ids_of(cluster, FOCAL.id) != []

    await cluster.press(question, "Oui, retirer", user=COORDINATOR)

    assert "ne fait plus partie du Cluster Protection (CP)" in cluster.current(question)["text"]
    assert buttons(cluster.current(question)) == []
    assert member_ids_of(cluster, FOCAL.id) == []
    roster = await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "Gerson" not in roster
    card = await cluster.say("/voir 1", user=COORDINATOR, chat=GROUP)
    assert "Gerson Brandao" in card
    assert "Brouillon partagé" in card
    cluster.api.clear()
    cluster.clock.current = FRIDAY_8
    await cluster.sweep()
    assert cluster.api.sent(FOCAL.id) == []
    assert "aucun cluster" in await cluster.say("/mesactions", user=FOCAL)


async def test_retirer_names_people_by_name_or_username_and_can_be_declined(
    cluster: Harness,
) -> None:
    assert "/retirer Gerson Brandao" in await cluster.say("/retirer", user=COORDINATOR, chat=GROUP)
    assert "Personne ne s'appelle « Zoé »" in await cluster.say(
        "/retirer Zoé", user=COORDINATOR, chat=GROUP
    )
    assert "Seuls les coordinateurs" in await cluster.say(
        "/retirer Gerson Brandao", user=FOCAL, chat=GROUP
    )
    assert "dans le groupe du cluster" in await cluster.say(
        "/retirer Gerson Brandao", user=COORDINATOR
    )
    assert "coordonne le cluster" in await cluster.say(
        "/retirer Oumou Sow", user=COORDINATOR, chat=GROUP
    )
    hanan = type(OTHER_FOCAL)(OTHER_FOCAL.id, "Hanan", "Talbi", "hanan_t")
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    await cluster.send(f"/start {code}", user=hanan)
    await cluster.invitation("/inviter OIM Hanan Diarra", chat=GROUP)
    assert "plusieurs personnes" in await cluster.say(
        "/retirer Hanan", user=COORDINATOR, chat=GROUP
    )

    [question] = await cluster.send("/retirer @hanan_t", user=COORDINATOR, chat=GROUP)
    assert "<b>Hanan Talbi</b> (NRC)" in question["text"]
    await cluster.press(question, "Non", user=COORDINATOR)
    assert "Rien n'a changé" in cluster.current(question)["text"]
    assert member_ids_of(cluster, OTHER_FOCAL.id) != []


async def test_retirer_withdraws_an_invitation_not_opened_yet(cluster: Harness) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)

    [question] = await cluster.send("/retirer Hanan Talbi", user=COORDINATOR, chat=GROUP)
    assert "Annuler l'invitation de <b>Hanan Talbi</b> (NRC)" in question["text"]
    await cluster.press(question, "Oui, annuler", user=COORDINATOR)

    assert "son lien ne s'ouvre plus" in cluster.current(question)["text"]
    assert "pas valable" in await cluster.say(f"/start {code}", user=OTHER_FOCAL)
    assert "lien pas encore ouvert" not in await cluster.say(
        "/membres", user=COORDINATOR, chat=GROUP
    )


# --- One organisation per person -----------------------------------------------------------


async def _invite_gerson_for_nrc(bot: Harness) -> list[dict[str, Any]]:
    """Gerson, OCHA's focal point in the Protection cluster, opens a link that names NRC."""
    bot.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await bot.send("/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP)
    code = await bot.invitation("/inviter NRC Gerson Brandao", chat=OTHER_GROUP)
    return await bot.send(f"/start {code}", user=FOCAL)


async def test_an_invitation_for_another_organisation_asks_the_coordinator_first(
    cluster: Harness,
) -> None:
    replies = await _invite_gerson_for_nrc(cluster)

    [waiting] = texts_to(replies, FOCAL.id)
    assert "déjà point focal d'<b>OCHA</b>" in waiting
    assert "confirmer" in waiting
    [question] = [r for r in replies if r["chat_id"] == COORDINATOR.id]
    assert "déjà point focal d'<b>OCHA</b>" in question["text"]
    assert "celles d'OCHA" in question["text"]
    assert [label for label, _ in buttons(question)] == [
        "✅ Oui, point focal de NRC",
        "✖️ Non, rester à OCHA",
    ]
    # Nothing moved meanwhile: still OCHA's, still only in the first cluster.
    roster = await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "<b>OCHA</b>\n  • Gerson Brandao" in roster
    assert len(member_ids_of(cluster, FOCAL.id)) == 1

    told = await cluster.press(question, "Oui", user=COORDINATOR)

    assert "désormais point focal de NRC" in cluster.current(question)["text"]
    [welcome] = texts_to(told, FOCAL.id)
    assert "point focal de <b>NRC</b>" in welcome
    assert len(member_ids_of(cluster, FOCAL.id)) == 2
    roster = await cluster.say("/membres", user=COORDINATOR, chat=OTHER_GROUP)
    assert "<b>NRC</b>\n  • Gerson Brandao" in roster


async def test_the_coordinator_can_keep_the_person_s_organisation(cluster: Harness) -> None:
    replies = await _invite_gerson_for_nrc(cluster)
    [question] = [r for r in replies if r["chat_id"] == COORDINATOR.id]

    told = await cluster.press(question, "Non", user=COORDINATOR)

    assert "reste point focal d'OCHA" in cluster.current(question)["text"]
    assert "gardé votre organisation, <b>OCHA</b>" in texts_to(told, FOCAL.id)[0]
    assert len(member_ids_of(cluster, FOCAL.id)) == 1
    roster = await cluster.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "<b>OCHA</b>\n  • Gerson Brandao" in roster


# --- The codec of these buttons -------------------------------------------------------------


@pytest.mark.parametrize(
    "button",
    [
        MemberButton(MemberOp.RETIRE, 2**31 - 1),
        MemberButton(MemberOp.RETIRE_INVITATION, 7),
        MemberButton(MemberOp.KEEP, 0),
        MemberButton(MemberOp.ORG_CHANGE, 2**31 - 1, 2**31 - 1),
        MemberButton(MemberOp.ORG_KEEP, 3, 4),
    ],
)
def test_membership_buttons_round_trip_under_64_bytes(button: MemberButton) -> None:
    data = encode(button)
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == button


@pytest.mark.parametrize("data", ["w:r:1", "w:z:1:0", "w:r:99999999999999999999:0", "w:r:²:0"])
def test_damaged_membership_buttons_decode_to_nothing(data: str) -> None:
    assert decode(data) is None
