"""The next meeting: /reunion to set, move or see it, /ordre_du_jour for its agenda, and the
buttons under it (move, cancel with confirmation, agenda)."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from telegram import Update

from bot import keyboards, render, texts
from bot.callbacks import MeetingButton, MeetingOp
from bot.context import RelanceContext
from bot.conversation import Asked, MeetingEdit, MeetingField
from bot.handlers.common import edit_or_reply, pose, reply
from bot.handlers.guards import (
    cluster_by_id,
    command_body,
    coordinator_press,
    group_cluster,
    is_coordinator,
    is_private,
    visible_clusters,
)
from bot.render import escape
from language.meetings import MeetingWhen, Refusal, read_meeting
from storage.meetings import (
    cancel_next_meeting,
    next_meeting,
    next_meetings,
    schedule_next_meeting,
    set_meeting_agenda,
)
from storage.views import ClusterView, MeetingView

PLACE_MAX = 200
AGENDA_MAX = 3000

_REFUSAL = {
    Refusal.UNREADABLE: texts.MEETING_UNREADABLE,
    Refusal.VAGUE: texts.MEETING_VAGUE,
    Refusal.PAST: texts.MEETING_PAST,
    Refusal.NEEDS_HOUR: texts.MEETING_NEEDS_HOUR,
    Refusal.NOT_AT_START: texts.MEETING_DATE_FIRST,
}


def _next(context: RelanceContext, cluster: ClusterView) -> MeetingView | None:
    with context.deps.db.session() as session:
        return next_meeting(session=session, cluster_id=cluster.id, now=context.now)


async def meeting_command(update: Update, context: RelanceContext) -> None:
    """/reunion shows the next meeting; /reunion 2 mai 14h30 bureau du PNUD sets or moves it."""
    body = command_body(update)
    if is_private(update):
        await (reply(update, texts.MEETING_PRIVATE_SET) if body else _show_mine(update, context))
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
    elif not body:
        await _show(update, context, cluster)
    elif not await is_coordinator(update, context, cluster):
        await reply(update, texts.COORDINATOR_ONLY)
    elif (problem := await _schedule(update, context, cluster, body)) is not None:
        await reply(update, problem)


async def _show(update: Update, context: RelanceContext, cluster: ClusterView) -> None:
    meeting = _next(context, cluster)
    if meeting is None:
        await reply(
            update, render.no_meeting(cluster.display_name) + "\n" + texts.MEETING_NONE_HINT
        )
        return
    text = render.meeting_card(meeting, cluster_name=cluster.display_name, tz=cluster.tz)
    # Only the buttons depend on it: the cached list's no is enough, Telegram is not asked.
    coordinator = await is_coordinator(update, context, cluster, recheck=False)
    await reply(update, text, keyboards.meeting(meeting) if coordinator else None)


async def _show_mine(update: Update, context: RelanceContext) -> None:
    """In private: the next meeting of each of the person's clusters."""
    clusters = visible_clusters(update, context)
    if isinstance(clusters, str):
        await reply(update, clusters)
        return
    with context.deps.db.session() as session:
        found = next_meetings(
            session=session, cluster_ids=[c.id for c in clusters], now=context.now
        )
    parts = [
        render.meeting_card(found[c.id], cluster_name=c.display_name, tz=c.tz)
        if c.id in found
        else render.no_meeting(c.display_name)
        for c in clusters
    ]
    for chunk in render.split_message("\n\n".join(parts)):
        await reply(update, chunk)


def _refusal(refusal: Refusal, text: str) -> str:
    return _REFUSAL[refusal].format(text=escape(text[:80]))


async def _schedule(
    update: Update, context: RelanceContext, cluster: ClusterView, text: str
) -> str | None:
    """Set or move the meeting from typed text; the French hint instead if unreadable."""
    now, tz = context.now, cluster.tz
    when = read_meeting(text, now=now, tz=tz)
    if not isinstance(when, MeetingWhen):
        return _refusal(when, text)
    if when.place is not None and len(when.place) > PLACE_MAX:
        return texts.MEETING_PLACE_TOO_LONG.format(length=len(when.place), max=PLACE_MAX)
    with context.deps.db.session() as session:
        change = schedule_next_meeting(
            session=session,
            cluster_id=cluster.id,
            starts_at=when.starts_at,
            has_time=when.has_time,
            place=when.place,
            now=now,
        )
    await reply(update, render.meeting_change(change, tz), keyboards.meeting(change.meeting))
    return None


async def agenda_command(update: Update, context: RelanceContext) -> None:
    """/ordre_du_jour shows the agenda (and asks a coordinator for it); with text, sets it."""
    body = command_body(update)
    if is_private(update):
        await (reply(update, texts.AGENDA_PRIVATE_SET) if body else _show_mine(update, context))
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return
    coordinator = await is_coordinator(update, context, cluster, recheck=bool(body))
    if body and not coordinator:
        await reply(update, texts.COORDINATOR_ONLY)
    elif body:
        if (problem := await _set_agenda(update, context, cluster, body)) is not None:
            await reply(update, problem)
    else:
        await _show_agenda(update, context, cluster, coordinator)


