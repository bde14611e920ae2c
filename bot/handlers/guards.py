"""Who is speaking, where, and may they: the checks handlers start with, written once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from sqlmodel import Session
from telegram import CallbackQuery, Chat, Update, User

from bot import admins, render, texts
from bot.callbacks import Callback, Verb, decode
from bot.context import RelanceContext
from bot.conversation import Asked, State
from bot.handlers.common import ANONYMOUS_ADMIN_ID, display_name, reply
from bot.render import escape
from bot.resolve import owner_index
from bot.rights import ACTS, RULES, Act, Who, who_may
from language.owners import OwnerIndex
from storage.actions import get_action, is_owner
from storage.clusters import clusters_of_user, get_cluster, get_cluster_by_chat
from storage.members import (
    drop_coordinator,
    ensure_member,
    get_member_by_telegram_id,
    memberships_of_user,
    role_in_cluster,
    set_role,
)
from storage.models import Role, Status
from storage.views import ActionView, Author, ClusterView, MemberView

_ButtonT = TypeVar("_ButtonT", bound=Callback)


def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == Chat.PRIVATE


def command_body(update: Update, *, skip: int = 0) -> str:
    """What follows the command and its first `skip` words, line breaks kept (an agenda is
    typed one point a line, a comment as the person wrote it)."""
    message = update.effective_message
    parts = (message.text or "").split(None, 1 + skip) if message else []
    return parts[1 + skip].strip() if len(parts) == 2 + skip else ""


@contextmanager
def acting(context: RelanceContext, update: Update) -> Iterator[tuple[Session, Author]]:
    """One unit of work on behalf of the person behind the update, who is created on first
    sight so that history can name them; the change and its author commit together."""
    user = update.effective_user
    if user is None:
        raise ValueError("an update without a user cannot change anything")
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        # Telegram hides an anonymous administrator behind the group itself: history says so
        # rather than crediting a shared placeholder account.
        name = texts.ANONYMOUS_ADMIN.format(group=message.sender_chat.title or "")
        with context.deps.db.session() as session:
            yield session, Author(None, name, context.now)
        return
    with context.deps.db.session() as session:
        member = _member(session, context, user)
        yield session, Author(member.id, member.display_name, context.now)


def _member(session: Session, context: RelanceContext, user: User) -> MemberView:
    """The member behind the Telegram account, created on first sight."""
    return ensure_member(
        session=session,
        telegram_user_id=user.id,
        display_name=display_name(user),
        now=context.now,
        username=user.username,
    )


# --- Where: the cluster of a group, the clusters of a person -------------------------------


def group_cluster(update: Update, context: RelanceContext) -> ClusterView | None:
    chat = update.effective_chat
    if chat is None or chat.type == Chat.PRIVATE:
        return None
    cached = context.bot_data.clusters_by_chat.get(chat.id)
    if cached is not None:
        return cached
    with context.deps.db.session() as session:
        cluster = get_cluster_by_chat(session=session, chat_id=chat.id)
    if cluster is not None:
        context.bot_data.cluster_read(cluster)
    return cluster


def cluster_by_id(context: RelanceContext, cluster_id: int) -> ClusterView | None:
    cached = context.bot_data.clusters_by_id.get(cluster_id)
    if cached is not None:
        return cached
    with context.deps.db.session() as session:
        cluster = get_cluster(session=session, cluster_id=cluster_id)
    if cluster is not None:
        context.bot_data.cluster_read(cluster)
    return cluster


def my_clusters(
    context: RelanceContext, user: User, *, session: Session | None = None
) -> list[ClusterView]:
    """The person's clusters; in `session` when the update has one open already."""
    if session is not None:
        return clusters_of_user(session=session, telegram_user_id=user.id)
    with context.deps.db.session() as own:
        return clusters_of_user(session=own, telegram_user_id=user.id)


def visible_clusters(
    update: Update, context: RelanceContext, *, session: Session | None = None
) -> list[ClusterView] | str:
    """What this chat may see: in a group its cluster, in private the person's clusters.
    A string is the French reason it sees none."""
    user = update.effective_user
    if user is None:
        return texts.NO_CLUSTER_PRIVATE
    if is_private(update):
        return my_clusters(context, user, session=session) or texts.NO_CLUSTER_PRIVATE
    cluster = group_cluster(update, context)
    return [cluster] if cluster is not None else texts.NOT_A_CLUSTER


