"""The calendar file (RFC 5545 iCalendar): storage.calendar_export's views in, .ics bytes out.

Each event's UID is its record's ("action-12@<bot>.t.me"), so importing a newer file updates
the events a calendar already has; SEQUENCE (seconds from the record's creation to its last
change) and LAST-MODIFIED tell it which copy is newer. What ended since (an action closed, a
meeting cancelled) is sent once more as STATUS:CANCELLED so the calendar drops it.

Times are written in the cluster's own zone (TZID, with its VTIMEZONE); a day is an all-day
VALUE=DATE event. The events are written here as content lines, escaped and folded at 75
octets, rather than through icalendar's objects: icalendar took 16 s for the 20,000 actions
of bench/exports.py, this writer a fraction of a second. icalendar still writes each zone's
VTIMEZONE, and the tests read every file back with it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from bot import texts
from language.deadlines import Deadline, Precision, format_deadline
from storage.calendar_export import (
    CalendarAction,
    CalendarExport,
    CalendarMeeting,
    CalendarMilestone,
)
from storage.models import OPEN_STATUSES, DeadlinePrecision, Status
from storage.views import ClusterView, DeadlineValue

PRODID = "-//Relance//Calendrier des réunions et des actions//FR"
MEETING_LENGTH = timedelta(hours=2)  # when only its start is known
MILESTONE_LENGTH = timedelta(hours=1)
DEADLINE_LENGTH = timedelta(minutes=30)
MEETING_ALARM = "-PT1H"
# What a phone shows of a title: the description and the owners are cut to fit.
SUMMARY_DESCRIPTION = 60
SUMMARY_OWNERS = 40

# TEXT values (RFC 5545 3.3.11): backslash, semicolon, comma and newline escaped; other
# control characters (tab aside) are not allowed at all.
_TO_ESCAPE = re.compile(r"[\\;,\x00-\x08\x0a-\x1f\x7f]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_LINES = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")  # what _CONTROL drops, and newlines


@dataclass(frozen=True)
class CalendarCounts:
    """What a file holds, for the words that come with it."""

    meetings: int
    milestones: int
    actions: int
    late: int
    removed: int  # ended since: sent as cancelled
    undated: int  # open actions left out

    @property
    def empty(self) -> bool:
        return not (self.meetings or self.milestones or self.actions)


def calendar_counts(export: CalendarExport, *, now: datetime) -> CalendarCounts:
    actions = [a.action for a in export.actions if a.action.status.is_open]
    meetings = sum(1 for m in export.meetings if m.cancelled_at is None)
    milestones = sum(1 for m in export.milestones if m.cancelled_at is None)
    return CalendarCounts(
        meetings=meetings,
        milestones=milestones,
        actions=len(actions),
        late=sum(1 for a in actions if a.is_late(now)),
        removed=len(export.actions)
        + len(export.meetings)
        + len(export.milestones)
        - len(actions)
        - meetings
        - milestones,
        undated=export.undated,
    )


def write_calendar(
    export: CalendarExport,
    *,
    clusters: Sequence[ClusterView],
    name: str,
    now: datetime,
    domain: str,
) -> bytes:
    """The .ics file of `export`. `clusters` are those it covers (their names and zones),
    `name` the calendar's, `domain` what makes the UIDs of this deployment its own."""
    by_id = {c.id: c for c in clusters}
    writer = _Writer(by_id, now=now, domain=domain, several=len(clusters) > 1)
    events: list[tuple[datetime, list[str]]] = []
    for meeting in export.meetings:
        if meeting.meeting.cluster_id in by_id:
            events.append(writer.meeting(meeting))
    for milestone in export.milestones:
        if milestone.milestone.cluster_id in by_id:
            events.append(writer.milestone(milestone))
    for action in export.actions:
        if action.action.cluster_id in by_id and action.action.deadline.due_at is not None:
            events.append(writer.action(action))
    events.sort(key=lambda e: e[0])
    zone = clusters[0].tz if clusters else ZoneInfo("UTC")
    about = texts.ICS_DESCRIPTION.format(day=_long_day(now.astimezone(zone).date()))
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        _prop("NAME", name),
        _prop("X-WR-CALNAME", name),
        _prop("DESCRIPTION", about),
        _prop("X-WR-CALDESC", about),
        f"X-WR-TIMEZONE:{zone.key}",
    ]
    out = head
    years = [start.year for start, _ in events] or [now.year]
    for tz_name in dict.fromkeys(c.timezone for c in clusters):
        out.append(_vtimezone(tz_name, min(years) - 1, max(years) + 1))  # folded already
    for _, event in events:
        out += event  # folded as written: only text values can be long
    out.append("END:VCALENDAR")
    return ("\r\n".join(out) + "\r\n").encode()


