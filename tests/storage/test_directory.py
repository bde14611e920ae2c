"""The directory of organisations (storage/data/organisations.csv): what the file holds, and
how databases take it in without losing what coordinators added."""

from __future__ import annotations

import ast
import csv
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from language.owners import normalize
from storage.db import Database, make_engine
from storage.directory import (
    DIRECTORY_CSV,
    DirectoryChanges,
    DirectoryEntry,
    DirectoryError,
    apply_directory,
    load_directory,
)
from storage.errors import AlreadyExists
from storage.migrate import upgrade
from storage.models import OrganisationKind
from storage.organisations import create_organisation, list_organisations, remember_alias

MIGRATION_0002 = (
    Path(__file__).resolve().parents[2] / "storage/migrations/versions/0002_seed_organisations.py"
)

HEADER = "acronym,name_fr,name_en,variants,kind,source\n"


@pytest.fixture(scope="module")
def directory() -> dict[str, DirectoryEntry]:
    return {entry.acronym: entry for entry in load_directory()}


def _seeded_by_0002() -> list[tuple[str, str | None, list[str]]]:
    """Migration 0002's frozen list, read from its source without running it."""
    tree = ast.parse(MIGRATION_0002.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and ast.unparse(node.target) == "ORGANISATIONS":
            assert node.value is not None
            return list(ast.literal_eval(node.value))
    raise AssertionError("migration 0002 has no ORGANISATIONS")


def test_the_directory_holds_at_least_300_organisations(
    directory: dict[str, DirectoryEntry],
) -> None:
    assert len(directory) >= 300


def test_every_row_names_an_organisation_of_a_known_kind_and_says_where_it_comes_from() -> None:
    with DIRECTORY_CSV.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    kinds = {kind.value for kind in OrganisationKind}
    for row in rows:
        assert row["acronym"].strip(), row
        assert row["name_fr"].strip() or row["name_en"].strip(), row
        assert row["kind"] in kinds, row
        assert row["source"].strip(), row
    assert len({row["acronym"].casefold() for row in rows}) == len(rows)


def test_every_kind_of_organisation_is_represented(directory: dict[str, DirectoryEntry]) -> None:
    assert {entry.kind for entry in directory.values()} == set(OrganisationKind)


def test_no_name_belongs_to_two_organisations_as_the_owner_matcher_reads_names(
    directory: dict[str, DirectoryEntry],
) -> None:
    owners: dict[str, set[str]] = {}
    for entry in directory.values():
        for name in entry.names:
            owners.setdefault(normalize(name), set()).add(entry.acronym)
    assert {name: found for name, found in owners.items() if len(found) > 1} == {}


def test_the_organisations_of_migration_0002_keep_their_acronyms(
    directory: dict[str, DirectoryEntry],
) -> None:
    seeded = _seeded_by_0002()
    assert len(seeded) == 32
    for acronym, _full_name, aliases in seeded:
        assert acronym in directory
        # What 0002 taught the bot, the directory still knows.
        assert {normalize(a) for a in aliases} <= {normalize(n) for n in directory[acronym].names}


# Words an owner could be confused with: a two-letter name must not be one of them.
_SHORT_WORDS = {
    "au", "du", "de", "la", "le", "un", "en", "et", "ou", "si", "eu", "il", "on", "ne", "ni",
    "sa", "se", "ma", "ta", "me", "te", "as", "at", "be", "by", "do", "go", "he", "if", "in",
    "is", "it", "my", "no", "of", "or", "so", "to", "up", "us", "we", "an", "am",
}  # fmt: skip


def test_no_short_name_is_a_word(directory: dict[str, DirectoryEntry]) -> None:
    short = {normalize(n) for entry in directory.values() for n in entry.names if len(n) <= 2}
    assert short & _SHORT_WORDS == set()


@pytest.mark.parametrize(
    ("acronym", "names"),
    [
        ("OMS", {"WHO", "Organisation mondiale de la santé", "World Health Organization"}),
        ("FAO", {"Food and Agriculture Organization of the United Nations"}),
        ("UNESCO", {"Organisation des Nations Unies pour l'éducation, la science et la culture"}),
        ("ONUSIDA", {"UNAIDS", "Joint United Nations Programme on HIV/AIDS"}),
        ("HCDH", {"OHCHR"}),
        ("UNOPS", {"United Nations Office for Project Services"}),
        ("UNMAS", {"United Nations Mine Action Service"}),
        ("PNUD", {"UNDP"}),
        ("HCR", {"UNHCR"}),
        ("PAM", {"WFP"}),
        ("OIM", {"IOM"}),
        ("ONU Femmes", {"UN Women"}),
        ("CICR", {"ICRC", "International Committee of the Red Cross"}),
        ("FICR", {"IFRC"}),
        ("CRM", {"Croix-Rouge malienne"}),
        ("ACF", {"ACF-France", "ACF-Espagne", "Action contre la faim", "Action Against Hunger"}),
        ("MSF", {"MSF Belgique", "MSF Espagne", "MSF France", "MSF Suisse"}),
        ("CRS", {"CRS Mali", "Catholic Relief Services"}),
        ("Save the Children", {"SCI", "Save the Children International"}),
        ("HI", {"Handicap International", "Humanité & Inclusion"}),
        ("DNDS", {"DRDS", "DRDSES"}),
        ("DGPC", {"Protection civile"}),
        ("CSA", {"Commissariat à la sécurité alimentaire"}),
        ("ECHO", {"DG ECHO"}),
        ("USAID", {"USAID/BHA", "BHA"}),
        ("DDC", {"Coopération suisse", "SDC"}),
        ("FEWS NET", {"Famine Early Warning Systems Network"}),
    ],
)
def test_the_directory_knows_an_organisation_by_its_names(
    directory: dict[str, DirectoryEntry], acronym: str, names: set[str]
) -> None:
    assert names <= set(directory[acronym].names)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("acronym,name_fr,kind,source\nOMS,Organisation mondiale de la santé,un,x\n", "missing"),
        (HEADER + ",Organisation mondiale de la santé,,,un,x\n", "no acronym"),
        (HEADER + "OMS,,,WHO,un,x\n", "neither a French nor an English name"),
        (HEADER + "OMS,Organisation mondiale de la santé,,,agency,x\n", "unknown kind"),
        (HEADER + "OMS,Organisation mondiale de la santé,,,un,\n", "where its facts"),
        (HEADER + "OMS,Organisation mondiale,,WHO,un,x\nWHO,Whatever,,,ngo,x\n", "names both"),
        (HEADER + "ONU Femmes,ONU Femmes,,,un,x\nONU-Femmes,Autre,,,un,x\n", "names both"),
    ],
)
def test_a_file_that_is_not_a_directory_is_refused_saying_why(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "organisations.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DirectoryError, match=problem):
        load_directory(path)


def test_variants_are_read_trimmed_and_once(tmp_path: Path) -> None:
    path = tmp_path / "organisations.csv"
    path.write_text(HEADER + "OMS,Organisation,, WHO | |WHO|World  Health ,un,x\n", "utf-8")
    (entry,) = load_directory(path)
    assert entry.variants == ("WHO", "World Health")
    assert entry.names == ("OMS", "Organisation", "WHO", "World Health")


# --- Loading it into a database ---------------------------------------------------------------


def _organisations(engine: sa.Engine) -> dict[str, dict[str, Any]]:
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT * FROM organisation")).mappings().all()

    # JSON columns decoded (SQLite's driver gives their text, psycopg the values); before
    # 0007 there are no variants.
    def decoded(value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    return {
        row["acronym"]: {
            **row,
            "aliases": decoded(row["aliases"]),
            "variants": decoded(row.get("variants") or "[]"),
        }
        for row in rows
    }


def test_a_new_database_holds_the_directory(empty_database_url: str) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine)

    organisations = _organisations(engine)
    assert set(organisations) == {entry.acronym for entry in load_directory()}
    oms = organisations["OMS"]
    assert (oms["full_name"], oms["english_name"], oms["kind"], oms["from_directory"]) == (
        "Organisation mondiale de la santé",
        "World Health Organization",
        "un",
        1,
    )
    assert "WHO" in oms["variants"]
    # What migration 0002 seeded stays as it was: aliases the directory does not own.
    assert "UNDP" in organisations["PNUD"]["aliases"]


def test_upgrading_keeps_what_coordinators_added_and_merges_what_the_directory_knows(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine, "0006")
    with engine.begin() as c:
        insert = sa.text(
            "INSERT INTO organisation (acronym, full_name, aliases) VALUES (:a, :f, :al)"
        )
        c.execute(insert, {"a": "OMS", "f": "OMS Mali", "al": '["OMS Bamako"]'})
        c.execute(insert, {"a": "SCI", "f": "Save the Children", "al": "[]"})
        c.execute(insert, {"a": "Croix-Rouge burkinabe", "f": None, "al": "[]"})
        c.execute(insert, {"a": "Zorglub", "f": "Zorglub et associés", "al": '["ZRG"]'})
        c.execute(
            sa.text("UPDATE organisation SET aliases = :al WHERE acronym = 'PNUD'"),
            {"al": '["UNDP", "United Nations Development Programme", "Pnud Gao"]'},
        )
    before = {acronym: row["id"] for acronym, row in _organisations(engine).items()}

    upgrade(engine)

    after = _organisations(engine)
    assert len(after) == len(load_directory()) + 1  # the directory, and Zorglub
    # Created before the directory knew it: the same row, now the directory's, its name kept.
    oms = after["OMS"]
    assert oms["id"] == before["OMS"]
    assert (oms["full_name"], oms["from_directory"]) == ("Organisation mondiale de la santé", 1)
    assert oms["aliases"] == ["OMS Bamako", "OMS Mali"]
    # Created under one of its variants: merged, the acronym they typed stays an alias.
    save = after["Save the Children"]
    assert save["id"] == before["SCI"]
    assert save["aliases"] == ["SCI"]
    assert "SCI" not in after
    # Accents aside, the same acronym.
    assert after["Croix-Rouge burkinabè"]["id"] == before["Croix-Rouge burkinabe"]
    # Unknown to the directory: untouched.
    zorglub = after["Zorglub"]
    assert (zorglub["full_name"], zorglub["aliases"], zorglub["kind"]) == (
        "Zorglub et associés",
        ["ZRG"],
        None,
    )
    assert zorglub["from_directory"] == 0
    # A name a coordinator linked to a pre-loaded organisation stays.
    assert "Pnud Gao" in after["PNUD"]["aliases"]


def _link(db: Database, acronym: str, alias: str) -> None:
    """A coordinator links a name to the organisation, as bot.handlers.linking does."""
    with db.session() as session:
        org = next(o for o in list_organisations(session=session) if o.acronym == acronym)
        remember_alias(session=session, organisation_id=org.id, member_id=None, alias=alias)
        session.commit()


def test_applying_the_directory_again_changes_nothing_and_keeps_linked_names(
    db: Database,
) -> None:
    _link(db, "PNUD", "Pnud Gao")
    before = _organisations(db.engine)

    with db.engine.begin() as connection:
        changes = apply_directory(connection=connection, entries=load_directory())

    assert changes == DirectoryChanges(added=0, updated=0, merged=0)
    assert _organisations(db.engine) == before
    assert "Pnud Gao" in before["PNUD"]["aliases"]


def test_a_later_directory_updates_its_organisations_and_adds_new_ones(db: Database) -> None:
    _link(db, "DNS", "Santé")
    before = _organisations(db.engine)
    entries = [e for e in load_directory() if e.acronym not in {"Merlin", "DNS"}]
    oms = next(e for e in entries if e.acronym == "OMS")
    entries[entries.index(oms)] = replace(oms, variants=("WHO", "OMS Mali"))
    entries += [
        # DNS renamed: the former acronym among the variants finds the organisation.
        DirectoryEntry(
            "DGSHP", "Direction générale de la santé et de l'hygiène publique", None,
            ("DNS",), OrganisationKind.GOVERNMENT, "test",
        ),
        DirectoryEntry("ZZTEST", "Organisation de test", None, (), OrganisationKind.NGO, "test"),
    ]  # fmt: skip

    with db.engine.begin() as connection:
        changes = apply_directory(connection=connection, entries=entries)

    assert changes == DirectoryChanges(added=1, updated=2, merged=0)
    after = _organisations(db.engine)
    assert after["OMS"]["variants"] == ["WHO", "OMS Mali"]
    assert after["DGSHP"]["id"] == before["DNS"]["id"]
    assert after["DGSHP"]["aliases"] == ["Santé"]
    assert "DNS" not in after
    assert after["ZZTEST"]["from_directory"] == 1
    # Left out of the file: kept, since actions and members may name it.
    assert after["Merlin"] == before["Merlin"]


@pytest.mark.parametrize(
    ("acronym", "existing"),
    [
        ("ocha", "OCHA"),
        ("WHO", "OMS"),
        ("UN Women", "ONU Femmes"),
        ("Croix-Rouge Burkinabe", "Croix-Rouge burkinabè"),
        ("Welthungerhilfe", "WHH"),
        ("Plan", "Plan International"),
    ],
)
def test_an_organisation_the_directory_knows_is_not_created_again(
    db: Database, acronym: str, existing: str
) -> None:
    with db.session() as session, pytest.raises(AlreadyExists, match=rf"^{re.escape(existing)}$"):
        create_organisation(session=session, acronym=acronym, full_name=None)
