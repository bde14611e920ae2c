"""Telegram's flood limits, kept steadily, replies to users first.

PTB's AIORateLimiter keeps its per-group limit (20 a minute) and its retries on a 429 here;
only its overall limit is replaced. Measured with `bench/reminders.py` against a stand-in that
refuses beyond 30 messages in any second, the stock one delivered 19 messages a second and
drew about 480 refusals, for two reasons:
- its overall limiter is a bucket that lets a whole second's worth go at once, so up to twice
  the rate lands in one second, at the start and after every idle moment;
- during a 429's pause, waiting requests keep taking their turns and all fire together when
  the pause ends, which draws the next 429.
Here reminders start one at a time, evenly spaced, and a 429 pauses everyone before they take
their turn. The same bench then delivers 28 a second with no refusal (on a machine that gives
the bot its CPU: when other work starves it, requests reach the stand-in bunched, and a few
429s come whatever the spacing).

Two kinds of sends share the limit. Reminders (`is_bulk`: the sweep runs with `BULK` set, and
a send with a claim to make is one) take evenly spaced turns, `per_second` (28) a second.
Everything else is a reply to someone who is waiting for it: it goes at once, ahead of every
reminder queued, unless the last second already holds `ceiling` sends (Telegram's 30), in
which case it takes the next free slot, still ahead of the reminders; and each reply pushes
the next reminder's turn back by one spacing, so that the overall rate holds. A command's two
calls (a message then its edit) thus go back to back even in the middle of a morning: the 2
sends a second between the reminders' 28 and Telegram's 30 are the replies'. Every turn is
counted in a sliding window of the last second's sends: any second holds at most `ceiling`
sends, and at most `per_second` + 1 (a late turn's catch-up) when none is a reply. A 429
pauses replies as well as reminders. Measured with `bench/roundtrip.py` (the real `relance
run`, during a 1,000-digest morning): when replies took evenly spaced turns behind the
sweep's 32 waiting digests, every command took 1.2 s (its median round trip, against about
20 ms idle); now 19 to 65 ms, within about 1.5 times idle, and the morning goes on at what
the replies leave of the 28 a second.

A reminder is claimed in the log (reminders.delivery) only once its request has its turn, so
that a crash loses what is on the wire, not the 32 digests waiting here: the outbox sets
`BEFORE_THE_WIRE` around its send and the limiter calls it just before the request goes.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

_Result = bool | dict[str, Any] | list[dict[str, Any]]

# Telegram's overall limit: the most sends any one second may hold, replies included.
TELEGRAM_PER_SECOND = 30

# Called when a request of this task gets its turn, before it is written (again on a retry
# after a 429: it must answer the same each time); False means "do not send it".
# Awaited: the claim it writes runs in a thread, so a database that waits stalls that
# reminder, not the bot's loop.
BEFORE_THE_WIRE: ContextVar[Callable[[], Awaitable[bool]] | None] = ContextVar(
    "before_the_wire", default=None
)

# Set around a reminder sweep: its requests wait behind the replies to users.
BULK: ContextVar[bool] = ContextVar("bulk", default=False)


def is_bulk() -> bool:
    """Whether the request being made is a reminder (or the sweep's), not a reply."""
    return BULK.get() or BEFORE_THE_WIRE.get() is not None


class NotOnTheWire(Exception):
    """BEFORE_THE_WIRE said no when the request's turn came: nothing was sent."""


class SteadyRateLimiter(AIORateLimiter):
    def __init__(
        self,
        *,
        per_second: float,
        ceiling: int = TELEGRAM_PER_SECOND,
        group_per_minute: float = 20,
        max_retries: int = 5,
    ) -> None:
        # The parent's overall bucket is switched off: _turn() replaces it.
        super().__init__(
            overall_max_rate=0,
            overall_time_period=0,
            group_max_rate=group_per_minute,
            group_time_period=60,
            max_retries=max_retries,
        )
        self._gap = 1.0 / per_second
        self._ceiling = ceiling
        # The spacing keeps reminders at `per_second`; the window only stops a late turn's
        # catch-up from making a second that holds more than one extra. Held to exactly
        # `per_second`, the window would delay the turn a second after every late one, and
        # each delay would be lost for good.
        self._bulk_cap = min(ceiling, int(per_second) + 1)
        self._window: deque[float] = deque()  # when the last second's sends had their turn
        self._replies: deque[asyncio.Future[None]] = deque()
        self._bulk: deque[asyncio.Future[None]] = deque()
        self._next_bulk = float("-inf")  # no reminder's turn before this (loop time)
        self._resume_at = float("-inf")  # no turn before this: Telegram asked everyone to wait
        self._wake: asyncio.TimerHandle | None = None

    async def _turn(self, bulk: bool) -> None:
        """Wait for this send's turn: first come, first served within each kind, replies
        before reminders, never during a pause. A reply with a free slot does not yield."""
        loop = asyncio.get_running_loop()
        waiter: asyncio.Future[None] = loop.create_future()
        if bulk:
            if not self._bulk:  # the reminders' turns were idle: they start again from now
                self._next_bulk = max(self._next_bulk, loop.time())
            self._bulk.append(waiter)
        else:
            self._replies.append(waiter)
        self._dispatch()
        try:
            await waiter
        except asyncio.CancelledError:
            self._dispatch()  # whoever was behind it may go now
            raise

    def _dispatch(self) -> None:
        """Give every turn that is due now, then set a timer for the next one."""
        loop = asyncio.get_running_loop()
        if self._wake is not None:
            self._wake.cancel()
            self._wake = None
        now = loop.time()
        while True:
            for queue in (self._replies, self._bulk):
                while queue and queue[0].done():  # cancelled while waiting
                    queue.popleft()
            if self._replies:
                queue, start = self._replies, self._free_at(now, self._ceiling)
            elif self._bulk:
                queue = self._bulk
                start = max(self._free_at(now, self._bulk_cap), self._next_bulk)
            else:
                return
            start = max(start, self._resume_at)
            if start > now:
                self._wake = loop.call_at(start, self._dispatch)
                return
            queue.popleft().set_result(None)
            self._window.append(now)
            if queue is self._bulk:
                # A wake-up late by less than half a gap is forgiven so that the rate holds.
                self._next_bulk = max(start, now - self._gap / 2) + self._gap
            else:
                self._next_bulk = max(self._next_bulk, now) + self._gap

    def _free_at(self, now: float, cap: int) -> float:
        """When the last second will hold fewer than `cap` sends."""
        window = self._window
        while window and window[0] + 1 <= now:
            window.popleft()
        if len(window) < cap:
            return float("-inf")
        return window[len(window) - cap] + 1

    def _pause(self, exc: RetryAfter) -> None:
        loop = asyncio.get_running_loop()
        resume = loop.time() + exc._retry_after.total_seconds() + 0.1  # as the parent waits
        if resume > self._resume_at:
            self._resume_at = resume
            log.info("Telegram asked to wait %.1f s: every send waits", resume - loop.time())

    async def _run_request(
        self,
        chat: bool,
        group: str | int | bool,
        allow_paid_broadcast: bool,
        callback: Callable[..., Coroutine[Any, Any, _Result]],
        args: Any,
        kwargs: dict[str, Any],
    ) -> _Result:
        async def steady(*call_args: Any, **call_kwargs: Any) -> _Result:
            if chat:
                await self._turn(is_bulk())
            before = BEFORE_THE_WIRE.get()
            if before is not None and not await before():
                raise NotOnTheWire
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as exc:
                self._pause(exc)
                raise  # the parent waits it out and tries again, up to max_retries

        return await super()._run_request(chat, group, allow_paid_broadcast, steady, args, kwargs)
