"""Read and write the deadlines ("échéances") of coordination meeting actions.

Coordinators type deadlines in French on phones, fast: "21 octobre", "le 02 Mai", "fin avril",
"vendredi 17h", "sous 48h", "T2 2017", "du 7 au 11 novembre", "avant la prochaine réunion",
with typos ("ocotbre", "novmbre", "procahin", "21octobre", "1ier").

How a careful coordinator reads them (the conventions of issue 3):
- deadlines are in the future: a day-month without a year is its next occurrence on or after
  today; a bare weekday or "X prochain" is the next one strictly after today;
- weeks are working weeks, Monday to Friday ("fin de semaine" is Friday);
- "fin X" is the last day of X, "mi-X" the 15th, "début X" the first ten days (due the 10th),
  "en X"/"courant X" the whole month; quarters and semesters are calendar ones; a period is due
  at its end;
- "d'ici X", "au plus tard X", "pour le X" mean X; numeric dates are day first;
- durations count from now, working days skip weekends.

A regex layer over normalized text (lower case, no accents, typos of the date words fixed)
reads all of this. dateparser reads many of these badly ("fin avril", "mi-mai", "lundi
prochain" -> nothing; "mar", "10%", "3" -> a date) and costs 1-3 ms per call, so it is only
the fallback for English ("tomorrow", "October 25"), behind a keyword gate, imported lazily.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from language.folding import fold

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = [
    "Deadline",
    "MeetingRelative",
    "Precision",
    "Undated",
    "format_deadline",
    "parse_deadline",
]


class Precision(StrEnum):
    MOMENT = "moment"  # a day and an hour: "vendredi 21 octobre à 10h"
    DAY = "day"  # a day: "25 octobre"
    PERIOD = "period"  # a period whose end is the deadline: "fin avril", "en avril"


@dataclass(frozen=True)
class Deadline:
    due: datetime  # aware UTC; DAY and PERIOD: 23:59:59 local time of the (last) day
    precision: Precision
    label: str | None = None  # PERIOD only: "fin avril", "avril 2017", "entre mai et juin 2017"


@dataclass(frozen=True)
class Undated:
    """Wording that names no date on purpose ("dans les mois à venir", "prochainement",
    "selon les besoins", "dès que possible", "ASAP")."""

    text: str


@dataclass(frozen=True)
class MeetingRelative:
    """A deadline tied to the cluster's next meeting: due `days_before` days before it
    (0 = by the meeting)."""

    days_before: int
    text: str


# --- Vocabulary (matched on lower-case text without accents) -------------------------------

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")  # fmt: skip
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


_MONTH_NUMBER = {fold(_name): _i + 1 for _i, _name in enumerate(MONTHS)}
# Abbreviations are accepted only right after a day number ("21 oct."), never alone:
# alone, "mar" or "dec" are too often something else.
_MONTH_ABBREVIATION = {"janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sep": 9,
                       "sept": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_WEEKDAY_NUMBER = {_name: _i for _i, _name in enumerate(WEEKDAYS)}
_WEEKDAY_ABBREVIATION = {_name[:3]: _i for _i, _name in enumerate(WEEKDAYS)}
_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                 "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
                 "quinze": 15, "vingt": 20, "trente": 30}  # fmt: skip
# Days of the month written out, only read right before a month name ("le quinze novembre").
_DAY_WORDS = {"premier": 1, "un": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
              "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
              "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "dix sept": 17,
              "dix huit": 18, "dix neuf": 19, "vingt": 20, "vingt et un": 21, "trente": 30,
              "trente et un": 31}  # fmt: skip
_DAY_WORDS |= {
    f"vingt {_word}": 20 + _n
    for _word, _n in _DAY_WORDS.items()
    if 2 <= _n <= 9 and _word != "premier"
}

# Words whose typos are repaired (one letter missing, extra, wrong or swapped): "ocotbre",
# "novmbre", "procahin". Other legitimate words close to them are listed so they stay as typed.
_FIXABLE_WORDS = (
    *(_m for _m in _MONTH_NUMBER if len(_m) >= 5),
    *WEEKDAYS,
    "prochain", "prochaine", "semaine", "demain", "reunion", "quinzaine", "huitaine",
    "trimestre", "semestre", "ouvrables",
)  # fmt: skip
_KEEP_WORDS = frozenset(
    {
        *(f"{_w}s" for _w in _FIXABLE_WORDS),
        *("january", "february", "april", "july", "august", "september", "october"),
        *("november", "december", "monday", "tuesday", "wednesday", "thursday", "friday"),
        *("saturday", "sunday", "prochains", "prochaines", "ouvrable", "remain", "domain"),
    }
)

_MONTH_NAMES = "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True))
_MONTH = r"(?<![a-z])(?P<{}>" + _MONTH_NAMES + r")\b"
_MONTH_OR_ABBR = (
    r"(?P<month>"
    + "|".join(sorted([*_MONTH_NUMBER, *_MONTH_ABBREVIATION], key=len, reverse=True))
    + r")\b\.?"
)
# A month named in full or abbreviated; abbreviations only where a date word precedes them
# ("fin nov.", "du 7 au 11 nov"), never alone.
_MONTH_ANY = (
    r"(?<![a-z])(?P<{}>"
    + "|".join(sorted([*_MONTH_NUMBER, *_MONTH_ABBREVIATION], key=len, reverse=True))
    + r")\b\.?"
)
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d\d)\b)?"
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"
_WEEKDAY = r"(?P<weekday>" + "|".join(WEEKDAYS) + r")"
_ORDINAL = r"(?P<{}>premier|1er|1|second|seconde|deuxieme|2nd|2e|2eme|2|troisieme|3e|3eme|3" \
           r"|quatrieme|4e|4eme|4|dernier)"  # fmt: skip
_ORDINAL_NUMBER = {"premier": 1, "1er": 1, "1": 1, "second": 2, "seconde": 2, "deuxieme": 2,
                   "2nd": 2, "2e": 2, "2eme": 2, "2": 2, "troisieme": 3, "3e": 3, "3eme": 3,
                   "3": 3, "quatrieme": 4, "4e": 4, "4eme": 4, "4": 4}  # fmt: skip

# --- Normalization patterns ----------------------------------------------------------------

_SUPERSCRIPT_ER_RE = re.compile(r"\s*\^\s*\{?\s*(er)\s*\}?")
_FIRST_RE = re.compile(r"\b1\s*(?:ier|er)\b")  # "1ier", "1 er" -> "1er"
# "21octobre" -> "21 octobre", "octobre2016" -> "octobre 2016"; not "10h", "1er", "2eme".
_GLUED_RE = re.compile(
    r"(?<=\d)(?=[a-z]{3,})(?!(?:heures?|ieme|eme|ier|ere)\b)|(?<=[a-z]{3})(?=\d)"
)
_WORD_RE = re.compile(r"[a-z]{5,}")
_SEPARATORS_RE = re.compile(r"[\s-]+")
_DAY_WORD_RE = re.compile(
    r"\b(?P<word>"
    + "|".join(sorted((w.replace(" ", r"[\s-]+") for w in _DAY_WORDS), key=len, reverse=True))
    + r")\s+(?=(?:"
    + _MONTH_NAMES
    + r")\b)"
)

# --- Refusals ------------------------------------------------------------------------------

# Recurring wording: no single deadline. "tous les" / "chaque" only with a time word, so that
# "Partager avec tous les clusters avant le 25 octobre" keeps its date.
_RECURRING_RE = re.compile(
    r"\b(?:chaque|tous\s+les|toutes\s+les)\s+(?:\d+\s+|deux\s+|trois\s+|quinze\s+)?"
    r"(?:jours?|semaines?|mois|ans|annees?|trimestres?|matins?|soirs?|fins?\s+de\s+mois"
    r"|reunions?|" + "|".join(WEEKDAYS) + r")s?\b"
    r"|\b(?:par|une\s+fois\s+par|\d\s+fois\s+par)\s+(?:jour|semaine|mois|an|trimestre)\b"
    r"|\b24\s*/\s*7\b|\b24\s*h\s*/\s*24\b"
)
# Recurrence adjectives veto only a short deadline field ("hebdomadaire", "mensuel, le 5"):
# in a sentence they describe a report ("le rapport mensuel avant le 5 novembre").
_RECURRING_WORD_RE = re.compile(
    r"\b(?:hebdo\w*|bi-?mensuel\w*|mensuel\w*|quotidien\w*|journalier\w*|trimestriel\w*"
    r"|semestriel\w*|annuel\w*|bimestriel\w*)\b"
)
_UNDATED_RE = re.compile(
    r"\b(?:dans\s+les\s+(?:prochain|jours|semaines|mois|annees)\w*\s*(?:a\s+venir|prochain\w*)?"
    r"|(?:les|des)\s+(?:prochain(?:e?s)\s+(?:jours|semaines|mois)|(?:jours|semaines|mois)"
    r"\s+a\s+venir)|prochainement|des\s+que\s+possible|asap|au\s+plus\s+(?:vite|tot)"
    r"|le\s+plus\s+(?:tot|vite)\s+possible|selon\s+(?:les\s+)?besoins?"
    r"|en\s+fonction\s+des\s+besoins|urgent"
    r"|a\s+(?:determiner|definir|confirmer|preciser)|tbd|tbc"
    r"|dans\s+(?:un\s+bref|les\s+meilleurs|les\s+plus\s+brefs)\s+delais?)\b"
)

# "Now" wording: the day it was said (the meeting's day for minutes), or the next working
# day when that is a weekend.
_NOW_RE = re.compile(
    r"\b(?:sans\s+(?:delai|attendre|tarder)|tout\s+de\s+suite|immediatement|seance\s+tenante"
    r"|des\s+(?:aujourd'\s*hui|maintenant|a\s+present|ce\s+jour)|aujourd'\s*hui\s+meme)\b"
)
# "Always" wording: an ongoing task has no deadline. Read before the recurring wording,
# which refuses "à chaque réunion" as having no single date.
_ALWAYS_RE = re.compile(
    r"\b(?:en\s+permanence|permanent\w*|en\s+continu|continu(?:e|el|elle)?(?:ment)?"
    r"|de\s+(?:facon|maniere)\s+(?:continue|permanente|reguliere)|regulierement"
    r"|tout\s+au\s+long\s+(?:de\s+l'\s*annee|du\s+projet|de\s+la\s+reponse|de\s+l'\s*exercice)"
    r"|a\s+(?:chaque|toutes\s+les)\s+reunions?|ongoing|continuous\w*)\b"
)

# --- Meeting-relative wording ---------------------------------------------------------------

_MEETING_RE = re.compile(
    r"(?:\b" + _COUNT + r"\s+(?P<unit>jours?|semaines?)\s+avant"
    r"|\b(?P<eve>(?:l'\s*)?(?:avant[\s-]*)?veille)\s+de"
    r"|\b(?:avant|a|pour|d'ici|jusqu'a|lors\s+de))"
    r"\s+la\s+(?:prochaine\s+)?reunion\b"
    r"|^(?:la\s+)?prochaine\s+reunion$"
)

# --- Date patterns, tried in order ----------------------------------------------------------

# "10h", "14h30", "14 h 30", "10 heures", "10:30", "midi"; not "3 hommes", "Phase 3: ...".
_TIME_RE = re.compile(
    r"(?<![\d/.:])(?P<hour>[01]?\d|2[0-3])\s*"
    r"(?:h(?:eures?)?(?![a-z])\s*(?P<minute>[0-5]\d)?|:(?P<minute2>[0-5]\d))(?![\d%a-z])"
    r"|(?<!apres-)(?<!apres )\b(?P<noon>midi)\b"
)
# "sous 48h", "dans 2 heures": a moment counted from now. Not "d'ici 10h" (by ten o'clock).
# "d'ici 48h" too, as no clock reads 48h.
_IN_HOURS_RE = re.compile(
    r"\b(?P<by>sous|dans|en|d'ici)\s+(?:les\s+)?" + _COUNT + r"\s*(?:h|heures?)\b(?!\s*\d)"
)
_ISO_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
# "25/10", "25/10/2016", "31.10.2016", "31-10-16". Dots and dashes need a year: "2.5" is a
# number, not the 2nd of May.
_NUMERIC_RE = re.compile(
    r"(?<![\d/.,-])(?P<day>\d{1,2})\s*(?:/\s*(?P<month>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"
    r"|[.-](?P<month2>\d{1,2})[.-](?P<year2>\d{4}|\d{2}))(?![\d/%,]|\.\d)"
)
_WEEK_OF_RE = re.compile(
    r"\bsemaine\s+du\s+(?P<day>\d{1,2})(?:er)?\s*(?:"
    + _MONTH_ANY.format("month")
    + _YEAR
    + r"|/\s*(?P<nmonth>\d{1,2})(?:/(?P<nyear>\d{4}|\d{2}))?\b)"
)
_RANGE_RE = re.compile(
    r"\b(?:du|entre\s+le)\s+(?P<first>\d{1,2})(?:er)?(?:\s+" + _MONTH_ANY.format("first_month")
    + r")?\s+(?:au|et\s+le)\s+(?P<day>\d{1,2})(?:er)?\s+" + _MONTH_ANY.format("month") + _YEAR
)  # fmt: skip
# "du 07/11 au 11/11/2016"
_NUMERIC_RANGE_RE = re.compile(
    r"\b(?:du|entre\s+le)\s+(?P<first>\d{1,2})(?:/(?P<first_month>\d{1,2}))?"
    r"(?:/(?:\d{4}|\d{2}))?\s+(?:au|et\s+le)\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})"
    r"(?:/(?P<year>\d{4}|\d{2}))?(?![\d/])"
)
_TEXTUAL_RE = re.compile(r"\b(?P<day>\d{1,2})\s*(?:er)?\s*(?:de\s+)?" + _MONTH_OR_ABBR + _YEAR)
# "vendredi 28", "ven. 28": a weekday and a day of the month; not "vendredi 17h".
_WEEKDAY_DAY_RE = re.compile(
    r"\b(?P<weekday>" + "|".join([*WEEKDAYS, *_WEEKDAY_ABBREVIATION]) + r")\.?\s+"
    r"(?P<day>\d{1,2})(?:er)?(?![\d:]|\s*h(?:eures?)?(?![a-z])|\s*\d)"
)
_DAY_OF_MONTH_RE = re.compile(
    r"\b(?:le|jusqu'au)\s+(?P<day>\d{1,2})(?:er)?"
    r"(?=\s*$|\s*[,.;:!?)-]|\s+(?:a|des|vers|avant)\s+(?:\d|midi)|\s+\d{1,2}\s*h|\s+midi)"
)
_TOMORROW_RE = re.compile(r"\b(?P<after>apres[\s-]*)?demain\b")
_TODAY_RE = re.compile(r"\b(?:aujourd'\s*hui|ce\s+jour|ce\s+soir|dans\s+la\s+journee)\b")
_IN_RE = re.compile(
    r"\b(?:dans|sous|d'ici|en)\s+(?:les\s+|un\s+delai\s+de\s+)?" + _COUNT
    + r"\s+(?P<unit>jours?|semaines?|mois)"
    r"(?P<working>\s+(?:ouvrables?|ouvres?|de\s+travail|travailles?))?\b"
    r"|\b(?:dans|sous)\s+(?:une\s+|la\s+)?(?P<lump>quinzaine|huitaine)\b"
)  # fmt: skip
_WEEKDAY_RE = re.compile(r"\b" + _WEEKDAY + r"\b")
_NEXT_WEEK_RE = re.compile(r"\bsemaine\s+prochaine\b")
_THIS_WEEK_RE = re.compile(r"\b(?:cette\s+semaine|fin\s+(?:de\s+(?:la\s+)?)?semaine)\b")
_BETWEEN_RE = re.compile(
    r"\b(?:entre\s+(?:le\s+mois\s+de\s+)?" + _MONTH.format("first_month")
    + r"\s+et\s+(?:le\s+mois\s+de\s+)?|" + _MONTH.format("first_month2") + r"\s*[-/]\s*)"
    + _MONTH.format("month") + _YEAR
)  # fmt: skip
_PART_OF_MONTH_RE = re.compile(
    r"\b(?P<part>fin|debut|mi)[\s-]*(?:du\s+mois\s+(?:de\s+|d')|de\s+|d')?"
    + _MONTH_ANY.format("month") + _YEAR
)  # fmt: skip
_PART_OF_THIS_MONTH_RE = re.compile(
    r"\b(?P<part>fin|debut|mi)[\s-]*(?:du|de)\s+(?:ce\s+|le\s+)?mois(?P<next>\s+prochain)?\b"
)
_QUARTER_RE = re.compile(
    r"(?:\b[tq](?P<q>[1-4])|\b" + _ORDINAL.format("nth") + r"\s+(?P<unit>trimestre|semestre))"
    r"(?:\s+(?:de\s+|d'\s*)?(?P<year>(?:19|20)\d\d))?\b"
    r"|\bs(?P<s>[12])\s+(?P<syear>(?:19|20)\d\d)\b"
)
_NEXT_MONTH_RE = re.compile(r"\b(?:le\s+)?mois\s+prochain\b")
_END_OF_YEAR_RE = re.compile(
    r"\bfin\s+(?:(?P<year>(?:19|20)\d\d)|d'\s*annee|de\s+l'\s*annee|de\s+cette\s+annee)\b"
)
_WHOLE_MONTH_RE = re.compile(_MONTH.format("month") + _YEAR)
# The fallback to dateparser only runs on text with an English date word: anything French
# it could read is already covered above, and ungated it reads "mar" or "10%" as dates.
_FALLBACK_GATE_RE = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|may\s+\d|\d+\s+may|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|today|tomorrow|tonight|in\s+\d+\s+(?:days?|weeks?|months?))\b"
)

_END_OF_DAY = time(23, 59, 59)


# --- Normalization -------------------------------------------------------------------------


def _one_deletion(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def _within_one_edit(typed: str, word: str) -> bool:
    """One letter missing, extra, wrong, or two neighbours swapped."""
    if abs(len(typed) - len(word)) > 1:
        return False
    if len(typed) == len(word):
        diffs = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and typed[diffs[0]] == word[diffs[1]]
            and typed[diffs[1]] == word[diffs[0]]
        )
    shorter, longer = sorted((typed, word), key=len)
    return shorter in _one_deletion(longer)


# Symmetric-delete index: a typo and its word share a string with at most one letter deleted.
_TYPO_INDEX: dict[str, list[str]] = {}
for _word in _FIXABLE_WORDS:
    for _key in {_word, *_one_deletion(_word)}:
        _TYPO_INDEX.setdefault(_key, []).append(_word)
_KNOWN_WORDS = frozenset(_FIXABLE_WORDS) | _KEEP_WORDS


@lru_cache(maxsize=4096)
def _fix_typo(word: str) -> str:
    if word in _KNOWN_WORDS:
        return word
    for key in (word, *_one_deletion(word)):
        for candidate in _TYPO_INDEX.get(key, ()):
            if _within_one_edit(word, candidate):
                return candidate
    return word


# English minutes ("Action points | Responsible | Deadline") write their deadlines in
# English: they are read as their French words, so one set of readers serves both.
_ENGLISH_PHRASES = (
    (
        r"\b(?:by|before|at|for|during)\s+(?:the\s+)?next\s+(?:cluster\s+)?meeting\b",
        "avant la prochaine reunion",
    ),
    (r"\b(?:the\s+)?next\s+(?:cluster\s+)?meeting\b", "la prochaine reunion"),
    (r"\bend\s+of\s+(?:the\s+)?month\b", "fin du mois"),
    (r"\bend\s+of\s+(?:the\s+)?week\b", "fin de semaine"),
    (r"\bend\s+of\s+(?:the\s+)?year\b", "fin d'annee"),
    (r"\b(?:end\s+of|late)\s+", "fin "),
    (r"\b(?:beginning\s+of|early|start\s+of)\s+", "debut "),
    (r"\b(?:middle\s+of|mid)[\s-]+", "mi-"),
    (r"\bnext\s+week\b", "la semaine prochaine"),
    (r"\bthis\s+week\b", "cette semaine"),
    (r"\bnext\s+month\b", "le mois prochain"),
    (r"\bnext\s+(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", r"\1 prochain"),
    (r"\b(?:within|in)\s+", "dans "),
    (r"\bby\s+", "d'ici "),
    (r"\bbefore\s+", "avant "),
)
_ENGLISH_PHRASE_RES = tuple((re.compile(pattern), french) for pattern, french in _ENGLISH_PHRASES)
_ENGLISH_WORDS = {
    "january": "janvier", "february": "fevrier", "march": "mars", "april": "avril",
    "may": "mai", "june": "juin", "july": "juillet", "august": "aout",
    "september": "septembre", "october": "octobre", "november": "novembre",
    "december": "decembre", "monday": "lundi", "tuesday": "mardi", "wednesday": "mercredi",
    "thursday": "jeudi", "friday": "vendredi", "saturday": "samedi", "sunday": "dimanche",
    "week": "semaine", "weeks": "semaines", "month": "mois", "months": "mois", "day": "jour",
    "days": "jours", "two": "deux", "three": "trois", "four": "quatre", "one": "un",
    "today": "aujourd'hui", "tomorrow": "demain",
}  # fmt: skip
_ORDINAL_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b(?:\s+of\b)?")
_MONTH_DAY_RE = re.compile(
    r"\b(janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)"
    r"\s+(\d{1,2})(?![\d/:h])"
)
_ENGLISH_RE = re.compile(
    r"\b(?:" + "|".join(_ENGLISH_WORDS) + r"|next|end|mid|early|late|by|within)\b"
)


def _from_english(text: str) -> str:
    if not _ENGLISH_RE.search(text):
        return text
    for pattern, french in _ENGLISH_PHRASE_RES:
        text = pattern.sub(french, text)
    text = _ORDINAL_RE.sub(r"\1", text)  # "25th of October", "August 27th"
    text = re.sub(r"[a-z]+", lambda m: _ENGLISH_WORDS.get(m.group(), m.group()), text)
    return _MONTH_DAY_RE.sub(r"\2 \1", text)  # "October 25": the day first


def _normalize(text: str) -> str:
    """Lower case, no accents, plain apostrophes, single spaces, date words spelled right,
    "1 ^{er}"/"1ier"/"1 er" -> "1er", "21octobre" -> "21 octobre", "quinze mai" -> "15 mai";
    English date words in their French form ("end of May" -> "fin mai")."""
    text = _from_english(fold(text))
    text = _SUPERSCRIPT_ER_RE.sub(r"\1", text)
    text = _FIRST_RE.sub("1er", text)
    text = _GLUED_RE.sub(" ", text)
    text = _WORD_RE.sub(lambda m: _fix_typo(m.group()), text)
    text = " ".join(text.split())
    text = _DAY_WORD_RE.sub(lambda m: f"{_DAY_WORDS[_SEPARATORS_RE.sub(' ', m['word'])]} ", text)
    return text.strip(" .!")


# --- Calendar helpers ----------------------------------------------------------------------


class _ImpossibleDate(Exception):
    """The text names a day that does not exist ("30 février"): no deadline, no guessing."""


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _next_day_month(today: date, month: int, day: int, year: int | None) -> date:
    """The given day, or without a year its next occurrence on or after today."""
    if year is not None:
        found = _safe_date(year, month, day)
        if found is None:
            raise _ImpossibleDate
        return found
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: impossible every year
        raise _ImpossibleDate
    candidate_year = today.year
    while (candidate := _safe_date(candidate_year, month, day)) is None or candidate < today:
        candidate_year += 1  # 29 February waits for the next leap year
    return candidate


def _next_day_of_month(today: date, day: int, weekday: int | None = None) -> date:
    """ "le 15": the next 15th on or after today ("le 31" in November is 31 December). With a
    weekday ("vendredi 28"), the first such day that falls on it within a year, if any."""
    if not 1 <= day <= 31:
        raise _ImpossibleDate
    found: list[date] = []
    month_start = today.replace(day=1)
    for _ in range(13):
        candidate = _safe_date(month_start.year, month_start.month, day)
        if candidate is not None and candidate >= today:
            if weekday is None or candidate.weekday() == weekday:
                return candidate
            found.append(candidate)
        month_start = _add_months(month_start, 1)
    return found[0]


def _next_month_end(today: date, month: int, year: int | None, day: int | None = None) -> date:
    """The last day (or `day`) of `month`; without a year, the first one on or after today."""
    candidate_year = today.year if year is None else year
    end = _last_day(candidate_year, month) if day is None else date(candidate_year, month, day)
    if year is None and end < today:
        return _next_month_end(today, month, candidate_year + 1, day)
    return end


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _add_working_days(start: date, days: int) -> date:
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def _work_week_friday(today: date) -> date:
    """The Friday of this working week; on a weekend, of the coming one."""
    if today.weekday() >= 5:
        today += timedelta(days=7 - today.weekday())
    return today + timedelta(days=4 - today.weekday())


def _year(match: re.Match[str], group: str = "year") -> int | None:
    value = match.group(group)
    if value is None:
        return None
    return int(value) + 2000 if len(value) == 2 else int(value)


def _count(value: str) -> int:
    return int(value) if value.isdigit() else _NUMBER_WORDS[value]


def _month_of(name: str) -> int:
    """ "novembre", "nov", "nov." -> 11."""
    name = name.rstrip(".")
    return _MONTH_NUMBER.get(name) or _MONTH_ABBREVIATION[name]


def _month_label(month: int) -> str:
    return MONTHS[month - 1]


# --- Readers: each returns (last day, label) or None; label None means a plain day -----------

_Found = tuple[date, str | None]


def _read_iso(text: str, today: date) -> _Found | None:
    if match := _ISO_RE.search(text):
        return _next_day_month(today, int(match["month"]), int(match["day"]), _year(match)), None
    return None


def _read_week_of(text: str, today: date) -> _Found | None:
    """ "la semaine du 7 novembre": the working week holding that day, due its Friday."""
    if not (match := _WEEK_OF_RE.search(text)):
        return None
    day = int(match["day"])
    if match["month"]:
        month, year = _month_of(match["month"]), _year(match)
    else:
        month, year = int(match["nmonth"]), _year(match, "nyear")
    if _safe_date(2000, month, day) is None:
        raise _ImpossibleDate
    candidate_year = today.year if year is None else year
    while True:
        start = _safe_date(candidate_year, month, day)
        if start is None and year is not None:
            raise _ImpossibleDate
        if start is not None:
            monday = start - timedelta(days=start.weekday())
            friday = monday + timedelta(days=4)
            if year is not None or friday >= today:
                return friday, f"semaine du {_short_date(monday)}"
        candidate_year += 1


def _read_range(text: str, today: date) -> _Found | None:
    """ "du 7 au 11 novembre", "entre le 7 et le 11 novembre", "du 07/11 au 11/11": due at
    the end."""
    if match := _RANGE_RE.search(text):
        month = _month_of(match["month"])
        first_month = _month_of(match["first_month"]) if match["first_month"] else month
    elif match := _NUMERIC_RANGE_RE.search(text):
        month = int(match["month"])
        first_month = int(match["first_month"] or month)
    else:
        return None
    year = _year(match)
    if not 1 <= month <= 12 or _safe_date(2000, first_month, int(match["first"])) is None:
        raise _ImpossibleDate
    end = _next_day_month(today, month, int(match["day"]), year)
    first = int(match["first"])
    first_label = "1er" if first == 1 else str(first)
    if first_month != month:
        first_label += f" {_month_label(first_month)}"
    year_label = f" {year}" if year else ""
    return end, f"du {first_label} au {_short_date(end)}{year_label}"


def _read_numeric(text: str, today: date) -> _Found | None:
    if not (match := _NUMERIC_RE.search(text)):
        return None
    month = int(match["month"] or match["month2"])
    year = _year(match) if match["month"] else _year(match, "year2")
    if not 1 <= month <= 12:
        raise _ImpossibleDate
    return _next_day_month(today, month, int(match["day"]), year), None


def _read_textual(text: str, today: date) -> _Found | None:
    if not (match := _TEXTUAL_RE.search(text)):
        return None
    return _next_day_month(today, _month_of(match["month"]), int(match["day"]), _year(match)), None


def _read_weekday_day(text: str, today: date) -> _Found | None:
    if not (match := _WEEKDAY_DAY_RE.search(text)):
        return None
    name = match["weekday"]
    weekday = _WEEKDAY_NUMBER.get(name, _WEEKDAY_ABBREVIATION.get(name))
    return _next_day_of_month(today, int(match["day"]), weekday), None


def _read_day_of_month(text: str, today: date) -> _Found | None:
    if match := _DAY_OF_MONTH_RE.search(text):
        return _next_day_of_month(today, int(match["day"])), None
    return None


def _read_near_day(text: str, today: date) -> _Found | None:
    if match := _TOMORROW_RE.search(text):
        return today + timedelta(days=2 if match["after"] else 1), None
    if _TODAY_RE.search(text):
        return today, None
    return None


def _read_duration(text: str, today: date) -> _Found | None:
    """ "dans 3 jours", "sous quinzaine", "d'ici deux semaines", "dans 3 jours ouvrables"."""
    if not (match := _IN_RE.search(text)):
        return None
    if match["lump"]:
        return today + timedelta(days=14 if match["lump"] == "quinzaine" else 7), None
    count, unit = match["count"], match["unit"]
    amount = _count(count)
    if unit.startswith("mois"):
        return _add_months(today, amount), None
    if unit.startswith("semaine"):
        return today + timedelta(weeks=amount), None
    if match["working"]:
        return _add_working_days(today, amount), None
    if count in ("huit", "quinze"):  # idioms: "dans huit jours" is in a week
        amount -= 1
    return today + timedelta(days=amount), None


def _read_weekday(text: str, today: date) -> _Found | None:
    if not (match := _WEEKDAY_RE.search(text)):
        return None
    weekday = _WEEKDAY_NUMBER[match["weekday"]]
    if _NEXT_WEEK_RE.search(text):  # "mardi de la semaine prochaine"
        return today + timedelta(days=7 - today.weekday() + weekday), None
    ahead = (weekday - today.weekday() - 1) % 7 + 1
    return today + timedelta(days=ahead), None  # strictly after today, "prochain" or not


def _read_week(text: str, today: date) -> _Found | None:
    """Working weeks end on Friday."""
    friday = _work_week_friday(today)
    if _NEXT_WEEK_RE.search(text):
        friday = today + timedelta(days=4 - today.weekday() + 7)
    elif not _THIS_WEEK_RE.search(text):
        return None
    return friday, f"semaine du {_short_date(friday - timedelta(days=4))}"


def _read_between_months(text: str, today: date) -> _Found | None:
    if not (match := _BETWEEN_RE.search(text)):
        return None
    first = _MONTH_NUMBER[match["first_month"] or match["first_month2"]]
    last = _MONTH_NUMBER[match["month"]]
    end = _next_month_end(today, last, _year(match))
    return end, f"entre {_month_label(first)} et {_month_label(last)} {end.year}"


def _part_of_month(part: str, month: int, year: int | None, today: date) -> _Found:
    """ "fin avril" is the last day, "début avril" its first ten days, "mi-avril" the 15th."""
    if part == "mi":
        return _next_month_end(today, month, year, 15), None
    if part == "debut":
        return _next_month_end(today, month, year, 10), f"début {_month_label(month)}"
    return _next_month_end(today, month, year), f"fin {_month_label(month)}"


def _read_part_of_month(text: str, today: date) -> _Found | None:
    if match := _PART_OF_THIS_MONTH_RE.search(text):
        month_start = _add_months(today.replace(day=1), 1 if match["next"] else 0)
        return _part_of_month(match["part"], month_start.month, month_start.year, today)
    if match := _PART_OF_MONTH_RE.search(text):
        year = _year(match)
        end, label = _part_of_month(match["part"], _month_of(match["month"]), year, today)
        return end, (f"{label} {year}" if label and year else label)
    return None


def _read_quarter(text: str, today: date) -> _Found | None:
    """Calendar quarters and semesters: "T2 2017", "second semestre", "1er trimestre"."""
    if not (match := _QUARTER_RE.search(text)):
        return None
    if match["s"]:
        months, number, year = 6, int(match["s"]), _year(match, "syear")
    elif match["q"]:
        months, number, year = 3, int(match["q"]), _year(match)
    else:
        months = 3 if match["unit"] == "trimestre" else 6
        nth = match["nth"]
        number = 12 // months if nth == "dernier" else _ORDINAL_NUMBER[nth]
        if number > 12 // months:
            return None
        year = _year(match)
    end = _next_month_end(today, months * number, year)
    if months == 3:
        return end, f"T{number} {end.year}"
    return end, f"{'1er' if number == 1 else '2e'} semestre {end.year}"


def _read_year_end(text: str, today: date) -> _Found | None:
    if match := _END_OF_YEAR_RE.search(text):
        year = _year(match) or today.year
        return date(year, 12, 31), f"fin {year}"
    return None


def _read_month(text: str, today: date) -> _Found | None:
    if _NEXT_MONTH_RE.search(text):
        month_start = _add_months(today.replace(day=1), 1)
        end = _last_day(month_start.year, month_start.month)
    elif match := _WHOLE_MONTH_RE.search(text):
        end = _next_month_end(today, _MONTH_NUMBER[match["month"]], _year(match))
    else:
        return None
    return end, f"{_month_label(end.month)} {end.year}"


# Most precise first: a day inside a sentence wins over the month it also names.
_READERS: tuple[Callable[[str, date], _Found | None], ...] = (
    _read_iso,
    _read_week_of,
    _read_range,
    _read_numeric,
    _read_textual,
    _read_weekday_day,
    _read_day_of_month,
    _read_near_day,
    _read_duration,
    _read_weekday,
    _read_week,
    _read_between_months,
    _read_part_of_month,
    _read_quarter,
    _read_year_end,
    _read_month,
)


def _read_meeting(text: str) -> int | None:
    """Days before the next meeting, for "une semaine avant la prochaine réunion"."""
    match = _MEETING_RE.search(text)
    if match is None:
        return None
    if match["eve"]:
        return 2 if "avant" in match["eve"] else 1
    if match["count"]:
        amount = _count(match["count"])
        if match["unit"].startswith("semaine"):
            return 7 * amount
        return amount - 1 if match["count"] in ("huit", "quinze") else amount
    return 0


def _is_recurring(text: str) -> bool:
    if _RECURRING_RE.search(text):
        return True
    return len(text.split()) <= 4 and _RECURRING_WORD_RE.search(text) is not None


@lru_cache(maxsize=8)
def _fallback_parser(relative_base: datetime) -> DateDataParser:
    # Imported lazily: loading dateparser's language data costs about a quarter of a second
    # and most deadlines never need it.
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "future",
        "DATE_ORDER": "DMY",
        "RELATIVE_BASE": relative_base,
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=["fr", "en"], settings=settings)


def _fallback(text: str, local_now: datetime) -> date | None:
    if not _FALLBACK_GATE_RE.search(text):
        return None
    base = local_now.replace(tzinfo=None, second=0, microsecond=0)
    found = _fallback_parser(base).get_date_data(text).date_obj
    if found is None or found.date() < local_now.date():
        return None
    return found.date()


def _find_time(text: str) -> time | None:
    match = _TIME_RE.search(text)
    if match is None:
        return None
    if match["noon"]:
        return time(12, 0)
    return time(int(match["hour"]), int(match["minute"] or match["minute2"] or 0))


def _end_of(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, _END_OF_DAY, tzinfo=tz).astimezone(UTC)


def _squash(text: str) -> str:
    return " ".join(text.split())


def parse_deadline(
    text: str, *, now: datetime, tz: ZoneInfo, past: bool = False
) -> Deadline | Undated | MeetingRelative | None:
    """The deadline in `text`, typed at `now`, read in the cluster's time zone `tz`.

    Undated: wording that names no date on purpose, or an ongoing task ("en permanence").
    MeetingRelative: tied to the next meeting. None: no deadline found (names,
    organisations, "2 000 kits", "", recurring wording, events such as "après validation",
    impossible dates like "30 février").

    `past`: the text may name a day already gone, as a follow-up table of the previous
    meeting's actions does ("15 mars", read at a meeting of April, is the 15 March it was
    due, not next year's)."""
    normalized = _normalize(text)
    if not normalized:
        return None
    if _ALWAYS_RE.search(normalized):
        return Undated(_squash(text))
    if _is_recurring(normalized):
        return None
    local_now = now.astimezone(tz)
    if _NOW_RE.search(normalized):
        return Deadline(_end_of(_working_day_from(local_now.date()), tz), Precision.DAY)
    found = _parse_days(text, normalized, local_now, tz)
    if past and isinstance(found, Deadline) and not _YEAR_RE.search(normalized):
        return _nearest_year(found, local_now, tz)
    return found


