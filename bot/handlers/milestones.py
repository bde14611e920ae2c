"""Milestones: /echeance adds one, its button deletes it; /echeances shows the coming days."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

from telegram import Update

from bot import keyboards, render, texts
from bot.callbacks import MilestoneButton
from bot.context import RelanceContext
from bot.handlers.common import edit_or_reply, reply
from bot.handlers.guards import (
    acting,
    command_body,
    coordinator_in_group,
    coordinator_press,
    visible_clusters,
)
from bot.render import CalendarScope, escape
from language.meetings import MilestoneText, Refusal, read_milestone
from storage.actions import list_open_actions, open_actions_due_between
from storage.meetings import next_meetings
from storage.milestones import (
    cancel_milestone,
    create_milestone,
    get_milestone,
    upcoming_milestones,
)
from storage.models import DeadlinePrecision
from storage.views import ClusterView, DeadlineValue

TITLE_MAX = 200
HORIZON = timedelta(days=30)

_REFUSAL = {
    Refusal.UNREADABLE: texts.MILESTONE_UNREADABLE,
    Refusal.VAGUE: texts.MILESTONE_VAGUE,
    Refusal.PAST: texts.MILESTONE_PAST,
    Refusal.NO_TITLE: texts.MILESTONE_NO_TITLE,
}


async def milestone_command(update: Update, context: RelanceContext) -> None:
    """/echeance Soumission des projets OPS — 31 octobre (coordinators, in the group)."""
    cluster = await coordinator_in_group(update, context, texts.MILESTONE_PRIVATE)
    if cluster is None:
        return
    tz = cluster.tz
    read = _read(command_body(update), context, tz)
    if isinstance(read, str):
        await reply(update, read)
        return
    deadline = DeadlineValue(
        due_at=read.deadline.due,
        precision=DeadlinePrecision(read.deadline.precision.value),
        label=read.deadline.label,
        text=read.date_text,
    )
    with acting(context, update) as (session, by):
        milestone = create_milestone(
            session=session, cluster_id=cluster.id, title=read.title, deadline=deadline, by=by
        )
    text = texts.MILESTONE_CREATED.format(
        cluster=escape(cluster.display_name),
        title=escape(milestone.title),
        when=render.milestone_when(milestone, tz),
    )
    await reply(update, text, keyboards.milestone(milestone))


def _read(body: str, context: RelanceContext, tz: ZoneInfo) -> MilestoneText | str:
    """The title and date of a milestone, or the French hint saying what to type."""
    if not body:
        return texts.MILESTONE_USAGE
    read = read_milestone(body, now=context.now, tz=tz)
    if not isinstance(read, MilestoneText):
        return _REFUSAL[read].format(text=escape(body[:80]))
    if len(read.title) > TITLE_MAX:
        return texts.MILESTONE_TOO_LONG.format(length=len(read.title), max=TITLE_MAX)
    return read


async def milestone_button(update: Update, context: RelanceContext) -> None:
    """🗑 under a milestone: coordinators only, checked at the press."""
    pressed = await coordinator_press(update, context, MilestoneButton)
    if pressed is None:
        return
    button, cluster, query = pressed
    with context.deps.db.session() as session:
        found = get_milestone(session=session, milestone_id=button.milestone_id)
        if found is not None and found.cluster_id == cluster.id:
            cancelled = cancel_milestone(session=session, milestone_id=found.id, now=context.now)
        else:
            cancelled = None
    if cancelled is None:
        await query.answer(texts.MILESTONE_GONE, show_alert=True)
        await edit_or_reply(update, texts.MILESTONE_GONE)
        return
    await query.answer()
    when = render.milestone_when(cancelled, cluster.tz)
    await edit_or_reply(
        update, texts.MILESTONE_DELETED.format(title=escape(cancelled.title), when=when)
    )


async def calendar_command(update: Update, context: RelanceContext) -> None:
    """/echeances: the next meeting, milestones and action deadlines of the next 30 days."""
    clusters = visible_clusters(update, context)
    if isinstance(clusters, str):
        await reply(update, clusters)
        return
    scopes, late = _calendar(context, clusters)
    name = clusters[0].display_name if len(clusters) == 1 else texts.ALL_CLUSTERS
    text = render.calendar(scopes, scope_name=escape(name), late=late)
    for chunk in render.split_message(text):
        await reply(update, chunk)


def _calendar(
    context: RelanceContext, clusters: list[ClusterView]
) -> tuple[list[CalendarScope], int]:
    """What each cluster has in the next 30 days, and how many actions are late already."""
    ids = [c.id for c in clusters]
    now = context.now
    end = now + HORIZON
    with context.deps.db.session() as session:
        meetings = next_meetings(session=session, cluster_ids=ids, now=now)
        milestones = upcoming_milestones(session=session, cluster_ids=ids, start=now, end=end)
        actions = open_actions_due_between(session=session, cluster_ids=ids, start=now, end=end)
        late = list_open_actions(
            session=session, cluster_ids=ids, now=now, late_only=True, page_size=1
        ).total
    scopes = [
        CalendarScope(
            cluster=c,
            meeting=m if (m := meetings.get(c.id)) is not None and m.starts_at <= end else None,
            milestones=[x for x in milestones if x.cluster_id == c.id],
            actions=[a for a in actions if a.cluster_id == c.id],
        )
        for c in clusters
    ]
    return scopes, late
