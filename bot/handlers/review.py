"""/revue: the follow-up walked through in the meeting, one item at a time.

The review lives in the database (storage.reviews): each press or typed answer reads it,
records what was said at that meeting, and posts the next item. A restart or a network
cut loses nothing: /revue again posts the current item. Who may press what is
bot.rights.ACTS, checked at every press.
"""

from __future__ import annotations

import logging

from sqlmodel import Session
from telegram import Update, User
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot import keyboards, render, texts
from bot.callbacks import ReviewButton, ReviewOp, decode
from bot.context import RelanceContext
from bot.conversation import Asked, FieldEdit
from bot.handlers.common import display_name, edit_or_reply, plain, pose, reply
from bot.handlers.guards import (
    act_refusal,
    acting,
    group_cluster,
    is_private,
    visible_action,
)
from bot.handlers.reports import minutes_after_review
from bot.render import escape
from bot.resolve import NoNextMeeting, cluster_deadline, undated_value
from bot.review import item_text, part_acronym, plain_deadline, said, short_day, summary
from bot.rights import Act, FieldName
from language.deadlines import Undated
from storage.actions import COMMENT_MAX, add_comment, change_deadline, change_status, get_action
from storage.errors import NotFound
from storage.followup import latest_comments
from storage.meetings import meeting_of_today
from storage.models import OwnerKind, Status
from storage.organisations import get_organisation
from storage.parts import NotAPart, Parts, parts_of, parts_of_view, report_part
from storage.reviews import (
    NotCurrent,
    Outcome,
    ReviewAnswer,
    ReviewOpen,
    ReviewView,
    answer_item,
    end_review,
    get_review,
    open_review,
    review_items,
    review_meeting,
    set_review_message,
    start_review,
)
from storage.views import ActionView, ClusterView

log = logging.getLogger(__name__)

_STATUS = {
    ReviewOp.DONE: (Status.DONE, Outcome.DONE),
    ReviewOp.IN_PROGRESS: (Status.IN_PROGRESS, Outcome.IN_PROGRESS),
    ReviewOp.BLOCKED: (Status.BLOCKED, Outcome.BLOCKED),
    ReviewOp.CANCEL_CONFIRMED: (Status.CANCELLED, Outcome.CANCELLED),
}
_ACTS = {
    ReviewOp.CANCEL: Act.REVIEW_CANCEL,
    ReviewOp.CANCEL_CONFIRMED: Act.REVIEW_CANCEL,
    ReviewOp.KEEP: Act.REVIEW_CANCEL,
    ReviewOp.NEXT: Act.REVIEW_NEXT,
}


class _NothingToReview(Exception):
    """Raised inside the unit of work so the meeting it created for today is rolled back."""


# --- Starting, resuming ---------------------------------------------------------------------


async def review_command(update: Update, context: RelanceContext) -> None:
    """/revue in the group: start the review of today's meeting, or post its current item."""
    if is_private(update):
        await reply(update, texts.REVIEW_PRIVATE)
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return
    refused = await act_refusal(update, context, Act.REVIEW_START, cluster)
    if refused is not None:
        await reply(update, refused)
        return
    await _start(update, context, cluster)


async def _start(update: Update, context: RelanceContext, cluster: ClusterView) -> None:
    now, tz = context.now, cluster.tz
    with context.deps.db.session() as session:
        left = open_review(session=session, cluster_id=cluster.id)
        today = meeting_of_today(session=session, cluster_id=cluster.id, now=now, tz=tz)
    if left is not None and (today is None or left.meeting_id != today.id):
        # A review left open at an earlier meeting is over: its summary is what was said
        # there, posted before this meeting's review begins rather than lost.
        await _finish(context, cluster, left.id, update.effective_user)
    try:
        with acting(context, update) as (session, by):
            meeting_id = review_meeting(session=session, cluster_id=cluster.id, now=now, tz=tz)
            items = review_items(session=session, cluster_id=cluster.id, now=now, tz=tz)
            if not items:
                raise _NothingToReview
            review = start_review(
                session=session,
                cluster_id=cluster.id,
                meeting_id=meeting_id,
                chat_id=cluster.chat_id,
                items=items,
                by=by,
            )
    except _NothingToReview:
        await reply(update, texts.REVIEW_NOTHING)
        return
    except ReviewOpen as exc:
        current = exc.review
        position = min(current.position + 1, current.total)
        await reply(update, texts.REVIEW_ALREADY.format(position=position, total=current.total))
        # One copy of the current item has buttons: the one posted now.
        await _clear_buttons(context, current)
        await _post_current(context, cluster, current.id)
        return
    count = texts.plural(review.total, "point")
    day = short_day(review.meeting_starts_at, tz)
    await reply(update, texts.REVIEW_STARTED.format(day=day, count=count))
    await _post_current(context, cluster, review.id)


