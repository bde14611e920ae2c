"""Who gets which document, and sending it: shared by /compte_rendu, /exporter, /calendrier.

A cluster's documents go to its coordinators; a focal point gets their organisation's part
(the actions they answer for, as /mesactions counts them); a stranger gets a polite answer
and nothing else. The rule is rights.ACTS (export, export_own); this module turns a chat,
a person and an optional cluster name into the clusters and the part to export.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from telegram import InputFile, Update
from telegram.error import BadRequest

from bot import texts
from bot.context import RelanceContext
from bot.handlers.common import reply
from bot.handlers.guards import command_body, group_cluster, is_coordinator, is_private
from bot.render import escape
from language.folding import fold
from storage.actions import owned_action_ids
from storage.members import memberships_of_user
from storage.models import Role
from storage.views import ClusterView, MembershipView

# sendDocument takes files up to 50 MB (core.telegram.org/bots/api#senddocument).
TELEGRAM_FILE_MAX = 50 * 1024 * 1024


@dataclass(frozen=True)
class Part:
    """An organisation's part: what one person answers for, in their clusters."""

    organisation_id: int | None
    member_id: int
    who: str  # the organisation's acronym, else the person's name: for titles
    member_cluster_ids: tuple[int, ...]
    coordinator_cluster_ids: tuple[int, ...]


@dataclass(frozen=True)
class Scope:
    """What to export: `clusters` whole when `part` is None, else only `part`'s actions."""

    clusters: tuple[ClusterView, ...]
    part: Part | None = None
    # In private, the clusters this person could have whole, for the reply's hint.
    coordinated: tuple[ClusterView, ...] = ()

    @property
    def cluster_ids(self) -> list[int]:
        return [c.id for c in self.clusters]

    @property
    def whole(self) -> bool:
        return self.part is None


class PrivateDefault(Enum):
    """What a bare command asks for in private."""

    CLUSTER = "cluster"  # the one cluster this person coordinates, else their part
    MINE = "mine"  # their part across their clusters (a person's calendar)


def part_action_ids(context: RelanceContext, scope: Scope) -> list[int] | None:
    """The actions of `scope.part`, in number order; None when the scope is whole."""
    part = scope.part
    if part is None:
        return None
    with context.deps.db.session() as session:
        return owned_action_ids(
            session=session,
            cluster_ids=scope.cluster_ids,
            organisation_id=part.organisation_id,
            member_id=part.member_id,
            member_cluster_ids=part.member_cluster_ids,
            coordinator_cluster_ids=part.coordinator_cluster_ids,
        )


async def export_scope(
    update: Update,
    context: RelanceContext,
    *,
    command: str,
    private_default: PrivateDefault = PrivateDefault.CLUSTER,
    whole_only: bool = False,
    body: str | None = None,
) -> Scope | str:
    """The clusters and part this person may export from here, or the French reason why
    none. In private, a cluster's name after the command picks that cluster; `body`, when
    given, stands for what follows the command (a command whose body says something else,
    a day, passes "")."""
    user = update.effective_user
    if user is None:
        return texts.NO_CLUSTER_PRIVATE
    with context.deps.db.session() as session:
        memberships = memberships_of_user(session=session, telegram_user_id=user.id)
    if not is_private(update):
        cluster = group_cluster(update, context)
        if cluster is None:
            return texts.NOT_A_CLUSTER
        if await is_coordinator(update, context, cluster):
            return Scope((cluster,))
        mine = [m for m in memberships if m.cluster.id == cluster.id]
        if whole_only or not mine:
            return texts.COORDINATOR_ONLY if whole_only else texts.EXPORT_STRANGER
        return _part_scope(mine, (cluster,))
    if not memberships:
        return texts.NO_CLUSTER_PRIVATE
    coordinated = tuple(
        [
            m.cluster
            for m in memberships
            if m.role == Role.COORDINATOR and await is_coordinator(update, context, m.cluster)
        ]
    )
    named = command_body(update) if body is None else body
    if named:
        return await _named_scope(update, context, memberships, named, command, whole_only)
    if whole_only or private_default == PrivateDefault.CLUSTER:
        if len(coordinated) == 1 and (whole_only or len(memberships) == 1):
            return Scope(coordinated)
        if whole_only:
            if not coordinated:
                return texts.NOT_COORDINATOR_ANYWHERE
            return _choose(command, coordinated)
    clusters = tuple(m.cluster for m in memberships)
    if memberships[0].member.organisation_id is None and coordinated:
        if private_default == PrivateDefault.MINE:
            # No organisation, so no part of their own: their clusters whole (a calendar).
            return Scope(coordinated)
        return _choose(command, coordinated)
    scope = _part_scope(memberships, clusters)
    return scope if isinstance(scope, str) else Scope(scope.clusters, scope.part, coordinated)


