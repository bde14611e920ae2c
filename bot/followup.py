"""The follow-up that opens a meeting, in French: pure rendering, cut into pages.

One view serves /suivi (in the group, or in private for each of the person's clusters), its
pages, the button under the J-1 meeting reminder and the review posted in the group on the
meeting's morning. A page is computed again at each press, from what the database holds then.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import keyboards, render, texts
from bot.callbacks import FollowUpButton, FollowUpOp, encode
from bot.render import MESSAGE_LIMIT, deadline_text, escape, meeting_when, owners_text, shorten
from reminders.recipients import MeetingItem, ReviewItem
from storage.followup import FollowUp
from storage.models import OwnerKind
from storage.views import ActionView, ClusterView, MeetingView

DESCRIPTION = 200
OWNERS = 150
COMMENT = 160
ACTIONS_PER_PAGE = 10
# Room kept under Telegram's limit for the post's heading, the page line and the hint.
PAGE_BUDGET = MESSAGE_LIMIT - 400


@dataclass(frozen=True)
class Scope:
    """One cluster's follow-up as one reader sees it. In private, a focal point's
    organisation is named: its part comes first."""

    cluster: ClusterView
    follow_up: FollowUp
    organisation_id: int | None = None
    organisation: str | None = None  # its acronym
    member_id: int | None = None


@dataclass(frozen=True)
class Page:
    text: str
    index: int  # the page shown: the last one when the one asked is beyond the end
    count: int


# --- Pieces -----------------------------------------------------------------------------------


def _short_day(moment: datetime, tz: ZoneInfo) -> str:
    """ "4 avril 2017", "1er mai 2017"."""
    return render.meeting_day(moment, tz)


def _count(count: int, one: str, many: str) -> str:
    return (one if count <= 1 else many).format(count=count)


def _head(scope: Scope) -> str:
    """The cluster's title, the meeting it prepares and what changed since the last one."""
    tz = scope.cluster.tz
    review = scope.follow_up
    lines = [texts.FOLLOWUP_TITLE.format(cluster=escape(scope.cluster.display_name))]
    if review.meeting is not None:
        lines.append(texts.FOLLOWUP_MEETING.format(when=meeting_when(review.meeting, tz)))
    else:
        lines.append(texts.FOLLOWUP_NO_MEETING)
    late = texts.FOLLOWUP_LATE_COUNT.format(count=review.late)
    if review.last is not None:
        lines.append(
            texts.FOLLOWUP_SINCE.format(
                day=_short_day(review.last.starts_at, tz),
                done=_count(review.done_since, texts.FOLLOWUP_DONE, texts.FOLLOWUP_DONE_MANY),
                new=_count(review.new, texts.FOLLOWUP_NEW, texts.FOLLOWUP_NEW_MANY),
                late=late,
            )
        )
    else:
        lines.append(texts.FOLLOWUP_NO_LAST.format(late=late))
    if review.action_ids:
        total = texts.plural(len(review.action_ids), "action ouverte", "actions ouvertes")
        lines.append(texts.FOLLOWUP_TO_REVIEW.format(actions=total))
    return "\n".join(lines)


def _lateness(action: ActionView, now: datetime, tz: ZoneInfo) -> str:
    due = action.deadline.due_at
    if due is None:
        return ""
    if due < now:
        days = (now.astimezone(tz).date() - due.astimezone(tz).date()).days
        return texts.FOLLOWUP_LATE.format(days=texts.plural(max(days, 1), "jour"))
    if due.astimezone(tz).date() == now.astimezone(tz).date():
        return texts.DUE_TODAY
    return ""


