"""/exporter: the cluster's tracker as a workbook; the tracker sent back, previewed, applied.

Who gets what is bot/handlers/exports.py's rule: a cluster's coordinators the whole, a
focal point their organisation's part. Only a coordinator of every cluster a tracker holds
may send it back (rights.Act.EXPORT), checked when the file comes and again at Appliquer.
"""

from __future__ import annotations

import asyncio
import html
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from sqlmodel import Session
from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest

from bot import keyboards, render, texts
from bot.callbacks import TrackerButton, TrackerOp, decode
from bot.context import RelanceContext
from bot.conversation import Asked, TrackerReview
from bot.documents.tracker_data import (
    Change,
    FileProblem,
    NewAction,
    Problem,
    ProblemKind,
    Reading,
    Returned,
    TrackerSheets,
    understand,
)
from bot.handlers.common import Answer, edit_or_reply, key, plain, pose, reply
from bot.handlers.exports import export_scope, part_action_ids, send_file
from bot.handlers.guards import (
    act_refusal,
    acting,
    cluster_by_id,
    group_cluster,
    is_private,
    owner_index_of,
    pressed_question,
)
from bot.render import escape, shorten
from bot.resolve import NoNextMeeting, cluster_deadline, known_owner, resolve_all, undated_value
from bot.rights import Act
from language.action_text import split_owners
from language.deadlines import Undated
from language.folding import fold
from storage.actions import find_duplicates, fold_description
from storage.models import Status
from storage.tracker import (
    TrackerEdit,
    TrackerField,
    TrackerNew,
    apply_tracker,
    organisation_summary,
    tracker_decisions,
    tracker_rows,
)
from storage.views import ClusterView, DeadlineValue, OwnerInput

MAX_BYTES = 5 * 1024 * 1024
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_BUDGET = 3300  # characters of lines per preview page: the head and buttons take the rest


# --- /exporter ---------------------------------------------------------------------------------


async def export_command(update: Update, context: RelanceContext) -> None:
    """/exporter: the tracker of the cluster (or of the person's organisation) as .xlsx."""
    scope = await export_scope(update, context, command="exporter")
    if isinstance(scope, str):
        await reply(update, scope)
        return
    ids = part_action_ids(context, scope)
    title = scope.part.who if scope.part else " · ".join(c.display_name for c in scope.clusters)
    with context.deps.db.session() as session:
        rows = tracker_rows(session=session, cluster_ids=scope.cluster_ids, action_ids=ids)
        decisions = tracker_decisions(session=session, cluster_ids=scope.cluster_ids)
    if not rows:
        empty = texts.TRACKER_EMPTY_PART if scope.part else texts.TRACKER_EMPTY
        await reply(update, empty.format(title=escape(title)))
        return
    sheets = TrackerSheets(
        title=title,
        rows=rows,
        decisions=decisions,
        summary=organisation_summary(rows, now=context.now),
        cluster_ids=scope.cluster_ids,
        several_clusters=len(scope.clusters) > 1,
    )
    tz = scope.clusters[0].tz
    from bot.documents.tracker import write_tracker  # openpyxl: loaded by the first export

    data = await asyncio.to_thread(write_tracker, sheets, now=context.now, tz=tz)
    name = scope.part.who if scope.part else (scope.clusters[0].short_name or "cluster")
    day = context.now.astimezone(tz).strftime("%Y-%m-%d")
    file_name = texts.TRACKER_FILE_NAME.format(name=_file_part(name), day=day)
    caption = (texts.TRACKER_CAPTION_PART if scope.part else texts.TRACKER_CAPTION).format(
        title=escape(shorten(title, 200)),
        actions=texts.plural(len(rows), "action"),
        decisions=texts.plural(len(decisions), "décision"),
    )
    await send_file(update, data, file_name=file_name, caption=caption)


def _file_part(name: str) -> str:
    kept = "".join(ch if ch.isalnum() else "-" for ch in fold(name))
    return "-".join(part for part in kept.split("-") if part)[:40] or "cluster"


# --- The tracker sent back ---------------------------------------------------------------------


async def tracker_file(update: Update, context: RelanceContext) -> None:
    """An .xlsx sent to the bot: a tracker sent back, read, checked, previewed."""
    returned = await _returned(update, context)
    if returned is None:
        return
    clusters = await _clusters_allowed(update, context, returned)
    if clusters is None:
        return
    review = _review(context, returned, clusters)
    if not (review.changes or review.new_actions or review.problems):
        day = render.meeting_day(review.exported_at, clusters[0].tz)
        await reply(update, texts.TRACKER_NOTHING.format(day=day))
        return
    text, markup = _render(review, clusters[0])
    if not (review.changes or review.new_actions):
        await reply(update, text)  # only unreadable rows: nothing to wait for
        return
    await pose(update, context, review, text, markup=markup, answer=Answer.OWN)


