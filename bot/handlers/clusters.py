"""Clusters, organisations, invitations and the welcome of new focal points."""

from __future__ import annotations

import re
import secrets

from telegram import Update

from bot import render, texts
from bot.context import RelanceContext
from bot.handlers.common import (
    acting,
    coordinator_in_group,
    display_name,
    group_cluster,
    is_coordinator,
    is_private,
    reply,
    visible_clusters,
)
from bot.render import escape
from language.owners import Candidate, build_index, match_owner_in
from storage.clusters import move_cluster_chat, save_cluster_for_chat
from storage.errors import AlreadyExists, InvitationUsed, NotFound
from storage.members import (
    accept_invitation,
    cluster_roster,
    create_invitation,
    ensure_member,
    get_member_by_telegram_id,
    set_reachable,
    set_role,
)
from storage.models import Role
from storage.organisations import create_organisation, list_organisations
from storage.views import OrganisationView

NAME_MAX = 120
_SHORT_NAME = re.compile(r"^(?P<name>.*?)\s*\((?P<short>[^()]{1,20})\)\s*$")


def _body(update: Update) -> str:
    text = update.effective_message.text if update.effective_message else None
    parts = (text or "").split(None, 1)
    return parts[1].strip() if len(parts) == 2 else ""


async def cluster_command(update: Update, context: RelanceContext) -> None:
    """/cluster Cluster Protection (CP): this group becomes (or renames) a cluster."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    if is_private(update):
        await reply(update, texts.GROUP_ONLY)
        return
    body = " ".join(_body(update).split())
    if not body:
        await reply(update, texts.CLUSTER_USAGE)
        return
    if len(body) > NAME_MAX:
        await reply(update, texts.TOO_LONG_NAME.format(max=NAME_MAX))
        return
    match = _SHORT_NAME.match(body)
    name, short = (match["name"] or match["short"], match["short"]) if match else (body, None)
    # A cluster that does not exist yet cannot be asked about: check the group itself.
    member = await context.bot.get_chat_member(chat.id, user.id)
    anonymous = update.effective_message is not None and (
        update.effective_message.sender_chat is not None
        and update.effective_message.sender_chat.id == chat.id
    )
    if member.status not in ("administrator", "creator") and not anonymous:
        await reply(update, texts.CLUSTER_ADMIN_ONLY)
        return
    now = context.now
    with context.deps.db.session() as session:
        cluster, created = save_cluster_for_chat(
            session=session,
            chat_id=chat.id,
            name=name,
            short_name=short,
            timezone=context.deps.default_timezone,
            now=now,
        )
        if not anonymous:
            me = ensure_member(
                session=session,
                telegram_user_id=user.id,
                display_name=display_name(user),
                now=now,
                username=user.username,
            )
            set_role(
                session=session,
                cluster_id=cluster.id,
                member_id=me.id,
                role=Role.COORDINATOR,
                now=now,
            )
    context.bot_data.clusters_by_chat[chat.id] = cluster
    if not anonymous:
        context.bot_data.recorded_coordinators[(cluster.id, user.id)] = True
    template = texts.CLUSTER_CREATED if created else texts.CLUSTER_RENAMED
    await reply(update, template.format(name=escape(cluster.display_name)))


async def chat_migrated(update: Update, context: RelanceContext) -> None:
    """A group that became a supergroup gets a new chat id: the cluster follows it."""
    message = update.effective_message
    if message is None:
        return
    # The cached cluster names the old chat id: forget both ids, the next read is fresh.
    for chat_id in (message.chat.id, message.migrate_to_chat_id, message.migrate_from_chat_id):
        if chat_id:
            context.bot_data.clusters_by_chat.pop(chat_id, None)
    with context.deps.db.session() as session:
        if message.migrate_to_chat_id:
            move_cluster_chat(
                session=session, old_chat_id=message.chat.id, new_chat_id=message.migrate_to_chat_id
            )
        elif message.migrate_from_chat_id:
            move_cluster_chat(
                session=session,
                old_chat_id=message.migrate_from_chat_id,
                new_chat_id=message.chat.id,
            )


def _match_organisation(typed: str, orgs: list[OrganisationView]) -> list[OrganisationView]:
    index = build_index([Candidate("organisation", o.id, o.acronym, o.names) for o in orgs])
    by_id = {o.id: o for o in orgs}
    return [by_id[c.id] for c in match_owner_in(typed, index).matches]


async def invite_command(update: Update, context: RelanceContext) -> None:
    """/inviter OCHA Gerson Brandao: a one-time link that makes its opener OCHA's focal point."""
    user = update.effective_user
    if user is None:
        return
    cluster = await coordinator_in_group(update, context)
    if cluster is None:
        return
    words = _body(update).split()
    if len(words) < 2:
        await reply(update, texts.INVITE_USAGE)
        return
    with context.deps.db.session() as session:
        orgs = list_organisations(session=session)
    # Organisation names can have several words ("Mercy Corps", "ONU Femmes"): try the
    # longest leading run of words that names one, the rest is the person's name.
    for size in range(min(len(words) - 1, 4), 0, -1):
        matches = _match_organisation(" ".join(words[:size]), orgs)
        if matches:
            break
    if not matches:
        await reply(update, texts.INVITE_UNKNOWN_ORG.format(org=escape(words[0][:40])))
        return
    if len(matches) > 1:
        choices = ", ".join(escape(o.acronym) for o in matches)
        await reply(
            update, texts.INVITE_AMBIGUOUS_ORG.format(org=escape(words[0][:40]), choices=choices)
        )
        return
    org, name = matches[0], " ".join(words[size:])[:NAME_MAX]
    code = secrets.token_urlsafe(12)
    with acting(context, update) as (session, who):
        create_invitation(
            session=session,
            cluster_id=cluster.id,
            organisation_id=org.id,
            display_name=name,
            code=code,
            by=who,
        )
    link = f"https://t.me/{context.bot.username}?start={code}"
    await reply(
        update,
        texts.INVITE_LINK.format(
            name=escape(name),
            org=escape(org.acronym),
            cluster=escape(cluster.display_name),
            link=link,
        ),
    )


