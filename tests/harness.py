"""Drive the real Application with real updates over the recording Bot API transport."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from telegram import Update

from bot.app import build_application
from bot.context import RelanceApp
from bot.reminders import run_sweep
from reminders.delivery import SweepReport
from storage.db import Database
from tests.fakes.botapi import FakeBotApi, RecordingRequest
from tests.fakes.updates import FakeChat, FakeUser, UpdateFactory

TOKEN = "123456789:AAEtestTokenForRelanceOnlyXXXXXXXXXXX"

COORDINATOR = FakeUser(101, "Oumou", "Sow")
FOCAL = FakeUser(202, "Gerson", "Brandao")
OTHER_FOCAL = FakeUser(204, "Hanan", "Talbi")
OUTSIDER = FakeUser(303, "Awa", "Traoré")
GROUP = FakeChat(-1001000000001, "supergroup", "Cluster Protection")
OTHER_GROUP = FakeChat(-1001000000002, "supergroup", "Cluster Relèvement Précoce")


class FrozenClock:
    """A clock that only moves when a test moves it."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> None:
        self.current += timedelta(**delta)


def private(user: FakeUser) -> FakeChat:
    return FakeChat(user.id, "private")


@dataclass
class Harness:
    api: FakeBotApi
    app: RelanceApp
    db: Database
    clock: FrozenClock
    updates: UpdateFactory
    pauses: list[float] = field(default_factory=list)

    async def process(self, update: dict[str, Any]) -> list[dict[str, Any]]:
        """Feed one update; return the messages the bot sent because of it."""
        before = len(self.api.calls)
        self.api.saw(update)  # Telegram knows who wrote, as it would through getUpdates
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return [
            {**c.params, "message_id": (c.result or {}).get("message_id")}
            for c in self.api.calls[before:]
            if c.method == "sendMessage" and c.ok
        ]

    async def send(
        self,
        text: str,
        *,
        user: FakeUser,
        chat: FakeChat | None = None,
        reply_to: dict[str, Any] | None = None,
    ) -> list[dict[str, Any]]:
        chat = chat or private(user)
        return await self.process(
            self.updates.message(text, chat=chat, user=user, reply_to=reply_to)
        )

    async def say(self, text: str, *, user: FakeUser, chat: FakeChat | None = None) -> str:
        """Send and return the one reply's text (fails if the bot did not answer once)."""
        replies = await self.send(text, user=user, chat=chat)
        assert len(replies) == 1, replies
        return str(replies[0]["text"])

    async def press(
        self, message: dict[str, Any], label: str, *, user: FakeUser
    ) -> list[dict[str, Any]]:
        """Press the button whose label contains `label` on a message the bot sent."""
        data = button_data(self.current(message), label)
        return await self.process(
            self.updates.callback(data, message=self.current(message), user=user)
        )

    async def invitation(self, text: str, *, chat: FakeChat, user: FakeUser = COORDINATOR) -> str:
        """Send `/inviter …` in a group: the code of the link the coordinator got privately."""
        replies = await self.send(text, user=user, chat=chat)
        links = [str(r["text"]) for r in replies if "?start=" in str(r["text"])]
        assert len(links) == 1, replies
        assert all(r["chat_id"] == user.id for r in replies if "?start=" in str(r["text"]))
        return links[0].split("?start=")[1].split()[0]

    def current(self, message: dict[str, Any]) -> dict[str, Any]:
        """The message as it is now (after edits), in the recorded-params shape."""
        stored = self.api.message(int(message["chat_id"]), int(message["message_id"]))
        if stored is None:
            return message
        return {
            "chat_id": message["chat_id"],
            "message_id": message["message_id"],
            "text": stored.get("text", ""),
            "reply_markup": stored.get("reply_markup"),
        }

    def last_answer(self) -> dict[str, Any]:
        return self.api.answers()[-1]

    async def sweep(self) -> SweepReport:
        """Run the reminder sweep at the clock's instant, as the job does every minute.
        Pauses between the parts of a digest are recorded, not slept."""
        return await run_sweep(self.app, pause=self._pause)

    async def _pause(self, seconds: float) -> None:
        self.pauses.append(seconds)

    async def set_status(self, user: FakeUser, old: str, new: str, chat: FakeChat = GROUP) -> None:
        """The group's owner promotes or demotes `user`, and Telegram says so to the bot, as
        it does to a bot that administers the group (then the change counts at once)."""
        self.api.set_chat_member_status(chat.id, user.id, new)
        await self.process(self.updates.chat_member(chat=chat, user=user, old=old, new=new))


def buttons(message: dict[str, Any]) -> list[tuple[str, str]]:
    markup = message.get("reply_markup") or {}
    return [
        (b["text"], b.get("callback_data", ""))
        for row in markup.get("inline_keyboard", [])
        for b in row
    ]


def button_data(message: dict[str, Any], label: str) -> str:
    found = [data for text, data in buttons(message) if label in text]
    assert found, f"no button {label!r} in {buttons(message)}"
    return found[0]


def build_harness(
    db: Database,
    start: datetime | None = None,
    *,
    rate_limit: bool = False,
    transport: type[RecordingRequest] = RecordingRequest,
) -> Harness:
    """`transport`: the recording one, or a subclass that injects a link's failures."""
    clock = FrozenClock(start or datetime(2016, 10, 20, 14, 30, tzinfo=UTC))
    api = FakeBotApi(now=lambda: int(clock.now().timestamp()))
    app = build_application(
        token=TOKEN,
        db=db,
        clock=clock,
        default_timezone="Africa/Bamako",
        request=transport(api),
        rate_limit=rate_limit,
        sweep_every=None,
    )
    factory = UpdateFactory(bot_username=api.username, now=lambda: int(clock.now().timestamp()))
    return Harness(api=api, app=app, db=db, clock=clock, updates=factory)
