"""The tracker's plain data: what a workbook holds, what a returned one says, and what the
coordinator changed in it.

No openpyxl here: the questions the bot keeps (bot/conversation.py) hold changes, new
actions and problems, and loading openpyxl for them cost the bot's start-up 8 MB and up to a
fifth of a second. bot/documents/tracker.py writes and reads the workbook itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot import texts
from language.folding import fold
from storage.actions import COMMENT_MAX, DESCRIPTION_MAX
from storage.models import DeadlinePrecision, Status
from storage.tracker import (
    OrganisationSummary,
    TrackerDecision,
    TrackerField,
    TrackerRow,
    current_key,
    deadline_key,
)
from storage.views import DeadlineValue, OwnerInput


@dataclass(frozen=True)
class TrackerSheets:
    """What one workbook holds: the actions, the decisions, the summary per organisation."""

    title: str  # the cluster's name, or the organisation's part ("OCHA")
    rows: Sequence[TrackerRow]
    decisions: Sequence[TrackerDecision]
    summary: Sequence[OrganisationSummary]
    cluster_ids: Sequence[int]
    several_clusters: bool


# --- A returned tracker, as read ----------------------------------------------------------------


class FileProblem(StrEnum):
    CORRUPT = "corrupt"  # not a workbook at all, or a damaged one
    NOT_TRACKER = "not_tracker"  # a workbook, but not a tracker Relance wrote
    TOO_BIG = "too_big"  # a few megabytes that would unpack into far more than a tracker


@dataclass(frozen=True)
class Exported:
    """What the hidden sheet says was exported, per action."""

    status: Status
    due_key: str  # deadline_key of the deadline exported
    deadline_shown: str  # the text shown for an undated deadline
    comment: str


@dataclass(frozen=True)
class ReturnedRow:
    line: int  # the row number in Excel, as the person sees it
    action_id: int | None
    number_text: str  # the N° cell as typed, when it is not a number
    cluster: str
    description: str
    owners: str
    deadline: date | datetime | str | None
    status: str
    comment: str


@dataclass(frozen=True)
class Returned:
    exported_at: datetime
    cluster_ids: tuple[int, ...]
    exported: Mapping[int, Exported]
    rows: tuple[ReturnedRow, ...]


# --- Statuses as people retype them ------------------------------------------------------------

_STATUS_WORDS = {
    Status.DONE: (
        "fait",
        "faite",
        "faits",
        "termine",
        "terminee",
        "acheve",
        "achevee",
        "realise",
        "realisee",
        "clos",
        "close",
        "cloture",
        "cloturee",
        "ok",
        "done",
        "completed",
        "complete",
    ),
    Status.IN_PROGRESS: ("en cours", "encours", "en_cours", "in progress", "ongoing", "commence"),
    Status.BLOCKED: ("bloque", "bloquee", "blocked", "en attente", "suspendu", "suspendue"),
    Status.CANCELLED: ("annule", "annulee", "abandonne", "abandonnee", "cancelled", "canceled"),
    Status.TODO: (
        "a faire",
        "afaire",
        "ouvert",
        "ouverte",
        "non commence",
        "non commencee",
        "pas commence",
        "pas encore",
        "todo",
        "to do",
        "open",
        "nouveau",
        "nouvelle",
    ),
}
_STATUS_BY_WORD = {word: status for status, words in _STATUS_WORDS.items() for word in words}
_NOT_LETTERS = re.compile(r"[^\w' ]+")


def status_of(text: str) -> Status | None:
    """ "Terminé", "fait ✅", "EN COURS", "à faire": the status it means, or None."""
    folded = fold(_NOT_LETTERS.sub(" ", text)).replace("_", " ")
    folded = " ".join(folded.split())
    return _STATUS_BY_WORD.get(folded)


# --- What the coordinator changed ----------------------------------------------------------------


class ProblemKind(StrEnum):
    UNKNOWN_STATUS = "unknown_status"
    BAD_DEADLINE = "bad_deadline"
    UNKNOWN_NUMBER = "unknown_number"  # an N° that is not one of this tracker's actions
    BAD_NUMBER = "bad_number"  # an N° cell that holds no number
    NO_DESCRIPTION = "no_description"  # a new row without its action's text
    NO_CLUSTER = "no_cluster"  # a new row of a workbook of several clusters, cluster unknown
    DUPLICATE = "duplicate"  # the same N° twice: the first row counts
    ALREADY = "already"  # a new row an open action of the cluster already says


@dataclass
class Problem:
    line: int
    kind: ProblemKind
    text: str = ""


@dataclass
class Change:
    """One value of one action the file changes, and what the chat says now."""

    action_id: int
    field: TrackerField
    exported: str  # the value as exported, shown ("En cours", "30 nov. 2026")
    new_text: str  # the file's value, shown
    status: Status | None = None  # the new value, by field
    deadline: DeadlineValue | None = None
    comment: str | None = None
    seen: str = ""  # the chat's value when the preview was drawn (a key: see storage.tracker)
    chat_text: str = ""  # that value, shown, when it is a conflict
    conflict: bool = False  # the chat changed it too since the export
    take_file: bool = False  # the coordinator chose the file's value over the chat's


@dataclass
class NewAction:
    line: int
    cluster_id: int
    description: str
    owners: list[OwnerInput]
    deadline: DeadlineValue
    status: Status | None = None
    owners_text: str = ""


@dataclass
class Understood:
    changes: list[Change] = field(default_factory=list)
    new_actions: list[NewAction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: int = 0  # exported rows absent from the file: their actions do not change


@dataclass(frozen=True)
class Reading:
    """What understanding a returned tracker needs from outside (the database, French)."""

    # The chat's values now, by action id, as storage.tracker.tracker_rows gives them.
    current: Mapping[int, TrackerRow]
    # A deadline as typed, read for an action of this cluster: a value, or None.
    read_deadline: Callable[[int, str], DeadlineValue | None]
    # Owners as typed, for a new action of this cluster.
    read_owners: Callable[[int, str], list[OwnerInput]]
    # A cluster's id from the name written in the Cluster column (several clusters).
    cluster_named: Callable[[str], int | None]
    # A deadline written out for the preview ("mardi 15 décembre 2026").
    show_deadline: Callable[[DeadlineValue], str]
    tz: ZoneInfo


def understand(returned: Returned, reading: Reading) -> Understood:
    """Every change the file makes, the new rows, and the rows it cannot read."""
    out = Understood()
    seen: set[int] = set()
    for row in returned.rows:
        if row.action_id is None:
            if row.number_text:
                out.problems.append(Problem(row.line, ProblemKind.BAD_NUMBER, row.number_text))
            elif row.description or row.owners:
                _new_row(out, row, returned, reading)
            continue
        exported = returned.exported.get(row.action_id)
        current = reading.current.get(row.action_id)
        if exported is None or current is None:
            out.problems.append(Problem(row.line, ProblemKind.UNKNOWN_NUMBER, str(row.action_id)))
            continue
        if row.action_id in seen:
            out.problems.append(Problem(row.line, ProblemKind.DUPLICATE, str(row.action_id)))
            continue
        seen.add(row.action_id)
        _row_changes(out, row, exported, current, reading)
    out.missing = len(set(returned.exported) - seen)
    return out


def _row_changes(
    out: Understood, row: ReturnedRow, exported: Exported, current: TrackerRow, reading: Reading
) -> None:
    """A row's changes, or its problems: a row with an unreadable value changes nothing."""
    found: list[Change] = []
    problems: list[Problem] = []
    status = status_of(row.status) if row.status else exported.status
    if status is None:
        problems.append(Problem(row.line, ProblemKind.UNKNOWN_STATUS, row.status))
    elif status != exported.status:
        found.append(
            Change(
                row.action_id or 0,
                TrackerField.STATUS,
                texts.STATUS_LABEL[exported.status],
                texts.STATUS_LABEL[status],
                status=status,
            )
        )
    deadline = _deadline_change(row, exported, current, reading)
    if isinstance(deadline, Problem):
        problems.append(deadline)
    elif deadline is not None:
        found.append(deadline)
    if row.comment and fold(row.comment) != fold(exported.comment):
        comment = row.comment[:COMMENT_MAX]
        found.append(
            Change(
                row.action_id or 0, TrackerField.COMMENT, exported.comment, comment, comment=comment
            )
        )
    if problems:
        out.problems += problems
        return
    out.changes += [c for c in found if _against_chat(c, exported, current, reading)]


