"""The cells of an action table's rows, and owners written inline, as import rows.

:mod:`language.minutes` finds the tables and their columns (:mod:`language.columns`); here
a row's cells become an :class:`ImportRow` (description, owners, deadline), and a column of
recommendations whose owner is written inline, as in the minutes, is cut into its actions:
"... pour l'EHP Responsable : CCP", "Responsables/ OCHA-CCP", "Responsables ;**CCP**",
".../ CCP", ".../**CCP-OCHA**". Each owner closes one action; a label alone on its
paragraph ("Responsables : OCHA") closes the paragraph just before it. In a cell (or a
text) that uses inline owners, a paragraph followed by no owner is context, not an action,
and is left out. A cell with no inline owner at all is one action without an owner.

Conventions of the output (:class:`ImportRow`):

- ``description`` keeps the cell's paragraphs as lines joined with ``"\\n"``, each line with
  its whitespace collapsed; a bullet or a number ("- ", "• ", "▪", "1.", "1)", "1-") at its
  very start is removed; light markup left by converters (``<p>``, ``<i>``, ``**``) is
  removed. A row whose description is empty is dropped.
- ``owners_text`` is the owner cell (or the inline owner) as written, bullets and markdown
  removed, one line per paragraph; split it with
  :func:`language.action_text.split_owners`.
- ``deadline_text`` is the deadline cell as written, on one line.
- ``line`` is the 1-based number of the row in the table; actions split from one cell share
  the cell's row number.
- a row with a lowercase description and neither owner nor deadline continues the previous
  row (a row split over a page break by a PDF-to-Word conversion) and is appended to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

__all__ = [
    "Columns",
    "ImportRow",
    "parse_paragraph",
    "rows_from_cells",
    "split_inline_text",
]


@dataclass(frozen=True)
class ImportRow:
    description: str
    """As written; paragraphs of the cell joined with ``"\\n"``, whitespace tidied."""
    owners_text: str | None
    """The owner cell or inline owner as written (``None`` when there is none)."""
    deadline_text: str | None
    """The deadline cell as written (``None`` when there is none)."""
    line: int
    """1-based row number in the source table, header excluded."""


@dataclass(frozen=True)
class Columns:
    """Where the parts of an action are, by column index."""

    description: int
    owners: int | None
    """``None``: owners are written inline in the description column."""
    deadline: int | None
    fallback_description: int | None = None
    """A second description-like column ("Recommandations / Commentaires" beside "Point
    d'actions"), read on a row whose description cell is empty but which has an owner."""


# --- Text tidying ------------------------------------------------------------------------

# Converters (and some e-mail clients) leave light HTML in cells: block tags are line breaks,
# inline tags are dropped. Anything else that looks like a tag is text.
_BLOCK_TAG_RE = re.compile(r"</?(?:p|ul|ol|li|br|div|tr)\b[^<>]{0,300}>", re.IGNORECASE)
_INLINE_TAG_RE = re.compile(
    r"</?(?:i|b|em|strong|u|span|sup|sub|font|a|td|th)\b[^<>]{0,300}>", re.IGNORECASE
)
# A bullet in the middle of a line flattened from a list: " ▪ A ▪ B".
_INNER_BULLET_RE = re.compile(r"\s+[•▪◦‣●■►➢](?=\s)")
_SPACES_RE = re.compile(r"[^\S\n]+")
# A bullet or a number at the start of a description: "- ", "• ", "▪", "1.", "1)", "1-".
_LEADING_MARK_RE = re.compile(
    r"^(?:[•▪◦‣●■►➢·*]+\s*|[-–—]+\s+|\d{1,3}(?:[.)]|\s*-)(?=\s|[^\W\d])\s*)"
)
_OWNER_TRIM = " /;,:—–-*•▪◦‣●■►➢·"
_DESCRIPTION_TRIM = " /;,—–-"
_INVISIBLE_RE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def _lines(cell: str) -> list[str]:
    """The non-empty lines of a cell, markup removed and whitespace collapsed."""
    if "<" in cell:
        cell = _INLINE_TAG_RE.sub("", _BLOCK_TAG_RE.sub("\n", cell))
    cell = _INNER_BULLET_RE.sub("\n", cell)
    lines: list[str] = []
    for raw in cell.split("\n"):
        line = _SPACES_RE.sub(" ", raw).strip()
        if line:
            lines.append(line)
    return lines


def _strip_leading_mark(line: str) -> str:
    return _LEADING_MARK_RE.sub("", line, count=1).strip()


def _tidy_description(lines: Sequence[str], *, inline: bool = False) -> str:
    lines = [line.replace("**", "").strip() for line in lines]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    lines[0] = _strip_leading_mark(lines[0])
    if inline:
        # "... zones en crise/" + "Responsables : X": the slash belonged to the owner.
        lines[-1] = lines[-1].rstrip(_DESCRIPTION_TRIM)
        if lines[-1].endswith("(") and lines[-1].count("(") > lines[-1].count(")"):
            lines[-1] = lines[-1][:-1].rstrip()
    return "\n".join(line for line in lines if line)


def _tidy_owners(text: str) -> str | None:
    names: list[str] = []
    for line in _lines(text):
        line = _strip_leading_mark(line).replace("**", "").strip(_OWNER_TRIM)
        # "(Responsable : CCP)": the closing parenthesis belongs to the sentence.
        if line.endswith(")") and line.count(")") > line.count("("):
            line = line[:-1].strip(_OWNER_TRIM)
        if line:
            names.append(line)
    return "\n".join(names) or None


def _tidy_deadline(text: str) -> str | None:
    parts = [_strip_leading_mark(line).replace("**", "").strip(" ;,") for line in _lines(text)]
    return " ".join(part for part in parts if part) or None


# --- Inline owners -----------------------------------------------------------------------

_E = "[eéèêë]"
# "Responsable :", "resp:", "Resp.", "Responsable(s) :". ";", "/" and "**" also end a label
# in the minutes ("Responsables ;CCP", "Responsables/ OCHA-CCP") but only with the capital R
# of a label: "désigner un responsable ; partager ..." is prose.
_OWNER_WORD = r"resp(?:onsables?|onsable\s*\(s\))?"
_OWNER_LABEL = rf"{_OWNER_WORD}\s*:|(?-i:R){_OWNER_WORD[1:]}\s*(?:[;/]|(?=\*\*))|resp\.\s*:?"
_DEADLINE_LABEL = (
    _E + r"ch" + _E + r"ances?\s*[:;]|d" + _E + r"lais?\s*[:;]|date\s+limite\s*:|deadline\s*:"
)
_LABEL_RE = re.compile(
    rf"(?<!\w)(?:(?P<owners>{_OWNER_LABEL})|(?P<deadline>{_DEADLINE_LABEL}))\s*",
    re.IGNORECASE,
)
# A label alone on its paragraph: its value is the next paragraph.
_BARE_LABEL_RE = re.compile(
    rf"\s*(?:(?P<owners>resp(?:onsables?|onsable\s*\(s\))?\.?)"
    rf"|(?P<deadline>{_E}ch{_E}ances?|d{_E}lais?|date\s+limite|deadline))\s*[:;/]?\s*",
    re.IGNORECASE,
)
# An acronym: 2+ capitals, digits or "&", at least one letter ("OCHA", "CCP", "3AG").
_ACRONYM = r"(?=[0-9&]*[A-Z])[A-Z0-9&]{2,}(?![\w&])"
_ACRONYM_RUN = rf"{_ACRONYM}(?:\s*[-/,&+]\s*{_ACRONYM})*"
_BOLD = r"\*\*[^*\n]{1,80}\*\*"
# ".../ CCP", ".../**CCP-OCHA**" at the end of a paragraph.
_TRAILING_OWNER_RE = re.compile(rf"/\s*(?P<owner>{_BOLD}|{_ACRONYM_RUN})[\s.;,]*$")
_TRAILING_OWNER_WINDOW = 120
_LAST_WORD_RE = re.compile(r"(\S+)\s*$")
_OWNER_RUN_RE = re.compile(rf"\s*(?:{_BOLD}|{_ACRONYM_RUN}|\S+)")
_DEADLINE_RUN_RE = re.compile(
    r"\s*(?:(?:le\s+)?\d{1,2}(?:er)?\s+[^\W\d]+\.?(?:\s+\d{4})?"
    r"|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?|\S+)"
)


@dataclass
class _Part:
    description: str
    owners: str | None = None
    deadline: str | None = None

    def set(self, kind: str, value: str) -> None:
        if kind == "owners":
            self.owners = value if not self.owners else f"{self.owners}, {value}"
        elif not self.deadline:
            self.deadline = value


def _trailing_owner(text: str) -> re.Match[str] | None:
    # Only the last slashes are tried (an owner is short): trying every slash of a long
    # paragraph against the end of it would be quadratic.
    position = text.find("/", max(0, len(text) - _TRAILING_OWNER_WINDOW))
    while position != -1:
        match = _TRAILING_OWNER_RE.match(text, position)
        if match is not None:
            before = _LAST_WORD_RE.search(text, max(0, position - 40), position)
            # "avec OCHA/UNHCR" is one pair of names, not a description and its owner.
            if before is not None and re.fullmatch(_ACRONYM_RUN, before.group(1)):
                return None
            return match
        position = text.find("/", position + 1)
    return None


def _parse_paragraph(text: str) -> list[_Part] | None:
    """Split one paragraph at its inline owners; ``None`` when it has none."""
    bare = _BARE_LABEL_RE.fullmatch(text)
    if bare is not None:
        return [_Part("", owners="")] if bare.group("owners") else [_Part("", deadline="")]
    labels = list(_LABEL_RE.finditer(text))
    if not labels:
        trailing = _trailing_owner(text)
        if trailing is None:
            return None
        return [_Part(text[: trailing.start()], owners=trailing.group("owner"))]

    parts: list[_Part] = []
    current = _Part(text[: labels[0].start()])
    for index, label in enumerate(labels):
        kind = "owners" if label.group("owners") else "deadline"
        following = labels[index + 1] if index + 1 < len(labels) else None
        content = text[label.end() : following.start() if following else len(text)]
        # Another owner label after this one, while the current action already has (or gets
        # here) an owner: a new action starts inside this content ("... Responsable : CCP
        # Coordonner les actions ... Responsable : OCHA").
        splits = (
            following is not None
            and following.group("owners") is not None
            and (kind == "owners" or current.owners is not None)
        )
        if splits:
            run = (_OWNER_RUN_RE if kind == "owners" else _DEADLINE_RUN_RE).match(content)
            cut = run.end() if run else len(content)
            value, rest = content[:cut], content[cut:]
        else:
            value, rest = content, ""
        current.set(kind, value.strip())
        if rest.strip():
            parts.append(current)
            current = _Part(rest)
    parts.append(current)
    return parts


@dataclass(frozen=True)
class _Found:
    description: str
    owners: str | None
    deadline: str | None
    line: int


def _split_inline(paragraphs: Sequence[tuple[int, str]]) -> list[_Found]:
    """Actions of a column (or text) where each owner is written after its action."""
    parsed = [(line, text, _parse_paragraph(text)) for line, text in paragraphs]
    if all(parts is None for _, _, parts in parsed):
        if not paragraphs:
            return []
        description = _tidy_description([text for _, text in paragraphs])
        return [_Found(description, None, None, paragraphs[0][0])] if description else []

    found: list[_Found] = []
    pending: tuple[int, str] | None = None  # the last paragraph without an owner
    waiting_label: str | None = None  # "Responsables :" alone: the next paragraph is its value
    for line, text, parts in parsed:
        if waiting_label is not None and parts is None:
            parts = [_Part("")]
            parts[0].set(waiting_label, text)
        waiting_label = None
        if parts is None:
            pending = (line, text)
            continue
        head = parts[0]
        if not _tidy_description([head.description]):
            if head.owners == "" or head.deadline == "":
                waiting_label = "owners" if head.owners == "" else "deadline"
                continue
            if pending is not None:
                line, head = pending[0], replace(head, description=pending[1])
                parts = [head, *parts[1:]]
            elif found and _fills(found[-1], head):
                # "Échéance : 25 octobre" on the paragraph after "X Responsable : CCP".
                last = found[-1]
                found[-1] = replace(
                    last,
                    owners=last.owners or _tidy_owners(head.owners or ""),
                    deadline=last.deadline or _tidy_deadline(head.deadline or ""),
                )
                parts = parts[1:]
        pending = None
        for part in parts:
            description = _tidy_description([part.description], inline=True)
            if description:
                found.append(
                    _Found(
                        description,
                        _tidy_owners(part.owners or ""),
                        _tidy_deadline(part.deadline or ""),
                        line,
                    )
                )
    return found


def parse_paragraph(text: str) -> bool:
    """Whether a paragraph of prose names an owner with a label ("... Responsable : CCP").
    A trailing "/ CCP", an owner in a table's cell, in prose is where or who spoke."""
    return _LABEL_RE.search(text) is not None or _BARE_LABEL_RE.fullmatch(text) is not None


def split_inline_text(paragraphs: Sequence[str]) -> list[ImportRow]:
    """Actions of consecutive paragraphs of the minutes' prose where each owner is written
    after its action ("... Responsable : CCP"); none when no paragraph names an owner (the
    prose is context, not an action)."""
    numbered = list(enumerate(paragraphs, start=1))
    if all(_parse_paragraph(text) is None for _, text in numbered):
        return []
    return [
        ImportRow(found.description, found.owners, found.deadline, found.line)
        for found in _split_inline(numbered)
    ]


def _fills(row: _Found, part: _Part) -> bool:
    return (row.owners is None and bool(part.owners)) or (
        row.deadline is None and bool(part.deadline)
    )


# --- Rows from cells ---------------------------------------------------------------------


def _cell(cells: Sequence[str], index: int | None) -> str:
    return cells[index] if index is not None and index < len(cells) else ""


def _continues(line: str) -> bool:
    first = _strip_leading_mark(line)[:1]
    return first.isalpha() and first.islower()


def rows_from_cells(
    columns: Columns, records: Iterable[tuple[int, Sequence[str]]]
) -> list[ImportRow]:
    """Rows of a table body: each record is (row number, cells)."""
    rows: list[ImportRow] = []
    can_continue = False  # the last row came from a description cell and may be continued
    for line, cells in records:
        owners = _tidy_owners(_cell(cells, columns.owners))
        deadline = _tidy_deadline(_cell(cells, columns.deadline))
        lines = _lines(_cell(cells, columns.description))
        if not lines and (owners or deadline):
            lines = _lines(_cell(cells, columns.fallback_description))
        if columns.owners is None or (
            owners is None and any(_parse_paragraph(text) for text in lines)
        ):
            for found in _split_inline([(line, text) for text in lines]):
                rows.append(
                    ImportRow(found.description, found.owners, found.deadline or deadline, line)
                )
            can_continue = False
            continue
        if not lines:
            continue
        if can_continue and owners is None and deadline is None and _continues(lines[0]):
            last = rows[-1]
            tail = "\n".join(line_ for line_ in lines[1:])
            joined = f"{last.description} {lines[0]}" + (f"\n{tail}" if tail else "")
            rows[-1] = replace(last, description=joined)
            continue
        description = _tidy_description(lines)
        if description:
            rows.append(ImportRow(description, owners, deadline, line))
            can_continue = True
    return rows


# --- Pasted text -------------------------------------------------------------------------

# One field of a tab-separated text; Excel quotes a field holding tabs, quotes or new lines.
