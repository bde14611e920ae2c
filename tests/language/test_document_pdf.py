"""The PDF reader draws pages without pdfplumber's objects (language.pdf_layout): it must
read the same words, and find the same tables, as pdfplumber itself.

language.pdf_layout inlines pdfminer's arithmetic and pdfplumber's text and table
settings; an upgrade of either that changes them makes these tests fail.

A PDF breaks a line wherever its text wraps: the reader keeps a cell's newline, or ends a
paragraph, only where the writer ended the line (small PDFs built with fpdf2)."""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber
import pytest
from fpdf import FPDF

from language.document import Document, Paragraph, Table, from_pdf
from language.pdf_layout import read_page
from tests.language.minutes_corpus import CASES_BY_NAME
from tests.language.minutes_corpus.build import _font, to_pdf

CASES = [
    "seed_crp_2017_04_04",  # tables over four pages, participants, prose
    "var_merged_cells",  # cells merged across and down
    "var_split_header_repeated",  # a header repeated on the next page
    "var_inline_paragraphs",  # no table at all
]


def _words_of_document(document: Document) -> Counter[str]:
    words: Counter[str] = Counter()
    for block in document.blocks:
        if isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    if not cell.spans_left and not cell.spans_up:
                        words.update(cell.text.split())
        else:
            words.update(block.text.split())
    return words


def _rejoined(found: Counter[str], expected: Counter[str]) -> Counter[str]:
    """The words found, those more than pdfplumber reads that it reads as two, on two lines
    (a word cut at a line's end: "Jean-" "Luc", "Responsabl" "e"), counted as those two."""
    words: Counter[str] = Counter()
    for word, count in found.items():
        extra = count - expected[word]
        cut = next(
            (i for i in range(1, len(word)) if word[:i] in expected and word[i:] in expected),
            None,
        )
        if extra <= 0 or cut is None:
            words[word] += count
        else:
            words[word] += count - extra
            words[word[:cut]] += extra
            words[word[cut:]] += extra
    return words


def _words_of_pdfplumber(data: bytes) -> tuple[Counter[str], int]:
    words: Counter[str] = Counter()
    tables = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            words.update(page.extract_text().split())
            tables += len(page.find_tables())
    return words, tables


@pytest.fixture(scope="module", params=CASES)
def pdf(request: pytest.FixtureRequest) -> bytes:
    return to_pdf(CASES_BY_NAME[request.param])


def test_every_word_pdfplumber_reads_is_read(pdf: bytes) -> None:
    expected, _ = _words_of_pdfplumber(pdf)
    document = from_pdf(pdf)
    found = _rejoined(_words_of_document(document), expected)
    assert not (found - expected), "words pdfplumber does not read"
    # A table continued over a page drops its repeated header: only header words may miss.
    headers = {
        word
        for block in document.blocks
        if isinstance(block, Table) and block.rows
        for cell in block.rows[0]
        for word in cell.text.split()
    }
    assert set(expected - found) <= headers


def test_the_tables_pdfplumber_finds_are_found(pdf: bytes) -> None:
    _, pages_with_tables = _words_of_pdfplumber(pdf)
    document = from_pdf(pdf)
    tables = [block for block in document.blocks if isinstance(block, Table)]
    # One table per page at most is continued from the page before: never more tables
    # than pdfplumber finds, and some whenever it finds some.
    assert len(tables) <= pages_with_tables
    assert bool(tables) == bool(pages_with_tables)


