"""A reminder digest in French: pure rendering, cut into messages Telegram accepts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup

from bot import followup, keyboards, render, texts
from bot.render import MESSAGE_LIMIT, deadline_text, escape, owners_text, shorten
from language.deadlines import WEEKDAYS, Deadline, Precision, format_deadline
from reminders.delivery import Digest, Part
from reminders.planning import ReminderKind
from reminders.recipients import (
    ActionItem,
    Item,
    MeetingItem,
    MilestoneItem,
    ReviewItem,
    UnreachableNotice,
)
from storage.views import ActionView, ClusterView, DeadlineValue

# Telegram allows 100 buttons under a message; three per action leaves room.
ACTIONS_PER_MESSAGE = 30
DESCRIPTION_IN_DIGEST = 160
MEETING_ACTIONS_SHOWN = 15


def _days(count: int) -> str:
    return texts.plural(count, "jour")


def _relative(day: date, today: date) -> str:
    delta = (day - today).days
    if delta <= 0:
        return texts.DIGEST_TODAY
    if delta == 1:
        return texts.DIGEST_TOMORROW
    return texts.DIGEST_IN_DAYS.format(days=_days(delta))


def _planned_when(moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    day = f"{WEEKDAYS[local.weekday()]} {local.day:02d}/{local.month:02d}"
    return f"{day} à {local.hour}h{local.minute:02d}"


def _late_line(item: ActionItem | MeetingItem | MilestoneItem, shared_late: bool) -> list[str]:
    if not item.planned.late or shared_late:
        return []
    tz = item.cluster.tz
    return [texts.DIGEST_LATE.format(when=_planned_when(item.planned.send_at, tz))]


def _action_block(
    item: ActionItem, now: datetime, shared_late: bool = False, to_group: bool = False
) -> str:
    tz = item.cluster.tz
    action = item.action
    today = now.astimezone(tz).date()
    deadline = deadline_text(action.deadline, tz)
    due = action.deadline.due_at
    lines = [
        texts.DIGEST_ACTION.format(
            icon=texts.STATUS_ICON[action.status],
            id=action.id,
            description=escape(shorten(action.description, DESCRIPTION_IN_DIGEST)),
        ),
        texts.DIGEST_OWNERS.format(owners=owners_text(action.owners, 150)),
    ]
    if due is not None:
        due_day = due.astimezone(tz).date()
        late_days = max((today - due_day).days, 1)
        if item.planned.kind == ReminderKind.ESCALATION:
            lines.append(texts.DIGEST_OVERDUE.format(days=_days(late_days), deadline=deadline))
            # In the group only when no coordinator can be reached privately.
            escalation = texts.DIGEST_ESCALATION_GROUP if to_group else texts.DIGEST_ESCALATION
            lines.append(escalation.format(days=_days(late_days)))
        elif due < now:
            lines.append(texts.DIGEST_OVERDUE.format(days=_days(late_days), deadline=deadline))
        elif due_day == today:
            lines.append(texts.DIGEST_DUE_TODAY.format(deadline=deadline))
        elif (due_day - today).days == 1:
            lines.append(texts.DIGEST_DUE_TOMORROW.format(deadline=deadline))
        else:
            lines.append(
                texts.DIGEST_DUE_IN.format(days=_days((due_day - today).days), deadline=deadline)
            )
    if item.parts is not None:
        lines.append(render.parts_progress(item.parts))
    if item.on_behalf:
        lines.append(texts.DIGEST_ON_BEHALF.format(owner=escape(texts.of(item.on_behalf))))
    return "\n".join(lines + _late_line(item, shared_late))


def answered(text_html: str, action: ActionView, status: str, at: datetime, tz: ZoneInfo) -> str:
    """The digest's text once `action` was answered under it: its line shows the new status
    and when ("✅ n° 5 · … — fait, 08:02"), so the digest still tells the truth once the
    toast is gone. `status` is what was said ("fait", "fait pour OCHA")."""
    line = re.compile(rf"^[^\n]*<b>n° {action.id}</b> · [^\n]*$", re.MULTILINE)
    new = texts.DIGEST_ACTION_ANSWERED.format(
        icon=texts.STATUS_ICON[action.status],
        id=action.id,
        description=escape(shorten(action.description, DESCRIPTION_IN_DIGEST)),
        status=status,
        time=f"{at.astimezone(tz):%H:%M}",
    )
    return line.sub(lambda _: new, text_html, count=1)


def _meeting_block(item: MeetingItem, now: datetime, shared_late: bool = False) -> str:
    tz = item.cluster.tz
    meeting = item.meeting
    today = now.astimezone(tz).date()
    lines = [
        texts.DIGEST_MEETING.format(
            when_relative=_relative(meeting.starts_at.astimezone(tz).date(), today),
            when=render.meeting_when(meeting, tz),
        )
    ]
    if meeting.agenda:
        lines.append(texts.DIGEST_AGENDA.format(agenda=escape(meeting.agenda.strip())))
    org = escape(texts.of(item.organisation)) if item.organisation else ""
    if item.open_actions:
        lines.append(
            texts.DIGEST_MEETING_ACTIONS.format(org=org)
            if org
            else texts.DIGEST_MEETING_ACTIONS_ANYONE
        )
        for action in item.open_actions[:MEETING_ACTIONS_SHOWN]:
            lines.append(_meeting_action(action, tz))
        hidden = len(item.open_actions) - MEETING_ACTIONS_SHOWN
        if hidden > 0:
            lines.append(texts.DIGEST_MEETING_MORE.format(count=hidden))
    elif item.organisation:
        lines.append(texts.DIGEST_MEETING_NO_ACTIONS.format(org=escape(item.organisation)))
    return "\n".join(lines + _late_line(item, shared_late))


def _meeting_action(action: ActionView, tz: ZoneInfo) -> str:
    return texts.DIGEST_MEETING_ACTION.format(
        id=action.id,
        description=escape(shorten(action.description, 90)),
        deadline=deadline_text(action.deadline, tz),
    )


def _milestone_block(item: MilestoneItem, now: datetime, shared_late: bool = False) -> str:
    tz = item.cluster.tz
    milestone = item.milestone
    today = now.astimezone(tz).date()
    value: DeadlineValue = milestone.deadline
    lines = [
        texts.DIGEST_MILESTONE.format(
            title=escape(milestone.title),
            when_relative=_relative(milestone.due_at.astimezone(tz).date(), today),
            when=deadline_text(value, tz),
        )
    ]
    return "\n".join(lines + _late_line(item, shared_late))


def _notice_block(item: UnreachableNotice, bot_username: str) -> str:
    person = item.person
    link = f"https://t.me/{bot_username}"
    if item.in_group:
        if person.telegram_user_id is not None:
            return texts.DIGEST_NOTICE_GROUP.format(
                user_id=person.telegram_user_id, name=escape(person.name), link=link
            )
        return texts.DIGEST_NOTICE_GROUP_NAMELESS.format(name=escape(person.name), link=link)
    org = f" ({escape(person.acronym)})" if person.acronym else ""
    return texts.DIGEST_NOTICE.format(name=escape(person.name), org=org, link=link)


def block(
    item: Item,
    now: datetime,
    bot_username: str,
    shared_late: bool = False,
    to_group: bool = False,
) -> str:
    if isinstance(item, ActionItem):
        return _action_block(item, now, shared_late, to_group)
    if isinstance(item, MeetingItem):
        return _meeting_block(item, now, shared_late)
    if isinstance(item, MilestoneItem):
        return _milestone_block(item, now, shared_late)
    if isinstance(item, ReviewItem):
        return followup.review_post(item, now)[0]
    return _notice_block(item, bot_username)


def _shared_late(items: Sequence[Item]) -> datetime | None:
    """When every reminder of the digest was due at one past instant, the digest says it
    once under its title instead of under each item."""
    moments = {i.planned.send_at for i in items if not isinstance(i, UnreachableNotice)}
    lates = {i.planned.late for i in items if not isinstance(i, UnreachableNotice)}
    if len(moments) == 1 and lates == {True}:
        return moments.pop()
    return None


def buttons(items: Sequence[Item]) -> InlineKeyboardMarkup | None:
    """The buttons under one part of a digest: a row for each of its actions; under a
    meeting's reminder of the day before, one that opens the follow-up."""
    for item in items:
        if isinstance(item, ReviewItem):
            # Its pages, as composed: same day, so the same lateness and the same cut.
            return followup.review_post(item, item.planned.send_at)[1]
    # One row per action, though its owner's reminder and its escalation both came.
    actions = list({i.action.id: i for i in items if isinstance(i, ActionItem)}.values())
    mine = {i.action.id for i in items if isinstance(i, ActionItem) and i.my_part is not None}
    markup = keyboards.reminder_keyboard([i.action for i in actions], parts=mine)
    extra = followup.reminder_rows(items)
    if not extra:
        return markup
    return InlineKeyboardMarkup([*(markup.inline_keyboard if markup else ()), *extra])


