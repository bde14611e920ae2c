"""Members, their roles per cluster, and invitations."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from storage.clusters import cluster_view
from storage.errors import (
    InvitationExpired,
    InvitationOwnLink,
    InvitationUsed,
    InvitationWithdrawn,
    NotFound,
)
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
        telegram_name=member.telegram_name,
    )


def _acronym(session: Session, organisation_id: int | None) -> str | None:
    if organisation_id is None:
        return None
    org = session.get(Organisation, organisation_id)
    return org.acronym if org else None


def _by_telegram_id(session: Session, telegram_user_id: int) -> Member | None:
    return session.exec(select(Member).where(Member.telegram_user_id == telegram_user_id)).first()


# A person's member row, its organisation's acronym and, in the second, its clusters with
# its role in each: read on every command and press, built once and run in SQLAlchemy Core
# (through the ORM each cost about six times as much: see storage.actions).
_MEMBER_COLUMNS: tuple[Any, ...] = (
    col(Member.id),
    col(Member.telegram_user_id),
    col(Member.display_name),
    col(Member.organisation_id),
    col(Organisation.acronym),
    col(Member.reachable),
    col(Member.telegram_username),
    col(Member.telegram_name),
)
_MEMBER_BY_TELEGRAM_ID = (
    sa_select(*_MEMBER_COLUMNS)
    .select_from(Member)
    .outerjoin(Organisation, col(Organisation.id) == col(Member.organisation_id))
    .where(col(Member.telegram_user_id) == bindparam("telegram_user_id"))
    .limit(1)
)
_MEMBERSHIPS_BY_TELEGRAM_ID = (
    sa_select(
        *_MEMBER_COLUMNS,
        col(Membership.role),
        col(Cluster.id),
        col(Cluster.name),
        col(Cluster.short_name),
        col(Cluster.chat_id),
        col(Cluster.timezone),
    )
    .select_from(Member)
    .outerjoin(Organisation, col(Organisation.id) == col(Member.organisation_id))
    .outerjoin(Membership, col(Membership.member_id) == col(Member.id))
    .outerjoin(Cluster, col(Cluster.id) == col(Membership.cluster_id))
    .where(col(Member.telegram_user_id) == bindparam("telegram_user_id"))
    .order_by(col(Cluster.name), col(Cluster.id))
)


def _member_of_row(row: Sequence[Any]) -> MemberView:
    member_id, telegram_user_id, name, organisation_id, acronym, reachable, username, seen = row
    return MemberView(
        id=member_id,
        telegram_user_id=telegram_user_id,
        display_name=name,
        organisation_id=organisation_id,
        organisation_acronym=acronym,
        reachable=reachable,
        telegram_username=username,
        telegram_name=seen,
    )


def _view_by_telegram_id(session: Session, telegram_user_id: int) -> MemberView | None:
    """The member and its organisation's acronym in one query."""
    session.flush()
    found = session.connection().execute(
        _MEMBER_BY_TELEGRAM_ID, {"telegram_user_id": telegram_user_id}
    )
    row = found.first()
    return _member_of_row(row) if row else None


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
    is kept current, so "@name" in an owner list finds the person, and so is its Telegram
    name (`display_name` here), which /membres shows beside the name it was invited as."""
    view = _view_by_telegram_id(session, telegram_user_id)
    if (
        view is not None
        and (username is None or view.telegram_username == username)
        and view.telegram_name == display_name
    ):
        return view
    if view is not None:
        known = _by_telegram_id(session, telegram_user_id)
        assert known is not None
        known.telegram_username = username or known.telegram_username
        known.telegram_name = display_name
        session.add(known)
        session.flush()
        return _view_by_telegram_id(session, telegram_user_id) or view
    member = Member(
        telegram_user_id=telegram_user_id,
        display_name=display_name,
        telegram_username=username,
        telegram_name=display_name,
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
    """The person's clusters, by name, with their role in each: one statement."""
    session.flush()
    rows = session.connection().execute(
        _MEMBERSHIPS_BY_TELEGRAM_ID, {"telegram_user_id": telegram_user_id}
    )
    found: list[MembershipView] = []
    member: MemberView | None = None
    for row in rows:
        member = member or _member_of_row(row[: len(_MEMBER_COLUMNS)])
        role, cluster_id, name, short_name, chat_id, timezone = row[len(_MEMBER_COLUMNS) :]
        if cluster_id is not None:
            cluster = ClusterView(cluster_id, name, short_name, chat_id, timezone)
            found.append(MembershipView(cluster, member, _ROLES[role]))
    return found


