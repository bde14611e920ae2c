"""The sweep's bounded read owes exactly what a read of every action owes, minute after minute.

A week of sweeps is played on a varied database (three clusters, two time zones, a cluster
with its own settings, late actions due up to two years ago, closed ones, undated ones):
at each instant the digests of the sweep's own planner, which keeps what its last read left
(reminders.delivery.Planner), are compared with those of a planner that reads every action,
and then "delivered" into the log, some of them failing as Telegram makes them fail
(postponed, no answer, blocked). Along the week people change what a bounded read must
notice: an action reopened, new owners, a new deadline, a focal point who joins, settings
changed, a part of a shared action done. Nothing else may differ, and the bounded read must
really be bounded: on a quiet minute it reads a handful of actions, not every late one.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import Session, col, select

import reminders.delivery
from bench.reminders import NOW, TELEGRAM_USER_BASE, fill
from reminders.delivery import (
    Digest,
    Planner,
    SweepReport,
    _plan_digests,
    item_key,
)
from reminders.recipients import UnreachableNotice
from storage.actions import change_deadline, change_owners, change_status
from storage.db import Database
from storage.models import (
    Action,
    ActionOwner,
    Cluster,
    DeadlinePrecision,
    Member,
    Membership,
    OwnerKind,
    Role,
    Status,
)
from storage.parts import report_part
from storage.reminders import (
    claim,
    mark_unreachable,
    record_failed,
    record_sent,
    record_uncertain,
    release,
)
from storage.settings import save_reminder_settings
from storage.views import Author, DeadlineValue, OwnerInput, ReminderSettings

MONDAY = NOW.replace(hour=0)  # 2025-03-03, a Monday (Bamako is UTC)


def _world(db: Database) -> None:
    args = argparse.Namespace(
        clusters=3, focal_points=12, actions_per_focal_point=3, background_actions=150
    )
    fill(db.engine, args, random.Random(7), late_share=0.4)
    with db.session() as session:
        # A cluster an hour ahead, and one with its own settings.
        session.execute(
            update(Cluster).where(col(Cluster.id) == 2).values(timezone="Africa/Niamey")
        )
        save_reminder_settings(
            session=session,
            cluster_id=3,
            settings=ReminderSettings(
                deadline_days_before=(2, 0), overdue_days_after=(2, 5), escalation_days=3
            ),
            now=MONDAY - timedelta(days=30),
        )


def _key(digests: list[Digest]) -> dict[str, tuple[list[tuple[str, str, str]], list[str]]]:
    """Each recipient's digest: its items in reading order, and which are repeats. (The
    order of the digests themselves is the order recipients come in the plan, which a
    bounded read, planning fewer actions, may change: it is no one's business.)"""
    found = {}
    for d in digests:
        keys = [item_key(i, d.recipient) for i in d.items]
        found[d.recipient.key] = (
            [(k.subject, k.kind, k.slot) for k in keys],
            sorted(k.subject for k in d.repeats),
        )
    assert len(found) == len(digests)  # one digest per recipient
    return found


def _deliver(
    db: Database, digests: list[Digest], now: datetime, turn: int, faults: bool = True
) -> None:
    """Into the log as a sweep would write it; one digest in a few meets a fault."""
    for n, digest in enumerate(digests):
        keys = sorted({item_key(i, digest.recipient) for i in digest.items})
        with db.session() as session:
            claim(
                session=session,
                keys=keys,
                chat_id=digest.recipient.chat_id,
                late=[False] * len(keys),
                now=now,
            )
        fate = (n + turn) % 17 if faults else 0
        with db.session() as session:
            if fate == 3:
                release(session=session, keys=keys)  # a 429: the next sweep sends it
            elif fate == 5:
                record_uncertain(session=session, keys=keys, error="hang", resend=True)
            elif fate == 7:
                record_uncertain(session=session, keys=keys, error="cut", resend=False)
            elif fate == 11 and digest.recipient.member_id is not None and turn % 5 == 0:
                record_failed(session=session, keys=keys, error="blocked")
                mark_unreachable(session=session, member_id=digest.recipient.member_id, now=now)
            else:
                record_sent(
                    session=session,
                    keys=keys,
                    chat_id=digest.recipient.chat_id,
                    message_id=n,
                    now=now,
                )


