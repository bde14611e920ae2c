"""Inline keyboards. Every button's data goes through the callbacks codec."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import render, texts
from bot.callbacks import (
    ActionButton,
    DecisionButton,
    DecisionOp,
    DraftButton,
    DraftStep,
    ImportButton,
    ImportOp,
    ListKind,
    MeetingButton,
    MeetingOp,
    MemberButton,
    MemberOp,
    MilestoneButton,
    MilestoneOp,
    PageButton,
    PresenceButton,
    ReviewButton,
    ReviewOp,
    Setting,
    SettingsButton,
    TrackerButton,
    TrackerOp,
    Verb,
    VoteButton,
    VoteOp,
    decode,
    encode,
)
from language.owners import Candidate
from storage.parts import Parts
from storage.views import ActionPage, ActionView, MeetingView, MilestoneView, ReminderSettings


def _button(label: str, verb: Verb, action: ActionView) -> InlineKeyboardButton:
    return InlineKeyboardButton(
        label, callback_data=encode(ActionButton(verb, action.id, action.status))
    )


def action_card(action: ActionView, parts: Parts | None = None) -> InlineKeyboardMarkup:
    """Status buttons on open actions; a closed one keeps only what can reopen or annotate it.
    A shared action's (with its `parts`) ✅ is the presser's organisation's part, and
    coordinators close it for all."""
    if action.status.is_open and parts is not None:
        rows = [
            [
                _button(texts.BUTTON_PART_DONE, Verb.PART_DONE, action),
                _button(texts.BUTTON_CLOSE_ALL, Verb.CLOSE_ALL, action),
            ],
            [
                _button(texts.BUTTON_IN_PROGRESS, Verb.IN_PROGRESS, action),
                _button(texts.BUTTON_BLOCKED, Verb.BLOCKED, action),
            ],
            *action_card(action).inline_keyboard[1:],
        ]
        return InlineKeyboardMarkup(rows)
    if action.status.is_open:
        rows = [
            [
                _button(texts.BUTTON_DONE, Verb.DONE, action),
                _button(texts.BUTTON_IN_PROGRESS, Verb.IN_PROGRESS, action),
                _button(texts.BUTTON_BLOCKED, Verb.BLOCKED, action),
            ],
            [
                _button(texts.BUTTON_POSTPONE, Verb.POSTPONE, action),
                _button(texts.BUTTON_CANCEL, Verb.CANCEL, action),
                _button(texts.BUTTON_COMMENT, Verb.COMMENT, action),
            ],
            [
                _button(texts.BUTTON_EDIT_DESCRIPTION, Verb.EDIT_DESCRIPTION, action),
                _button(texts.BUTTON_EDIT_OWNERS, Verb.EDIT_OWNERS, action),
            ],
        ]
        unknown = next((o.label for o in action.owners if o.unknown), None)
        if unknown is not None:
            rows.append([_button(texts.BUTTON_LINK.format(unknown[:24]), Verb.LINK, action)])
    else:
        rows = [
            [
                _button(texts.BUTTON_IN_PROGRESS, Verb.IN_PROGRESS, action),
                _button(texts.BUTTON_COMMENT, Verb.COMMENT, action),
            ]
        ]
    return InlineKeyboardMarkup(rows)


def confirm_cancel(action: ActionView) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _button(texts.BUTTON_CONFIRM_CANCEL, Verb.CANCEL_CONFIRMED, action),
                _button(texts.BUTTON_KEEP, Verb.SHOW, action),
            ]
        ]
    )


def pages(kind: ListKind, page: ActionPage) -> InlineKeyboardMarkup | None:
    if page.page_count <= 1:
        return None
    row = []
    if page.page > 0:
        row.append(
            InlineKeyboardButton(
                texts.BUTTON_PREVIOUS, callback_data=encode(PageButton(kind, page.page - 1))
            )
        )
    if page.page + 1 < page.page_count:
        row.append(
            InlineKeyboardButton(
                texts.BUTTON_NEXT, callback_data=encode(PageButton(kind, page.page + 1))
            )
        )
    return InlineKeyboardMarkup([row])


def owner_choices(typed: str, choices: Sequence[Candidate]) -> InlineKeyboardMarkup:
    rows = [
        [InlineKeyboardButton(c.label[:60], callback_data=encode(DraftButton(DraftStep.OWNER, i)))]
        for i, c in enumerate(choices[:8])
    ]
    keep = texts.BUTTON_KEEP_AS_TYPED.format(typed[:30])
    rows.append(
        [InlineKeyboardButton(keep, callback_data=encode(DraftButton(DraftStep.KEEP_TYPED, 0)))]
    )
    return InlineKeyboardMarkup(rows)


def undated_choice() -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.BUTTON_UNDATED_YES,
                    callback_data=encode(DraftButton(DraftStep.UNDATED, 1)),
                ),
                InlineKeyboardButton(
                    texts.BUTTON_UNDATED_NO, callback_data=encode(DraftButton(DraftStep.UNDATED, 0))
                ),
            ]
        ]
    )


def unfinished_choice() -> InlineKeyboardMarkup:
    """Under the notice of an /action left unfinished: take it up again, or forget it."""
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    texts.BUTTON_RESUME, callback_data=encode(DraftButton(DraftStep.RESUME, 0))
                ),
                InlineKeyboardButton(
                    texts.BUTTON_DROP, callback_data=encode(DraftButton(DraftStep.DROP, 0))
                ),
            ]
        ]
    )


def cluster_choices(names: Sequence[str]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    name[:60], callback_data=encode(DraftButton(DraftStep.CLUSTER, i))
                )
            ]
            for i, name in enumerate(names[:10])
        ]
    )


_CHOSEN = "✅ "


def organisation_choices(
    acronyms: Sequence[str], chosen: Collection[int] = ()
) -> InlineKeyboardMarkup:
    """The cluster's organisations, three a row: each tap toggles one as an owner (a row of
    the minutes often names several), "Valider" ends."""
    buttons = [
        InlineKeyboardButton(
            (_CHOSEN if i in chosen else "") + acronym[:30],
            callback_data=encode(DraftButton(DraftStep.ORGANISATION, i)),
        )
        for i, acronym in enumerate(acronyms[:ORGANISATION_BUTTONS])
    ]
    rows = [buttons[i : i + 3] for i in range(0, len(buttons), 3)]
    if chosen:
        label = texts.BUTTON_VALIDATE_OWNERS.format(count=len(chosen))
        data = encode(DraftButton(DraftStep.VALIDATE, 0))
        rows.append([InlineKeyboardButton(label, callback_data=data)])
    return InlineKeyboardMarkup(rows)


def offered_organisations(markup: InlineKeyboardMarkup) -> list[str]:
    """The acronyms on the organisation buttons of a message, in order (to redraw it)."""
    labels: list[str] = []
    for row in markup.inline_keyboard:
        for button in row:
            data = button.callback_data if isinstance(button.callback_data, str) else None
            decoded = decode(data)
            if isinstance(decoded, DraftButton) and decoded.step == DraftStep.ORGANISATION:
                labels.append(button.text.removeprefix(_CHOSEN))
    return labels


ORGANISATION_BUTTONS = 12


def _import(label: str, op: ImportOp, index: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(ImportButton(op, index)))


@dataclass(frozen=True)
class PreviewOffers:
    """What a preview offers beside its rows: each a count or a label, none when nothing."""

    meeting: str | None = None  # the next meeting the minutes announce, to set
    undated_to_meeting: int = 0  # rows without a deadline, and a next meeting to give them
    undated: int = 0
    suggested: int = 0
    organisations: str | None = None  # the participants' organisations outside the cluster
    invitations: int = 0


def import_preview(
    *,
    lines: Sequence[int],
    page: int,
    pages: int,
    creatable: int,
    offers: PreviewOffers,
) -> InlineKeyboardMarkup:
    """Fix buttons for the rows on this page, paging, create all, what the preview offers
    in one tap, cancel."""
    fixes = [_import(f"✏️ {line}", ImportOp.FIX, line) for line in lines]
    rows = [fixes[i : i + 5] for i in range(0, len(fixes), 5)]
    paging = []
    if page > 0:
        paging.append(_import(texts.BUTTON_PREVIOUS, ImportOp.PAGE, page - 1))
    if page + 1 < pages:
        paging.append(_import(texts.BUTTON_NEXT, ImportOp.PAGE, page + 1))
    if paging:
        rows.append(paging)
    if creatable:
        rows.append([_import(texts.IMPORT_CREATE.format(count=creatable), ImportOp.CREATE)])
    if offers.meeting:
        label = texts.IMPORT_SET_MEETING.format(when=offers.meeting)[:60]
        rows.append([_import(label, ImportOp.MEETING)])
    dates = []
    if offers.undated_to_meeting:
        label = texts.IMPORT_UNDATED_TO_MEETING.format(count=offers.undated_to_meeting)
        dates.append(_import(label, ImportOp.UNDATED_TO_MEETING))
    if offers.undated:
        label = texts.IMPORT_UNDATED_TO_DATE.format(count=offers.undated)
        dates.append(_import(label, ImportOp.UNDATED_TO_DATE))
    rows += [[button] for button in dates]
    if offers.suggested:
        label = texts.IMPORT_TAKE_SUGGESTED.format(count=offers.suggested)
        rows.append([_import(label, ImportOp.SUGGESTED)])
    people = []
    if offers.organisations:
        label = texts.IMPORT_ADD_ORGANISATIONS.format(names=offers.organisations)
        people.append(_import(label[:60], ImportOp.ORGANISATIONS))
    if offers.invitations:
        label = texts.IMPORT_INVITE.format(count=offers.invitations)
        people.append(_import(label, ImportOp.INVITE))
    rows += [[button] for button in people]
    rows.append(
        [
            _import(texts.IMPORT_HELD_ON_BUTTON, ImportOp.HELD_ON),
            _import(texts.IMPORT_CANCEL, ImportOp.CANCEL),
        ]
    )
    return InlineKeyboardMarkup(rows)


def import_fix(line: int) -> InlineKeyboardMarkup:
    """Which part of row `line` to change; typing the whole row still works."""
    return InlineKeyboardMarkup(
        [
            [
                _import(texts.IMPORT_FIX_DESCRIPTION, ImportOp.FIX_DESCRIPTION, line),
                _import(texts.IMPORT_FIX_OWNERS, ImportOp.FIX_OWNERS, line),
                _import(texts.IMPORT_FIX_DEADLINE, ImportOp.FIX_DEADLINE, line),
            ],
            [_import(texts.IMPORT_FIX_BACK, ImportOp.BACK)],
        ]
    )


def link_choices(acronyms: Sequence[str]) -> InlineKeyboardMarkup:
    """The cluster's organisations, three a row: one tap links the unknown name to one."""
    buttons = [
        InlineKeyboardButton(acronym[:30], callback_data=encode(DraftButton(DraftStep.LINK, i)))
        for i, acronym in enumerate(acronyms[:ORGANISATION_BUTTONS])
    ]
    return InlineKeyboardMarkup([buttons[i : i + 3] for i in range(0, len(buttons), 3)])


