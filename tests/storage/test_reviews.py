"""A review kept in the database: its items, one open per cluster, answers in turn only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from storage.actions import create_action
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.models import DeadlinePrecision, Organisation, OwnerKind
from storage.reviews import (
    NotCurrent,
    Outcome,
    ReviewAnswer,
    ReviewItem,
    ReviewOpen,
    answer_item,
    end_review,
    open_review,
    review_items,
    review_meeting,
    start_review,
)
from storage.views import Author, DeadlineValue, OwnerInput

BAMAKO = ZoneInfo("Africa/Bamako")
START = datetime(2017, 4, 4, 10, 0, tzinfo=UTC)
LATER = START + timedelta(days=28)


def _org(db: Database, acronym: str) -> int:
    with db.session() as session:
        org = session.exec(select(Organisation).where(Organisation.acronym == acronym)).one()
        assert org.id is not None
        return org.id


def _setup(db: Database) -> tuple[int, int, int, int, int]:
    """A cluster, one action of OCHA's, one shared by OCHA and NRC."""
    ocha, nrc = _org(db, "OCHA"), _org(db, "NRC")
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session, chat_id=-7, name="CP", short_name=None, timezone=BAMAKO.key, now=START
        )
        by = Author(None, "Awa", START)
        undated = DeadlineValue(None, DeadlinePrecision.UNDATED)
        alone = create_action(
            session=session,
            cluster_id=cluster.id,
            description="Partager la carte",
            owners=[OwnerInput(OwnerKind.ORGANISATION, "OCHA", organisation_id=ocha)],
            deadline=undated,
            by=by,
        ).id
        shared = create_action(
            session=session,
            cluster_id=cluster.id,
            description="Mettre à jour la matrice",
            owners=[
                OwnerInput(OwnerKind.ORGANISATION, "OCHA", organisation_id=ocha),
                OwnerInput(OwnerKind.ORGANISATION, "NRC", organisation_id=nrc),
            ],
            deadline=undated,
            by=by,
        ).id
    return cluster.id, alone, shared, ocha, nrc


def _answer(outcome: Outcome) -> ReviewAnswer:
    return ReviewAnswer(outcome, "Oumou Sow", None)


def test_a_shared_action_is_walked_owner_by_owner(db: Database) -> None:
    cid, alone, shared, ocha, nrc = _setup(db)
    with db.session() as session:
        items = review_items(session=session, cluster_id=cid, now=LATER, tz=BAMAKO)
    assert items == [
        ReviewItem(alone, None),
        ReviewItem(shared, ocha),
        ReviewItem(shared, nrc),
    ]


def test_one_open_review_per_meeting_and_answers_only_for_the_current_item(db: Database) -> None:
    cid, _, shared, ocha, _ = _setup(db)
    by = Author(None, "Oumou Sow", LATER)
    with db.session() as session:
        meeting = review_meeting(session=session, cluster_id=cid, now=LATER, tz=BAMAKO)
        items = review_items(session=session, cluster_id=cid, now=LATER, tz=BAMAKO)
        review = start_review(
            session=session, cluster_id=cid, meeting_id=meeting, chat_id=-7, items=items, by=by
        )
    with db.session() as session, pytest.raises(ReviewOpen) as raised:
        start_review(
            session=session, cluster_id=cid, meeting_id=meeting, chat_id=-7, items=items, by=by
        )
    assert raised.value.review.id == review.id
    with db.session() as session:
        after = answer_item(
            session=session, review_id=review.id, position=0, answer=_answer(Outcome.DONE)
        )
    assert (after.position, after.current) == (1, ReviewItem(shared, ocha))
    with db.session() as session, pytest.raises(NotCurrent):
        answer_item(session=session, review_id=review.id, position=0, answer=_answer(Outcome.DONE))
    # A late answer never replaces what was said in turn, but fills a skipped item.
    with db.session() as session:
        answer_item(
            session=session, review_id=review.id, position=1, answer=_answer(Outcome.SKIPPED)
        )
        late = answer_item(
            session=session,
            review_id=review.id,
            position=0,
            answer=_answer(Outcome.COMMENTED),
            advance=False,
        )
        filled = answer_item(
            session=session,
            review_id=review.id,
            position=1,
            answer=_answer(Outcome.COMMENTED),
            advance=False,
        )
    assert late.answers[0].outcome == Outcome.DONE
    assert filled.answers[1].outcome == Outcome.COMMENTED
    assert filled.unreviewed == 1  # the third item, never reached
    with db.session() as session:
        ended = end_review(session=session, review_id=review.id, now=LATER)
        assert open_review(session=session, cluster_id=cid) is None
    assert ended.ended
    with db.session() as session, pytest.raises(NotCurrent):
        answer_item(session=session, review_id=review.id, position=2, answer=_answer(Outcome.DONE))


def test_a_review_left_open_at_an_earlier_meeting_is_ended_by_the_next_one(db: Database) -> None:
    cid, *_ = _setup(db)
    with db.session() as session:
        items = review_items(session=session, cluster_id=cid, now=LATER, tz=BAMAKO)
        first_meeting = review_meeting(session=session, cluster_id=cid, now=LATER, tz=BAMAKO)
        first = start_review(
            session=session,
            cluster_id=cid,
            meeting_id=first_meeting,
            chat_id=-7,
            items=items,
            by=Author(None, "Oumou Sow", LATER),
        )
    month_later = LATER + timedelta(days=30)
    with db.session() as session:
        meeting = review_meeting(session=session, cluster_id=cid, now=month_later, tz=BAMAKO)
        second = start_review(
            session=session,
            cluster_id=cid,
            meeting_id=meeting,
            chat_id=-7,
            items=items,
            by=Author(None, "Oumou Sow", month_later),
        )
        assert open_review(session=session, cluster_id=cid) == second
    assert second.id != first.id
