"""/importer: a pasted table or the minutes as .docx become tracked actions in one tap."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sqlmodel import Session
from telegram import Document, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot import importer, keyboards, texts
from bot.callbacks import ImportButton, ImportOp, decode
from bot.context import RelanceContext
from bot.conversation import Asked, ImportWait
from bot.handlers.clusters import NAME_MAX
from bot.handlers.common import Answer, edit_or_reply, key, plain, pose, reply
from bot.handlers.guards import (
    acting,
    cluster_by_id,
    coordinated_clusters,
    is_coordinator,
    is_private,
    owner_index_of,
    pressed_question,
)
from bot.importer import ImportDraft, ImportItem
from bot.render import day_text, deadline_text, escape, shorten
from bot.resolve import deadline_value, known_owner, looks_like_deadline
from language.action_text import split_action_text
from language.deadlines import Undated
from language.owners import Candidate, match_owner_in
from storage.actions import (
    COMMENT_MAX,
    DESCRIPTION_MAX,
    add_comment,
    change_status,
    create_action,
    find_duplicates,
    fold_description,
)
from storage.attendance import NotHeldYet, ParticipantInput, meeting_held_on, record_attendance
from storage.decisions import record_minutes_decisions
from storage.meetings import meeting_deadline, next_meeting, schedule_next_meeting
from storage.members import create_invitation, mark_delivered
from storage.models import DeadlinePrecision, OwnerKind
from storage.organisations import (
    add_to_cluster,
    cluster_organisations,
    create_organisation,
    organisation_named,
)
from storage.views import Author, ClusterView, DeadlineValue, OwnerInput

if TYPE_CHECKING:
    # The minutes' reader (its tables, columns and header words) is loaded by the first
    # minutes read, not at start.
    from language.minutes import Minutes, MinutesItem, Participant

MAX_BYTES = 5 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_MIME = "application/pdf"


async def _import_cluster(update: Update, context: RelanceContext) -> ClusterView | None:
    """The cluster an import goes to, if this person coordinates it; else a French reply.
    In private it must be the only one they coordinate."""
    clusters = await coordinated_clusters(update, context)
    if isinstance(clusters, str) or len(clusters) > 1:
        await reply(update, clusters if isinstance(clusters, str) else texts.IMPORT_CHOOSE_GROUP)
        return None
    return clusters[0]


async def import_command(update: Update, context: RelanceContext) -> None:
    """/importer: ask for the table."""
    cluster = await _import_cluster(update, context)
    if cluster is not None:
        await pose(update, context, ImportWait(cluster.id), texts.IMPORT_ASK)


async def table_pasted(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """The pasted table, in answer to /importer."""
    wait = asked.state
    assert isinstance(wait, ImportWait)
    cluster = cluster_by_id(context, wait.cluster_id)
    if cluster is None:
        context.conversations.close(asked.id)
        await reply(update, texts.IMPORT_EXPIRED)
        return
    from language.minutes import read_text

    minutes = read_text(text, owner_like=known_owner(owner_index_of(context, cluster.id)))
    if not minutes.items:
        # Still waiting: asked again, so that the next paste (a reply to this) is read.
        await pose(update, context, wait, texts.IMPORT_NO_TABLE, replacing=asked.id)
        return
    await _preview_new(update, context, cluster, minutes, asked.id)


async def document(update: Update, context: RelanceContext) -> None:
    """A file sent to the bot: the minutes in Word, in answer to /importer or in private."""
    message = update.effective_message
    found = await _document_import(update, context)
    if found is None or message is None or message.document is None:
        return
    cluster, wait = found
    minutes = await _minutes(update, context, message.document, cluster)
    if minutes is None:
        return
    if not minutes.items:
        await reply(update, texts.IMPORT_NO_ACTION_TABLE)
        return
    await _preview_new(update, context, cluster, minutes, wait.id if wait else None)


async def _document_import(
    update: Update, context: RelanceContext
) -> tuple[ClusterView, Asked | None] | None:
    """The cluster a file is imported into, and the /importer it answers if any; None (with
    a French reply when it was meant for the bot) when it is not to be imported."""
    person, message = key(update, context), update.effective_message
    if person is None or message is None or message.document is None:
        return None
    wait = _awaited_import(context, person, message)
    if wait is None:
        # In a group a file not sent in answer to /importer is for the members, not the bot.
        cluster = await _import_cluster(update, context) if is_private(update) else None
        return (cluster, None) if cluster else None
    assert isinstance(wait.state, ImportWait)
    cluster = cluster_by_id(context, wait.state.cluster_id)
    if cluster is None or not await is_coordinator(update, context, cluster):
        await reply(update, texts.COORDINATOR_ONLY)
        return None
    return cluster, wait


def _awaited_import(
    context: RelanceContext, person: tuple[int, int], message: Message
) -> Asked | None:
    """The /importer a file answers: the one it replies to, else the person's latest."""
    replied = message.reply_to_message.message_id if message.reply_to_message else None
    waits = [
        q
        for q in context.conversations.open(person, context.now)
        if isinstance(q.state, ImportWait)
    ]
    return next((q for q in waits if replied in q.message_ids), waits[-1] if waits else None)


