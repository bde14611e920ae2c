"""Actions: creation, every change with its history, and the lists people ask for."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Select,
    TextClause,
    and_,
    bindparam,
    func,
    literal,
    or_,
    text,
)
from sqlalchemy import insert as sa_insert
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlalchemy.orm.attributes import set_committed_value
from sqlmodel import Session, col, select

from storage.errors import NotFound, StaleStatus
from storage.models import (
    OPEN_STATUSES,
    OPEN_WHERE,
    Action,
    ActionEvent,
    ActionOwner,
    Cluster,
    DeadlinePrecision,
    EventKind,
    Meeting,
    Member,
    Membership,
    Organisation,
    OwnerKind,
    Role,
    Status,
)
from storage.organisations import add_all_to_cluster
from storage.views import (
    ActionPage,
    ActionView,
    Author,
    DeadlineValue,
    EventView,
    OwnerInput,
    OwnerView,
)

_OPEN = [s.value for s in OPEN_STATUSES]
# "Open", as ix_action_open_order's WHERE says it, so that a page of open actions is read off
# that index in its order.
_IS_OPEN = text("action." + OPEN_WHERE)
OPEN_VALUES = _OPEN  # for the other storage modules' queries

# What a person may type: a card shows the whole description in one message.
DESCRIPTION_MAX = 4000
COMMENT_MAX = 2000


def _deadline(action: Action) -> DeadlineValue:
    return DeadlineValue(
        due_at=action.due_at,
        precision=DeadlinePrecision(action.deadline_precision),
        label=action.deadline_label,
        text=action.deadline_text,
        meeting_offset_days=action.meeting_offset_days,
    )


_COLUMNS: tuple[Any, ...] = (
    Action.id,
    Action.cluster_id,
    Action.meeting_id,
    Action.description,
    Action.due_at,
    Action.deadline_precision,
    Action.deadline_label,
    Action.deadline_text,
    Action.meeting_offset_days,
    Action.status,
    Action.created_at,
    Action.updated_at,
)
_OWNER_COLUMNS: tuple[Any, ...] = (
    ActionOwner.action_id,
    ActionOwner.kind,
    ActionOwner.label,
    ActionOwner.organisation_id,
    ActionOwner.member_id,
    ActionOwner.unknown,
)

# The reads every card, list and press makes, built once and run in SQLAlchemy Core on the
# session's connection. Through the ORM each cost about 0.45 ms on this project's
# measuring machine (building the statement, its cache key, the ORM's execution and
# loading), against 0.08 ms here: the ORM was about half of a /voir or an /actions
# (bench/commands.py --profile). Plain columns come back as tuples; the views are built
# from them directly.


def _ids() -> BindParameter[list[int]]:
    return bindparam("ids", expanding=True)


_VIEW_BY_ID = (
    sa_select(*_COLUMNS, col(Cluster.short_name), col(Cluster.name), col(Meeting.starts_at))
    .select_from(Action)
    .outerjoin(Cluster, col(Cluster.id) == col(Action.cluster_id))
    .outerjoin(Meeting, col(Meeting.id) == col(Action.meeting_id))
    .where(col(Action.id) == bindparam("action_id"))
)
_ROWS_BY_IDS = sa_select(*_COLUMNS).where(col(Action.id).in_(_ids()))
_OWNERS_OF = (
    sa_select(*_OWNER_COLUMNS)
    .where(col(ActionOwner.action_id).in_(_ids()))
    .order_by(col(ActionOwner.action_id), col(ActionOwner.position))
)
_CLUSTER_NAMES = sa_select(col(Cluster.id), col(Cluster.short_name), col(Cluster.name)).where(
    col(Cluster.id).in_(_ids())
)
_MEETING_STARTS = sa_select(col(Meeting.id), col(Meeting.starts_at)).where(
    col(Meeting.id).in_(_ids())
)
_HISTORY = (
    sa_select(
        col(ActionEvent.at),
        col(ActionEvent.actor_name),
        col(ActionEvent.kind),
        col(ActionEvent.old_value),
        col(ActionEvent.new_value),
        col(Meeting.starts_at),
        col(Organisation.acronym),
        col(ActionEvent.source),
    )
    .select_from(ActionEvent)
    .join(Meeting, col(Meeting.id) == col(ActionEvent.meeting_id), isouter=True)
    .join(Organisation, col(Organisation.id) == col(ActionEvent.organisation_id), isouter=True)
    .where(col(ActionEvent.action_id) == bindparam("action_id"))
    .order_by(col(ActionEvent.at), col(ActionEvent.id))
)

# Values to members by dictionary: calling the enum for each of hundreds of rows showed.
_STATUSES = {s.value: s for s in Status}
_PRECISIONS = {p.value: p for p in DeadlinePrecision}
_KINDS = {k.value: k for k in OwnerKind}
_EVENT_KINDS = {k.value: k for k in EventKind}


def _row_of(action: Action) -> tuple[Any, ...]:
    """An action the session holds, as the plain columns of _COLUMNS."""
    return (
        action.id,
        action.cluster_id,
        action.meeting_id,
        action.description,
        action.due_at,
        action.deadline_precision,
        action.deadline_label,
        action.deadline_text,
        action.meeting_offset_days,
        action.status,
        action.created_at,
        action.updated_at,
    )


def _meeting_starts(connection: Connection, meeting_ids: set[int]) -> dict[int, datetime]:
    """When each of these meetings began: "issue de la réunion du …"."""
    if not meeting_ids:
        return {}
    found = connection.execute(_MEETING_STARTS, {"ids": sorted(meeting_ids)})
    return {i: at for i, at in found if i is not None}


def _owner_views(rows: Iterable[Sequence[Any]]) -> dict[int, list[OwnerView]]:
    owners: dict[int, list[OwnerView]] = defaultdict(list)
    for action_id, kind, label, organisation_id, member_id, unknown in rows:
        owners[action_id].append(
            OwnerView(_KINDS[kind], label, organisation_id, member_id, unknown)
        )
    return owners


def _assemble(
    rows: Sequence[Sequence[Any]],
    owners: dict[int, list[OwnerView]],
    names: dict[int, str],
    meetings: dict[int, datetime],
    cluster_name: str = "",
) -> list[ActionView]:
    """ActionViews from rows of _COLUMNS, their owners, cluster names and meetings."""
    return [
        ActionView(
            id=action_id,
            cluster_id=cluster_id,
            cluster_name=names.get(cluster_id, cluster_name),
            description=description,
            owners=tuple(owners.get(action_id, ())),
            deadline=DeadlineValue(
                due_at=due_at,
                precision=_PRECISIONS[precision],
                label=label,
                text=text,
                meeting_offset_days=offset,
            ),
            status=_STATUSES[status],
            created_at=created_at,
            updated_at=updated_at,
            meeting_id=meeting_id,
            meeting_starts_at=meetings.get(meeting_id) if meeting_id is not None else None,
        )
        for (
            action_id,
            cluster_id,
            meeting_id,
            description,
            due_at,
            precision,
            label,
            text,
            offset,
            status,
            created_at,
            updated_at,
        ) in rows
    ]


def _views_of_rows(session: Session, rows: Sequence[Sequence[Any]]) -> list[ActionView]:
    """Read models for rows of _COLUMNS, with three more statements whatever their number:
    owners, cluster names (short name first), meetings."""
    if not rows:
        return []
    # Below the ORM session, which is flushed first: a caller reads what it just wrote.
    session.flush()
    connection = session.connection()
    ids = [r[0] for r in rows]
    owners = _owner_views(connection.execute(_OWNERS_OF, {"ids": ids}))
    names = {
        cluster_id: short_name or name
        for cluster_id, short_name, name in connection.execute(
            _CLUSTER_NAMES, {"ids": sorted({r[1] for r in rows})}
        )
        if cluster_id is not None
    }
    meetings = _meeting_starts(connection, {r[2] for r in rows if r[2] is not None})
    return _assemble(rows, owners, names, meetings)


def _views(session: Session, actions: Sequence[Action]) -> list[ActionView]:
    """Read models for actions the session holds (just changed, or selected elsewhere)."""
    return _views_of_rows(session, [_row_of(a) for a in actions if a.id is not None])


def select_views(
    session: Session, *conditions: ColumnElement[bool], cluster_name: str = ""
) -> list[ActionView]:
    """Read models of every action matching `conditions`, by id, in three statements of
    plain columns: for the reads that show hundreds of actions at once (the follow-up of a
    meeting), where building ORM rows cost most of the time (bench/commands.py)."""
    # Read on the session's connection, below the ORM session: its statements through the
    # session cost twice as much for plain columns (0.8 s against 1.8 s for the 20,000
    # actions of bench/exports.py' tracker). What the session holds is flushed first, so a
    # caller reads what it has just written, as through the session.
    session.flush()
    connection = session.connection()
    rows = connection.execute(
        sa_select(*_COLUMNS).where(*conditions).order_by(col(Action.id))
    ).all()
    if not rows:
        return []
    # The same rows again as a subquery: no parameter per id, however many there are.
    matching = sa_select(col(Action.id)).where(*conditions)
    owners = _owner_views(
        connection.execute(
            sa_select(*_OWNER_COLUMNS)
            .where(col(ActionOwner.action_id).in_(matching))
            .order_by(col(ActionOwner.action_id), col(ActionOwner.position))
        )
    )
    meetings = _meeting_starts(connection, {r[2] for r in rows if r[2] is not None})
    return _assemble(rows, owners, {}, meetings, cluster_name)


def _one(session: Session, action: Action) -> ActionView:
    """The read model of an action the session holds, as it now stands (flushed first)."""
    assert action.id is not None
    view = get_action(session=session, action_id=action.id)
    assert view is not None
    return view


def _load(session: Session, action_id: int) -> Action:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFound(str(action_id))
    return action


def _record(
    session: Session,
    action: Action,
    kind: EventKind,
    by: Author,
    *,
    old: str | None = None,
    new: str | None = None,
    meeting_id: int | None = None,
    organisation_id: int | None = None,
    source: str | None = None,
    flush: bool = True,
) -> None:
    assert action.id is not None
    action.updated_at = by.at
    session.add(action)
    session.add(
        ActionEvent(
            action_id=action.id,
            at=by.at,
            actor_member_id=by.member_id,
            actor_name=by.name,
            kind=kind,
            old_value=old,
            new_value=new,
            meeting_id=meeting_id,
            organisation_id=organisation_id,
            source=source,
        )
    )
    if flush:  # a batch (record_change) flushes once, at its end
        session.flush()


def _owners_text(owners: Sequence[OwnerInput] | Sequence[OwnerView]) -> str:
    return ", ".join(o.label for o in owners)


def _deadline_text(deadline: DeadlineValue) -> str:
    """History keeps a deadline as JSON, so it can be written out again in any language."""
    return json.dumps(
        {
            "due_at": deadline.due_at.isoformat() if deadline.due_at else None,
            "precision": deadline.precision.value,
            "label": deadline.label,
            "text": deadline.text,
            "meeting_offset_days": deadline.meeting_offset_days,
        },
        ensure_ascii=False,
    )


def deadline_from_history(value: str | None) -> DeadlineValue | None:
    """The deadline a history entry recorded (see _deadline_text), or None if unreadable."""
    try:
        data = json.loads(value or "")
        due = datetime.fromisoformat(data["due_at"]) if data["due_at"] else None
        return DeadlineValue(
            due,
            DeadlinePrecision(data["precision"]),
            data["label"],
            data["text"],
            data.get("meeting_offset_days"),
        )
    except (ValueError, KeyError, TypeError):
        return None


def _set_owners(session: Session, action: Action, owners: Sequence[OwnerInput]) -> None:
    assert action.id is not None
    for old in session.exec(select(ActionOwner).where(ActionOwner.action_id == action.id)).all():
        session.delete(old)
    session.flush()
    _add_owners(session, action, owners)


def _add_owners(session: Session, action: Action, owners: Sequence[OwnerInput]) -> None:
    assert action.id is not None
    for position, owner in enumerate(owners):
        session.add(
            ActionOwner(
                action_id=action.id,
                position=position,
                kind=owner.kind,
                organisation_id=owner.organisation_id,
                member_id=owner.member_id,
                label=owner.label,
                unknown=owner.unknown,
            )
        )
    add_all_to_cluster(
        session=session,
        cluster_id=action.cluster_id,
        organisation_ids={o.organisation_id for o in owners if o.organisation_id is not None},
    )
    session.flush()


def _apply_deadline(action: Action, deadline: DeadlineValue) -> None:
    action.due_at = deadline.due_at
    action.deadline_precision = deadline.precision.value
    action.deadline_label = deadline.label
    action.deadline_text = deadline.text
    action.meeting_offset_days = deadline.meeting_offset_days


# Built once: `.values()` per call coerced every column again (a sixth of create_action).
_INSERT_ACTION = sa_insert(Action).returning(col(Action.id))
_INSERT_OWNER = sa_insert(ActionOwner)
_INSERT_EVENT = sa_insert(ActionEvent)


def create_action(
    *,
    session: Session,
    cluster_id: int,
    description: str,
    owners: Sequence[OwnerInput],
    deadline: DeadlineValue,
    by: Author,
    meeting_id: int | None = None,
    source: str | None = None,
) -> ActionView:
    # Written in SQLAlchemy Core, three statements and the cluster's organisations: through
    # the ORM's unit of work the same rows cost about a third of an /action (flushes,
    # identity map, RETURNING one owner at a time; bench/commands.py --profile action).
    session.flush()
    connection = session.connection()
    values = {
        "cluster_id": cluster_id,
        "meeting_id": meeting_id,
        "description": description,
        "due_at": deadline.due_at,
        "deadline_precision": deadline.precision.value,
        "deadline_label": deadline.label,
        "deadline_text": deadline.text,
        "meeting_offset_days": deadline.meeting_offset_days,
        "deadline_set_at": by.at,
        "status": Status.TODO.value,
        "created_by_member_id": by.member_id,
        "created_at": by.at,
        "updated_at": by.at,
    }
    inserted = connection.execute(_INSERT_ACTION, values)
    action_id = inserted.scalar_one()
    assert action_id is not None
    if owners:
        connection.execute(
            _INSERT_OWNER,
            [
                {
                    "action_id": action_id,
                    "position": position,
                    "kind": owner.kind.value,
                    "organisation_id": owner.organisation_id,
                    "member_id": owner.member_id,
                    "label": owner.label,
                    "unknown": owner.unknown,
                }
                for position, owner in enumerate(owners)
            ],
        )
    add_all_to_cluster(
        session=session,
        cluster_id=cluster_id,
        organisation_ids={o.organisation_id for o in owners if o.organisation_id is not None},
    )
    connection.execute(
        _INSERT_EVENT,
        {
            "action_id": action_id,
            "at": by.at,
            "actor_member_id": by.member_id,
            "actor_name": by.name,
            "kind": EventKind.CREATED.value,
            "old_value": None,
            "new_value": None,
            "meeting_id": meeting_id,
            "organisation_id": None,
            "source": source,
        },
    )
    # Everything else is known here: only the cluster's name and the meeting's start are read.
    names = {
        c: short_name or name
        for c, short_name, name in connection.execute(_CLUSTER_NAMES, {"ids": [cluster_id]})
        if c is not None
    }
    meetings = _meeting_starts(connection, {meeting_id} if meeting_id is not None else set())
    return ActionView(
        id=action_id,
        cluster_id=cluster_id,
        cluster_name=names.get(cluster_id, ""),
        description=description,
        owners=tuple(
            OwnerView(o.kind, o.label, o.organisation_id, o.member_id, o.unknown) for o in owners
        ),
        deadline=deadline,
        status=Status.TODO,
        created_at=by.at,
        updated_at=by.at,
        meeting_id=meeting_id,
        meeting_starts_at=meetings.get(meeting_id) if meeting_id is not None else None,
    )


def get_action(*, session: Session, action_id: int) -> ActionView | None:
    """The action, its cluster's name and its meeting's start in one statement, its owners
    in a second: read by every card, press and /voir."""
    session.flush()
    connection = session.connection()
    row = connection.execute(_VIEW_BY_ID, {"action_id": action_id}).first()
    if row is None:
        return None
    columns = tuple(row[: len(_COLUMNS)])
    short_name, name, starts_at = row[len(_COLUMNS) :]
    owners = _owner_views(connection.execute(_OWNERS_OF, {"ids": [action_id]}))
    cluster_id, meeting_id = columns[1], columns[2]
    meetings = {meeting_id: starts_at} if meeting_id is not None and starts_at else {}
    return _assemble([columns], owners, {cluster_id: short_name or name or ""}, meetings)[0]


def get_actions(*, session: Session, action_ids: Sequence[int]) -> dict[int, ActionView]:
    """Many actions by id, with their owners, in four statements."""
    if not action_ids:
        return {}
    session.flush()
    rows = session.connection().execute(_ROWS_BY_IDS, {"ids": list(action_ids)}).all()
    return {view.id: view for view in _views_of_rows(session, rows)}


def action_history(*, session: Session, action_id: int) -> list[EventView]:
    session.flush()
    rows = session.connection().execute(_HISTORY, {"action_id": action_id})
    return [
        EventView(
            at,
            actor_name,
            _EVENT_KINDS[kind],
            old_value,
            new_value,
            meeting_starts_at=said_at,
            organisation_acronym=acronym,
            source=source,
        )
        for at, actor_name, kind, old_value, new_value, said_at, acronym, source in rows
    ]


def change_status(
    *,
    session: Session,
    action_id: int,
    status: Status,
    expected: Status | None,
    by: Author,
    meeting_id: int | None = None,
    source: str | None = None,
) -> ActionView:
    """Set the status. With `expected`, refuse (StaleStatus) if it changed since it was shown.
    `meeting_id`: it was said at that meeting (a review), and the history says so; `source`:
    it came from elsewhere than the chat (storage.models.EventSource)."""
    action = _load(session, action_id)
    for _attempt in range(3):
        old = action.status
        if expected is not None and old != expected:
            raise StaleStatus(Status(old))
        if old == status:
            return _one(session, action)
        if _compare_and_set(session, action_id, old, status):
            break
        # Another change won between the read and the write: a press in another chat (the
        # card in the group, the reminder in private) or another process. Read it again.
        session.refresh(action)
    else:
        raise StaleStatus(Status(action.status))
    set_committed_value(action, "status", status.value)
    _record(
        session,
        action,
        EventKind.STATUS,
        by,
        old=old,
        new=status,
        meeting_id=meeting_id,
        source=source,
    )
    return _one(session, action)


def _compare_and_set(session: Session, action_id: int, old: str, new: Status) -> bool:
    """The status moves from `old` to `new` only if it still is `old`: two presses at once on
    the same action are not both recorded (the history would say "fait" twice). On SQLite
    the second waits for the first's commit and then finds the status moved; on PostgreSQL
    the row's newest version is what the WHERE sees."""
    session.flush()
    moved = session.connection().execute(
        sa_update(Action)
        .where(col(Action.id) == action_id, col(Action.status) == old)
        .values(status=new.value)
    )
    return moved.rowcount == 1


