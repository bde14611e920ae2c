"""/importer: a pasted table or the minutes as .docx become tracked actions in one tap."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Update

from bot import importer, keyboards, texts
from bot.callbacks import ImportButton, ImportOp, decode
from bot.context import RelanceContext
from bot.handlers.common import (
    acting,
    ask,
    cluster_by_id,
    edit_or_reply,
    group_cluster,
    is_coordinator,
    is_private,
    reply,
    tz_of,
)
from bot.pending import ImportDraft, ImportItem, ImportWait
from bot.render import deadline_text, escape
from bot.resolve import deadline_value, looks_like_deadline, owner_index
from language.action_text import split_action_text
from language.minutes_docx import CorruptDocx, NotADocx, read_minutes_docx
from language.tables import ImportRow, parse_pasted_table
from storage.actions import create_action, find_duplicates, fold_description
from storage.meetings import meeting_deadline, set_next_meeting
from storage.members import memberships_of_user
from storage.models import DeadlinePrecision, Role
from storage.views import ClusterView, DeadlineValue

MAX_BYTES = 5 * 1024 * 1024
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _key(update: Update) -> tuple[int, int] | None:
    chat, user = update.effective_chat, update.effective_user
    return (chat.id, user.id) if chat and user else None


async def _target_cluster(update: Update, context: RelanceContext) -> ClusterView | None:
    """The cluster an import goes to, if this person coordinates it; else a French reply."""
    if is_private(update):
        user = update.effective_user
        assert user is not None
        with context.deps.db.session() as session:
            memberships = memberships_of_user(session=session, telegram_user_id=user.id)
        mine = [m.cluster for m in memberships if m.role == Role.COORDINATOR]
        if len(mine) != 1:
            await reply(
                update, texts.IMPORT_CHOOSE_GROUP if mine else texts.NOT_COORDINATOR_ANYWHERE
            )
            return None
        cluster: ClusterView | None = mine[0]
    else:
        cluster = group_cluster(update, context)
        if cluster is None:
            await reply(update, texts.NOT_A_CLUSTER)
            return None
    assert cluster is not None
    if not await is_coordinator(update, context, cluster):
        await reply(update, texts.COORDINATOR_ONLY)
        return None
    return cluster


async def import_command(update: Update, context: RelanceContext) -> None:
    """/importer: ask for the table."""
    key = _key(update)
    cluster = await _target_cluster(update, context) if key else None
    if key is None or cluster is None:
        return
    context.pending[key] = ImportWait(cluster.id)
    await ask(update, texts.IMPORT_ASK)


async def import_text(update: Update, context: RelanceContext, wait: ImportWait, text: str) -> None:
    """The pasted table, in answer to /importer."""
    parsed = parse_pasted_table(text)
    cluster = cluster_by_id(context, wait.cluster_id)
    if cluster is None:
        await reply(update, texts.IMPORT_EXPIRED)
        return
    if parsed is None or not parsed.rows:
        await reply(update, texts.IMPORT_NO_TABLE)  # still waiting: the next paste is read
        return
    await _preview_new(update, context, cluster, list(parsed.rows), next_meeting=None)


async def document(update: Update, context: RelanceContext) -> None:
    """A file sent to the bot: the minutes in Word, in answer to /importer or in private."""
    key, message = _key(update), update.effective_message
    if key is None or message is None or message.document is None:
        return
    pending = context.pending.get(key)
    if isinstance(pending, ImportWait):
        cluster = cluster_by_id(context, pending.cluster_id)
        if cluster is None or not await is_coordinator(update, context, cluster):
            await reply(update, texts.COORDINATOR_ONLY)
            return
    elif is_private(update):
        cluster = await _target_cluster(update, context)
    else:
        return  # a file shared in the group for the members, not for the bot
    if cluster is None:
        return
    doc = message.document
    if doc.file_size is not None and doc.file_size > MAX_BYTES:
        await reply(update, texts.IMPORT_TOO_BIG)
        return
    name = (doc.file_name or "").lower()
    if not name.endswith(".docx") and doc.mime_type != DOCX_MIME:
        await reply(update, texts.IMPORT_NOT_DOCX)
        return
    data = bytes(await (await context.bot.get_file(doc.file_id)).download_as_bytearray())
    if len(data) > MAX_BYTES:
        await reply(update, texts.IMPORT_TOO_BIG)
        return
    try:
        minutes = read_minutes_docx(data)
    except NotADocx:
        await reply(update, texts.IMPORT_NOT_DOCX)
        return
    except CorruptDocx:
        await reply(update, texts.IMPORT_CORRUPT)
        return
    rows = [row for table in minutes.tables for row in table.rows]
    if not rows:
        await reply(update, texts.IMPORT_NO_ACTION_TABLE)
        return
    tz = tz_of(cluster, context)
    meeting = None
    if minutes.next_meeting:
        found = deadline_value(minutes.next_meeting, now=context.now, tz=tz)
        meeting = found if isinstance(found, DeadlineValue) else None
    await _preview_new(update, context, cluster, rows, next_meeting=meeting)


def _items(
    context: RelanceContext, cluster: ClusterView, rows: list[ImportRow]
) -> list[ImportItem]:
    tz, now = tz_of(cluster, context), context.now
    with context.deps.db.session() as session:
        index = owner_index(
            session=session, cluster_id=cluster.id, cache=context.bot_data.organisations
        )

        def tied(days_before: int, text: str) -> DeadlineValue | None:
            return meeting_deadline(
                session=session, cluster_id=cluster.id, days_before=days_before, text=text, now=now
            )

        items = [
            importer.build_item(row, index=index, now=now, tz=tz, meeting_deadline=tied)
            for row in rows
        ]
        _mark_duplicates(session, cluster.id, items)
    return items


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
    rows: list[ImportRow],
    *,
    next_meeting: DeadlineValue | None,
) -> None:
    key = _key(update)
    assert key is not None
    # Rows are numbered 1..N across all the tables, so "fix row N" is never ambiguous.
    numbered = [
        ImportRow(r.description, r.owners_text, r.deadline_text, line)
        for line, r in enumerate(rows, start=1)
    ]
    draft = ImportDraft(cluster.id, _items(context, cluster, numbered), next_meeting=next_meeting)
    context.pending[key] = draft
    text, markup = _render(context, draft, cluster)
    await reply(update, text, markup)


def _render(
    context: RelanceContext, draft: ImportDraft, cluster: ClusterView
) -> tuple[str, InlineKeyboardMarkup]:
    tz = tz_of(cluster, context)
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


async def import_button(update: Update, context: RelanceContext) -> None:
    query, key = update.callback_query, _key(update)
    if query is None or key is None:
        return
    button = decode(query.data)
    draft = context.pending.get(key)
    if not isinstance(button, ImportButton) or not isinstance(draft, ImportDraft):
        await query.answer(texts.IMPORT_EXPIRED, show_alert=True)
        return
    cluster = cluster_by_id(context, draft.cluster_id)
    if cluster is None or not await is_coordinator(update, context, cluster):
        await query.answer(texts.COORDINATOR_ONLY, show_alert=True)
        return
    if button.op == ImportOp.CREATE:
        await _create_all(update, context, draft, cluster)
        return
    await query.answer()
    if button.op == ImportOp.CANCEL:
        context.pending.discard(key)
        await edit_or_reply(update, texts.IMPORT_CANCELLED)
        return
    if button.op == ImportOp.FIX and any(i.line == button.index for i in draft.items):
        draft.fixing = button.index
        context.pending[key] = draft
        item = next(i for i in draft.items if i.line == button.index)
        current = importer.current_row_text(item)
        await ask(update, texts.IMPORT_FIX_ASK.format(line=item.line, current=escape(current)))
        return
    if button.op == ImportOp.MEETING and draft.next_meeting is not None:
        await _set_meeting(update, context, draft, cluster)
    elif button.op == ImportOp.PAGE:
        draft.page = min(max(button.index, 0), importer.page_count(draft) - 1)
    context.pending[key] = draft
    text, markup = _render(context, draft, cluster)
    await edit_or_reply(update, text, markup)


async def _set_meeting(
    update: Update, context: RelanceContext, draft: ImportDraft, cluster: ClusterView
) -> None:
    """The next meeting read in the minutes becomes the cluster's; tied rows get dated."""
    found = draft.next_meeting
    assert found is not None
    assert found.due_at is not None
    tz = tz_of(cluster, context)
    has_time = found.precision == DeadlinePrecision.MOMENT
    starts_at = found.due_at if has_time else _local_midnight(found.due_at, tz)
    with context.deps.db.session() as session:
        set_next_meeting(
            session=session,
            cluster_id=cluster.id,
            starts_at=starts_at,
            has_time=has_time,
            place=None,
            now=context.now,
        )
    draft.next_meeting = None
    rows = [
        ImportRow(
            i.description, ", ".join(o.label for o in i.owners) or None, i.deadline.text, i.line
        )
        for i in draft.items
    ]
    draft.items = _items(context, cluster, rows)
    await reply(update, texts.IMPORT_MEETING_SET.format(when=deadline_text(_as_day(found), tz)))