def owner_index_of(context: RelanceContext, cluster_id: int) -> OwnerIndex:
    """Every organisation and the cluster's members, as the names an owner can be (read
    once per update: the text is split, then resolved, against the same names)."""
    index = context.owner_indexes.get(cluster_id)
    if index is None:
        with context.deps.db.session() as session:
            index = owner_index(
                session=session, cluster_id=cluster_id, cache=context.bot_data.organisations
            )
        context.owner_indexes[cluster_id] = index
    return index


# --- Coordinators: the group's administrators ------------------------------------------------


def _posted_as_group(update: Update, chat_id: int) -> bool:
    """An anonymous group administrator posts as the group itself: only admins can."""
    message = update.effective_message
    return bool(message and message.sender_chat and message.sender_chat.id == chat_id)


async def group_admin(update: Update, context: RelanceContext) -> bool:
    """Whether the person administers this group, asked of Telegram: /cluster, before the
    group is a cluster that a stored role could answer for."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return False
    if _posted_as_group(update, chat.id):
        return True
    cluster = group_cluster(update, context)
    return bool(await _administers(context, chat.id, user.id, cluster))


async def is_coordinator(
    update: Update, context: RelanceContext, cluster: ClusterView, *, recheck: bool = True
) -> bool:
    """Whether the person administers the cluster's group, as Telegram lists them.

    A list asked in the last few minutes (bot.admins) may say yes; a no is asked of Telegram
    again before it is believed, so someone just promoted is never refused. `recheck` False
    is for what only changes how a reply looks (buttons shown to coordinators): the list's no
    is then enough. The stored role only answers when Telegram cannot be asked.
    """
    user = update.effective_user
    if user is None:
        return False
    if _posted_as_group(update, cluster.chat_id):
        return True
    checked = context.coordinator_checks.get(cluster.id)
    if checked is None:
        admin = await _administers(context, cluster.chat_id, user.id, cluster, recheck=recheck)
        if admin is None:
            with context.deps.db.session() as session:
                role = role_in_cluster(
                    session=session, cluster_id=cluster.id, telegram_user_id=user.id
                )
            admin = role == Role.COORDINATOR
        if not recheck and not admin:
            return False  # not kept: a later check in this update may want Telegram's word
        checked = context.coordinator_checks[cluster.id] = admin
    return checked


async def _administers(
    context: RelanceContext,
    chat_id: int,
    user_id: int,
    cluster: ClusterView | None,
    *,
    recheck: bool = True,
) -> bool | None:
    """Whether `user_id` is among the group's administrators; None when Telegram cannot be
    asked. A fresh list is read; otherwise, or to refuse, Telegram is asked (once per update),
    and the list it gives is stored as the cluster's coordinators."""
    cache = context.bot_data.administrators
    known = cache.fresh(chat_id, context.now)
    if known is not None and (user_id in known.user_ids or not recheck):
        listed = user_id in known.user_ids
        if not listed or not recheck or cluster is None or _still_stored(context, cluster, user_id):
            return listed
        # Stored as no longer coordinating since this process's list: another process on
        # the same database heard of a demotion. Telegram is asked again below.
    if chat_id not in context.admins_asked:
        context.admins_asked[chat_id] = await admins.ask(
            context.bot, cache, chat_id, context.now, db=context.deps.db, cluster=cluster
        )
    asked = context.admins_asked[chat_id]
    return None if asked is None else user_id in asked


def _still_stored(context: RelanceContext, cluster: ClusterView, user_id: int) -> bool:
    """Whether storage still holds this person as the cluster's coordinator: a list kept in
    this process never grants what another process (polling while this one stood by) has
    since recorded as withdrawn."""
    with context.deps.db.session() as session:
        role = role_in_cluster(session=session, cluster_id=cluster.id, telegram_user_id=user_id)
    return role == Role.COORDINATOR


def record_administrators(context: RelanceContext, cluster: ClusterView, user: User | None) -> None:
    """A group just made a cluster: its administrators, as Telegram last listed them, are
    its coordinators; without that list, the person who made it (None: anonymous)."""
    known = context.bot_data.administrators.fresh(cluster.chat_id, context.now)
    if known is not None:
        admins.store(context.deps.db, cluster, known, context.now)
    elif user is not None:
        record_coordinator(context, cluster, user, True)


