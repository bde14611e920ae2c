"""A group becomes a cluster; coordinators invite focal points; /membres shows who is reachable."""

from __future__ import annotations

from sqlmodel import col, select

from storage.models import Cluster, Member, Membership, Role
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OUTSIDER,
    Harness,
    private,
)


async def group_notice(bot: Harness, command: str) -> str:
    """/inviter in the group: what the group reads (the link went to the coordinator)."""
    replies = await bot.send(command, user=COORDINATOR, chat=GROUP)
    return "".join(str(r["text"]) for r in replies if r["chat_id"] == GROUP.id)


def clusters(bot: Harness) -> list[Cluster]:
    with bot.db.session() as session:
        return list(session.exec(select(Cluster).order_by(col(Cluster.id))).all())


async def test_an_administrator_turns_the_group_into_a_cluster(bot: Harness) -> None:
    reply = await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)

    assert "désormais le cluster <b>Cluster Protection (CP)</b>" in reply
    [cluster] = clusters(bot)
    assert (cluster.name, cluster.short_name, cluster.chat_id) == (
        "Cluster Protection",
        "CP",
        GROUP.id,
    )
    assert cluster.timezone == "Africa/Bamako"
    with bot.db.session() as session:
        membership = session.exec(select(Membership)).one()
    assert membership.role == Role.COORDINATOR


async def test_sending_cluster_again_renames_it(bot: Harness) -> None:
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    reply = await bot.say("/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=GROUP)

    assert "s'appelle désormais <b>Cluster Relèvement Précoce (CRP)</b>" in reply
    assert [(c.name, c.short_name) for c in clusters(bot)] == [
        ("Cluster Relèvement Précoce", "CRP")
    ]


async def test_a_member_who_is_not_administrator_is_politely_refused(bot: Harness) -> None:
    reply = await bot.say("/cluster Cluster Protection (CP)", user=OUTSIDER, chat=GROUP)

    assert "Seul un administrateur" in reply
    assert clusters(bot) == []


async def test_cluster_needs_a_name_and_a_group(bot: Harness) -> None:
    assert "/cluster Cluster Protection (CP)" in await bot.say(
        "/cluster", user=COORDINATOR, chat=GROUP
    )
    assert "dans le groupe du cluster" in await bot.say("/cluster CP", user=COORDINATOR)
    assert "trop long" in await bot.say("/cluster " + "x" * 200, user=COORDINATOR, chat=GROUP)
    assert clusters(bot) == []


async def test_a_group_that_becomes_a_supergroup_keeps_its_cluster(bot: Harness) -> None:
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    new_id = -1009999999999

    await bot.process(
        bot.updates.migrate_to_supergroup(chat=GROUP, user=COORDINATOR, new_chat_id=new_id)
    )

    assert [c.chat_id for c in clusters(bot)] == [new_id]


async def test_commands_in_a_group_that_is_not_a_cluster_say_how_to_start(bot: Harness) -> None:
    for command in (
        "/actions",
        "/action Faire X — OCHA — demain",
        "/inviter OCHA Gerson",
        "/membres",
    ):
        reply = await bot.say(command, user=COORDINATOR, chat=GROUP)
        assert "n'est pas encore un cluster" in reply, command


async def test_an_invitation_link_makes_its_opener_the_organisation_focal_point(
    bot: Harness,
) -> None:
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    [link, notice] = await bot.send("/inviter OCHA Gerson Brandao", user=COORDINATOR, chat=GROUP)

    assert link["chat_id"] == COORDINATOR.id  # the link goes privately to the coordinator
    assert "https://t.me/relance_test_bot?start=" in link["text"]
    assert "Gerson Brandao</b> (OCHA)" in link["text"]
    assert "?start=" not in notice["text"]
    code = link["text"].split("?start=")[1].split()[0]
    [welcome, told] = [m["text"] for m in await bot.send(f"/start {code}", user=FOCAL)]
    assert "a ouvert son lien" in told  # the coordinator learns who joined

    assert "point focal d'<b>OCHA</b>" in welcome
    assert "Cluster Protection (CP)" in welcome
    with bot.db.session() as session:
        member = session.exec(select(Member).where(Member.telegram_user_id == FOCAL.id)).one()
        membership = session.exec(select(Membership).where(Membership.member_id == member.id)).one()
    assert member.display_name == "Gerson Brandao"
    assert member.reachable
    assert membership.role == Role.FOCAL_POINT


async def test_organisations_are_found_by_their_english_name_and_in_several_words(
    bot: Harness,
) -> None:
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)

    assert "Amadou Diallo</b> (PNUD)" in await group_notice(bot, "/inviter UNDP Amadou Diallo")
    assert "Alliou Traoré</b> (Mercy Corps)" in await group_notice(
        bot, "/inviter Mercy Corps Alliou Traoré"
    )


async def test_an_invitation_link_works_once(cluster: Harness) -> None:
    code = await cluster.invitation("/inviter NRC Hanan Talbi", chat=GROUP)
    await cluster.send(f"/start {code}", user=OTHER_FOCAL)

    assert "déjà été utilisé" in await cluster.say(f"/start {code}", user=OUTSIDER)
    # The rightful owner opening it again is simply welcomed again.
    assert "point focal de <b>NRC</b>" in await cluster.say(f"/start {code}", user=OTHER_FOCAL)
    assert "pas valable" in await cluster.say("/start nonsense-code", user=OUTSIDER)