def _working_day_from(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")
_HALF_YEAR = timedelta(days=183)


def _nearest_year(found: Deadline, now: datetime, tz: ZoneInfo) -> Deadline:
    """A day without its year read as the nearest one: a year earlier when the next one is
    more than half a year ahead and the earlier one less than half a year back."""
    if found.due - now <= _HALF_YEAR:
        return found
    local = found.due.astimezone(tz)
    try:
        earlier = local.replace(year=local.year - 1)
    except ValueError:  # 29 February
        return found
    if now - earlier > _HALF_YEAR:
        return found
    return replace(found, due=earlier.astimezone(UTC))


def _parse_days(
    text: str, normalized: str, local_now: datetime, tz: ZoneInfo
) -> Deadline | Undated | MeetingRelative | None:
    today = local_now.date()

    match = _IN_HOURS_RE.search(normalized)
    if match and (match["by"] != "d'ici" or _count(match["count"]) >= 24):  # counted from now
        due = local_now.replace(second=0, microsecond=0) + timedelta(hours=_count(match["count"]))
        return Deadline(due.astimezone(UTC), Precision.MOMENT)

    found: _Found | None = None
    try:
        for reader in _READERS:
            if (found := reader(normalized, today)) is not None:
                break
    except _ImpossibleDate:
        return None
    if found is not None and found[1] is not None:
        return Deadline(_end_of(found[0], tz), Precision.PERIOD, found[1])

    day = found[0] if found is not None else None
    if day is None:
        if (days_before := _read_meeting(normalized)) is not None:
            return MeetingRelative(days_before, _squash(text))
        if _UNDATED_RE.search(normalized):
            return Undated(_squash(text))
        day = _fallback(normalized, local_now)
    at = _find_time(normalized)
    if day is None and at is not None:  # a bare hour: the next time it strikes
        day = today if at > local_now.time() else today + timedelta(days=1)
    if day is None:
        return None
    if at is None:
        return Deadline(_end_of(day, tz), Precision.DAY)
    return Deadline(datetime.combine(day, at, tzinfo=tz).astimezone(UTC), Precision.MOMENT)


# --- Formatting ----------------------------------------------------------------------------


def _short_date(day: date) -> str:
    return f"{'1er' if day.day == 1 else day.day} {_month_label(day.month)}"


def _long_date(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {_short_date(day)} {day.year}"


def format_deadline(deadline: Deadline, *, tz: ZoneInfo) -> str:
    """French, with weekday and year, in tz: "mardi 25 octobre 2016",
    "vendredi 21 octobre 2016 à 10h00", "fin avril : dimanche 30 avril 2017"."""
    local = deadline.due.astimezone(tz)
    if deadline.precision is Precision.MOMENT:
        return f"{_long_date(local.date())} à {local.hour}h{local.minute:02d}"
    if deadline.precision is Precision.PERIOD and deadline.label:
        return f"{deadline.label} : {_long_date(local.date())}"
    return _long_date(local.date())
