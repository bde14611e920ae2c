"""One action: its card, its status buttons and commands, postponing, comments, edits."""

from __future__ import annotations

import re

from telegram import Message, Update
from telegram.error import BadRequest

from bot import keyboards, render, texts
from bot.callbacks import ActionButton, Verb, decode
from bot.context import RelanceContext
from bot.handlers import linking
from bot.handlers.common import (
    acting,
    ask,
    card,
    edit_or_reply,
    group_cluster,
    is_coordinator,
    is_private,
    my_clusters,
    number_or_explain,
    reply,
    send_card,
    tz_of,
)
from bot.pending import FieldEdit, FieldName
from bot.render import escape
from bot.resolve import NoNextMeeting, cluster_deadline, undated_value
from language.deadlines import Undated
from storage.actions import (
    action_history,
    add_comment,
    change_deadline,
    change_status,
    get_action,
    is_owner,
)
from storage.errors import NotFound, StaleStatus
from storage.models import Status
from storage.views import ActionView, ClusterView

COMMENT_MAX = 2000
_COMMAND_STATUS = {"fait": Status.DONE, "encours": Status.IN_PROGRESS, "bloque": Status.BLOCKED}
_VERB_STATUS = {
    Verb.DONE: Status.DONE,
    Verb.IN_PROGRESS: Status.IN_PROGRESS,
    Verb.BLOCKED: Status.BLOCKED,
}


def visible_action(
    update: Update, context: RelanceContext, action_id: int
) -> tuple[ActionView, ClusterView] | None:
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
    return action, clusters[action.cluster_id]


async def may_update(
    update: Update, context: RelanceContext, action: ActionView, cluster: ClusterView
) -> bool:
    """Owners' focal points update their actions; coordinators update anything."""
    user = update.effective_user
    if user is None:
        return False
    with context.deps.db.session() as session:
        if is_owner(session=session, action_id=action.id, telegram_user_id=user.id):
            return True
    return await is_coordinator(update, context, cluster)


def refusal(action: ActionView) -> str:
    return texts.OWNER_OR_COORDINATOR_ONLY.format(
        id=action.id, owners=render.owners_text(action.owners)
    )


async def _found_or_explain(
    update: Update, context: RelanceContext, command: str
) -> tuple[ActionView, ClusterView] | None:
    number = await number_or_explain(update, context, command)
    if number is None:
        return None
    found = visible_action(update, context, number)
    if found is None:
        await reply(update, texts.ACTION_NOT_FOUND.format(id=number))
    return found


async def _updatable_or_explain(
    update: Update, context: RelanceContext, command: str
) -> tuple[ActionView, ClusterView] | None:
    """The action named by the command, if this person may update it; else a French reply."""
    found = await _found_or_explain(update, context, command)
    if found is None:
        return None
    action, cluster = found
    if not await may_update(update, context, action, cluster):
        await reply(update, refusal(action))
        return None
    return found


async def set_status_command(update: Update, context: RelanceContext) -> None:
    """/fait 12, /encours 12, /bloque 12."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    command = message.text.split()[0].lstrip("/").split("@")[0].lower()
    status = _COMMAND_STATUS[command]
    found = await _updatable_or_explain(update, context, command)
    if found is None:
        return
    action, cluster = found
    if action.status == status:
        await send_card(
            update,
            context,
            action,
            cluster,
            texts.ALREADY_STATUS.format(id=action.id, status=texts.STATUS_LABEL[status]),
        )
        return
    await _change_and_show(update, context, action, cluster, status)


async def view_command(update: Update, context: RelanceContext) -> None:
    """/voir 12: the card and its history."""
    found = await _found_or_explain(update, context, "voir")
    if found is None:
        return
    action, cluster = found
    with context.deps.db.session() as session:
        history = action_history(session=session, action_id=action.id)
    tz = tz_of(cluster, context)
    now = context.now
    if len(action.description) > render.DESCRIPTION_IN_CARD:
        # The card shortens very long texts; /voir is where the whole text is read.
        for start in range(0, len(action.description), render.MESSAGE_LIMIT - 96):
            await reply(
                update, escape(action.description[start : start + render.MESSAGE_LIMIT - 96])
            )
    text = render.action_detail(action, history, now=now, tz=tz)
    await reply(update, text, keyboards.action_card(action))


async def cancel_command(update: Update, context: RelanceContext) -> None:
    """/annuler 12 cancels the action; /annuler alone leaves a guided exchange."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    if not context.args:
        if context.pending.discard((chat.id, user.id)):
            await reply(update, texts.EXCHANGE_CANCELLED)
        else:
            await reply(update, texts.NOTHING_TO_CANCEL)
        return
    found = await _found_or_explain(update, context, "annuler")
    if found is None:
        return
    action, cluster = found
    if not await is_coordinator(update, context, cluster):
        await reply(update, texts.COORDINATOR_ONLY)
        return
    await _change_and_show(update, context, action, cluster, Status.CANCELLED)