def change_deadline(
    *,
    session: Session,
    action_id: int,
    deadline: DeadlineValue,
    by: Author,
    meeting_id: int | None = None,
    source: str | None = None,
) -> ActionView:
    action = _load(session, action_id)
    old = _deadline_text(_deadline(action))
    _apply_deadline(action, deadline)
    action.deadline_set_at = by.at
    new = _deadline_text(deadline)
    _record(
        session,
        action,
        EventKind.DEADLINE,
        by,
        old=old,
        new=new,
        meeting_id=meeting_id,
        source=source,
    )
    return _one(session, action)


def change_description(
    *,
    session: Session,
    action_id: int,
    description: str,
    by: Author,
) -> ActionView:
    action = _load(session, action_id)
    old = action.description
    action.description = description
    _record(session, action, EventKind.DESCRIPTION, by, old=old, new=description)
    return _one(session, action)


def change_owners(
    *,
    session: Session,
    action_id: int,
    owners: Sequence[OwnerInput],
    by: Author,
) -> ActionView:
    action = _load(session, action_id)
    old = _owners_text(_one(session, action).owners)
    _set_owners(session, action, owners)
    _record(session, action, EventKind.OWNERS, by, old=old, new=_owners_text(owners))
    return _one(session, action)


def add_comment(
    *,
    session: Session,
    action_id: int,
    text: str,
    by: Author,
    meeting_id: int | None = None,
    organisation_id: int | None = None,
    source: str | None = None,
) -> ActionView:
    action = _load(session, action_id)
    _record(
        session,
        action,
        EventKind.COMMENT,
        by,
        new=text,
        meeting_id=meeting_id,
        organisation_id=organisation_id,
        source=source,
    )
    return _one(session, action)


