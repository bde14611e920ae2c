"""One action: its card, the buttons under it and under reminders, the status commands.

Who may press or type what is bot.rights.RULES; every path below goes through it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Message, Update

from bot import keyboards, render, texts
from bot.callbacks import ActionButton, Verb, decode
from bot.context import RelanceContext
from bot.handlers import edits, linking, parts
from bot.handlers.common import (
    card,
    edit_or_reply,
    plain,
    refresh_digest,
    reply,
    send_card,
    shared_parts,
)
from bot.handlers.guards import (
    Target,
    acting,
    command_target,
    refusal,
    visible_action,
)
from bot.render import escape
from bot.rights import COMMANDS, RULES
from storage.actions import action_history, change_status, get_action
from storage.errors import NotFound, StaleStatus
from storage.models import Status
from storage.parts import Part, parts_of_view
from storage.views import ActionView


def _command(update: Update) -> str:
    text = update.effective_message.text if update.effective_message else None
    return (text or "/").split()[0].lstrip("/").split("@")[0].lower()


async def status_command(update: Update, context: RelanceContext) -> None:
    """/fait 12, /encours 12, /bloque 12, /annuler 12."""
    command = _command(update)
    verb = COMMANDS[command]
    extra = [word.lower() for word in (context.args or [])[1:]]
    if extra and RULES[verb].per_part:
        # Only "/fait 12 tous" (a coordinator closing a shared action for all) goes further.
        if verb != Verb.DONE or extra != [texts.CLOSE_ALL_WORD]:
            number = escape((context.args or [""])[0][:12])
            text = escape(" ".join(extra)[:40])
            await reply(
                update, texts.STATUS_EXTRA_BAD.format(text=text, command=command, id=number)
            )
            return
        verb = Verb.CLOSE_ALL
    target = await command_target(update, context, command, verb)
    status = RULES[verb].sets
    if target is None or status is None:
        return
    part = parts.my_part(update, context, target, verb)
    if part is not None:
        await parts.report(update, context, target, part, status)
        return
    if target.action.status == status:
        label = texts.STATUS_LABEL[status]
        intro = texts.ALREADY_STATUS.format(id=target.action.id, status=label)
        await send_card(update, context, target.action, target.cluster, intro)
        return
    await set_status(update, context, target, status)


async def view_command(update: Update, context: RelanceContext) -> None:
    """/voir 12: the card and its history."""
    target = await command_target(update, context, "voir", Verb.SHOW)
    if target is None:
        return
    action = target.action
    with context.deps.db.session() as session:
        history = action_history(session=session, action_id=action.id)
        shared = parts_of_view(session=session, action=action)
    whole = escape(action.description)
    if len(whole) > render.DESCRIPTION_IN_CARD:
        # The card shortens very long texts; /voir is where the whole text is read, cut
        # where Telegram counts (escaped) and never inside an entity.
        for chunk in render.split_message(whole):
            await reply(update, chunk)
    tz = target.cluster.tz
    text = render.action_detail(action, history, now=context.now, tz=tz, parts=shared)
    await reply(update, text, keyboards.action_card(action, shared))


async def card_button(update: Update, context: RelanceContext) -> None:
    """Every button under an action card or a reminder digest."""
    pressed = await _press(update, context)
    if pressed is None:
        return
    button, target, part = pressed
    rule = RULES[button.verb]
    if rule.sets is not None and part is not None:
        await parts.report(update, context, target, part, rule.sets, in_reminder=button.in_reminder)
        return
    if rule.sets is not None:
        seen, in_reminder = button.seen, button.in_reminder
        await set_status(update, context, target, rule.sets, seen=seen, in_reminder=in_reminder)
        return
    assert update.callback_query is not None
    await update.callback_query.answer()
    if rule.asks is not None:
        await edits.ask(update, context, target.action, rule.asks)
    else:
        await _SHOWS[button.verb](update, context, target)


async def _press(
    update: Update, context: RelanceContext
) -> tuple[ActionButton, Target, Part | None] | None:
    """The button, if it may act now: decoded, its action found, not stale, allowed; and the
    part it reports, on a shared action (whose status another part may have moved since
    the card was drawn: a part is not stale while the action is open)."""
    query = update.callback_query
    if query is None:
        return None
    button = decode(query.data)
    if not isinstance(button, ActionButton):
        await query.answer(texts.UNKNOWN_BUTTON)
        return None
    target = visible_action(update, context, button.action_id)
    if target is None:
        await query.answer(texts.ACTION_NOT_FOUND.format(id=button.action_id), show_alert=True)
        return None
    part = parts.my_part(update, context, target, button.verb)
    moved = target.action.status != button.seen
    if moved and part is not None and target.action.status.is_open:
        moved = False
    if RULES[button.verb].stale_check and moved:
        await _stale(update, context, target, in_reminder=button.in_reminder)
        return None
    refused = await refusal(update, context, button.verb, target)
    if refused is not None:
        await query.answer(plain(refused), show_alert=True)
        return None
    shared = button.verb == Verb.PART_DONE and part is None and target.action.status.is_open
    if shared and shared_parts(context, target.action) is not None:
        # The button says "pour mon organisation": it never closes every part for someone
        # whose organisation has none (a coordinator from elsewhere): ☑️ does that.
        await query.answer(texts.PART_NONE_OF_MINE.format(id=target.action.id), show_alert=True)
        return None
    return button, target, part


async def set_status(
    update: Update,
    context: RelanceContext,
    target: Target,
    status: Status,
    *,
    seen: Status | None = None,
    in_reminder: bool = False,
) -> None:
    """Record the new status and who set it; a typed command gets the fresh card, a button
    its card edited in place, a reminder's button a toast and its row refreshed."""
    try:
        with acting(context, update) as (session, by):
            action = change_status(
                session=session, action_id=target.action.id, status=status, expected=seen, by=by
            )
    except (StaleStatus, NotFound):
        await _stale(update, context, target, in_reminder=in_reminder)
        return
    query = update.callback_query
    if query is None:
        await send_card(update, context, action, target.cluster)
        return
    label = texts.STATUS_LABEL[status]
    if in_reminder:
        # A digest holds several actions: answer with a toast and refresh this action's
        # row of buttons rather than turn the whole digest into one card.
        await query.answer(texts.REMINDER_ANSWERED.format(id=action.id, status=label))
        await _refresh_reminder_row(update, context, target, action)
        return
    await query.answer(texts.UPDATED.format(id=action.id, status=label))
    drawn = card(context, action, target.cluster)
    await edit_or_reply(update, drawn.text, drawn.markup)


