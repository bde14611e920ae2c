"""The characters and ruling lines of a PDF page, read fast, and read as pdfplumber reads
them.

pdfplumber makes of every character pdfminer draws an ``LTChar``, then a dictionary of some
twenty attributes (colours, graphic state, matrix): most of the time of a page full of
text, for a reader that wants each character's text and box only. Here a pdfminer device
records each character as a tuple while the page is interpreted (a font's glyphs looked up
once), each line, rectangle and curve as the dictionary pdfplumber's table finder reads, and
no image: pdfminer's own arithmetic, inlined, so that the boxes come out the same.

What pdfplumber does with them is done the same way, with its default settings: its table
finder (ruling lines; its cells found with fewer look-ups); the text of a band of the page as
``page.crop(bbox).extract_text()`` (characters overlapping the band, clipped to it) and of a
table cell as ``Table.extract()`` (characters whose centre is in the cell): characters
clustered into lines by their top (3 points), sorted left to right, cut into words at spaces
and gaps (3 points), words joined by a space and lines by a newline. Each line comes with
where it lies (its box, the width of its first word and of a space): for the reader to tell
the line its writer ended from the one whose text wrapped.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import itemgetter
from typing import Any, Final, NamedTuple, TypeVar, cast

from pdfminer.converter import PDFLayoutAnalyzer
from pdfminer.layout import LTChar
from pdfminer.pdfcolor import PDFColorSpace
from pdfminer.pdffont import PDFFont, PDFUnicodeNotDefined
from pdfminer.pdfinterp import (
    PDFGraphicState,
    PDFPageInterpreter,
    PDFResourceManager,
    PDFTextState,
)
from pdfminer.pdftypes import PDFStream
from pdfminer.utils import (
    Matrix,
    PathSegment,
    Point,
    apply_matrix_rect,
    get_bound,
    mult_matrix,
)
from pdfplumber.page import Page
from pdfplumber.table import (
    Table,
    TableFinder,
    TableSettings,
    cells_to_tables,
    edges_to_intersections,
)
from pdfplumber.utils.exceptions import PdfminerException
from pdfplumber.utils.geometry import curve_to_edges, line_to_edge, obj_to_bbox, rect_to_edges
from pdfplumber.utils.text import LIGATURES

Bbox = tuple[float, float, float, float]  # x0, top, x1, bottom: pdfplumber's, top down
# A character: x0, top, x1, bottom, text, upright (not rotated).
Char = tuple[float, float, float, float, str, bool]
X0: Final = 0
TOP: Final = 1
X1: Final = 2
BOTTOM: Final = 3
TEXT: Final = 4
UPRIGHT: Final = 5

# pdfplumber's defaults, for words (x) and lines (y).
X_TOLERANCE = 3.0
Y_TOLERANCE = 3.0

_T = TypeVar("_T")


class PageLayout:
    """A page's characters (in drawing order, as pdfplumber's ``page.chars``) and edges (as
    its ``page.edges``), with pdfplumber's reading of them."""

    def __init__(self, bbox: Bbox, chars: list[Char], edges: list[dict[str, Any]]) -> None:
        self.bbox = bbox
        self.chars = chars
        self.edges = edges
        # The characters by top (for bands), by the height of their centre (for cells).
        self._by_top: tuple[list[float], list[int], float] | None = None
        self._by_middle: tuple[list[float], list[int]] | None = None

    def find_tables(self) -> list[Table]:
        """pdfplumber's ``page.find_tables()`` with its default settings (ruling lines)."""
        return _TableFinder(_EdgesOnly(self.edges, self.bbox)).tables

    def text(self, top: float, bottom: float) -> str:
        """``page.crop((x0, top, x1, bottom)).extract_text()``: a band across the page, its
        characters those that overlap it, clipped to it."""
        return "\n".join(line.text for line in self.lines(top, bottom))

    def lines(self, top: float, bottom: float) -> list[Line]:
        """The lines of :meth:`text`, with where they lie."""
        if self._by_top is None:
            order = sorted(range(len(self.chars)), key=lambda i: self.chars[i][TOP])
            tallest = max((c[BOTTOM] - c[TOP] for c in self.chars), default=0.0)
            self._by_top = ([self.chars[i][TOP] for i in order], order, tallest)
        tops, order, tallest = self._by_top
        # Only a character whose top is at most its height above the band can overlap it.
        first = bisect.bisect_left(tops, top - tallest - 1)
        last = bisect.bisect_right(tops, bottom)
        x0, _, x1, _ = self.bbox
        clipped: list[Char] = []
        for index in sorted(order[first:last]):
            char = self.chars[index]
            left = max(char[X0], x0)
            right = min(char[X1], x1)
            high = max(char[TOP], top)
            low = min(char[BOTTOM], bottom)
            width = right - left
            height = low - high
            if width >= 0 and height >= 0 and width + height > 0:
                if (
                    left == char[X0]
                    and right == char[X1]
                    and high == char[TOP]
                    and low == char[BOTTOM]
                ):
                    clipped.append(char)
                else:
                    clipped.append((left, high, right, low, char[TEXT], char[UPRIGHT]))
        return _page_lines(clipped)

    def extract(self, table: Table) -> list[list[str | None]]:
        """``table.extract()``: each cell's text, None where a merged cell covers it; a
        cell's characters those whose centre is in it."""
        return [[None if cell is None else cell.text for cell in row] for row in self.cells(table)]

    def cells(self, table: Table) -> list[list[CellText | None]]:
        """Each cell's lines as ``table.extract()`` reads them, with where they lie; None
        where a merged cell covers it."""
        chars = self.chars
        if self._by_middle is None:
            middle = [(c[TOP] + c[BOTTOM]) / 2 for c in chars]
            order = sorted(range(len(chars)), key=middle.__getitem__)
            self._by_middle = [middle[i] for i in order], order
        middles, order = self._by_middle
        # The characters of a row's height, by the abscissa of their centre.
        bands: dict[tuple[float, float], tuple[list[float], list[int]]] = {}
        rows: list[list[CellText | None]] = []
        for row in table.rows:
            cells: list[CellText | None] = []
            for cell in row.cells:
                if cell is None:
                    cells.append(None)
                    continue
                left, high, right, low = cell
                band = bands.get((high, low))
                if band is None:
                    first = bisect.bisect_left(middles, high)
                    last = bisect.bisect_left(middles, low)
                    across = sorted(
                        ((chars[i][X0] + chars[i][X1]) / 2, i) for i in order[first:last]
                    )
                    band = bands[high, low] = [h for h, _ in across], [i for _, i in across]
                centres, indexes = band
                found = indexes[
                    bisect.bisect_left(centres, left) : bisect.bisect_left(centres, right)
                ]
                cells.append(_cell_text(cell, [chars[i] for i in sorted(found)]))
            rows.append(cells)
        return rows


