"""The import preview worth one tap: dates for the undated rows, a row fixed part by part,
the meeting's day, the participants list (organisations, invitations, attendance)."""

from __future__ import annotations

import io
from typing import Any

import docx
from sqlmodel import select

from storage.models import Action, ActionOwner, Attendance, Invitation, Meeting
from tests.bot.test_importing import import_docx, paste
from tests.harness import COORDINATOR, GROUP, Harness, buttons, private

TABLE = (
    "Description\tResponsable\tEchéance\n"
    "Réviser les chiffres des personnes ciblées\tOCHA\t25 octobre\n"
    "Partager la matrice 3W mise à jour\tOCHA\t\n"
    "Organiser l'atelier de validation\tOCHA\t\n"
)


def actions(bot: Harness) -> list[Action]:
    with bot.db.session() as session:
        return list(session.exec(select(Action).order_by(Action.id)).all())  # type: ignore[arg-type]


def labels(message: dict[str, Any]) -> list[str]:
    return [label for label, _ in buttons(message)]


def current_preview(bot: Harness) -> dict[str, Any]:
    """The latest message of the bot that holds the preview's buttons."""
    for call in reversed(bot.api.calls):
        params = call.params
        if call.method in ("sendMessage", "editMessageText") and "Tout créer" in str(
            params.get("reply_markup")
        ):
            message_id = params.get("message_id") or call.result["message_id"]
            return bot.current({"chat_id": params["chat_id"], "message_id": message_id})
    raise AssertionError("no preview")


async def test_rows_without_deadline_take_the_next_meeting_in_one_tap(cluster: Harness) -> None:
    await cluster.send("/reunion 2 novembre 10h", user=COORDINATOR, chat=GROUP)
    preview = await paste(cluster, TABLE)
    assert "📅 Sans échéance (2) → prochaine réunion" in labels(preview)

    await cluster.press(preview, "→ prochaine réunion", user=COORDINATOR)
    refreshed = current_preview(cluster)
    assert refreshed["text"].count("avant la prochaine réunion") == 2
    assert not any("Sans échéance" in label for label in labels(refreshed))

    await cluster.press(refreshed, "Tout créer", user=COORDINATOR)
    assert [a.deadline_precision for a in actions(cluster)] == ["day", "meeting", "meeting"]


async def test_without_a_next_meeting_one_date_typed_once_dates_every_undated_row(
    cluster: Harness,
) -> None:
    preview = await paste(cluster, TABLE)
    assert not any("→ prochaine réunion" in label for label in labels(preview))
    [question] = await cluster.press(preview, "Une date pour les 2", user=COORDINATOR)
    assert "Quelle échéance pour les 2 actions sans date" in question["text"]

    [again] = await cluster.send(
        "bientôt peut-être", user=COORDINATOR, chat=GROUP, reply_to=question
    )
    assert "n'est pas une date que je sais lire" in again["text"]
    [redrawn] = await cluster.send("30 novembre", user=COORDINATOR, chat=GROUP, reply_to=again)
    assert redrawn["text"].count("mercredi 30 novembre 2016") == 2

    await cluster.press(redrawn, "Tout créer", user=COORDINATOR)
    days = [a.due_at.date().isoformat() if a.due_at else None for a in actions(cluster)]
    assert days == ["2016-10-25", "2016-11-30", "2016-11-30"]


async def test_dates_written_inside_the_cells_are_taken_in_one_tap(cluster: Harness) -> None:
    table = (
        "Description\tResponsable\n"
        "L'étude de marché devrait être réalisée en avril 2017 avec les partenaires\tOCHA\n"
        "Partager la matrice\tOCHA\n"
    )
    preview = await paste(cluster, table)
    assert "date écrite dans le texte : « en avril 2017 »" in preview["text"]
    await cluster.press(preview, "Prendre les dates écrites (1)", user=COORDINATOR)
    await cluster.press(current_preview(cluster), "Tout créer", user=COORDINATOR)
    first, second = actions(cluster)
    assert first.deadline_label == "avril 2017"
    assert second.due_at is None


