"""What is open, what is late, what is mine: lists with pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Update, User

from bot import keyboards, render, texts
from bot.callbacks import ListKind, PageButton, decode
from bot.context import RelanceContext
from bot.handlers.common import edit_or_reply, reply
from bot.handlers.guards import is_private, visible_clusters
from bot.render import escape
from storage.actions import list_open_actions, list_owned_actions
from storage.members import get_member_by_telegram_id, memberships_of_user
from storage.models import Role
from storage.views import ActionPage, ClusterView, MembershipView

PAGE_SIZE = 10


def _scope(
    update: Update,
    context: RelanceContext,
    session: Session,
    memberships: list[MembershipView] | None,
) -> tuple[list[ClusterView], str] | str:
    """The clusters this chat may see and how to name them, or why it sees none. In private,
    `memberships` read already say which clusters are the person's."""
    clusters: list[ClusterView] | str
    if memberships is not None and is_private(update):
        clusters = [m.cluster for m in memberships] or texts.NO_CLUSTER_PRIVATE
    else:
        clusters = visible_clusters(update, context, session=session)
    if isinstance(clusters, str):
        return clusters
    name = clusters[0].display_name if len(clusters) == 1 else texts.ALL_CLUSTERS
    return clusters, escape(name)


@dataclass(frozen=True)
class _Listing:
    page: ActionPage
    title: str
    empty: str  # what to say when the page has nothing


def _render(
    update: Update, context: RelanceContext, user: User, kind: ListKind, page: int
) -> tuple[str, InlineKeyboardMarkup | None]:
    # One unit of work: the person's clusters are read once, with their roles.
    with context.deps.db.session() as session:
        memberships = None
        if kind == ListKind.MINE:
            memberships = memberships_of_user(session=session, telegram_user_id=user.id)
        scope = _scope(update, context, session, memberships)
        if isinstance(scope, str):
            return scope, None
        clusters, scope_name = scope
        ids = [c.id for c in clusters]
        if memberships is not None:
            listing = _mine(session, user, ids, scope_name, page, memberships)
        else:
            listing = _open(
                session, ids, scope_name, page, now=context.now, late=kind == ListKind.LATE
            )
    if isinstance(listing, str):
        return listing, None
    result = listing.page
    if result.actions == () and result.total and page > 0:
        # A page that emptied since the button was drawn: show the last one instead.
        return _render(update, context, user, kind, result.page_count - 1)
    text = render.action_list(
        result,
        title=listing.title,
        empty=listing.empty,
        now=context.now,
        tz=clusters[0].tz,
        show_cluster=len(clusters) > 1,
    )
    return text, keyboards.pages(kind, result)


def _mine(
    session: Session,
    user: User,
    ids: list[int],
    scope_name: str,
    page: int,
    memberships: list[MembershipView],
) -> _Listing | str:
    """In private: my organisation's actions across my clusters. In a group: mine here."""
    member = (
        memberships[0].member
        if memberships
        else get_member_by_telegram_id(session=session, telegram_user_id=user.id)
    )
    if member is None:
        return texts.MINE_NO_ORGANISATION
    roles = {m.cluster.id: m.role for m in memberships}
    result = list_owned_actions(
        session=session,
        cluster_ids=ids,
        organisation_id=member.organisation_id,
        member_id=member.id,
        member_cluster_ids=[c for c in ids if c in roles],
        coordinator_cluster_ids=[c for c in ids if roles.get(c) == Role.COORDINATOR],
        page=page,
        page_size=PAGE_SIZE,
    )
    who = escape(member.organisation_acronym or member.display_name)
    title = texts.LIST_MINE_TITLE.format(of_who=texts.of(who), scope=scope_name)
    return _Listing(result, title, texts.LIST_EMPTY_MINE)


def _open(
    session: Session, ids: list[int], scope_name: str, page: int, *, now: datetime, late: bool
) -> _Listing:
    result = list_open_actions(
        session=session, cluster_ids=ids, now=now, late_only=late, page=page, page_size=PAGE_SIZE
    )
    title = (texts.LIST_LATE_TITLE if late else texts.LIST_OPEN_TITLE).format(scope=scope_name)
    return _Listing(result, title, texts.LIST_EMPTY_LATE if late else texts.LIST_EMPTY_OPEN)


async def _list(update: Update, context: RelanceContext, kind: ListKind) -> None:
    user = update.effective_user
    if user is None:
        return
    text, markup = _render(update, context, user, kind, 0)
    await reply(update, text, markup)


async def actions_command(update: Update, context: RelanceContext) -> None:
    await _list(update, context, ListKind.OPEN)


async def late_command(update: Update, context: RelanceContext) -> None:
    await _list(update, context, ListKind.LATE)


async def mine_command(update: Update, context: RelanceContext) -> None:
    await _list(update, context, ListKind.MINE)


async def page_button(update: Update, context: RelanceContext) -> None:
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    button = decode(query.data)
    await query.answer()
    if not isinstance(button, PageButton):
        return
    text, markup = _render(update, context, user, button.kind, button.page)
    await edit_or_reply(update, text, markup)
