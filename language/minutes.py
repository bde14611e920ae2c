"""Minutes as Relance reads them, whatever they came as: a .docx, a .pdf or pasted text.

The one entry point of the import: each reader builds a :class:`language.document.Document`
and reads from it what Relance keeps (:class:`Minutes`): the actions and the decisions, the
next meeting, the meeting's own date, the participants.

- Tables: their layout comes from the header or the cells (:mod:`language.columns`); rows
  become actions (:mod:`language.tables` reads a cell's inline owners, a row continued on
  the next page, merged cells). A table continued after a page break is one table.
- Outside tables: a paragraph closed by its owner ("... Responsable : CCP"), a list "Nom =>
  tâche" or "- tâche : Nom", a recommendation followed by its owners in parentheses ("...
  (DRDSES, MC, AMSS)"); bullets under a "Recommandations" or "Décisions" title are decisions.
- A recommendation or decision that names no owner is kept (``is_decision``), never dropped.

``owner_like`` tells whether a text names owners (organisations, people, groups of the
cluster): the caller knows the names (the directory and the cluster's members), this
package does not. Without it, a text of acronyms counts ("OCHA, CCP").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from language import document as doc
from language.action_text import split_owners
from language.columns import Kind, Layout, read_layout
from language.deadlines import parse_deadline
from language.folding import fold
from language.headers import Role, header_role
from language.meeting_day import meeting_day
from language.owners import special_owner
from language.tables import Columns, ImportRow, rows_from_cells, split_inline_text
from language.tables import parse_paragraph as _names_owner
from language.verbs import ENGLISH_VERB_RE, INFINITIVE_RE, starts_with_order

__all__ = [
    "FileError",
    "Minutes",
    "MinutesItem",
    "OwnerLike",
    "Participant",
    "read_document",
    "read_docx",
    "read_pdf",
    "read_text",
]

OwnerLike = Callable[[str], bool]
FileError = doc.FileError


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
    follow_up: bool = False  # from the follow-up of earlier actions: its dates may be past

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
    """Raises :class:`FileError` for a file that is not readable minutes."""
    return read_document(doc.from_docx(data), owner_like=owner_like)


def read_text(text: str, *, owner_like: OwnerLike | None = None) -> Minutes:
    return read_document(doc.from_text(text), owner_like=owner_like)


def read_pdf(data: bytes, *, owner_like: OwnerLike | None = None) -> Minutes:
    """Raises :class:`FileError` (a scan without text among them)."""
    return read_document(doc.from_pdf(data), owner_like=owner_like)


def read_document(document: doc.Document, *, owner_like: OwnerLike | None = None) -> Minutes:
    reading = _Reading(owner_like or _acronyms_only)
    for block in document.blocks:
        if isinstance(block, doc.Table):
            reading.table(block)
        else:
            reading.paragraph(block)
    return reading.minutes()


# --- Owners and deadlines, without knowing the names ------------------------------------

_ACRONYM_RE = re.compile(r"^(?=[0-9&]*[A-Z])[A-Z0-9&][A-Z0-9&.-]{1,9}$")
_REFERENCE_NOW = datetime(2020, 6, 15, 10, 0, tzinfo=UTC)
_UTC = ZoneInfo("UTC")


def _acronyms_only(text: str) -> bool:
    names = split_owners(text)
    return bool(names) and all(
        special_owner(name) is not None or _ACRONYM_RE.match(name.split(" (")[0].strip())
        for name in names
    )


def _deadline_like(text: str) -> bool:
    text = " ".join(text.split())
    return 0 < len(text) <= 80 and parse_deadline(text, now=_REFERENCE_NOW, tz=_UTC) is not None


def _owners_like(owner_like: OwnerLike) -> OwnerLike:
    def test(text: str) -> bool:
        text = " ".join(text.split())
        if not text or len(text) > 120:
            return False
        names = split_owners(text)
        return bool(names) and sum(1 for n in names if owner_like(n)) * 2 > len(names)

    return test


# --- The reading -----------------------------------------------------------------------------


@dataclass
class _Pending:
    """Paragraphs since the last table, read together for inline owners."""

    texts: list[str]


class _Reading:
    def __init__(self, owner_like: OwnerLike) -> None:
        self.owner_like = owner_like
        self.cell_owners = _owners_like(owner_like)
        self.rows: list[_Row] = []
        self.participants: list[Participant] = []
        self.tables = 0
        self.last_layout: Layout | None = None
        self.last_kind: Kind | None = None  # of the table just before, if nothing between
        self.last_width = 0
        self.texts: list[str] = []  # every paragraph and cell, for the next meeting
        # Paragraphs and the rows of tables that are not actions nor participants (a header
        # block "Date | 22 avril"): where the meeting's day is. An action's deadline is not.
        self.opening: list[str] = []
        self.paragraphs: list[doc.Paragraph] = []  # since the last table
        # The last table ended on an "Agenda" cell: the list after it goes on with it.
        self.agenda_open = False

    # Blocks

    def paragraph(self, paragraph: doc.Paragraph) -> None:
        text = paragraph.text.strip()
        if not text:
            return
        self.texts.append(text)
        self.opening.append(text)
        self.paragraphs.append(paragraph)
        # Text between two tables: the second one is not the first one continued.
        self.last_layout = None
        self.last_kind = None

    def table(self, table: doc.Table) -> None:
        self._flush_paragraphs()
        texts = [[_cell_text(cell) for cell in row] for row in table.rows]
        rows = [" : ".join(c for c in row if c.strip()) for row in texts]
        self.texts.extend(rows)
        continued = self._continues(table, texts)
        layout = continued or read_layout(
            texts, owner_like=self.cell_owners, deadline_like=_deadline_like
        )
        if layout.kind == Kind.OTHER:
            self.opening.extend(rows)
        if layout.kind == Kind.PARTICIPANTS:
            self.participants.extend(_participants(texts[layout.header_rows :], layout))
        elif layout.kind == Kind.ACTIONS:
            if continued is None:
                self.tables += 1
            found = self._table_rows(table, layout)
            if continued is not None and found and self.rows and _continues_row(found[0].row):
                # The first row goes on with the last one of the page before.
                self.rows[-1] = _joined(self.rows[-1], found.pop(0))
            self.rows.extend(found)
        self.last_layout = layout if layout.kind != Kind.OTHER else None
        self.last_kind = layout.kind
        self.last_width = table.width
        last_label = texts[-1][0] if texts and texts[-1] else ""
        self.agenda_open = _AGENDA_RE.match(" ".join(last_label.split())) is not None

    def _continues(self, table: doc.Table, texts: list[list[str]]) -> Layout | None:
        """The layout of the action table just before, when this table goes on with it
        (the same header repeated, or no header and the same width)."""
        last = self.last_layout
        if last is None or table.width != self.last_width or not texts:
            return None
        first = tuple(" ".join(c.split()) for c in texts[0])
        if last.header and first == last.header:
            return last
        own = read_layout(texts, owner_like=self.cell_owners, deadline_like=_deadline_like)
        if own.header_rows and (own.kind != Kind.OTHER or own.header):
            return None  # a new table with its own header
        return replace(last, header_rows=0)

    def _table_rows(self, table: doc.Table, layout: Layout) -> list[_Row]:
        assert layout.description is not None
        header_rows = layout.header_rows
        columns = Columns(
            layout.description, layout.owners, layout.deadline, layout.fallback_description
        )
        records: list[tuple[int, list[str]]] = []
        extras: dict[int, tuple[str | None, str | None]] = {}
        for number, row in enumerate(table.rows[header_rows:], start=1):
            cells = _body_cells(row, columns, layout.focal)
            if cells is None:
                continue
            if layout.focal is not None and layout.owners is not None:
                _with_focal_point(cells, layout.owners, layout.focal, self.cell_owners)
            if records and _continues_description(row, columns):
                # One action over several rows, one owner per row: the owners add up.
                _add_to_previous(records[-1][1], cells, columns)
                continue
            records.append((number, cells))
            extras[number] = (_at(cells, layout.status), _context(cells, layout.context))
        found = rows_from_cells(columns, records)
        follow_up = layout.status is not None
        return [
            _Row(row, status=extras[row.line][0], context=extras[row.line][1], follow_up=follow_up)
            for row in found
            if row.line in extras
        ]

    def _flush_paragraphs(self) -> None:
        if self.paragraphs:
            self.rows.extend(
                _paragraph_rows(self.paragraphs, self.cell_owners, in_agenda=self.agenda_open)
            )
            self.paragraphs = []
        self.agenda_open = False

    # Result

    def minutes(self) -> Minutes:
        self._flush_paragraphs()
        items: list[MinutesItem] = []
        for row in self.rows:
            for item in _items(row, self.cell_owners):
                items.append(replace(item, line=len(items) + 1))
        return Minutes(
            tuple(items),
            next_meeting=next_meeting(self.texts),
            meeting_date=meeting_day(self.opening),
            participants=tuple(self.participants),
            tables=self.tables,
        )


@dataclass(frozen=True)
class _Row:
    row: ImportRow
    status: str | None = None
    context: str | None = None
    follow_up: bool = False


def _continues_row(row: ImportRow) -> bool:
    first = row.description.lstrip("-•▪* ")[:1]
    return first.isalpha() and first.islower()


def _joined(first: _Row, second: _Row) -> _Row:
    """A row cut by a page break, put back together."""
    a, b = first.row, second.row
    owners = "\n".join(o for o in (a.owners_text, b.owners_text) if o) or None
    row = ImportRow(
        f"{a.description} {b.description}", owners, a.deadline_text or b.deadline_text, a.line
    )
    return replace(first, row=row)


def _cell_text(cell: doc.Cell) -> str:
    return "" if cell.spans_left else cell.text


def _at(cells: Sequence[str], index: int | None) -> str | None:
    if index is None or index >= len(cells):
        return None
    text = " ".join(cells[index].split())
    return text or None


def _context(cells: Sequence[str], columns: Sequence[int]) -> str | None:
    parts = [" ".join(cells[i].split()) for i in columns if i < len(cells)]
    return "\n".join(p for p in parts if p) or None


# --- Merged cells ---------------------------------------------------------------------------


def _body_cells(
    row: Sequence[doc.Cell], columns: Columns, focal: int | None = None
) -> list[str] | None:
    """The texts of a body row, merged cells counted once; None for a section title. An
    owner, focal point or deadline merged down over several rows is each row's."""
    shared = {columns.owners, columns.deadline, focal}
    texts: list[str] = []
    for index, cell in enumerate(row):
        if cell.spans_left or (cell.spans_up and index not in shared):
            texts.append("")
        else:
            texts.append(cell.text)
    keys = {id(cell.key) for cell in row if cell.key is not None}
    if len(keys) == 1 and len(row) > 1:
        return None  # one cell across the whole row
    description = columns.description
    if columns.owners is not None and description < len(row) and columns.owners < len(row):
        low, high = sorted((description, columns.owners))
        spanning = row[description].key is not None and all(
            row[i].key is row[description].key for i in range(low, high + 1)
        )
        if spanning:
            return None  # the description cell runs over the owner column: a title
    return texts


