"""Scoring a minutes reader on the corpus: what bench/minutes.py prints and
tests/language/test_minutes_corpus.py holds to the issue's targets.

Owners are resolved as the import does: split_owners (pairs only between known names),
special_owner, then match_owner_in against the organisations of a freshly migrated
database (so a directory added by a migration counts at once) and the case's members.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from datetime import time as clock
from zoneinfo import ZoneInfo

from sqlmodel import Session

from language import minutes
from language.action_text import split_owners
from language.deadlines import Deadline, MeetingRelative, Undated, parse_deadline
from language.folding import fold
from language.owners import (
    Candidate,
    OwnerIndex,
    Special,
    build_index,
    match_owner_in,
    merge_indexes,
    special_owner,
)
from storage.db import make_engine
from storage.migrate import upgrade
from storage.organisations import organisation_names
from tests.language.minutes_corpus.build import to_docx, to_pdf, to_text
from tests.language.minutes_corpus.model import Action, Case, Format

BAMAKO = ZoneInfo("Africa/Bamako")
FORMATS: tuple[Format, ...] = ("docx", "text", "pdf")
ACTIONS_TARGET = 95.0  # percent found, at least
OWNERS_TARGET = 90.0  # percent right, at least
DEADLINES_TARGET = 90.0
READ_TARGET_S = 1.0  # the largest document (about 30 pages), under
SPECIAL = {Special.COORDINATORS: "@coordination", Special.ALL_MEMBERS: "@membres"}


@dataclass
class Score:
    case: str
    fmt: str
    tables: tuple[int, int] = (0, 0)
    actions: tuple[int, int] = (0, 0)
    decisions: tuple[int, int] = (0, 0)
    owners: tuple[int, int] = (0, 0)
    deadlines: tuple[int, int] = (0, 0)
    next_meeting: bool = False
    meeting_date: bool = False
    participants: tuple[int, int] = (0, 0)
    false: int = 0
    seconds: float = 0.0
    error: str | None = None
    notes: list[str] = field(default_factory=list)


def organisation_index() -> OwnerIndex:
    with tempfile.TemporaryDirectory() as directory:
        engine = make_engine(f"sqlite:///{directory}/bench.db")
        upgrade(engine)
        with Session(engine) as session:
            organisations = organisation_names(session=session)
        engine.dispose()
    return build_index([Candidate("organisation", o.id, o.acronym, o.names) for o in organisations])


def case_index(case: Case, organisations: OwnerIndex) -> OwnerIndex:
    members = [
        Candidate("member", number, name, (name,))
        for number, (name, _organisation) in enumerate(case.members, start=1)
    ]
    return merge_indexes(organisations, build_index(members))


def canonical(typed: str, index: OwnerIndex) -> str:
    """The label an owner name resolves to: "@coordination", "@membres", an organisation's
    acronym or a member's name (folded), or "?" and the name as typed."""
    special = special_owner(typed)
    if special is not None:
        return SPECIAL[special]
    found = match_owner_in(typed, index).matches
    return fold(found[0].label) if len(found) == 1 else "?" + fold(typed)


def bamako_day(found: Deadline) -> date:
    return found.due.astimezone(BAMAKO).date()


def deadline_right(text: str | None, expected: str, now: datetime, *, past: bool = False) -> bool:
    """As /importer reads it: a follow-up table's dates may be before the meeting."""
    found = parse_deadline(text, now=now, tz=BAMAKO, past=past) if text else None
    if expected == "undated":
        return isinstance(found, Undated)
    if expected == "meeting":
        return isinstance(found, MeetingRelative)
    return isinstance(found, Deadline) and bamako_day(found) == date.fromisoformat(expected)


def day_right(text: str | None, expected: date | None, now: datetime) -> bool:
    if expected is None or text is None:
        return expected is None and text is None
    found = parse_deadline(text, now=now, tz=BAMAKO)
    return isinstance(found, Deadline) and bamako_day(found) == expected


def build(case: Case, fmt: Format) -> bytes | str:
    return to_docx(case) if fmt == "docx" else to_pdf(case) if fmt == "pdf" else to_text(case)


def read(
    document: bytes | str, fmt: Format, owner_like: Callable[[str], bool]
) -> tuple[minutes.Minutes, float]:
    start = time.perf_counter()
    if isinstance(document, str):
        found = minutes.read_text(document, owner_like=owner_like)
    elif fmt == "docx":
        found = minutes.read_docx(document, owner_like=owner_like)
    else:
        found = minutes.read_pdf(document, owner_like=owner_like)
    return found, time.perf_counter() - start


