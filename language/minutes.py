"""Minutes as Relance reads them, whatever they came as: a .docx, a .pdf or pasted text.

The one entry point of the import: each reader returns :class:`Minutes`, what the document
holds that Relance keeps (the actions and decisions, the next meeting, the meeting's own
date, the participants).

``owner_like`` tells whether a cell's text names owners (organisations, people, groups): the
caller knows the names (the directory and the cluster's members) and this package does
not. It lets a table whose header is missing or unclear be read by what its cells hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from language.minutes_docx import read_minutes_docx
from language.tables import ImportRow, ParsedTable, parse_pasted_table

OwnerLike = Callable[[str], bool]


@dataclass(frozen=True)
class MinutesItem:
    """One action (or decision) of the minutes, as written."""

    description: str
    owners_text: str | None  # None: a recommendation or decision that names no owner
    deadline_text: str | None
    line: int  # 1-based, across all the document's items: "fix row N" is never ambiguous
    context: str | None = None  # the rest of a long cell, kept as the action's first comment
    status_text: str | None = None  # a follow-up table's status ("Réalisé", "En cours")
    suggested_deadline: str | None = None  # a date written inside the cells ("en avril")

    @property
    def is_decision(self) -> bool:
        return not self.owners_text


@dataclass(frozen=True)
class Participant:
    name: str
    organisation: str | None = None
    function: str | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Minutes:
    items: tuple[MinutesItem, ...]
    next_meeting: str | None = None  # the words that announce it, as written
    meeting_date: str | None = None  # the words that date the meeting itself, as written
    participants: tuple[Participant, ...] = ()
    tables: int = 0  # action tables found


def read_docx(data: bytes, *, owner_like: OwnerLike | None = None) -> Minutes:
    """Raises language.minutes_docx.DocxError for a file that is not readable minutes."""
    found = read_minutes_docx(data)
    return _from_tables(found.tables, next_meeting=found.next_meeting)


def read_text(text: str, *, owner_like: OwnerLike | None = None) -> Minutes:
    parsed = parse_pasted_table(text)
    return _from_tables((parsed,) if parsed else (), next_meeting=None)


def read_pdf(data: bytes, *, owner_like: OwnerLike | None = None) -> Minutes:
    raise NotImplementedError("PDF minutes are read from issue 11 on")


def _from_tables(tables: tuple[ParsedTable, ...], *, next_meeting: str | None) -> Minutes:
    rows: list[ImportRow] = [row for table in tables for row in table.rows]
    items = tuple(
        MinutesItem(row.description, row.owners_text, row.deadline_text, line)
        for line, row in enumerate(rows, start=1)
    )
    return Minutes(items, next_meeting=next_meeting, tables=len(tables))
