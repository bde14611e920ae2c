"""/exporter: the tracker as a workbook, read back with openpyxl; and the tracker a
coordinator edited offline (with openpyxl here) sent back, previewed and applied."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from typing import Any

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import select

from bot import texts
from bot.callbacks import TrackerButton, TrackerOp, decode, encode
from storage.models import Action, ActionEvent, EventKind, EventSource, Status
from tests.bot.test_importing import import_docx
from tests.bot.test_meeting_cycle import minutes_of_october_18
from tests.conftest import invite
from tests.fakes.updates import FakeChat, FakeUser
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OTHER_GROUP,
    OUTSIDER,
    Harness,
    button_data,
    buttons,
    private,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_ROW = 4


def stored(bot: Harness) -> dict[int, Action]:
    with bot.db.session() as session:
        return {a.id: a for a in session.exec(select(Action)).all() if a.id is not None}


def events(bot: Harness) -> list[ActionEvent]:
    with bot.db.session() as session:
        return list(session.exec(select(ActionEvent).order_by(ActionEvent.id)).all())  # type: ignore[arg-type]


async def meeting_of_october_18(bot: Harness) -> None:
    """The minutes of 18 October imported: actions 1 (OCHA, 31 Oct), 2 (OCHA and NRC,
    10 Nov), 3 (NRC, 4 Nov) and one decision; then action 1 done and 2 commented."""
    await invite(bot, "NRC", OTHER_FOCAL, "Hanan Talbi")
    preview = await import_docx(bot, minutes_of_october_18())
    await bot.press(preview, "Tout créer", user=COORDINATOR)
    await bot.send("/fait 1", user=COORDINATOR, chat=GROUP)
    await bot.send("/commenter 2 Matrice envoyée à NRC", user=COORDINATOR, chat=GROUP)
    bot.clock.current = datetime(2016, 11, 7, 9, 0, tzinfo=UTC)  # action 3 is 3 days late
    bot.api.clear()


async def export(bot: Harness, user: FakeUser, chat: FakeChat, command: str = "/exporter") -> bytes:
    """The workbook /exporter sends, as bytes; its caption is checked by the callers."""
    before = len(bot.api.calls_to("sendDocument"))
    await bot.send(command, user=user, chat=chat)
    sent = bot.api.calls_to("sendDocument")
    assert len(sent) == before + 1, bot.api.sent()
    return bytes(sent[-1]["document"].content)


def sheet_rows(sheet: Worksheet, first: int = HEADER_ROW + 1) -> list[tuple[Any, ...]]:
    return [r for r in sheet.iter_rows(min_row=first, values_only=True) if any(r)]


def open_book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def saved(book: Any) -> bytes:
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def header(sheet: Worksheet) -> list[str]:
    return [str(c.value) for c in sheet[HEADER_ROW] if c.value is not None]


def row_of(sheet: Worksheet, action_id: int) -> int:
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == action_id:
            return row
    raise AssertionError(f"no row for action {action_id}")


COLUMN = {
    name: i + 1
    for i, name in enumerate(
        texts.TRACKER_HEADERS[k] for k in texts.TRACKER_HEADERS if k != "cluster"
    )
}


async def send_back(
    bot: Harness,
    data: bytes,
    *,
    user: FakeUser = COORDINATOR,
    chat: FakeChat | None = None,
    name: str = "suivi.xlsx",
    size: int | None = None,
    reply_to: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    chat = chat or private(user)
    file_id = f"X{len(bot.api.calls)}"
    bot.api.add_file(file_id, data)
    update = bot.updates.document(
        chat=chat,
        user=user,
        file_name=name,
        mime_type=XLSX,
        file_size=len(data) if size is None else size,
        file_id=file_id,
    )
    if reply_to is not None:
        update["message"]["reply_to_message"] = bot.updates._as_message(reply_to, user)
    return await bot.process(update)


# --- The workbook ----------------------------------------------------------------------------


async def test_a_coordinators_export_is_the_clusters_tracker_with_its_three_sheets(
    cluster: Harness,
) -> None:
    await meeting_of_october_18(cluster)
    await cluster.send(
        "/decision Le cluster valide le plan de travail", user=COORDINATOR, chat=GROUP
    )
    await cluster.send("/fait 2", user=FOCAL, chat=GROUP)  # OCHA's part of a shared action

    data = await export(cluster, COORDINATOR, GROUP)

    [sent] = cluster.api.calls_to("sendDocument")
    assert sent["document"].file_name.endswith(".xlsx")
    assert "Tableau de suivi de <b>Cluster Protection (CP)</b> : 3 actions" in sent["caption"]
    book = open_book(data)
    assert book.sheetnames[:3] == ["Suivi", "Décisions", "Synthèse"]
    assert book["relance"].sheet_state == "veryHidden"
    sheet = book["Suivi"]
    assert header(sheet) == [
        "N°",
        "Réunion",
        "Action",
        "Responsable(s)",
        "Échéance",
        "Statut",
        "Retard (jours)",
        "Dernière mise à jour",
        "Dernier commentaire",
    ]
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == "A4:I7"
    assert sheet.column_dimensions["C"].width >= 50
    rows = sheet_rows(sheet)
    assert [(r[0], r[1].date(), r[3], r[4].date(), r[5], r[6]) for r in rows] == [
        (1, date(2016, 10, 18), "OCHA", date(2016, 10, 31), "Fait", None),
        (2, date(2016, 10, 18), "OCHA, NRC", date(2016, 11, 10), "En cours", None),
        (3, date(2016, 10, 18), "NRC", date(2016, 11, 4), "À faire", 3),
    ]
    assert rows[0][2] == "Partager la cartographie des acteurs"
    assert rows[1][8] == "Matrice envoyée à NRC"
    assert isinstance(rows[1][7], datetime)
    done_cell = sheet.cell(HEADER_ROW + 1, 6)
    late_cell = sheet.cell(HEADER_ROW + 3, 6)
    assert done_cell.fill.fgColor.rgb != late_cell.fill.fgColor.rgb
    assert done_cell.number_format == "General"
    assert sheet.cell(HEADER_ROW + 1, 5).number_format == "DD/MM/YYYY"

    decisions = sheet_rows(book["Décisions"], first=2)
    assert [(d[0], d[1].date(), d[2]) for d in decisions] == [
        (
            "D1",
            date(2016, 10, 18),
            "Le cluster adopte les termes de référence du groupe de travail",
        ),
        ("D2", date(2016, 10, 18), "Le cluster valide le plan de travail"),
    ]
    summary = {r[0]: r[1:] for r in sheet_rows(book["Synthèse"], first=2)}
    assert summary == {
        "NRC": (2, 1, 0, 0),
        "OCHA": (0, 0, 2, 2),
        "Total": (2, 1, 2, 2),
    }


async def test_a_focal_point_gets_their_organisations_actions_in_private(cluster: Harness) -> None:
    await meeting_of_october_18(cluster)

    data = await export(cluster, FOCAL, private(FOCAL))

    [sent] = cluster.api.calls_to("sendDocument")
    assert "Les actions de <b>OCHA</b> : 2 actions" in sent["caption"]
    rows = sheet_rows(open_book(data)["Suivi"])
    assert [(r[0], r[3]) for r in rows] == [(1, "OCHA"), (2, "OCHA, NRC")]


async def test_a_stranger_and_an_empty_cluster_get_a_french_answer_and_no_file(
    cluster: Harness,
) -> None:
    refused = await cluster.say("/exporter", user=OUTSIDER, chat=private(OUTSIDER))
    empty = await cluster.say("/exporter", user=COORDINATOR, chat=GROUP)

    assert "Vous ne faites encore partie d'aucun cluster" in refused
    assert "Aucune action n'est enregistrée pour Cluster Protection (CP)" in empty
    assert cluster.api.calls_to("sendDocument") == []


# --- The tracker sent back ---------------------------------------------------------------------


async def test_an_edited_tracker_is_previewed_then_applied_once_as_the_coordinators(
    cluster: Harness,
) -> None:
    await meeting_of_october_18(cluster)
    book = open_book(await export(cluster, COORDINATOR, private(COORDINATOR)))
    sheet = book["Suivi"]
    sheet.cell(row_of(sheet, 3), COLUMN["Statut"]).value = "terminé"
    sheet.cell(row_of(sheet, 3), COLUMN["Dernier commentaire"]).value = "Financement obtenu"
    sheet.cell(row_of(sheet, 2), COLUMN["Échéance"]).value = "15/12/2016"
    sheet.delete_rows(row_of(sheet, 1))  # a deleted row is not a deleted action
    new = sheet.max_row + 1
    sheet.cell(new, COLUMN["Action"]).value = "Organiser l'atelier de restitution"
    sheet.cell(new, COLUMN["Responsable(s)"]).value = "NRC"
    sheet.cell(new, COLUMN["Échéance"]).value = datetime(2016, 11, 30)

    [preview] = await send_back(cluster, saved(book))

    text = preview["text"]
    assert "n° 3 : statut À faire → Fait" in text
    assert "n° 3 : commentaire « Financement obtenu »" in text
    assert "n° 2 : échéance jeudi 10 novembre 2016 → jeudi 15 décembre 2016" in text
    assert (
        "Nouvelle action : Organiser l'atelier de restitution — NRC — mercredi 30 novembre 2016"
        in text
    )
    assert "1 action(s) du tableau exporté manquent dans le fichier" in text
    assert stored(cluster)[3].status == Status.TODO  # nothing until Appliquer
    before = len(events(cluster))
    apply = button_data(preview, "Appliquer (4)")

    await cluster.press(preview, "Appliquer (4)", user=COORDINATOR)

    actions = stored(cluster)
    assert actions[3].status == Status.DONE
    assert actions[2].due_at is not None
    assert actions[2].due_at.date() == date(2016, 12, 15)
    assert actions[1].status == Status.DONE  # its row was deleted: unchanged
    assert actions[4].description == "Organiser l'atelier de restitution"
    made = events(cluster)[before:]
    assert {(e.action_id, e.kind) for e in made} == {
        (3, EventKind.STATUS),
        (3, EventKind.COMMENT),
        (2, EventKind.DEADLINE),
        (4, EventKind.CREATED),
    }
    assert {(e.actor_name, e.source) for e in made} == {("Oumou Sow", EventSource.TRACKER)}
    assert "4 changement(s) sur 2 action(s)" not in cluster.api.edits()[-1]["text"]
    assert (
        "3 changement(s) sur 2 action(s) ; 1 action(s) créée(s) : n° 4"
        in (cluster.api.edits()[-1]["text"])
    )
    card = await cluster.say("/voir 3", user=COORDINATOR, chat=GROUP)
    assert "Oumou Sow : statut : À faire → Fait (depuis le tableau de suivi)" in card

    # A double tap, or the same file sent again, changes nothing more.
    await cluster.process(cluster.updates.callback(apply, message=preview, user=COORDINATOR))
    assert "plus valable" in cluster.last_answer()["text"]
    [again] = await send_back(cluster, saved(book))
    assert "cette nouvelle action est déjà enregistrée (n° 4)" in again["text"]
    assert buttons(again) == []
    assert len(events(cluster)) == before + len(made)


async def test_a_change_made_in_the_chat_since_the_export_is_a_conflict_the_chat_wins(
    cluster: Harness,
) -> None:
    await meeting_of_october_18(cluster)
    book = open_book(await export(cluster, COORDINATOR, private(COORDINATOR)))
    await cluster.send("/encours 3", user=OTHER_FOCAL, chat=GROUP)  # in the chat, since
    await cluster.send("/bloque 2", user=COORDINATOR, chat=GROUP)
    sheet = book["Suivi"]
    sheet.cell(row_of(sheet, 3), COLUMN["Statut"]).value = "Bloqué"
    sheet.cell(row_of(sheet, 2), COLUMN["Statut"]).value = "fait"

    [preview] = await send_back(cluster, saved(book))

    assert (
        "⚠️ n° 3 : statut À faire → Bloqué dans le fichier, mais En cours dans le chat"
        in (preview["text"])
    )
    assert "le chat est gardé" in preview["text"]
    labels = [label for label, _ in buttons(preview)]
    assert "📄 n° 3, statut : le fichier" in labels
    assert "📄 Le fichier pour tous (2)" in labels
    assert not any(label.startswith("✅ Appliquer") for label in labels)  # nothing else to do

    await cluster.press(preview, "📄 n° 2, statut : le fichier", user=COORDINATOR)
    redrawn = cluster.current(preview)
    assert "le fichier l'emporte" in redrawn["text"]
    await cluster.press(redrawn, "Appliquer (1)", user=COORDINATOR)

    actions = stored(cluster)
    assert actions[3].status == Status.IN_PROGRESS  # the chat's value kept
    assert actions[2].status == Status.DONE  # the file's, chosen


async def test_unreadable_rows_are_listed_and_change_nothing_while_the_others_apply(
    cluster: Harness,
) -> None:
    await meeting_of_october_18(cluster)
    book = open_book(await export(cluster, COORDINATOR, private(COORDINATOR)))
    sheet = book["Suivi"]
    sheet.cell(row_of(sheet, 3), COLUMN["Statut"]).value = "fini ?"
    sheet.cell(row_of(sheet, 3), COLUMN["Dernier commentaire"]).value = "Presque"
    sheet.cell(row_of(sheet, 2), COLUMN["Échéance"]).value = "quand on pourra"
    sheet.cell(row_of(sheet, 1), COLUMN["Statut"]).value = "EN COURS"

    [preview] = await send_back(cluster, saved(book))

    line_3 = row_of(sheet, 3)
    assert (
        f"Ligne {line_3} : statut « fini ? » inconnu : Fait, En cours, Bloqué, À faire, Annulé"
        in preview["text"]
    )
    assert f"Ligne {row_of(sheet, 2)} : échéance « quand on pourra » illisible" in preview["text"]
    assert "n° 1 : statut Fait → En cours" in preview["text"]
    await cluster.press(preview, "Appliquer (1)", user=COORDINATOR)
    actions = stored(cluster)
    assert actions[1].status == Status.IN_PROGRESS
    assert actions[3].status == Status.TODO
    assert not any(e.new_value == "Presque" for e in events(cluster))


async def test_files_that_are_not_a_readable_tracker_get_a_french_answer(cluster: Harness) -> None:
    await meeting_of_october_18(cluster)
    other = openpyxl.Workbook()
    plain_sheet = other.active
    assert isinstance(plain_sheet, Worksheet)
    plain_sheet.append(["N°", "Action", "Statut"])
    plain_sheet.append([1, "Partager", "Fait"])
    tracker = await export(cluster, COORDINATOR, private(COORDINATOR))
    before = len(events(cluster))

    [not_tracker] = await send_back(cluster, saved(other))
    [corrupt] = await send_back(cluster, b"PK\x03\x04 not really a workbook")
    [too_big] = await send_back(cluster, tracker, size=6 * 1024 * 1024)
    [focal] = await send_back(cluster, tracker, user=FOCAL)
    [unchanged] = await send_back(cluster, tracker)

    assert "n'est pas un tableau de suivi envoyé par /exporter" in not_tracker["text"]
    assert "semble endommagé" in corrupt["text"]
    assert "dépasse 5 Mo" in too_big["text"]
    assert "Seuls les coordinateurs de Cluster Protection (CP)" in focal["text"]
    assert (
        "aucun changement dans ce tableau de suivi (exporté le 7 novembre 2016)"
        in (unchanged["text"])
    )
    assert len(events(cluster)) == before


async def test_another_clusters_tracker_sent_in_the_group_is_refused(cluster: Harness) -> None:
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.send(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    await cluster.send(
        "/action Rédiger une note — OCHA — 25 octobre", user=COORDINATOR, chat=OTHER_GROUP
    )
    data = await export(cluster, COORDINATOR, OTHER_GROUP)
    [asked] = await cluster.send("/actions", user=COORDINATOR, chat=GROUP)

    [refused] = await send_back(cluster, data, chat=GROUP, reply_to=asked)

    assert "Cluster Relèvement Précoce (CRP), pas de ce groupe" in refused["text"]


async def test_a_long_preview_comes_in_pages_within_telegrams_limit(cluster: Harness) -> None:
    table = "Description\tResponsable\tEchéance\n" + "".join(
        f"Action numéro {n} du plan de réponse\tOCHA\t30 novembre\n" for n in range(1, 61)
    )
    [question] = await cluster.send("/importer", user=COORDINATOR, chat=GROUP)
    [preview] = await cluster.send(table, user=COORDINATOR, chat=GROUP, reply_to=question)
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    book = open_book(await export(cluster, COORDINATOR, private(COORDINATOR)))
    sheet = book["Suivi"]
    for action_id in range(1, 61):
        sheet.cell(row_of(sheet, action_id), COLUMN["Statut"]).value = "Fait"
        sheet.cell(row_of(sheet, action_id), COLUMN["Dernier commentaire"]).value = "Rapport " * 12

    [first] = await send_back(cluster, saved(book))

    assert "Page 1/" in first["text"]
    assert len(first["text"]) <= 4096
    await cluster.press(first, "Suivant", user=COORDINATOR)
    second = cluster.current(first)
    assert "Page 2/" in second["text"]
    await cluster.press(second, "Appliquer (120)", user=COORDINATOR)
    assert all(a.status == Status.DONE for a in stored(cluster).values())


async def test_the_clock_moves_for_late_days(cluster: Harness) -> None:
    await cluster.send("/action Rédiger une note — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP)
    cluster.clock.advance(days=10)
    rows = sheet_rows(open_book(await export(cluster, COORDINATOR, GROUP))["Suivi"])
    assert rows[0][6] == 5
    assert rows[0][1] == "Hors réunion"


async def test_a_focal_point_of_two_clusters_gets_both_with_a_cluster_column(
    cluster: Harness,
) -> None:
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.send(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    code = await cluster.invitation("/inviter OCHA Gerson Brandao", chat=OTHER_GROUP)
    await cluster.send(f"/start {code}", user=FOCAL, chat=private(FOCAL))
    await cluster.send("/action Rédiger une note — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP)
    await cluster.send(
        "/action Former les partenaires — NRC — 26 octobre", user=COORDINATOR, chat=GROUP
    )
    await cluster.send(
        "/action Cartographier les acteurs — OCHA — 27 octobre", user=COORDINATOR, chat=OTHER_GROUP
    )

    book = open_book(await export(cluster, FOCAL, private(FOCAL)))

    sheet = book["Suivi"]
    assert header(sheet)[:2] == ["Cluster", "N°"]
    assert [(r[0], r[1], r[4]) for r in sheet_rows(sheet)] == [
        ("CP", 1, "OCHA"),
        ("CRP", 3, "OCHA"),
    ]


def test_the_tracker_buttons_survive_the_callback_codec() -> None:
    for op in TrackerOp:
        button = TrackerButton(op, 41)
        assert decode(encode(button)) == button
    assert decode("x:?:1") is None
    assert decode("x:a:-1") is None