def _day_name(now: datetime, tz: ZoneInfo) -> str:
    return format_deadline(Deadline(now, Precision.DAY), tz=tz)


def _title(
    digest: Digest, now: datetime, clusters: Sequence[ClusterView], late_at: datetime | None
) -> str:
    """Whose reminders and which day; and when they were due, if all at one past instant."""
    tz = clusters[0].tz
    if digest.recipient.is_group:
        title = texts.DIGEST_TITLE_GROUP.format(
            cluster=texts.cluster_named(escape(clusters[0].display_name), article="du"),
            day=_day_name(now, tz),
        )
    else:
        title = texts.DIGEST_TITLE.format(day=_day_name(now, tz))
    if late_at is None:
        return title
    late_text = texts.DIGEST_LATE if len(digest.items) == 1 else texts.DIGEST_LATE_ALL
    return title + "\n" + late_text.format(when=_planned_when(late_at, tz))


def _budget(items: Sequence[Item]) -> int:
    """The characters one message gives its blocks: Telegram's limit, less the footer and
    room for the title of a continued part."""
    footer = texts.DIGEST_FOOTER if any(isinstance(i, ActionItem) for i in items) else ""
    return MESSAGE_LIMIT - len(footer) - 200


def _cluster_heading(cluster: ClusterView) -> str:
    return texts.DIGEST_CLUSTER.format(cluster=escape(cluster.display_name))


