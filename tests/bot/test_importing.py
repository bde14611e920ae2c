"""/importer: a whole action table from the minutes becomes tracked actions in one tap."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import docx
from sqlmodel import select

from storage.models import Action, Meeting
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, button_data, buttons, private

SEED_TABLE = (
    "Description\tResponsable\tEchéance\n"
    "Participer à la formation OPS de vendredi 21 octobre 2016.\tPartenaires du CRP\t21 octobre\n"
    "Réviser les chiffres sur les personnes ciblées et partager les données.\tCoordinateur CRP\t25 octobre\n"
    "Elaborer des projets pour l'HRP 2017 selon les objectifs du plan de réponse sectoriel ORS.\t"
    "Partenaires du CRP avec l'appui du Coordinateur CRP\t31 octobre\n"
    "Identifier des nouvelles partenaires au niveau du gouvernement et de secteur privé.\tCoordinateur CRP\t15 novembre\n"
)


def actions(bot: Harness) -> list[Action]:
    with bot.db.session() as session:
        return list(session.exec(select(Action).order_by(Action.id)).all())  # type: ignore[arg-type]


async def paste(bot: Harness, table: str, chat=GROUP) -> dict[str, Any]:
    [question] = await bot.send("/importer", user=COORDINATOR, chat=chat)
    assert "Collez ici le tableau" in question["text"]
    replies = await bot.send(table, user=COORDINATOR, chat=chat, reply_to=question)
    assert len(replies) == 1, replies
    return replies[0]


def minutes_docx(*, rows: list[tuple[str, str, str]], next_meeting: str | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph(
        "Compte rendu de la réunion des partenaires du Cluster Relèvement Précoce"
    )
    participants = document.add_table(rows=2, cols=2)
    participants.cell(0, 0).text, participants.cell(0, 1).text = "Nom", "Organisation"
    participants.cell(1, 0).text, participants.cell(1, 1).text = "Moustapha Diallo", "PNUD"
    document.add_paragraph("5. Actions prioritaires")
    table = document.add_table(rows=1, cols=3)
    for cell, title in zip(
        table.rows[0].cells, ("Description", "Responsable", "Echéance"), strict=True
    ):
        cell.text = title
    for description, owner, deadline in rows:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = description, owner, deadline
    if next_meeting:
        document.add_paragraph(next_meeting)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


async def send_file(
    bot: Harness, data: bytes, name: str, mime: str, chat=None
) -> list[dict[str, Any]]:
    chat = chat or private(COORDINATOR)
    bot.api.add_file("F1", data)
    update = bot.updates.document(
        chat=chat,
        user=COORDINATOR,
        file_name=name,
        mime_type=mime,
        file_size=len(data),
        file_id="F1",
    )
    return await bot.process(update)


async def import_docx(bot: Harness, data: bytes) -> dict[str, Any]:
    """/importer in private, then the minutes as a .docx: the preview."""
    await bot.send("/importer", user=COORDINATOR, chat=private(COORDINATOR))
    [preview] = await send_file(bot, data, "cr.docx", DOCX)
    return preview


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def test_a_pasted_seed_table_is_previewed_then_created_in_one_tap(cluster: Harness) -> None:
    preview = await paste(cluster, SEED_TABLE)

    text = preview["text"]
    assert "Import : 4 actions pour Cluster Protection (CP)" in text
    assert "Participer à la formation OPS" in text
    assert "vendredi 21 octobre 2016" in text
    assert "mardi 15 novembre 2016" in text
    assert actions(cluster) == []
    labels = [label for label, _ in buttons(preview)]
    assert "✅ Tout créer (4)" in labels
    assert "✏️ 1" in labels

    await cluster.press(preview, "Tout créer", user=COORDINATOR)

    created = actions(cluster)
    assert [a.description[:25] for a in created] == [
        "Participer à la formation",
        "Réviser les chiffres sur ",
        "Elaborer des projets pour",
        "Identifier des nouvelles ",
    ]
    assert "4 actions créées : n° 1 à 4" in cluster.api.edits()[-1]["text"]


async def test_importing_the_same_table_twice_warns_instead_of_doubling(cluster: Harness) -> None:
    first = await paste(cluster, SEED_TABLE)
    await cluster.press(first, "Tout créer", user=COORDINATOR)

    again = await paste(cluster, SEED_TABLE)

    assert "4 déjà enregistrée(s)" in again["text"]
    assert "déjà enregistrée (n° 1)" in again["text"]
    assert not [label for label, _ in buttons(again) if "Tout créer" in label]
    assert len(actions(cluster)) == 4


async def test_a_row_can_be_fixed_before_creating(cluster: Harness) -> None:
    preview = await paste(cluster, SEED_TABLE)
    [question] = await cluster.press(preview, "✏️ 2", user=COORDINATOR)
    assert "Ligne 2" in question["text"]

    [fixed] = await cluster.send(
        "Réviser les chiffres des personnes ciblées — OCHA — 28 octobre",
        user=COORDINATOR,
        chat=GROUP,
        reply_to=question,
    )
    assert "vendredi 28 octobre 2016" in fixed["text"]
    await cluster.press(fixed, "Tout créer", user=COORDINATOR)

    assert actions(cluster)[1].description == "Réviser les chiffres des personnes ciblées"


async def test_fixing_a_row_of_a_whole_paragraph_asks_within_one_message(cluster: Harness) -> None:
    long = "Analyser la situation des déplacés et partager la note. " * 70  # ~3,900 characters
    preview = await paste(cluster, f"{long.strip()} — OCHA — 25 octobre")

    [question] = await cluster.press(preview, "✏️ 1", user=COORDINATOR)

    assert "Ligne 1" in question["text"]
    assert len(question["text"]) <= 4096


async def test_cancelling_an_import_stores_nothing(cluster: Harness) -> None:
    preview = await paste(cluster, SEED_TABLE)
    create = button_data(preview, "Tout créer")
    await cluster.press(preview, "Annuler l'import", user=COORDINATOR)

    assert "Import annulé" in cluster.api.edits()[-1]["text"]
    assert actions(cluster) == []
    await cluster.process(cluster.updates.callback(create, message=preview, user=COORDINATOR))
    assert "n'est plus en cours" in cluster.last_answer()["text"]
    assert actions(cluster) == []


async def test_text_with_no_table_gets_an_example_and_the_bot_keeps_waiting(
    cluster: Harness,
) -> None:
    reply = await paste(cluster, "Bonjour à tous, merci pour la réunion !")
    assert "Je ne trouve pas de tableau" in reply["text"]
    assert "Réviser les chiffres — Coordinateur CRP — vendredi prochain" in reply["text"]


async def test_a_table_of_300_rows_is_previewed_page_by_page(cluster: Harness) -> None:
    table = "\n".join(f"Action numéro {n} — OCHA — 30 novembre" for n in range(1, 301))
    preview = await paste(cluster, table)

    assert "Import : 300 actions" in preview["text"]
    assert "Page 1/30" in preview["text"]
    assert len(preview["text"]) <= 4096
    await cluster.press(preview, "Suivant", user=COORDINATOR)
    assert "Action numéro 11\n" in cluster.api.edits()[-1]["text"]
    await cluster.press(preview, "Tout créer (300)", user=COORDINATOR)
    assert len(actions(cluster)) == 300


async def test_minutes_in_word_are_read_and_the_next_meeting_can_be_set(cluster: Harness) -> None:
    data = minutes_docx(
        rows=[
            ("Rédiger une note sur la situation de protection", "CCP", "25 octobre"),
            ("Faire la cartographie des acteurs", "OCHA", "avant la prochaine réunion"),
        ],
        next_meeting="La prochaine réunion aura lieu le 02 Novembre, le lieu et l'heure seront communiqués une semaine avant la date",
    )
    [preview] = await send_file(cluster, data, "CR reunion CP.docx", DOCX)

    assert "Import : 2 actions" in preview["text"]
    assert "aucune prochaine réunion fixée" in preview["text"]
    meeting_button = [label for label, _ in buttons(preview) if "Prochaine réunion" in label]
    assert len(meeting_button) == 1
    assert "2 novembre 2016" in meeting_button[0]

    await cluster.press(preview, "Prochaine réunion", user=COORDINATOR)
    with cluster.db.session() as session:
        [meeting] = session.exec(select(Meeting)).all()
    assert meeting.starts_at.date().isoformat() == "2016-11-02"
    refreshed = cluster.api.edits()[-1]["text"]
    assert "avant la prochaine réunion : mercredi 2 novembre 2016" in refreshed

    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    assert [a.deadline_precision for a in actions(cluster)] == ["day", "meeting"]


async def test_files_that_are_not_usable_minutes_get_a_clear_answer(cluster: Harness) -> None:
    assert (
        "Ce fichier PDF est illisible"
        in (await send_file(cluster, b"%PDF-1.4", "cr.pdf", "application/pdf"))[0]["text"]
    )
    assert (
        "format Word (.docx) ou PDF"
        in (await send_file(cluster, b"bonjour", "cr.txt", "text/plain"))[0]["text"]
    )
    assert (
        "format Word (.docx) ou PDF"
        in (await send_file(cluster, b"not a zip at all", "cr.docx", DOCX))[0]["text"]
    )
    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as z:
        z.writestr("hello.txt", "bonjour")
    assert "illisible" in (await send_file(cluster, broken.getvalue(), "cr.docx", DOCX))[0]["text"]
    no_table = docx.Document()
    no_table.add_paragraph("Rien à suivre.")
    out = io.BytesIO()
    no_table.save(out)
    assert (
        "pas de tableau d'actions"
        in (await send_file(cluster, out.getvalue(), "cr.docx", DOCX))[0]["text"]
    )
    assert actions(cluster) == []


async def test_a_file_over_5_mb_is_refused_before_download(cluster: Harness) -> None:
    update = cluster.updates.document(
        chat=private(COORDINATOR),
        user=COORDINATOR,
        file_name="cr.docx",
        mime_type=DOCX,
        file_size=6 * 1024 * 1024,
    )
    [reply] = await cluster.process(update)
    assert "dépasse 5 Mo" in reply["text"]
    assert cluster.api.calls_to("getFile") == []


async def test_only_coordinators_import(cluster: Harness) -> None:
    assert "Seuls les coordinateurs" in await cluster.say("/importer", user=FOCAL, chat=GROUP)
    assert "Vous ne coordonnez aucun cluster" in (await send_file_as(cluster, FOCAL))


async def send_file_as(bot: Harness, user) -> str:
    bot.api.add_file("F2", minutes_docx(rows=[("Faire X", "OCHA", "demain")]))
    update = bot.updates.document(
        chat=private(user),
        user=user,
        file_name="cr.docx",
        mime_type=DOCX,
        file_size=100,
        file_id="F2",
    )
    [reply] = await bot.process(update)
    return str(reply["text"])


async def test_the_seed_recommendations_with_inline_owners_become_actions(cluster: Harness) -> None:
    from tests.language.test_tables import SEED_002_RECOMMANDATIONS

    preview = await paste(cluster, SEED_002_RECOMMANDATIONS)

    assert "Import : 10 actions" in preview["text"]
    assert "Aucune échéance dans ce tableau" in preview["text"]
    assert "pas d'échéance" not in preview["text"]
    assert "👥 OCHA, CCP" in preview["text"]
    assert "👥 Acteurs Humanitaires" in preview["text"]


def pdf_minutes(*, with_text: bool) -> bytes:
    from fpdf import FPDF

    from tests.language.minutes_corpus.build import _font

    pdf = FPDF()
    pdf.add_page()
    if with_text:
        pdf.add_font("DejaVu", "", str(_font("DejaVuSans.ttf")))
        pdf.set_font("DejaVu", size=11)
        pdf.multi_cell(0, 6, "Compte rendu de la réunion du 3 octobre 2016")
        with pdf.table(col_widths=(100, 40, 40), first_row_as_headings=False) as table:
            for cells in (
                ("Action", "Responsable", "Échéance"),
                ("Partager la cartographie des acteurs", "OCHA", "31 octobre"),
            ):
                row = table.row()
                for text in cells:
                    row.cell(text)
    else:
        pdf.rect(20, 20, 100, 60, style="F")  # a scan: a picture, no text
    return bytes(pdf.output())


async def test_minutes_in_pdf_are_previewed_like_a_docx(cluster: Harness) -> None:
    [preview] = await send_file(cluster, pdf_minutes(with_text=True), "cr.pdf", "application/pdf")
    assert "Import : 1 action" in preview["text"]
    assert "Partager la cartographie des acteurs" in preview["text"]
    assert "lundi 31 octobre 2016" in preview["text"]
    await cluster.press(preview, "Tout créer", user=COORDINATOR)
    assert [a.description for a in actions(cluster)] == ["Partager la cartographie des acteurs"]


async def test_a_scanned_pdf_gets_a_clear_answer(cluster: Harness) -> None:
    [answer] = await send_file(cluster, pdf_minutes(with_text=False), "scan.pdf", "application/pdf")
    assert "scanné" in answer["text"]
    assert actions(cluster) == []