def record_part_event(
    *,
    session: Session,
    action_id: int,
    organisation_id: int,
    old: Status,
    new: Status,
    by: Author,
    meeting_id: int | None = None,
) -> None:
    """One organisation's part of a shared action changed (storage.parts keeps the parts):
    the action's history says so, the action's own status is the caller's business."""
    action = _load(session, action_id)
    _record(
        session,
        action,
        EventKind.STATUS,
        by,
        old=old,
        new=new,
        meeting_id=meeting_id,
        organisation_id=organisation_id,
    )


# Whether a person answers for an action, as is_owner says, in one statement.
_OWNS = (
    sa_select(literal(1))
    .select_from(Member)
    .join(
        Membership,
        and_(
            col(Membership.member_id) == col(Member.id),
            col(Membership.cluster_id)
            == sa_select(col(Action.cluster_id))
            .where(col(Action.id) == bindparam("action_id"))
            .scalar_subquery(),
        ),
    )
    .join(
        ActionOwner,
        and_(
            col(ActionOwner.action_id) == bindparam("action_id"),
            or_(
                col(ActionOwner.member_id) == col(Member.id),
                col(ActionOwner.kind) == OwnerKind.ALL_MEMBERS.value,
                and_(
                    col(Member.organisation_id).is_not(None),
                    col(ActionOwner.organisation_id) == col(Member.organisation_id),
                ),
                and_(
                    col(Membership.role) == Role.COORDINATOR.value,
                    col(ActionOwner.kind) == OwnerKind.COORDINATORS.value,
                ),
            ),
        ),
    )
    .where(col(Member.telegram_user_id) == bindparam("telegram_user_id"))
    .limit(1)
)


