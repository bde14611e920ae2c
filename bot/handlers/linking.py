"""Linking an owner name kept unknown: once, and every action that named it follows."""

from __future__ import annotations

from telegram import Update

from bot import keyboards, texts
from bot.callbacks import DraftButton, Verb
from bot.context import RelanceContext
from bot.conversation import Asked, LinkOwner
from bot.handlers.common import Answer, pose, reply, send_card
from bot.handlers.guards import Target, acting, owner_index_of, refusal, visible_action
from bot.render import escape, shorten
from bot.resolve import owner_input, special_input
from language.owners import match_owner_in
from storage.actions import get_action, link_unknown_owner
from storage.models import OwnerKind
from storage.organisations import cluster_organisations, get_organisation, remember_alias
from storage.views import OwnerInput


async def start(update: Update, context: RelanceContext, target: Target) -> None:
    """The 🔗 button of a card: ask what the first unknown name stands for."""
    label = next((o.label for o in target.action.owners if o.unknown), None)
    if label is None:
        await reply(update, texts.LINK_NOTHING.format(label=""))
        return
    with context.deps.db.session() as session:
        orgs = cluster_organisations(session=session, cluster_id=target.cluster.id)
    orgs = orgs[: keyboards.ORGANISATION_BUTTONS]
    state = LinkOwner(target.action.id, label, tuple(o.id for o in orgs))
    shown = escape(shorten(label, 200))  # a name typed as a whole paragraph stays readable
    if orgs:
        question, markup = texts.LINK_ASK, keyboards.link_choices([o.acronym for o in orgs])
        await pose(
            update,
            context,
            state,
            question.format(label=shown),
            markup=markup,
            answer=Answer.BUTTONS_OR_TEXT,
        )
    else:
        await pose(update, context, state, texts.LINK_ASK_TYPED.format(label=shown))


async def chosen(
    update: Update, context: RelanceContext, asked: Asked, button: DraftButton
) -> None:
    """A tap on one of the offered organisations."""
    query = update.callback_query
    link = asked.state
    assert query is not None
    assert isinstance(link, LinkOwner)
    org = None
    if 0 <= button.index < len(link.offered):
        with context.deps.db.session() as session:
            org = get_organisation(session=session, organisation_id=link.offered[button.index])
    if org is None:
        await query.answer(texts.EXCHANGE_EXPIRED, show_alert=True)
        return
    await query.answer()
    owner = OwnerInput(OwnerKind.ORGANISATION, org.acronym, organisation_id=org.id)
    await _link(update, context, asked, owner)


async def answered(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """A typed name: linked if it resolves to exactly one organisation or person."""
    link = asked.state
    assert isinstance(link, LinkOwner)
    owner = special_input(text)
    if owner is None:
        with context.deps.db.session() as session:
            action = get_action(session=session, action_id=link.action_id)
        if action is None:
            context.conversations.close(asked.id)
            await reply(update, texts.EXCHANGE_EXPIRED)
            return
        match = match_owner_in(text, owner_index_of(context, action.cluster_id))
        if len(match.matches) != 1:
            typed = escape(text[:60])
            choices = ", ".join(escape(c.label) for c in match.matches[:4])
            problem = (
                texts.LINK_AMBIGUOUS.format(typed=typed, choices=choices)
                if match.matches
                else texts.LINK_NOT_FOUND.format(typed=typed)
            )
            await pose(update, context, link, problem, replacing=asked.id)
            return
        owner = owner_input(match.matches[0])
    await _link(update, context, asked, owner)


async def _link(update: Update, context: RelanceContext, asked: Asked, owner: OwnerInput) -> None:
    link = asked.state
    assert isinstance(link, LinkOwner)
    target = visible_action(update, context, link.action_id)
    # The right is checked when the link is made, not only when the question was asked.
    refused = (
        await refusal(update, context, Verb.LINK, target) if target else texts.EXCHANGE_EXPIRED
    )
    if target is None or refused is not None:
        context.conversations.close(asked.id)
        await reply(update, refused or texts.EXCHANGE_EXPIRED)
        return
    with acting(context, update) as (session, by):
        changed = link_unknown_owner(
            session=session, cluster_id=target.cluster.id, label=link.label, owner=owner, by=by
        )
        remember_alias(
            session=session,
            organisation_id=owner.organisation_id,
            member_id=owner.member_id,
            alias=link.label,
        )
        fresh = get_action(session=session, action_id=target.action.id)
        context.conversations.close(asked.id, session=session)
    context.bot_data.aliases_changed()
    if not changed or fresh is None:
        await reply(update, texts.LINK_NOTHING.format(label=escape(link.label)))
        return
    intro = texts.LINK_DONE.format(
        label=escape(link.label),
        owner=escape(owner.label),
        actions=texts.plural(len(changed), "action mise", "actions mises"),
    )
    await send_card(update, context, fresh, target.cluster, intro)
