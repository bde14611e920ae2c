"""The questions the bot waits for an answer to: their states, their codec, their store.

Every question is a tagged, typed state. One pydantic TypeAdapter writes and reads them all,
so the database holds plain JSON and no hand-written encoder can drift from the types. A
state keeps the shape it had before the states were tagged (its `type` and its field names
are those of the earlier encoder), so questions saved by an earlier version still load;
tests/bot/test_conversation.py holds a fixture of those payloads.

A person may have several questions open in one chat (two /action in a row, an import and
a link): each remembers the bot messages that ask it, so a reply, or a button under one of
them, finds its own; a plain message goes to the latest one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import Field, TypeAdapter, ValidationError
from sqlmodel import Session

from bot import texts
from bot.documents.tracker_data import Change, NewAction, Problem
from bot.importer import ImportDraft
from bot.render import escape, shorten
from bot.resolve import NoteKind
from bot.rights import FieldName
from language.owners import Candidate
from storage.db import Database
from storage.questions import (
    delete_question,
    open_questions,
    question_asked,
    question_on_message,
    save_question,
)
from storage.views import DeadlineValue, OwnerInput, QuestionRow

log = logging.getLogger(__name__)

# A question left unanswered this long is stale: its answer would surprise more than help.
EXPIRY = timedelta(hours=48)

Key = tuple[int, int]  # (chat id, user id)


@dataclass
class ActionDraft:
    """A guided /action in progress: what is known so far. What it asks next follows from
    what is missing (bot.handlers.drafts)."""

    cluster_ids: tuple[int, ...]  # one once the cluster is chosen
    description: str | None = None
    owners: list[OwnerInput] | None = None
    unresolved: list[str] = field(default_factory=list)  # typed owner names still to settle
    choices: tuple[Candidate, ...] = ()  # the candidates offered for unresolved[0]
    deadline: DeadlineValue | None = None
    undated_text: str | None = None  # vague wording waiting for the coordinator's yes
    offered: tuple[int, ...] = ()  # organisation ids behind the owner buttons shown
    chosen_ids: tuple[int, ...] = ()  # organisations toggled on, not yet validated
    deadline_text: str | None = None  # typed, read once the cluster is known
    decision_id: int | None = None  # the decision this action is made of, if any
    type: Literal["draft"] = "draft"


@dataclass
class FieldEdit:
    """One free-text answer awaited for an existing action (comment, new deadline...)."""

    action_id: int
    field: FieldName
    type: Literal["field"] = "field"
    # Asked during a review (bot.handlers.review): said at that meeting, for that
    # organisation's part, and the review moves on from that item once it is answered.
    # Optional, so questions saved before reviews still load.
    meeting_id: int | None = None
    organisation_id: int | None = None
    review_id: int | None = None
    review_position: int | None = None


@dataclass
class ImportWait:
    """/importer was sent: the table (pasted text or a .docx) is awaited."""

    cluster_id: int
    type: Literal["import_wait"] = "import_wait"


@dataclass
class LinkOwner:
    """A coordinator links an owner name kept unknown: which organisation or person is it?"""

    action_id: int
    label: str
    offered: tuple[int, ...] = ()  # organisation ids behind the buttons shown
    type: Literal["link"] = "link"


MeetingField = Literal["date", "agenda"]


@dataclass
class MeetingEdit:
    """A coordinator was asked for the next meeting's new date or its agenda."""

    cluster_id: int
    field: MeetingField
    type: Literal["meeting"] = "meeting"


@dataclass
class TrackerReview:
    """A tracker sent back, previewed: what it changes, awaiting Appliquer or Annuler."""

    cluster_ids: tuple[int, ...]
    title: str
    exported_at: datetime
    changes: list[Change] = field(default_factory=list)
    new_actions: list[NewAction] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    missing: int = 0  # exported rows the file no longer has
    page: int = 0
    type: Literal["tracker"] = "tracker"


State = ActionDraft | FieldEdit | ImportWait | ImportDraft | LinkOwner | MeetingEdit | TrackerReview
_CODEC: TypeAdapter[State] = TypeAdapter(Annotated[State, Field(discriminator="type")])

# Import notes were French sentences before they were codes: these two were compared.
# The sentences versions before issue 8 saved, as they wrote them (texts.py may change).
_WRITTEN_NOTES = {
    "pas d'échéance : enregistrée sans date": NoteKind.NO_DEADLINE,
    "aucun responsable": NoteKind.NO_OWNER,
}


def encode(state: State) -> dict[str, Any]:
    return dict(_CODEC.dump_python(state, mode="json"))


def decode(payload: dict[str, Any]) -> State | None:
    """The state, or None for a payload this version cannot read (it is then dropped)."""
    if payload.get("type") == "import":
        payload = {**payload, "items": [_upgrade_item(i) for i in payload.get("items", [])]}
    try:
        return _CODEC.validate_python(payload)
    except ValidationError as exc:
        log.warning("dropping a question this version cannot read: %s", exc.errors()[:1])
        return None


