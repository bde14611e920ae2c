"""Updates are handled on worker threads, so that a database call never blocks the event loop.

The storage layer is synchronous (SQLModel sessions). Run on the event loop, one statement
waiting for a write lock (a backup, a second tool, a slow disk; SQLite waits up to its busy
timeout) froze every chat and the reminders with it. Rather than wrapping each of the
handlers' hundred database blocks in a thread hop, each handler runs whole on a worker
thread, on that thread's own event loop, and its Bot API requests are handed back to the
bot's loop (`home`), where the HTTP client, the rate limiter and the transport's memory
live. A lock then stalls only the update waiting for it; other chats go on, on other
threads, and the bot's loop keeps polling, sending and sweeping.

Updates of one chat still go one at a time and in order (`PerChatUpdates`): a second press
on a card waits for the first, as a person expects.

Tests drive the Application with `process_update`, which awaits the handler: a handler on a
worker thread is still awaited to its end, so they stay deterministic.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import threading
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.ext import BaseRateLimiter, BaseUpdateProcessor

_T = TypeVar("_T")

# Updates handled at once, each on its own thread. Beyond this, updates wait for a thread:
# the count only matters when that many are waiting on a lock at the same time.
THREADS = 32


class Workers:
    """A pool of threads, each with a long-lived event loop of its own."""

    def __init__(self, threads: int = THREADS) -> None:
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=threads, thread_name_prefix="relance-update"
        )
        self._local = threading.local()
        self._loops: list[asyncio.AbstractEventLoop] = []
        self._lock = threading.Lock()

    async def run(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        """Await `coroutine` on a worker thread. Cancelling the caller cancels it there."""
        started: list[tuple[asyncio.AbstractEventLoop, asyncio.Task[_T]]] = []
        future = self._pool.submit(self._run, coroutine, started)
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            if started:
                loop, task = started[0]
                loop.call_soon_threadsafe(task.cancel)
            elif future.cancel():
                coroutine.close()  # never started: nothing to cancel, no "never awaited"
            raise

    def _run(
        self,
        coroutine: Coroutine[Any, Any, _T],
        started: list[tuple[asyncio.AbstractEventLoop, asyncio.Task[_T]]],
    ) -> _T:
        loop: asyncio.AbstractEventLoop | None = getattr(self._local, "loop", None)
        if loop is None:
            loop = self._local.loop = asyncio.new_event_loop()
            with self._lock:
                self._loops.append(loop)
        task = loop.create_task(coroutine)
        started.append((loop, task))
        return loop.run_until_complete(task)

    def shutdown(self) -> None:
        """No new handler starts; the threads end as they finish, and their loops are closed.
        Not waited for: a handler stuck on a lock must not hold the bot's loop, which it may
        itself be waiting on for a request."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._lock:
            loops, self._loops = self._loops, []
        for loop in loops:
            if not loop.is_running():
                loop.close()


def off_loop(workers: Workers, callback: Callable[..., Awaitable[_T]]) -> Callable[..., Any]:
    """`callback` (a handler) run on a worker thread; PTB sees an ordinary coroutine."""

    @functools.wraps(callback)
    async def handler(*args: Any, **kwargs: Any) -> _T:
        return await workers.run(_awaited(callback(*args, **kwargs)))

    return handler


async def _awaited(awaitable: Awaitable[_T]) -> _T:
    return await awaitable


class Home:
    """The bot's own event loop, learned when the application starts, and the way back to
    it for what must run there (a Bot API request)."""

    def __init__(self) -> None:
        self.loop: asyncio.AbstractEventLoop | None = None

    def learn(self) -> None:
        self.loop = asyncio.get_running_loop()

    def away(self) -> bool:
        """Whether the caller runs on another loop than the bot's (a worker thread)."""
        return self.loop is not None and asyncio.get_running_loop() is not self.loop

    async def run(self, coroutine: Coroutine[Any, Any, _T]) -> _T:
        """Await `coroutine` on the bot's loop from a worker thread's; cancelling the caller
        cancels it there. Context variables travel with it (call_soon_threadsafe copies
        the caller's context)."""
        assert self.loop is not None
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        return await asyncio.wrap_future(future)


class HomeRateLimiter(BaseRateLimiter[Any]):
    """The rate limiter, always consulted on the bot's loop: its locks and timers belong
    there, and so does the HTTP client it hands the request to."""

    def __init__(self, inner: BaseRateLimiter[Any], home: Home) -> None:
        self.inner = inner
        self.home = home

    async def initialize(self) -> None:
        self.home.learn()
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        request = self.inner.process_request(
            callback=callback,
            args=args,
            kwargs=kwargs,
            endpoint=endpoint,
            data=data,
            rate_limit_args=rate_limit_args,
        )
        if self.home.away():
            return await self.home.run(request)
        return await request


class PerChatUpdates(BaseUpdateProcessor):
    """Updates of different chats at once, those of one chat one after the other, in the
    order Telegram gave them. It owns the worker threads the handlers run on: PTB starts
    and stops it with the application."""

    def __init__(self, workers: Workers, home: Home, max_concurrent_updates: int = 256) -> None:
        super().__init__(max_concurrent_updates)
        self.workers = workers
        self.home = home
        self._chains: dict[int, asyncio.Lock] = {}
        self._waiting: dict[int, int] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = _chat_of(update)
        if key is None:
            await coroutine
            return
        lock = self._chains.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._chains[key]

    async def initialize(self) -> None:
        self.home.learn()

    async def shutdown(self) -> None:
        self.workers.shutdown()


# The chain of updates that name neither a chat nor a person: a poll's running counts, each
# the whole count, must not be stored out of order (an older count last).
_NOBODY = 0


def _chat_of(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return _NOBODY
