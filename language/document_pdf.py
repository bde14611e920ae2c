"""A PDF as a :class:`language.document.Document` (pdfplumber).

A PDF has no paragraphs nor tables, only characters at places. pdfplumber finds the tables
from their ruling lines; the text outside them is read line by line. Where a line ends is
where its writer ended it or where its text wrapped: the text wrapped there when the next
line's first word would not have fitted in the room left at the end of the line (up to the
cell's padded edge, or the text's right margin) and the next line starts no list item and is
not set apart by a blank. Lines that wrapped are joined by a space (by nothing after a
word's hyphen, "Jean-" "Luc"); a cell keeps a newline where its writer ended a line, and
lines outside tables are joined into paragraphs unless a line ends a sentence or was ended
by its writer. A table cut by a page break is one table: a table starting a page with the
width of the one that ended the page before continues it, its header row dropped when
repeated.

Each page is drawn once, by :mod:`language.pdf_layout` (pdfminer without pdfplumber's
objects for each character, read as pdfplumber reads them), and let go before the next.
"""

from __future__ import annotations

import io
import itertools
import logging
import math
import re
from collections.abc import Callable, Iterable, Sequence

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from language.document import Block, Cell, CorruptFile, Document, Paragraph, ScannedPdf, Table
from language.pdf_layout import Bbox, CellText, Line, PageLayout, read_page

# pdfminer reports every odd font of a PDF as a warning: not ours to hear.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A line that ends like this ends its paragraph; one that starts like this starts a new one,
# or a new line of its cell: a list item, its writer's.
_ENDS_RE = re.compile(r"[.:;!?]\s*$")
_STARTS_RE = re.compile(
    r"^\s*(?:[•▪◦‣●■►➢➤→✓♦◆○□·*\uf0a7\uf0b7\uf076\uf0d8-]|\d{1,2}[.)](?:\s|$)"
    r"|\(?[a-zA-Z]\)\s|\(\d{1,2}\)\s|[IVX]{1,4}[.)]\s)"
)
# Points by which a word must fit in the room left at the end of a line to be taken as one
# the writer could have put there: the widths read are the writer's, give or take rounding.
_FIT_SLACK = 0.5
# How far right of the text's left margin a line may start and still tell where its right
# margin is (a list item's indent does; a centred title, a page number on the right do not).
_MARGIN_INDENT = 40.0
# A paragraph's text this much taller than the page's body text: a title.
_HEADING_SIZE = 1.15


def read_pdf(data: bytes) -> Document:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            blocks: list[Block] = []
            for page in pdf.pages:
                _add_page(read_page(pdf.rsrcmgr, page), blocks)
    except (PDFSyntaxError, PdfminerException, ValueError, KeyError, TypeError) as exc:
        raise CorruptFile(f"not a readable PDF: {exc}") from exc
    if not any(
        (isinstance(b, Paragraph) and b.text.strip()) or isinstance(b, Table) for b in blocks
    ):
        raise ScannedPdf("no text: a scan")
    return Document(tuple(blocks))


def _add_page(page: PageLayout, blocks: list[Block]) -> None:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    # The text outside the tables, above, between and below them, in reading order.
    limits = [page.bbox[1]]
    for table in tables:
        limits += [table.bbox[1], table.bbox[3]]
    limits.append(page.bbox[3])
    bands = [
        page.lines(top, bottom) if bottom - top >= 1 else []
        for top, bottom in zip(limits[::2], limits[1::2], strict=True)
    ]
    right = _right_margin(bands, page.bbox)
    body = _body_size([line for band in bands for line in band])
    for number, table in enumerate(tables):
        above = _add_text(bands[number], right, body, blocks)
        _add_table(_cell_texts(page.cells(table)), blocks, first_on_page=number == 0 and not above)
    _add_text(bands[-1], right, body, blocks)


def _body_size(lines: list[Line]) -> float:
    """The height of most of the page's text outside tables: its body's."""
    sizes: dict[float, int] = {}
    for line in lines:
        size = round(line.bottom - line.top, 1)
        sizes[size] = sizes.get(size, 0) + len(line.text)
    return max(sizes, key=sizes.__getitem__, default=0.0)


