"""What fuzzing the handlers found: each case as the person met it, and what they get now."""

from __future__ import annotations

import html
import io
import re

import docx
import pytest
from sqlmodel import select

from storage.meetings import next_meeting
from storage.models import Action, ActionEvent, ActionOwner, EventKind, Meeting
from tests.bot.test_importing import import_docx
from tests.conftest import invite
from tests.fakes.updates import FakeUser
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, buttons, private

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ANONYMOUS = FakeUser(1087968824, "Group", username="GroupAnonymousBot")
LONG_OWNERS = ", ".join(
    f"Direction régionale du développement social du cercle {n}" for n in range(1, 11)
)


def visible(text: str) -> int:
    """The length Telegram counts: after the HTML is parsed."""
    return len(html.unescape(re.sub(r"<[^>]+>", "", text)))


def stored_actions(bot: Harness) -> list[Action]:
    with bot.db.session() as session:
        return list(session.exec(select(Action).order_by(Action.id)).all())  # type: ignore[arg-type]


async def test_a_list_of_actions_with_many_long_owners_fits_in_one_message(
    cluster: Harness,
) -> None:
    for n in range(1, 11):
        await cluster.send(
            f"/action Recenser les PDI du cercle {n} — {LONG_OWNERS} — 30 novembre",
            user=COORDINATOR,
            chat=GROUP,
        )
    [listing] = await cluster.send("/actions", user=COORDINATOR, chat=GROUP)
    assert "Actions ouvertes" in listing["text"]
    assert visible(listing["text"]) <= 4096
    assert "autre(s)" in listing["text"]
    with cluster.db.session() as session:
        assert len(session.exec(select(ActionOwner).where(ActionOwner.action_id == 1)).all()) == 10


async def test_a_long_guided_action_gets_its_card_and_is_stored_once(cluster: Harness) -> None:
    me = private(COORDINATOR)
    await cluster.send("/action", user=COORDINATOR, chat=me)
    await cluster.send("Description détaillée du suivi. " * 93, user=COORDINATOR, chat=me)
    await cluster.send(
        LONG_OWNERS + ", " + LONG_OWNERS.replace("cercle", "commune"), user=COORDINATOR, chat=me
    )
    [card] = await cluster.send("30 novembre", user=COORDINATOR, chat=me)
    assert "Action enregistrée" in card["text"]
    assert visible(card["text"]) <= 4096
    [again] = await cluster.send("/voir 1", user=COORDINATOR, chat=me)
    assert "Action n° 1" in again["text"]
    assert [a.id for a in stored_actions(cluster)] == [1]


async def test_a_long_pasted_table_is_previewed_over_several_pages(cluster: Harness) -> None:
    owner = "Direction régionale du développement social et de l'économie solidaire " * 4
    table = "Description\tResponsable\tEchéance\n" + "".join(
        f"Action numéro {n} à suivre\t{owner}\tdemain\n" for n in range(1, 11)
    )
    [question] = await cluster.send("/importer", user=COORDINATOR, chat=GROUP)
    [preview] = await cluster.send(table, user=COORDINATOR, chat=GROUP, reply_to=question)
    assert "Import : 10 actions" in preview["text"]
    assert visible(preview["text"]) <= 4096
    assert "Page 1/" in preview["text"]
    assert "Page 1/1" not in preview["text"]
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    assert len(stored_actions(cluster)) == 10


async def test_choices_made_with_buttons_survive_the_question_being_asked_again(
    cluster: Harness,
) -> None:
    await invite(cluster, "NRC", FakeUser(205, "Ali", "Maïga"))
    [first] = await cluster.send("/action Distribuer les kits", user=COORDINATOR, chat=GROUP)
    first = cluster.current(first)
    await cluster.press(first, "OCHA", user=COORDINATOR)
    await invite(cluster, "ACF", FakeUser(206, "Fanta", "Coulibaly"))
    sent = await cluster.send("/action Autre chose", user=COORDINATOR, chat=GROUP)
    [offer] = [m for m in sent if "Distribuer les kits" in m["text"]]
    replies = await cluster.press(offer, buttons(offer)[0][0], user=COORDINATOR)
    again = replies[-1]
    assert any("✅ OCHA" in label for label, _ in buttons(again))
    # The older message's buttons are in another order: a tap there is refused, not misread.
    await cluster.press(first, "NRC", user=COORDINATOR)
    assert "a changé" in cluster.last_answer()["text"]
    [ask] = await cluster.press(again, "Valider", user=COORDINATOR)
    [card] = await cluster.send("30 novembre", user=COORDINATOR, chat=GROUP, reply_to=ask)
    assert "Responsables : OCHA" in card["text"]


