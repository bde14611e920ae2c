"""Turn typed owner names and deadlines into what storage keeps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.language.deadlines import Deadline, Undated, parse_deadline
from bot.language.owners import Candidate, OwnerIndex, build_index, match_owner_in, normalize
from storage.members import cluster_roster
from storage.models import DeadlinePrecision, OwnerKind
from storage.organisations import list_organisations
from storage.views import DeadlineValue, OwnerInput

# Names that stand for a set of organisations rather than one: kept as typed, not flagged.
_GROUP_WORDS = re.compile(
    r"^(partenaires?|acteurs?|membres?|tous|toutes|ensemble|cluster|coordinat\w*|ccp|"
    r"equipe|groupe|clusters?)\b"
)


def owner_index(*, session: Session, cluster_id: int) -> OwnerIndex:
    """Every organisation, and the cluster's members, as owner candidates."""
    candidates = [
        Candidate("organisation", org.id, org.acronym, org.names)
        for org in list_organisations(session=session)
    ]
    roster = cluster_roster(session=session, cluster_id=cluster_id)
    members = list(roster.coordinators)
    for org in roster.organisations:
        members.extend(org.focal_points)
    seen: set[int] = set()
    for m in members:
        if m.id in seen:
            continue
        seen.add(m.id)
        label = (
            f"{m.display_name} ({m.organisation_acronym})"
            if m.organisation_acronym
            else m.display_name
        )
        candidates.append(Candidate("member", m.id, label, (m.display_name,)))
    return build_index(candidates)


def owner_input(candidate: Candidate) -> OwnerInput:
    if candidate.kind == "organisation":
        return OwnerInput(OwnerKind.ORGANISATION, candidate.label, organisation_id=candidate.id)
    return OwnerInput(OwnerKind.MEMBER, candidate.label, member_id=candidate.id)


def unresolved_owner(typed: str) -> OwnerInput:
    """A name that matched nothing: a known kind of group, or an unknown kept and flagged."""
    is_group = bool(_GROUP_WORDS.match(normalize(typed)))
    return OwnerInput(OwnerKind.GROUP, typed, unknown=not is_group)


@dataclass(frozen=True)
class OwnerResolution:
    owners: list[OwnerInput]  # settled, in typed order up to the first ambiguity
    unresolved: list[str]  # from the first ambiguous name on
    choices: tuple[Candidate, ...]  # candidates for unresolved[0]


def resolve_owners(names: Sequence[str], index: OwnerIndex) -> OwnerResolution:
    """Resolve in order; stop at the first ambiguous name so the user is asked about it."""
    owners: list[OwnerInput] = []
    for position, typed in enumerate(names):
        match = match_owner_in(typed, index)
        if len(match.matches) == 1:
            owners.append(owner_input(match.matches[0]))
        elif not match.matches:
            owners.append(unresolved_owner(typed))
        else:
            return OwnerResolution(owners, list(names[position:]), match.matches)
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
            o.label if o.kind == OwnerKind.GROUP else "",
        )
        if key not in seen:
            seen.add(key)
            out.append(o)
    return out


def deadline_value(text: str, *, now: datetime, tz: ZoneInfo) -> DeadlineValue | Undated | None:
    """A dated deadline ready to store, Undated wording to confirm, or None if unreadable."""
    parsed = parse_deadline(text, now=now, tz=tz)
    if isinstance(parsed, Deadline):
        return DeadlineValue(
            due_at=parsed.due,
            precision=DeadlinePrecision(parsed.precision.value),
            label=parsed.label,
            text=text.strip(),
        )
    return parsed


def undated_value(text: str) -> DeadlineValue:
    return DeadlineValue(due_at=None, precision=DeadlinePrecision.UNDATED, text=text.strip())


def looks_like_deadline(text: str, *, now: datetime, tz: ZoneInfo) -> bool:
    return parse_deadline(text, now=now, tz=tz) is not None