def _by(at: datetime) -> Author:
    return Author(member_id=1, name="Coordination 1", at=at)


def _late_closed(session: Session) -> int:
    found = session.exec(
        select(Action.id)
        .where(col(Action.status) == Status.DONE.value, col(Action.due_at) < NOW)
        .order_by(col(Action.due_at).desc())
    ).first()
    assert found is not None
    return found


def _late_open(session: Session, cluster_id: int) -> int:
    found = session.exec(
        select(Action.id)
        .where(
            col(Action.cluster_id) == cluster_id,
            col(Action.status) == Status.TODO.value,
            col(Action.due_at) < NOW - timedelta(days=20),
        )
        .order_by(col(Action.id))
    ).first()
    assert found is not None
    return found


def _reopen(session: Session, at: datetime) -> None:
    change_status(
        session=session,
        action_id=_late_closed(session),
        status=Status.TODO,
        expected=None,
        by=_by(at),
    )


def _new_owners(session: Session, at: datetime) -> None:
    action_id = _late_open(session, 1)
    other = session.exec(
        select(ActionOwner.organisation_id)
        .join(Action, col(Action.id) == ActionOwner.action_id)
        .where(col(Action.cluster_id) == 1, col(ActionOwner.action_id) != action_id)
        .order_by(col(ActionOwner.id).desc())
    ).first()
    assert other is not None
    change_owners(
        session=session,
        action_id=action_id,
        owners=[OwnerInput(OwnerKind.ORGANISATION, "ONG", organisation_id=other)],
        by=_by(at),
    )


def _new_deadline(session: Session, at: datetime) -> None:
    change_deadline(
        session=session,
        action_id=_late_open(session, 2),
        deadline=DeadlineValue(
            due_at=(at + timedelta(days=1)).replace(hour=23, minute=59),
            precision=DeadlinePrecision.DAY,
        ),
        by=_by(at),
    )


def _joins(session: Session, at: datetime) -> None:
    # A second focal point for an organisation that owns late actions in cluster 1.
    org = session.exec(
        select(ActionOwner.organisation_id)
        .join(Action, col(Action.id) == ActionOwner.action_id)
        .where(col(Action.cluster_id) == 1, col(Action.status) == Status.TODO.value)
        .order_by(col(ActionOwner.id))
    ).first()
    member = Member(
        telegram_user_id=TELEGRAM_USER_BASE + 9999,
        display_name="Nouvelle recrue",
        organisation_id=org,
        reachable=True,
        created_at=at,
    )
    session.add(member)
    session.flush()
    assert member.id is not None
    session.add(
        Membership(cluster_id=1, member_id=member.id, role=Role.FOCAL_POINT.value, created_at=at)
    )


def _settings(session: Session, at: datetime) -> None:
    save_reminder_settings(
        session=session,
        cluster_id=1,
        settings=ReminderSettings(overdue_days_after=(1, 2, 3, 7), send_hour=9),
        now=at,
    )


def _shared(session: Session, at: datetime) -> None:
    # An action of cluster 3 owned by two organisations, one of which then reports its part.
    action_id = _late_open(session, 3)
    orgs = session.exec(
        select(Member.organisation_id)
        .join(Membership, col(Membership.member_id) == Member.id)
        .where(col(Membership.cluster_id) == 3, col(Membership.role) == Role.FOCAL_POINT.value)
        .order_by(col(Member.id))
    ).all()
    first, second = orgs[0], orgs[1]
    assert first is not None
    assert second is not None
    change_owners(
        session=session,
        action_id=action_id,
        owners=[
            OwnerInput(OwnerKind.ORGANISATION, "A", organisation_id=first),
            OwnerInput(OwnerKind.ORGANISATION, "B", organisation_id=second),
        ],
        by=_by(at),
    )
    session.flush()
    report_part(
        session=session, action_id=action_id, organisation_id=first, status=Status.DONE, by=_by(at)
    )


