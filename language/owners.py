"""Resolve owner names typed by a coordinator against known organisations and members.

Matching is done on :func:`normalize`-d forms and runs in *stages*, each tried over every
*variant* of what was typed (the text itself, then without a leading "ONG"/"le"/"cluster
lead"..., then without its parenthesised part, then the parenthesised part alone). The first
stage that finds anything decides:

1. exact name: any name (acronym, full name, alias, display name) or the label;
2. member word: the typed text equals the first or last whitespace-separated word of a
   member's name ("Gerson", "Oumou", "Jean-Luc" for "Jean-Luc Martin");
3. fuzzy: a name, or a member's first or last word, within a few typing errors (swapped,
   missing, extra or wrong letters, counted by the optimal-string-alignment edit distance),
   with a budget of errors that grows with the length of what was typed (see
   :func:`_max_edits`). Candidates scoring within ``_FUZZY_MARGIN`` of the best are all returned.

Several candidates found by the deciding stage make the match ambiguous: the caller asks
the user. Before the stages, a Telegram mention ("@gerson") is looked up among members'
usernames. Owners that stand for a group of the cluster ("CCP", "Partenaires du CRP") are
recognised by :func:`special_owner`, which the caller runs before matching.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from language.folding import fold

__all__ = [
    "Candidate",
    "FuzzyChoices",
    "OwnerIndex",
    "OwnerMatch",
    "Special",
    "build_index",
    "match_owner",
    "match_owner_in",
    "merge_indexes",
    "normalize",
    "special_owner",
]

_NON_WORD_RE = re.compile(r"[\W_]+")


@lru_cache(maxsize=16384)
def normalize(text: str) -> str:
    """Casefold, strip accents, turn punctuation into spaces, collapse spaces.

    ``"Côte d’Ivoire "`` -> ``"cote d ivoire"``.
    """
    return _NON_WORD_RE.sub(" ", fold(text)).strip()


@dataclass(frozen=True)
class Candidate:
    kind: Literal["organisation", "member"]
    id: int
    label: str
    """How to show it, e.g. "OCHA" or "Gerson Brandao (OCHA)"."""
    names: tuple[str, ...]
    """Every name it answers to: acronym, full name, aliases (FR and EN), display name."""
    usernames: tuple[str, ...] = ()
    """Telegram usernames ("gerson" or "@gerson"), matched by a typed "@gerson" mention."""


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
    by_username: Mapping[str, tuple[Candidate, ...]] = field(default_factory=dict)
    """Casefolded Telegram username, without "@" -> members."""
    fuzzy_by_length: Mapping[int, FuzzyChoices] = field(default_factory=dict)
    """What the fuzzy stage compares against, by length: every key of ``by_name`` and of
    ``members_by_word``. Only lengths within the error budget of what was typed are read."""

    def __post_init__(self) -> None:
        # An index built by hand from the two tables alone still gets its fuzzy choices.
        if not self.fuzzy_by_length and (self.by_name or self.members_by_word):
            fuzzy = _fuzzy_choices(self.by_name, self.members_by_word)
            object.__setattr__(self, "fuzzy_by_length", fuzzy)


@dataclass(frozen=True)
class FuzzyChoices:
    """Normalized strings of one length, and who answers to each (a string may appear
    twice, e.g. as a name and as a member's word, each time with its own candidates)."""

    texts: tuple[str, ...]
    candidates: tuple[tuple[Candidate, ...], ...]


def _fuzzy_choices(*tables: Mapping[str, tuple[Candidate, ...]]) -> dict[int, FuzzyChoices]:
    texts: dict[int, list[str]] = {}
    candidates: dict[int, list[tuple[Candidate, ...]]] = {}
    for table in tables:
        for text, found in table.items():
            texts.setdefault(len(text), []).append(text)
            candidates.setdefault(len(text), []).append(found)
    return {
        length: FuzzyChoices(tuple(texts[length]), tuple(candidates[length])) for length in texts
    }


def _username_key(username: str) -> str:
    return username.strip().removeprefix("@").casefold()


def build_index(candidates: Sequence[Candidate]) -> OwnerIndex:
    by_name: dict[str, dict[tuple[str, int], Candidate]] = {}
    by_word: dict[str, dict[tuple[str, int], Candidate]] = {}
    by_username: dict[str, dict[tuple[str, int], Candidate]] = {}
    for candidate in candidates:
        # Keyed by (kind, id) so a candidate listing the same name twice counts once.
        key = (candidate.kind, candidate.id)
        for name in candidate.names:
            normalized = normalize(name)
            if not normalized:
                continue
            by_name.setdefault(normalized, {})[key] = candidate
            if candidate.kind == "member":
                # Words as typed, so "Jean-Luc" and "N'Diaye" stay one name each; and the
                # initials minutes write ("JL" for Jean-Luc, "JLK" for Jean-Luc Kramo).
                words = name.split()
                for word in (normalize(words[0]), normalize(words[-1]), *_initials(name)):
                    if word:
                        by_word.setdefault(word, {})[key] = candidate
        # The label is only an exact name: for a member it carries the organisation in
        # parentheses, whose words are not the member's first or last name.
        label = normalize(candidate.label)
        if label:
            by_name.setdefault(label, {})[key] = candidate
        for username in candidate.usernames:
            handle = _username_key(username)
            if handle:
                by_username.setdefault(handle, {})[key] = candidate
    names = {name: tuple(found.values()) for name, found in by_name.items()}
    member_words = {word: tuple(found.values()) for word, found in by_word.items()}
    return OwnerIndex(
        by_name=names,
        members_by_word=member_words,
        by_username={handle: tuple(found.values()) for handle, found in by_username.items()},
        fuzzy_by_length=_fuzzy_choices(names, member_words),
    )


def _initials(name: str) -> tuple[str, ...]:
    """ "jl" and "jlk" for "Jean-Luc Kramo"; nothing for a one-part name ("Oumou")."""
    words = [normalize(word).split() for word in name.split()]
    first = "".join(part[0] for part in words[0]) if words and words[0] else ""
    every = "".join(part[0] for word in words for part in word)
    return tuple(dict.fromkeys(x for x in (first, every) if len(x) >= 2))


def merge_indexes(first: OwnerIndex, second: OwnerIndex) -> OwnerIndex:
    """The index of first's candidates followed by second's (no candidate in both)."""
    return OwnerIndex(
        by_name=_merge_tables(first.by_name, second.by_name),
        members_by_word=_merge_tables(first.members_by_word, second.members_by_word),
        by_username=_merge_tables(first.by_username, second.by_username),
        fuzzy_by_length=_merge_fuzzy(first.fuzzy_by_length, second.fuzzy_by_length),
    )


def _merge_tables(
    first: Mapping[str, tuple[Candidate, ...]], second: Mapping[str, tuple[Candidate, ...]]
) -> dict[str, tuple[Candidate, ...]]:
    merged = dict(first)
    for text, found in second.items():
        merged[text] = merged.get(text, ()) + found
    return merged


def _merge_fuzzy(
    first: Mapping[int, FuzzyChoices], second: Mapping[int, FuzzyChoices]
) -> dict[int, FuzzyChoices]:
    # Concatenated, not rebuilt: a string in both indexes appears twice, each time with its
    # own candidates, which the fuzzy stage unites.
    merged = dict(first)
    for length, choices in second.items():
        if length in merged:
            choices = FuzzyChoices(
                merged[length].texts + choices.texts,
                merged[length].candidates + choices.candidates,
            )
        merged[length] = choices
    return merged


def match_owner(typed: str, candidates: Sequence[Candidate]) -> OwnerMatch:
    """Match one typed owner; build the index once with :func:`build_index` for many."""
    return match_owner_in(typed, build_index(candidates))


def match_owner_in(typed: str, index: OwnerIndex) -> OwnerMatch:
    mention = _MENTION_RE.fullmatch(typed.strip())
    if mention:
        found = index.by_username.get(mention.group(1).casefold(), ())
        if found:
            return OwnerMatch(typed=typed, matches=found)
        # Not a known username: "@gerson" is then read as "gerson" by the stages below.
    variants = _variants(typed)
    # "Amaia (Mercy Corps)" is Amaia: the exact readings of the name outside the
    # parentheses come before those of the text inside, and any typo forgiven after both.
    outside = _variants(_PARENTHESES_RE.sub(" ", typed)) if "(" in typed else ()
    passes = [(stage, outside) for stage in _EXACT_STAGES]
    passes += [(stage, variants) for stage in _STAGES]
    for stage, group in passes:
        for variant in group:
            found = stage(variant, index)
            if found:
                return OwnerMatch(typed=typed, matches=found)
    return OwnerMatch(typed=typed, matches=())


# A Telegram username: 5 to 32 letters, digits and underscores (shorter accepted here).
_MENTION_RE = re.compile(r"@(\w+)", re.ASCII)

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
    # Last, what people add around a name: a country or section ("ACF-France", "MSF
    # Belgique", "CRS Mali"), a "UN" in front ("UN OCHA", "UNOCHA"), the team after a
    # person's name ("Jean-Luc Cluster").
    for form in list(variants):
        for shorter in (_strip_suffixes(form), _strip_un(form)):
            if shorter and shorter != form:
                variants.setdefault(shorter, None)
    return tuple(variants)


_SUFFIX_WORDS = frozenset(
    {
        "mali", "france", "espagne", "spain", "belgique", "belgium", "suisse", "switzerland",
        "usa", "uk", "international", "intl", "sahel", "niger", "burkina", "faso", "holland",
        "nl", "ch", "canada", "allemagne", "germany", "italie", "italia", "suede", "sweden",
        "norvege", "norway", "bamako", "section", "ocb", "ocp", "oca", "ocg", "ocba",
        "cluster", "crp", "cp", "coordination", "coord", "equipe", "team", "bureau", "office",
    }
)  # fmt: skip


def _strip_suffixes(form: str) -> str:
    words = form.split()
    while len(words) > 1 and words[-1] in _SUFFIX_WORDS:
        words.pop()
    return " ".join(words)


def _strip_un(form: str) -> str:
    words = form.split()
    if len(words) > 1 and words[0] in ("un", "onu"):
        return " ".join(words[1:])
    if len(words) == 1 and form.startswith("un") and len(form) >= 6:
        return form[2:]  # "unocha"; not "unicef" ("icef"), tried only when nothing else
    return form


# What is left when only a prefix was typed ("cluster lead") names nobody.
_PREFIX_WORDS = frozenset(prefix.strip() for prefix in _PREFIXES)


def _exact_name(variant: str, index: OwnerIndex) -> tuple[Candidate, ...]:
    return index.by_name.get(variant, ())


def _member_word(variant: str, index: OwnerIndex) -> tuple[Candidate, ...]:
    return index.members_by_word.get(variant, ())


def _max_edits(length: int) -> int:
    """How many typing errors a typed (normalized) text of this length may carry.

    Acronyms of three letters or fewer get none: one edit turns one into another real
    organisation ("IRC" -> "ICRC", "NRC" -> "IRC", "OIM" -> "OIT"). Then one error from 4
    to 13 characters ("OCAH", "UNHRC", "Oumu", "Mercy Corp"), two from 14 to 20 ("Gerson
    Brandau"), and one more per 7 characters after that: at least 85 % similarity from 7
    characters on. Errors are counted by the optimal string alignment distance, where a swap
    of two neighbouring letters (the commonest phone typo) costs one, not two as in the
    Indel distance behind ``fuzz.ratio``.
    """
    if length <= 3:
        return 0
    return max(1, length // 7)


_SHORT = 4
"""Up to this length (either side), one error may not be a wrong letter: see
:func:`_short_typo`."""

_FUZZY_MARGIN = 5.0
"""Candidates scoring within this many points (of 100) of the best are all returned."""


def _short_typo(typed: str, choice: str) -> bool:
    """For short strings, accept a swap of two letters or one missing or extra letter only.

    A wrong letter in four letters more often names another organisation ("UNEP" / "UNDP",
    "AVSI" / "AVSF", "DRDS" / "DNDS") than it is a typo. A swap leaves the letters
    unchanged, a missing or extra letter changes their multiset by one, a wrong letter by two.
    """
    counts_typed, counts_choice = Counter(typed), Counter(choice)
    changed = (counts_typed - counts_choice).total() + (counts_choice - counts_typed).total()
    return changed <= 1


def _short_words_agree(typed: str, choice: str) -> bool:
    """The rule for short names holds for the acronym that heads a longer one: "DRH Mopti"
    is not a typo of "DRS Mopti" ("Action contre la fin" still is one of "... faim")."""
    typed_words, choice_words = typed.split(), choice.split()
    if len(typed_words) < 2 or len(typed_words) != len(choice_words):
        return True
    a, b = typed_words[0], choice_words[0]
    return a == b or min(len(a), len(b)) > _SHORT or _short_typo(a, b)


def _fuzzy(variant: str, index: OwnerIndex) -> tuple[Candidate, ...]:
    budget = _max_edits(len(variant))
    if budget == 0:
        return ()
    # rapidfuzz (3.5 MB) is loaded by the first name not found as written, not at start.
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    scores: dict[tuple[str, int], tuple[float, Candidate]] = {}
    # A string more than `budget` characters longer or shorter is more than `budget` edits away.
    for length in range(len(variant) - budget, len(variant) + budget + 1):
        choices = index.fuzzy_by_length.get(length)
        if choices is None:
            continue
        hits = process.extract(
            variant, choices.texts, scorer=OSA.distance, score_cutoff=budget, limit=None
        )
        for text, distance, position in hits:
            if min(len(variant), length) <= _SHORT and not _short_typo(variant, text):
                continue
            if not _short_words_agree(variant, text):
                continue
            score = 100.0 * (1.0 - distance / max(len(variant), length))
            for candidate in choices.candidates[position]:
                key = (candidate.kind, candidate.id)
                if key not in scores or scores[key][0] < score:
                    scores[key] = (score, candidate)
    if not scores:
        return ()
    best = max(score for score, _ in scores.values())
    ranked = sorted(scores.values(), key=lambda item: -item[0])
    return tuple(candidate for score, candidate in ranked if score >= best - _FUZZY_MARGIN)


_Stage = Callable[[str, OwnerIndex], tuple[Candidate, ...]]
_EXACT_STAGES: tuple[_Stage, ...] = (_exact_name, _member_word)
_STAGES: tuple[_Stage, ...] = (*_EXACT_STAGES, _fuzzy)


class Special(StrEnum):
    """Owners that stand for a group of the cluster rather than one organisation or person."""

    COORDINATORS = "coordinators"
    """The cluster's coordinators: "CCP", "Coordinateur CRP", "Coordinatrice du cluster"."""
    ALL_MEMBERS = "all_members"
    """Every member organisation: "Partenaires du CRP", "Acteurs Humanitaires", "Cluster"."""


# Building blocks, on normalize()-d text ("l'ensemble" -> "l ensemble", no accents).
# The cluster itself: "cluster", "CRP", "CP", "ER", "cluster protection", "cluster
# relèvement précoce"... Not "clusters" (all of them) nor another body ("RRM", "ICC").
_CLUSTER_REF = (
    r"(?:cluster(?:\s+(?:crp|cp|er|protection|relevement(?:\s+(?:precoce|rapide))?"
    r"|early\s+recovery))?|crp|cp|er)"
)
# A cluster named by its sector, in "partenaires du cluster Santé": the members of the
# cluster whose minutes these are. Alone ("le cluster Santé") it is another cluster.
_SECTOR = (
    r"(?:sante|health|wash|eha|nutrition|education|abris|shelter|ame|nfi|logistique"
    r"|logistics|protection|securite\s+alimentaire|food\s+security|sa|relevement\w*"
    r"|cccm|gbv|vbg|protection\s+de\s+l\s+enfance|child\s+protection)"
)
_OF_SECTOR_CLUSTER = rf"(?:\s+(?:du|de\s+la|de|des|d|of\s+the|of))?\s+cluster\s+{_SECTOR}"
_OF_CLUSTER = rf"(?:\s+(?:du|de\s+la|de|des|d|of\s+the|of))?\s+{_CLUSTER_REF}"
_COORD_WORD = r"(?:coordinat(?:eur|rice|ion)s?|coordonnat(?:eur|rice)s?|coordinators?|coord|coordo)"
_COORDINATORS = (
    r"(?:(?:le|la|les|l|the|notre|nos|our)\s+)?"
    r"(?:"
    r"ccp"
    r"|(?:(?:equipe|cellule)\s+(?:de\s+(?:la\s+)?|d\s+)?)?"
    rf"{_COORD_WORD}(?:\s+adjointe?s?)?(?:{_OF_CLUSTER}|{_OF_SECTOR_CLUSTER})?(?:\s+team)?"
    rf"|(?:{_SECTOR}\s+)?cluster\s+(?:national\s+|regional\s+)?(?:{_COORD_WORD})(?:\s+team)?"
    # A cluster's own team: "the Support Team", "l'équipe du cluster", "le cluster national"
    # (the national level that coordinates the regional ones).
    r"|(?:support|coordination|cluster)\s+team|equipe\s+(?:du\s+)?cluster"
    r"|cluster\s+(?:national|nationale)"
    r"|(?:unite\s+de\s+)?coordination\s+(?:du|de\s+la)\s+(?:projet|programme)"
    # "Le lead du cluster", "les co-leads": the agencies that lead it coordinate it.
    rf"|(?:co\s*)?leads?(?:\s+et\s+(?:co\s*)?leads?)?(?:{_OF_CLUSTER}|{_OF_SECTOR_CLUSTER})?"
    rf"|cluster\s+(?:co\s*)?leads?"
    r")"
)
_GROUP_NOUN = (
    r"(?:partenaires?|acteurs?|membres?|organisations?(?:\s+membres)?|ong\s+partenaires"
    r"|partners|members|actors|organi[sz]ations)"
)
_ALL_MEMBERS = (
    r"(?:"
    r"(?:(?:tous|toutes|all)\s+)?(?:(?:les|l|the|nos|our)\s+)?(?:ensemble\s+des\s+)?"
    rf"(?:humanitarian\s+)?{_GROUP_NOUN}(?:\s+humanitaires?)?(?:{_OF_CLUSTER}|{_OF_SECTOR_CLUSTER})?"
    r"|(?:(?:all\s+)?(?:the\s+)?)cluster\s+(?:members|partners)"
    r"|(?:(?:le|the|tout\s+le|whole|the\s+whole)\s+)?cluster"
    r"|tous|toutes|tout\s+le\s+monde|everyone|everybody|all"
    r")"
)


@lru_cache(maxsize=1)
def _group_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The two patterns above, compiled at first use: 70 ms that `relance run` would
    otherwise spend before it polls (bench/startup.py)."""
    return re.compile(_COORDINATORS), re.compile(_ALL_MEMBERS)


def special_owner(typed: str) -> Special | None:
    """The group of the cluster an owner stands for, or None for anything else.

    Pure: knows no organisation. Run it before matching; split "CCP-OCHA" or
    "Oumou/Jean-Luc" first. Text in parentheses that is not itself a group names who is
    meant and wins: "Cluster lead (PNUD)", "Coordinateur CRP (PNUD)" give None, to be matched.
    "Coordinateur humanitaire" (the HC), "coordonnateur résident", "coordination post-RRM",
    "coordinateurs de clusters" and "acteurs de développement" are not the cluster's groups.
    """
    outer = typed
    if "(" in typed:
        for inner in _PARENTHESES_RE.findall(typed):
            if normalize(inner) and _classify(normalize(inner)) is None:
                return None
        outer = _PARENTHESES_RE.sub(" ", typed)
    return _classify(normalize(outer))


def _classify(normalized: str) -> Special | None:
    coordinators, all_members = _group_patterns()
    if coordinators.fullmatch(normalized):
        return Special.COORDINATORS
    if all_members.fullmatch(normalized):
        return Special.ALL_MEMBERS
    return None
