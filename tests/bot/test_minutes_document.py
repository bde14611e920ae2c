"""/compte_rendu and the end of a review: the meeting's minutes as a Word document, read back
with python-docx, and imported again with /importer without doubling anything."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest
from docx.document import Document as DocxDocument
from sqlmodel import select

from storage.models import Action, Attendance, Decision
from tests.bot.test_importing import DOCX, send_file
from tests.conftest import invite
from tests.fakes.botapi import UploadedFile
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OUTSIDER,
    Harness,
    private,
)

FOLLOW_UP = "Suivi des recommandations de la réunion précédente"


def documents(bot: Harness) -> list[tuple[int, UploadedFile, str]]:
    """Every file the bot sent: the chat, the file, its caption."""
    found = []
    for call in bot.api.calls:
        if call.method == "sendDocument" and call.ok:
            document = call.params["document"]
            assert isinstance(document, UploadedFile)
            found.append((int(call.params["chat_id"]), document, call.params.get("caption", "")))
    return found


def opened(file: UploadedFile) -> DocxDocument:
    return docx.Document(io.BytesIO(file.content))


def paragraphs(document: DocxDocument) -> list[str]:
    return [p.text for p in document.paragraphs if p.text.strip()]


def tables(document: DocxDocument) -> dict[str, list[list[str]]]:
    """Each table by its first header cell's column set: participants, follow-up, actions."""
    found: dict[str, list[list[str]]] = {}
    for table in document.tables:
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        key = {"Organisation": "participants", "N°": "?"}[rows[0][0]]
        if key == "?":
            key = "follow_up" if rows[0][1] == "Action" else "actions"
        found[key] = rows
    return found


async def log(bot: Harness, text: str, user: Any = COORDINATOR) -> None:
    await bot.send(f"/action {text}", user=user, chat=GROUP)


@pytest.fixture
async def meeting(cluster: Harness) -> Harness:
    """Three actions logged on 20 October 2016; the meeting on the 25th at 16h at OCHA's,
    with its agenda, its attendance and a decision, is under way (16h05). Action 2 is shared
    by OCHA (Gerson's) and NRC (Hanan's)."""
    bot = cluster
    await invite(bot, "NRC", OTHER_FOCAL, "Hanan Talbi")
    await log(bot, "Partager la carte des acteurs — OCHA — 24 octobre")
    await log(bot, "Mettre à jour la matrice 3W — OCHA, NRC — 30 octobre")
    await log(bot, "Relancer le bailleur — NRC — 30 novembre")
    bot.clock.advance(days=5)
    await bot.send("/reunion 25 octobre 16h bureau d'OCHA", user=COORDINATOR, chat=GROUP)
    agenda = "/ordre_du_jour 1. Suivi des actions\n2. Plan de contingence"
    await bot.send(agenda, user=COORDINATOR, chat=GROUP)
    bot.clock.advance(hours=1, minutes=35)
    await bot.send("/present NRC", user=COORDINATOR, chat=GROUP)
    await bot.send("/excuse UNICEF", user=COORDINATOR, chat=GROUP)
    [opening] = await bot.send("/presences", user=FOCAL, chat=GROUP)
    await bot.press(opening, "Présent", user=FOCAL)
    await bot.send(
        "/decision Le cluster valide le plan de contingence", user=COORDINATOR, chat=GROUP
    )
    await log(bot, "Diffuser le plan de contingence — NRC — 15 novembre")
    bot.api.clear()
    return bot


async def walk_review(bot: Harness) -> None:
    """Fait for action 1, OCHA's part of 2 done, NRC's commented, then Terminer."""
    sent = await bot.send("/revue", user=COORDINATOR, chat=GROUP)
    [second] = await bot.press(sent[-1], "Fait", user=COORDINATOR)
    [third] = await bot.press(second, "Fait", user=FOCAL)
    [question] = await bot.press(third, "Commenter", user=OTHER_FOCAL)
    [fourth] = await bot.send(
        "Données reçues de 3 partenaires", user=OTHER_FOCAL, chat=GROUP, reply_to=question
    )
    assert "Point 4/4" in fourth["text"]
    await bot.press(fourth, "Terminer", user=COORDINATOR)