def _with_focal_point(cells: list[str], owners: int, focal: int, owner_like: OwnerLike) -> None:
    """The owner is the focal point when the cluster knows them, else their organisation."""
    if focal >= len(cells) or owners >= len(cells):
        return
    person, organisation = " ".join(cells[focal].split()), " ".join(cells[owners].split())
    if person and (owner_like(person) or not organisation):
        cells[owners] = person


def _continues_description(row: Sequence[doc.Cell], columns: Columns) -> bool:
    return columns.description < len(row) and row[columns.description].spans_up


def _add_to_previous(previous: list[str], cells: list[str], columns: Columns) -> None:
    for index in (columns.owners, columns.deadline):
        if index is None or index >= len(cells) or not cells[index].strip():
            continue
        while len(previous) <= index:
            previous.append("")
        if cells[index] == previous[index]:
            continue  # the same merged owner cell, repeated
        if index == columns.deadline and previous[index].strip():
            continue  # one action, one deadline: the first one
        previous[index] = f"{previous[index]}\n{cells[index]}".strip()


# --- Participants ------------------------------------------------------------------------


def _participants(rows: Sequence[Sequence[str]], layout: Layout) -> list[Participant]:
    found: list[Participant] = []
    for row in rows:

        def part(name: str, row: Sequence[str] = row) -> str | None:
            return _at(row, layout.roles.get(name))

        name = part("name")
        if name and not re.fullmatch(r"[\d\s.]*", name):
            found.append(
                Participant(
                    name, part("organisation"), part("function"), part("email"), part("phone")
                )
            )
    return found


