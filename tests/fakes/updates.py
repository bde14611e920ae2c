"""Builders of Update JSON dicts, as Telegram sends them.

Feed them to ``telegram.Update.de_json(d, bot)`` or to ``FakeBotApi.push_update``.
"""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from tests.fakes.botapi import chat_type_for_id

# A command as Telegram recognises it: at the start of the text or after whitespace.
_COMMAND = re.compile(r"(?<!\S)/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?")


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Telegram's entity offsets and lengths."""
    return len(text.encode("utf-16-le")) // 2


def command_entities(text: str) -> list[dict[str, Any]]:
    return [
        {
            "type": "bot_command",
            "offset": utf16_len(text[: match.start()]),
            "length": utf16_len(match.group()),
        }
        for match in _COMMAND.finditer(text)
    ]


_ENTITY_OF_TAG = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "a": "text_link",
    "tg-spoiler": "spoiler",
    "blockquote": "blockquote",
}


class _HtmlToEntities(HTMLParser):
    """Telegram's reading of an HTML parse-mode text: the plain text and its entities."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.entities: list[dict[str, Any]] = []
        self._open: list[tuple[str, int, dict[str, Any]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        extra = {"url": dict(attrs).get("href") or ""} if tag == "a" else {}
        self._open.append((tag, utf16_len(self.text), extra))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                _, start, extra = self._open.pop(index)
                length = utf16_len(self.text) - start
                kind = _ENTITY_OF_TAG.get(tag)
                if kind is not None and length:
                    entity = {"type": kind, "offset": start, "length": length, **extra}
                    self.entities.append(entity)
                return

    def handle_data(self, data: str) -> None:
        self.text += data


def html_as_received(text: str) -> tuple[str, list[dict[str, Any]]]:
    """A text the bot sent in HTML parse mode, as Telegram hands it back in an update: the
    tags gone, entities in their place (sorted as Telegram sorts them)."""
    parser = _HtmlToEntities()
    parser.feed(text)
    parser.close()
    entities = sorted(parser.entities, key=lambda e: (e["offset"], -e["length"]))
    return parser.text, entities


@dataclass(frozen=True)
class FakeUser:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None

    def to_json(self) -> dict[str, Any]:
        user: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.last_name is not None:
            user["last_name"] = self.last_name
        if self.username is not None:
            user["username"] = self.username
        return user


@dataclass(frozen=True)
class FakeChat:
    """type "private" (id == user id), "group" or "supergroup"."""

    id: int
    type: str
    title: str | None = None

    @classmethod
    def private(cls, user: FakeUser) -> FakeChat:
        return cls(id=user.id, type="private")

    def to_json(self, user: FakeUser | None = None) -> dict[str, Any]:
        """Chat JSON; a private chat takes its names from ``user`` (its only other member)."""
        if self.type == "private":
            chat: dict[str, Any] = {"id": self.id, "type": "private"}
            if user is not None and user.id == self.id:
                chat.update({k: v for k, v in user.to_json().items() if k not in ("id", "is_bot")})
            else:
                chat["first_name"] = f"User {self.id}"
            return chat
        return {"id": self.id, "type": self.type, "title": self.title or f"Group {self.id}"}


class UpdateFactory:
    """Builds Update JSON dicts with increasing update_id / message_id (per chat, from 1)."""

    def __init__(
        self,
        *,
        bot_username: str = "relance_test_bot",
        now: Callable[[], int] | None = None,
        bot_id: int = 7000000001,
        bot_first_name: str = "Relance",
    ) -> None:
        self.bot_username = bot_username
        self.bot_id = bot_id
        self.bot_first_name = bot_first_name
        self._now: Callable[[], int] = now or (lambda: int(time.time()))
        self._update_ids = itertools.count(100001)
        self._callback_ids = itertools.count(1)
        self._message_ids: dict[int, int] = {}

    # ------------------------------------------------------------------ helpers

    def _update(self, **payload: Any) -> dict[str, Any]:
        return {"update_id": next(self._update_ids), **payload}

    def _next_message_id(self, chat_id: int) -> int:
        message_id = self._message_ids.get(chat_id, 0) + 1
        self._message_ids[chat_id] = message_id
        return message_id

    def _base_message(self, chat: FakeChat, user: FakeUser) -> dict[str, Any]:
        return {
            "message_id": self._next_message_id(chat.id),
            "date": self._now(),
            "chat": chat.to_json(user),
            "from": user.to_json(),
        }

    def bot_user(self) -> dict[str, Any]:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _as_message(self, message: dict[str, Any], user: FakeUser | None) -> dict[str, Any]:
        """Message JSON from a Message JSON, an Update JSON or recorded sendMessage params."""
        if "update_id" in message:
            for key in ("message", "edited_message", "channel_post"):
                if key in message:
                    return dict(message[key])
            raise ValueError("update without a message")
        if "chat" in message:
            return dict(message)
        # Params recorded by FakeBotApi: the bot's own message.
        chat_id = int(message["chat_id"])
        chat_json = FakeChat(chat_id, chat_type_for_id(chat_id)).to_json(user)
        msg: dict[str, Any] = {
            "message_id": int(message["message_id"]),
            "date": self._now(),
            "chat": chat_json,
            "from": self.bot_user(),
        }
        if "text" in message:
            # Sent in HTML parse mode (the bot's default): Telegram returns text and entities.
            msg["text"], entities = html_as_received(message["text"])
            if entities:
                msg["entities"] = entities
        markup = message.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            msg["reply_markup"] = markup
        return msg

    # ------------------------------------------------------------------ updates

    def message(
        self,
        text: str,
        *,
        chat: FakeChat,
        user: FakeUser,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """A text message; commands ("/aide", "/aide@bot") get bot_command entities."""
        msg = self._base_message(chat, user)
        msg["text"] = text
        entities = command_entities(text)
        if entities:
            msg["entities"] = entities
        if reply_to is not None:
            msg["reply_to_message"] = self._as_message(reply_to, user)
        return self._update(message=msg)

    def edited_message(
        self, text: str, *, chat: FakeChat, user: FakeUser, message_id: int
    ) -> dict[str, Any]:
        now = self._now()
        msg: dict[str, Any] = {
            "message_id": message_id,
            "date": now,
            "edit_date": now,
            "chat": chat.to_json(user),
            "from": user.to_json(),
            "text": text,
        }
        entities = command_entities(text)
        if entities:
            msg["entities"] = entities
        return self._update(edited_message=msg)

    def callback(self, data: str, *, message: dict[str, Any], user: FakeUser) -> dict[str, Any]:
        """A button press on ``message``: a recorded sent message (``FakeBotApi.sent()[i]``,
        with chat_id, text, message_id), a Message JSON or an Update JSON."""
        msg = self._as_message(message, user)
        return self._update(
            callback_query={
                "id": str(next(self._callback_ids)),
                "from": user.to_json(),
                "message": msg,
                "chat_instance": str(abs(msg["chat"]["id"]) * 31 + 7),
                "data": data,
            }
        )

    def migrate_to_supergroup(
        self, *, chat: FakeChat, user: FakeUser, new_chat_id: int
    ) -> dict[str, Any]:
        """The service message sent in the old group when it becomes a supergroup."""
        msg = self._base_message(chat, user)
        msg["migrate_to_chat_id"] = new_chat_id
        return self._update(message=msg)

    def document(
        self,
        *,
        chat: FakeChat,
        user: FakeUser,
        file_name: str,
        mime_type: str,
        file_size: int,
        file_id: str = "FILE1",
        caption: str | None = None,
    ) -> dict[str, Any]:
        msg = self._base_message(chat, user)
        msg["document"] = {
            "file_id": file_id,
            "file_unique_id": f"U{file_id}",
            "file_name": file_name,
            "mime_type": mime_type,
            "file_size": file_size,
        }
        if caption is not None:
            msg["caption"] = caption
        return self._update(message=msg)

    # --- issue 9: administrators (chat_member updates) ------------------------------------

    def chat_member(
        self,
        *,
        chat: FakeChat,
        user: FakeUser,
        old: str,
        new: str,
        by: FakeUser | None = None,
        mine: bool = False,
    ) -> dict[str, Any]:
        """A change of `user`'s status in `chat` ("member" -> "administrator"), made by `by`
        (the group's owner, say): Telegram's ``chat_member`` update, or ``my_chat_member``
        when `mine` (then `user` should be the bot itself)."""

        def status(value: str) -> dict[str, Any]:
            member: dict[str, Any] = {"status": value, "user": user.to_json()}
            if value == "administrator":
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
                    }
                )
            elif value == "creator":
                member["is_anonymous"] = False
            elif value == "kicked":
                member["until_date"] = 0
            return member

        change = {
            "chat": chat.to_json(),
            "from": (by or user).to_json(),
            "date": self._now(),
            "old_chat_member": status(old),
            "new_chat_member": status(new),
        }
        return self._update(**{"my_chat_member" if mine else "chat_member": change})