def _deadline_change(
    row: ReturnedRow, exported: Exported, current: TrackerRow, reading: Reading
) -> Change | Problem | None:
    value = row.deadline
    if value is None:
        return None  # emptied: a deadline is not removed from a tracker
    shown_before = _shown_exported(exported, current, reading)
    if isinstance(value, str):
        if exported.deadline_shown and fold(value) == fold(exported.deadline_shown):
            return None
        typed = value
    elif isinstance(value, datetime) and (value.hour, value.minute) != (0, 0):
        typed = f"{value:%d/%m/%Y} à {value:%H}h{value:%M}"
    else:
        day = value.date() if isinstance(value, datetime) else value
        if _exported_day(exported, reading.tz) == day:
            return None
        typed = f"{day:%d/%m/%Y}"
    deadline = reading.read_deadline(current.cluster_id, typed)
    if deadline is None:
        return Problem(row.line, ProblemKind.BAD_DEADLINE, typed)
    if deadline_key(deadline) == exported.due_key:
        return None
    return Change(
        current.id,
        TrackerField.DEADLINE,
        shown_before,
        reading.show_deadline(deadline),
        deadline=deadline,
    )


def _exported_day(exported: Exported, tz: ZoneInfo) -> date | None:
    if not exported.due_key:
        return None
    return datetime.fromisoformat(exported.due_key).astimezone(tz).date()


