"""From a parsed action table to import items, and the preview a coordinator checks."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import texts
from bot.pending import ImportDraft, ImportItem
from bot.render import deadline_text, escape, owners_text
from bot.resolve import deadline_value, resolve_all, undated_value
from language.action_text import split_owners
from language.deadlines import MeetingRelative, Undated
from language.owners import OwnerIndex
from language.tables import ImportRow
from storage.models import DeadlinePrecision
from storage.views import DeadlineValue

PAGE_SIZE = 10
DESCRIPTION_IN_PREVIEW = 220

# Given a meeting-relative deadline's days and text: the dated deadline, or None without a
# next meeting. Passed in so this module stays free of sessions.
MeetingDeadline = Callable[[int, str], DeadlineValue | None]


def build_item(
    row: ImportRow,
    *,
    index: OwnerIndex,
    now: datetime,
    tz: ZoneInfo,
    meeting_deadline: MeetingDeadline,
) -> ImportItem:
    notes: list[str] = []
    owners, owner_notes = resolve_all(split_owners(row.owners_text or ""), index)
    notes += owner_notes
    if not owners:
        notes.append(texts.IMPORT_NO_OWNER)
    return ImportItem(
        line=row.line,
        description=row.description,
        owners=owners,
        deadline=_deadline(row.deadline_text, notes, now=now, tz=tz, meeting=meeting_deadline),
        notes=notes,
    )


def _deadline(
    text: str | None, notes: list[str], *, now: datetime, tz: ZoneInfo, meeting: MeetingDeadline
) -> DeadlineValue:
    """Every row gets a deadline; what could not be dated is stored undated and said so."""
    if not text or not text.strip():
        notes.append(texts.IMPORT_NO_DEADLINE)
        return DeadlineValue(None, DeadlinePrecision.UNDATED)
    value = deadline_value(text, now=now, tz=tz)
    if isinstance(value, DeadlineValue):
        return value
    if isinstance(value, Undated):
        notes.append(texts.IMPORT_UNDATED.format(text=text.strip()))
        return undated_value(text)
    if isinstance(value, MeetingRelative):
        dated = meeting(value.days_before, text.strip())
        if dated is not None:
            return dated
        notes.append(texts.IMPORT_NO_MEETING.format(text=text.strip()))
        return undated_value(text)
    notes.append(texts.IMPORT_BAD_DEADLINE.format(text=text.strip()))
    return undated_value(text)


def creatable(draft: ImportDraft) -> list[ImportItem]:
    return [i for i in draft.items if i.duplicate_of is None]


def page_count(draft: ImportDraft) -> int:
    return max(1, -(-len(draft.items) // PAGE_SIZE))


def page_items(draft: ImportDraft) -> list[ImportItem]:
    start = draft.page * PAGE_SIZE
    return draft.items[start : start + PAGE_SIZE]


def preview(draft: ImportDraft, *, cluster_name: str, tz: ZoneInfo) -> str:
    """One page of the preview: every row as understood, what needs attention marked."""
    # A table without a deadline column would repeat the same warning on every row: say it once.
    no_deadlines = all(texts.IMPORT_NO_DEADLINE in i.notes for i in draft.items)
    hidden = {texts.IMPORT_NO_DEADLINE} if no_deadlines else set()
    attention = sum(1 for i in draft.items if set(i.notes) - hidden and i.duplicate_of is None)
    duplicates = sum(1 for i in draft.items if i.duplicate_of is not None)
    lines = [
        texts.IMPORT_TITLE.format(
            actions=texts.plural(len(draft.items), "action"), cluster=escape(cluster_name)
        )
    ]
    summary = []
    if attention:
        summary.append(texts.IMPORT_SUMMARY_ATTENTION.format(count=attention))
    if duplicates:
        summary.append(texts.IMPORT_SUMMARY_DUPLICATES.format(count=duplicates))
    if summary:
        lines.append(" · ".join(summary))
    if no_deadlines:
        lines.append(texts.IMPORT_NO_DEADLINES)
    for item in page_items(draft):
        description = " ".join(item.description.split())
        if len(description) > DESCRIPTION_IN_PREVIEW:
            description = description[: DESCRIPTION_IN_PREVIEW - 1] + "…"
        lines += [
            "",
            f"<b>{item.line}.</b> {escape(description)}",
            f"   👥 {owners_text(item.owners)} · 📅 {deadline_text(item.deadline, tz)}",
        ]
        if item.duplicate_of is not None:
            lines.append("   " + texts.IMPORT_ROW_DUPLICATE.format(id=item.duplicate_of))
        lines += [f"   ⚠️ {escape(note)}" for note in item.notes if note not in hidden]
    lines += ["", texts.IMPORT_PAGE.format(page=draft.page + 1, pages=page_count(draft))]
    return "\n".join(lines)


def current_row_text(item: ImportItem) -> str:
    owners = ", ".join(o.label for o in item.owners)
    deadline = item.deadline.text or ""
    return " — ".join(part for part in (item.description, owners, deadline) if part)


def lines_of(items: Sequence[ImportItem]) -> list[int]:
    return [i.line for i in items]