async def _change_and_show(
    update: Update,
    context: RelanceContext,
    action: ActionView,
    cluster: ClusterView,
    status: Status,
) -> None:
    """A typed status command: record who changed what, then answer with the fresh card."""
    with acting(context, update) as (session, who):
        action = change_status(
            session=session,
            action_id=action.id,
            status=status,
            expected=None,
            by=who,
        )
    await send_card(update, context, action, cluster)


async def postpone_command(update: Update, context: RelanceContext) -> None:
    """/reporter 12 fin novembre."""
    found = await _updatable_or_explain(update, context, "reporter")
    if found is None:
        return
    action, cluster = found
    text = " ".join((context.args or [])[1:])
    if not text.strip():
        await _await_field(update, context, action.id, "deadline", texts.POSTPONE_ASK)
        return
    await apply_deadline(update, context, action, cluster, text)


async def comment_command(update: Update, context: RelanceContext) -> None:
    """/commenter 12 Rapport envoyé."""
    found = await _updatable_or_explain(update, context, "commenter")
    if found is None:
        return
    action, cluster = found
    message = update.effective_message
    raw = message.text if message and message.text else ""
    # Keep the comment exactly as typed (line breaks included), not re-joined from args.
    text = raw.split(None, 2)[2] if len(raw.split(None, 2)) == 3 else ""
    if not text.strip():
        await _await_field(update, context, action.id, "comment", texts.COMMENT_ASK)
        return
    await apply_comment(update, context, action, cluster, text)


async def apply_deadline(
    update: Update, context: RelanceContext, action: ActionView, cluster: ClusterView, text: str
) -> bool:
    """Store a new deadline typed by the person; False (and a French hint) if unreadable."""
    with context.deps.db.session() as session:
        value = cluster_deadline(
            text,
            session=session,
            cluster_id=cluster.id,
            now=context.now,
            tz=tz_of(cluster, context),
        )
    if value is None:
        await reply(update, texts.ACTION_BAD_DEADLINE.format(text=escape(text[:80])))
        return False
    if isinstance(value, NoNextMeeting):
        await reply(update, texts.DEADLINE_NO_MEETING.format(text=escape(text[:80])))
        return False
    if isinstance(value, Undated):
        value = undated_value(text)
    with acting(context, update) as (session, who):
        action = change_deadline(
            session=session,
            action_id=action.id,
            deadline=value,
            by=who,
        )
    await send_card(update, context, action, cluster)
    return True


async def apply_comment(
    update: Update, context: RelanceContext, action: ActionView, cluster: ClusterView, text: str
) -> bool:
    text = text.strip()
    if len(text) > COMMENT_MAX:
        await reply(update, texts.COMMENT_TOO_LONG.format(length=len(text), max=COMMENT_MAX))
        return False
    with acting(context, update) as (session, who):
        action = add_comment(
            session=session,
            action_id=action.id,
            text=text,
            by=who,
        )
    await send_card(update, context, action, cluster, texts.COMMENT_ADDED.format(id=action.id))
    return True


async def _await_field(
    update: Update, context: RelanceContext, action_id: int, field: FieldName, question: str
) -> None:
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return
    context.pending[(chat.id, user.id)] = FieldEdit(action_id, field)
    await ask(update, question.format(id=action_id))


