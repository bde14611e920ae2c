"""Who attended a meeting, as the participants list of its minutes says."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session, col, select

from storage.directory import name_key
from storage.errors import NotFound, StorageError
from storage.meetings import day_bounds, last_held, meeting_of_day, meeting_of_today, meeting_view
from storage.models import (
    Attendance,
    AttendanceSource,
    AttendanceStatus,
    Meeting,
    Member,
    Organisation,
)
from storage.views import MeetingView


class NotHeldYet(StorageError):
    """That day has not begun in the cluster's time zone: no meeting was held on it yet."""

    def __init__(self, day: date) -> None:
        super().__init__(day.isoformat())
        self.day = day


@dataclass(frozen=True)
class ParticipantInput:
    """One row of a participants list; anything but the name may be missing."""

    name: str
    organisation_text: str | None = None  # as written
    organisation_id: int | None = None  # the organisation it names, when the caller knows it
    function: str | None = None
    email: str | None = None
    phone: str | None = None
    member_id: int | None = None  # the member this person is, when the caller knows it


@dataclass(frozen=True)
class AttendanceView:
    id: int
    meeting_id: int
    name: str
    organisation_text: str | None
    organisation_id: int | None
    organisation_acronym: str | None  # of organisation_id
    function: str | None
    email: str | None
    phone: str | None
    member_id: int | None
    status: AttendanceStatus
    source: AttendanceSource
    created_at: datetime


@dataclass(frozen=True)
class AttendanceSummary:
    meeting_id: int
    added: int
    # Participants that matched someone recorded already: by an earlier import, or earlier
    # in the same list.
    already_there: int
    completed: int  # of those, how many gained a field they were missing
    # Participants of this list with no known organisation who are not members either: the
    # ones a coordinator may want to link.
    unresolved: tuple[AttendanceView, ...]


def meeting_held_on(
    *, session: Session, cluster_id: int, day: date, tz: ZoneInfo, now: datetime
) -> int:
    """The id of the cluster's meeting on that local day: the one stored already (the
    meeting set with /reunion, say; the one under way now when the day has several), else a
    new one at the day's local midnight, with no time.

    A new row starts before `now`, so it is never the next meeting (storage.meetings picks
    it from those starting at or after now): no reminder for it, no deadline moves with it.
    A day not begun yet is refused (NotHeldYet). Cancelled meetings are left alone: a
    meeting held on a day whose meeting was cancelled gets a row of its own."""
    starts, _ = day_bounds(day, tz)
    if starts >= now:
        raise NotHeldYet(day)
    meeting = meeting_of_day(session=session, cluster_id=cluster_id, day=day, tz=tz, at=now)
    if meeting is None:
        meeting = Meeting(
            cluster_id=cluster_id, starts_at=starts, has_time=False, created_at=now, updated_at=now
        )
        session.add(meeting)
        session.flush()
    assert meeting.id is not None
    return meeting.id


_FILLABLE = ("organisation_text", "organisation_id", "function", "email", "phone", "member_id")


def record_attendance(
    *,
    session: Session,
    meeting_id: int,
    participants: Sequence[ParticipantInput],
    now: datetime,
) -> AttendanceSummary:
    """Record these participants as present at the meeting. A person recorded already (the
    same minutes imported again) is not doubled: the row only gains the fields it lacked.

    The same person is the same member, or else the same name and organisation, case,
    accents and punctuation aside; organisations compare by id when both rows know it, else
    as written. A blank name is a bug upstream (ValueError)."""
    if session.get(Meeting, meeting_id) is None:
        raise NotFound(meeting_id)
    rows = list(session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all())
    added = already_there = completed = 0
    listed: list[Attendance] = []
    for participant in participants:
        person = _cleaned(participant)
        row = next((r for r in rows if _same_person(r, person)), None)
        if row is None:
            row = Attendance(
                meeting_id=meeting_id,
                name=person.name,
                organisation_text=person.organisation_text,
                organisation_id=person.organisation_id,
                function=person.function,
                email=person.email,
                phone=person.phone,
                member_id=person.member_id,
                status=AttendanceStatus.PRESENT.value,
                source=AttendanceSource.MINUTES.value,
                created_at=now,
            )
            rows.append(row)
            added += 1
        else:
            already_there += 1
            if _complete(row, person):
                completed += 1
        session.add(row)
        # By identity: table models compare by value.
        if all(r is not row for r in listed):
            listed.append(row)
    session.flush()
    unresolved = tuple(
        _view(r, None) for r in listed if r.organisation_id is None and r.member_id is None
    )
    return AttendanceSummary(
        meeting_id=meeting_id,
        added=added,
        already_there=already_there,
        completed=completed,
        unresolved=unresolved,
    )