async def test_the_coordinator_who_ends_a_review_receives_the_minutes(meeting: Harness) -> None:
    bot = meeting
    await walk_review(bot)

    [(chat_id, file, caption)] = documents(bot)
    assert chat_id == COORDINATOR.id  # privately
    assert file.file_name == "CR_CP_2016-10-25.docx"
    assert "Compte rendu de la réunion du 25 octobre 2016" in caption
    assert "2 participants · 3 actions suivies · 1 décision · 1 nouvelle action" in caption
    document = opened(file)
    text = paragraphs(document)
    assert text[:4] == [
        "Compte rendu de la réunion du Cluster Protection (CP)",
        "Date : mardi 25 octobre 2016",
        "Heure : 16h00",
        "Lieu : bureau d'OCHA",
    ]
    assert "Excusés : UNICEF" in text
    assert text[text.index("Ordre du jour") + 1 : text.index("Ordre du jour") + 3] == [
        "1. Suivi des actions",
        "2. Plan de contingence",
    ]
    assert text[text.index("Décisions") + 1] == "Le cluster valide le plan de contingence"
    found = tables(document)
    assert found["participants"] == [
        ["Organisation", "Nom", "Fonction"],
        ["NRC", "", ""],
        ["OCHA", "Gerson Brandao", ""],
    ]
    assert found["follow_up"] == [
        ["N°", "Action", "Responsable(s)", "Échéance", "Statut", "Commentaire"],
        ["1", "Partager la carte des acteurs", "OCHA", "24 octobre 2016", "Fait", ""],
        [
            "2",
            "Mettre à jour la matrice 3W",
            "OCHA, NRC",
            "30 octobre 2016",
            "En cours\nOCHA : fait\nNRC : à faire",
            "NRC : Données reçues de 3 partenaires",
        ],
        ["3", "Relancer le bailleur", "NRC", "30 novembre 2016", "À faire", ""],
    ]
    assert found["actions"] == [
        ["N°", "Description", "Responsable(s)", "Échéance"],
        ["4", "Diffuser le plan de contingence", "NRC", "15 novembre 2016"],
    ]
    assert not any("prochaine réunion" in line for line in text)  # none set yet


async def test_the_minutes_say_what_was_reported_at_the_meeting_not_what_changed_since(
    meeting: Harness,
) -> None:
    bot = meeting
    await walk_review(bot)
    bot.clock.advance(days=1)
    await bot.send("/fait 3", user=OTHER_FOCAL, chat=GROUP)
    await bot.send("/reporter 4 fin novembre", user=COORDINATOR, chat=GROUP)
    await bot.send("/commenter 1 Carte publiée sur le site", user=FOCAL, chat=GROUP)
    await bot.send("/reunion 22 novembre 10h bureau du PNUD", user=COORDINATOR, chat=GROUP)
    bot.api.clear()

    await bot.send("/cr", user=COORDINATOR, chat=GROUP)

    [(chat_id, file, _)] = documents(bot)
    assert chat_id == GROUP.id
    document = opened(file)
    follow_up = tables(document)["follow_up"]
    assert [row[4] for row in follow_up[1:]] == [
        "Fait",
        "En cours\nOCHA : fait\nNRC : à faire",
        "À faire",
    ]
    assert follow_up[1][5] == ""  # the comment came after the meeting
    assert tables(document)["actions"][1][3] == "15 novembre 2016"
    assert paragraphs(document)[-2] == (
        "La prochaine réunion aura lieu le mardi 22 novembre 2016 à 10h00, bureau du PNUD."
    )
    # The next meeting's minutes, asked by day, are another matter: not held yet.
    [answer] = await bot.send("/compte_rendu 22 novembre", user=COORDINATOR, chat=GROUP)
    assert "Le mardi 22 novembre 2016 n'est pas encore passé" in answer["text"]
    assert "25 octobre 2016" in answer["text"]


async def test_minutes_sent_back_with_importer_double_nothing(meeting: Harness) -> None:
    bot = meeting
    await walk_review(bot)
    [(_, file, _)] = documents(bot)
    with bot.db.session() as session:
        before = (
            len(session.exec(select(Action)).all()),
            len(session.exec(select(Decision)).all()),
            len(session.exec(select(Attendance)).all()),
        )

    await bot.send("/importer", user=COORDINATOR, chat=private(COORDINATOR))
    [preview] = await send_file(bot, file.content, file.file_name, DOCX)

    text = preview["text"]
    assert "mardi 25 octobre 2016" in text  # the meeting's day, read from the header
    for number in (1, 2, 3, 4):
        assert f"déjà enregistrée (n° {number})" in text
    assert "4 déjà enregistrée(s), non recréée(s)" in text
    await bot.press(preview, "Tout créer", user=COORDINATOR)
    result = bot.api.edits()[-1]["text"]
    assert "4 doublon(s) ignoré(s)." in result
    assert "1 décision(s) déjà enregistrée(s)" in result
    with bot.db.session() as session:
        after = (
            len(session.exec(select(Action)).all()),
            len(session.exec(select(Decision)).all()),
            len(session.exec(select(Attendance)).all()),
        )
    assert after == before