async def _minutes(
    update: Update, context: RelanceContext, doc: Document, cluster: ClusterView
) -> Minutes | None:
    """The minutes read from the file, or None once the person is told what is wrong."""
    from language.document import FileError, NotADocx, NotAPdf, ScannedPdf
    from language.minutes import read_docx, read_pdf

    name = (doc.file_name or "").lower()
    pdf = name.endswith(".pdf") or doc.mime_type == PDF_MIME
    if doc.file_size is not None and doc.file_size > MAX_BYTES:
        problem = texts.IMPORT_TOO_BIG
    elif not pdf and not name.endswith(".docx") and doc.mime_type != DOCX_MIME:
        problem = texts.IMPORT_NOT_DOCX
    else:
        try:
            data = bytes(await (await context.bot.get_file(doc.file_id)).download_as_bytearray())
        except BadRequest:  # over the Bot API's 20 MB, or gone from Telegram's servers
            await reply(update, texts.IMPORT_DOWNLOAD_FAILED)
            return None
        known = known_owner(owner_index_of(context, cluster.id))
        try:
            if len(data) > MAX_BYTES:
                problem = texts.IMPORT_TOO_BIG
            elif pdf:
                return await asyncio.to_thread(read_pdf, data, owner_like=known)
            else:
                return await asyncio.to_thread(read_docx, data, owner_like=known)
        except (NotADocx, NotAPdf):
            problem = texts.IMPORT_NOT_DOCX
        except ScannedPdf:
            problem = texts.IMPORT_SCANNED
        except FileError:
            problem = texts.IMPORT_CORRUPT.format(kind="PDF" if pdf else ".docx")
    await reply(update, problem)
    return None


def _items(
    context: RelanceContext, cluster: ClusterView, rows: list[MinutesItem], at: datetime
) -> list[ImportItem]:
    """The rows as actions of the cluster, their deadlines read at `at` (the meeting)."""
    tz = cluster.tz
    index = owner_index_of(context, cluster.id)
    with context.deps.db.session() as session:

        def tied(days_before: int, text: str) -> DeadlineValue | None:
            return meeting_deadline(
                session=session,
                cluster_id=cluster.id,
                days_before=days_before,
                text=text,
                now=context.now,
            )

        items = [
            importer.build_item(row, index=index, now=at, tz=tz, meeting_deadline=tied)
            for row in rows
        ]
        _mark_duplicates(session, cluster.id, items)
    return items


def _read_at(context: RelanceContext, draft: ImportDraft, cluster: ClusterView) -> datetime:
    """Minutes are read as of their meeting: "vendredi prochain" is the Friday after it."""
    if draft.held_on is None:
        return context.now
    return datetime.combine(draft.held_on, time(10, 0), tzinfo=cluster.tz).astimezone(UTC)


def _held_on(minutes: Minutes, context: RelanceContext, cluster: ClusterView) -> date | None:
    if not minutes.meeting_date:
        return None
    found = deadline_value(minutes.meeting_date, now=context.now, tz=cluster.tz, past=True)
    if not isinstance(found, DeadlineValue) or found.due_at is None:
        return None
    return found.due_at.astimezone(cluster.tz).date()