CHANGES: dict[datetime, Callable[[Session, datetime], None]] = {
    MONDAY.replace(hour=10, minute=30): _reopen,
    MONDAY.replace(day=4, hour=11): _new_owners,
    MONDAY.replace(day=4, hour=15, minute=20): _new_deadline,
    MONDAY.replace(day=5, hour=9, minute=40): _joins,
    MONDAY.replace(day=6, hour=8, minute=20): _settings,
    MONDAY.replace(day=6, hour=12): _shared,
    MONDAY.replace(day=7, hour=10): _reopen,
}


def _instants() -> list[datetime]:
    """A week: every 40 minutes by day, every three hours by night, and minute by minute
    around the mornings' opening and each change."""
    found: set[datetime] = set()
    t = MONDAY
    while t < MONDAY + timedelta(days=7):
        if 6 <= t.hour < 20 or t.hour % 3 == 0:
            found.add(t)
        t += timedelta(minutes=40)
    for day in range(7):
        for start in (MONDAY.replace(hour=6, minute=58), MONDAY.replace(hour=7, minute=58)):
            found.update(start + timedelta(days=day, minutes=m) for m in range(5))
        found.add(MONDAY.replace(hour=8, minute=59) + timedelta(days=day))
        found.add(MONDAY.replace(hour=9, minute=1) + timedelta(days=day))
    for at in CHANGES:
        found.update(at + timedelta(minutes=m) for m in range(3))
    return sorted(found)


def test_a_week_of_bounded_reads_owes_exactly_what_reading_every_action_owes(
    db: Database,
) -> None:
    _world(db)
    planner = Planner()
    bounded_reads = quiet_reads = 0
    owed_in_all = 0
    for turn, now in enumerate(_instants()):
        change = CHANGES.get(now)
        if change is not None:
            with db.session() as session:
                change(session, now)
        full = _plan_digests(db, now, SweepReport(), Planner())
        report = SweepReport()
        bounded = _plan_digests(db, now, report, planner)
        assert _key(bounded) == _key(full), now
        if planner.inputs is not None and report.planned < 20:
            quiet_reads += 1
        bounded_reads += 1
        owed_in_all += len(full)
        _deliver(db, bounded, now, turn)
    # The week did send things, failed some and caught them up: the comparison means something.
    assert owed_in_all > 50
    # And most minutes were quiet ones, planned from a handful of actions, not every late one.
    assert quiet_reads > bounded_reads // 2


def test_a_quiet_minute_reads_only_what_changed_or_still_owes(db: Database) -> None:
    _world(db)
    planner = Planner()
    morning = NOW
    report = SweepReport()
    digests = _plan_digests(db, morning, report, planner)
    assert report.planned > 100  # the morning read every late action
    _deliver(db, digests, morning, turn=0, faults=False)
    _plan_digests(db, morning + timedelta(minutes=1), SweepReport(), planner)
    quiet = SweepReport()
    assert _plan_digests(db, morning + timedelta(minutes=2), quiet, planner) == []
    assert quiet.planned == 0
    # Reopened at 08:05, the action is read again at once, with its owed reminder.
    with db.session() as session:
        reopened = _late_closed(session)
        _reopen(session, morning + timedelta(minutes=5))
    after = SweepReport()
    owed = _plan_digests(db, morning + timedelta(minutes=6), after, planner)
    assert after.planned >= 1
    assert [(d.recipient.key, k.subject) for d in owed for k in d.repeats] == []
    assert {item_key(i, d.recipient).subject for d in owed for i in d.items} == {
        f"action:{reopened}"
    }
    full = _plan_digests(db, morning + timedelta(minutes=6), SweepReport(), Planner())
    assert _key(owed) == _key(full)


def test_a_new_process_reads_everything_once(db: Database) -> None:
    _world(db)
    first = SweepReport()
    _plan_digests(db, NOW, first, Planner())
    again = SweepReport()
    _plan_digests(db, NOW + timedelta(hours=2), again, Planner())
    assert again.planned == first.planned > 0
    assert datetime(2025, 3, 3, tzinfo=UTC) == MONDAY