def check(
    item: minutes.MinutesItem, action: Action, index: OwnerIndex, now: datetime, notes: list[str]
) -> tuple[bool, bool | None]:
    """Owners right, and deadline right (None: not checked), of an expected action found.
    Owners are split as /importer splits them: "A/B" and "A-B" only between known names."""

    def known(name: str) -> bool:
        return canonical(name, index)[0] != "?"

    names = split_owners(item.owners_text or "", known=known)
    owners = {canonical(name, index) for name in names}
    wanted = {fold(label) for label in action.owners}  # canonical() folds too
    fragment = fold(action.description)
    if owners != wanted:
        notes.append(f"owners  {fragment!r}: {sorted(owners)} != {sorted(wanted)}")
    if action.deadline is None:
        return owners == wanted, None
    text = item.deadline_text or item.suggested_deadline  # a date written in the cells
    deadline_ok = deadline_right(text, action.deadline, now, past=item.follow_up)
    if not deadline_ok:
        notes.append(f"deadline {fragment!r}: {text!r} != {action.deadline}")
    return owners == wanted, deadline_ok


def score(case: Case, fmt: Format, organisations: OwnerIndex) -> Score:
    index = case_index(case, organisations)
    result = Score(case.name, fmt)

    def owner_like(text: str) -> bool:
        return any(canonical(name, index)[0] != "?" for name in split_owners(text))

    document = build(case, fmt)  # a corpus that does not build is a bug: let it raise
    try:
        found, result.seconds = read(document, fmt, owner_like)
    except NotImplementedError as exc:
        found, result.error = minutes.Minutes(()), f"not implemented: {exc}"
    except Exception as exc:  # a reader's crash is a finding, not the end of the bench
        found, result.error = minutes.Minutes(()), f"{type(exc).__name__}: {exc}"
    now = datetime.combine(case.meeting_date, clock(10), BAMAKO)  # typed at the meeting
    actions = {fold(action.description): action for action in case.actions}
    decisions = {fold(text) for text in case.decisions}
    optional = [fold(text) for text in case.optional]
    owners_right = deadlines_right = deadlines_checked = 0
    for item in found.items:
        description = fold(item.description)
        hit = next((f for f in actions if f in description), None)
        if hit is not None:
            owners_ok, deadline_ok = check(item, actions.pop(hit), index, now, result.notes)
            owners_right += owners_ok
            deadlines_checked += deadline_ok is not None
            deadlines_right += bool(deadline_ok)
            continue
        decision = next((f for f in decisions if f in description), None)
        if decision is not None and item.is_decision:
            decisions.discard(decision)
        elif not any(fragment in description for fragment in optional):
            result.false += 1
            short = " ".join(item.description.split())[:90]
            result.notes.append(f"false   {short!r} (owners {item.owners_text!r})")
    result.notes.extend(f"missed  {fragment!r}" for fragment in actions)
    result.notes.extend(f"missed decision {fragment!r}" for fragment in decisions)
    result.actions = (len(case.actions) - len(actions), len(case.actions))
    result.decisions = (len(case.decisions) - len(decisions), len(case.decisions))
    result.tables = (found.tables, case.tables)
    result.owners = (owners_right, result.actions[0])
    result.deadlines = (deadlines_right, deadlines_checked)
    result.next_meeting = day_right(found.next_meeting, case.next_meeting, now)
    start_of_day = now.replace(hour=0)
    result.meeting_date = day_right(found.meeting_date, case.meeting_date, start_of_day)
    result.participants = (len(found.participants), case.participants)
    return result


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 100.0


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def ratio(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}"


def directory_gaps(cases: list[Case], organisations: OwnerIndex) -> list[str]:
    """Expected organisations the directory does not know: owners wrong whatever the reader."""
    labels = {
        label
        for case in cases
        for action in case.actions
        for label in action.owners
        if label[0] not in "@?" and label not in {name for name, _ in case.members}
    }
    return sorted(label for label in labels if canonical(label, organisations) != fold(label))


def total(results: list[Score], attribute: str) -> tuple[int, int]:
    pairs: list[tuple[int, int]] = [getattr(r, attribute) for r in results]
    return sum(p[0] for p in pairs), sum(p[1] for p in pairs)
