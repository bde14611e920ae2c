"""Organisations and which clusters they belong to."""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Insert, bindparam, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.directory import name_key
from storage.errors import AlreadyExists
from storage.models import ClusterOrganisation, Member, Organisation, OrganisationKind
from storage.views import OrganisationView


def organisation_view(org: Organisation) -> OrganisationView:
    assert org.id is not None
    return _view_of(
        org.id, org.acronym, org.full_name, org.aliases, org.english_name, org.variants, org.kind
    )


def _view_of(
    organisation_id: int,
    acronym: str,
    full_name: str | None,
    aliases: list[str],
    english_name: str | None,
    variants: list[str],
    kind: str | None,
) -> OrganisationView:
    return OrganisationView(
        id=organisation_id,
        acronym=acronym,
        full_name=full_name,
        aliases=tuple(aliases),
        english_name=english_name,
        variants=tuple(variants),
        kind=OrganisationKind(kind) if kind else None,
    )


def list_organisations(*, session: Session) -> list[OrganisationView]:
    rows = session.exec(select(Organisation).order_by(col(Organisation.acronym))).all()
    return [organisation_view(o) for o in rows]


def organisation_names(*, session: Session) -> list[OrganisationView]:
    """Every organisation, read as plain columns: no ORM instances (owner matching)."""
    # SQLAlchemy's own select: SQLModel's typed one stops at four columns.
    rows = session.execute(
        sa_select(
            col(Organisation.id),
            col(Organisation.acronym),
            col(Organisation.full_name),
            col(Organisation.aliases),
            col(Organisation.english_name),
            col(Organisation.variants),
            col(Organisation.kind),
        ).order_by(col(Organisation.acronym))
    ).all()
    return [_view_of(i, a, f, al, e, v, k) for i, a, f, al, e, v, k in rows if i is not None]


# Asked by every /action before it reads an owner (bot.resolve's cache): built once.
_VERSION = sa_select(func.count(), func.max(col(Organisation.id)))


def organisations_version(*, session: Session) -> tuple[int, int]:
    """Changes whenever an organisation is added. Aliases added by linking a name do not
    change it: the linking code clears the cache itself (bot.handlers.linking)."""
    session.flush()
    count, last = session.connection().execute(_VERSION).one()
    return int(count), int(last or 0)


def get_organisation(*, session: Session, organisation_id: int) -> OrganisationView | None:
    org = session.get(Organisation, organisation_id)
    return organisation_view(org) if org else None


def create_organisation(
    *, session: Session, acronym: str, full_name: str | None, aliases: tuple[str, ...] = ()
) -> OrganisationView:
    """A new organisation, refused (AlreadyExists, with the acronym it would double) when
    the acronym is one already, case and accents aside, or a name the directory gives an
    organisation: "/organisation WHO" would double OMS and make every "WHO" ambiguous."""
    existing = _organisation_named(session, acronym)
    if existing is not None:
        raise AlreadyExists(existing)
    org = Organisation(acronym=acronym, full_name=full_name, aliases=list(aliases))
    session.add(org)
    session.flush()
    return organisation_view(org)


def organisation_named(*, session: Session, name: str) -> OrganisationView | None:
    """The organisation this name is: its acronym, or one of the directory's names."""
    acronym = _organisation_named(session, name)
    if acronym is None:
        return None
    org = session.exec(select(Organisation).where(Organisation.acronym == acronym)).first()
    return organisation_view(org) if org else None


def _organisation_named(session: Session, name: str) -> str | None:
    """The acronym of the organisation this name is: another's acronym first, then one of
    the directory's names (full, English, a variant)."""
    key = name_key(name)
    rows = session.execute(
        sa_select(
            col(Organisation.acronym),
            col(Organisation.full_name),
            col(Organisation.english_name),
            col(Organisation.variants),
            col(Organisation.from_directory),
        ).order_by(col(Organisation.id))  # a name two organisations share: the first loaded
    ).all()
    acronyms: list[str] = [acronym for acronym, *_ in rows]
    by_acronym = next((a for a in acronyms if name_key(a) == key), None)
    if by_acronym is not None:
        return by_acronym
    for acronym, full, english, variants, from_directory in rows:
        names = (full, english, *variants) if from_directory else ()
        if any(name_key(n) == key for n in names if n):
            return str(acronym)
    return None


def add_to_cluster(*, session: Session, cluster_id: int, organisation_id: int) -> None:
    if session.get(ClusterOrganisation, (cluster_id, organisation_id)) is None:
        session.add(ClusterOrganisation(cluster_id=cluster_id, organisation_id=organisation_id))
        session.flush()


# Asked by every new action: which of its organisations the cluster has already.
_PRESENT = sa_select(col(ClusterOrganisation.organisation_id)).where(
    col(ClusterOrganisation.cluster_id) == bindparam("cluster_id"),
    col(ClusterOrganisation.organisation_id).in_(bindparam("ids", expanding=True)),
)


@lru_cache(maxsize=2)
def _insert_if_absent(dialect: str) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING of a cluster's organisation, on either engine (each
    dialect's module is loaded on first use: PostgreSQL's costs 50 ms at start-up)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert(ClusterOrganisation).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(ClusterOrganisation).on_conflict_do_nothing()


def add_all_to_cluster(*, session: Session, cluster_id: int, organisation_ids: set[int]) -> None:
    """add_to_cluster for several organisations, with one query for those already there."""
    if not organisation_ids:
        return
    session.flush()
    connection = session.connection()
    params = {"cluster_id": cluster_id, "ids": sorted(organisation_ids)}
    present = set(connection.execute(_PRESENT, params).scalars())
    missing = sorted(organisation_ids - present)
    if missing:
        rows = [{"cluster_id": cluster_id, "organisation_id": o} for o in missing]
        # Another update may add the same one between the read and the write (an /action
        # in private and one in the group, side by side): it is there either way.
        connection.execute(_insert_if_absent(connection.dialect.name), rows)


def cluster_organisations(*, session: Session, cluster_id: int) -> list[OrganisationView]:
    rows = session.exec(
        select(Organisation)
        .join(ClusterOrganisation, col(ClusterOrganisation.organisation_id) == Organisation.id)
        .where(ClusterOrganisation.cluster_id == cluster_id)
        .order_by(col(Organisation.acronym))
    ).all()
    return [organisation_view(o) for o in rows]


def remember_alias(
    *, session: Session, organisation_id: int | None, member_id: int | None, alias: str
) -> None:
    """Keep a name a coordinator linked to an organisation or a person, so it resolves next
    time it is typed."""

    target: Organisation | Member | None
    if organisation_id is not None:
        target = session.get(Organisation, organisation_id)
    elif member_id is not None:
        target = session.get(Member, member_id)
    else:
        return
    if target is None:
        return
    folded = " ".join(alias.casefold().split())
    if all(" ".join(a.casefold().split()) != folded for a in target.aliases):
        target.aliases = [
            *target.aliases,
            alias.strip(),
        ]  # reassigned: JSON is not tracked in place
        session.add(target)
        session.flush()
