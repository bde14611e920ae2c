"""What a meeting decides: /decision to record it, /decisions to list them by meeting, and
the button that turns one into an action (owners and deadline asked as /action does)."""

from __future__ import annotations

from telegram import Update

from bot import keyboards, render, texts
from bot.callbacks import DecisionButton, decode
from bot.context import RelanceContext
from bot.conversation import ActionDraft
from bot.handlers.common import key, plain, reply
from bot.handlers.drafts import start_draft
from bot.handlers.guards import (
    act_refusal,
    acting,
    cluster_by_id,
    command_body,
    coordinated_clusters,
    group_cluster,
    is_private,
    my_clusters,
    visible_clusters,
)
from bot.render import escape, shorten
from bot.rights import Act
from storage.actions import DESCRIPTION_MAX
from storage.decisions import decision_meeting, decisions_by_meeting, get_decision, record_decision
from storage.views import ClusterView

DECISION_MAX = 2000
# Years of monthly meetings would post dozens of messages in the group: the newest are
# listed (a few messages at most), the older counted.
DECISIONS_SHOWN = 40


async def _decision_cluster(update: Update, context: RelanceContext) -> ClusterView | None:
    """The cluster a /decision is for, once this person may record one there; else None
    once told why (in private, only a coordinator of one cluster has no doubt)."""
    if is_private(update):
        clusters = await coordinated_clusters(update, context)
        if isinstance(clusters, str) or len(clusters) > 1:
            await reply(
                update, clusters if isinstance(clusters, str) else texts.DECISION_PRIVATE_MANY
            )
            return None
        cluster = clusters[0]
    elif (found := group_cluster(update, context)) is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return None
    else:
        cluster = found
    refused = await act_refusal(update, context, Act.DECISION, cluster)
    if refused is not None:
        await reply(update, refused)
        return None
    return cluster


async def decision_command(update: Update, context: RelanceContext) -> None:
    """/decision <texte>: a decision of today's meeting, else of the last one held."""
    cluster = await _decision_cluster(update, context)
    if cluster is None:
        return
    text = command_body(update)
    if not text:
        await reply(update, texts.DECISION_USAGE)
        return
    if len(text) > DECISION_MAX:
        await reply(update, texts.DECISION_TOO_LONG.format(length=len(text), max=DECISION_MAX))
        return
    with acting(context, update) as (session, by):
        meeting_id = decision_meeting(
            session=session, cluster_id=cluster.id, now=context.now, tz=cluster.tz
        )
        decision = record_decision(
            session=session, cluster_id=cluster.id, meeting_id=meeting_id, text=text, by=by
        )
    shown = render.decision_recorded(decision, cluster.tz)
    await reply(update, shown, keyboards.decision(decision.id))


async def decisions_command(update: Update, context: RelanceContext) -> None:
    """/decisions: in the group its cluster's, in private those of each of my clusters."""
    clusters = visible_clusters(update, context)
    if isinstance(clusters, str):
        await reply(update, clusters)
        return
    with context.deps.db.session() as session:
        parts = [
            render.decision_list(
                decisions_by_meeting(session=session, cluster_id=c.id),
                cluster_name=c.display_name,
                tz=c.tz,
                limit=DECISIONS_SHOWN,
            )
            for c in clusters
        ]
    for chunk in render.split_message("\n\n".join(parts)):
        await reply(update, chunk)


async def decision_button(update: Update, context: RelanceContext) -> None:
    """➕ En faire une action: checked at each press, the decision as it is now."""
    query, user = update.callback_query, update.effective_user
    if query is None or user is None:
        return
    button = decode(query.data)
    if not isinstance(button, DecisionButton):
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    with context.deps.db.session() as session:
        decision = get_decision(session=session, decision_id=button.decision_id)
    cluster = cluster_by_id(context, decision.cluster_id) if decision is not None else None
    if decision is None or cluster is None or not _visible_here(update, context, cluster):
        await query.answer(texts.DECISION_GONE, show_alert=True)
        return
    refused = await act_refusal(update, context, Act.DECISION_TO_ACTION, cluster)
    if refused is not None:
        await query.answer(plain(refused), show_alert=True)
        return
    if decision.action_id is not None:
        already = texts.DECISION_ALREADY_ACTION.format(id=decision.id, action=decision.action_id)
        await query.answer(already, show_alert=True)
        return
    if _draft_open(update, context, decision.id):
        await query.answer(texts.DECISION_DRAFT_OPEN.format(id=decision.id), show_alert=True)
        return
    await query.answer()
    text = escape(shorten(decision.text, 200))
    await reply(update, texts.DECISION_TO_ACTION_START.format(id=decision.id, text=text))
    draft = ActionDraft(
        cluster_ids=(cluster.id,),
        description=decision.text[:DESCRIPTION_MAX],
        decision_id=decision.id,
    )
    await start_draft(update, context, draft)


def _draft_open(update: Update, context: RelanceContext, decision_id: int) -> bool:
    """Whether this person is already making this decision an action here: a second press
    (a double tap, or the button found again) would ask everything twice."""
    asker = key(update, context)
    return asker is not None and any(
        isinstance(asked.state, ActionDraft) and asked.state.decision_id == decision_id
        for asked in context.conversations.open(asker, context.now)
    )


def _visible_here(update: Update, context: RelanceContext, cluster: ClusterView) -> bool:
    """A decision's button acts in its cluster's group, or in private for its members."""
    user = update.effective_user
    if is_private(update):
        return user is not None and any(c.id == cluster.id for c in my_clusters(context, user))
    here = group_cluster(update, context)
    return here is not None and here.id == cluster.id