async def test_a_reply_to_an_answered_question_is_not_taken_for_another(cluster: Harness) -> None:
    await cluster.say(
        "/action Faire la cartographie — OCHA — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    await cluster.say("/action Rédiger la note — OCHA — 26 octobre", user=COORDINATOR, chat=GROUP)
    me = private(FOCAL)
    [ask_deadline] = await cluster.send("/reporter 1", user=FOCAL, chat=me)
    await cluster.send("30 octobre", user=FOCAL, chat=me, reply_to=ask_deadline)
    await cluster.send("/commenter 2", user=FOCAL, chat=me)

    [answer] = await cluster.send(
        "non, plutôt le 31 octobre", user=FOCAL, chat=me, reply_to=ask_deadline
    )

    assert "n'attend plus de réponse" in answer["text"]
    assert "commentaire" in answer["text"].lower()
    with cluster.db.session() as session:
        comments = session.exec(select(ActionEvent).where(ActionEvent.kind == EventKind.COMMENT))
        assert comments.all() == []
    # The open question still takes its answer.
    [done] = await cluster.send("Bien avancé", user=FOCAL, chat=me)
    assert "Commentaire ajouté à l'action n° 2" in done["text"]


async def test_numbers_that_are_not_plain_digits_get_the_usage(cluster: Harness) -> None:
    await cluster.say("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)
    for text in ("/fait ²", "/voir ①", "/annuler ³", "/reporter ² demain"):
        [answer] = await cluster.send(text, user=COORDINATOR, chat=GROUP)
        assert "Désolé" not in answer["text"], text
        assert "/" in answer["text"], text  # says what to type


async def test_an_anonymous_administrator_logs_an_action_with_buttons(cluster: Harness) -> None:
    update = cluster.updates.message("/action Faire la cartographie", chat=GROUP, user=ANONYMOUS)
    update["message"]["sender_chat"] = {"id": GROUP.id, "type": "supergroup", "title": GROUP.title}
    [question] = await cluster.process(update)
    assert "GroupAnonymousBot" not in question["text"]
    assert "Administrateurs anonymes" in question["text"]

    # Telegram shows the real account behind the press.
    await cluster.press(question, "OCHA", user=COORDINATOR)
    replies = await cluster.press(cluster.current(question), "Valider", user=COORDINATOR)
    deadline_question = replies[-1]
    assert "échéance" in deadline_question["text"]
    answer = cluster.updates.message(
        "30 novembre", chat=GROUP, user=ANONYMOUS, reply_to=deadline_question
    )
    answer["message"]["sender_chat"] = {"id": GROUP.id, "type": "supergroup", "title": GROUP.title}
    [card] = await cluster.process(answer)
    assert "Responsables : OCHA" in card["text"]


async def test_an_outsider_cannot_answer_an_anonymous_administrators_question(
    cluster: Harness,
) -> None:
    update = cluster.updates.message("/action Faire la cartographie", chat=GROUP, user=ANONYMOUS)
    update["message"]["sender_chat"] = {"id": GROUP.id, "type": "supergroup", "title": GROUP.title}
    [question] = await cluster.process(update)
    await cluster.press(question, "OCHA", user=FOCAL)
    assert "quelqu'un d'autre" in cluster.last_answer()["text"]


async def test_a_refusal_shows_names_as_typed_not_as_html(cluster: Harness) -> None:
    [card] = await cluster.send(
        "/action Vérifier les chiffres — Comité <Nord> — demain", user=COORDINATOR, chat=GROUP
    )
    await cluster.press(card, "Fait", user=FOCAL)
    alert = cluster.last_answer()["text"]
    assert "Comité <Nord>" in alert
    assert "&lt;" not in alert


async def test_forged_buttons_are_answered_without_an_error(cluster: Harness) -> None:
    [card] = await cluster.send("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)
    for data in (
        "a:d:99999999999999999999:t",
        "e:x:99999999999999999999",
        "l:a:99999999999999999999",
        "m:d:99999999999999999999",
    ):
        before = len(cluster.api.answers())
        await cluster.process(cluster.updates.callback(data, message=card, user=COORDINATOR))
        answers = cluster.api.answers()[before:]
        assert len(answers) == 1, data
        assert "Désolé" not in answers[0].get("text", ""), data


async def test_unknown_buttons_on_a_preview_are_answered(cluster: Harness) -> None:
    [question] = await cluster.send("/importer", user=COORDINATOR, chat=GROUP)
    [preview] = await cluster.send(
        "Description\tResponsable\tEchéance\nFaire X\tOCHA\tdemain\n",
        user=COORDINATOR,
        chat=GROUP,
        reply_to=question,
    )
    for data in ("i:z:0", "i:p:-1"):
        before = len(cluster.api.answers())
        await cluster.process(
            cluster.updates.callback(data, message=cluster.current(preview), user=COORDINATOR)
        )
        assert len(cluster.api.answers()[before:]) == 1, data


def _minutes(rows: list[tuple[str, str, str]], closing: str = "") -> bytes:
    document = docx.Document()
    document.add_paragraph("Compte rendu de la réunion du 3 octobre 2016")
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(
        table.rows[0].cells, ("Description", "Responsable", "Echéance"), strict=True
    ):
        cell.text = title
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    if closing:
        document.add_paragraph(closing)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def test_a_next_meeting_already_past_is_not_offered(cluster: Harness) -> None:
    data = _minutes(
        [("Faire X", "OCHA", "31 octobre")],
        "Prochaine réunion : le 10 octobre 2016 à 10h.",
    )
    preview = await import_docx(cluster, data)
    assert not any("Prochaine réunion" in label for label, _ in buttons(preview))
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    with cluster.db.session() as session:
        # The meeting of the minutes is kept as held; none is the next one.
        [held] = session.exec(select(Meeting)).all()
        assert held.starts_at.date().isoformat() == "2016-10-03"
        assert next_meeting(session=session, cluster_id=1, now=cluster.clock.now()) is None


async def test_an_imported_decision_without_owner_goes_to_the_coordination(
    cluster: Harness,
) -> None:
    long = "Un très long paragraphe du compte rendu qui raconte la discussion. " * 70
    preview = await import_docx(cluster, _minutes([(long, "", "31 octobre")]))
    assert "coordination du cluster" in preview["text"]
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    [action] = stored_actions(cluster)
    assert len(action.description) <= 4000
    [card] = await cluster.send("/voir 1", user=COORDINATOR, chat=GROUP)
    assert "Coordination du cluster" in card["text"]
    with cluster.db.session() as session:
        [comment] = session.exec(
            select(ActionEvent).where(ActionEvent.kind == EventKind.COMMENT)
        ).all()
    assert "raconte la discussion" in (comment.new_value or "")


async def test_a_file_telegram_will_not_hand_over_gets_a_clear_answer(cluster: Harness) -> None:
    await cluster.send("/importer", user=COORDINATOR, chat=private(COORDINATOR))
    update = cluster.updates.document(
        chat=private(COORDINATOR),
        user=COORDINATOR,
        file_name="cr.docx",
        mime_type=DOCX,
        file_size=100,
        file_id="MISSING",
    )
    [answer] = await cluster.process(update)
    assert "pas pu récupérer ce fichier" in answer["text"]


async def test_a_typed_status_that_keeps_losing_to_changes_made_at_once_says_so(
    cluster: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every write of /bloque finds the status moved since it was read (other presses at the
    same instant, in other chats): after its retries, the person is told, with the card as
    it stands, and nothing of theirs is recorded."""
    import storage.actions

    await cluster.send("/action Faire X — OCHA — demain", user=COORDINATOR, chat=GROUP)
    monkeypatch.setattr(storage.actions, "_compare_and_set", lambda *_args: False)

    [reply] = await cluster.send("/bloque 1", user=COORDINATOR, chat=GROUP)

    assert reply["text"].startswith(
        "L'action n° 1 a été modifiée au même moment par quelqu'un d'autre (elle est "
        "maintenant « À faire ») : rien n'a été changé."
    )
    assert "<b>Action n° 1</b>" in reply["text"]
    with cluster.db.session() as session:
        events = session.exec(select(ActionEvent).where(ActionEvent.kind == EventKind.STATUS))
        assert events.all() == []
