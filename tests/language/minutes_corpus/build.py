"""Build a corpus case as a coordinator receives it: a Word file, the text of the whole
document pasted from Word, or a PDF.

- ``to_docx``: python-docx, merged cells merged for real (``cell.merge``), headings and
  bullets in Word's styles, manual page breaks, header rows marked to repeat on each page;
- ``to_text``: what pasting the whole document from Word gives: a paragraph per line,
  a table row per line with its cells separated by tabs; a cell of several paragraphs
  spills onto the next lines as Word does, a horizontally merged cell is one cell (one tab
  fewer), a vertically merged one is empty below its first row, a page break is a form feed;
- ``to_pdf``: fpdf2, tables drawn as real tables (``pdf.table()``, borders and text in
  cells) so that pdfplumber finds them, in DejaVu Sans for the French and the bullets.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Row
from docx.table import _Cell
from fpdf import FPDF, FontFace

from tests.language.minutes_corpus.model import Case, Merge, PageBreak, Paragraph, Table

__all__ = ["FontMissing", "to_docx", "to_pdf", "to_text"]

_DOCX_STYLES = {"normal": None, "heading": "Heading 2", "bullet": "List Bullet"}
_BULLET = "• "


@dataclass(frozen=True)
class _Span:
    row: int
    column: int
    text: str
    width: int
    height: int


def _spans(table: Table) -> Iterator[_Span]:
    """Each cell that holds text, with how many grid positions right and down it covers."""
    rows = table.rows
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            if isinstance(cell, Merge):
                continue
            width = 1
            while c + width < len(row) and row[c + width] is Merge.LEFT:
                width += 1
            height = 1
            while (
                r + height < len(rows)
                and c < len(rows[r + height])
                and rows[r + height][c] is Merge.UP
            ):
                height += 1
            yield _Span(r, c, cell, width, height)


def _width(table: Table) -> int:
    return max(len(row) for row in table.rows)


# --- Word ---------------------------------------------------------------------------------


def _fill(cell: _Cell, text: str) -> None:
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for paragraph in cell.paragraphs[1:]:
        paragraph._element.getparent().remove(paragraph._element)
    first.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def _repeat_as_header(row_element: CT_Row) -> None:
    properties = row_element.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _add_docx_table(document: DocxDocument, table: Table) -> None:
    width = _width(table)
    word = document.add_table(rows=len(table.rows), cols=width)
    word.style = "Table Grid"
    for index in range(min(table.header_rows, len(table.rows))):
        _repeat_as_header(word.rows[index]._tr)
    spans = list(_spans(table))
    # Merges first, then the text, reading each row's cells once: Table.cell() rebuilds the
    # whole grid on every call, which takes seconds on a table of a few hundred rows.
    for span in spans:
        if span.width > 1 or span.height > 1:
            far = word.cell(span.row + span.height - 1, span.column + span.width - 1)
            word.cell(span.row, span.column).merge(far)
    by_row: dict[int, list[_Span]] = {}
    for span in spans:
        by_row.setdefault(span.row, []).append(span)
    for index, row in enumerate(word.rows):
        cells = row.cells
        for span in by_row.get(index, []):
            _fill(cells[span.column], span.text)


def to_docx(case: Case) -> bytes:
    document = docx.Document()
    for block in case.blocks:
        if isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Paragraph):
            document.add_paragraph(block.text, style=_DOCX_STYLES[block.style])
        else:
            _add_docx_table(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Pasted text --------------------------------------------------------------------------


def _text_row(row: list[str | Merge]) -> str:
    cells: list[str] = []
    for cell in row:
        if cell is Merge.LEFT:
            continue  # Word copies a merged cell once
        cells.append("" if isinstance(cell, Merge) else cell.replace("\t", " "))
    return "\t".join(cells)


def to_text(case: Case) -> str:
    lines: list[str] = []
    for block in case.blocks:
        if isinstance(block, PageBreak):
            lines.append("\x0c")
        elif isinstance(block, Paragraph):
            lines.append(_BULLET + block.text if block.style == "bullet" else block.text)
        else:
            lines.extend(_text_row(row) for row in block.rows)
    return "\n".join(lines) + "\n"


# --- PDF ----------------------------------------------------------------------------------

_FONT_DIRECTORIES = (
    Path(__file__).resolve().parents[2] / "fixtures" / "fonts",  # shipped: the same PDFs
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)


class FontMissing(RuntimeError):
    """No DejaVu Sans on this machine: the PDFs need a Unicode TrueType font."""


def _font(name: str) -> Path:
    for directory in _FONT_DIRECTORIES:
        path = directory / name
        if path.is_file():
            return path
    raise FontMissing(
        f"{name} not found in {', '.join(map(str, _FONT_DIRECTORIES))}: install the DejaVu "
        "fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core) to build the PDF cases"
    )


# Shaded, not bold: a bold face would have to be loaded too, doubling the build time.
_HEADINGS = FontFace(emphasis="", fill_color=(225, 225, 225))


def _column_weights(table: Table) -> tuple[float, ...]:
    """Wider columns for longer texts, as a writer sizes them in Word: rows stay short and
    no word is cut."""
    totals = [0] * _width(table)
    longest = [0] * _width(table)
    for span in _spans(table):
        totals[span.column] += len(span.text) // span.width
        words = span.text.split() or [""]
        longest[span.column] = max(longest[span.column], max(map(len, words)) // span.width)
    rows = max(len(table.rows), 1)
    return tuple(
        min(max(total / rows, 1.8 * word, 8.0), 80.0)
        for total, word in zip(totals, longest, strict=True)
    )


def _add_pdf_table(pdf: FPDF, table: Table) -> None:
    pdf.set_font("DejaVu", size=7)
    headings = min(table.header_rows, len(table.rows))
    spans: dict[int, list[_Span]] = {}
    for span in _spans(table):
        spans.setdefault(span.row, []).append(span)
    with pdf.table(
        first_row_as_headings=headings > 0,
        headings_style=_HEADINGS,
        num_heading_rows=max(headings, 1),
        repeat_headings=1,
        text_align="LEFT",
        line_height=3.5,
        width=pdf.epw,
        col_widths=_column_weights(table),
    ) as pdf_table:
        for r in range(len(table.rows)):
            row = pdf_table.row()
            for span in spans.get(r, []):
                row.cell(span.text, colspan=span.width, rowspan=span.height)
    pdf.ln(3)


def to_pdf(case: Case) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.add_page()
    for block in case.blocks:
        if isinstance(block, PageBreak):
            pdf.add_page()
        elif isinstance(block, Paragraph):
            # Headings by their size only, for the same reason.
            pdf.set_font("DejaVu", size=12 if block.style == "heading" else 9)
            text = _BULLET + block.text if block.style == "bullet" else block.text
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
        else:
            _add_pdf_table(pdf, block)
    return bytes(pdf.output())