def _action(scope: Scope, action: ActionView, now: datetime) -> str:
    tz = scope.cluster.tz
    review = scope.follow_up
    status = texts.STATUS_LABEL[action.status]
    parts = review.parts.get(action.id)
    if parts is not None:
        status += texts.FOLLOWUP_PARTS.format(done=parts.done, total=len(parts.parts))
        mine = parts.status_of(scope.organisation_id) if scope.organisation_id else None
        if mine is not None and scope.organisation:
            status += texts.FOLLOWUP_MY_PART.format(
                org=escape(scope.organisation), status=texts.STATUS_LABEL[mine].lower()
            )
    lines = [
        texts.FOLLOWUP_ACTION.format(
            icon=texts.STATUS_ICON[action.status],
            id=action.id,
            description=escape(shorten(action.description, DESCRIPTION)),
        ),
        texts.FOLLOWUP_OWNERS.format(owners=owners_text(action.owners, OWNERS)),
        texts.FOLLOWUP_DEADLINE.format(
            deadline=deadline_text(action.deadline, tz), late=_lateness(action, now, tz)
        ),
        texts.FOLLOWUP_STATUS.format(status=status),
    ]
    comment = review.last_comments.get(action.id)
    if comment:
        lines.append(texts.FOLLOWUP_COMMENT.format(comment=escape(shorten(comment, COMMENT))))
    return "\n".join(lines)


def concerns(scope: Scope, action: ActionView) -> bool:
    """Whether the action is the reader's organisation's to answer for now: one of its
    owners, and its own part still open when the action is shared."""
    if scope.organisation_id is None and scope.member_id is None:
        return False
    parts = scope.follow_up.parts.get(action.id)
    if parts is not None and scope.organisation_id is not None:
        mine = parts.status_of(scope.organisation_id)
        if mine is not None:
            return mine.is_open
    for owner in action.owners:
        if owner.kind == OwnerKind.ALL_MEMBERS and scope.organisation_id is not None:
            return True
        if owner.kind == OwnerKind.MEMBER and owner.member_id == scope.member_id:
            return True
        if owner.kind == OwnerKind.ORGANISATION and owner.organisation_id == scope.organisation_id:
            return scope.organisation_id is not None
    return False


# --- Entries: what a page is made of ------------------------------------------------------


@dataclass(frozen=True)
class _Heading:
    key: str  # the same heading on another page is written in its continued form
    full: str
    continued: str


class _Entry:
    """An action (or a line that is none, "Aucune action ouverte…") under its headings.
    Its text is written when a page needs it: /suivi of a cluster with hundreds of open
    actions writes the page it shows, not all of them (bench/commands.py times it)."""

    __slots__ = ("_body", "_write", "action_id", "headings")

    def __init__(
        self,
        headings: tuple[_Heading, ...],
        write: Callable[[], str],
        action_id: int | None,
    ) -> None:
        self.headings = headings  # from the cluster down to the meeting an action came from
        self.action_id = action_id  # None: a line that is no action
        self._write = write
        self._body: str | None = None

    @property
    def body(self) -> str:
        if self._body is None:
            self._body = self._write()
        return self._body


def _origin(meeting: MeetingView | None, tz: ZoneInfo) -> str:
    if meeting is None:
        return texts.FOLLOWUP_BETWEEN
    return texts.FOLLOWUP_FROM_MEETING.format(day=_short_day(meeting.starts_at, tz))


def _heading(key: str, text: str) -> _Heading:
    return _Heading(key, text, texts.FOLLOWUP_CONTINUED.format(heading=text))


def _section(
    scope: Scope, parents: tuple[_Heading, ...], wanted: set[int], now: datetime
) -> list[_Entry]:
    """Entries for every action of `wanted`, each written from its view when a page shows
    it: a follow-up read for a page reads whole only the actions up to that page."""
    tz = scope.cluster.tz
    entries: list[_Entry] = []
    for group in scope.follow_up.groups:
        ids = [i for i in group.action_ids if i in wanted]
        if not ids:
            continue
        views = {a.id: a for a in group.actions}
        key = f"{parents[-1].key}.m{group.meeting.id if group.meeting else 0}"
        headings = (*parents, _heading(key, _origin(group.meeting, tz)))
        entries += [_Entry(headings, partial(_write, scope, views, i, now), i) for i in ids]
    return entries