# --- Outside tables ------------------------------------------------------------------------

# "OCHA => partager la matrice", "OCHA -> …" at the start of a list item.
_ARROW_RE = re.compile(r"^(?P<who>[^=>:\n]{2,60}?)\s*(?:=>|->|→|⇒)\s*(?P<what>.+)$")
# "Partager la matrice : OCHA" (a list item ending with its owner).
_COLON_OWNER_RE = re.compile(r"^(?P<what>.{8,}?)\s*:\s*(?P<who>[^:]{2,60})$")
_TRAILING_PARENS_RE = re.compile(r"^(?P<what>.{8,}?)\s*\((?P<who>[^()]{2,120})\)\s*[.;,]?\s*$")
_DATE_LINE_RE = re.compile(
    r"^(?:d'ici|pour le|avant le|avant|au plus tard|[ée]ch[ée]ance|d[ée]lai|date limite|by)\b",
    re.IGNORECASE,
)
_DATE_LABEL_RE = re.compile(
    r"^(?:[ée]ch[ée]ances?|d[ée]lai|date limite|deadline)\s*:\s*", re.IGNORECASE
)
_DECISION_TITLE_RE = re.compile(
    r"^\W*(?:[\dIVX]+\W*)?(?:recommandations?|d[ée]cisions?|r[ée]solutions?|conclusions?|"
    r"consensus|points? d'accord|accords?|recommendations?|decisions|agreements?|"
    r"action points?|points d'actions?|actions? (?:retenues?|prioritaires|convenues|a mener)|"
    r"prochaines [ée]tapes|next steps|il a [ée]t[ée] (?:recommand[ée]|d[ée]cid[ée]))\b",
    re.IGNORECASE,
)
_BULLET_START_RE = re.compile(r"^\s*(?:[-•▪◦‣·*]|\d{1,2}[.)])\s+")
# The header block of the minutes: who chaired, where, when, who came. Never an action.
_META_RE = re.compile(
    r"^(?:pr[ée]sidence|pr[ée]sid[ée]e?\s+par|lieu|date|heure|lieu\s+et\s+date|mod[ée]ration|"
    r"mod[ée]rateur|secr[ée]tariat|rapporteur|r[ée]dig[ée]\s+par|revu\s+par|participants?|"
    r"nombre\s+de\s+participants|observateurs?|organisations?\s+(?:membres\s+)?pr[ée]sentes?|"
    r"pr[ée]sents?|absents?|excus[ée]s|facilitat(?:eur|rice)|lead|co-?lead|chair(?:ed\s+by)?|"
    r"venue|attendance|attendees|minutes\s+taken\s+by|note\s+taker|objet|ordre\s+du\s+jour|"
    r"agenda|organized\s+by|organis[ée]e?\s+par|convoqu[ée]e?\s+par)\b[^:]{0,30}:",
    re.IGNORECASE,
)
# The separators of "description — responsable — échéance", strongest first: a line is cut
# by one kind only, the others staying in the description ("Atelier – phase 2").
_SEPARATORS = (
    re.compile(r"\s*—\s*"),
    re.compile(r"\s+–\s+"),
    re.compile(r"\s+-\s+"),
    re.compile(r"\s*;\s*"),
    re.compile(r"\s*\|\s*"),
)
_PART_LABEL_RE = re.compile(
    r"(?i)^\s*(?:responsables?|resp\.|owners?|qui|[ée]ch[ée]ances?|d[ée]lai|deadline|quand)"
    r"\s*[:/]\s*"
)
_AGENDA_RE = re.compile(
    r"(?i)^\W*(?:\d+\W*)?(?:(?:points?\s+(?:inscrits?\s+)?[àa]\s+l'?\s*)?ordre\s+du\s+jour|"
    r"agenda|meeting\s+agenda|points?\s+discut[ée]s)\b[^.]{0,40}$"
)


