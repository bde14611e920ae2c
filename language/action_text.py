"""Split the body of the ``/action`` command into description, owners and deadline.

Coordinators type actions the way they write minutes, e.g.::

    Rédiger une note sur la situation de protection — OCHA, CCP — 25 octobre
    Partager les indicateurs resp: CCP échéance: 25 octobre
    Faire la cartographie des acteurs ; responsable : OCHA ; pour le 31 octobre
    Réviser les chiffres d'ici vendredi resp: Coordinateur CRP

Rules, in the order they are applied:

1. The text is cut into *segments* at an em dash "—", an en dash "–", a hyphen with
   whitespace on both sides (" - ", so "OCHA-CCP" and "mi-mai" are untouched), ";" and
   new lines.
2. Inside a segment, *strong labels* start a labelled piece that runs to the next label or
   the end of the segment: ``resp:``/``responsable(s):``/``resp.``/``owner(s):`` for owners,
   ``échéance:``/``délai:``/``date limite:``/``deadline:``/``due:`` for the deadline (any
   spacing before the colon, accents optional). The label itself is dropped. A label left
   alone at the end of its segment ("Responsables ;" then "CCP") labels the next segment.
3. Unlabelled pieces fill, in order, the description and the slots not filled by a label
   (owners, then deadline). When both slots are open and only one piece is left, it is the
   deadline if ``is_deadline`` says so, else the owners. When only the deadline slot is open
   and the last piece is not a deadline, it goes back into the description. Extra pieces
   belong to the description (it is the part most likely to contain a dash or ";"), which
   is then the original text from its first to its last piece, separators included.
4. Only if steps 2-3 gave no deadline, *weak labels* are tried: ``d'ici``, ``pour le``,
   ``avant le``, ``by``. These are ordinary words ("Plaidoyer pour le redéploiement ..."),
   so the phrase from the weak label to the end of its piece (or the next label) is taken
   as the deadline only when ``is_deadline`` accepts it, it is at most
   ``_MAX_DEADLINE_WORDS`` words long and no clause word ("et", "puis", "afin", ...)
   follows the label ("d'ici vendredi et partager les données" stays in the description).
   The rightmost accepted phrase wins and step 3 is redone without it. The phrase keeps
   its label ("d'ici vendredi") so the date parser sees the whole expression.
5. When the caller knows the owners' names and owners or deadline are still missing, the
   last comma-separated parts of the description are read: the last one is the deadline if
   ``is_deadline`` accepts it, the one before (or the last) the owners if every name in
   it is known.

The description is never rewritten: emoji, ``< > & * _`` and inner spacing are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

__all__ = ["ActionParts", "split_action_text", "split_owners"]


@dataclass(frozen=True)
class ActionParts:
    description: str
    """Stripped; ``""`` when the message had no description."""
    owners: tuple[str, ...]
    """Owner names as typed, split with :func:`split_owners`, stripped, no empties."""
    deadline_text: str | None
    """The deadline as typed (stripped), ``None`` when absent."""


# A deadline phrase longer than this is prose, not a date: bounding it also bounds the
# work handed to ``is_deadline`` (a date parser can be slow) on long messages.
_MAX_DEADLINE_WORDS = 10

# Accents are optional and may arrive decomposed (e + U+0301) from some keyboards.
_E = "[eéèê]\u0301?"

_SEGMENT_SEP_RE = re.compile(r"[—–;\n\r]|(?<=\s)-(?=\s)")

_STRONG_LABEL_RE = re.compile(
    r"(?<!\w)(?:"
    r"(?P<owners>(?:resp(?:onsables?|onsable\(s\))?|owners?)\s*+:|resp\.\s*+:?)"
    r"|(?P<deadline>(?:" + _E + r"ch" + _E + r"ances?|d" + _E + r"lais?|date\s+limite"
    r"|deadline|due)\s*+:)"
    r")",
    re.IGNORECASE,
)

# A segment holding nothing but a label word ("Responsables", "Échéance :") labels the
# next segment: the minutes write "Responsables ;CCP" and "Responsables/ OCHA-CCP".
_BARE_LABEL_RE = re.compile(
    r"^\s*(?:(?P<owners>resp(?:onsables?|onsable\(s\))?\.?|owners?)"
    r"|(?P<deadline>" + _E + r"ch" + _E + r"ances?|d" + _E + r"lais?|date\s+limite"
    r"|deadline|due))\s*+[:/.]?\s*$",
    re.IGNORECASE,
)

_WEAK_DEADLINE_RE = re.compile(
    r"(?<!\w)(?:d['’ʼ]\s*ici|pour\s+le|avant\s+le|by)(?!\w)",
    re.IGNORECASE,
)

# Words that start a new clause and never occur inside a deadline after a weak label.
_CLAUSE_WORD_RE = re.compile(
    r"(?<!\w)(?:et|puis|afin|avec|pour|and|then|with)(?!\w)", re.IGNORECASE
)

# Bullets that phones and copied minutes put at the start of a line.
_BULLET_RE = re.compile(r"^(?:[•▪◦‣·]|-(?=\s))\s*")

_Kind = Literal["text", "owners", "deadline"]


@dataclass
class _Piece:
    kind: _Kind
    start: int
    end: int


def split_action_text(
    text: str,
    *,
    is_deadline: Callable[[str], bool],
    known_owner: Callable[[str], bool] | None = None,
) -> ActionParts:
    """Split an ``/action`` body into description, owners and deadline text.

    ``known_owner`` (whether a name is a known organisation, person or group) lets the
    owners and the deadline also be read after commas, as people write a sentence: "Mettre
    à jour la matrice 3W, pam et acf, dans 2 semaines" (step 5)."""
    pieces = _labelled_pieces(text)
    parts = _assign(text, pieces, is_deadline, known_owner)
    # Weak labels are ordinary words, so they are only looked for when the labels and the
    # positions gave no deadline: "Préparer X pour le 25 — OCHA — 30 octobre" keeps
    # "pour le 25" in the description.
    if parts.deadline_text is None and _cut_weak_deadline(text, pieces, is_deadline):
        parts = _assign(text, pieces, is_deadline, known_owner)
    if known_owner is not None and (not parts.owners or parts.deadline_text is None):
        parts = _comma_tail(parts, is_deadline, known_owner)
    return parts