async def _show_agenda(
    update: Update, context: RelanceContext, cluster: ClusterView, coordinator: bool
) -> None:
    """The next meeting with its agenda; a coordinator is asked for the agenda as well."""
    meeting = _next(context, cluster)
    if meeting is None:
        hint = texts.AGENDA_NO_MEETING if coordinator else texts.MEETING_NONE_HINT
        await reply(update, render.no_meeting(cluster.display_name) + "\n" + hint)
        return
    tz = cluster.tz
    card = render.meeting_card(meeting, cluster_name=cluster.display_name, tz=tz)
    if coordinator:
        await _ask(update, context, cluster, "agenda", f"{card}\n\n{texts.AGENDA_ASK}")
    else:
        await reply(update, card)


async def _set_agenda(
    update: Update, context: RelanceContext, cluster: ClusterView, text: str
) -> str | None:
    """Store the agenda as typed; the French hint instead when too long."""
    # Trailing spaces and blank lines around the points are noise; the points stay as typed.
    text = re.sub(r"[ \t]+\n", "\n", text).strip()
    if len(text) > AGENDA_MAX:
        return texts.AGENDA_TOO_LONG.format(length=len(text), max=AGENDA_MAX)
    with context.deps.db.session() as session:
        meeting = set_meeting_agenda(
            session=session, cluster_id=cluster.id, agenda=text, now=context.now
        )
    if meeting is None:
        await reply(
            update, render.no_meeting(cluster.display_name) + "\n" + texts.AGENDA_NO_MEETING
        )
        return None
    when = render.meeting_when(meeting, cluster.tz)
    await reply(update, texts.AGENDA_SET.format(meeting=when, agenda=escape(text)))
    return None


async def _ask(
    update: Update,
    context: RelanceContext,
    cluster: ClusterView,
    field: MeetingField,
    question: str,
) -> None:
    await pose(update, context, MeetingEdit(cluster.id, field), question)


async def answered(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """The answer to "new date?" or "agenda?": the right is checked again now."""
    edit = asked.state
    assert isinstance(edit, MeetingEdit)
    cluster = cluster_by_id(context, edit.cluster_id)
    if cluster is None or not await is_coordinator(update, context, cluster):
        context.conversations.close(asked.id)
        await reply(update, texts.COORDINATOR_ONLY if cluster else texts.EXCHANGE_EXPIRED)
        return
    change = _schedule if edit.field == "date" else _set_agenda
    problem = await change(update, context, cluster, text)
    if problem is None:
        context.conversations.close(asked.id)
    else:
        await pose(update, context, edit, problem, replacing=asked.id)


async def meeting_button(update: Update, context: RelanceContext) -> None:
    """Move, cancel (confirmed), keep, agenda: coordinators only, checked at each press."""
    pressed = await coordinator_press(update, context, MeetingButton)
    if pressed is None:
        return
    button, cluster, query = pressed
    meeting = _next(context, cluster)
    if meeting is None or meeting.id != button.meeting_id:
        await query.answer(texts.MEETING_CHANGED, show_alert=True)
        await _refresh(update, context, cluster, meeting)
        return
    if button.op != MeetingOp.CANCEL_CONFIRMED:
        await query.answer()  # cancelling answers with whether it could
    await _OPS[button.op](update, context, cluster, meeting)


async def _move(
    update: Update, context: RelanceContext, cluster: ClusterView, meeting: MeetingView
) -> None:
    await _ask(update, context, cluster, "date", texts.MEETING_MOVE_ASK)


async def _agenda(
    update: Update, context: RelanceContext, cluster: ClusterView, meeting: MeetingView
) -> None:
    question = f"{render.agenda_text(meeting)}\n\n{texts.AGENDA_ASK}"
    await _ask(update, context, cluster, "agenda", question)


async def _confirm_cancel(
    update: Update, context: RelanceContext, cluster: ClusterView, meeting: MeetingView
) -> None:
    tz = cluster.tz
    card = render.meeting_card(meeting, cluster_name=cluster.display_name, tz=tz)
    text = f"{card}\n\n{texts.MEETING_CANCEL_CONFIRM}"
    await edit_or_reply(update, text, keyboards.confirm_meeting_cancel(meeting))


async def _cancel(
    update: Update, context: RelanceContext, cluster: ClusterView, meeting: MeetingView
) -> None:
    query = update.callback_query
    assert query is not None
    with context.deps.db.session() as session:
        cancelled = cancel_next_meeting(
            session=session,
            cluster_id=cluster.id,
            meeting_id=meeting.id,
            now=context.now,
        )
    if cancelled is None:  # moved or cancelled by someone else in between
        await query.answer(texts.MEETING_CHANGED, show_alert=True)
        await _refresh(update, context, cluster, _next(context, cluster))
        return
    await query.answer()
    await edit_or_reply(update, render.meeting_cancelled(cancelled, cluster.tz))


async def _refresh(
    update: Update, context: RelanceContext, cluster: ClusterView, meeting: MeetingView | None
) -> None:
    """Redraw an outdated message with the meeting as it is now."""
    if meeting is None:
        await edit_or_reply(update, render.no_meeting(cluster.display_name))
        return
    text = render.meeting_card(meeting, cluster_name=cluster.display_name, tz=cluster.tz)
    await edit_or_reply(update, text, keyboards.meeting(meeting))


_Op = Callable[[Update, RelanceContext, ClusterView, MeetingView], Awaitable[None]]
_OPS: dict[MeetingOp, _Op] = {
    MeetingOp.MOVE: _move,
    MeetingOp.AGENDA: _agenda,
    MeetingOp.CANCEL: _confirm_cancel,
    MeetingOp.KEEP: _refresh,  # "keep it": the meeting shown as it is, with its buttons
    MeetingOp.CANCEL_CONFIRMED: _cancel,
}