def _paragraph_rows(
    paragraphs: Sequence[doc.Paragraph], owner_like: OwnerLike, *, in_agenda: bool = False
) -> list[_Row]:
    """Actions written outside tables: inline owners, lists with owners, dash lines,
    commitments and recommendations in the prose, decisions under a "Recommandations"
    title. Anything else is the minutes' prose, not an action; nor is the agenda's list
    ("3. Health update (Hilson)": who presents what)."""
    rows: list[_Row] = []
    run: list[str] = []  # prose since the last list item, read for inline owners
    under_decisions = False
    decision_marker: str | None = None  # "number" or "symbol": how the decisions are listed
    previous_date: str | None = None
    agenda = in_agenda
    order: tuple[Role | None, ...] | None = None  # of the parts, from a header line

    def flush() -> None:
        rows.extend(_Row(row) for row in split_inline_text(run))
        run.clear()

    for paragraph in paragraphs:
        line = " ".join(paragraph.text.split())
        heading = paragraph.heading
        bulleted = not heading and (paragraph.bullet or _BULLET_START_RE.match(line) is not None)
        body = _BULLET_START_RE.sub("", line).strip()
        if not body:
            continue
        if not bulleted and _AGENDA_RE.match(body):
            flush()
            agenda = True
            continue
        if agenda and bulleted:
            continue
        agenda = False
        if _META_RE.match(body):
            continue
        marker = _marker(line) if bulleted else None
        if not bulleted and _is_decision_title(body):
            flush()
            under_decisions, decision_marker = True, None
            continue
        # Another section: its bullets are what it says, not decisions. In pasted text a
        # numbered title ("2) Decision on the use of ...") after decisions listed with
        # dashes is one.
        other_marker = under_decisions and decision_marker not in (None, marker)
        if heading or (marker is not None and other_marker):
            flush()
            under_decisions = False
            continue
        if under_decisions and marker is not None:
            decision_marker = marker
        order = _separated_header(body) or order
        if order is not None and _separated_header(body):
            continue
        listed = _listed(
            body,
            owner_like,
            listed_context=bulleted or under_decisions or previous_date is not None,
            order=order,
        )
        if listed is not None:
            flush()
            what, who, when = listed
            rows.append(_Row(ImportRow(what, who, when or previous_date, 0)))
            continue
        if _DATE_LINE_RE.match(body) and _deadline_like(body.rstrip(": ")):
            flush()
            date_text = _DATE_LABEL_RE.sub("", body.rstrip(": ")).strip()
            last = rows[-1] if rows else None
            if last is not None and last.row.deadline_text is None and last.row.owners_text:
                rows[-1] = replace(last, row=replace(last.row, deadline_text=date_text))
            else:
                previous_date = date_text
            continue
        if _names_owner(body):
            run.append(body)
            continue
        said = _said_in_prose(body, owner_like)
        if said:
            flush()
            rows.extend(_Row(row) for row in said)
            continue
        if bulleted and (under_decisions or INFINITIVE_RE.match(body)):
            # Under a "Recommandations" title, or an order ("Rencontrer les autorités"):
            # a decision that names no owner, to confirm.
            flush()
            rows.append(_Row(ImportRow(body, None, None, 0)))
            continue
        if not bulleted and len(body) >= 200:
            under_decisions = False
        # Prose: the action of an owner named on the next line ("Responsables/ OCHA").
        run.append(body)
    flush()
    return rows


