"""/reunions: every meeting of the cluster as a record, newest first, with what it produced."""

from __future__ import annotations

from telegram import Update

from bot import render
from bot.context import RelanceContext
from bot.handlers.common import reply
from bot.handlers.guards import visible_clusters
from storage.records import meeting_records

# A cluster meeting monthly for five years: older ones are counted, not listed.
RECORDS_SHOWN = 60


async def records_command(update: Update, context: RelanceContext) -> None:
    """In the group its cluster's meetings; in private those of each of my clusters."""
    clusters = visible_clusters(update, context)
    if isinstance(clusters, str):
        await reply(update, clusters)
        return
    parts = []
    with context.deps.db.session() as session:
        for cluster in clusters:
            records, total = meeting_records(
                session=session, cluster_id=cluster.id, now=context.now, limit=RECORDS_SHOWN
            )
            parts.append(
                render.meeting_records(
                    records, total=total, cluster_name=cluster.display_name, tz=cluster.tz
                )
            )
    for chunk in render.split_message("\n\n".join(parts)):
        await reply(update, chunk)