def _mark_duplicates(session: Session, cluster_id: int, items: list[ImportItem]) -> None:
    existing = find_duplicates(
        session=session,
        cluster_id=cluster_id,
        descriptions=[i.description for i in items],
        earlier=[i.description for i in items if i.follow_up],
    )
    for item in items:
        item.duplicate_of = existing.get(fold_description(item.description))


async def _preview_new(
    update: Update,
    context: RelanceContext,
    cluster: ClusterView,
    minutes: Minutes,
    replacing: int | None,
) -> None:
    """The preview of what the minutes hold: the import's question from now on."""
    held_on = _held_on(minutes, context, cluster)
    draft = ImportDraft(
        cluster.id,
        [],
        held_on=held_on,
        held_on_given=held_on is not None,
        participants=_participants(context, cluster, minutes.participants),
    )
    at = _read_at(context, draft, cluster)
    draft.items = _items(context, cluster, list(minutes.items), at)
    if minutes.next_meeting:
        found = deadline_value(minutes.next_meeting, now=at, tz=cluster.tz)
        if isinstance(found, DeadlineValue) and found.due_at and found.due_at > context.now:
            draft.next_meeting = found
    text, markup = _render(context, draft, cluster)
    await pose(update, context, draft, text, markup=markup, answer=Answer.OWN, replacing=replacing)


def _render(
    context: RelanceContext, draft: ImportDraft, cluster: ClusterView
) -> tuple[str, InlineKeyboardMarkup]:
    tz = cluster.tz
    meeting = deadline_text(_as_day(draft.next_meeting), tz) if draft.next_meeting else None
    undated = len(importer.undated(draft))
    with context.deps.db.session() as session:
        stored = next_meeting(session=session, cluster_id=cluster.id, now=context.now)
    outside = importer.outside_organisations(draft)
    offers = keyboards.PreviewOffers(
        meeting=meeting,
        undated_to_meeting=undated if stored is not None or draft.next_meeting else 0,
        undated=undated,
        suggested=len(importer.with_suggestion(draft)),
        organisations=", ".join(outside) if outside else None,
        invitations=len(importer.to_invite(draft)),
    )
    shown = importer.preview(draft, cluster_name=cluster.display_name, tz=tz)
    markup = keyboards.import_preview(
        lines=shown.lines,
        page=draft.page,
        pages=shown.pages,
        creatable=len(importer.creatable(draft)),
        offers=offers,
    )
    return shown.text, markup


def _as_day(value: DeadlineValue) -> DeadlineValue:
    return DeadlineValue(value.due_at, value.precision, None, None)


@dataclass(frozen=True)
class _Press:
    """A button pressed under a preview, by the coordinator who asked for it."""

    asked: Asked
    draft: ImportDraft
    cluster: ClusterView
    index: int
    op: ImportOp


async def import_button(update: Update, context: RelanceContext) -> None:
    """Create all, a page, fix a row, set the meeting, cancel: the buttons of a preview."""
    query = update.callback_query
    button = decode(query.data) if query else None
    asked = await pressed_question(update, context, ImportDraft, texts.IMPORT_EXPIRED)
    if query is None or asked is None:
        return
    if not isinstance(button, ImportButton):  # data no version of this preview wrote
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    assert isinstance(asked.state, ImportDraft)
    cluster = cluster_by_id(context, asked.state.cluster_id)
    if cluster is None or not await is_coordinator(update, context, cluster):
        await query.answer(texts.COORDINATOR_ONLY, show_alert=True)
        return
    if button.op != ImportOp.CREATE:
        await query.answer()  # creating answers with what it created
    press = _Press(asked, asked.state, cluster, button.index, button.op)
    await _OPS[button.op](update, context, press)


async def _cancel(update: Update, context: RelanceContext, press: _Press) -> None:
    context.conversations.close(press.asked.id)
    await edit_or_reply(update, texts.IMPORT_CANCELLED)


