"""/parametres: a cluster's reminder settings, one button per setting cycling its choices."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from telegram import Update

from bot import keyboards, render, texts
from bot.callbacks import Setting, SettingsButton, decode
from bot.context import RelanceContext
from bot.handlers.common import edit_or_reply, group_cluster, is_coordinator, is_private, reply
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
    if is_private(update):
        await reply(update, texts.SETTINGS_PRIVATE)
        return
    cluster = group_cluster(update, context)
    if cluster is None:
        await reply(update, texts.NOT_A_CLUSTER)
        return
    if not await is_coordinator(update, context, cluster):
        await reply(update, texts.COORDINATOR_ONLY)
        return
    with context.deps.db.session() as session:
        settings = reminder_settings(session=session, cluster_id=cluster.id)
    text = render.reminder_settings(settings, cluster=cluster)
    await reply(update, text, keyboards.reminder_settings(settings))


async def settings_button(update: Update, context: RelanceContext) -> None:
    """Each press saves the next choice and redraws the same message."""
    query = update.callback_query
    if query is None:
        return
    button = decode(query.data)
    cluster = group_cluster(update, context)
    if not isinstance(button, SettingsButton) or cluster is None:
        await query.answer(texts.UNKNOWN_BUTTON)
        return
    if not await is_coordinator(update, context, cluster):
        await query.answer(texts.COORDINATOR_ONLY, show_alert=True)
        return
    with context.deps.db.session() as session:
        current = reminder_settings(session=session, cluster_id=cluster.id)
        settings = save_reminder_settings(
            session=session,
            cluster_id=cluster.id,
            settings=next_choice(current, button.setting),
            now=context.deps.clock.now(),
        )
    await query.answer(texts.SETTINGS_SAVED)
    text = render.reminder_settings(settings, cluster=cluster)
    await edit_or_reply(update, text, keyboards.reminder_settings(settings))
