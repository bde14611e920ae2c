"""Logging an action: in one message, or a guided exchange that asks only what is missing.

The draft is the question's state (bot.conversation.ActionDraft). Whatever arrives (the
command, a typed answer, a button) fills it in, then _advance asks for the first piece
still missing, or stores the action when nothing is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import keyboards, texts
from bot.callbacks import DraftButton, DraftStep
from bot.context import RelanceContext
from bot.conversation import ActionDraft, Asked
from bot.handlers.common import (
    Answer,
    edit_or_reply,
    key,
    pose,
    reply,
    send_card,
    tolerate_unmodified,
)
from bot.handlers.guards import (
    acting,
    cluster_by_id,
    command_body,
    coordinated_clusters,
    is_coordinator,
    owner_index_of,
)
from bot.render import escape, shorten
from bot.resolve import (
    NoNextMeeting,
    cluster_deadline,
    continue_resolution,
    known_owner,
    looks_like_deadline,
    owner_input,
    undated_value,
    unresolved_owner,
)
from language.action_text import split_action_text, split_owners
from language.deadlines import Undated
from storage.actions import DESCRIPTION_MAX, create_action
from storage.decisions import AlreadyAnAction, turn_into_action
from storage.errors import NotFound
from storage.models import OwnerKind
from storage.organisations import cluster_organisations, get_organisation
from storage.views import ActionView, Author, ClusterView, OwnerInput

# An /action sent while others are unfinished reminds of the latest few, not of all.
UNFINISHED_SHOWN = 3


async def action_command(update: Update, context: RelanceContext) -> None:
    """/action <description> — <responsables> — <échéance>, or /action alone."""
    clusters = await coordinated_clusters(update, context)
    if isinstance(clusters, str):
        await reply(update, clusters)
        return
    draft = ActionDraft(cluster_ids=tuple(c.id for c in clusters))
    body = command_body(update)
    if body:
        known = known_owner(owner_index_of(context, clusters[0].id))
        reader = _deadline_reader(context, clusters[0])
        parts = split_action_text(body, is_deadline=reader, known_owner=known)
        if len(parts.description) > DESCRIPTION_MAX:
            length = len(parts.description)
            await reply(update, texts.ACTION_TOO_LONG.format(length=length, max=DESCRIPTION_MAX))
            return
        draft.description = parts.description.strip() or None
        draft.unresolved = list(parts.owners)
        # Read once the cluster is known: a deadline may hang on that cluster's next meeting.
        draft.deadline_text = parts.deadline_text
    await _remind_unfinished(update, context)
    await _advance(update, context, draft)


def _deadline_reader(context: RelanceContext, cluster: ClusterView) -> Callable[[str], bool]:
    tz = cluster.tz
    return lambda text: looks_like_deadline(text, now=context.now, tz=tz)


async def _remind_unfinished(update: Update, context: RelanceContext) -> None:
    """A new /action does not silently drop the one left unfinished: it stays open, and the
    person is offered to take it up again or to forget it."""
    person = key(update, context)
    if person is None:
        return
    unfinished = [
        q
        for q in context.conversations.open(person, context.now)
        if isinstance(q.state, ActionDraft) and q.state.description
    ]
    for question in unfinished[-UNFINISHED_SHOWN:]:
        assert isinstance(question.state, ActionDraft)
        description = escape(shorten(question.state.description or "", 80))
        text = texts.ACTION_UNFINISHED.format(description=description)
        sent = await reply(update, text, keyboards.unfinished_choice())
        if sent is not None:
            context.conversations.asked(question.id, sent.message_id, context.now)


@dataclass(frozen=True)
class _Question:
    text: str
    markup: InlineKeyboardMarkup | None = None
    answer: Answer = Answer.TEXT


async def _advance(
    update: Update, context: RelanceContext, draft: ActionDraft, question_id: int | None = None
) -> None:
    """Ask for the first missing piece, or store the action when nothing is missing."""
    if len(draft.cluster_ids) > 1:
        clusters = [cluster_by_id(context, cid) for cid in draft.cluster_ids]
        markup = keyboards.cluster_choices([c.display_name for c in clusters if c])
        question = _Question(texts.CHOOSE_CLUSTER, markup, Answer.BUTTONS)
    else:
        cluster = cluster_by_id(context, draft.cluster_ids[0])
        if cluster is None:
            if question_id is not None:
                context.conversations.close(question_id)
            await reply(update, texts.EXCHANGE_EXPIRED)
            return
        missing = _next_question(context, draft, cluster)
        if missing is None:
            await _store(update, context, draft, cluster, question_id)
            return
        question = missing
    await pose(
        update,
        context,
        draft,
        question.text,
        markup=question.markup,
        answer=question.answer,
        replacing=question_id,
    )


def _next_question(
    context: RelanceContext, draft: ActionDraft, cluster: ClusterView
) -> _Question | None:
    """The first thing still missing from the draft, or None when it can be stored. Owners
    and a typed deadline are read here, once the cluster is known, into the draft."""
    if not draft.description:
        return _Question(texts.ACTION_ASK_DESCRIPTION)
    if draft.unresolved and not draft.choices:
        index = owner_index_of(context, cluster.id)
        resolution = continue_resolution(draft.owners or [], draft.unresolved, index)
        draft.owners = resolution.owners
        draft.unresolved, draft.choices = resolution.unresolved, resolution.choices
    if draft.choices:
        typed = draft.unresolved[0]
        return _Question(
            texts.ACTION_AMBIGUOUS_OWNER.format(typed=escape(shorten(typed, 200))),
            keyboards.owner_choices(typed, draft.choices),
            Answer.BUTTONS,
        )
    if not draft.owners:
        return _owners_question(context, draft, cluster)
    if draft.deadline is None and draft.deadline_text:
        typed, draft.deadline_text = draft.deadline_text, None
        unreadable = _read_deadline(context, draft, typed, cluster)
        if unreadable is not None:
            return unreadable
    if draft.undated_text and draft.deadline is None:
        return _Question(
            texts.ACTION_UNDATED.format(text=escape(draft.undated_text[:80])),
            keyboards.undated_choice(),
            Answer.BUTTONS,
        )
    if draft.deadline is None:
        return _Question(texts.ACTION_ASK_DEADLINE)
    return None


def _read_deadline(
    context: RelanceContext, draft: ActionDraft, text: str, cluster: ClusterView
) -> _Question | None:
    """Keep the deadline if readable (vague wording waits for a yes); else ask again."""
    with context.deps.db.session() as session:
        value = cluster_deadline(
            text,
            session=session,
            cluster_id=cluster.id,
            now=context.now,
            tz=cluster.tz,
        )
    if isinstance(value, Undated):
        draft.undated_text = text.strip()
    elif isinstance(value, NoNextMeeting):
        return _Question(texts.DEADLINE_NO_MEETING.format(text=escape(text.strip()[:80])))
    elif value is None:
        return _Question(texts.ACTION_BAD_DEADLINE.format(text=escape(text.strip()[:80])))
    else:
        draft.deadline = value
    return None


def _owners_question(
    context: RelanceContext, draft: ActionDraft, cluster: ClusterView
) -> _Question:
    """The choice is finite when the cluster has organisations: offer them as buttons."""
    with context.deps.db.session() as session:
        orgs = cluster_organisations(session=session, cluster_id=cluster.id)
    if not orgs:
        return _Question(texts.ACTION_ASK_OWNERS)
    orgs = orgs[: keyboards.ORGANISATION_BUTTONS]
    draft.offered = tuple(o.id for o in orgs)
    # Asked again (taken up later, the cluster grown meanwhile): the taps made stay made.
    draft.chosen_ids = tuple(i for i in draft.chosen_ids if i in draft.offered)
    shown = [n for n, org_id in enumerate(draft.offered) if org_id in draft.chosen_ids]
    markup = keyboards.organisation_choices([o.acronym for o in orgs], shown)
    return _Question(texts.ACTION_ASK_OWNERS_BUTTONS, markup, Answer.BUTTONS_OR_TEXT)


async def _store(
    update: Update,
    context: RelanceContext,
    draft: ActionDraft,
    cluster: ClusterView,
    question_id: int | None,
) -> None:
    assert draft.description
    assert draft.owners
    assert draft.deadline is not None
    # The right is checked again at the moment of writing, not only when the exchange began
    # (within one update, Telegram is asked once).
    if not await is_coordinator(update, context, cluster):
        if question_id is not None:
            context.conversations.close(question_id)
        await reply(update, texts.COORDINATOR_ONLY)
        return
    with acting(context, update) as (session, by):
        if draft.decision_id is not None:
            made = _decision_action(session, draft, by)
        else:
            made = create_action(
                session=session,
                cluster_id=cluster.id,
                description=draft.description,
                owners=draft.owners,
                deadline=draft.deadline,
                by=by,
            )
        if question_id is not None:
            context.conversations.close(question_id, session=session)
    if isinstance(made, str):
        await reply(update, made)
        return
    intro = texts.ACTION_CREATED
    if draft.decision_id is not None:
        intro = texts.DECISION_BECAME_ACTION.format(id=draft.decision_id)
    await send_card(update, context, made, cluster, intro)


async def answered(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """A typed answer: it fills the piece the draft was asking for."""
    draft = asked.state
    assert isinstance(draft, ActionDraft)
    if len(draft.cluster_ids) != 1:
        pass  # a cluster is chosen with a button: ask again
    elif not draft.description:
        if len(text) > DESCRIPTION_MAX:
            problem = texts.ACTION_TOO_LONG.format(length=len(text), max=DESCRIPTION_MAX)
            await pose(update, context, draft, problem, replacing=asked.id)
            return
        draft.description = text
    elif not draft.owners and not draft.unresolved:
        known = known_owner(owner_index_of(context, draft.cluster_ids[0]))
        draft.unresolved = list(split_owners(text, known=known))
    elif draft.deadline is None and not draft.choices:
        draft.deadline_text = text
    await _advance(update, context, draft, asked.id)


async def pressed(
    update: Update, context: RelanceContext, asked: Asked, button: DraftButton
) -> None:
    """A button under one of the draft's questions."""
    query = update.callback_query
    draft = asked.state
    assert query is not None
    assert isinstance(draft, ActionDraft)
    if button.step == DraftStep.DROP:
        await query.answer()
        context.conversations.close(asked.id)
        description = escape(shorten(draft.description or "", 80))
        await edit_or_reply(update, texts.UNFINISHED_DROPPED.format(description=description))
        return
    if button.step == DraftStep.ORGANISATION and not draft.owners:
        await _toggle(update, context, asked, draft, button.index)
        return
    if button.step != DraftStep.RESUME and not _choose(context, draft, button):
        await query.answer(texts.EXCHANGE_EXPIRED, show_alert=True)
        return
    await query.answer()
    await _advance(update, context, draft, asked.id)