async def _fix(update: Update, context: RelanceContext, press: _Press) -> None:
    item = next((i for i in press.draft.items if i.line == press.index), None)
    if item is None:
        await _redraw(update, context, press)
        return
    press.draft.fixing, press.draft.fixing_part, press.draft.asking = item.line, "row", None
    # A row may hold a whole paragraph: the question stays within one message.
    current = escape(shorten(importer.current_row_text(item), 1500))
    question = texts.IMPORT_FIX_ASK.format(line=item.line, current=current)
    await pose(
        update,
        context,
        press.draft,
        question,
        markup=keyboards.import_fix(item.line),
        answer=Answer.BUTTONS_OR_TEXT,
        replacing=press.asked.id,
    )


_PARTS: dict[ImportOp, importer.FixPart] = {
    ImportOp.FIX_DESCRIPTION: "description",
    ImportOp.FIX_OWNERS: "owners",
    ImportOp.FIX_DEADLINE: "deadline",
}


async def _fix_part(update: Update, context: RelanceContext, press: _Press) -> None:
    """One part of the row: only it is asked, and only it changes."""
    item = next((i for i in press.draft.items if i.line == press.index), None)
    if item is None:
        await _redraw(update, context, press)
        return
    part = _PARTS[press.op]
    press.draft.fixing, press.draft.fixing_part, press.draft.asking = item.line, part, None
    current = {
        "description": item.description,
        "owners": ", ".join(o.label for o in item.owners) or texts.NO_OWNER,
        "deadline": item.deadline.text or texts.UNDATED,
    }[part]
    question = texts.IMPORT_FIX_ASK_PART[part].format(
        line=item.line, current=escape(shorten(current, 1500))
    )
    await pose(update, context, press.draft, question, replacing=press.asked.id)


async def _back(update: Update, context: RelanceContext, press: _Press) -> None:
    press.draft.fixing, press.draft.asking = None, None
    await _repost(update, context, press.draft, press.cluster, press.asked.id)


async def _repost(
    update: Update,
    context: RelanceContext,
    draft: ImportDraft,
    cluster: ClusterView,
    question_id: int,
) -> None:
    """The preview again, as a new message: the question now asked is the preview."""
    preview, markup = _render(context, draft, cluster)
    await pose(
        update, context, draft, preview, markup=markup, answer=Answer.OWN, replacing=question_id
    )


async def _page(update: Update, context: RelanceContext, press: _Press) -> None:
    press.draft.page = min(max(press.index, 0), len(importer.pages(press.draft)) - 1)
    await _redraw(update, context, press)


async def _meeting(update: Update, context: RelanceContext, press: _Press) -> None:
    if press.draft.next_meeting is not None:
        await _set_meeting(update, context, press.draft, press.cluster)
    await _redraw(update, context, press)


async def _redraw(update: Update, context: RelanceContext, press: _Press) -> None:
    person = key(update, context)
    if person is not None:
        context.conversations.save(person, press.draft, context.now, replacing=press.asked.id)
    text, markup = _render(context, press.draft, press.cluster)
    await edit_or_reply(update, text, markup)


async def _set_meeting(
    update: Update, context: RelanceContext, draft: ImportDraft, cluster: ClusterView
) -> None:
    """The next meeting read in the minutes becomes the cluster's; tied rows get dated."""
    found = draft.next_meeting
    assert found is not None
    assert found.due_at is not None
    tz = cluster.tz
    has_time = found.precision == DeadlinePrecision.MOMENT
    starts_at = found.due_at if has_time else _local_midnight(found.due_at, tz)
    with context.deps.db.session() as session:
        schedule_next_meeting(
            session=session,
            cluster_id=cluster.id,
            starts_at=starts_at,
            has_time=has_time,
            place=None,
            now=context.now,
        )
    draft.next_meeting = None
    rows = [importer.as_written(item) for item in draft.items]
    draft.items = _items(context, cluster, rows, _read_at(context, draft, cluster))
    await reply(update, texts.IMPORT_MEETING_SET.format(when=deadline_text(_as_day(found), tz)))


def _local_midnight(moment: datetime, tz: ZoneInfo) -> datetime:
    local = moment.astimezone(tz)
    return datetime.combine(local.date(), time(0, 0), tzinfo=tz)