def _comma_tail(
    parts: ActionParts, is_deadline: Callable[[str], bool], known: Callable[[str], bool]
) -> ActionParts:
    """Step 5: the missing deadline, then the missing owners, read from the last
    comma-separated parts of the description. Owners are taken only when every name of
    the part is known, so a clause after a comma stays in the description."""
    chunks = parts.description.split(",")
    owners, deadline = list(parts.owners), parts.deadline_text
    if deadline is None and len(chunks) > 1 and is_deadline(chunks[-1].strip()):
        deadline = chunks.pop().strip()
    if not owners and len(chunks) > 1:
        names = split_owners(chunks[-1], known=known)
        if names and all(known(name) for name in names):
            owners = list(names)
            chunks.pop()
    description = ",".join(chunks).strip().rstrip(",").strip()
    return ActionParts(description, tuple(owners), deadline)


def _assign(
    text: str,
    pieces: list[_Piece],
    is_deadline: Callable[[str], bool],
    known: Callable[[str], bool] | None,
) -> ActionParts:
    owners: list[str] = []
    deadline: str | None = None
    unlabelled: list[_Piece] = []
    for piece in pieces:
        content = _clean(text, piece)
        if not content:
            continue
        if piece.kind == "owners":
            owners.extend(split_owners(content, known=known))
        elif piece.kind == "deadline":
            # Two deadlines in one message is a typo; the first one typed is kept.
            if deadline is None:
                deadline = content
        else:
            unlabelled.append(piece)

    if not unlabelled:
        return ActionParts(description="", owners=tuple(owners), deadline_text=deadline)

    description_pieces = unlabelled[:1]
    rest = unlabelled[1:]
    owners_piece: _Piece | None = None
    deadline_piece: _Piece | None = None

    if not owners and deadline is None:
        if len(rest) == 1:
            if is_deadline(_clean(text, rest[0])):
                deadline_piece = rest[0]
            else:
                owners_piece = rest[0]
        elif len(rest) >= 2:
            owners_piece, deadline_piece = rest[-2], rest[-1]
            description_pieces += rest[:-2]
    elif not owners and rest:
        owners_piece = rest[-1]
        description_pieces += rest[:-1]
    elif deadline is None and rest and is_deadline(_clean(text, rest[-1])):
        deadline_piece = rest[-1]
        description_pieces += rest[:-1]
    else:
        # Nothing left to fill: a stray dash or ";" was part of the description.
        description_pieces += rest

    if owners_piece is not None:
        owners.extend(split_owners(_clean(text, owners_piece), known=known))
    if deadline_piece is not None:
        deadline = _clean(text, deadline_piece)

    first, last = description_pieces[0], description_pieces[-1]
    description = _clean(text, _Piece("text", first.start, last.end))
    return ActionParts(description=description, owners=tuple(owners), deadline_text=deadline)


