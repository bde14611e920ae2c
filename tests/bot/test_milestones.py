"""Coordinators add the cluster's milestones; /echeances shows what the next 30 days hold."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from bot.callbacks import MilestoneButton, MilestoneOp, decode, encode
from storage.actions import create_action
from storage.models import DeadlinePrecision, Member, Milestone, OwnerKind
from storage.views import Author, DeadlineValue, OwnerInput
from tests.harness import COORDINATOR, FOCAL, GROUP, OTHER_GROUP, OUTSIDER, Harness, buttons

EXAMPLE = "/echeance Soumission des projets OPS — 31 octobre"
HINT = "/echeance Soumission des projets OPS — fin du mois"  # the example the bot gives: never past


def milestones(bot: Harness) -> list[Milestone]:
    with bot.db.session() as session:
        return list(session.exec(select(Milestone).order_by(Milestone.id)).all())  # type: ignore[arg-type]


# --- /echeance --------------------------------------------------------------------------------


async def test_a_coordinator_adds_a_milestone_echoed_with_its_full_date(cluster: Harness) -> None:
    [echo] = await cluster.send(EXAMPLE, user=COORDINATOR, chat=GROUP)

    assert "Échéance ajoutée pour Cluster Protection (CP)" in echo["text"]
    assert "<b>Soumission des projets OPS</b> — lundi 31 octobre 2016" in echo["text"]
    assert [label for label, _ in buttons(echo)] == ["🗑 Supprimer cette échéance"]
    [milestone] = milestones(cluster)
    assert milestone.title == "Soumission des projets OPS"
    assert milestone.due_at == datetime(2016, 10, 31, 23, 59, 59, tzinfo=UTC)
    assert milestone.deadline_precision == DeadlinePrecision.DAY.value
    assert milestone.deadline_text == "31 octobre"
    with cluster.db.session() as session:
        author = session.get(Member, milestone.created_by_member_id)
    assert author is not None
    assert author.telegram_user_id == COORDINATOR.id


@pytest.mark.parametrize(
    "body",
    [
        "Soumission des projets OPS — 31 octobre",
        "Soumission des projets OPS – 31 octobre",
        "Soumission des projets OPS - 31 octobre",
        "Soumission des projets OPS ; 31 octobre",
        "Soumission des projets OPS : 31/10",
        "Soumission des projets OPS avant le 31 octobre",
        "Soumission des projets OPS 31 octobre",
    ],
)
async def test_title_first_then_the_date_whatever_the_separator(
    cluster: Harness, body: str
) -> None:
    reply = await cluster.say(f"/echeance {body}", user=COORDINATOR, chat=GROUP)

    assert "<b>Soumission des projets OPS</b> — lundi 31 octobre 2016" in reply
    [milestone] = milestones(cluster)
    assert milestone.title == "Soumission des projets OPS"


async def test_a_title_may_hold_a_colon_and_the_date_may_be_a_period(cluster: Harness) -> None:
    reply = await cluster.say(
        "/echeance Formation : protection de l'enfance — fin novembre",
        user=COORDINATOR,
        chat=GROUP,
    )

    assert (
        "<b>Formation : protection de l'enfance</b> — fin novembre : mercredi 30 novembre 2016"
        in reply
    )
    [milestone] = milestones(cluster)
    assert milestone.deadline_label == "fin novembre"


@pytest.mark.parametrize(
    ("body", "hint"),
    [
        ("", "Donnez l'intitulé puis la date"),
        ("Soumission des projets OPS", "Je ne trouve pas de date"),
        ("Soumission des projets OPS — 15/10/2016", "déjà passée"),
        ("Soumission des projets OPS — dans les mois à venir", "besoin d'une date précise"),
        ("Soumission des projets OPS — avant la prochaine réunion", "besoin d'une date précise"),
        ("31 octobre", "Donnez aussi l'intitulé"),
    ],
)
async def test_a_milestone_without_a_usable_title_or_date_gets_a_hint_and_is_not_stored(
    cluster: Harness, body: str, hint: str
) -> None:
    reply = await cluster.say(f"/echeance {body}".strip(), user=COORDINATOR, chat=GROUP)

    assert hint in reply
    assert HINT in reply
    assert milestones(cluster) == []


async def test_a_title_too_long_is_refused(cluster: Harness) -> None:
    reply = await cluster.say(
        f"/echeance {'Atelier ' * 40}— 31 octobre", user=COORDINATOR, chat=GROUP
    )

    assert "L'intitulé est trop long" in reply
    assert milestones(cluster) == []


async def test_only_coordinators_add_milestones_and_only_in_the_group(cluster: Harness) -> None:
    assert "Seuls les coordinateurs" in await cluster.say(
        "/echeance OPS — 31 octobre", user=FOCAL, chat=GROUP
    )
    assert "dans son groupe" in await cluster.say("/echeance OPS — 31 octobre", user=COORDINATOR)
    assert milestones(cluster) == []


async def test_the_delete_button_is_for_coordinators_and_works_once(cluster: Harness) -> None:
    [echo] = await cluster.send(EXAMPLE, user=COORDINATOR, chat=GROUP)

    await cluster.press(echo, "Supprimer", user=FOCAL)
    assert "Seuls les coordinateurs" in cluster.last_answer()["text"]
    assert milestones(cluster)[0].cancelled_at is None

    await cluster.press(echo, "Supprimer", user=COORDINATOR)
    edited = cluster.api.edits()[-1]
    assert (
        "Échéance supprimée : Soumission des projets OPS — lundi 31 octobre 2016" in edited["text"]
    )
    assert milestones(cluster)[0].cancelled_at == cluster.clock.now()

    await cluster.process(
        cluster.updates.callback(buttons(echo)[0][1], message=echo, user=COORDINATOR)
    )
    assert "déjà été supprimée" in cluster.last_answer()["text"]


# --- /echeances -------------------------------------------------------------------------------


async def log(bot: Harness, body: str, chat: object = GROUP) -> None:
    await bot.send(
        f"/action {body}", user=COORDINATOR, chat=GROUP if chat is GROUP else OTHER_GROUP
    )


async def test_echeances_lists_the_next_30_days_grouped_by_day(cluster: Harness) -> None:
    await cluster.send("/reunion 27 octobre 10h bureau OCHA", user=COORDINATOR, chat=GROUP)
    await cluster.send(EXAMPLE, user=COORDINATOR, chat=GROUP)
    await log(cluster, "Envoyer la matrice 3W — OCHA — 25 octobre")
    await log(cluster, "Partager le rapport <final> — OCHA, PNUD — 31 octobre à 16h")
    await log(cluster, "Note d'information — OCHA — 18/10/2016")
    await log(cluster, "Bien plus tard — OCHA — 15 décembre")
    await log(cluster, "Déjà faite — OCHA — 26 octobre")
    await cluster.send("/fait 5", user=COORDINATOR, chat=GROUP)

    text = await cluster.say("/echeances", user=FOCAL, chat=GROUP)

    assert text.startswith("🗓 <b>Les 30 prochains jours</b> — Cluster Protection (CP)")
    assert (
        "<b>Mardi 25 octobre 2016</b>\n"
        "⏳ n° 1 · Envoyer la matrice 3W — OCHA\n"
        "\n"
        "<b>Jeudi 27 octobre 2016</b>\n"
        "📅 Réunion de coordination à 10h00, bureau OCHA\n"
        "\n"
        "<b>Lundi 31 octobre 2016</b>\n"
        "⏳ n° 2 · Partager le rapport &lt;final&gt; — OCHA, PNUD (16h00)\n"
        "🎯 <b>Soumission des projets OPS</b>\n"
    ) in text
    assert "⚠️ 1 action est déjà en retard : /retards" in text
    assert "Note d'information" not in text
    assert "Bien plus tard" not in text
    assert "Déjà faite" not in text


async def test_echeances_with_nothing_planned_says_so(cluster: Harness) -> None:
    text = await cluster.say("/echeances", user=FOCAL, chat=GROUP)

    assert "Rien de prévu" in text
    assert "retard" not in text


async def test_a_meeting_beyond_30_days_is_not_in_echeances(cluster: Harness) -> None:
    await cluster.send("/reunion 2 mai 14h30 bureau du PNUD", user=COORDINATOR, chat=GROUP)

    assert "Réunion de coordination" not in await cluster.say("/echeances", user=FOCAL, chat=GROUP)


async def test_in_private_echeances_covers_my_clusters_named(cluster: Harness) -> None:
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    code = await cluster.invitation("/inviter OCHA Gerson Brandao", chat=OTHER_GROUP)
    await cluster.send(f"/start {code}", user=FOCAL)
    await cluster.send(EXAMPLE, user=COORDINATOR, chat=GROUP)
    await cluster.send(
        "/echeance Atelier de relèvement — 2 novembre", user=COORDINATOR, chat=OTHER_GROUP
    )
    await cluster.send("/reunion 28 octobre 9h", user=COORDINATOR, chat=OTHER_GROUP)

    text = await cluster.say("/echeances", user=FOCAL)

    assert "— tous vos clusters" in text
    assert "[CRP] 📅 Réunion de coordination à 9h00" in text
    assert "[CP] 🎯 <b>Soumission des projets OPS</b>" in text
    assert "[CRP] 🎯 <b>Atelier de relèvement</b>" in text
    assert (
        text.index("Vendredi 28 octobre")
        < text.index("Lundi 31 octobre")
        < text.index("Mercredi 2 novembre")
    )
    assert "aucun cluster" in await cluster.say("/echeances", user=OUTSIDER)


async def test_a_long_echeances_is_split_under_telegram_s_limit(cluster: Harness) -> None:
    with cluster.db.session() as session:
        for n in range(80):
            create_action(
                session=session,
                cluster_id=1,
                description=f"Action numéro {n} " + "à suivre de très près " * 6,
                owners=[OwnerInput(OwnerKind.ORGANISATION, "OCHA", organisation_id=None)],
                deadline=DeadlineValue(
                    datetime(2016, 10, 21 + n % 9, 23, 59, 59, tzinfo=UTC), DeadlinePrecision.DAY
                ),
                by=Author(None, "Oumou", cluster.clock.now()),
            )

    sent = await cluster.send("/echeances", user=FOCAL, chat=GROUP)

    assert len(sent) >= 2
    assert all(len(m["text"]) <= 4096 for m in sent)
    joined = "\n".join(m["text"] for m in sent)
    assert all(f"n° {n} ·" in joined for n in range(1, 81))


# --- The codec --------------------------------------------------------------------------------


def test_milestone_buttons_round_trip() -> None:
    button = MilestoneButton(MilestoneOp.DELETE, 12)
    assert encode(button) == "e:x:12"
    assert decode("e:x:12") == button


@pytest.mark.parametrize("data", ["e:x", "e:x:0", "e:y:3", "e:x:abc", "e:x:1:2"])
def test_malformed_milestone_buttons_decode_to_nothing(data: str) -> None:
    assert decode(data) is None
