"""A corpus of minutes documents in the shapes coordinators really write, and what a careful
coordinator imports from each: the measuring stick of the minutes readers
(``bench/minutes.py``). See :mod:`tests.language.minutes_corpus.model` for the conventions."""

from __future__ import annotations

from tests.language.minutes_corpus import (
    long,
    public_mali,
    public_other,
    seeds,
    variations_tables,
    variations_text,
)
from tests.language.minutes_corpus.model import Case

CASES: list[Case] = [
    *seeds.SEEDS,
    *public_mali.CASES,
    *public_other.CASES,
    *variations_tables.CASES,
    *variations_text.CASES,
    long.LONG_HEALTH_REVIEW,
]
CASES_BY_NAME: dict[str, Case] = {case.name: case for case in CASES}

__all__ = ["CASES", "CASES_BY_NAME", "Case"]
