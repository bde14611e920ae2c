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

from bot import admins, digest, texts
from bot.context import RelanceApp, RelanceContext
from bot.ratelimit import BEFORE_THE_WIRE, BULK, NotOnTheWire, SteadyRateLimiter
from reminders.delivery import (
    Claim,
    Digest,
    Migrated,
    NotClaimed,
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
from storage.reminders import settle_interrupted

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
        parts = digest.compose(digest_, now, self.bot.username)
        # A part sent before with no answer says so (compose leaves room under the limit).
        return [
            Part(f"{texts.REMINDER_MAYBE_REPEATED}\n\n{p.text}", p.items)
            if any(digest_.is_repeat(i) for i in p.items)
            else p
            for p in parts
        ]

    async def send(self, chat_id: int, part: Part, claim: Claim) -> SendResult:
        once = _Once(claim)
        limiter = getattr(self.bot, "rate_limiter", None)
        # Under the application, the limiter is reached through bot.workers.HomeRateLimiter.
        limited = isinstance(getattr(limiter, "inner", limiter), SteadyRateLimiter)
        if not limited and not await once():  # no limiter to wait for: claimed now
            return NotClaimed()
        token = BEFORE_THE_WIRE.set(once)
        try:
            return await self._send(chat_id, part)
        except NotOnTheWire:
            return NotClaimed()
        finally:
            BEFORE_THE_WIRE.reset(token)

    async def _send(self, chat_id: int, part: Part) -> SendResult:
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
        except NetworkError as exc:  # TimedOut too
            return _network_failure(exc)
        except TelegramError as exc:
            return TryLater(exc.message)
        return Sent(message.message_id)


class _Once:
    """The claim, written at most once whoever asks (the limiter asks again on a retry)."""

    def __init__(self, claim: Claim) -> None:
        self._claim = claim
        self._answer: bool | None = None

    async def __call__(self) -> bool:
        if self._answer is None:
            self._answer = await self._claim()  # in a thread (reminders.delivery._send)
        return self._answer


# What PTB's HTTPXRequest raises tells where the request got to: it wraps httpx's errors as
# TimedOut (httpx.TimeoutException) or NetworkError (any other httpx.HTTPError), the httpx
# error as __cause__; an answer with an error status is a NetworkError with no cause, or
# with the TelegramError of its body's parsing (a proxy's HTML page: "502 Bad Gateway").
_NEVER_LEFT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_NO_ANSWER = (httpx.ReadTimeout, httpx.WriteTimeout, httpx.WriteError)


def _network_failure(exc: NetworkError) -> SendResult:
    """Only an error that proves the request never left releases its claim (see
    reminders.delivery.Uncertain for what is done with the others, and why)."""
    cause = exc.__cause__
    if isinstance(cause, _NEVER_LEFT):
        return TryLater(exc.message, network_down=True)
    if (cause is None or isinstance(cause, TelegramError)) and not isinstance(exc, TimedOut):
        # Telegram (or a proxy before it) answered with an error status: not delivered.
        return TryLater(exc.message, network_down=True)
    if isinstance(cause, _NO_ANSWER) or (cause is None and isinstance(exc, TimedOut)):
        return Uncertain(exc.message, resend=True)
    # A connection closed after the request was written (RemoteProtocolError, ReadError),
    # or anything the transport could not explain: it may have arrived.
    return Uncertain(exc.message, resend=False)


async def run_sweep(app: RelanceApp, pause: Pause = asyncio.sleep) -> SweepReport:
    """One sweep, never two at once (a slow sweep and the next tick do not overlap). It
    stops promptly once the bot is stopping (BotData.stopping), and always ends with its
    summary line, even when it fails."""
    deps = app.bot_data.deps
    report = SweepReport()
    # Every request of the sweep (the digests, the administrators' refresh) waits behind the
    # replies to users at the rate limiter; the tasks the sweep starts inherit it.
    bulk = BULK.set(True)
    try:
        async with app.bot_data.sweep_lock:
            # Coordinators are today's administrators, even those who never wrote in the group.
            await admins.refresh_stale(
                app.bot, deps.db, app.bot_data.administrators, deps.clock.now()
            )
            report = await sweep(
                db=deps.db,
                outbox=TelegramOutbox(app.bot),
                now=deps.clock.now(),
                pause=pause,
                halt=app.bot_data.stopping,
            )
    except Exception:
        log.exception("reminder sweep failed")
        report.failures.append("sweep")
        raise
    finally:
        BULK.reset(bulk)
        _summary(report)
    return report


def _summary(report: SweepReport) -> None:
    log.debug(
        "reminder sweep: %d due, %d already sent, %d messages sent",
        report.planned,
        report.already_sent,
        report.messages_sent,
    )
    if not (
        report.messages_sent
        or report.retry_later
        or report.unreachable
        or report.uncertain
        or report.resend
        or report.failures
        or report.halted
    ):
        return
    log.info(
        "reminders: %d messages (%d reminders) sent, %d postponed, %d unreachable, "
        "%d uncertain, %d to send again, %d failed%s",
        report.messages_sent,
        report.reminders_sent,
        report.retry_later,
        len(report.unreachable),
        report.uncertain,
        report.resend,
        len(report.failures),
        "; stopped early, the rest goes at the next start" if report.halted else "",
    )


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
    """At start: the reminders the last stop caught on the wire. They are not sent again
    (each reminder goes out at most once), so the operator is told who may have missed
    what; once told, they are not counted again at the next start."""
    with app.bot_data.deps.db.session() as session:
        interrupted = settle_interrupted(session=session)
    if not interrupted:
        return
    log.warning(
        "%d reminders were being sent when the bot last stopped and may not have arrived "
        "(not sent again: each reminder goes out at most once): %s",
        len(interrupted),
        "; ".join(
            f"{i.recipient_name} ({i.key.recipient}): {i.key.subject} {i.key.kind} {i.key.slot}"
            for i in interrupted
        ),
    )
