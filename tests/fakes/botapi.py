"""A fake Telegram Bot API and an in-process PTB transport that talks to it.

`FakeBotApi` answers Bot API methods with realistic result objects (so that PTB's ``de_json``
builds them) and records every call. It is thread-safe: one condition (wrapping one lock) guards
all of its state, so it can be used in-process through `RecordingRequest` and, at the same time,
behind the HTTP stand-in of `tests.fakes.botapi_http`.
"""

from __future__ import annotations

import asyncio
import copy
import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

MESSAGE_NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup are "
    "exactly the same as a current content and reply markup of the message"
)
BLOCKED_BY_USER = "Forbidden: bot was blocked by the user"
METHOD_NOT_FOUND = "Not Found: method not found"
QUERY_TOO_OLD = "Bad Request: query is too old and response timeout expired or query ID is invalid"

MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "left", "kicked"})
ADMIN_STATUSES = frozenset({"creator", "administrator"})

# Methods that only acknowledge with ``true`` and need no state.
_TRUE_METHODS = frozenset(
    {
        "close",
        "logOut",
        "sendChatAction",
        "setMyDescription",
        "setMyShortDescription",
        "setMyName",
        "setChatMenuButton",
        "leaveChat",
        "pinChatMessage",
        "unpinChatMessage",
        "setWebhook",
    }
)

# First message_id the fake gives to the bot's messages in a chat. UpdateFactory numbers user
# messages from 1, so the two ranges do not collide in a test.
FIRST_BOT_MESSAGE_ID = 5001

MAX_TEXT_LENGTH = 4096
MAX_LONG_POLL_SECONDS = 1.0


@dataclass
class UploadedFile:
    """A file sent as a multipart part (``sendDocument`` & co.)."""

    file_name: str
    mime_type: str
    content: bytes


@dataclass
class ApiCall:
    """One Bot API call as the fake received it.

    ``params`` holds decoded values: ``reply_markup`` is a dict, ``chat_id`` an int, uploaded
    files are `UploadedFile`. ``status`` and ``result`` are what the fake answered.
    """

    method: str
    params: dict[str, Any]
    status: int = 200
    result: Any = None

    @property
    def ok(self) -> bool:
        return 200 <= self.status <= 299


@dataclass
class _Failure:
    status: int
    description: str
    retry_after: int | None


TOO_MANY_REQUESTS = "Too Many Requests: retry after {seconds}"


@dataclass
class RateLimitRecord:
    """What an opt-in rate limit (`FakeBotApi.limit_rate`) did, as readings of its clock."""

    admitted: list[float]  # calls let through to the method
    refused: list[float]  # calls answered 429


class _RateLimit:
    """Telegram's flood control as a sliding window: at most `per_second` calls of the
    limited methods in any 1-second window. Only admitted calls fill the window, so a client
    that keeps knocking while refused is not punished beyond the retry_after it was given."""

    def __init__(
        self, per_second: int, methods: frozenset[str], clock: Callable[[], float]
    ) -> None:
        self.per_second = per_second
        self.methods = methods
        self.clock = clock
        self.window: deque[float] = deque()
        self.record = RateLimitRecord([], [])

    def admit(self, method: str) -> bool:
        if method not in self.methods:
            return True
        now = self.clock()
        while self.window and self.window[0] <= now - 1.0:
            self.window.popleft()
        if len(self.window) >= self.per_second:
            self.record.refused.append(now)
            return False
        self.window.append(now)
        self.record.admitted.append(now)
        return True