def is_owner(*, session: Session, action_id: int, telegram_user_id: int) -> bool:
    """Whether this person answers for the action. Only a member of the action's cluster
    does (a focal point belongs to the cluster that invited them: OCHA's focal point in
    another cluster is not this one's), and then when their organisation or themselves is
    named, or every member is ("Partenaires du CRP"), or its coordinators are ("CCP")."""
    session.flush()
    params = {"action_id": action_id, "telegram_user_id": telegram_user_id}
    return session.connection().execute(_OWNS, params).first() is not None


# Late first falls out of ordering by deadline: a passed deadline is the earliest.
_LIST_ORDER = (col(Action.due_at).is_(None), col(Action.due_at), col(Action.id))


def _page(
    session: Session,
    query_filter: list[ColumnElement[bool] | TextClause],
    page: int,
    page_size: int,
) -> ActionPage:
    # The size first, by a count the (cluster, status, due) index answers alone; a window
    # count riding along the page's rows would make the database visit every matching row.
    counted = sa_select(func.count()).select_from(Action).where(*query_filter)
    rows = sa_select(*_COLUMNS).where(*query_filter).order_by(*_LIST_ORDER)
    window = rows.offset(bindparam("offset")).limit(bindparam("limit"))
    return _paged(session, counted, window, {}, page, page_size)


