"""Questions awaiting an answer, one per person per chat. Storage keeps the payload opaque."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from storage.models import PendingInput


def save_pending(
    *, session: Session, chat_id: int, user_id: int, payload: dict[str, Any], now: datetime
) -> None:
    row = session.get(PendingInput, (chat_id, user_id))
    if row is None:
        row = PendingInput(chat_id=chat_id, user_id=user_id, payload=payload, updated_at=now)
    else:
        row.payload = payload
        row.updated_at = now
    session.add(row)
    session.flush()


def load_pending(
    *, session: Session, chat_id: int, user_id: int, not_before: datetime
) -> dict[str, Any] | None:
    """The payload, unless it is older than `not_before` (then it is forgotten)."""
    row = session.get(PendingInput, (chat_id, user_id))
    if row is None:
        return None
    if row.updated_at < not_before:
        session.delete(row)
        session.flush()
        return None
    return dict(row.payload)


def delete_pending(*, session: Session, chat_id: int, user_id: int) -> bool:
    row = session.get(PendingInput, (chat_id, user_id))
    if row is None:
        return False
    session.delete(row)
    session.flush()
    return True
