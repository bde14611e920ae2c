"""The cluster's tracker ("matrice de suivi des recommandations") as a workbook, and read back.

Pure code: storage's tracker rows in, the bytes of an .xlsx out; the bytes of a returned
workbook in, its rows and what it was exported with out (or why it cannot be read), which
bot/documents/tracker_data.py turns into what the coordinator changed. openpyxl is loaded
with this module: the handlers import it when a tracker is written or read, not at start.

The workbook carries what it needs to recognise itself: a very hidden sheet holds the
instant of the export, the clusters, and per action the values exported (status, deadline,
last comment). A value of the file that differs from the exported one is the coordinator's
change; a value of the chat that differs from it is a change made in the chat since; both
at once is a conflict. Rows may be re-sorted, filtered, hidden or deleted: they are found by
their number, and a missing row changes nothing.

The big sheets' rows ("Suivi", "Décisions") are hand-written XML, not openpyxl cells:
openpyxl's write-only writer costs about 80 µs a cell (its cell objects, style binding and
lxml's element writer), 16 s for the 200,000 cells of a 20,000-action tracker, where the
target is 2 s (bench/exports.py). openpyxl still writes the workbook and every sheet's
structure (styles, widths, freeze panes, filters, validation, the small sheets, the very
hidden one); each big sheet gets one marker row, which `_splice` replaces in the saved zip
by the rows written here, cell by cell as openpyxl writes them (inline strings, numbers,
dates as Excel serials with the style ids openpyxl registered): about 1 µs a cell.
"""

from __future__ import annotations

import io
import json
import secrets
import zipfile
from collections.abc import Callable, Mapping, Sequence
from copy import copy
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.compat.strings import safe_string
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from bot import texts
from bot.documents.tracker_data import Exported, FileProblem, Returned, ReturnedRow, TrackerSheets
from language.folding import fold
from storage.models import DeadlinePrecision, Status
from storage.tracker import TrackerRow, deadline_key
from storage.views import DeadlineValue

MARKER = "relance-tracker"
VERSION = 1
META_SHEET = "relance"
CELL_MAX = 32_000  # Excel keeps 32,767 characters in a cell
DATE_FORMAT = "DD/MM/YYYY"
MOMENT_FORMAT = "DD/MM/YYYY HH:MM"
_EXCEL_EPOCH = datetime(1899, 12, 30)  # noqa: DTZ001 -- Excel has no time zones
HEADER_SCAN = 15  # the header is looked for in the first rows: a title may stand above it

_STATUS_FILL = {
    Status.TODO: "FFF2CC",
    Status.IN_PROGRESS: "DDEBF7",
    Status.BLOCKED: "F8CBAD",
    Status.DONE: "C6EFCE",
    Status.CANCELLED: "D9D9D9",
}
_HEADER_FILL = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


class Column(StrEnum):
    CLUSTER = "cluster"
    NUMBER = "number"
    MEETING = "meeting"
    ACTION = "action"
    OWNERS = "owners"
    DEADLINE = "deadline"
    STATUS = "status"
    LATE = "late"
    UPDATED = "updated"
    COMMENT = "comment"


_WIDTHS = {
    Column.CLUSTER: 14,
    Column.NUMBER: 7,
    Column.MEETING: 12,
    Column.ACTION: 60,
    Column.OWNERS: 26,
    Column.DEADLINE: 14,
    Column.STATUS: 12,
    Column.LATE: 10,
    Column.UPDATED: 17,
    Column.COMMENT: 50,
}


def _text(value: str | None) -> str:
    """User text a cell can hold: no control characters, within Excel's limit."""
    return ILLEGAL_CHARACTERS_RE.sub("", value or "")[:CELL_MAX]


def _local(moment: datetime, tz: ZoneInfo) -> datetime:
    """Excel has no time zones: the cluster's wall-clock time."""
    return moment.astimezone(tz).replace(tzinfo=None)


