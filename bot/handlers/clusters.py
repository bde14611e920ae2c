"""Clusters, organisations, invitations and the welcome of new focal points."""

from __future__ import annotations

import re
import secrets

from telegram import Update

from bot import render, texts
from bot.context import RelanceContext
from bot.handlers.common import display_name, reply
from bot.handlers.guards import (
    acting,
    command_body,
    coordinator_in_group,
    group_admin,
    is_private,
    record_administrators,
    visible_clusters,
)
from bot.handlers.membership import deliver_invitation, open_invitation, send_waiting_links
from bot.render import escape
from bot.resolve import organisation_index
from language.owners import Candidate, match_owner_in
from storage.attendance import recent_attendance
from storage.clusters import move_cluster_chat, save_cluster_for_chat
from storage.errors import AlreadyExists
from storage.members import (
    OpenInvitation,
    cluster_roster,
    create_invitation,
    ensure_member,
    get_member_by_telegram_id,
    set_reachable,
)
from storage.organisations import create_organisation

NAME_MAX = 120
_SHORT_NAME = re.compile(r"^(?P<name>.*?)\s*\((?P<short>[^()]{1,20})\)\s*$")


def _cluster_name(body: str) -> tuple[str, str | None]:
    """ "Cluster Protection (CP)": the name and its short form."""
    match = _SHORT_NAME.match(body)
    return (match["name"] or match["short"], match["short"]) if match else (body, None)


def _cluster_problem(update: Update, body: str) -> str | None:
    if is_private(update):
        return texts.GROUP_ONLY
    if not body:
        return texts.CLUSTER_USAGE
    return texts.TOO_LONG_NAME.format(max=NAME_MAX) if len(body) > NAME_MAX else None


async def cluster_command(update: Update, context: RelanceContext) -> None:
    """/cluster Cluster Protection (CP): this group becomes (or renames) a cluster."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    body = " ".join(command_body(update).split())
    if chat is None or user is None or message is None:
        return
    if (problem := _cluster_problem(update, body)) is not None:
        await reply(update, problem)
        return
    # A cluster that does not exist yet cannot be asked about: the group itself is.
    if not await group_admin(update, context):
        await reply(update, texts.CLUSTER_ADMIN_ONLY)
        return
    name, short = _cluster_name(body)
    with context.deps.db.session() as session:
        cluster, created = save_cluster_for_chat(
            session=session,
            chat_id=chat.id,
            name=name,
            short_name=short,
            timezone=context.deps.default_timezone,
            now=context.now,
        )
    context.bot_data.cluster_read(cluster)
    # An anonymous administrator has no account to record.
    record_administrators(context, cluster, None if message.sender_chat else user)
    template = texts.CLUSTER_CREATED if created else texts.CLUSTER_RENAMED
    await reply(update, template.format(name=escape(cluster.display_name)))


async def chat_migrated(update: Update, context: RelanceContext) -> None:
    """A group that became a supergroup gets a new chat id: the cluster follows it."""
    message = update.effective_message
    if message is None:
        return
    old, new = (
        (message.chat.id, message.migrate_to_chat_id)
        if message.migrate_to_chat_id
        else (message.migrate_from_chat_id, message.chat.id)
    )
    if old is None or new is None:
        return
    context.bot_data.chats_moved(old, new)
    with context.deps.db.session() as session:
        move_cluster_chat(session=session, old_chat_id=old, new_chat_id=new)


def _invitee(context: RelanceContext, words: list[str]) -> tuple[Candidate, str] | str:
    """The organisation and the person's name of "/inviter Mercy Corps Awa Diallo", or the
    French reason they cannot be told apart."""
    with context.deps.db.session() as session:
        index = organisation_index(session=session, cache=context.bot_data.organisations)
    # Organisation names can have several words ("Mercy Corps", "ONU Femmes"): try the
    # longest leading run of words that names one, the rest is the person's name.
    for size in range(min(len(words) - 1, 4), 0, -1):
        matches = match_owner_in(" ".join(words[:size]), index).matches
        if len(matches) == 1:
            return matches[0], " ".join(words[size:])[:NAME_MAX]
        if matches:
            choices = ", ".join(escape(o.label) for o in matches)
            return texts.INVITE_AMBIGUOUS_ORG.format(org=escape(words[0][:40]), choices=choices)
    return texts.INVITE_UNKNOWN_ORG.format(org=escape(words[0][:40]))


async def invite_command(update: Update, context: RelanceContext) -> None:
    """/inviter OCHA Gerson Brandao: a one-time link that makes its opener OCHA's focal point."""
    cluster = await coordinator_in_group(update, context)
    if cluster is None:
        return
    words = command_body(update).split()
    invitee = _invitee(context, words) if len(words) >= 2 else texts.INVITE_USAGE
    if isinstance(invitee, str):
        await reply(update, invitee)
        return
    org, name = invitee
    message = update.effective_message
    if message is not None and message.sender_chat is not None:
        await reply(update, texts.INVITE_ANONYMOUS)  # no account to send the link to
        return
    code = secrets.token_urlsafe(12)
    with acting(context, update) as (session, by):
        replaced = create_invitation(
            session=session,
            cluster_id=cluster.id,
            organisation_id=org.id,
            display_name=name,
            code=code,
            by=by,
        )
    invitation = OpenInvitation(code, name, org.label, cluster.display_name)
    await deliver_invitation(update, context, invitation, replaced)


