"""Small pieces every handler uses: who is speaking, where, and may they."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeVar
from zoneinfo import ZoneInfo

from sqlmodel import Session
from telegram import (
    CallbackQuery,
    Chat,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)
from telegram.constants import ChatMemberStatus, ParseMode
from telegram.error import BadRequest, TelegramError

from bot import keyboards, render, texts
from bot.callbacks import Callback, decode
from bot.context import RelanceContext
from bot.render import escape
from storage.clusters import clusters_of_user, get_cluster, get_cluster_by_chat
from storage.members import drop_coordinator, ensure_member, role_in_cluster, set_role
from storage.models import Role
from storage.views import ActionView, Author, ClusterView

log = logging.getLogger(__name__)

ADMIN_STATUSES = {ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER}

_ButtonT = TypeVar("_ButtonT", bound=Callback)


def display_name(user: User) -> str:
    return user.full_name or (f"@{user.username}" if user.username else str(user.id))


def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == Chat.PRIVATE


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
        title = message.sender_chat.title or ""
        with context.deps.db.session() as session:
            yield session, Author(None, texts.ANONYMOUS_ADMIN.format(group=title), context.now)
        return
    with context.deps.db.session() as session:
        member = ensure_member(
            session=session,
            telegram_user_id=user.id,
            display_name=display_name(user),
            now=context.now,
            username=user.username,
        )
        yield session, Author(member.id, member.display_name, context.now)


def tz_of(cluster: ClusterView | None, context: RelanceContext) -> ZoneInfo:
    return ZoneInfo(cluster.timezone if cluster else context.deps.default_timezone)


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
        context.bot_data.clusters_by_chat[chat.id] = cluster
    return cluster


def cluster_by_id(context: RelanceContext, cluster_id: int) -> ClusterView | None:
    with context.deps.db.session() as session:
        return get_cluster(session=session, cluster_id=cluster_id)


def my_clusters(context: RelanceContext, user: User) -> list[ClusterView]:
    with context.deps.db.session() as session:
        return clusters_of_user(session=session, telegram_user_id=user.id)


def visible_clusters(update: Update, context: RelanceContext) -> list[ClusterView] | str:
    """What this chat may see: in a group its cluster, in private the person's clusters.
    A string is the French reason it sees none."""
    user = update.effective_user
    if user is None:
        return texts.NO_CLUSTER_PRIVATE
    if is_private(update):
        return my_clusters(context, user) or texts.NO_CLUSTER_PRIVATE
    cluster = group_cluster(update, context)
    return [cluster] if cluster is not None else texts.NOT_A_CLUSTER


def _posted_as_group(update: Update, cluster: ClusterView) -> bool:
    """An anonymous group administrator posts as the group itself: only admins can."""
    message = update.effective_message
    return bool(message and message.sender_chat and message.sender_chat.id == cluster.chat_id)


async def is_coordinator(update: Update, context: RelanceContext, cluster: ClusterView) -> bool:
    """Ask Telegram whether the person administers the cluster's group, and remember it.

    Checked with the Bot API every time it matters, so a demoted administrator loses the
    right at once; the stored role only answers when Telegram cannot be asked.
    """
    user = update.effective_user
    if user is None:
        return False
    if _posted_as_group(update, cluster):
        return True
    try:
        member = await context.bot.get_chat_member(cluster.chat_id, user.id)
    except TelegramError as exc:
        log.warning("cannot check administrators of chat %s: %s", cluster.chat_id, exc)
        with context.deps.db.session() as session:
            return (
                role_in_cluster(session=session, cluster_id=cluster.id, telegram_user_id=user.id)
                == Role.COORDINATOR
            )
    admin = member.status in ADMIN_STATUSES
    key = (cluster.id, user.id)
    if context.bot_data.recorded_coordinators.get(key) == admin:
        return admin
    now = context.now
    with context.deps.db.session() as session:
        stored = role_in_cluster(session=session, cluster_id=cluster.id, telegram_user_id=user.id)
        if admin != (stored == Role.COORDINATOR):
            me = ensure_member(
                session=session,
                telegram_user_id=user.id,
                display_name=display_name(user),
                now=now,
                username=user.username,
            )
            if admin:
                set_role(
                    session=session,
                    cluster_id=cluster.id,
                    member_id=me.id,
                    role=Role.COORDINATOR,
                    now=now,
                )
            else:
                drop_coordinator(session=session, cluster_id=cluster.id, member_id=me.id)
    context.bot_data.recorded_coordinators[key] = admin
    return admin


async def coordinator_in_group(
    update: Update, context: RelanceContext, in_private: str = texts.GROUP_ONLY
) -> ClusterView | None:
    """The group's cluster when a coordinator speaks there; otherwise a French reply saying
    where or who (`in_private` names the command to use in the group)."""
    if is_private(update):
        await reply(update, in_private)
        return None
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return None
    if not await is_coordinator(update, context, cluster):
        await reply(update, texts.COORDINATOR_ONLY)
        return None
    return cluster


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


async def reply(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | ForceReply | None = None,
) -> Message | None:
    message = update.effective_message
    if message is None:
        return None
    return await message.reply_html(
        text,
        reply_markup=markup,
        disable_web_page_preview=True,
        do_quote=not is_private(update),
    )


async def ask(update: Update, text: str) -> None:
    """Ask for free text. In a group, a forced reply is the only way the answer reaches a bot
    in privacy mode, and `selective` shows the reply box to the person asked only."""
    markup = None if is_private(update) else ForceReply(selective=True)
    await reply(update, text, markup)


async def edit_or_reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the message under the pressed button; an unchanged card is not an error."""
    query = update.callback_query
    if query is None or query.message is None or not isinstance(query.message, Message):
        await reply(update, text, markup)
        return
    try:
        await query.message.edit_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
        )
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def parse_action_number(args: list[str]) -> int | None:
    if not args:
        return None
    raw = args[0].lstrip("#nN°º").strip()
    return int(raw) if raw.isdigit() and 0 < int(raw) < 2**31 else None


async def number_or_explain(update: Update, context: RelanceContext, command: str) -> int | None:
    args = context.args or []
    number = parse_action_number(args)
    if number is None:
        if not args:
            await reply(update, texts.NUMBER_USAGE.format(command=command))
        else:
            await reply(update, texts.NUMBER_BAD.format(text=escape(args[0][:40]), command=command))
    return number


def card(context: RelanceContext, action: ActionView, cluster: ClusterView) -> str:
    return render.action_card(action, now=context.now, tz=tz_of(cluster, context))


async def send_card(
    update: Update,
    context: RelanceContext,
    action: ActionView,
    cluster: ClusterView,
    intro: str = "",
) -> None:
    """The action's card with its buttons, after an optional line saying what happened."""
    text = card(context, action, cluster)
    await reply(update, f"{intro}\n{text}" if intro else text, keyboards.action_card(action))
