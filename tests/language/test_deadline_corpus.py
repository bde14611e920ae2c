"""Every row of the deadline corpus reads as a careful coordinator would read it."""

from collections import Counter

import pytest

from language.deadlines import parse_deadline
from tests.language.deadline_corpus import BAMAKO, ROWS, expected_result, typed_at


def _row_id(text: str) -> str:
    return text if text.strip() else repr(text)


@pytest.mark.parametrize(("typed", "text", "expected"), ROWS, ids=[_row_id(r[1]) for r in ROWS])
def test_corpus_row(typed, text, expected):
    assert parse_deadline(text, now=typed_at(typed), tz=BAMAKO) == expected_result(text, expected)


def test_corpus_is_large_and_covers_every_kind():
    assert len(ROWS) >= 300
    kinds = Counter(expected[0] for _, _, expected in ROWS)
    assert set(kinds) == {"day", "moment", "period", "undated", "none", "meeting"}


def test_corpus_rows_are_not_repeated():
    keys = [(typed, text) for typed, text, _ in ROWS]
    assert len(keys) == len(set(keys))