def _undated_text(deadline: DeadlineValue) -> str:
    """What the deadline cell says of an undated deadline; "" for a dated one (a date)."""
    if deadline.due_at is None or deadline.precision == DeadlinePrecision.UNDATED:
        return _text(deadline.text) or texts.TRACKER_UNDATED
    return ""


def deadline_cell(deadline: DeadlineValue, tz: ZoneInfo) -> date | datetime | str:
    """A dated deadline as a real date (with its hour for a moment), an undated one as said."""
    undated = _undated_text(deadline)
    if undated or deadline.due_at is None:
        return undated
    local = _local(deadline.due_at, tz)
    if deadline.precision == DeadlinePrecision.MOMENT:
        return local
    return local.date()


def late_days(row: TrackerRow, now: datetime, tz: ZoneInfo) -> int | None:
    due = row.deadline.due_at
    if due is None or not row.status.is_open or due >= now:
        return None
    return max(1, (now.astimezone(tz).date() - due.astimezone(tz).date()).days)


class _Writer:
    """Cells with their style, in write-only mode. A plain value is written as it is; a
    styled cell takes the style array of a prototype built once per style: setting a fill
    or an alignment on each of 20,000 cells cost most of the time (bench/exports.py)."""

    def __init__(self, workbook: Workbook) -> None:
        self.workbook = workbook
        self._styles: dict[tuple[object, ...], Any] = {}

    def cell(
        self,
        sheet: Any,
        value: object,
        *,
        number_format: str | None = None,
        fill: str | None = None,
        wrap: bool = False,
        header: bool = False,
        bold: bool = False,
    ) -> object:
        key = (number_format, fill, wrap, header, bold)
        formula_like = isinstance(value, str) and value.startswith("=")
        if not any(key) and not formula_like:
            return value
        # Any: the style array is openpyxl's own attribute, which its stubs do not declare.
        found: Any = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]
        if formula_like:
            found.data_type = "s"  # a description typed "= ..." is text, never a formula
        if any(key):
            found._style = copy(self._style(sheet, key))
        return found

    def _style(self, sheet: Any, key: tuple[object, ...]) -> Any:
        style = self._styles.get(key)
        if style is None:
            number_format, fill, wrap, header, bold = key
            proto: Any = WriteOnlyCell(sheet)
            if number_format:
                proto.number_format = str(number_format)
            if fill:
                proto.fill = PatternFill("solid", fgColor=str(fill))
            if header:
                proto.fill, proto.font = _HEADER_FILL, _HEADER_FONT
            if bold:
                proto.font = Font(bold=True)
            proto.alignment = _WRAP if wrap or header else _TOP
            style = self._styles[key] = proto._style
        return style


def _columns(several: bool) -> list[Column]:
    return [c for c in Column if several or c != Column.CLUSTER]


def _start_sheet(sheet: Any, widths: Sequence[int], header_row: int) -> None:
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = f"A{header_row + 1}"


def write_tracker(sheets: TrackerSheets, *, now: datetime, tz: ZoneInfo) -> bytes:
    """The workbook: "Suivi" (one row per action), "Décisions", "Synthèse", and the very
    hidden sheet the tracker sent back is recognised by."""
    workbook = Workbook(write_only=True)
    writer = _Writer(workbook)
    bodies = [_actions_sheet(writer, sheets, now, tz), _decisions_sheet(writer, sheets, tz)]
    _summary_sheet(writer, sheets)
    _meta_sheet(writer, sheets, now, tz)
    out = io.BytesIO()
    workbook.save(out)
    return _splice(out.getvalue(), {b.marker: b.xml() for b in bodies if b.lines})