async def _post_current(
    context: RelanceContext,
    cluster: ClusterView,
    review_id: int,
    known: ReviewView | None = None,
) -> None:
    """Post the current item; items closed elsewhere before their turn are noted and passed;
    after the last one, the summary. `known`: the review as the caller just wrote it."""
    while True:
        with context.deps.db.session() as session:
            review = known or get_review(session=session, review_id=review_id)
            known = None
            if review is None or review.ended:
                return
            item = review.current
            if item is None:
                break
            action = get_action(session=session, action_id=item.action_id)
            parts = parts_of_view(session=session, action=action)
            organisation_id = _walked_as(action, parts, item.organisation_id)
            status = _item_status(action, parts, organisation_id)
            if action is None or status is None or not status.is_open:
                label = _closed_label(session, status, organisation_id)
                closed = ReviewAnswer(Outcome.CLOSED, "", None, label)
                answer_item(
                    session=session, review_id=review.id, position=review.position, answer=closed
                )
                continue
            comment = latest_comments(session=session, action_ids=[action.id]).get(action.id)
        text = item_text(
            review, review.position, action, parts, comment, now=context.now, tz=cluster.tz
        )
        sent = await context.bot.send_message(
            chat_id=review.chat_id,
            text=text,
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.review_item(review.id, review.position),
            disable_web_page_preview=True,
        )
        with context.deps.db.session() as session:
            set_review_message(session=session, review_id=review.id, message_id=sent.message_id)
        return
    await _finish(context, cluster, review_id)


def _walked_as(
    action: ActionView | None, parts: Parts | None, organisation_id: int | None
) -> int | None:
    """The organisation whose part the item is now. Owners changed since the review began:
    an organisation left the only owner of an action no longer shared answers for the whole
    of it; one that owns it no longer keeps its id, and has no part (_item_status)."""
    if action is None or organisation_id is None or parts is not None:
        return organisation_id
    owns = any(
        o.kind == OwnerKind.ORGANISATION and o.organisation_id == organisation_id
        for o in action.owners
    )
    return None if owns else organisation_id


def _item_status(
    action: ActionView | None, parts: Parts | None, organisation_id: int | None
) -> Status | None:
    """Where the item stands: its organisation's part, or the whole action; None when the
    organisation has no part in it any more."""
    if action is None:
        return None
    if organisation_id is None or not action.status.is_open:
        return action.status
    return parts.status_of(organisation_id) if parts is not None else None


def _closed_label(session: Session, status: Status | None, organisation_id: int | None) -> str:
    """What an item passed without a question says: the status it has, or that its
    organisation's part is gone."""
    if status is not None:
        return texts.REVIEW_CLOSED_AS.format(status=texts.STATUS_LABEL[status])
    found = (
        get_organisation(session=session, organisation_id=organisation_id)
        if organisation_id is not None
        else None
    )
    return texts.REVIEW_PART_GONE.format(org=found.acronym if found else "?")


async def _finish(
    context: RelanceContext, cluster: ClusterView, review_id: int, ended_by: User | None = None
) -> None:
    """End the review and post its summary; the current item loses its buttons. Then the
    meeting's minutes go to the coordinator who ended it (`ended_by`; None: it ended on its
    last item, and they go to the one who started it)."""
    with context.deps.db.session() as session:
        review = end_review(session=session, review_id=review_id, now=context.now)
        shared = {i.action_id for i in review.items if i.organisation_id is not None}
        acronyms = {
            p.organisation_id: p.acronym
            for parts in parts_of(session=session, action_ids=sorted(shared)).values()
            for p in parts.parts
        }
    if review.position < review.total:
        await _clear_buttons(context, review)
    for chunk in summary(review, acronyms, cluster.tz):
        await context.bot.send_message(
            chat_id=review.chat_id,
            text=chunk,
            parse_mode=ParseMode.HTML,
            disable_web_page_preview=True,
        )
    await minutes_after_review(context, cluster, review, ended_by)


