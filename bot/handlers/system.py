"""Cross-cutting handlers: one log line per update, edited messages, the error handler."""

from __future__ import annotations

import logging

from sqlalchemy.exc import OperationalError
from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop

from bot import texts
from bot.context import RelanceContext
from bot.handlers.common import StoredButUnsent, reply
from bot.handlers.guards import is_private
from bot.render import escape

log = logging.getLogger("relance.updates")


def _what(update: Update) -> str:
    if update.callback_query is not None:
        return f"button {(update.callback_query.data or '')[:16]}"
    message = update.message or update.edited_message
    if message is not None and message.text and message.text.startswith("/"):
        return f"command {message.text.split()[0][:32]}"
    if message is not None:
        return "message"
    return "other"


async def log_update(update: object, context: RelanceContext) -> None:
    """One line per update: what kind, from whom, where. Never the text people typed."""
    if not isinstance(update, Update):
        return
    chat = update.effective_chat.id if update.effective_chat else None
    user = update.effective_user.id if update.effective_user else None
    edited = " (edited)" if update.edited_message else ""
    log.info("update %s: %s%s chat=%s user=%s", update.update_id, _what(update), edited, chat, user)


async def ignore_edits(update: object, context: RelanceContext) -> None:
    """An edited message must not run a command twice (a second action, a second change)."""
    if isinstance(update, Update) and update.edited_message is not None:
        text = update.edited_message.text or ""
        if text.startswith("/"):
            await update.edited_message.reply_text(texts.EDITED_IGNORED)
        raise ApplicationHandlerStop


async def on_error(update: object, context: RelanceContext) -> None:
    error = context.error
    if update is None and context.job is None and isinstance(error, TelegramError):
        # getUpdates failing while Telegram or the link is down: PTB retries by itself, so
        # an outage is one warning a retry, not a traceback of "handling an update".
        log.warning("polling Telegram failed, retrying: %s: %s", type(error).__name__, error)
        return
    log.error("error while handling an update", exc_info=error)
    if not isinstance(update, Update):
        return
    apology = texts.ERROR
    if isinstance(error, StoredButUnsent):
        # The change is stored: saying "nothing was recorded" would have it made twice.
        apology = texts.STORED_BUT_UNSENT.format(id=error.action_id)
    elif _locked(error):
        apology = texts.DATABASE_BUSY
    try:
        query = update.callback_query
        transport = context.deps.transport
        answered = query is not None and transport is not None and transport.answered(query.id)
        if query is not None and not answered:
            try:
                await query.answer(apology, show_alert=True)
                return
            except TelegramError:  # answered already, or too old: say it in the chat
                pass
        if update.callback_query is None and update.effective_message is not None:
            await update.effective_message.reply_text(apology)
        elif update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, apology)
    except Exception:  # the apology itself must never raise out of the error handler
        log.exception("could not tell the user about the error")


def _locked(error: BaseException | None) -> bool:
    """Another program held the database's write lock longer than the bot waits (SQLite's
    busy timeout, PostgreSQL's lock timeout): the transaction was rolled back whole."""
    if not isinstance(error, OperationalError):
        return False
    text = str(error.orig).casefold()
    return "database is locked" in text or "lock timeout" in text or "database is busy" in text


async def unknown_button(update: Update, context: RelanceContext) -> None:
    """Buttons this version does not know (an old release's): answer, never leave a spinner."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.UNKNOWN_BUTTON)


async def unknown_command(update: Update, context: RelanceContext) -> None:
    """A command this bot does not know gets a pointer to /aide, not silence: in private, or
    addressed to it by name in a group (a bare one there may be another bot's)."""
    message = update.effective_message
    if message is None or not message.text:
        return
    name, _, addressee = message.text.split()[0].partition("@")
    if not is_private(update) and addressee.casefold() != (context.bot.username or "").casefold():
        return
    await reply(update, texts.UNKNOWN_COMMAND.format(command=escape(name[:40])))