_ROLES = {r.value: r for r in Role}
_ROLE_IN_CLUSTER = (
    sa_select(col(Membership.role))
    .join(Member, col(Member.id) == col(Membership.member_id))
    .where(
        col(Membership.cluster_id) == bindparam("cluster_id"),
        col(Member.telegram_user_id) == bindparam("telegram_user_id"),
    )
)


def role_in_cluster(*, session: Session, cluster_id: int, telegram_user_id: int) -> Role | None:
    session.flush()
    params = {"cluster_id": cluster_id, "telegram_user_id": telegram_user_id}
    role = session.connection().execute(_ROLE_IN_CLUSTER, params).scalar()
    return _ROLES[role] if role else None


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


# --- Invitations ----------------------------------------------------------------------------

# A link forwarded by WhatsApp or e-mail can travel far: after two weeks it no longer opens,
# and the coordinator sends a fresh one (/membres says which have expired).
INVITATION_LIFETIME = timedelta(days=14)


def _same_name(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def _expired(invitation: Invitation, now: datetime) -> bool:
    return invitation.created_at + INVITATION_LIFETIME < now


def create_invitation(
    *,
    session: Session,
    cluster_id: int,
    organisation_id: int,
    display_name: str,
    code: str,
    by: Author,
) -> int:
    """A one-time link for `display_name`. An unopened link of this cluster for the same
    name is replaced (deleted, so it no longer opens): how many were."""
    add_to_cluster(session=session, cluster_id=cluster_id, organisation_id=organisation_id)
    replaced = 0
    for old in session.exec(
        select(Invitation).where(
            Invitation.cluster_id == cluster_id, col(Invitation.used_at).is_(None)
        )
    ).all():
        if _same_name(old.display_name, display_name):
            session.delete(old)
            replaced += 1
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
    return replaced


@dataclass(frozen=True)
class OpenInvitation:
    """An invitation link not opened yet, for the coordinator who asked for it."""

    code: str
    name: str
    organisation: str
    cluster: str


def undelivered_invitations(
    *, session: Session, telegram_user_id: int, now: datetime
) -> list[OpenInvitation]:
    """The links this person asked for that never reached them (the bot could not write to
    them yet) and can still be opened, oldest first."""
    member = _by_telegram_id(session, telegram_user_id)
    if member is None:
        return []
    rows = session.exec(
        select(Invitation, Organisation, Cluster)
        .join(Organisation, col(Organisation.id) == Invitation.organisation_id)
        .join(Cluster, col(Cluster.id) == Invitation.cluster_id)
        .where(
            Invitation.created_by_member_id == member.id,
            col(Invitation.used_at).is_(None),
            col(Invitation.delivered_at).is_(None),
            col(Invitation.created_at) >= now - INVITATION_LIFETIME,
        )
        .order_by(col(Invitation.created_at), col(Invitation.id))
    ).all()
    return [
        OpenInvitation(i.code, i.display_name, o.acronym, cluster_view(c).display_name)
        for i, o, c in rows
    ]


def mark_delivered(*, session: Session, codes: list[str], now: datetime) -> None:
    """These links reached their coordinator: /start does not send them again."""
    for invitation in session.exec(select(Invitation).where(col(Invitation.code).in_(codes))):
        invitation.delivered_at = invitation.delivered_at or now
        session.add(invitation)
    session.flush()


@dataclass(frozen=True)
class Acceptance:
    """An invitation opened: who opened it, as whom they were invited, and whom to tell."""

    cluster: ClusterView
    member: MemberView
    invited_as: str  # the name the coordinator typed
    organisation: str
    first: bool  # False: its rightful owner opened it again
    inviter_telegram_id: int | None


@dataclass(frozen=True)
class OrganisationChange:
    """The opener already belongs to another organisation: nothing was changed; the
    coordinator who invited them is asked to confirm the move."""

    invitation_id: int
    member_id: int
    name: str
    current: str
    proposed: str
    cluster: ClusterView
    inviter_telegram_id: int | None


def accept_invitation(
    *,
    session: Session,
    code: str,
    telegram_user_id: int,
    telegram_name: str,
    now: datetime,
    telegram_username: str | None = None,
) -> Acceptance | OrganisationChange:
    """Make this Telegram account the invited focal point. One use per code, within
    INVITATION_LIFETIME. A person has one organisation: an invitation naming another one
    changes nothing until a coordinator confirms it (`confirm_organisation_change`)."""
    invitation = session.exec(select(Invitation).where(Invitation.code == code)).first()
    if invitation is None:
        raise NotFound(code)
    member = _by_telegram_id(session, telegram_user_id)
    if invitation.used_at is not None:
        if member is None or member.id != invitation.used_by_member_id:
            raise InvitationUsed(code)
        if session.get(Membership, (invitation.cluster_id, member.id)) is None:
            # Removed since (/retirer): the link in their chat does not undo it.
            raise InvitationWithdrawn(code)
    elif _expired(invitation, now):
        raise InvitationExpired(code)
    elif member is not None and member.id == invitation.created_by_member_id:
        # The coordinator tapping the link they were sent, to try it: it is not for them.
        raise InvitationOwnLink(invitation.display_name)
    if member is None:
        member = Member(
            telegram_user_id=telegram_user_id,
            display_name=invitation.display_name or telegram_name,
            created_at=now,
        )
    member.telegram_name = telegram_name
    member.telegram_username = telegram_username or member.telegram_username
    member.reachable = True  # they are talking to the bot in private
    member.unreachable_since = None
    session.add(member)
    session.flush()
    if member.organisation_id not in (None, invitation.organisation_id):
        assert invitation.id is not None
        assert member.id is not None
        return OrganisationChange(
            invitation_id=invitation.id,
            member_id=member.id,
            name=member.display_name,
            current=_acronym(session, member.organisation_id) or "",
            proposed=_acronym(session, invitation.organisation_id) or "",
            cluster=_cluster(session, invitation.cluster_id),
            inviter_telegram_id=_telegram_id(session, invitation.created_by_member_id),
        )
    return _join(session, invitation, member, now)


def confirm_organisation_change(
    *, session: Session, invitation_id: int, member_id: int, now: datetime
) -> Acceptance:
    """The coordinator confirmed: the person now belongs to the invitation's organisation
    (in every cluster, which the question said) and joins the cluster."""
    invitation = session.get(Invitation, invitation_id)
    member = session.get(Member, member_id)
    if invitation is None or member is None:
        raise NotFound(str(invitation_id))
    if invitation.used_at is not None and invitation.used_by_member_id != member_id:
        raise InvitationUsed(invitation.code)
    if invitation.used_at is None and _expired(invitation, now):
        raise InvitationExpired(invitation.code)
    return _join(session, invitation, member, now)


def _join(session: Session, invitation: Invitation, member: Member, now: datetime) -> Acceptance:
    first = invitation.used_at is None
    member.organisation_id = invitation.organisation_id
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
    acronym = _acronym(session, member.organisation_id)
    return Acceptance(
        cluster=_cluster(session, invitation.cluster_id),
        member=_member_view(member, acronym),
        invited_as=invitation.display_name,
        organisation=acronym or "",
        first=first,
        inviter_telegram_id=_telegram_id(session, invitation.created_by_member_id),
    )


def _cluster(session: Session, cluster_id: int) -> ClusterView:
    cluster = session.get(Cluster, cluster_id)
    assert cluster is not None
    return cluster_view(cluster)


def _telegram_id(session: Session, member_id: int | None) -> int | None:
    member = session.get(Member, member_id) if member_id is not None else None
    return member.telegram_user_id if member is not None else None


def cluster_roster(*, session: Session, cluster_id: int, now: datetime | None = None) -> Roster:
    """Who is in the cluster; with `now`, the links that can no longer open are told apart."""
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
        .order_by(col(Member.display_name), col(Member.id))
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
        if member.organisation_id is not None:  # a focal point promoted still is one
            focal[member.organisation_id].append(view)
    pending: dict[int, list[str]] = defaultdict(list)
    expired: dict[int, list[str]] = defaultdict(list)
    for inv in session.exec(
        select(Invitation)
        .where(Invitation.cluster_id == cluster_id, col(Invitation.used_at).is_(None))
        .order_by(col(Invitation.created_at), col(Invitation.id))
    ).all():
        late = now is not None and _expired(inv, now)
        (expired if late else pending)[inv.organisation_id].append(inv.display_name)
    org_rosters = []
    for org in sorted(orgs.values(), key=lambda o: o.acronym.casefold()):
        assert org.id is not None
        org_view = organisation_view(org)
        org_rosters.append(
            OrganisationRoster(
                org_view, tuple(focal[org.id]), tuple(pending[org.id]), tuple(expired[org.id])
            )
        )
    return Roster(cluster_view(cluster), tuple(coordinators), tuple(org_rosters))


@dataclass(frozen=True)
class OwnerMember:
    id: int
    name: str
    acronym: str | None
    username: str | None
    aliases: tuple[str, ...]


# Read by every /action (the names an owner can be): built once, run in SQLAlchemy Core.
_OWNER_MEMBERS = (
    sa_select(
        col(Member.id),
        col(Member.display_name),
        col(Organisation.acronym),
        col(Member.telegram_username),
        col(Member.aliases),
    )
    .join(Membership, col(Membership.member_id) == col(Member.id))
    .outerjoin(Organisation, col(Organisation.id) == col(Member.organisation_id))
    .where(col(Membership.cluster_id) == bindparam("cluster_id"))
    .order_by(col(Member.display_name), col(Member.id))
)


def owner_members(*, session: Session, cluster_id: int) -> list[OwnerMember]:
    """The cluster's members, read as plain columns: the people an action of this cluster
    can name as owners, with the other names they answer to."""
    session.flush()
    rows = session.connection().execute(_OWNER_MEMBERS, {"cluster_id": cluster_id}).all()
    return [OwnerMember(i, n, a, u, tuple(al or ())) for i, n, a, u, al in rows if i is not None]


# --- Removing someone from a cluster (/retirer) -----------------------------------------------


@dataclass(frozen=True)
class ClusterPerson:
    """Someone /retirer may name: a member of the cluster, or an invitation not opened yet
    (member_id None, invitation_id set)."""

    name: str
    acronym: str | None
    role: Role | None
    member_id: int | None = None
    invitation_id: int | None = None
    telegram_name: str | None = None
    username: str | None = None


def people_named(*, session: Session, cluster_id: int, text: str) -> list[ClusterPerson]:
    """The cluster's members and unopened invitations that `text` names: "@username", a
    name as invited or as on Telegram; the exact matches if any, else those containing it."""
    wanted = " ".join(text.casefold().lstrip("@").split())
    if not wanted:
        return []
    people = [
        ClusterPerson(
            name=m.display_name,
            acronym=_acronym(session, m.organisation_id),
            role=Role(ms.role),
            member_id=m.id,
            telegram_name=m.telegram_name,
            username=m.telegram_username,
        )
        for ms, m in session.exec(
            select(Membership, Member)
            .join(Member, col(Member.id) == Membership.member_id)
            .where(Membership.cluster_id == cluster_id)
            .order_by(col(Member.display_name), col(Member.id))
        ).all()
    ]
    people += [
        ClusterPerson(name=i.display_name, acronym=o.acronym, role=None, invitation_id=i.id)
        for i, o in session.exec(
            select(Invitation, Organisation)
            .join(Organisation, col(Organisation.id) == Invitation.organisation_id)
            .where(Invitation.cluster_id == cluster_id, col(Invitation.used_at).is_(None))
            .order_by(col(Invitation.created_at), col(Invitation.id))
        ).all()
    ]

    def names(p: ClusterPerson) -> list[str]:
        found = [p.name, p.telegram_name or ""]
        return [" ".join(n.casefold().split()) for n in found if n]

    if text.startswith("@"):
        return [p for p in people if p.username and p.username.casefold() == wanted]
    exact = [p for p in people if wanted in names(p)]
    return exact or [p for p in people if any(wanted in n for n in names(p))]


def remove_from_cluster(*, session: Session, cluster_id: int, member_id: int) -> str | None:
    """The person leaves the cluster: no role, so no reminder of it reaches them; their
    history stays, it names the member row, which is kept. Their name, or None if they had
    already left."""
    membership = session.get(Membership, (cluster_id, member_id))
    member = session.get(Member, member_id)
    if membership is None or member is None:
        return None
    session.delete(membership)
    session.flush()
    return member.display_name


def cancel_invitation(*, session: Session, cluster_id: int, invitation_id: int) -> str | None:
    """An unopened link of this cluster withdrawn: it no longer opens. The invitee's name,
    or None."""
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.used_at is not None or invitation.cluster_id != cluster_id:
        return None
    session.delete(invitation)
    session.flush()
    return invitation.display_name


def invitation_cluster(*, session: Session, invitation_id: int) -> ClusterView | None:
    invitation = session.get(Invitation, invitation_id)
    return _cluster(session, invitation.cluster_id) if invitation is not None else None


def get_member(*, session: Session, member_id: int) -> MemberView | None:
    member = session.get(Member, member_id)
    return _member_view(member, _acronym(session, member.organisation_id)) if member else None


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