async def test_fixing_the_owners_of_a_row_changes_only_its_owners(cluster: Harness) -> None:
    preview = await paste(cluster, TABLE)
    [choice] = await cluster.press(preview, "✏️ 1", user=COORDINATOR)
    assert "Ligne 1" in choice["text"]
    assert labels(choice)[:3] == ["📝 Le texte", "👥 Les responsables", "📅 L'échéance"]

    [question] = await cluster.press(choice, "Les responsables", user=COORDINATOR)
    assert "Actuellement : OCHA" in question["text"]
    [redrawn] = await cluster.send("CCP", user=COORDINATOR, chat=GROUP, reply_to=question)
    assert "Réviser les chiffres des personnes ciblées" in redrawn["text"]

    await cluster.press(redrawn, "Tout créer", user=COORDINATOR)
    first = actions(cluster)[0]
    assert first.description == "Réviser les chiffres des personnes ciblées"
    assert first.due_at is not None
    assert first.due_at.date().isoformat() == "2016-10-25"
    with cluster.db.session() as session:
        owners = session.exec(select(ActionOwner).where(ActionOwner.action_id == first.id)).all()
    assert [o.kind for o in owners] == ["coordinators"]


async def test_fixing_a_deadline_then_going_back_keeps_the_rest(cluster: Harness) -> None:
    preview = await paste(cluster, TABLE)
    [choice] = await cluster.press(preview, "✏️ 2", user=COORDINATOR)
    [question] = await cluster.press(choice, "L'échéance", user=COORDINATOR)
    [redrawn] = await cluster.send("fin novembre", user=COORDINATOR, chat=GROUP, reply_to=question)
    assert "Partager la matrice 3W mise à jour" in redrawn["text"]
    [choice] = await cluster.press(redrawn, "✏️ 3", user=COORDINATOR)
    [back] = await cluster.press(choice, "Retour à l'aperçu", user=COORDINATOR)
    assert "✅ Tout créer (3)" in labels(back)
    await cluster.press(back, "Tout créer", user=COORDINATOR)
    assert [a.deadline_label for a in actions(cluster)] == [None, "fin novembre", None]


def minutes_with_participants(
    *, day_line: str | None, deadline: str = "vendredi prochain"
) -> bytes:
    document = docx.Document()
    document.add_paragraph("Compte rendu de la réunion du Cluster Protection")
    if day_line:
        document.add_paragraph(day_line)
    people = document.add_table(rows=4, cols=3)
    for row, cells in enumerate(
        [
            ("Nom et prénom", "Organisation", "Fonction"),
            ("Gerson Brandao", "OCHA", "Chargé des affaires humanitaires"),
            ("Awa Diallo", "NRC", "Coordinatrice protection"),
            ("Moussa Keïta", "Association Kaoural Renouveau", "Président"),
        ]
    ):
        for column, text in enumerate(cells):
            people.cell(row, column).text = text
    table = document.add_table(rows=2, cols=3)
    for column, text in enumerate(("Action", "Responsable", "Échéance")):
        table.cell(0, column).text = text
    for column, text in enumerate(("Partager la cartographie des acteurs", "OCHA", deadline)):
        table.cell(1, column).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def test_minutes_are_read_from_their_meeting_day(cluster: Harness) -> None:
    # The clock is Thursday 20 October 2016; the meeting was on Monday 3 October.
    preview = await import_docx(
        cluster, minutes_with_participants(day_line="Réunion du 3 octobre 2016, bureau OCHA")
    )
    assert "🗓 Réunion du lundi 3 octobre 2016" in preview["text"]
    assert "vendredi 7 octobre 2016" in preview["text"]


async def test_the_meeting_day_not_found_is_asked_and_the_rows_read_again(
    cluster: Harness,
) -> None:
    preview = await import_docx(cluster, minutes_with_participants(day_line=None))
    assert "Date de la réunion non trouvée" in preview["text"]
    assert "vendredi 21 octobre 2016" in preview["text"]  # read at the import
    [question] = await cluster.press(preview, "Date de la réunion", user=COORDINATOR)
    [refused] = await cluster.send("12 décembre 2016", user=COORDINATOR, chat=private(COORDINATOR))
    assert "n'est pas encore passé" in refused["text"]
    [redrawn] = await cluster.send("3 octobre", user=COORDINATOR, chat=private(COORDINATOR))
    assert "🗓 Réunion du lundi 3 octobre 2016" in redrawn["text"]
    assert "vendredi 7 octobre 2016" in redrawn["text"]
    assert question["text"].startswith("Quelle est la date de la réunion")


