"""The callback-data codec: tiny prefixed strings, always under Telegram's 64 bytes.

    a:<verb>:<action id>:<status letter>   a button under an action card
    r:<verb>:<action id>:<status letter>   the same, under a reminder digest (several actions)
    l:<list>:<page>                        a page of /actions, /retards or /mesactions
    n:<step>:<index>                       a choice offered by a question (the message it is on)
    i:<op>:<index>                         the preview of an import (create, page, fix row...)
    m:<op>:<meeting id>                    the next meeting: move, cancel, agenda
    e:<op>:<milestone id>                  a milestone: delete
    s:<setting>                            /parametres: the next choice for one reminder setting
    d:<op>:<decision id>                   a decision: turn it into an action
    u:<op>:<cluster id>:<page>             /suivi: a page, or opened from a meeting reminder
    v:<op>:<review id>:<position>          an item of a review (v:s:<cluster id>:0 starts one)
    p:<meeting id>                         ✋ Présent(e) under a meeting's opening message
    o:<op>:<vote id>                       a vote: close it
    w:<op>:<id>:<member id>                membership: /retirer's confirmation, an
                                           organisation change an invitation asks for
    x:<op>:<index>                         the preview of a tracker sent back (apply, page,
                                           the file's or the chat's value of a conflict)

The status letter is the status the card showed: a press on an old card whose action has
changed since is detected instead of applied blindly.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from storage.models import Status

MAX_BYTES = 64


class Verb(StrEnum):
    DONE = "d"
    IN_PROGRESS = "p"
    BLOCKED = "b"
    POSTPONE = "r"
    CANCEL = "x"
    CANCEL_CONFIRMED = "X"
    COMMENT = "c"
    EDIT_DESCRIPTION = "e"
    EDIT_OWNERS = "o"
    SHOW = "v"  # redraw the card as it is now (the "keep it" answer to cancelling)
    LINK = "k"  # link an owner name kept unknown to an organisation or a person
    # Actions that belong to many (storage.parts):
    PART_DONE = "D"  # ✅ for my organisation's part; "done" for one who has no part
    CLOSE_ALL = "A"  # ☑️ the whole shared action done, whatever its parts say


class ListKind(StrEnum):
    OPEN = "a"
    LATE = "r"
    MINE = "m"


_STATUS_LETTER = {
    Status.TODO: "t",
    Status.IN_PROGRESS: "p",
    Status.BLOCKED: "b",
    Status.DONE: "d",
    Status.CANCELLED: "x",
}
_LETTER_STATUS = {v: k for k, v in _STATUS_LETTER.items()}


@dataclass(frozen=True)
class ActionButton:
    verb: Verb
    action_id: int
    seen: Status
    # Under a reminder digest: the answer must not replace the digest with one card.
    in_reminder: bool = False


@dataclass(frozen=True)
class PageButton:
    kind: ListKind
    page: int


class DraftStep(StrEnum):
    """The choices a question offers as buttons; the question is the message they are under."""

    CLUSTER = "c"  # which cluster an /action sent in private is for
    OWNER = "o"  # which of the candidates an ambiguous owner name is
    KEEP_TYPED = "k"  # none of them: keep the name as typed
    ORGANISATION = "g"  # one of the cluster's organisations, toggled as an owner
    VALIDATE = "v"  # the organisations toggled on are the owners
    UNDATED = "u"  # 1: store without a date, 0: ask for one
    LINK = "l"  # the organisation an unknown name stands for
    RESUME = "r"  # take up an /action left unfinished
    DROP = "a"  # forget it


@dataclass(frozen=True)
class DraftButton:
    step: DraftStep
    index: int


class ImportOp(StrEnum):
    CREATE = "c"
    PAGE = "p"
    FIX = "f"  # the row of this line: which part?
    FIX_DESCRIPTION = "fd"
    FIX_OWNERS = "fo"
    FIX_DEADLINE = "fe"
    BACK = "b"  # from a fix to the preview
    CANCEL = "x"
    MEETING = "m"
    UNDATED_TO_MEETING = "um"
    UNDATED_TO_DATE = "ud"
    SUGGESTED = "sg"
    HELD_ON = "h"
    ORGANISATIONS = "o"
    INVITE = "iv"


@dataclass(frozen=True)
class ImportButton:
    op: ImportOp
    index: int


class MeetingOp(StrEnum):
    MOVE = "d"
    CANCEL = "x"
    CANCEL_CONFIRMED = "X"
    KEEP = "k"
    AGENDA = "o"


@dataclass(frozen=True)
class MeetingButton:
    """The meeting id is the one the message showed: a press after it was moved to another
    row, cancelled or held is detected instead of applied to whatever is next now."""

    op: MeetingOp
    meeting_id: int


class MilestoneOp(StrEnum):
    DELETE = "x"


@dataclass(frozen=True)
class MilestoneButton:
    op: MilestoneOp
    milestone_id: int


class Setting(StrEnum):
    ENABLED = "r"
    DEADLINE = "d"
    OVERDUE = "o"
    ESCALATION = "e"
    MEETING = "m"
    MILESTONE = "j"
    HOUR = "h"
    HOLIDAYS = "f"  # "fériés"


@dataclass(frozen=True)
class SettingsButton:
    setting: Setting


# --- Decisions -----------------------------------------------------------------------------


class DecisionOp(StrEnum):
    TO_ACTION = "a"


@dataclass(frozen=True)
class DecisionButton:
    op: DecisionOp
    decision_id: int


class FollowUpOp(StrEnum):
    PAGE = "p"  # a page of /suivi, edited in place
    POST = "a"  # a page of the morning's post in the group, which keeps its heading
    OPEN = "o"  # from a meeting's reminder: /suivi of that cluster, in a new message


@dataclass(frozen=True)
class FollowUpButton:
    """Cluster 0 is every cluster of the person (/suivi in private)."""

    op: FollowUpOp
    cluster_id: int
    page: int = 0


# --- The meeting: a review walked in it, attendance, votes ----------------------------------


class ReviewOp(StrEnum):
    DONE = "d"
    IN_PROGRESS = "p"
    BLOCKED = "b"
    POSTPONE = "r"
    CANCEL = "x"
    CANCEL_CONFIRMED = "X"
    KEEP = "k"  # not cancelled after all: the item again with its buttons
    COMMENT = "c"
    NEXT = "n"
    END = "e"
    START = "s"


@dataclass(frozen=True)
class ReviewButton:
    """Under a review's item: the item is named, so a button of an earlier item or of an
    ended review is detected. START names the cluster instead (▶️ under /suivi)."""

    op: ReviewOp
    target: int  # the review's id; for START, the cluster's
    position: int = 0


@dataclass(frozen=True)
class PresenceButton:
    meeting_id: int


class VoteOp(StrEnum):
    CLOSE = "x"


@dataclass(frozen=True)
class VoteButton:
    op: VoteOp
    vote_id: int


# --- Membership: /retirer, and the organisation an invitation would change ----------------


class MemberOp(StrEnum):
    RETIRE = "r"  # the member (id) leaves the cluster
    RETIRE_INVITATION = "i"  # the unopened invitation (id) is withdrawn
    KEEP = "k"  # nothing changes
    ORG_CHANGE = "o"  # invitation id, member id: the person takes its organisation
    ORG_KEEP = "n"  # invitation id, member id: they keep theirs


@dataclass(frozen=True)
class MemberButton:
    op: MemberOp
    target: int
    member_id: int = 0


# --- i13 tracker: the preview of a tracker sent back ---------------------------------------


class TrackerOp(StrEnum):
    APPLY = "a"
    CANCEL = "x"
    PAGE = "p"
    TAKE_FILE = "f"  # index: the change, a conflict, takes the file's value
    TAKE_CHAT = "c"  # index: the change keeps the chat's value again
    ALL_FILE = "F"  # every conflict takes the file's value
    ALL_CHAT = "C"  # every conflict keeps the chat's


@dataclass(frozen=True)
class TrackerButton:
    op: TrackerOp
    index: int = 0


Callback = (
    ActionButton
    | PageButton
    | DraftButton
    | ImportButton
    | MeetingButton
    | MilestoneButton
    | SettingsButton
    | DecisionButton
    | FollowUpButton
    | ReviewButton
    | PresenceButton
    | VoteButton
    | MemberButton
    | TrackerButton
)


def encode(button: Callback) -> str:
    if isinstance(button, ActionButton):
        prefix = "r" if button.in_reminder else "a"
        data = f"{prefix}:{button.verb.value}:{button.action_id}:{_STATUS_LETTER[button.seen]}"
    elif isinstance(button, PageButton):
        data = f"l:{button.kind.value}:{button.page}"
    elif isinstance(button, ImportButton):
        data = f"i:{button.op.value}:{button.index}"
    elif isinstance(button, MeetingButton):
        data = f"m:{button.op.value}:{button.meeting_id}"
    elif isinstance(button, MilestoneButton):
        data = f"e:{button.op.value}:{button.milestone_id}"
    elif isinstance(button, SettingsButton):
        data = f"s:{button.setting.value}"
    elif isinstance(button, DecisionButton):
        data = f"d:{button.op.value}:{button.decision_id}"
    elif isinstance(button, FollowUpButton):
        data = f"u:{button.op.value}:{button.cluster_id}:{button.page}"
    elif isinstance(button, ReviewButton):
        data = f"v:{button.op.value}:{button.target}:{button.position}"
    elif isinstance(button, PresenceButton):
        data = f"p:{button.meeting_id}"
    elif isinstance(button, VoteButton):
        data = f"o:{button.op.value}:{button.vote_id}"
    elif isinstance(button, MemberButton):
        data = f"w:{button.op.value}:{button.target}:{button.member_id}"
    elif isinstance(button, TrackerButton):
        data = f"x:{button.op.value}:{button.index}"
    else:
        data = f"n:{button.step.value}:{button.index}"
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """The button, or None for anything this version does not understand."""
    if not data:
        return None
    parts = data.split(":")
    try:
        if parts[0] in ("a", "r") and len(parts) == 4:
            return ActionButton(
                Verb(parts[1]),
                _positive(parts[2]),
                _LETTER_STATUS[parts[3]],
                in_reminder=parts[0] == "r",
            )
        if parts[0] == "l" and len(parts) == 3:
            return PageButton(ListKind(parts[1]), _index(parts[2]))
        if parts[0] == "i" and len(parts) == 3:
            return ImportButton(ImportOp(parts[1]), _index(parts[2]))
        if parts[0] == "n" and len(parts) == 3:
            return DraftButton(DraftStep(parts[1]), _index(parts[2]))
        if parts[0] == "m" and len(parts) == 3:
            return MeetingButton(MeetingOp(parts[1]), _positive(parts[2]))
        if parts[0] == "e" and len(parts) == 3:
            return MilestoneButton(MilestoneOp(parts[1]), _positive(parts[2]))
        if parts[0] == "s" and len(parts) == 2:
            return SettingsButton(Setting(parts[1]))
        if parts[0] == "d" and len(parts) == 3:
            return DecisionButton(DecisionOp(parts[1]), _positive(parts[2]))
        if parts[0] == "u" and len(parts) == 4:
            return FollowUpButton(FollowUpOp(parts[1]), _index(parts[2]), _index(parts[3]))
        if parts[0] == "v" and len(parts) == 4:
            return ReviewButton(ReviewOp(parts[1]), _positive(parts[2]), _index(parts[3]))
        if parts[0] == "p" and len(parts) == 2:
            return PresenceButton(_positive(parts[1]))
        if parts[0] == "o" and len(parts) == 3:
            return VoteButton(VoteOp(parts[1]), _positive(parts[2]))
        if parts[0] == "w" and len(parts) == 4:
            return MemberButton(MemberOp(parts[1]), _index(parts[2]), _index(parts[3]))
        if parts[0] == "x" and len(parts) == 3:
            return TrackerButton(TrackerOp(parts[1]), _index(parts[2]))
    except (ValueError, KeyError):
        return None
    return None


# Ids and positions beyond this are no button's (SQLite's integers stop at 2**63).
_LARGEST = 2**31


def _positive(text: str) -> int:
    value = _index(text)
    if value == 0:
        raise ValueError(text)
    return value


def _index(text: str) -> int:
    if not text.isdecimal() or not text.isascii():
        raise ValueError(text)
    value = int(text)
    if value >= _LARGEST:
        raise ValueError(text)
    return value