def _write(scope: Scope, views: dict[int, ActionView], action_id: int, now: datetime) -> str:
    return _action(scope, views[action_id], now)


def _entries(scope: Scope, now: datetime) -> list[_Entry]:
    key = f"c{scope.cluster.id}"
    title = texts.FOLLOWUP_TITLE_CONTINUED.format(cluster=escape(scope.cluster.display_name))
    cluster = _Heading(key, _head(scope), title)
    everything = set(scope.follow_up.action_ids)
    if not everything:
        return [_Entry((cluster,), lambda: texts.FOLLOWUP_EMPTY, None)]
    if scope.organisation is None:
        return _section(scope, (cluster, _Heading(key + "a", "", "")), everything, now)
    org = escape(scope.organisation)
    # Telling the reader's own from the others needs every action read whole: a follow-up
    # in private is read so (no detail_limit).
    mine = {a.id for a in scope.follow_up.actions if concerns(scope, a)}
    mine_heading = _heading(key + "m", texts.FOLLOWUP_MINE.format(org=org))
    entries = _section(scope, (cluster, mine_heading), mine, now)
    if not entries:
        none = texts.FOLLOWUP_MINE_NONE.format(org=org)
        entries = [_Entry((cluster, mine_heading), lambda: none, None)]
    others_heading = _heading(key + "o", texts.FOLLOWUP_OTHERS)
    return entries + _section(scope, (cluster, others_heading), everything - mine, now)


def _block(entry: _Entry, shown: tuple[_Heading, ...], seen: set[str]) -> str:
    """The entry with the headings the page has not shown just above it."""
    common = 0
    while (
        common < min(len(shown), len(entry.headings))
        and shown[common].key == entry.headings[common].key
    ):
        common += 1
    heads = [h.continued if h.key in seen else h.full for h in entry.headings[common:] if h.full]
    return "\n".join(["\n\n".join(heads), entry.body]) if heads else entry.body


def _paginate(
    entries: Sequence[_Entry], until: int
) -> tuple[list[tuple[list[str], int | None]], int]:
    """The entries cut into pages, never inside one, up to page `until` (every page when it
    is beyond the end): each page's blocks and its first action, and how many entries were
    left after them. A page that goes on with a heading repeats it, marked (suite)."""
    pages: list[tuple[list[str], int | None]] = []
    blocks: list[str] = []
    size = actions = 0
    first: int | None = None
    shown: tuple[_Heading, ...] = ()
    seen: set[str] = set()
    for placed, entry in enumerate(entries):
        block = _block(entry, shown, seen)
        is_action = entry.action_id is not None
        if blocks and (
            size + len(block) > PAGE_BUDGET or (is_action and actions >= ACTIONS_PER_PAGE)
        ):
            pages.append((blocks, first))
            if len(pages) > until:
                return pages, len(entries) - placed
            blocks, size, actions, first, shown = [], 0, 0, None, ()
            block = _block(entry, shown, seen)
        blocks.append(block)
        size += len(block) + 2
        actions += is_action
        first = first if first is not None else entry.action_id
        shown = entry.headings
        seen.update(h.key for h in entry.headings)
    if blocks:
        pages.append((blocks, first))
    return pages, 0


