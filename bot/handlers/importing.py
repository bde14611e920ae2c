"""/importer: a pasted table or the minutes as .docx become tracked actions in one tap."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session
from telegram import Document, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import importer, keyboards, texts
from bot.callbacks import ImportButton, ImportOp, decode
from bot.context import RelanceContext
from bot.conversation import Asked, ImportWait
from bot.handlers.common import Answer, edit_or_reply, key, pose, reply
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
from bot.render import deadline_text, escape, shorten
from bot.resolve import deadline_value, known_owner, looks_like_deadline
from language.action_text import split_action_text
from language.document import FileError, NotADocx, NotAPdf, ScannedPdf
from language.minutes import Minutes, MinutesItem, read_docx, read_pdf, read_text
from storage.actions import (
    COMMENT_MAX,
    DESCRIPTION_MAX,
    add_comment,
    change_status,
    create_action,
    find_duplicates,
    fold_description,
)
from storage.meetings import meeting_deadline, schedule_next_meeting
from storage.models import DeadlinePrecision, OwnerKind
from storage.views import Author, ClusterView, DeadlineValue, OwnerInput

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
        session=session, cluster_id=cluster_id, descriptions=[i.description for i in items]
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
    draft = ImportDraft(cluster.id, [], held_on=_held_on(minutes, context, cluster))
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
    markup = keyboards.import_preview(
        lines=[i.line for i in importer.page_items(draft)],
        page=draft.page,
        pages=importer.page_count(draft),
        creatable=len(importer.creatable(draft)),
        meeting=meeting,
    )
    return importer.preview(draft, cluster_name=cluster.display_name, tz=tz), markup


def _as_day(value: DeadlineValue) -> DeadlineValue:
    return DeadlineValue(value.due_at, value.precision, None, None)


@dataclass(frozen=True)
class _Press:
    """A button pressed under a preview, by the coordinator who asked for it."""

    asked: Asked
    draft: ImportDraft
    cluster: ClusterView
    index: int


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
    await _OPS[button.op](update, context, _Press(asked, asked.state, cluster, button.index))


async def _cancel(update: Update, context: RelanceContext, press: _Press) -> None:
    context.conversations.close(press.asked.id)
    await edit_or_reply(update, texts.IMPORT_CANCELLED)


async def _fix(update: Update, context: RelanceContext, press: _Press) -> None:
    item = next((i for i in press.draft.items if i.line == press.index), None)
    if item is None:
        await _redraw(update, context, press)
        return
    press.draft.fixing = item.line
    # A row may hold a whole paragraph: the question stays within one message.
    current = escape(shorten(importer.current_row_text(item), 1500))
    question = texts.IMPORT_FIX_ASK.format(line=item.line, current=current)
    await pose(update, context, press.draft, question, replacing=press.asked.id)


async def _page(update: Update, context: RelanceContext, press: _Press) -> None:
    press.draft.page = min(max(press.index, 0), importer.page_count(press.draft) - 1)
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


async def row_fixed(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """The corrected row, in answer to ✏️ N; any other text waits for a button."""
    draft = asked.state
    assert isinstance(draft, ImportDraft)
    cluster = cluster_by_id(context, draft.cluster_id)
    old = next((i for i in draft.items if i.line == draft.fixing), None)
    if cluster is None or old is None:
        await reply(update, texts.IMPORT_WAITING if cluster else texts.IMPORT_EXPIRED)
        return
    at, tz = _read_at(context, draft, cluster), cluster.tz
    known = known_owner(owner_index_of(context, cluster.id))
    parts = split_action_text(
        text, is_deadline=lambda t: looks_like_deadline(t, now=at, tz=tz), known_owner=known
    )
    row = replace(
        importer.as_written(old),
        description=parts.description or old.description,
        owners_text=", ".join(parts.owners) or None,
        deadline_text=parts.deadline_text,
    )
    [fixed] = _items(context, cluster, [row], at)
    draft.items = [fixed if i.line == old.line else i for i in draft.items]
    draft.page = importer.page_of(draft, old.line)
    draft.fixing = None
    preview, markup = _render(context, draft, cluster)
    await pose(
        update, context, draft, preview, markup=markup, answer=Answer.OWN, replacing=asked.id
    )


async def _create_all(update: Update, context: RelanceContext, press: _Press) -> None:
    """Every new row in one transaction, with the end of the import: all stored, or none."""
    query, draft, cluster = update.callback_query, press.draft, press.cluster
    assert query is not None
    with acting(context, update) as (session, by):
        # Checked again now: someone may have logged one of these since the preview.
        existing = find_duplicates(
            session=session,
            cluster_id=cluster.id,
            descriptions=[i.description for i in draft.items],
        )
        created = [
            _create(session, cluster, item, by)
            for item in draft.items
            if fold_description(item.description) not in existing
        ]
        context.conversations.close(press.asked.id, session=session)
    summary = _created_summary(created, skipped=len(draft.items) - len(created))
    await query.answer(summary[:200])
    await edit_or_reply(update, f"{summary}\n{texts.IMPORT_SEE_THEM}")


DESCRIPTION_IN_LONG_ROW = 500


def _create(session: Session, cluster: ClusterView, item: ImportItem, by: Author) -> int:
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
    )
    if context:
        comment = shorten(texts.IMPORT_CONTEXT_COMMENT.format(context=context), COMMENT_MAX)
        add_comment(session=session, action_id=action.id, text=comment, by=by)
    status = importer.status_of(item.status_text)
    if status is not None and status != action.status:
        change_status(session=session, action_id=action.id, status=status, expected=None, by=by)
    return action.id


def _created_summary(created: list[int], *, skipped: int) -> str:
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
    ImportOp.PAGE: _page,
    ImportOp.MEETING: _meeting,
}