class Line(NamedTuple):
    """A line of text (of a band of the page, of a cell), as pdfplumber reads it (its words
    joined by a space), and where it lies: what tells a line its writer ended from one
    whose text wrapped."""

    text: str
    x0: float  # the left of its words
    x1: float  # the right of its words
    top: float
    bottom: float
    word: float  # the width of its first word
    char: float  # the width of its first character
    space: float | None  # the width of a space in it, when it has one


class CellText(NamedTuple):
    """A table cell's lines, top to bottom."""

    bbox: Bbox
    lines: tuple[Line, ...]
    upright: bool  # no rotated character: its lines are lines across

    @property
    def text(self) -> str:
        """The cell's text as ``table.extract()`` has it: a newline between its lines."""
        return "\n".join(line.text for line in self.lines)


class _EdgesOnly:
    """What pdfplumber's TableFinder reads of a page, for the "lines" strategies."""

    def __init__(self, edges: list[dict[str, Any]], bbox: Bbox) -> None:
        self.edges = edges
        self.bbox = bbox


class _TableFinder(TableFinder):
    """pdfplumber's TableFinder, its cells found faster (the same cells)."""

    def __init__(self, page: _EdgesOnly) -> None:
        self.page = page  # type: ignore[assignment]  # all get_edges reads of a Page
        self.settings = TableSettings.resolve(None)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges,
            self.settings.intersection_x_tolerance,
            self.settings.intersection_y_tolerance,
        )
        self.cells = _intersections_to_cells(self.intersections)
        self.tables = [Table(self.page, cells) for cells in cells_to_tables(self.cells)]


