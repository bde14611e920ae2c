"""The minutes readers hold the issue's targets on the corpus, in each format: at least 95 %
of the actions found, 90 % of their owners and deadlines right, no row offered that is not
an action. bench/minutes.py prints the same figures, per document, for people."""

from __future__ import annotations

import pytest

from language.owners import OwnerIndex
from tests.language.minutes_corpus import CASES
from tests.language.minutes_corpus.model import Format
from tests.language.minutes_corpus.scoring import (
    ACTIONS_TARGET,
    DEADLINES_TARGET,
    OWNERS_TARGET,
    Score,
    organisation_index,
    percent,
    score,
    total,
)

# The 300-row document counts apart: it would outweigh all the others (bench/minutes.py
# leaves it out of its totals too); it is held to the targets on its own.
LONG = "long_health_review_2023"

# Known, and why. Pasted from Word, a table whose cells hold several paragraphs arrives
# with each row's tabs spread over several lines, and a header merged over two columns:
# the rows of that table cannot be told apart from the text alone, and its discussion
# column is read as the actions (the .docx and the PDF of the same minutes are read right).
KNOWN_FALSE: dict[tuple[str, Format], int] = {("wash_bangladesh_2016_03_24", "text"): 2}


@pytest.fixture(scope="module")
def organisations() -> OwnerIndex:
    return organisation_index()


def _scores(fmt: Format, organisations: OwnerIndex) -> list[Score]:
    return [score(case, fmt, organisations) for case in CASES if fmt in case.formats]


@pytest.mark.parametrize("fmt", ["docx", "text", "pdf"])
def test_the_corpus_is_read_to_the_targets(fmt: Format, organisations: OwnerIndex) -> None:
    results = _scores(fmt, organisations)
    corpus = [r for r in results if r.case != LONG]
    for part, target in (
        ("actions", ACTIONS_TARGET),
        ("owners", OWNERS_TARGET),
        ("deadlines", DEADLINES_TARGET),
    ):
        right, of = total(corpus, part)
        assert percent(right, of) >= target, (part, right, of)
    for r in results:
        assert r.error is None, (r.case, r.error)
        assert r.false == KNOWN_FALSE.get((r.case, fmt), 0), (r.case, r.notes)
    [long] = [r for r in results if r.case == LONG]
    assert long.actions == (300, 300)
    assert percent(*long.owners) >= OWNERS_TARGET
    assert percent(*long.deadlines) >= DEADLINES_TARGET
