"""The directory of organisations shipped with the code: storage/data/organisations.csv.

storage/data/README.md says where its facts come from and how to update it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from storage.models import OrganisationKind

DIRECTORY_CSV = Path(__file__).resolve().parent / "data" / "organisations.csv"
COLUMNS = ("acronym", "name_fr", "name_en", "variants", "kind", "source")
VARIANT_SEPARATOR = "|"

_NON_WORD_RE = re.compile(r"[\W_]+")


class DirectoryError(ValueError):
    """The file cannot be read as a directory; the message says where and why."""


@dataclass(frozen=True)
class DirectoryEntry:
    acronym: str  # the short name coordinators write, French where there is one
    name_fr: str | None
    name_en: str | None
    variants: tuple[str, ...]  # other acronyms and spellings
    kind: OrganisationKind
    source: str  # where its facts come from

    @property
    def names(self) -> tuple[str, ...]:
        """Every name it answers to, the acronym first."""
        return (self.acronym, *(n for n in (self.name_fr, self.name_en) if n), *self.variants)


def name_key(text: str) -> str:
    """How names compare: case, accents and punctuation aside ("ONU-Femmes" is "onu femmes").

    The owner matcher normalizes the same way (language.owners.normalize), which storage may
    not import."""
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", text).casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NON_WORD_RE.sub(" ", bare).split())


def load_directory(path: Path = DIRECTORY_CSV) -> list[DirectoryEntry]:
    """Read and check the file: every row valid, no name shared by two organisations."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        missing = sorted(set(COLUMNS) - set(reader.fieldnames or ()))
        if missing:
            raise DirectoryError(f"{path.name}: missing columns {', '.join(missing)}")
        entries = [_entry(row, f"{path.name}:{reader.line_num}") for row in reader]
    _check_names_are_unique(entries, path.name)
    return entries


def _entry(row: Mapping[str, str | None], where: str) -> DirectoryEntry:
    def text(column: str) -> str:
        return " ".join((row.get(column) or "").split())

    acronym, name_fr, name_en, source = (
        text(c) for c in ("acronym", "name_fr", "name_en", "source")
    )
    if not acronym:
        raise DirectoryError(f"{where}: no acronym")
    if not name_fr and not name_en:
        raise DirectoryError(f"{where}: {acronym} has neither a French nor an English name")
    if not source:
        raise DirectoryError(f"{where}: {acronym} does not say where its facts come from")
    try:
        kind = OrganisationKind(text("kind"))
    except ValueError:
        raise DirectoryError(f"{where}: {acronym} has an unknown kind {text('kind')!r}") from None
    variants = (" ".join(v.split()) for v in text("variants").split(VARIANT_SEPARATOR))
    return DirectoryEntry(
        acronym=acronym,
        name_fr=name_fr or None,
        name_en=name_en or None,
        variants=tuple(dict.fromkeys(v for v in variants if v)),
        kind=kind,
        source=source,
    )


def _check_names_are_unique(entries: Sequence[DirectoryEntry], file_name: str) -> None:
    # A name two organisations answer to would make every owner typed with it ambiguous, and
    # would leave unclear which of them a coordinator's organisation of that name merges into.
    owner: dict[str, str] = {}
    for entry in entries:
        for name in entry.names:
            key = name_key(name)
            if not key:
                raise DirectoryError(f"{file_name}: {entry.acronym} has an empty name {name!r}")
            other = owner.setdefault(key, entry.acronym)
            if other != entry.acronym:
                raise DirectoryError(
                    f"{file_name}: {name!r} names both {other} and {entry.acronym}"
                )
