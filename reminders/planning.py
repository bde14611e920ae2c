"""Which reminders a cluster owes at one instant.

Pure: no database, no Telegram, no clock. The sweep calls plan() every minute and a log keyed
on (recipient, subject, kind, slot) makes each reminder go out once, so plan() is stateless and
returns the same reminders minute after minute until their window closes.
"""

from __future__ import annotations

import importlib.util
import logging
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from storage.models import DeadlinePrecision
from storage.views import (
    DatedAction,
    MeetingView,
    MilestoneView,
    ReminderSettings,
    ReminderSnapshot,
)

if TYPE_CHECKING:
    from holidays import HolidayBase

log = logging.getLogger(__name__)


class ReminderKind(StrEnum):
    DUE = "due"
    OVERDUE = "overdue"
    ESCALATION = "escalation"
    MEETING = "meeting"
    MILESTONE = "milestone"
    REVIEW = "review"  # the meeting's follow-up, posted in the group on its morning


class Audience(StrEnum):
    OWNERS = "owners"  # the focal points of each owner of the action (resolved at send time)
    COORDINATORS = "coordinators"
    MEMBERS = "members"  # every member of the cluster, privately
    GROUP = "group"  # the cluster's Telegram group


# Past this, the digest says the reminder comes late (the bot was down, or the slot was caught up).
LATE_AFTER = timedelta(hours=1)
# Nobody is written to in the evening or at night.
QUIET_FROM = time(19, 0)
QUIET_UNTIL = time(7, 0)

# Kinds whose slots come before the event: a weekend slot moves earlier so it still arrives
# before. The others (after the deadline) move later, never before they are true.
_BEFORE_KINDS = frozenset({ReminderKind.DUE, ReminderKind.MEETING, ReminderKind.MILESTONE})


SubjectKind = Literal["action", "meeting", "milestone", "member"]


@dataclass(frozen=True, order=True)
class Subject:
    """What a reminder is about. A member is the subject of the notice that they cannot be
    reached, never of a planned reminder."""

    kind: SubjectKind
    id: int

    def __str__(self) -> str:
        # The reminder log's column, unchanged since it was a string: "action:12".
        return f"{self.kind}:{self.id}"


@dataclass(frozen=True)
class Planned:
    cluster_id: int
    subject: Subject
    kind: ReminderKind
    offset_days: int  # as configured: days before (DUE, MEETING, MILESTONE) or after the event
    day: date  # the local working day it is for: the slot of the sent-reminder log
    send_at: datetime  # aware UTC: `day` at settings.send_hour, local time
    audiences: tuple[Audience, ...]
    late: bool  # now - send_at > LATE_AFTER

    @property
    def kind_key(self) -> str:
        return f"{self.kind.value}-{self.offset_days}"


def is_working_day(d: date, country: str = "") -> bool:
    """Monday to Friday, Mali's (and its neighbours') work week, less the public holidays of
    `country` (an ISO code; "" for none): nobody reads reminders on Tabaski."""
    return d.weekday() < 5 and not (country and d in _public_holidays(country))


_CALENDARS = threading.Lock()


@cache
def _public_holidays(country: str) -> HolidayBase:
    # The holidays library keeps each country's calendar (Islamic feasts included, estimated
    # ahead as Mali's are announced late); it fills in each year when first asked.
    with _CALENDARS:
        return _country_calendar(country)


def _country_calendar(country: str) -> HolidayBase:
    """holidays.country_holidays(country), with that country's module imported alone: the
    library's countries package imports all 250 of them (10 MB and a third of a second, at
    the first sweep) for the one a cluster needs. The library is itself imported here, at
    the first sweep, not at start. Anything unexpected falls back to the library's way."""
    import holidays

    try:
        # The library's lazy entry for the code ("ML"): which module and class it loads.
        loader = getattr(holidays, country)
        name, entity = str(loader.module_name), str(loader.entity_name)
        module = sys.modules.get(name)
        if module is None:
            path = Path(holidays.__file__).parent / "countries" / f"{name.rsplit('.', 1)[1]}.py"
            spec = importlib.util.spec_from_file_location(name, path)
            if spec is None or spec.loader is None or not name.startswith("holidays.countries."):
                raise ImportError(name)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module  # the package, if ever imported, takes this one
            try:
                spec.loader.exec_module(module)
            except BaseException:
                del sys.modules[name]
                raise
        calendar: HolidayBase = getattr(module, entity)()
    except AttributeError:
        return holidays.country_holidays(country)  # raises: not a country it knows
    except Exception:
        log.warning("the holidays of %s read the library's slower way", country, exc_info=True)
        return holidays.country_holidays(country)
    return calendar