def meeting_attendance(*, session: Session, meeting_id: int) -> list[AttendanceView]:
    """Who attended, by organisation (its acronym when known, else as written; none last),
    then by name."""
    rows = session.exec(
        select(Attendance, Organisation.acronym)
        .outerjoin(Organisation, col(Organisation.id) == Attendance.organisation_id)
        .where(Attendance.meeting_id == meeting_id)
    ).all()
    views = [_view(row, acronym) for row, acronym in rows]
    return sorted(views, key=_attendance_order)


def _attendance_order(view: AttendanceView) -> tuple[bool, str, str, int]:
    organisation = view.organisation_acronym or view.organisation_text or ""
    return (not organisation, name_key(organisation), name_key(view.name), view.id)


def _cleaned(participant: ParticipantInput) -> ParticipantInput:
    name = participant.name.strip()
    if not name:
        raise ValueError("a participant needs a name")
    return replace(
        participant,
        name=name,
        organisation_text=_text(participant.organisation_text),
        function=_text(participant.function),
        email=_text(participant.email),
        phone=_text(participant.phone),
    )


def _text(value: str | None) -> str | None:
    return (value or "").strip() or None


def _same_person(row: Attendance, person: ParticipantInput) -> bool:
    if row.member_id is not None and person.member_id is not None:
        return row.member_id == person.member_id
    return name_key(row.name) == name_key(person.name) and _same_organisation(row, person)


def _same_organisation(row: Attendance, person: ParticipantInput) -> bool:
    if row.organisation_id is not None and person.organisation_id is not None:
        return row.organisation_id == person.organisation_id
    return name_key(row.organisation_text or "") == name_key(person.organisation_text or "")


def _complete(row: Attendance, person: ParticipantInput) -> bool:
    """Fill the row's missing fields from the person; whether any was."""
    changed = False
    for field in _FILLABLE:
        if getattr(row, field) is None and getattr(person, field) is not None:
            setattr(row, field, getattr(person, field))
            changed = True
    return changed


def _view(row: Attendance, acronym: str | None) -> AttendanceView:
    assert row.id is not None
    return AttendanceView(
        id=row.id,
        meeting_id=row.meeting_id,
        name=row.name,
        organisation_text=row.organisation_text,
        organisation_id=row.organisation_id,
        organisation_acronym=acronym,
        function=row.function,
        email=row.email,
        phone=row.phone,
        member_id=row.member_id,
        status=AttendanceStatus(row.status),
        source=AttendanceSource(row.source),
        created_at=row.created_at,
    )


# --- Attendance said in the group: Présent(e), /present, /excuse ------------------------------


@dataclass(frozen=True)
class AttendanceMeeting:
    """The meeting attendance is taken for, and whether it is today's or the last held."""

    meeting: MeetingView
    today: bool


def attendance_meeting(
    *, session: Session, cluster_id: int, now: datetime, tz: ZoneInfo
) -> AttendanceMeeting | None:
    """Today's meeting, else the last one held (started before now, not cancelled)."""
    today = meeting_of_today(session=session, cluster_id=cluster_id, now=now, tz=tz)
    if today is not None:
        return AttendanceMeeting(today, True)
    last = last_held(session=session, cluster_id=cluster_id, before=now)
    return AttendanceMeeting(meeting_view(last), False) if last is not None else None


def get_meeting(*, session: Session, meeting_id: int) -> MeetingView | None:
    meeting = session.get(Meeting, meeting_id)
    return meeting_view(meeting) if meeting is not None else None


def is_cancelled(*, session: Session, meeting_id: int) -> bool:
    meeting = session.get(Meeting, meeting_id)
    return meeting is not None and meeting.cancelled_at is not None


def mark_member_present(
    *,
    session: Session,
    meeting_id: int,
    member_id: int,
    source: AttendanceSource,
    now: datetime,
    status: AttendanceStatus = AttendanceStatus.PRESENT,
) -> bool:
    """Record the member (and through them their organisation) at the meeting; False when
    they were recorded with that status already. One row per member: the row an import
    wrote for the same name and organisation becomes theirs rather than a second one."""
    member = session.get(Member, member_id)
    if member is None or session.get(Meeting, meeting_id) is None:
        raise NotFound(member_id)
    rows = session.exec(select(Attendance).where(Attendance.meeting_id == meeting_id)).all()
    row = next((r for r in rows if r.member_id == member_id), None)
    if row is None:
        row = next(
            (
                r
                for r in rows
                if r.member_id is None
                and name_key(r.name) == name_key(member.display_name)
                and r.organisation_id == member.organisation_id
            ),
            None,
        )
    if row is None:
        row = Attendance(
            meeting_id=meeting_id,
            name=member.display_name,
            organisation_id=member.organisation_id,
            member_id=member_id,
            status=status.value,
            source=source.value,
            created_at=now,
        )
    elif row.member_id == member_id and row.status == status.value:
        return False
    else:
        row.member_id = member_id
        if row.status == status.value:
            session.add(row)
            session.flush()
            return False
        row.status = status.value
        row.source = source.value
    session.add(row)
    session.flush()
    return True


