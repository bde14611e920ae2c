"""Votes kept with their result, and attendance said in the group joining imported lists."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from storage.attendance import (
    ParticipantInput,
    attendance_list,
    mark_member_present,
    mark_organisation,
    meeting_held_on,
    record_attendance,
)
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.members import ensure_member
from storage.models import Attendance, AttendanceSource, AttendanceStatus, Decision, Member
from storage.organisations import organisation_named
from storage.views import Author
from storage.votes import AlreadyClosed, close_vote, get_vote, open_vote, update_counts

NOW = datetime(2017, 5, 2, 12, 0, tzinfo=UTC)
BY = Author(None, "Oumou Sow", NOW)


def _cluster(db: Database) -> int:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-100,
            name="Cluster Protection",
            short_name=None,
            timezone="Africa/Bamako",
            now=NOW,
        )
        return cluster.id


def test_closing_a_vote_records_one_decision_and_a_second_close_is_refused(db: Database) -> None:
    cluster_id = _cluster(db)
    with db.session() as session:
        vote = open_vote(
            session=session,
            cluster_id=cluster_id,
            meeting_id=None,
            chat_id=-100,
            message_id=7,
            poll_id="p1",
            question="Q ?",
            options=["A", "B"],
            max_answers=1,
            by=BY,
        )
        assert vote.counts == (0, 0)
        assert update_counts(session=session, poll_id="p1", counts=[1, 2])
        assert not update_counts(session=session, poll_id="p1", counts=[1])
        assert not update_counts(session=session, poll_id="other", counts=[1, 2])
        close_vote(session=session, vote_id=vote.id, counts=[1, 3], text="Vote : Q ?", by=BY)
    with db.session() as session, pytest.raises(AlreadyClosed):
        close_vote(session=session, vote_id=vote.id, counts=[1, 3], text="again", by=BY)
    with db.session() as session:
        closed = get_vote(session=session, vote_id=vote.id)
        assert closed is not None
        assert closed.counts == (1, 3)
        assert not update_counts(session=session, poll_id="p1", counts=[5, 5])
        [decision] = session.exec(select(Decision)).all()
        assert decision.id == closed.decision_id
        assert decision.source == "vote"


def test_a_tap_joins_the_row_its_imported_participants_list_wrote(db: Database) -> None:
    cluster_id = _cluster(db)
    with db.session() as session:
        ocha = organisation_named(session=session, name="OCHA")
        assert ocha is not None
        member = ensure_member(
            session=session, telegram_user_id=202, display_name="Gerson Brandao", now=NOW
        )
        row = session.get(Member, member.id)
        assert row is not None
        row.organisation_id = ocha.id
        session.add(row)
        meeting_id = meeting_held_on(
            session=session,
            cluster_id=cluster_id,
            day=date(2017, 5, 2),
            tz=ZoneInfo("Africa/Bamako"),
            now=NOW,
        )
        record_attendance(
            session=session,
            meeting_id=meeting_id,
            participants=[ParticipantInput("Gerson BRANDAO", "OCHA", ocha.id)],
            now=NOW,
        )
        assert not mark_member_present(
            session=session,
            meeting_id=meeting_id,
            member_id=member.id,
            source=AttendanceSource.SELF,
            now=NOW,
        )
        [joined] = session.exec(select(Attendance)).all()
        assert joined.member_id == member.id
        assert joined.source == AttendanceSource.MINUTES.value

        assert mark_organisation(
            session=session,
            meeting_id=meeting_id,
            organisation_id=ocha.id,
            status=AttendanceStatus.EXCUSED,
            now=NOW,
        )
        listed = attendance_list(session=session, meeting_id=meeting_id)
        assert listed.present == ()
        assert listed.excused == ("OCHA",)
        assert listed.people == ()
