"""The one place that knows which answer goes where: typed answers, the buttons of
questions, and /annuler for a question left hanging.

An answer goes to the question it replies to. A plain message (in private; in a group the
bot sees only replies) goes to the person's latest question, and when they have several
open the bot says which one it took.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Message, Update

from bot import texts
from bot.callbacks import DraftButton, decode
from bot.context import RelanceContext
from bot.conversation import (
    ActionDraft,
    Asked,
    FieldEdit,
    ImportWait,
    Key,
    LinkOwner,
    MeetingEdit,
    State,
    TrackerReview,
    describe,
)
from bot.handlers import actions, drafts, edits, importing, linking, meetings, tracker
from bot.handlers.common import key, reply
from bot.handlers.guards import is_private, pressed_question
from bot.importer import ImportDraft

Answer = Callable[[Update, RelanceContext, Asked, str], Awaitable[None]]
Press = Callable[[Update, RelanceContext, Asked, DraftButton], Awaitable[None]]

# Each kind of question, and the handler its typed answer goes to.
ANSWERS: dict[type[State], Answer] = {
    ActionDraft: drafts.answered,
    FieldEdit: edits.answered,  # a comment, a new deadline, text or owners
    LinkOwner: linking.answered,
    MeetingEdit: meetings.answered,
    ImportWait: importing.table_pasted,
    ImportDraft: importing.import_answered,
    TrackerReview: tracker.typed_answer,  # its buttons answer it: say so
}

# The questions that offer choices as buttons (n:...), and the handler of a press.
PRESSES: dict[type[State], Press] = {
    ActionDraft: drafts.pressed,
    LinkOwner: linking.chosen,
}


async def text_answer(update: Update, context: RelanceContext) -> None:
    """A plain message: the answer to the question the bot asked this person, if any."""
    person, message = key(update, context), update.effective_message
    if person is None or message is None or not message.text:
        return
    replied = _replied_bot_message(message, context)
    if not is_private(update) and replied is None:
        return  # chatter in the group is not an answer; only a reply to the bot is
    asked = await _answered_question(update, context, person, replied)
    text = message.text.strip()
    if asked is not None and not text:
        await reply(update, texts.EMPTY_TEXT)
    elif asked is not None:
        await ANSWERS[type(asked.state)](update, context, asked, text)


async def _answered_question(
    update: Update, context: RelanceContext, person: Key, replied: int | None
) -> Asked | None:
    """The question a message answers; None, once the person is told why, when none."""
    questions = context.conversations.open(person, context.now)
    mine = next((q for q in questions if replied in q.message_ids), None)
    if mine is not None:
        return mine
    if replied is not None:
        other = context.conversations.on_message(person[0], replied, context.now)
        if other is not None and other.user_id != person[1]:
            await reply(update, texts.QUESTION_NOT_YOURS)
            return None
        # A reply to a message whose question is answered or expired (or that asked
        # nothing) means that message: taking it for another question would store it where
        # the person did not mean.
        if questions:
            what = describe(questions[-1].state)
            await reply(update, texts.REPLIED_TO_CLOSED.format(what=what))
        elif is_private(update):  # in a group, a "merci" to a reminder needs no answer
            await reply(update, texts.REPLIED_TO_CLOSED_NONE)
        return None
    if not questions:
        if is_private(update):
            # In private every message is meant for the bot: never leave it unanswered.
            await reply(update, texts.NO_QUESTION_PENDING)
        return None
    if len(questions) > 1:
        await reply(update, texts.ANSWER_TAKEN_FOR.format(what=describe(questions[-1].state)))
    return questions[-1]


def _replied_bot_message(message: Message, context: RelanceContext) -> int | None:
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != context.bot.id:
        return None
    return replied.message_id


async def question_button(update: Update, context: RelanceContext) -> None:
    """A choice a question offers: the question is the message the button is under."""
    query = update.callback_query
    button = decode(query.data) if query else None
    asked = await pressed_question(update, context, tuple(PRESSES), texts.EXCHANGE_EXPIRED)
    if asked is None:
        return
    if not isinstance(button, DraftButton):
        assert query is not None
        await query.answer(texts.EXCHANGE_EXPIRED, show_alert=True)
        return
    await PRESSES[type(asked.state)](update, context, asked, button)


async def cancel_command(update: Update, context: RelanceContext) -> None:
    """/annuler 12 cancels the action; /annuler alone drops the question it replies to, or
    else the latest one."""
    if context.args:
        await actions.status_command(update, context)
        return
    person, message = key(update, context), update.effective_message
    if person is None or message is None:
        return
    questions = context.conversations.open(person, context.now)
    replied = _replied_bot_message(message, context)
    asked = next((q for q in questions if replied in q.message_ids), None)
    if asked is None and questions:
        asked = questions[-1]
    if asked is None:
        await reply(update, texts.NOTHING_TO_CANCEL)
        return
    context.conversations.close(asked.id)
    await reply(update, texts.EXCHANGE_CANCELLED.format(what=describe(asked.state)))
