"""Pure renderers: read models in, HTML text out. User text is always escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from bot import texts
from language.deadlines import MONTHS, Deadline, Precision, format_deadline
from storage.actions import deadline_from_history
from storage.attendance import AttendanceList, AttendanceMeeting, RecentAttendance
from storage.decisions import DecisionGroup, DecisionView
from storage.meetings import MeetingCancellation, MeetingChange
from storage.models import DeadlinePrecision, EventKind, EventSource, Status
from storage.parts import PartReport, Parts
from storage.records import MeetingRecord
from storage.views import (
    ActionPage,
    ActionView,
    ClusterView,
    DeadlineValue,
    EventView,
    MeetingView,
    MemberView,
    MilestoneView,
    OwnerInput,
    OwnerView,
    ReminderSettings,
    Roster,
)

MESSAGE_LIMIT = 4096


def escape(text: str) -> str:
    """User text made safe for HTML parse mode. Quotes stay as typed: Telegram needs only
    < > & escaped, and an apostrophe reads better than &#x27; wherever entities are shown."""
    return html.escape(text, quote=False)


DESCRIPTION_IN_CARD = 3000
DESCRIPTION_IN_LIST = 90
OWNER_LABEL = 80  # an owner typed freely, unknown to the cluster
OWNERS_IN_LIST = 100
DEADLINE_TEXT = 100  # a deadline kept as written
HISTORY_VALUE = 600  # a comment or an owners' list in one history entry, escaped


def deadline_text(deadline: DeadlineValue, tz: ZoneInfo) -> str:
    """The deadline written out in French, with its weekday, as the bot understood it."""
    if deadline.due_at is None and deadline.precision == DeadlinePrecision.MEETING:
        # Its meeting was cancelled: it waits for the next one to be set.
        said = shorten(deadline.text or texts.MEETING_DEADLINE, DEADLINE_TEXT)
        return escape(f"{said} : {texts.MEETING_DATE_PENDING}")
    if deadline.due_at is None or deadline.precision == DeadlinePrecision.UNDATED:
        if deadline.text:
            return f"{texts.UNDATED} (« {snippet(deadline.text, DEADLINE_TEXT)} »)"
        return texts.UNDATED
    if deadline.precision == DeadlinePrecision.MEETING:
        # Tied to the next meeting: say so, then the date it stands for today.
        local = deadline.due_at.astimezone(tz)
        precision = Precision.DAY if (local.hour, local.minute) == (0, 0) else Precision.MOMENT
        when = format_deadline(Deadline(deadline.due_at, precision), tz=tz)
        said = shorten(deadline.text or texts.MEETING_DEADLINE, DEADLINE_TEXT)
        return escape(f"{said} : {when}")
    parsed = Deadline(deadline.due_at, Precision(deadline.precision.value), deadline.label)
    return escape(format_deadline(parsed, tz=tz))


def _lateness(action: ActionView, now: datetime, tz: ZoneInfo) -> str:
    due = action.deadline.due_at
    if due is None or not action.status.is_open:
        return ""
    if due < now:
        days = (now.astimezone(tz).date() - due.astimezone(tz).date()).days
        return texts.LATE_SUFFIX.format(days=texts.plural(max(days, 1), "jour"))
    if due.astimezone(tz).date() == now.astimezone(tz).date():
        return texts.DUE_TODAY
    return ""


def owners_text(owners: Sequence[OwnerView] | Sequence[OwnerInput], limit: int = 600) -> str:
    """The owners, as many as fit in `limit` characters and a count of the others: a list of
    twenty organisations must not push a card or a list past Telegram's limit."""
    if not owners:
        return texts.NO_OWNER
    labels = [
        texts.UNKNOWN_OWNER.format(label=shorten(o.label, OWNER_LABEL)) if o.unknown else o.label
        for o in owners
    ]
    shown: list[str] = []
    used = 0
    for index, label in enumerate(labels):
        rest = len(labels) - index - 1
        room = limit - used - (len(texts.MORE_OWNERS) + 4 if rest else 0)
        if len(escape(label)) > room and shown:
            break
        shown.append(snippet(label, max(room, 12)))
        used += len(shown[-1]) + 2
    text = ", ".join(shown)
    if len(shown) < len(labels):
        text += " " + texts.MORE_OWNERS.format(count=len(labels) - len(shown))
    return text


def _status(status: Status) -> str:
    return texts.CARD_STATUS.format(
        icon=texts.STATUS_ICON[status], status=texts.STATUS_LABEL[status]
    )


