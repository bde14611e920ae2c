"""Invitations reach the person invited; a coordinator removes someone (/retirer).

The link is sent to the coordinator privately, never shown in the group: whoever reads
the group could open it first. Its opener's own Telegram name is shown beside the name the
coordinator typed, to them and to the coordinator, so a link opened by the wrong person is
seen at once, and /retirer undoes it.
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update, User
from telegram.constants import ParseMode
from telegram.error import Forbidden

from bot import keyboards, texts
from bot.callbacks import MemberButton, MemberOp, decode
from bot.context import RelanceContext
from bot.handlers.common import display_name, edit_or_reply, mention, reply
from bot.handlers.guards import (
    command_body,
    coordinator_in_group,
    coordinator_press,
    is_coordinator,
)
from bot.render import escape
from storage.errors import (
    InvitationExpired,
    InvitationOwnLink,
    InvitationUsed,
    InvitationWithdrawn,
    NotFound,
)
from storage.members import (
    INVITATION_LIFETIME,
    Acceptance,
    ClusterPerson,
    OpenInvitation,
    OrganisationChange,
    accept_invitation,
    cancel_invitation,
    confirm_organisation_change,
    get_member,
    invitation_cluster,
    mark_delivered,
    people_named,
    remove_from_cluster,
    undelivered_invitations,
)
from storage.models import Role
from storage.views import ClusterView

NAME_MAX = 120
_DAYS = INVITATION_LIFETIME.days


def _link_text(context: RelanceContext, invitation: OpenInvitation) -> str:
    return texts.INVITE_LINK.format(
        name=escape(invitation.name),
        org=escape(invitation.organisation),
        of_org=texts.of(escape(invitation.organisation)),
        cluster=texts.cluster_named(escape(invitation.cluster)),
        link=f"https://t.me/{context.bot.username}?start={invitation.code}",
        days=_DAYS,
    )


async def _send(
    context: RelanceContext, chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> bool:
    """A private message; False when Telegram refuses (never started, or blocked)."""
    try:
        await context.bot.send_message(
            chat_id,
            text,
            parse_mode=ParseMode.HTML,
            reply_markup=markup,
            disable_web_page_preview=True,
        )
    except Forbidden:
        return False
    return True


def _delivered(context: RelanceContext, codes: list[str]) -> None:
    with context.deps.db.session() as session:
        mark_delivered(session=session, codes=codes, now=context.now)


async def deliver_invitation(
    update: Update, context: RelanceContext, invitation: OpenInvitation, replaced: int
) -> None:
    """/inviter in the group: the link goes to the coordinator in private; the group reads
    only that an invitation was made. Someone the bot cannot write to yet is told how to
    start it: their /start then delivers it (`send_waiting_links`)."""
    user = update.effective_user
    if user is None:
        return
    delivered = await _send(context, user.id, _link_text(context, invitation))
    if delivered:
        _delivered(context, [invitation.code])
    name, org = escape(invitation.name), escape(invitation.organisation)
    if delivered:
        text = texts.INVITE_SENT_PRIVATELY.format(name=name, org=org, coordinator=mention(user))
        text += texts.INVITE_REPLACED.format(name=name) if replaced else ""
    else:
        link = f"https://t.me/{context.bot.username}"
        text = texts.INVITE_START_BOT.format(
            name=name, org=org, coordinator=mention(user), link=link
        )
    await reply(update, text)


async def send_waiting_links(update: Update, context: RelanceContext) -> None:
    """/start in private: the links this person asked for while the bot could not write
    to them."""
    user = update.effective_user
    if user is None:
        return
    with context.deps.db.session() as session:
        waiting = undelivered_invitations(
            session=session, telegram_user_id=user.id, now=context.now
        )
    if not waiting:
        return
    await reply(update, texts.START_INVITATIONS.format(count=len(waiting)))
    for invitation in waiting:
        await reply(update, _link_text(context, invitation))
        _delivered(context, [invitation.code])


async def open_invitation(update: Update, context: RelanceContext, user: User, code: str) -> None:
    """/start <code>: the invitation opened. The opener reads as whom they were invited,
    beside their own Telegram name; the coordinator who invited them is told who it was."""
    try:
        with context.deps.db.session() as session:
            outcome = accept_invitation(
                session=session,
                code=code,
                telegram_user_id=user.id,
                telegram_name=display_name(user),
                now=context.now,
                telegram_username=user.username,
            )
    except NotFound:
        await reply(update, texts.INVITATION_UNKNOWN)
        return
    except InvitationUsed:
        await reply(update, texts.INVITATION_USED)
        return
    except InvitationWithdrawn:
        await reply(update, texts.INVITATION_WITHDRAWN)
        return
    except InvitationOwnLink as own:
        await reply(update, texts.INVITATION_OWN_LINK.format(name=escape(str(own))))
        return
    except InvitationExpired:
        await reply(update, texts.INVITATION_EXPIRED.format(days=_DAYS))
        return
    if isinstance(outcome, OrganisationChange):
        await _ask_organisation_change(update, context, outcome)
        return
    await reply(update, _welcome(outcome, display_name(user)))
    if outcome.first:
        await _tell_inviter(context, outcome, user)


def _welcome(joined: Acceptance, telegram_name: str) -> str:
    org = escape(joined.organisation)
    welcome = texts.WELCOME.format(
        name=escape(joined.member.display_name),
        org=org,
        of_org=texts.of(org, bold=True),
        cluster=texts.cluster_named(escape(joined.cluster.display_name), bold=True),
    )
    who = texts.WELCOME_WHO.format(
        invited=escape(joined.invited_as), telegram=escape(telegram_name)
    )
    return f"{welcome}\n\n{who}"


async def _to_inviter(
    context: RelanceContext,
    inviter: int | None,
    cluster: ClusterView,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> None:
    """In private to the coordinator who invited; in the cluster's group if they cannot be
    written to (it holds no link, and its buttons check who presses)."""
    if inviter is None or not await _send(context, inviter, text, markup):
        await context.bot.send_message(
            cluster.chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
        )


async def _tell_inviter(context: RelanceContext, joined: Acceptance, user: User) -> None:
    username = texts.INVITE_JOINED_USERNAME.format(username=user.username) if user.username else ""
    text = texts.INVITE_JOINED.format(
        invited=escape(joined.invited_as),
        of_org=texts.of(escape(joined.organisation)),
        cluster=texts.cluster_named(escape(joined.cluster.display_name)),
        telegram=escape(display_name(user)),
        name=escape(joined.member.display_name),  # the name /retirer finds them by
        username=escape(username),
    )
    await _to_inviter(context, joined.inviter_telegram_id, joined.cluster, text)


async def _ask_organisation_change(
    update: Update, context: RelanceContext, change: OrganisationChange
) -> None:
    current, proposed = escape(change.current), escape(change.proposed)
    question = texts.ORG_CHANGE_ASK.format(
        name=escape(change.name),
        proposed=proposed,
        of_cluster=texts.cluster_named(escape(change.cluster.display_name), article="du"),
        current=current,
        of_current=texts.of(current, bold=True),
        of_current_plain=texts.of(current),
        of_proposed=texts.of(proposed),
    )
    markup = keyboards.organisation_change(
        change.invitation_id, change.member_id, current=change.current, proposed=change.proposed
    )
    await _to_inviter(context, change.inviter_telegram_id, change.cluster, question, markup)
    await reply(
        update,
        texts.ORG_CHANGE_WAIT.format(
            current=current, of_current=texts.of(current, bold=True), proposed=proposed
        ),
    )


# --- /retirer ---------------------------------------------------------------------------------


async def retire_command(update: Update, context: RelanceContext) -> None:
    """/retirer Gerson Brandao (or @gerson): asks to confirm, then the person leaves."""
    cluster = await coordinator_in_group(update, context)
    if cluster is None:
        return
    person = _named_one(context, cluster, " ".join(command_body(update).split())[:NAME_MAX])
    if isinstance(person, str):
        await reply(update, person)
        return
    org = f" ({escape(person.acronym)})" if person.acronym else ""
    template = texts.RETIRE_CONFIRM if person.member_id else texts.RETIRE_INVITATION_CONFIRM
    of_cluster = texts.cluster_named(escape(cluster.display_name), article="du")
    text = template.format(name=escape(person.name), org=org, of_cluster=of_cluster)
    markup = keyboards.confirm_retire(
        member_id=person.member_id, invitation_id=person.invitation_id
    )
    await reply(update, text, markup)


def _named_one(context: RelanceContext, cluster: ClusterView, typed: str) -> ClusterPerson | str:
    """The one person /retirer may remove by that name, or the French reason why not."""
    if not typed:
        return texts.RETIRE_USAGE
    with context.deps.db.session() as session:
        found = people_named(session=session, cluster_id=cluster.id, text=typed)
    if len(found) != 1:
        names = ", ".join(
            escape(p.name) + (f" ({escape(p.acronym)})" if p.acronym else "") for p in found
        )
        template = texts.RETIRE_AMBIGUOUS if found else texts.RETIRE_UNKNOWN
        return template.format(text=escape(typed), names=names)
    if found[0].role == Role.COORDINATOR:  # the group's administrators coordinate, always
        return texts.RETIRE_COORDINATOR.format(name=escape(found[0].name))
    return found[0]


async def member_button(update: Update, context: RelanceContext) -> None:
    """w: /retirer's confirmation in the group, or an organisation change in private."""
    query = update.callback_query
    button = decode(query.data) if query else None
    if isinstance(button, MemberButton) and button.op in (MemberOp.ORG_CHANGE, MemberOp.ORG_KEEP):
        await _organisation_button(update, context, button)
        return
    pressed = await coordinator_press(update, context, MemberButton)
    if pressed is None:
        return
    button, cluster, query = pressed
    await query.answer()
    await edit_or_reply(update, _retire(context, cluster, button))


