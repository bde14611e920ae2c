"""A cluster's reminder settings: no row means the defaults of storage.views.ReminderSettings."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from storage.models import ReminderSettingsRow
from storage.views import ReminderSettings


def settings_view(row: ReminderSettingsRow) -> ReminderSettings:
    return ReminderSettings(
        enabled=row.enabled,
        deadline_days_before=tuple(row.deadline_days_before),
        overdue_days_after=tuple(row.overdue_days_after),
        overdue_weekly=row.overdue_weekly,
        escalation_days=row.escalation_days,
        meeting_days_before=tuple(row.meeting_days_before),
        milestone_days_before=tuple(row.milestone_days_before),
        send_hour=row.send_hour,
        holidays_country=row.holidays_country,
    )


def reminder_settings(*, session: Session, cluster_id: int) -> ReminderSettings:
    row = session.get(ReminderSettingsRow, cluster_id)
    return settings_view(row) if row is not None else ReminderSettings()


def save_reminder_settings(
    *, session: Session, cluster_id: int, settings: ReminderSettings, now: datetime
) -> ReminderSettings:
    """Store the cluster's whole settings (one row per cluster, replaced on every change)."""
    row = session.get(ReminderSettingsRow, cluster_id)
    if row is None:
        row = ReminderSettingsRow(
            cluster_id=cluster_id,
            deadline_days_before=[],
            overdue_days_after=[],
            meeting_days_before=[],
            milestone_days_before=[],
            updated_at=now,
        )
    row.enabled = settings.enabled
    # Lists are assigned anew, never mutated in place: the JSON columns see the change.
    row.deadline_days_before = list(settings.deadline_days_before)
    row.overdue_days_after = list(settings.overdue_days_after)
    row.overdue_weekly = settings.overdue_weekly
    row.escalation_days = settings.escalation_days
    row.meeting_days_before = list(settings.meeting_days_before)
    row.milestone_days_before = list(settings.milestone_days_before)
    row.send_hour = settings.send_hour
    row.holidays_country = settings.holidays_country
    row.updated_at = now
    session.add(row)
    session.flush()
    return settings_view(row)