def _paged(
    session: Session,
    counted: Select[Any],
    rows: Select[Any],
    params: dict[str, Any],
    page: int,
    page_size: int,
) -> ActionPage:
    session.flush()
    connection = session.connection()
    total = int(connection.execute(counted, params).scalar_one())
    if not total or page * page_size >= total:
        return ActionPage((), total, page, page_size)
    window = {"offset": page * page_size, "limit": page_size}
    found = connection.execute(rows, {**params, **window}).all()
    return ActionPage(tuple(_views_of_rows(session, found)), total, page, page_size)


def _open_in(late: bool) -> tuple[Select[Any], Select[Any]]:
    """The count and the rows of a page of /actions (or /retards): built once."""
    where: list[ColumnElement[bool] | TextClause] = [
        col(Action.cluster_id).in_(bindparam("clusters", expanding=True)),
        _IS_OPEN,
    ]
    if late:
        where.append(col(Action.due_at) < bindparam("now"))
    counted = sa_select(func.count()).select_from(Action).where(*where)
    rows = sa_select(*_COLUMNS).where(*where).order_by(*_LIST_ORDER)
    return counted, rows.offset(bindparam("offset")).limit(bindparam("limit"))


_OPEN_PAGE = {late: _open_in(late) for late in (False, True)}


