"""Turn typed owner names and deadlines into what storage keeps."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlmodel import Session

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
from storage.meetings import meeting_deadline
from storage.members import owner_members
from storage.models import DeadlinePrecision, OwnerKind
from storage.organisations import organisation_names, organisations_version
from storage.views import DeadlineValue, OwnerInput

_SPECIAL_KIND = {
    Special.COORDINATORS: OwnerKind.COORDINATORS,
    Special.ALL_MEMBERS: OwnerKind.ALL_MEMBERS,
}


OrganisationCache = dict[tuple[int, int], OwnerIndex]


def organisation_index(*, session: Session, cache: OrganisationCache | None = None) -> OwnerIndex:
    """Every organisation as an owner candidate: built once per version of the organisations,
    since there are hundreds of them and each has several names."""
    version = organisations_version(session=session)
    organisations = cache.get(version) if cache is not None else None
    if organisations is None:
        organisations = build_index(
            [
                Candidate("organisation", org.id, org.acronym, org.names)
                for org in organisation_names(session=session)
            ]
        )
        if cache is not None:
            cache.clear()
            cache[version] = organisations
    return organisations


def owner_index(
    *, session: Session, cluster_id: int, cache: OrganisationCache | None = None
) -> OwnerIndex:
    """Every organisation, and the cluster's members, as owner candidates."""
    organisations = organisation_index(session=session, cache=cache)
    candidates = []
    for member in owner_members(session=session, cluster_id=cluster_id):
        label = f"{member.name} ({member.acronym})" if member.acronym else member.name
        usernames = (member.username,) if member.username else ()
        candidates.append(
            Candidate("member", member.id, label, (member.name, *member.aliases), usernames)
        )
    return merge_indexes(organisations, build_index(candidates))


def known_owner(index: OwnerIndex) -> Callable[[str], bool]:
    """Whether a name is an owner the cluster knows: one of its groups ("CCP"), or exactly
    one organisation or member. Splits "OCHA/UNICEF" but keeps "DRS-Ségou" whole."""

    def known(name: str) -> bool:
        return special_owner(name) is not None or len(match_owner_in(name, index).matches) == 1

    return known


def owner_input(candidate: Candidate, typed: str = "") -> OwnerInput:
    """The owner a candidate stands for. An organisation keeps the sections written after
    it: "UNICEF (WASH, Nutrition)" is UNICEF, shown as written."""
    if candidate.kind == "organisation":
        sections = _SECTIONS_RE.search(typed)
        label = candidate.label
        if sections and fold(sections.group(1)) != fold(candidate.label):
            label = f"{candidate.label} ({' '.join(sections.group(1).split())})"
        return OwnerInput(OwnerKind.ORGANISATION, label, organisation_id=candidate.id)
    return OwnerInput(OwnerKind.MEMBER, candidate.label, member_id=candidate.id)


_SECTIONS_RE = re.compile(r"\(([^()]{1,120})\)\s*$")


def unresolved_owner(typed: str) -> OwnerInput:
    """A name that matched nothing: kept as typed and flagged until a coordinator links it."""
    return OwnerInput(OwnerKind.UNLINKED, typed, unknown=True)


def special_input(typed: str) -> OwnerInput | None:
    """ "CCP" is the cluster's coordinators, "Partenaires du CRP" all its members."""
    special = special_owner(typed)
    return OwnerInput(_SPECIAL_KIND[special], typed) if special is not None else None


@dataclass(frozen=True)
class OwnerResolution:
    owners: list[OwnerInput]  # settled, in typed order up to the first ambiguity
    unresolved: list[str]  # from the first ambiguous name on
    choices: tuple[Candidate, ...]  # candidates for unresolved[0]


def _settle(typed: str, index: OwnerIndex) -> OwnerInput | tuple[Candidate, ...]:
    """One typed name: settled (a group owner, the one name it matches, or kept as typed
    when it matches none), or the candidates it hesitates between."""
    special = special_input(typed)
    if special is not None:
        return special
    match = match_owner_in(typed, index)
    if len(match.matches) == 1:
        return owner_input(match.matches[0], typed)
    return match.matches if match.matches else unresolved_owner(typed)


