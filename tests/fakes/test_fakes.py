"""Tests of the fakes themselves, through real PTB objects."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, MessageEntity, Update
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from tests.fakes.botapi import FakeBotApi, RecordingRequest, UploadedFile
from tests.fakes.botapi_http import BotApiServer
from tests.fakes.updates import FakeChat, FakeUser, UpdateFactory

TOKEN = "7000000001:TEST-token_abc"
ALICE = FakeUser(id=111, first_name="Alice", username="alice")
GROUP = FakeChat(id=-1001234567890, type="supergroup", title="Coordination")
MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton("Fait", callback_data="done:1")]])


@pytest.fixture
def api() -> FakeBotApi:
    return FakeBotApi()


@pytest.fixture
async def bot(api: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(
        TOKEN, request=RecordingRequest(api), get_updates_request=RecordingRequest(api)
    ) as bot:
        yield bot


async def test_send_message_is_recorded_decoded(api: FakeBotApi, bot: Bot) -> None:
    message = await bot.send_message(chat_id=ALICE.id, text="Bonjour", reply_markup=MARKUP)

    assert bot.username == "relance_test_bot"
    assert message.reply_markup == MARKUP
    assert message.chat.type == "private"
    assert message.from_user is not None
    assert message.from_user.id == bot.id
    assert api.sent(ALICE.id) == [
        {
            "chat_id": ALICE.id,
            "text": "Bonjour",
            "reply_markup": {"inline_keyboard": [[{"text": "Fait", "callback_data": "done:1"}]]},
            "message_id": message.message_id,
        }
    ]
    second = await bot.send_message(chat_id=ALICE.id, text="Encore")
    assert second.message_id == message.message_id + 1


async def test_edit_with_same_content_is_not_modified(api: FakeBotApi, bot: Bot) -> None:
    message = await bot.send_message(chat_id=GROUP.id, text="Actions", reply_markup=MARKUP)

    # PTB strips "Bad Request: " and capitalizes what is left.
    with pytest.raises(BadRequest, match=r"^Message is not modified"):
        await bot.edit_message_text(
            "Actions", chat_id=GROUP.id, message_id=message.message_id, reply_markup=MARKUP
        )
    edited = await bot.edit_message_text(
        "Actions (1 faite)", chat_id=GROUP.id, message_id=message.message_id
    )

    assert isinstance(edited, type(message))
    assert edited.reply_markup is None  # no reply_markup removes the keyboard, like Telegram
    assert [e["text"] for e in api.edits(GROUP.id)] == ["Actions (1 faite)"]
    assert len(api.calls_to("editMessageText")) == 2


async def test_injected_errors(api: FakeBotApi, bot: Bot) -> None:
    api.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(chat_id=ALICE.id, text="Rappel")
    assert raised.value.retry_after == timedelta(seconds=7)
    await bot.send_message(chat_id=ALICE.id, text="Rappel")  # one-shot

    api.block_user(ALICE.id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(chat_id=ALICE.id, text="Rappel")
    assert [m["text"] for m in api.sent(ALICE.id)] == ["Rappel"]
    assert len(api.calls_to("sendMessage")) == 3


async def test_chat_members(api: FakeBotApi, bot: Bot) -> None:
    api.set_chat_member_status(GROUP.id, ALICE.id, "administrator")
    api.set_chat_member_status(GROUP.id, 222, "creator")

    admin = await bot.get_chat_member(GROUP.id, ALICE.id)
    member = await bot.get_chat_member(GROUP.id, 333)
    admins = await bot.get_chat_administrators(GROUP.id)

    assert admin.status == "administrator"
    assert member.status == "member"
    assert {m.user.id for m in admins} == {ALICE.id, 222}


async def test_update_factory_with_ptb(api: FakeBotApi, bot: Bot) -> None:
    factory = UpdateFactory()
    update = Update.de_json(factory.message("/aide", chat=FakeChat.private(ALICE), user=ALICE), bot)
    assert update.message is not None
    assert update.message.text == "/aide"
    assert update.message.entities[0].type == MessageEntity.BOT_COMMAND
    assert update.message.entities[0].length == len("/aide")

    # Offsets are in UTF-16 code units: the emoji counts twice.
    text = "Réunion 🎉 /aide@relance_test_bot demain"
    grouped = Update.de_json(factory.message(text, chat=GROUP, user=ALICE), bot)
    assert grouped.message is not None
    assert list(grouped.message.parse_entities().values()) == ["/aide@relance_test_bot"]

    sent = await bot.send_message(chat_id=GROUP.id, text="Actions", reply_markup=MARKUP)
    pressed = Update.de_json(factory.callback("done:1", message=api.sent()[0], user=ALICE), bot)
    assert pressed.callback_query is not None
    assert pressed.callback_query.message is not None
    assert pressed.callback_query.message.message_id == sent.message_id
    assert await pressed.callback_query.answer("OK")
    assert api.answers()[0]["text"] == "OK"


async def test_http_server_with_default_ptb_transport(api: FakeBotApi) -> None:
    factory = UpdateFactory()
    with BotApiServer(api) as server:
        with pytest.raises(urllib.error.HTTPError) as missing_token:
            await asyncio.to_thread(urllib.request.urlopen, f"{server.base_url}/getMe")
        missing_token.value.close()
        assert missing_token.value.code == 404

        async with Bot(TOKEN, base_url=server.base_url) as bot:
            assert bot.username == "relance_test_bot"
            await bot.send_message(chat_id=GROUP.id, text="42", reply_markup=MARKUP)
            await bot.send_document(GROUP.id, b"a;b\n", filename="actions.csv")

            api.push_update(factory.message("/aide", chat=GROUP, user=ALICE))
            updates = await bot.get_updates(timeout=1)
            assert [u.message.text for u in updates if u.message] == ["/aide"]
            assert await bot.get_updates(offset=updates[-1].update_id + 1) == ()

    [sent] = api.sent(GROUP.id)
    assert sent["text"] == "42"  # a string field stays a string
    assert sent["reply_markup"] == MARKUP.to_dict()
    document = api.calls_to("sendDocument")[0]["document"]
    assert document == UploadedFile("actions.csv", "text/csv", b"a;b\n")


async def test_application_polls_the_http_server(api: FakeBotApi) -> None:
    factory = UpdateFactory()

    async def aide(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("Aide de Relance")

    with BotApiServer(api) as server:
        app = ApplicationBuilder().token(TOKEN).base_url(server.base_url).build()
        app.add_handler(CommandHandler("aide", aide))
        async with app:
            assert app.updater is not None
            await app.updater.start_polling(poll_interval=0, timeout=1)
            await app.start()
            api.push_update(factory.message("/aide", chat=FakeChat.private(ALICE), user=ALICE))
            replied = await api.wait_for_async(
                lambda calls: any(c.method == "sendMessage" for c in calls), 5.0
            )
            await app.updater.stop()
            await app.stop()

    assert replied
    assert [m["text"] for m in api.sent(ALICE.id)] == ["Aide de Relance"]
    assert api.pending_updates() == []  # the Updater confirmed the update on stop


async def test_opt_in_rate_limit_answers_429_beyond_the_window(api: FakeBotApi, bot: Bot) -> None:
    now = [100.0]
    api.limit_rate(per_second=3, clock=lambda: now[0])

    for _ in range(3):
        await bot.send_message(chat_id=ALICE.id, text="Rappel")
    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(chat_id=ALICE.id, text="Rappel")
    assert raised.value.retry_after == timedelta(seconds=1)
    await bot.get_me()  # only sendMessage is limited
    now[0] = 100.999  # the window still holds the three
    status, body = api.handle("sendMessage", {"chat_id": ALICE.id, "text": "Rappel"})
    assert (status, body["parameters"]) == (429, {"retry_after": 1})
    assert body["description"] == "Too Many Requests: retry after 1"
    now[0] = 101.0  # a full second after them: room again, refused calls took none
    for _ in range(3):
        await bot.send_message(chat_id=ALICE.id, text="Rappel")

    record = api.rate_limit_record()
    assert record.admitted == [100.0] * 3 + [101.0] * 3
    assert record.refused == [100.0, 100.999]
    assert len(api.sent(ALICE.id)) == 6
    assert [c.status for c in api.calls if c.method == "sendMessage"].count(429) == 2
