"""Turn an action table pasted as text into rows: description, owners, deadline.

Coordinators paste the action table of their minutes, copied from Word, Excel or an e-mail.
Shapes read, with or without a header row:

- tab-separated (Word, Excel). Excel quotes a cell holding line breaks (``"a\\nb"``); Word
  does not, so a row whose cells hold several paragraphs arrives on several lines: the lines
  are glued back together until the row has as many cells as the header (or, without a
  header, as the most common row);
- ``|``-separated, with or without the outer pipes; markdown separator rows and lines
  without a pipe (a title, a note under the table) are skipped; ``<br>`` is a line break;
- one action per line, ``description — responsable — échéance`` (em dash, en dash, " - " or
  ";" between the parts);
- a column of recommendations whose owner is written inline, as in the minutes: "... pour
  l'EHP Responsable : CCP", "Responsables/ OCHA-CCP", "Responsables ;**CCP**", ".../ CCP",
  ".../**CCP-OCHA**". Each owner closes one action; a label alone on its paragraph
  ("Responsables : OCHA") closes the paragraph just before it. In a cell (or a pasted text)
  that uses inline owners, a paragraph followed by no owner is context, not an action, and
  is left out. A cell with no inline owner at all is one action without an owner.

Conventions of the output (:class:`ImportRow`):

- ``description`` keeps the cell's paragraphs as lines joined with ``"\\n"``, each line with
  its whitespace collapsed; a bullet or a number ("- ", "• ", "▪", "1.", "1)", "1-") at its
  very start is removed; light markup left by converters (``<p>``, ``<i>``, ``**``) is
  removed. A row whose description is empty is dropped.
- ``owners_text`` is the owner cell (or the inline owner) as written, bullets and markdown
  removed, one line per paragraph; split it with
  :func:`language.action_text.split_owners`.
- ``deadline_text`` is the deadline cell as written, on one line.
- ``line`` is the 1-based number of the row in the source table, the header not counted
  (for a one-action-per-line text: the number of the non-empty line). Actions split from one
  cell share the cell's row number.
- a row with a lowercase description and neither owner nor deadline continues the previous
  row (a row split over a page break by a PDF-to-Word conversion) and is appended to it.

Without a header the columns are description, owners, deadline (a leading column of bare
numbers is skipped, and a second column of dates is the deadline). With a header the columns
come from its cells; columns that are neither ("Thèmes", "No.", "Statut") are ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from language.folding import fold

__all__ = [
    "Columns",
    "ImportRow",
    "ParsedTable",
    "find_columns",
    "parse_paragraph",
    "parse_pasted_table",
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
class ParsedTable:
    rows: tuple[ImportRow, ...]
    header: tuple[str, ...] | None
    """The header cells, if a header row was recognised."""


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


# --- Header recognition ------------------------------------------------------------------

_Kind = Literal["description", "recommendation", "owners", "deadline", "other"]

_HEADER_PHRASES: tuple[tuple[_Kind, str], ...] = (
    (
        "description",
        r"descriptions?(?: (?:de l'|des |de la |du )?(?:actions?|activites?|taches?))?"
        r"|actions?(?: (?:prioritaires?|a mener|a prendre|a realiser|retenues?|de suivi|cles?"
        r"|de la reunion))?|points? d' ?actions?|point des actions|action items?"
        r"|taches?(?: a (?:mener|realiser))?|activites?(?: a (?:mener|realiser))?|quoi|what"
        r"|mesures?(?: a prendre)?|engagements?",
    ),
    (
        "recommendation",
        r"recommandations?|recommendations?|decisions?(?: prises?)?|resolutions?",
    ),
    (
        "owners",
        r"responsables?|resp|qui|who|owners?|porteurs?|points? focal|points? focaux"
        r"|(?:structures?|entites?|acteurs?|personnes?) responsables?|en charge|charge",
    ),
    (
        "deadline",
        r"echeances?|echeancier|delais?|dates?(?: (?:limite|butoir|d'echeance|prevue))?"
        r"|deadlines?|due(?: date)?|quand|when|periode|calendrier|timeline|chronogramme",
    ),
    (
        "other",
        r"contexte|commentaires?|observations?|informations?|discussions?|statuts?|status"
        r"|etat|themes?|sujets?|no|n°|n|num|numero|#|remarques?|suivi|resultats?|points?"
        r"|points? (?:a|de) l'ordre du jour|ordre du jour|agenda|lieux?|localites?"
        r"|regions?|zones?|budget|indicateurs?|priorites?|niveau|progres|avancement",
    ),
)
_HEADER_PART_RES = tuple((kind, re.compile(f"(?:{pattern})")) for kind, pattern in _HEADER_PHRASES)
_HEADER_PART_SEP_RE = re.compile(r"\s*(?:/|&|\+|,|\bet\b|\band\b)\s*")
# "Responsable(s)", "Échéance (date)", "**Action**", "Délai :".
_HEADER_NOISE_RE = re.compile(r"\([^()]{0,30}\)|[*_:.?]")
_MAX_HEADER_CHARS = 60


def _header_kind(cell: str) -> _Kind | None:
    """The kind of a header cell, ``None`` if it is not a known header name."""
    folded = fold(_HEADER_NOISE_RE.sub(" ", cell))
    if not folded or len(folded) > _MAX_HEADER_CHARS:
        return None
    kind: _Kind | None = None
    for part in _HEADER_PART_SEP_RE.split(folded):
        part = part.strip()
        if not part:
            continue
        part_kind = next((k for k, rx in _HEADER_PART_RES if rx.fullmatch(part)), None)
        if part_kind is None:
            return None
        if kind is None or kind == "other":
            kind = part_kind
    return kind


def find_columns(cells: Sequence[str]) -> Columns | None:
    """Read a header row: where description, owners and deadline are, or ``None``.

    A header has a description-like cell (Description, Action(s), Point d'action(s),
    Recommandation(s), ...) and an owner or a deadline cell; or an owner and a deadline cell
    (the first unknown cell is then the description); or only a description-like cell when
    every other cell is a known header name too ("Points à l'ordre du jour | Discussions /
    informations | Recommandations / décisions"): the owners are then inline.
    """
    kinds = [_header_kind(cell) for cell in cells]

    def first(kind: _Kind) -> int | None:
        return next((i for i, k in enumerate(kinds) if k == kind), None)

    action, recommendation = first("description"), first("recommendation")
    owners, deadline = first("owners"), first("deadline")
    nonempty = [i for i, cell in enumerate(cells) if cell.strip()]
    if action is None and recommendation is None:
        if owners is None or deadline is None:
            return None
        unknown = [i for i in nonempty if kinds[i] is None]
        if not unknown:
            return None
        return Columns(description=unknown[0], owners=owners, deadline=deadline)
    if owners is None and deadline is None and any(kinds[i] is None for i in nonempty):
        return None
    if action is not None:
        return Columns(action, owners, deadline, fallback_description=recommendation)
    assert recommendation is not None
    return Columns(recommendation, owners, deadline)


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
_TAB_FIELD_RE = re.compile(r'"((?:[^"]|"")*)"(?=[\t\n]|\Z)|([^\t\n]*)')
_RULE_ROW_RE = re.compile(r"^[\s|:+=-]*[-=][\s|:+=-]*$")
_NUMBER_CELL_RE = re.compile(r"^\s*(?:n°\s*)?\d{1,3}\s*[.)]?\s*$", re.IGNORECASE)
_STRONG_SEP_RE = re.compile(r"\s*[—–]\s*")
_DASH_SEP_RE = re.compile(r"\s+-\s+")
_SEMICOLON_SEP_RE = re.compile(r"\s*;\s*")
_MONTHS = (
    r"janv?|janvier|f[eé]vr?|f[eé]vrier|mars|avr|avril|mai|juin|juil|juillet|ao[uû]t|sept?"
    r"|septembre|oct|octobre|nov|novembre|d[eé]c|d[eé]cembre|january|february|march|april"
    r"|may|june|july|august|september|october|november|december"
)
_DATE_HINT_RE = re.compile(
    rf"\b(?:{_MONTHS}|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain"
    r"|semaines?|mois|jours?|fin|d[eé]but|courant|mi|today|tomorrow|asap)\b"
    r"|\b\d{1,2}\s*[/.-]\s*\d{1,2}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}\s*h\b",
    re.IGNORECASE,
)


def _looks_like_date(text: str) -> bool:
    return _DATE_HINT_RE.search(text) is not None


_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\x0b\x0c\u2028\u2029\x85", "\n"))


def _normalise(text: str) -> str:
    # Word copies a manual line break as a vertical tab; Unicode has its own separators.
    text = text.replace("\r\n", "\n").translate(_LINE_BREAKS)
    text = _INVISIBLE_RE.sub("", text)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _tab_records(text: str) -> list[list[str]]:
    records: list[list[str]] = []
    row: list[str] = []
    position, end = 0, len(text)
    while True:
        match = _TAB_FIELD_RE.match(text, position)
        assert match is not None  # the second alternative matches the empty string
        quoted = match.group(1)
        row.append(quoted.replace('""', '"') if quoted is not None else match.group(2))
        position = match.end()
        if position >= end:
            records.append(row)
            return records
        if text[position] == "\n":
            records.append(row)
            row = []
        position += 1


def _pipe_records(text: str) -> list[list[str]]:
    """Rows of a ``|`` table; lines without a pipe (titles, notes) are not part of it."""
    records: list[list[str]] = []
    for raw in text.split("\n"):
        if "|" not in raw or _RULE_ROW_RE.match(raw):
            continue
        line = raw.strip()
        if line.startswith("|"):
            # "| a | b |": the outer pipes frame the row. Without a leading pipe, a trailing
            # one closes an empty last cell ("a | b |").
            line = line[1:].removesuffix("|")
        records.append(line.split("|"))
    return records


def _is_blank(record: Sequence[str]) -> bool:
    return len(record) == 1 and not record[0].strip()


def _glue(records: Iterable[list[str]], width: int) -> list[list[str]]:
    """Rebuild rows whose multi-paragraph cells were spread over several lines."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    for record in records:
        if _is_blank(record):
            continue
        if current is not None and len(current) + len(record) - 1 <= width:
            current[-1] = f"{current[-1]}\n{record[0]}"
            current.extend(record[1:])
            continue
        if current is not None:
            rows.append(current)
        current = list(record)
    if current is not None:
        rows.append(current)
    return rows


def _header_text(cells: Sequence[str]) -> tuple[str, ...]:
    return tuple(" ".join(_lines(cell)).replace("**", "") for cell in cells)


def _default_columns(rows: Sequence[Sequence[str]]) -> Columns:
    """Columns of a table without header: description, owners, deadline."""
    first = 0
    leading = [row[0] for row in rows if len(row) > 1 and row[0].strip()]
    if leading and all(_NUMBER_CELL_RE.match(cell) for cell in leading):
        first = 1
    width = max((len(row) for row in rows), default=1) - first
    if width <= 1:
        return Columns(first, None, None)
    if width == 2:
        seconds = [row[first + 1] for row in rows if len(row) > first + 1 and row[first + 1]]
        dated = sum(1 for cell in seconds if _looks_like_date(cell))
        if seconds and dated * 2 > len(seconds):
            # Description and deadline: owners may still be written inline.
            return Columns(first, None, first + 1)
        return Columns(first, first + 1, None)
    return Columns(first, first + 1, first + 2)


def _table_from_records(records: list[list[str]], *, glue: bool) -> ParsedTable | None:
    header: tuple[str, ...] | None = None
    columns: Columns | None = None
    for index, record in enumerate(records):
        if len(record) < 2:
            continue
        cells = _header_text(record)
        columns = find_columns(cells)
        if columns is not None:
            header = cells
            records = records[index + 1 :]
            break
    if header is not None:
        width = len(header)
    else:
        counts = Counter(len(record) for record in records if len(record) > 1)
        if not counts:
            return None
        width = max(counts.items(), key=lambda item: (item[1], item[0]))[0]
    body = _glue(records, width) if glue else [r for r in records if not _is_blank(r)]
    if columns is None:
        columns = _default_columns(body)
    rows = rows_from_cells(columns, enumerate(body, start=1))
    return ParsedTable(tuple(rows), header) if rows else None


def _split_separated(line: str) -> list[str]:
    """The parts of "description — responsable — échéance" (one part when none)."""
    for separator in (_STRONG_SEP_RE, _DASH_SEP_RE, _SEMICOLON_SEP_RE):
        cuts = list(separator.finditer(line))
        if cuts:
            break
    else:
        return [line]
    if len(cuts) > 2:
        # Extra separators belong to the description, the part most likely to hold one.
        cuts = cuts[-2:]
    bounds = [0, *(p for cut in cuts for p in (cut.start(), cut.end())), len(line)]
    return [line[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]


def _row_from_parts(parts: Sequence[str], columns: Columns | None, number: int) -> ImportRow:
    if columns is not None:
        description = _cell(parts, columns.description)
        owners = _cell(parts, columns.owners)
        deadline = _cell(parts, columns.deadline)
    else:
        description = parts[0]
        owners = parts[1] if len(parts) > 1 else ""
        deadline = parts[2] if len(parts) > 2 else ""
        if len(parts) == 2 and _looks_like_date(owners):
            owners, deadline = "", owners
    return ImportRow(
        _tidy_description(_lines(description), inline=True),
        _tidy_owners(owners),
        _tidy_deadline(deadline),
        number,
    )


def _is_title(line: str) -> bool:
    text = _strip_leading_mark(line.replace("**", "")).strip()
    return text.endswith(":") or _header_kind(text) is not None


def _table_from_lines(text: str) -> ParsedTable | None:
    lines = [_SPACES_RE.sub(" ", raw).strip() for raw in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None
    header: tuple[str, ...] | None = None
    columns: Columns | None = None
    first_parts = _split_separated(lines[0])
    if len(first_parts) > 1:
        columns = find_columns(first_parts)
        if columns is not None:
            header = tuple(part.strip() for part in first_parts)
            lines = lines[1:]
    inline = any(_parse_paragraph(line) is not None for line in lines)

    rows: list[ImportRow] = []
    separated = False
    run: list[tuple[int, str]] = []  # consecutive lines read for inline owners

    def flush() -> None:
        for found in _split_inline(run):
            rows.append(ImportRow(found.description, found.owners, found.deadline, found.line))
        run.clear()

    for number, line in enumerate(lines, start=1):
        has_label = _parse_paragraph(line) is not None
        parts = _split_separated(line) if not has_label else [line]
        strong = _STRONG_SEP_RE.search(line) is not None
        if inline and (has_label or not strong):
            run.append((number, line))
            continue
        flush()
        if len(parts) == 1 and _is_title(line):
            continue
        separated = separated or len(parts) > 1
        row = _row_from_parts(parts, columns, number)
        if row.description:
            rows.append(row)
    flush()
    if not rows or not (separated or inline):
        return None
    return ParsedTable(tuple(rows), header)


def parse_pasted_table(text: str) -> ParsedTable | None:
    """Read a pasted action table; ``None`` when no table can be recognised."""
    text = _normalise(text)
    if not text.strip():
        return None
    if "\t" in text:
        return _table_from_records(_tab_records(text), glue=True)
    lines = [line for line in text.split("\n") if line.strip() and not _RULE_ROW_RE.match(line)]
    piped = sum(1 for line in lines if "|" in line)
    if piped and piped * 2 >= len(lines):
        return _table_from_records(_pipe_records(text), glue=False)
    return _table_from_lines(text)
