"""From a parsed action table to import items, and the preview a coordinator checks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal
from zoneinfo import ZoneInfo

from bot import texts
from bot.render import deadline_text, escape, owners_text
from bot.resolve import (
    Note,
    NoteKind,
    deadline_value,
    known_owner,
    resolve_all,
    undated_value,
)
from language.action_text import split_owners
from language.deadlines import MeetingRelative, Undated
from language.owners import OwnerIndex
from language.tables import ImportRow
from storage.models import DeadlinePrecision
from storage.views import DeadlineValue, OwnerInput

PAGE_SIZE = 10
DESCRIPTION_IN_PREVIEW = 220


@dataclass
class ImportItem:
    """One row of an imported table, as understood."""

    line: int
    description: str
    owners: list[OwnerInput]
    deadline: DeadlineValue  # UNDATED (text kept) when it could not be read
    notes: list[Note] = field(default_factory=list)  # what needs attention
    duplicate_of: int | None = None  # an open action of the cluster already says this


@dataclass
class ImportDraft:
    """A previewed import awaiting "create all", a fix or a cancel (a question's state)."""

    cluster_id: int
    items: list[ImportItem]
    page: int = 0
    fixing: int | None = None  # the line whose correction is awaited
    next_meeting: DeadlineValue | None = None  # found in the minutes, offered to set
    type: Literal["import"] = "import"


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
    names = split_owners(row.owners_text or "", known=known_owner(index))
    owners, notes = resolve_all(names, index)
    if not owners:
        notes.append(Note(NoteKind.NO_OWNER))
    return ImportItem(
        line=row.line,
        description=row.description,
        owners=owners,
        deadline=_deadline(row.deadline_text, notes, now=now, tz=tz, meeting=meeting_deadline),
        notes=notes,
    )


def _deadline(
    text: str | None, notes: list[Note], *, now: datetime, tz: ZoneInfo, meeting: MeetingDeadline
) -> DeadlineValue:
    """Every row gets a deadline; what could not be dated is stored undated and said so."""
    if not text or not text.strip():
        notes.append(Note(NoteKind.NO_DEADLINE))
        return DeadlineValue(None, DeadlinePrecision.UNDATED)
    typed = text.strip()
    value = deadline_value(text, now=now, tz=tz)
    if isinstance(value, DeadlineValue):
        return value
    if isinstance(value, MeetingRelative):
        dated = meeting(value.days_before, typed)
        if dated is not None:
            return dated
    kind = {Undated: NoteKind.UNDATED, MeetingRelative: NoteKind.NO_MEETING}.get(
        type(value), NoteKind.BAD_DEADLINE
    )
    notes.append(Note(kind, typed))
    return undated_value(text)


_NOTE_TEXT = {
    NoteKind.UNKNOWN_OWNER: texts.IMPORT_UNKNOWN,
    NoteKind.AMBIGUOUS_OWNER: texts.IMPORT_AMBIGUOUS,
    NoteKind.NO_OWNER: texts.IMPORT_NO_OWNER,
    NoteKind.NO_DEADLINE: texts.IMPORT_NO_DEADLINE,
    NoteKind.UNDATED: texts.IMPORT_UNDATED,
    NoteKind.NO_MEETING: texts.IMPORT_NO_MEETING,
    NoteKind.BAD_DEADLINE: texts.IMPORT_BAD_DEADLINE,
    NoteKind.WRITTEN: "{text}",
}


def note_text(note: Note) -> str:
    """The note in French, its typed parts escaped."""
    return _NOTE_TEXT[note.kind].format(
        text=escape(note.text), choices=", ".join(escape(c) for c in note.choices)
    )


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
    no_deadlines = all(any(n.kind == NoteKind.NO_DEADLINE for n in i.notes) for i in draft.items)
    hidden = {NoteKind.NO_DEADLINE} if no_deadlines else set()
    attention = sum(
        1
        for i in draft.items
        if any(n.kind not in hidden for n in i.notes) and i.duplicate_of is None
    )
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
        lines += [f"   ⚠️ {note_text(note)}" for note in item.notes if note.kind not in hidden]
    lines += ["", texts.IMPORT_PAGE.format(page=draft.page + 1, pages=page_count(draft))]
    return "\n".join(lines)


def current_row_text(item: ImportItem) -> str:
    owners = ", ".join(o.label for o in item.owners)
    deadline = item.deadline.text or ""
    return " — ".join(part for part in (item.description, owners, deadline) if part)