async def _toggle(
    update: Update, context: RelanceContext, asked: Asked, draft: ActionDraft, index: int
) -> None:
    """One organisation on or off among the owners; the buttons show which."""
    query, person = update.callback_query, key(update, context)
    assert query is not None
    message = query.message
    labels = (
        keyboards.offered_organisations(message.reply_markup or InlineKeyboardMarkup([]))
        if isinstance(message, Message)
        else []
    )
    if not 0 <= index < min(len(draft.offered), len(labels)) or person is None:
        await query.answer(texts.EXCHANGE_EXPIRED, show_alert=True)
        return
    org_id = draft.offered[index]
    with context.deps.db.session() as session:
        org = get_organisation(session=session, organisation_id=org_id)
    if org is None or org.acronym[:30] != labels[index]:
        # An older message of the question, its buttons in another order than the latest's.
        await query.answer(texts.OWNERS_LIST_CHANGED, show_alert=True)
        return
    kept = tuple(i for i in draft.chosen_ids if i != org_id)  # in the order tapped
    draft.chosen_ids = kept if len(kept) < len(draft.chosen_ids) else (*kept, org_id)
    context.conversations.save(person, draft, context.now, replacing=asked.id)
    await query.answer()
    shown = [n for n, i in enumerate(draft.offered) if i in draft.chosen_ids]
    try:
        await query.edit_message_reply_markup(keyboards.organisation_choices(labels, shown))
    except BadRequest as exc:
        tolerate_unmodified(exc)


