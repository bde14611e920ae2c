"""The minutes corpus itself: every case builds in its formats and its expectations are well
formed. The readers' scores on it are bench/minutes.py's business, not these tests'."""

import io
import re
from datetime import date
from functools import cache

import docx
import pdfplumber
import pytest

from language.folding import fold
from tests.language.minutes_corpus import CASES, CASES_BY_NAME
from tests.language.minutes_corpus.build import to_docx, to_pdf, to_text
from tests.language.minutes_corpus.model import Case, Table

# Organisations whose label has a space: any other label with one must be a member's name.
ORGANISATIONS_WITH_SPACES = {"Mercy Corps", "ONU Femmes", "FHI 360", "IEDA Relief"}
GROUPS = {"@coordination", "@membres"}
ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def docx_of(name: str) -> bytes:
    return to_docx(CASES_BY_NAME[name])


@cache
def pdf_of(name: str) -> bytes:
    return to_pdf(CASES_BY_NAME[name])


def ids(case: Case) -> str:
    return case.name


def test_the_corpus_has_at_least_40_documents_15_of_them_public():
    assert len(CASES) >= 40
    assert sum(case.kind == "public" for case in CASES) >= 15
    assert sum(case.kind == "seed" for case in CASES) == 5


def test_case_names_are_unique():
    assert len({case.name for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "public"], ids=ids)
def test_a_public_case_records_its_address_and_title(case: Case):
    address, _, title = case.source.partition(" — ")
    assert address.startswith(("http://", "https://"))
    assert len(title) > 10


@pytest.mark.parametrize("case", [c for c in CASES if c.kind == "seed"], ids=ids)
def test_a_seed_names_its_file(case: Case):
    assert case.source.startswith("/work/shared/seeds/")


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_the_docx_opens_with_python_docx_and_holds_the_tables(case: Case):
    document = docx.Document(io.BytesIO(docx_of(case.name)))
    assert len(document.tables) == sum(isinstance(block, Table) for block in case.blocks)


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_the_text_holds_every_expected_fragment(case: Case):
    text = fold(to_text(case))
    fragments = [a.description for a in case.actions] + case.decisions + case.optional
    for fragment in fragments:
        assert fold(fragment) in text, fragment


@pytest.mark.parametrize("case", [c for c in CASES if "pdf" in c.formats], ids=ids)
def test_the_pdf_opens_with_pdfplumber_and_has_text(case: Case):
    with pdfplumber.open(io.BytesIO(pdf_of(case.name))) as pdf:
        assert pdf.pages
        assert (pdf.pages[0].extract_text() or "").strip()


def test_the_largest_document_is_about_thirty_pages():
    long = max(CASES, key=lambda case: len(to_text(case)))
    assert sum(len(action.description) > 0 for action in long.actions) >= 300
    with pdfplumber.open(io.BytesIO(pdf_of(long.name))) as pdf:
        assert 25 <= len(pdf.pages) <= 40


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_expectations_are_well_formed(case: Case):
    members = {name for name, _organisation in case.members}
    fragments = [fold(a.description) for a in case.actions] + [fold(d) for d in case.decisions]
    for fragment in fragments:
        # Each item matches one expectation: no fragment may hide inside another.
        assert not [other for other in fragments if other != fragment and fragment in other]
    for action in case.actions:
        assert action.owners, f"{action.description}: an action has owners (else a decision)"
        for label in action.owners:
            if label in GROUPS or label.startswith("?") or label in members:
                continue
            assert " " not in label or label in ORGANISATIONS_WITH_SPACES, label
        if action.deadline not in (None, "undated", "meeting"):
            assert ISO_DAY.fullmatch(action.deadline or ""), action.deadline
            date.fromisoformat(action.deadline or "")
    assert case.tables >= 0
    assert case.participants >= 0