def list_open_actions(
    *,
    session: Session,
    cluster_ids: Sequence[int],
    now: datetime,
    late_only: bool = False,
    page: int = 0,
    page_size: int = 10,
) -> ActionPage:
    counted, rows = _OPEN_PAGE[late_only]
    params: dict[str, Any] = {"clusters": list(cluster_ids)}
    if late_only:
        params["now"] = now
    return _paged(session, counted, rows, params, page, page_size)


@dataclass(frozen=True)
class _Mine:
    """Who a person answers as, for the statements of what is theirs: the shape (which
    conditions apply) picks a statement built once, the values are its parameters."""

    organisation_id: int | None
    member_id: int | None
    members_of: list[int]  # the listed clusters they are a member of
    coordinated: list[int]  # the clusters they coordinate

    @classmethod
    def of(
        cls,
        cluster_ids: Sequence[int],
        organisation_id: int | None,
        member_id: int | None,
        member_cluster_ids: Sequence[int],
        coordinator_cluster_ids: Sequence[int],
    ) -> _Mine | None:
        """None: they answer for nothing in these clusters."""
        members_of = [c for c in member_cluster_ids if c in set(cluster_ids)]
        if not members_of and not coordinator_cluster_ids:
            return None
        return cls(organisation_id, member_id, members_of, list(coordinator_cluster_ids))

    @property
    def shape(self) -> tuple[bool, bool, bool, bool]:
        return (
            self.organisation_id is not None,
            self.member_id is not None,
            bool(self.members_of),
            bool(self.coordinated),
        )

    def params(self, cluster_ids: Sequence[int]) -> dict[str, Any]:
        values: dict[str, Any] = {"clusters": list(cluster_ids)}
        if self.organisation_id is not None:
            values["organisation_id"] = self.organisation_id
        if self.member_id is not None:
            values["member_id"] = self.member_id
        if self.members_of:
            values["members_of"] = self.members_of
        if self.coordinated:
            values["coordinated"] = self.coordinated
        return values