async def _returned(update: Update, context: RelanceContext) -> Returned | None:
    """The returned workbook read, or None once the person is told what is wrong. In a
    group only a file in reply to the bot is for it."""
    message = update.effective_message
    if message is None or message.document is None:
        return None
    replied = message.reply_to_message
    if not is_private(update) and (
        replied is None or replied.from_user is None or replied.from_user.id != context.bot.id
    ):
        return None
    doc = message.document
    if doc.file_size is not None and doc.file_size > MAX_BYTES:
        await reply(update, texts.TRACKER_TOO_BIG)
        return None
    try:
        data = bytes(await (await context.bot.get_file(doc.file_id)).download_as_bytearray())
    except BadRequest:
        await reply(update, texts.IMPORT_DOWNLOAD_FAILED)
        return None
    if len(data) > MAX_BYTES:
        await reply(update, texts.TRACKER_TOO_BIG)
        return None
    from bot.documents.tracker import read_tracker  # openpyxl: loaded by the first file

    found = await asyncio.to_thread(read_tracker, data)
    if isinstance(found, FileProblem):
        problems = {
            FileProblem.CORRUPT: texts.TRACKER_CORRUPT,
            FileProblem.NOT_TRACKER: texts.TRACKER_NOT_TRACKER,
            FileProblem.TOO_BIG: texts.TRACKER_UNPACKS_TOO_BIG,
        }
        await reply(update, problems[found])
        return None
    return found


async def _clusters_allowed(
    update: Update, context: RelanceContext, returned: Returned
) -> list[ClusterView] | None:
    """The tracker's clusters, when this person coordinates every one of them (and, in a
    group, it is the group's); None once they are told why not."""
    clusters = [cluster_by_id(context, c) for c in returned.cluster_ids]
    known = [c for c in clusters if c is not None]
    if len(known) != len(clusters):
        await reply(update, texts.TRACKER_UNKNOWN_CLUSTER)
        return None
    names = ", ".join(escape(c.display_name) for c in known)
    here = group_cluster(update, context)
    if not is_private(update) and (here is None or [c.id for c in known] != [here.id]):
        await reply(update, texts.TRACKER_OTHER_CLUSTER.format(names=names))
        return None
    if await _refused(update, context, known):
        await reply(update, texts.TRACKER_NOT_COORDINATOR.format(names=names))
        return None
    return known


async def _refused(update: Update, context: RelanceContext, clusters: list[ClusterView]) -> bool:
    for cluster in clusters:
        if await act_refusal(update, context, Act.EXPORT, cluster) is not None:
            return True
    return False


def _review(
    context: RelanceContext, returned: Returned, clusters: list[ClusterView]
) -> TrackerReview:
    """What the file changes, against the chat as it is now."""
    tz = clusters[0].tz
    by_id = {c.id: c for c in clusters}
    with context.deps.db.session() as session:
        current = tracker_rows(
            session=session, cluster_ids=list(by_id), action_ids=list(returned.exported)
        )

        def read_deadline(cluster_id: int, typed: str) -> DeadlineValue | None:
            cluster = by_id[cluster_id]
            value = cluster_deadline(
                typed, session=session, cluster_id=cluster_id, now=context.now, tz=cluster.tz
            )
            if isinstance(value, Undated):
                return undated_value(typed)
            return None if value is None or isinstance(value, NoNextMeeting) else value

        reading = Reading(
            current={r.id: r for r in current},
            read_deadline=read_deadline,
            read_owners=lambda cluster_id, typed: _owners(context, cluster_id, typed),
            cluster_named=lambda name: _cluster_named(clusters, name),
            show_deadline=lambda value: html.unescape(render.deadline_text(value, tz)),
            tz=tz,
        )
        understood = understand(returned, reading)
        _drop_known(session, understood.new_actions, understood.problems)
    title = " · ".join(c.display_name for c in clusters)
    return TrackerReview(
        cluster_ids=tuple(by_id),
        title=title,
        exported_at=returned.exported_at,
        changes=understood.changes,
        new_actions=understood.new_actions,
        problems=understood.problems,
        missing=understood.missing,
    )


def _owners(context: RelanceContext, cluster_id: int, typed: str) -> list[OwnerInput]:
    """Owners as /importer reads them: known names resolved, the others kept as typed."""
    index = owner_index_of(context, cluster_id)
    return resolve_all(split_owners(typed, known=known_owner(index)), index)[0]


def _cluster_named(clusters: list[ClusterView], name: str) -> int | None:
    wanted = fold(name)
    for cluster in clusters:
        names = {fold(cluster.name), fold(cluster.display_name)}
        if cluster.short_name:
            names.add(fold(cluster.short_name))
        if wanted in names:
            return cluster.id
    return None