# --- Reminder digests ----------------------------------------------------------------------


def reminder_row(action: ActionView) -> list[InlineKeyboardButton]:
    """One row per action of a digest: the answers a focal point gives in one tap."""
    return [
        InlineKeyboardButton(
            label.format(id=action.id),
            callback_data=encode(ActionButton(verb, action.id, action.status, in_reminder=True)),
        )
        for label, verb in (
            (texts.BUTTON_REMINDER_DONE, Verb.DONE),
            (texts.BUTTON_REMINDER_IN_PROGRESS, Verb.IN_PROGRESS),
            (texts.BUTTON_REMINDER_POSTPONE, Verb.POSTPONE),
        )
    ]


def reminder_keyboard(
    actions: Sequence[ActionView], parts: Collection[int] = ()
) -> InlineKeyboardMarkup | None:
    """A row for each action; the actions in `parts` are shared ones whose recipient reports
    their organisation's part: two rows, the first saying so."""
    rows = [
        row
        for a in actions
        for row in (reminder_part_rows(a) if a.id in parts else [reminder_row(a)])
    ]
    return InlineKeyboardMarkup(rows) if rows else None


def _row_action(row: Sequence[InlineKeyboardButton]) -> int | None:
    for button in row:
        decoded = decode(button.callback_data if isinstance(button.callback_data, str) else None)
        if isinstance(decoded, ActionButton):
            return decoded.action_id
    return None