def mark_organisation(
    *,
    session: Session,
    meeting_id: int,
    organisation_id: int,
    status: AttendanceStatus,
    now: datetime,
) -> bool:
    """Record the organisation present or excused at the meeting, as a coordinator says it;
    False when it was so already. The coordinator's word replaces what its people's rows
    said: an organisation excused after it was marked present is excused, all of it."""
    organisation = session.get(Organisation, organisation_id)
    if organisation is None or session.get(Meeting, meeting_id) is None:
        raise NotFound(organisation_id)
    rows = session.exec(
        select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.organisation_id == organisation_id
        )
    ).all()
    if not rows:
        session.add(
            Attendance(
                meeting_id=meeting_id,
                # The organisation itself, with no one named: its acronym stands as the name.
                name=organisation.acronym,
                organisation_id=organisation_id,
                status=status.value,
                source=AttendanceSource.COORDINATOR.value,
                created_at=now,
            )
        )
        session.flush()
        return True
    changed = False
    for row in rows:
        if row.status != status.value:
            row.status = status.value
            row.source = AttendanceSource.COORDINATOR.value
            session.add(row)
            changed = True
    session.flush()
    return changed


@dataclass(frozen=True)
class AttendanceList:
    """Who is recorded at a meeting: organisations present and excused (by acronym, or as
    written), then the people present."""

    present: tuple[str, ...]
    excused: tuple[str, ...]
    people: tuple[AttendanceView, ...]


def attendance_list(*, session: Session, meeting_id: int) -> AttendanceList:
    """An organisation with anyone present is present; one whose rows all say excused is
    excused. The people are the rows that name someone, not an organisation alone."""
    views = meeting_attendance(session=session, meeting_id=meeting_id)
    status_of: dict[str, AttendanceStatus] = {}
    for view in views:
        organisation = view.organisation_acronym or view.organisation_text
        if organisation is None:
            continue
        if status_of.get(organisation) != AttendanceStatus.PRESENT:
            status_of[organisation] = view.status
    people = tuple(
        v
        for v in views
        if v.status == AttendanceStatus.PRESENT
        and name_key(v.name) != name_key(v.organisation_acronym or v.organisation_text or "")
    )
    return AttendanceList(
        present=tuple(o for o, s in status_of.items() if s == AttendanceStatus.PRESENT),
        excused=tuple(o for o, s in status_of.items() if s == AttendanceStatus.EXCUSED),
        people=people,
    )


@dataclass(frozen=True)
class RecentAttendance:
    """The cluster's last meetings held, newest last, and which of them each organisation
    attended (ids of organisations -> the start of each meeting it was present at)."""

    meetings: tuple[datetime, ...]
    by_organisation: dict[int, tuple[datetime, ...]]


def recent_attendance(
    *, session: Session, cluster_id: int, now: datetime, last: int = 3
) -> RecentAttendance:
    """One query for the whole roster: the last `last` meetings held, joined with who was
    present at them (imported lists, taps and coordinators alike)."""
    held = (
        select(Meeting.id)
        .where(
            Meeting.cluster_id == cluster_id,
            col(Meeting.starts_at) < now,
            col(Meeting.cancelled_at).is_(None),
        )
        .order_by(col(Meeting.starts_at).desc(), col(Meeting.id).desc())
        .limit(last)
    )
    rows = session.exec(
        select(Meeting.starts_at, Attendance.organisation_id)
        .outerjoin(
            Attendance,
            (col(Attendance.meeting_id) == Meeting.id)
            & (col(Attendance.status) == AttendanceStatus.PRESENT.value),
        )
        .where(col(Meeting.id).in_(held))
    ).all()
    meetings = sorted({starts for starts, _ in rows})
    attended: dict[int, set[datetime]] = {}
    for starts, organisation_id in rows:
        if organisation_id is not None:
            attended.setdefault(organisation_id, set()).add(starts)
    return RecentAttendance(
        meetings=tuple(meetings),
        by_organisation={o: tuple(sorted(days)) for o, days in attended.items()},
    )