def _marker(line: str) -> str:
    return "number" if re.match(r"^\s*\d", line) else "symbol"


def _is_decision_title(text: str) -> bool:
    """ "Recommandations", "Décisions et actions :", "Action points": a title, not a topic
    that starts with the word ("Decision on the use of ECHO funds")."""
    if text.rstrip().endswith(":") and len(text) < 200 and _LEADS_DECISIONS_RE.search(text):
        return True  # "… les participants ont formulé les recommandations ci-après :"
    match = _DECISION_TITLE_RE.match(text)
    if match is None or len(text) >= 80:
        return False
    return text.rstrip().endswith(":") or len(text[match.end() :].split()) <= 3


_LEADS_DECISIONS_RE = re.compile(
    r"(?i)\b(?:recommandations?|d[ée]cisions?|recommand[ée]s?|d[ée]cid[ée]s?|convenu|retenu|"
    r"recommendations?|decisions?|agreed|decided|action\s+points?|points?\s+d'actions?)\b"
)


def _split_parts(line: str) -> list[str]:
    for separator in _SEPARATORS:
        cuts = list(separator.finditer(line))
        if cuts:
            if len(cuts) > 2:  # more cuts: the description holds the others
                cuts = cuts[-2:]
            bounds = [0, *(p for cut in cuts for p in (cut.start(), cut.end())), len(line)]
            parts = [line[bounds[i] : bounds[i + 1]].strip() for i in range(0, len(bounds), 2)]
            return [_PART_LABEL_RE.sub("", part).strip() for part in parts]
    return [line]


def _separated_header(line: str) -> tuple[Role | None, ...] | None:
    """ "Responsable — Action — Échéance": the order of the parts of the lines below."""
    parts = _split_parts(line)
    if len(parts) < 2 or any(len(part) > 40 for part in parts):
        return None
    roles = tuple(header_role(part) for part in parts)
    wanted = {Role.DESCRIPTION, Role.RECOMMENDATION, Role.OWNERS, Role.DEADLINE}
    if set(roles) <= wanted and Role.DESCRIPTION in roles:
        return roles
    return None


