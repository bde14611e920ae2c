"""How handlers answer: replies, questions that wait for an answer, cards, edits."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from enum import Enum, auto

from telegram import (
    Chat,
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    Update,
    User,
)
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot import digest, keyboards, render, texts
from bot.context import RelanceContext
from bot.conversation import Key, State
from bot.render import escape
from storage.parts import Parts, may_be_shared, parts_of_view
from storage.views import ActionView, ClusterView


def display_name(user: User) -> str:
    return user.full_name or (f"@{user.username}" if user.username else str(user.id))


# Telegram's account behind every message an anonymous group administrator posts.
ANONYMOUS_ADMIN_ID = 1087968824


def key(update: Update, context: RelanceContext) -> Key | None:
    """The person in this chat: whose questions these are. An administrator who answers,
    with a button, a question asked of the group's anonymous administrators answers as
    them, so their next reply (anonymous again) finds the exchange."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None or user is None:
        return None
    return (chat.id, context.pressed_for or user.id)


def mention(user: User) -> str:
    """Names the person so that Telegram opens their reply box (ForceReply is selective)."""
    if user.username:
        return f"@{user.username}"
    return f'<a href="tg://user?id={user.id}">{escape(display_name(user))}</a>'


def _in_group(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type != Chat.PRIVATE


async def reply(
    update: Update,
    text: str,
    markup: InlineKeyboardMarkup | ForceReply | None = None,
) -> Message | None:
    message = update.effective_message
    if message is None:
        return None
    # A renderer that missed a bound must not cost the reply: Telegram refuses a message over
    # its limit, so an overlong one goes in pieces, the buttons under the last.
    *first, last = render.split_message(text) or [text]
    for chunk in first:
        await message.reply_html(chunk, disable_web_page_preview=True, do_quote=_in_group(update))
    return await message.reply_html(
        last,
        reply_markup=markup,
        disable_web_page_preview=True,
        do_quote=_in_group(update),
    )


class Answer(Enum):
    """How a question is answered, which its last line tells the person."""

    TEXT = auto()
    BUTTONS = auto()
    BUTTONS_OR_TEXT = auto()  # the question says itself how to type instead
    OWN = auto()  # a preview whose buttons say it all: not addressed, no last line


_HOW = {
    (Answer.TEXT, True): texts.HOW_TEXT_GROUP,
    (Answer.TEXT, False): texts.HOW_TEXT_PRIVATE,
    (Answer.BUTTONS, True): texts.HOW_BUTTONS,
    (Answer.BUTTONS, False): texts.HOW_BUTTONS,
}


async def pose(
    update: Update,
    context: RelanceContext,
    state: State,
    question: str,
    *,
    markup: InlineKeyboardMarkup | None = None,
    answer: Answer = Answer.TEXT,
    replacing: int | None = None,
) -> None:
    """Ask a question and remember it, with the message that asks it, so that the answer
    finds it whatever else the person was asked meanwhile (and after a restart).

    In a group the bot runs in privacy mode and sees only replies to its own messages: the
    question names the person it is for, and a selective ForceReply opens their reply box.
    """
    person, user = key(update, context), update.effective_user
    if person is None or user is None:
        return
    group = _in_group(update)
    how = _HOW.get((answer, group))
    text = f"{question}\n{how}" if how else question
    if group and answer != Answer.OWN:
        # The anonymous administrators have no account to name: say whom it is for.
        who = texts.ANONYMOUS_ADDRESSEE if person[1] == ANONYMOUS_ADMIN_ID else mention(user)
        text = texts.ASK_ADDRESSED.format(mention=who, question=text)
    force = ForceReply(selective=True) if group and answer == Answer.TEXT else None
    # Asked, then saved with the message that asks it: a message that could not be sent
    # leaves no question behind for a later press or reply to find, and the question it
    # replaces keeps the state that was last shown. (Updates are handled one at a time:
    # no answer can arrive in between.)
    sent = await reply(update, text, markup or force)
    if sent is not None:
        context.conversations.save(
            person, state, context.now, replacing=replacing, asked_in=sent.message_id
        )


async def edit_or_reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Edit the message under the pressed button; an unchanged card is not an error."""
    query = update.callback_query
    if query is None or query.message is None or not isinstance(query.message, Message):
        await reply(update, text, markup)
        return
    if len(text) > render.MESSAGE_LIMIT:
        # One message cannot be edited into two: send the pieces afresh.
        await _send_fresh(query.message, text, markup)
        return
    try:
        await query.message.edit_text(
            text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
        )
    except BadRequest as exc:
        if not _cannot_edit(exc):
            tolerate_unmodified(exc)
            return
        # Too old, deleted, or not the bot's to edit any more: the tap still gets its
        # answer, as a fresh message under the conversation.
        await _send_fresh(query.message, text, markup)


_CANNOT_EDIT = ("can't be edited", "message to edit not found", "message_id_invalid")


def _cannot_edit(exc: BadRequest) -> bool:
    return any(reason in str(exc).lower() for reason in _CANNOT_EDIT)


async def _send_fresh(message: Message, text: str, markup: InlineKeyboardMarkup | None) -> None:
    *first, last = render.split_message(text) or [text]
    for chunk in first:
        await message.chat.send_message(
            chunk, parse_mode=ParseMode.HTML, disable_web_page_preview=True
        )
    await message.chat.send_message(
        last, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
    )


def tolerate_unmodified(exc: BadRequest) -> None:
    """Telegram refuses an edit that changes nothing: two taps on the same button."""
    if "not modified" not in str(exc).lower():
        raise exc


# --- i9 digests: a reminder answered under its digest ---------------------------------------


async def refresh_digest(
    update: Update,
    context: RelanceContext,
    cluster: ClusterView,
    action: ActionView,
    markup: InlineKeyboardMarkup,
    said: str,
) -> None:
    """The digest a reminder was answered under: the action's line says what was said and
    when, its buttons follow the new status. A toast alone is gone in two seconds."""
    query = update.callback_query
    message = query.message if query else None
    if query is None or not isinstance(message, Message) or message.reply_markup is None:
        return
    before = message.text_html if message.text else ""
    text = digest.answered(before, action, said, context.now, cluster.tz) if before else ""
    try:
        if text and text != before:
            await query.edit_message_text(
                text, parse_mode=ParseMode.HTML, reply_markup=markup, disable_web_page_preview=True
            )
        else:
            await query.edit_message_reply_markup(reply_markup=markup)
    except BadRequest as exc:
        tolerate_unmodified(exc)


# --- end i9 digests -------------------------------------------------------------------------


def plain(text: str) -> str:
    """Callback answers are plain text, at most 200 characters."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))[:200]


@dataclass(frozen=True)
class Card:
    """An action's card: its text and its buttons, drawn from one read of its parts."""

    text: str
    markup: InlineKeyboardMarkup


def card(
    context: RelanceContext, action: ActionView, cluster: ClusterView, parts: Parts | None = None
) -> Card:
    """`parts`: already read (shared_parts) by a handler that shows them elsewhere too."""
    if parts is None:
        parts = shared_parts(context, action)
    text = render.action_card(action, now=context.now, tz=cluster.tz, parts=parts)
    return Card(text, keyboards.action_card(action, parts))


def shared_parts(context: RelanceContext, action: ActionView) -> Parts | None:
    """The parts of a shared action, read only when its owners can make it one, from the
    owners the action was read with (no second read of the action)."""
    if not may_be_shared(action.owners):
        return None
    with context.deps.db.session() as session:
        return parts_of_view(session=session, action=action)


async def send_card(
    update: Update,
    context: RelanceContext,
    action: ActionView,
    cluster: ClusterView,
    intro: str = "",
) -> None:
    """The action's card with its buttons, after an optional line saying what happened.
    Every change is stored before its card is sent: a card Telegram will not take must not
    end on "nothing was recorded", or the person sends the action again."""
    drawn = card(context, action, cluster)
    try:
        await reply(update, f"{intro}\n{drawn.text}" if intro else drawn.text, drawn.markup)
    except TelegramError as exc:
        raise StoredButUnsent(action.id) from exc


class StoredButUnsent(Exception):
    """The change to action `action_id` is stored; only the message saying so failed."""

    def __init__(self, action_id: int) -> None:
        super().__init__(f"the card of action {action_id} could not be sent")
        self.action_id = action_id