def _owned(
    by_organisation: bool, by_member: bool, in_member_clusters: bool, in_coordinated: bool
) -> ColumnElement[bool]:
    """The actions a person answers for, as is_owner decides, among the listed clusters
    (bound: `clusters`, and _Mine.params' others): in the clusters they are a member of,
    those naming their organisation or them or every member; in the clusters they
    coordinate, those naming the coordinators."""
    owner_conditions = [col(ActionOwner.kind) == OwnerKind.ALL_MEMBERS.value]
    if by_organisation:
        owner_conditions.append(col(ActionOwner.organisation_id) == bindparam("organisation_id"))
    if by_member:
        owner_conditions.append(col(ActionOwner.member_id) == bindparam("member_id"))
    owned: list[ColumnElement[bool]] = []
    if in_member_clusters:
        by_owner = sa_select(col(ActionOwner.action_id)).where(or_(*owner_conditions))
        members_of = col(Action.cluster_id).in_(bindparam("members_of", expanding=True))
        owned.append(and_(members_of, col(Action.id).in_(by_owner)))
    if in_coordinated:
        by_kind = sa_select(col(ActionOwner.action_id)).where(
            col(ActionOwner.kind) == OwnerKind.COORDINATORS.value
        )
        coordinated = col(Action.cluster_id).in_(bindparam("coordinated", expanding=True))
        owned.append(and_(coordinated, col(Action.id).in_(by_kind)))
    listed = col(Action.cluster_id).in_(bindparam("clusters", expanding=True))
    return and_(listed, or_(*owned))


@lru_cache(maxsize=16)
def _owned_page(shape: tuple[bool, bool, bool, bool]) -> tuple[Select[Any], Select[Any]]:
    """The count and the rows of a page of /mesactions, built once for each shape a
    person's memberships give it (building it per call was a sixth of the list's time)."""
    where = (_owned(*shape), _IS_OPEN)
    counted = sa_select(func.count()).select_from(Action).where(*where)
    rows = sa_select(*_COLUMNS).where(*where).order_by(*_LIST_ORDER)
    return counted, rows.offset(bindparam("offset")).limit(bindparam("limit"))


@lru_cache(maxsize=16)
def _owned_ids(shape: tuple[bool, bool, bool, bool]) -> Select[Any]:
    return sa_select(col(Action.id)).where(_owned(*shape)).order_by(col(Action.id))


def list_owned_actions(
    *,
    session: Session,
    cluster_ids: Sequence[int],
    organisation_id: int | None,
    member_id: int | None,
    member_cluster_ids: Sequence[int] = (),
    coordinator_cluster_ids: Sequence[int] = (),
    page: int = 0,
    page_size: int = 10,
) -> ActionPage:
    """Open actions this person answers for, as is_owner decides (_owned)."""
    mine = _Mine.of(
        cluster_ids, organisation_id, member_id, member_cluster_ids, coordinator_cluster_ids
    )
    if mine is None:
        return ActionPage((), 0, page, page_size)
    counted, rows = _owned_page(mine.shape)
    return _paged(session, counted, rows, mine.params(cluster_ids), page, page_size)


def owned_action_ids(
    *,
    session: Session,
    cluster_ids: Sequence[int],
    organisation_id: int | None,
    member_id: int | None,
    member_cluster_ids: Sequence[int] = (),
    coordinator_cluster_ids: Sequence[int] = (),
) -> list[int]:
    """Every action, whatever its status, this person answers for (as list_owned_actions
    decides), in number order: an organisation's part of the exports."""
    mine = _Mine.of(
        cluster_ids, organisation_id, member_id, member_cluster_ids, coordinator_cluster_ids
    )
    if mine is None:
        return []
    session.flush()
    found = session.connection().execute(_owned_ids(mine.shape), mine.params(cluster_ids))
    return [int(i) for (i,) in found if i is not None]


def find_duplicates(
    *,
    session: Session,
    cluster_id: int,
    descriptions: Sequence[str],
    earlier: Sequence[str] = (),
) -> dict[str, int]:
    """Which of these descriptions an open action of the cluster already has, by the
    description folded to compare (case, spacing): folded description -> action id.
    `earlier`: descriptions of a follow-up table, which name earlier actions: a closed one
    is found too (the minutes of a meeting report what was done since the last)."""
    wanted = {_fold(d) for d in descriptions}
    followed = {_fold(d) for d in earlier}
    found: dict[str, int] = {}
    query = select(Action.id, Action.description, Action.status).where(
        Action.cluster_id == cluster_id
    )
    if not followed:
        query = query.where(col(Action.status).in_(_OPEN))
    for action_id, description, status in session.exec(query.order_by(col(Action.id))).all():
        folded = _fold(description)
        if action_id is None or (folded not in wanted and folded not in followed):
            continue
        if status in _OPEN or folded in followed:
            found.setdefault(folded, action_id)
    return found


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def fold_description(text: str) -> str:
    """The key find_duplicates compares on."""
    return _fold(text)