async def test_only_the_clusters_coordinators_get_the_minutes(meeting: Harness) -> None:
    bot = meeting
    for user, chat in ((FOCAL, GROUP), (OUTSIDER, GROUP), (OUTSIDER, private(OUTSIDER))):
        [answer] = await bot.send("/compte_rendu", user=user, chat=chat)
        assert "coordinateurs" in answer["text"] or "Demandez un lien" in answer["text"]
    assert documents(bot) == []

    # In private, a coordinator of one cluster asks by day.
    await bot.send("/cr 25 octobre", user=COORDINATOR, chat=private(COORDINATOR))
    [(chat_id, file, _)] = documents(bot)
    assert chat_id == COORDINATOR.id
    assert "Date : mardi 25 octobre 2016" in paragraphs(opened(file))


async def test_a_day_without_a_meeting_or_a_meeting_without_anything_gets_a_french_answer(
    cluster: Harness,
) -> None:
    bot = cluster
    [none] = await bot.send("/compte_rendu", user=COORDINATOR, chat=GROUP)
    assert "n'a encore tenu aucune réunion" in none["text"]

    await bot.send("/reunion 21 octobre 10h", user=COORDINATOR, chat=GROUP)
    bot.clock.advance(days=1)  # the 21st at 14h30: held, but nothing was recorded at it
    [empty] = await bot.send("/compte_rendu", user=COORDINATOR, chat=GROUP)
    assert "Rien à mettre au compte rendu de la réunion du 21 octobre 2016" in empty["text"]

    [other_day] = await bot.send("/compte_rendu 3 octobre", user=COORDINATOR, chat=GROUP)
    assert "Aucune réunion tenue le lundi 3 octobre 2016" in other_day["text"]
    assert "21 octobre 2016" in other_day["text"]

    # A weekday's name is the last one gone by, when a meeting was held on it; else the
    # coming one, said to be still to come.
    [coming] = await bot.send("/compte_rendu jeudi", user=COORDINATOR, chat=GROUP)
    assert "Le jeudi 27 octobre 2016 n'est pas encore passé" in coming["text"]

    [bad] = await bot.send("/compte_rendu n'importe quoi", user=COORDINATOR, chat=GROUP)
    assert "comme le jour d'une réunion" in bad["text"]
    assert "/compte_rendu 21 octobre" in bad["text"]
    assert documents(bot) == []


async def test_a_coordinator_the_bot_cannot_write_to_gets_the_minutes_in_the_group(
    meeting: Harness,
) -> None:
    bot = meeting
    bot.api.block_user(COORDINATOR.id)
    await walk_review(bot)

    [(chat_id, file, caption)] = documents(bot)
    assert chat_id == GROUP.id
    assert "Envoyez-moi /start" in caption
    assert tables(opened(file))["actions"][1][0] == "4"


async def test_a_review_ended_on_its_last_item_sends_the_minutes_to_who_started_it(
    meeting: Harness,
) -> None:
    bot = meeting
    sent = await bot.send("/revue", user=COORDINATOR, chat=GROUP)
    [second] = await bot.press(sent[-1], "Fait", user=COORDINATOR)
    [third] = await bot.press(second, "Fait", user=FOCAL)
    [fourth] = await bot.press(third, "En cours", user=OTHER_FOCAL)
    await bot.press(fourth, "Fait", user=OTHER_FOCAL)  # the last item: the review ends

    [(chat_id, file, _)] = documents(bot)
    assert chat_id == COORDINATOR.id  # not the focal point who answered last
    statuses = [row[4].split("\n")[0] for row in tables(opened(file))["follow_up"][1:]]
    assert statuses == ["Fait", "En cours", "Fait"]


async def test_a_meeting_without_a_review_reports_what_was_open_when_it_began(
    cluster: Harness,
) -> None:
    bot = cluster
    await log(bot, "Partager la carte des acteurs — OCHA — 24 octobre")
    await log(bot, "Mettre à jour la matrice 3W — OCHA — 30 octobre")
    await log(bot, "Relancer le bailleur — OCHA — 30 novembre")
    await bot.send("/fait 1", user=FOCAL, chat=GROUP)  # done before the meeting
    await bot.send("/reunion 25 octobre 10h", user=COORDINATOR, chat=GROUP)
    bot.clock.current = bot.clock.current.replace(day=25, hour=11)
    await bot.send("/fait 2", user=FOCAL, chat=GROUP)  # said during the meeting
    await bot.send("/reporter 3 fin décembre", user=FOCAL, chat=GROUP)
    bot.clock.advance(days=1)
    await bot.send("/fait 3", user=FOCAL, chat=GROUP)  # the next day: not in these minutes
    bot.api.clear()

    await bot.send("/compte_rendu 25 octobre", user=COORDINATOR, chat=GROUP)

    [(_, file, caption)] = documents(bot)
    assert "0 participant · 2 actions suivies · 0 décision · 0 nouvelle action" in caption
    document = opened(file)
    assert [row[:5] for row in tables(document)["follow_up"][1:]] == [
        ["2", "Mettre à jour la matrice 3W", "OCHA", "30 octobre 2016", "Fait"],
        ["3", "Relancer le bailleur", "OCHA", "fin décembre 2016", "À faire"],
    ]
    text = paragraphs(document)
    assert "Heure : 10h00" in text
    assert "Lieu : à préciser" in text
    assert "Aucune décision enregistrée." in text
    assert "Aucune nouvelle action n'a été enregistrée." in text