def _separated(
    line: str, owner_like: OwnerLike, order: tuple[Role | None, ...] | None, *, listed: bool
) -> tuple[str, str | None, str | None] | None:
    """ "Rédiger la note — OCHA — 25 octobre", "Former les partenaires ; 31 octobre"."""
    parts = _split_parts(line)
    if not 2 <= len(parts) <= 3:
        return None
    if order is not None and len(order) == len(parts):
        by_role = dict(zip(order, parts, strict=True))
        what = by_role.get(Role.DESCRIPTION)
        if what:
            return what, by_role.get(Role.OWNERS) or None, by_role.get(Role.DEADLINE) or None
    what, rest = parts[0], parts[1:]
    # "Responsables ; CCP": a label and its value, not an action.
    if len(what) < 8 or (len(what.split()) <= 2 and header_role(what) is not None):
        return None
    who = rest[0] if owner_like(rest[0]) else None
    dated = [part for part in rest if part is not who and _deadline_like(part)]
    if len(rest) == 2 and who is not None and dated:
        return what, who, dated[0]
    # Two parts: a title with its date ("Réunion du cluster – 20 octobre") is no action.
    if len(rest) == 1 and (who is not None or dated) and (listed or starts_with_order(what)):
        return what, who, dated[0] if dated else None
    return None


def _listed(
    line: str,
    owner_like: OwnerLike,
    *,
    listed_context: bool,
    order: tuple[Role | None, ...] | None = None,
) -> tuple[str, str | None, str | None] | None:
    """A list item or a line that names its owner: (what, who, when)."""
    arrow = _ARROW_RE.match(line)
    if arrow and owner_like(arrow["who"]):
        return arrow["what"].strip(), arrow["who"].strip(), None
    separated = _separated(line, owner_like, order, listed=listed_context)
    if separated is not None:
        return separated
    ordered = (
        listed_context
        or INFINITIVE_RE.match(line) is not None
        or ENGLISH_VERB_RE.match(line) is not None
    )
    colon = _COLON_OWNER_RE.match(line)
    if (
        colon
        and ordered
        and len(colon["what"].split()) >= 3
        and owner_like(colon["who"])
        and not _deadline_like(colon["who"])
    ):
        return colon["what"].strip(), colon["who"].strip(), None
    parens = _TRAILING_PARENS_RE.match(line)
    if parens and ordered:
        who = parens["who"].strip()
        # An order ("Send surveys to PSI (WASH Consortium)") names its owner even when the
        # cluster does not know it yet: kept, to be flagged.
        verb = INFINITIVE_RE.match(line) or ENGLISH_VERB_RE.match(line)
        if owner_like(who) or (verb and _name_like(who)):
            return parens["what"].strip(" ,;"), who, None
    return None


_NAME_WORD_RE = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.&-]*|[a-z]{1,3}|&)$")