def _choose(context: RelanceContext, draft: ActionDraft, button: DraftButton) -> bool:
    """Apply the choice to the draft; False when the draft no longer offers it."""
    step, index = button.step, button.index
    if step == DraftStep.CLUSTER and len(draft.cluster_ids) > 1:
        if not 0 <= index < len(draft.cluster_ids):
            return False
        draft.cluster_ids = (draft.cluster_ids[index],)
    elif step in (DraftStep.OWNER, DraftStep.KEEP_TYPED) and draft.choices and draft.unresolved:
        typed = draft.unresolved.pop(0)
        if step == DraftStep.OWNER and 0 <= index < len(draft.choices):
            chosen = owner_input(draft.choices[index])
        else:
            chosen = unresolved_owner(typed)
        draft.owners = [*(draft.owners or []), chosen]
        draft.choices = ()
    elif step == DraftStep.VALIDATE and not draft.owners and draft.chosen_ids:
        with context.deps.db.session() as session:
            orgs = [get_organisation(session=session, organisation_id=i) for i in draft.chosen_ids]
        if not orgs or None in orgs:
            return False
        draft.owners = [
            OwnerInput(OwnerKind.ORGANISATION, org.acronym, organisation_id=org.id)
            for org in orgs
            if org is not None
        ]
        draft.chosen_ids = ()
    elif step == DraftStep.UNDATED and draft.undated_text:
        if index == 1:
            draft.deadline = undated_value(draft.undated_text)
        else:
            draft.undated_text = None
    else:
        return False
    return True


# --- Decisions: an action made of a meeting's decision ---------------------------------------


async def start_draft(update: Update, context: RelanceContext, draft: ActionDraft) -> None:
    """Ask what the draft still misses (a decision's owners and deadline), as /action does."""
    await _advance(update, context, draft)


def _decision_action(session: Session, draft: ActionDraft, by: Author) -> ActionView | str:
    """The action the decision becomes; the French reason instead when it cannot."""
    assert draft.decision_id is not None
    assert draft.description
    assert draft.owners
    assert draft.deadline is not None
    try:
        return turn_into_action(
            session=session,
            decision_id=draft.decision_id,
            description=draft.description,
            owners=draft.owners,
            deadline=draft.deadline,
            by=by,
        )
    except AlreadyAnAction as exc:
        return texts.DECISION_ALREADY_ACTION.format(id=draft.decision_id, action=exc.action_id)
    except NotFound:
        return texts.DECISION_GONE