async def test_invitations_need_a_known_organisation_and_a_coordinator(cluster: Harness) -> None:
    assert "Je ne connais pas l'organisation « XYZ »" in await cluster.say(
        "/inviter XYZ Jean Dupont", user=COORDINATOR, chat=GROUP
    )
    assert "/inviter OCHA Gerson Brandao" in await cluster.say(
        "/inviter OCHA", user=COORDINATOR, chat=GROUP
    )
    assert "Seuls les coordinateurs" in await cluster.say(
        "/inviter OCHA Jean", user=FOCAL, chat=GROUP
    )
    assert "dans le groupe du cluster" in await cluster.say("/inviter OCHA Jean", user=COORDINATOR)


async def test_a_coordinator_adds_an_organisation_then_invites_it(cluster: Harness) -> None:
    reply = await cluster.say(
        "/organisation ADM Ardèche-Dianwali-Mali", user=COORDINATOR, chat=GROUP
    )
    assert "Organisation <b>ADM</b> ajoutée" in reply
    assert "existe déjà" in await cluster.say(
        "/organisation ocha Doublon", user=COORDINATOR, chat=GROUP
    )
    assert "(ADM)" in await group_notice(cluster, "/inviter ADM Fatou Coulibaly")
    assert "Seuls les coordinateurs" in await cluster.say(
        "/organisation ABC Test", user=FOCAL, chat=GROUP
    )


async def test_the_directory_s_organisations_need_no_adding(cluster: Harness) -> None:
    assert "L'organisation AMSS existe déjà" in await cluster.say(
        "/organisation AMSS Association malienne pour la survie au Sahel",
        user=COORDINATOR,
        chat=GROUP,
    )
    # Invited under its English name, or a section's: the directory's organisation.
    assert "(OMS)" in await group_notice(cluster, "/inviter WHO Awa Diallo")
    assert "(MSF)" in await group_notice(cluster, "/inviter MSF Belgique Awa Diallo")


async def test_members_shows_focal_points_and_who_cannot_be_reached_privately(
    cluster: Harness,
) -> None:
    await cluster.send("/inviter NRC Hanan Talbi", user=COORDINATOR, chat=GROUP)

    roster = await cluster.say("/membres", user=OUTSIDER, chat=GROUP)

    assert "Coordination : Oumou Sow" in roster
    assert "<b>OCHA</b>\n  • Gerson Brandao" in roster
    assert "Hanan Talbi — ⏳ invité(e), lien pas encore ouvert" in roster


async def test_start_without_code_explains_the_bot_and_how_to_be_invited(bot: Harness) -> None:
    reply = await bot.say("/start", user=OUTSIDER)
    assert "Relance" in reply
    assert "lien d'invitation" in reply


async def test_a_known_member_who_starts_the_bot_again_is_greeted_by_name(cluster: Harness) -> None:
    assert "Bonjour Gerson Brandao" in await cluster.say("/start", user=FOCAL)


async def test_private_members_lists_only_my_clusters(cluster: Harness) -> None:
    assert "Cluster Protection" in await cluster.say("/membres", user=FOCAL)
    assert "aucun cluster" in await cluster.say("/membres", user=OUTSIDER, chat=private(OUTSIDER))


async def test_help_lists_every_command_with_an_example(bot: Harness) -> None:
    reply = await bot.say("/aide", user=OUTSIDER)
    for command in (
        "/actions",
        "/retards",
        "/mesactions",
        "/voir 12",
        "/fait 12",
        "/reporter 12",
        "/commenter 12",
        "/annuler 12",
        "/action ",
        "/inviter OCHA",
        "/cluster ",
    ):
        assert command in reply, command


async def test_a_demoted_administrator_stops_coordinating_at_once(cluster: Harness) -> None:
    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    # What Telegram sends a bot that administers the group (see test_administrators for a
    # demotion it does not announce).
    await cluster.set_status(COORDINATOR, "administrator", "member")

    assert "Seuls les coordinateurs" in await cluster.say(
        "/action Faire Y — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    assert "Coordination : (aucun coordinateur enregistré)" in await cluster.say(
        "/membres", user=FOCAL, chat=GROUP
    )

    cluster.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    assert "Action n° 2" in await cluster.say(
        "/action Faire Y — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    assert "Coordination : Oumou Sow" in await cluster.say("/membres", user=FOCAL, chat=GROUP)


async def test_when_telegram_cannot_be_asked_the_recorded_role_answers(cluster: Harness) -> None:
    cluster.clock.advance(hours=1)  # the administrators listed at /cluster have aged
    cluster.api.fail_next("getChatAdministrators", 400, "Bad Request: chat not found")
    assert "Action n° 1" in await cluster.say(
        "/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    cluster.api.fail_next("getChatAdministrators", 400, "Bad Request: chat not found")
    assert "Seuls les coordinateurs" in await cluster.say(
        "/action Faire X — OCHA — demain", user=FOCAL, chat=GROUP
    )
