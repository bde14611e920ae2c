"""Members, their roles per cluster, and invitations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.clusters import cluster_view
from storage.errors import InvitationUsed, NotFound
from storage.models import (
    Cluster,
    ClusterOrganisation,
    Invitation,
    Member,
    Membership,
    Organisation,
    Role,
)
from storage.organisations import add_to_cluster, organisation_view
from storage.views import (
    Author,
    ClusterView,
    MembershipView,
    MemberView,
    OrganisationRoster,
    Roster,
)


def _member_view(member: Member, acronym: str | None) -> MemberView:
    assert member.id is not None
    return MemberView(
        id=member.id,
        telegram_user_id=member.telegram_user_id,
        display_name=member.display_name,
        organisation_id=member.organisation_id,
        organisation_acronym=acronym,
        reachable=member.reachable,
        telegram_username=member.telegram_username,
    )


def _acronym(session: Session, organisation_id: int | None) -> str | None:
    if organisation_id is None:
        return None
    org = session.get(Organisation, organisation_id)
    return org.acronym if org else None


def _by_telegram_id(session: Session, telegram_user_id: int) -> Member | None:
    return session.exec(select(Member).where(Member.telegram_user_id == telegram_user_id)).first()


def _view_by_telegram_id(session: Session, telegram_user_id: int) -> MemberView | None:
    """The member and its organisation's acronym in one query."""
    row = session.exec(
        select(Member, Organisation.acronym)
        .outerjoin(Organisation, col(Organisation.id) == Member.organisation_id)
        .where(Member.telegram_user_id == telegram_user_id)
    ).first()
    return _member_view(row[0], row[1]) if row else None


def get_member_by_telegram_id(*, session: Session, telegram_user_id: int) -> MemberView | None:
    return _view_by_telegram_id(session, telegram_user_id)


def ensure_member(
    *,
    session: Session,
    telegram_user_id: int,
    display_name: str,
    now: datetime,
    username: str | None = None,
) -> MemberView:
    """The member behind a Telegram account, created on first sight. Its Telegram username
    is kept current, so "@name" in an owner list finds the person."""
    view = _view_by_telegram_id(session, telegram_user_id)
    if view is not None and (username is None or view.telegram_username == username):
        return view
    if view is not None:
        known = _by_telegram_id(session, telegram_user_id)
        assert known is not None
        known.telegram_username = username
        session.add(known)
        session.flush()
        return _view_by_telegram_id(session, telegram_user_id) or view
    member = Member(
        telegram_user_id=telegram_user_id,
        display_name=display_name,
        telegram_username=username,
        created_at=now,
    )
    session.add(member)
    session.flush()
    return _member_view(member, None)


def set_role(
    *, session: Session, cluster_id: int, member_id: int, role: Role, now: datetime
) -> None:
    membership = session.get(Membership, (cluster_id, member_id))
    if membership is None:
        session.add(
            Membership(cluster_id=cluster_id, member_id=member_id, role=role, created_at=now)
        )
    elif membership.role != role and role == Role.COORDINATOR:
        # A focal point promoted to group administrator coordinates; the reverse is a choice
        # made elsewhere, never a side effect of a check.
        membership.role = role
        session.add(membership)
    session.flush()


def drop_coordinator(*, session: Session, cluster_id: int, member_id: int) -> None:
    """Someone no longer a group administrator stops coordinating (kept as focal point if so)."""
    membership = session.get(Membership, (cluster_id, member_id))
    if membership is not None and membership.role == Role.COORDINATOR:
        member = session.get(Member, member_id)
        if member is not None and member.organisation_id is not None:
            membership.role = Role.FOCAL_POINT
            session.add(membership)
        else:
            session.delete(membership)
        session.flush()


def memberships_of_user(*, session: Session, telegram_user_id: int) -> list[MembershipView]:
    member = _by_telegram_id(session, telegram_user_id)
    if member is None or member.id is None:
        return []
    view = _member_view(member, _acronym(session, member.organisation_id))
    rows = session.exec(
        select(Membership, Cluster)
        .join(Cluster, col(Cluster.id) == Membership.cluster_id)
        .where(Membership.member_id == member.id)
        .order_by(col(Cluster.name))
    ).all()
    return [MembershipView(cluster_view(c), view, Role(m.role)) for m, c in rows]


def role_in_cluster(*, session: Session, cluster_id: int, telegram_user_id: int) -> Role | None:
    row = session.exec(
        select(Membership.role)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(Membership.cluster_id == cluster_id, Member.telegram_user_id == telegram_user_id)
    ).first()
    return Role(row) if row else None


def set_reachable(*, session: Session, telegram_user_id: int, reachable: bool) -> bool:
    member = _by_telegram_id(session, telegram_user_id)
    if member is None:
        return False
    member.reachable = reachable
    if reachable:
        member.unreachable_since = None  # the episode is over: a new block is news again
    session.add(member)
    session.flush()
    return True


def create_invitation(
    *,
    session: Session,
    cluster_id: int,
    organisation_id: int,
    display_name: str,
    code: str,
    by: Author,
) -> None:
    add_to_cluster(session=session, cluster_id=cluster_id, organisation_id=organisation_id)
    session.add(
        Invitation(
            code=code,
            cluster_id=cluster_id,
            organisation_id=organisation_id,
            display_name=display_name,
            created_by_member_id=by.member_id,
            created_at=by.at,
        )
    )
    session.flush()


