"""Resolve owner names typed by a coordinator against known organisations and members.

Matching is done on :func:`normalize`-d forms and runs in *stages*, each tried over every
*variant* of what was typed (the text itself, then without a leading "ONG"/"le"/"cluster
lead"..., then without its parenthesised part, then the parenthesised part alone). The first
stage that finds anything decides:

1. exact name: any name (acronym, full name, alias, display name) or the label;
2. member word: the typed text equals the first or last whitespace-separated word of a
   member's name ("Gerson", "Oumou", "Jean-Luc" for "Jean-Luc Martin").

Several candidates found by the deciding stage make the match ambiguous: the caller asks
the user. A fuzzy stage (typos) is meant to be appended to ``_STAGES``; it receives the
same variants and index.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

__all__ = [
    "Candidate",
    "OwnerIndex",
    "OwnerMatch",
    "build_index",
    "match_owner",
    "match_owner_in",
    "normalize",
]

_NON_WORD_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Casefold, strip accents, turn punctuation into spaces, collapse spaces.

    ``"Côte d’Ivoire "`` -> ``"cote d ivoire"``.
    """
    # casefold before NFKD: casefolding can itself produce combining marks ("İ").
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD_RE.sub(" ", bare).strip()


@dataclass(frozen=True)
class Candidate:
    kind: Literal["organisation", "member"]
    id: int
    label: str
    """How to show it, e.g. "OCHA" or "Gerson Brandao (OCHA)"."""
    names: tuple[str, ...]
    """Every name it answers to: acronym, full name, aliases (FR and EN), display name."""


@dataclass(frozen=True)
class OwnerMatch:
    typed: str
    """As typed."""
    matches: tuple[Candidate, ...]
    """0 = unknown, 1 = resolved, 2+ = ambiguous (ask the user)."""


@dataclass(frozen=True)
class OwnerIndex:
    """Normalized lookup tables, built once by :func:`build_index`."""

    by_name: Mapping[str, tuple[Candidate, ...]]
    """Normalized name or label -> candidates answering to it."""
    members_by_word: Mapping[str, tuple[Candidate, ...]]
    """Normalized first or last (whitespace-separated) word of a member's name -> members."""


def build_index(candidates: Sequence[Candidate]) -> OwnerIndex:
    by_name: dict[str, dict[tuple[str, int], Candidate]] = {}
    by_word: dict[str, dict[tuple[str, int], Candidate]] = {}
    for candidate in candidates:
        # Keyed by (kind, id) so a candidate listing the same name twice counts once.
        key = (candidate.kind, candidate.id)
        for name in candidate.names:
            normalized = normalize(name)
            if not normalized:
                continue
            by_name.setdefault(normalized, {})[key] = candidate
            if candidate.kind == "member":
                # Words as typed, so "Jean-Luc" and "N'Diaye" stay one name each.
                words = name.split()
                for word in (normalize(words[0]), normalize(words[-1])):
                    if word:
                        by_word.setdefault(word, {})[key] = candidate
        # The label is only an exact name: for a member it carries the organisation in
        # parentheses, whose words are not the member's first or last name.
        label = normalize(candidate.label)
        if label:
            by_name.setdefault(label, {})[key] = candidate
    return OwnerIndex(
        by_name={name: tuple(found.values()) for name, found in by_name.items()},
        members_by_word={word: tuple(found.values()) for word, found in by_word.items()},
    )


def merge_indexes(first: OwnerIndex, second: OwnerIndex) -> OwnerIndex:
    """The index of first's candidates followed by second's (no candidate in both)."""
    by_name = dict(first.by_name)
    for name, found in second.by_name.items():
        by_name[name] = by_name.get(name, ()) + found
    by_word = dict(first.members_by_word)
    for word, found in second.members_by_word.items():
        by_word[word] = by_word.get(word, ()) + found
    return OwnerIndex(by_name=by_name, members_by_word=by_word)


def match_owner(typed: str, candidates: Sequence[Candidate]) -> OwnerMatch:
    """Match one typed owner; build the index once with :func:`build_index` for many."""
    return match_owner_in(typed, build_index(candidates))


def match_owner_in(typed: str, index: OwnerIndex) -> OwnerMatch:
    variants = _variants(typed)
    for stage in _STAGES:
        for variant in variants:
            found = stage(variant, index)
            if found:
                return OwnerMatch(typed=typed, matches=found)
    return OwnerMatch(typed=typed, matches=())


# Normalized forms (apostrophes are spaces: "l'ONG" -> "l ong"). Tried repeatedly, so
# "l'ONG Mercy Corps" and "le cluster lead" lose every prefix.
_PREFIXES = (
    "ong ",
    "l ",
    "le ",
    "la ",
    "les ",
    "the ",
    "cluster lead ",
    "m ",
    "mme ",
    "mlle ",
    "mr ",
    "mrs ",
    "ms ",
    "dr ",
)
_PARENTHESES_RE = re.compile(r"\(([^()]*)\)")


def _strip_prefixes(normalized: str) -> str:
    stripped = True
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if normalized.startswith(prefix) and len(normalized) > len(prefix):
                normalized = normalized[len(prefix) :]
                stripped = True
    return normalized


def _variants(typed: str) -> tuple[str, ...]:
    """Normalized forms to try, most literal first, without duplicates or empties."""
    raw: list[str] = [typed]
    if "(" in typed:
        # "Gerson Brandao (OCHA)" is first Gerson, "Cluster lead (PNUD)" is PNUD: the text
        # outside the parentheses is tried before the text inside.
        raw.append(_PARENTHESES_RE.sub(" ", typed))
        raw.extend(_PARENTHESES_RE.findall(typed))
    variants: dict[str, None] = {}
    for text in raw:
        normalized = normalize(text)
        for form in (normalized, _strip_prefixes(normalized)):
            if form and form not in _PREFIX_WORDS:
                variants[form] = None
    return tuple(variants)


# What is left when only a prefix was typed ("cluster lead") names nobody.
_PREFIX_WORDS = frozenset(prefix.strip() for prefix in _PREFIXES)


def _exact_name(variant: str, index: OwnerIndex) -> tuple[Candidate, ...]:
    return index.by_name.get(variant, ())


def _member_word(variant: str, index: OwnerIndex) -> tuple[Candidate, ...]:
    return index.members_by_word.get(variant, ())


_Stage = Callable[[str, OwnerIndex], tuple[Candidate, ...]]
_STAGES: tuple[_Stage, ...] = (_exact_name, _member_word)