class _Rows:
    """A big sheet's rows as the XML openpyxl writes for its cells, spliced into the saved
    workbook in place of one marker row (see the module's docstring for why)."""

    def __init__(self, writer: _Writer, sheet: Any, first: int) -> None:
        self.writer, self.sheet, self.first = writer, sheet, first
        # Unguessable: no user text written by openpyxl (a title) can be taken for it.
        self.marker = f"relance-rows-{secrets.token_hex(12)}"
        self.lines: list[str] = []
        self._ids: dict[tuple[object, ...], str] = {}

    def style(
        self,
        *,
        number_format: str | None = None,
        fill: str | None = None,
        wrap: bool = False,
        bold: bool = False,
    ) -> str:
        """The cell's style attribute: the id openpyxl gives that style in styles.xml."""
        key = (number_format, fill, wrap, False, bold)
        found = self._ids.get(key)
        if found is None:
            cell_styles: Any = self.writer.workbook._cell_styles  # type: ignore[attr-defined]
            found = f' s="{cell_styles.add(self.writer._style(self.sheet, key))}"'
            self._ids[key] = found
        return found

    def add(self, cells: Sequence[tuple[object, str]]) -> None:
        """The next row: each cell's value and style attribute ("" for none)."""
        number = self.first + len(self.lines)
        parts = [
            _cell_xml(f"{get_column_letter(i)}{number}", value, style)
            for i, (value, style) in enumerate(cells, start=1)
        ]
        self.lines.append(f'<row r="{number}">{"".join(parts)}</row>')

    def start(self) -> None:
        """The marker row, where the rows go: only when there are rows."""
        if self.lines:
            self.sheet.append([self.marker])

    def xml(self) -> str:
        return "".join(self.lines)


def _cell_xml(ref: str, value: object, style: str) -> str:
    """One cell, as openpyxl's lxml_write_cell writes it ("" for none)."""
    tail = _tail(value, style)
    return f'<c r="{ref}{tail}' if tail else ""


def _tail(value: object, style: str) -> str:
    """A cell's XML after its reference ('<c r="B7' + this): its style, type and value;
    "" for a cell openpyxl leaves out (no value, no style)."""
    if value is None:
        return f'"{style} t="n"/>' if style else ""
    if isinstance(value, str):
        return _string_tail(value, style)
    if isinstance(value, bool):
        return f'"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, date):  # a datetime too: Excel's serial, the style gives its format
        return f'"{style} t="n"><v>{_serial(value)}</v></c>'
    return f'"{style} t="n"><v>{safe_string(value)}</v></c>'


def _string_tail(value: str, style: str) -> str:
    if not value:
        return f'"{style} t="inlineStr"/>'
    space = ' xml:space="preserve"' if value != value.strip() else ""
    return f'"{style} t="inlineStr"><is><t{space}>{_xml(value)}</t></is></c>'


def _serial(value: date) -> str:
    """A date or a wall-clock moment as openpyxl writes it (utils.datetime.to_excel, then
    compat.strings.safe_string): Excel's serial number of days."""
    moment = value if isinstance(value, datetime) else datetime.combine(value, time())
    days = (moment - _EXCEL_EPOCH).days
    if 0 < days <= 60:  # Excel's 29 February 1900, which never was
        days -= 1
    seconds = moment.hour * 3600 + moment.minute * 60 + moment.second
    return "%.16g" % (days + (seconds + moment.microsecond / 10**6) / 86400)


def _xml(text: str) -> str:
    """Text escaped as lxml escapes it (a carriage return too, which a parser would drop)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace("\r", "&#13;") if "\r" in text else text


def _splice(data: bytes, bodies: Mapping[str, str]) -> bytes:
    """The saved workbook with each marker's row replaced by its rows."""
    if not bodies:
        return data
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                sheet = content.decode("utf-8")
                for marker, body in bodies.items():
                    at = sheet.find(marker)
                    if at >= 0:
                        begin = sheet.rindex("<row ", 0, at)
                        end = sheet.index("</row>", at) + len("</row>")
                        sheet = sheet[:begin] + body + sheet[end:]
                content = sheet.encode("utf-8")
            # Level 1: 0.1 s rather than 0.25 s for 20,000 rows, the file a third larger.
            target.writestr(info, content, compresslevel=1)
    return out.getvalue()


