"""What holds across every command: edits, errors, stray buttons, the menu, the update log."""

from __future__ import annotations

import logging

import pytest
from sqlmodel import select

from bot.app import publish_commands
from storage.models import Action
from tests.harness import COORDINATOR, FOCAL, GROUP, OUTSIDER, Harness


async def test_an_edited_command_is_not_run_again(cluster: Harness) -> None:
    await cluster.say("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)

    replies = await cluster.process(
        cluster.updates.edited_message(
            "/action Faire Y — OCHA — demain", chat=GROUP, user=COORDINATOR, message_id=1
        )
    )

    assert ["Je ne tiens pas compte des messages modifiés" in r["text"] for r in replies] == [True]
    with cluster.db.session() as session:
        assert [a.description for a in session.exec(select(Action)).all()] == ["Faire X"]


async def test_an_unexpected_error_gets_a_french_apology_and_writes_nothing(
    cluster: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import storage.actions

    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    # Between the action's row and its history line: what was written must be undone.
    monkeypatch.setattr(storage.actions, "add_all_to_cluster", broken)
    with caplog.at_level(logging.ERROR):
        replies = await cluster.send(
            "/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP
        )

    assert [r["text"] for r in replies] == [
        "Désolé, une erreur m'a empêché de répondre. Rien n'a été enregistré à moitié ; réessayez dans un instant."
    ]
    assert "disk on fire" in caplog.text
    with cluster.db.session() as session:
        # The action row was written before the failure: the transaction must have undone it.
        assert session.exec(select(Action)).all() == []


async def test_a_button_from_an_unknown_version_is_answered(cluster: Harness) -> None:
    [card] = await cluster.send("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)
    for data in ("zz:1", "a:d:notanumber:t", "a:q:1:t", "l:a:-1", ""):
        await cluster.process(cluster.updates.callback(data, message=card, user=FOCAL))
        assert cluster.api.calls[-1].method == "answerCallbackQuery", data


async def test_a_draft_button_without_an_exchange_says_it_expired(cluster: Harness) -> None:
    [card] = await cluster.send("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)
    await cluster.process(cluster.updates.callback("n:u:1", message=card, user=COORDINATOR))
    assert "n'est plus d'actualité" in cluster.last_answer()["text"]


async def test_the_command_menu_is_french_and_coordinator_commands_are_for_administrators(
    bot: Harness,
) -> None:
    await publish_commands(bot.app)

    everyone = [c["command"] for c in bot.api.commands()]
    admins = [c["command"] for c in bot.api.commands({"type": "all_chat_administrators"})]
    assert {"actions", "retards", "mesactions", "voir", "fait", "aide"} <= set(everyone)
    assert "action" not in everyone
    assert "inviter" not in everyone
    assert {"action", "inviter", "cluster", "annuler"} <= set(admins)
    assert all(c["description"] for c in bot.api.commands())


async def test_each_update_is_logged_once_without_its_text(
    cluster: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="relance.updates"):
        await cluster.send("/commenter 1 secret plan", user=FOCAL)
        await cluster.send("bonjour", user=OUTSIDER)

    lines = [r.getMessage() for r in caplog.records if r.name == "relance.updates"]
    assert len(lines) == 2
    assert "command /commenter" in lines[0]
    assert all("secret" not in line and "bonjour" not in line for line in lines)


async def test_commands_addressed_to_the_bot_by_name_work_in_groups(cluster: Harness) -> None:
    reply = await cluster.say("/aide@relance_test_bot", user=OUTSIDER, chat=GROUP)
    assert "Relance" in reply
