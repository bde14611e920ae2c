"""Questions awaiting an answer, kept in the database so a restart loses no exchange.

The payload is plain JSON written and read here, the only place that knows its shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from bot.clock import Clock
from bot.language.owners import Candidate
from storage.db import Database
from storage.models import DeadlinePrecision, OwnerKind
from storage.pending import delete_pending, load_pending, save_pending
from storage.views import DeadlineValue, OwnerInput


@dataclass
class ActionDraft:
    """A guided /action exchange in progress: what is known so far, and what is asked."""

    cluster_ids: tuple[int, ...]  # one once the cluster is chosen
    description: str | None = None
    owners: list[OwnerInput] | None = None
    unresolved: list[str] = field(default_factory=list)  # typed owner names still to settle
    choices: tuple[Candidate, ...] = ()  # the candidates offered for unresolved[0]
    deadline: DeadlineValue | None = None
    undated_text: str | None = None  # vague wording waiting for the coordinator's yes
    bad_deadline: str | None = None  # unreadable deadline text, to ask about again
    offered: tuple[int, ...] = ()  # organisation ids behind the owner buttons shown


FieldName = Literal["comment", "deadline", "description", "owners"]


@dataclass
class FieldEdit:
    """One free-text answer awaited for an existing action (comment, new deadline...)."""

    action_id: int
    field: FieldName


Pending = ActionDraft | FieldEdit


# An exchange left unanswered this long is stale: its answer would surprise more than help.
EXPIRY = timedelta(hours=48)

Key = tuple[int, int]  # (chat id, user id)


class PendingStore:
    """A mapping-like view of the pending questions, backed by storage."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    def get(self, key: Key) -> Pending | None:
        now = self._clock.now()
        with self._db.session() as session:
            payload = load_pending(
                session=session, chat_id=key[0], user_id=key[1], not_before=now - EXPIRY
            )
        return _decode(payload) if payload is not None else None

    def __setitem__(self, key: Key, value: Pending) -> None:
        with self._db.session() as session:
            save_pending(
                session=session,
                chat_id=key[0],
                user_id=key[1],
                payload=_encode(value),
                now=self._clock.now(),
            )

    def discard(self, key: Key) -> bool:
        """Forget the question; whether there was one."""
        with self._db.session() as session:
            return delete_pending(session=session, chat_id=key[0], user_id=key[1])


def _encode(value: Pending) -> dict[str, Any]:
    if isinstance(value, FieldEdit):
        return {"type": "field", "action_id": value.action_id, "field": value.field}
    return {
        "type": "draft",
        "cluster_ids": list(value.cluster_ids),
        "description": value.description,
        "owners": None if value.owners is None else [_owner(o) for o in value.owners],
        "unresolved": list(value.unresolved),
        "choices": [
            {"kind": c.kind, "id": c.id, "label": c.label, "names": list(c.names)}
            for c in value.choices
        ],
        "deadline": None if value.deadline is None else _deadline(value.deadline),
        "undated_text": value.undated_text,
        "bad_deadline": value.bad_deadline,
        "offered": list(value.offered),
    }


def _owner(owner: OwnerInput) -> dict[str, Any]:
    return {
        "kind": owner.kind.value,
        "label": owner.label,
        "organisation_id": owner.organisation_id,
        "member_id": owner.member_id,
        "unknown": owner.unknown,
    }


def _deadline(deadline: DeadlineValue) -> dict[str, Any]:
    return {
        "due_at": deadline.due_at.isoformat() if deadline.due_at else None,
        "precision": deadline.precision.value,
        "label": deadline.label,
        "text": deadline.text,
    }


def _decode(data: dict[str, Any]) -> Pending | None:
    """The exchange, or None for a payload this version cannot read (it is then dropped)."""
    try:
        if data["type"] == "field":
            return FieldEdit(int(data["action_id"]), data["field"])
        deadline = data["deadline"]
        return ActionDraft(
            cluster_ids=tuple(int(i) for i in data["cluster_ids"]),
            description=data["description"],
            owners=None
            if data["owners"] is None
            else [
                OwnerInput(
                    OwnerKind(o["kind"]),
                    o["label"],
                    o["organisation_id"],
                    o["member_id"],
                    o["unknown"],
                )
                for o in data["owners"]
            ],
            unresolved=list(data["unresolved"]),
            choices=tuple(
                Candidate(c["kind"], int(c["id"]), c["label"], tuple(c["names"]))
                for c in data["choices"]
            ),
            deadline=None
            if deadline is None
            else DeadlineValue(
                datetime.fromisoformat(deadline["due_at"]) if deadline["due_at"] else None,
                DeadlinePrecision(deadline["precision"]),
                deadline["label"],
                deadline["text"],
            ),
            undated_text=data["undated_text"],
            bad_deadline=data["bad_deadline"],
            offered=tuple(int(i) for i in data["offered"]),
        )
    except (KeyError, TypeError, ValueError):
        return None