def action_card(
    action: ActionView, *, now: datetime, tz: ZoneInfo, parts: Parts | None = None
) -> str:
    """A description longer than DESCRIPTION_IN_CARD once escaped is cut; the card keeps
    its number and says where the whole text is."""
    description, cut = clip(action.description, DESCRIPTION_IN_CARD)
    tail = "\n" + texts.CARD_TRUNCATED.format(id=action.id) if cut else ""
    lines = [
        texts.CARD_TITLE.format(id=action.id, cluster=snippet(action.cluster_name, 200)),
        description + tail,
        texts.CARD_OWNERS.format(owners=owners_text(action.owners)),
        texts.CARD_DEADLINE.format(deadline=deadline_text(action.deadline, tz))
        + _lateness(action, now, tz),
        _status(action.status),
    ]
    if action.meeting_starts_at is not None:
        lines.append(texts.CARD_FROM_MEETING.format(day=meeting_day(action.meeting_starts_at, tz)))
    if parts is not None:
        lines.append(parts_progress(parts, closed=action.status == Status.DONE))
    if any(o.unknown for o in action.owners):
        lines.append(texts.UNKNOWN_OWNER_NOTE)
    return "\n".join(lines)


def _event_line(event: EventView, tz: ZoneInfo) -> str:
    when = event.at.astimezone(tz).strftime("%d/%m/%Y %H:%M")
    if event.kind == EventKind.CREATED:
        what = texts.EVENT_CREATED
    elif event.kind == EventKind.STATUS and event.organisation_acronym:
        what = _part_event(event)
    elif event.kind == EventKind.STATUS:
        what = texts.EVENT_STATUS.format(
            old=texts.STATUS_LABEL[Status(event.old_value or Status.TODO)],
            new=texts.STATUS_LABEL[Status(event.new_value or Status.TODO)],
        )
    elif event.kind == EventKind.DEADLINE:
        what = texts.EVENT_DEADLINE.format(new=_stored_deadline(event.new_value, tz))
    elif event.kind == EventKind.OWNERS:
        what = texts.EVENT_OWNERS.format(
            old=snippet(event.old_value or "", HISTORY_VALUE),
            new=snippet(event.new_value or "", HISTORY_VALUE),
        )
    elif event.kind == EventKind.DESCRIPTION:
        what = texts.EVENT_DESCRIPTION
    else:
        what = texts.EVENT_COMMENT.format(text=snippet(event.new_value or "", HISTORY_VALUE))
    return f"• {when} — {escape(event.actor_name)} : {what}{_event_where(event, tz)}"


def _stored_deadline(value: str | None, tz: ZoneInfo) -> str:
    deadline = deadline_from_history(value)
    if deadline is None:
        return value or texts.UNDATED
    shown = deadline_text(deadline, tz)
    if deadline.due_at is not None and deadline.text:
        shown += f" (« {escape(deadline.text)} »)"
    return shown


def action_detail(
    action: ActionView,
    history: Sequence[EventView],
    *,
    now: datetime,
    tz: ZoneInfo,
    parts: Parts | None = None,
) -> str:
    """The card and as much of its history as fits in one message, newest kept."""
    card = action_card(action, now=now, tz=tz, parts=parts)
    lines = [_event_line(e, tz) for e in history]
    budget = MESSAGE_LIMIT - len(card) - 80
    kept: list[str] = []
    used = 0
    for line in reversed(lines):
        if used + len(line) + 1 > budget:
            break
        kept.append(line)
        used += len(line) + 1
    kept.reverse()
    out = [card, "", texts.HISTORY_TITLE]
    if len(kept) < len(lines):
        out.append(
            texts.HISTORY_OLDER.format(
                older=texts.plural(
                    len(lines) - len(kept), "entrée plus ancienne", "entrées plus anciennes"
                )
            )
        )
    out.extend(kept)
    return "\n".join(out)


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- Lengths as Telegram counts them: user text measured once escaped -------------------------
# "<" becomes "&lt;": a description within its limit typed, full of "<" and "&", was five
# times as long in the message, and Telegram refused the card. The budgets that use these are in
# escaped characters, never fewer than Telegram counts once it has parsed the HTML.


