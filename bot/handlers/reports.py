"""/compte_rendu (/cr): the minutes of a held meeting as a Word document, for the cluster's
coordinators; and the same document at the end of a review, to the coordinator who ended it.

`/compte_rendu` alone is the last meeting held (the one under way included); followed by a
day ("15 novembre", "mardi dernier"), the meeting held that day. In private, a coordinator
of several clusters names the cluster (`/compte_rendu CP`, its last meeting), or asks for
a day in the cluster's group.
"""

from __future__ import annotations

import asyncio
import logging
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from telegram import InputFile, Update, User
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden

from bot import render, texts
from bot.context import RelanceContext
from bot.documents.minutes_words import day_words, file_name
from bot.handlers.common import ANONYMOUS_ADMIN_ID, reply
from bot.handlers.exports import TELEGRAM_FILE_MAX, Scope, export_scope, send_file
from bot.handlers.guards import command_body, coordinated_clusters, is_private
from bot.render import escape
from bot.resolve import deadline_value
from storage.models import DeadlinePrecision
from storage.reports import MinutesReport, NoReport, minutes_report, report_of, review_starter
from storage.reviews import ReviewView
from storage.views import ClusterView, DeadlineValue

log = logging.getLogger(__name__)

COMMAND = "compte_rendu"


async def minutes_command(update: Update, context: RelanceContext) -> None:
    """The .docx of the meeting asked for, or the French reason why none."""
    asked = await _asked(update, context)
    if isinstance(asked, str):
        await reply(update, asked)
        return
    cluster, body = asked
    read = _day(body, context, cluster) if body else None
    day = _gone_by(read, body, context.now, cluster) if read is not None else None
    with context.deps.db.session() as session:
        found = report_of(
            session=session, cluster_id=cluster.id, day=day, tz=cluster.tz, now=context.now
        )
        today = context.now.astimezone(cluster.tz).date()
        near = read is not None and read != day and read - today <= _NEAR_FUTURE
        if isinstance(found, NoReport) and near:
            # No meeting on the day gone by, and the coming one is near: say it is to come.
            day = read
            found = report_of(
                session=session, cluster_id=cluster.id, day=day, tz=cluster.tz, now=context.now
            )
    if body and day is None:
        await reply(update, _bad_day(body, found, cluster, context))
    elif isinstance(found, NoReport):
        today = context.now.astimezone(cluster.tz).date()
        await reply(update, _no_report(found, cluster, day, today))
    else:
        await _send_report(update, context, found)


async def _send_report(update: Update, context: RelanceContext, report: MinutesReport) -> None:
    tz = report.cluster.tz
    if report.empty:
        await reply(update, texts.CR_NOTHING.format(day=day_words(report.meeting.starts_at, tz)))
        return
    from bot.documents.minutes import minutes_docx  # python-docx: loaded by the first minutes

    data = await asyncio.to_thread(minutes_docx, report, now=context.now)
    caption = _caption(texts.CR_CAPTION, report)
    await send_file(update, data, file_name=file_name(report, tz), caption=caption)


async def _asked(update: Update, context: RelanceContext) -> tuple[ClusterView, str] | str:
    """The cluster (its coordinators only) and the day asked for, as typed ("" for none)."""
    body = command_body(update)
    if not is_private(update) or not body or not _reads_as_day(body, context):
        scope = await export_scope(update, context, command=COMMAND, whole_only=True)
        # In private the body named the cluster; in the group it is the day.
        return _one(scope, "" if is_private(update) else body)
    coordinated = await coordinated_clusters(update, context)
    if isinstance(coordinated, list) and len(coordinated) > 1:
        names = ", ".join(escape(c.display_name) for c in coordinated)
        example = escape(coordinated[0].short_name or coordinated[0].name)
        return texts.CR_PRIVATE_DATE_IN_GROUP.format(names=names, example=example)
    scope = await export_scope(update, context, command=COMMAND, whole_only=True, body="")
    return _one(scope, body)


def _one(scope: Scope | str, body: str) -> tuple[ClusterView, str] | str:
    return scope if isinstance(scope, str) else (scope.clusters[0], body)


def _day(body: str, context: RelanceContext, cluster: ClusterView) -> date | None:
    """The local day a meeting was held, read in the past ("mardi" is the last Tuesday)."""
    found = deadline_value(body, now=context.now, tz=cluster.tz, past=True)
    if not isinstance(found, DeadlineValue) or found.due_at is None:
        return None
    if found.precision not in (DeadlinePrecision.DAY, DeadlinePrecision.MOMENT):
        return None  # "novembre", "fin mai": a period, not the day of a meeting
    return found.due_at.astimezone(cluster.tz).date()


_NEAR_FUTURE = timedelta(days=60)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2}\b")


def _gone_by(day: date, body: str, now: datetime, cluster: ClusterView) -> date:
    """Minutes are of a day gone by: "jeudi" is the last Thursday, "3 mars" the last 3 March,
    unless the person wrote the year (then a day to come is answered as such)."""
    today = now.astimezone(cluster.tz).date()
    if day <= today or _YEAR.search(body):
        return day
    if day - today <= timedelta(days=7) and not any(c.isdigit() for c in body):
        return day - timedelta(days=7)  # a weekday's name: the one of last week
    try:
        earlier = day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day
    return earlier if earlier <= today else day


