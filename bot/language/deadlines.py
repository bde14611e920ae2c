"""Read and write the deadlines ("échéances") of coordination meeting actions.

Coordinators type deadlines in French on phones: "21 octobre", "le 02 Mai", "fin avril",
"en Avril", "entre Mai et Juin 2017", "d'ici vendredi", "dans les mois à venir". A regex
layer reads these first, because dateparser reads many of them badly ("fin avril", "mi-mai",
"lundi prochain" -> nothing; "mar", "10%", "3" -> a date) and costs 1-3 ms per call. dateparser
is only the fallback for the rest (mostly English: "tomorrow", "October 25", "next Friday"),
behind a keyword gate so that it never sees a bare number or an acronym.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from dateparser.date import DateDataParser

__all__ = ["Deadline", "Precision", "Undated", "format_deadline", "parse_deadline"]


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


# --- Vocabulary (matched on lower-case text without accents) -------------------------------

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")  # fmt: skip
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")


def _fold(text: str) -> str:
    """Lower case without accents: coordinators on phones often skip them ("fevrier")."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


_MONTH_NUMBER = {_fold(_name): _i + 1 for _i, _name in enumerate(MONTHS)}
# Abbreviations are accepted only right after a day number ("21 oct."), never alone:
# alone, "mar" or "dec" are too often something else.
_MONTH_ABBREVIATION = {"janv": 1, "fev": 2, "fevr": 2, "avr": 4, "juil": 7, "sep": 9,
                       "sept": 9, "oct": 10, "nov": 11, "dec": 12}  # fmt: skip
_WEEKDAY_NUMBER = {_name: _i for _i, _name in enumerate(WEEKDAYS)}
_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6,
                 "sept": 7, "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12,
                 "quinze": 15, "vingt": 20, "trente": 30}  # fmt: skip

_MONTH = r"(?<![a-z])(?P<{}>" + "|".join(sorted(_MONTH_NUMBER, key=len, reverse=True)) + r")\b"
_MONTH_OR_ABBR = (
    r"(?P<month>"
    + "|".join(sorted([*_MONTH_NUMBER, *_MONTH_ABBREVIATION], key=len, reverse=True))
    + r")\b\.?"
)
_YEAR = r"(?:\s+(?P<year>(?:19|20)\d\d)\b)?"
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(_NUMBER_WORDS) + r")"

# "10h", "14h30", "14 h 30", "10 heures", "10:30"; not "3 hommes", "48h", "Phase 3: ...".
_TIME_RE = re.compile(
    r"(?<![\d/.:])(?P<hour>[01]?\d|2[0-3])\s*"
    r"(?:h(?:eures?)?(?![a-z])\s*(?P<minute>[0-5]\d)?|:(?P<minute2>[0-5]\d))(?![\d%a-z])"
)
_ISO_RE = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
# "25/10", "25/10/2016", "31.10.2016", "31-10-16". Dots and dashes need a year: "2.5" is a
# number, not the 2nd of May.
_NUMERIC_RE = re.compile(
    r"(?<![\d/.,-])(?P<day>\d{1,2})(?:/(?P<month>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"
    r"|[.-](?P<month2>\d{1,2})[.-](?P<year2>\d{4}|\d{2}))(?![\d/%,]|\.\d)"
)
_RANGE_RE = re.compile(
    r"\bdu\s+(?P<first>\d{1,2})(?:er)?(?:\s+" + _MONTH.format("first_month") + r")?"
    r"\s+au\s+(?P<day>\d{1,2})(?:er)?\s+" + _MONTH.format("month") + _YEAR
)
_TEXTUAL_RE = re.compile(r"\b(?P<day>\d{1,2})\s*(?:er)?\s*(?:de\s+)?" + _MONTH_OR_ABBR + _YEAR)
_DAY_OF_MONTH_RE = re.compile(
    r"\b(?:le|jusqu'au)\s+(?P<day>\d{1,2})(?:er)?"
    r"(?=\s*$|\s*[,.;:!?)-]|\s+(?:a|des|vers)\s+\d|\s+\d{1,2}\s*h)"
)
_WEEKDAY_RE = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")
_TOMORROW_RE = re.compile(r"\b(?P<after>apres[\s-]*)?demain\b")
_TODAY_RE = re.compile(r"\b(?:aujourd'hui|ce jour)\b")
_IN_RE = re.compile(
    r"\b(?:dans|sous|d'ici)\s+(?:les\s+|un\s+delai\s+de\s+)?" + _COUNT
    + r"\s+(?P<unit>jours?|semaines?|mois)\b"
    r"|\b(?:dans|sous)\s+(?:une\s+)?(?P<fortnight>quinzaine)\b"
)  # fmt: skip
_NEXT_WEEK_RE = re.compile(r"\bsemaine\s+prochaine\b")
_THIS_WEEK_RE = re.compile(r"\b(?:cette\s+semaine|fin\s+(?:de\s+(?:la\s+)?)?semaine)\b")
_BETWEEN_RE = re.compile(
    r"\bentre\s+(?:le\s+mois\s+de\s+)?" + _MONTH.format("first_month")
    + r"\s+et\s+(?:le\s+mois\s+de\s+)?" + _MONTH.format("month") + _YEAR
)  # fmt: skip
_PART_OF_MONTH_RE = re.compile(
    r"\b(?P<part>fin|debut|mi)[\s-]*(?:du\s+mois\s+(?:de\s+|d')|de\s+|d')?"
    + _MONTH.format("month") + _YEAR
)  # fmt: skip
_PART_OF_THIS_MONTH_RE = re.compile(
    r"\b(?P<part>fin|debut|mi)[\s-]*(?:du|de)\s+(?:ce\s+|le\s+)?mois(?P<next>\s+prochain)?\b"
)
_NEXT_MONTH_RE = re.compile(r"\b(?:le\s+)?mois\s+prochain\b")
_END_OF_YEAR_RE = re.compile(
    r"\bfin\s+(?:(?P<year>(?:19|20)\d\d)|d'annee|de\s+l'annee|de\s+cette\s+annee)\b"
)
_WHOLE_MONTH_RE = re.compile(_MONTH.format("month") + _YEAR)
_UNDATED_RE = re.compile(
    r"\b(?:dans\s+les\s+(?:prochain|jours|semaines|mois|annees)\w*\s*(?:a\s+venir|prochain\w*)?"
    r"|(?:les|des)\s+prochain(?:e?s)\s+(?:jours|semaines|mois)|prochainement"
    r"|des\s+que\s+possible|asap|au\s+plus\s+(?:vite|tot)|le\s+plus\s+(?:tot|vite)\s+possible"
    r"|selon\s+(?:les\s+)?besoins?|en\s+fonction\s+des\s+besoins|en\s+continu|permanent"
    r"|en\s+permanence|a\s+(?:determiner|definir|confirmer)|dans\s+(?:un\s+bref|les\s+meilleurs)"
    r"\s+delais?)\b"
)
# The fallback to dateparser only runs on text with an English date word: anything French
# it could read is already covered above, and ungated it reads "mar" or "10%" as dates.
_FALLBACK_GATE_RE = re.compile(
    r"\b(?:january|february|march|april|june|july|august|september|october|november|december"
    r"|may\s+\d|\d+\s+may|monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|today|tomorrow|tonight|in\s+\d+\s+(?:days?|weeks?|months?))\b"
)