async def test_the_participants_organisations_join_the_cluster_and_get_invitations(
    cluster: Harness,
) -> None:
    preview = await import_docx(
        cluster, minutes_with_participants(day_line="Réunion du 3 octobre 2016")
    )
    assert "👥 3 participant(s)" in preview["text"]
    assert "(2 organisation(s) hors du cluster)" in preview["text"]
    [add] = [label for label in labels(preview) if label.startswith("➕ Au cluster")]
    assert "NRC" in add
    assert "Association Kaoural Renouveau" in add

    await cluster.press(preview, "➕ Au cluster", user=COORDINATOR)
    [roster] = await cluster.send("/membres", user=COORDINATOR, chat=GROUP)
    assert "NRC" in roster["text"]
    assert "Association Kaoural Renouveau" in roster["text"]

    refreshed = current_preview(cluster)
    # Gerson is OCHA's focal point already: the two others get a link each.
    assert "✉️ Liens d'invitation (2)" in labels(refreshed)
    before = len(cluster.api.sent(COORDINATOR.id))
    await cluster.press(refreshed, "Liens d'invitation", user=COORDINATOR)
    links = cluster.api.sent(COORDINATOR.id)[before:]
    invitations = [m["text"] for m in links if "?start=" in m["text"]]
    assert len(invitations) == 2
    assert any("Awa Diallo" in text and "NRC" in text for text in invitations)
    with cluster.db.session() as session:
        waiting = session.exec(select(Invitation).where(Invitation.used_at == None)).all()  # noqa: E711
        assert sorted(i.display_name for i in waiting) == [
            "Awa Diallo",
            "Moussa Keïta",
        ]
    assert not any("Liens d'invitation" in label for label in labels(current_preview(cluster)))


async def test_creating_the_import_records_who_attended_that_meeting(cluster: Harness) -> None:
    preview = await import_docx(
        cluster, minutes_with_participants(day_line="Réunion du 3 octobre 2016")
    )
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    summary = cluster.api.edits()[-1]["text"]
    assert (
        "Présence enregistrée pour la réunion du lundi 3 octobre 2016 : 3 participant(s)" in summary
    )
    with cluster.db.session() as session:
        [meeting] = session.exec(select(Meeting)).all()
        people = session.exec(select(Attendance).where(Attendance.meeting_id == meeting.id)).all()
    assert meeting.starts_at.date().isoformat() == "2016-10-03"
    assert sorted(p.name for p in people) == ["Awa Diallo", "Gerson Brandao", "Moussa Keïta"]
    [action] = actions(cluster)
    assert action.meeting_id == meeting.id


async def test_a_pasted_table_offers_the_next_meeting_its_text_announces(cluster: Harness) -> None:
    preview = await paste(
        cluster,
        TABLE + "\nLa prochaine réunion aura lieu le mercredi 2 novembre 2016 à 10h.\n",
    )
    assert any(
        "Prochaine réunion" in label and "2 novembre 2016" in label for label in labels(preview)
    )


async def test_an_actions_deadline_is_not_taken_for_the_meetings_day(cluster: Harness) -> None:
    preview = await paste(cluster, TABLE)
    assert "Date de la réunion non trouvée" in preview["text"]
    assert "mardi 25 octobre 2016" in preview["text"]


async def test_a_fixed_text_too_long_is_asked_again(cluster: Harness) -> None:
    preview = await paste(cluster, TABLE)
    [choice] = await cluster.press(preview, "✏️ 1", user=COORDINATOR)
    [question] = await cluster.press(choice, "Le texte", user=COORDINATOR)
    [again] = await cluster.send("x" * 4001, user=COORDINATOR, chat=GROUP, reply_to=question)
    assert "trop long (4001 caractères ; 4000 au plus)" in again["text"]
    [redrawn] = await cluster.send(
        "Réviser les chiffres", user=COORDINATOR, chat=GROUP, reply_to=again
    )
    await cluster.press(redrawn, "Tout créer", user=COORDINATOR)
    assert actions(cluster)[0].description == "Réviser les chiffres"