@dataclass
class _Message:
    """One message of a digest as it is cut: its lines (blocks and cluster headings)."""

    lines: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    size: int = 0  # what the budget counts

    @property
    def actions(self) -> int:
        return len({i.action.id for i in self.items if isinstance(i, ActionItem)})

    def has_room(self, extra: int, budget: int) -> bool:
        """Whether a block of `extra` characters still fits (an empty message takes any)."""
        if not self.items:
            return True
        return self.size + extra <= budget and self.actions < ACTIONS_PER_MESSAGE


def _cut(
    blocks: Sequence[tuple[tuple[Item, ...], str]], budget: int, several: bool
) -> list[_Message]:
    """The blocks in messages, cut between items at `budget` characters or
    ACTIONS_PER_MESSAGE actions. When `several` (a private digest), a cluster's name comes
    before its first item, and again at the top of a message that goes on with it."""
    messages: list[_Message] = []
    message = _Message()
    previous: ClusterView | None = None
    for group, text in blocks:
        item = group[0]
        changed = several and item.cluster != previous
        # Measured before the cut is decided, so a heading repeated at the top of the next
        # message is not counted: the room the budget keeps for a title covers it.
        extra = len(text) + (len(_cluster_heading(item.cluster)) if changed else 0) + 4
        if not message.has_room(extra, budget):
            messages.append(message)
            message = _Message()
        if several and (changed or not message.items):
            message.lines.append(_cluster_heading(item.cluster))
        message.lines.append(text)
        message.items.extend(group)
        message.size += extra
        previous = item.cluster
    if message.items:
        messages.append(message)
    return messages


