"""Reminders at the Telegram edge: the outbox that sends digests, and the sweep job.

The job only asks the database what is due (reminders.delivery.sweep): nothing about a
reminder lives in the scheduler, so a restart loses nothing and repeats nothing.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime

import httpx
from telegram import Bot
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot import admins, digest
from bot.context import RelanceApp, RelanceContext
from reminders.delivery import (
    Digest,
    Migrated,
    Part,
    Pause,
    Refused,
    SendResult,
    Sent,
    SweepReport,
    TryLater,
    Uncertain,
    Unreachable,
    sweep,
)
from storage.reminders import uncertain_count

log = logging.getLogger(__name__)

SWEEP_EVERY = 60.0  # seconds; a reminder is for a morning, a minute of delay is nothing
SWEEP_JOB = "reminders-sweep"
# Under Telegram's 30 a second: a window-counting limiter on its side must never see 30.
OVERALL_PER_SECOND = 28


class TelegramOutbox:
    """Composes French digests and sends them with the application's bot (and its rate
    limiter, which waits out a 429 and retries)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def compose(self, digest_: Digest, now: datetime) -> list[Part]:
        return digest.compose(digest_, now, self.bot.username)

    async def send(self, chat_id: int, part: Part) -> SendResult:
        try:
            message = await self.bot.send_message(
                chat_id,
                part.text,
                parse_mode=ParseMode.HTML,
                reply_markup=digest.buttons(part.items),
                disable_web_page_preview=True,
            )
        except Forbidden as exc:  # blocked, never started, removed from the group
            return Unreachable(exc.message)
        except ChatMigrated as exc:
            return Migrated(exc.new_chat_id)
        except BadRequest as exc:
            if "chat not found" in exc.message.lower() or "user not found" in exc.message.lower():
                return Unreachable(exc.message)
            return Refused(exc.message)
        except RetryAfter as exc:  # still limited after the rate limiter's own retries
            return TryLater(f"retry after {exc.retry_after}")
        except TimedOut as exc:
            # A connect or pool timeout never reached Telegram; a read timeout may have.
            cause = exc.__cause__
            if isinstance(cause, httpx.ConnectTimeout | httpx.PoolTimeout):
                return TryLater(exc.message, network_down=True)
            return Uncertain(exc.message)
        except NetworkError as exc:
            return TryLater(exc.message, network_down=True)
        except TelegramError as exc:
            return TryLater(exc.message)
        return Sent(message.message_id)


async def run_sweep(app: RelanceApp, pause: Pause = asyncio.sleep) -> SweepReport:
    """One sweep, never two at once (a slow sweep and the next tick do not overlap)."""
    deps = app.bot_data.deps
    async with app.bot_data.sweep_lock:
        # Coordinators are today's administrators, even those who never wrote in the group.
        await admins.refresh_stale(app.bot, deps.db, app.bot_data.administrators, deps.clock.now())
        report = await sweep(
            db=deps.db, outbox=TelegramOutbox(app.bot), now=deps.clock.now(), pause=pause
        )
    log.debug(
        "reminder sweep: %d due, %d already sent, %d messages sent",
        report.planned,
        report.already_sent,
        report.messages_sent,
    )
    if report.messages_sent or report.retry_later or report.unreachable or report.uncertain:
        log.info(
            "reminders: %d messages (%d reminders) sent, %d postponed, %d unreachable, "
            "%d uncertain",
            report.messages_sent,
            report.reminders_sent,
            report.retry_later,
            len(report.unreachable),
            report.uncertain,
        )
    return report


async def sweep_job(context: RelanceContext) -> None:
    await run_sweep(context.application)  # type: ignore[arg-type]


def schedule_sweeps(app: RelanceApp, interval: float = SWEEP_EVERY) -> None:
    """Run the sweep every `interval` seconds, the first soon after start (catching up on
    what fell due while the bot was down). APScheduler would skip a run that starts more
    than a second late: misfire_grace_time=None runs it however late, coalesce folds missed
    runs into one, and max_instances=1 keeps sweeps from overlapping."""
    assert app.job_queue is not None, "python-telegram-bot[job-queue] is required"
    app.job_queue.run_repeating(
        sweep_job,
        interval=interval,
        first=1.0,
        name=SWEEP_JOB,
        job_kwargs={"coalesce": True, "misfire_grace_time": None, "max_instances": 1},
    )


def report_uncertain(app: RelanceApp) -> None:
    """At start: reminders claimed by a process that stopped before hearing back."""
    with app.bot_data.deps.db.session() as session:
        count = uncertain_count(session=session)
    if count:
        log.warning(
            "%d reminders were being sent when the bot last stopped: they are not resent "
            "(each reminder goes out at most once)",
            count,
        )
