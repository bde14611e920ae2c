"""Meetings kept as records: /reunions, the meeting an action came from, and the minutes'
recommendations with no owner kept as decisions."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import docx
from sqlmodel import select

from storage.actions import add_comment, change_status
from storage.models import Action, Decision, Meeting, Status
from storage.organisations import organisation_named
from storage.views import Author
from tests.bot.test_importing import import_docx
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, private


def minutes(rows: list[tuple[str, str, str]]) -> bytes:
    document = docx.Document()
    document.add_paragraph("Compte rendu de la réunion du 3 octobre 2016")
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(
        table.rows[0].cells, ("Description", "Responsable", "Echéance"), strict=True
    ):
        cell.text = title
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


ROWS = [
    ("Partager la matrice 3W avec les partenaires", "OCHA", "31 octobre"),
    ("Le cluster valide le plan de réponse sectoriel", "", ""),
    ("Renforcer la présence dans les zones de retour", "", ""),
    ("Organiser un atelier sur la VBG", "", "15 novembre"),
]


async def import_rows(bot: Harness, rows: list[tuple[str, str, str]] = ROWS) -> str:
    """The minutes of 3 October imported; the result message."""
    preview = await import_docx(bot, minutes(rows))
    await bot.press(preview, "Tout créer", user=COORDINATOR)
    return str(bot.current(preview)["text"])


def decisions(bot: Harness) -> list[Decision]:
    with bot.db.session() as session:
        return list(session.exec(select(Decision).order_by(Decision.id)).all())  # type: ignore[arg-type]


def actions(bot: Harness) -> list[Action]:
    with bot.db.session() as session:
        return list(session.exec(select(Action).order_by(Action.id)).all())  # type: ignore[arg-type]


# --- /reunions -------------------------------------------------------------------------------


async def test_a_cluster_with_no_meeting_is_told_how_to_set_one(cluster: Harness) -> None:
    answer = await cluster.say("/reunions", user=FOCAL, chat=GROUP)
    assert "Aucune réunion enregistrée pour Cluster Protection" in answer
    assert "/reunion jeudi 14h30" in answer


async def test_a_new_meeting_set_after_one_was_held_keeps_it_as_held(cluster: Harness) -> None:
    await cluster.send("/reunion 25 octobre 10h bureau OCHA", user=COORDINATOR, chat=GROUP)
    cluster.clock.current = datetime(2016, 10, 26, 9, 0, tzinfo=UTC)
    await cluster.send("/reunion 22 novembre 10h", user=COORDINATOR, chat=GROUP)

    listing = await cluster.say("/reunions", user=FOCAL, chat=GROUP)

    with cluster.db.session() as session:
        held, coming = session.exec(select(Meeting).order_by(Meeting.id)).all()  # type: ignore[arg-type]
    assert coming.starts_at == datetime(2016, 11, 22, 10, 0, tzinfo=UTC)
    assert held.starts_at == datetime(2016, 10, 25, 10, 0, tzinfo=UTC)
    assert held.place == "bureau OCHA"
    assert listing.index("mardi 22 novembre 2016 à 10h00</b> — à venir") < listing.index(
        "mardi 25 octobre 2016 à 10h00, bureau OCHA</b> — tenue"
    )
    assert "aucune action créée" in listing


async def test_each_meeting_is_listed_with_its_actions_decisions_and_a_cancelled_one(
    cluster: Harness,
) -> None:
    await import_rows(cluster)
    with cluster.db.session() as session:
        change_status(
            session=session,
            action_id=1,
            status=Status.DONE,
            expected=None,
            by=Author(None, "Oumou", cluster.clock.now()),
        )
    [echo] = await cluster.send("/reunion 27 octobre 10h", user=COORDINATOR, chat=GROUP)
    await cluster.press(echo, "Annuler la réunion", user=COORDINATOR)
    await cluster.press(echo, "Oui", user=COORDINATOR)

    listing = await cluster.say("/reunions", user=FOCAL, chat=private(FOCAL))

    assert "jeudi 27 octobre 2016 à 10h00</b> — annulée" in listing
    assert "lundi 3 octobre 2016 (heure à confirmer)</b> — tenue" in listing
    assert "2 actions créées · 1 faite(s) depuis · 1 encore ouverte(s)" in listing
    assert "2 décision(s)" in listing


# --- The meeting an action came from ----------------------------------------------------------


async def test_an_imported_action_says_which_meeting_it_came_from_and_its_history_where(
    cluster: Harness,
) -> None:
    await import_rows(cluster, ROWS[:1])
    with cluster.db.session() as session:
        [meeting] = session.exec(select(Meeting)).all()
        oim = organisation_named(session=session, name="OIM")
        assert oim is not None
        by = Author(None, "Oumou", cluster.clock.now())
        change_status(
            session=session,
            action_id=1,
            status=Status.IN_PROGRESS,
            expected=None,
            by=by,
            meeting_id=meeting.id,
        )
        add_comment(session=session, action_id=1, text="Envoyée", by=by, organisation_id=oim.id)

    card = await cluster.say("/voir 1", user=FOCAL, chat=GROUP)

    assert "Issue de la réunion du 3 octobre 2016" in card
    assert "À faire → En cours à la réunion du 3 octobre" in card
    assert "💬 Envoyée pour OIM" in card


async def test_an_action_logged_outside_a_meeting_says_nothing_of_one(cluster: Harness) -> None:
    await cluster.send("/action Faire X — OCHA — 31 octobre", user=COORDINATOR, chat=GROUP)
    card = await cluster.say("/voir 1", user=FOCAL, chat=GROUP)
    assert "Issue de la réunion" not in card


# --- Imported recommendations with no owner -------------------------------------------------


async def test_recommendations_with_no_owner_nor_deadline_become_decisions_of_the_meeting(
    cluster: Harness,
) -> None:
    preview = await import_docx(cluster, minutes(ROWS))
    assert "Import : 2 actions et 2 décisions pour Cluster Protection" in preview["text"]
    assert "2 recommandation(s) sans responsable ni échéance seront enregistrées" in preview["text"]
    assert "sera enregistrée comme décision" in preview["text"]

    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    result = cluster.current(preview)["text"]

    assert "2 actions créées" in result
    assert "2 décision(s) enregistrée(s)" in result
    with cluster.db.session() as session:
        [meeting] = session.exec(select(Meeting)).all()
    assert [(d.text, d.meeting_id, d.source) for d in decisions(cluster)] == [
        ("Le cluster valide le plan de réponse sectoriel", meeting.id, "minutes"),
        ("Renforcer la présence dans les zones de retour", meeting.id, "minutes"),
    ]
    # With a deadline but no owner, it stays an action, for the coordination.
    described = {a.description: a for a in actions(cluster)}
    assert set(described) == {ROWS[0][0], ROWS[3][0]}
    listing = await cluster.say("/decisions", user=FOCAL, chat=GROUP)
    assert "Réunion du 3 octobre 2016" in listing
    assert "Le cluster valide le plan" in listing


async def test_importing_the_same_minutes_twice_does_not_double_the_decisions(
    cluster: Harness,
) -> None:
    await import_rows(cluster)
    again = await import_rows(cluster)

    assert "2 décision(s) déjà enregistrée(s)" in again
    assert len(decisions(cluster)) == 2
    assert len(actions(cluster)) == 2


async def test_minutes_of_decisions_only_say_what_was_kept(cluster: Harness) -> None:
    result = await import_rows(cluster, ROWS[1:3])
    assert "2 décision(s) enregistrée(s)" in result
    assert actions(cluster) == []