def clip(text: str, limit: int) -> tuple[str, bool]:
    """`text` escaped, cut so that the escaped form is at most `limit` characters, never
    inside an entity; True when something was cut."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped, False
    kept: list[str] = []
    used = 0
    for char in text:
        piece = escape(char)
        if used + len(piece) > limit:
            break
        kept.append(piece)
        used += len(piece)
    return "".join(kept).rstrip(), True


def snippet(text: str, limit: int) -> str:
    """shorten() then escape(), with `limit` counted on the escaped text."""
    text = " ".join(text.split())
    whole = escape(text)
    return whole if len(whole) <= limit else clip(text, limit - 1)[0] + "…"


def action_line(action: ActionView, *, now: datetime, tz: ZoneInfo, show_cluster: bool) -> str:
    due = action.deadline.due_at
    when = due.astimezone(tz).strftime("%d/%m/%Y") if due is not None else texts.UNDATED
    prefix = f"[{snippet(action.cluster_name, 60)}] " if show_cluster else ""
    status = texts.STATUS_ICON[action.status]
    description = snippet(action.description, DESCRIPTION_IN_LIST)
    return (
        f"{status} <b>{action.id}</b> · {prefix}{description}\n"
        f"      {owners_text(action.owners, OWNERS_IN_LIST)} · {when}{_lateness(action, now, tz)}"
    )


def action_list(
    page: ActionPage,
    *,
    title: str,
    empty: str,
    now: datetime,
    tz: ZoneInfo,
    show_cluster: bool,
) -> str:
    if page.total == 0:
        return f"{title}\n\n{empty}"
    lines = [title, ""]
    lines += [action_line(a, now=now, tz=tz, show_cluster=show_cluster) for a in page.actions]
    lines += [
        "",
        texts.LIST_PAGE.format(
            page=page.page + 1,
            pages=page.page_count,
            actions=texts.plural(page.total, "action"),
        ),
        escape(texts.LIST_HINT),
    ]
    return "\n".join(lines)


def roster(
    data: Roster, attendance: RecentAttendance | None = None, tz: ZoneInfo | None = None
) -> str:
    lines = [texts.ROSTER_TITLE.format(cluster=escape(data.cluster.display_name))]
    if data.coordinators:
        names = ", ".join(escape(m.display_name) for m in data.coordinators)
        lines.append(texts.ROSTER_COORDINATORS.format(names=names))
    else:
        lines.append(texts.ROSTER_NO_COORDINATOR)
    if not data.organisations:
        lines += ["", texts.ROSTER_EMPTY]
        return "\n".join(lines)
    for org in data.organisations:
        lines += ["", f"<b>{escape(org.organisation.acronym)}</b>"]
        if attendance is not None and attendance.meetings:
            line = attended_line(attendance, org.organisation.id, tz or _UTC)
            lines.append(f"  {line}")
        if not org.focal_points and not org.pending_invitations and not org.expired_invitations:
            lines.append(f"  {texts.ROSTER_NO_FOCAL_POINT}")
        for fp in org.focal_points:
            note = "" if fp.reachable else f" — ⚠️ {texts.ROSTER_NOT_STARTED}"
            lines.append(f"  • {escape(fp.display_name)}{_telegram_name(fp)}{note}")
        for name in org.pending_invitations:
            lines.append(f"  • {escape(name)} — ⏳ {texts.ROSTER_PENDING}")
        for name in org.expired_invitations:
            lines.append(f"  • {escape(name)} — ⌛ {texts.ROSTER_EXPIRED}")
    return "\n".join(lines)


def _telegram_name(member: MemberView) -> str:
    """The person's own Telegram name beside the one they were invited as, when it differs:
    a link opened by the wrong person shows at once."""
    own = member.telegram_name
    if not own or " ".join(own.casefold().split()) == " ".join(
        member.display_name.casefold().split()
    ):
        return ""
    return f" ({texts.ROSTER_TELEGRAM_NAME.format(name=escape(own))})"


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut between lines so no message exceeds Telegram's limit and no HTML tag is split
    (renderers open and close their tags on one line)."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single overlong line: cut it, never inside "&lt;"
            cut = _safe_cut(line, limit)
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def _safe_cut(line: str, limit: int) -> int:
    """Where to cut an overlong line: at its last space before `limit` if there is one near,
    and never inside an entity or a tag (Telegram refuses a message that ends in "&l")."""
    cut = limit
    space = line.rfind(" ", limit - 200, limit)
    if space > 0:
        cut = space + 1
    for opening, closing in (("&", ";"), ("<", ">")):
        start = line.rfind(opening, 0, cut)
        if start > line.rfind(closing, 0, cut) and start > 0:
            cut = start
    return cut


# --- Planning: the next meeting, milestones, the coming days, reminder settings -------------


_UTC = ZoneInfo("UTC")


def _long_day(moment: datetime, tz: ZoneInfo) -> str:
    return format_deadline(Deadline(moment, Precision.DAY), tz=tz)


def day_text(day: date) -> str:
    """ "mardi 4 avril 2017"."""
    return _long_day(datetime.combine(day, time(12, 0), tzinfo=_UTC), _UTC)


def meeting_when(meeting: MeetingView, tz: ZoneInfo) -> str:
    """ "mardi 2 mai 2017 à 14h30, bureau du PNUD", or "(heure à confirmer)" without an hour."""
    if meeting.has_time:
        when = format_deadline(Deadline(meeting.starts_at, Precision.MOMENT), tz=tz)
    else:
        when = texts.MEETING_HOUR_TBC.format(day=_long_day(meeting.starts_at, tz))
    if meeting.place:
        return texts.MEETING_AT_PLACE.format(when=when, place=escape(meeting.place))
    return when


def _followed(count: int, one: str, many: str) -> list[str]:
    if count <= 0:
        return []
    return [one if count == 1 else many.format(count=count)]


def _hour_confirmed(previous: MeetingView, meeting: MeetingView, tz: ZoneInfo) -> bool:
    """The hour of a meeting whose day was set without one: a confirmation, not a move."""
    day = previous.starts_at.astimezone(tz).date()
    return (
        not previous.has_time
        and meeting.has_time
        and meeting.starts_at.astimezone(tz).date() == day
        and meeting.place == previous.place
    )


def meeting_change(change: MeetingChange, tz: ZoneInfo) -> str:
    """The echo of /reunion: what is set now, what it was if it moved, what followed it."""
    new = meeting_when(change.meeting, tz)
    previous = change.previous
    if previous is None or meeting_when(previous, tz) == new:
        lines = [texts.MEETING_SET.format(meeting=new)]
    elif _hour_confirmed(previous, change.meeting, tz):
        lines = [texts.MEETING_HOUR_CONFIRMED.format(meeting=new)]
    else:
        lines = [texts.MEETING_MOVED.format(old=meeting_when(previous, tz), new=new)]
    lines += _followed(change.followed, texts.MEETING_FOLLOWED_ONE, texts.MEETING_FOLLOWED_MANY)
    if not change.meeting.agenda:
        lines.append(texts.MEETING_AGENDA_HINT)
    return "\n".join(lines)


AGENDA_IN_MESSAGE = 3000  # escaped: the meeting card's other lines fit in what is left


def agenda_text(meeting: MeetingView) -> str:
    if not meeting.agenda:
        return texts.AGENDA_EMPTY
    agenda, cut = clip(meeting.agenda, AGENDA_IN_MESSAGE)
    return f"{texts.AGENDA_TITLE}\n{agenda}{'…' if cut else ''}"


def meeting_card(meeting: MeetingView, *, cluster_name: str, tz: ZoneInfo) -> str:
    return "\n".join(
        [
            texts.MEETING_TITLE.format(cluster=escape(cluster_name)),
            meeting_when(meeting, tz),
            "",
            agenda_text(meeting),
        ]
    )


def meeting_cancelled(cancellation: MeetingCancellation, tz: ZoneInfo) -> str:
    lines = [texts.MEETING_CANCELLED.format(meeting=meeting_when(cancellation.meeting, tz))]
    lines += _followed(cancellation.waiting, texts.MEETING_WAITING_ONE, texts.MEETING_WAITING_MANY)
    return "\n".join(lines)


def no_meeting(cluster_name: str) -> str:
    return texts.MEETING_NONE.format(cluster=escape(cluster_name))


def milestone_when(milestone: MilestoneView, tz: ZoneInfo) -> str:
    return deadline_text(
        DeadlineValue(milestone.due_at, milestone.deadline.precision, milestone.deadline.label), tz
    )


@dataclass(frozen=True)
class CalendarScope:
    """One cluster's share of /echeances."""

    cluster: ClusterView
    meeting: MeetingView | None
    milestones: Sequence[MilestoneView]
    actions: Sequence[ActionView]