def reminder_rows(
    markup: InlineKeyboardMarkup, action: ActionView, part_open: bool | None = None
) -> InlineKeyboardMarkup:
    """The digest's keyboard after `action` changed: its row follows the new status, or goes
    once the action is closed. The rows of one's part of a shared action stay such rows, and
    go once that part is done (`part_open` False: the part just reported)."""
    rows: list[list[InlineKeyboardButton]] = []
    redrawn = False
    for row in markup.inline_keyboard:
        if _row_action(row) != action.id:
            rows.append(list(row))
            continue
        if redrawn:
            continue  # the second row of a part: redrawn with the first
        redrawn = True
        if not action.status.is_open:
            continue
        if part_open is not None or _is_part_row(row):
            if part_open is not False:
                rows.extend(reminder_part_rows(action))
        else:
            rows.append(reminder_row(action))
    return InlineKeyboardMarkup(rows)


# --- Planning ---------------------------------------------------------------------------------


def _meeting(label: str, op: MeetingOp, meeting: MeetingView) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(MeetingButton(op, meeting.id)))


def meeting(meeting: MeetingView) -> InlineKeyboardMarkup:
    """Under the next meeting, for coordinators (each press is checked again)."""
    return InlineKeyboardMarkup(
        [
            [
                _meeting(texts.BUTTON_MEETING_MOVE, MeetingOp.MOVE, meeting),
                _meeting(texts.BUTTON_MEETING_AGENDA, MeetingOp.AGENDA, meeting),
            ],
            [_meeting(texts.BUTTON_MEETING_CANCEL, MeetingOp.CANCEL, meeting)],
        ]
    )


