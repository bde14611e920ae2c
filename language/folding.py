"""The one way this package compares words: what a coordinator typed on a phone, folded.

People skip accents ("fevrier", "echeance"), mix capitals, paste curly apostrophes from Word
and double spaces from e-mails. Every matcher of the package compares folded text, so the
same word is the same however it was typed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Curly, reversed, modifier and accent-like apostrophes that Word, phones and e-mails produce.
_APOSTROPHES_RE = re.compile(r"[’‘`´ʼ]")


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Lower case (casefolded), no accents, straight apostrophes, single spaces, trimmed.

    ``"  Échéance :  1ᵉʳ  Mai "`` -> ``"echeance : 1er mai"``. Compatibility forms are
    composed first (NFKC: "ﬁ" is "fi", "ᵉʳ" is "er"), and casefolding comes before the
    accents are dropped, since it can itself produce combining marks ("İ").
    """
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_APOSTROPHES_RE.sub("'", bare).split())