def test_the_cells_and_lines_read_are_pdfplumbers(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            layout = read_page(document.rsrcmgr, page)
            tables = page.find_tables()
            assert [layout.extract(t) for t in layout.find_tables()] == [
                t.extract() for t in tables
            ]
            top = page.bbox[1]
            for bottom in [t.bbox[1] for t in tables] + [page.bbox[3]]:
                if bottom - top >= 1:
                    band = page.crop((page.bbox[0], top, page.bbox[2], bottom))
                    assert layout.text(top, bottom) == band.extract_text()
                top = bottom


# --- Where lines end ---------------------------------------------------------------------


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
    pdf.add_page()
    return pdf


def _cells(data: bytes) -> list[list[str]]:
    tables = [block for block in from_pdf(data).blocks if isinstance(block, Table)]
    assert len(tables) == 1
    return [[cell.text for cell in row] for row in tables[0].rows]


def _pdfplumber_cells(data: bytes) -> list[list[str | None]]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        (table,) = pdf.pages[0].find_tables()
        return table.extract()


def test_a_cell_keeps_a_newline_where_its_writer_broke_the_line_not_where_it_wrapped() -> None:
    pdf = _pdf()
    pdf.set_font("DejaVu", size=7)
    rows = [
        [
            "Rédaction d'une note sur la situation dans les cercles de Tenenkou et Niono pour "
            "l'EHP",
            "ONG Mercy Corps",
            "en permanence",
        ],
        ["Partager les indicateurs\nResponsable : CCP", "OCHA\nUNICEF", "avant la prochaine"],
        ["• Partager la note\n• Relancer les partenaires", "Directeur de la DNH", "ASAP"],
    ]
    with pdf.table(
        col_widths=(50, 20, 12), width=82, text_align="LEFT", first_row_as_headings=False
    ) as table:
        for cells in rows:
            row = table.row()
            for text in cells:
                row.cell(text)
    data = bytes(pdf.output())

    # The PDF's lines, as pdfplumber reads them: wrapped in the narrow columns, a word too
    # long for the last one cut where the column ends.
    assert _pdfplumber_cells(data) == [
        [
            "Rédaction d'une note sur la situation\ndans les cercles de Tenenkou et Niono\n"
            "pour l'EHP",
            "ONG Mercy\nCorps",
            "en\nperman\nence",
        ],
        ["Partager les indicateurs\nResponsable : CCP", "OCHA\nUNICEF", "avant\nla\nprochai\nne"],
        ["• Partager la note\n• Relancer les partenaires", "Directeur de\nla DNH", "ASAP"],
    ]
    assert _cells(data) == [
        [
            "Rédaction d'une note sur la situation dans les cercles de Tenenkou et Niono pour "
            "l'EHP",
            "ONG Mercy Corps",
            "en permanence",
        ],
        # "Responsable" and "UNICEF" would have fitted on the line before: the writer's
        # breaks; so is a bullet's.
        ["Partager les indicateurs\nResponsable : CCP", "OCHA\nUNICEF", "avant la prochaine"],
        ["• Partager la note\n• Relancer les partenaires", "Directeur de la DNH", "ASAP"],
    ]


_PAD = 1.0  # mm, as fpdf2 pads a table's cells


def _drawn_row(cells: list[tuple[list[str], float | None]]) -> bytes:
    """A table row drawn line by line, as another writer laid it out: each cell its lines
    ("" a blank one) and its width in mm, or None for the narrowest that holds them (no
    line's next word would fit on it)."""
    pdf = _pdf()
    pdf.set_font("DejaVu", size=9)
    leading = 4.5
    height = leading * max(len(lines) for lines, _ in cells) + 2 * _PAD
    x, top = 20.0, 20.0
    for lines, width in cells:
        if width is None:
            width = max(pdf.get_string_width(line) for line in lines) + 2 * _PAD + 0.2
        pdf.rect(x, top, width, height)
        for number, line in enumerate(lines):
            if line:
                pdf.text(x + _PAD, top + _PAD + leading * number + 3.5, line)
        x += width
    return bytes(pdf.output())


def test_a_word_cut_at_its_hyphen_is_whole_again() -> None:
    data = _drawn_row([(["Oumou/Jean-", "Luc Cluster"], None), (["OCHA"], 30.0)])
    assert _cells(data) == [["Oumou/Jean-Luc Cluster", "OCHA"]]


def test_lines_of_a_narrow_cell_are_one_unless_a_list_item_or_a_blank_line_parts_them() -> None:
    data = _drawn_row(
        [
            (["Faire la cartographie des", "acteurs et des PDI"], None),
            (["- Mopti, Ségou et", "- Tombouctou"], None),
            (["Partager la note de", "", "plaidoyer"], None),
        ]
    )
    assert _cells(data) == [
        [
            "Faire la cartographie des acteurs et des PDI",
            "- Mopti, Ségou et\n- Tombouctou",
            "Partager la note de\nplaidoyer",
        ]
    ]


def test_short_lines_of_a_wide_cell_are_the_writers() -> None:
    data = _drawn_row([(["OCHA", "UNICEF"], 60.0), (["Directeur de la", "DNH"], 60.0)])
    assert _cells(data) == [["OCHA\nUNICEF", "Directeur de la\nDNH"]]


def test_paragraphs_end_where_their_writer_ended_them() -> None:
    pdf = _pdf()
    pdf.set_font("DejaVu", size=12)
    pdf.multi_cell(0, 5, "Réunion ICC du 4 avril 2017", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", size=9)
    for text in [
        "Les coordinateurs de clusters ont fait le point sur la situation humanitaire à Ménaka, "
        "les déplacements de population vers les sites du sous-cluster et les besoins en abris "
        "des familles d'accueil qui restent très importants",
        "Points d'action",
        "Rédiger la note de synthèse sur Ménaka — OCHA — 25 avril",
        "Partager la liste des sites de déplacés — OIM — 21 avril",
    ]:
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    data = bytes(pdf.output())

    with pdfplumber.open(io.BytesIO(data)) as document:
        assert len(document.pages[0].extract_text().split("\n")) == 6  # one wraps
    assert list(from_pdf(data).blocks) == [
        Paragraph("Réunion ICC du 4 avril 2017", heading=True),
        Paragraph(
            "Les coordinateurs de clusters ont fait le point sur la situation humanitaire à "
            "Ménaka, les déplacements de population vers les sites du sous-cluster et les "
            "besoins en abris des familles d'accueil qui restent très importants"
        ),
        Paragraph("Points d'action"),
        Paragraph("Rédiger la note de synthèse sur Ménaka — OCHA — 25 avril"),
        Paragraph("Partager la liste des sites de déplacés — OIM — 21 avril"),
    ]