def test_the_document_keeps_any_text_as_written_and_dates_written_out() -> None:
    from datetime import UTC, datetime

    from bot.documents.minutes import minutes_docx
    from bot.documents.minutes_words import deadline_words, file_name
    from storage.models import DeadlinePrecision, OwnerKind, Status
    from storage.reports import FollowedAction, MinutesReport, NewAction, ReportParticipant
    from storage.views import ClusterView, DeadlineValue, MeetingView, OwnerView

    tz_name = "Africa/Bamako"
    cluster = ClusterView(1, "Santé & Nutrition", None, -1, tz_name)
    start = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    meeting = MeetingView(1, 1, start, False, None, "Suivi <actions> & divers\n- Point 3W")
    owner = (OwnerView(OwnerKind.UNLINKED, "Mairie <de> Gao", None, None, True),)
    period = DeadlineValue(
        datetime(2026, 12, 31, 23, 59, tzinfo=UTC), DeadlinePrecision.PERIOD, "fin décembre"
    )
    tied = DeadlineValue(
        datetime(2027, 1, 5, 9, tzinfo=UTC),
        DeadlinePrecision.MEETING,
        text="avant la prochaine réunion",
        meeting_offset_days=0,
    )
    report = MinutesReport(
        cluster=cluster,
        meeting=meeting,
        participants=(ReportParticipant("ONG A&B", "Awa \x0bTraoré", None),),
        excused=(),
        follow_up=(
            FollowedAction(7, "Réviser R&D <urgent>\tvite", owner, period, Status.BLOCKED, (), ()),
        ),
        decisions=(),
        new_actions=(NewAction(8, "Former les relais", owner, tied),),
        next_meeting=None,
        reviewed=False,
    )
    document = docx.Document(io.BytesIO(minutes_docx(report, now=start)))
    found = tables(document)
    assert found["participants"][1] == ["ONG A&B", "Awa Traoré", ""]
    assert found["follow_up"][1] == [
        "7",
        "Réviser R&D <urgent> vite",
        "Mairie <de> Gao",
        "fin décembre 2026",
        "Bloqué",
        "",
    ]
    assert found["actions"][1][3] == "avant la prochaine réunion (5 janvier 2027)"
    text = paragraphs(document)
    assert text[0] == "Compte rendu de la réunion du cluster Santé & Nutrition"
    assert "Date : mardi 1er décembre 2026" in text
    assert "Heure : à préciser" in text
    assert "Suivi <actions> & divers" in text
    assert file_name(report, cluster.tz) == "CR_Santé-Nutrition_2026-12-01.docx"
    assert deadline_words(DeadlineValue(None, DeadlinePrecision.UNDATED), cluster.tz) == "sans date"


async def test_help_tells_coordinators_how_to_get_the_minutes(cluster: Harness) -> None:
    help_text = await cluster.say("/aide", user=COORDINATOR, chat=private(COORDINATOR))
    assert "/compte_rendu — le compte rendu (Word) de la dernière réunion" in help_text
    assert "/revue" in help_text


async def test_a_day_without_its_year_is_the_last_one_gone_by(meeting: Harness) -> None:
    """Minutes are asked of a day past: "mardi", typed on Thursday, is the Tuesday just
    gone, and "25 octobre", typed the next spring, is last October's."""
    meeting.clock.advance(days=2)  # Thursday 27 October 2016
    await meeting.send("/cr mardi", user=COORDINATOR, chat=GROUP)
    [march] = await meeting.send("/cr 3 mars", user=COORDINATOR, chat=GROUP)
    assert "Aucune réunion tenue le jeudi 3 mars 2016" in march["text"]
    meeting.clock.advance(days=130)  # March 2017
    await meeting.send("/compte_rendu 25 octobre", user=COORDINATOR, chat=GROUP)
    await meeting.send("/compte_rendu 25 octobre 2017", user=COORDINATOR, chat=GROUP)

    sent = documents(meeting)
    assert [f.file_name for _, f, _ in sent] == ["CR_CP_2016-10-25.docx"] * 2
    assert "n'est pas encore passé" in meeting.api.sent(GROUP.id)[-1]["text"]
