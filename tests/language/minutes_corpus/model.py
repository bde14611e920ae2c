"""What a minutes document of the corpus is, and what a careful coordinator imports from it.

A document is a list of blocks (paragraphs, tables, page breaks), built into a .docx, a
pasted text or a PDF by :mod:`tests.language.minutes_corpus.build`. Beside it sit the
expected actions, decisions and next meeting: what a coordinator would want imported, not
what today's readers return.

Conventions of the expectations:

- ``Action.description`` is a distinctive fragment (a few words) that the description found
  must contain, both folded with :func:`language.folding.fold`;
- ``Action.owners`` are canonical labels: an organisation's acronym as the directory writes
  it (the French one: PNUD, HCR, PAM, OIM, OMS, ...), a member's name as in ``Case.members``,
  ``"@coordination"`` for the cluster's coordinators ("CCP", "La coordination", "Le lead du
  cluster"), ``"@membres"`` for all its members ("Partenaires du CRP", "Tous les membres"),
  ``"?"`` + the name as written for a name that should stay unknown and be flagged;
- ``Action.deadline`` is the due day in Africa/Bamako as an ISO date, ``"undated"`` (wording
  that names no date on purpose: "dès que possible", "en permanence"), ``"meeting"`` (tied to
  the next meeting), or ``None`` when it is not checked (no deadline written, or one that
  careful people would read differently);
- ``Case.decisions`` are fragments of recommendations or decisions that name no owner;
- ``Case.optional`` are fragments of sentences a reader may offer or leave out (a general
  perspective, a proposal): an item matching one is neither found nor false;
- ``Case.tables`` counts the action tables a reader should report, a table continued after a
  page break (header repeated or not) counting once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Literal


class Merge(Enum):
    """A grid position covered by the cell on its left (horizontal merge) or above it."""

    LEFT = "left"
    UP = "up"


Cell = str | Merge
Style = Literal["normal", "heading", "bullet"]
Format = Literal["docx", "text", "pdf"]

ALL_FORMATS: frozenset[Format] = frozenset({"docx", "text", "pdf"})
NOT_PDF: frozenset[Format] = frozenset({"docx", "text"})


@dataclass(frozen=True)
class Paragraph:
    text: str
    style: Style = "normal"


@dataclass(frozen=True)
class Table:
    rows: list[list[Cell]]
    header_rows: int = 1
    """How many leading rows are the header (0: a table without header row). Word repeats
    them on each page, a PDF too."""


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Table | PageBreak


@dataclass(frozen=True)
class Action:
    description: str
    owners: tuple[str, ...]
    deadline: str | None = None


@dataclass(frozen=True)
class Case:
    name: str
    meeting_date: date
    blocks: list[Block]
    source: str = ""
    """Where the document comes from: the seed's file, or the public page's address and title
    ("" for a variation of ours, whose comment says what it varies)."""
    actions: list[Action] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)
    next_meeting: date | None = None
    members: list[tuple[str, str | None]] = field(default_factory=list)
    participants: int = 0
    tables: int = 0
    formats: frozenset[Format] = ALL_FORMATS
    optional: list[str] = field(default_factory=list)
    kind: Literal["seed", "public", "variation"] = "variation"


def page_break() -> PageBreak:
    return PageBreak()


def p(text: str) -> Paragraph:
    return Paragraph(text)


def h(text: str) -> Paragraph:
    return Paragraph(text, "heading")


def b(text: str) -> Paragraph:
    return Paragraph(text, "bullet")


def t(*rows: Sequence[Cell], header_rows: int = 1) -> Table:
    return Table([list(row) for row in rows], header_rows)


L = Merge.LEFT
U = Merge.UP