def _zone(tz: str | tzinfo) -> tzinfo:
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def local_day(instant: datetime, tz: str | tzinfo) -> date:
    return instant.astimezone(_zone(tz)).date()


def may_send(now: datetime, tz: str | tzinfo, settings: ReminderSettings) -> bool:
    """The ordinary send window: a working day, from send_hour to QUIET_FROM, local time."""
    local = now.astimezone(_zone(tz))
    start = max(time(settings.send_hour), QUIET_UNTIL)
    working = is_working_day(local.date(), settings.holidays_country)
    return working and start <= local.time() < QUIET_FROM


def window_opened(now: datetime, tz: str | tzinfo, settings: ReminderSettings) -> datetime:
    """The last instant at or before `now` when a day's action reminders became due: its
    send hour, or 07:00 if that is earlier (working day or not). Between two such instants
    no action slot becomes due, so an action that owed nothing at the first owes nothing
    until the next, unless it, its people or its settings change."""
    zone = _zone(tz)
    local = now.astimezone(zone)
    opens = max(time(settings.send_hour), QUIET_UNTIL)
    day = local.date() if local.time() >= opens else local.date() - timedelta(days=1)
    return datetime.combine(day, opens, tzinfo=zone).astimezone(UTC)


def _send_at(day: date, tz: tzinfo, settings: ReminderSettings) -> datetime:
    return _send_at_hour(day, tz, settings.send_hour)


# The planner computes the same few days' instants and moves for every action of a sweep:
# both are pure, and cached, which halves a busy morning's planning.
@lru_cache(maxsize=65536)
def _send_at_hour(day: date, tz: tzinfo, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=tz).astimezone(UTC)


@lru_cache(maxsize=65536)
def _to_working_day(d: date, kind: ReminderKind, country: str = "") -> date:
    step = timedelta(days=-1 if kind in _BEFORE_KINDS else 1)
    while not is_working_day(d, country):
        d += step
    return d


@dataclass(frozen=True)
class _Slot:
    kind: ReminderKind
    offset_days: int
    day: date  # already moved to a working day

    @property
    def advance(self) -> tuple[int, int]:
        # How far along its series the slot is: fewer days before, then more days after.
        # Ties (a 0-day DUE and a 0-day OVERDUE) go to the overdue one.
        signed = -self.offset_days if self.kind in _BEFORE_KINDS else self.offset_days
        return (signed, 0 if self.kind in _BEFORE_KINDS else 1)


def _slot(kind: ReminderKind, offset_days: int, raw_day: date) -> _Slot:
    return _Slot(kind, offset_days, _to_working_day(raw_day, kind))


def _candidate(
    slots: Iterable[_Slot], now: datetime, tz: tzinfo, settings: ReminderSettings
) -> _Slot | None:
    """The latest slot already due: earlier ones are obsolete. Slots that land on the same
    day after the weekend move are one reminder, the most advanced. A slot on a public
    holiday moves as a weekend one does (slots are moved off weekends as they are made)."""
    by_day: dict[date, _Slot] = {}
    country = settings.holidays_country
    for s in slots:
        moved = _to_working_day(s.day, s.kind, country)
        s = s if moved == s.day else replace(s, day=moved)
        kept = by_day.get(s.day)
        if kept is None or s.advance > kept.advance:
            by_day[s.day] = s
    due = [s for s in by_day.values() if _send_at(s.day, tz, settings) <= now]
    return max(due, key=lambda s: s.day, default=None)


