"""The tracker: its rows, the decisions, the summary per organisation, and the changes of a
tracker sent back, applied in one transaction."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.actions import (
    change_status,
    create_action,
    insert_events,
    load_actions,
    record_change,
    select_views,
)
from storage.decisions import decisions_by_meeting
from storage.models import (
    Action,
    ActionEvent,
    ActionPart,
    Cluster,
    EventKind,
    EventSource,
    Member,
    Organisation,
    OwnerKind,
    Status,
)
from storage.parts import Parts, parts_of_views
from storage.views import ActionView, Author, DeadlineValue, OwnerInput, OwnerView

# Ids per statement: SQLite takes at most 32,766 parameters.
_CHUNK = 5000


class TrackerField(StrEnum):
    STATUS = "status"
    DEADLINE = "deadline"
    COMMENT = "comment"


@dataclass(frozen=True)
class Counted:
    """One organisation's share of an action, as the summary counts it: a shared action's
    part has its own status; any other action's owners share its status."""

    name: str
    status: Status
    done_at: datetime | None


@dataclass(frozen=True)
class TrackerRow:
    id: int
    cluster_id: int
    cluster_name: str
    meeting_starts_at: datetime | None  # the meeting it came from
    description: str
    owners: tuple[OwnerView, ...]
    counted: tuple[Counted, ...]  # whom the summary counts it for, each once
    deadline: DeadlineValue
    status: Status
    updated_at: datetime
    last_comment: str | None
    done_at: datetime | None  # when it was last said done (None: not done)


@dataclass(frozen=True)
class TrackerDecision:
    id: int
    cluster_name: str
    meeting_starts_at: datetime | None
    text: str
    action_id: int | None


@dataclass(frozen=True)
class OrganisationSummary:
    name: str
    open: int
    late: int
    done: int
    done_on_time: int  # done on or before its deadline (an undated one is never late)


def deadline_key(deadline: DeadlineValue) -> str:
    """A deadline as compared between the export, the file and the chat: its end instant."""
    return deadline.due_at.isoformat() if deadline.due_at is not None else ""


def _cluster_names(session: Session, cluster_ids: set[int]) -> dict[int, str]:
    return {
        c.id: (c.short_name or c.name)
        for c in session.exec(select(Cluster).where(col(Cluster.id).in_(cluster_ids))).all()
        if c.id is not None
    }


def tracker_rows(
    *, session: Session, cluster_ids: Sequence[int], action_ids: Sequence[int] | None = None
) -> list[TrackerRow]:
    """Every action of these clusters (or only `action_ids` of them), by number."""
    if action_ids is None:
        conditions: list[list[ColumnElement[bool]]] = [[col(Action.cluster_id).in_(cluster_ids)]]
    else:
        ids = list(action_ids)
        conditions = [
            [col(Action.cluster_id).in_(cluster_ids), col(Action.id).in_(ids[i : i + _CHUNK])]
            for i in range(0, len(ids), _CHUNK)
        ]
    session.flush()  # read below the ORM: what the session holds must be in the database
    views = [v for c in conditions for v in _views(session, c)]
    if not views:
        return []
    names = _cluster_names(session, {v.cluster_id for v in views})
    comments, done = _latest_events(session, conditions)
    organisations = _organisation_names(session, [o for v in views for o in v.owners])
    shared = parts_of_views(session=session, views=views)
    parts_done = _parts_done(session, list(shared))
    return [
        TrackerRow(
            id=v.id,
            cluster_id=v.cluster_id,
            cluster_name=names.get(v.cluster_id, ""),
            meeting_starts_at=v.meeting_starts_at,
            description=v.description,
            owners=v.owners,
            counted=_counted(v, shared.get(v.id), organisations, done, parts_done),
            deadline=v.deadline,
            status=v.status,
            updated_at=v.updated_at,
            last_comment=comments.get(v.id),
            done_at=done.get(v.id) if v.status == Status.DONE else None,
        )
        for v in views
    ]


def _views(session: Session, conditions: list[ColumnElement[bool]]) -> list[ActionView]:
    return select_views(session, *conditions)


