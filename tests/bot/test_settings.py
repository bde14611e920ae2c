"""/parametres: coordinators choose when their cluster's reminders go out, one tap a setting."""

from __future__ import annotations

import pytest

from bot.callbacks import Setting, SettingsButton, decode, encode
from storage.settings import reminder_settings
from storage.views import ReminderSettings
from tests.harness import COORDINATOR, FOCAL, GROUP, Harness, buttons


def stored(bot: Harness) -> ReminderSettings:
    with bot.db.session() as session:
        return reminder_settings(session=session, cluster_id=1)


async def test_parametres_shows_the_defaults_in_french_with_one_button_per_setting(
    cluster: Harness,
) -> None:
    [shown] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)

    text = shown["text"]
    assert "Rappels de Cluster Protection (CP)" in text
    assert "Avant l'échéance d'une action : 3 j, 1 j, le jour même" in text
    assert "Après l'échéance : 1, 3, 7 j puis chaque semaine" in text
    assert "Coordinateurs prévenus : à 7 jours de retard" in text
    assert "Avant la réunion : 7 j et la veille" in text
    assert "Avant les échéances du cluster : 7 j, 3 j, la veille et le jour même" in text
    assert "Heure des rappels : 8h" in text
    assert "jours ouvrés, à l'heure de Africa/Bamako" in text
    assert [label for label, _ in buttons(shown)] == [
        "Avant l'échéance d'une action : 3 j, 1 j, le jour même",
        "Après l'échéance : 1, 3, 7 j puis chaque semaine",
        "Coordinateurs prévenus : à 7 jours de retard",
        "Avant la réunion : 7 j et la veille",
        "Avant les échéances du cluster : 7 j, 3 j, la veille et le jour même",
        "Heure des rappels : 8h",
        "Jours fériés sans rappel : ceux du Mali",
        "🔕 Désactiver tous les rappels",
    ]


@pytest.mark.parametrize(
    ("label", "shown_in_turn"),
    [
        (
            "Avant l'échéance",
            ["7 j, 3 j, 1 j, le jour même", "1 j, le jour même", "aucun", "3 j, 1 j, le jour même"],
        ),
        (
            "Après l'échéance",
            ["1, 3, 7 j", "chaque semaine", "aucun", "1, 3, 7 j puis chaque semaine"],
        ),
        (
            "Coordinateurs prévenus",
            ["à 14 jours de retard", "jamais", "à 3 jours de retard", "à 7 jours de retard"],
        ),
        ("Avant la réunion", ["la veille", "aucun", "7 j et la veille"]),
        (
            "Avant les échéances du cluster",
            ["3 j, la veille et le jour même", "aucun", "7 j, 3 j, la veille et le jour même"],
        ),
        ("Heure des rappels", ["9h", "10h", "7h", "8h"]),
        (
            "Jours fériés sans rappel",
            [
                "ceux du Burkina Faso",
                "ceux du Niger",
                "aucun (seulement le week-end)",
                "ceux du Mali",
            ],
        ),
    ],
)
async def test_each_press_saves_the_next_choice_and_redraws_the_same_message(
    cluster: Harness, label: str, shown_in_turn: list[str]
) -> None:
    [shown] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)

    for value in shown_in_turn:
        sent = await cluster.press(shown, label, user=COORDINATOR)
        assert sent == []
        edit = cluster.api.edits()[-1]
        assert edit["message_id"] == shown["message_id"]
        assert f"{label}" in edit["text"]
        assert f": {value}\n" in edit["text"]
        assert cluster.last_answer()["text"] == "Enregistré."

    assert stored(cluster) == ReminderSettings()


async def test_what_is_saved_is_what_reminders_read(cluster: Harness) -> None:
    [shown] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)

    await cluster.press(shown, "Avant l'échéance", user=COORDINATOR)
    await cluster.press(shown, "Après l'échéance", user=COORDINATOR)
    await cluster.press(shown, "Après l'échéance", user=COORDINATOR)
    await cluster.press(shown, "Coordinateurs prévenus", user=COORDINATOR)
    await cluster.press(shown, "Coordinateurs prévenus", user=COORDINATOR)
    await cluster.press(shown, "Heure des rappels", user=COORDINATOR)

    assert stored(cluster) == ReminderSettings(
        deadline_days_before=(7, 3, 1, 0),
        overdue_days_after=(7,),
        overdue_weekly=True,
        escalation_days=None,
        send_hour=9,
    )


async def test_reminders_can_be_switched_off_and_on(cluster: Harness) -> None:
    [shown] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)

    await cluster.press(shown, "Désactiver", user=COORDINATOR)
    assert stored(cluster).enabled is False
    assert "Rappels désactivés" in cluster.api.edits()[-1]["text"]

    await cluster.press(shown, "Réactiver", user=COORDINATOR)
    assert stored(cluster).enabled is True
    assert "Rappels désactivés" not in cluster.api.edits()[-1]["text"]


async def test_only_coordinators_see_or_change_the_settings(cluster: Harness) -> None:
    assert "Seuls les coordinateurs" in await cluster.say("/parametres", user=FOCAL, chat=GROUP)
    [shown] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)

    await cluster.press(shown, "Heure des rappels", user=FOCAL)

    answer = cluster.last_answer()
    assert "Seuls les coordinateurs" in answer["text"]
    assert answer["show_alert"] is True
    assert cluster.api.edits() == []
    assert stored(cluster) == ReminderSettings()


async def test_a_demoted_coordinator_can_no_longer_change_them(cluster: Harness) -> None:
    [shown] = await cluster.send("/parametres", user=COORDINATOR, chat=GROUP)
    await cluster.set_status(COORDINATOR, "administrator", "member")

    await cluster.press(shown, "Heure des rappels", user=COORDINATOR)

    assert "Seuls les coordinateurs" in cluster.last_answer()["text"]
    assert stored(cluster) == ReminderSettings()


async def test_in_private_parametres_points_to_the_group(cluster: Harness) -> None:
    assert "dans le groupe du cluster : /parametres" in await cluster.say(
        "/parametres", user=COORDINATOR
    )


@pytest.mark.parametrize("setting", list(Setting))
def test_settings_buttons_round_trip(setting: Setting) -> None:
    button = SettingsButton(setting)
    assert decode(encode(button)) == button


@pytest.mark.parametrize("data", ["s:", "s:z", "s:h:1", "s"])
def test_malformed_settings_buttons_decode_to_nothing(data: str) -> None:
    assert decode(data) is None
