"""Pure renderers of a review walked through in the meeting: an item, what was said of it,
the summary. User text is always escaped; every message stays under Telegram's limit."""

from __future__ import annotations

import html
from collections.abc import Mapping
from datetime import datetime
from zoneinfo import ZoneInfo

from bot import render, texts
from storage.parts import Parts
from storage.reviews import Outcome, ReviewAnswer, ReviewItem, ReviewView
from storage.views import ActionView

DESCRIPTION = 2500  # escaped characters of the description an item shows
COMMENT = 400  # of the last comment
NAME = 60  # a person's name
DETAIL_IN_SUMMARY = 120


def short_day(moment: datetime, tz: ZoneInfo) -> str:
    """ "2 mai", "1er novembre": the meeting a review is of, as people say it."""
    return render.meeting_day(moment, tz, year=False)


def fit(text: str, limit: int) -> str:
    """`text` escaped, cut so that the escaped form holds in `limit` characters (an "&"
    escapes to five)."""
    escaped = render.escape(text)
    if len(escaped) <= limit:
        return escaped
    cut = limit - 1
    while cut > 0:
        # Dropping n characters shortens the escaped text by n to 5n ("&" is "&amp;"):
        # dropping a fifth of the excess never cuts too much, and converges fast.
        excess = len(render.escape(text[:cut])) - (limit - 1)
        if excess <= 0:
            break
        cut -= max(1, excess // 5)
    return render.escape(text[: max(cut, 0)].rstrip()) + "…"


def _lateness(action: ActionView, now: datetime, tz: ZoneInfo) -> str:
    due = action.deadline.due_at
    if due is None or not action.status.is_open or due >= now:
        return ""
    days = (now.astimezone(tz).date() - due.astimezone(tz).date()).days
    return texts.LATE_SUFFIX.format(days=texts.plural(max(days, 1), "jour"))


def part_acronym(parts: Parts | None, organisation_id: int | None) -> str | None:
    if parts is None or organisation_id is None:
        return None
    return next((p.acronym for p in parts.parts if p.organisation_id == organisation_id), None)


def item_text(
    review: ReviewView,
    position: int,
    action: ActionView,
    parts: Parts | None,
    last_comment: str | None,
    *,
    now: datetime,
    tz: ZoneInfo,
) -> str:
    """One item as the group sees it: the action, whose part, where it stands."""
    item = review.items[position]
    title = texts.REVIEW_ACTION.format(id=action.id)
    if action.meeting_starts_at is not None:
        title += texts.REVIEW_ORIGIN.format(day=short_day(action.meeting_starts_at, tz))
    acronym = part_acronym(parts, item.organisation_id)
    if parts is not None and acronym is not None:
        owners = texts.REVIEW_PART.format(
            org=render.escape(acronym), done=parts.done, total=len(parts.parts)
        )
    else:
        owners = texts.CARD_OWNERS.format(owners=render.owners_text(action.owners, 400))
    status = action.status
    if parts is not None and item.organisation_id is not None:
        status = parts.status_of(item.organisation_id) or status
    lines = [
        texts.REVIEW_ITEM_TITLE.format(
            position=position + 1,
            total=review.total,
            day=short_day(review.meeting_starts_at, tz),
        ),
        title,
        fit(action.description, DESCRIPTION),
        owners,
        texts.CARD_DEADLINE.format(deadline=render.deadline_text(action.deadline, tz))
        + _lateness(action, now, tz),
        texts.CARD_STATUS.format(icon=texts.STATUS_ICON[status], status=texts.STATUS_LABEL[status]),
    ]
    if last_comment:
        lines.append(texts.REVIEW_LAST_COMMENT.format(text=fit(last_comment, COMMENT)))
    return "\n".join(lines)


def said(answer: ReviewAnswer, acronym: str | None, day: str) -> str:
    """What was said of an item, for its message edited in place."""
    part = texts.REVIEW_FOR_PART.format(org=render.escape(acronym)) if acronym else ""
    return texts.REVIEW_SAID[answer.outcome.value].format(
        part=part,
        by=fit(answer.by, NAME),
        day=day,
        detail=fit(answer.detail or "", render.DEADLINE_TEXT * 3),
    )


_ORDER = (
    Outcome.DONE,
    Outcome.IN_PROGRESS,
    Outcome.BLOCKED,
    Outcome.POSTPONED,
    Outcome.CANCELLED,
    Outcome.COMMENTED,
    Outcome.CLOSED,
)


def _summary_line(item: ReviewItem, answer: ReviewAnswer, acronym: str | None) -> str:
    whole = answer.outcome == Outcome.CANCELLED  # cancelling is always the whole action's
    part = texts.REVIEW_FOR_PART.format(org=render.escape(acronym)) if acronym and not whole else ""
    by = fit(answer.by, NAME)
    detail = fit(answer.detail or "", DETAIL_IN_SUMMARY)
    if answer.outcome == Outcome.POSTPONED:
        return texts.REVIEW_SUMMARY_POSTPONED.format(id=item.action_id, detail=detail, by=by)
    if answer.outcome == Outcome.COMMENTED:
        return texts.REVIEW_SUMMARY_COMMENTED.format(id=item.action_id, detail=detail, by=by)
    if answer.outcome == Outcome.CLOSED:
        return texts.REVIEW_SUMMARY_CLOSED.format(id=item.action_id, part=part, detail=detail)
    return texts.REVIEW_SUMMARY_LINE.format(id=item.action_id, part=part, by=by)


def summary(review: ReviewView, acronyms: Mapping[int, str], tz: ZoneInfo) -> list[str]:
    """The summary of a review, split into messages under Telegram's limit. `acronyms`:
    the organisations of its part items, by id."""
    lines = [texts.REVIEW_SUMMARY_TITLE.format(day=short_day(review.meeting_starts_at, tz))]
    answered = False
    for outcome in _ORDER:
        found = [
            (review.items[i], a) for i, a in sorted(review.answers.items()) if a.outcome == outcome
        ]
        if not found:
            continue
        answered = answered or outcome != Outcome.CLOSED
        lines.append("")
        lines.append(texts.REVIEW_SUMMARY_SECTION[outcome.value].format(count=len(found)))
        for item, answer in found:
            acronym = acronyms.get(item.organisation_id) if item.organisation_id else None
            lines.append(_summary_line(item, answer, acronym))
    if not answered:
        lines.extend(["", texts.REVIEW_SUMMARY_NONE])
    unreviewed = review.unreviewed
    if unreviewed:
        count = texts.plural(unreviewed, "point non examiné", "points non examinés")
        lines.extend(["", texts.REVIEW_UNREVIEWED.format(count=count)])
    return render.split_message("\n".join(lines))


def plain_deadline(text: str) -> str:
    """A deadline as render writes it (escaped HTML), as plain text to keep."""
    return html.unescape(text)
