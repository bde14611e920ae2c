"""/parametres: a cluster's reminder settings, one button per setting cycling its choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from telegram import Update

from bot import keyboards, render, texts
from bot.callbacks import Setting, SettingsButton
from bot.context import RelanceContext
from bot.handlers.common import edit_or_reply, reply
from bot.handlers.guards import coordinator_in_group, coordinator_press
from storage.settings import reminder_settings, save_reminder_settings
from storage.views import ReminderSettings

# The choices each button cycles through, the default first. A value saved outside these
# (none today) is shown as it is and the next press starts the cycle again.
_CHOICES: dict[Setting, tuple[dict[str, Any], ...]] = {
    Setting.DEADLINE: tuple(
        {"deadline_days_before": days} for days in [(3, 1, 0), (7, 3, 1, 0), (1, 0), ()]
    ),
    Setting.OVERDUE: (
        {"overdue_days_after": (1, 3, 7), "overdue_weekly": True},
        {"overdue_days_after": (1, 3, 7), "overdue_weekly": False},
        {"overdue_days_after": (7,), "overdue_weekly": True},
        {"overdue_days_after": (), "overdue_weekly": False},
    ),
    Setting.ESCALATION: tuple({"escalation_days": days} for days in [7, 14, None, 3]),
    Setting.MEETING: tuple({"meeting_days_before": days} for days in [(7, 1), (1,), ()]),
    Setting.MILESTONE: tuple({"milestone_days_before": days} for days in [(7, 3, 1), (3, 1), ()]),
    Setting.HOUR: tuple({"send_hour": hour} for hour in [8, 9, 10, 7]),
    # Mali's by default; the neighbours whose clusters the same teams run; none.
    Setting.HOLIDAYS: tuple({"holidays_country": c} for c in ["ML", "BF", "NE", ""]),
}


def next_choice(settings: ReminderSettings, setting: Setting) -> ReminderSettings:
    """The settings with `setting` moved to its next choice (reminders on/off: switched)."""
    if setting == Setting.ENABLED:
        return replace(settings, enabled=not settings.enabled)
    choices: Sequence[dict[str, Any]] = _CHOICES[setting]
    current = next(
        (
            i
            for i, choice in enumerate(choices)
            if all(getattr(settings, k) == v for k, v in choice.items())
        ),
        -1,
    )
    return replace(settings, **choices[(current + 1) % len(choices)])


async def settings_command(update: Update, context: RelanceContext) -> None:
    cluster = await coordinator_in_group(update, context, texts.SETTINGS_PRIVATE)
    if cluster is None:
        return
    with context.deps.db.session() as session:
        settings = reminder_settings(session=session, cluster_id=cluster.id)
    text = render.reminder_settings(settings, cluster=cluster)
    await reply(update, text, keyboards.reminder_settings(settings))


async def settings_button(update: Update, context: RelanceContext) -> None:
    """Each press saves the next choice and redraws the same message."""
    pressed = await coordinator_press(update, context, SettingsButton)
    if pressed is None:
        return
    button, cluster, query = pressed
    with context.deps.db.session() as session:
        current = reminder_settings(session=session, cluster_id=cluster.id)
        settings = save_reminder_settings(
            session=session,
            cluster_id=cluster.id,
            settings=next_choice(current, button.setting),
            now=context.now,
        )
    await query.answer(texts.SETTINGS_SAVED)
    text = render.reminder_settings(settings, cluster=cluster)
    await edit_or_reply(update, text, keyboards.reminder_settings(settings))