def _drop_known(session: Session, new: list[NewAction], problems: list[Problem]) -> None:
    """A new row an open action already says (the same file sent twice) is not doubled."""
    for cluster_id in {n.cluster_id for n in new}:
        mine = [n for n in new if n.cluster_id == cluster_id]
        known = find_duplicates(
            session=session, cluster_id=cluster_id, descriptions=[n.description for n in mine]
        )
        for row in mine:
            found = known.get(fold_description(row.description))
            if found is not None:
                new.remove(row)
                problems.append(Problem(row.line, ProblemKind.ALREADY, str(found)))


# --- The preview -------------------------------------------------------------------------------


def _applicable(review: TrackerReview) -> int:
    return sum(1 for c in review.changes if not c.conflict or c.take_file) + len(review.new_actions)


def _change_line(change: Change) -> str:
    new, old = escape(shorten(change.new_text, 300)), escape(shorten(change.exported, 120))
    if change.conflict:
        kept = texts.TRACKER_KEEP_FILE if change.take_file else texts.TRACKER_KEEP_CHAT
        return texts.TRACKER_CONFLICT.format(
            id=change.action_id,
            field=texts.TRACKER_FIELD[change.field],
            old=old,
            new=new,
            chat=escape(shorten(change.chat_text, 120)),
            kept=kept,
        )
    if change.field == TrackerField.STATUS:
        return texts.TRACKER_CHANGE_STATUS.format(id=change.action_id, old=old, new=new)
    if change.field == TrackerField.DEADLINE:
        return texts.TRACKER_CHANGE_DEADLINE.format(id=change.action_id, old=old, new=new)
    return texts.TRACKER_CHANGE_COMMENT.format(id=change.action_id, text=new)


def _lines(review: TrackerReview, tz_cluster: ClusterView) -> list[tuple[str, int | None]]:
    """Every line of the preview's body, with the change it shows when it is a conflict."""
    lines: list[tuple[str, int | None]] = [
        (_change_line(c), i if c.conflict else None) for i, c in enumerate(review.changes)
    ]
    for new in review.new_actions:
        owners = escape(shorten(", ".join(o.label for o in new.owners), 200)) or texts.NO_OWNER
        line = texts.TRACKER_NEW.format(
            description=escape(shorten(new.description, 300)),
            owners=owners,
            deadline=render.deadline_text(new.deadline, tz_cluster.tz),
        )
        if new.status is not None and new.status != Status.TODO:
            line += texts.TRACKER_NEW_STATUS.format(status=texts.STATUS_LABEL[new.status])
        lines.append((line, None))
    if review.problems:
        lines.append(("\n" + texts.TRACKER_PROBLEMS, None))
        for problem in sorted(review.problems, key=lambda p: p.line):
            shown = texts.TRACKER_PROBLEM[problem.kind].format(
                line=problem.line, text=escape(shorten(problem.text, 80))
            )
            lines.append((shown, None))
        lines.append((texts.TRACKER_FIX_AND_RESEND, None))
    return lines


def _pages(lines: list[tuple[str, int | None]]) -> list[list[tuple[str, int | None]]]:
    pages: list[list[tuple[str, int | None]]] = [[]]
    used = 0
    for line in lines:
        if pages[-1] and used + len(line[0]) + 1 > PAGE_BUDGET:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += len(line[0]) + 1
    return pages


def _render(review: TrackerReview, cluster: ClusterView) -> tuple[str, InlineKeyboardMarkup]:
    pages = _pages(_lines(review, cluster))
    page = min(review.page, len(pages) - 1)
    head = [
        texts.TRACKER_PREVIEW_TITLE.format(
            title=escape(shorten(review.title, 200)),
            day=render.meeting_day(review.exported_at, cluster.tz),
        ),
        texts.TRACKER_PREVIEW_COUNTS.format(
            changes=texts.plural(len(review.changes), "changement"),
            new=texts.plural(len(review.new_actions), "nouvelle action", "nouvelles actions"),
        ),
    ]
    conflicts = [i for i, c in enumerate(review.changes) if c.conflict]
    if conflicts:
        head.append(texts.TRACKER_PREVIEW_CONFLICTS.format(count=len(conflicts)))
    if review.missing:
        head.append(texts.TRACKER_MISSING.format(count=review.missing))
    body = [line for line, _ in pages[page]]
    tail = [texts.TRACKER_PAGE.format(page=page + 1, pages=len(pages))] if len(pages) > 1 else []
    text = "\n".join([*head, "", *body, *(["", *tail] if tail else [])])
    shown = [
        (
            i,
            review.changes[i].action_id,
            texts.TRACKER_FIELD[review.changes[i].field],
            review.changes[i].take_file,
        )
        for _, i in pages[page]
        if i is not None
    ]
    markup = keyboards.tracker_preview(
        conflicts=shown,
        all_conflicts=len(conflicts),
        page=page,
        pages=len(pages),
        applicable=_applicable(review),
    )
    return text, markup


