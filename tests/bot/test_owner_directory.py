"""Owners typed as coordinators know organisations find the directory's organisation, and
the bigger directory leaves group owners and unknown names as they were."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.resolve import owner_index, resolve_owners
from language.owners import OwnerIndex
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.models import OwnerKind
from storage.organisations import list_organisations

NOW = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)


@pytest.fixture
def index(db: Database) -> OwnerIndex:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-100123,
            name="Cluster Protection",
            short_name="CP",
            timezone="Africa/Bamako",
            now=NOW,
        )
        session.commit()
        return owner_index(session=session, cluster_id=cluster.id)


@pytest.fixture
def acronyms(db: Database) -> dict[int, str]:
    with db.session() as session:
        return {o.id: o.acronym for o in list_organisations(session=session)}


@pytest.mark.parametrize(
    ("typed", "acronym"),
    [
        # English names and acronyms
        ("WHO", "OMS"),
        ("World Health Organization", "OMS"),
        ("UNAIDS", "ONUSIDA"),
        ("UN Women", "ONU Femmes"),
        ("UNHCR", "HCR"),
        ("OHCHR", "HCDH"),
        ("ICRC", "CICR"),
        ("IFRC", "FICR"),
        ("Doctors Without Borders", "MSF"),
        # French names, typed without accents
        ("Organisation mondiale de la sante", "OMS"),
        ("Croix-Rouge malienne", "CRM"),
        ("Protection civile", "DGPC"),
        ("commissariat a la securite alimentaire", "CSA"),
        # Sections, country suffixes, a "UN" prefix, short forms of long names
        ("ACF-France", "ACF"),
        ("ACF Espagne", "ACF"),
        ("MSF Belgique", "MSF"),
        ("MSF-OCBA", "MSF"),
        ("CRS Mali", "CRS"),
        ("UNOCHA", "OCHA"),
        ("SCI", "Save the Children"),
        ("Save the Children", "Save the Children"),
        ("Handicap International", "HI"),
        ("DRDSES", "DNDS"),
        ("USAID/BHA", "USAID"),
        ("Coopération suisse", "DDC"),
        # As before: acronyms, and a typo in a name long enough to carry one
        ("OCHA", "OCHA"),
        ("OCAH", "OCHA"),
        ("Mercy Corp", "Mercy Corps"),
        ("UNDP", "PNUD"),
    ],
)
def test_an_organisation_is_found_by_any_of_its_names(
    index: OwnerIndex, acronyms: dict[int, str], typed: str, acronym: str
) -> None:
    resolution = resolve_owners([typed], index)
    assert resolution.unresolved == []
    [owner] = resolution.owners
    assert owner.kind == OwnerKind.ORGANISATION
    assert acronyms[owner.organisation_id or 0] == acronym


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("CCP", OwnerKind.COORDINATORS),
        ("Coordinateur CRP", OwnerKind.COORDINATORS),
        ("Partenaires du CRP", OwnerKind.ALL_MEMBERS),
        ("Acteurs Humanitaires", OwnerKind.ALL_MEMBERS),
        ("Zorglub", OwnerKind.UNLINKED),
        ("Oumou", OwnerKind.UNLINKED),  # a person not in the cluster yet, not an organisation
    ],
)
def test_group_owners_and_unknown_names_are_not_taken_for_organisations(
    index: OwnerIndex, typed: str, kind: OwnerKind
) -> None:
    resolution = resolve_owners([typed], index)
    assert [(o.kind, o.label) for o in resolution.owners] == [(kind, typed)]
