"""A Word file (.docx) as a :class:`language.document.Document` (python-docx)."""

from __future__ import annotations

import io

import docx
from docx.document import Document as DocxDocument
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from language.document import Block, Cell, CorruptFile, Document, Paragraph, Table

_EMPTY = Cell("")
_HEADING_STYLES = ("heading", "titre", "title")


def read_docx(data: bytes) -> Document:
    document = _open(data)
    blocks: list[Block] = []
    try:
        for block in document.iter_inner_content():
            if isinstance(block, DocxParagraph):
                blocks.append(_paragraph(block))
            else:
                _add_table(block, blocks)
    except (ValueError, IndexError, KeyError, AttributeError, RecursionError) as exc:
        # python-docx met XML it does not expect, or tables nested beyond reason.
        raise CorruptFile(str(exc)) from exc
    return Document(tuple(blocks))


def _open(data: bytes) -> DocxDocument:
    try:
        return docx.Document(io.BytesIO(data))
    # python-docx reports a bad package with many exception types (KeyError for a missing
    # part, ValueError for a wrong content type, lxml's XMLSyntaxError, zlib.error, ...).
    except Exception as exc:
        raise CorruptFile(f"not a Word document: {exc}") from exc


def _paragraph(paragraph: DocxParagraph) -> Paragraph:
    style = ((paragraph.style.name if paragraph.style is not None else "") or "").casefold()
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    listed = numbered or style.startswith(("list", "liste")) or "bullet" in style
    return Paragraph(paragraph.text, heading=style.startswith(_HEADING_STYLES), bullet=listed)


def _add_table(table: DocxTable, blocks: list[Block]) -> None:
    """The table, then the tables nested in its cells (a layout table holding the minutes'
    real tables)."""
    rows, cells = _grid(table)
    blocks.append(Table(rows))
    for cell in cells:
        for inner in cell.tables:
            _add_table(inner, blocks)


def _cell_text(cell: _Cell) -> str:
    return "\n".join(paragraph.text.replace("\t", " ") for paragraph in cell.paragraphs)


def _grid(table: DocxTable) -> tuple[tuple[tuple[Cell, ...], ...], list[_Cell]]:
    """The layout grid of a table (one entry per grid column) and its distinct cells.

    Built from the XML in one pass: python-docx's ``row.cells`` looks every vertically merged
    cell up from the top again, which takes seconds on a long merged column.
    """
    grid: list[tuple[Cell, ...]] = []
    cells_in_order: list[_Cell] = []
    above: tuple[Cell, ...] = ()
    for tr in table._tbl.tr_lst:
        row: list[Cell] = [_EMPTY] * tr.grid_before
        for tc in tr.tc_lst:
            span = max(tc.grid_span, 1)
            column = len(row)
            root = above[column] if column < len(above) else _EMPTY
            if tc.vMerge == "continue" and root.key is not None:
                for offset in range(span):
                    row.append(Cell(root.text, offset > 0, spans_up=True, key=root.key))
                continue
            cell = _Cell(tc, table)
            cells_in_order.append(cell)
            text = _cell_text(cell)
            for offset in range(span):
                row.append(Cell(text, offset > 0, spans_up=False, key=tc))
        grid.append(tuple(row))
        above = grid[-1]
    return tuple(grid), cells_in_order
