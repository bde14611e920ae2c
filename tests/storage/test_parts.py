"""Actions that belong to many: each organisation's part, and the action they add up to."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import Session

from storage.actions import action_history, change_status, create_action, get_action
from storage.clusters import save_cluster_for_chat
from storage.db import Database
from storage.models import (
    DeadlinePrecision,
    EventKind,
    Member,
    Membership,
    OwnerKind,
    Role,
    Status,
)
from storage.organisations import organisation_named
from storage.parts import (
    NotAPart,
    may_be_shared,
    part_of_member,
    parts_for,
    parts_of,
    report_part,
)
from storage.views import Author, DeadlineValue, OwnerInput, OwnerView

NOW = datetime(2017, 4, 4, 10, 0, tzinfo=UTC)


def _org(session: Session, acronym: str) -> int:
    found = organisation_named(session=session, name=acronym)
    assert found is not None, acronym
    return found.id


def _cluster(session: Session, chat_id: int = -7) -> int:
    cluster, _ = save_cluster_for_chat(
        session=session,
        chat_id=chat_id,
        name="CP",
        short_name=None,
        timezone="Africa/Bamako",
        now=NOW,
    )
    return cluster.id


def _focal(session: Session, cluster_id: int, acronym: str, user_id: int, at: datetime) -> int:
    member = Member(
        telegram_user_id=user_id,
        display_name=f"FP {acronym}",
        organisation_id=_org(session, acronym),
        created_at=at,
    )
    session.add(member)
    session.flush()
    assert member.id is not None
    role = Role.FOCAL_POINT.value
    session.add(Membership(cluster_id=cluster_id, member_id=member.id, role=role, created_at=at))
    session.flush()
    return member.id


def _action(session: Session, cluster_id: int, owners: list[OwnerInput]) -> int:
    return create_action(
        session=session,
        cluster_id=cluster_id,
        description="Partager les données de présence",
        owners=owners,
        deadline=DeadlineValue(None, DeadlinePrecision.UNDATED),
        by=BY,
    ).id


def _orgs(session: Session, *acronyms: str) -> list[OwnerInput]:
    return [
        OwnerInput(OwnerKind.ORGANISATION, a, organisation_id=_org(session, a)) for a in acronyms
    ]


BY = Author(None, "Awa", NOW)


def test_an_action_of_three_organisations_has_three_parts_in_the_order_they_are_named(
    db: Database,
) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR", "UNICEF"))
        parts = parts_for(session=session, action_id=aid)

    assert parts is not None
    assert [p.acronym for p in parts.parts] == ["OIM", "HCR", "UNICEF"]
    assert [p.status for p in parts.parts] == [Status.TODO] * 3
    assert parts.done == 0
    assert len(parts.open) == 3


def test_one_organisation_or_people_make_no_shared_action(db: Database) -> None:
    with db.session() as session:
        cid = _cluster(session)
        one = _action(session, cid, _orgs(session, "OIM"))
        twice = _action(session, cid, _orgs(session, "OIM", "OIM"))
        with_name = _action(
            session,
            cid,
            [*_orgs(session, "OIM"), OwnerInput(OwnerKind.UNLINKED, "Zorglub", unknown=True)],
        )
        found = parts_of(session=session, action_ids=[one, twice, with_name])

    assert found == {}


def test_partenaires_du_crp_are_the_organisations_of_the_cluster_focal_points(
    db: Database,
) -> None:
    with db.session() as session:
        cid = _cluster(session)
        other = _cluster(session, chat_id=-8)
        _focal(session, cid, "HCR", 1, NOW)
        _focal(session, cid, "OIM", 2, NOW + timedelta(minutes=1))
        _focal(session, cid, "OIM", 3, NOW + timedelta(minutes=2))  # two people, one part
        _focal(session, other, "NRC", 4, NOW)  # another cluster's: no part here
        everyone = [OwnerInput(OwnerKind.ALL_MEMBERS, "Partenaires du CRP")]
        aid = _action(session, cid, everyone)
        mixed = _action(session, cid, [*_orgs(session, "UNICEF"), *everyone])
        found = parts_of(session=session, action_ids=[aid, mixed])

    assert [p.acronym for p in found[aid].parts] == ["HCR", "OIM"]
    assert [p.acronym for p in found[mixed].parts] == ["UNICEF", "HCR", "OIM"]


def test_partenaires_with_one_member_organisation_is_not_shared(db: Database) -> None:
    with db.session() as session:
        cid = _cluster(session)
        _focal(session, cid, "HCR", 1, NOW)
        aid = _action(session, cid, [OwnerInput(OwnerKind.ALL_MEMBERS, "Partenaires du CRP")])

        assert parts_for(session=session, action_id=aid) is None


def test_one_part_done_moves_the_action_to_in_progress_and_is_in_its_history(
    db: Database,
) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR", "UNICEF"))
        oim = _org(session, "OIM")
        report = report_part(
            session=session, action_id=aid, organisation_id=oim, status=Status.DONE, by=BY
        )
        history = action_history(session=session, action_id=aid)

    assert report.changed
    assert not report.completed
    assert report.action.status == Status.IN_PROGRESS
    assert report.parts.done == 1
    assert [p.acronym for p in report.parts.open] == ["HCR", "UNICEF"]
    part_events = [e for e in history if e.organisation_acronym == "OIM"]
    assert [(e.old_value, e.new_value) for e in part_events] == [("a_faire", "fait")]
    whole = [e for e in history if e.organisation_acronym is None and e.new_value == "en_cours"]
    assert len(whole) == 1


def test_every_part_done_makes_the_action_done(db: Database) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR"))
        first = report_part(
            session=session,
            action_id=aid,
            organisation_id=_org(session, "OIM"),
            status=Status.DONE,
            by=BY,
        )
        last = report_part(
            session=session,
            action_id=aid,
            organisation_id=_org(session, "HCR"),
            status=Status.DONE,
            by=BY,
        )

    assert not first.completed
    assert last.completed
    assert last.action.status == Status.DONE
    assert last.parts.open == ()


def test_reporting_the_same_status_again_changes_nothing(db: Database) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR"))
        oim = _org(session, "OIM")
        report_part(
            session=session, action_id=aid, organisation_id=oim, status=Status.BLOCKED, by=BY
        )
        events = len(action_history(session=session, action_id=aid))
        again = report_part(
            session=session, action_id=aid, organisation_id=oim, status=Status.BLOCKED, by=BY
        )

        assert not again.changed
        assert len(action_history(session=session, action_id=aid)) == events


def test_a_part_reopened_reopens_a_done_action(db: Database) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR"))
        oim, hcr = _org(session, "OIM"), _org(session, "HCR")
        for org in (oim, hcr):
            report_part(
                session=session, action_id=aid, organisation_id=org, status=Status.DONE, by=BY
            )
        reopened = report_part(
            session=session, action_id=aid, organisation_id=hcr, status=Status.IN_PROGRESS, by=BY
        )

    assert reopened.action.status == Status.IN_PROGRESS
    assert [p.acronym for p in reopened.parts.open] == ["HCR"]


def test_a_coordinator_closing_the_whole_action_stays_closed_when_a_late_part_comes(
    db: Database,
) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR", "UNICEF"))
        change_status(session=session, action_id=aid, status=Status.DONE, expected=None, by=BY)
        late = report_part(
            session=session,
            action_id=aid,
            organisation_id=_org(session, "OIM"),
            status=Status.DONE,
            by=BY,
        )

    assert late.changed
    assert not late.completed
    assert late.action.status == Status.DONE
    assert late.parts.done == 1


def test_a_part_of_a_cancelled_action_leaves_it_cancelled(db: Database) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR"))
        change_status(session=session, action_id=aid, status=Status.CANCELLED, expected=None, by=BY)
        report = report_part(
            session=session,
            action_id=aid,
            organisation_id=_org(session, "OIM"),
            status=Status.IN_PROGRESS,
            by=BY,
        )

    assert report.action.status == Status.CANCELLED


def test_an_organisation_with_no_part_is_refused_and_nothing_is_stored(db: Database) -> None:
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR"))
        single = _action(session, cid, _orgs(session, "OIM"))
        events = len(action_history(session=session, action_id=aid))
        nrc = _org(session, "NRC")
        with pytest.raises(NotAPart):
            report_part(
                session=session, action_id=aid, organisation_id=nrc, status=Status.DONE, by=BY
            )
        with pytest.raises(NotAPart):
            report_part(
                session=session,
                action_id=single,
                organisation_id=_org(session, "OIM"),
                status=Status.DONE,
                by=BY,
            )
        with pytest.raises(ValueError, match="only the whole action"):
            report_part(
                session=session,
                action_id=aid,
                organisation_id=_org(session, "OIM"),
                status=Status.CANCELLED,
                by=BY,
            )
        parts = parts_for(session=session, action_id=aid)
        assert len(action_history(session=session, action_id=aid)) == events

    assert parts is not None
    assert parts.done == 0


def test_a_focal_point_has_the_part_of_their_organisation_in_their_cluster_only(
    db: Database,
) -> None:
    with db.session() as session:
        cid = _cluster(session)
        other = _cluster(session, chat_id=-8)
        _focal(session, cid, "OIM", 1, NOW)
        _focal(session, cid, "NRC", 2, NOW)
        _focal(session, other, "HCR", 3, NOW)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR"))

        mine = part_of_member(session=session, action_id=aid, telegram_user_id=1)
        not_named = part_of_member(session=session, action_id=aid, telegram_user_id=2)
        elsewhere = part_of_member(session=session, action_id=aid, telegram_user_id=3)
        nobody = part_of_member(session=session, action_id=aid, telegram_user_id=99)

    assert mine is not None
    assert mine.acronym == "OIM"
    assert not_named is None
    assert elsewhere is None
    assert nobody is None


def test_parts_of_many_actions_take_the_same_few_queries(db: Database) -> None:
    from sqlalchemy import event

    with db.session() as session:
        cid = _cluster(session)
        _focal(session, cid, "OIM", 1, NOW)
        _focal(session, cid, "HCR", 2, NOW)
        ids = [_action(session, cid, _orgs(session, "OIM", "HCR", "UNICEF")) for _ in range(30)]
        ids += [_action(session, cid, [OwnerInput(OwnerKind.ALL_MEMBERS, "Partenaires")])]
        statements: list[str] = []

        def count(*args: object) -> None:
            statements.append(str(args[2]))

        engine = session.get_bind()
        event.listen(engine, "before_cursor_execute", count)
        try:
            found = parts_of(session=session, action_ids=ids)
        finally:
            event.remove(engine, "before_cursor_execute", count)

    assert len(found) == 31
    assert len(statements) <= 5


def test_may_be_shared_reads_only_the_owners() -> None:
    def org(i: int) -> OwnerView:
        return OwnerView(OwnerKind.ORGANISATION, f"O{i}", i, None, False)

    everyone = OwnerView(OwnerKind.ALL_MEMBERS, "Partenaires du CRP", None, None, False)
    assert may_be_shared([org(1), org(2)])
    assert may_be_shared([everyone])
    assert not may_be_shared([org(1), org(1)])
    assert not may_be_shared([org(1)])


def test_two_organisations_reporting_their_last_parts_at_once_close_the_action_once(
    db: Database,
) -> None:
    """OIM and HCR each press ✅ on their own reminder at the same moment: the two updates
    run side by side (bot.workers). HCR's report starts once OIM's has written its part and
    read the parts again, before OIM's commits. Each must not decide from the other's part
    as it was: the action ends done, with one "fait" in its history, on either engine."""
    with db.session() as session:
        cid = _cluster(session)
        aid = _action(session, cid, _orgs(session, "OIM", "HCR"))
        oim, hcr = _org(session, "OIM"), _org(session, "HCR")

    main = threading.get_ident()
    wrote_part = False
    # Set when HCR's report is about to hold the action (it will wait for OIM's commit), or
    # has ended (it read OIM's part as it was).
    holds_or_ended = threading.Event()
    failures: list[BaseException] = []

    def hcr_reports() -> None:
        try:
            with db.session() as session:
                by = Author(None, "Moussa", NOW)
                report_part(
                    session=session, action_id=aid, organisation_id=hcr, status=Status.DONE, by=by
                )
        except BaseException as exc:  # the test fails on it below
            failures.append(exc)
        finally:
            holds_or_ended.set()

    other = threading.Thread(target=hcr_reports, daemon=True)

    def before(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if threading.get_ident() != main and statement.startswith("UPDATE action SET updated_at"):
            holds_or_ended.set()

    def after(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal wrote_part
        if threading.get_ident() != main or other.is_alive() or holds_or_ended.is_set():
            return
        if statement.startswith("INSERT INTO action_part"):
            wrote_part = True
        elif wrote_part and statement.startswith("SELECT") and "FROM action_part" in statement:
            other.start()
            assert holds_or_ended.wait(30)

    event.listen(db.engine, "before_cursor_execute", before)
    event.listen(db.engine, "after_cursor_execute", after)
    try:
        with db.session() as session:
            report_part(
                session=session, action_id=aid, organisation_id=oim, status=Status.DONE, by=BY
            )
        other.join(30)
    finally:
        event.remove(db.engine, "after_cursor_execute", after)
        event.remove(db.engine, "before_cursor_execute", before)
    assert wrote_part
    assert not other.is_alive()
    assert failures == []
    with db.session() as session:
        history = action_history(session=session, action_id=aid)
        action = get_action(session=session, action_id=aid)
        parts = parts_for(session=session, action_id=aid)
    assert parts is not None
    assert parts.done == 2
    assert action is not None
    assert action.status == Status.DONE
    whole = [
        e.new_value for e in history if e.kind == EventKind.STATUS and not e.organisation_acronym
    ]
    assert whole == ["en_cours", "fait"]