async def organisation_command(update: Update, context: RelanceContext) -> None:
    """/organisation AMSS Association malienne pour la survie au Sahel."""
    user = update.effective_user
    if user is None:
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.GROUP_ONLY if is_private(update) else texts.NOT_A_CLUSTER)
        return
    if not await is_coordinator(update, context, cluster):
        await reply(update, texts.COORDINATOR_ONLY)
        return
    words = _body(update).split()
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
            roster = cluster_roster(session=session, cluster_id=cluster.id)
        for chunk in render.split_message(render.roster(roster)):
            await reply(update, chunk)


async def start_command(update: Update, context: RelanceContext) -> None:
    """/start, with an invitation code when opened from a t.me link."""
    user = update.effective_user
    if user is None:
        return
    if not is_private(update):
        await reply(update, texts.START)
        return
    now = context.now
    code = (context.args or [""])[0]
    if code:
        try:
            with context.deps.db.session() as session:
                cluster, member = accept_invitation(
                    session=session,
                    code=code[:64],
                    telegram_user_id=user.id,
                    telegram_name=display_name(user),
                    now=now,
                    telegram_username=user.username,
                )
        except NotFound:
            await reply(update, texts.INVITATION_UNKNOWN)
            return
        except InvitationUsed:
            await reply(update, texts.INVITATION_USED)
            return
        await reply(
            update,
            texts.WELCOME.format(
                name=escape(member.display_name),
                org=escape(member.organisation_acronym or ""),
                cluster=escape(cluster.display_name),
            ),
        )
        return
    with context.deps.db.session() as session:
        # Starting the bot is what lets it write privately: remember it.
        known = set_reachable(session=session, telegram_user_id=user.id, reachable=True)
        me = get_member_by_telegram_id(session=session, telegram_user_id=user.id)
    if known and me is not None and me.organisation_id is not None:
        await reply(update, texts.START_KNOWN.format(name=escape(me.display_name)))
    else:
        await reply(update, texts.START)


async def help_command(update: Update, context: RelanceContext) -> None:
    await reply(update, texts.HELP)