# --- Its buttons -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Press:
    asked: Asked
    review: TrackerReview
    clusters: list[ClusterView]
    button: TrackerButton


async def tracker_button(update: Update, context: RelanceContext) -> None:
    """Appliquer, Annuler, a page, the file's or the chat's value of a conflict."""
    query = update.callback_query
    button = decode(query.data) if query else None
    asked = await pressed_question(update, context, TrackerReview, texts.TRACKER_EXPIRED)
    if query is None or asked is None:
        return
    if not isinstance(button, TrackerButton):
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    assert isinstance(asked.state, TrackerReview)
    clusters = [cluster_by_id(context, c) for c in asked.state.cluster_ids]
    known = [c for c in clusters if c is not None]
    if len(known) != len(clusters) or await _refused(update, context, known):
        await query.answer(plain(texts.COORDINATOR_ONLY), show_alert=True)
        return
    if button.op != TrackerOp.APPLY:
        await query.answer()
    await _OPS[button.op](update, context, _Press(asked, asked.state, known, button))


async def _redraw(update: Update, context: RelanceContext, press: _Press) -> None:
    person = key(update, context)
    if person is not None:
        context.conversations.save(person, press.review, context.now, replacing=press.asked.id)
    text, markup = _render(press.review, press.clusters[0])
    await edit_or_reply(update, text, markup)


async def _page(update: Update, context: RelanceContext, press: _Press) -> None:
    press.review.page = press.button.index
    await _redraw(update, context, press)


async def _choose(update: Update, context: RelanceContext, press: _Press) -> None:
    op, changes = press.button.op, press.review.changes
    if op in (TrackerOp.ALL_FILE, TrackerOp.ALL_CHAT):
        for change in changes:
            if change.conflict:
                change.take_file = op == TrackerOp.ALL_FILE
    elif press.button.index < len(changes) and changes[press.button.index].conflict:
        changes[press.button.index].take_file = op == TrackerOp.TAKE_FILE
    await _redraw(update, context, press)


async def _cancel(update: Update, context: RelanceContext, press: _Press) -> None:
    context.conversations.close(press.asked.id)
    await edit_or_reply(update, texts.TRACKER_CANCELLED)


async def _apply(update: Update, context: RelanceContext, press: _Press) -> None:
    """Every change understood, in one transaction, and the end of the preview with it: a
    second tap finds no preview and changes nothing."""
    query, review = update.callback_query, press.review
    assert query is not None
    edits = [
        TrackerEdit(c.action_id, c.field, c.seen, c.status, c.deadline, c.comment)
        for c in review.changes
        if not c.conflict or c.take_file
    ]
    new = [
        TrackerNew(n.cluster_id, n.description, tuple(n.owners), n.deadline, n.status)
        for n in review.new_actions
    ]
    with acting(context, update) as (session, by):
        applied = apply_tracker(
            session=session, cluster_ids=review.cluster_ids, edits=edits, new=new, by=by
        )
        context.conversations.close(press.asked.id, session=session)
    created = ""
    if applied.created:
        ids = ", ".join(str(i) for i in applied.created)
        created = texts.TRACKER_APPLIED_CREATED.format(count=len(applied.created), ids=ids)
    changes = texts.TRACKER_APPLIED_CHANGES.format(
        count=applied.changes, actions=len(applied.changed)
    )
    lines = [texts.TRACKER_APPLIED.format(changes=changes, created=created)]
    if applied.overtaken:
        ids = ", ".join(str(i) for i in applied.overtaken[:50])
        lines.append(texts.TRACKER_OVERTAKEN.format(ids=ids))
    await query.answer(plain(lines[0]))
    await edit_or_reply(update, "\n".join(lines))


_OPS: dict[TrackerOp, Callable[[Update, RelanceContext, _Press], Awaitable[None]]] = {
    TrackerOp.APPLY: _apply,
    TrackerOp.CANCEL: _cancel,
    TrackerOp.PAGE: _page,
    TrackerOp.TAKE_FILE: _choose,
    TrackerOp.TAKE_CHAT: _choose,
    TrackerOp.ALL_FILE: _choose,
    TrackerOp.ALL_CHAT: _choose,
}


async def typed_answer(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """Text typed while a tracker's preview waits: its buttons answer it."""
    await reply(update, texts.TRACKER_USE_BUTTONS)
