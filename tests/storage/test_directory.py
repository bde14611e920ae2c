"""The directory of organisations (storage/data/organisations.csv): what the file holds."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pytest

from language.owners import normalize
from storage.directory import DIRECTORY_CSV, DirectoryEntry, DirectoryError, load_directory
from storage.models import OrganisationKind

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
