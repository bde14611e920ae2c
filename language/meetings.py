"""Read what coordinators type to plan: the next meeting ("2 mai 14h30 bureau du PNUD") and a
milestone ("Soumission des projets OPS — 31 octobre").

parse_deadline finds a date anywhere in a text, so a date and the words around it are told
apart by asking it about shorter pieces: the date is the shortest run of words that it reads
exactly as it reads the whole text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo

from language.deadlines import MONTHS, WEEKDAYS, Deadline, Precision, parse_deadline
from language.folding import fold

__all__ = ["MeetingWhen", "MilestoneText", "Refusal", "read_meeting", "read_milestone"]


class Refusal(StrEnum):
    UNREADABLE = "unreadable"  # no date found
    VAGUE = "vague"  # a period, undated wording, or tied to a meeting: not one day
    PAST = "past"
    NEEDS_HOUR = "needs_hour"  # a meeting today without its hour
    NOT_AT_START = "not_at_start"  # /reunion: the date must come first
    NO_TITLE = "no_title"  # /echeance: a date and nothing to name it


@dataclass(frozen=True)
class MeetingWhen:
    starts_at: datetime  # aware UTC; local midnight of the day when has_time is False
    has_time: bool
    place: str | None
    date_text: str  # the words read as the date


@dataclass(frozen=True)
class MilestoneText:
    title: str
    deadline: Deadline
    date_text: str


_WORD_RE = re.compile(r"\S+")
# Words that may stand before a meeting's date without being its place: "le 2 mai",
# "mardi 2 mai", "ce jeudi à 10h".
_LEADING_FILLERS = frozenset({"le", "la", "l'", "a", "au", "pour", "ce", "cette", *WEEKDAYS})
_DATE_WORDS = frozenset(
    {
        *(fold(m) for m in MONTHS),
        *("janv", "fev", "fevr", "avr", "juil", "sept", "oct", "nov", "dec"),
        *WEEKDAYS,
        *("le", "prochain", "prochaine", "midi", "h", "heure", "heures", "er"),
        *("demain", "apres-demain", "aujourd'hui"),
    }
)
# What joins a date to its place: "14h30, salle OCHA", "à la salle OCHA", "au PNUD".
_PLACE_LEAD_RE = re.compile(
    r"^(?:[\s,;:.—–-]+|(?:à|a)\s+(?:la\s+|l['’]\s*)?|aux?\s+)+", re.IGNORECASE
)
# Words that end a milestone's title when its date follows without a separator:
# "Soumission des projets OPS avant le 31 octobre".
_TRAILING_FILLERS = frozenset(
    {"le", "la", "l'", "a", "au", "pour", "avant", "d'ici", "du", "en", "des", "jusqu'au"}
)
_TITLE_TRAIL_RE = re.compile(r"[\s,;:.—–-]+$")
# Between a milestone's title and its date: "—", "–", " - ", ";", ":".
_SEPARATOR_RE = re.compile(r"\s*(?:[—–;:]|\s-\s)\s*")
# How far a date is looked for. _date_span parses every run of words it tries, so its cost
# grows with the square of the text: 4,000 characters of "octobre" held every chat for
# 0.6 s, 1,000 dashes for 3 s. A date is a few words; what lies beyond is title or place.
_DATE_WINDOW = 24  # words
_DATE_TEXT_MAX = 120  # characters after a separator


def _is_date_word(word: str) -> bool:
    """Words that belong to a date when they touch one: "octobre" in "le 31 octobre"."""
    word = fold(word).strip(",;:.!?()")
    return any(c.isdigit() for c in word) or word in _DATE_WORDS


def _date_span(
    text: str, *, now: datetime, tz: ZoneInfo
) -> tuple[Deadline, int, int] | Refusal | None:
    """How the whole text reads, and the word indexes [first, last) of the date in it: the
    shortest run of words read as the whole text is, grown over the date words touching it
    ("le 31" reads as "le 31 octobre" in October, yet "octobre" is part of the date)."""
    whole = parse_deadline(text, now=now, tz=tz)
    if whole is None:
        return None
    if not isinstance(whole, Deadline):
        return Refusal.VAGUE
    words = list(_WORD_RE.finditer(text))

    def reads_as_whole(first: int, last: int) -> bool:
        piece = text[words[first].start() : words[last - 1].end()]
        return parse_deadline(piece, now=now, tz=tz) == whole

    last = next(k for k in range(1, len(words) + 1) if reads_as_whole(0, k))
    first = 0
    while first + 1 < last and reads_as_whole(first + 1, last):
        first += 1
    while first > 0 and _is_date_word(words[first - 1].group()) and reads_as_whole(first - 1, last):
        first -= 1
    while (
        last < len(words) and _is_date_word(words[last].group()) and reads_as_whole(first, last + 1)
    ):
        last += 1
    return whole, first, last


def read_meeting(text: str, *, now: datetime, tz: ZoneInfo) -> MeetingWhen | Refusal:
    """ "2 mai 14h30 bureau du PNUD", "le 2 mai à 14h30, salle OCHA", "mardi 14h30", "2/5 à 9h":
    the date first, then the place."""
    text = " ".join(text.split())
    words = list(_WORD_RE.finditer(text))
    # The date comes first: it is looked for among the first words only.
    head = text[: words[_DATE_WINDOW - 1].end()] if len(words) > _DATE_WINDOW else text
    span = _date_span(head, now=now, tz=tz)
    if span is None:
        return Refusal.UNREADABLE
    if isinstance(span, Refusal):
        return span
    deadline, first, last = span
    if any(fold(w.group()) not in _LEADING_FILLERS for w in words[:first]):
        return Refusal.NOT_AT_START
    if deadline.precision is Precision.PERIOD:
        return Refusal.VAGUE
    place = _PLACE_LEAD_RE.sub("", text[words[last - 1].end() :]).strip(" ,;.")
    date_text = text[: words[last - 1].end()]
    local_today = now.astimezone(tz).date()
    if deadline.precision is Precision.MOMENT:
        if deadline.due < now:
            return Refusal.PAST
        return MeetingWhen(deadline.due, True, place or None, date_text)
    day = deadline.due.astimezone(tz).date()
    if day < local_today:
        return Refusal.PAST
    if day == local_today:
        return Refusal.NEEDS_HOUR
    starts_at = datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)
    return MeetingWhen(starts_at, False, place or None, date_text)


def read_milestone(text: str, *, now: datetime, tz: ZoneInfo) -> MilestoneText | Refusal:
    """ "Soumission des projets OPS — 31 octobre": the title, a separator, the date. Without a
    separator the date is the end of the text ("Formation DDR 15 novembre")."""
    text = text.strip()
    vague = False
    for separator in reversed(list(_SEPARATOR_RE.finditer(text))):
        title, date_text = text[: separator.start()].strip(), text[separator.end() :].strip()
        if not date_text or len(date_text) > _DATE_TEXT_MAX:
            continue
        parsed = parse_deadline(date_text, now=now, tz=tz)
        if isinstance(parsed, Deadline):
            return _milestone(title, parsed, date_text, now)
        vague = vague or parsed is not None
    if vague:
        return Refusal.VAGUE
    flat = " ".join(text.split())
    words = list(_WORD_RE.finditer(flat))
    # The date ends the text: it is looked for among the last words only.
    skip = max(0, len(words) - _DATE_WINDOW)
    span = _date_span(flat[words[skip].start() :] if words else flat, now=now, tz=tz)
    if span is None:
        return Refusal.UNREADABLE
    if isinstance(span, Refusal):
        return span
    deadline, first, _ = span
    first += skip
    kept = [w.group() for w in words[:first]]
    while kept and fold(kept[-1]) in _TRAILING_FILLERS:
        kept.pop()
    date_text = flat[words[first].start() :]
    return _milestone(" ".join(kept), deadline, date_text, now)


def _milestone(
    title: str, deadline: Deadline, date_text: str, now: datetime
) -> MilestoneText | Refusal:
    title = _TITLE_TRAIL_RE.sub("", title).strip()
    if not title:
        return Refusal.NO_TITLE
    if deadline.due < now:
        return Refusal.PAST
    return MilestoneText(title, deadline, date_text)
