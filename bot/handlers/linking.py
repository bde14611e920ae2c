"""Linking an owner name kept unknown: once, and every action that named it follows."""

from __future__ import annotations

from telegram import Update

from bot import keyboards, texts
from bot.context import RelanceContext
from bot.handlers.common import acting, ask, cluster_by_id, is_coordinator, reply, send_card
from bot.pending import LinkOwner
from bot.render import escape
from bot.resolve import owner_index, owner_input, special_input
from language.owners import match_owner_in
from storage.actions import get_action, link_unknown_owner
from storage.models import OwnerKind
from storage.organisations import cluster_organisations, get_organisation, remember_alias
from storage.views import ActionView, ClusterView, OwnerInput


def _key(update: Update) -> tuple[int, int] | None:
    chat, user = update.effective_chat, update.effective_user
    return (chat.id, user.id) if chat and user else None


async def start(
    update: Update, context: RelanceContext, action: ActionView, cluster: ClusterView
) -> None:
    """The 🔗 button of a card: ask what the first unknown name stands for."""
    key = _key(update)
    label = next((o.label for o in action.owners if o.unknown), None)
    if key is None or label is None:
        await reply(update, texts.LINK_NOTHING.format(label=""))
        return
    with context.deps.db.session() as session:
        orgs = cluster_organisations(session=session, cluster_id=cluster.id)
    orgs = orgs[: keyboards.ORGANISATION_BUTTONS]
    context.pending[key] = LinkOwner(action.id, label, tuple(o.id for o in orgs))
    if orgs:
        await reply(
            update,
            texts.LINK_ASK.format(label=escape(label)),
            keyboards.link_choices([o.acronym for o in orgs]),
        )
    else:
        await ask(update, texts.LINK_ASK_TYPED.format(label=escape(label)))


async def chosen(update: Update, context: RelanceContext, pending: LinkOwner, index: int) -> None:
    """A tap on one of the offered organisations."""
    if not 0 <= index < len(pending.offered):
        await reply(update, texts.EXCHANGE_EXPIRED)
        return
    with context.deps.db.session() as session:
        org = get_organisation(session=session, organisation_id=pending.offered[index])
    if org is None:
        await reply(update, texts.EXCHANGE_EXPIRED)
        return
    owner = OwnerInput(OwnerKind.ORGANISATION, org.acronym, organisation_id=org.id)
    await _link(update, context, pending, owner)


async def answered(update: Update, context: RelanceContext, pending: LinkOwner, text: str) -> None:
    """A typed name: linked if it resolves to exactly one organisation or person."""
    action = _action(context, pending)
    if action is None:
        context.pending.discard(_key(update) or (0, 0))
        await reply(update, texts.EXCHANGE_EXPIRED)
        return
    owner = special_input(text)
    if owner is None:
        with context.deps.db.session() as session:
            index = owner_index(
                session=session, cluster_id=action.cluster_id, cache=context.bot_data.organisations
            )
        match = match_owner_in(text, index)
        if not match.matches:
            await reply(update, texts.LINK_NOT_FOUND.format(typed=escape(text[:60])))
            return
        if len(match.matches) > 1:
            choices = ", ".join(escape(c.label) for c in match.matches[:4])
            await reply(
                update, texts.LINK_AMBIGUOUS.format(typed=escape(text[:60]), choices=choices)
            )
            return
        owner = owner_input(match.matches[0])
    await _link(update, context, pending, owner)


def _action(context: RelanceContext, pending: LinkOwner) -> ActionView | None:
    with context.deps.db.session() as session:
        return get_action(session=session, action_id=pending.action_id)


async def _link(
    update: Update, context: RelanceContext, pending: LinkOwner, owner: OwnerInput
) -> None:
    key = _key(update)
    action = _action(context, pending)
    cluster = cluster_by_id(context, action.cluster_id) if action else None
    if key is None or action is None or cluster is None:
        await reply(update, texts.EXCHANGE_EXPIRED)
        return
    # The right is checked when the link is made, not only when the question was asked.
    if not await is_coordinator(update, context, cluster):
        context.pending.discard(key)
        await reply(update, texts.COORDINATOR_ONLY)
        return
    with acting(context, update) as (session, who):
        changed = link_unknown_owner(
            session=session,
            cluster_id=cluster.id,
            label=pending.label,
            owner=owner,
            by=who,
        )
        remember_alias(
            session=session,
            organisation_id=owner.organisation_id,
            member_id=owner.member_id,
            alias=pending.label,
        )
        fresh = get_action(session=session, action_id=action.id)
    # The cached owner index does not know the new alias (its version counts organisations).
    context.bot_data.organisations.clear()
    context.pending.discard(key)
    if not changed or fresh is None:
        await reply(update, texts.LINK_NOTHING.format(label=escape(pending.label)))
        return
    intro = texts.LINK_DONE.format(
        label=escape(pending.label),
        owner=escape(owner.label),
        actions=texts.plural(len(changed), "action mise", "actions mises"),
    )
    await send_card(update, context, fresh, cluster, intro)