def confirm_meeting_cancel(meeting: MeetingView) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _meeting(texts.BUTTON_MEETING_CANCEL_CONFIRM, MeetingOp.CANCEL_CONFIRMED, meeting),
                _meeting(texts.BUTTON_MEETING_KEEP, MeetingOp.KEEP, meeting),
            ]
        ]
    )


def milestone(milestone: MilestoneView) -> InlineKeyboardMarkup:
    data = encode(MilestoneButton(MilestoneOp.DELETE, milestone.id))
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.BUTTON_MILESTONE_DELETE, callback_data=data)]]
    )


def reminder_settings(settings: ReminderSettings) -> InlineKeyboardMarkup:
    """One button per setting, showing its value; a press moves to the next choice."""
    rows = [
        (Setting.DEADLINE, texts.SETTINGS_DEADLINE, render.setting_deadline(settings)),
        (Setting.OVERDUE, texts.SETTINGS_OVERDUE, render.setting_overdue(settings)),
        (Setting.ESCALATION, texts.SETTINGS_ESCALATION, render.setting_escalation(settings)),
        (Setting.MEETING, texts.SETTINGS_MEETING, render.setting_meeting(settings)),
        (Setting.MILESTONE, texts.SETTINGS_MILESTONE, render.setting_milestone(settings)),
        (Setting.HOUR, texts.SETTINGS_HOUR, render.setting_hour(settings)),
        (Setting.HOLIDAYS, texts.SETTINGS_HOLIDAYS, render.setting_holidays(settings)),
    ]
    switch = texts.BUTTON_SETTINGS_OFF if settings.enabled else texts.BUTTON_SETTINGS_ON
    buttons = [
        [InlineKeyboardButton(label.format(value=value), callback_data=encode(SettingsButton(key)))]
        for key, label, value in rows
    ]
    buttons.append(
        [InlineKeyboardButton(switch, callback_data=encode(SettingsButton(Setting.ENABLED)))]
    )
    return InlineKeyboardMarkup(buttons)


