"""Telegram says who was promoted or demoted: the group's coordinators follow at once.

Telegram sends chat_member updates only to a bot that administers the group (and only when
polling asks for them, which `relance run` does with every update type); elsewhere the list
asked by bot.admins catches up within minutes.
"""

from __future__ import annotations

from telegram import Update

from bot.admins import administrator, is_admin
from bot.context import RelanceContext
from bot.handlers.guards import group_cluster, record_coordinator


async def member_changed(update: Update, context: RelanceContext) -> None:
    """chat_member: someone's status changed; my_chat_member: the bot's own did."""
    mine, theirs = update.my_chat_member, update.chat_member
    if mine is not None:
        # Added, removed, made an administrator (which brings chat_member updates from now
        # on): what the bot knew of the group's administrators is asked again when it matters.
        context.bot_data.administrators.forget(mine.chat.id)
        return
    if theirs is None or theirs.new_chat_member.user.is_bot:
        return
    admin = is_admin(theirs.new_chat_member)
    if admin == is_admin(theirs.old_chat_member):
        return  # joined or left as a member, an administrator's rights edited
    person = administrator(theirs.new_chat_member)
    context.bot_data.administrators.changed(theirs.chat.id, person, admin)
    cluster = group_cluster(update, context)
    if cluster is not None:
        record_coordinator(context, cluster, theirs.new_chat_member.user, admin)