def resolve_owners(names: Sequence[str], index: OwnerIndex) -> OwnerResolution:
    """Resolve in order; stop at the first ambiguous name so the user is asked about it."""
    owners: list[OwnerInput] = []
    for position, typed in enumerate(names):
        settled = _settle(typed, index)
        if isinstance(settled, tuple):
            return OwnerResolution(owners, list(names[position:]), settled)
        owners.append(settled)
    return OwnerResolution(_dedupe(owners), [], ())


def continue_resolution(
    settled: list[OwnerInput], remaining: Sequence[str], index: OwnerIndex
) -> OwnerResolution:
    rest = resolve_owners(remaining, index)
    return OwnerResolution(_dedupe([*settled, *rest.owners]), rest.unresolved, rest.choices)


def _dedupe(owners: list[OwnerInput]) -> list[OwnerInput]:
    seen: set[tuple[str, int | None, int | None, str]] = set()
    out = []
    for o in owners:
        key = (
            o.kind.value,
            o.organisation_id,
            o.member_id,
            o.label if o.kind == OwnerKind.UNLINKED else "",
        )
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def deadline_value(
    text: str, *, now: datetime, tz: ZoneInfo, past: bool = False
) -> DeadlineValue | Undated | MeetingRelative | None:
    """A dated deadline ready to store, Undated wording to confirm, or None if unreadable."""
    parsed = parse_deadline(text, now=now, tz=tz, past=past)
    if isinstance(parsed, Deadline):
        return DeadlineValue(
            due_at=parsed.due,
            precision=DeadlinePrecision(parsed.precision.value),
            label=parsed.label,
            text=text.strip(),
        )
    return parsed


@dataclass(frozen=True)
class NoNextMeeting:
    """A deadline tied to the next meeting, in a cluster that has none set yet."""

    text: str


def cluster_deadline(
    text: str, *, session: Session, cluster_id: int, now: datetime, tz: ZoneInfo
) -> DeadlineValue | Undated | NoNextMeeting | None:
    """deadline_value, with deadlines tied to the next meeting dated from the cluster's."""
    value = deadline_value(text, now=now, tz=tz)
    if not isinstance(value, MeetingRelative):
        return value
    dated = meeting_deadline(
        session=session,
        cluster_id=cluster_id,
        days_before=value.days_before,
        text=text.strip(),
        now=now,
    )
    return dated if dated is not None else NoNextMeeting(text.strip())


def undated_value(text: str) -> DeadlineValue:
    return DeadlineValue(due_at=None, precision=DeadlinePrecision.UNDATED, text=text.strip())


def looks_like_deadline(text: str, *, now: datetime, tz: ZoneInfo) -> bool:
    return parse_deadline(text, now=now, tz=tz) is not None


class NoteKind(StrEnum):
    """What needs a coordinator's attention in an imported row."""

    UNKNOWN_OWNER = "unknown_owner"
    AMBIGUOUS_OWNER = "ambiguous_owner"
    NO_OWNER = "no_owner"
    NO_DEADLINE = "no_deadline"
    UNDATED = "undated"
    NO_MEETING = "no_meeting"
    BAD_DEADLINE = "bad_deadline"
    WRITTEN = "written"  # saved as a French sentence by an earlier version: shown as it is
    DECISION = "decision"  # a recommendation naming no owner: kept, to be confirmed
    SUGGESTED = "suggested"  # no deadline, but a date is written in the text


@dataclass(frozen=True)
class Note:
    kind: NoteKind
    text: str = ""  # the name or deadline as typed (WRITTEN: the whole sentence)
    choices: tuple[str, ...] = ()  # AMBIGUOUS_OWNER: the names it may be


def resolve_all(names: Sequence[str], index: OwnerIndex) -> tuple[list[OwnerInput], list[Note]]:
    """Resolve without asking (an import): an ambiguous name is kept as typed and flagged.
    Returns the owners and what needs the coordinator's attention."""
    owners: list[OwnerInput] = []
    notes: list[Note] = []
    for typed in names:
        settled = _settle(typed, index)
        if isinstance(settled, tuple):
            owners.append(unresolved_owner(typed))
            notes.append(Note(NoteKind.AMBIGUOUS_OWNER, typed, tuple(c.label for c in settled[:4])))
            continue
        owners.append(settled)
        if settled.unknown:
            notes.append(Note(NoteKind.UNKNOWN_OWNER, typed))
    return _dedupe(owners), notes