def link_unknown_owner(
    *,
    session: Session,
    cluster_id: int,
    label: str,
    owner: OwnerInput,
    by: Author,
) -> list[int]:
    """Every open or closed action of the cluster that named `label` unknown now names
    `owner`; returns their ids. Each change is in the action's history."""
    rows = session.exec(
        select(ActionOwner)
        .join(Action, col(Action.id) == ActionOwner.action_id)
        .where(
            Action.cluster_id == cluster_id,
            col(ActionOwner.unknown).is_(True),
        )
    ).all()
    changed: list[int] = []
    for row in rows:
        if _fold(row.label) != _fold(label):
            continue
        row.kind = owner.kind.value
        row.organisation_id = owner.organisation_id
        row.member_id = owner.member_id
        row.label = owner.label
        row.unknown = False
        session.add(row)
        changed.append(row.action_id)
    if owner.organisation_id is not None and changed:
        add_all_to_cluster(
            session=session, cluster_id=cluster_id, organisation_ids={owner.organisation_id}
        )
    for action_id in sorted(set(changed)):
        action = _load(session, action_id)
        _record(session, action, EventKind.OWNERS, by, old=label, new=owner.label)
    return sorted(set(changed))


def open_actions_due_between(
    *, session: Session, cluster_ids: Sequence[int], start: datetime, end: datetime
) -> list[ActionView]:
    """Open actions of these clusters whose deadline falls in [start, end], soonest first
    (/echeances: what is due in the coming days)."""
    if not cluster_ids:
        return []
    actions = session.exec(
        select(Action)
        .where(
            col(Action.cluster_id).in_(cluster_ids),
            col(Action.status).in_(_OPEN),
            col(Action.due_at) >= start,
            col(Action.due_at) <= end,
        )
        .order_by(col(Action.due_at), col(Action.id))
    ).all()
    return _views(session, actions)


# --- i13 tracker: many changes at once --------------------------------------------------------


def load_actions(*, session: Session, action_ids: Sequence[int]) -> list[Action]:
    """Read these actions into the session at once, so that the changes of a batch each
    find theirs without a statement of its own. The caller keeps the list while it works:
    the session holds its rows weakly, and each one dropped is read again, one statement
    (and one autoflush) per change (2.2 s of the 2.5 s of 500 changes, bench/exports.py)."""
    ids = list(action_ids)
    found: list[Action] = []
    for start in range(0, len(ids), 5000):
        found += session.exec(select(Action).where(col(Action.id).in_(ids[start : start + 5000])))
    return found


def record_change(
    *,
    session: Session,
    action_id: int,
    by: Author,
    events: list[dict[str, Any]],
    status: Status | None = None,
    deadline: DeadlineValue | None = None,
    comment: str | None = None,
    source: str | None = None,
) -> None:
    """One change of a batch (a tracker sent back), recorded as change_status,
    change_deadline or add_comment record it, without reading the action back: reading
    each back cost half the time of 500 changes (bench/exports.py). Its events are added
    to `events`, for insert_events to write at once: building 500 ActionEvent rows and
    flushing them cost a third of the rest. The caller flushes, then inserts them."""
    action = _load(session, action_id)
    if status is not None and action.status != status:
        old = action.status
        action.status = status
        events.append(_event_row(action, EventKind.STATUS, by, old, status, source))
    if deadline is not None:
        before = _deadline_text(_deadline(action))
        _apply_deadline(action, deadline)
        action.deadline_set_at = by.at
        after = _deadline_text(deadline)
        events.append(_event_row(action, EventKind.DEADLINE, by, before, after, source))
    if comment:
        events.append(_event_row(action, EventKind.COMMENT, by, None, comment, source))


def _event_row(
    action: Action,
    kind: EventKind,
    by: Author,
    old: str | None,
    new: str | None,
    source: str | None,
) -> dict[str, Any]:
    """_record's event, as a row for insert_events; the action is said updated as there."""
    action.updated_at = by.at
    return {
        "action_id": action.id,
        "at": by.at,
        "actor_member_id": by.member_id,
        "actor_name": by.name,
        "kind": kind.value,
        "old_value": None if old is None else str(old),
        "new_value": None if new is None else str(new),
        "meeting_id": None,
        "organisation_id": None,
        "source": source,
    }


def insert_events(*, session: Session, events: Sequence[dict[str, Any]]) -> None:
    """A batch's events in one statement, in their order (their ids follow it)."""
    if events:
        session.execute(sa_insert(ActionEvent), list(events))
