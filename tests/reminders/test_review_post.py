"""The review posted once in the cluster's group on the meeting's morning."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.app import build_application
from bot.reminders import run_sweep
from reminders.planning import ReminderKind, plan
from storage.meetings import schedule_next_meeting
from storage.models import ReminderSettingsRow
from storage.views import MeetingView, ReminderSettings, ReminderSnapshot
from tests.bot.test_followup import reviewable
from tests.fakes.botapi import RecordingRequest
from tests.harness import COORDINATOR, FOCAL, GROUP, TOKEN, Harness, buttons

WEDNESDAY_10 = datetime(2016, 11, 2, 10, 0, tzinfo=UTC)  # Bamako is UTC+0
SET_AT = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)


def _snapshot(meeting: MeetingView | None, **settings: object) -> ReminderSnapshot:
    return ReminderSnapshot(
        cluster_id=1,
        timezone="Africa/Bamako",
        settings=replace(ReminderSettings(), **settings),  # type: ignore[arg-type]
        meeting_today=meeting,
    )


def _meeting(starts_at: datetime, *, has_time: bool = True) -> MeetingView:
    return MeetingView(7, 1, starts_at, has_time, None, updated_at=SET_AT)


def _reviews(snapshot: ReminderSnapshot, now: datetime) -> list[tuple[datetime, bool]]:
    return [(p.send_at, p.late) for p in plan(snapshot, now) if p.kind == ReminderKind.REVIEW]


# --- When: pure planning ------------------------------------------------------------------


def test_the_review_is_due_at_the_send_hour_of_the_meeting_day() -> None:
    snapshot = _snapshot(_meeting(WEDNESDAY_10))
    eight = datetime(2016, 11, 2, 8, 0, tzinfo=UTC)

    assert _reviews(snapshot, eight - timedelta(minutes=1)) == []
    assert _reviews(snapshot, eight) == [(eight, False)]
    # The bot back while the meeting runs: still posted, marked late; not after.
    assert _reviews(snapshot, WEDNESDAY_10 + timedelta(hours=1)) == [(eight, True)]
    assert _reviews(snapshot, WEDNESDAY_10 + timedelta(hours=3)) == []
    # Never the day before.
    assert _reviews(snapshot, eight - timedelta(days=1)) == []


def test_a_meeting_on_a_saturday_gets_its_review_that_saturday() -> None:
    saturday = datetime(2016, 11, 5, 10, 0, tzinfo=UTC)
    snapshot = _snapshot(_meeting(saturday))

    assert _reviews(snapshot, saturday - timedelta(hours=2)) == [
        (saturday - timedelta(hours=2), False)
    ]


def test_a_meeting_before_the_send_hour_is_posted_an_hour_before_it_not_before_seven() -> None:
    early = datetime(2016, 11, 2, 8, 30, tzinfo=UTC)
    dawn = datetime(2016, 11, 2, 7, 15, tzinfo=UTC)

    assert _reviews(_snapshot(_meeting(early)), early) == [(early - timedelta(hours=1), False)]
    assert _reviews(_snapshot(_meeting(dawn)), dawn) == [
        (datetime(2016, 11, 2, 7, 0, tzinfo=UTC), False)
    ]


def test_a_meeting_with_no_hour_is_posted_at_the_send_hour_until_the_evening() -> None:
    midnight = datetime(2016, 11, 2, 0, 0, tzinfo=UTC)
    snapshot = _snapshot(_meeting(midnight, has_time=False), send_hour=9)
    nine = datetime(2016, 11, 2, 9, 0, tzinfo=UTC)

    assert _reviews(snapshot, nine) == [(nine, False)]
    assert _reviews(snapshot, datetime(2016, 11, 2, 19, 0, tzinfo=UTC)) == []


def test_reminders_off_or_meeting_reminders_off_post_nothing() -> None:
    now = datetime(2016, 11, 2, 8, 0, tzinfo=UTC)

    assert _reviews(_snapshot(_meeting(WEDNESDAY_10), enabled=False), now) == []
    assert _reviews(_snapshot(_meeting(WEDNESDAY_10), meeting_days_before=()), now) == []


def test_a_meeting_set_after_its_morning_slot_owes_no_review() -> None:
    meeting = replace(_meeting(WEDNESDAY_10), updated_at=datetime(2016, 11, 2, 9, 0, tzinfo=UTC))

    assert _reviews(_snapshot(meeting), datetime(2016, 11, 2, 9, 5, tzinfo=UTC)) == []


# --- What the group sees: the real application and the frozen clock ------------------------


async def _at(bot: Harness, moment: datetime) -> None:
    bot.clock.current = moment
    await bot.sweep()


def _posts(bot: Harness) -> list[dict[str, object]]:
    return [m for m in bot.api.sent(GROUP.id) if "Ordre du jour" in str(m["text"])]


async def test_on_the_meeting_morning_the_review_is_posted_once_in_the_group(
    cluster: Harness,
) -> None:
    await reviewable(cluster)

    await _at(cluster, datetime(2016, 11, 2, 8, 0, tzinfo=UTC))
    await _at(cluster, datetime(2016, 11, 2, 8, 1, tzinfo=UTC))

    [post] = _posts(cluster)
    text = str(post["text"])
    assert text.startswith("🗒 <b>Ordre du jour : suivi des actions de la réunion précédente</b>")
    assert "Réunion du mercredi 2 novembre 2016 à 10h00, bureau du PNUD" in text
    assert "Réunion du 4 octobre 2016" in text
    assert "Partager la carte" in text
    assert "Relancer le bailleur" in text
    assert "en retard de 18 jours" in text
    assert "Pour OCHA" not in text  # the group's view, not a focal point's


async def test_a_restart_does_not_post_the_review_again(cluster: Harness) -> None:
    await reviewable(cluster)
    await _at(cluster, datetime(2016, 11, 2, 8, 0, tzinfo=UTC))
    assert len(_posts(cluster)) == 1

    # A new application on the same database, as after a restart.
    again = build_application(
        token=TOKEN,
        db=cluster.db,
        clock=cluster.clock,
        default_timezone="Africa/Bamako",
        request=RecordingRequest(cluster.api),
        rate_limit=False,
        sweep_every=None,
    )
    await again.initialize()
    try:
        cluster.clock.advance(minutes=30)
        report = await run_sweep(again, pause=cluster._pause)
    finally:
        await again.shutdown()

    assert len(_posts(cluster)) == 1
    assert report.messages_sent == 0


async def test_reminders_off_post_no_review(cluster: Harness) -> None:
    await reviewable(cluster)
    with cluster.db.session() as session:
        session.add(
            ReminderSettingsRow(
                cluster_id=1,
                enabled=False,
                deadline_days_before=[3, 1, 0],
                overdue_days_after=[1, 3, 7],
                meeting_days_before=[7, 1],
                milestone_days_before=[7, 3, 1],
                updated_at=cluster.clock.now(),
            )
        )

    await _at(cluster, datetime(2016, 11, 2, 8, 0, tzinfo=UTC))

    assert _posts(cluster) == []


async def test_a_long_review_is_posted_as_its_first_page_and_pages_keep_its_heading(
    cluster: Harness,
) -> None:
    long_text = "Élaborer le plan de réponse " + "très détaillé " * 40
    for n in range(15):
        await cluster.send(
            f"/action {long_text} {n} — OCHA — 15 novembre", user=COORDINATOR, chat=GROUP
        )
    with cluster.db.session() as session:
        schedule_next_meeting(
            session=session,
            cluster_id=1,
            starts_at=WEDNESDAY_10,
            has_time=True,
            place=None,
            now=cluster.clock.now(),
        )

    await _at(cluster, datetime(2016, 11, 2, 8, 0, tzinfo=UTC))

    [post] = _posts(cluster)
    assert len(str(post["text"])) <= 4096
    assert "Page 1/2" in str(post["text"])
    # The post opens the meeting: attendance, and the review's start.
    assert [label for label, data in buttons(post)] == [
        "Suivant ▶️",
        "✋ Présent(e)",
        "▶️ Commencer la revue",
    ]
    await cluster.press(post, "Suivant", user=FOCAL)
    second = cluster.current(post)
    assert second["text"].startswith("🗒 <b>Ordre du jour")
    assert "Page 2/2" in second["text"]
    assert [data for _, data in buttons(second)] == ["u:a:1:0", "p:1", "v:s:1:0"]
