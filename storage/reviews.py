"""The follow-up walked through in the meeting, one item at a time (/revue).

A review's items are the actions storage.followup selects, in its order; an action shared
by several organisations (storage.parts) is walked owner by owner, one item per part still
open. The review, its position and every answer are kept in the `review` table: a network
cut or a restart resumes it where it stopped, nothing lives in memory. One open review per
cluster.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, overload
from zoneinfo import ZoneInfo

from sqlalchemy import update as sa_update
from sqlmodel import Session, col, select

from storage.attendance import meeting_held_on
from storage.errors import NotFound, StorageError
from storage.followup import follow_up, meeting_for
from storage.models import Meeting, Review
from storage.parts import parts_of
from storage.views import Author


class Outcome(StrEnum):
    """What was said of an item; the summary groups by it, in this order."""

    DONE = "done"
    IN_PROGRESS = "in_progress"
    BLOCKED = "blocked"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    COMMENTED = "commented"
    CLOSED = "closed"  # closed elsewhere before its turn came: nothing to review
    SKIPPED = "skipped"  # Suivant: left unreviewed


@dataclass(frozen=True)
class ReviewItem:
    action_id: int
    organisation_id: int | None  # one organisation's part of a shared action; None: whole


class ReviewItems(Sequence[ReviewItem]):
    """A review's items as stored, [action id, organisation id or None] each, made into
    ReviewItems as they are asked for: a step reads one or two of a review that may hold
    thousands (a cluster's whole follow-up), and is read several times a step."""

    __slots__ = ("_raw",)

    def __init__(self, raw: Sequence[Sequence[int | None]]) -> None:
        self._raw = [i for i in raw if i and i[0] is not None]

    def __len__(self) -> int:
        return len(self._raw)

    @overload
    def __getitem__(self, index: int) -> ReviewItem: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[ReviewItem]: ...

    def __getitem__(self, index: int | slice) -> ReviewItem | Sequence[ReviewItem]:
        if isinstance(index, slice):
            return tuple(_item(i) for i in self._raw[index])
        return _item(self._raw[index])

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Sequence):
            return tuple(self) == tuple(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(tuple(self))


def _item(raw: Sequence[int | None]) -> ReviewItem:
    action_id = raw[0]
    assert action_id is not None
    organisation_id = raw[1] if len(raw) > 1 else None
    return ReviewItem(int(action_id), int(organisation_id) if organisation_id is not None else None)


@dataclass(frozen=True)
class ReviewAnswer:
    outcome: Outcome
    by: str  # the name history gives the person
    member_id: int | None
    detail: str | None = None  # plain text: the comment, or the new deadline as written


@dataclass(frozen=True)
class ReviewView:
    id: int
    cluster_id: int
    meeting_id: int
    meeting_starts_at: datetime
    chat_id: int
    message_id: int | None  # the message showing the current item
    items: Sequence[ReviewItem]
    position: int
    answers: dict[int, ReviewAnswer]  # by item index
    started_at: datetime
    ended_at: datetime | None

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def current(self) -> ReviewItem | None:
        return self.items[self.position] if self.position < len(self.items) else None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @property
    def unreviewed(self) -> int:
        """Items nobody answered for: skipped, or never reached."""
        return sum(
            1
            for index in range(len(self.items))
            if index not in self.answers or self.answers[index].outcome == Outcome.SKIPPED
        )


class ReviewOpen(StorageError):
    """The cluster has a review in progress already."""

    def __init__(self, review: ReviewView) -> None:
        super().__init__(str(review.id))
        self.review = review


class NotCurrent(StorageError):
    """The item answered is not the one shown now, or the review has ended."""


def _answer(data: Any) -> ReviewAnswer | None:
    if not isinstance(data, dict):
        return None
    try:
        return ReviewAnswer(
            Outcome(data["outcome"]), str(data["by"]), data.get("member_id"), data.get("detail")
        )
    except (KeyError, ValueError):
        return None


def _view(session: Session, review: Review) -> ReviewView:
    assert review.id is not None
    meeting = session.get(Meeting, review.meeting_id)
    if meeting is None:
        raise NotFound(str(review.meeting_id))
    answers = {}
    for key, data in review.answers.items():
        answer = _answer(data)
        if key.isdecimal() and answer is not None:
            answers[int(key)] = answer
    items = ReviewItems(review.items)
    return ReviewView(
        id=review.id,
        cluster_id=review.cluster_id,
        meeting_id=review.meeting_id,
        meeting_starts_at=meeting.starts_at,
        chat_id=review.chat_id,
        message_id=review.message_id,
        items=items,
        position=review.position,
        answers=answers,
        started_at=review.started_at,
        ended_at=review.ended_at,
    )


def review_items(
    *, session: Session, cluster_id: int, now: datetime, tz: ZoneInfo
) -> list[ReviewItem]:
    """What the meeting of today reviews, in the follow-up's order, shared actions owner by
    owner (only the parts still open)."""
    actions = follow_up(session=session, cluster_id=cluster_id, now=now, tz=tz).actions
    parts = parts_of(session=session, action_ids=[a.id for a in actions])
    items: list[ReviewItem] = []
    for action in actions:
        shared = parts.get(action.id)
        if shared is not None and shared.open:
            items.extend(ReviewItem(action.id, p.organisation_id) for p in shared.open)
        else:
            items.append(ReviewItem(action.id, None))
    return items


def review_meeting(*, session: Session, cluster_id: int, now: datetime, tz: ZoneInfo) -> int:
    """The meeting a review started now is of: today's (follow_up's, the afternoon's once
    it has begun), created (with no hour) when none was set for today. Call it only once
    there is something to review."""
    meeting = meeting_for(session=session, cluster_id=cluster_id, now=now, tz=tz)
    if meeting is not None and meeting.id is not None and meeting.starts_at <= now:
        return meeting.id
    return meeting_held_on(
        session=session, cluster_id=cluster_id, day=now.astimezone(tz).date(), tz=tz, now=now
    )


def _open_row(session: Session, cluster_id: int) -> Review | None:
    return session.exec(
        select(Review)
        .where(Review.cluster_id == cluster_id, col(Review.ended_at).is_(None))
        .order_by(col(Review.id).desc())
    ).first()


def open_review(*, session: Session, cluster_id: int) -> ReviewView | None:
    row = _open_row(session, cluster_id)
    return _view(session, row) if row is not None else None


def review_begun(*, session: Session, meeting_id: int) -> bool:
    """Whether a review of this meeting was started, ended or not."""
    found = session.exec(select(Review.id).where(Review.meeting_id == meeting_id)).first()
    return found is not None


def get_review(*, session: Session, review_id: int) -> ReviewView | None:
    row = session.get(Review, review_id)
    return _view(session, row) if row is not None else None


def start_review(
    *,
    session: Session,
    cluster_id: int,
    meeting_id: int,
    chat_id: int,
    items: list[ReviewItem],
    by: Author,
) -> ReviewView:
    """A new review of these items. A review still open for the same meeting is refused
    (ReviewOpen); one left open at an earlier meeting is ended first: it is over."""
    if not items:
        raise ValueError("a review needs at least one item")
    existing = _open_row(session, cluster_id)
    if existing is not None:
        if existing.meeting_id == meeting_id:
            raise ReviewOpen(_view(session, existing))
        existing.ended_at = by.at
        session.add(existing)
    row = Review(
        cluster_id=cluster_id,
        meeting_id=meeting_id,
        chat_id=chat_id,
        items=[[i.action_id, i.organisation_id] for i in items],
        position=0,
        answers={},
        started_by_member_id=by.member_id,
        started_at=by.at,
    )
    session.add(row)
    session.flush()
    return _view(session, row)


def _load(session: Session, review_id: int) -> Review:
    row = session.get(Review, review_id)
    if row is None:
        raise NotFound(str(review_id))
    return row


def set_review_message(*, session: Session, review_id: int, message_id: int) -> None:
    """The message that shows the current item now."""
    # Not read first: the row's items, a cluster's whole follow-up, would be decoded for
    # nothing. An unknown review is refused as _load would.
    session.flush()
    moved = session.connection().execute(
        sa_update(Review).where(col(Review.id) == review_id).values(message_id=message_id)
    )
    if moved.rowcount != 1:
        raise NotFound(str(review_id))


def answer_item(
    *,
    session: Session,
    review_id: int,
    position: int,
    answer: ReviewAnswer,
    advance: bool = True,
) -> ReviewView:
    """Keep what was said of the item at `position` and, with `advance`, move to the next
    one; without, keep it only if nothing but Suivant was said of it yet. Refused
    (NotCurrent) when the review has ended, or, when advancing, when that item is no longer
    the current one: an old button must not answer for another item."""
    row = _load(session, review_id)
    if row.ended_at is not None or not 0 <= position < len(row.items):
        raise NotCurrent(f"{review_id}:{position}")
    if advance and row.position != position:
        raise NotCurrent(f"{review_id}:{position}")
    earlier = _answer(row.answers.get(str(position)))
    if not advance and earlier is not None and earlier.outcome != Outcome.SKIPPED:
        return _view(session, row)  # a late answer does not replace what was said in turn
    data = {"outcome": answer.outcome.value, "by": answer.by, "member_id": answer.member_id}
    if answer.detail is not None:
        data["detail"] = answer.detail
    # A new dict: the JSON column notices a replaced value, not an edited one.
    row.answers = {**row.answers, str(position): data}
    if advance:
        row.position = position + 1
    session.add(row)
    session.flush()
    return _view(session, row)


def end_review(*, session: Session, review_id: int, now: datetime) -> ReviewView:
    """End it (the summary follows); ending an ended review changes nothing."""
    row = _load(session, review_id)
    if row.ended_at is None:
        row.ended_at = now
        session.add(row)
        session.flush()
    return _view(session, row)