def page(scopes: Sequence[Scope], index: int, now: datetime, heading: str = "") -> Page:
    """Page `index` of these clusters' follow-up (the last one when beyond the end), with
    `heading` above it (the morning post's).

    Pages are written up to the one shown; those after it are counted at ten actions each,
    which they are unless long texts cut one short: then the count grows by one as the
    reader gets there, and a press beyond the end shows the last page."""
    entries = [e for s in scopes for e in _entries(s, now)]
    pages, left = _paginate(entries, max(index, 0))
    shown = min(max(index, 0), len(pages) - 1)
    count = len(pages) + -(-left // ACTIONS_PER_PAGE)
    blocks, first = pages[shown]
    lines = ([heading] if heading else []) + blocks
    footer = []
    if count > 1:
        footer.append(texts.FOLLOWUP_PAGE.format(page=shown + 1, pages=count))
    if first is not None:
        footer.append(texts.FOLLOWUP_HINT.format(id=first))
    if footer:
        lines.append("\n".join(footer))
    return Page("\n\n".join(lines), shown, count)


# --- Buttons ---------------------------------------------------------------------------------


def page_rows(op: FollowUpOp, cluster_id: int, shown: Page) -> list[list[InlineKeyboardButton]]:
    """◀️ ▶️ between the pages, as a row (none for a single page)."""
    row = []
    if shown.index > 0:
        data = encode(FollowUpButton(op, cluster_id, shown.index - 1))
        row.append(InlineKeyboardButton(texts.BUTTON_PREVIOUS, callback_data=data))
    if shown.index + 1 < shown.count:
        data = encode(FollowUpButton(op, cluster_id, shown.index + 1))
        row.append(InlineKeyboardButton(texts.BUTTON_NEXT, callback_data=data))
    return [row] if row else []


def group_rows(cluster_id: int) -> list[list[InlineKeyboardButton]]:
    """Rows under /suivi in the group, below its pages: the review's start."""
    return [list(row) for row in keyboards.review_start(cluster_id).inline_keyboard]


def followup_keyboard(
    cluster_id: int, shown: Page, *, in_group: bool
) -> InlineKeyboardMarkup | None:
    """Under /suivi: its pages; in the group, then group_rows(). Cluster 0 is every cluster
    of the person, in private."""
    rows = page_rows(FollowUpOp.PAGE, cluster_id, shown)
    if in_group:
        rows += group_rows(cluster_id)
    return InlineKeyboardMarkup(rows) if rows else None


def post_rows(cluster_id: int, meeting_id: int | None) -> list[list[InlineKeyboardButton]]:
    """Rows under the morning's post, below its pages: ✋ Présent(e) for the day's meeting
    (the post opens it), then the review's start. Built again at each page turn, so they
    stay under the post."""
    rows: list[list[InlineKeyboardButton]] = []
    if meeting_id is not None:
        rows += [list(row) for row in keyboards.attendance(meeting_id).inline_keyboard]
    return rows + group_rows(cluster_id)


def post_keyboard(
    cluster_id: int, shown: Page, meeting_id: int | None
) -> InlineKeyboardMarkup | None:
    """Under the morning's post in the group: its pages, then post_rows()."""
    rows = page_rows(FollowUpOp.POST, cluster_id, shown) + post_rows(cluster_id, meeting_id)
    return InlineKeyboardMarkup(rows) if rows else None


def post_page(cluster: ClusterView, review: FollowUp, index: int, now: datetime) -> Page:
    return page([Scope(cluster, review)], index, now, heading=texts.FOLLOWUP_POST_HEADING)


def reminder_rows(items: Sequence[object]) -> list[list[InlineKeyboardButton]]:
    """Under a meeting's reminder of the day before (or of the day itself): a button that
    opens that cluster's follow-up in private, one per cluster the digest reminds of."""
    clusters = list(
        dict.fromkeys(
            i.cluster for i in items if isinstance(i, MeetingItem) and i.planned.offset_days <= 1
        )
    )
    rows = []
    for cluster in clusters:
        label = (
            texts.BUTTON_FOLLOWUP_OF.format(cluster=shorten(cluster.short_name or cluster.name, 30))
            if len(clusters) > 1
            else texts.BUTTON_FOLLOWUP
        )
        data = encode(FollowUpButton(FollowUpOp.OPEN, cluster.id))
        rows.append([InlineKeyboardButton(label, callback_data=data)])
    return rows


def review_post(item: ReviewItem, now: datetime) -> tuple[str, InlineKeyboardMarkup | None]:
    """The morning's post: the first page of the group's follow-up, under its heading."""
    shown = post_page(item.cluster, item.follow_up, 0, now)
    meeting = item.follow_up.meeting
    return shown.text, post_keyboard(item.cluster.id, shown, meeting.id if meeting else None)