async def card_button(update: Update, context: RelanceContext) -> None:
    """Every button under an action card."""
    query = update.callback_query
    if query is None:
        return
    button = decode(query.data)
    if not isinstance(button, ActionButton):
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    found = visible_action(update, context, button.action_id)
    if found is None:
        await query.answer(texts.ACTION_NOT_FOUND.format(id=button.action_id), show_alert=True)
        return
    action, cluster = found
    if button.verb == Verb.REFRESH:
        await query.answer()
        await edit_or_reply(update, card(context, action, cluster), keyboards.action_card(action))
        return
    checks_status = button.verb not in (
        Verb.COMMENT,
        Verb.EDIT_DESCRIPTION,
        Verb.EDIT_OWNERS,
        Verb.LINK,
    )
    if checks_status and action.status != button.seen:
        await _stale(update, context, action, cluster, button)
        return
    coordinator_only = button.verb in (
        Verb.CANCEL,
        Verb.CANCEL_CONFIRMED,
        Verb.EDIT_DESCRIPTION,
        Verb.EDIT_OWNERS,
        Verb.LINK,
    )
    if coordinator_only:
        allowed = await is_coordinator(update, context, cluster)
        refused = texts.COORDINATOR_ONLY
    else:
        allowed = await may_update(update, context, action, cluster)
        refused = refusal(action)
    if not allowed:
        await query.answer(_plain(refused), show_alert=True)
        return
    await _apply_button(update, context, button, action, cluster)


async def _apply_button(
    update: Update,
    context: RelanceContext,
    button: ActionButton,
    action: ActionView,
    cluster: ClusterView,
) -> None:
    query = update.callback_query
    assert query is not None
    if button.verb in _VERB_STATUS:
        status = _VERB_STATUS[button.verb]
    elif button.verb == Verb.CANCEL_CONFIRMED:
        status = Status.CANCELLED
    elif button.verb == Verb.LINK:
        await query.answer()
        await linking.start(update, context, action, cluster)
        return
    elif button.verb == Verb.CANCEL:
        await query.answer()
        text = card(context, action, cluster) + "\n\n" + texts.CANCEL_CONFIRM.format(id=action.id)
        await edit_or_reply(update, text, keyboards.confirm_cancel(action))
        return
    else:
        fields: dict[Verb, tuple[FieldName, str]] = {
            Verb.POSTPONE: ("deadline", texts.POSTPONE_ASK),
            Verb.COMMENT: ("comment", texts.COMMENT_ASK),
            Verb.EDIT_DESCRIPTION: ("description", texts.DESCRIPTION_ASK),
            Verb.EDIT_OWNERS: ("owners", texts.OWNERS_ASK),
        }
        field, question = fields[button.verb]
        await query.answer()
        await _await_field(update, context, action.id, field, question)
        return
    try:
        with acting(context, update) as (session, who):
            action = change_status(
                session=session,
                action_id=action.id,
                status=status,
                expected=button.seen,
                by=who,
            )
    except (StaleStatus, NotFound):
        await _stale(update, context, action, cluster, button)
        return
    if button.in_reminder:
        # A digest holds several actions: answer with a toast and refresh this action's
        # row of buttons rather than turn the whole digest into one card.
        await query.answer(
            texts.REMINDER_ANSWERED.format(id=action.id, status=texts.STATUS_LABEL[status])
        )
        await _refresh_reminder_row(update, action)
        return
    await query.answer(texts.UPDATED.format(id=action.id, status=texts.STATUS_LABEL[status]))
    await edit_or_reply(update, card(context, action, cluster), keyboards.action_card(action))


async def _stale(
    update: Update,
    context: RelanceContext,
    action: ActionView,
    cluster: ClusterView,
    button: ActionButton,
) -> None:
    query = update.callback_query
    assert query is not None
    with context.deps.db.session() as session:
        fresh = get_action(session=session, action_id=action.id) or action
    label = texts.STATUS_LABEL[fresh.status]
    if not button.in_reminder:
        await query.answer(texts.STALE_BUTTON.format(status=label), show_alert=True)
        await edit_or_reply(update, card(context, fresh, cluster), keyboards.action_card(fresh))
        return
    if not fresh.status.is_open:
        # An old reminder of an action closed since: say so, change nothing.
        await query.answer(
            texts.REMINDER_CLOSED.format(id=fresh.id, status=texts.CLOSED_STATUS[fresh.status]),
            show_alert=True,
        )
    else:
        await query.answer(texts.REMINDER_STALE.format(id=fresh.id, status=label), show_alert=True)
        await send_card(update, context, fresh, cluster)
    await _refresh_reminder_row(update, fresh)


async def _refresh_reminder_row(update: Update, action: ActionView) -> None:
    """The digest's buttons for this action follow its status; a closed one loses its row."""
    query = update.callback_query
    message = query.message if query else None
    if query is None or not isinstance(message, Message) or message.reply_markup is None:
        return
    markup = keyboards.reminder_rows(message.reply_markup, action)
    try:
        await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise


def _plain(text: str) -> str:
    """Callback answers are plain text, at most 200 characters."""
    return re.sub(r"<[^>]+>", "", text)[:200]