_END_OF_DAY = time(23, 59, 59)


# --- Parsing -------------------------------------------------------------------------------


def _normalize(text: str) -> str:
    """Lower-case, no accents, plain apostrophes, single spaces, "1 ^{er}" -> "1er"."""
    text = re.sub(r"[’‘`´]", "'", _fold(text))
    text = re.sub(r"\s*\^\s*\{?\s*(er)\s*\}?", r"\1", text)
    return " ".join(text.split()).strip(" .")


def _last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


class _ImpossibleDate(Exception):
    """The text names a day that does not exist ("30 février"): no deadline, no guessing."""


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


def _year(match: re.Match[str], group: str = "year") -> int | None:
    value = match.group(group)
    if value is None:
        return None
    return int(value) + 2000 if len(value) == 2 else int(value)


def _month_label(month: int) -> str:
    return MONTHS[month - 1]


def _find_time(normalized: str) -> time | None:
    match = _TIME_RE.search(normalized)
    if match is None:
        return None
    return time(int(match["hour"]), int(match["minute"] or match["minute2"] or 0))


def _in_some_time(match: re.Match[str], today: date) -> date:
    """ "dans 3 jours", "sous quinzaine", "d'ici deux semaines", "dans un mois"."""
    if match["fortnight"]:
        return today + timedelta(days=14)
    count, unit = match["count"], match["unit"]
    amount = int(count) if count.isdigit() else _NUMBER_WORDS[count]
    if unit.startswith("mois"):
        return _add_months(today, amount)
    if unit.startswith("semaine"):
        return today + timedelta(weeks=amount)
    if count in ("huit", "quinze"):  # idioms: "dans huit jours" is in a week
        amount -= 1
    return today + timedelta(days=amount)


