"""Logging an action: in one message, or a guided exchange that asks only what is missing.

Also routes the free-text answers the bot asked for (a comment, a new deadline...).
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot import keyboards, texts
from bot.callbacks import DraftButton, decode
from bot.context import RelanceContext
from bot.handlers import importing, linking, meetings
from bot.handlers.actions import (
    apply_comment,
    apply_deadline,
    may_update,
    refusal,
    visible_action,
)
from bot.handlers.common import (
    acting,
    ask,
    cluster_by_id,
    group_cluster,
    is_coordinator,
    is_private,
    reply,
    send_card,
    tz_of,
)
from bot.pending import ActionDraft, FieldEdit, ImportDraft, ImportWait, LinkOwner, MeetingEdit
from bot.render import escape
from bot.resolve import (
    NoNextMeeting,
    cluster_deadline,
    continue_resolution,
    looks_like_deadline,
    owner_index,
    owner_input,
    resolve_owners,
    undated_value,
    unresolved_owner,
)
from language.action_text import split_action_text, split_owners
from language.deadlines import Undated
from storage.actions import change_description, change_owners, create_action
from storage.members import memberships_of_user
from storage.models import OwnerKind, Role
from storage.organisations import cluster_organisations, get_organisation
from storage.views import ClusterView, OwnerInput

DESCRIPTION_MAX = 4000


def _key(update: Update) -> tuple[int, int] | None:
    chat, user = update.effective_chat, update.effective_user
    return (chat.id, user.id) if chat and user else None


async def action_command(update: Update, context: RelanceContext) -> None:
    """/action <description> — <responsables> — <échéance>, or /action alone."""
    key, user, message = _key(update), update.effective_user, update.effective_message
    if key is None or user is None or message is None:
        return
    if is_private(update):
        clusters = await _coordinated_clusters(update, context)
        if not clusters:
            await reply(update, texts.NOT_COORDINATOR_ANYWHERE)
            return
    else:
        cluster = group_cluster(update, context)
        if cluster is None:
            await reply(update, texts.NOT_A_CLUSTER)
            return
        if not await is_coordinator(update, context, cluster):
            await reply(update, texts.COORDINATOR_ONLY)
            return
        clusters = [cluster]
    body = (
        (message.text or "").split(None, 1)[1]
        if len((message.text or "").split(None, 1)) == 2
        else ""
    )
    # A new /action replaces any exchange in progress: _advance saves it, _store clears it.
    draft = ActionDraft(cluster_ids=tuple(c.id for c in clusters))
    if body.strip():
        tz = tz_of(clusters[0], context)
        now = context.now
        parts = split_action_text(
            body, is_deadline=lambda t: looks_like_deadline(t, now=now, tz=tz)
        )
        if len(parts.description) > DESCRIPTION_MAX:
            context.pending.discard(key)
            await reply(
                update,
                texts.ACTION_TOO_LONG.format(length=len(parts.description), max=DESCRIPTION_MAX),
            )
            return
        draft.description = parts.description.strip() or None
        draft.unresolved = list(parts.owners)
        # Read once the cluster is known: a deadline may hang on that cluster's next meeting.
        draft.deadline_text = parts.deadline_text
    # The right was just checked and the cluster just read: _store need not do it again.
    await _advance(update, context, draft, known=clusters[0], checked=True)


async def _coordinated_clusters(update: Update, context: RelanceContext) -> list[ClusterView]:
    user = update.effective_user
    assert user is not None
    with context.deps.db.session() as session:
        memberships = memberships_of_user(session=session, telegram_user_id=user.id)
    return [
        m.cluster
        for m in memberships
        if m.role == Role.COORDINATOR and await is_coordinator(update, context, m.cluster)
    ]


def _take_deadline(
    context: RelanceContext, draft: ActionDraft, text: str, cluster: ClusterView
) -> None:
    """Remember the deadline if readable; vague wording waits for a yes."""
    with context.deps.db.session() as session:
        value = cluster_deadline(
            text,
            session=session,
            cluster_id=cluster.id,
            now=context.now,
            tz=tz_of(cluster, context),
        )
    if isinstance(value, Undated):
        draft.undated_text = text.strip()
    elif isinstance(value, NoNextMeeting):
        draft.bad_deadline = text.strip()
        draft.no_meeting = True
    elif value is None:
        draft.bad_deadline = text.strip()
    else:
        draft.deadline = value


@dataclass(frozen=True)
class _Question:
    text: str
    markup: InlineKeyboardMarkup | None = None  # None: a free-text answer is awaited


async def _advance(
    update: Update,
    context: RelanceContext,
    draft: ActionDraft,
    *,
    known: ClusterView | None = None,
    checked: bool = False,
) -> None:
    """Ask for the first missing piece, or store the action when nothing is missing."""
    key = _key(update)
    assert key is not None
    if len(draft.cluster_ids) > 1:
        clusters = [cluster_by_id(context, cid) for cid in draft.cluster_ids]
        names = [c.display_name for c in clusters if c]
        question = _Question(texts.CHOOSE_CLUSTER, keyboards.cluster_choices(names))
    else:
        if known is not None and known.id == draft.cluster_ids[0]:
            cluster: ClusterView | None = known
        else:
            cluster = cluster_by_id(context, draft.cluster_ids[0])
        if cluster is None:
            context.pending.discard(key)
            await reply(update, texts.EXCHANGE_EXPIRED)
            return
        next_question = _next_question(context, draft, cluster)
        if next_question is None:
            await _store(update, context, draft, cluster, checked=checked)
            return
        question = next_question
    # Saved before asking, so that an answer always finds its question, even after a restart.
    context.pending[key] = draft
    if question.markup is None:
        await ask(update, question.text)
    else:
        await reply(update, question.text, question.markup)


def _next_question(
    context: RelanceContext, draft: ActionDraft, cluster: ClusterView
) -> _Question | None:
    """The first thing still missing from the draft, or None when it can be stored."""
    if not draft.description:
        return _Question(texts.ACTION_ASK_DESCRIPTION)
    if draft.unresolved and not draft.choices:
        with context.deps.db.session() as session:
            index = owner_index(
                session=session, cluster_id=cluster.id, cache=context.bot_data.organisations
            )
        resolution = continue_resolution(draft.owners or [], draft.unresolved, index)
        draft.owners, draft.unresolved, draft.choices = (
            resolution.owners,
            resolution.unresolved,
            resolution.choices,
        )
    if draft.choices:
        typed = draft.unresolved[0]
        return _Question(
            texts.ACTION_AMBIGUOUS_OWNER.format(typed=escape(typed)),
            keyboards.owner_choices(typed, draft.choices),
        )
    if not draft.owners:
        return _owners_question(context, draft, cluster)
    if draft.deadline is None and draft.deadline_text:
        typed, draft.deadline_text = draft.deadline_text, None
        _take_deadline(context, draft, typed, cluster)
    if draft.bad_deadline:
        bad, draft.bad_deadline = draft.bad_deadline, None
        template = texts.DEADLINE_NO_MEETING if draft.no_meeting else texts.ACTION_BAD_DEADLINE
        draft.no_meeting = False
        return _Question(template.format(text=escape(bad[:80])))
    if draft.undated_text and draft.deadline is None:
        return _Question(
            texts.ACTION_UNDATED.format(text=escape(draft.undated_text[:80])),
            keyboards.undated_choice(),
        )
    if draft.deadline is None:
        return _Question(texts.ACTION_ASK_DEADLINE)
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
    return _Question(
        texts.ACTION_ASK_OWNERS_BUTTONS, keyboards.organisation_choices([o.acronym for o in orgs])
    )


async def _store(
    update: Update,
    context: RelanceContext,
    draft: ActionDraft,
    cluster: ClusterView,
    *,
    checked: bool = False,
) -> None:
    key = _key(update)
    assert key is not None
    assert draft.description
    assert draft.owners
    assert draft.deadline is not None
    # The right is checked again at the moment of writing, not only when the exchange began.
    if not checked and not await is_coordinator(update, context, cluster):
        context.pending.discard(key)
        await reply(update, texts.COORDINATOR_ONLY)
        return
    with acting(context, update) as (session, who):
        action = create_action(
            session=session,
            cluster_id=cluster.id,
            description=draft.description,
            owners=draft.owners,
            deadline=draft.deadline,
            by=who,
        )
        context.pending.discard(key, session=session)
    await send_card(update, context, action, cluster, texts.ACTION_CREATED)


async def draft_button(update: Update, context: RelanceContext) -> None:
    """A choice inside the guided exchange: cluster, ambiguous owner, undated yes/no."""
    query, key = update.callback_query, _key(update)
    if query is None or key is None:
        return
    button = decode(query.data)
    draft = context.pending.get(key)
    if isinstance(button, DraftButton) and button.step == "l" and isinstance(draft, LinkOwner):
        await query.answer()
        await linking.chosen(update, context, draft, button.index)
        return
    if not isinstance(button, DraftButton) or not isinstance(draft, ActionDraft):
        await query.answer(texts.EXCHANGE_EXPIRED, show_alert=True)
        return
    await query.answer()
    if (
        button.step == "c"
        and len(draft.cluster_ids) > 1
        and 0 <= button.index < len(draft.cluster_ids)
    ):
        draft.cluster_ids = (draft.cluster_ids[button.index],)
    elif button.step in ("o", "k") and draft.choices and draft.unresolved:
        typed = draft.unresolved.pop(0)
        if button.step == "o" and 0 <= button.index < len(draft.choices):
            chosen = owner_input(draft.choices[button.index])
        else:
            chosen = unresolved_owner(typed)
        draft.owners = [*(draft.owners or []), chosen]
        draft.choices = ()
    elif button.step == "g" and not draft.owners and 0 <= button.index < len(draft.offered):
        with context.deps.db.session() as session:
            org = get_organisation(session=session, organisation_id=draft.offered[button.index])
        if org is None:
            await reply(update, texts.EXCHANGE_EXPIRED)
            return
        draft.owners = [OwnerInput(OwnerKind.ORGANISATION, org.acronym, organisation_id=org.id)]
    elif button.step == "u" and draft.undated_text:
        if button.index == 1:
            draft.deadline = undated_value(draft.undated_text)
        else:
            draft.undated_text = None
    else:
        await reply(update, texts.EXCHANGE_EXPIRED)
        return
    await _advance(update, context, draft)


async def pending_text(update: Update, context: RelanceContext) -> None:
    """A plain message: the answer to the question the bot asked this person, if any."""
    key, message = _key(update), update.effective_message
    if key is None or message is None or not message.text:
        return
    if not is_private(update):
        # In a group only a reply to the bot's question counts: chatter is not an answer.
        replied = message.reply_to_message
        if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
            return
    pending = context.pending.get(key)
    if pending is None:
        if is_private(update):
            # In private every message is meant for the bot: never leave it unanswered.
            await reply(update, texts.NO_QUESTION_PENDING)
        return
    text = message.text.strip()
    if not text:
        await reply(update, texts.EMPTY_TEXT)
        return
    if isinstance(pending, FieldEdit):
        await _answer_field(update, context, pending, text)
    elif isinstance(pending, LinkOwner):
        await linking.answered(update, context, pending, text)
    elif isinstance(pending, MeetingEdit):
        await meetings.answered(update, context, pending, text)
    elif isinstance(pending, ImportWait):
        await importing.import_text(update, context, pending, text)
    elif isinstance(pending, ImportDraft):
        if pending.fixing is not None:
            await importing.fix_text(update, context, pending, text)
        else:
            await reply(update, texts.IMPORT_WAITING)
    else:
        await _answer_draft(update, context, pending, text)


async def _answer_draft(
    update: Update, context: RelanceContext, draft: ActionDraft, text: str
) -> None:
    if len(draft.cluster_ids) != 1:
        await _advance(update, context, draft)
        return
    cluster = cluster_by_id(context, draft.cluster_ids[0])
    if cluster is None:
        await _advance(update, context, draft)
        return
    if not draft.description:
        if len(text) > DESCRIPTION_MAX:
            await reply(update, texts.ACTION_TOO_LONG.format(length=len(text), max=DESCRIPTION_MAX))
            return
        draft.description = text
    elif not draft.owners and not draft.unresolved:
        draft.unresolved = list(split_owners(text))
        if not draft.unresolved:
            await ask(update, texts.ACTION_ASK_OWNERS)
            return
    elif draft.deadline is None and not draft.choices:
        draft.deadline_text = text
    await _advance(update, context, draft)


async def _answer_field(
    update: Update, context: RelanceContext, pending: FieldEdit, text: str
) -> None:
    key = _key(update)
    assert key is not None
    found = visible_action(update, context, pending.action_id)
    if found is None:
        context.pending.discard(key)
        await reply(update, texts.ACTION_NOT_FOUND.format(id=pending.action_id))
        return
    action, cluster = found
    coordinator_field = pending.field in ("description", "owners")
    allowed = (
        await is_coordinator(update, context, cluster)
        if coordinator_field
        else await may_update(update, context, action, cluster)
    )
    if not allowed:
        context.pending.discard(key)
        await reply(update, texts.COORDINATOR_ONLY if coordinator_field else refusal(action))
        return
    done = True
    if pending.field == "comment":
        done = await apply_comment(update, context, action, cluster, text)
    elif pending.field == "deadline":
        done = await apply_deadline(update, context, action, cluster, text)
    elif pending.field == "description":
        done = await _edit_description(update, context, action.id, cluster, text)
    else:
        done = await _edit_owners(update, context, action.id, cluster, text)
    if done:
        context.pending.discard(key)


async def _edit_description(
    update: Update, context: RelanceContext, action_id: int, cluster: ClusterView, text: str
) -> bool:
    if len(text) > DESCRIPTION_MAX:
        await reply(update, texts.ACTION_TOO_LONG.format(length=len(text), max=DESCRIPTION_MAX))
        return False
    with acting(context, update) as (session, who):
        action = change_description(
            session=session,
            action_id=action_id,
            description=text,
            by=who,
        )
    await send_card(update, context, action, cluster)
    return True


async def _edit_owners(
    update: Update, context: RelanceContext, action_id: int, cluster: ClusterView, text: str
) -> bool:
    names = split_owners(text)
    if not names:
        await ask(update, texts.OWNERS_ASK.format(id=action_id))
        return False
    with context.deps.db.session() as session:
        index = owner_index(
            session=session, cluster_id=cluster.id, cache=context.bot_data.organisations
        )
    resolution = resolve_owners(names, index)
    if resolution.choices:
        options = ", ".join(escape(c.label) for c in resolution.choices)
        await reply(
            update,
            texts.INVITE_AMBIGUOUS_ORG.format(
                org=escape(resolution.unresolved[0]), choices=options
            ),
        )
        return False
    with acting(context, update) as (session, who):
        action = change_owners(
            session=session,
            action_id=action_id,
            owners=resolution.owners,
            by=who,
        )
    await send_card(update, context, action, cluster)
    return True