@dataclass(frozen=True)
class _Place:
    """What an event needs of its cluster."""

    tz: ZoneInfo
    key: str  # the zone's name
    today: date  # the cluster's local day at `now`
    title: str  # the description's first line, escaped, to fill with the action's {id}
    # SUMMARY lines to fill ({id}, {description}, {owners} escaped): open, late, done,
    # cancelled. "[CP] " first in a file of several clusters.
    summaries: tuple[str, str, str, str]


class _Writer:
    """One event's content lines at a time, for the clusters of one file."""

    def __init__(
        self, clusters: dict[int, ClusterView], *, now: datetime, domain: str, several: bool
    ) -> None:
        self.clusters = clusters
        self.zones = {cluster_id: c.tz for cluster_id, c in clusters.items()}
        self.today = {z.key: now.astimezone(z).date() for z in self.zones.values()}
        self.now = now
        self.stamp = _utc(now)
        self.stamp_line = f"DTSTAMP:{self.stamp}"
        self.domain = domain
        self.several = several
        self.see = _text(texts.ICS_ACTION_SEE)  # to fill with {id}
        self.action_category = _fold(f"CATEGORIES:Relance,{_text(texts.ICS_CATEGORY_ACTION)}")
        # What many actions share, formatted and escaped once.
        self.places: dict[int, _Place] = {}
        self.owners: dict[str, tuple[str, str]] = {}  # shortened, and the escaped line
        self.deadlines: dict[tuple[DeadlineValue, str], str] = {}
        self.statuses: dict[tuple[Status, datetime | None, str], str] = {}
        self.froms: dict[tuple[datetime, str], str] = {}
        self.whens: dict[tuple[datetime, str, bool], str] = {}  # DTSTART and DTEND

    def _cluster(self, cluster_id: int) -> tuple[ClusterView, ZoneInfo]:
        return self.clusters[cluster_id], self.zones[cluster_id]

    def _head(self, kind: str, record_id: int, created: datetime, changed: datetime) -> list[str]:
        sequence = max(0, int((changed - created).total_seconds()))
        return [
            "BEGIN:VEVENT",
            _fold(f"UID:{kind}-{record_id}@{self.domain}"),
            f"DTSTAMP:{self.stamp}",
            f"CREATED:{_utc(created)}",
            f"LAST-MODIFIED:{_utc(changed)}",
            f"SEQUENCE:{sequence}",
        ]

    def _prefix(self, cluster: ClusterView) -> str:
        label = cluster.short_name or cluster.name
        return texts.ICS_CLUSTER_PREFIX.format(cluster=label) if self.several else ""

    def meeting(self, item: CalendarMeeting) -> tuple[datetime, list[str]]:
        meeting = item.meeting
        cluster, tz = self._cluster(meeting.cluster_id)
        label = cluster.short_name or cluster.name
        summary = (texts.ICS_MEETING if meeting.has_time else texts.ICS_MEETING_NO_HOUR).format(
            cluster=label
        )
        description = [texts.ICS_MEETING_TITLE.format(cluster=cluster.display_name)]
        if meeting.agenda:
            description += [texts.ICS_MEETING_AGENDA, meeting.agenda.strip()]
        else:
            description.append(texts.ICS_MEETING_NO_AGENDA)
        description.append(texts.ICS_MEETING_FOLLOWUP)
        lines = self._head("meeting", meeting.id, item.created_at, item.changed_at)
        lines += _when(meeting.starts_at, tz, timed=meeting.has_time, length=MEETING_LENGTH)
        if meeting.place:
            lines.append(_prop("LOCATION", meeting.place))
        ended = self._ended(item.cancelled_at, texts.ICS_WHY_MEETING_CANCELLED, tz)
        lines += self._body(summary, description, ended, texts.ICS_CATEGORY_MEETING, busy=True)
        if meeting.has_time and ended is None:
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"TRIGGER:{MEETING_ALARM}",
                _prop("DESCRIPTION", texts.ICS_MEETING_ALARM),
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
        return meeting.starts_at, lines

    def milestone(self, item: CalendarMilestone) -> tuple[datetime, list[str]]:
        milestone = item.milestone
        cluster, tz = self._cluster(milestone.cluster_id)
        summary = texts.ICS_MILESTONE.format(
            title=_shorten(milestone.title, SUMMARY_DESCRIPTION),
            cluster=cluster.short_name or cluster.name,
        )
        when = deadline_words(milestone.deadline, tz)
        description = [
            texts.ICS_MILESTONE_TITLE.format(cluster=cluster.display_name, title=milestone.title),
            when[:1].upper() + when[1:],
            texts.ICS_MILESTONE_HINT,
        ]
        timed = milestone.deadline.precision == DeadlinePrecision.MOMENT
        lines = self._head("milestone", milestone.id, milestone.created_at, item.changed_at)
        lines += _when(milestone.due_at, tz, timed=timed, length=MILESTONE_LENGTH)
        ended = self._ended(item.cancelled_at, texts.ICS_WHY_MILESTONE_CANCELLED, tz)
        lines += self._body(summary, description, ended, texts.ICS_CATEGORY_MILESTONE)
        lines.append("END:VEVENT")
        return milestone.due_at, lines

    def action(self, item: CalendarAction) -> tuple[datetime, list[str]]:
        """Thousands of these in a big file: what repeats (a cluster's words, an owner's, a
        deadline's, a day's) is formatted and escaped once, in the caches of `self`."""
        action = item.action
        deadline = action.deadline
        due = deadline.due_at
        assert due is not None  # undated actions are not in a calendar
        place = self._place(action.cluster_id)
        number = action.id
        owners = ", ".join([o.label for o in action.owners]) or texts.NO_OWNER
        said = self.owners.get(owners)
        if said is None:
            said = self.owners[owners] = (
                _text(_shorten(owners, SUMMARY_OWNERS)),
                _text(texts.ICS_ACTION_OWNERS.format(owners=owners)),
            )
        status = action.status
        is_open = status in OPEN_STATUSES
        late = is_open and due < self.now
        changed = item.changed_at
        escaped = _text(action.description)
        notes = [
            place.title.format(id=number),
            escaped,
            said[1],
            self._deadline_line(deadline, place),
            self._status_line(status, due if late else None, place),
        ]
        if action.meeting_starts_at is not None:
            notes.append(self._from_line(action.meeting_starts_at, place))
        notes.append(self.see.format(id=number))
        if is_open:
            summary = place.summaries[1 if late else 0]
        else:
            done = status == Status.DONE
            summary = place.summaries[2 if done else 3]
            why = texts.ICS_WHY_DONE if done else texts.ICS_WHY_ACTION_CANCELLED
            ended = self._ended(changed, why, place.tz, done=done)
            assert ended is not None
            notes.insert(0, _text(ended[1]))
        created = action.created_at
        timed = deadline.precision == DeadlinePrecision.MOMENT
        when = self.whens.get((due, place.key, timed))
        if when is None:
            when = self.whens[(due, place.key, timed)] = "\r\n".join(
                _when(due, place.tz, timed=timed, length=DEADLINE_LENGTH)
            )
        uid = f"UID:action-{number}@{self.domain}"
        made = _utc(created)
        described = _shorten(action.description, SUMMARY_DESCRIPTION)
        if escaped is not action.description:  # else neither has anything to escape
            described = _text(described)
        return due, [
            "\r\n".join(
                [
                    "BEGIN:VEVENT",
                    uid if len(uid) <= 75 else _fold(uid),
                    self.stamp_line,
                    "CREATED:" + made,
                    "LAST-MODIFIED:" + (made if changed == created else _utc(changed)),
                    f"SEQUENCE:{max(0, int((changed - created).total_seconds()))}",
                    when,
                    _fold(summary.format(id=number, description=described, owners=said[0])),
                    _fold("DESCRIPTION:" + "\\n".join(notes)),  # each note escaped already
                    self.action_category,
                    "STATUS:CONFIRMED" if is_open else "STATUS:CANCELLED",
                    "TRANSP:TRANSPARENT",  # a deadline does not make anyone busy
                    "END:VEVENT",
                ]
            )
        ]

    def _place(self, cluster_id: int) -> _Place:
        place = self.places.get(cluster_id)
        if place is None:
            cluster, tz = self._cluster(cluster_id)
            label = cluster.short_name or cluster.name
            prefix = texts.ICS_CLUSTER_PREFIX.format(cluster=label) if self.several else ""
            # Escaped templates: escaping works character by character, so a template
            # escaped then filled with escaped values is the filled text escaped.
            head = "SUMMARY:" + _braces(_text(prefix))
            place = self.places[cluster_id] = _Place(
                tz=tz,
                key=tz.key,
                today=self.today[tz.key],
                title=_text(
                    texts.ICS_ACTION_TITLE.format(id="{id}", cluster=_braces(cluster.display_name))
                ),
                summaries=(
                    head + _text(texts.ICS_ACTION),
                    head + _text(texts.ICS_ACTION_LATE),
                    head + _braces(_text(texts.ICS_ENDED_DONE)) + _text(texts.ICS_ACTION),
                    head + _braces(_text(texts.ICS_ENDED_CANCELLED)) + _text(texts.ICS_ACTION),
                ),
            )
        return place

    def _deadline_line(self, deadline: DeadlineValue, place: _Place) -> str:
        key = (deadline, place.key)
        line = self.deadlines.get(key)
        if line is None:
            line = self.deadlines[key] = _text(_deadline_line(deadline, place.tz))
        return line

    def _status_line(self, status: Status, late_due: datetime | None, place: _Place) -> str:
        """ "Statut : à faire", or how late it is at today's date (`late_due` its deadline)."""
        key = (status, late_due, place.key)
        line = self.statuses.get(key)
        if line is None:
            label = texts.STATUS_LABEL[status]
            if late_due is None:
                words = texts.ICS_ACTION_STATUS.format(status=label)
            else:
                days = (place.today - late_due.astimezone(place.tz).date()).days
                words = texts.ICS_ACTION_LATE_BY.format(
                    status=label,
                    days=texts.plural(max(days, 1), "jour"),
                    day=_long_day(place.today),
                )
            line = self.statuses[key] = _text(words)
        return line

    def _from_line(self, started: datetime, place: _Place) -> str:
        key = (started, place.key)
        line = self.froms.get(key)
        if line is None:
            day = _long_day(started.astimezone(place.tz).date())
            line = self.froms[key] = _text(texts.ICS_ACTION_FROM.format(day=day))
        return line

    def _ended(
        self, at: datetime | None, why: str, tz: ZoneInfo, *, done: bool = False
    ) -> tuple[str, str] | None:
        """(summary prefix, description line) of what ended, or None while it stands."""
        if at is None:
            return None
        note = texts.ICS_ENDED_NOTE.format(why=why, day=_long_day(at.astimezone(tz).date()))
        return (texts.ICS_ENDED_DONE if done else texts.ICS_ENDED_CANCELLED), note

    def _body(
        self,
        summary: str,
        description: Iterable[str],
        ended: tuple[str, str] | None,
        category: str,
        cluster: ClusterView | None = None,
        *,
        busy: bool = False,
    ) -> list[str]:
        prefix = self._prefix(cluster) if cluster is not None else ""
        notes = list(description)
        if ended is not None:
            summary = ended[0] + summary
            notes.insert(0, ended[1])
        return [
            _prop("SUMMARY", prefix + summary),
            _prop("DESCRIPTION", "\n".join(notes)),
            _fold(f"CATEGORIES:Relance,{_text(category)}"),
            f"STATUS:{'CANCELLED' if ended is not None else 'CONFIRMED'}",
            # A deadline does not make anyone busy; a meeting does.
            f"TRANSP:{'OPAQUE' if busy and ended is None else 'TRANSPARENT'}",
        ]


