"""/calendrier: the next meetings, milestones and deadlines as an .ics file for the partners'
calendars. In the group, any member gets the cluster's (rights.Act.CALENDAR); in private a
person gets their own (their organisation's deadlines, the meetings and milestones of all
their clusters), and a coordinator naming a cluster gets that cluster whole."""

from __future__ import annotations

import re
import unicodedata

from telegram import Update

from bot import texts
from bot.context import RelanceContext
from bot.documents.calendar import CalendarCounts, calendar_counts, write_calendar
from bot.handlers.common import reply
from bot.handlers.exports import PrivateDefault, Scope, export_scope, part_action_ids, send_file
from bot.handlers.guards import act_refusal, command_body, group_cluster, is_private
from bot.render import escape, shorten
from bot.rights import Act
from language.folding import fold
from storage.calendar_export import CalendarExport, calendar_export

COMMAND = "calendrier"
NAMES_IN_CAPTION = 200  # the clusters a caption names: Telegram takes 1,024 characters


async def calendar_command(update: Update, context: RelanceContext) -> None:
    """/calendrier: the .ics of what this chat may see, or the French reason why none."""
    scope = await _scope(update, context)
    if isinstance(scope, str):
        await reply(update, scope)
        return
    export = _read(context, scope)
    counts = calendar_counts(export, now=context.now)
    if counts.empty:
        await reply(update, _empty(scope, counts))
        return
    name = texts.ICS_NAME.format(scope=_scope_name(scope))
    domain = f"{context.bot.username.lower()}.t.me"  # the bot's own: UIDs of no other bot
    data = write_calendar(
        export, clusters=scope.clusters, name=name, now=context.now, domain=domain
    )
    await send_file(
        update, data, file_name=_file_name(scope), caption=_caption(update, scope, counts)
    )


def _read(context: RelanceContext, scope: Scope) -> CalendarExport:
    action_ids = part_action_ids(context, scope)  # None: the clusters whole
    with context.deps.db.session() as session:
        return calendar_export(
            session=session, cluster_ids=scope.cluster_ids, now=context.now, action_ids=action_ids
        )


async def _scope(update: Update, context: RelanceContext) -> Scope | str:
    if is_private(update):
        return await export_scope(
            update, context, command=COMMAND, private_default=PrivateDefault.MINE
        )
    cluster = group_cluster(update, context)
    if cluster is None:
        return texts.NOT_A_CLUSTER
    refusal = await act_refusal(update, context, Act.CALENDAR, cluster)
    return refusal if refusal is not None else Scope((cluster,))


def _scope_name(scope: Scope) -> str:
    """The calendar's name: the cluster's, or the organisation's with its clusters."""
    short = " · ".join(c.short_name or c.name for c in scope.clusters)  # no comma: X-WR-CALNAME
    if scope.part is not None:
        return f"{scope.part.who} ({short})"
    return scope.clusters[0].display_name if len(scope.clusters) == 1 else short


def _file_name(scope: Scope) -> str:
    """ "Relance_CP.ics", "Relance_OCHA.ics": plain letters, safe on every phone."""
    if scope.part is not None:
        label = scope.part.who
    else:
        label = "_".join(c.short_name or c.name for c in scope.clusters)
    bare = "".join(
        ch for ch in unicodedata.normalize("NFKD", label) if not unicodedata.combining(ch)
    )
    return f"Relance_{re.sub(r'[^A-Za-z0-9]+', '_', bare).strip('_')[:60] or 'calendrier'}.ics"


def _title(scope: Scope) -> str:
    if scope.part is not None:
        names = ", ".join(c.display_name for c in scope.clusters)
        return texts.ICS_CAPTION_PART.format(
            who=escape(scope.part.who), clusters=escape(shorten(names, NAMES_IN_CAPTION))
        )
    names = ", ".join(c.display_name for c in scope.clusters)
    return texts.ICS_CAPTION_TITLE.format(scope=escape(shorten(names, NAMES_IN_CAPTION)))


def _caption(update: Update, scope: Scope, counts: CalendarCounts) -> str:
    held = []
    if counts.meetings:
        held.append(texts.plural(counts.meetings, "réunion"))
    if counts.milestones:
        held.append(texts.plural(counts.milestones, "échéance du cluster", "échéances du cluster"))
    if counts.actions:
        late = texts.ICS_CAPTION_LATE.format(late=counts.late) if counts.late else ""
        held.append(texts.plural(counts.actions, "action", "actions") + late)
    lines = [_title(scope), ", ".join(held) + "."]
    if counts.undated:
        lines.append(_undated(counts.undated))
    if counts.removed:
        lines.append(texts.ICS_CAPTION_REMOVED.format(count=counts.removed))
    lines.append(texts.ICS_CAPTION_HOW)
    if scope.part is not None and scope.coordinated:
        example = scope.coordinated[0].short_name or scope.coordinated[0].name
        lines.append(texts.ICS_CAPTION_WHOLE_HINT.format(example=escape(example)))
    words = command_body(update)
    if words and not is_private(update) and not _names_cluster(scope, words):
        lines.append(texts.ICS_CAPTION_IGNORED.format(words=escape(shorten(words, 40))))
    return "\n".join(lines)


def _names_cluster(scope: Scope, words: str) -> bool:
    cluster = scope.clusters[0]
    names = {cluster.name, cluster.display_name, cluster.short_name or cluster.name}
    return fold(words) in {fold(n) for n in names}


def _undated(count: int) -> str:
    if count == 1:
        return texts.ICS_CAPTION_UNDATED_ONE
    return texts.ICS_CAPTION_UNDATED_MANY.format(count=count)


def _empty(scope: Scope, counts: CalendarCounts) -> str:
    names = ", ".join(c.display_name for c in scope.clusters)
    who = f"{scope.part.who} ({names})" if scope.part is not None else names
    lines = [texts.ICS_EMPTY.format(scope=escape(shorten(who, NAMES_IN_CAPTION)))]
    if counts.undated:
        lines.append(_undated(counts.undated))
    lines.append(texts.ICS_EMPTY_HINT)
    return "\n".join(lines)