def _intersections_to_cells(intersections: dict[Point, dict[str, list[Any]]]) -> list[Bbox]:
    """pdfplumber's intersections_to_cells: for each intersection, in order, the smallest
    cell it is the top left corner of, its four sides drawn. Each intersection's edges and
    the intersections below it and right of it looked up once, not once per candidate."""
    vertical = {p: {obj_to_bbox(e) for e in found["v"]} for p, found in intersections.items()}
    horizontal = {p: {obj_to_bbox(e) for e in found["h"]} for p, found in intersections.items()}

    def connects(p1: Point, p2: Point) -> bool:
        return (p1[0] == p2[0] and not vertical[p1].isdisjoint(vertical[p2])) or (
            p1[1] == p2[1] and not horizontal[p1].isdisjoint(horizontal[p2])
        )

    points = sorted(intersections)
    columns: dict[float, list[Point]] = {}
    rows: dict[float, list[Point]] = {}
    for point in points:  # each column top down, each row left to right
        columns.setdefault(point[0], []).append(point)
        rows.setdefault(point[1], []).append(point)
    cells: list[Bbox] = []
    for point in points:
        column, row = columns[point[0]], rows[point[1]]
        below = column[column.index(point) + 1 :]
        right = row[row.index(point) + 1 :]
        cell = next(
            (
                (point[0], point[1], right_pt[0], below_pt[1])
                for below_pt in below
                if connects(point, below_pt)
                for right_pt in right
                if connects(point, right_pt)
                and (right_pt[0], below_pt[1]) in intersections
                and connects((right_pt[0], below_pt[1]), right_pt)
                and connects((right_pt[0], below_pt[1]), below_pt)
            ),
            None,
        )
        if cell is not None:
            cells.append(cell)
    return cells