def _shown_exported(exported: Exported, current: TrackerRow, reading: Reading) -> str:
    if not exported.due_key:
        return exported.deadline_shown or texts.TRACKER_UNDATED
    due = datetime.fromisoformat(exported.due_key)
    return reading.show_deadline(DeadlineValue(due, DeadlinePrecision.DAY))


def _exported_key(exported: Exported, field_name: TrackerField) -> str:
    if field_name == TrackerField.STATUS:
        return exported.status.value
    if field_name == TrackerField.DEADLINE:
        return exported.due_key
    return exported.comment


def _against_chat(
    change: Change, exported: Exported, current: TrackerRow, reading: Reading
) -> bool:
    """Whether the change is still to make; a status or deadline the chat changed since the
    export too is marked a conflict. A comment never is one: comments add up in the
    history, none replaces another. The chat saying the same as the file since: nothing
    to do."""
    change.seen = current_key(current, change.field)
    if change.field == TrackerField.COMMENT:
        return fold(change.seen) != fold(change.comment or "")
    if change.seen == _exported_key(exported, change.field):
        return True
    if change.field == TrackerField.STATUS:
        if current.status == change.status:
            return False
        change.chat_text = texts.STATUS_LABEL[current.status]
    else:
        if change.deadline is not None and deadline_key(change.deadline) == change.seen:
            return False
        change.chat_text = reading.show_deadline(current.deadline)
    change.conflict = True
    return True


def _new_row(out: Understood, row: ReturnedRow, returned: Returned, reading: Reading) -> None:
    if not row.description:
        out.problems.append(Problem(row.line, ProblemKind.NO_DESCRIPTION, row.owners))
        return
    cluster_id: int | None = returned.cluster_ids[0]
    if len(returned.cluster_ids) > 1:
        cluster_id = reading.cluster_named(row.cluster) if row.cluster else None
        if cluster_id not in returned.cluster_ids:
            out.problems.append(Problem(row.line, ProblemKind.NO_CLUSTER, row.cluster))
            return
    assert cluster_id is not None
    status = status_of(row.status) if row.status else None
    if row.status and status is None:
        out.problems.append(Problem(row.line, ProblemKind.UNKNOWN_STATUS, row.status))
        return
    deadline = DeadlineValue(None, DeadlinePrecision.UNDATED)
    if row.deadline is not None:
        if isinstance(row.deadline, datetime) and (row.deadline.hour, row.deadline.minute) != (
            0,
            0,
        ):
            typed = f"{row.deadline:%d/%m/%Y} à {row.deadline:%H}h{row.deadline:%M}"
        elif isinstance(row.deadline, (date, datetime)):
            day = row.deadline.date() if isinstance(row.deadline, datetime) else row.deadline
            typed = f"{day:%d/%m/%Y}"
        else:
            typed = row.deadline
        read = reading.read_deadline(cluster_id, typed)
        if read is None:
            out.problems.append(Problem(row.line, ProblemKind.BAD_DEADLINE, typed))
            return
        deadline = read
    out.new_actions.append(
        NewAction(
            line=row.line,
            cluster_id=cluster_id,
            description=row.description[:DESCRIPTION_MAX],
            owners=reading.read_owners(cluster_id, row.owners) if row.owners else [],
            deadline=deadline,
            status=status,
            owners_text=row.owners,
        )
    )
