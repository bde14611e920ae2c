"""Coordinators log actions in one message, or through a guided exchange."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from storage.models import Action, ActionEvent, ActionOwner
from tests.conftest import invite
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


def stored(bot: Harness) -> list[tuple[Action, list[ActionOwner]]]:
    with bot.db.session() as session:
        actions = session.exec(select(Action).order_by(Action.id)).all()  # type: ignore[arg-type]
        return [
            (
                a,
                list(
                    session.exec(
                        select(ActionOwner)
                        .where(ActionOwner.action_id == a.id)
                        .order_by(ActionOwner.position)  # type: ignore[arg-type]
                    ).all()
                ),
            )
            for a in actions
        ]


@pytest.mark.parametrize(
    "body",
    [
        "Rédiger une note sur la situation de protection — OCHA, CCP — 25 octobre",
        "Rédiger une note sur la situation de protection - OCHA, CCP - 25 octobre",
        "Rédiger une note sur la situation de protection ; OCHA, CCP ; 25 octobre",
        "Rédiger une note sur la situation de protection\nOCHA, CCP\n25 octobre",
        "Rédiger une note sur la situation de protection resp: OCHA, CCP échéance: 25 octobre",
        "Rédiger une note sur la situation de protection échéance : 25 octobre responsable : OCHA-CCP",
    ],
)
async def test_one_message_logs_an_action_whatever_the_separators(
    cluster: Harness, body: str
) -> None:
    [reply] = await cluster.send(f"/action {body}", user=COORDINATOR, chat=GROUP)

    text = reply["text"]
    assert "Action enregistrée" in text
    assert "<b>Action n° 1</b> · CP" in text
    assert "Rédiger une note sur la situation de protection" in text
    assert "Responsables : OCHA, CCP" in text
    assert "Échéance : mardi 25 octobre 2016" in text
    labels = [label for label, _ in buttons(reply)]
    assert labels == [
        "✅ Fait",
        "🔄 En cours",
        "⛔ Bloqué",
        "📅 Reporter",
        "✖️ Annuler",
        "💬 Commenter",
        "✏️ Texte",
        "👥 Responsables",
    ]
    [(action, owners)] = stored(cluster)
    assert action.description == "Rédiger une note sur la situation de protection"
    assert action.due_at == datetime(2016, 10, 25, 23, 59, 59, tzinfo=UTC)
    assert action.deadline_precision == "day"
    assert action.status == "a_faire"
    assert [(o.kind, o.label, o.unknown) for o in owners] == [
        ("organisation", "OCHA", False),
        ("coordinators", "CCP", False),
    ]


async def test_owners_resolve_to_organisations_and_members_and_unknown_names_are_flagged(
    cluster: Harness,
) -> None:
    [reply] = await cluster.send(
        "/action Partager les indicateurs — UNDP, Gerson, Partenaires du CRP, Zorglub — 31/10/2016",
        user=COORDINATOR,
        chat=GROUP,
    )

    assert (
        "Responsables : PNUD, Gerson Brandao (OCHA), Partenaires du CRP, Zorglub ❓"
        in reply["text"]
    )
    assert "nom inconnu" in reply["text"]
    [(_, owners)] = stored(cluster)
    assert [(o.kind, o.unknown) for o in owners] == [
        ("organisation", False),
        ("member", False),
        ("all_members", False),
        ("group", True),
    ]


async def test_an_owner_matching_two_entries_is_asked_about_with_buttons(cluster: Harness) -> None:
    await invite(cluster, "NRC", OTHER_FOCAL, "Gerson Keita")
    [question] = await cluster.send(
        "/action Faire la cartographie — Gerson — 31 octobre", user=COORDINATOR, chat=GROUP
    )

    assert "« Gerson » correspond à plusieurs noms" in question["text"]
    assert stored(cluster) == []
    [card] = await cluster.press(question, "Gerson Keita", user=COORDINATOR)

    assert "Responsables : Gerson Keita (NRC)" in card["text"]
    [(_, owners)] = stored(cluster)
    assert owners[0].label == "Gerson Keita (NRC)"


async def test_action_alone_asks_each_piece_in_turn(cluster: Harness) -> None:
    chat = private(COORDINATOR)
    assert "Quelle est l'action" in await cluster.say("/action", user=COORDINATOR, chat=chat)
    assert "Qui est responsable" in await cluster.say(
        "Faire la cartographie des acteurs", user=COORDINATOR, chat=chat
    )
    assert "Quelle est l'échéance" in await cluster.say("OCHA", user=COORDINATOR, chat=chat)
    assert "Je n'ai pas compris l'échéance « bientôt peut-être »" in await cluster.say(
        "bientôt peut-être", user=COORDINATOR, chat=chat
    )
    assert stored(cluster) == []
    card = await cluster.say("vendredi", user=COORDINATOR, chat=chat)

    assert "Échéance : vendredi 21 octobre 2016" in card
    [(action, _)] = stored(cluster)
    assert action.description == "Faire la cartographie des acteurs"


async def test_a_missing_deadline_is_asked_for_with_a_forced_reply_in_the_group(
    cluster: Harness,
) -> None:
    [question] = await cluster.send(
        "/action Faire la cartographie — OCHA", user=COORDINATOR, chat=GROUP
    )
    assert "Quelle est l'échéance" in question["text"]
    assert question["reply_markup"] == {"force_reply": True, "selective": True}

    # Chatter in the group is not an answer; a reply to the bot is.
    assert await cluster.send("fin du mois", user=COORDINATOR, chat=GROUP) == []
    [card] = await cluster.send("fin du mois", user=COORDINATOR, chat=GROUP, reply_to=question)

    assert "Échéance : fin octobre : lundi 31 octobre 2016" in card["text"]


async def test_vague_wording_is_stored_undated_only_after_the_coordinator_agrees(
    cluster: Harness,
) -> None:
    [question] = await cluster.send(
        "/action Organiser d'autres ateliers — Oumou — dans les mois à venir",
        user=COORDINATOR,
        chat=GROUP,
    )
    assert "ne donne pas de date" in question["text"]
    assert stored(cluster) == []

    [card] = await cluster.press(question, "Oui, sans date", user=COORDINATOR)

    assert "Échéance : sans date (« dans les mois à venir »)" in card["text"]
    [(action, _)] = stored(cluster)
    assert action.due_at is None
    assert action.deadline_precision == "undated"


async def test_refusing_undated_asks_for_a_date(cluster: Harness) -> None:
    [question] = await cluster.send(
        "/action Organiser un atelier — OCHA — prochainement", user=COORDINATOR, chat=GROUP
    )
    [ask] = await cluster.press(question, "je donne une date", user=COORDINATOR)
    assert "Quelle est l'échéance" in ask["text"]
    [card] = await cluster.send("15 novembre", user=COORDINATOR, chat=GROUP, reply_to=ask)
    assert "mardi 15 novembre 2016" in card["text"]


async def test_annuler_alone_leaves_the_exchange_and_stores_nothing(cluster: Harness) -> None:
    chat = private(COORDINATOR)
    await cluster.say("/action Faire la cartographie", user=COORDINATOR, chat=chat)
    assert "Saisie abandonnée" in await cluster.say("/annuler", user=COORDINATOR, chat=chat)
    assert "Je n'attends pas de réponse" in await cluster.say("OCHA", user=COORDINATOR, chat=chat)
    assert "Aucune saisie en cours" in await cluster.say("/annuler", user=COORDINATOR, chat=chat)
    assert stored(cluster) == []


async def test_only_coordinators_log_actions(cluster: Harness) -> None:
    assert "Seuls les coordinateurs" in await cluster.say(
        "/action Faire X — OCHA — demain", user=FOCAL, chat=GROUP
    )
    assert "Vous ne coordonnez aucun cluster" in await cluster.say(
        "/action Faire X — OCHA — demain", user=FOCAL
    )
    assert stored(cluster) == []


async def test_a_coordinator_demoted_during_the_exchange_cannot_finish_it(cluster: Harness) -> None:
    [question] = await cluster.send("/action Faire X — OCHA", user=COORDINATOR, chat=GROUP)
    await cluster.set_status(COORDINATOR, "administrator", "member")
    [reply] = await cluster.send("demain", user=COORDINATOR, chat=GROUP, reply_to=question)
    assert "Seuls les coordinateurs" in reply["text"]
    assert stored(cluster) == []


async def test_a_coordinator_logs_from_private_chat(cluster: Harness) -> None:
    card = await cluster.say("/action Faire X — OCHA — demain", user=COORDINATOR)
    assert "<b>Action n° 1</b> · CP" in card
    assert "vendredi 21 octobre 2016" in card


async def test_text_is_shown_exactly_as_typed_and_escaped(cluster: Harness) -> None:
    card = await cluster.say(
        "/action Vérifier <b>5W</b> & *3W* _v2_ 🚀 — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    assert "Vérifier &lt;b&gt;5W&lt;/b&gt; &amp; *3W* _v2_ 🚀" in card
    [(action, _)] = stored(cluster)
    assert action.description == "Vérifier <b>5W</b> & *3W* _v2_ 🚀"


async def test_a_description_of_4000_characters_is_stored_whole_and_shown_within_limits(
    cluster: Harness,
) -> None:
    long = "Analyse " * 500  # 4000 characters
    card = await cluster.say(
        f"/action {long.strip()} — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    assert len(card) <= 4096
    assert "texte complet dans /voir 1" in card
    [(action, _)] = stored(cluster)
    assert action.description == long.strip()

    replies = await cluster.send("/voir 1", user=COORDINATOR, chat=GROUP)
    assert all(len(r["text"]) <= 4096 for r in replies)
    assert "".join(r["text"] for r in replies[:-1]).replace("\n", "") == long.strip()


async def test_a_description_over_the_limit_is_refused_and_nothing_stored(cluster: Harness) -> None:
    reply = await cluster.say(
        "/action " + "x" * 4050 + " — OCHA — demain", user=COORDINATOR, chat=GROUP
    )
    assert "trop longue" in reply
    assert stored(cluster) == []


async def test_creation_is_recorded_in_the_history(cluster: Harness) -> None:
    await cluster.say("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)
    with cluster.db.session() as session:
        events = session.exec(select(ActionEvent)).all()
    assert [(e.kind, e.actor_name) for e in events] == [("created", "Oumou Sow")]


async def test_an_outsider_in_private_is_told_how_to_join(cluster: Harness) -> None:
    assert "Vous ne coordonnez aucun cluster" in await cluster.say("/action X", user=OUTSIDER)


async def test_a_missing_owner_is_offered_as_the_cluster_organisations(cluster: Harness) -> None:
    await cluster.send("/inviter NRC Hanan Talbi", user=COORDINATOR, chat=GROUP)
    [question] = await cluster.send("/action Faire la cartographie", user=COORDINATOR, chat=GROUP)

    assert "Touchez une ou plusieurs organisations du cluster" in question["text"]
    assert [label for label, _ in buttons(question)] == ["NRC", "OCHA"]
    # Each tap toggles one organisation (a row of the minutes often names several).
    assert await cluster.press(question, "NRC", user=COORDINATOR) == []
    assert [label for label, _ in buttons(cluster.current(question))] == [
        "✅ NRC",
        "OCHA",
        "✔️ Valider (1)",
    ]
    [ask] = await cluster.press(question, "Valider", user=COORDINATOR)
    assert "Quelle est l'échéance" in ask["text"]
    [card] = await cluster.send("31 octobre", user=COORDINATOR, chat=GROUP, reply_to=ask)

    assert "Responsables : NRC" in card["text"]


async def test_several_organisations_are_chosen_with_the_buttons(cluster: Harness) -> None:
    await cluster.send("/inviter NRC Hanan Talbi", user=COORDINATOR, chat=GROUP)
    await cluster.send("/inviter PAM Moussa Keita", user=COORDINATOR, chat=GROUP)
    [question] = await cluster.send("/action Faire la cartographie", user=COORDINATOR, chat=GROUP)

    for label in ("NRC", "PAM", "OCHA", "PAM"):  # PAM on, then off again
        await cluster.press(question, label, user=COORDINATOR)
    [ask] = await cluster.press(question, "Valider (2)", user=COORDINATOR)
    [card] = await cluster.send("31 octobre", user=COORDINATOR, chat=GROUP, reply_to=ask)

    assert "Responsables : NRC, OCHA" in card["text"]


async def test_owners_can_still_be_typed_in_answer_to_the_buttons(cluster: Harness) -> None:
    [question] = await cluster.send("/action Faire la cartographie", user=COORDINATOR, chat=GROUP)
    [ask] = await cluster.send("OCHA, HCR", user=COORDINATOR, chat=GROUP, reply_to=question)
    [card] = await cluster.send("31 octobre", user=COORDINATOR, chat=GROUP, reply_to=ask)
    assert "Responsables : OCHA, HCR" in card["text"]


async def test_an_anonymous_administrator_can_log_and_is_named_as_such(cluster: Harness) -> None:
    from tests.fakes.updates import FakeUser

    anonymous = FakeUser(1087968824, "Group", username="GroupAnonymousBot")
    update = cluster.updates.message("/action Faire X — OCHA — demain", chat=GROUP, user=anonymous)
    update["message"]["sender_chat"] = {"id": GROUP.id, "type": "supergroup", "title": GROUP.title}

    [card] = await cluster.process(update)

    assert "Action n° 1" in card["text"]
    with cluster.db.session() as session:
        [event] = session.exec(select(ActionEvent)).all()
    assert event.actor_name == "administrateur anonyme de Cluster Protection"
    assert event.actor_member_id is None


async def test_an_ambiguous_owner_can_be_kept_as_typed(cluster: Harness) -> None:
    await invite(cluster, "NRC", OTHER_FOCAL, "Gerson Keita")
    [question] = await cluster.send(
        "/action Faire la cartographie — Gerson — 31 octobre", user=COORDINATOR, chat=GROUP
    )

    [card] = await cluster.press(question, "Garder « Gerson » tel quel", user=COORDINATOR)

    assert "Responsables : Gerson ❓" in card["text"]


async def test_a_coordinator_of_two_clusters_chooses_one_in_private(cluster: Harness) -> None:
    from tests.harness import OTHER_GROUP

    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    [question] = await cluster.send("/action Faire X — OCHA — demain", user=COORDINATOR)
    assert "Pour quel cluster ?" in question["text"]
    assert [label for label, _ in buttons(question)] == [
        "Cluster Protection (CP)",
        "Cluster Relèvement Précoce (CRP)",
    ]

    [card] = await cluster.press(question, "Relèvement", user=COORDINATOR)

    assert "<b>Action n° 1</b> · CRP" in card["text"]


async def test_an_exchange_survives_a_restart_of_the_bot(cluster: Harness) -> None:
    from tests.harness import build_harness

    chat = private(COORDINATOR)
    await cluster.say("/action Faire la cartographie — OCHA", user=COORDINATOR, chat=chat)
    await cluster.app.shutdown()

    restarted = build_harness(cluster.db, start=cluster.clock.now())
    restarted.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await restarted.app.initialize()
    try:
        card = await restarted.say("31 octobre", user=COORDINATOR, chat=chat)
    finally:
        await restarted.app.shutdown()
        await cluster.app.initialize()  # the fixture shuts it down again

    assert "Faire la cartographie" in card
    assert "lundi 31 octobre 2016" in card
    assert len(stored(cluster)) == 1


async def test_an_exchange_left_unanswered_for_two_days_is_forgotten(cluster: Harness) -> None:
    chat = private(COORDINATOR)
    await cluster.say("/action Faire la cartographie — OCHA", user=COORDINATOR, chat=chat)
    cluster.clock.advance(hours=49)

    assert "Je n'attends pas de réponse" in await cluster.say(
        "31 octobre", user=COORDINATOR, chat=chat
    )
    assert stored(cluster) == []


async def test_group_owners_are_the_cluster_coordinators_and_all_its_members(
    cluster: Harness,
) -> None:
    card = await cluster.say(
        "/action Elaborer des projets pour l'HRP — Partenaires du CRP, CCP — 31 octobre",
        user=COORDINATOR,
        chat=GROUP,
    )
    assert "Responsables : Partenaires du CRP, CCP" in card
    assert "❓" not in card
    [(_, owners)] = stored(cluster)
    assert [o.kind for o in owners] == ["all_members", "coordinators"]
    # Every focal point of the cluster answers for it, and sees it as theirs.
    assert "Elaborer des projets" in await cluster.say("/mesactions", user=FOCAL)
    assert "Action n° 1" in await cluster.say("/encours 1", user=FOCAL)


async def test_typos_in_owner_names_are_forgiven(cluster: Harness) -> None:
    card = await cluster.say(
        "/action Partager la note — Mercy Corp, Ocha — 31 octobre", user=COORDINATOR, chat=GROUP
    )
    assert "Responsables : Mercy Corps, OCHA" in card


async def test_an_unknown_name_is_linked_once_and_every_action_follows(cluster: Harness) -> None:
    await cluster.say(
        "/action Distribuer les kits — Direction régionale Ségou — 31 octobre",
        user=COORDINATOR,
        chat=GROUP,
    )
    [card] = await cluster.send(
        "/action Recenser les PDI — Direction régionale Ségou, OCHA — 30 novembre",
        user=COORDINATOR,
        chat=GROUP,
    )
    assert "Direction régionale Ségou ❓" in card["text"]

    [question] = await cluster.press(card, "Relier", user=COORDINATOR)
    assert "« Direction régionale Ségou » désigne quelle organisation" in question["text"]
    [done] = await cluster.send("DNDS", user=COORDINATOR, chat=GROUP, reply_to=question)

    assert "est désormais relié à DNDS : 2 actions mises à jour" in done["text"]
    assert "Responsables : DNDS, OCHA" in done["text"]
    labels = [[o.label for o in owners] for _, owners in stored(cluster)]
    assert labels == [["DNDS"], ["DNDS", "OCHA"]]
    # Typed again later, the name is now known.
    later = await cluster.say(
        "/action Suivre — Direction régionale Ségou — 30 novembre", user=COORDINATOR, chat=GROUP
    )
    assert "Responsables : DNDS" in later


async def test_only_a_coordinator_links_unknown_names(cluster: Harness) -> None:
    [card] = await cluster.send(
        "/action Distribuer les kits — Zorglub — 31 octobre", user=COORDINATOR, chat=GROUP
    )
    await cluster.press(card, "Relier", user=FOCAL)
    assert "Seuls les coordinateurs" in cluster.last_answer()["text"]


async def test_a_telegram_mention_names_the_person(cluster: Harness) -> None:
    from tests.fakes.updates import FakeUser

    hanan = FakeUser(205, "Hanan", "Talbi", username="hanan_nrc")
    await invite(cluster, "NRC", hanan, "Hanan Talbi")

    card = await cluster.say(
        "/action Animer la session — @hanan_nrc — 31 octobre", user=COORDINATOR, chat=GROUP
    )

    assert "Responsables : Hanan Talbi (NRC)" in card


async def test_a_deadline_tied_to_the_next_meeting_needs_a_meeting_then_follows_it(
    cluster: Harness,
) -> None:
    from storage.meetings import schedule_next_meeting

    chat = private(COORDINATOR)
    ask = await cluster.say(
        "/action Partager les indicateurs — OCHA — une semaine avant la réunion",
        user=COORDINATOR,
        chat=chat,
    )
    assert "dépend de la prochaine réunion, mais aucune n'est fixée" in ask
    assert stored(cluster) == []
    await cluster.say("/annuler", user=COORDINATOR, chat=chat)

    from storage.clusters import get_cluster_by_chat

    with cluster.db.session() as session:
        cp = get_cluster_by_chat(session=session, chat_id=GROUP.id)
        assert cp is not None
        schedule_next_meeting(
            session=session,
            cluster_id=cp.id,
            starts_at=datetime(2016, 11, 2, 14, 30, tzinfo=UTC),
            has_time=True,
            place="bureau du PNUD",
            now=cluster.clock.now(),
        )
    card = await cluster.say(
        "/action Partager les indicateurs — OCHA — une semaine avant la réunion",
        user=COORDINATOR,
        chat=chat,
    )
    assert "une semaine avant la réunion : mercredi 26 octobre 2016 à 14h30" in card

    with cluster.db.session() as session:
        schedule_next_meeting(
            session=session,
            cluster_id=cp.id,
            starts_at=datetime(2016, 11, 9, 14, 30, tzinfo=UTC),
            has_time=True,
            place=None,
            now=cluster.clock.now(),
        )
    assert "mercredi 2 novembre 2016 à 14h30" in await cluster.say(
        "/voir 1", user=COORDINATOR, chat=chat
    )


async def test_a_meeting_deadline_is_read_against_the_cluster_chosen_in_private(
    cluster: Harness,
) -> None:
    from storage.clusters import get_cluster_by_chat
    from storage.meetings import schedule_next_meeting
    from tests.harness import OTHER_GROUP

    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    with cluster.db.session() as session:
        crp = get_cluster_by_chat(session=session, chat_id=OTHER_GROUP.id)
        assert crp is not None
        schedule_next_meeting(
            session=session,
            cluster_id=crp.id,
            starts_at=datetime(2016, 11, 2, 14, 30, tzinfo=UTC),
            has_time=True,
            place=None,
            now=cluster.clock.now(),
        )
    [question] = await cluster.send(
        "/action Préparer la note — OCHA — avant la prochaine réunion", user=COORDINATOR
    )

    [card] = await cluster.press(question, "Relèvement", user=COORDINATOR)

    assert "<b>Action n° 1</b> · CRP" in card["text"]
    assert "avant la prochaine réunion : mercredi 2 novembre 2016 à 14h30" in card["text"]


async def test_owners_and_deadline_written_with_commas_are_read(cluster: Harness) -> None:
    card = await cluster.say(
        "/action Mettre à jour la matrice 3W, pam et acf, dans 2 semaines",
        user=COORDINATOR,
        chat=GROUP,
    )

    assert "Mettre à jour la matrice 3W" in card
    assert "Responsables : PAM, ACF" in card
    assert "Échéance : jeudi 3 novembre 2016" in card


async def test_an_organisation_keeps_the_sections_written_after_it(cluster: Harness) -> None:
    card = await cluster.say(
        "/action Partager les données — UNICEF (WASH, Nutrition, Protection de l'enfance), OCHA/NRC — 31 octobre",
        user=COORDINATOR,
        chat=GROUP,
    )

    assert "Responsables : UNICEF (WASH, Nutrition, Protection de l'enfance), OCHA, NRC" in card
    [(_, owners)] = stored(cluster)
    assert [(o.kind, o.unknown) for o in owners] == [
        ("organisation", False),
        ("organisation", False),
        ("organisation", False),
    ]


async def test_an_unknown_pair_stays_one_name_to_link(cluster: Harness) -> None:
    card = await cluster.say(
        "/action Recenser les PDI — DRS-Ségou/Zorglub — 31 octobre", user=COORDINATOR, chat=GROUP
    )

    assert "Responsables : DRS-Ségou/Zorglub ❓" in card
