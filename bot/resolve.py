"""Turn typed owner names and deadlines into what storage keeps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.language.deadlines import Deadline, Undated, parse_deadline
from bot.language.owners import (
    Candidate,
    OwnerIndex,
    build_index,
    match_owner_in,
    merge_indexes,
    normalize,
)
from storage.members import owner_members
from storage.models import DeadlinePrecision, OwnerKind
from storage.organisations import organisation_names, organisations_version
from storage.views import DeadlineValue, OwnerInput

# Names that stand for a set of organisations rather than one: kept as typed, not flagged.
_GROUP_WORDS = re.compile(
    r"^(partenaires?|acteurs?|membres?|tous|toutes|ensemble|cluster|coordinat\w*|ccp|"
    r"equipe|groupe|clusters?)\b"
)


OrganisationCache = dict[tuple[int, int], OwnerIndex]


def owner_index(
    *, session: Session, cluster_id: int, cache: OrganisationCache | None = None
) -> OwnerIndex:
    """Every organisation, and the cluster's members, as owner candidates."""
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
    candidates = []
    for member_id, name, acronym in owner_members(session=session, cluster_id=cluster_id):
        label = f"{name} ({acronym})" if acronym else name
        candidates.append(Candidate("member", member_id, label, (name,)))
    return merge_indexes(organisations, build_index(candidates))


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