def _right_margin(bands: list[list[Line]], page: Bbox) -> float:
    """The right margin of the page's text outside tables: as far from the page's edge as
    its left margin, but no further right than its lines' ends allow (a line is never longer,
    and a line the text goes on from in lower case is one whose next word would have made it
    longer), nor short of its longest line (of those that start at the left margin or a
    list's indent from it: not a centred title, not a page number on the right)."""
    lines = [line for band in bands for line in band]
    if not lines:
        return 0.0
    left = min(line.x0 for line in lines)
    longest = max(line.x1 for line in lines if line.x0 <= left + _MARGIN_INDENT)
    most = min(
        (
            before.x1 + (before.space or 0.25 * (before.bottom - before.top)) + after.word
            for band in bands
            for before, after in itertools.pairwise(band)
            if before.x0 <= left + _MARGIN_INDENT
            and after.text[:1].islower()
            and not _ENDS_RE.search(before.text)
            and not _STARTS_RE.match(after.text)
        ),
        default=math.inf,
    )
    return max(longest, min(page[2] - (left - page[0]), most))


def _add_text(band: list[Line], right: float, body: float, blocks: list[Block]) -> bool:
    """Adds the paragraphs of these lines of a band of the page; whether it had any text."""
    lines = [line._replace(text=" ".join(line.text.split())) for line in band]
    lines = [line for line in lines if line.text]
    if not lines:
        return False
    joints = _joints(lines, lambda line: right - line.x1)
    paragraph = [lines[0]]
    for (before, line), joint in zip(itertools.pairwise(lines), joints, strict=True):
        if _ENDS_RE.search(before.text) or joint == "\n":
            blocks.append(_paragraph(paragraph, body))
            paragraph = [line]
        else:
            paragraph.append(line._replace(text=joint + line.text))
    blocks.append(_paragraph(paragraph, body))
    return True


def _paragraph(lines: list[Line], body: float) -> Paragraph:
    """A paragraph of these lines (each after the first starting with what joins it to the
    one before); a heading when it is a line or two of a size above the body's, not ending
    as a sentence or a list's item does."""
    text = "".join(line.text for line in lines)
    heading = (
        len(lines) <= 2
        and all(line.bottom - line.top > body * _HEADING_SIZE for line in lines)
        and not text.endswith((".", ",", ";"))
    )
    return Paragraph(text, heading=heading)


def _add_table(rows: list[list[str | None]], blocks: list[Block], *, first_on_page: bool) -> None:
    if not rows:
        return
    grid = _fill_down(tuple(_row(row) for row in rows))
    previous = blocks[-1] if blocks else None
    if first_on_page and isinstance(previous, Table) and previous.width == len(grid[0]):
        # Continued from the page before: its header row, if repeated, goes.
        body = grid[1:] if _same_row(grid[0], previous.rows[0]) else grid
        blocks[-1] = Table(previous.rows + body)
        return
    blocks.append(Table(grid))


def _cell_texts(rows: list[list[CellText | None]]) -> list[list[str | None]]:
    """The cells' texts, a newline where the writer ended a line, not where it wrapped."""
    pad = _padding(cell for row in rows for cell in row if cell is not None)
    return [[None if cell is None else _cell_text(cell, pad) for cell in row] for row in rows]


def _padding(cells: Iterable[CellText]) -> float:
    """The space between a table's ruling lines and its text, on either side (as Word and
    fpdf2 pad cells): the least, over its lines, of the space on their left or right."""
    insets = [
        inset
        for cell in cells
        for line in cell.lines
        for inset in (line.x0 - cell.bbox[0], cell.bbox[2] - line.x1)
        if inset >= 0
    ]
    return min(insets, default=0.0)


