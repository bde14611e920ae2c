"""Choices by vote: /vote posts a native Telegram poll; 🔒 Clore le vote stops it and keeps
its result as a decision of the meeting.

The poll is not anonymous: a show of hands in a meeting is public, and the group seeing who
chose what is what lets it notice a vote from outside the cluster. Telegram cannot cap how
many answers a person ticks: "3 sur 9" allows several, and the result names the first 3."""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode, PollLimit
from telegram.error import BadRequest

from bot import keyboards, render, texts
from bot.callbacks import VoteButton, decode
from bot.context import RelanceContext
from bot.handlers.common import plain, reply
from bot.handlers.guards import act_refusal, acting, command_body, group_cluster, is_private
from bot.render import escape
from bot.rights import Act
from language.folding import fold
from storage.attendance import get_meeting
from storage.meetings import meeting_of_today
from storage.views import ClusterView
from storage.votes import AlreadyClosed, VoteView, close_vote, get_vote, open_vote, update_counts

# "—", "–", " - " or a new line between the question and each option.
_SEPARATOR_RE = re.compile(r"\s*(?:—|–|\n|\s-\s)\s*")
_BULLETS = " \t-•*▪"
# "3 sur 9", "3 parmi 9", "sélectionner 3", "choisir 3", "retenir 3" (accents folded).
_CHOOSE_RE = re.compile(
    r"\b(?P<n>\d{1,2})\s*(?:sur|parmi)\s*\d{1,2}\b"
    r"|\b(?:selectionner|choisir|retenir|cocher)\s+(?P<m>\d{1,2})\b"
)


@dataclass(frozen=True)
class VoteInput:
    question: str
    options: tuple[str, ...]
    choose: int  # how many answers each person gives; 1: a single choice


def read_vote(text: str) -> VoteInput | str:
    """The question, its options and how many to choose, or the French reason it cannot be
    put to the group as typed."""
    pieces = [" ".join(p.strip(_BULLETS).split()) for p in _SEPARATOR_RE.split(text.strip())]
    question, options = pieces[0], [p for p in pieces[1:] if p]
    if not question:
        return texts.VOTE_NO_QUESTION
    if len(question) > PollLimit.MAX_QUESTION_LENGTH:
        return texts.VOTE_QUESTION_TOO_LONG.format(
            length=len(question), max=PollLimit.MAX_QUESTION_LENGTH
        )
    if len(options) < 2:
        return texts.VOTE_ONE_OPTION
    if len(options) > PollLimit.MAX_OPTION_NUMBER:
        return texts.VOTE_TOO_MANY_OPTIONS.format(
            max=PollLimit.MAX_OPTION_NUMBER, count=len(options)
        )
    seen: set[str] = set()
    for option in options:
        if len(option) > PollLimit.MAX_OPTION_LENGTH:
            return texts.VOTE_OPTION_TOO_LONG.format(
                option=escape(option[:40]), length=len(option), max=PollLimit.MAX_OPTION_LENGTH
            )
        if fold(option) in seen:
            return texts.VOTE_DUPLICATE_OPTION.format(option=escape(option[:60]))
        seen.add(fold(option))
    match = _CHOOSE_RE.search(fold(question))
    choose = int(match["n"] or match["m"]) if match else 1
    if choose >= len(options) and choose > 1:
        return texts.VOTE_TOO_MANY_CHOICES.format(choose=choose, count=len(options))
    return VoteInput(question, tuple(options), max(choose, 1))


async def vote_command(update: Update, context: RelanceContext) -> None:
    """/vote Question — option 1 — option 2: a poll in the group, with 🔒 under it."""
    message = update.effective_message
    if is_private(update) or message is None:
        await reply(update, texts.VOTE_PRIVATE)
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return
    if (refused := await act_refusal(update, context, Act.VOTE_OPEN, cluster)) is not None:
        await reply(update, refused)
        return
    body = command_body(update)
    asked = read_vote(body) if body else texts.VOTE_USAGE
    if isinstance(asked, str):
        await reply(update, asked)
        return
    await _open(update, context, message, cluster, asked)


async def _open(
    update: Update,
    context: RelanceContext,
    message: Message,
    cluster: ClusterView,
    asked: VoteInput,
) -> None:
    """The poll in the group, the vote stored (of today's meeting, if any), then 🔒 under it:
    the button names the vote, whose id exists only once the poll is sent and stored."""
    poll = await message.reply_poll(
        asked.question,
        list(asked.options),
        is_anonymous=False,
        allows_multiple_answers=asked.choose > 1,
        do_quote=True,
    )
    assert poll.poll is not None
    with acting(context, update) as (session, by):
        meeting = meeting_of_today(
            session=session, cluster_id=cluster.id, now=context.now, tz=cluster.tz
        )
        vote = open_vote(
            session=session,
            cluster_id=cluster.id,
            meeting_id=meeting.id if meeting else None,
            chat_id=poll.chat_id,
            message_id=poll.message_id,
            poll_id=poll.poll.id,
            question=asked.question,
            options=asked.options,
            max_answers=asked.choose,
            by=by,
        )
    await poll.edit_reply_markup(keyboards.vote(vote.id))