def _local_midnight(moment: datetime, tz: ZoneInfo) -> datetime:
    local = moment.astimezone(tz)
    return datetime.combine(local.date(), time(0, 0), tzinfo=tz)


async def fix_text(update: Update, context: RelanceContext, draft: ImportDraft, text: str) -> None:
    """The corrected row, in answer to ✏️ N."""
    key = _key(update)
    cluster = cluster_by_id(context, draft.cluster_id)
    if key is None or cluster is None or draft.fixing is None:
        await reply(update, texts.IMPORT_EXPIRED)
        return
    tz, now = tz_of(cluster, context), context.now
    parts = split_action_text(text, is_deadline=lambda t: looks_like_deadline(t, now=now, tz=tz))
    old = next(i for i in draft.items if i.line == draft.fixing)
    row = ImportRow(
        parts.description or old.description,
        ", ".join(parts.owners) or None,
        parts.deadline_text,
        old.line,
    )
    [fixed] = _items(context, cluster, [row])
    draft.items = [fixed if i.line == old.line else i for i in draft.items]
    draft.page = (old.line - 1) // importer.PAGE_SIZE
    draft.fixing = None
    context.pending[key] = draft
    preview, markup = _render(context, draft, cluster)
    await reply(update, preview, markup)


async def _create_all(
    update: Update, context: RelanceContext, draft: ImportDraft, cluster: ClusterView
) -> None:
    """Every new row in one transaction: all stored, or none."""
    query, key = update.callback_query, _key(update)
    assert query is not None
    assert key is not None
    with acting(context, update) as (session, who):
        # Checked again now: someone may have logged one of these since the preview.
        existing = find_duplicates(
            session=session,
            cluster_id=cluster.id,
            descriptions=[i.description for i in draft.items],
        )
        created = [
            create_action(
                session=session,
                cluster_id=cluster.id,
                description=item.description,
                owners=item.owners,
                deadline=item.deadline,
                by=who,
            ).id
            for item in draft.items
            if fold_description(item.description) not in existing
        ]
    context.pending.discard(key)
    skipped = len(draft.items) - len(created)
    if not created:
        summary = texts.IMPORT_NOTHING_TO_CREATE
    elif len(created) == 1:
        summary = texts.IMPORT_CREATED_ONE.format(first=created[0])
    else:
        summary = texts.IMPORT_CREATED.format(
            actions=texts.plural(len(created), "action créée", "actions créées"),
            first=created[0],
            last=created[-1],
        )
    if skipped and created:
        summary += " " + texts.IMPORT_SKIPPED.format(count=skipped)
    await query.answer(summary[:200])
    await edit_or_reply(update, summary + "\n/actions pour les voir.")