def _reads_as_day(body: str, context: RelanceContext) -> bool:
    tz = ZoneInfo(context.deps.default_timezone)
    found = deadline_value(body, now=context.now, tz=tz, past=True)
    return isinstance(found, DeadlineValue) and found.due_at is not None


def _short_days(found: MinutesReport | NoReport, cluster: ClusterView) -> list[str]:
    meetings = found.recent if isinstance(found, NoReport) else (found.meeting,)
    return [render.meeting_day(m.starts_at, cluster.tz, year=False) for m in meetings]


def _bad_day(
    body: str, found: MinutesReport | NoReport, cluster: ClusterView, context: RelanceContext
) -> str:
    # An example of a day gone by: the last meeting's, else a week ago.
    week_ago = render.meeting_day(context.now - timedelta(days=7), cluster.tz, year=False)
    example = next(iter(_short_days(found, cluster)), week_ago)
    return texts.CR_BAD_DATE.format(text=escape(render.shorten(body, 60)), example=example)


def _no_report(found: NoReport, cluster: ClusterView, day: date | None, today: date) -> str:
    if not found.recent:
        return texts.CR_NO_MEETING.format(cluster=escape(cluster.display_name))
    days = ", ".join(render.meeting_day(m.starts_at, cluster.tz) for m in found.recent)
    asked = render.day_text(day) if day is not None else ""
    example = _short_days(found, cluster)[0]
    # "jeudi" reads as the coming Thursday: a day to come has no minutes yet.
    template = texts.CR_NOT_YET if day is not None and day > today else texts.CR_NOT_HELD_ON
    return template.format(day=asked, days=days, example=example)


def _caption(template: str, report: MinutesReport) -> str:
    counts = " · ".join(
        texts.plural(count, *words)
        for count, words in (
            (len(report.participants), texts.CR_COUNT_PARTICIPANTS),
            (len(report.follow_up), texts.CR_COUNT_FOLLOWED),
            (len(report.decisions), texts.CR_COUNT_DECISIONS),
            (len(report.new_actions), texts.CR_COUNT_NEW),
        )
    )
    tz = report.cluster.tz
    return template.format(
        day=day_words(report.meeting.starts_at, tz),
        cluster=escape(report.cluster.display_name),
        counts=counts,
    )


# --- At the end of a review ----------------------------------------------------------------------


async def minutes_after_review(
    context: RelanceContext, cluster: ClusterView, review: ReviewView, ended_by: User | None
) -> None:
    """The minutes of the review's meeting, privately to the coordinator who ended it (the
    one who started it when it ended on its last item); in the group when the bot cannot
    write to them. Whatever goes wrong here, the review and its summary stand."""
    try:
        await _send_after_review(context, cluster, review, ended_by)
    except Exception:
        log.exception("the minutes of review %s could not be sent", review.id)
        try:
            await context.bot.send_message(chat_id=review.chat_id, text=texts.CR_REVIEW_FAILED)
        except Exception:
            log.exception("nor could the group be told")


async def _send_after_review(
    context: RelanceContext, cluster: ClusterView, review: ReviewView, ended_by: User | None
) -> None:
    with context.deps.db.session() as session:
        report = minutes_report(
            session=session, cluster_id=cluster.id, meeting_id=review.meeting_id, now=context.now
        )
        starter = review_starter(session=session, review_id=review.id)
    if report is None or report.empty:
        return
    person = ended_by.id if ended_by is not None and ended_by.id != ANONYMOUS_ADMIN_ID else starter
    from bot.documents.minutes import minutes_docx  # python-docx: loaded by the first minutes

    data = await asyncio.to_thread(minutes_docx, report, now=context.now)
    caption = _caption(texts.CR_REVIEW_ENDED_CAPTION, report)
    name = file_name(report, cluster.tz)
    if person is not None and await _deliver(context, person, data, name, caption):
        return
    if person is not None:
        caption = f"{caption}\n\n{texts.CR_REVIEW_IN_GROUP}"
    await _deliver(context, review.chat_id, data, name, caption)


async def _deliver(
    context: RelanceContext, chat_id: int, data: bytes, name: str, caption: str
) -> bool:
    """The file to that chat; False when the bot may not write there (never started, or
    blocked). A file over Telegram's limit is said so instead."""
    try:
        if len(data) > TELEGRAM_FILE_MAX:
            await context.bot.send_message(chat_id=chat_id, text=texts.EXPORT_TOO_BIG)
            return True
        await context.bot.send_document(
            chat_id=chat_id,
            document=InputFile(data, filename=name),
            caption=caption,
            parse_mode=ParseMode.HTML,
        )
    except Forbidden:
        return False
    except BadRequest as exc:
        if "chat not found" not in str(exc).lower():
            raise
        return False
    return True