async def vote_button(update: Update, context: RelanceContext) -> None:
    """🔒 Clore le vote: stop the poll, keep its result as a decision, post it."""
    query = update.callback_query
    if query is None:
        return
    button = decode(query.data)
    cluster = group_cluster(update, context)
    if not isinstance(button, VoteButton) or cluster is None:
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    with context.deps.db.session() as session:
        vote = get_vote(session=session, vote_id=button.vote_id)
    if vote is None or vote.cluster_id != cluster.id:
        await query.answer(texts.VOTE_UNKNOWN, show_alert=True)
        return
    if (refused := await act_refusal(update, context, Act.VOTE_CLOSE, cluster)) is not None:
        await query.answer(plain(refused), show_alert=True)
        return
    if vote.closed_at is not None:
        await query.answer(texts.VOTE_ALREADY_CLOSED, show_alert=True)
        return
    await _close(update, context, cluster, vote)


async def _close(
    update: Update, context: RelanceContext, cluster: ClusterView, vote: VoteView
) -> None:
    """Stop the poll, keep its result as a decision of the vote's meeting, post it under the
    poll."""
    query = update.callback_query
    assert query is not None
    counts, voters = await _stop(context, vote)
    text = vote_result(vote, counts, voters)
    try:
        with acting(context, update) as (session, by):
            closed = close_vote(session=session, vote_id=vote.id, counts=counts, text=text, by=by)
            meeting = (
                get_meeting(session=session, meeting_id=closed.meeting_id)
                if closed.meeting_id
                else None
            )
    except AlreadyClosed:
        await query.answer(texts.VOTE_ALREADY_CLOSED, show_alert=True)
        return
    await query.answer()
    day = (
        texts.VOTE_CLOSED_MEETING.format(day=render.meeting_weekday(meeting.starts_at, cluster.tz))
        if meeting
        else ""
    )
    posted = texts.VOTE_CLOSED.format(meeting=day, text=escape(text))
    if isinstance(query.message, Message):  # the poll itself: the result answers it
        await query.message.reply_html(posted, do_quote=True)
    else:
        await context.bot.send_message(vote.chat_id, posted, parse_mode=ParseMode.HTML)


async def _stop(context: RelanceContext, vote: VoteView) -> tuple[list[int], int | None]:
    """Stop the poll; its final counts and how many voted. A poll stopped already (the
    bot stopped it, then failed before recording) keeps the counts last stored."""
    try:
        poll = await context.bot.stop_poll(
            vote.chat_id, vote.message_id, reply_markup=InlineKeyboardMarkup([])
        )
    except BadRequest as exc:
        if "closed" not in str(exc).lower():
            raise
        single = vote.max_answers == 1
        return list(vote.counts), sum(vote.counts) if single else None
    return [o.voter_count for o in poll.options], poll.total_voter_count


def vote_result(vote: VoteView, counts: list[int], voters: int | None) -> str:
    """ "Vote : Quels indicateurs retenir ? — A : 5, C : 4, B : 1 (10 votants) ; retenus : A, C"."""
    order = sorted(range(len(vote.options)), key=lambda i: -counts[i])
    listed = ", ".join(
        texts.VOTE_RESULT_COUNT.format(option=vote.options[i], count=counts[i]) for i in order
    )
    if voters is None:
        who = texts.VOTE_VOTERS.format(count="?")
    elif voters == 0:
        who = texts.VOTE_VOTERS_NONE
    else:
        who = texts.VOTE_VOTERS_ONE if voters == 1 else texts.VOTE_VOTERS.format(count=voters)
    text = texts.VOTE_RESULT.format(question=vote.question, counts=listed, voters=who)
    ranked = [i for i in order if counts[i] > 0]
    if not ranked:
        return text
    choose = vote.max_answers
    if len(ranked) > choose and counts[ranked[choose]] == counts[ranked[choose - 1]]:
        cut = counts[ranked[choose - 1]]
        sure = [vote.options[i] for i in ranked if counts[i] > cut]
        tied = [vote.options[i] for i in ranked if counts[i] == cut]
        if sure:
            text += _retained(sure)
        return text + texts.VOTE_TIE.format(options=", ".join(tied))
    return text + _retained([vote.options[i] for i in ranked[:choose]])


def _retained(options: list[str]) -> str:
    template = texts.VOTE_RETAINED if len(options) == 1 else texts.VOTE_RETAINED_MANY
    return template.format(options=", ".join(options))


async def poll_update(update: Update, context: RelanceContext) -> None:
    """Telegram's running counts of a poll the bot sent: kept until the vote is closed."""
    poll = update.poll
    if poll is None:
        return
    with context.deps.db.session() as session:
        update_counts(
            session=session, poll_id=poll.id, counts=[o.voter_count for o in poll.options]
        )
