"""The minutes of a meeting as a Word document (python-docx): a report in, the bytes out.

Written in the shapes Relance's own reader knows (language.minutes): labelled header lines
("Date : …"), a participants table, the agenda as a list under its title, the follow-up
and the new actions as tables with the usual header words, decisions as a list under
"Décisions", the next meeting as one sentence. So the same file sent back with /importer
finds its actions, its decisions and its participants again rather than doubling them.

Plain text only (no HTML): every French word comes from bot.texts. A4 portrait, tables with
a header row repeated on every page, Calibri: it opens in Word and LibreOffice alike.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

import docx
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell, _Row

from bot import texts
from bot.documents.minutes_words import (
    day_words,
    deadline_words,
    hour_words,
    meeting_weekday,
    next_meeting_sentence,
    owners_words,
)
from storage.reports import FollowedAction, MinutesReport, NewAction, ReportParticipant
from storage.views import MeetingView

_PAGE_WIDTH = Cm(21.0)
_PAGE_HEIGHT = Cm(29.7)
_MARGIN = Cm(2.0)
# Column widths (cm) within the 17 cm between the margins.
_PARTICIPANT_WIDTHS = (4.0, 6.5, 6.5)
_FOLLOW_UP_WIDTHS = (1.1, 5.4, 2.8, 2.6, 2.2, 2.9)
_ACTION_WIDTHS = (1.1, 9.4, 3.5, 3.0)
_HEADER_FILL = "D9E2F3"
# What XML 1.0 cannot hold (control characters pasted from elsewhere): dropped.
_XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LIST_MARK = re.compile(r"^\s*(?:[-•▪◦‣·*]|\d{1,2}[.)])\s+")


def minutes_docx(report: MinutesReport, *, now: datetime) -> bytes:
    """The .docx of the report; `now` dates the document."""
    tz = report.cluster.tz
    document = _new_document(report, now)
    _header(document, report, tz)
    _participants(document, report)
    _agenda(document, report.meeting)
    _follow_up(document, report.follow_up, tz)
    _decisions(document, report)
    _new_actions(document, report.new_actions, tz)
    if report.next_meeting is not None:
        document.add_paragraph(next_meeting_sentence(report, tz))
    footer = document.add_paragraph()
    run = footer.add_run(texts.MINUTES_FOOTER.format(day=day_words(now, tz)))
    run.italic = True
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- The document ------------------------------------------------------------------------------


def _new_document(report: MinutesReport, now: datetime) -> DocxDocument:
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = _PAGE_WIDTH, _PAGE_HEIGHT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    _french(normal.element)
    properties = document.core_properties
    properties.title = _title(report)
    properties.author = "Relance"
    properties.language = "fr-FR"
    properties.created = properties.modified = now.replace(tzinfo=None)
    return document


def _french(style_element: object) -> None:
    """Word's spelling and hyphenation in French for the style."""
    rpr = style_element.get_or_add_rPr()  # type: ignore[attr-defined]
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "fr-FR")
    rpr.append(lang)


def _title(report: MinutesReport) -> str:
    of_cluster = texts.cluster_named(report.cluster.display_name, article="du")
    return texts.MINUTES_TITLE.format(of_cluster=of_cluster)


def _labelled(document: DocxDocument, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)
    paragraph.paragraph_format.space_after = Pt(0)


def _header(document: DocxDocument, report: MinutesReport, tz: ZoneInfo) -> None:
    document.add_heading(_title(report), level=0)
    meeting = report.meeting
    _labelled(document, texts.MINUTES_DATE, meeting_weekday(meeting, tz))
    hour = hour_words(meeting.starts_at, tz) if meeting.has_time else texts.MINUTES_TO_BE_SET
    _labelled(document, texts.MINUTES_HOUR, hour)
    _labelled(document, texts.MINUTES_PLACE, meeting.place or texts.MINUTES_TO_BE_SET)


def _participants(document: DocxDocument, report: MinutesReport) -> None:
    document.add_heading(texts.MINUTES_PARTICIPANTS, level=1)
    if report.participants:
        rows = [_participant_row(p) for p in report.participants]
        _table(document, texts.MINUTES_PARTICIPANT_COLUMNS, rows, _PARTICIPANT_WIDTHS)
    else:
        document.add_paragraph(texts.MINUTES_NO_PARTICIPANT)
    if report.excused:
        document.add_paragraph(texts.MINUTES_EXCUSED.format(names=", ".join(report.excused)))


def _participant_row(person: ReportParticipant) -> list[str]:
    return [person.organisation or "", person.name or "", person.function or ""]


