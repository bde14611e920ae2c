"""The tracker's workbook, written and read back without Telegram or a database: the
statuses people retype, the dates they write, rows moved, columns moved, cells that look
like formulas."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from bot import texts
from bot.documents.tracker import UNPACKED_MAX, read_tracker, write_tracker
from bot.documents.tracker_data import (
    FileProblem,
    ProblemKind,
    Reading,
    Returned,
    TrackerSheets,
    status_of,
    understand,
)
from bot.resolve import deadline_value
from storage.models import DeadlinePrecision, OwnerKind, Status
from storage.tracker import Counted, TrackerField, TrackerRow
from storage.views import DeadlineValue, OwnerInput, OwnerView

TZ = ZoneInfo("Africa/Bamako")
NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def row(action_id: int, description: str, **changes: object) -> TrackerRow:
    base = TrackerRow(
        id=action_id,
        cluster_id=1,
        cluster_name="CP",
        meeting_starts_at=datetime(2026, 11, 3, 10, 0, tzinfo=UTC),
        description=description,
        owners=(OwnerView(OwnerKind.ORGANISATION, "OCHA", 1, None, False),),
        counted=(Counted("OCHA", Status.TODO, None),),
        deadline=DeadlineValue(
            datetime(2026, 11, 30, 23, 59, 59, tzinfo=UTC), DeadlinePrecision.DAY
        ),
        status=Status.TODO,
        updated_at=datetime(2026, 11, 4, 9, 0, tzinfo=UTC),
        last_comment=None,
        done_at=None,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


ROWS = [
    row(1, "Partager la cartographie"),
    row(2, '=HYPERLINK("http://exemple.org")'),
    row(3, "Relancer le bailleur", status=Status.IN_PROGRESS, last_comment="Courrier envoyé"),
]


def workbook(rows: list[TrackerRow] = ROWS) -> bytes:
    sheets = TrackerSheets("CP", rows, (), (), (1,), several_clusters=False)
    return write_tracker(sheets, now=NOW, tz=TZ)


def reading(rows: list[TrackerRow] = ROWS) -> Reading:
    def read_deadline(cluster_id: int, typed: str) -> DeadlineValue | None:
        found = deadline_value(typed, now=NOW, tz=TZ)
        return found if isinstance(found, DeadlineValue) else None

    return Reading(
        current={r.id: r for r in rows},
        read_deadline=read_deadline,
        read_owners=lambda cluster_id, typed: [OwnerInput(OwnerKind.UNLINKED, typed, unknown=True)],
        cluster_named=lambda name: None,
        show_deadline=lambda value: value.due_at.date().isoformat() if value.due_at else "-",
        tz=TZ,
    )


def edited(data: bytes, edit: Callable[[Worksheet], None]) -> Returned:
    book = openpyxl.load_workbook(io.BytesIO(data))
    edit(book["Suivi"])
    out = io.BytesIO()
    book.save(out)
    found = read_tracker(out.getvalue())
    assert isinstance(found, Returned)
    return found


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("Fait", Status.DONE),
        ("fait", Status.DONE),
        ("Terminé", Status.DONE),
        ("TERMINEE", Status.DONE),
        ("✅ Fait", Status.DONE),
        ("en cours", Status.IN_PROGRESS),
        ("En Cours", Status.IN_PROGRESS),
        ("bloqué", Status.BLOCKED),
        ("Bloque", Status.BLOCKED),
        ("annulé", Status.CANCELLED),
        ("Annulée", Status.CANCELLED),
        ("à faire", Status.TODO),
        ("A faire", Status.TODO),
        ("ouvert", Status.TODO),
        ("done", Status.DONE),
        ("fini ?", None),
        ("peut-être", None),
    ],
)
def test_statuses_are_read_as_people_retype_them(typed: str, status: Status | None) -> None:
    assert status_of(typed) == status


def test_a_description_that_looks_like_a_formula_stays_text() -> None:
    sheet = openpyxl.load_workbook(io.BytesIO(workbook()))["Suivi"]
    cell = sheet.cell(6, 3)
    assert cell.value == '=HYPERLINK("http://exemple.org")'
    assert cell.data_type == "s"


def test_rows_resorted_and_columns_moved_are_still_found_by_their_number() -> None:
    def edit(sheet: Worksheet) -> None:
        sheet.move_range("A5:I7", rows=10)  # re-sorted: the rows further down, reversed below
        values = [[c.value for c in r] for r in sheet.iter_rows(min_row=15, max_row=17)]
        for offset, cells in enumerate(reversed(values)):
            for column, value in enumerate(cells, start=1):
                sheet.cell(5 + offset, column).value = value
        sheet.delete_rows(15, 3)
        sheet.insert_cols(1)  # a column of their own in front
        sheet.cell(4, 1).value = "Remarques"
        for r in range(5, 8):
            if sheet.cell(r, 2).value == 3:
                sheet.cell(r, 7).value = "fait"  # Statut, now one column further right
            if sheet.cell(r, 2).value == 1:
                sheet.cell(r, 6).value = "fin décembre"

    understood = understand(edited(workbook(), edit), reading())

    found = {(c.action_id, c.field): c for c in understood.changes}
    assert found.keys() == {(3, TrackerField.STATUS), (1, TrackerField.DEADLINE)}
    assert found[(3, TrackerField.STATUS)].status == Status.DONE
    deadline = found[(1, TrackerField.DEADLINE)].deadline
    assert deadline is not None
    assert deadline.due_at is not None
    assert deadline.due_at.astimezone(TZ).date().isoformat() == "2026-12-31"
    assert understood.problems == []


def test_an_excel_date_and_a_french_date_are_both_read() -> None:
    def edit(sheet: Worksheet) -> None:
        sheet.cell(5, 5).value = datetime(2026, 12, 15)
        sheet.cell(6, 5).value = "15/01/2027"
        sheet.cell(7, 5).value = datetime(2026, 11, 30)  # unchanged, as Excel gives it back

    understood = understand(edited(workbook(), edit), reading())

    days = {
        c.action_id: c.deadline.due_at.astimezone(TZ).date().isoformat()
        for c in understood.changes
        if c.deadline is not None and c.deadline.due_at is not None
    }
    assert days == {1: "2026-12-15", 2: "2027-01-15"}


def test_a_change_in_the_chat_since_the_export_makes_a_conflict() -> None:
    def edit(sheet: Worksheet) -> None:
        sheet.cell(5, 6).value = "Fait"
        sheet.cell(6, 6).value = "Bloqué"

    chat = [replace(ROWS[0], status=Status.BLOCKED), ROWS[1], ROWS[2]]
    understood = understand(edited(workbook(), edit), reading(chat))

    conflicts = {c.action_id: (c.conflict, c.chat_text) for c in understood.changes}
    assert conflicts == {1: (True, "Bloqué"), 2: (False, "")}


def test_unreadable_values_are_problems_of_their_row_only() -> None:
    def edit(sheet: Worksheet) -> None:
        sheet.cell(5, 6).value = "fini ?"
        sheet.cell(5, 9).value = "un commentaire qui ne passera pas"
        sheet.cell(6, 5).value = "bientôt peut-être"
        sheet.cell(7, 9).value = "Réponse reçue"
        sheet.cell(8, 1).value = "douze"
        sheet.cell(9, 1).value = 999
        sheet.cell(9, 6).value = "Fait"

    understood = understand(edited(workbook(), edit), reading())

    assert [(p.line, p.kind, p.text) for p in understood.problems] == [
        (5, ProblemKind.UNKNOWN_STATUS, "fini ?"),
        (6, ProblemKind.BAD_DEADLINE, "bientôt peut-être"),
        (8, ProblemKind.BAD_NUMBER, "douze"),
        (9, ProblemKind.UNKNOWN_NUMBER, "999"),
    ]
    assert [(c.action_id, c.field, c.comment) for c in understood.changes] == [
        (3, TrackerField.COMMENT, "Réponse reçue")
    ]


def test_a_new_row_at_the_bottom_is_a_new_action() -> None:
    def edit(sheet: Worksheet) -> None:
        sheet.cell(9, 3).value = "Organiser l'atelier"
        sheet.cell(9, 4).value = "Mairie de Mopti"
        sheet.cell(9, 5).value = "fin janvier 2027"
        sheet.cell(9, 6).value = "en cours"
        sheet.cell(10, 4).value = "OCHA"  # owners without an action: said, not guessed

    understood = understand(edited(workbook(), edit), reading())

    [new] = understood.new_actions
    assert (new.description, new.owners_text, new.status) == (
        "Organiser l'atelier",
        "Mairie de Mopti",
        Status.IN_PROGRESS,
    )
    assert new.deadline.due_at is not None
    assert new.deadline.due_at.astimezone(TZ).date().isoformat() == "2027-01-31"
    assert [(p.line, p.kind) for p in understood.problems] == [(10, ProblemKind.NO_DESCRIPTION)]


def test_files_that_are_not_a_tracker_are_told_apart() -> None:
    plain = openpyxl.Workbook()
    out = io.BytesIO()
    plain.save(out)

    assert read_tracker(b"not a zip at all") == FileProblem.CORRUPT
    assert read_tracker(out.getvalue()) == FileProblem.NOT_TRACKER
    assert read_tracker(workbook()[:2000]) == FileProblem.CORRUPT


def test_awkward_text_dates_and_styles_read_back_as_written() -> None:
    """The Suivi rows are written as XML by hand (bot/documents/tracker.py): what a person
    typed comes back as typed, in Excel's dates, with its colours, in both of openpyxl's
    modes."""
    awkward = [
        row(
            1,
            'Eau & assainissement <Gao> "urgent" l\'équipe',
            last_comment="  espaces  ",
            deadline=DeadlineValue(
                datetime(2026, 11, 10, 23, 59, 59, tzinfo=UTC), DeadlinePrecision.DAY
            ),
        ),
        row(
            2,
            "ligne\r\nsuivante\tet tab\x01",
            status=Status.BLOCKED,
            deadline=DeadlineValue(None, DeadlinePrecision.UNDATED, text="fin & début"),
            meeting_starts_at=None,
        ),
        row(
            3,
            "à l'heure",
            deadline=DeadlineValue(
                datetime(2026, 12, 4, 14, 30, tzinfo=UTC), DeadlinePrecision.MOMENT
            ),
            last_comment="😀 ok",
        ),
    ]
    data = workbook(awkward)
    for read_only in (False, True):
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only)
        values = list(book["Suivi"].iter_rows(min_row=5, values_only=True))
        assert [v[0] for v in values] == [1, 2, 3]
        assert values[0][2] == 'Eau & assainissement <Gao> "urgent" l\'équipe'
        assert values[0][8] == "  espaces  "
        assert values[1][2] == "ligne\r\nsuivante\tet tab"
        assert values[1][1] == texts.TRACKER_NO_MEETING
        assert values[1][4] == "fin & début"
        assert values[0][4] == datetime(2026, 11, 10)  # a day: the date alone
        assert values[2][4] == datetime(2026, 12, 4, 14, 30)
        assert values[0][1] == datetime(2026, 11, 3)
        assert values[0][7] == datetime(2026, 11, 4, 9, 0)
        assert values[0][6] == 10  # days late on 20 November
        assert values[2][6] is None  # not due yet
        assert values[2][8] == "😀 ok"
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Suivi"]
    assert sheet.cell(6, 6).fill.fgColor.rgb == "00F8CBAD"  # blocked
    assert sheet.cell(5, 5).number_format == "DD/MM/YYYY"
    assert sheet.cell(7, 5).number_format == "DD/MM/YYYY HH:MM"
    assert sheet.cell(5, 3).alignment.wrap_text
    assert sheet.auto_filter.ref == "A4:I7"


def test_a_small_file_that_would_unpack_into_gigabytes_is_refused_unread() -> None:
    """A "zip bomb" under 5 MB: its parts would unpack far beyond any tracker, so it is
    refused from the zip's directory, before openpyxl parses a byte of it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part,
    ):
        chunk = b"\0" * (1024 * 1024)
        for _ in range(UNPACKED_MAX // len(chunk) + 1):
            part.write(chunk)
    data = out.getvalue()

    assert len(data) < 5 * 1024 * 1024
    assert read_tracker(data) == FileProblem.TOO_BIG
    assert read_tracker(b"not a zip at all") == FileProblem.CORRUPT