# --- Decisions -------------------------------------------------------------------------------


def decision(decision_id: int) -> InlineKeyboardMarkup:
    data = encode(DecisionButton(DecisionOp.TO_ACTION, decision_id))
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.BUTTON_DECISION_TO_ACTION, callback_data=data)]]
    )


# --- Actions that belong to many -------------------------------------------------------------


def reminder_part_rows(action: ActionView) -> list[list[InlineKeyboardButton]]:
    """Under a reminder of a shared action to one of its organisations: ✅ says whose part."""
    label = texts.BUTTON_REMINDER_PART_DONE.format(id=action.id)
    data = encode(ActionButton(Verb.PART_DONE, action.id, action.status, in_reminder=True))
    first = [InlineKeyboardButton(label, callback_data=data)]
    return [first, [b for b in reminder_row(action) if not _is_done(b)]]


def _is_done(button: InlineKeyboardButton) -> bool:
    data = button.callback_data if isinstance(button.callback_data, str) else None
    decoded = decode(data)
    return isinstance(decoded, ActionButton) and decoded.verb == Verb.DONE


def _is_part_row(row: Sequence[InlineKeyboardButton]) -> bool:
    for button in row:
        data = button.callback_data if isinstance(button.callback_data, str) else None
        decoded = decode(data)
        if isinstance(decoded, ActionButton) and decoded.verb == Verb.PART_DONE:
            return True
    return False


# --- Reviews: the follow-up walked through in the meeting (/revue) -------------------------


def _review(label: str, op: ReviewOp, target: int, position: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(ReviewButton(op, target, position)))


def review_start(cluster_id: int) -> InlineKeyboardMarkup:
    """▶️ Commencer la revue: under /suivi, or anywhere the group may start it."""
    return InlineKeyboardMarkup([[_review(texts.BUTTON_REVIEW_START, ReviewOp.START, cluster_id)]])


def review_item(review_id: int, position: int) -> InlineKeyboardMarkup:
    """The answers to the item shown; each names the item, so an old one is detected."""

    def b(label: str, op: ReviewOp) -> InlineKeyboardButton:
        return _review(label, op, review_id, position)

    return InlineKeyboardMarkup(
        [
            [
                b(texts.BUTTON_DONE, ReviewOp.DONE),
                b(texts.BUTTON_IN_PROGRESS, ReviewOp.IN_PROGRESS),
                b(texts.BUTTON_BLOCKED, ReviewOp.BLOCKED),
            ],
            [
                b(texts.BUTTON_POSTPONE, ReviewOp.POSTPONE),
                b(texts.BUTTON_CANCEL, ReviewOp.CANCEL),
                b(texts.BUTTON_COMMENT, ReviewOp.COMMENT),
            ],
            [b(texts.BUTTON_REVIEW_NEXT, ReviewOp.NEXT), b(texts.BUTTON_REVIEW_END, ReviewOp.END)],
        ]
    )


def review_confirm_cancel(review_id: int, position: int) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                _review(
                    texts.BUTTON_CONFIRM_CANCEL, ReviewOp.CANCEL_CONFIRMED, review_id, position
                ),
                _review(texts.BUTTON_KEEP, ReviewOp.KEEP, review_id, position),
            ]
        ]
    )


# --- Attendance and votes -------------------------------------------------------------------