def _retire(context: RelanceContext, cluster: ClusterView, button: MemberButton) -> str:
    """The confirmed removal (or withdrawn link) carried out: what the message now says."""
    if button.op not in (MemberOp.RETIRE, MemberOp.RETIRE_INVITATION):
        return texts.RETIRE_KEPT
    with context.deps.db.session() as session:
        if button.op == MemberOp.RETIRE:
            name = remove_from_cluster(
                session=session, cluster_id=cluster.id, member_id=button.target
            )
        else:
            name = cancel_invitation(
                session=session, cluster_id=cluster.id, invitation_id=button.target
            )
    if name is None:
        return texts.RETIRE_GONE
    if button.op == MemberOp.RETIRE:
        of_cluster = texts.cluster_named(escape(cluster.display_name), article="du")
        return texts.RETIRED.format(name=escape(name), of_cluster=of_cluster)
    return texts.INVITATION_CANCELLED.format(name=escape(name))


async def _organisation_button(
    update: Update, context: RelanceContext, button: MemberButton
) -> None:
    query = update.callback_query
    assert query is not None
    with context.deps.db.session() as session:
        cluster = invitation_cluster(session=session, invitation_id=button.target)
        member = get_member(session=session, member_id=button.member_id)
    if cluster is None or member is None or member.telegram_user_id is None:
        await query.answer(texts.ORG_CHANGE_GONE, show_alert=True)
        return
    if not await is_coordinator(update, context, cluster):
        await query.answer(texts.COORDINATOR_ONLY, show_alert=True)
        return
    await query.answer()
    if button.op == MemberOp.ORG_KEEP:
        org = escape(member.organisation_acronym or "")
        await edit_or_reply(
            update, texts.ORG_KEPT.format(name=escape(member.display_name), of_org=texts.of(org))
        )
        await _send(context, member.telegram_user_id, texts.ORG_KEPT_MEMBER.format(org=org))
        return
    try:
        with context.deps.db.session() as session:
            joined = confirm_organisation_change(
                session=session,
                invitation_id=button.target,
                member_id=button.member_id,
                now=context.now,
            )
    except (NotFound, InvitationUsed, InvitationExpired):
        await edit_or_reply(update, texts.ORG_CHANGE_GONE)
        return
    done = texts.ORG_CHANGED.format(
        name=escape(member.display_name),
        of_org=texts.of(escape(joined.organisation)),
        cluster=texts.cluster_named(escape(cluster.display_name)),
    )
    await edit_or_reply(update, done)
    if joined.first:
        welcome = _welcome(joined, member.telegram_name or member.display_name)
        await _send(context, member.telegram_user_id, welcome)
