"""The Bot API transport, with a memory of which button presses were answered.

Telegram takes one answer per button press (answerCallbackQuery): a second one is refused.
When a handler answered a press and then failed, the error handler must not answer it
again; it says it in the chat instead. PTB keeps no trace of an answer, and its bot object
is built privately by ApplicationBuilder, so the trace is kept here, at the transport every
request goes through: a wrapper, not a fork of PTB.
"""

from __future__ import annotations

from collections import OrderedDict

import httpx
from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, HTTPXRequest, RequestData

from bot.workers import Home

# Presses remembered: far more than are answered in the seconds an error takes to follow.
KEPT = 4096


def telegram_requests() -> tuple[HTTPXRequest, HTTPXRequest]:
    """What ApplicationBuilder would build (256 connections for requests, one for
    getUpdates, PTB's timeouts), the two sharing one TLS context: each context reads the
    whole CA bundle, a tenth of a second of every start."""
    tls = {"verify": httpx.create_ssl_context()}
    return (
        HTTPXRequest(connection_pool_size=256, httpx_kwargs=tls),
        HTTPXRequest(connection_pool_size=1, httpx_kwargs=tls),
    )


class AnswerTracking(BaseRequest):
    def __init__(self, inner: BaseRequest | None = None, home: Home | None = None) -> None:
        # The default is what ApplicationBuilder would build: 256 connections, PTB's timeouts.
        self.inner = inner if inner is not None else HTTPXRequest(connection_pool_size=256)
        self._answered: OrderedDict[str, None] = OrderedDict()
        # Handlers run on worker threads (bot.workers): their requests are made on the bot's
        # loop, where the HTTP client and this memory live.
        self.home = home or Home()

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        self.home.learn()
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    def answered(self, callback_query_id: str) -> bool:
        """Whether Telegram accepted an answer to this press."""
        return callback_query_id in self._answered

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        request = self._do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        if self.home.away():
            return await self.home.run(request)
        return await request

    async def _do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None,
        *,
        read_timeout: ODVInput[float],
        write_timeout: ODVInput[float],
        connect_timeout: ODVInput[float],
        pool_timeout: ODVInput[float],
    ) -> tuple[int, bytes]:
        code, body = await self.inner.do_request(
            url,
            method,
            request_data,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )
        if url.endswith("/answerCallbackQuery") and 200 <= code < 300 and request_data:
            query_id = request_data.parameters.get("callback_query_id")
            if isinstance(query_id, str):
                self._answered[query_id] = None
                while len(self._answered) > KEPT:
                    self._answered.popitem(last=False)
        return code, body