def accept_invitation(
    *,
    session: Session,
    code: str,
    telegram_user_id: int,
    telegram_name: str,
    now: datetime,
    telegram_username: str | None = None,
) -> tuple[ClusterView, MemberView]:
    """Make this Telegram account the invited focal point. One use per code."""
    invitation = session.exec(select(Invitation).where(Invitation.code == code)).first()
    if invitation is None:
        raise NotFound(code)
    if invitation.used_at is not None:
        member = _by_telegram_id(session, telegram_user_id)
        if member is None or member.id != invitation.used_by_member_id:
            raise InvitationUsed(code)
    member = _by_telegram_id(session, telegram_user_id)
    if member is None:
        member = Member(
            telegram_user_id=telegram_user_id,
            display_name=invitation.display_name or telegram_name,
            created_at=now,
        )
    member.organisation_id = invitation.organisation_id
    member.reachable = True
    member.unreachable_since = None
    member.telegram_username = telegram_username or member.telegram_username
    session.add(member)
    session.flush()
    assert member.id is not None
    if session.get(Membership, (invitation.cluster_id, member.id)) is None:
        session.add(
            Membership(
                cluster_id=invitation.cluster_id,
                member_id=member.id,
                role=Role.FOCAL_POINT,
                created_at=now,
            )
        )
    invitation.used_at = invitation.used_at or now
    invitation.used_by_member_id = member.id
    session.add(invitation)
    session.flush()
    cluster = session.get(Cluster, invitation.cluster_id)
    assert cluster is not None
    return cluster_view(cluster), _member_view(member, _acronym(session, member.organisation_id))


def cluster_roster(*, session: Session, cluster_id: int) -> Roster:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(str(cluster_id))
    orgs = {
        o.id: o
        for o in session.exec(
            select(Organisation)
            .join(ClusterOrganisation, col(ClusterOrganisation.organisation_id) == Organisation.id)
            .where(ClusterOrganisation.cluster_id == cluster_id)
        ).all()
    }
    rows = session.exec(
        select(Membership, Member)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(Membership.cluster_id == cluster_id)
        .order_by(col(Member.display_name))
    ).all()
    acronyms = {o_id: o.acronym for o_id, o in orgs.items()}
    coordinators: list[MemberView] = []
    focal: dict[int, list[MemberView]] = defaultdict(list)
    for membership, member in rows:
        if member.organisation_id is not None and member.organisation_id not in acronyms:
            acronyms[member.organisation_id] = _acronym(session, member.organisation_id) or ""
        view = _member_view(member, acronyms.get(member.organisation_id or -1))
        if membership.role == Role.COORDINATOR:
            coordinators.append(view)
        if membership.role == Role.FOCAL_POINT and member.organisation_id is not None:
            focal[member.organisation_id].append(view)
    pending: dict[int, list[str]] = defaultdict(list)
    for inv in session.exec(
        select(Invitation).where(
            Invitation.cluster_id == cluster_id, col(Invitation.used_at).is_(None)
        )
    ).all():
        pending[inv.organisation_id].append(inv.display_name)
    org_rosters = []
    for org in sorted(orgs.values(), key=lambda o: o.acronym.casefold()):
        assert org.id is not None
        org_view = organisation_view(org)
        org_rosters.append(
            OrganisationRoster(org_view, tuple(focal[org.id]), tuple(pending[org.id]))
        )
    return Roster(cluster_view(cluster), tuple(coordinators), tuple(org_rosters))


@dataclass(frozen=True)
class OwnerMember:
    id: int
    name: str
    acronym: str | None
    username: str | None
    aliases: tuple[str, ...]


def owner_members(*, session: Session, cluster_id: int) -> list[OwnerMember]:
    """The cluster's members, read as plain columns: the people an action of this cluster
    can name as owners, with the other names they answer to."""
    # SQLAlchemy's own select: SQLModel's typed one stops at four columns.
    rows = session.execute(
        sa_select(
            col(Member.id),
            col(Member.display_name),
            col(Organisation.acronym),
            col(Member.telegram_username),
            col(Member.aliases),
        )
        .join(Membership, col(Membership.member_id) == Member.id)
        .outerjoin(Organisation, col(Organisation.id) == Member.organisation_id)
        .where(col(Membership.cluster_id) == cluster_id)
        .order_by(col(Member.display_name))
    ).all()
    return [OwnerMember(i, n, a, u, tuple(al or ())) for i, n, a, u, al in rows if i is not None]


# --- Coordinators: the group's administrators (issue 9) -------------------------------------


@dataclass(frozen=True)
class Administrator:
    """An administrator of a cluster's group, as Telegram lists them."""

    telegram_user_id: int
    display_name: str
    username: str | None = None


def sync_coordinators(
    *,
    session: Session,
    cluster_id: int,
    administrators: Sequence[Administrator],
    now: datetime,
) -> None:
    """The cluster's coordinators become exactly its group's administrators: one who never
    wrote to the bot is recorded (so reminders reach them once they start it), one who is no
    longer an administrator stops coordinating. Writes only what changed."""
    wanted = {a.telegram_user_id: a for a in administrators}
    current = session.exec(
        select(Membership, Member)
        .join(Member, col(Member.id) == Membership.member_id)
        .where(Membership.cluster_id == cluster_id, Membership.role == Role.COORDINATOR)
    ).all()
    coordinating = {member.telegram_user_id for _, member in current}
    for _, member in current:
        if member.telegram_user_id not in wanted:
            assert member.id is not None
            drop_coordinator(session=session, cluster_id=cluster_id, member_id=member.id)
    for user_id, admin in wanted.items():
        if user_id in coordinating:
            continue
        me = ensure_member(
            session=session,
            telegram_user_id=user_id,
            display_name=admin.display_name,
            now=now,
            username=admin.username,
        )
        set_role(
            session=session, cluster_id=cluster_id, member_id=me.id, role=Role.COORDINATOR, now=now
        )