def _latest_events(
    session: Session, conditions: list[list[ColumnElement[bool]]]
) -> tuple[dict[int, str], dict[int, datetime]]:
    """Each action's last comment, and when it was last said done (whole, not a part)."""
    comments: dict[int, str] = {}
    done: dict[int, datetime] = {}
    for condition in conditions:
        matching = sa_select(col(Action.id)).where(*condition)
        last = (
            sa_select(func.max(col(ActionEvent.id)))
            .where(
                col(ActionEvent.action_id).in_(matching),
                col(ActionEvent.kind) == EventKind.COMMENT.value,
            )
            .group_by(col(ActionEvent.action_id))
        )
        for action_id, text in session.execute(
            sa_select(col(ActionEvent.action_id), col(ActionEvent.new_value)).where(
                col(ActionEvent.id).in_(last)
            )
        ).all():
            comments[action_id] = text or ""
        for action_id, at in session.execute(
            sa_select(col(ActionEvent.action_id), func.max(col(ActionEvent.at)))
            .where(
                col(ActionEvent.action_id).in_(matching),
                col(ActionEvent.kind) == EventKind.STATUS.value,
                col(ActionEvent.new_value) == Status.DONE.value,
                col(ActionEvent.organisation_id).is_(None),
            )
            .group_by(col(ActionEvent.action_id))
        ).all():
            done[action_id] = at
    return comments, _aware(done)


def _aware(found: dict[int, datetime]) -> dict[int, datetime]:
    """An aggregate loses the column's type: SQLite gives the stored UTC back naive."""
    return {k: v if v.tzinfo else v.replace(tzinfo=UTC) for k, v in found.items()}


def _organisation_names(
    session: Session, owners: Sequence[OwnerView]
) -> dict[tuple[str, int], str]:
    """The acronym of each organisation, and of each person's organisation, named."""
    org_ids = {o.organisation_id for o in owners if o.organisation_id is not None}
    member_ids = {o.member_id for o in owners if o.member_id is not None}
    names: dict[tuple[str, int], str] = {}
    if org_ids:
        for org_id, acronym in session.exec(
            select(Organisation.id, Organisation.acronym).where(col(Organisation.id).in_(org_ids))
        ).all():
            if org_id is not None:
                names[("o", org_id)] = acronym
    if member_ids:
        for member_id, acronym in session.exec(
            select(Member.id, Organisation.acronym)
            .join(Organisation, col(Organisation.id) == col(Member.organisation_id))
            .where(col(Member.id).in_(member_ids))
        ).all():
            if member_id is not None:
                names[("m", member_id)] = acronym
    return names


def _parts_done(session: Session, action_ids: list[int]) -> dict[tuple[int, int], datetime]:
    """When each part said done was last reported: its organisation's "on time"."""
    found: dict[tuple[int, int], datetime] = {}
    for i in range(0, len(action_ids), _CHUNK):
        for action_id, organisation_id, at in session.exec(
            select(ActionPart.action_id, ActionPart.organisation_id, ActionPart.updated_at).where(
                col(ActionPart.action_id).in_(action_ids[i : i + _CHUNK]),
                col(ActionPart.status) == Status.DONE.value,
            )
        ).all():
            found[(action_id, organisation_id)] = at
    return found


def _counted(
    view: ActionView,
    parts: Parts | None,
    names: dict[tuple[str, int], str],
    done: dict[int, datetime],
    parts_done: dict[tuple[int, int], datetime],
) -> tuple[Counted, ...]:
    whole_done = done.get(view.id) if view.status == Status.DONE else None
    if parts is None or view.status == Status.CANCELLED:
        found = dict.fromkeys(_counted_as(o, names) for o in view.owners)
        return tuple(Counted(name, view.status, whole_done) for name in found)
    counted = []
    for part in parts.parts:
        if view.status == Status.DONE:  # closed for all: every part is done with it
            at = parts_done.get((view.id, part.organisation_id), whole_done)
            counted.append(Counted(part.acronym, Status.DONE, at))
        elif part.status == Status.DONE:
            counted.append(
                Counted(part.acronym, Status.DONE, parts_done.get((view.id, part.organisation_id)))
            )
        else:
            counted.append(Counted(part.acronym, part.status, None))
    return tuple(counted)


def _counted_as(owner: OwnerView, names: dict[tuple[str, int], str]) -> str:
    """An organisation by its acronym, a person by their organisation's, a group as named."""
    if owner.kind == OwnerKind.ORGANISATION and owner.organisation_id is not None:
        return names.get(("o", owner.organisation_id), owner.label)
    if owner.kind == OwnerKind.MEMBER and owner.member_id is not None:
        return names.get(("m", owner.member_id), owner.label)
    return owner.label


