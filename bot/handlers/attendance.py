"""Who attends the meeting: /presences and its ✋ Présent(e) button, /present and /excuse.

A tap records the member, and through them their organisation; a coordinator marks
organisations or people present or excused. Imported participants lists (storage source
MINUTES) are read the same way everywhere."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import keyboards, render, texts
from bot.callbacks import PresenceButton, decode
from bot.context import RelanceContext
from bot.handlers.common import plain, reply, tolerate_unmodified
from bot.handlers.guards import (
    act_refusal,
    acting,
    command_body,
    group_cluster,
    is_private,
    owner_index_of,
)
from bot.render import escape
from bot.resolve import known_owner
from bot.rights import Act
from language.action_text import split_owners
from language.owners import Candidate, OwnerIndex, match_owner_in, special_owner
from storage.attendance import (
    AttendanceMeeting,
    attendance_list,
    attendance_meeting,
    get_meeting,
    is_cancelled,
    mark_member_present,
    mark_organisation,
)
from storage.models import AttendanceSource, AttendanceStatus
from storage.views import ClusterView, MeetingView

NAMES_MAX = 40  # names in one /present: a whole meeting fits, a pasted directory does not
# How the opening message starts once Telegram strips its HTML: a tap edits only such a
# message, never another post that carries the same button (the morning post, say).
_MARK = plain(texts.ATTENDANCE_TITLE).split(" —")[0]  # "✋ Présences"


def _text(context: RelanceContext, found: AttendanceMeeting, cluster: ClusterView) -> str:
    with context.deps.db.session() as session:
        listed = attendance_list(session=session, meeting_id=found.meeting.id)
    return render.attendance_text(found, listed, cluster_name=cluster.display_name, tz=cluster.tz)


async def _meeting_or_say(
    update: Update, context: RelanceContext, cluster: ClusterView
) -> AttendanceMeeting | None:
    """The meeting attendance is taken for now; with none, the reply says how to set one."""
    with context.deps.db.session() as session:
        found = attendance_meeting(
            session=session, cluster_id=cluster.id, now=context.now, tz=cluster.tz
        )
    if found is None:
        name = escape(cluster.display_name)
        await reply(update, texts.ATTENDANCE_NO_MEETING.format(cluster=name))
    return found


async def presences_command(update: Update, context: RelanceContext) -> None:
    """/presences: the opening message of today's meeting (or the last held), with ✋."""
    if is_private(update):
        await reply(update, texts.ATTENDANCE_PRIVATE)
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return
    found = await _meeting_or_say(update, context, cluster)
    if found is None:
        return
    text = _text(context, found, cluster)
    await reply(update, text, keyboards.attendance(found.meeting.id))


def _local_day(moment: datetime, tz: ZoneInfo) -> date:
    return moment.astimezone(tz).date()


def _button_refusal(
    context: RelanceContext, meeting: MeetingView | None, cluster: ClusterView, cancelled: bool
) -> str | None:
    """Why a ✋ tap cannot count for this meeting, or None."""
    if meeting is None or meeting.cluster_id != cluster.id:
        return texts.UNKNOWN_BUTTON
    if cancelled:
        return texts.ATTENDANCE_CANCELLED
    if _local_day(meeting.starts_at, cluster.tz) > _local_day(context.now, cluster.tz):
        return texts.ATTENDANCE_NOT_YET
    # An old meeting's message, tapped at a later meeting: counting it there would mark the
    # person present a month ago and absent today.
    with context.deps.db.session() as session:
        current = attendance_meeting(
            session=session, cluster_id=cluster.id, now=context.now, tz=cluster.tz
        )
    if current is None or current.meeting.id != meeting.id:
        return texts.ATTENDANCE_PAST.format(
            day=render.meeting_weekday(meeting.starts_at, cluster.tz)
        )
    return None


async def presence_button(update: Update, context: RelanceContext) -> None:
    """✋ Présent(e): the member who taps, and their organisation, are present."""
    query = update.callback_query
    if query is None:
        return
    button = decode(query.data)
    cluster = group_cluster(update, context)
    if not isinstance(button, PresenceButton) or cluster is None:
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    refused = await act_refusal(update, context, Act.ATTEND_SELF, cluster)
    with context.deps.db.session() as session:
        meeting = get_meeting(session=session, meeting_id=button.meeting_id)
        cancelled = is_cancelled(session=session, meeting_id=button.meeting_id)
    if refused is None:
        refused = _button_refusal(context, meeting, cluster, cancelled)
    if refused is not None or meeting is None:
        await query.answer(plain(refused or texts.UNKNOWN_BUTTON), show_alert=True)
        return
    with acting(context, update) as (session, by):
        assert by.member_id is not None  # a press always comes from a person's account
        recorded = mark_member_present(
            session=session,
            meeting_id=meeting.id,
            member_id=by.member_id,
            source=AttendanceSource.SELF,
            now=context.now,
        )
    answer = texts.ATTENDANCE_NOTED.format(name=by.name) if recorded else texts.ATTENDANCE_ALREADY
    await query.answer(plain(answer))
    today = _local_day(meeting.starts_at, cluster.tz) == _local_day(context.now, cluster.tz)
    await _redraw(query.message, context, AttendanceMeeting(meeting, today), cluster)


