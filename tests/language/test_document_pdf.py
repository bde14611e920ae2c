"""The PDF reader draws pages without pdfplumber's objects (language.pdf_layout): it must
read the same words, and find the same tables, as pdfplumber itself.

language.pdf_layout inlines pdfminer's arithmetic and pdfplumber's text and table
settings; an upgrade of either that changes them makes these tests fail."""

from __future__ import annotations

import io
from collections import Counter

import pdfplumber
import pytest

from language.document import Document, Table, from_pdf
from tests.language.minutes_corpus import CASES_BY_NAME
from tests.language.minutes_corpus.build import to_pdf

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
    found = _words_of_document(document)
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