def _segments(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SEGMENT_SEP_RE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _labelled_pieces(text: str) -> list[_Piece]:
    pieces: list[_Piece] = []
    pending: _Kind | None = None  # label waiting for the next segment's text
    for seg_start, seg_end in _segments(text):
        segment = text[seg_start:seg_end]
        if not segment.strip():
            continue
        bare = _BARE_LABEL_RE.match(segment)
        if bare is not None:
            pending = "owners" if bare.group("owners") else "deadline"
            continue
        seg_pieces: list[_Piece] = []
        kind: _Kind = pending or "text"
        pending = None
        cursor = seg_start
        for label in _STRONG_LABEL_RE.finditer(text, seg_start, seg_end):
            seg_pieces.append(_Piece(kind, cursor, label.start()))
            kind = "owners" if label.group("owners") else "deadline"
            cursor = label.end()
        seg_pieces.append(_Piece(kind, cursor, seg_end))
        last = seg_pieces[-1]
        if last.kind != "text" and not _clean(text, last):
            # "Faire X ; responsable : ; OCHA": the label's content is in the next segment.
            pending = last.kind
        pieces.extend(seg_pieces)
    return pieces


def _cut_weak_deadline(text: str, pieces: list[_Piece], is_deadline: Callable[[str], bool]) -> bool:
    """Cut the rightmost accepted weak-label phrase out of its piece, in place."""
    for index in range(len(pieces) - 1, -1, -1):
        piece = pieces[index]
        if piece.kind == "deadline":
            continue
        matches = list(_WEAK_DEADLINE_RE.finditer(text, piece.start, piece.end))
        for match in reversed(matches):
            phrase = text[match.start() : piece.end].strip()
            if len(phrase.split()) > _MAX_DEADLINE_WORDS:
                # Earlier matches only give longer phrases.
                break
            if _CLAUSE_WORD_RE.search(text, match.end(), piece.end):
                # "d'ici vendredi et partager les données": the date parser would accept
                # it, but the rest of the sentence belongs to the description.
                continue
            if is_deadline(phrase):
                pieces.insert(index + 1, _Piece("deadline", match.start(), piece.end))
                piece.end = match.start()
                return True
    return False


def _clean(text: str, piece: _Piece) -> str:
    # Commas next to a label ("Partager X, resp: CCP, échéance: ...") are punctuation of
    # the sentence, not of the part.
    content = text[piece.start : piece.end].strip().strip(",").strip()
    return _BULLET_RE.sub("", content, count=1).strip()


# --- owners ---------------------------------------------------------------------------

_OWNER_LABEL_RE = re.compile(
    r"^\s*(?:resp(?:onsables?|onsable\(s\))?|owners?)\s*(?:[:/;.]|$)\s*"
    r"|^\s*resp\.\s*",
    re.IGNORECASE,
)

# "Partenaires du CRP avec l'appui du Coordinateur CRP": the supporting owner is an owner.
# No surrounding \s*: the pieces are stripped anyway, and leading \s* would make the scan
# quadratic over long runs of spaces.
_OWNER_SEP_RE = re.compile(
    r"[,/;&+\n|•▪]|(?<!\w)(?:et|and)(?!\w)"
    r"|(?<!\w)avec\s+l['’ʼ]\s*appui\s+(?:de\s+l['’ʼ]|d['’ʼ]|(?:du|des|de\s+la|de)(?!\w))",
    re.IGNORECASE,
)

# The pairs people write: "OCHA/UNICEF", "OCHA - CCP", "DRS-Ségou" (a place: one name).
_PAIR_SEP_RES = (re.compile(r"\s*/\s*"), re.compile(r"\s*-\s*"))

# A hyphen (spaces allowed around it) with the whole words on both sides; the lookbehind
# and possessive quantifiers keep this linear on long or odd input.
_WORD_HYPHEN_RE = re.compile(r"(?<![^\s-])(?P<left>[^\s-]++)\s*+-\s*+(?=(?P<right>[^\s-]++))")
# An acronym: 2-6 capital letters or digits, at least one letter ("OCHA", "CCP", "3AG").
_ACRONYM_RE = re.compile(r"(?=\d*[A-Z])[A-Z\d]{2,6}")

# Hyphenated names that are one organisation even though both halves are acronyms.
_HYPHENATED_ORGANISATIONS = frozenset({("ABA", "ROLI")})
# Capitalised place names after a hyphen name a branch ("ACF-ESPAGNE", "MSF-FRANCE").
_PLACE_SUFFIXES = frozenset(
    {"MALI", "FRANCE", "SPAIN", "ESPAGNE", "SUISSE", "BELGIQUE", "USA", "UK", "NL", "CH"}
)

# Markdown emphasis and bullets copied from the minutes ("**CCP**") are never part of a name.
_OWNER_TRIM = " \t\r\n*_•▪-.:"


def split_owners(text: str, *, known: Callable[[str], bool] | None = None) -> tuple[str, ...]:
    """Split an owners field into names.

    Separators: ``,`` ``/`` ``;`` ``&`` ``+`` ``et``/``and`` as words, new lines, and
    "avec l'appui du/de la/de l'/des". Never inside parentheses: "UNICEF (WASH, Nutrition)"
    is one owner, its sections kept as written. A leading label ("Responsables :",
    "Responsable/", "Resp.") is dropped.

    ``known`` tells whether a name is a known owner. Given it, "A/B" and "A-B" are two
    owners only when both halves are known ("OCHA/UNICEF", "OCHA-CCP"); otherwise the whole
    stays one name, to be flagged ("DRS-Ségou", an unknown pair). Without it, a slash always
    separates and a hyphen separates only two acronyms (2-6 capitals or digits, e.g.
    "OCHA-CCP"), except known hyphenated organisations ("ABA-ROLI") and branch suffixes
    ("ACF-ESPAGNE"); "Jean-Luc" and "ACF-Espagne" stay whole.
    """
    owners: list[str] = []
    # The label goes first: its own punctuation ("Responsable/") is also a separator.
    text = _OWNER_LABEL_RE.sub("", text.strip(_OWNER_TRIM), count=1)
    for chunk in _outside_parentheses(text, slash=known is None):
        chunk = _OWNER_LABEL_RE.sub("", chunk.strip(_OWNER_TRIM), count=1)
        pieces = [chunk] if known is not None else _split_acronym_hyphens(chunk)
        for name in pieces:
            name = name.strip(_OWNER_TRIM)
            if name:
                owners.extend(_split_pair(name, known) if known is not None else [name])
    return tuple(owners)


def _outside_parentheses(text: str, *, slash: bool) -> list[str]:
    """The chunks between separators; a separator inside parentheses does not count, and
    a slash only when ``slash`` (else :func:`_split_pair` decides)."""
    depth, depths = 0, []
    for char in text:
        depth = depth + 1 if char == "(" else max(0, depth - 1) if char == ")" else depth
        depths.append(depth)
    chunks: list[str] = []
    start = 0
    for match in _OWNER_SEP_RE.finditer(text):
        inside = depths[match.start()] > 0 and text[match.start()] != "("
        if inside or (not slash and match.group() == "/"):
            continue
        chunks.append(text[start : match.start()])
        start = match.end()
    chunks.append(text[start:])
    return chunks


def _split_pair(name: str, known: Callable[[str], bool]) -> list[str]:
    """ "A/B" or "A-B" as two owners when both are known; else the name whole."""
    for separator in _PAIR_SEP_RES:
        parts = [part.strip(_OWNER_TRIM) for part in separator.split(name)]
        if len(parts) > 1 and all(parts) and all(known(part) for part in parts):
            return parts
    return [name]


def _split_acronym_hyphens(chunk: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for hyphen in _WORD_HYPHEN_RE.finditer(chunk):
        left_word, right_word = hyphen.group("left"), hyphen.group("right")
        if (
            _ACRONYM_RE.fullmatch(left_word)
            and _ACRONYM_RE.fullmatch(right_word)
            and (left_word, right_word) not in _HYPHENATED_ORGANISATIONS
            and right_word not in _PLACE_SUFFIXES
        ):
            parts.append(chunk[start : hyphen.start("left") + len(left_word)])
            start = hyphen.end()
    parts.append(chunk[start:])
    return parts