def _upgrade_item(item: Any) -> Any:
    """An import row saved with French notes: each becomes a note code, the others kept as
    they were written."""
    if not isinstance(item, dict):
        return item
    notes = [
        note
        if not isinstance(note, str)
        else {"kind": _WRITTEN_NOTES.get(note, NoteKind.WRITTEN).value, "text": note}
        for note in item.get("notes", [])
    ]
    return {**item, "notes": notes}


@dataclass(frozen=True)
class Asked:
    """An open question: who it was asked of, what it holds, the messages that ask it."""

    id: int
    user_id: int
    state: State
    message_ids: tuple[int, ...]
    asked_at: datetime


def topic(state: State) -> tuple[Any, ...] | None:
    """Asking the same thing again replaces the earlier question. An action being logged
    or an import being checked has no such twin: each stays open until it is answered."""
    if isinstance(state, FieldEdit):
        return ("field", state.action_id, state.field)
    if isinstance(state, ImportWait):
        return ("import_wait", state.cluster_id)
    if isinstance(state, LinkOwner):
        return ("link", state.action_id)
    if isinstance(state, MeetingEdit):
        return ("meeting", state.cluster_id, state.field)
    return None


class Conversations:
    """The open questions, backed by storage. Times come from the update (`now`).

    Most messages come from people with no question open (every /action asks whether one
    was left unfinished): those are remembered, so that asking again costs no database
    round trip. Only this store writes questions, so the memory cannot go stale; it starts
    empty at every start."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._none_open: set[Key] = set()

    def open(self, key: Key, now: datetime) -> list[Asked]:
        """This person's open questions in this chat, the latest last."""
        if key in self._none_open:
            return []
        with self._db.session() as session:
            rows = open_questions(
                session=session, chat_id=key[0], user_id=key[1], not_before=now - EXPIRY
            )
            found = _read(session, rows)
        if not found:
            self._none_open.add(key)
        return found

    def on_message(self, chat_id: int, message_id: int, now: datetime) -> Asked | None:
        """The open question, whoever it was asked of, that this bot message belongs to."""
        with self._db.session() as session:
            row = question_on_message(
                session=session, chat_id=chat_id, message_id=message_id, not_before=now - EXPIRY
            )
            found = _read(session, [row] if row else [])
        return found[0] if found else None

    def save(
        self,
        key: Key,
        state: State,
        now: datetime,
        *,
        replacing: int | None = None,
        asked_in: int | None = None,
    ) -> int:
        """Store the question's state, with the message that asks it if sent; its id."""
        self._none_open.discard(key)
        with self._db.session() as session:
            if replacing is None and (same := topic(state)) is not None:
                rows = open_questions(
                    session=session, chat_id=key[0], user_id=key[1], not_before=now - EXPIRY
                )
                twin = next((q for q in _read(session, rows) if topic(q.state) == same), None)
                replacing = twin.id if twin else None
            question_id = save_question(
                session=session,
                chat_id=key[0],
                user_id=key[1],
                payload=encode(state),
                now=now,
                question_id=replacing,
            )
            if asked_in is not None:
                question_asked(
                    session=session, question_id=question_id, message_id=asked_in, now=now
                )
            return question_id

    def asked(self, question_id: int, message_id: int, now: datetime) -> None:
        with self._db.session() as session:
            question_asked(session=session, question_id=question_id, message_id=message_id, now=now)

    def close(self, question_id: int, *, session: Session | None = None) -> bool:
        """Forget the question; whether it was open. Given a session, in its transaction:
        what an answer produced and the end of the question commit together."""
        if session is not None:
            return delete_question(session=session, question_id=question_id)
        with self._db.session() as own:
            return delete_question(session=own, question_id=question_id)


def _read(session: Session, rows: list[QuestionRow]) -> list[Asked]:
    found = []
    for row in rows:
        state = decode(row.payload)
        if state is None:
            delete_question(session=session, question_id=row.id)
        else:
            found.append(Asked(row.id, row.user_id, state, row.message_ids, row.asked_at))
    return found


def describe(state: State) -> str:
    """Which question it is, in French, to say which one a plain message answered."""
    if isinstance(state, ActionDraft):
        if state.description:
            return texts.ABOUT_ACTION.format(description=escape(shorten(state.description, 60)))
        return texts.ABOUT_NEW_ACTION
    if isinstance(state, FieldEdit):
        return texts.ABOUT_FIELD[state.field].format(id=state.action_id)
    if isinstance(state, ImportWait):
        return texts.ABOUT_IMPORT_WAIT
    if isinstance(state, ImportDraft):
        if state.fixing is not None:
            return texts.ABOUT_IMPORT_FIX.format(line=state.fixing)
        return texts.ABOUT_IMPORT
    if isinstance(state, LinkOwner):
        return texts.ABOUT_LINK.format(label=escape(shorten(state.label, 60)))
    if isinstance(state, TrackerReview):
        return texts.ABOUT_TRACKER
    return texts.ABOUT_MEETING[state.field]
