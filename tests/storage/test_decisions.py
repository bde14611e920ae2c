"""Decisions kept by meeting, made into actions once; meetings listed as records."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from storage.actions import create_action, get_action
from storage.attendance import ParticipantInput, meeting_held_on, record_attendance
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.decisions import (
    AlreadyAnAction,
    decision_meeting,
    decisions_by_meeting,
    record_decision,
    record_minutes_decisions,
    turn_into_action,
)
from storage.meetings import cancel_next_meeting, schedule_next_meeting
from storage.models import DeadlinePrecision, DecisionSource, Meeting, OwnerKind
from storage.records import meeting_records
from storage.views import Author, DeadlineValue, OwnerInput

BAMAKO = ZoneInfo("Africa/Bamako")
MAY_2 = datetime(2017, 5, 2, 16, 0, tzinfo=UTC)
OWNERS = [OwnerInput(OwnerKind.UNLINKED, "OIM", unknown=True)]
DUE = DeadlineValue(datetime(2017, 5, 31, tzinfo=UTC), DeadlinePrecision.DAY)


def _cluster(db: Database) -> int:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-7,
            name="CP",
            short_name=None,
            timezone="Africa/Bamako",
            now=MAY_2,
        )
        return cluster.id


def _held(db: Database, cid: int, day: date) -> int:
    with db.session() as session:
        return meeting_held_on(session=session, cluster_id=cid, day=day, tz=BAMAKO, now=MAY_2)


def _by(at: datetime = MAY_2) -> Author:
    return Author(None, "Oumou", at)


def test_decisions_are_listed_by_meeting_newest_first_and_those_of_no_meeting_last(
    db: Database,
) -> None:
    cid = _cluster(db)
    april, may = _held(db, cid, date(2017, 4, 4)), _held(db, cid, date(2017, 5, 2))
    with db.session() as session:
        for meeting_id, text in [(april, "A1"), (None, "Hors"), (may, "M1"), (april, "A2")]:
            record_decision(
                session=session, cluster_id=cid, meeting_id=meeting_id, text=text, by=_by()
            )
    with db.session() as session:
        groups = decisions_by_meeting(session=session, cluster_id=cid)
    assert [g.meeting.id if g.meeting else None for g in groups] == [may, april, None]
    assert [[d.text for d in g.decisions] for g in groups] == [["M1"], ["A1", "A2"], ["Hors"]]
    assert groups[0].decisions[0].source == DecisionSource.TYPED


def test_a_decision_becomes_an_action_of_its_meeting_once(db: Database) -> None:
    cid = _cluster(db)
    april = _held(db, cid, date(2017, 4, 4))
    with db.session() as session:
        decision = record_decision(
            session=session, cluster_id=cid, meeting_id=april, text="Valider le plan", by=_by()
        )
    with db.session() as session:
        action = turn_into_action(
            session=session,
            decision_id=decision.id,
            description=decision.text,
            owners=OWNERS,
            deadline=DUE,
            by=_by(),
        )
    assert action.meeting_id == april
    assert action.meeting_starts_at == datetime(2017, 4, 4, tzinfo=UTC)
    with db.session() as session:
        [group] = decisions_by_meeting(session=session, cluster_id=cid)
        assert group.decisions[0].action_id == action.id
        with pytest.raises(AlreadyAnAction) as refused:
            turn_into_action(
                session=session,
                decision_id=decision.id,
                description="encore",
                owners=OWNERS,
                deadline=DUE,
                by=_by(),
            )
        assert refused.value.action_id == action.id
        assert get_action(session=session, action_id=action.id + 1) is None


def test_minutes_decisions_are_recorded_once_per_meeting_by_folded_text(db: Database) -> None:
    cid = _cluster(db)
    april, may = _held(db, cid, date(2017, 4, 4)), _held(db, cid, date(2017, 5, 2))
    texts = ["Le cluster valide le plan.", "Renforcer la coordination"]
    with db.session() as session:
        first = record_minutes_decisions(
            session=session, cluster_id=cid, meeting_id=april, texts=texts, by=_by()
        )
        again = record_minutes_decisions(
            session=session,
            cluster_id=cid,
            meeting_id=april,
            texts=["le cluster VALIDE le plan.", "Renforcer la coordination"],
            by=_by(),
        )
        other = record_minutes_decisions(
            session=session, cluster_id=cid, meeting_id=may, texts=texts[:1], by=_by()
        )
    assert [d.text for d in first] == texts
    assert again == []
    assert [d.meeting_id for d in other] == [may]
    assert first[0].source == DecisionSource.MINUTES


def test_a_typed_decision_belongs_to_todays_meeting_else_the_last_one_held(db: Database) -> None:
    cid = _cluster(db)
    with db.session() as session:
        assert decision_meeting(session=session, cluster_id=cid, now=MAY_2, tz=BAMAKO) is None
    april = _held(db, cid, date(2017, 4, 4))
    with db.session() as session:
        # The next meeting, set for later, is not the one deciding today.
        schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=MAY_2 + timedelta(days=7),
            has_time=True,
            place=None,
            now=MAY_2,
        )
        assert decision_meeting(session=session, cluster_id=cid, now=MAY_2, tz=BAMAKO) == april
    today = _held(db, cid, date(2017, 5, 2))
    with db.session() as session:
        assert decision_meeting(session=session, cluster_id=cid, now=MAY_2, tz=BAMAKO) == today


def test_meetings_are_records_newest_first_with_their_counts(db: Database) -> None:
    cid = _cluster(db)
    april = _held(db, cid, date(2017, 4, 4))
    with db.session() as session:
        for n in range(3):
            action = create_action(
                session=session,
                cluster_id=cid,
                description=f"Action {n}",
                owners=OWNERS,
                deadline=DUE,
                by=_by(),
                meeting_id=april,
            )
        from storage.actions import change_status
        from storage.models import Status

        change_status(
            session=session, action_id=action.id, status=Status.DONE, expected=None, by=_by()
        )
        record_decision(session=session, cluster_id=cid, meeting_id=april, text="D", by=_by())
        record_attendance(
            session=session,
            meeting_id=april,
            participants=[ParticipantInput(name="Awa"), ParticipantInput(name="Moussa")],
            now=MAY_2,
        )
        coming = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=MAY_2 + timedelta(days=30),
            has_time=True,
            place="PNUD",
            now=MAY_2,
        )
        cancelled = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=MAY_2 + timedelta(days=2),
            has_time=False,
            place=None,
            now=MAY_2,
        )
    with db.session() as session:
        cancel_next_meeting(
            session=session, cluster_id=cid, meeting_id=cancelled.meeting.id, now=MAY_2
        )
        records, total = meeting_records(session=session, cluster_id=cid, now=MAY_2, limit=10)
        shown, _ = meeting_records(session=session, cluster_id=cid, now=MAY_2, limit=1)
    assert total == 2
    assert len(shown) == 1
    # The meeting set after the cancelled one moved it: one row for the two /reunion.
    assert coming.meeting.id == cancelled.meeting.id
    by_id = {r.meeting.id: r for r in records}
    held = by_id[april]
    assert (held.held, held.cancelled) == (True, False)
    assert (held.created, held.done, held.open) == (3, 1, 2)
    assert (held.decisions, held.participants) == (1, 2)
    assert by_id[cancelled.meeting.id].cancelled


def test_setting_the_next_meeting_after_one_was_held_keeps_the_held_one(db: Database) -> None:
    cid = _cluster(db)
    with db.session() as session:
        first = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=MAY_2,
            has_time=True,
            place="OCHA",
            now=MAY_2 - timedelta(days=3),
        )
    later = MAY_2 + timedelta(days=1)
    with db.session() as session:
        second = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=MAY_2 + timedelta(days=30),
            has_time=True,
            place=None,
            now=later,
        )
    assert second.previous is None
    assert second.meeting.id != first.meeting.id
    with db.session() as session:
        kept = session.get(Meeting, first.meeting.id)
        assert kept is not None
        assert kept.starts_at == MAY_2
        assert kept.place == "OCHA"
        records, _ = meeting_records(session=session, cluster_id=cid, now=later, limit=10)
    assert [(r.meeting.id, r.held) for r in records] == [
        (second.meeting.id, False),
        (first.meeting.id, True),
    ]
