"""Questions awaiting an answer, per person and chat. Storage keeps the payload opaque."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from storage.models import Question
from storage.views import QuestionRow

# Open questions kept per person and chat; beyond this the oldest is forgotten (a person
# sending /action again and again must not grow what every message of theirs reads).
KEEP = 10


def _view(row: Question) -> QuestionRow:
    assert row.id is not None
    return QuestionRow(
        id=row.id,
        chat_id=row.chat_id,
        user_id=row.user_id,
        message_ids=tuple(row.message_ids),
        payload=dict(row.payload),
        asked_at=row.asked_at,
    )


def _live(session: Session, rows: list[Question], not_before: datetime) -> list[Question]:
    """The rows asked since `not_before`; older ones are stale and forgotten now."""
    live = []
    for row in rows:
        if row.asked_at < not_before:
            session.delete(row)
        else:
            live.append(row)
    session.flush()
    return live


def open_questions(
    *, session: Session, chat_id: int, user_id: int, not_before: datetime
) -> list[QuestionRow]:
    """The person's open questions in this chat, the one asked longest ago first."""
    rows = session.exec(
        select(Question)
        .where(Question.chat_id == chat_id, Question.user_id == user_id)
        .order_by(col(Question.asked_at), col(Question.id))
    ).all()
    return [_view(row) for row in _live(session, list(rows), not_before)]


def question_on_message(
    *, session: Session, chat_id: int, message_id: int, not_before: datetime
) -> QuestionRow | None:
    """The open question, whoever it was asked of, that this bot message belongs to."""
    rows = session.exec(select(Question).where(Question.chat_id == chat_id)).all()
    for row in _live(session, list(rows), not_before):
        if message_id in row.message_ids:
            return _view(row)
    return None


def save_question(
    *,
    session: Session,
    chat_id: int,
    user_id: int,
    payload: dict[str, Any],
    now: datetime,
    question_id: int | None = None,
) -> int:
    """Store a new question, or the new state of `question_id` (a new one if it is gone)."""
    row = session.get(Question, question_id) if question_id is not None else None
    if row is None or (row.chat_id, row.user_id) != (chat_id, user_id):
        row = Question(
            chat_id=chat_id, user_id=user_id, message_ids=[], payload=payload, asked_at=now
        )
    else:
        row.payload = payload
    session.add(row)
    session.flush()
    assert row.id is not None
    _forget_beyond(session, chat_id, user_id)
    return row.id


def _forget_beyond(session: Session, chat_id: int, user_id: int) -> None:
    ids = session.exec(
        select(Question.id)
        .where(Question.chat_id == chat_id, Question.user_id == user_id)
        .order_by(col(Question.asked_at).desc(), col(Question.id).desc())
    ).all()
    for stale in ids[KEEP:]:
        row = session.get(Question, stale)
        if row is not None:
            session.delete(row)
    session.flush()


def question_asked(*, session: Session, question_id: int, message_id: int, now: datetime) -> None:
    """The bot sent `message_id` to ask it: a reply to it is an answer, and it is the
    person's latest question from now on."""
    row = session.get(Question, question_id)
    if row is None:
        return
    # A new list, so the JSON column sees the change.
    row.message_ids = [*row.message_ids[-19:], message_id]
    row.asked_at = now
    session.add(row)
    session.flush()


def delete_question(*, session: Session, question_id: int) -> bool:
    row = session.get(Question, question_id)
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
