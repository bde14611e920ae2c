"""What a meeting decided or recommended with no owner or deadline, and its later life as an
action once a coordinator gives it both."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from storage.actions import DESCRIPTION_MAX, create_action, fold_description
from storage.errors import NotFound
from storage.meetings import last_held, meeting_of_today, meeting_view
from storage.models import Decision, DecisionSource, Meeting
from storage.views import ActionView, Author, DeadlineValue, MeetingView, OwnerInput


@dataclass(frozen=True)
class DecisionView:
    id: int  # shown as "D4"
    cluster_id: int
    meeting_id: int | None
    meeting_starts_at: datetime | None
    text: str
    source: DecisionSource
    action_id: int | None  # the action it became, if it did
    created_at: datetime


@dataclass(frozen=True)
class DecisionGroup:
    meeting: MeetingView | None  # None: recorded when no meeting was known
    decisions: tuple[DecisionView, ...]


class AlreadyAnAction(Exception):
    """The decision was turned into an action already (by someone else, or a double tap)."""

    def __init__(self, action_id: int) -> None:
        super().__init__(action_id)
        self.action_id = action_id


def decision_view(decision: Decision, starts_at: datetime | None) -> DecisionView:
    assert decision.id is not None
    return DecisionView(
        id=decision.id,
        cluster_id=decision.cluster_id,
        meeting_id=decision.meeting_id,
        meeting_starts_at=starts_at,
        text=decision.text,
        source=DecisionSource(decision.source),
        action_id=decision.action_id,
        created_at=decision.created_at,
    )


def _starts_at(session: Session, meeting_id: int | None) -> datetime | None:
    meeting = session.get(Meeting, meeting_id) if meeting_id is not None else None
    return meeting.starts_at if meeting is not None else None


def record_decision(
    *,
    session: Session,
    cluster_id: int,
    meeting_id: int | None,
    text: str,
    by: Author,
    source: DecisionSource = DecisionSource.TYPED,
) -> DecisionView:
    decision = Decision(
        cluster_id=cluster_id,
        meeting_id=meeting_id,
        text=text,
        source=source.value,
        created_by_member_id=by.member_id,
        created_by_name=by.name,
        created_at=by.at,
    )
    session.add(decision)
    session.flush()
    return decision_view(decision, _starts_at(session, meeting_id))


def record_minutes_decisions(
    *,
    session: Session,
    cluster_id: int,
    meeting_id: int | None,
    texts: Sequence[str],
    by: Author,
) -> list[DecisionView]:
    """The recommendations of imported minutes that name no owner, each once: importing the
    same minutes again finds them already recorded for that meeting (by folded text)."""
    same_meeting = (
        col(Decision.meeting_id).is_(None)
        if meeting_id is None
        else col(Decision.meeting_id) == meeting_id
    )
    known = {
        fold_description(text)
        for text in session.exec(
            select(Decision.text).where(Decision.cluster_id == cluster_id, same_meeting)
        ).all()
    }
    recorded = []
    for text in texts:
        folded = fold_description(text)
        if folded in known:
            continue
        known.add(folded)
        recorded.append(
            record_decision(
                session=session,
                cluster_id=cluster_id,
                meeting_id=meeting_id,
                text=text,
                by=by,
                source=DecisionSource.MINUTES,
            )
        )
    return recorded


def get_decision(*, session: Session, decision_id: int) -> DecisionView | None:
    decision = session.get(Decision, decision_id)
    if decision is None:
        return None
    return decision_view(decision, _starts_at(session, decision.meeting_id))


def decisions_by_meeting(*, session: Session, cluster_id: int) -> list[DecisionGroup]:
    """The cluster's decisions by meeting, newest meeting first; those of no meeting last."""
    rows = session.exec(
        select(Decision, Meeting)
        .join(Meeting, col(Meeting.id) == col(Decision.meeting_id), isouter=True)
        .where(Decision.cluster_id == cluster_id)
        .order_by(col(Decision.id))
    ).all()
    dated: dict[int, tuple[MeetingView, list[DecisionView]]] = {}
    loose: list[DecisionView] = []
    for decision, meeting in rows:
        if meeting is None or meeting.id is None:
            loose.append(decision_view(decision, None))
            continue
        shown = dated.setdefault(meeting.id, (meeting_view(meeting), []))
        shown[1].append(decision_view(decision, meeting.starts_at))
    newest = sorted(dated.values(), key=lambda g: (g[0].starts_at, g[0].id), reverse=True)
    groups = [DecisionGroup(m, tuple(d)) for m, d in newest]
    if loose:
        groups.append(DecisionGroup(None, tuple(loose)))
    return groups


def turn_into_action(
    *,
    session: Session,
    decision_id: int,
    description: str,
    owners: Sequence[OwnerInput],
    deadline: DeadlineValue,
    by: Author,
) -> ActionView:
    """The decision becomes an action of its meeting, with owners and a deadline; refused
    (AlreadyAnAction) when it became one already."""
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(f"decision {decision_id}")
    if decision.action_id is not None:
        raise AlreadyAnAction(decision.action_id)
    action = create_action(
        session=session,
        cluster_id=decision.cluster_id,
        description=description[:DESCRIPTION_MAX],
        owners=owners,
        deadline=deadline,
        by=by,
        meeting_id=decision.meeting_id,
    )
    decision.action_id = action.id
    session.add(decision)
    session.flush()
    return action


def decision_meeting(
    *, session: Session, cluster_id: int, now: datetime, tz: ZoneInfo
) -> int | None:
    """The meeting a decision typed now belongs to: today's, else the last one held."""
    today = meeting_of_today(session=session, cluster_id=cluster_id, now=now, tz=tz)
    if today is not None:
        return today.id
    last = last_held(session=session, cluster_id=cluster_id, before=now)
    return last.id if last is not None else None