def _latest_weekly_overdue(
    deadline_day: date, now: datetime, tz: tzinfo, settings: ReminderSettings
) -> _Slot | None:
    """The latest weekly overdue slot already due, found by arithmetic: an action may stay
    open for years and the sweep runs every minute."""
    last = max(settings.overdue_days_after, default=0)
    first_raw = deadline_day + timedelta(days=last + 7)
    # Every weekly slot falls on the same weekday, so the weekend move shifts them all alike.
    shift = _to_working_day(first_raw, ReminderKind.OVERDUE) - first_raw
    first = first_raw + shift
    weeks = (local_day(now, tz) - first).days // 7
    if weeks >= 0 and _send_at(first + timedelta(weeks=weeks), tz, settings) > now:
        weeks -= 1  # today's slot, but before send_hour
    if weeks < 0:
        return None
    return _Slot(ReminderKind.OVERDUE, last + 7 * (weeks + 1), first + timedelta(weeks=weeks))


def _planned(
    cluster_id: int,
    subject: Subject,
    slot: _Slot,
    audiences: tuple[Audience, ...],
    now: datetime,
    tz: tzinfo,
    settings: ReminderSettings,
) -> Planned:
    send_at = _send_at(slot.day, tz, settings)
    return Planned(
        cluster_id=cluster_id,
        subject=subject,
        kind=slot.kind,
        offset_days=slot.offset_days,
        day=slot.day,
        send_at=send_at,
        audiences=audiences,
        late=now - send_at > LATE_AFTER,
    )


def _owed(
    slot: _Slot, planned_from: datetime | None, tz: tzinfo, settings: ReminderSettings
) -> bool:
    # A slot before the subject was (re)planned was never owed: no late "demain" for an
    # action created at 10:00 due tomorrow, and no falling back to an older slot either.
    return planned_from is None or _send_at(slot.day, tz, settings) >= planned_from


# An action's slot already due, the instant it is for, and whether it comes late.
_Due = tuple[_Slot, datetime, bool]
# The slot of the deadline series (DUE, OVERDUE, weekly OVERDUE) and of the escalation.
_Series = tuple[_Due | None, _Due | None]


def _action_series(
    deadline_day: date, now: datetime, tz: tzinfo, settings: ReminderSettings
) -> _Series:
    """The slots an action due on `deadline_day` (local) may owe at `now`, before what is
    its own (when its deadline was set, whether it has passed): they depend on that day
    alone, so plan() works them out once per day, not once per action."""
    # DUE and OVERDUE are one series: once "en retard" is due, "demain" is obsolete.
    slots = [
        _slot(ReminderKind.DUE, n, deadline_day - timedelta(days=n))
        for n in settings.deadline_days_before
    ]
    slots += [
        _slot(ReminderKind.OVERDUE, n, deadline_day + timedelta(days=n))
        for n in settings.overdue_days_after
    ]
    if settings.overdue_weekly:
        weekly = _latest_weekly_overdue(deadline_day, now, tz, settings)
        if weekly is not None:
            slots.append(weekly)
    series = _candidate(slots, now, tz, settings)
    escalation = None
    if settings.escalation_days is not None:
        # A single slot: once due it stays the candidate, and the log keeps it to one message.
        n = settings.escalation_days
        escalation = _candidate(
            [_slot(ReminderKind.ESCALATION, n, deadline_day + timedelta(days=n))],
            now,
            tz,
            settings,
        )
    return _due(series, now, tz, settings), _due(escalation, now, tz, settings)


def _due(slot: _Slot | None, now: datetime, tz: tzinfo, settings: ReminderSettings) -> _Due | None:
    if slot is None:
        return None
    send_at = _send_at(slot.day, tz, settings)
    return slot, send_at, now - send_at > LATE_AFTER


# The series by deadline day, for one instant, zone and settings: shared by the clusters that
# have the same (most of them), so that a busy morning works out each day once. Only the
# last few instants are kept: the sweep plans at one, and a table holds a few days' slots.
@lru_cache(maxsize=4)
def _series_by_day(now: datetime, tz: tzinfo, settings: ReminderSettings) -> dict[date, _Series]:
    return {}