def _heading(writer: _Writer, sheet: Any, title: str, now: datetime, tz: ZoneInfo) -> None:
    sheet.append([writer.cell(sheet, _text(title), header=False)])
    exported = _local(now, tz)
    sheet.append([texts.TRACKER_EXPORTED_AT.format(day=exported.strftime("%d/%m/%Y %H:%M"))])
    sheet.append([])


HEADER_ROW = 4  # title, export instant, a blank line, then the header


def _actions_sheet(writer: _Writer, sheets: TrackerSheets, now: datetime, tz: ZoneInfo) -> _Rows:
    sheet = writer.workbook.create_sheet(texts.TRACKER_SHEET_ACTIONS)
    columns = _columns(sheets.several_clusters)
    _start_sheet(sheet, [_WIDTHS[c] for c in columns], HEADER_ROW)
    _heading(writer, sheet, texts.TRACKER_TITLE.format(title=sheets.title), now, tz)
    sheet.append([writer.cell(sheet, texts.TRACKER_HEADERS[c], header=True) for c in columns])
    last = HEADER_ROW + len(sheets.rows)
    status_col = get_column_letter(columns.index(Column.STATUS) + 1)
    choices = ",".join(texts.STATUS_LABEL[s] for s in Status)
    validation = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    validation.add(f"{status_col}{HEADER_ROW + 1}:{status_col}{max(last, HEADER_ROW + 1) + 500}")
    sheet.data_validations.append(validation)
    body = _Rows(writer, sheet, HEADER_ROW + 1)
    encoders = _ActionCells(body, now, tz).encoders(columns)
    starts = [f'<c r="{get_column_letter(i)}' for i in range(1, len(columns) + 1)]
    cells = list(zip(starts, encoders, strict=True))
    for n, row in enumerate(sheets.rows, start=HEADER_ROW + 1):
        line = [f'<row r="{n}">']
        number = str(n)
        for start, encoder in cells:
            tail = encoder(row)
            if tail:
                line.append(start + number + tail)
        line.append("</row>")
        body.lines.append("".join(line))
    body.start()
    sheet.auto_filter.ref = (
        f"A{HEADER_ROW}:{get_column_letter(len(columns))}{max(last, HEADER_ROW)}"
    )
    return body


Encoder = Callable[[TrackerRow], str]  # an action's cell, as a _tail