def _name_like(text: str) -> bool:
    """Words of a name ("Hygiene Promotion Technical Subcommittee", "NWSHPC"), not a remark
    in parentheses ("location down to county level") nor a date."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and _NAME_WORD_RE.match(words[0]) is not None
        and words[0][0].isupper()
        and all(_NAME_WORD_RE.match(word) for word in words)
        and not any(c.isdigit() for c in text)
        and not _deadline_like(text)
    )


# Who commits to what in the prose: "OCHA va renforcer le comité", "Les partenaires
# s'engagent à ...", "UNICEF will engage a consultant", "David to present his findings".
_COMMITS_RE = re.compile(
    r"^(?P<who>(?:(?:le|la|les|l'|the)\s+)?[^,;:.]{2,60}?)\s+"
    r"(?P<verb>va|vont|doit|doivent|devra|devront|s'engagen?t?\s+[àa]|se\s+charger?a?\s+de|"
    r"est\s+charg[ée]e?\s+de|sont\s+charg[ée]e?s\s+de|prendra|partagera|enverra|fera|"
    r"will|shall|is\s+to|are\s+to|to)\s+(?P<what>.{6,})$",
    re.IGNORECASE,
)
# "Il a été recommandé de ...", "L'ICC recommande que ...", "Le D-HC recommande à l'ICC de
# ...", "Les membres recommandent d'...", "It was agreed to/that ...".
_RECOMMENDS_RE = re.compile(
    r"(?:\bil\s+(?:a\s+[ée]t[ée]|est)\s+(?:recommand[ée]|d[ée]cid[ée]|convenu|retenu|demand[ée])"
    r"(?:\s+(?:[àa]|aux?)\s+(?P<to1>[^,;]{2,60}?))?|"
    r"\b(?:recommande(?:nt)?|d[ée]cide(?:nt)?|demande(?:nt)?)\b(?:\s+(?:[àa]|aux?)\s+(?P<to2>[^,;]{2,60}?))?|"
    r"\bit\s+(?:was|is)\s+(?:agreed|decided|recommended)|"
    r"\b(?:agreed|decided|endorsed|approved|adopted|validated|recommends?)\b)"
    r"\s*(?:(?:de|d'|que|qu'|to|that|on)\s*)?(?P<what>.{6,})?\W*$",
    re.IGNORECASE,
)
_SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ])")


def _said_in_prose(text: str, owner_like: OwnerLike) -> list[ImportRow]:
    rows: list[ImportRow] = []
    for sentence in _SENTENCE_RE.split(text):
        sentence = sentence.strip()
        commit = _COMMITS_RE.match(sentence)
        if commit and owner_like(_subject(commit["who"])) and _acts(commit["what"], commit["verb"]):
            rows.append(ImportRow(_upper_first(commit["what"]), _subject(commit["who"]), None, 0))
            continue
        recommends = _RECOMMENDS_RE.search(sentence)
        if recommends:
            to = recommends["to1"] or recommends["to2"]
            who = _subject(to) if to and owner_like(_subject(to)) else None
            rows.append(ImportRow(_recommended(sentence, recommends), who, None, 0))
    return rows


_IMPERSONAL_RE = re.compile(r"(?i)^\W*(?:il\s+(?:a\s+[ée]t[ée]|est)|it\s+(?:was|is))\b")


def _recommended(sentence: str, match: re.Match[str]) -> str:
    """What was recommended: "Il a été recommandé de X" is X; "The cluster endorsed X" and
    "X was approved" are said whole (the subject is part of the decision)."""
    before = sentence[: match.start()]
    if match["what"] is None or (
        before.strip()
        and not _IMPERSONAL_RE.match(sentence)
        and not re.search(r"(?i)\b(?:recommande|d[ée]cide|demande)", match.group())
    ):
        return _upper_first(sentence)  # "X was approved."
    return _upper_first(match["what"])


def _subject(text: str) -> str:
    return re.sub(r"^(?:le|la|les|l'|the)\s+", "", text.strip(), flags=re.IGNORECASE).strip()


def _acts(what: str, verb: str) -> bool:
    """ "va renforcer", "will engage", "to present": an act, not "va bien" nor "to 2017"."""
    first = what.split()[0] if what.split() else ""
    if verb.lower() in ("to", "will", "shall", "is to", "are to"):
        return ENGLISH_VERB_RE.match(what) is not None
    return len(first) > 2 and first[0].isalpha() and first[0].islower()


def _upper_first(text: str) -> str:
    text = text.strip().rstrip(".;, ")
    return text[:1].upper() + text[1:]


# --- From rows to items ----------------------------------------------------------------------

# The sentence where the action starts in a long cell of context and recommendation.
_ACTION_START_RE = re.compile(
    r"(?:^|[.;:]\s+|\s)(?:il\s+a\s+[ée]t[ée]\s+(?:recommand[ée]|d[ée]cid[ée]|convenu|"
    r"retenu|demand[ée])|il\s+est\s+(?:recommand[ée]|demand[ée])|recommandation\s*:|"
    r"d[ée]cision\s*:|action\s*:)\s*(?:(?:de|d'|que|à)\s+)?",
    re.IGNORECASE,
)
_LONG_CELL = 160
_MONTH_FR = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|"
    r"d[ée]cembre)"
)
_MONTH_EN = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|"
    r"december)"
)
_WEEKDAY = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_SUGGESTED_RE = re.compile(
    rf"\b(?:en|d'ici|avant|au plus tard|courant|fin|début|mi-?|le|pour le)\s+"
    rf"(?:(?:le\s+)?{_WEEKDAY}\s+)?(?:le\s+)?(?:\d{{1,2}}(?:er)?\s+){_MONTH_FR}(?:\s+\d{{4}})?"
    rf"|\b(?:en|d'ici|avant|courant|fin|début|mi-?)\s+{_MONTH_FR}(?:\s+\d{{4}})?"
    rf"|\b(?:on|by|before|until|for)\s+(?:the\s+)?(?:{_MONTH_EN}\s+\d{{1,2}}(?:st|nd|rd|th)?"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_EN}|(?:the\s+)?end\s+of\s+{_MONTH_EN}"
    rf"|next\s+week)",
    re.IGNORECASE,
)


_LABEL_ROW_RE = re.compile(
    r"^\W*(?:prochaine\s+r[ée]union|next\s+meeting|rapporteur|r[ée]dacteur|lieu|date|heure|"
    r"participants?|pr[ée]sents?|absents?|excus[ée]s|pr[ée]sidence|mod[ée]rat(?:eur|rice)|"
    r"secr[ée]tariat|ordre\s+du\s+jour|agenda|venue|chair|minutes\s+taken\s+by)\W*$",
    re.IGNORECASE,
)


def _items(found: _Row, owner_like: OwnerLike) -> list[MinutesItem]:
    row = found.row
    description, owners = row.description, row.owners_text
    if _LABEL_ROW_RE.match(description):  # "Prochaine réunion | mardi 2 mai": a label
        return []
    if owners is None:
        parens = _TRAILING_PARENS_RE.match(" ".join(description.split()))
        if parens and owner_like(parens["who"]):
            description, owners = parens["what"].strip(" ,;"), parens["who"]
    if owners is None:
        pieces = [_owned(piece, owner_like) for piece in _decision_pieces(description)]
        if len(pieces) > 1:
            return [
                MinutesItem(piece, who, row.deadline_text, 0, found.context, found.status)
                for piece, who in pieces
            ]
        owners = pieces[0][1]
    context = found.context
    if len(description) > _LONG_CELL:
        start = _action_start(description)
        if start:
            head, description = description[:start].strip(), description[start:].strip()
            description = description[:1].upper() + description[1:]
            context = "\n".join(p for p in (head, context) if p) or None
    suggested = None
    if not row.deadline_text:
        match = _SUGGESTED_RE.search(description) or _SUGGESTED_RE.search(context or "")
        suggested = match.group() if match else None
    return [
        MinutesItem(
            description,
            owners,
            row.deadline_text,
            0,
            context=context,
            status_text=found.status,
            suggested_deadline=suggested,
            follow_up=found.follow_up,
        )
    ]


def _owned(text: str, owner_like: OwnerLike) -> tuple[str, str | None]:
    """A cell that names no owner column may say who in its sentence: "UNICEF will engage
    a consultant", "David to present his findings". The sentence stays as written."""
    first = _SENTENCE_RE.split(" ".join(text.split()), maxsplit=1)[0]
    commit = _COMMITS_RE.match(first)
    if commit and _acts(commit["what"], commit["verb"]):
        who = _subject(commit["who"])
        if owner_like(who):
            return text, who
    recommends = _RECOMMENDS_RE.search(first)
    to = recommends and (recommends["to1"] or recommends["to2"])
    if to and owner_like(_subject(to)):  # "Il est recommandé aux membres du CP de ..."
        return text, _subject(to)
    return text, None