def _action_reminders(
    action: DatedAction,
    now: datetime,
    tz: tzinfo,
    settings: ReminderSettings,
    by_day: dict[date, _Series] | None = None,
) -> list[Planned]:
    if not action.status.is_open or action.precision == DeadlinePrecision.UNDATED:
        return []
    deadline_day = local_day(action.due_at, tz)
    series = None if by_day is None else by_day.get(deadline_day)
    if series is None:
        series = _action_series(deadline_day, now, tz, settings)
        if by_day is not None:
            by_day[deadline_day] = series
    due, escalation = series
    found: list[Planned] = []
    # A slot before the deadline was (re)set was never owed (see _owed).
    set_at = action.deadline_set_at
    # A missed "aujourd'hui" is not sent once the deadline has passed.
    if (
        due is not None
        and (set_at is None or due[1] >= set_at)
        and not (due[0].kind == ReminderKind.DUE and now > action.due_at)
    ):
        found.append(_planned_action(action, due, _OWNERS))
    if escalation is not None and (set_at is None or escalation[1] >= set_at):
        found.append(_planned_action(action, escalation, _COORDINATORS))
    return found


_OWNERS = (Audience.OWNERS,)
_COORDINATORS = (Audience.COORDINATORS,)


def _planned_action(action: DatedAction, due: _Due, audiences: tuple[Audience, ...]) -> Planned:
    slot, send_at, late = due
    return Planned(
        cluster_id=action.cluster_id,
        subject=Subject("action", action.id),
        kind=slot.kind,
        offset_days=slot.offset_days,
        day=slot.day,
        send_at=send_at,
        audiences=audiences,
        late=late,
    )


def _meeting_reminder(
    meeting: MeetingView, now: datetime, tz: tzinfo, settings: ReminderSettings
) -> Planned | None:
    if meeting.starts_at <= now:
        return None
    meeting_day = local_day(meeting.starts_at, tz)
    slots = [
        _slot(ReminderKind.MEETING, n, meeting_day - timedelta(days=n))
        for n in settings.meeting_days_before
    ]
    # A reminder must come before the meeting: a slot at or after its start means nothing.
    # (Today the started-meeting check above already hides such slots; this keeps the rule
    # true on its own should that check ever loosen.)
    slots = [s for s in slots if _send_at(s.day, tz, settings) < meeting.starts_at]
    slot = _candidate(slots, now, tz, settings)
    if slot is None:
        return None
    subject = Subject("meeting", meeting.id)
    planned = _planned(meeting.cluster_id, subject, slot, (Audience.MEMBERS,), now, tz, settings)
    # updated_at is when the date was last set: a moved meeting owes only the slots after it,
    set_at = meeting.updated_at
    if _owed(slot, set_at, tz, settings):
        return planned
    # ... and the slot of the day it was set. A weekly meeting is set at the one before,
    # which is its week-before day, after that morning's send hour: its "dans 7 jours" goes
    # out then, on its day, instead of never.
    if set_at is not None and local_day(set_at, tz) == slot.day:
        return replace(planned, send_at=set_at, late=now - set_at > LATE_AFTER)
    return None


def _milestone_reminder(
    milestone: MilestoneView, now: datetime, tz: tzinfo, settings: ReminderSettings
) -> Planned | None:
    if milestone.due_at <= now:
        return None
    milestone_day = local_day(milestone.due_at, tz)
    # Besides the days set, the morning itself: a milestone added after the send hour the
    # day before (too late for "demain") is still announced. Turned off means off.
    offsets = {*settings.milestone_days_before, 0} if settings.milestone_days_before else set()
    slots = [_slot(ReminderKind.MILESTONE, n, milestone_day - timedelta(days=n)) for n in offsets]
    # A slot at or after the milestone itself (one at 07:30) announces nothing.
    slots = [s for s in slots if _send_at(s.day, tz, settings) < milestone.due_at]
    slot = _candidate(slots, now, tz, settings)
    if slot is None or not _owed(slot, milestone.updated_at, tz, settings):
        return None
    # The group sees the calendar; members are also told privately.
    return _planned(
        milestone.cluster_id,
        Subject("milestone", milestone.id),
        slot,
        (Audience.GROUP, Audience.MEMBERS),
        now,
        tz,
        settings,
    )