def _cell_text(cell: CellText, pad: float) -> str:
    """A cell's lines joined where the text wrapped: where the next line's first word would
    not have fitted at the end of the line, within the cell's padded box, and the next line
    starts no list item nor paragraph. A wrap is a space, or nothing after a word's hyphen or
    inside a word too long for the cell, cut anywhere."""
    lines = cell.lines
    if len(lines) < 2 or not cell.upright:
        return cell.text
    left, _, right, _ = cell.bbox
    room = _room_function(lines, left + pad, right - pad)
    text = lines[0].text
    for line, joint in zip(lines[1:], _joints(lines, room), strict=True):
        text += joint + line.text
    return text


def _joints(lines: Sequence[Line], room: Callable[[Line], float]) -> list[str]:
    """What stands between each line and the next: a newline where the writer ended the
    line, a space (or nothing) where it wrapped; room tells the room left at a line's end."""
    gaps = [after.top - before.bottom for before, after in itertools.pairwise(lines)]
    least = min(gaps, default=0.0)
    known_space = next((line.space for line in lines if line.space), None)
    joints: list[str] = []
    for (before, after), gap in zip(itertools.pairwise(lines), gaps, strict=True):
        height = before.bottom - before.top
        if gap > least + 0.5 * height or gap > height or _STARTS_RE.match(after.text):
            joints.append("\n")  # a paragraph's spacing, a blank line, a list item
        else:
            space = before.space or known_space or 0.25 * height
            joints.append(_joint(before, after, room(before) - _FIT_SLACK, space))
    return joints


def _room_function(lines: Sequence[Line], start: float, end: float) -> Callable[[Line], float]:
    """How the room left at the end of a line is measured, as the cell's text is aligned:
    on the right (left-aligned, the default), on both sides (centred), on the left."""
    lefts = [line.x0 for line in lines]
    rights = [line.x1 for line in lines]
    if max(lefts) - min(lefts) > 1:
        if max(rights) - min(rights) <= 1:
            return lambda line: line.x0 - start
        centres = [(line.x0 + line.x1) / 2 for line in lines]
        if max(centres) - min(centres) <= 1:
            return lambda line: end - start - (line.x1 - line.x0)
    return lambda line: end - line.x1


def _joint(before: Line, after: Line, room: float, space: float) -> str:
    """What stands between two lines: a newline unless the second's first word would not
    have fitted in the room left at the end of the first."""
    last = before.text.rsplit(" ", 1)[-1]
    following = after.text[:1]
    if len(last) > 1 and last[-1] == "-" and last[-2].isalpha() and following.isalpha():
        # A word's hyphen ends the line ("Jean-" "Luc"): no space needed before the rest.
        return "" if room < after.word else "\n"
    if room >= after.word + space:
        return "\n"
    if (
        last == before.text
        and last[-1:].isalpha()
        and following.isalpha()
        and following.islower()
        and room < after.char
    ):
        # A word alone on its line and filling it, cut where the cell ended ("Responsabl"
        # "e"): not even its next character fitted.
        return ""
    return " "


def _row(row: list[str | None]) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    # One cell and nothing else: a title across the row ("Points d'action du 10 juillet").
    across = row[0] is not None and all(text is None for text in row[1:])
    for index, text in enumerate(row):
        if text is None:
            # Covered by a merged cell: the one on its left when there is one in this row.
            left = across or (index > 0 and row[index - 1] is not None)
            cells.append(Cell("", spans_left=left, spans_up=not left))
        else:
            cells.append(Cell(text, key=object()))
    return tuple(cells)


def _fill_down(grid: tuple[tuple[Cell, ...], ...]) -> tuple[tuple[Cell, ...], ...]:
    """A cell merged down shows its text in each row it covers, as python-docx does."""
    rows: list[tuple[Cell, ...]] = []
    for row in grid:
        above = rows[-1] if rows else ()
        rows.append(
            tuple(
                Cell(above[i].text, spans_up=True, key=above[i].key)
                if cell.spans_up and i < len(above)
                else cell
                for i, cell in enumerate(row)
            )
        )
    return tuple(rows)


def _same_row(first: tuple[Cell, ...], second: tuple[Cell, ...]) -> bool:
    return [" ".join(c.text.split()) for c in first] == [" ".join(c.text.split()) for c in second]