def _find_day(normalized: str, today: date) -> date | None:
    """A single day named in the text; raises _ImpossibleDate for a day that cannot exist."""
    if match := _ISO_RE.search(normalized):
        return _next_day_month(today, int(match["month"]), int(match["day"]), _year(match))
    if match := _NUMERIC_RE.search(normalized):
        month = int(match["month"] or match["month2"])
        year = _year(match) if match["month"] else _year(match, "year2")
        return _next_day_month(today, month, int(match["day"]), year)
    if match := _RANGE_RE.search(normalized):  # "du 3 au 6 avril 2017": due at the end
        return _next_day_month(
            today, _MONTH_NUMBER[match["month"]], int(match["day"]), _year(match)
        )
    if match := _TEXTUAL_RE.search(normalized):
        name = match["month"].rstrip(".")
        month = _MONTH_NUMBER.get(name) or _MONTH_ABBREVIATION[name]
        return _next_day_month(today, month, int(match["day"]), _year(match))
    if match := _DAY_OF_MONTH_RE.search(normalized):
        day = int(match["day"])
        if not 1 <= day <= 31:
            raise _ImpossibleDate
        month_start = today.replace(day=1)  # "le 31" typed in November is 31 December
        while (candidate := _safe_date(month_start.year, month_start.month, day)) is None or (
            candidate < today
        ):
            month_start = _add_months(month_start, 1)
        return candidate
    if match := _TOMORROW_RE.search(normalized):
        return today + timedelta(days=2 if match["after"] else 1)
    if _TODAY_RE.search(normalized):
        return today
    if match := _IN_RE.search(normalized):
        return _in_some_time(match, today)
    if match := _WEEKDAY_RE.search(normalized):
        weekday = _WEEKDAY_NUMBER[match["weekday"]]
        if _NEXT_WEEK_RE.search(normalized):  # "mardi de la semaine prochaine"
            return today + timedelta(days=7 - today.weekday() + weekday)
        ahead = (weekday - today.weekday() - 1) % 7 + 1
        return today + timedelta(days=ahead)  # strictly after today, "prochain" or not
    return None


def _find_period(normalized: str, today: date) -> tuple[date, str | None] | None:
    """A period named in the text: its last day and how to say it (None: a plain day)."""
    friday = today + timedelta(days=4 - today.weekday())
    if _NEXT_WEEK_RE.search(normalized):  # the work week ends on Friday
        return friday + timedelta(days=7), f"semaine du {_short_date(friday + timedelta(3))}"
    if _THIS_WEEK_RE.search(normalized):
        return max(friday, today), f"semaine du {_short_date(friday - timedelta(days=4))}"
    if match := _BETWEEN_RE.search(normalized):
        first, last = _MONTH_NUMBER[match["first_month"]], _MONTH_NUMBER[match["month"]]
        end = _next_month_end(today, last, _year(match))
        return end, f"entre {_month_label(first)} et {_month_label(last)} {end.year}"
    if match := _PART_OF_THIS_MONTH_RE.search(normalized):
        month_start = _add_months(today.replace(day=1), 1 if match["next"] else 0)
        return _part_of_month(match["part"], month_start.month, month_start.year, today)
    if match := _PART_OF_MONTH_RE.search(normalized):
        year = _year(match)
        end, label = _part_of_month(match["part"], _MONTH_NUMBER[match["month"]], year, today)
        return end, (f"{label} {year}" if label and year else label)
    if match := _END_OF_YEAR_RE.search(normalized):
        year = _year(match) or today.year
        return date(year, 12, 31), f"fin {year}"
    if _NEXT_MONTH_RE.search(normalized):
        month_start = _add_months(today.replace(day=1), 1)
        end = _last_day(month_start.year, month_start.month)
        return end, f"{_month_label(end.month)} {end.year}"
    if match := _WHOLE_MONTH_RE.search(normalized):
        end = _next_month_end(today, _MONTH_NUMBER[match["month"]], _year(match))
        return end, f"{_month_label(end.month)} {end.year}"
    return None


def _part_of_month(part: str, month: int, year: int | None, today: date) -> tuple[date, str | None]:
    """ "fin avril" is the last day, "début avril" its first ten days, "mi-avril" the 15th."""
    if part == "mi":
        return _next_month_end(today, month, year, 15), None
    if part == "debut":
        return _next_month_end(today, month, year, 10), f"début {_month_label(month)}"
    return _next_month_end(today, month, year), f"fin {_month_label(month)}"


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


def _fallback(normalized: str, local_now: datetime) -> date | None:
    if not _FALLBACK_GATE_RE.search(normalized):
        return None
    base = local_now.replace(tzinfo=None, second=0, microsecond=0)
    found = _fallback_parser(base).get_date_data(normalized).date_obj
    if found is None or found.date() < local_now.date():
        return None
    return found.date()


def _end_of(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, _END_OF_DAY, tzinfo=tz).astimezone(UTC)


def parse_deadline(text: str, *, now: datetime, tz: ZoneInfo) -> Deadline | Undated | None:
    """None = no deadline found in text (names, organisations, '2 000 kits', '', impossible
    dates like '30 février')."""
    normalized = _normalize(text)
    if not normalized:
        return None
    local_now = now.astimezone(tz)
    today = local_now.date()

    try:
        day = _find_day(normalized, today)
    except _ImpossibleDate:
        return None
    if day is None and (period := _find_period(normalized, today)) is not None:
        end, label = period
        if label is None:
            return Deadline(_end_of(end, tz), Precision.DAY)
        return Deadline(_end_of(end, tz), Precision.PERIOD, label)
    if day is None and _UNDATED_RE.search(normalized):
        return Undated(" ".join(text.split()))
    if day is None:
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
