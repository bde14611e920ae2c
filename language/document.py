"""Minutes as a sequence of paragraphs and tables, whatever file or paste they came as.

Three readers build the same :class:`Document`, so one reading of the minutes serves all:

- a Word file (.docx, python-docx): paragraphs and tables in order, tables nested in a cell
  after the table holding them; a merged cell is kept as python-docx lays it out (repeated
  in each grid position it covers, marked as continuing the cell on its left or above);
- text pasted from Word, Excel or an e-mail: a line with tabs is a table row (a cell of
  several paragraphs spills onto the next lines, as Word copies it, and is glued back until
  the row has its width); ``|`` tables; other lines are paragraphs; a form feed is a page;
- a PDF (pdfplumber): each page's tables (merged cells come as empty positions) and the
  text around them, its lines joined into paragraphs; a table that goes on over a page
  break is one table, its repeated header row dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from language.headers import header_role

__all__ = [
    "Cell",
    "CorruptFile",
    "Document",
    "FileError",
    "NotADocx",
    "NotAPdf",
    "Paragraph",
    "ScannedPdf",
    "Table",
    "from_docx",
    "from_pdf",
    "from_text",
]


class FileError(Exception):
    """The file cannot be read as minutes."""


class NotADocx(FileError):
    """Not a Word document: not a zip, or a zip of another kind (Excel, OpenDocument)."""


class NotAPdf(FileError):
    """Not a PDF at all."""


class CorruptFile(FileError):
    """A Word or PDF file that its library cannot read (damaged, truncated)."""


class ScannedPdf(FileError):
    """A PDF of images: no text to read (a scan)."""


@dataclass(frozen=True)
class Cell:
    text: str  # paragraphs joined with "\n"
    spans_left: bool = False  # continues the cell on its left (horizontal merge)
    spans_up: bool = False  # continues the cell above (vertical merge): text repeated
    key: object = None  # the same object for every grid position one merged cell covers


@dataclass(frozen=True)
class Table:
    rows: tuple[tuple[Cell, ...], ...]

    @property
    def width(self) -> int:
        return max((len(row) for row in self.rows), default=0)


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False
    bullet: bool = False  # a list item (Word's list styles, or a leading bullet)


Block = Paragraph | Table


@dataclass(frozen=True)
class Document:
    blocks: tuple[Block, ...]

    @property
    def paragraphs(self) -> Iterator[Paragraph]:
        return (b for b in self.blocks if isinstance(b, Paragraph))

    @property
    def tables(self) -> Iterator[Table]:
        return (b for b in self.blocks if isinstance(b, Table))


# --- Text ----------------------------------------------------------------------------------

_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\x0c\u2029\x85", "\n"))
# A line break inside a cell: Word's manual break (a vertical tab), Unicode's line
# separator, a new line inside an Excel-quoted cell. Kept apart from the lines of the text
# until the cells are split, then a new line of the cell.
_IN_CELL = "\u2063"
_IN_CELL_BREAKS = str.maketrans(dict.fromkeys("\x0b\u2028", _IN_CELL))
# An Excel cell holding a line break, a tab or a quote is quoted, its quotes doubled.
_QUOTED_FIELD_RE = re.compile(r'(?:(?<=\t)|(?<=\n)|^)"((?:[^"]|"")*)"(?=\t|\n|$)', re.DOTALL)
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_RULE_ROW_RE = re.compile(r"^[\s|:+=-]*[-=][\s|:+=-]*$")
_BULLET_RE = re.compile(r"^(?:[-•▪◦‣●■►➢·*]|\d{1,2}[.)])\s")
_TITLE_RE = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})[.)-]\s+\S")


def normalise_text(text: str) -> str:
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS).translate(_IN_CELL_BREAKS)
    text = _QUOTED_FIELD_RE.sub(_keep_quoted_lines, text)
    text = _INVISIBLE_RE.sub("", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _keep_quoted_lines(match: re.Match[str]) -> str:
    if "\n" not in match.group(1) or "\t" in match.group(1).split("\n", 1)[0]:
        return match.group()
    return match.group().replace("\n", _IN_CELL)


def _text_lines(text: str) -> list[str]:
    """The lines of the text; a line break inside a cell stays in its line of cells, and
    outside a table it is a line of its own."""
    lines: list[str] = []
    for line in normalise_text(text).split("\n"):
        lines.extend([line] if "\t" in line else line.split(_IN_CELL))
    return lines


def from_text(text: str) -> Document:
    """Paragraphs and tables of a pasted text."""
    lines = _text_lines(text)
    blocks: list[Block] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if "\t" in line:
            table, index = _tab_block(lines, index)
            blocks.append(table)
        elif (_is_pipe_row(line) or _RULE_ROW_RE.match(line)) and _pipe_rows_from(lines, index):
            end = _pipe_rows_from(lines, index)
            blocks.append(_pipe_table(lines[index:end]))
            index = end
        else:
            if line.strip():
                text = " ".join(line.split())
                blocks.append(Paragraph(text, bullet=bool(_BULLET_RE.match(text))))
            index += 1
    return Document(tuple(b for b in blocks if not isinstance(b, Table) or b.rows))


def _pipe_rows_from(lines: Sequence[str], start: int) -> int:
    """The line after the pipe table starting at `start` (two rows at least), or 0. Rule
    lines ("|---|", "+-----+") and blank lines between its rows are part of it."""
    rows, end, index = 0, start, start
    while index < len(lines):
        line = lines[index]
        if _is_pipe_row(line) and not _RULE_ROW_RE.match(line):
            rows += 1
            end = index + 1
        elif line.strip() and not _RULE_ROW_RE.match(line):
            break
        elif _RULE_ROW_RE.match(line) and rows:
            end = index + 1
        index += 1
    return end if rows >= 2 else 0


def _is_pipe_row(line: str) -> bool:
    return line.count("|") >= 2 or (line.count("|") == 1 and not line.strip().startswith("|"))


def _tab_block(lines: Sequence[str], start: int) -> tuple[Table, int]:
    """The table whose first row is on line `start` (its width), and the line after it.

    A row is a line with all its cells, or a line with fewer followed by the lines that
    complete it exactly (cells of several paragraphs). Lines without a tab after a row are
    the rest of its last cell when another row follows; otherwise the table has ended, as it
    has at a line that cannot start a row of this width (another table)."""
    # The widest of the first consecutive rows: a header may merge two cells into one.
    width = max(line.count("\t") + 1 for line in _consecutive_tab_lines(lines, start))
    rows: list[list[str]] = []
    index = start
    opening: list[str] = []  # a first cell's paragraphs copied before its row's first tab
    while index < len(lines):
        end = _row_end(lines, index, width)
        if end is None:
            break
        rows.append(_merge_row(lines[index:end]))
        if opening:
            rows[-1][0] = "\n".join([*opening, rows[-1][0]])
            opening = []
        index = end
        spill = index
        while spill < len(lines) and "\t" not in lines[spill]:
            spill += 1
        if (
            spill > index
            and _row_end(lines, spill, width) is not None
            and not _is_header_line(lines[spill])
        ):
            if len(rows) == 1 and _is_header_line(lines[start]):
                # A header's titles are short: these lines open the first row's cell.
                opening = [line for line in lines[index:spill] if line.strip()]
            elif rows[-1][-1].strip() and not _TITLE_RE.match(lines[index]):
                rows[-1][-1] = "\n".join([rows[-1][-1], *lines[index:spill]])
            # else a section title of the table
            index = spill
    if rows and len(rows[0]) < width:
        # A header cell merged over two columns is copied once: the last header cell is
        # the last column's.
        rows[0] = [*rows[0][:-1], *[""] * (width - len(rows[0])), rows[0][-1]]
    return _table([[_unquote(cell) for cell in row] for row in rows]), index


def _row_end(lines: Sequence[str], index: int, width: int) -> int | None:
    """The line after the row starting on line `index`, if one of this width starts there."""
    if index >= len(lines) or "\t" not in lines[index]:
        return None
    cells = lines[index].count("\t") + 1
    end = index + 1
    while cells < width and end < len(lines) and lines[end].strip():
        if lines[end].count("\t") + 1 == width:
            return end  # a row with merged cells, then a full row
        cells += lines[end].count("\t")
        end += 1
    return end if cells == width or (cells < width and end == index + 1) else None


def _is_header_line(line: str) -> bool:
    """A row of column titles starts another table, whatever text comes before it."""
    return sum(header_role(cell) is not None for cell in line.split("\t")) >= 2


def _consecutive_tab_lines(lines: Sequence[str], start: int, most: int = 3) -> list[str]:
    found = []
    for line in lines[start : start + most]:
        if "\t" not in line:
            break
        found.append(line)
    return found


def _merge_row(lines: Sequence[str]) -> list[str]:
    cells = lines[0].split("\t")
    for line in lines[1:]:
        parts = line.split("\t")
        cells[-1] = f"{cells[-1]}\n{parts[0]}"
        cells.extend(parts[1:])
    return cells


def _unquote(cell: str) -> str:
    """Excel quotes a cell holding a tab, a quote or a line break."""
    if len(cell) >= 2 and cell.startswith('"') and cell.endswith('"'):
        cell = cell[1:-1].replace('""', '"')
    return cell.replace(_IN_CELL, "\n")


def _pipe_table(lines: Sequence[str]) -> Table:
    rows: list[list[str]] = []
    for raw in lines:
        if _RULE_ROW_RE.match(raw) or not raw.strip():
            continue
        line = raw.strip()
        if line.startswith("|"):
            # "| a | b |": the outer pipes frame the row. Without a leading pipe, a trailing
            # one closes an empty last cell ("a | b |").
            line = line[1:].removesuffix("|")
        rows.append([cell.replace("<br>", "\n").strip() for cell in line.split("|")])
    return _table(rows)


def _table(rows: Sequence[Sequence[str]]) -> Table:
    return Table(tuple(tuple(Cell(text, key=object()) for text in row) for row in rows if row))


# --- Word ----------------------------------------------------------------------------------

# A .docx of 5 MB with pictures inflates to about as much; text inflates ten to twenty
# times. Beyond this, the archive is not minutes (or is a zip bomb).
_MAX_UNZIPPED_BYTES = 100 * 1024 * 1024
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06")
# Parts that say "this zip is another office document": an honest answer beats "corrupt".
_OTHER_OFFICE_PARTS = ("xl/workbook.xml", "ppt/presentation.xml", "mimetype")


def from_docx(data: bytes) -> Document:
    """Raises NotADocx or CorruptFile."""
    from language.document_docx import read_docx  # python-docx loads in ~0.1 s: on demand

    if not data.startswith(_ZIP_MAGICS):
        raise NotADocx("not a zip archive")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise CorruptFile(f"unreadable zip: {exc}") from exc
    names = {info.filename for info in infos}
    if "word/document.xml" not in names and any(part in names for part in _OTHER_OFFICE_PARTS):
        raise NotADocx("another kind of document")
    if sum(info.file_size for info in infos) > _MAX_UNZIPPED_BYTES:
        raise CorruptFile("archive too large once unzipped")
    return read_docx(data)


# --- PDF -----------------------------------------------------------------------------------


def from_pdf(data: bytes) -> Document:
    """Raises NotAPdf, CorruptFile or ScannedPdf."""
    from language.document_pdf import read_pdf  # pdfplumber loads in ~0.3 s: on demand

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise NotAPdf("no PDF header")
    return read_pdf(data)