async def _clear_buttons(context: RelanceContext, review: ReviewView) -> None:
    """The message of the current item loses its buttons."""
    if review.message_id is None:
        return
    try:
        await context.bot.edit_message_reply_markup(
            chat_id=review.chat_id, message_id=review.message_id, reply_markup=None
        )
    except TelegramError as exc:  # an old message: its buttons are refused anyway
        log.info("could not clear the buttons of review %s: %s", review.id, exc)


# --- The buttons under an item --------------------------------------------------------------


async def review_button(update: Update, context: RelanceContext) -> None:
    query = update.callback_query
    if query is None:
        return
    decoded = decode(query.data)
    button = decoded if isinstance(decoded, ReviewButton) else None
    cluster = group_cluster(update, context)
    if button is None or cluster is None:
        await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
        return
    if button.op == ReviewOp.START:
        await _start_pressed(update, context, cluster, button)
        return
    with context.deps.db.session() as session:
        review = get_review(session=session, review_id=button.target)
    if review is None or review.cluster_id != cluster.id:
        await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
        return
    if review.ended:
        await query.answer(texts.REVIEW_ENDED, show_alert=True)
        return
    if button.op == ReviewOp.END:
        refused = await act_refusal(update, context, Act.REVIEW_END, cluster)
        if refused is not None:
            await query.answer(plain(refused), show_alert=True)
            return
        await query.answer()
        await _finish(context, cluster, review.id, update.effective_user)
        return
    if button.position != review.position or review.current is None:
        position = min(review.position + 1, review.total)
        text = texts.REVIEW_NOT_CURRENT.format(position=position, total=review.total)
        await query.answer(text, show_alert=True)
        return
    await _item_pressed(update, context, cluster, review, button.op)


async def _start_pressed(
    update: Update, context: RelanceContext, cluster: ClusterView, button: ReviewButton
) -> None:
    query = update.callback_query
    assert query is not None
    if button.target != cluster.id:
        await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
        return
    refused = await act_refusal(update, context, Act.REVIEW_START, cluster)
    if refused is not None:
        await query.answer(plain(refused), show_alert=True)
        return
    await query.answer()
    await _start(update, context, cluster)


async def _item_pressed(
    update: Update, context: RelanceContext, cluster: ClusterView, review: ReviewView, op: ReviewOp
) -> None:
    query = update.callback_query
    assert query is not None
    assert review.current is not None
    item, position = review.current, review.position
    with context.deps.db.session() as session:
        action = get_action(session=session, action_id=item.action_id)
        parts = parts_of_view(session=session, action=action)
        organisation_id = _walked_as(action, parts, item.organisation_id)
        status = _item_status(action, parts, organisation_id)
        closed = _closed_label(session, status, organisation_id)
    act = _ACTS.get(op, Act.REVIEW_ANSWER)
    refused = await act_refusal(
        update, context, act, cluster, action=action, organisation_id=organisation_id
    )
    if refused is not None:
        await query.answer(plain(refused), show_alert=True)
        return
    acronym = part_acronym(parts, organisation_id)
    if op == ReviewOp.NEXT:
        await query.answer()
        await _record(update, context, cluster, review, Outcome.SKIPPED, action, parts)
        return
    if action is None or status is None or not status.is_open:
        alert = (
            texts.REVIEW_CHANGED.format(id=item.action_id, status=texts.STATUS_LABEL[status])
            if status is not None
            else texts.REVIEW_CHANGED_PART.format(id=item.action_id, detail=closed)
        )
        await query.answer(alert, show_alert=True)
        await _record(update, context, cluster, review, Outcome.CLOSED, action, parts, closed)
        return
    if op in _STATUS:
        await _set_status(update, context, cluster, review, action, organisation_id, *_STATUS[op])
    elif op == ReviewOp.CANCEL:
        await query.answer()
        question = (
            texts.REVIEW_CANCEL_PART.format(of_org=texts.of(escape(acronym)), id=action.id)
            if acronym is not None
            else texts.CANCEL_CONFIRM.format(id=action.id)
        )
        text = _item(context, cluster, review, action, parts)
        await edit_or_reply(
            update, f"{text}\n\n{question}", keyboards.review_confirm_cancel(review.id, position)
        )
    elif op == ReviewOp.KEEP:
        await query.answer()
        text = _item(context, cluster, review, action, parts)
        await edit_or_reply(update, text, keyboards.review_item(review.id, position))
    else:
        field: FieldName = "deadline" if op == ReviewOp.POSTPONE else "comment"
        user = update.effective_user
        name = display_name(user) if user is not None else ""
        await query.answer(texts.REVIEW_ASKED.format(name=name)[:200])
        edit = FieldEdit(
            action.id,
            field,
            meeting_id=review.meeting_id,
            organisation_id=organisation_id,
            review_id=review.id,
            review_position=position,
        )
        asked = texts.POSTPONE_ASK if field == "deadline" else texts.COMMENT_ASK
        await pose(update, context, edit, asked.format(id=action.id))


