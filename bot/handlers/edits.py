"""Changing an existing action by typing: a new deadline, a comment, its text, its owners.

Each is a command (/reporter 12 fin mai) or the answer to a question a button asked; the
answer is checked against bot.rights again when it comes, not only when it was asked.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlmodel import Session
from telegram import Update

from bot import texts
from bot.callbacks import Verb
from bot.context import RelanceContext
from bot.conversation import Asked, FieldEdit
from bot.handlers import review
from bot.handlers.common import pose, reply, send_card
from bot.handlers.guards import (
    Target,
    acting,
    command_body,
    command_target,
    owner_index_of,
    refusal,
    visible_action,
)
from bot.render import escape
from bot.resolve import (
    NoNextMeeting,
    cluster_deadline,
    known_owner,
    resolve_owners,
    undated_value,
)
from bot.rights import ANSWERS, FieldName
from language.action_text import split_owners
from language.deadlines import Undated
from storage.actions import (
    COMMENT_MAX,
    DESCRIPTION_MAX,
    add_comment,
    change_deadline,
    change_description,
    change_owners,
)
from storage.parts import close_when_every_part_done, parts_for
from storage.views import ActionView, Author

_QUESTIONS: dict[FieldName, str] = {
    "deadline": texts.POSTPONE_ASK,
    "comment": texts.COMMENT_ASK,
    "description": texts.DESCRIPTION_ASK,
    "owners": texts.OWNERS_ASK,
}


async def ask(
    update: Update, context: RelanceContext, action: ActionView, field: FieldName
) -> None:
    """Ask for the new value of one field of the action."""
    question = _QUESTIONS[field].format(id=action.id)
    await pose(update, context, FieldEdit(action.id, field), question)


async def postpone_command(update: Update, context: RelanceContext) -> None:
    """/reporter 12 fin novembre (the deadline is asked for when missing)."""
    await _typed(update, context, "reporter", Verb.POSTPONE, "deadline")


async def comment_command(update: Update, context: RelanceContext) -> None:
    """/commenter 12 Rapport envoyé, kept as typed, line breaks included."""
    await _typed(update, context, "commenter", Verb.COMMENT, "comment")


async def _typed(
    update: Update, context: RelanceContext, command: str, verb: Verb, field: FieldName
) -> None:
    target = await command_target(update, context, command, verb)
    if target is None:
        return
    text = command_body(update, skip=1)
    if not text:
        await ask(update, context, target.action, field)
        return
    problem = await _APPLY[field](update, context, target, text, None)
    if problem is not None:
        await reply(update, problem)


async def answered(update: Update, context: RelanceContext, asked: Asked, text: str) -> None:
    """The answer to a question asked for an existing action."""
    edit = asked.state
    assert isinstance(edit, FieldEdit)
    if edit.review_id is not None:  # asked during a review: said at the meeting
        await review.typed_answer(update, context, asked, text)
        return
    target = visible_action(update, context, edit.action_id)
    if target is None:
        refused: str | None = texts.ACTION_NOT_FOUND.format(id=edit.action_id)
    else:
        refused = await refusal(update, context, ANSWERS[edit.field], target)
    if target is None or refused is not None:
        context.conversations.close(asked.id)
        await reply(update, refused or texts.EXCHANGE_EXPIRED)
        return
    problem = await _APPLY[edit.field](update, context, target, text, asked.id)
    if problem is not None:
        # Asked again with what was wrong, so that the next reply still finds the question.
        await pose(update, context, edit, problem, replacing=asked.id)


async def _deadline(
    update: Update, context: RelanceContext, target: Target, text: str, question: int | None
) -> str | None:
    """Store a new deadline typed by the person; the French hint if it cannot be read."""
    with context.deps.db.session() as session:
        value = cluster_deadline(
            text,
            session=session,
            cluster_id=target.cluster.id,
            now=context.now,
            tz=target.cluster.tz,
        )
    if value is None:
        return texts.ACTION_BAD_DEADLINE.format(text=escape(text[:80]))
    if isinstance(value, NoNextMeeting):
        return texts.DEADLINE_NO_MEETING.format(text=escape(text[:80]))
    deadline = undated_value(text) if isinstance(value, Undated) else value

    def change(session: Session, by: Author) -> ActionView:
        return change_deadline(
            session=session, action_id=target.action.id, deadline=deadline, by=by
        )

    await _store(update, context, target, question, change)
    return None


async def _comment(
    update: Update, context: RelanceContext, target: Target, text: str, question: int | None
) -> str | None:
    text = text.strip()
    if len(text) > COMMENT_MAX:
        return texts.COMMENT_TOO_LONG.format(length=len(text), max=COMMENT_MAX)

    def change(session: Session, by: Author) -> ActionView:
        return add_comment(session=session, action_id=target.action.id, text=text, by=by)

    intro = texts.COMMENT_ADDED.format(id=target.action.id)
    await _store(update, context, target, question, change, intro)
    return None


async def _description(
    update: Update, context: RelanceContext, target: Target, text: str, question: int | None
) -> str | None:
    if len(text) > DESCRIPTION_MAX:
        return texts.ACTION_TOO_LONG.format(length=len(text), max=DESCRIPTION_MAX)

    def change(session: Session, by: Author) -> ActionView:
        return change_description(
            session=session, action_id=target.action.id, description=text, by=by
        )

    await _store(update, context, target, question, change)
    return None


async def _owners(
    update: Update, context: RelanceContext, target: Target, text: str, question: int | None
) -> str | None:
    index = owner_index_of(context, target.cluster.id)
    names = split_owners(text, known=known_owner(index))
    if not names:
        return texts.OWNERS_ASK.format(id=target.action.id)
    resolution = resolve_owners(names, index)
    if resolution.choices:
        options = ", ".join(escape(c.label) for c in resolution.choices)
        typed = escape(resolution.unresolved[0])
        return texts.INVITE_AMBIGUOUS_ORG.format(org=typed, choices=options)

    # Not _store: what the card says first depends on what the change did.
    action_id = target.action.id
    with acting(context, update) as (session, by):
        before = parts_for(session=session, action_id=action_id)
        action = change_owners(
            session=session, action_id=action_id, owners=resolution.owners, by=by
        )
        closed = close_when_every_part_done(
            session=session, action_id=action_id, before=before, by=by
        )
        if question is not None:
            context.conversations.close(question, session=session)
    intro = ""
    if closed is not None:
        action = closed[0]
        intro = texts.PARTS_OWNERS_DONE.format(total=len(closed[1].parts), id=action_id)
    await send_card(update, context, action, target.cluster, intro)
    return None


async def _store(
    update: Update,
    context: RelanceContext,
    target: Target,
    question: int | None,
    change: Callable[[Session, Author], ActionView],
    intro: str = "",
) -> None:
    """Make the change as this person, ending the question it answers in the same
    transaction, and show the fresh card."""
    with acting(context, update) as (session, by):
        action = change(session, by)
        if question is not None:
            context.conversations.close(question, session=session)
    await send_card(update, context, action, target.cluster, intro)


# Each returns None once the change is stored and shown, or what to say instead.
_Apply = Callable[[Update, RelanceContext, Target, str, int | None], Awaitable[str | None]]
_APPLY: dict[FieldName, _Apply] = {
    "deadline": _deadline,
    "comment": _comment,
    "description": _description,
    "owners": _owners,
}