# The review of the day's meeting is still worth posting this long after the meeting began
# (a bot back from a cut while the meeting runs); after that it would only be noise.
REVIEW_POST_UNTIL = timedelta(hours=3)


def _review_post(
    meeting: MeetingView | None, now: datetime, tz: tzinfo, settings: ReminderSettings
) -> Planned | None:
    """The follow-up posted in the group on the meeting's own day, weekend or not, at the
    send hour (or by 07:00 for a meeting that starts earlier, never sooner). Meeting
    reminders turned off turn it off too."""
    if meeting is None or not settings.meeting_days_before:
        return None
    day = local_day(meeting.starts_at, tz)
    local = now.astimezone(tz)
    if local.date() != day or local.time() >= QUIET_FROM:
        return None
    send_at = _send_at(day, tz, settings)
    if meeting.has_time:
        earliest = datetime.combine(day, QUIET_UNTIL, tzinfo=tz).astimezone(UTC)
        send_at = max(min(send_at, meeting.starts_at - timedelta(hours=1)), earliest)
        if now >= meeting.starts_at + REVIEW_POST_UNTIL:
            return None
    if send_at > now or (meeting.updated_at is not None and send_at < meeting.updated_at):
        return None  # not yet; or the meeting was set after its slot, which it never owed
    return Planned(
        cluster_id=meeting.cluster_id,
        subject=Subject("meeting", meeting.id),
        kind=ReminderKind.REVIEW,
        offset_days=0,
        day=day,
        send_at=send_at,
        audiences=(Audience.GROUP,),
        late=now - send_at > LATE_AFTER,
    )


def _meeting_is_today(meeting: MeetingView | None, now: datetime, tz: tzinfo) -> bool:
    """Its day, before it starts, and past the night: a missed reminder caught up on the day
    waits for 07:00 (or an hour before a meeting that starts earlier), not 00:01."""
    if meeting is None or meeting.starts_at <= now:
        return False
    local = now.astimezone(tz)
    if local_day(meeting.starts_at, tz) != local.date():
        return False
    awake = datetime.combine(local.date(), QUIET_UNTIL, tzinfo=tz)
    return local >= min(awake, meeting.starts_at - timedelta(hours=1))


def plan(snapshot: ReminderSnapshot, now: datetime) -> list[Planned]:
    """Every reminder of this cluster that should go out at `now` (the sweep runs every minute
    and a log elsewhere makes each go out once: plan() returns the SAME Planned again on the
    next minute, it is idempotent and stateless)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    settings = snapshot.settings
    if not settings.enabled:
        return []
    tz = ZoneInfo(snapshot.timezone)
    found: list[Planned] = []

    # Outside working hours nothing goes out, except a meeting's reminder on the day of the
    # meeting itself (before it starts): it would be useless once the window opens.
    if may_send(now, tz, settings):
        by_day = _series_by_day(now, tz, settings) if snapshot.actions else None
        for action in snapshot.actions:
            found += _action_reminders(action, now, tz, settings, by_day)
        for milestone in snapshot.milestones:
            reminder = _milestone_reminder(milestone, now, tz, settings)
            if reminder is not None:
                found.append(reminder)
        meeting_allowed = True
    else:
        meeting_allowed = _meeting_is_today(snapshot.next_meeting, now, tz)
    if meeting_allowed and snapshot.next_meeting is not None:
        reminder = _meeting_reminder(snapshot.next_meeting, now, tz, settings)
        if reminder is not None:
            found.append(reminder)
    review = _review_post(snapshot.meeting_today, now, tz, settings)
    if review is not None:
        found.append(review)

    return sorted(found, key=_order)


def _order(p: Planned) -> tuple[bool, datetime, str, str]:
    # Late ones first, so the digest opens with what is overdue in its delivery. Subjects
    # compare as text, as they did as strings ("action:10" before "action:9").
    return (not p.late, p.send_at, str(p.subject), p.kind_key)
