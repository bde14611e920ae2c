"""From a parsed action table to import items, and the preview a coordinator checks."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal
from zoneinfo import ZoneInfo

from bot import texts
from bot.render import day_text, deadline_text, escape, owners_text, shorten
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
from language.folding import fold
from language.owners import OwnerIndex
from storage.models import DeadlinePrecision, Status
from storage.views import DeadlineValue, OwnerInput

if TYPE_CHECKING:
    from language.minutes import MinutesItem  # the minutes' reader: loaded when first used

PAGE_SIZE = 10
DESCRIPTION_IN_PREVIEW = 220
# Rows per message: the title, summary and page lines and the keyboard take the rest.
PAGE_BUDGET = 3400
UTC_ZONE = ZoneInfo("UTC")


@dataclass
class ImportItem:
    """One action (or decision) of the minutes, as understood."""

    line: int
    description: str
    owners: list[OwnerInput]
    deadline: DeadlineValue  # UNDATED (text kept) when it could not be read
    notes: list[Note] = field(default_factory=list)  # what needs attention
    duplicate_of: int | None = None  # an open action of the cluster already says this
    owners_text: str | None = None  # as written: read again when the names change
    context: str | None = None  # the rest of its cell or row: the action's first comment
    status_text: str | None = None  # a follow-up's status, as written
    suggested: str | None = None  # a date written in the text, offered when none is given
    follow_up: bool = False  # from a follow-up table: its dates may be past ones

    @property
    def decision(self) -> bool:
        """A recommendation or decision that names no owner: kept, to be confirmed."""
        return not self.owners


@dataclass
class ParticipantItem:
    """One person of the minutes' participants list, and what the cluster knows of them."""

    name: str
    organisation_text: str | None = None
    function: str | None = None
    email: str | None = None
    phone: str | None = None
    organisation_id: int | None = None  # the organisation the text names, if known
    organisation_label: str | None = None
    in_cluster: bool = False  # that organisation is one of the cluster's
    member: bool = False  # already a member of the cluster
    invited: bool = False  # an invitation link was made for them by this import


# The part of a row a fix replaces; "row" is the whole row retyped.
FixPart = Literal["row", "description", "owners", "deadline"]
# A date typed once for the preview: for the rows without a deadline, or the meeting's day.
DateAsked = Literal["undated", "held_on"]


@dataclass
class ImportDraft:
    """A previewed import awaiting "create all", a fix or a cancel (a question's state)."""

    cluster_id: int
    items: list[ImportItem]
    page: int = 0
    fixing: int | None = None  # the line whose correction is awaited
    next_meeting: DeadlineValue | None = None  # found in the minutes, offered to set
    held_on: date | None = None  # the meeting's day: the minutes' dates are read from it
    type: Literal["import"] = "import"
    fixing_part: FixPart = "row"
    asking: DateAsked | None = None
    held_on_given: bool = False  # found in the minutes or typed, not today's by default
    participants: list[ParticipantItem] = field(default_factory=list)


def undated(draft: ImportDraft) -> list[ImportItem]:
    """Rows that would be stored without a date although no one said so on purpose (no
    deadline written, or one that could not be read)."""
    gaps = {NoteKind.NO_DEADLINE, NoteKind.BAD_DEADLINE}
    return [
        i
        for i in draft.items
        if i.duplicate_of is None
        and any(n.kind in gaps for n in i.notes)
        and not becomes_decision(i)
    ]


def with_suggestion(draft: ImportDraft) -> list[ImportItem]:
    """Undated rows whose text says a date ("l'étude devrait être réalisée en avril")."""
    return [i for i in undated(draft) if i.suggested]


def to_invite(draft: ImportDraft) -> list[ParticipantItem]:
    """Participants of an organisation of the cluster who are not members yet."""
    return [p for p in draft.participants if p.in_cluster and not p.member and not p.invited]


def outside_organisations(draft: ImportDraft) -> list[str]:
    """The organisations of participants that are not the cluster's, as first written."""
    seen: dict[str, str] = {}
    for p in draft.participants:
        if p.organisation_text and not p.in_cluster:
            label = p.organisation_label or p.organisation_text
            seen.setdefault(fold(label), label)
    return list(seen.values())


# Given a meeting-relative deadline's days and text: the dated deadline, or None without a
# next meeting. Passed in so this module stays free of sessions.
MeetingDeadline = Callable[[int, str], DeadlineValue | None]