def record_coordinator(
    context: RelanceContext, cluster: ClusterView, user: User, coordinator: bool
) -> None:
    """Keep the stored role in step with what Telegram says of one person."""
    with context.deps.db.session() as session:
        stored = role_in_cluster(session=session, cluster_id=cluster.id, telegram_user_id=user.id)
        if coordinator != (stored == Role.COORDINATOR):
            me = _member(session, context, user)
            if coordinator:
                set_role(
                    session=session,
                    cluster_id=cluster.id,
                    member_id=me.id,
                    role=Role.COORDINATOR,
                    now=context.now,
                )
            else:
                drop_coordinator(session=session, cluster_id=cluster.id, member_id=me.id)


async def coordinated_clusters(update: Update, context: RelanceContext) -> list[ClusterView] | str:
    """The clusters this person coordinates from here: in a group, its cluster; in private,
    every cluster they coordinate, each asked again of Telegram. A string says why none."""
    user = update.effective_user
    if user is None:
        return texts.NOT_COORDINATOR_ANYWHERE
    if not is_private(update):
        cluster = group_cluster(update, context)
        if cluster is None:
            return texts.NOT_A_CLUSTER
        return (
            [cluster] if await is_coordinator(update, context, cluster) else texts.COORDINATOR_ONLY
        )
    with context.deps.db.session() as session:
        memberships = memberships_of_user(session=session, telegram_user_id=user.id)
    mine = [
        m.cluster
        for m in memberships
        if m.role == Role.COORDINATOR and await is_coordinator(update, context, m.cluster)
    ]
    return mine or texts.NOT_COORDINATOR_ANYWHERE


async def coordinator_in_group(
    update: Update, context: RelanceContext, in_private: str = texts.GROUP_ONLY
) -> ClusterView | None:
    """The group's cluster when a coordinator speaks there; otherwise a French reply saying
    where or who (`in_private` names the command to use in the group)."""
    if is_private(update):
        await reply(update, in_private)
        return None
    clusters = await coordinated_clusters(update, context)
    if isinstance(clusters, str):
        await reply(update, clusters)
        return None
    return clusters[0]


async def coordinator_press(
    update: Update, context: RelanceContext, kind: type[_ButtonT]
) -> tuple[_ButtonT, ClusterView, CallbackQuery] | None:
    """A button only coordinators may press, decoded; checked at each press (a demoted
    administrator loses it at once). Otherwise the press is answered and None returned."""
    query = update.callback_query
    if query is None:
        return None
    button = decode(query.data)
    cluster = group_cluster(update, context)
    if not isinstance(button, kind) or cluster is None:
        await query.answer(texts.UNKNOWN_BUTTON)
        return None
    if not await is_coordinator(update, context, cluster):
        await query.answer(texts.COORDINATOR_ONLY, show_alert=True)
        return None
    return button, cluster, query


# --- One action: may this person see it, and do this to it? -------------------------------


@dataclass(frozen=True)
class Target:
    """An action this chat may see, with its cluster."""

    action: ActionView
    cluster: ClusterView


def visible_action(update: Update, context: RelanceContext, action_id: int) -> Target | None:
    """The action if it belongs to this group's cluster, or in private to one of mine."""
    user = update.effective_user
    if user is None:
        return None
    if is_private(update):
        clusters = {c.id: c for c in my_clusters(context, user)}
    else:
        cluster = group_cluster(update, context)
        clusters = {cluster.id: cluster} if cluster else {}
    with context.deps.db.session() as session:
        action = get_action(session=session, action_id=action_id)
    if action is None or action.cluster_id not in clusters:
        return None
    return Target(action, clusters[action.cluster_id])


async def refusal(
    update: Update, context: RelanceContext, verb: Verb, target: Target
) -> str | None:
    """None when this person may carry out `verb` on the action now (rights.RULES), else
    the French reason why not."""
    who = who_may(verb, target.action.status)
    user = update.effective_user
    if who == Who.ANYONE:
        return None
    if who == Who.OWNERS and user is not None:
        with context.deps.db.session() as session:
            if is_owner(session=session, action_id=target.action.id, telegram_user_id=user.id):
                return None
    if await is_coordinator(update, context, target.cluster):
        return None
    if who == Who.OWNERS:
        owners = render.owners_text(target.action.owners, 120)
        return texts.OWNER_OR_COORDINATOR_ONLY.format(id=target.action.id, owners=owners)
    if target.action.status == Status.CANCELLED and RULES[verb].on_cancelled is not None:
        return texts.CANCELLED_COORDINATORS_ONLY.format(id=target.action.id)
    return texts.COORDINATOR_ONLY


