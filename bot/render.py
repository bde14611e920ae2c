"""Pure renderers: read models in, HTML text out. User text is always escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import texts
from bot.language.deadlines import Deadline, Precision, format_deadline
from storage.actions import deadline_from_history
from storage.models import DeadlinePrecision, EventKind, Status
from storage.views import (
    ActionPage,
    ActionView,
    DeadlineValue,
    EventView,
    OwnerInput,
    OwnerView,
    Roster,
)

MESSAGE_LIMIT = 4096


def escape(text: str) -> str:
    """User text made safe for HTML parse mode. Quotes stay as typed: Telegram needs only
    < > & escaped, and an apostrophe reads better than &#x27; wherever entities are shown."""
    return html.escape(text, quote=False)


DESCRIPTION_IN_CARD = 3000
DESCRIPTION_IN_LIST = 90


def deadline_text(deadline: DeadlineValue, tz: ZoneInfo) -> str:
    """The deadline written out in French, with its weekday, as the bot understood it."""
    if deadline.due_at is None or deadline.precision == DeadlinePrecision.UNDATED:
        if deadline.text:
            return f"{texts.UNDATED} (« {escape(deadline.text)} »)"
        return texts.UNDATED
    if deadline.precision == DeadlinePrecision.MEETING:
        # Tied to the next meeting: say so, then the date it stands for today.
        local = deadline.due_at.astimezone(tz)
        precision = Precision.DAY if (local.hour, local.minute) == (0, 0) else Precision.MOMENT
        when = format_deadline(Deadline(deadline.due_at, precision), tz=tz)
        return escape(f"{deadline.text or texts.MEETING_DEADLINE} : {when}")
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


def owners_text(owners: Sequence[OwnerView] | Sequence[OwnerInput]) -> str:
    if not owners:
        return texts.NO_OWNER
    return ", ".join(
        texts.UNKNOWN_OWNER.format(label=escape(o.label)) if o.unknown else escape(o.label)
        for o in owners
    )


def _status(status: Status) -> str:
    return texts.CARD_STATUS.format(
        icon=texts.STATUS_ICON[status], status=texts.STATUS_LABEL[status]
    )


def action_card(action: ActionView, *, now: datetime, tz: ZoneInfo) -> str:
    description = action.description
    if len(description) > DESCRIPTION_IN_CARD:
        description = description[:DESCRIPTION_IN_CARD]
        tail = "\n" + texts.CARD_TRUNCATED.format(id=action.id)
    else:
        tail = ""
    lines = [
        texts.CARD_TITLE.format(id=action.id, cluster=escape(action.cluster_name)),
        escape(description) + tail,
        texts.CARD_OWNERS.format(owners=owners_text(action.owners)),
        texts.CARD_DEADLINE.format(deadline=deadline_text(action.deadline, tz))
        + _lateness(action, now, tz),
        _status(action.status),
    ]
    if any(o.unknown for o in action.owners):
        lines.append(texts.UNKNOWN_OWNER_NOTE)
    return "\n".join(lines)


def _event_line(event: EventView, tz: ZoneInfo) -> str:
    when = event.at.astimezone(tz).strftime("%d/%m/%Y %H:%M")
    if event.kind == EventKind.CREATED:
        what = texts.EVENT_CREATED
    elif event.kind == EventKind.STATUS:
        what = texts.EVENT_STATUS.format(
            old=texts.STATUS_LABEL[Status(event.old_value or Status.TODO)],
            new=texts.STATUS_LABEL[Status(event.new_value or Status.TODO)],
        )
    elif event.kind == EventKind.DEADLINE:
        what = texts.EVENT_DEADLINE.format(new=_stored_deadline(event.new_value, tz))
    elif event.kind == EventKind.OWNERS:
        what = texts.EVENT_OWNERS.format(
            old=escape(event.old_value or ""), new=escape(event.new_value or "")
        )
    elif event.kind == EventKind.DESCRIPTION:
        what = texts.EVENT_DESCRIPTION
    else:
        what = texts.EVENT_COMMENT.format(text=escape(event.new_value or ""))
    return f"• {when} — {escape(event.actor_name)} : {what}"


def _stored_deadline(value: str | None, tz: ZoneInfo) -> str:
    deadline = deadline_from_history(value)
    if deadline is None:
        return value or texts.UNDATED
    shown = deadline_text(deadline, tz)
    if deadline.due_at is not None and deadline.text:
        shown += f" (« {escape(deadline.text)} »)"
    return shown


def action_detail(
    action: ActionView, history: Sequence[EventView], *, now: datetime, tz: ZoneInfo
) -> str:
    """The card and as much of its history as fits in one message, newest kept."""
    card = action_card(action, now=now, tz=tz)
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


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def action_line(action: ActionView, *, now: datetime, tz: ZoneInfo, show_cluster: bool) -> str:
    due = action.deadline.due_at
    when = due.astimezone(tz).strftime("%d/%m/%Y") if due is not None else texts.UNDATED
    prefix = f"[{escape(action.cluster_name)}] " if show_cluster else ""
    status = texts.STATUS_ICON[action.status]
    description = escape(_short(action.description, DESCRIPTION_IN_LIST))
    return (
        f"{status} <b>{action.id}</b> · {prefix}{description}\n"
        f"      {owners_text(action.owners)} · {when}{_lateness(action, now, tz)}"
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


def roster(data: Roster) -> str:
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
        if not org.focal_points and not org.pending_invitations:
            lines.append(f"  {texts.ROSTER_NO_FOCAL_POINT}")
        for fp in org.focal_points:
            note = "" if fp.reachable else f" — ⚠️ {texts.ROSTER_NOT_STARTED}"
            lines.append(f"  • {escape(fp.display_name)}{note}")
        for name in org.pending_invitations:
            lines.append(f"  • {escape(name)} — ⏳ {texts.ROSTER_PENDING}")
    return "\n".join(lines)


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Cut between lines so no message exceeds Telegram's limit and no HTML tag is split
    (renderers open and close their tags on one line)."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # a single overlong line: cut it, it holds no tag
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks
