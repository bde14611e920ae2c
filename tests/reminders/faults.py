"""A link that misbehaves, in process: the recording transport with a network's failures,
raised exactly as PTB's HTTPXRequest raises them (TimedOut or NetworkError, httpx's error as
the cause; see telegram/request/_httpxrequest.py), so the bot sees what it would see."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any, Literal

import httpx
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from tests.fakes.botapi import RecordingRequest

Fault = Literal[
    "ok",  # delivered and answered
    "refused",  # connection refused: never left
    "connect-timeout",  # never left
    "pool-timeout",  # never left
    "hang",  # read, never acted on, never answered (the read timeout ends it)
    "cut",  # acted on (delivered), then the connection closed without an answer
]


class FaultyRequest(RecordingRequest):
    """sendMessage calls meet `faults` in turn, then `always` (None: they go through).
    `on_send` runs as each sendMessage reaches the transport, before its fault."""

    def __init__(self, api: Any) -> None:
        super().__init__(api)
        self.faults: deque[Fault] = deque()
        # Faults met by the sendMessage calls to one chat, in turn, before `faults`: digests
        # go out side by side, so only a chat's own calls have an order.
        self.chat_faults: dict[int, deque[Fault]] = {}
        self.always: Fault | None = None
        self.on_send: Callable[[], None] | None = None
        self.met = 0  # sendMessage calls that reached the transport, whatever their fate

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = BaseRequest.DEFAULT_NONE,
        write_timeout: Any = BaseRequest.DEFAULT_NONE,
        connect_timeout: Any = BaseRequest.DEFAULT_NONE,
        pool_timeout: Any = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if not url.endswith("/sendMessage"):
            return await super().do_request(url, method, request_data)
        self.met += 1
        if self.on_send is not None:
            self.on_send()
        chat = request_data.parameters.get("chat_id") if request_data else None
        own = self.chat_faults.get(chat) if isinstance(chat, int) else None
        if own:
            fault: Fault | None = own.popleft()
        else:
            fault = self.faults.popleft() if self.faults else self.always
        if fault == "refused":
            error: httpx.HTTPError = httpx.ConnectError("[Errno 111] Connection refused")
            raise NetworkError(f"httpx.ConnectError: {error}") from error
        if fault == "connect-timeout":
            raise TimedOut from httpx.ConnectTimeout("timed out")
        if fault == "pool-timeout":
            raise TimedOut("Pool timeout") from httpx.PoolTimeout("no connection")
        if fault == "hang":
            raise TimedOut from httpx.ReadTimeout("timed out")
        answer = await super().do_request(url, method, request_data)
        if fault == "cut":
            error = httpx.RemoteProtocolError("Server disconnected without sending a response.")
            raise NetworkError(f"httpx.RemoteProtocolError: {error}") from error
        return answer