def read_page(rsrcmgr: PDFResourceManager, page: Page) -> PageLayout:
    """The page's characters and edges; PdfminerException if pdfminer cannot draw it."""
    device = _Device(rsrcmgr, page)
    try:
        PDFPageInterpreter(rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:  # as pdfplumber's page.layout: any failure is pdfminer's
        raise PdfminerException(exc) from exc
    edges = [line_to_edge(line) for line in device.lines]
    edges += itertools.chain.from_iterable(rect_to_edges(rect) for rect in device.rects)
    edges += itertools.chain.from_iterable(curve_to_edges(curve) for curve in device.curves)
    return PageLayout(page.bbox, device.chars, edges)


_SUBPATH_RE = re.compile(r"m[^m]+")


class _Device(PDFLayoutAnalyzer):
    """Records characters as tuples and paths as pdfplumber's lines, rects and curves, in
    pdfplumber's coordinates (from the top left of the MediaBox); draws no image.

    pdfminer's own code, inlined (PDFTextDevice.render_string_horizontal and LTChar,
    PDFLayoutAnalyzer.paint_path and LTCurve): the same arithmetic in the same order, for
    the same boxes, without a layout object for each."""

    def __init__(self, rsrcmgr: PDFResourceManager, page: Page) -> None:
        super().__init__(rsrcmgr, pageno=page.page_number, laparams=None)
        self.chars: list[Char] = []
        self.lines: list[dict[str, Any]] = []
        self.rects: list[dict[str, Any]] = []
        self.curves: list[dict[str, Any]] = []
        # pdfminer draws from the bottom left of the MediaBox, pdfplumber from its top.
        self._height = page.height
        self._mb_x0, self._mb_top = page.mediabox[0], page.mediabox[1]
        # Per font, size and scaling: each glyph's text (a ligature spelt out, as
        # pdfplumber's words have it) and advance.
        self._glyphs: dict[tuple[PDFFont, float, float], dict[int, tuple[str, float]]] = {}

    def render_image(self, name: str, stream: PDFStream) -> None:
        pass  # images are not text: nor read, nor kept

    def render_string(
        self,
        textstate: PDFTextState,
        seq: Iterable[Any],
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> None:
        font = textstate.font
        if font is None or font.is_vertical():
            super().render_string(textstate, seq, ncs, graphicstate)  # through render_char
            return
        a, b, c, d, e, f = mult_matrix(textstate.matrix, self.ctm)
        fontsize = textstate.fontsize
        scaling = textstate.scaling * 0.01
        charspace = textstate.charspace * scaling
        wordspace = 0 if font.is_multibyte() else textstate.wordspace * scaling
        rise = textstate.rise
        dxscale = 0.001 * fontsize * scaling
        descent = font.get_descent() * fontsize
        low = descent + rise
        high = descent + rise + fontsize
        upright = a * d * scaling > 0 and b * c <= 0
        glyphs = self._glyphs.setdefault((font, fontsize, scaling), {})
        chars = self.chars
        height, mb_x0, mb_top = self._height, self._mb_x0, self._mb_top
        x, y = textstate.linematrix
        straight = b == 0 and c == 0
        top = bottom = 0.0
        if straight:
            # Unrotated: every character of the string has the same top and bottom.
            f1 = y * d + f
            y0, y1 = d * low + f1, d * high + f1
            if y1 < y0:
                y0, y1 = y1, y0
            top, bottom = (height - y1) + mb_top, (height - y0) + mb_top
        needcharspace = False
        for obj in seq:
            if isinstance(obj, (int, float)):
                x -= obj * dxscale
                needcharspace = True
            elif isinstance(obj, bytes):
                for cid in font.decode(obj):
                    if needcharspace:
                        x += charspace
                    glyph = glyphs.get(cid)
                    if glyph is None:
                        width = font.char_width(cid)
                        glyph = glyphs[cid] = (self._text(font, cid), width * fontsize * scaling)
                    text, adv = glyph
                    if straight:
                        x0 = x * a + e
                        x1 = a * adv + x0
                        if x1 < x0:
                            x0, x1 = x1, x0
                        chars.append((x0 + mb_x0, top, x1 + mb_x0, bottom, text, upright))
                    else:
                        matrix = (a, b, c, d, x * a + y * c + e, x * b + y * d + f)
                        box = apply_matrix_rect(matrix, (0, low, adv, high))
                        chars.append(self._char(box, text, upright))
                    x += adv
                    if cid == 32 and wordspace:
                        x += wordspace
                    needcharspace = True
        textstate.linematrix = (x, y)

    def render_char(
        self,
        matrix: Matrix,
        font: PDFFont,
        fontsize: float,
        scaling: float,
        rise: float,
        cid: int,
        ncs: PDFColorSpace,
        graphicstate: PDFGraphicState,
    ) -> float:
        # Vertical writing only: rare enough to go through pdfminer's LTChar.
        text = self._text(font, cid)
        item = LTChar(
            matrix,
            font,
            fontsize,
            scaling,
            rise,
            text,
            font.char_width(cid),
            font.char_disp(cid),
            ncs,
            graphicstate,
        )
        self.chars.append(self._char(item.bbox, text, item.upright))
        return item.adv

    def _char(self, box: tuple[float, float, float, float], text: str, upright: bool) -> Char:
        x0, y0, x1, y1 = box
        height, mb_x0, mb_top = self._height, self._mb_x0, self._mb_top
        return (
            x0 + mb_x0,
            (height - y1) + mb_top,
            x1 + mb_x0,
            (height - y0) + mb_top,
            text,
            upright,
        )

    def _text(self, font: PDFFont, cid: int) -> str:
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = self.handle_undefined_char(font, cid)
        return LIGATURES.get(text, text)

    def paint_path(
        self,
        gstate: PDFGraphicState,
        stroke: bool,
        fill: bool,
        evenodd: bool,
        path: Sequence[PathSegment],
    ) -> None:
        shape = "".join(segment[0] for segment in path)
        if shape[:1] != "m":
            return  # invalid: a path starts with m (re comes as m l l l h)
        if shape.count("m") > 1:
            for match in _SUBPATH_RE.finditer(shape):
                self.paint_path(gstate, stroke, fill, evenodd, path[match.start() : match.end()])
            return
        # A segment's point is its last; h closes on the first.
        a, b, c, d, e, f = self.ctm
        points = []
        for segment in path:
            x, y = cast(Point, segment[-2:] if segment[0] != "h" else path[0][-2:])
            points.append((a * x + c * y + e, b * x + d * y + f))
        if len(shape) > 3 and shape[-2:] == "lh" and points[-2] == points[0]:
            shape = shape[:-2] + "h"
            points.pop()
        if shape in {"mlh", "ml"}:
            self.lines.append(self._shape("line", points[:2]))
        elif shape in {"mlllh", "mllll"}:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
            closed = points[0] == points[4]
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if closed and square:
                corners = [(x0, y0), (x2, y0), (x2, y2), (x0, y2)]
                self.rects.append(self._shape("rect", corners))
            else:
                self.curves.append(self._shape("curve", points))
        else:
            self.curves.append(self._shape("curve", points))

    def _shape(self, kind: str, points: list[tuple[float, float]]) -> dict[str, Any]:
        """pdfplumber's object of an LTLine, LTRect or LTCurve through these points."""
        x0, y0, x1, y1 = get_bound(points)
        height, mb_x0, mb_top = self._height, self._mb_x0, self._mb_top
        top = (height - y1) + mb_top
        shape: dict[str, Any] = {
            "object_type": kind,
            "x0": x0 + mb_x0,
            "y0": y0,
            "x1": x1 + mb_x0,
            "y1": y1,
            "top": top,
            "bottom": (height - y0) + mb_top,
            "doctop": top,
            "width": x1 - x0,
            "height": y1 - y0,
        }
        if kind == "curve":
            shape["pts"] = [(mb_x0 + x, mb_top + height - y) for x, y in points]
        return shape


# --- Text, as pdfplumber lays it out -----------------------------------------------------


def _page_lines(chars: list[Char]) -> list[Line]:
    """pdfplumber's page.extract_text() (its text map, not laid out) of these characters,
    line by line: words in line order, grouped while consecutive in the same cluster of
    tops."""
    words = list(_words(chars))
    clusters = _cluster_ids([word[0] for word in words])
    return [
        _line(list(line))
        for _, line in itertools.groupby(words, key=lambda word: clusters[word[0]])
    ]


def _cell_text(bbox: Bbox, chars: list[Char]) -> CellText:
    """pdfplumber's utils.extract_text() of these characters, as Table.extract() calls it,
    line by line."""
    if not chars:
        return CellText(bbox, (), True)
    lines = tuple(_line(line) for line in _cluster(list(_words(chars)), itemgetter(0)))
    return CellText(bbox, lines, all(c[UPRIGHT] for c in chars))


def _line(words: list[_Word]) -> Line:
    """A line of these words, in this order, joined by a space."""
    first = words[0]
    text = first[1]
    x0, top, x1, bottom = first[2], first[0], first[3], first[4]
    space = first[6]
    for word in words[1:]:
        text += " " + word[1]
        x0 = min(x0, word[2])
        top = min(top, word[0])
        x1 = max(x1, word[3])
        bottom = max(bottom, word[4])
        space = space or word[6]
    return Line(text, x0, x1, top, bottom, first[3] - first[2], first[5] - first[2], space or None)


# A word: top, text, x0, x1, bottom, the right of its first character and the width of the
# space after it (0 when none).
_Word = tuple[float, str, float, float, float, float, float]


def _words(chars: list[Char]) -> Iterator[_Word]:
    """pdfplumber's WordExtractor: each word, line after line."""
    for upright, group in itertools.groupby(chars, key=itemgetter(UPRIGHT)):
        if upright:
            yield from _upright_words(list(group))
        else:
            yield from _rotated_words(list(group))


def _upright_words(chars: list[Char]) -> Iterator[_Word]:
    """Lines from top to bottom, characters from left to right: a new word at a space, a
    character starting left of the one before, a gap or a step in height."""
    for line in _cluster(chars, itemgetter(TOP)):
        line.sort(key=itemgetter(X0))
        texts: list[str] = []
        word_top = word_x0 = word_bottom = first = 0.0
        last_x0 = last_x1 = last_top = 0.0
        for x0, top, x1, bottom, text, _ in line:
            if text.isspace() or not text:
                if texts:
                    yield word_top, "".join(texts), word_x0, last_x1, word_bottom, first, x1 - x0
                    texts = []
                if not text:  # pdfplumber: a word by itself
                    yield top, "", x0, x1, bottom, x1, 0.0
                continue
            if texts and (
                x0 < last_x0 or x0 > last_x1 + X_TOLERANCE or abs(top - last_top) > Y_TOLERANCE
            ):
                yield word_top, "".join(texts), word_x0, last_x1, word_bottom, first, 0.0
                texts = []
            if texts:
                word_top = min(word_top, top)
                word_bottom = max(word_bottom, bottom)
            else:
                word_top, word_x0, word_bottom, first = top, x0, bottom, x1
            texts.append(text)
            last_x0, last_x1, last_top = x0, x1, top
        if texts:
            yield word_top, "".join(texts), word_x0, last_x1, word_bottom, first, 0.0


def _rotated_words(chars: list[Char]) -> Iterator[_Word]:
    """Rotated text: lines from left to right, characters from top to bottom."""
    for line in _cluster(chars, itemgetter(X0)):
        line.sort(key=itemgetter(TOP, BOTTOM))
        word: list[Char] = []
        for char in line:
            text = char[TEXT]
            if text.isspace() or not text:
                if word:
                    yield _word(word)
                    word = []
                if not text:
                    yield _word([char])
                continue
            if word and (
                char[TOP] < word[-1][TOP]
                or char[TOP] > word[-1][BOTTOM] + Y_TOLERANCE
                or abs(char[X0] - word[-1][X0]) > X_TOLERANCE
            ):
                yield _word(word)
                word = []
            word.append(char)
        if word:
            yield _word(word)


def _word(chars: list[Char]) -> _Word:
    """A rotated word: its box (rotated lines are not joined: the rest is a guess)."""
    x0 = min(char[X0] for char in chars)
    x1 = max(char[X1] for char in chars)
    return (
        min(char[TOP] for char in chars),
        "".join(char[TEXT] for char in chars),
        x0,
        x1,
        max(char[BOTTOM] for char in chars),
        x1,
        0.0,
    )


def _cluster_ids(values: Iterable[float], tolerance: float = Y_TOLERANCE) -> dict[float, int]:
    """pdfplumber's make_cluster_dict: values sorted, a new cluster past a gap > tolerance."""
    ids: dict[float, int] = {}
    number = -1
    last = 0.0
    for value in sorted(set(values)):
        if number < 0 or value > last + tolerance:
            number += 1
        ids[value] = number
        last = value
    return ids


def _cluster(items: Sequence[_T], key: Callable[[_T], float]) -> list[list[_T]]:
    """pdfplumber's cluster_objects: the clusters in order, each item in its first order."""
    ids = _cluster_ids(map(key, items))
    clusters: dict[int, list[_T]] = {}
    for item in items:
        clusters.setdefault(ids[key(item)], []).append(item)
    return [clusters[number] for number in sorted(clusters)]