def _hour(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{local.hour}h{local.minute:02d}"


def _calendar_entries(
    scope: CalendarScope, *, show_cluster: bool
) -> list[tuple[date, datetime, str]]:
    """(local day, instant, line) for everything of one cluster, in its own time zone."""
    tz = scope.cluster.tz
    prefix = f"[{escape(scope.cluster.short_name or scope.cluster.name)}] " if show_cluster else ""
    entries: list[tuple[date, datetime, str]] = []
    meeting = scope.meeting
    if meeting is not None:
        at = f" à {_hour(meeting.starts_at, tz)}" if meeting.has_time else texts.CALENDAR_HOUR_TBC
        if meeting.place:
            at += f", {escape(meeting.place)}"
        line = prefix + texts.CALENDAR_MEETING.format(at=at)
        entries.append((meeting.starts_at.astimezone(tz).date(), meeting.starts_at, line))
    for milestone in scope.milestones:
        line = prefix + texts.CALENDAR_MILESTONE.format(title=f"<b>{escape(milestone.title)}</b>")
        line += _calendar_precision(milestone.deadline, tz)
        entries.append((milestone.due_at.astimezone(tz).date(), milestone.due_at, line))
    for action in scope.actions:
        due = action.deadline.due_at
        if due is None:
            continue
        line = prefix + texts.CALENDAR_ACTION.format(
            icon=texts.STATUS_ICON[action.status],
            id=action.id,
            description=snippet(action.description, DESCRIPTION_IN_LIST),
            owners=owners_text(action.owners, OWNERS_IN_LIST),
        )
        line += _calendar_precision(action.deadline, tz)
        entries.append((due.astimezone(tz).date(), due, line))
    return entries


def _calendar_precision(deadline: DeadlineValue, tz: ZoneInfo) -> str:
    """What a day heading does not say: the hour, or the period it ends."""
    if deadline.due_at is not None and deadline.precision == DeadlinePrecision.MOMENT:
        return f" ({_hour(deadline.due_at, tz)})"
    if deadline.precision == DeadlinePrecision.PERIOD and deadline.label:
        return f" ({escape(deadline.label)})"
    return ""


def calendar(scopes: Sequence[CalendarScope], *, scope_name: str, late: int) -> str:
    """/echeances: the next meeting, milestones and action deadlines, grouped by day."""
    show_cluster = len(scopes) > 1
    entries = sorted(
        (e for s in scopes for e in _calendar_entries(s, show_cluster=show_cluster)),
        key=lambda e: (e[0], e[1]),
    )
    lines = [texts.CALENDAR_TITLE.format(scope=scope_name)]
    if not entries:
        lines += ["", texts.CALENDAR_EMPTY]
    current: date | None = None
    for day, _, line in entries:
        if day != current:
            current = day
            heading = _long_day(datetime.combine(day, time(12, 0), tzinfo=_UTC), _UTC)
            lines += ["", f"<b>{heading[:1].upper()}{heading[1:]}</b>"]
        lines.append(line)
    if late:
        lines += ["", *_followed(late, texts.CALENDAR_LATE_ONE, texts.CALENDAR_LATE_MANY)]
    if any(s.actions for s in scopes):
        lines.append(escape(texts.CALENDAR_HINT))
    return "\n".join(lines)


def _days(days: Sequence[int], *, eve: bool = False) -> str:
    """ "3 j, 1 j, le jour même"; with `eve`, 1 is "la veille" and the last joins with "et"."""
    if not days:
        return texts.SETTING_NONE
    parts = [
        texts.SETTING_SAME_DAY
        if d == 0
        else texts.SETTING_EVE
        if eve and d == 1
        else texts.SETTING_DAYS.format(days=d)
        for d in days
    ]
    if eve and len(parts) > 1:
        return ", ".join(parts[:-1]) + texts.SETTING_AND + parts[-1]
    return ", ".join(parts)


def _counts(days: Sequence[int]) -> str:
    """ "1, 3, 7 j": a list of day counts sharing one unit."""
    return texts.SETTING_DAYS.format(days=", ".join(str(d) for d in days))


def setting_deadline(settings: ReminderSettings) -> str:
    return _days(settings.deadline_days_before)


def setting_overdue(settings: ReminderSettings) -> str:
    days, weekly = settings.overdue_days_after, settings.overdue_weekly
    if not days:
        return texts.SETTING_WEEKLY if weekly else texts.SETTING_NONE
    if weekly and tuple(days) == (7,):
        return texts.SETTING_WEEKLY
    return texts.SETTING_THEN_WEEKLY.format(days=_counts(days)) if weekly else _counts(days)


def setting_escalation(settings: ReminderSettings) -> str:
    if settings.escalation_days is None:
        return texts.SETTING_NEVER
    return texts.SETTING_ESCALATION_DAYS.format(days=texts.plural(settings.escalation_days, "jour"))


def setting_meeting(settings: ReminderSettings) -> str:
    return _days(settings.meeting_days_before, eve=True)


def setting_milestone(settings: ReminderSettings) -> str:
    days = settings.milestone_days_before
    # Planning adds the morning itself whenever milestones are reminded at all.
    return _days(sorted({*days, 0}, reverse=True), eve=True) if days else texts.SETTING_NONE


# --- i9 digests: public holidays ---
def setting_holidays(settings: ReminderSettings) -> str:
    country = settings.holidays_country
    if not country:
        return texts.SETTING_HOLIDAYS_NONE
    return texts.SETTING_HOLIDAYS_OF.get(country, escape(country))


# --- end i9 digests ---


def setting_hour(settings: ReminderSettings) -> str:
    return texts.SETTING_HOUR.format(hour=settings.send_hour)


def reminder_settings(settings: ReminderSettings, *, cluster: ClusterView) -> str:
    lines = [texts.SETTINGS_TITLE.format(cluster=texts.of(escape(cluster.display_name))), ""]
    if not settings.enabled:
        lines += [texts.SETTINGS_OFF, ""]
    lines += [
        "• " + texts.SETTINGS_DEADLINE.format(value=setting_deadline(settings)),
        "• " + texts.SETTINGS_OVERDUE.format(value=setting_overdue(settings)),
        "• " + texts.SETTINGS_ESCALATION.format(value=setting_escalation(settings)),
        "• " + texts.SETTINGS_MEETING.format(value=setting_meeting(settings)),
        "• " + texts.SETTINGS_MILESTONE.format(value=setting_milestone(settings)),
        "• " + texts.SETTINGS_HOUR.format(value=setting_hour(settings)),
        "• " + texts.SETTINGS_HOLIDAYS.format(value=setting_holidays(settings)),
        "",
        texts.SETTINGS_HOUR_NOTE.format(timezone=escape(cluster.timezone)),
        texts.SETTINGS_HINT,
    ]
    return "\n".join(lines)


# --- Meetings as records: where an action came from, /reunions, decisions -------------------


def meeting_day(moment: datetime, tz: ZoneInfo, *, year: bool = True) -> str:
    """ "4 avril 2017" (or "4 avril"): a meeting's day, without its weekday."""
    day = _long_day(moment, tz).split(" ", 1)[1]
    return day.rsplit(" ", 1)[0] if not year else day


def _event_where(event: EventView, tz: ZoneInfo) -> str:
    """ " pour OIM à la réunion du 2 mai": whose part it was, and where it was said."""
    where = ""
    # A part's status names its organisation already ("Fait pour OIM").
    if event.organisation_acronym and event.kind != EventKind.STATUS:
        where += texts.EVENT_FOR_ORGANISATION.format(acronym=escape(event.organisation_acronym))
    if event.meeting_starts_at is not None:
        day = meeting_day(event.meeting_starts_at, tz, year=False)
        where += texts.EVENT_AT_MEETING.format(day=day)
    if event.source == EventSource.TRACKER:
        where += texts.EVENT_FROM_TRACKER
    return where


DECISION_IN_LIST = 300


def _record_state(record: MeetingRecord) -> str:
    if record.cancelled:
        return texts.RECORD_CANCELLED
    return texts.RECORD_HELD if record.held else texts.RECORD_COMING


def meeting_records(
    records: Sequence[MeetingRecord], *, total: int, cluster_name: str, tz: ZoneInfo
) -> str:
    """/reunions: the cluster's meetings newest first, each with what it produced."""
    if not records:
        return texts.RECORDS_NONE.format(cluster=escape(cluster_name))
    lines = [texts.RECORDS_TITLE.format(cluster=escape(cluster_name))]
    for record in records:
        lines += [
            "",
            texts.RECORD_LINE.format(
                when=meeting_when(record.meeting, tz), state=_record_state(record)
            ),
        ]
        if record.created:
            lines.append(
                texts.RECORD_COUNTS.format(
                    created=texts.plural(record.created, "action créée", "actions créées"),
                    done=texts.RECORD_DONE.format(count=record.done),
                    open=texts.RECORD_OPEN.format(count=record.open),
                )
            )
        elif record.held:
            lines.append(texts.RECORD_NO_ACTION)
        extra = []
        if record.reported:
            extra.append(texts.RECORD_REPORTED.format(count=record.reported))
        if record.decisions:
            extra.append(texts.RECORD_DECISIONS.format(count=record.decisions))
        if record.participants:
            extra.append(texts.RECORD_PARTICIPANTS.format(count=record.participants))
        if extra:
            lines.append("   " + " · ".join(extra))
    if total > len(records):
        lines += ["", texts.RECORDS_OLDER.format(count=total - len(records))]
    return "\n".join(lines)


def decision_recorded(decision: DecisionView, tz: ZoneInfo) -> str:
    if decision.meeting_starts_at is not None:
        meeting = texts.DECISION_OF_MEETING.format(day=meeting_day(decision.meeting_starts_at, tz))
    else:
        meeting = texts.DECISION_NO_MEETING
    return texts.DECISION_RECORDED.format(
        id=decision.id, meeting=meeting, text=snippet(decision.text, DESCRIPTION_IN_CARD)
    )


def decision_list(
    groups: Sequence[DecisionGroup], *, cluster_name: str, tz: ZoneInfo, limit: int | None = None
) -> str:
    """/decisions: by meeting, newest first; each says the action it became, if any. Past
    `limit` decisions, the older meetings' are counted, not listed."""
    if not groups:
        return texts.DECISIONS_NONE.format(cluster=escape(cluster_name))
    lines = [texts.DECISIONS_TITLE.format(cluster=escape(cluster_name))]
    total = sum(len(g.decisions) for g in groups)
    if limit is not None and total > limit:
        kept: list[DecisionGroup] = []
        room = limit
        for group in groups:
            if room <= 0:
                break
            kept.append(DecisionGroup(group.meeting, group.decisions[:room]))
            room -= len(group.decisions)
        groups = kept
    for group in groups:
        if group.meeting is not None:
            day = meeting_day(group.meeting.starts_at, tz)
            lines += ["", texts.DECISIONS_MEETING.format(day=day)]
        else:
            lines += ["", texts.DECISIONS_LOOSE]
        for decision in group.decisions:
            line = texts.DECISION_LINE.format(
                id=decision.id, text=snippet(decision.text, DECISION_IN_LIST)
            )
            if decision.action_id is not None:
                line += texts.DECISION_ACTION.format(id=decision.action_id)
            lines.append(line)
    shown = sum(len(g.decisions) for g in groups)
    if shown < total:
        lines += ["", texts.DECISIONS_OLDER.format(count=total - shown)]
    return "\n".join(lines)


# --- Actions that belong to many -------------------------------------------------------------

PARTS_NAMED = 6  # the open organisations a progress line names before "+N"


def parts_progress(parts: Parts, *, closed: bool = False) -> str:
    """ "👥 3 sur 6 organisations : fait — reste : HCR (bloqué), UNICEF, +1"; an action
    closed for all ("Clore pour tous", the tracker) before every part was reported has
    nothing left to do, and says so."""
    line = texts.PARTS_PROGRESS.format(done=parts.done, total=len(parts.parts))
    if closed and parts.open:
        return texts.PARTS_CLOSED_FOR_ALL.format(done=parts.done, total=len(parts.parts))
    # A blocked part is what the coordinators have to act on: the line says whose it is.
    blocked = texts.PARTS_BLOCKED
    still = [
        blocked.format(org=escape(p.acronym)) if p.status == Status.BLOCKED else escape(p.acronym)
        for p in parts.open
    ]
    if not still:
        return line
    if len(still) > PARTS_NAMED:
        hidden = len(still) - (PARTS_NAMED - 1)
        still = [*still[: PARTS_NAMED - 1], texts.PARTS_MORE.format(count=hidden)]
    return line + texts.PARTS_OPEN.format(open=", ".join(still))


def _part_event(event: EventView) -> str:
    status = Status(event.new_value or Status.TODO)
    org = escape(event.organisation_acronym or "")
    return texts.EVENT_PART.format(status=texts.STATUS_LABEL[status], org=org)


def part_reported(report: PartReport, organisation_id: int) -> str:
    """What a part reported says: "Part d'OIM : fait — 3 sur 6 organisations ont fini"."""
    parts, action = report.parts, report.action
    part = next(p for p in parts.parts if p.organisation_id == organisation_id)
    of_org, label = texts.of(escape(part.acronym)), texts.STATUS_LABEL[part.status]
    status, total = label.lower(), len(parts.parts)
    if report.completed:
        return texts.PART_COMPLETED.format(of_org=of_org, status=status, total=total, id=action.id)
    if not report.changed:
        return texts.PART_ALREADY.format(of_org=of_org, id=action.id, status=label)
    if not action.status.is_open:
        # Cancelled, or closed for all by a coordinator: the part is kept, the action stays.
        closed = texts.STATUS_LABEL[action.status]
        return texts.PART_OF_CLOSED.format(
            of_org=of_org, status=status, id=action.id, action_status=closed
        )
    return texts.PART_REPORTED.format(of_org=of_org, status=status, done=parts.done, total=total)


# --- Attendance and votes -------------------------------------------------------------------

# Organisations or people listed before "… et N autres", each cut to ATTENDANCE_NAME: the
# three lists and the head stay under one message (3 x 25 x 42 characters).
ATTENDANCE_NAMES = 25
ATTENDANCE_NAME = 40


def _listed(names: Sequence[str]) -> str:
    shown = ", ".join(snippet(n, ATTENDANCE_NAME) for n in names[:ATTENDANCE_NAMES])
    more = len(names) - ATTENDANCE_NAMES
    return f"{shown} {texts.ATTENDANCE_MORE.format(count=more)}" if more > 0 else shown


def attendance_text(
    found: AttendanceMeeting,
    listed: AttendanceList,
    *,
    cluster_name: str,
    tz: ZoneInfo,
    hint: bool = True,
) -> str:
    """The meeting's opening message: who is recorded present or excused so far; `hint`
    says how to be counted (the message carries ✋)."""
    lines = [
        texts.ATTENDANCE_TITLE.format(
            day=_long_day(found.meeting.starts_at, tz), cluster=escape(cluster_name)
        )
    ]
    if not found.today:
        lines.append(texts.ATTENDANCE_NOT_TODAY)
    lines.append("")
    if listed.present:
        lines.append(
            texts.ATTENDANCE_PRESENT.format(
                count=len(listed.present), names=_listed(listed.present)
            )
        )
    else:
        lines.append(texts.ATTENDANCE_NOBODY)
    if listed.excused:
        lines.append(
            texts.ATTENDANCE_EXCUSED.format(
                count=len(listed.excused), names=_listed(listed.excused)
            )
        )
    if listed.people:
        people = [
            f"{p.name} ({p.organisation_acronym or p.organisation_text})"
            if p.organisation_acronym or p.organisation_text
            else p.name
            for p in listed.people
        ]
        lines.append(texts.ATTENDANCE_PEOPLE.format(count=len(people), names=_listed(people)))
    if hint:
        lines += ["", texts.ATTENDANCE_HINT]
    return "\n".join(lines)


def meeting_weekday(starts_at: datetime, tz: ZoneInfo) -> str:
    """ "mardi 4 avril 2017": the day a meeting was held."""
    return _long_day(starts_at, tz)


def _day_month(moment: datetime, tz: ZoneInfo, *, with_year: bool) -> str:
    local = moment.astimezone(tz)
    day = f"{local.day} {MONTHS[local.month - 1]}"
    return f"{day} {local.year}" if with_year else day


def attended_line(recent: RecentAttendance, organisation_id: int, tz: ZoneInfo) -> str:
    """ "présent aux réunions du 4 avril et du 2 mai (2 des 3 dernières)"."""
    total = len(recent.meetings)
    years = {m.astimezone(tz).year for m in recent.meetings}
    with_year = len(years) > 1

    def day(moment: datetime) -> str:
        return _day_month(moment, tz, with_year=with_year)

    attended = recent.by_organisation.get(organisation_id, ())
    if total == 1:
        template = texts.ROSTER_ATTENDED_ONLY if attended else texts.ROSTER_ABSENT_ONLY
        return template.format(day=day(recent.meetings[0]))
    if not attended:
        return texts.ROSTER_ABSENT.format(total=total)
    if len(attended) == 1:
        return texts.ROSTER_ATTENDED_ONE.format(day=day(attended[0]), count=1, total=total)
    days = [texts.ROSTER_DAY.format(day=day(m)) for m in attended]
    joined = ", ".join(days[:-1]) + texts.ROSTER_AND + days[-1]
    return texts.ROSTER_ATTENDED.format(days=joined, count=len(attended), total=total)
