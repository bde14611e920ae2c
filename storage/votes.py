"""Votes put to a cluster's group as Telegram polls, and their results kept as decisions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, select

from storage.errors import NotFound, StorageError
from storage.models import Decision, DecisionSource, Vote
from storage.views import Author


class AlreadyClosed(StorageError):
    """The vote was closed before: its result is recorded already."""


@dataclass(frozen=True)
class VoteView:
    id: int
    cluster_id: int
    meeting_id: int | None
    chat_id: int
    message_id: int
    poll_id: str
    question: str
    options: tuple[str, ...]
    max_answers: int
    counts: tuple[int, ...]
    closed_at: datetime | None
    decision_id: int | None


def _view(vote: Vote) -> VoteView:
    assert vote.id is not None
    return VoteView(
        id=vote.id,
        cluster_id=vote.cluster_id,
        meeting_id=vote.meeting_id,
        chat_id=vote.chat_id,
        message_id=vote.message_id,
        poll_id=vote.poll_id,
        question=vote.question,
        options=tuple(vote.options),
        max_answers=vote.max_answers,
        counts=tuple(vote.counts),
        closed_at=vote.closed_at,
        decision_id=vote.decision_id,
    )


def open_vote(
    *,
    session: Session,
    cluster_id: int,
    meeting_id: int | None,
    chat_id: int,
    message_id: int,
    poll_id: str,
    question: str,
    options: Sequence[str],
    max_answers: int,
    by: Author,
) -> VoteView:
    vote = Vote(
        cluster_id=cluster_id,
        meeting_id=meeting_id,
        chat_id=chat_id,
        message_id=message_id,
        poll_id=poll_id,
        question=question,
        options=list(options),
        max_answers=max_answers,
        counts=[0] * len(options),
        created_by_member_id=by.member_id,
        created_at=by.at,
    )
    session.add(vote)
    session.flush()
    return _view(vote)


def get_vote(*, session: Session, vote_id: int) -> VoteView | None:
    vote = session.get(Vote, vote_id)
    return _view(vote) if vote is not None else None


def update_counts(*, session: Session, poll_id: str, counts: Sequence[int]) -> bool:
    """Keep an open vote's counts as Telegram reports them; False for a poll not ours, a
    closed vote, or counts that do not fit its options."""
    vote = session.exec(select(Vote).where(Vote.poll_id == poll_id)).first()
    if vote is None or vote.closed_at is not None or len(counts) != len(vote.options):
        return False
    vote.counts = list(counts)
    session.add(vote)
    session.flush()
    return True


def close_vote(
    *,
    session: Session,
    vote_id: int,
    counts: Sequence[int],
    text: str,
    by: Author,
) -> VoteView:
    """Close the vote with its final counts, and record `text` (its result, as the group
    reads it) as a decision of the vote's meeting. A vote closed already is refused."""
    vote = session.get(Vote, vote_id)
    if vote is None:
        raise NotFound(vote_id)
    if vote.closed_at is not None:
        raise AlreadyClosed(vote_id)
    if len(counts) != len(vote.options):
        raise ValueError("one count per option")
    decision = Decision(
        cluster_id=vote.cluster_id,
        meeting_id=vote.meeting_id,
        text=text,
        source=DecisionSource.VOTE.value,
        created_by_member_id=by.member_id,
        created_by_name=by.name,
        created_at=by.at,
    )
    session.add(decision)
    session.flush()
    vote.counts = list(counts)
    vote.closed_at = by.at
    vote.decision_id = decision.id
    session.add(vote)
    session.flush()
    return _view(vote)
