"""The French words of the minutes (days, hours, deadlines, owners, the next meeting, the
file's name): what the handlers say about a report without writing the document, so that
python-docx is loaded only when one is written (bot/documents/minutes.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import texts
from language.deadlines import MONTHS, Deadline, Precision, format_deadline
from storage.models import DeadlinePrecision
from storage.reports import MinutesReport
from storage.views import DeadlineValue, MeetingView, OwnerView


def day_words(moment: datetime, tz: ZoneInfo) -> str:
    """ "15 novembre 2026", "1er décembre 2026"."""
    local = moment.astimezone(tz)
    day = "1er" if local.day == 1 else str(local.day)
    return f"{day} {MONTHS[local.month - 1]} {local.year}"


def hour_words(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local.hour}h{local.minute:02d}"


def deadline_words(deadline: DeadlineValue, tz: ZoneInfo) -> str:
    """A deadline written out as minutes write it: "15 novembre 2026", "fin novembre 2026",
    "avant la prochaine réunion (15 décembre 2026)", "sans date"."""
    due = deadline.due_at
    if deadline.precision == DeadlinePrecision.MEETING:
        said = deadline.text or texts.MEETING_DEADLINE
        if due is None:
            return said
        return texts.MINUTES_MEETING_DEADLINE.format(said=said, day=day_words(due, tz))
    if due is None or deadline.precision == DeadlinePrecision.UNDATED:
        return deadline.text or texts.UNDATED
    if deadline.precision == DeadlinePrecision.MOMENT:
        return texts.MINUTES_AT_HOUR.format(day=day_words(due, tz), hour=hour_words(due, tz))
    if deadline.precision == DeadlinePrecision.PERIOD and deadline.label:
        year = str(due.astimezone(tz).year)
        return (
            deadline.label
            if re.search(r"\b\d{4}\b", deadline.label)
            else f"{deadline.label} {year}"
        )
    return day_words(due, tz)


def owners_words(owners: Sequence[OwnerView]) -> str:
    return ", ".join(o.label for o in owners) or texts.NO_OWNER


def meeting_weekday(meeting: MeetingView, tz: ZoneInfo) -> str:
    """ "mardi 15 novembre 2026"."""
    return format_deadline(Deadline(meeting.starts_at, Precision.DAY), tz=tz)


def next_meeting_sentence(report: MinutesReport, tz: ZoneInfo) -> str:
    """ "La prochaine réunion aura lieu le mardi 15 décembre 2026 à 10h00, bureau d'OCHA.",
    and what is still to be communicated."""
    meeting = report.next_meeting
    assert meeting is not None
    when = meeting_weekday(meeting, tz)
    if meeting.has_time:
        when = texts.MINUTES_NEXT_AT_HOUR.format(day=when, hour=hour_words(meeting.starts_at, tz))
    if meeting.place:
        when = texts.MINUTES_NEXT_PLACE.format(when=when, place=meeting.place)
    missing = {
        (False, False): texts.MINUTES_NEXT_TBC,
        (False, True): texts.MINUTES_NEXT_HOUR_TBC,
        (True, False): texts.MINUTES_NEXT_PLACE_TBC,
    }.get((meeting.has_time, bool(meeting.place)), "")
    return texts.MINUTES_NEXT.format(when=when) + missing


def file_name(report: MinutesReport, tz: ZoneInfo) -> str:
    """ "CR_CP_2026-11-15.docx": the cluster's short name and the meeting's day."""
    cluster = report.cluster.short_name or report.cluster.name
    safe = re.sub(r"[^\w-]+", "-", cluster, flags=re.UNICODE).strip("-") or "cluster"
    day = report.meeting.starts_at.astimezone(tz).date().isoformat()
    return f"CR_{safe}_{day}.docx"