class _ActionCells:
    """The cells of an action's row as XML, one function per column: 200,000 cells for
    20,000 actions. The values rows share (a cluster, a meeting, owners, a deadline, a
    status) are written once each: a time zone and a serial number cost more than the
    rest of a cell."""

    def __init__(self, body: _Rows, now: datetime, tz: ZoneInfo) -> None:
        self.now, self.tz = now, tz
        self.date = body.style(number_format=DATE_FORMAT)
        self.moment = body.style(number_format=MOMENT_FORMAT)
        self.wrap = body.style(wrap=True)
        self.status = {
            s: _tail(texts.STATUS_LABEL[s], body.style(fill=_STATUS_FILL[s])) for s in Status
        }

    def encoders(self, columns: Sequence[Column]) -> list[Encoder]:
        tz, now, wrap, moment = self.tz, self.now, self.wrap, self.moment
        date_style, status_tails = self.date, self.status
        clusters: dict[str, str] = {}
        meetings: dict[datetime | None, str] = {}
        owner_tails: dict[str, str] = {}
        deadlines: dict[tuple[object, ...], str] = {}
        lates: dict[datetime, str] = {}
        no_comment = _tail("", wrap)

        def cluster(row: TrackerRow) -> str:
            found = clusters.get(row.cluster_name)
            if found is None:
                found = clusters[row.cluster_name] = _tail(_text(row.cluster_name), "")
            return found

        def number(row: TrackerRow) -> str:
            return f'" t="n"><v>{row.id}</v></c>'

        def meeting(row: TrackerRow) -> str:
            found = meetings.get(row.meeting_starts_at)
            if found is None:
                at = row.meeting_starts_at
                if at is None:
                    found = _tail(texts.TRACKER_NO_MEETING, "")
                else:
                    found = _tail(_local(at, tz).date(), date_style)
                meetings[at] = found
            return found

        def action(row: TrackerRow) -> str:
            return _string_tail(_text(row.description), wrap)

        def owners(row: TrackerRow) -> str:
            text = owners_cell(row)
            found = owner_tails.get(text)
            if found is None:
                found = owner_tails[text] = _tail(_text(text), wrap)
            return found

        def deadline(row: TrackerRow) -> str:
            value = row.deadline
            key = (value.due_at, value.precision, value.text)
            found = deadlines.get(key)
            if found is None:
                shown = deadline_cell(value, tz)
                style = "" if isinstance(shown, str) else date_style
                if isinstance(shown, datetime):
                    style = moment
                found = deadlines[key] = _tail(shown, style)
            return found

        def status(row: TrackerRow) -> str:
            return status_tails[row.status]

        def late(row: TrackerRow) -> str:
            due = row.deadline.due_at
            if due is None or due >= now or not row.status.is_open:
                return ""
            found = lates.get(due)
            if found is None:
                found = lates[due] = _tail(late_days(row, now, tz), "")
            return found

        def updated(row: TrackerRow) -> str:
            return f'"{moment} t="n"><v>{_serial(_local(row.updated_at, tz))}</v></c>'

        def comment(row: TrackerRow) -> str:
            if not row.last_comment:
                return no_comment
            return _string_tail(_text(row.last_comment), wrap)

        by_column: dict[Column, Encoder] = {
            Column.CLUSTER: cluster,
            Column.NUMBER: number,
            Column.MEETING: meeting,
            Column.ACTION: action,
            Column.OWNERS: owners,
            Column.DEADLINE: deadline,
            Column.STATUS: status,
            Column.LATE: late,
            Column.UPDATED: updated,
            Column.COMMENT: comment,
        }
        return [by_column[c] for c in columns]


def owners_cell(row: TrackerRow) -> str:
    return ", ".join(o.label for o in row.owners)


def _decisions_sheet(writer: _Writer, sheets: TrackerSheets, tz: ZoneInfo) -> _Rows:
    sheet = writer.workbook.create_sheet(texts.TRACKER_SHEET_DECISIONS)
    headers = list(texts.TRACKER_DECISION_HEADERS)
    widths = [7, 12, 70, 10]
    if sheets.several_clusters:
        headers, widths = [texts.TRACKER_HEADERS[Column.CLUSTER], *headers], [14, *widths]
    _start_sheet(sheet, widths, 1)
    sheet.append([writer.cell(sheet, h, header=True) for h in headers])
    body = _Rows(writer, sheet, 2)
    dated, wrap = body.style(number_format=DATE_FORMAT), body.style(wrap=True)
    for decision in sheets.decisions:
        meeting: object = texts.TRACKER_NO_MEETING
        if decision.meeting_starts_at is not None:
            meeting = _local(decision.meeting_starts_at, tz).date()
        cells: list[tuple[object, str]] = [
            (f"D{decision.id}", ""),
            (meeting, dated),
            (_text(decision.text), wrap),
            (decision.action_id, ""),
        ]
        if sheets.several_clusters:
            cells.insert(0, (_text(decision.cluster_name), ""))
        body.add(cells)
    body.start()
    sheet.auto_filter.ref = (
        f"A1:{get_column_letter(len(headers))}{max(1 + len(sheets.decisions), 1)}"
    )
    return body


def _summary_sheet(writer: _Writer, sheets: TrackerSheets) -> None:
    sheet = writer.workbook.create_sheet(texts.TRACKER_SHEET_SUMMARY)
    _start_sheet(sheet, [30, 12, 12, 12, 14], 1)
    sheet.append([writer.cell(sheet, h, header=True) for h in texts.TRACKER_SUMMARY_HEADERS])
    for line in sheets.summary:
        sheet.append([line.name, line.open, line.late, line.done, line.done_on_time])
    total = [
        sum(s.open for s in sheets.summary),
        sum(s.late for s in sheets.summary),
        sum(s.done for s in sheets.summary),
        sum(s.done_on_time for s in sheets.summary),
    ]
    sheet.append([writer.cell(sheet, v, bold=True) for v in (texts.TRACKER_TOTAL, *total)])