def _by_subject(items: Sequence[Item]) -> list[tuple[Item, ...]]:
    """The items in reading order, those about one action together: a coordinator who is
    also its owner (or stands in for one) reads its reminder and its escalation as one."""
    groups: dict[tuple[str, int, int], list[Item]] = {}
    for index, item in enumerate(items):
        if isinstance(item, ActionItem):
            key = ("action", item.cluster.id, item.action.id)
        else:
            key = ("item", index, 0)
        groups.setdefault(key, []).append(item)
    return [tuple(group) for group in groups.values()]


def _one(group: tuple[Item, ...]) -> Item:
    """What the block of one subject says: for an action told twice, its escalation (which
    says how late it is) with whose reminder it stands in for, and the part to report."""
    if len(group) == 1:
        return group[0]
    actions = [i for i in group if isinstance(i, ActionItem)]
    first = next((i for i in actions if i.planned.kind == ReminderKind.ESCALATION), actions[0])
    behalf = next((i.on_behalf for i in actions if i.on_behalf), None)
    mine = next((i.my_part for i in actions if i.my_part), None)
    return replace(first, on_behalf=behalf, my_part=mine)


def _part(message: _Message, index: int, count: int, title: str) -> Part:
    head = title if index == 0 else texts.DIGEST_CONTINUED.format(part=index + 1, parts=count)
    # The footer tells how to answer with the buttons: only under a message that has some.
    footer = [texts.DIGEST_FOOTER] if message.actions else []
    return Part("\n\n".join([head, *message.lines, *footer]), tuple(message.items))


def compose(digest: Digest, now: datetime, bot_username: str) -> list[Part]:
    """The digest as messages: each under 4,096 characters and 30 actions (their buttons,
    see buttons(), must fit under it), cut between items, with a title, and the cluster's
    name before its items when several clusters speak."""
    reviews = [i for i in digest.items if isinstance(i, ReviewItem)]
    if reviews:
        # The morning's review is a post of its own, with its pages: before the rest.
        rest = tuple(i for i in digest.items if not isinstance(i, ReviewItem))
        posts = [Part(followup.review_post(r, now)[0], (r,)) for r in reviews]
        return posts + (compose(Digest(digest.recipient, rest), now, bot_username) if rest else [])
    if len(digest.items) == 1 and isinstance(digest.items[0], UnreachableNotice):
        notice = digest.items[0]
        text = _notice_block(notice, bot_username)
        if not digest.recipient.is_group:
            # A coordinator of two clusters must know whose member this is.
            text = f"{_cluster_heading(notice.cluster)}\n\n{text}"
        return [Part(text, digest.items)]
    clusters = list(dict.fromkeys(i.cluster for i in digest.items))  # as they first come
    # Items of one cluster stay together, in the digest's order (late ones first).
    ordered = [i for c in clusters for i in digest.items if i.cluster == c]
    late_at = _shared_late(ordered)
    to_group = digest.recipient.is_group
    budget = _budget(ordered)
    blocks = [
        (
            group,
            block(_one(group), now, bot_username, late_at is not None, to_group)[: budget - 100],
        )
        for group in _by_subject(ordered)
    ]
    # A private digest names the cluster of its items even when they all come from one: a
    # focal point in two clusters must know which meeting "Réunion dans 7 jours" means.
    messages = _cut(blocks, budget, several=not to_group)
    title = _title(digest, now, clusters, late_at)
    return [_part(m, index, len(messages), title) for index, m in enumerate(messages)]