def _agenda(document: DocxDocument, meeting: MeetingView) -> None:
    lines = [line.strip() for line in (meeting.agenda or "").splitlines() if line.strip()]
    if not lines:
        return
    document.add_heading(texts.MINUTES_AGENDA, level=1)
    for line in lines:
        # A point numbered as typed keeps its number; the others get a bullet. Either way
        # a list item, which the reader keeps apart from the actions.
        document.add_paragraph(line, style=None if _LIST_MARK.match(line) else "List Bullet")


def _follow_up(document: DocxDocument, rows: Sequence[FollowedAction], tz: ZoneInfo) -> None:
    document.add_heading(texts.MINUTES_FOLLOW_UP, level=1)
    if not rows:
        document.add_paragraph(texts.MINUTES_NO_FOLLOW_UP)
        return
    note = document.add_paragraph()
    note.add_run(texts.MINUTES_FOLLOW_UP_NOTE).italic = True
    cells = [
        [
            str(row.action_id),
            row.description,
            owners_words(row.owners),
            deadline_words(row.deadline, tz),
            _status_words(row),
            "\n".join(row.comments),
        ]
        for row in rows
    ]
    _table(document, texts.MINUTES_FOLLOW_UP_COLUMNS, cells, _FOLLOW_UP_WIDTHS)


def _status_words(row: FollowedAction) -> str:
    lines = [texts.STATUS_LABEL[row.status]]
    lines += [
        texts.MINUTES_PART.format(org=p.acronym, status=texts.STATUS_LABEL[p.status].lower())
        for p in row.parts
    ]
    return "\n".join(lines)


def _decisions(document: DocxDocument, report: MinutesReport) -> None:
    document.add_heading(texts.MINUTES_DECISIONS, level=1)
    if not report.decisions:
        document.add_paragraph(texts.MINUTES_NO_DECISION)
        return
    for decision in report.decisions:
        # As recorded, word for word: imported again, it is known by its text.
        document.add_paragraph(" ".join(decision.text.split()), style="List Bullet")


def _new_actions(document: DocxDocument, rows: Sequence[NewAction], tz: ZoneInfo) -> None:
    document.add_heading(texts.MINUTES_ACTIONS, level=1)
    if not rows:
        document.add_paragraph(texts.MINUTES_NO_ACTION)
        return
    cells = [
        [
            str(row.action_id),
            row.description,
            owners_words(row.owners),
            deadline_words(row.deadline, tz),
        ]
        for row in rows
    ]
    _table(document, texts.MINUTES_ACTION_COLUMNS, cells, _ACTION_WIDTHS)


# --- Tables ------------------------------------------------------------------------------------


def _table(
    document: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[float],
) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid: what LibreOffice reads
    head = table.rows[0]
    _repeat_on_each_page(head)
    for cell, title, width in zip(head.cells, header, widths, strict=True):
        cell.width = Cm(width)  # each cell's own width: what Word reads
        run = cell.paragraphs[0].add_run(title)
        run.bold = True
        _shade(cell)
    twips = [Cm(width).twips for width in widths]
    # The body as XML, parsed once: python-docx builds a cell in about a millisecond, which
    # made a follow-up of 500 actions take seconds.
    body = "".join(_row_xml(values, twips) for values in rows)
    for tr in parse_xml(f"<w:tbl {nsdecls('w')}>{body}</w:tbl>"):
        table._tbl.append(tr)


def _row_xml(values: Sequence[str], twips: Sequence[int]) -> str:
    return (
        "<w:tr>" + "".join(_cell_xml(v, w) for v, w in zip(values, twips, strict=True)) + "</w:tr>"
    )


def _cell_xml(value: str, twips: int) -> str:
    """One paragraph per line: read back, the lines come out as written."""
    lines = _XML_UNSAFE.sub("", value.replace("\t", " ")).split("\n") or [""]
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>'
        if line
        else "<w:p/>"
        for line in lines
    )
    return f'<w:tc><w:tcPr><w:tcW w:w="{twips}" w:type="dxa"/></w:tcPr>{paragraphs}</w:tc>'


def _repeat_on_each_page(row: _Row) -> None:
    properties = row._tr.get_or_add_trPr()
    mark = OxmlElement("w:tblHeader")
    mark.set(qn("w:val"), "true")
    properties.append(mark)


def _shade(cell: _Cell) -> None:
    properties = cell._tc.get_or_add_tcPr()
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), _HEADER_FILL)
    properties.append(shading)
