"""Actions that belong to many: each organisation reports its own part.

An action is shared when its owners name two organisations or more ("OIM, HCR, UNICEF"), or
every member ("Partenaires du CRP", whose organisations are those of the cluster's members,
a focal point made an administrator included). Each of those organisations has a part; a
part with no row is still to do. The action is done when every part is (or when a
coordinator closes the whole action), and it leaves "à faire" for "en cours" as soon as one
part moves.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlalchemy import update as sa_update
from sqlmodel import Session, col, select

from storage.actions import change_status, get_action, record_part_event
from storage.errors import NotFound
from storage.models import (
    Action,
    ActionOwner,
    ActionPart,
    Member,
    Membership,
    Organisation,
    OwnerKind,
    Status,
)
from storage.views import ActionView, Author, OwnerView

# Read with every card of a shared action: built once, run in SQLAlchemy Core (see
# storage.actions on what the ORM cost).
_REPORTED = sa_select(
    col(ActionPart.action_id), col(ActionPart.organisation_id), col(ActionPart.status)
).where(col(ActionPart.action_id).in_(bindparam("ids", expanding=True)))
_ACRONYMS = sa_select(col(Organisation.id), col(Organisation.acronym)).where(
    col(Organisation.id).in_(bindparam("ids", expanding=True))
)
_STATUSES = {s.value: s for s in Status}


@dataclass(frozen=True)
class Part:
    organisation_id: int
    acronym: str
    status: Status  # TODO when nobody reported it yet


@dataclass(frozen=True)
class Parts:
    """One shared action's parts, in the order its owners name them."""

    action_id: int
    parts: tuple[Part, ...]

    @property
    def done(self) -> int:
        return sum(1 for p in self.parts if p.status == Status.DONE)

    @property
    def open(self) -> tuple[Part, ...]:
        return tuple(p for p in self.parts if p.status.is_open)

    def status_of(self, organisation_id: int) -> Status | None:
        for part in self.parts:
            if part.organisation_id == organisation_id:
                return part.status
        return None


def _member_organisations(session: Session, cluster_ids: set[int]) -> dict[int, list[int]]:
    """By cluster: the organisations of its members, in the order they joined. A focal point
    promoted to administrator (a coordinator) still speaks for their organisation, as the
    reminders count them (storage.reminders.cluster_people)."""
    rows = session.exec(
        select(Membership.cluster_id, Member.organisation_id)
        .join(Member, col(Member.id) == col(Membership.member_id))
        .where(
            col(Membership.cluster_id).in_(cluster_ids),
            col(Member.organisation_id).is_not(None),
        )
        .order_by(col(Membership.created_at), col(Member.id))
    ).all()
    found: dict[int, list[int]] = defaultdict(list)
    for cluster_id, organisation_id in rows:
        if organisation_id is not None and organisation_id not in found[cluster_id]:
            found[cluster_id].append(organisation_id)
    return found


def parts_of(*, session: Session, action_ids: Sequence[int]) -> dict[int, Parts]:
    """The parts of those of these actions that are shared, by action id; an action owned by
    one organisation (or by people, or the coordinators) is absent. Five queries at most."""
    if not action_ids:
        return {}
    ids = list(action_ids)
    clusters: dict[int, int] = {
        action_id: cluster_id
        for action_id, cluster_id in session.exec(
            select(Action.id, Action.cluster_id).where(col(Action.id).in_(ids))
        ).all()
        if action_id is not None
    }
    owners = session.exec(
        select(ActionOwner.action_id, ActionOwner.kind, ActionOwner.organisation_id)
        .where(col(ActionOwner.action_id).in_(ids))
        .order_by(col(ActionOwner.action_id), col(ActionOwner.position))
    ).all()
    named: dict[int, list[tuple[str, int | None]]] = defaultdict(list)
    for action_id, kind, organisation_id in owners:
        named[action_id].append((kind, organisation_id))
    return _parts(session, named, clusters)