def _item(
    context: RelanceContext,
    cluster: ClusterView,
    review: ReviewView,
    action: ActionView,
    parts: Parts | None,
) -> str:
    with context.deps.db.session() as session:
        comment = latest_comments(session=session, action_ids=[action.id]).get(action.id)
    return item_text(
        review, review.position, action, parts, comment, now=context.now, tz=cluster.tz
    )


async def _set_status(
    update: Update,
    context: RelanceContext,
    cluster: ClusterView,
    review: ReviewView,
    action: ActionView,
    organisation_id: int | None,
    status: Status,
    outcome: Outcome,
) -> None:
    query = update.callback_query
    assert query is not None
    try:
        with acting(context, update) as (session, by):
            # Cancelling is the whole action's (a coordinator's decision): a part is done,
            # in progress or blocked, never cancelled on its own.
            parts: Parts | None = None
            if organisation_id is not None and status != Status.CANCELLED:
                report = report_part(
                    session=session,
                    action_id=action.id,
                    organisation_id=organisation_id,
                    status=status,
                    by=by,
                    meeting_id=review.meeting_id,
                )
                changed, parts = report.action, report.parts
            else:
                changed = change_status(
                    session=session,
                    action_id=action.id,
                    status=status,
                    expected=None,
                    by=by,
                    meeting_id=review.meeting_id,
                )
                parts = parts_of_view(session=session, action=changed)
            answer = ReviewAnswer(outcome, by.name, by.member_id)
            after = answer_item(
                session=session, review_id=review.id, position=review.position, answer=answer
            )
    except (NotCurrent, NotAPart, NotFound):
        await query.answer(texts.UNKNOWN_BUTTON, show_alert=True)
        return
    await query.answer(texts.UPDATED.format(id=action.id, status=texts.STATUS_LABEL[status]))
    # What this session wrote is what the edited message shows: nothing to read again.
    await _show_said(context, cluster, review, after, answer, shown=(changed, parts))
    await _post_current(context, cluster, review.id, after)


async def _record(
    update: Update,
    context: RelanceContext,
    cluster: ClusterView,
    review: ReviewView,
    outcome: Outcome,
    action: ActionView | None,
    parts: Parts | None,
    detail: str | None = None,
) -> None:
    """An item passed without a change: Suivant, or closed elsewhere meanwhile."""
    try:
        with acting(context, update) as (session, by):
            answer = ReviewAnswer(outcome, by.name, by.member_id, detail)
            after = answer_item(
                session=session, review_id=review.id, position=review.position, answer=answer
            )
    except NotCurrent:
        return
    await _show_said(context, cluster, review, after, answer)
    await _post_current(context, cluster, review.id)


