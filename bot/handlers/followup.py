"""/suivi: the follow-up that opens the next meeting, its pages, and the button under the
meeting's reminder that opens it in private."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update

from bot import followup, texts
from bot.callbacks import FollowUpButton, FollowUpOp, decode
from bot.context import RelanceContext
from bot.handlers.common import edit_or_reply, plain, reply
from bot.handlers.guards import act_refusal, group_cluster, is_private
from bot.rights import Act
from storage.followup import follow_up
from storage.members import memberships_of_user

ALL = 0  # the cluster id a button carries for every cluster of the person, in private

_View = tuple[str, InlineKeyboardMarkup | None]


def _private_scopes(
    update: Update, context: RelanceContext, cluster_id: int
) -> list[followup.Scope] | str:
    """Each of the person's clusters (or only `cluster_id`), with their organisation."""
    user = update.effective_user
    if user is None:
        return texts.NO_CLUSTER_PRIVATE
    with context.deps.db.session() as session:
        memberships = memberships_of_user(session=session, telegram_user_id=user.id)
        if not memberships:
            return texts.NO_CLUSTER_PRIVATE
        wanted = [m for m in memberships if cluster_id in (ALL, m.cluster.id)]
        if not wanted:
            return texts.FOLLOWUP_NOT_MEMBER
        return [
            followup.Scope(
                m.cluster,
                follow_up(
                    session=session, cluster_id=m.cluster.id, now=context.now, tz=m.cluster.tz
                ),
                organisation_id=m.member.organisation_id,
                organisation=m.member.organisation_acronym,
                member_id=m.member.id,
            )
            for m in wanted
        ]


async def _group_scope(
    update: Update, context: RelanceContext, cluster_id: int | None, page: int
) -> followup.Scope | str:
    """The group's cluster; a button must name it (one from another group is not valid)."""
    cluster = group_cluster(update, context)
    if cluster is None:
        return texts.NOT_A_CLUSTER
    if cluster_id is not None and cluster_id != cluster.id:
        return texts.UNKNOWN_BUTTON
    refused = await act_refusal(update, context, Act.READ, cluster)
    if refused is not None:
        return refused
    with context.deps.db.session() as session:
        review = follow_up(
            session=session,
            cluster_id=cluster.id,
            now=context.now,
            tz=cluster.tz,
            # The pages up to the one shown, and the first action of the next.
            detail_limit=(page + 2) * followup.ACTIONS_PER_PAGE,
        )
    return followup.Scope(cluster, review)


async def _view(update: Update, context: RelanceContext, button: FollowUpButton) -> _View | str:
    """The page the button (or /suivi, page 0) asks for, as the database is now."""
    if is_private(update) and button.op != FollowUpOp.POST:
        scopes = _private_scopes(update, context, button.cluster_id)
        if isinstance(scopes, str):
            return scopes
        shown = followup.page(scopes, button.page, context.now)
        return shown.text, followup.followup_keyboard(button.cluster_id, shown, in_group=False)
    scope = await _group_scope(update, context, button.cluster_id or None, button.page)
    if isinstance(scope, str):
        return scope
    if button.op == FollowUpOp.POST:
        shown = followup.post_page(scope.cluster, scope.follow_up, button.page, context.now)
        meeting = scope.follow_up.meeting
        meeting_id = meeting.id if meeting is not None else None
        return shown.text, followup.post_keyboard(scope.cluster.id, shown, meeting_id)
    shown = followup.page([scope], button.page, context.now)
    return shown.text, followup.followup_keyboard(scope.cluster.id, shown, in_group=True)


async def followup_command(update: Update, context: RelanceContext) -> None:
    """/suivi: in the group, its cluster's; in private, each of my clusters in turn."""
    view = await _view(update, context, FollowUpButton(FollowUpOp.PAGE, ALL))
    if isinstance(view, str):
        await reply(update, view)
        return
    await reply(update, *view)


async def followup_button(update: Update, context: RelanceContext) -> None:
    """A page of /suivi or of the morning's post, edited in place; or, from a meeting's
    reminder, the cluster's follow-up in a new message (the reminder keeps its buttons)."""
    query = update.callback_query
    if query is None:
        return
    button = decode(query.data)
    if not isinstance(button, FollowUpButton):
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    view = await _view(update, context, button)
    if isinstance(view, str):
        await query.answer(plain(view), show_alert=True)
        return
    await query.answer()
    if button.op == FollowUpOp.OPEN:
        await reply(update, *view)
    else:
        await edit_or_reply(update, *view)