def _action_start(text: str) -> int | None:
    last = None
    for match in _ACTION_START_RE.finditer(text):
        last = match
    return last.end() if last is not None else None


def _decision_pieces(description: str) -> list[str]:
    """A cell of several bulleted recommendations is several decisions."""
    lines = [line for line in description.split("\n") if line.strip()]
    if len(lines) < 2 or lines[0].rstrip().endswith(":"):
        return [description]  # one, or one whose parts are listed after its colon
    pieces: list[str] = []
    for line in lines:
        if _BULLET_START_RE.match(line) or not pieces:
            pieces.append(_BULLET_START_RE.sub("", line).strip())
        else:
            pieces[-1] = f"{pieces[-1]} {line.strip()}"
    return pieces if len(pieces) > 1 else [description]


# --- The next meeting and the meeting's date ---------------------------------------------

_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-Þ])|\n+|\s*[•▪◦‣●■►➢]\s*")
_NEXT_MEETING_RE = re.compile(
    r"\bprochaine?s?\s+(?:reunion|rencontre|session)\b|\bnext\s+meeting\b"
)
_STARTS_WITH_IT_RE = re.compile(
    r"^\W*(?:(?:la\s+)?prochaine\s+(?:reunion|rencontre|session)|(?:the\s+)?next\s+meeting)\b"
)
# "... la prochaine réunion aura lieu le ...", "date de la prochaine réunion : 2 mai".
_SCHEDULED_RE = re.compile(
    r"\b(?:prochaine\s+(?:reunion|rencontre|session)|next\s+meeting)\b[^.]{0,40}?"
    r"(?:\b(?:aura lieu|se tiendra|se deroulera|est prevue|prevue|est fixee|fixee|"
    r"est programmee|programmee|will (?:be held|take place)|is scheduled)\b|\b(?:le|du|on)\s+\d|:)"
)


def next_meeting(texts: Sequence[str]) -> str | None:
    """The last sentence of the minutes that says when the next meeting is."""
    found: str | None = None
    for text in texts:
        folded_text = fold(text)
        if "prochain" not in folded_text and "next" not in folded_text:
            continue
        for sentence in _SENTENCE_SPLIT_RE.split(text):
            folded = fold(sentence)
            if not _NEXT_MEETING_RE.search(folded):
                continue
            # "Présenter X à la prochaine réunion" is an action, not the date of the meeting.
            if _STARTS_WITH_IT_RE.match(folded) or _SCHEDULED_RE.search(folded):
                found = " ".join(sentence.split())
    return found