async def _confirm_cancel(update: Update, context: RelanceContext, target: Target) -> None:
    question = texts.CANCEL_CONFIRM.format(id=target.action.id)
    text = f"{card(context, target.action, target.cluster).text}\n\n{question}"
    await edit_or_reply(update, text, keyboards.confirm_cancel(target.action))


async def _show(update: Update, context: RelanceContext, target: Target) -> None:
    drawn = card(context, target.action, target.cluster)
    await edit_or_reply(update, drawn.text, drawn.markup)


# The verbs that neither set a status nor wait for an answer: what they show.
_SHOWS: dict[Verb, Callable[[Update, RelanceContext, Target], Awaitable[None]]] = {
    Verb.CANCEL: _confirm_cancel,
    Verb.LINK: linking.start,
    Verb.SHOW: _show,
}


async def _stale(
    update: Update, context: RelanceContext, target: Target, *, in_reminder: bool
) -> None:
    """A press on a message that shows the action as it was: say so, show it as it is."""
    query = update.callback_query
    with context.deps.db.session() as session:
        fresh = get_action(session=session, action_id=target.action.id) or target.action
    label = texts.STATUS_LABEL[fresh.status]
    if query is None:
        # A typed /fait that lost to other changes made at the same instant: the action as
        # it now is, for the person to type again if they still mean it.
        intro = texts.CHANGED_MEANWHILE.format(id=fresh.id, status=label)
        await send_card(update, context, fresh, target.cluster, intro)
        return
    if not in_reminder:
        await query.answer(texts.STALE_BUTTON.format(status=label), show_alert=True)
        drawn = card(context, fresh, target.cluster)
        await edit_or_reply(update, drawn.text, drawn.markup)
        return
    if not fresh.status.is_open:
        # An old reminder of an action closed since: say so, change nothing.
        closed = texts.CLOSED_STATUS[fresh.status]
        await query.answer(
            texts.REMINDER_CLOSED.format(id=fresh.id, status=closed), show_alert=True
        )
    else:
        await query.answer(texts.REMINDER_STALE.format(id=fresh.id, status=label), show_alert=True)
        await send_card(update, context, fresh, target.cluster)
    await _refresh_reminder_row(update, context, target, fresh)


async def _refresh_reminder_row(
    update: Update, context: RelanceContext, target: Target, action: ActionView
) -> None:
    """The digest's buttons for this action follow its status, a closed one loses its row,
    and its line says the status it has now."""
    query = update.callback_query
    message = query.message if query else None
    if query is None or not isinstance(message, Message) or message.reply_markup is None:
        return
    markup = keyboards.reminder_rows(message.reply_markup, action)
    said = texts.STATUS_LABEL[action.status].lower()
    await refresh_digest(update, context, target.cluster, action, markup, said)
