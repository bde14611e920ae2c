"""Read the action tables and the next meeting out of minutes written in Word (.docx).

An action table is found by its header row (see :func:`language.tables.find_columns`):
a description-like cell (Description, Action(s), Point d'action(s), Recommandation(s)) with
a "Responsable" cell, the deadline being optional; or a "Recommandations / décisions" column
without owner column whose cells write the owners inline ("... Responsable : CCP"). The
header is looked for in the first rows of each table (a title row may come first); tables
without one (participants, agenda, statistics) are skipped, and tables nested in a cell are
looked at too.

Cells are read as the reader sees them:

- a cell's paragraphs (bullets, nested bullets) become the lines of the text;
- python-docx repeats a merged cell in every grid position it covers. A horizontally merged
  cell is read once, in its first column; a row made of one cell spanning the description
  and owner columns is a section title ("Divers") and is skipped. A vertically merged
  description is read once, on its first row; a vertically merged owner or deadline cell
  ("OCHA" once for three actions) applies to every row it spans, which is what it means;
- the next meeting is the last sentence, in a paragraph or a table cell, that starts with
  "La prochaine réunion" or says when it takes place ("aura lieu", "se tiendra", a date).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import docx
from docx.document import Document as DocxDocument
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from language.folding import fold
from language.tables import Columns, ParsedTable, find_columns, rows_from_cells

__all__ = ["CorruptDocx", "DocxError", "Minutes", "NotADocx", "read_minutes_docx"]


class DocxError(Exception):
    """The file cannot be read as minutes."""


class NotADocx(DocxError):
    """The bytes are not a zip, or a zip of another kind of document (Excel, OpenDocument)."""


class CorruptDocx(DocxError):
    """A zip, but python-docx cannot read it as a Word document."""


@dataclass(frozen=True)
class Minutes:
    tables: tuple[ParsedTable, ...]
    """Only the action tables, in document order, each with at least one row."""
    next_meeting: str | None
    """The sentence announcing the next meeting, as written, if present."""


# A .docx of 5 MB with pictures inflates to about as much; text inflates ten to twenty
# times. Beyond this, the archive is not minutes (or is a zip bomb).
_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Parts that say "this zip is another office document": an honest answer beats "corrupt".
_OTHER_OFFICE_PARTS = ("xl/workbook.xml", "ppt/presentation.xml", "mimetype")
_HEADER_SEARCH_ROWS = 3


def read_minutes_docx(data: bytes) -> Minutes:
    """The action tables and the next meeting sentence of a .docx; raises :class:`DocxError`."""
    document = _open(data)
    tables: list[ParsedTable] = []
    paragraphs: list[str] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                paragraphs.append(block.text)
            else:
                _read_table(block, tables, paragraphs)
    except (ValueError, IndexError, KeyError, AttributeError, RecursionError) as exc:
        # python-docx met XML it does not expect, or tables nested beyond reason.
        raise CorruptDocx(str(exc)) from exc
    return Minutes(tables=tuple(tables), next_meeting=_next_meeting(paragraphs))


def _open(data: bytes) -> DocxDocument:
    if not data.startswith(_ZIP_MAGICS):
        raise NotADocx("not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise CorruptDocx(f"unreadable zip: {exc}") from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names and any(part in names for part in _OTHER_OFFICE_PARTS):
        raise NotADocx("another kind of document")
    if sum(info.file_size for info in infos) > _MAX_UNZIPPED_BYTES:
        raise CorruptDocx("archive too large once unzipped")
    try:
        return docx.Document(io.BytesIO(data))
    # python-docx reports a bad package with many exception types (KeyError for a missing
    # part, ValueError for a wrong content type, lxml's XMLSyntaxError, zlib.error, ...).
    except Exception as exc:
        raise CorruptDocx(f"not a Word document: {exc}") from exc


# --- Tables ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _GridCell:
    text: str
    key: object  # the underlying <w:tc> element, shared by the grid positions it covers
    spans_left: bool  # continues the cell on its left (horizontal merge)
    spans_up: bool  # continues the cell above (vertical merge)


_EMPTY = _GridCell("", None, spans_left=False, spans_up=False)


def _cell_text(cell: _Cell) -> str:
    return "\n".join(paragraph.text.replace("\t", " ") for paragraph in cell.paragraphs)


def _grid(table: Table) -> tuple[list[list[_GridCell]], list[_Cell]]:
    """The layout grid of a table (one entry per grid column) and its distinct cells.

    Built from the XML in one pass: python-docx's ``row.cells`` looks every vertically merged
    cell up from the top again, which takes seconds on a long merged column.
    """
    grid: list[list[_GridCell]] = []
    cells_in_order: list[_Cell] = []
    above: list[_GridCell] = []
    for tr in table._tbl.tr_lst:
        row: list[_GridCell] = [_EMPTY] * tr.grid_before
        for tc in tr.tc_lst:
            span = max(tc.grid_span, 1)
            column = len(row)
            root = above[column] if column < len(above) else _EMPTY
            if tc.vMerge == "continue" and root.key is not None:
                for offset in range(span):
                    row.append(_GridCell(root.text, root.key, offset > 0, spans_up=True))
                continue
            cell = _Cell(tc, table)
            cells_in_order.append(cell)
            text = _cell_text(cell)
            for offset in range(span):
                row.append(_GridCell(text, tc, offset > 0, spans_up=False))
        grid.append(row)
        above = row
    return grid, cells_in_order


def _cells_for_header(row: list[_GridCell]) -> list[str]:
    return [cell.text if not cell.spans_left else "" for cell in row]


def _body_cells(row: list[_GridCell], columns: Columns) -> list[str] | None:
    """The texts of a body row, merged cells counted once; ``None`` for a section title."""
    shared = {columns.owners, columns.deadline}
    texts: list[str] = []
    for index, cell in enumerate(row):
        if cell.spans_left or (cell.spans_up and index not in shared):
            texts.append("")
        else:
            texts.append(cell.text)
    keys = {id(cell.key) for cell in row if cell.key is not None}
    if len(keys) == 1 and len(row) > 1:
        return None  # one cell across the whole row
    description = columns.description
    if columns.owners is not None and description < len(row) and columns.owners < len(row):
        low, high = sorted((description, columns.owners))
        if all(row[i].key is row[description].key for i in range(low, high + 1)):
            return None  # the description cell runs over the owner column: a title
    return texts


def _continues_description(row: list[_GridCell], columns: Columns) -> bool:
    return columns.description < len(row) and row[columns.description].spans_up


def _add_to_previous(previous: list[str], cells: list[str], columns: Columns) -> None:
    for index in (columns.owners, columns.deadline):
        if index is None or index >= len(cells) or not cells[index].strip():
            continue
        while len(previous) <= index:
            previous.append("")
        if cells[index] == previous[index]:
            continue  # the same merged owner cell, repeated
        if index == columns.deadline and previous[index].strip():
            continue  # one action, one deadline: the first one
        previous[index] = f"{previous[index]}\n{cells[index]}".strip()


def _parse_table(grid: list[list[_GridCell]]) -> ParsedTable | None:
    for index, row in enumerate(grid[:_HEADER_SEARCH_ROWS]):
        header = _cells_for_header(row)
        columns = find_columns(header)
        if columns is None:
            continue
        records: list[tuple[int, list[str]]] = []
        for number, body_row in enumerate(grid[index + 1 :], start=1):
            cells = _body_cells(body_row, columns)
            if cells is None:
                continue
            if records and _continues_description(body_row, columns):
                # One action over several rows, one owner per row: the owners add up.
                _add_to_previous(records[-1][1], cells, columns)
                continue
            records.append((number, cells))
        rows = rows_from_cells(columns, records)
        if columns.owners is None and not any(row.owners_text for row in rows):
            return None  # a "Description" or "Recommandations" column with no owner at all
        if not rows:
            return None
        return ParsedTable(tuple(rows), tuple(" ".join(text.split()) for text in header))
    return None


def _read_table(table: Table, tables: list[ParsedTable] | None, paragraphs: list[str]) -> None:
    """Add the table (or the action tables nested in it) and its paragraphs, in order.

    ``tables`` is ``None`` inside an action table: only its paragraphs are read then.
    """
    grid, cells = _grid(table)
    parsed = _parse_table(grid) if tables is not None else None
    if parsed is not None and tables is not None:
        tables.append(parsed)
    for cell in cells:
        for block in cell.iter_inner_content():
            if isinstance(block, Paragraph):
                paragraphs.append(block.text)
            else:
                _read_table(block, tables if parsed is None else None, paragraphs)


# --- Next meeting ------------------------------------------------------------------------

_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ])|\n+|\s*[•▪◦‣●■►➢]\s*")
_NEXT_MEETING_RE = re.compile(r"\bprochaine\s+(?:reunion|rencontre)\b")
_STARTS_WITH_IT_RE = re.compile(r"^\W*(?:la\s+)?prochaine\s+(?:reunion|rencontre)\b")
# "... la prochaine réunion aura lieu le ...", "date de la prochaine réunion : 2 mai".
_SCHEDULED_RE = re.compile(
    r"\bprochaine\s+(?:reunion|rencontre)\b[^.]{0,40}?(?:\b(?:aura lieu|se tiendra"
    r"|se deroulera|est prevue|prevue|est fixee|fixee|est programmee|programmee)\b"
    r"|\b(?:le|du)\s+\d|:)"
)


def _next_meeting(paragraphs: list[str]) -> str | None:
    found: str | None = None
    for paragraph in paragraphs:
        if "prochaine" not in paragraph.lower():
            continue
        for sentence in _SENTENCE_SPLIT_RE.split(paragraph):
            folded = fold(sentence)
            if not _NEXT_MEETING_RE.search(folded):
                continue
            # "Présenter X à la prochaine réunion" is an action, not the date of the meeting.
            if _STARTS_WITH_IT_RE.match(folded) or _SCHEDULED_RE.search(folded):
                found = " ".join(sentence.split())
    return found