async def organisation_command(update: Update, context: RelanceContext) -> None:
    """/organisation AMSS Association malienne pour la survie au Sahel."""
    if await coordinator_in_group(update, context) is None:
        return
    words = command_body(update).split()
    if not words or len(words[0]) > 20:
        await reply(update, texts.ORGANISATION_USAGE)
        return
    acronym, full_name = words[0], " ".join(words[1:])[:NAME_MAX] or None
    try:
        with context.deps.db.session() as session:
            org = create_organisation(session=session, acronym=acronym, full_name=full_name)
    except AlreadyExists as exc:
        await reply(update, texts.ORGANISATION_EXISTS.format(org=escape(str(exc))))
        return
    await reply(update, texts.ORGANISATION_CREATED.format(org=escape(org.acronym)))


async def members_command(update: Update, context: RelanceContext) -> None:
    """/membres: organisations, focal points, and who cannot get private reminders yet."""
    clusters = visible_clusters(update, context)
    if isinstance(clusters, str):
        await reply(update, clusters)
        return
    for cluster in clusters:
        with context.deps.db.session() as session:
            roster = cluster_roster(session=session, cluster_id=cluster.id, now=context.now)
            recent = recent_attendance(session=session, cluster_id=cluster.id, now=context.now)
        for chunk in render.split_message(render.roster(roster, recent, cluster.tz)):
            await reply(update, chunk)


async def start_command(update: Update, context: RelanceContext) -> None:
    """/start, with an invitation code when opened from a t.me link."""
    user = update.effective_user
    if user is None:
        return
    code = (context.args or [""])[0]
    if not is_private(update):
        await reply(update, texts.START)
    elif code:
        await open_invitation(update, context, user, code[:64])
    else:
        with context.deps.db.session() as session:
            # Starting the bot is what lets it write privately: remember it, even of someone
            # not in any cluster yet (a coordinator who starts it before /cluster).
            ensure_member(
                session=session,
                telegram_user_id=user.id,
                display_name=display_name(user),
                now=context.now,
                username=user.username,
            )
            known = set_reachable(session=session, telegram_user_id=user.id, reachable=True)
            me = get_member_by_telegram_id(session=session, telegram_user_id=user.id)
        if known and me is not None and me.organisation_id is not None:
            await reply(update, texts.START_KNOWN.format(name=escape(me.display_name)))
        else:
            await reply(update, texts.START)
        await send_waiting_links(update, context)


async def help_command(update: Update, context: RelanceContext) -> None:
    await reply(update, texts.HELP)