@lru_cache(maxsize=4096)  # a big calendar has many deadlines on the same days
def deadline_words(deadline: DeadlineValue, tz: ZoneInfo) -> str:
    """ "fin novembre : mercredi 30 novembre 2016", as the chat writes a deadline out."""
    due = deadline.due_at
    assert due is not None
    if deadline.precision == DeadlinePrecision.MEETING:
        local = due.astimezone(tz)
        precision = Precision.DAY if (local.hour, local.minute) == (0, 0) else Precision.MOMENT
        said = deadline.text or texts.MEETING_DEADLINE
        return f"{said} : {format_deadline(Deadline(due, precision), tz=tz)}"
    precision = Precision(deadline.precision.value)
    return format_deadline(Deadline(due, precision, deadline.label), tz=tz)


def _deadline_line(deadline: DeadlineValue, tz: ZoneInfo) -> str:
    words = deadline_words(deadline, tz)
    if deadline.precision == DeadlinePrecision.PERIOD:
        return texts.ICS_ACTION_PERIOD.format(deadline=words)
    return texts.ICS_ACTION_DEADLINE.format(deadline=words)


def _when(start: datetime, tz: ZoneInfo, *, timed: bool, length: timedelta) -> list[str]:
    """DTSTART and DTEND: a timed event in the cluster's zone, else its local day, whole."""
    if timed:
        local = start.astimezone(tz)
        zone = tz.key
        return [
            f"DTSTART;TZID={zone}:{_local(local)}",
            f"DTEND;TZID={zone}:{_local((start + length).astimezone(tz))}",
        ]
    day = start.astimezone(tz).date()
    return [
        f"DTSTART;VALUE=DATE:{_date(day)}",
        f"DTEND;VALUE=DATE:{_date(day + timedelta(days=1))}",
    ]


