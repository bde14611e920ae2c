"""Storage keeps UTC, stores a change whole or not at all, and returns plain values."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlmodel import select

from storage.actions import change_status, create_action, get_action, list_open_actions
from storage.clusters import save_cluster_for_chat
from storage.db import Database, normalise_url
from storage.errors import StaleStatus
from storage.models import Action, DeadlinePrecision, OwnerKind, Status
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
