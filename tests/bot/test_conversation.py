"""Questions the bot waits for: saved in one codec, each answer finds its own question, and
a question in a group reaches the person it is for."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import select

from bot.conversation import (
    ActionDraft,
    Conversations,
    FieldEdit,
    ImportWait,
    LinkOwner,
    MeetingEdit,
    decode,
    encode,
)
from bot.importer import ImportDraft
from bot.resolve import NoteKind
from storage.db import Database, make_engine
from storage.migrate import upgrade
from storage.models import Action, DeadlinePrecision, OwnerKind, Question
from tests.conftest import invite
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    Harness,
    build_harness,
    buttons,
    private,
)

SAVED = json.loads(
    (Path(__file__).parents[1] / "fixtures" / "questions_saved_before_issue_8.json").read_text()
)


def actions(bot: Harness) -> list[Action]:
    with bot.db.session() as session:
        return list(session.exec(select(Action).order_by(Action.id)).all())  # type: ignore[arg-type]


def open_questions(bot: Harness) -> int:
    with bot.db.session() as session:
        return len(session.exec(select(Question)).all())


# --- The codec ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("draft_owner_choice", ActionDraft),
        ("draft_cluster_choice", ActionDraft),
        ("draft_undated", ActionDraft),
        ("draft_owner_buttons", ActionDraft),
        ("draft_meeting_deadline", ActionDraft),
        ("field_comment", FieldEdit),
        ("field_owners", FieldEdit),
        ("import_wait", ImportWait),
        ("meeting_date", MeetingEdit),
        ("meeting_agenda", MeetingEdit),
        ("link", LinkOwner),
        ("import", ImportDraft),
    ],
)
def test_questions_saved_by_the_earlier_encoder_still_load_and_round_trip(
    name: str, kind: type
) -> None:
    state = decode(SAVED[name])

    assert isinstance(state, kind)
    assert state is not None
    assert decode(encode(state)) == state


def test_a_saved_draft_keeps_every_piece_it_held() -> None:
    draft = decode(SAVED["draft_owner_choice"])

    assert isinstance(draft, ActionDraft)
    assert draft.cluster_ids == (1,)
    assert draft.description == "Faire la cartographie"
    assert draft.owners is not None
    assert [(o.kind, o.label, o.organisation_id) for o in draft.owners] == [
        (OwnerKind.ORGANISATION, "OCHA", 3)
    ]
    assert draft.unresolved == ["Gerson", "NRC"]
    assert [(c.kind, c.id, c.label, c.names) for c in draft.choices] == [
        ("member", 4, "Gerson Brandao (OCHA)", ("Gerson Brandao",)),
        ("member", 5, "Gerson Keita (NRC)", ("Gerson Keita", "G. Keita")),
    ]
    assert draft.deadline_text == "31 octobre"
    tied = decode(SAVED["draft_meeting_deadline"])
    assert isinstance(tied, ActionDraft)
    assert tied.deadline is not None
    assert tied.deadline.due_at == datetime(2016, 10, 26, 14, 30, tzinfo=UTC)
    assert tied.deadline.precision == DeadlinePrecision.MEETING
    assert tied.deadline.meeting_offset_days == 7


def test_import_notes_saved_as_french_sentences_become_codes() -> None:
    draft = decode(SAVED["import"])

    assert isinstance(draft, ImportDraft)
    assert [[n.kind for n in i.notes] for i in draft.items] == [
        [],
        [NoteKind.WRITTEN, NoteKind.WRITTEN],
        [NoteKind.NO_OWNER, NoteKind.NO_DEADLINE],
    ]
    assert draft.items[1].notes[0].text == "« Zorglub » inconnu : gardé tel quel"
    assert (draft.page, draft.fixing, draft.items[2].duplicate_of) == (1, 2, 7)


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"type": "nothing"},
        {"type": "field", "action_id": "x", "field": "comment"},
        {"type": "meeting", "cluster_id": 1, "field": "lieu"},
    ],
)
def test_a_payload_this_version_cannot_read_is_dropped(payload: dict[str, Any]) -> None:
    assert decode(payload) is None


def test_the_question_saved_before_the_upgrade_is_answered_after_it(
    empty_database_url: str,
) -> None:
    engine = make_engine(empty_database_url)
    upgrade(engine, "0005")
    asked = datetime(2016, 10, 20, 14, 0).isoformat(sep=" ")
    with engine.begin() as c:
        c.execute(
            sa.text(
                "INSERT INTO pending_input (chat_id, user_id, payload, updated_at) "
                "VALUES (101, 101, :payload, :at)"
            ),
            {"payload": json.dumps(SAVED["field_comment"]), "at": asked},
        )
    upgrade(engine)
    conversations = Conversations(Database(engine))

    [question] = conversations.open((101, 101), datetime(2016, 10, 20, 15, 0, tzinfo=UTC))

    assert question.state == FieldEdit(12, "comment")
    assert question.message_ids == ()


# --- Several questions open at once -------------------------------------------------------


async def test_two_actions_in_a_row_each_get_their_own_answer(cluster: Harness) -> None:
    [first] = await cluster.send(
        "/action Faire la cartographie — OCHA", user=COORDINATOR, chat=GROUP
    )
    [notice, second] = await cluster.send(
        "/action Rédiger la note — OCHA", user=COORDINATOR, chat=GROUP
    )
    assert "« Faire la cartographie » n'est pas enregistrée" in notice["text"]

    # Answered in the other order: each reply finds the question it replies to.
    await cluster.send("30 novembre", user=COORDINATOR, chat=GROUP, reply_to=second)
    await cluster.send("25 octobre", user=COORDINATOR, chat=GROUP, reply_to=first)

    stored = {a.description: a.due_at for a in actions(cluster)}
    assert stored == {
        "Rédiger la note": datetime(2016, 11, 30, 23, 59, 59, tzinfo=UTC),
        "Faire la cartographie": datetime(2016, 10, 25, 23, 59, 59, tzinfo=UTC),
    }
    assert open_questions(cluster) == 0


async def test_a_new_action_says_the_unfinished_one_is_not_stored_and_offers_it_back(
    cluster: Harness,
) -> None:
    chat = private(COORDINATOR)
    await cluster.send("/action Faire la cartographie — OCHA", user=COORDINATOR, chat=chat)

    notice, card = await cluster.send(
        "/action Rédiger la note — OCHA — demain", user=COORDINATOR, chat=chat
    )

    assert (
        "L'action « Faire la cartographie » n'est pas enregistrée : la reprendre ?"
        in notice["text"]
    )
    assert [label for label, _ in buttons(notice)] == ["↩️ La reprendre", "🗑 L'abandonner"]
    assert "Action enregistrée" in card["text"]
    [asked] = await cluster.press(notice, "La reprendre", user=COORDINATOR)
    assert "Quelle est l'échéance" in asked["text"]
    await cluster.send("25 octobre", user=COORDINATOR, chat=chat)
    assert sorted(a.description for a in actions(cluster)) == [
        "Faire la cartographie",
        "Rédiger la note",
    ]


async def test_an_unfinished_action_can_be_dropped_from_the_notice(cluster: Harness) -> None:
    chat = private(COORDINATOR)
    await cluster.send("/action Faire la cartographie — OCHA", user=COORDINATOR, chat=chat)
    notice, _ = await cluster.send(
        "/action Rédiger la note — OCHA — demain", user=COORDINATOR, chat=chat
    )

    await cluster.press(notice, "L'abandonner", user=COORDINATOR)

    assert (
        "Saisie abandonnée : l'action « Faire la cartographie »" in cluster.api.edits()[-1]["text"]
    )
    assert open_questions(cluster) == 0
    assert "Je n'attends pas de réponse" in await cluster.say(
        "25 octobre", user=COORDINATOR, chat=chat
    )
    assert [a.description for a in actions(cluster)] == ["Rédiger la note"]


async def test_a_plain_message_goes_to_the_latest_question_and_says_which(cluster: Harness) -> None:
    chat = private(COORDINATOR)
    await cluster.send("/action Rédiger la note — OCHA — demain", user=COORDINATOR, chat=chat)
    await cluster.send("/action Faire la cartographie — OCHA", user=COORDINATOR, chat=chat)
    await cluster.send("/commenter 1", user=COORDINATOR, chat=chat)

    which, card = await cluster.send("Validation attendue", user=COORDINATOR, chat=chat)

    assert (
        "Je prends ce message comme réponse à : votre commentaire sur l'action n° 1"
        in which["text"]
    )
    assert "Commentaire ajouté à l'action n° 1" in card["text"]
    # The guided action is still open, and now the only question: it takes the next answer.
    [stored] = await cluster.send("25 octobre", user=COORDINATOR, chat=chat)
    assert "Action enregistrée" in stored["text"]
    assert [a.description for a in actions(cluster)] == ["Rédiger la note", "Faire la cartographie"]


async def test_an_import_and_a_link_open_at_once_each_take_their_reply(cluster: Harness) -> None:
    [card] = await cluster.send(
        "/action Distribuer les kits — Zorglub — 31 octobre", user=COORDINATOR, chat=GROUP
    )
    [link] = await cluster.press(card, "Relier", user=COORDINATOR)
    [wait] = await cluster.send("/importer", user=COORDINATOR, chat=GROUP)

    [preview] = await cluster.send(
        "Réviser les chiffres — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP, reply_to=wait
    )
    [linked] = await cluster.send("DNDS", user=COORDINATOR, chat=GROUP, reply_to=link)

    assert "Import : 1 action" in preview["text"]
    assert "« Zorglub » est désormais relié à DNDS" in linked["text"]
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    assert [a.description for a in actions(cluster)] == [
        "Distribuer les kits",
        "Réviser les chiffres",
    ]


async def test_annuler_in_reply_to_a_question_drops_that_one_only(cluster: Harness) -> None:
    [first] = await cluster.send(
        "/action Faire la cartographie — OCHA", user=COORDINATOR, chat=GROUP
    )
    [_, second] = await cluster.send("/action Rédiger la note — OCHA", user=COORDINATOR, chat=GROUP)

    [dropped] = await cluster.send("/annuler", user=COORDINATOR, chat=GROUP, reply_to=first)
    await cluster.send("demain", user=COORDINATOR, chat=GROUP, reply_to=second)

    assert "Saisie abandonnée (l'action « Faire la cartographie »)" in dropped["text"]
    assert [a.description for a in actions(cluster)] == ["Rédiger la note"]


# --- In a group: the question reaches the person, and only their answer counts ------------


def _addressed_to(message: dict[str, Any], user_id: int) -> bool:
    return f'href="tg://user?id={user_id}"' in message["text"]


async def test_a_question_after_a_button_tap_names_the_tapper_and_opens_their_reply_box(
    cluster: Harness,
) -> None:
    [card] = await cluster.send(
        "/action Faire la cartographie — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP
    )

    [question] = await cluster.press(card, "Reporter", user=FOCAL)

    assert _addressed_to(question, FOCAL.id)
    assert question["reply_markup"] == {"force_reply": True, "selective": True}
    assert "Répondez à ce message" in question["text"]
    [updated] = await cluster.send("fin novembre", user=FOCAL, chat=GROUP, reply_to=question)
    assert "mercredi 30 novembre 2016" in updated["text"]


@pytest.mark.parametrize("label", ["OCHA", "Non, je donne une date"])
async def test_questions_that_follow_a_choice_in_the_guided_action_are_addressed(
    cluster: Harness, label: str
) -> None:
    body = (
        "Faire la cartographie"
        if label == "OCHA"
        else "Faire la cartographie — OCHA — prochainement"
    )
    [question] = await cluster.send(f"/action {body}", user=COORDINATOR, chat=GROUP)

    if label == "OCHA":  # an organisation is toggled on, then validated
        await cluster.press(question, label, user=COORDINATOR)
        label = "Valider"
    [ask] = await cluster.press(question, label, user=COORDINATOR)

    assert "Quelle est l'échéance" in ask["text"]
    assert _addressed_to(ask, COORDINATOR.id)
    assert ask["reply_markup"] == {"force_reply": True, "selective": True}
    await cluster.send("25 octobre", user=COORDINATOR, chat=GROUP, reply_to=ask)
    assert len(actions(cluster)) == 1


async def test_the_link_question_is_addressed_to_the_coordinator_who_tapped(
    cluster: Harness,
) -> None:
    [card] = await cluster.send(
        "/action Distribuer les kits — Zorglub — 31 octobre", user=COORDINATOR, chat=GROUP
    )

    [question] = await cluster.press(card, "Relier", user=COORDINATOR)

    assert _addressed_to(question, COORDINATOR.id)
    assert "« Zorglub » désigne quelle organisation" in question["text"]


async def test_a_reply_to_someone_elses_question_is_not_taken_as_theirs(cluster: Harness) -> None:
    await invite(cluster, "NRC", OTHER_FOCAL)
    [card] = await cluster.send(
        "/action Faire la cartographie — OCHA, NRC — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    [question] = await cluster.press(card, "Commenter", user=FOCAL)

    [refused] = await cluster.send(
        "Rien à signaler", user=OTHER_FOCAL, chat=GROUP, reply_to=question
    )

    assert "posée à quelqu'un d'autre" in refused["text"]
    await cluster.send("Rapport envoyé", user=FOCAL, chat=GROUP, reply_to=question)
    with cluster.db.session() as session:
        from storage.models import ActionEvent

        comments = [e.new_value for e in session.exec(select(ActionEvent)) if e.kind == "comment"]
    assert comments == ["Rapport envoyé"]


async def test_a_choice_offered_to_one_coordinator_cannot_be_made_by_another(
    cluster: Harness,
) -> None:
    other = type(COORDINATOR)(105, "Jean-Luc", "Diarra")
    cluster.api.set_chat_member_status(GROUP.id, other.id, "administrator")
    [question] = await cluster.send(
        "/action Faire X — OCHA — prochainement", user=COORDINATOR, chat=GROUP
    )

    await cluster.press(question, "Oui, sans date", user=other)

    assert "posée à quelqu'un d'autre" in cluster.last_answer()["text"]
    assert actions(cluster) == []


@pytest.mark.parametrize(
    ("command", "chat_is_group", "answered"),
    [
        ("/rapport", False, True),
        ("/rapport@relance_test_bot", True, True),
        ("/rapport", True, False),
        ("/rapport@autre_bot", True, False),
    ],
)
async def test_an_unknown_command_points_to_aide_when_it_is_meant_for_the_bot(
    cluster: Harness, command: str, chat_is_group: bool, answered: bool
) -> None:
    chat = GROUP if chat_is_group else private(FOCAL)
    replies = await cluster.send(command, user=FOCAL, chat=chat)

    if answered:
        [reply] = replies
        assert (
            reply["text"]
            == "Je ne connais pas la commande /rapport. /aide liste toutes les commandes."
        )
    else:
        assert replies == []


async def test_every_question_says_how_to_answer_it(cluster: Harness) -> None:
    in_private = await cluster.say("/action", user=COORDINATOR)
    [in_group] = await cluster.send("/action", user=COORDINATOR, chat=GROUP)

    assert in_private.endswith("<i>✍️ Écrivez votre réponse (ou /annuler pour abandonner).</i>")
    assert in_group["text"].endswith(
        "<i>↩️ Répondez à ce message (ou /annuler pour abandonner).</i>"
    )


async def test_questions_survive_a_restart_with_the_messages_that_ask_them(
    cluster: Harness,
) -> None:
    [first] = await cluster.send(
        "/action Faire la cartographie — OCHA", user=COORDINATOR, chat=GROUP
    )
    await cluster.send("/action Rédiger la note — OCHA", user=COORDINATOR, chat=GROUP)
    await cluster.app.shutdown()
    restarted = build_harness(cluster.db, start=cluster.clock.now())
    restarted.api.set_chat_member_status(GROUP.id, COORDINATOR.id, "administrator")
    await restarted.app.initialize()
    try:
        await restarted.send("25 octobre", user=COORDINATOR, chat=GROUP, reply_to=first)
    finally:
        await restarted.app.shutdown()
        await cluster.app.initialize()

    assert [a.description for a in actions(cluster)] == ["Faire la cartographie"]
