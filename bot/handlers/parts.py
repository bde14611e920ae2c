"""Actions that belong to many: a focal point reports their organisation's part.

On a shared action (storage.parts), the verbs whose rule says `per_part` (✅, 🔄, ⛔ and
/fait, /encours, /bloque) report the part of the presser's organisation when it has one;
the rights were checked before (guards.refusal, on the same rule), so this only decides
whose part and answers.
"""

from __future__ import annotations

from telegram import Message, Update

from bot import keyboards, render, texts
from bot.callbacks import Verb
from bot.context import RelanceContext
from bot.handlers.common import (
    card,
    edit_or_reply,
    plain,
    refresh_digest,
    reply,
    send_card,
)
from bot.handlers.guards import Target, acting
from bot.render import escape
from bot.rights import RULES
from storage.errors import NotFound
from storage.models import Status
from storage.parts import Part, may_be_shared, part_of_member, report_part
from storage.views import ActionView


def my_part(update: Update, context: RelanceContext, target: Target, verb: Verb) -> Part | None:
    """The part this person reports with `verb`, or None: they act on the whole action.
    A cancelled action has no parts to report: reopening it is the whole action's."""
    user = update.effective_user
    action = target.action
    if user is None or not RULES[verb].per_part or action.status == Status.CANCELLED:
        return None
    if not may_be_shared(action.owners):
        return None
    with context.deps.db.session() as session:
        return part_of_member(session=session, action_id=action.id, telegram_user_id=user.id)


async def report(
    update: Update,
    context: RelanceContext,
    target: Target,
    part: Part,
    status: Status,
    *,
    in_reminder: bool = False,
) -> None:
    """Record the part; a typed command gets the card under what changed, a card's button a
    toast and the card redrawn, a reminder's button a toast and its rows refreshed."""
    try:
        with acting(context, update) as (session, by):
            done = report_part(
                session=session,
                action_id=target.action.id,
                organisation_id=part.organisation_id,
                status=status,
                by=by,
            )
    except NotFound:
        # The owners changed since the card was drawn: this organisation has no part now.
        owners = render.owners_text(target.action.owners, 120)
        refused = texts.OWNER_OR_COORDINATOR_ONLY.format(id=target.action.id, owners=owners)
        if update.callback_query is not None:
            await update.callback_query.answer(plain(refused), show_alert=True)
        else:
            await reply(update, refused)
        return
    said = render.part_reported(done, part.organisation_id)
    query = update.callback_query
    if query is None:
        await send_card(update, context, done.action, target.cluster, said)
        return
    await query.answer(plain(said))
    if in_reminder:
        mine = done.parts.status_of(part.organisation_id)
        said = texts.DIGEST_PART_ANSWERED.format(
            status=texts.STATUS_LABEL[status].lower(), org=escape(part.acronym)
        )
        await _refresh_reminder(update, context, target, done.action, said, mine)
        return
    action = done.action
    drawn = card(context, action, target.cluster)
    await edit_or_reply(update, drawn.text, drawn.markup)


async def _refresh_reminder(
    update: Update,
    context: RelanceContext,
    target: Target,
    action: ActionView,
    said: str,
    mine: Status | None,
) -> None:
    """The digest keeps the rows of a part still open, and drops those of a part done; the
    action's line says what was reported for the part."""
    query = update.callback_query
    message = query.message if query else None
    if query is None or not isinstance(message, Message) or message.reply_markup is None:
        return
    part_open = mine is not None and mine.is_open
    markup = keyboards.reminder_rows(message.reply_markup, action, part_open=part_open)
    await refresh_digest(update, context, target.cluster, action, markup, said)