META_CHUNK = 30_000  # characters of the exported values' JSON per cell


def _meta_sheet(writer: _Writer, sheets: TrackerSheets, now: datetime, tz: ZoneInfo) -> None:
    """The export's instant, its clusters, and per action the values exported, as JSON cut
    into cells: a few dozen cells rather than five per action."""
    sheet = writer.workbook.create_sheet(META_SHEET)
    sheet.sheet_state = "veryHidden"
    sheet.append([MARKER, VERSION])
    sheet.append(["exported_at", now.astimezone(UTC).isoformat()])
    sheet.append(["clusters", ",".join(str(c) for c in sheets.cluster_ids)])
    values = {}
    for row in sheets.rows:
        values[row.id] = [
            row.status.value,
            deadline_key(row.deadline),
            _undated_text(row.deadline),
            _text(row.last_comment),
        ]
    encoded = json.dumps(values, ensure_ascii=True, separators=(",", ":"))
    for start in range(0, len(encoded), META_CHUNK):
        sheet.append(["values", encoded[start : start + META_CHUNK]])


# --- Reading a returned tracker ---------------------------------------------------------------


# What a workbook may unpack to: the tracker of 20,000 actions is about 15 MB of XML. A
# 5 MB file that unpacks into gigabytes (a "zip bomb") is refused before it is parsed.
UNPACKED_MAX = 200 * 1024 * 1024


def _unpacked_size(data: bytes) -> int | None:
    """The size the workbook's parts unpack to, as its zip directory says; None: no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return None


def read_tracker(data: bytes) -> Returned | FileProblem:
    """The returned workbook's rows and what it was exported with, or why it cannot be read."""
    unpacked = _unpacked_size(data)
    if unpacked is None:
        return FileProblem.CORRUPT
    if unpacked > UNPACKED_MAX:
        return FileProblem.TOO_BIG
    try:
        # Read-only: streamed, twice as fast on a large tracker; values only, never formulas.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError, IndexError):
        return FileProblem.CORRUPT
    except Exception:  # openpyxl raises many kinds on a damaged file: none may cost the chat
        return FileProblem.CORRUPT
    try:
        return _read(workbook)
    except Exception:  # a damaged sheet inside a sound zip
        return FileProblem.CORRUPT
    finally:
        workbook.close()


def _read(workbook: Any) -> Returned | FileProblem:
    if META_SHEET not in workbook.sheetnames:
        return FileProblem.NOT_TRACKER
    meta = _read_meta(workbook[META_SHEET])
    if meta is None:
        return FileProblem.NOT_TRACKER
    exported_at, cluster_ids, exported = meta
    sheet = _actions_sheet_of(workbook)
    if sheet is None:
        return FileProblem.NOT_TRACKER
    found = _header(sheet)
    if found is None:
        return FileProblem.NOT_TRACKER
    header_row, columns = found
    rows = []
    if hasattr(sheet, "reset_dimensions"):
        sheet.reset_dimensions()  # a file saved by another program may declare too few rows
    for line, values in enumerate(
        sheet.iter_rows(min_row=header_row + 1, values_only=True), start=header_row + 1
    ):
        row = _returned_row(line, values, columns)
        if row is not None:
            rows.append(row)
    return Returned(exported_at, cluster_ids, exported, tuple(rows))