def tracker_decisions(*, session: Session, cluster_ids: Sequence[int]) -> list[TrackerDecision]:
    """The decisions of these clusters, newest meeting first, cluster by cluster."""
    names = _cluster_names(session, set(cluster_ids))
    found = []
    for cluster_id in cluster_ids:
        for group in decisions_by_meeting(session=session, cluster_id=cluster_id):
            for d in group.decisions:
                found.append(
                    TrackerDecision(
                        d.id, names.get(cluster_id, ""), d.meeting_starts_at, d.text, d.action_id
                    )
                )
    return found


def organisation_summary(rows: Sequence[TrackerRow], *, now: datetime) -> list[OrganisationSummary]:
    """Per organisation, open, late, done and done on time (on or before the deadline; an
    undated action is never late), the most open first. A shared action counts for each
    organisation with its own part's status. Cancelled actions count nowhere."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for row in rows:
        due = row.deadline.due_at
        for share in row.counted:
            line = counts[share.name]
            if share.status.is_open:
                line[0] += 1
                line[1] += due is not None and due < now
            elif share.status == Status.DONE:
                line[2] += 1
                line[3] += due is None or (share.done_at is not None and share.done_at <= due)
    ordered = sorted(counts.items(), key=lambda item: (-item[1][0], -item[1][2], item[0].lower()))
    return [OrganisationSummary(name, *values) for name, values in ordered]


# --- A tracker sent back -----------------------------------------------------------------------


@dataclass(frozen=True)
class TrackerEdit:
    """One change to make: the value, and the chat's value it was previewed against."""

    action_id: int
    field: TrackerField
    seen: str  # the key (see current_key) of the chat's value when previewed
    status: Status | None = None
    deadline: DeadlineValue | None = None
    comment: str | None = None


@dataclass(frozen=True)
class TrackerNew:
    cluster_id: int
    description: str
    owners: tuple[OwnerInput, ...]
    deadline: DeadlineValue
    status: Status | None = None


@dataclass(frozen=True)
class TrackerApplied:
    changed: tuple[int, ...]  # the actions changed, each once
    changes: int  # how many values
    created: tuple[int, ...]
    overtaken: tuple[int, ...]  # changed in the chat between the preview and the tap: kept


def current_key(row: TrackerRow, field_name: TrackerField) -> str:
    if field_name == TrackerField.STATUS:
        return row.status.value
    if field_name == TrackerField.DEADLINE:
        return deadline_key(row.deadline)
    return row.last_comment or ""


def apply_tracker(
    *,
    session: Session,
    cluster_ids: Sequence[int],
    edits: Sequence[TrackerEdit],
    new: Sequence[TrackerNew],
    by: Author,
) -> TrackerApplied:
    """Every change in the caller's one transaction, each in the history as made by `by`
    from the tracker. A value the chat changed since the preview is kept. A status set on
    a shared action is the whole action's, as "Clore pour tous"."""
    ids = sorted({e.action_id for e in edits})
    current = {
        r.id: r for r in tracker_rows(session=session, cluster_ids=cluster_ids, action_ids=ids)
    }
    source = EventSource.TRACKER.value
    changed: list[int] = []
    overtaken: list[int] = []
    count = 0
    events: list[dict[str, Any]] = []
    loaded = load_actions(session=session, action_ids=ids)  # held until flushed: see there
    for edit in edits:
        row = current.get(edit.action_id)
        if row is None or current_key(row, edit.field) != edit.seen:
            overtaken.append(edit.action_id)
            continue
        record_change(
            session=session,
            action_id=edit.action_id,
            by=by,
            status=edit.status if edit.field == TrackerField.STATUS else None,
            deadline=edit.deadline if edit.field == TrackerField.DEADLINE else None,
            comment=edit.comment if edit.field == TrackerField.COMMENT else None,
            source=source,
            events=events,
        )
        count += 1
        changed.append(edit.action_id)
    session.flush()
    del loaded
    insert_events(session=session, events=events)
    created = []
    for action in new:
        view = create_action(
            session=session,
            cluster_id=action.cluster_id,
            description=action.description,
            owners=action.owners,
            deadline=action.deadline,
            by=by,
            source=source,
        )
        if action.status is not None and action.status != view.status:
            change_status(
                session=session,
                action_id=view.id,
                status=action.status,
                expected=None,
                by=by,
                source=source,
            )
        created.append(view.id)
    return TrackerApplied(
        tuple(dict.fromkeys(changed)), count, tuple(created), tuple(dict.fromkeys(overtaken))
    )