def parse_action_number(args: list[str]) -> int | None:
    if not args:
        return None
    raw = args[0].lstrip("#nN°º").strip()
    # isdecimal, not isdigit: "²" and "①" are digits int() refuses.
    return int(raw) if raw.isdecimal() and 0 < int(raw) < 2**31 else None


async def command_target(
    update: Update, context: RelanceContext, command: str, verb: Verb
) -> Target | None:
    """The action a command names (/fait 12), if this person may do `verb` to it; else a
    French reply saying what to type or why not."""
    args = context.args or []
    number = parse_action_number(args)
    if number is None:
        if not args:
            await reply(update, texts.NUMBER_USAGE.format(command=command))
        else:
            await reply(update, texts.NUMBER_BAD.format(text=escape(args[0][:40]), command=command))
        return None
    target = visible_action(update, context, number)
    if target is None:
        await reply(update, texts.ACTION_NOT_FOUND.format(id=number))
        return None
    refused = await refusal(update, context, verb, target)
    if refused is not None:
        await reply(update, refused)
        return None
    return target


async def pressed_question(
    update: Update,
    context: RelanceContext,
    kinds: type[State] | tuple[type[State], ...],
    expired: str,
) -> Asked | None:
    """The open question whose message holds the pressed button, if it was asked of this
    person and is of one of these kinds; otherwise the press is answered with why not."""
    query, chat, user = update.callback_query, update.effective_chat, update.effective_user
    if query is None or chat is None or user is None:
        return None
    message = query.message
    asked = (
        context.conversations.on_message(chat.id, message.message_id, context.now)
        if message
        else None
    )
    if asked is None:
        # A question saved before questions remembered their messages: the person's latest.
        legacy = [
            q
            for q in context.conversations.open((chat.id, user.id), context.now)
            if not q.message_ids and isinstance(q.state, kinds)
        ]
        asked = legacy[-1] if legacy else None
    if asked is not None and asked.user_id != user.id:
        # Telegram shows who pressed, even an anonymous administrator: any administrator
        # may answer what was asked of the anonymous ones.
        if asked.user_id == ANONYMOUS_ADMIN_ID and await group_admin(update, context):
            context.pressed_for = ANONYMOUS_ADMIN_ID
        else:
            await query.answer(texts.QUESTION_NOT_YOURS, show_alert=True)
            return None
    if asked is None or not isinstance(asked.state, kinds):
        await query.answer(expired, show_alert=True)
        return None
    return asked


# --- The meeting's acts: reviews, decisions, votes, attendance -------------------------------


async def act_refusal(
    update: Update,
    context: RelanceContext,
    act: Act,
    cluster: ClusterView,
    *,
    action: ActionView | None = None,
    organisation_id: int | None = None,
) -> str | None:
    """None when this person may do `act` in the cluster now (rights.ACTS), else the French
    reason why not. For an answer about one action, `action` names it; `organisation_id`,
    when the item is one organisation's part of it, narrows its owners to that
    organisation's focal points."""
    who = ACTS[act]
    user = update.effective_user
    if who == Who.ANYONE:
        return None
    if user is not None and who in (Who.MEMBERS, Who.OWNERS):
        with context.deps.db.session() as session:
            if who == Who.MEMBERS:
                role = role_in_cluster(
                    session=session, cluster_id=cluster.id, telegram_user_id=user.id
                )
                if role is not None:
                    return None
            elif action is not None and organisation_id is not None:
                me = get_member_by_telegram_id(session=session, telegram_user_id=user.id)
                role = role_in_cluster(
                    session=session, cluster_id=cluster.id, telegram_user_id=user.id
                )
                if me is not None and role is not None and me.organisation_id == organisation_id:
                    return None
            elif action is not None and is_owner(
                session=session, action_id=action.id, telegram_user_id=user.id
            ):
                return None
    if await is_coordinator(update, context, cluster):
        return None
    if who == Who.MEMBERS:
        return texts.MEMBERS_ONLY
    if who == Who.OWNERS and action is not None:
        owners = render.owners_text(action.owners, 120)
        return texts.OWNER_OR_COORDINATOR_ONLY.format(id=action.id, owners=owners)
    return texts.COORDINATOR_ONLY