def attendance(meeting_id: int) -> InlineKeyboardMarkup:
    """✋ Présent(e): the button row of a meeting's opening message in the group."""
    data = encode(PresenceButton(meeting_id))
    return InlineKeyboardMarkup([[InlineKeyboardButton(texts.BUTTON_PRESENT, callback_data=data)]])


def vote(vote_id: int) -> InlineKeyboardMarkup:
    """🔒 Clore le vote, under the poll itself."""
    data = encode(VoteButton(VoteOp.CLOSE, vote_id))
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(texts.BUTTON_VOTE_CLOSE, callback_data=data)]]
    )


# --- Membership: /retirer's confirmation, an organisation change to confirm ---------------


def _member(label: str, op: MemberOp, target: int, member_id: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(MemberButton(op, target, member_id)))


def confirm_retire(*, member_id: int | None, invitation_id: int | None) -> InlineKeyboardMarkup:
    yes = (
        _member(texts.BUTTON_RETIRE, MemberOp.RETIRE, member_id)
        if member_id is not None
        else _member(texts.BUTTON_RETIRE_INVITATION, MemberOp.RETIRE_INVITATION, invitation_id or 0)
    )
    return InlineKeyboardMarkup([[yes, _member(texts.BUTTON_RETIRE_KEEP, MemberOp.KEEP, 0)]])


def organisation_change(
    invitation_id: int, member_id: int, *, current: str, proposed: str
) -> InlineKeyboardMarkup:
    change = texts.BUTTON_ORG_CHANGE.format(of_org=texts.of(proposed))
    keep = texts.BUTTON_ORG_KEEP.format(org=current)
    return InlineKeyboardMarkup(
        [
            [_member(change, MemberOp.ORG_CHANGE, invitation_id, member_id)],
            [_member(keep, MemberOp.ORG_KEEP, invitation_id, member_id)],
        ]
    )


# --- i13 tracker: the preview of a tracker sent back -------------------------------------------


def _tracker(label: str, op: TrackerOp, index: int = 0) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=encode(TrackerButton(op, index)))


def tracker_preview(
    *,
    conflicts: Sequence[tuple[int, int, str, bool]],
    all_conflicts: int,
    page: int,
    pages: int,
    applicable: int,
) -> InlineKeyboardMarkup:
    """Under a tracker's preview: for each conflict of this page (change index, action
    number, field, whether the file's value is taken) the other choice; the same for all;
    pages; Appliquer and Annuler."""
    choices = [
        _tracker(texts.TRACKER_TAKE_CHAT.format(id=number, field=field), TrackerOp.TAKE_CHAT, index)
        if taken
        else _tracker(
            texts.TRACKER_TAKE_FILE.format(id=number, field=field), TrackerOp.TAKE_FILE, index
        )
        for index, number, field, taken in conflicts
    ]
    rows = [choices[i : i + 2] for i in range(0, len(choices), 2)]
    if all_conflicts > 1:
        rows.append(
            [
                _tracker(
                    texts.TRACKER_TAKE_ALL_FILE.format(count=all_conflicts), TrackerOp.ALL_FILE
                ),
                _tracker(
                    texts.TRACKER_TAKE_ALL_CHAT.format(count=all_conflicts), TrackerOp.ALL_CHAT
                ),
            ]
        )
    paging = []
    if page > 0:
        paging.append(_tracker(texts.BUTTON_PREVIOUS, TrackerOp.PAGE, page - 1))
    if page + 1 < pages:
        paging.append(_tracker(texts.BUTTON_NEXT, TrackerOp.PAGE, page + 1))
    if paging:
        rows.append(paging)
    last = [_tracker(texts.TRACKER_CANCEL, TrackerOp.CANCEL)]
    if applicable:
        last.insert(0, _tracker(texts.TRACKER_APPLY.format(count=applicable), TrackerOp.APPLY))
    rows.append(last)
    return InlineKeyboardMarkup(rows)