def _read_meta(sheet: Any) -> tuple[datetime, tuple[int, ...], dict[int, Exported]] | None:
    rows = list(sheet.iter_rows(values_only=True))
    if len(rows) < 3 or not rows[0] or rows[0][0] != MARKER:
        return None
    try:
        exported_at = datetime.fromisoformat(str(rows[1][1]))
        cluster_ids = tuple(int(c) for c in _string(rows[2][1]).split(",") if c)
        encoded = "".join(str(r[1] or "") for r in rows[3:] if r and r[0] == "values")
        values = json.loads(encoded) if encoded else {}
        exported = {
            int(action_id): Exported(Status(status), str(due), str(shown), str(comment))
            for action_id, (status, due, shown, comment) in values.items()
        }
    except (ValueError, TypeError, IndexError, AttributeError):
        return None
    if exported_at.tzinfo is None or not cluster_ids:
        return None
    return exported_at, cluster_ids, exported


def _actions_sheet_of(workbook: Any) -> Any:
    """The actions' sheet: by its name, else the first visible sheet (a renamed tab)."""
    if texts.TRACKER_SHEET_ACTIONS in workbook.sheetnames:
        return workbook[texts.TRACKER_SHEET_ACTIONS]
    visible = [s for s in workbook.worksheets if s.sheet_state == "visible"]
    return visible[0] if visible else None


_HEADER_WORDS = {
    Column.CLUSTER: ("cluster",),
    Column.NUMBER: ("n°", "no", "n", "numero", "num", "#"),
    Column.MEETING: ("reunion",),
    Column.ACTION: ("action", "description"),
    Column.OWNERS: ("responsable(s)", "responsable", "responsables"),
    Column.DEADLINE: ("echeance", "delai"),
    Column.STATUS: ("statut", "etat"),
    Column.LATE: ("retard (jours)", "retard"),
    Column.UPDATED: ("derniere mise a jour",),
    Column.COMMENT: ("dernier commentaire", "commentaire", "commentaires"),
}


def _header(sheet: Any) -> tuple[int, dict[Column, int]] | None:
    """The header's row and where each column is: columns may have been moved."""
    for number, values in enumerate(
        sheet.iter_rows(min_row=1, max_row=HEADER_SCAN, values_only=True), start=1
    ):
        columns: dict[Column, int] = {}
        for index, value in enumerate(values):
            folded = fold(str(value)) if value is not None else ""
            for column, words in _HEADER_WORDS.items():
                if folded in words and column not in columns:
                    columns[column] = index
        if {Column.NUMBER, Column.ACTION, Column.STATUS} <= columns.keys():
            return number, columns
    return None


def _cell(values: Sequence[object], columns: Mapping[Column, int], column: Column) -> object:
    index = columns.get(column)
    if index is None or index >= len(values):
        return None
    return values[index]


def _string(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if not isinstance(value, str) else value.strip()


def _returned_row(
    line: int, values: Sequence[object], columns: Mapping[Column, int]
) -> ReturnedRow | None:
    number = _cell(values, columns, Column.NUMBER)
    description = _string(_cell(values, columns, Column.ACTION))
    deadline = _cell(values, columns, Column.DEADLINE)
    status = _string(_cell(values, columns, Column.STATUS))
    comment = _string(_cell(values, columns, Column.COMMENT))
    owners = _string(_cell(values, columns, Column.OWNERS))
    if number is None and not (description or owners or status or comment or deadline):
        return None  # an empty row
    action_id: int | None = None
    number_text = _string(number)
    digits = number_text.lstrip("#nN°º ").strip()
    if isinstance(number, (int, float)) and float(number).is_integer() and number > 0:
        action_id = int(number)
    elif digits.isdecimal() and digits.isascii() and 0 < int(digits) < 2**31:
        action_id = int(digits)
    if isinstance(deadline, (int, float)) and not isinstance(deadline, bool):
        deadline = _string(deadline)
    if not isinstance(deadline, (date, datetime, str)):
        deadline = None
    if isinstance(deadline, str):
        deadline = deadline.strip() or None
    return ReturnedRow(
        line=line,
        action_id=action_id,
        number_text=number_text if action_id is None else "",
        cluster=_string(_cell(values, columns, Column.CLUSTER)),
        description=description,
        owners=owners,
        deadline=deadline,
        status=status,
        comment=comment,
    )
