"""Deadlines tied to the next meeting follow it; unknown owners, once linked, resolve everywhere."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from storage.actions import (
    create_action,
    find_duplicates,
    get_action,
    link_unknown_owner,
)
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.meetings import meeting_deadline, next_meeting, schedule_next_meeting
from storage.models import DeadlinePrecision, OwnerKind
from storage.organisations import list_organisations, remember_alias
from storage.views import ActionView, Author, DeadlineValue, OwnerInput

NOW = datetime(2017, 4, 4, 16, 0, tzinfo=UTC)
MAY_2 = datetime(2017, 5, 2, 14, 30, tzinfo=UTC)


def cluster_id(db: Database) -> int:
    with db.session() as session:
        cluster, _ = save_cluster_for_chat(
            session=session,
            chat_id=-5,
            name="CRP",
            short_name=None,
            timezone="Africa/Bamako",
            now=NOW,
        )
    return cluster.id


def action(
    db: Database, cid: int, owners: list[OwnerInput], deadline: DeadlineValue, text: str = "Faire X"
) -> ActionView:
    with db.session() as session:
        return create_action(
            session=session,
            cluster_id=cid,
            description=text,
            owners=owners,
            deadline=deadline,
            by=Author(None, "Oumou", NOW),
        )


def test_without_a_next_meeting_a_meeting_deadline_cannot_be_dated(db: Database) -> None:
    cid = cluster_id(db)
    with db.session() as session:
        assert (
            meeting_deadline(session=session, cluster_id=cid, days_before=7, text="x", now=NOW)
            is None
        )
        assert next_meeting(session=session, cluster_id=cid, now=NOW) is None


def test_a_deadline_tied_to_the_next_meeting_moves_with_it(db: Database) -> None:
    cid = cluster_id(db)
    with db.session() as session:
        schedule_next_meeting(
            session=session, cluster_id=cid, starts_at=MAY_2, has_time=True, place="PNUD", now=NOW
        )
        deadline = meeting_deadline(
            session=session,
            cluster_id=cid,
            days_before=7,
            text="une semaine avant la réunion",
            now=NOW,
        )
    assert deadline is not None
    assert deadline.due_at == MAY_2 - timedelta(days=7)
    tied = action(
        db, cid, [OwnerInput(OwnerKind.ORGANISATION, "PNUD", organisation_id=1)], deadline
    )

    with db.session() as session:
        moved = schedule_next_meeting(
            session=session,
            cluster_id=cid,
            starts_at=MAY_2 + timedelta(days=7),
            has_time=True,
            place=None,
            now=NOW,
        )
        fresh = get_action(session=session, action_id=tied.id)

    assert moved.meeting.place == "PNUD"  # moving keeps the place when none is given
    assert fresh is not None
    assert fresh.deadline.precision == DeadlinePrecision.MEETING
    assert fresh.deadline.due_at == MAY_2  # 9 May minus a week


def test_duplicates_are_found_whatever_the_case_and_spacing(db: Database) -> None:
    cid = cluster_id(db)
    undated = DeadlineValue(None, DeadlinePrecision.UNDATED)
    existing = action(db, cid, [], undated, "Réviser les chiffres  sur les personnes ciblées")
    with db.session() as session:
        found = find_duplicates(
            session=session,
            cluster_id=cid,
            descriptions=["réviser les chiffres sur les personnes ciblées", "Autre chose"],
        )
    assert found == {"réviser les chiffres sur les personnes ciblées": existing.id}


def test_linking_an_unknown_name_updates_every_action_that_named_it(db: Database) -> None:
    cid = cluster_id(db)
    undated = DeadlineValue(None, DeadlinePrecision.UNDATED)
    unknown = OwnerInput(OwnerKind.UNLINKED, "Direction régionale Ségou", unknown=True)
    first = action(db, cid, [unknown], undated, "A")
    second = action(
        db,
        cid,
        [unknown, OwnerInput(OwnerKind.ORGANISATION, "OCHA", organisation_id=8)],
        undated,
        "B",
    )
    with db.session() as session:
        dnds = next(o for o in list_organisations(session=session) if o.acronym == "DNDS")
        changed = link_unknown_owner(
            session=session,
            cluster_id=cid,
            label="direction régionale  ségou",
            owner=OwnerInput(OwnerKind.ORGANISATION, "DNDS", organisation_id=dnds.id),
            by=Author(None, "Oumou", NOW),
        )
        remember_alias(
            session=session,
            organisation_id=dnds.id,
            member_id=None,
            alias="Direction régionale Ségou",
        )
    assert changed == [first.id, second.id]
    with db.session() as session:
        labels = [o.label for o in get_action(session=session, action_id=second.id).owners]  # type: ignore[union-attr]
        dnds_again = next(o for o in list_organisations(session=session) if o.acronym == "DNDS")
    assert labels == ["DNDS", "OCHA"]
    assert "Direction régionale Ségou" in dnds_again.aliases