async def _named_scope(
    update: Update,
    context: RelanceContext,
    memberships: list[MembershipView],
    named: str,
    command: str,
    whole_only: bool,
) -> Scope | str:
    wanted = fold(named)
    found = [
        m
        for m in memberships
        if wanted in (fold(m.cluster.display_name), fold(m.cluster.name))
        or (m.cluster.short_name is not None and wanted == fold(m.cluster.short_name))
    ]
    if not found:  # "Protection" for "Cluster Protection", when no other cluster has the words
        found = [m for m in memberships if f" {wanted} " in f" {fold(m.cluster.name)} "]
        if len({m.cluster.id for m in found}) > 1:
            found = []
    if not found:
        names = ", ".join(escape(m.cluster.display_name) for m in memberships)
        return texts.EXPORT_UNKNOWN_CLUSTER.format(name=escape(named), names=names, command=command)
    cluster = found[0].cluster
    if await is_coordinator(update, context, cluster):
        return Scope((cluster,))
    if whole_only:
        return texts.COORDINATOR_ONLY
    return _part_scope(found, (cluster,))


def _part_scope(
    memberships: list[MembershipView], clusters: tuple[ClusterView, ...]
) -> Scope | str:
    member = memberships[0].member
    if member.organisation_id is None and not any(m.role == Role.COORDINATOR for m in memberships):
        return texts.MINE_NO_ORGANISATION
    ids = {c.id for c in clusters}
    part = Part(
        organisation_id=member.organisation_id,
        member_id=member.id,
        who=member.organisation_acronym or member.display_name,
        member_cluster_ids=tuple(m.cluster.id for m in memberships if m.cluster.id in ids),
        coordinator_cluster_ids=tuple(
            m.cluster.id for m in memberships if m.cluster.id in ids and m.role == Role.COORDINATOR
        ),
    )
    return Scope(clusters, part)


def _choose(command: str, clusters: tuple[ClusterView, ...]) -> str:
    example = clusters[0].short_name or clusters[0].name
    names = ", ".join(escape(c.display_name) for c in clusters)
    return texts.EXPORT_CHOOSE_CLUSTER.format(names=names, command=command, example=escape(example))


async def send_file(
    update: Update, data: bytes, *, file_name: str, caption: str | None = None
) -> bool:
    """The document, in answer in this chat; a French answer instead when Telegram would not
    take it. True once sent."""
    message = update.effective_message
    if message is None:
        return False
    if len(data) > TELEGRAM_FILE_MAX:
        await reply(update, texts.EXPORT_TOO_BIG)
        return False
    try:
        await message.reply_document(
            InputFile(data, filename=file_name),
            caption=caption,
            parse_mode="HTML" if caption else None,
            do_quote=False,
        )
    except BadRequest as exc:
        if "too big" not in str(exc).lower() and "too large" not in str(exc).lower():
            raise
        await reply(update, texts.EXPORT_TOO_BIG)
        return False
    return True