class ApiError(Exception):
    """Raised inside handlers to answer with an error body."""

    def __init__(
        self,
        status: int,
        description: str,
        parameters: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters


def error_body(
    status: int, description: str, parameters: dict[str, Any] | None = None
) -> dict[str, Any]:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if parameters:
        body["parameters"] = parameters
    return body


def chat_type_for_id(chat_id: int) -> str:
    """Telegram's id conventions: users > 0, supergroups/channels -100..., basic groups < 0."""
    if chat_id > 0:
        return "private"
    if str(chat_id).startswith("-100"):
        return "supergroup"
    return "group"


def resolve_attachments(params: dict[str, Any], files: dict[str, UploadedFile]) -> dict[str, Any]:
    """Put uploaded files into ``params``.

    A part named like a parameter (``document``) becomes that parameter; a parameter valued
    ``attach://<name>`` is replaced by the part ``<name>``.
    """
    out = dict(params)
    used: set[str] = set()
    for key, value in out.items():
        if isinstance(value, str) and value.startswith("attach://"):
            name = value.removeprefix("attach://")
            if name in files:
                out[key] = files[name]
                used.add(name)
    for name, uploaded in files.items():
        if name not in used and name not in out:
            out[name] = uploaded
    return out


class FakeBotApi:
    """Thread-safe (one lock): used both in-process and behind the HTTP server."""

    def __init__(
        self,
        *,
        bot_id: int = 7000000001,
        username: str = "relance_test_bot",
        first_name: str = "Relance",
        now: Callable[[], int] | None = None,
    ) -> None:
        self.bot_id = bot_id
        self.username = username
        self.first_name = first_name
        self._now: Callable[[], int] = now or (lambda: int(time.time()))
        self._cond = threading.Condition(threading.Lock())
        self.calls: list[ApiCall] = []
        self._member_status: dict[tuple[int, int], str] = {}
        self._blocked: set[int] = set()
        self._migrated: dict[int, int] = {}
        self._failures: dict[str, deque[_Failure]] = {}
        self._last_message_id: dict[int, int] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._updates: list[dict[str, Any]] = []
        self._last_update_id = 0
        self._users: dict[int, dict[str, Any]] = {}
        self._chats: dict[int, dict[str, Any]] = {}
        self._file_counter = 0
        self._files: dict[str, bytes] = {}
        self._answered: set[str] = set()  # callback queries answered: Telegram takes one answer
        self._rate_limit: _RateLimit | None = None

    # ------------------------------------------------------------------ configuration

    def set_chat_member_status(self, chat_id: int, user_id: int, status: str) -> None:
        """``creator`` | ``administrator`` | ``member`` | ``left`` | ``kicked``."""
        if status not in MEMBER_STATUSES:
            raise ValueError(f"unsupported chat member status {status!r}")
        with self._cond:
            self._member_status[(chat_id, user_id)] = status

    # --- issue 9: administrators who never spoke ---------------------------------------

    def know_user(self, user: dict[str, Any]) -> None:
        """Telegram knows everyone's name: getChatMember and getChatAdministrators give
        `user` (a User JSON) as is, even if they never wrote to the bot."""
        with self._cond:
            self._users[int(user["id"])] = copy.deepcopy(user)

    def saw(self, update: dict[str, Any]) -> None:
        """An update delivered in-process (not through getUpdates): Telegram knows its users
        and chats all the same."""
        with self._cond:
            self._learn(update)

    # ------------------------------------------------------------------------------------

    def block_user(self, user_id: int) -> None:
        """From now on, sending to the private chat ``user_id`` answers 403."""
        with self._cond:
            self._blocked.add(user_id)

    def unblock_user(self, user_id: int) -> None:
        with self._cond:
            self._blocked.discard(user_id)

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> None:
        """Sending to ``old_chat_id`` then answers 400 + migrate_to_chat_id (PTB: ChatMigrated)."""
        with self._cond:
            self._migrated[old_chat_id] = new_chat_id

    def fail_next(
        self, method: str, status: int, description: str, retry_after: int | None = None
    ) -> None:
        """One-shot error for the next call of ``method`` (several calls queue up).

        Note that PTB raises RetryAfter only for a truthy ``retry_after``: 0 gives NetworkError.
        """
        with self._cond:
            self._failures.setdefault(method, deque()).append(
                _Failure(status, description, retry_after)
            )

    def limit_rate(
        self,
        per_second: int = 30,
        methods: tuple[str, ...] = ("sendMessage",),
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """From now on, a call of `methods` beyond `per_second` within any sliding 1-second
        window answers 429 with ``retry_after`` 1, as Telegram does (PTB: RetryAfter).

        Opt-in: the other tests send bursts far below any limit and must stay fast. Replaces
        an earlier limit; `rate_limit_record` tells when calls were admitted and refused.
        """
        if per_second < 1:
            raise ValueError("per_second must be at least 1")
        with self._cond:
            self._rate_limit = _RateLimit(per_second, frozenset(methods), clock)

    def rate_limit_record(self) -> RateLimitRecord:
        """A copy of what the rate limit did (empty when there is none)."""
        with self._cond:
            if self._rate_limit is None:
                return RateLimitRecord([], [])
            record = self._rate_limit.record
            return RateLimitRecord(list(record.admitted), list(record.refused))

    # ------------------------------------------------------------------ reading

    def sent(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Params of the successful sendMessage calls, each with the ``message_id`` it got."""
        with self._cond:
            out = []
            for call in self.calls:
                if call.method != "sendMessage" or not call.ok:
                    continue
                if chat_id is not None and call.params.get("chat_id") != chat_id:
                    continue
                params = copy.deepcopy(call.params)
                params["message_id"] = call.result["message_id"]
                out.append(params)
            return out

    def edits(self, chat_id: int | None = None) -> list[dict[str, Any]]:
        """Params of the successful editMessageText / editMessageReplyMarkup calls."""
        with self._cond:
            return [
                copy.deepcopy(call.params)
                for call in self.calls
                if call.method in ("editMessageText", "editMessageReplyMarkup")
                and call.ok
                and (chat_id is None or call.params.get("chat_id") == chat_id)
            ]

    def answers(self) -> list[dict[str, Any]]:
        return self.calls_to("answerCallbackQuery")

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """Params of every call of ``method``, failed ones included."""
        with self._cond:
            return [copy.deepcopy(c.params) for c in self.calls if c.method == method]

    def clear(self) -> None:
        """Forget recorded calls (stored messages, members and updates are kept)."""
        with self._cond:
            self.calls.clear()

    def message(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        """Current JSON of a message the bot sent (after edits), or None."""
        with self._cond:
            msg = self._messages.get((chat_id, message_id))
            return copy.deepcopy(msg) if msg is not None else None

    def commands(self, scope: dict[str, Any] | None = None, language_code: str = "") -> list[Any]:
        """Commands stored by setMyCommands for a scope (default scope if None)."""
        with self._cond:
            return copy.deepcopy(self._commands.get(self._commands_key(scope, language_code), []))

    # ------------------------------------------------------------------ updates

    def push_update(self, update: dict[str, Any]) -> None:
        """Queue an update for getUpdates (an ``update_id`` is assigned if missing)."""
        update = copy.deepcopy(update)
        with self._cond:
            if "update_id" not in update:
                update["update_id"] = self._last_update_id + 1
            self._last_update_id = max(self._last_update_id, update["update_id"])
            self._learn(update)
            self._updates.append(update)
            self._cond.notify_all()

    def pending_updates(self) -> list[dict[str, Any]]:
        with self._cond:
            return copy.deepcopy(self._updates)

    def wait_for(self, predicate: Callable[[list[ApiCall]], bool], timeout: float) -> bool:
        """Block until ``predicate(calls)`` holds or ``timeout`` seconds passed."""
        with self._cond:
            return self._cond.wait_for(lambda: predicate(list(self.calls)), timeout)

    async def wait_for_async(
        self, predicate: Callable[[list[ApiCall]], bool], seconds: float
    ) -> bool:
        """`wait_for` from a coroutine, without blocking the event loop."""
        return await asyncio.to_thread(self.wait_for, predicate, seconds)

    # ------------------------------------------------------------------ dispatch

    def handle(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        """Answer one Bot API call: (HTTP status, JSON body)."""
        params = copy.deepcopy(params)
        with self._cond:
            call = ApiCall(method=method, params=params)
            status, body = self._dispatch(method, params)
            call.status = status
            call.result = copy.deepcopy(body.get("result"))
            self.calls.append(call)
            self._cond.notify_all()
            return status, body

    def _dispatch(self, method: str, params: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        failures = self._failures.get(method)
        if failures:
            failure = failures.popleft()
            parameters: dict[str, Any] = {}
            if failure.retry_after is not None:
                parameters["retry_after"] = failure.retry_after
            return failure.status, error_body(failure.status, failure.description, parameters)
        # After the one-shot failures, so a test can still inject an exact error under a limit.
        if self._rate_limit is not None and not self._rate_limit.admit(method):
            return 429, error_body(429, TOO_MANY_REQUESTS.format(seconds=1), {"retry_after": 1})
        handler = self._handlers().get(method)
        if handler is None:
            if method in _TRUE_METHODS:
                return 200, {"ok": True, "result": True}
            return 404, error_body(404, METHOD_NOT_FOUND)
        try:
            result = handler(params)
        except ApiError as exc:
            return exc.status, error_body(exc.status, exc.description, exc.parameters)
        return 200, {"ok": True, "result": result}

    def _handlers(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {
            "getMe": self._get_me,
            "sendMessage": self._send_message,
            "sendDocument": self._send_document,
            "editMessageText": self._edit_message_text,
            "editMessageReplyMarkup": self._edit_message_reply_markup,
            "deleteMessage": self._delete_message,
            "setMyCommands": self._set_my_commands,
            "deleteMyCommands": self._delete_my_commands,
            "getMyCommands": self._get_my_commands,
            "getChatMember": self._get_chat_member,
            "getChatAdministrators": self._get_chat_administrators,
            "getChat": self._get_chat,
            "deleteWebhook": self._delete_webhook,
            "getWebhookInfo": self._get_webhook_info,
            "getUpdates": self._get_updates,
            "getFile": self._get_file,
            "answerCallbackQuery": self._answer_callback_query,
            **self._poll_handlers(),
        }

    def _answer_callback_query(self, params: dict[str, Any]) -> bool:
        """One answer per press, as Telegram: a second is refused as a query too old."""
        query_id = str(params.get("callback_query_id", ""))
        if query_id in self._answered:
            raise ApiError(400, QUERY_TOO_OLD)
        self._answered.add(query_id)
        return True

    # ------------------------------------------------------------------ polls (/vote)

    def _poll_handlers(self) -> dict[str, Callable[[dict[str, Any]], Any]]:
        return {"sendPoll": self._send_poll, "stopPoll": self._stop_poll}

    def _send_poll(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        question = params.get("question")
        raw = params.get("options")
        options = [o if isinstance(o, str) else o.get("text") for o in raw or []]
        if not isinstance(question, str) or not 1 <= len(question) <= 300:
            raise ApiError(400, "Bad Request: poll question length must not exceed 300")
        if not 2 <= len(options) <= 12 or not all(
            isinstance(o, str) and 1 <= len(o) <= 100 for o in options
        ):
            raise ApiError(400, "Bad Request: poll must have 2-12 options of 1-100 characters")
        self._check_can_send(chat_id)
        self._file_counter += 1
        poll = {
            "id": f"5{self._file_counter:018d}",
            "question": question,
            "options": [
                {"text": o, "voter_count": 0, "persistent_id": str(i)}
                for i, o in enumerate(options)
            ],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": bool(params.get("is_anonymous", True)),
            "type": params.get("type", "regular"),
            "allows_multiple_answers": bool(params.get("allows_multiple_answers", False)),
            # Required of a Poll by PTB since Bot API 9.6 and 10.0.
            "allows_revoting": bool(params.get("allows_revoting", True)),
            "members_only": bool(params.get("members_only", False)),
        }
        extra: dict[str, Any] = {"poll": poll}
        markup = self._inline_markup(params)
        if markup is not None:
            extra["reply_markup"] = markup
        return self._new_message(chat_id, extra)

    def _stop_poll(self, params: dict[str, Any]) -> dict[str, Any]:
        msg = self._stored_message(params)
        if msg is None or "poll" not in msg:
            raise ApiError(400, "Bad Request: message with poll to stop not found")
        poll = msg["poll"]
        if poll["is_closed"]:
            raise ApiError(400, "Bad Request: poll has already been closed")
        poll["is_closed"] = True
        markup = self._inline_markup(params)
        if markup is None or not markup["inline_keyboard"]:
            msg.pop("reply_markup", None)
        else:
            msg["reply_markup"] = markup
        return copy.deepcopy(poll)

    def vote(self, chat_id: int, message_id: int, counts: list[int], voters: int) -> dict[str, Any]:
        """People voted on a poll the bot sent: its counts become these. Returns the poll
        (for a `poll` update)."""
        with self._cond:
            poll = self._messages[(chat_id, message_id)]["poll"]
            for option, count in zip(poll["options"], counts, strict=True):
                option["voter_count"] = count
            poll["total_voter_count"] = voters
            return copy.deepcopy(poll)

    # ------------------------------------------------------------------ files

    def add_file(self, file_id: str, content: bytes) -> None:
        """A file users can send: getFile describes it, a download returns `content`."""
        with self._cond:
            self._files[file_id] = content

    def file_content(self, file_path: str) -> bytes | None:
        with self._cond:
            return self._files.get(file_path.rsplit("/", 1)[-1])

    def _get_file(self, params: dict[str, Any]) -> dict[str, Any]:
        file_id = str(params.get("file_id", ""))
        if file_id not in self._files:
            raise ApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_size": len(self._files[file_id]),
            "file_path": f"documents/{file_id}",
        }

    # ------------------------------------------------------------------ JSON builders

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }

    def _user_json(self, user_id: int) -> dict[str, Any]:
        if user_id == self.bot_id:
            return self.bot_user()
        known = self._users.get(user_id)
        if known is not None:
            return copy.deepcopy(known)
        return {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}

    def _chat_json(self, chat_id: int) -> dict[str, Any]:
        known = self._chats.get(chat_id)
        if known is not None:
            return copy.deepcopy(known)
        chat_type = chat_type_for_id(chat_id)
        if chat_type == "private":
            user = self._user_json(chat_id)
            chat = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            for key in ("last_name", "username"):
                if key in user:
                    chat[key] = user[key]
            return chat
        return {"id": chat_id, "type": chat_type, "title": f"Group {chat_id}"}

    def _learn(self, obj: Any) -> None:
        """Remember users and chats seen in pushed updates, to answer getChat & co. alike."""
        if isinstance(obj, dict):
            user = obj.get("from")
            if isinstance(user, dict) and isinstance(user.get("id"), int):
                self._users[user["id"]] = copy.deepcopy(user)
            chat = obj.get("chat")
            if isinstance(chat, dict) and isinstance(chat.get("id"), int):
                self._chats[chat["id"]] = copy.deepcopy(chat)
            for value in obj.values():
                self._learn(value)
        elif isinstance(obj, list):
            for value in obj:
                self._learn(value)

    # ------------------------------------------------------------------ helpers

    @staticmethod
    def _int_param(params: dict[str, Any], name: str) -> int:
        value = params.get(name)
        if value is None:
            raise ApiError(400, f"Bad Request: {name} is empty")
        if isinstance(value, bool):
            raise ApiError(400, f"Bad Request: invalid {name} specified")
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ApiError(400, f"Bad Request: invalid {name} specified") from None

    def _chat_id(self, params: dict[str, Any]) -> int:
        value = params.get("chat_id")
        if value is None:
            raise ApiError(400, "Bad Request: chat_id is empty")
        try:
            chat_id = int(value)
        except (TypeError, ValueError):
            raise ApiError(400, "Bad Request: chat not found") from None
        params["chat_id"] = chat_id
        return chat_id

    def _check_can_send(self, chat_id: int) -> None:
        if chat_id in self._migrated:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": self._migrated[chat_id]},
            )
        if chat_id in self._blocked:
            raise ApiError(403, BLOCKED_BY_USER)

    @staticmethod
    def _inline_markup(params: dict[str, Any]) -> dict[str, Any] | None:
        """Telegram echoes only inline keyboards in the returned Message."""
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            return markup
        return None

    def _new_message(self, chat_id: int, extra: dict[str, Any]) -> dict[str, Any]:
        message_id = self._last_message_id.get(chat_id, FIRST_BOT_MESSAGE_ID - 1) + 1
        self._last_message_id[chat_id] = message_id
        msg: dict[str, Any] = {
            "message_id": message_id,
            "date": self._now(),
            "chat": self._chat_json(chat_id),
            "from": self.bot_user(),
        }
        msg.update(extra)
        self._messages[(chat_id, message_id)] = msg
        return copy.deepcopy(msg)

    def _stored_message(self, params: dict[str, Any]) -> dict[str, Any] | None:
        """The stored message an edit targets; None for inline messages."""
        if params.get("inline_message_id") is not None:
            return None
        chat_id = self._chat_id(params)
        message_id = self._int_param(params, "message_id")
        msg = self._messages.get((chat_id, message_id))
        if msg is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return msg

    @staticmethod
    def _commands_key(scope: Any, language_code: Any) -> tuple[str, str]:
        scope = scope if isinstance(scope, dict) else {"type": "default"}
        return json.dumps(scope, sort_keys=True), str(language_code or "")

    # ------------------------------------------------------------------ methods

    def _get_me(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.bot_user()
        user.update(
            {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        )
        return user

    def _send_message(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        self._check_can_send(chat_id)
        extra: dict[str, Any] = {"text": text}
        markup = self._inline_markup(params)
        if markup is not None:
            extra["reply_markup"] = markup
        return self._new_message(chat_id, extra)

    def _send_document(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        document = params.get("document")
        self._file_counter += 1
        n = self._file_counter
        doc: dict[str, Any]
        if isinstance(document, UploadedFile):
            doc = {
                "file_id": f"BQACAgFAKE{n}",
                "file_unique_id": f"AgADFAKE{n}",
                "file_name": document.file_name,
                "mime_type": document.mime_type,
                "file_size": len(document.content),
            }
        elif isinstance(document, str) and document:
            doc = {"file_id": document, "file_unique_id": f"AgADFAKE{n}"}
        else:
            raise ApiError(400, "Bad Request: there is no document in the request")
        self._check_can_send(chat_id)
        extra: dict[str, Any] = {"document": doc}
        if isinstance(params.get("caption"), str):
            extra["caption"] = params["caption"]
        markup = self._inline_markup(params)
        if markup is not None:
            extra["reply_markup"] = markup
        return self._new_message(chat_id, extra)

    def _edit_message_text(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        text = params.get("text")
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text) > MAX_TEXT_LENGTH:
            raise ApiError(400, "Bad Request: MESSAGE_TOO_LONG")
        msg = self._stored_message(params)
        if msg is None:
            return True
        if "text" not in msg:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        # Without reply_markup, editMessageText removes the inline keyboard.
        markup = self._inline_markup(params)
        if msg.get("text") == text and msg.get("reply_markup") == markup:
            raise ApiError(400, MESSAGE_NOT_MODIFIED)
        msg["text"] = text
        if markup is None:
            msg.pop("reply_markup", None)
        else:
            msg["reply_markup"] = markup
        msg["edit_date"] = self._now()
        return copy.deepcopy(msg)

    def _edit_message_reply_markup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        msg = self._stored_message(params)
        if msg is None:
            return True
        markup = self._inline_markup(params)
        if msg.get("reply_markup") == markup:
            raise ApiError(400, MESSAGE_NOT_MODIFIED)
        if markup is None:
            msg.pop("reply_markup", None)
        else:
            msg["reply_markup"] = markup
        msg["edit_date"] = self._now()
        return copy.deepcopy(msg)

    def _delete_message(self, params: dict[str, Any]) -> bool:
        chat_id = self._chat_id(params)
        message_id = self._int_param(params, "message_id")
        if self._messages.pop((chat_id, message_id), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _set_my_commands(self, params: dict[str, Any]) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list):
            raise ApiError(400, "Bad Request: can't parse commands JSON object")
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands[key] = commands
        return True

    def _delete_my_commands(self, params: dict[str, Any]) -> bool:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        self._commands.pop(key, None)
        return True

    def _get_my_commands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        key = self._commands_key(params.get("scope"), params.get("language_code"))
        return copy.deepcopy(self._commands.get(key, []))

    def _member_json(self, chat_id: int, user_id: int) -> dict[str, Any]:
        status = self._member_status.get((chat_id, user_id), "member")
        member: dict[str, Any] = {"status": status, "user": self._user_json(user_id)}
        if status == "creator":
            member["is_anonymous"] = False
        elif status == "administrator":
            member.update(
                {
                    "can_be_edited": False,
                    "is_anonymous": False,
                    "can_manage_chat": True,
                    "can_delete_messages": True,
                    "can_manage_video_chats": True,
                    "can_restrict_members": True,
                    "can_promote_members": False,
                    "can_change_info": True,
                    "can_invite_users": True,
                    "can_post_stories": True,
                    "can_edit_stories": True,
                    "can_delete_stories": True,
                    "can_pin_messages": True,
                    "can_manage_topics": False,
                }
            )
        elif status == "kicked":
            member["until_date"] = 0
        return member

    def _get_chat_member(self, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = self._chat_id(params)
        user_id = self._int_param(params, "user_id")
        return self._member_json(chat_id, user_id)

    def _get_chat_administrators(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        chat_id = self._chat_id(params)
        if chat_id > 0:
            raise ApiError(400, "Bad Request: there are no administrators in the private chat")
        return [
            self._member_json(chat_id, user_id)
            for (member_chat, user_id), status in self._member_status.items()
            if member_chat == chat_id and status in ADMIN_STATUSES
        ]

    def _get_chat(self, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_json(self._chat_id(params))
        chat.update(
            {
                "accent_color_id": 0,
                "max_reaction_count": 11,
                "accepted_gift_types": {
                    "unlimited_gifts": False,
                    "limited_gifts": False,
                    "unique_gifts": False,
                    "premium_subscription": False,
                    "gifts_from_channels": False,
                },
            }
        )
        return chat

    def _delete_webhook(self, params: dict[str, Any]) -> bool:
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def _get_webhook_info(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if offset > 0:
            # Telegram forgets confirmed updates for good.
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        # Long poll, bounded so that a stopping bot is not held; wait() releases the lock.
        deadline = time.monotonic() + min(timeout, MAX_LONG_POLL_SECONDS)
        while not self._updates:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            self._cond.wait(remaining)
        updates = self._updates[offset:] if offset < 0 else self._updates
        return copy.deepcopy(updates[: max(1, min(limit, 100))])


def _read_content(content: bytes | IO[bytes]) -> bytes:
    if isinstance(content, bytes):
        return content
    data = content.read()
    return data if isinstance(data, bytes) else bytes(data)


def decode_request_data(request_data: RequestData | None) -> dict[str, Any]:
    """PTB's RequestData as plain JSON-like Python values plus `UploadedFile` parts."""
    if request_data is None:
        return {}
    # ``parameters`` already holds Python values (TelegramObjects are to_dict()-ed); a JSON
    # round trip normalises tuples to lists, as the HTTP transport would.
    params = {key: json.loads(json.dumps(value)) for key, value in request_data.parameters.items()}
    files: dict[str, UploadedFile] = {}
    if request_data.contains_files:
        for name, (filename, content, mimetype) in request_data.multipart_data.items():
            files[name] = UploadedFile(
                file_name=filename or name,
                mime_type=mimetype or "application/octet-stream",
                content=_read_content(content),
            )
    return resolve_attachments(params, files)


class RecordingRequest(BaseRequest):
    """In-process transport: no socket. Decodes PTB's RequestData and forwards to FakeBotApi."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api
        self.initialized = False

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        self.initialized = True

    async def shutdown(self) -> None:
        self.initialized = False

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
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        if method != "POST":
            # File downloads (BaseRequest.retrieve): the bytes of a file added with add_file.
            content = self.api.file_content(url)
            if content is None:
                return 404, json.dumps(error_body(404, "Not Found")).encode()
            return 200, content
        params = decode_request_data(request_data)
        if api_method == "getUpdates":
            # The long poll blocks: keep it off the event loop.
            status, body = await asyncio.to_thread(self.api.handle, api_method, params)
        else:
            status, body = self.api.handle(api_method, params)
        return status, json.dumps(body).encode()
