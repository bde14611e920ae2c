"""Telegram's flood limits, kept steadily.

PTB's AIORateLimiter keeps its per-group limit (20 a minute) and its retries on a 429 here;
only its overall limit is replaced. Measured with `bench/reminders.py` against a stand-in that
refuses beyond 30 messages in any second, the stock one delivered 19 messages a second and
drew about 480 refusals, for two reasons:
- its overall limiter is a bucket that lets a whole second's worth go at once, so up to twice
  the rate lands in one second, at the start and after every idle moment;
- during a 429's pause, waiting requests keep taking their turns and all fire together when
  the pause ends, which draws the next 429.
Here sends start one at a time, evenly spaced, and a 429 pauses everyone before they take
their turn. The same bench then delivers 28 a second with no refusal.

A reminder is claimed in the log (reminders.delivery) only once its request has its turn, so
that a crash loses what is on the wire, not the 32 digests waiting here: the outbox sets
`BEFORE_THE_WIRE` around its send and the limiter calls it just before the request goes.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

log = logging.getLogger(__name__)

_Result = bool | dict[str, Any] | list[dict[str, Any]]

# Called when a request of this task gets its turn, before it is written (again on a retry
# after a 429: it must answer the same each time); False means "do not send it".
BEFORE_THE_WIRE: ContextVar[Callable[[], bool] | None] = ContextVar("before_the_wire", default=None)


class NotOnTheWire(Exception):
    """BEFORE_THE_WIRE said no when the request's turn came: nothing was sent."""


class SteadyRateLimiter(AIORateLimiter):
    def __init__(
        self, *, per_second: float, group_per_minute: float = 20, max_retries: int = 5
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
        self._last = float("-inf")  # when the last turn was scheduled (loop time)
        self._resume_at = 0.0  # no turn before this: Telegram asked everyone to wait
        self._turns = asyncio.Lock()

    async def _turn(self) -> None:
        """One send starts at a time, `gap` after the previous one, never during a pause.
        The lock is first come, first served and held while waiting, so a late wake-up delays
        the queue instead of letting sends bunch up behind it."""
        loop = asyncio.get_running_loop()
        async with self._turns:
            while True:
                now = loop.time()
                start = max(self._last + self._gap, self._resume_at)
                if start <= now:
                    break
                await asyncio.sleep(start - now)
            # A wake-up late by less than half a gap is forgiven so that the rate holds: then
            # any one second holds at most per_second + 1 turns.
            self._last = max(start, now - self._gap / 2)

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
                await self._turn()
            before = BEFORE_THE_WIRE.get()
            if before is not None and not before():
                raise NotOnTheWire
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as exc:
                self._pause(exc)
                raise  # the parent waits it out and tries again, up to max_retries

        return await super()._run_request(chat, group, allow_paid_broadcast, steady, args, kwargs)