def parts_of_views(*, session: Session, views: Sequence[ActionView]) -> dict[int, Parts]:
    """parts_of for actions already read, owners included: no query for those that cannot
    be shared, two or three for the others."""
    shared = [v for v in views if may_be_shared(v.owners)]
    named = {v.id: [(o.kind.value, o.organisation_id) for o in v.owners] for v in shared}
    return _parts(session, named, {v.id: v.cluster_id for v in shared})


def _parts(
    session: Session,
    named: dict[int, list[tuple[str, int | None]]],
    clusters: dict[int, int],
) -> dict[int, Parts]:
    """From each action's owners (kind, organisation) in order and its cluster."""
    expected: dict[int, list[int]] = defaultdict(list)
    everyone: set[int] = set()
    for action_id, owners in named.items():
        for kind, organisation_id in owners:
            if kind == OwnerKind.ORGANISATION and organisation_id is not None:
                if organisation_id not in expected[action_id]:
                    expected[action_id].append(organisation_id)
            elif kind == OwnerKind.ALL_MEMBERS:
                everyone.add(action_id)
    if everyone:
        members = _member_organisations(session, {clusters[a] for a in everyone if a in clusters})
        for action_id in everyone:
            for organisation_id in members.get(clusters.get(action_id, -1), []):
                if organisation_id not in expected[action_id]:
                    expected[action_id].append(organisation_id)
    shared = {a: orgs for a, orgs in expected.items() if len(orgs) >= 2}
    if not shared:
        return {}
    session.flush()
    connection = session.connection()
    reported = {
        (action_id, organisation_id): _STATUSES[status]
        for action_id, organisation_id, status in connection.execute(
            _REPORTED, {"ids": sorted(shared)}
        )
    }
    wanted = sorted({o for orgs in shared.values() for o in orgs})
    acronyms = {i: a for i, a in connection.execute(_ACRONYMS, {"ids": wanted}) if i is not None}
    return {
        action_id: Parts(
            action_id,
            tuple(
                Part(o, acronyms.get(o, "?"), reported.get((action_id, o), Status.TODO))
                for o in orgs
            ),
        )
        for action_id, orgs in shared.items()
    }


def parts_of_view(*, session: Session, action: ActionView | None) -> Parts | None:
    """parts_for an action already read: no query when its owners cannot share it."""
    if action is None or not may_be_shared(action.owners):
        return None
    return parts_of_views(session=session, views=[action]).get(action.id)


def parts_for(*, session: Session, action_id: int) -> Parts | None:
    return parts_of(session=session, action_ids=[action_id]).get(action_id)


def may_be_shared(owners: Sequence[OwnerView]) -> bool:
    """Whether these owners can make an action shared: two organisations or more, or every
    member. False spares the queries of parts_for for most actions."""
    organisations = {
        o.organisation_id
        for o in owners
        if o.kind == OwnerKind.ORGANISATION and o.organisation_id is not None
    }
    return len(organisations) >= 2 or any(o.kind == OwnerKind.ALL_MEMBERS for o in owners)


def part_of_member(*, session: Session, action_id: int, telegram_user_id: int) -> Part | None:
    """The part of this action that this person reports: their organisation's, when the
    action is shared, they belong to its cluster and their organisation has a part."""
    member = session.exec(select(Member).where(Member.telegram_user_id == telegram_user_id)).first()
    action = session.get(Action, action_id)
    if member is None or member.organisation_id is None or action is None:
        return None
    if session.get(Membership, (action.cluster_id, member.id)) is None:
        return None
    parts = parts_for(session=session, action_id=action_id)
    if parts is None:
        return None
    return next((p for p in parts.parts if p.organisation_id == member.organisation_id), None)


