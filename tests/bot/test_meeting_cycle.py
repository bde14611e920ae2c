"""A whole meeting cycle, as a cluster lives it: the minutes of meeting 1 imported; a month
later the reminder of the day before with its review; the morning post; the review walked
through in the group by the coordinator and the focal points (one answer refused); a
decision, a vote and attendance; the next meeting set; /reunions and /suivi after it."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import docx
from sqlmodel import select

from storage.models import (
    Action,
    ActionEvent,
    Attendance,
    AttendanceSource,
    Decision,
    DecisionSource,
    Meeting,
    Status,
)
from storage.organisations import organisation_named
from tests.bot.test_importing import import_docx
from tests.bot.test_votes import open_poll
from tests.conftest import invite
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    Harness,
    buttons,
    private,
)


def minutes_of_october_18() -> bytes:
    document = docx.Document()
    document.add_paragraph("Compte rendu de la réunion du Cluster Protection")
    document.add_paragraph("Réunion du 18 octobre 2016, bureau OCHA")
    people = document.add_table(rows=3, cols=3)
    for row, cells in enumerate(
        [
            ("Nom et prénom", "Organisation", "Fonction"),
            ("Gerson Brandao", "OCHA", "Chargé des affaires humanitaires"),
            ("Hanan Talbi", "NRC", "Coordinatrice protection"),
        ]
    ):
        for column, text in enumerate(cells):
            people.cell(row, column).text = text
    rows = [
        ("Action", "Responsable", "Échéance"),
        ("Partager la cartographie des acteurs", "OCHA", "31 octobre 2016"),
        ("Mettre à jour la matrice 3W", "OCHA, NRC", "10 novembre 2016"),
        ("Relancer le bailleur sur le financement", "NRC", "4 novembre 2016"),
        ("Le cluster adopte les termes de référence du groupe de travail", "", ""),
    ]
    table = document.add_table(rows=len(rows), cols=3)
    for r, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.cell(r, column).text = text
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def stored(bot: Harness, model: Any) -> list[Any]:
    with bot.db.session() as session:
        return list(session.exec(select(model).order_by(model.id)).all())


def status(bot: Harness, action_id: int) -> Status:
    return next(Status(a.status) for a in stored(bot, Action) if a.id == action_id)


def texts(sent: list[dict[str, Any]]) -> list[str]:
    return [str(m.get("text", "")) for m in sent]


async def test_a_meeting_cycle_from_its_minutes_to_the_next_meeting(cluster: Harness) -> None:
    bot = cluster
    await invite(bot, "NRC", OTHER_FOCAL, "Hanan Talbi")

    # --- Meeting 1: its minutes imported (the clock is Thursday 20 October 2016) ---------
    preview = await import_docx(bot, minutes_of_october_18())
    assert "🗓 Réunion du mardi 18 octobre 2016" in preview["text"]
    await bot.press(preview, "Tout créer", user=COORDINATOR)
    [meeting_1] = stored(bot, Meeting)
    actions = stored(bot, Action)
    assert [(a.id, a.meeting_id) for a in actions] == [
        (1, meeting_1.id),
        (2, meeting_1.id),
        (3, meeting_1.id),
    ]
    [adopted] = stored(bot, Decision)
    assert adopted.meeting_id == meeting_1.id
    assert adopted.source == DecisionSource.MINUTES
    assert {(a.name, a.meeting_id) for a in stored(bot, Attendance)} == {
        ("Gerson Brandao", meeting_1.id),
        ("Hanan Talbi", meeting_1.id),
    }
    card = await bot.say("/voir 1", user=FOCAL, chat=GROUP)
    assert "Issue de la réunion du 18 octobre 2016" in card

    # Meeting 2 is set; action 3 is done in the chat before it.
    await bot.send("/reunion 15 novembre 10h salle OCHA", user=COORDINATOR, chat=GROUP)
    await bot.send("/fait 3", user=OTHER_FOCAL, chat=GROUP)

    # --- The day before: each member's reminder carries the review and opens it ---------
    bot.clock.current = datetime(2016, 11, 14, 8, 0, tzinfo=UTC)
    bot.api.clear()
    await bot.sweep()
    [reminder] = [m for m in bot.api.sent(FOCAL.id) if "Réunion demain" in str(m.get("text", ""))]
    assert "Voir le suivi" in " ".join(label for label, _ in buttons(reminder))
    opened = await bot.press(reminder, "Voir le suivi", user=FOCAL)
    follow_up = "\n".join(texts(opened))
    assert "Pour OCHA" in follow_up
    assert "n° 1</b>" in follow_up
    assert "n° 3</b>" not in follow_up  # done: nothing to review

    # --- The meeting's morning: the review is posted once in the group ------------------
    bot.clock.current = datetime(2016, 11, 15, 8, 0, tzinfo=UTC)
    bot.api.clear()
    await bot.sweep()
    await bot.sweep()
    [post] = [m for m in bot.api.sent(GROUP.id) if "Ordre du jour" in str(m.get("text", ""))]
    assert "Réunion du 18 octobre 2016" in post["text"]
    labels = [label for label, _ in buttons(post)]
    assert labels == ["✋ Présent(e)", "▶️ Commencer la revue"]

    # Attendance: Gerson taps; the coordinator marks NRC present and HCR excused.
    bot.clock.current = datetime(2016, 11, 15, 10, 5, tzinfo=UTC)
    await bot.press(post, "Présent(e)", user=FOCAL)
    await bot.send("/present NRC", user=COORDINATOR, chat=GROUP)
    await bot.send("/excuse HCR", user=COORDINATOR, chat=GROUP)
    [meeting_1, meeting_2] = stored(bot, Meeting)
    today = [a for a in stored(bot, Attendance) if a.meeting_id == meeting_2.id]
    assert any(a.source == AttendanceSource.SELF and a.name == "Gerson Brandao" for a in today)
    with bot.db.session() as session:
        nrc, hcr = (organisation_named(session=session, name=n) for n in ("NRC", "HCR"))
    assert nrc is not None
    assert hcr is not None
    marked = {(a.organisation_id, a.status) for a in today}
    assert (nrc.id, "present") in marked
    assert (hcr.id, "excused") in marked

    # --- The review, walked through in the group ----------------------------------------
    started = await bot.press(post, "Commencer la revue", user=COORDINATOR)
    item_1 = started[-1]
    assert "Point 1/3" in item_1["text"]
    assert "n° 1" in item_1["text"]
    [item_2] = await bot.press(item_1, "Fait", user=FOCAL)  # OCHA answers for its action
    assert status(bot, 1) == Status.DONE
    assert (
        "Signalé fait par Gerson Brandao à la réunion du 15 novembre" in bot.current(item_1)["text"]
    )

    # The shared action, owner by owner: OCHA's part, then NRC's.
    assert "Part de : OCHA" in item_2["text"]
    [item_3] = await bot.press(item_2, "Fait", user=FOCAL)
    assert status(bot, 2) == Status.IN_PROGRESS
    assert "Part de : NRC" in item_3["text"]
    assert await bot.press(item_3, "Fait", user=FOCAL) == []  # not OCHA's part: refused
    assert bot.last_answer()["show_alert"] is True
    assert status(bot, 2) == Status.IN_PROGRESS
    [question] = await bot.press(item_3, "Reporter", user=OTHER_FOCAL)
    summary = await bot.send("30 novembre", user=OTHER_FOCAL, chat=GROUP, reply_to=question)
    text = "\n".join(texts(summary))
    assert "Fait" in text
    assert "n° 1" in text
    assert "Gerson Brandao" in text
    assert "Hanan Talbi" in text
    # Said at meeting 2, and kept so.
    events = [e for e in stored(bot, ActionEvent) if e.meeting_id == meeting_2.id]
    assert {(e.action_id, e.kind) for e in events} >= {
        (1, "status"),
        (2, "status"),
        (2, "deadline"),
    }
    history = await bot.say("/voir 1", user=FOCAL, chat=GROUP)
    assert "à la réunion du 15 novembre" in history

    # --- A decision and a vote of meeting 2 ----------------------------------------------
    recorded = await bot.say(
        "/decision Le cluster valide le plan de contingence", user=COORDINATOR, chat=GROUP
    )
    assert "Décision D2" in recorded
    poll = await open_poll(
        bot, "/vote Quel thème pour l'atelier ? — VBG — Documentation civile — Logement"
    )
    bot.api.vote(GROUP.id, poll["message_id"], [4, 2, 1], voters=7)
    await bot.press(poll, "Clore", user=COORDINATOR)
    decisions = stored(bot, Decision)
    assert [(d.meeting_id, d.source) for d in decisions] == [
        (meeting_1.id, DecisionSource.MINUTES),
        (meeting_2.id, DecisionSource.TYPED),
        (meeting_2.id, DecisionSource.VOTE),
    ]
    assert "VBG : 4" in decisions[2].text

    # --- The next meeting: meeting 2 is kept as held -------------------------------------
    bot.clock.current = datetime(2016, 11, 16, 9, 0, tzinfo=UTC)
    await bot.send("/reunion 13 décembre 10h", user=COORDINATOR, chat=GROUP)
    listing = await bot.say("/reunions", user=FOCAL, chat=GROUP)
    assert listing.index("13 décembre 2016") < listing.index("15 novembre 2016")
    assert listing.index("15 novembre 2016") < listing.index("18 octobre 2016")
    assert "à venir" in listing
    assert "2 action(s) mise(s) à jour en réunion · 2 décision(s) · 2 participant(s)" in listing
    assert "3 actions créées · 2 faite(s) depuis · 1 encore ouverte(s)" in listing
    minutes_listing = await bot.say("/decisions", user=FOCAL, chat=GROUP)
    assert minutes_listing.index("Réunion du 15 novembre 2016") < minutes_listing.index(
        "Réunion du 18 octobre 2016"
    )

    followed = "\n".join(texts(await bot.send("/suivi", user=FOCAL, chat=GROUP)))
    assert "Depuis la dernière réunion (15 novembre 2016) : 1 faite" in followed
    assert "n° 2</b>" in followed
    assert "n° 1</b>" not in followed

    roster = await bot.say("/membres", user=COORDINATOR, chat=GROUP)
    assert "présent aux réunions du 18 octobre et du 15 novembre" in roster


async def test_the_private_chat_of_a_stranger_gets_no_follow_up(cluster: Harness) -> None:
    answer = "\n".join(
        texts(await cluster.send("/suivi", user=OTHER_FOCAL, chat=private(OTHER_FOCAL)))
    )
    assert "cluster" in answer
