"""Questions awaiting an answer, kept in the database so a restart loses no exchange.

The payload is plain JSON written and read here, the only place that knows its shape.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from sqlmodel import Session

from bot.clock import Clock
from language.owners import Candidate
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
    no_meeting: bool = False  # bad_deadline is tied to a next meeting the cluster lacks
    deadline_text: str | None = None  # typed, read once the cluster is known


FieldName = Literal["comment", "deadline", "description", "owners"]


@dataclass
class FieldEdit:
    """One free-text answer awaited for an existing action (comment, new deadline...)."""

    action_id: int
    field: FieldName


@dataclass
class ImportWait:
    """/importer was sent: the table (pasted text or a .docx) is awaited."""

    cluster_id: int


@dataclass
class ImportItem:
    """One row of an imported table, as understood."""

    line: int
    description: str
    owners: list[OwnerInput]
    deadline: DeadlineValue  # UNDATED (text kept) when it could not be read
    notes: list[str] = field(default_factory=list)  # French: what needs attention
    duplicate_of: int | None = None  # an open action of the cluster already says this


@dataclass
class ImportDraft:
    """A previewed import awaiting "create all", a fix or a cancel."""

    cluster_id: int
    items: list[ImportItem]
    page: int = 0
    fixing: int | None = None  # the line whose correction is awaited
    next_meeting: DeadlineValue | None = None  # found in the minutes, offered to set


@dataclass
class LinkOwner:
    """A coordinator links an owner name kept unknown: which organisation or person is it?"""

    action_id: int
    label: str
    offered: tuple[int, ...] = ()  # organisation ids behind the buttons shown


MeetingField = Literal["date", "agenda"]


@dataclass
class MeetingEdit:
    """A coordinator was asked for the next meeting's new date or its agenda."""

    cluster_id: int
    field: MeetingField


Pending = ActionDraft | FieldEdit | ImportWait | ImportDraft | LinkOwner | MeetingEdit


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

    def discard(self, key: Key, *, session: Session | None = None) -> bool:
        """Forget the question; whether there was one. Given a session, in its transaction:
        the action an exchange produced and the end of the exchange commit together."""
        if session is not None:
            return delete_pending(session=session, chat_id=key[0], user_id=key[1])
        with self._db.session() as own:
            return delete_pending(session=own, chat_id=key[0], user_id=key[1])


def _encode(value: Pending) -> dict[str, Any]:
    if isinstance(value, FieldEdit):
        return {"type": "field", "action_id": value.action_id, "field": value.field}
    if isinstance(value, ImportWait):
        return {"type": "import_wait", "cluster_id": value.cluster_id}
    if isinstance(value, MeetingEdit):
        return {"type": "meeting", "cluster_id": value.cluster_id, "field": value.field}
    if isinstance(value, LinkOwner):
        return {
            "type": "link",
            "action_id": value.action_id,
            "label": value.label,
            "offered": list(value.offered),
        }
    if isinstance(value, ImportDraft):
        return {
            "type": "import",
            "cluster_id": value.cluster_id,
            "page": value.page,
            "fixing": value.fixing,
            "next_meeting": None if value.next_meeting is None else _deadline(value.next_meeting),
            "items": [
                {
                    "line": i.line,
                    "description": i.description,
                    "owners": [_owner(o) for o in i.owners],
                    "deadline": _deadline(i.deadline),
                    "notes": list(i.notes),
                    "duplicate_of": i.duplicate_of,
                }
                for i in value.items
            ],
        }
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
        "no_meeting": value.no_meeting,
        "deadline_text": value.deadline_text,
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
        "meeting_offset_days": deadline.meeting_offset_days,
    }


def _read_owner(o: dict[str, Any]) -> OwnerInput:
    return OwnerInput(
        OwnerKind(o["kind"]), o["label"], o["organisation_id"], o["member_id"], o["unknown"]
    )


def _read_deadline(d: dict[str, Any]) -> DeadlineValue:
    return DeadlineValue(
        datetime.fromisoformat(d["due_at"]) if d["due_at"] else None,
        DeadlinePrecision(d["precision"]),
        d["label"],
        d["text"],
        d.get("meeting_offset_days"),
    )


def _decode(data: dict[str, Any]) -> Pending | None:
    """The exchange, or None for a payload this version cannot read (it is then dropped)."""
    try:
        if data["type"] == "field":
            return FieldEdit(int(data["action_id"]), data["field"])
        if data["type"] == "import_wait":
            return ImportWait(int(data["cluster_id"]))
        if data["type"] == "meeting":
            if data["field"] not in ("date", "agenda"):
                return None
            return MeetingEdit(int(data["cluster_id"]), data["field"])
        if data["type"] == "link":
            return LinkOwner(
                int(data["action_id"]), data["label"], tuple(int(i) for i in data["offered"])
            )
        if data["type"] == "import":
            meeting = data["next_meeting"]
            return ImportDraft(
                cluster_id=int(data["cluster_id"]),
                page=int(data["page"]),
                fixing=data["fixing"],
                next_meeting=None if meeting is None else _read_deadline(meeting),
                items=[
                    ImportItem(
                        line=int(i["line"]),
                        description=i["description"],
                        owners=[_read_owner(o) for o in i["owners"]],
                        deadline=_read_deadline(i["deadline"]),
                        notes=list(i["notes"]),
                        duplicate_of=i["duplicate_of"],
                    )
                    for i in data["items"]
                ],
            )
        deadline = data["deadline"]
        return ActionDraft(
            cluster_ids=tuple(int(i) for i in data["cluster_ids"]),
            description=data["description"],
            owners=None if data["owners"] is None else [_read_owner(o) for o in data["owners"]],
            unresolved=list(data["unresolved"]),
            choices=tuple(
                Candidate(c["kind"], int(c["id"]), c["label"], tuple(c["names"]))
                for c in data["choices"]
            ),
            deadline=None if deadline is None else _read_deadline(deadline),
            undated_text=data["undated_text"],
            bad_deadline=data["bad_deadline"],
            offered=tuple(int(i) for i in data["offered"]),
            no_meeting=bool(data.get("no_meeting", False)),
            deadline_text=data.get("deadline_text"),
        )
    except (KeyError, TypeError, ValueError):
        return None