def _hold(session: Session, action_id: int) -> None:
    """Hold the action until this unit of work ends, before its parts are read: two
    organisations reporting their parts at once (each from its own reminder, handled side
    by side) would each read the other's part as open and neither close the action. A
    write with no effect takes the row's lock on PostgreSQL and the database's on SQLite;
    the other report waits for this one's commit, then reads it."""
    session.flush()
    session.connection().execute(
        sa_update(Action)
        .where(col(Action.id) == action_id)
        .values(updated_at=col(Action.updated_at))
    )


class NotAPart(NotFound):
    """This organisation has no part in this action (or the action is not shared)."""


@dataclass(frozen=True)
class PartReport:
    action: ActionView  # as it is after the report
    parts: Parts
    changed: bool  # False: that part already had that status
    completed: bool  # no part is left open after it: the whole action is done now


def report_part(
    *,
    session: Session,
    action_id: int,
    organisation_id: int,
    status: Status,
    by: Author,
    meeting_id: int | None = None,
) -> PartReport:
    """Record one organisation's part. The last part done makes the action done; a first
    part that moves makes an action still "à faire" "en cours". A closed action reopens
    (to "en cours") when a part is reported open again; one reopened whole with every part
    done closes again when a part is said done."""
    if not status.is_open and status != Status.DONE:
        raise ValueError(f"a part is not {status}: only the whole action is cancelled")
    _hold(session, action_id)
    parts = parts_for(session=session, action_id=action_id)
    if parts is None or parts.status_of(organisation_id) is None:
        raise NotAPart(f"{action_id}:{organisation_id}")
    row = session.exec(
        select(ActionPart).where(
            ActionPart.action_id == action_id, ActionPart.organisation_id == organisation_id
        )
    ).first()
    old = Status(row.status) if row is not None else Status.TODO
    changed = old != status
    if changed:
        if row is None:
            row = ActionPart(
                action_id=action_id,
                organisation_id=organisation_id,
                status=status.value,
                updated_at=by.at,
            )
        row.status = status.value
        row.updated_at = by.at
        row.updated_by_member_id = by.member_id
        session.add(row)
        session.flush()
        record_part_event(
            session=session,
            action_id=action_id,
            organisation_id=organisation_id,
            old=old,
            new=status,
            by=by,
            meeting_id=meeting_id,
        )
    after = parts_for(session=session, action_id=action_id)
    assert after is not None
    action = get_action(session=session, action_id=action_id)
    assert action is not None
    target: Status | None = None
    # A cancelled action stays cancelled (reopening it is the coordinators'), and one a
    # coordinator closed for all stays done when a late part is reported done. Every part
    # done on an open action (a coordinator reopened it whole): a part said done again is
    # the owners confirming it, and closes it, as /fait closes an action of one.
    if action.status != Status.CANCELLED:
        if not after.open and action.status.is_open:
            target = Status.DONE
        elif changed and (
            (action.status == Status.DONE and status.is_open)
            or (action.status == Status.TODO and status != Status.TODO)
        ):
            target = Status.IN_PROGRESS
    if target is not None and target != action.status:
        action = change_status(
            session=session,
            action_id=action_id,
            status=target,
            expected=None,
            by=by,
            meeting_id=meeting_id,
        )
    completed = target == Status.DONE and action.status == Status.DONE
    return PartReport(action=action, parts=after, changed=changed, completed=completed)


def close_when_every_part_done(
    *, session: Session, action_id: int, before: Parts | None, by: Author
) -> tuple[ActionView, Parts] | None:
    """After the owners of an action changed: when that took away the last organisations
    whose part was open, those left having all done theirs, the action is done, as if the
    last of them had just said so. The action and its parts when it closed so."""
    if before is None or not before.open:
        return None  # nothing was left to do before either (a coordinator reopened it whole)
    after = parts_for(session=session, action_id=action_id)
    action = get_action(session=session, action_id=action_id)
    if after is None or after.open or action is None or not action.status.is_open:
        return None
    done = change_status(
        session=session, action_id=action_id, status=Status.DONE, expected=None, by=by
    )
    return done, after