async def _redraw(
    message: object, context: RelanceContext, found: AttendanceMeeting, cluster: ClusterView
) -> None:
    """Edit the attendance message in place; any other post carrying ✋ is left as it is."""
    if not isinstance(message, Message) or not plain(message.text or "").startswith(_MARK):
        return
    try:
        await message.edit_text(
            _text(context, found, cluster),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.attendance(found.meeting.id),
            disable_web_page_preview=True,
        )
    except BadRequest as exc:
        tolerate_unmodified(exc)


# --- Coordinators: /present OIM, HCR and /excuse UNICEF ---------------------------------------


@dataclass
class _Named:
    """What the typed names stand for."""

    found: list[Candidate] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)
    ambiguous: list[tuple[str, tuple[Candidate, ...]]] = field(default_factory=list)


def _named(text: str, index: OwnerIndex) -> _Named:
    named = _Named()
    for typed in split_owners(text, known=known_owner(index)):
        # "CCP", "Partenaires du CRP": groups, not someone who can sit in the room.
        matches = () if special_owner(typed) else match_owner_in(typed, index).matches
        if len(matches) == 1:
            if all(c != matches[0] for c in named.found):
                named.found.append(matches[0])
        elif matches:
            named.ambiguous.append((typed, matches))
        else:
            named.unknown.append(typed)
    return named


async def present_command(update: Update, context: RelanceContext) -> None:
    await _mark(update, context, AttendanceStatus.PRESENT)


async def excuse_command(update: Update, context: RelanceContext) -> None:
    await _mark(update, context, AttendanceStatus.EXCUSED)


async def _mark(update: Update, context: RelanceContext, status: AttendanceStatus) -> None:
    present = status == AttendanceStatus.PRESENT
    usage = texts.PRESENT_USAGE if present else texts.EXCUSE_USAGE
    if is_private(update):
        await reply(update, texts.ATTENDANCE_PRIVATE)
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return
    if (refused := await act_refusal(update, context, Act.ATTEND_OTHERS, cluster)) is not None:
        await reply(update, refused)
        return
    body = command_body(update)
    named = _named(body, owner_index_of(context, cluster.id)) if body else None
    if named is None or not (named.found or named.unknown or named.ambiguous):
        await reply(update, usage)
        return
    if len(named.found) + len(named.unknown) + len(named.ambiguous) > NAMES_MAX:
        await reply(update, texts.ATTENDANCE_TOO_MANY.format(max=NAMES_MAX))
        return
    found = await _meeting_or_say(update, context, cluster)
    if found is None:
        return
    changed, same = _record(update, context, found, named.found, status)
    text = _marked_text(context, found, cluster, named, changed, same, present)
    for chunk in render.split_message(text):
        await reply(update, chunk)


def _record(
    update: Update,
    context: RelanceContext,
    found: AttendanceMeeting,
    candidates: list[Candidate],
    status: AttendanceStatus,
) -> tuple[list[str], list[str]]:
    """Record each; the labels of those changed and of those already so."""
    changed: list[str] = []
    same: list[str] = []
    if not candidates:
        return changed, same
    with acting(context, update) as (session, _by):
        for candidate in candidates:
            if candidate.kind == "organisation":
                done = mark_organisation(
                    session=session,
                    meeting_id=found.meeting.id,
                    organisation_id=candidate.id,
                    status=status,
                    now=context.now,
                )
            else:
                done = mark_member_present(
                    session=session,
                    meeting_id=found.meeting.id,
                    member_id=candidate.id,
                    source=AttendanceSource.COORDINATOR,
                    now=context.now,
                    status=status,
                )
            (changed if done else same).append(candidate.label)
    return changed, same


def _marked_text(
    context: RelanceContext,
    found: AttendanceMeeting,
    cluster: ClusterView,
    named: _Named,
    changed: list[str],
    same: list[str],
    present: bool,
) -> str:
    day = render.meeting_weekday(found.meeting.starts_at, cluster.tz)
    lines = []
    if changed:
        template = texts.ATTENDANCE_MARKED_PRESENT if present else texts.ATTENDANCE_MARKED_EXCUSED
        lines.append(template.format(day=day, names=", ".join(escape(n) for n in changed)))
    if same:
        names = ", ".join(escape(n) for n in same)
        lines.append(texts.ATTENDANCE_MARKED_ALREADY.format(names=names))
    if named.unknown:
        names = ", ".join(f"« {escape(n[:60])} »" for n in named.unknown)
        lines.append(texts.ATTENDANCE_UNKNOWN.format(names=names))
    for typed, choices in named.ambiguous:
        options = ", ".join(escape(c.label) for c in choices[:5])
        lines.append(texts.ATTENDANCE_AMBIGUOUS.format(name=escape(typed[:60]), choices=options))
    if changed or same:
        with context.deps.db.session() as session:
            listed = attendance_list(session=session, meeting_id=found.meeting.id)
        lines += [
            "",
            render.attendance_text(
                found, listed, cluster_name=cluster.display_name, tz=cluster.tz, hint=False
            ),
        ]
    return "\n".join(lines)
