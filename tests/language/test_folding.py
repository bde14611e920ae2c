"""One folding for the whole language package: the same word however it was typed."""

from __future__ import annotations

import pytest

from language.folding import fold


@pytest.mark.parametrize(
    ("typed", "folded"),
    [
        ("Échéance", "echeance"),
        ("ECHEANCE", "echeance"),
        ("  fin   Février\n", "fin fevrier"),
        ("l’ensemble", "l'ensemble"),
        ("lʼensemble", "l'ensemble"),
        ("l‘ensemble", "l'ensemble"),
        ("1ᵉʳ mai", "1er mai"),
        ("ﬁn avril", "fin avril"),
        ("İstanbul", "istanbul"),
        ("Œuvre", "œuvre"),
    ],
)
def test_fold_drops_accents_case_curly_apostrophes_and_extra_spaces(
    typed: str, folded: str
) -> None:
    assert fold(typed) == folded
