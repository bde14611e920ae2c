"""The directory of organisations shipped with the code, and how a database takes it in.

The directory is storage/data/organisations.csv (storage/data/README.md says where its facts
come from and how to update it). Migrations apply it: 0007 first, then one new migration each
time the file changes, since a migration runs once per database.

Applying it adds the organisations a database lacks and brings the directory's own facts
(names, variants, kind) up to date. It never deletes a row or an alias, and never touches an
organisation the directory does not name. An organisation coordinators created under an
acronym the directory knows (its acronym, case and accents aside, or one of its other names)
is merged into the directory's entry rather than doubled; what they called it stays an alias.

Written with SQLAlchemy Core against the columns of migration 0007, not with the ORM models,
so that the migrations calling it keep working whatever the models become. A later migration
that changes one of these columns must first copy this module into the migrations that use it.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

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


# The organisation table as migration 0007 leaves it.
_ORGANISATION = sa.table(
    "organisation",
    sa.column("id", sa.Integer),
    sa.column("acronym", sa.String),
    sa.column("full_name", sa.String),
    sa.column("english_name", sa.String),
    sa.column("kind", sa.String),
    sa.column("variants", sa.JSON),
    sa.column("aliases", sa.JSON),
    sa.column("from_directory", sa.Boolean),
)


@dataclass(frozen=True)
class DirectoryChanges:
    added: int  # organisations the database did not have
    updated: int  # directory organisations whose facts changed
    merged: int  # organisations coordinators had created, now the directory's


def apply_directory(
    *, connection: Connection, entries: Sequence[DirectoryEntry]
) -> DirectoryChanges:
    """Bring the organisations in line with the directory. Idempotent: applying the same
    entries twice changes nothing the second time."""
    table = _ORGANISATION
    selected = connection.execute(sa.select(table).order_by(table.c.id)).mappings()
    rows: list[dict[str, Any]] = [dict(row) for row in selected]
    by_acronym: dict[str, list[Mapping[str, Any]]] = {}
    for found in rows:
        by_acronym.setdefault(name_key(found["acronym"]), []).append(found)
    claimed: set[int] = set()
    added: list[dict[str, Any]] = []
    updated = merged = 0
    for entry in entries:
        row = _existing(entry, by_acronym, claimed)
        if row is None:
            added.append({**_directory_facts(entry), "aliases": []})
            continue
        claimed.add(row["id"])
        changes = _changes(entry, row)
        if changes:
            connection.execute(sa.update(table).where(table.c.id == row["id"]).values(changes))
            if row["from_directory"]:
                updated += 1
            else:
                merged += 1
    if added:
        connection.execute(sa.insert(table), added)
    return DirectoryChanges(added=len(added), updated=updated, merged=merged)


def _existing(
    entry: DirectoryEntry, by_acronym: Mapping[str, list[Mapping[str, Any]]], claimed: set[int]
) -> Mapping[str, Any] | None:
    """The organisation this entry is: the one with its acronym (the exact spelling first),
    else the one whose acronym is another of its names (a variant, or a former acronym)."""
    for name in entry.names:
        rows = [r for r in by_acronym.get(name_key(name), ()) if r["id"] not in claimed]
        if rows:
            return next((r for r in rows if r["acronym"] == entry.acronym), rows[0])
    return None


def _directory_facts(entry: DirectoryEntry) -> dict[str, Any]:
    return {
        "acronym": entry.acronym,
        "full_name": entry.name_fr or entry.name_en,
        "english_name": entry.name_en,
        "kind": entry.kind.value,
        "variants": list(entry.variants),
        "from_directory": True,
    }


def _changes(entry: DirectoryEntry, row: Mapping[str, Any]) -> dict[str, Any]:
    facts = _directory_facts(entry)
    aliases = list(row["aliases"] or [])
    if not row["from_directory"]:
        # Coordinators' own organisation: the acronym and name they gave it stay as aliases
        # wherever the directory spells them otherwise, so they still find it as they wrote it.
        kept = {
            name_key(n) for n in (facts["acronym"], facts["full_name"], facts["english_name"]) if n
        }
        kept |= {name_key(a) for a in aliases}
        for own in (row["acronym"], row["full_name"]):
            if own and name_key(own) not in kept:
                aliases.append(own)
                kept.add(name_key(own))
    wanted = {**facts, "aliases": aliases}
    return {column: value for column, value in wanted.items() if row[column] != value}
