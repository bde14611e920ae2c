"""Storage keeps UTC, stores a change whole or not at all, and returns plain values."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from storage.actions import change_status, create_action, get_action, list_open_actions
from storage.clusters import save_cluster_for_chat
from storage.db import Database, normalise_url
from storage.errors import StaleStatus
from storage.models import Action, ActionEvent, DeadlinePrecision, EventKind, OwnerKind, Status
from storage.views import ActionView, Author, DeadlineValue, OwnerInput

NOW = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)


def make_action(db: Database, due: datetime | None = None) -> ActionView:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-1,
            name="CP",
            short_name=None,
            timezone="Africa/Bamako",
            now=NOW,
        )
        return create_action(
            session=session,
            cluster_id=cluster.id,
            description="Rédiger une note",
            owners=[OwnerInput(OwnerKind.UNLINKED, "Partenaires du CRP")],
            deadline=DeadlineValue(
                due, DeadlinePrecision.DAY if due else DeadlinePrecision.UNDATED
            ),
            by=Author(None, "Oumou", NOW),
        )


def test_datetimes_come_back_timezone_aware_utc(db: Database) -> None:
    paris_evening = datetime(2016, 10, 25, 23, 59, tzinfo=timezone(timedelta(hours=2)))
    action = make_action(db, paris_evening)

    with db.session() as session:
        fresh = get_action(session=session, action_id=action.id)
    assert fresh is not None
    assert fresh.deadline.due_at == datetime(2016, 10, 25, 21, 59, tzinfo=UTC)
    assert fresh.deadline.due_at.tzinfo == UTC
    assert fresh.created_at == NOW


def test_a_naive_datetime_is_refused_rather_than_guessed(db: Database) -> None:
    with pytest.raises(Exception, match="naive"):
        make_action(db, datetime(2016, 10, 25))
    with db.session() as session:
        assert session.exec(select(Action)).all() == []


def test_a_stale_status_change_is_refused_and_nothing_changes(db: Database) -> None:
    action = make_action(db)
    with pytest.raises(StaleStatus), db.session() as session:
        change_status(
            session=session,
            action_id=action.id,
            status=Status.DONE,
            expected=Status.BLOCKED,
            by=Author(None, "x", NOW),
        )
    with db.session() as session:
        assert get_action(session=session, action_id=action.id).status == Status.TODO  # type: ignore[union-attr]


@contextmanager
def another_press_between_read_and_write(
    db: Database, action_id: int, status: Status
) -> Iterator[None]:
    """While the block runs, the first read of the action is followed at once by another
    person's change of its status, committed in a session of its own: two presses at the
    same moment, one in the group, one on a reminder in private."""
    fired: list[bool] = []

    def interleave(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if fired or not statement.lstrip().startswith("SELECT") or "FROM action" not in statement:
            return
        fired.append(True)
        with db.session() as other:
            change_status(
                session=other,
                action_id=action_id,
                status=status,
                expected=None,
                by=Author(None, "Awa", NOW),
            )

    event.listen(db.engine, "after_cursor_execute", interleave)
    try:
        yield
    finally:
        event.remove(db.engine, "after_cursor_execute", interleave)
    assert fired


def _status_lines(db: Database, action_id: int) -> list[tuple[str, str | None, str | None]]:
    with db.session() as session:
        events = session.exec(
            select(ActionEvent)
            .where(ActionEvent.action_id == action_id, ActionEvent.kind == EventKind.STATUS)
            .order_by(col(ActionEvent.id))
        ).all()
        return [(e.actor_name, e.old_value, e.new_value) for e in events]


def test_a_press_that_loses_the_race_to_another_is_refused_as_stale_not_recorded_twice(
    db: Database,
) -> None:
    action = make_action(db)
    with (
        pytest.raises(StaleStatus) as stale,
        another_press_between_read_and_write(db, action.id, Status.DONE),
        db.session() as session,
    ):
        change_status(
            session=session,
            action_id=action.id,
            status=Status.IN_PROGRESS,
            expected=Status.TODO,  # the card said "à faire"
            by=Author(None, "Oumou", NOW),
        )
    assert stale.value.current == Status.DONE
    assert _status_lines(db, action.id) == [("Awa", "a_faire", "fait")]
    with db.session() as session:
        assert get_action(session=session, action_id=action.id).status == Status.DONE  # type: ignore[union-attr]


def test_two_people_who_say_done_at_once_make_one_history_line(db: Database) -> None:
    action = make_action(db)
    with another_press_between_read_and_write(db, action.id, Status.DONE), db.session() as session:
        after = change_status(
            session=session,
            action_id=action.id,
            status=Status.DONE,
            expected=None,  # /fait 12, typed
            by=Author(None, "Oumou", NOW),
        )
    assert after.status == Status.DONE
    assert _status_lines(db, action.id) == [("Awa", "a_faire", "fait")]


def test_a_typed_status_that_loses_the_race_is_still_set_after_the_other(db: Database) -> None:
    action = make_action(db)
    with (
        another_press_between_read_and_write(db, action.id, Status.IN_PROGRESS),
        db.session() as session,
    ):
        after = change_status(
            session=session,
            action_id=action.id,
            status=Status.BLOCKED,
            expected=None,  # /bloque 12: whatever it was
            by=Author(None, "Oumou", NOW),
        )
    assert after.status == Status.BLOCKED
    assert _status_lines(db, action.id) == [
        ("Awa", "a_faire", "en_cours"),
        ("Oumou", "en_cours", "bloque"),
    ]


def test_what_leaves_a_session_is_a_plain_value(db: Database) -> None:
    action = make_action(db, NOW + timedelta(days=1))
    with db.session() as session:
        page = list_open_actions(session=session, cluster_ids=[action.cluster_id], now=NOW)
    # Usable after the session closed, and immutable.
    assert page.actions[0].owners[0].label == "Partenaires du CRP"
    with pytest.raises(AttributeError):
        page.actions[0].description = "x"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@db:5432/relance", "postgresql+psycopg://u:p@db:5432/relance"),
        ("postgresql://u@db/relance", "postgresql+psycopg://u@db/relance"),
        ("postgresql+psycopg://u@db/relance", "postgresql+psycopg://u@db/relance"),
        ("postgresql+psycopg2://u@db/relance", "postgresql+psycopg2://u@db/relance"),
        ("sqlite:///relance.db", "sqlite:///relance.db"),
        ("mysql://u@db/relance", "mysql://u@db/relance"),
    ],
)
def test_postgres_urls_name_psycopg_3_unless_they_name_a_driver(given: str, used: str) -> None:
    assert normalise_url(given) == used
