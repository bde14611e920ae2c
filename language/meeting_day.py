"""The day a meeting was held, as the opening of its minutes writes it.

Minutes date themselves in their title or header block, in many ways: "Date de la réunion :
Mercredi, 28 Novembre 2018", "Lieu et date : bureau UNICEF, 03/Mars/2020", "(20 octobre 2016,
14h30, PNUD)", "24th March 2016, UNICEF Gulshan Office", "held at UNICEF Islamabad on
28.01.2010", "Date: 15January 2012", "L'an deux mil dix et le douze août". The day is given
back written plainly ("28 novembre 2018", "12 août 2010") for the deadline parser, which
reads it as a past day. Pure.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from language.folding import fold

__all__ = ["meeting_day"]

_MONTHS = {
    "janvier": "janvier", "janv": "janvier", "january": "janvier", "jan": "janvier",
    "fevrier": "février", "fevr": "février", "fev": "février", "february": "février",
    "feb": "février", "mars": "mars", "march": "mars", "mar": "mars", "avril": "avril",
    "avr": "avril", "april": "avril", "apr": "avril", "mai": "mai", "may": "mai",
    "juin": "juin", "june": "juin", "jun": "juin", "juillet": "juillet", "juil": "juillet",
    "july": "juillet", "jul": "juillet", "aout": "août", "august": "août", "aug": "août",
    "septembre": "septembre", "sept": "septembre", "sep": "septembre",
    "september": "septembre", "octobre": "octobre", "oct": "octobre", "october": "octobre",
    "novembre": "novembre", "nov": "novembre", "november": "novembre",
    "decembre": "décembre", "dec": "décembre", "december": "décembre",
}  # fmt: skip
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMERIC_MONTHS = list(dict.fromkeys(_MONTHS.values()))

_UNITS = {
    "un": 1, "premier": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
    "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13,
    "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "trente": 30,
}  # fmt: skip
_NUMBER_WORD = "|".join(sorted(_UNITS, key=len, reverse=True))
# "vingt et un", "dix-sept", "vingt-huit": a number of one to two words.
_WORDS = rf"(?:{_NUMBER_WORD})(?:(?:\s+et\s+|[\s-])(?:{_NUMBER_WORD}))?"

_NUMERIC_RE = re.compile(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4}|\d{2})\b")
_DAY_MONTH_RE = re.compile(
    rf"\b(\d{{1,2}})(?:er|st|nd|rd|th)?\s*[/.-]?\s*({_MONTH})\.?(?![a-z])\s*[/.-]?\s*,?\s*"
    r"(\d{4}|\d{2}(?!\s*(?:h|:|%|\d)))?"
)
_MONTH_DAY_RE = re.compile(
    rf"\b({_MONTH})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*,)?(?:\s+(\d{{4}}))?"
)
_IN_WORDS_RE = re.compile(
    rf"(?P<year>\bdeux\s+mil(?:le|s)?(?:\s+{_WORDS})?)[^.]{{0,30}}?"
    rf"\b(?:le\s+)?(?P<day>{_WORDS})\s+(?P<month>{_MONTH})\b"
    rf"|\b(?:le\s+)?(?P<day_only>{_WORDS})\s+(?P<month_only>{_MONTH})\b"
)
# Where the date said is another day's: the next meeting, the previous one.
_OTHER_DAY_RE = re.compile(
    r"\bprochaine?\b|\bnext\b|\bprecedente?\b|\bprevious\b|\blast\s+meeting\b|"
    r"\bdernier(?:e)?\s+reunion\b|\bcompte\s+rendu\s+du\b"
)
_LABELLED_RE = re.compile(
    r"\bdate\b|\br[ée]union\b|\btenue?\b|\bheld\b|\bmeeting\b|\bs\s*est\s+tenue?\b|\bl\s*an\b"
)
_OPENING = 12  # texts: the title and the header block


def meeting_day(texts: Sequence[str]) -> str | None:
    """The day the minutes' meeting was held, written plainly, or None."""
    candidates = [t for t in texts[:_OPENING] if not _OTHER_DAY_RE.search(fold(t))]
    labelled = [t for t in candidates if _LABELLED_RE.search(fold(t))]
    for text in [*labelled, *candidates]:
        found = _day_in(fold(text))
        if found is not None:
            return found
    return None


def _day_in(folded: str) -> str | None:
    numeric = _NUMERIC_RE.search(folded)
    if numeric:
        day_n, month_n, year_n = (int(part) for part in numeric.groups())
        if 1 <= day_n <= 31 and 1 <= month_n <= 12:
            return _written(day_n, _NUMERIC_MONTHS[month_n - 1], _full_year(year_n))
    written = _DAY_MONTH_RE.search(folded)
    if written and 1 <= int(written[1]) <= 31:
        said = _full_year(int(written[3])) if written[3] else None
        return _written(int(written[1]), _MONTHS[written[2]], said)
    english = _MONTH_DAY_RE.search(folded)
    if english and 1 <= int(english[2]) <= 31:
        said = int(english[3]) if english[3] else None
        return _written(int(english[2]), _MONTHS[english[1]], said)
    words = _IN_WORDS_RE.search(folded)
    if words:
        day = _number(words["day"] or words["day_only"])
        year: int | None = None
        if words["year"]:  # "deux mil dix", "deux mille dix-sept"
            rest = re.sub(r"^deux\s+mil(?:le|s)?\s*", "", words["year"])
            year = 2000 + (_number(rest) or 0) if rest else 2000
        month = _MONTHS[words["month"] or words["month_only"]]
        if day is not None and 1 <= day <= 31:
            return _written(day, month, year)
    return None


def _number(words: str) -> int | None:
    total = 0
    for word in re.split(r"\s+et\s+|[\s-]+", words.strip()):
        if word not in _UNITS:
            return None
        total += _UNITS[word]
    return total


def _full_year(year: int) -> int:
    return year + 2000 if year < 100 else year


def _written(day: int, month: str, year: int | None) -> str:
    return f"{day} {month} {year}" if year else f"{day} {month}"