def _in_every_cluster(session: Session, at: datetime) -> None:
    """Cluster 1's coordinator coordinates the other two as well, and one of cluster 3's focal
    points answers in cluster 1 too, for a late action there: their reminders and the
    notices about them come from several clusters."""
    focal, organisation = session.exec(
        select(Member.id, Member.organisation_id)
        .join(Membership, col(Membership.member_id) == Member.id)
        .where(col(Membership.cluster_id) == 3, col(Membership.role) == Role.FOCAL_POINT.value)
        .order_by(col(Member.id))
    ).first() or (None, None)
    assert focal is not None
    assert organisation is not None
    session.add(
        Membership(cluster_id=1, member_id=focal, role=Role.FOCAL_POINT.value, created_at=at)
    )
    for cluster_id in (2, 3):
        session.add(
            Membership(
                cluster_id=cluster_id, member_id=1, role=Role.COORDINATOR.value, created_at=at
            )
        )
    for action_id in session.exec(
        select(Action.id)
        .where(
            col(Action.cluster_id) == 1,
            col(Action.status) == Status.TODO.value,
            col(Action.due_at) < NOW - timedelta(days=20),
        )
        .order_by(col(Action.id))
        .limit(5)
    ):
        assert action_id is not None
        change_owners(
            session=session,
            action_id=action_id,
            owners=[OwnerInput(OwnerKind.ORGANISATION, "ONG", organisation_id=organisation)],
            by=_by(at),
        )


def test_clusters_planned_a_few_at_a_time_owe_what_all_at_once_owe(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A busy morning finds recipients and asks the log a batch of clusters at a time: a
    person of several clusters still gets one digest, with every cluster's reminders, each
    once, and the notice of someone who cannot be reached once."""
    _world(db)
    with db.session() as session:
        _in_every_cluster(session, MONDAY - timedelta(days=1))
    instants = [t for t in _instants() if t.minute in (0, 40) and 7 <= t.hour < 12]
    several = notices = 0
    for turn, now in enumerate(instants):
        if turn == 3:
            with db.session() as session:
                # The focal point of two clusters blocks the bot: both clusters' coordinator
                # is told, once.
                mark_unreachable(session=session, member_id=_shared_focal(session), now=now)
        for limit in ("BATCH_CLUSTERS", "BATCH_ACTIONS"):
            monkeypatch.setattr(reminders.delivery, limit, 1_000_000)
        whole = _plan_digests(db, now, SweepReport(), Planner())
        for limit in ("BATCH_CLUSTERS", "BATCH_ACTIONS"):
            monkeypatch.setattr(reminders.delivery, limit, 1)  # one cluster at a time
        batched = _plan_digests(db, now, SweepReport(), Planner())
        assert _key(batched) == _key(whole), now
        # Each item as its first cluster tells it ("in cluster A, X cannot be reached").
        assert _clusters(batched) == _clusters(whole), now
        several += sum(len({i.cluster.id for i in d.items}) > 1 for d in whole)
        notices += sum(
            isinstance(i, UnreachableNotice)
            for d in batched
            if d.recipient.key == "m:1"
            for i in d.items
        )
        _deliver(db, batched, now, turn, faults=False)
    # Digests did gather reminders of several clusters, and the coordinator of both clusters
    # was told once that their focal point cannot be reached.
    assert several > 0
    assert notices == 1


def _clusters(digests: list[Digest]) -> dict[str, list[int]]:
    return {d.recipient.key: [i.cluster.id for i in d.items] for d in digests}


def _shared_focal(session: Session) -> int:
    found = session.exec(
        select(Membership.member_id)
        .where(col(Membership.cluster_id) == 1, col(Membership.role) == Role.FOCAL_POINT.value)
        .order_by(col(Membership.created_at).desc(), col(Membership.member_id))
    ).first()
    assert found is not None
    return found