def build_item(
    row: MinutesItem,
    *,
    index: OwnerIndex,
    now: datetime,
    tz: ZoneInfo,
    meeting_deadline: MeetingDeadline,
) -> ImportItem:
    """An action of the minutes, its owners resolved and its deadline read at `now` (the
    meeting's day when the minutes give it)."""
    names = split_owners(row.owners_text or "", known=known_owner(index))
    owners, notes = resolve_all(names, index)
    if not owners:
        notes.append(Note(NoteKind.DECISION if row.is_decision else NoteKind.NO_OWNER))
    deadline = _deadline(
        row.deadline_text, notes, now=now, tz=tz, meeting=meeting_deadline, past=row.follow_up
    )
    if row.suggested_deadline and deadline.precision == DeadlinePrecision.UNDATED:
        notes.append(Note(NoteKind.SUGGESTED, row.suggested_deadline))
    return ImportItem(
        line=row.line,
        description=row.description,
        owners=owners,
        deadline=deadline,
        notes=notes,
        owners_text=row.owners_text,
        context=row.context,
        status_text=row.status_text,
        suggested=row.suggested_deadline,
        follow_up=row.follow_up,
    )


def as_written(item: ImportItem) -> MinutesItem:
    """The item as the minutes wrote it, to read it again (a meeting set, a row fixed)."""
    from language.minutes import MinutesItem

    return MinutesItem(
        item.description,
        item.owners_text,
        item.deadline.text,
        item.line,
        context=item.context,
        status_text=item.status_text,
        suggested_deadline=item.suggested,
        follow_up=item.follow_up,
    )


_STATUSES = (
    ("non realise", Status.TODO), ("pas realise", Status.TODO), ("non demarre", Status.TODO),
    ("pas encore", Status.TODO), ("not started", Status.TODO), ("a faire", Status.TODO),
    ("annule", Status.CANCELLED), ("abandonne", Status.CANCELLED), ("cancel", Status.CANCELLED),
    ("bloque", Status.BLOCKED), ("suspendu", Status.BLOCKED), ("blocked", Status.BLOCKED),
    ("en cours", Status.IN_PROGRESS), ("partiel", Status.IN_PROGRESS),
    ("ongoing", Status.IN_PROGRESS), ("in progress", Status.IN_PROGRESS),
    ("en attente", Status.IN_PROGRESS),
    ("realise", Status.DONE), ("fait", Status.DONE), ("termine", Status.DONE),
    ("acheve", Status.DONE), ("done", Status.DONE), ("complete", Status.DONE), ("ok", Status.DONE),
)  # fmt: skip


def status_of(text: str | None) -> Status | None:
    """A follow-up's status as written ("Réalisé", "En cours", "Non réalisé"), or None."""
    folded = fold(text or "")
    return next((status for words, status in _STATUSES if re.search(rf"\b{words}", folded)), None)


def _deadline(
    text: str | None,
    notes: list[Note],
    *,
    now: datetime,
    tz: ZoneInfo,
    meeting: MeetingDeadline,
    past: bool = False,
) -> DeadlineValue:
    """Every row gets a deadline; what could not be dated is stored undated and said so."""
    if not text or not text.strip():
        notes.append(Note(NoteKind.NO_DEADLINE))
        return DeadlineValue(None, DeadlinePrecision.UNDATED)
    typed = text.strip()
    value = deadline_value(text, now=now, tz=tz, past=past)
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
    NoteKind.DECISION: texts.IMPORT_DECISION,
    NoteKind.SUGGESTED: texts.IMPORT_SUGGESTED,
}


def note_text(note: Note) -> str:
    """The note in French, its typed parts escaped."""
    return _NOTE_TEXT[note.kind].format(
        text=escape(shorten(note.text, 100)),
        choices=", ".join(escape(shorten(c, 40)) for c in note.choices[:6]),
    )


def creatable(draft: ImportDraft) -> list[ImportItem]:
    return [i for i in draft.items if i.duplicate_of is None]


def _hidden(draft: ImportDraft) -> set[NoteKind]:
    # A table without a deadline column would repeat the same warning on every row: say
    # it once.
    none = all(any(n.kind == NoteKind.NO_DEADLINE for n in i.notes) for i in draft.items)
    return {NoteKind.NO_DEADLINE} if none else set()


def _item_lines(item: ImportItem, tz: ZoneInfo, hidden: set[NoteKind]) -> list[str]:
    lines = [
        "",
        f"<b>{item.line}.</b> {escape(shorten(item.description, DESCRIPTION_IN_PREVIEW))}",
        f"   👥 {owners_text(item.owners, 120)} · 📅 {deadline_text(item.deadline, tz)}",
    ]
    if item.status_text:
        status = escape(shorten(item.status_text, 60))
        lines.append("   " + texts.IMPORT_ROW_STATUS.format(status=status))
    if item.context:
        context = escape(shorten(item.context, 120))
        lines.append("   " + texts.IMPORT_ROW_CONTEXT.format(context=context))
    if item.duplicate_of is not None:
        lines.append("   " + texts.IMPORT_ROW_DUPLICATE.format(id=item.duplicate_of))
    if becomes_decision(item):
        lines.append("   " + texts.IMPORT_ROW_DECISION)
    hidden = _hidden_for(item, hidden)
    lines += [f"   ⚠️ {note_text(note)}" for note in item.notes if note.kind not in hidden]
    return lines


