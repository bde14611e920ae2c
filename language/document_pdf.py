"""A PDF as a :class:`language.document.Document` (pdfplumber).

A PDF has no paragraphs nor tables, only characters at places. pdfplumber finds the tables
from their ruling lines; the text outside them is read line by line, and lines are joined
into paragraphs unless a line ends a sentence or the next one starts a list item. A table
cut by a page break is one table: a table starting a page with the width of the one that
ended the page before continues it, its header row dropped when repeated.

Each page is drawn once, by :mod:`language.pdf_layout` (pdfminer without pdfplumber's
objects for each character, read as pdfplumber reads them), and let go before the next.
"""

from __future__ import annotations

import io
import logging
import re

import pdfplumber
from pdfminer.pdfparser import PDFSyntaxError
from pdfplumber.utils.exceptions import PdfminerException

from language.document import Block, Cell, CorruptFile, Document, Paragraph, ScannedPdf, Table
from language.pdf_layout import PageLayout, read_page

# pdfminer reports every odd font of a PDF as a warning: not ours to hear.
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# A line that ends like this ends its paragraph; one that starts like this starts a new one.
_ENDS_RE = re.compile(r"[.:;!?]\s*$")
_STARTS_RE = re.compile(r"^\s*(?:[•▪◦‣●■►➢*-]|\d{1,2}[.)]\s|[IVX]{1,4}[.)]\s)")


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
    top = page.bbox[1]
    for number, table in enumerate(tables):
        above = _add_text(page, top, table.bbox[1], blocks)
        _add_table(page.extract(table), blocks, first_on_page=number == 0 and not above)
        top = table.bbox[3]
    _add_text(page, top, page.bbox[3], blocks)


def _add_text(page: PageLayout, top: float, bottom: float, blocks: list[Block]) -> bool:
    """Adds the paragraphs of the band from top to bottom; whether it had any text."""
    if bottom - top < 1:
        return False
    current: list[str] = []
    found = False
    for raw in page.text(top, bottom).split("\n"):
        line = " ".join(raw.split())
        if not line:
            continue
        found = True
        if current and _STARTS_RE.match(line):
            blocks.append(Paragraph(" ".join(current)))
            current = []
        current.append(line)
        if _ENDS_RE.search(line):
            blocks.append(Paragraph(" ".join(current)))
            current = []
    if current:
        blocks.append(Paragraph(" ".join(current)))
    return found


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


def _row(row: list[str | None]) -> tuple[Cell, ...]:
    cells: list[Cell] = []
    for index, text in enumerate(row):
        if text is None:
            # Covered by a merged cell: the one on its left when there is one in this row.
            left = index > 0 and row[index - 1] is not None
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