@lru_cache(maxsize=8192)
def _date(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _local(moment: datetime) -> str:
    """ "20161021T100000": the fastest way found (isoformat, then its separators dropped)."""
    return moment.isoformat()[:19].replace("-", "").replace(":", "")


def _utc(moment: datetime) -> str:
    if moment.tzinfo is not UTC:  # storage's are UTC already
        moment = moment.astimezone(UTC)
    m = moment  # %-formatting: faster here than isoformat, strftime or an f-string
    return "%04d%02d%02dT%02d%02d%02dZ" % (m.year, m.month, m.day, m.hour, m.minute, m.second)  # noqa: UP031


@lru_cache(maxsize=4096)
def _long_day(day: date) -> str:
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return format_deadline(Deadline(noon, Precision.DAY), tz=ZoneInfo("UTC"))


def _prop(name: str, value: str) -> str:
    """A text property's content line, escaped and folded."""
    return _fold(f"{name}:{_text(value)}")


def _text(value: str) -> str:
    """A TEXT value escaped; `value` itself when there is nothing to escape."""
    if _TO_ESCAPE.search(value) is None:  # most values: nothing to do
        return value
    # Only the passes a value needs: most have commas, few have lines.
    if "\\" in value:
        value = value.replace("\\", "\\\\")
    if ";" in value:
        value = value.replace(";", "\\;")
    if "," in value:
        value = value.replace(",", "\\,")
    if _LINES.search(value) is not None:
        value = _CONTROL.sub("", value.replace("\r\n", "\n")).replace("\n", "\\n")
    return value


def _braces(text: str) -> str:
    """`text` as it reads in a template: its braces are not fields."""
    return text.replace("{", "{{").replace("}", "}}")


def _shorten(text: str, limit: int) -> str:
    """One line of at most `limit` characters, cut between words."""
    line = " ".join(text.split())
    if len(line) <= limit:
        return line
    cut = line[: limit - 1].rsplit(" ", 1)[0] if " " in line[: limit - 1] else line[: limit - 1]
    return cut.rstrip(" ,;:—-") + "…"


def _fold(line: str) -> str:
    """Lines longer than 75 octets go on in continuation lines (RFC 5545 3.1), never cut
    inside a character's UTF-8 bytes."""
    if line.isascii():  # a character per octet: cut the string itself
        if len(line) <= 75:
            return line
        return "\r\n ".join([line[:75], *(line[n : n + 74] for n in range(75, len(line), 74))])
    data = line.encode()
    size = len(data)
    if size <= 75:
        return line
    parts: list[bytes] = []
    start, room = 0, 75
    while size - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: back to its character's start
            cut -= 1
        parts.append(data[start:cut])
        start, room = cut, 74  # the continuation line's leading space takes one
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


@lru_cache(maxsize=64)
def _vtimezone(tz_name: str, first_year: int, last_year: int) -> str:
    """The zone's VTIMEZONE for these years, as icalendar computes it from the tz database.
    Its TZID is the zone's own name, even for a zone that keeps UTC's time all year.
    icalendar is imported here, when a calendar is first written: the bot's start-up and
    idle memory do not carry it."""
    from icalendar import Timezone

    zone = Timezone.from_tzinfo(
        ZoneInfo(tz_name),
        tzid=tz_name,
        first_date=date(first_year, 1, 1),
        last_date=date(last_year, 12, 31),
    )
    lines = zone.to_ical().decode().rstrip("\r\n").split("\r\n")
    # icalendar's note of the years it covers, in English: no use to anyone reading the file.
    return "\r\n".join(line for line in lines if not line.startswith("COMMENT:"))
