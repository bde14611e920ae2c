"""Which table of the minutes holds actions, and where their parts are.

A table is read by its header row when it has one (:func:`language.headers.header_role`),
by what its cells hold when it has none or an unclear one: a column whose cells mostly read
as deadlines is the deadline, one whose cells mostly name owners is the owners, a column of
bare numbers is a numbering, and the longest free text is the description.

Tables that are not actions are told apart: a participants list (names, functions,
e-mails, phones), a 3W matrix or a map (places, without deadline nor status), figures
(mostly numbers), an agenda or a discussion table whose columns are all context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from language.headers import Role, header_role
from language.verbs import starts_with_order

__all__ = ["Kind", "Layout", "read_layout"]

Predicate = Callable[[str], bool]


class Kind(StrEnum):
    ACTIONS = "actions"
    PARTICIPANTS = "participants"
    OTHER = "other"  # agenda, figures, a 3W matrix, a layout table


@dataclass(frozen=True)
class Layout:
    kind: Kind
    header_rows: int = 0  # how many leading rows are header (or title) rows
    description: int | None = None
    owners: int | None = None  # None: owners, if any, are written inline
    deadline: int | None = None
    status: int | None = None  # a follow-up table of actions
    fallback_description: int | None = None  # read when the description cell is empty
    focal: int | None = None  # the person of the owner organisation ("Point focal")
    context: tuple[int, ...] = ()  # kept beside the action, never the action
    header: tuple[str, ...] = ()
    roles: dict[str, int] = field(default_factory=dict)  # participants: column of each part


_HEADER_SEARCH_ROWS = 3
_NUMBER_RE = re.compile(r"^\s*(?:n°\s*)?\d{1,3}\s*[.)°-]?\s*$", re.IGNORECASE)
_FIGURE_RE = re.compile(r"^\s*[\d\s.,%$€+-]+(?:fcfa|usd|cfa|\$|€|%)?\s*$", re.IGNORECASE)
_SHORT_HEADER = 60
# A deadline named so that a table with places is still a table of actions.
_STRONG_DEADLINE_RE = re.compile(r"(?i)^\W*(?:[ée]ch[ée]an|d[ée]lai|date\s+limite|deadline)")
# "14h30", "09h00 - 09h30", "10:00": an agenda's times, not deadlines.
_TIME_RE = re.compile(
    r"(?i)^\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}(?:\s*[-–à]\s*\d{1,2}\s*(?:h|:)\s*\d{0,2})?\s*$"
)


def read_layout(
    rows: Sequence[Sequence[str]], *, owner_like: Predicate, deadline_like: Predicate
) -> Layout:
    """The layout of a table given as rows of cell texts (a merged cell's copies empty)."""
    width = max((len(row) for row in rows), default=0)
    if width == 0:
        return Layout(Kind.OTHER)
    for index, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        below = rows[index + 1] if index + 1 < len(rows) else None
        two_rows = _with_sub_header(row, below)
        layout = _from_header(two_rows, index + 1) if two_rows is not None else None
        layout = layout or _from_header(row, index)
        if layout is not None:
            return _checked(layout, rows[layout.header_rows :])
    return _from_content(rows, width, owner_like=owner_like, deadline_like=deadline_like)


_STATUS_WORDS = 6  # "Réalisé", "En cours", "Non démarré, faute de fonds"


def _checked(layout: Layout, body: Sequence[Sequence[str]]) -> Layout:
    """A table whose only other column is a status is a follow-up of actions when its
    statuses are statuses; with sentences there, it is a report of activities."""
    if layout.kind != Kind.ACTIONS or layout.status is None:
        return layout
    if layout.owners is not None or layout.deadline is not None:
        return layout
    statuses = [row[layout.status] for row in body if layout.status < len(row)]
    words = [len(s.split()) for s in statuses if s.strip()]
    if words and sum(words) / len(words) > _STATUS_WORDS:
        return Layout(Kind.OTHER, layout.header_rows, header=layout.header)
    return layout


def _with_sub_header(row: Sequence[str], below: Sequence[str] | None) -> list[str] | None:
    """A header over two rows ("Responsable" above "Organisation | Point focal"): each
    column's title is the lower one where it has one. None when `below` is data."""
    if below is None or len(below) != len(row):
        return None
    cells = [" ".join(c.split()) for c in below]
    filled = [c for c in cells if c]
    # One cell across the row is a section title ("Points d'action du 24 juillet").
    if len(set(filled)) < 2 or any(len(c) > _SHORT_HEADER for c in filled):
        return None
    # Every cell of the lower row a title, or the title above repeated (merged down).
    above = [" ".join(c.split()) for c in row]
    if not all(header_role(c) is not None or c == above[i] for i, c in enumerate(cells) if c):
        return None
    if all(c == above[i] for i, c in enumerate(cells) if c):
        return None  # the same row twice: no sub-header
    return [cells[i] or above[i] for i in range(len(row))]


_FOCAL_RE = re.compile(r"(?i)\b(?:point\s+focal|focal\s+point|personne|nom|name|contact)\b")


def _first(roles: Sequence[Role | None], *wanted: Role) -> int | None:
    for role in wanted:
        for index, found in enumerate(roles):
            if found == role:
                return index
    return None


def _from_header(row: Sequence[str], index: int) -> Layout | None:
    cells = [" ".join(cell.split()) for cell in row]
    filled = [i for i, cell in enumerate(cells) if cell]
    if not filled or any(len(cells[i]) > _SHORT_HEADER for i in filled):
        return None
    roles = [header_role(cell) if cell else None for cell in cells]
    unknown = [i for i in filled if roles[i] is None]
    named = [i for i in filled if roles[i] is not None]
    # A data row may hold a header word ("Réalisé", "OCHA"): a header is mostly words of a
    # header, an unknown cell at most one in three (it is then context, or the description).
    if not named or len(unknown) * 3 > len(filled):
        return None
    present = {roles[i] for i in named}
    header = tuple(cells)
    if Role.PARTICIPANT in present and not present & {Role.DESCRIPTION, Role.DEADLINE}:
        return _participants(roles, index, header)
    description = _first(roles, Role.DESCRIPTION, Role.RECOMMENDATION)
    fallback = None
    if description is not None and roles[description] == Role.DESCRIPTION:
        fallback = _first(roles, Role.RECOMMENDATION)
    owners, deadline, status = (
        _first(roles, Role.OWNERS),
        _first(roles, Role.DEADLINE),
        _first(roles, Role.STATUS),
    )
    if description is None:
        # "Thème | Responsable | Échéance": the topic is what is to be done. With owners
        # or a deadline named, an unknown cell is the description too.
        description = _first(roles, Role.TOPIC)
        if description is None and (owners is not None or deadline is not None) and unknown:
            description = unknown[0]
    if description is None:
        # Every cell a header word, none of them an action: an agenda, figures, a report.
        return (
            Layout(Kind.OTHER, index + 1, header=header) if not unknown and len(named) > 1 else None
        )
    unnamed = owners is None and deadline is None and status is None
    if unnamed and (roles[description] == Role.TOPIC or (len(filled) == 1 and len(row) > 1)):
        return None  # an agenda, or a title row
    if roles[description] == Role.TOPIC and deadline is None and status is None:
        # "Topic | Who", "Thème | Intervenant": who presents which point of the agenda.
        return Layout(Kind.OTHER, index + 1, header=header)
    if Role.PLACE in present and (
        deadline is None or not _STRONG_DEADLINE_RE.match(cells[deadline])
    ):
        return Layout(Kind.OTHER, index + 1, header=header)  # a 3W matrix ("Qui | Quoi | Où")
    focal = None
    if owners is not None:
        others = [i for i in named if roles[i] == Role.OWNERS and i != owners]
        people = [i for i in [owners, *others] if _FOCAL_RE.search(cells[i])]
        if others and people:
            # "Organisation | Point focal": the person is the owner, of that organisation.
            focal = people[0]
            owners = next(i for i in [owners, *others] if i != focal)
    used = (description, owners, deadline, status, fallback, focal)
    context = tuple(i for i in filled if i not in used)
    return Layout(
        Kind.ACTIONS,
        index + 1,
        description=description,
        owners=owners,
        focal=focal,
        deadline=deadline,
        status=status,
        fallback_description=fallback,
        context=tuple(i for i in context if roles[i] != Role.NUMBER),
        header=header,
    )


_PARTICIPANT_PARTS = {
    "name": ("nom", "name", "participant", "prenom"),
    "function": ("fonction", "titre", "title", "poste", "position", "designation"),
    "email": ("mail", "courriel"),
    "phone": ("tel", "phone", "contact"),
}


def _participants(roles: Sequence[Role | None], index: int, header: tuple[str, ...]) -> Layout:
    from language.folding import fold

    parts: dict[str, int] = {}
    for column, cell in enumerate(header):
        folded = fold(cell)
        if roles[column] == Role.OWNERS and "organisation" not in parts:
            parts["organisation"] = column
            continue
        for part, words in _PARTICIPANT_PARTS.items():
            if part not in parts and any(word in folded for word in words):
                parts[part] = column
                break
    return Layout(Kind.PARTICIPANTS, index + 1, header=header, roles=parts)


# --- By content ----------------------------------------------------------------------------

_MOSTLY = 0.5


def _share(cells: Sequence[str], test: Predicate) -> float:
    filled = [c for c in cells if c.strip()]
    return sum(1 for c in filled if test(c)) / len(filled) if filled else 0.0


def _from_content(
    rows: Sequence[Sequence[str]], width: int, *, owner_like: Predicate, deadline_like: Predicate
) -> Layout:
    if width < 2 or len(rows) < 1:
        return Layout(Kind.OTHER)
    columns = [[row[i] if i < len(row) else "" for row in rows] for i in range(width)]
    # A first row of short labels that are not data is an unclear header: skipped.
    header_rows = 1 if len(rows) > 1 and _labels_only(rows[0], owner_like, deadline_like) else 0
    body = [column[header_rows:] for column in columns]
    free = [i for i in range(width) if any(c.strip() for c in body[i])]
    numbers = [i for i in free if _share(body[i], lambda c: bool(_NUMBER_RE.match(c))) >= 0.8]
    figures = [
        i
        for i in free
        if i not in numbers and _share(body[i], lambda c: bool(_FIGURE_RE.match(c))) >= 0.8
    ]
    if len(figures) >= 2 or (figures and len(free) - len(numbers) <= 2):
        return Layout(Kind.OTHER)  # a table of figures
    if any(_share(body[i], lambda c: bool(_TIME_RE.match(c))) > _MOSTLY for i in free):
        return Layout(Kind.OTHER)  # an agenda
    rest = [i for i in free if i not in numbers and i not in figures]
    deadline = _best(rest, body, deadline_like)
    rest = [i for i in rest if i != deadline]
    owners = _best(rest, body, owner_like)
    rest = [i for i in rest if i != owners]
    if not rest or (owners is None and deadline is None):
        return Layout(Kind.OTHER)
    description = max(rest, key=lambda i: _mean_length(body[i]))
    filled = [c for c in body[description] if c.strip()]
    # A form of labels and values ("Rapporteur | Oumou Sow") has short labels; an action
    # has an owner and a deadline, or is said as an order ("Rédiger la note | OCHA").
    said_as_actions = (owners is not None and deadline is not None) or _share(
        body[description], starts_with_order
    ) > _MOSTLY
    if not said_as_actions and (_mean_length(body[description]) < 20 or len(filled) < 2):
        return Layout(Kind.OTHER)
    context = tuple(i for i in rest if i != description)
    return Layout(
        Kind.ACTIONS,
        header_rows,
        description=description,
        owners=owners,
        deadline=deadline,
        context=context,
        header=tuple(" ".join(c.split()) for c in rows[0]) if header_rows else (),
    )


def _best(candidates: Sequence[int], body: Sequence[Sequence[str]], test: Predicate) -> int | None:
    scored = [(_share(body[i], test), i) for i in candidates]
    scored = [(share, i) for share, i in scored if share > _MOSTLY]
    return max(scored)[1] if scored else None


def _mean_length(cells: Sequence[str]) -> float:
    filled = [len(c.strip()) for c in cells if c.strip()]
    return sum(filled) / len(filled) if filled else 0.0


def _labels_only(row: Sequence[str], owner_like: Predicate, deadline_like: Predicate) -> bool:
    cells = [" ".join(c.split()) for c in row if c.strip()]
    return (
        len(cells) >= 2
        and all(len(c) <= 40 and not deadline_like(c) and not owner_like(c) for c in cells)
        and all(not _NUMBER_RE.match(c) for c in cells)
    )