async def _show_said(
    context: RelanceContext,
    cluster: ClusterView,
    before: ReviewView,
    after: ReviewView,
    answer: ReviewAnswer,
    shown: tuple[ActionView, Parts | None] | None = None,
) -> None:
    """The item's message, edited in place: the action as it is now (`shown` when the
    caller has just written it), what was said and by whom, no buttons."""
    if before.message_id is None:
        return
    item = before.items[before.position]
    with context.deps.db.session() as session:
        if shown is None:
            action = get_action(session=session, action_id=item.action_id)
            parts = parts_of_view(session=session, action=action)
        else:
            action, parts = shown
        comment = latest_comments(session=session, action_ids=[item.action_id]).get(item.action_id)
    day = short_day(before.meeting_starts_at, cluster.tz)
    outcome = said(answer, part_acronym(parts, item.organisation_id), day)
    if action is None:
        text = outcome
    else:
        item_shown = item_text(
            after, before.position, action, parts, comment, now=context.now, tz=cluster.tz
        )
        text = f"{item_shown}\n\n{outcome}"
    try:
        await context.bot.edit_message_text(
            chat_id=before.chat_id,
            message_id=before.message_id,
            text=text,
            parse_mode=ParseMode.HTML,
            reply_markup=None,
            disable_web_page_preview=True,
        )
    except BadRequest as exc:  # unchanged, or too old to edit: what was said is kept anyway
        log.info("could not edit review %s item %s: %s", before.id, before.position, exc)


# --- A new deadline or a comment typed in reply -----------------------------------------------


async def typed_answer(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """The answer to Reporter or Commenter asked during a review: recorded as said at that
    meeting, then the review moves on from that item (if it is still the current one)."""
    edit = asked.state
    assert isinstance(edit, FieldEdit)
    assert edit.review_id is not None
    target = visible_action(update, context, edit.action_id)
    refused: str | None = texts.ACTION_NOT_FOUND.format(id=edit.action_id)
    if target is not None:
        refused = await act_refusal(
            update,
            context,
            Act.REVIEW_ANSWER,
            target.cluster,
            action=target.action,
            organisation_id=edit.organisation_id,
        )
    if target is None or refused is not None:
        context.conversations.close(asked.id)
        await reply(update, refused or texts.EXCHANGE_EXPIRED)
        return
    cluster = target.cluster
    if edit.field == "deadline":
        with context.deps.db.session() as session:
            value = cluster_deadline(
                text, session=session, cluster_id=cluster.id, now=context.now, tz=cluster.tz
            )
        if value is None or isinstance(value, NoNextMeeting):
            hint = texts.ACTION_BAD_DEADLINE if value is None else texts.DEADLINE_NO_MEETING
            await pose(
                update, context, edit, hint.format(text=escape(text[:80])), replacing=asked.id
            )
            return
        deadline = undated_value(text) if isinstance(value, Undated) else value
        outcome, detail = (
            Outcome.POSTPONED,
            plain_deadline(render.deadline_text(deadline, cluster.tz)),
        )
    else:
        text = text.strip()
        if len(text) > COMMENT_MAX:
            problem = texts.COMMENT_TOO_LONG.format(length=len(text), max=COMMENT_MAX)
            await pose(update, context, edit, problem, replacing=asked.id)
            return
        outcome, detail = Outcome.COMMENTED, text
    with acting(context, update) as (session, by):
        if edit.field == "deadline":
            change_deadline(
                session=session,
                action_id=edit.action_id,
                deadline=deadline,
                by=by,
                meeting_id=edit.meeting_id,
            )
        else:
            add_comment(
                session=session,
                action_id=edit.action_id,
                text=text,
                by=by,
                meeting_id=edit.meeting_id,
                organisation_id=edit.organisation_id,
            )
        context.conversations.close(asked.id, session=session)
        before = get_review(session=session, review_id=edit.review_id)
        answer = ReviewAnswer(outcome, by.name, by.member_id, detail)
        after = _keep(session, before, edit.review_position, answer)
    if before is not None and after is not None and before.position == edit.review_position:
        await _show_said(context, cluster, before, after, answer)
        await _post_current(context, cluster, before.id)
        return
    day = short_day(before.meeting_starts_at, cluster.tz) if before else ""
    await reply(update, texts.REVIEW_LATE_ANSWER.format(id=edit.action_id, day=day))


def _keep(
    session: Session, review: ReviewView | None, position: int | None, answer: ReviewAnswer
) -> ReviewView | None:
    """Keep the typed answer in the review; None when it has ended or the item is gone."""
    if review is None or review.ended or position is None:
        return None
    try:
        return answer_item(
            session=session,
            review_id=review.id,
            position=position,
            answer=answer,
            advance=review.position == position,
        )
    except NotCurrent:
        return None