def _hidden_for(item: ImportItem, hidden: set[NoteKind]) -> set[NoteKind]:
    """The notes not shown on this row: a row that becomes a decision says so once, and so
    is not one "to check" for having no owner or deadline."""
    return hidden | _DECISION_NOTES if becomes_decision(item) else hidden


def pages(draft: ImportDraft) -> list[range]:
    """The preview's pages: at most PAGE_SIZE rows, and no more than fits in a message."""
    hidden = _hidden(draft)
    found: list[range] = []
    start, used = 0, 0
    for index, item in enumerate(draft.items):
        size = len("\n".join(_item_lines(item, UTC_ZONE, hidden))) + 1
        if index > start and (index - start >= PAGE_SIZE or used + size > PAGE_BUDGET):
            found.append(range(start, index))
            start, used = index, 0
        used += size
    found.append(range(start, len(draft.items)))
    return found


def page_of(draft: ImportDraft, line: int) -> int:
    """The page showing the row of this line."""
    positions = [i for i, item in enumerate(draft.items) if item.line == line]
    where = positions[0] if positions else 0
    return next((n for n, page in enumerate(pages(draft)) if where in page), 0)


@dataclass(frozen=True)
class Preview:
    """One page of the preview: its text, the lines of its rows, how many pages."""

    text: str
    lines: list[int]
    pages: int


def preview(draft: ImportDraft, *, cluster_name: str, tz: ZoneInfo) -> Preview:
    """One page of the preview: every row as understood, what needs attention marked."""
    hidden = _hidden(draft)
    every = pages(draft)  # each row rendered once more to measure: once per preview
    shown = [draft.items[i] for i in every[min(draft.page, len(every) - 1)]]
    attention = sum(
        1
        for i in draft.items
        if any(n.kind not in _hidden_for(i, hidden) for n in i.notes) and i.duplicate_of is None
    )
    duplicates = sum(1 for i in draft.items if i.duplicate_of is not None)
    as_decisions = sum(1 for i in draft.items if becomes_decision(i))
    rows = len(draft.items) - as_decisions
    found = [texts.plural(rows, "action")] if rows else []
    if as_decisions:
        found.append(texts.plural(as_decisions, "décision"))
    lines = [texts.IMPORT_TITLE.format(actions=" et ".join(found), cluster=escape(cluster_name))]
    summary = []
    if attention:
        summary.append(texts.IMPORT_SUMMARY_ATTENTION.format(count=attention))
    if duplicates:
        summary.append(texts.IMPORT_SUMMARY_DUPLICATES.format(count=duplicates))
    if summary:
        lines.append(" · ".join(summary))
    if as_decisions := len(decisions(draft)):
        lines.append(texts.IMPORT_AS_DECISIONS.format(count=as_decisions))
    if hidden and not all(becomes_decision(i) for i in draft.items):
        lines.append(texts.IMPORT_NO_DEADLINES)
    lines.append(_held_on_line(draft))
    if draft.participants:
        outside = len(outside_organisations(draft))
        line = texts.IMPORT_PARTICIPANTS.format(count=len(draft.participants))
        if outside:
            line += " " + texts.IMPORT_PARTICIPANTS_OUTSIDE.format(count=outside)
        lines.append(line)
    for item in shown:
        lines += _item_lines(item, tz, hidden)
    lines += ["", texts.IMPORT_PAGE.format(page=draft.page + 1, pages=len(every))]
    return Preview("\n".join(lines), [item.line for item in shown], len(every))


def _held_on_line(draft: ImportDraft) -> str:
    if draft.held_on is not None and draft.held_on_given:
        return texts.IMPORT_HELD_ON.format(day=day_text(draft.held_on))
    return texts.IMPORT_HELD_ON_UNKNOWN


def current_row_text(item: ImportItem) -> str:
    owners = ", ".join(o.label for o in item.owners)
    deadline = item.deadline.text or ""
    return " — ".join(part for part in (item.description, owners, deadline) if part)


# --- Decisions: a recommendation with no owner and no deadline -------------------------------

# What a row that becomes a decision does not need to be told: it is said once, in its words.
_DECISION_NOTES = {NoteKind.NO_OWNER, NoteKind.DECISION, NoteKind.NO_DEADLINE}


def becomes_decision(item: ImportItem) -> bool:
    """No owner and no deadline written: a decision of the meeting, not an action. With a
    deadline but no owner it stays an action, for the cluster's coordination."""
    return not item.owners and any(n.kind == NoteKind.NO_DEADLINE for n in item.notes)


def decisions(draft: ImportDraft) -> list[ImportItem]:
    """The new rows the import records as decisions."""
    return [i for i in creatable(draft) if becomes_decision(i)]
