"""Milestones: the dated steps of a cluster's calendar ("Soumission des projets OPS")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from storage.models import DeadlinePrecision, Milestone
from storage.views import Author, DeadlineValue, MilestoneView


def milestone_view(milestone: Milestone) -> MilestoneView:
    assert milestone.id is not None
    return MilestoneView(
        id=milestone.id,
        cluster_id=milestone.cluster_id,
        title=milestone.title,
        deadline=DeadlineValue(
            due_at=milestone.due_at,
            precision=DeadlinePrecision(milestone.deadline_precision),
            label=milestone.deadline_label,
            text=milestone.deadline_text,
        ),
        created_at=milestone.created_at,
        updated_at=milestone.updated_at,
    )


def create_milestone(
    *,
    session: Session,
    cluster_id: int,
    title: str,
    deadline: DeadlineValue,
    by: Author,
) -> MilestoneView:
    if deadline.due_at is None:
        raise ValueError("a milestone is always dated")
    milestone = Milestone(
        cluster_id=cluster_id,
        title=title,
        due_at=deadline.due_at,
        deadline_precision=deadline.precision.value,
        deadline_label=deadline.label,
        deadline_text=deadline.text,
        created_by_member_id=by.member_id,
        created_at=by.at,
        updated_at=by.at,
    )
    session.add(milestone)
    session.flush()
    return milestone_view(milestone)


def get_milestone(*, session: Session, milestone_id: int) -> MilestoneView | None:
    """The milestone, unless it was cancelled."""
    milestone = session.get(Milestone, milestone_id)
    if milestone is None or milestone.cancelled_at is not None:
        return None
    return milestone_view(milestone)


def upcoming_milestones(
    *, session: Session, cluster_ids: Sequence[int], start: datetime, end: datetime
) -> list[MilestoneView]:
    """Milestones of these clusters due in [start, end], soonest first; cancelled ones left out."""
    if not cluster_ids:
        return []
    rows = session.exec(
        select(Milestone)
        .where(
            col(Milestone.cluster_id).in_(cluster_ids),
            col(Milestone.cancelled_at).is_(None),
            col(Milestone.due_at) >= start,
            col(Milestone.due_at) <= end,
        )
        .order_by(col(Milestone.due_at), col(Milestone.id))
    ).all()
    return [milestone_view(m) for m in rows]


def cancel_milestone(*, session: Session, milestone_id: int, now: datetime) -> MilestoneView | None:
    """Cancel it (kept, marked, never reminded again); None if unknown or already cancelled."""
    milestone = session.get(Milestone, milestone_id)
    if milestone is None or milestone.cancelled_at is not None:
        return None
    milestone.cancelled_at = now
    milestone.updated_at = now
    session.add(milestone)
    session.flush()
    return milestone_view(milestone)