async def import_answered(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """A text in answer to the preview: a row (or part of one) fixed, or a date asked."""
    draft = asked.state
    assert isinstance(draft, ImportDraft)
    cluster = cluster_by_id(context, draft.cluster_id)
    if cluster is None:
        await reply(update, texts.IMPORT_EXPIRED)
        return
    if draft.asking is not None:
        await _date_answered(update, context, asked, draft, cluster, text)
        return
    old = next((i for i in draft.items if i.line == draft.fixing), None)
    if old is None:
        await reply(update, texts.IMPORT_WAITING)
        return
    at, tz = _read_at(context, draft, cluster), cluster.tz
    row = importer.as_written(old)
    if draft.fixing_part == "description":
        description = " ".join(text.split())
        if len(description) > DESCRIPTION_MAX:
            problem = texts.IMPORT_FIX_TOO_LONG.format(length=len(description), max=DESCRIPTION_MAX)
            await pose(update, context, draft, problem, replacing=asked.id)
            return
        row = replace(row, description=description)
    elif draft.fixing_part == "owners":
        row = replace(row, owners_text=text.strip())
    elif draft.fixing_part == "deadline":
        row = replace(row, deadline_text=text.strip())
    else:
        known = known_owner(owner_index_of(context, cluster.id))
        parts = split_action_text(
            text, is_deadline=lambda t: looks_like_deadline(t, now=at, tz=tz), known_owner=known
        )
        row = replace(
            row,
            description=parts.description or old.description,
            owners_text=", ".join(parts.owners) or None,
            deadline_text=parts.deadline_text,
        )
    [fixed] = _items(context, cluster, [row], at)
    fixed.line = old.line
    draft.items = [fixed if i.line == old.line else i for i in draft.items]
    draft.page = importer.page_of(draft, old.line)
    draft.fixing, draft.fixing_part = None, "row"
    await _repost(update, context, draft, cluster, asked.id)


async def _date_answered(
    update: Update,
    context: RelanceContext,
    asked: Asked,
    draft: ImportDraft,
    cluster: ClusterView,
    text: str,
) -> None:
    """The date typed once: the undated rows' deadline, or the meeting's day."""
    tz = cluster.tz
    if draft.asking == "held_on":
        found = deadline_value(text, now=context.now, tz=tz, past=True)
        due = found.due_at if isinstance(found, DeadlineValue) else None
        day = due.astimezone(tz).date() if due is not None else None
        if day is None:
            problem = texts.IMPORT_BAD_DATE.format(
                text=escape(shorten(text, 60)), ask=texts.IMPORT_ASK_HELD_ON
            )
            await pose(update, context, draft, problem, replacing=asked.id)
            return
        if day > context.now.astimezone(tz).date():
            problem = texts.IMPORT_HELD_ON_FUTURE.format(day=day_text(day))
            await pose(update, context, draft, problem, replacing=asked.id)
            return
        draft.held_on, draft.held_on_given = day, True
        _reread(context, draft, cluster)
    else:
        at = _read_at(context, draft, cluster)
        value = deadline_value(text, now=at, tz=tz)
        if isinstance(value, str) or value is None or isinstance(value, Undated):
            ask = texts.IMPORT_ASK_UNDATED_DATE.format(count=len(importer.undated(draft)))
            problem = texts.IMPORT_BAD_DATE.format(text=escape(shorten(text, 60)), ask=ask)
            await pose(update, context, draft, problem, replacing=asked.id)
            return
        _redate(context, draft, cluster, importer.undated(draft), lambda _: text.strip())
    draft.asking = None
    await _repost(update, context, draft, cluster, asked.id)


def _reread(context: RelanceContext, draft: ImportDraft, cluster: ClusterView) -> None:
    """Every row read again as the minutes wrote it (the meeting's day changed)."""
    rows = [importer.as_written(item) for item in draft.items]
    lines = [item.line for item in draft.items]
    draft.items = _items(context, cluster, rows, _read_at(context, draft, cluster))
    for item, line in zip(draft.items, lines, strict=True):
        item.line = line


def _redate(
    context: RelanceContext,
    draft: ImportDraft,
    cluster: ClusterView,
    items: list[ImportItem],
    deadline: Callable[[ImportItem], str | None],
) -> None:
    """These rows read again with the deadline text given for each."""
    chosen = {item.line for item in items}
    rows = [replace(importer.as_written(i), deadline_text=deadline(i)) for i in items]
    redone = _items(context, cluster, rows, _read_at(context, draft, cluster))
    for new, old in zip(redone, items, strict=True):
        new.line = old.line
    by_line = {item.line: item for item in redone}
    draft.items = [by_line[i.line] if i.line in chosen else i for i in draft.items]


async def _undated_to_meeting(update: Update, context: RelanceContext, press: _Press) -> None:
    """The rows without a deadline are due at the next meeting (set first if the minutes
    announce it and none is set)."""
    draft, cluster = press.draft, press.cluster
    with context.deps.db.session() as session:
        stored = next_meeting(session=session, cluster_id=cluster.id, now=context.now)
    if stored is None and draft.next_meeting is not None:
        await _set_meeting(update, context, draft, cluster)
    elif stored is None:
        await reply(update, texts.IMPORT_NO_NEXT_MEETING)
        return
    _redate(context, draft, cluster, importer.undated(draft), lambda _: texts.MEETING_DEADLINE)
    await _redraw(update, context, press)


async def _take_suggested(update: Update, context: RelanceContext, press: _Press) -> None:
    """The dates written inside the cells become the rows' deadlines."""
    items = importer.with_suggestion(press.draft)
    _redate(context, press.draft, press.cluster, items, lambda item: item.suggested)
    await _redraw(update, context, press)


async def _ask_date(update: Update, context: RelanceContext, press: _Press) -> None:
    draft = press.draft
    draft.fixing = None
    if press.op == ImportOp.HELD_ON:
        draft.asking, question = "held_on", texts.IMPORT_ASK_HELD_ON
    else:
        count = len(importer.undated(draft))
        draft.asking, question = "undated", texts.IMPORT_ASK_UNDATED_DATE.format(count=count)
    await pose(update, context, draft, question, replacing=press.asked.id)


# --- The participants list --------------------------------------------------------------

MAX_PARTICIPANTS = 300
MAX_INVITATIONS = 60  # a press; the list can be longer, a second press sends the rest


def _participants(
    context: RelanceContext, cluster: ClusterView, found: Sequence[Participant]
) -> list[importer.ParticipantItem]:
    """The participants, their organisation and membership as the cluster knows them."""
    index = owner_index_of(context, cluster.id)
    with context.deps.db.session() as session:
        ours = {o.id for o in cluster_organisations(session=session, cluster_id=cluster.id)}
    items = []
    for person in found[:MAX_PARTICIPANTS]:
        org: Candidate | None = None
        if person.organisation:
            matches = [
                c
                for c in match_owner_in(person.organisation, index).matches
                if c.kind == "organisation"
            ]
            org = matches[0] if len(matches) == 1 else None
        people = [c for c in match_owner_in(person.name, index).matches if c.kind == "member"]
        items.append(
            importer.ParticipantItem(
                person.name[:NAME_MAX],
                (person.organisation or "")[:NAME_MAX] or None,
                person.function,
                person.email,
                person.phone,
                organisation_id=org.id if org else None,
                organisation_label=org.label if org else None,
                in_cluster=org is not None and org.id in ours,
                member=len(people) == 1,
            )
        )
    return items


async def _add_organisations(update: Update, context: RelanceContext, press: _Press) -> None:
    """The participants' organisations become the cluster's: known ones linked, the
    others created as written (the coordinator can rename them with /organisation)."""
    draft, cluster = press.draft, press.cluster
    added: list[str] = []
    with context.deps.db.session() as session:
        for person in draft.participants:
            if person.in_cluster or not person.organisation_text:
                continue
            if person.organisation_id is None:
                name = " ".join(person.organisation_text.split())[:NAME_MAX]
                org = organisation_named(session=session, name=name) or create_organisation(
                    session=session, acronym=name, full_name=None
                )
                person.organisation_id, person.organisation_label = org.id, org.acronym
            if person.organisation_id is None:
                continue
            add_to_cluster(
                session=session, cluster_id=cluster.id, organisation_id=person.organisation_id
            )
            label = person.organisation_label or person.organisation_text
            if label not in added:
                added.append(label)
        for person in draft.participants:  # the same organisation, written again
            if person.organisation_id is not None:
                person.in_cluster = True
    # New organisations change the directory's version (its cache follows); the index of
    # this update was built before them.
    context.owner_indexes.pop(cluster.id, None)
    _reread(context, draft, cluster)  # owners written as these organisations now resolve
    if added:
        names = escape(shorten(", ".join(added), 300))
        await reply(update, texts.IMPORT_ORGANISATIONS_ADDED.format(names=names))
    await _redraw(update, context, press)


async def _invite(update: Update, context: RelanceContext, press: _Press) -> None:
    """One invitation message per participant not yet a member, sent to the coordinator
    in private, each ready to forward to its person."""
    draft, cluster = press.draft, press.cluster
    user = update.effective_user
    if user is None:
        return
    people = importer.to_invite(draft)[:MAX_INVITATIONS]
    sent = 0
    for person in people:
        assert person.organisation_id is not None
        code = secrets.token_urlsafe(12)
        with acting(context, update) as (session, by):
            create_invitation(
                session=session,
                cluster_id=cluster.id,
                organisation_id=person.organisation_id,
                display_name=person.name,
                code=code,
                by=by,
            )
        text = texts.IMPORT_INVITATION.format(
            name=escape(person.name),
            org=escape(person.organisation_label or person.organisation_text or ""),
            cluster=escape(cluster.display_name),
            link=f"https://t.me/{context.bot.username}?start={code}",
        )
        try:
            await context.bot.send_message(user.id, text, parse_mode=ParseMode.HTML)
        except Forbidden:
            await reply(update, texts.IMPORT_INVITATIONS_PRIVATE)
            break
        with context.deps.db.session() as session:  # reached them: /start need not resend it
            mark_delivered(session=session, codes=[code], now=context.now)
        person.invited = True
        sent += 1
    if sent:
        await reply(update, texts.IMPORT_INVITATIONS_SENT.format(count=sent))
    await _redraw(update, context, press)


def _record_attendance(
    session: Session, context: RelanceContext, draft: ImportDraft, cluster: ClusterView
) -> tuple[int | None, str | None]:
    """The meeting the minutes are of, with who attended; and what to say of it."""
    if draft.held_on is None or not draft.held_on_given:
        return None, texts.IMPORT_ATTENDANCE_NO_DAY if draft.participants else None
    try:
        meeting_id = meeting_held_on(
            session=session,
            cluster_id=cluster.id,
            day=draft.held_on,
            tz=cluster.tz,
            now=context.now,
        )
    except NotHeldYet:
        return None, None
    if not draft.participants:
        return meeting_id, None
    summary = record_attendance(
        session=session,
        meeting_id=meeting_id,
        participants=[
            ParticipantInput(
                name=p.name,
                organisation_text=p.organisation_text,
                organisation_id=p.organisation_id,
                function=p.function,
                email=p.email,
                phone=p.phone,
            )
            for p in draft.participants
        ],
        now=context.now,
    )
    count = summary.added + summary.already_there
    return meeting_id, texts.IMPORT_ATTENDANCE.format(day=day_text(draft.held_on), count=count)


async def _create_all(update: Update, context: RelanceContext, press: _Press) -> None:
    """Every new row in one transaction, with the meeting's attendance and the end of the
    import: all stored, or none."""
    query, draft, cluster = update.callback_query, press.draft, press.cluster
    assert query is not None
    with acting(context, update) as (session, by):
        # Checked again now: someone may have logged one of these since the preview.
        existing = find_duplicates(
            session=session,
            cluster_id=cluster.id,
            descriptions=[i.description for i in draft.items],
            earlier=[i.description for i in draft.items if i.follow_up],
        )
        meeting_id, attendance = _record_attendance(session, context, draft, cluster)
        new = [i for i in draft.items if fold_description(i.description) not in existing]
        created = [
            _create(session, cluster, item, by, meeting_id)
            for item in new
            if not importer.becomes_decision(item)
        ]
        decided = [i.description for i in new if importer.becomes_decision(i)]
        recorded = record_minutes_decisions(
            session=session, cluster_id=cluster.id, meeting_id=meeting_id, texts=decided, by=by
        )
        context.conversations.close(press.asked.id, session=session)
    skipped = len(draft.items) - len(new)
    summary = _created_summary(created, skipped=skipped, decisions=len(decided))
    lines = [summary, *_decisions_summary(len(recorded), len(decided) - len(recorded))]
    lines = [line for line in lines if line]
    await query.answer(plain(lines[0]))
    lines += [*([attendance] if attendance else []), *([texts.IMPORT_SEE_THEM] if created else [])]
    await edit_or_reply(update, "\n".join(lines))


DESCRIPTION_IN_LONG_ROW = 500


def _create(
    session: Session, cluster: ClusterView, item: ImportItem, by: Author, meeting_id: int | None
) -> int:
    """One action of the minutes: its context is its first comment, a follow-up's status
    its status."""
    description, context = item.description, item.context
    if len(description) > DESCRIPTION_MAX:  # the whole text stays, as the first comment
        description = shorten(description, DESCRIPTION_IN_LONG_ROW)
        context = "\n".join(filter(None, [item.description, item.context]))
    # A decision no one was named for is the coordination's to carry, as /action's rule
    # that every action has an owner wants; the preview said so.
    owners = item.owners or [OwnerInput(OwnerKind.COORDINATORS, texts.COORDINATION_OWNER)]
    action = create_action(
        session=session,
        cluster_id=cluster.id,
        description=description,
        owners=owners,
        deadline=item.deadline,
        by=by,
        meeting_id=meeting_id,
    )
    if context:
        comment = shorten(texts.IMPORT_CONTEXT_COMMENT.format(context=context), COMMENT_MAX)
        add_comment(session=session, action_id=action.id, text=comment, by=by)
    status = importer.status_of(item.status_text)
    if status is not None and status != action.status:
        change_status(session=session, action_id=action.id, status=status, expected=None, by=by)
    return action.id


def _created_summary(created: list[int], *, skipped: int, decisions: int = 0) -> str:
    if not created and decisions:
        return texts.IMPORT_SKIPPED.format(count=skipped) if skipped else ""
    if not created:
        return texts.IMPORT_NOTHING_TO_CREATE
    if len(created) == 1:
        summary = texts.IMPORT_CREATED_ONE.format(first=created[0])
    else:
        summary = texts.IMPORT_CREATED.format(
            count=len(created), first=created[0], last=created[-1]
        )
    return f"{summary} {texts.IMPORT_SKIPPED.format(count=skipped)}" if skipped else summary


_OPS: dict[ImportOp, Callable[[Update, RelanceContext, _Press], Awaitable[None]]] = {
    ImportOp.CREATE: _create_all,
    ImportOp.CANCEL: _cancel,
    ImportOp.FIX: _fix,
    ImportOp.FIX_DESCRIPTION: _fix_part,
    ImportOp.FIX_OWNERS: _fix_part,
    ImportOp.FIX_DEADLINE: _fix_part,
    ImportOp.BACK: _back,
    ImportOp.PAGE: _page,
    ImportOp.MEETING: _meeting,
    ImportOp.UNDATED_TO_MEETING: _undated_to_meeting,
    ImportOp.UNDATED_TO_DATE: _ask_date,
    ImportOp.HELD_ON: _ask_date,
    ImportOp.SUGGESTED: _take_suggested,
    ImportOp.ORGANISATIONS: _add_organisations,
    ImportOp.INVITE: _invite,
}


# --- Decisions: the rows with no owner and no deadline ---------------------------------------


def _decisions_summary(recorded: int, known: int) -> list[str]:
    lines = []
    if recorded:
        lines.append(texts.IMPORT_DECISIONS_RECORDED.format(count=recorded))
    if known:
        lines.append(texts.IMPORT_DECISIONS_KNOWN.format(count=known))
    return lines
