import time

import pytest

from bot.language.owners import (
    Candidate,
    build_index,
    match_owner,
    match_owner_in,
    normalize,
)

OCHA = Candidate(
    "organisation", 1, "OCHA", ("OCHA", "Bureau de la coordination des affaires humanitaires")
)
PNUD = Candidate(
    "organisation", 2, "PNUD", ("PNUD", "UNDP", "Programme des Nations Unies pour le développement")
)
HCR = Candidate("organisation", 3, "HCR", ("HCR", "UNHCR", "Haut-Commissariat pour les réfugiés"))
MERCY = Candidate("organisation", 4, "Mercy Corps", ("Mercy Corps",))
IMRAP = Candidate("organisation", 5, "IMRAP", ("IMRAP",))
ACF = Candidate("organisation", 6, "ACF", ("ACF", "Action Contre la Faim"))
ACF_ES = Candidate("organisation", 7, "ACF-Espagne", ("ACF-Espagne", "ACF Spain"))
ONU_FEMMES = Candidate("organisation", 8, "ONU Femmes", ("ONU Femmes", "UN Women"))
DNDS = Candidate("organisation", 9, "DNDS", ("DNDS", "Direction Nationale du Développement Social"))
CIV = Candidate("organisation", 10, "Côte d’Ivoire", ("Côte d’Ivoire",))
GERSON = Candidate("member", 101, "Gerson Brandao (OCHA)", ("Gerson Brandao",))
OUMOU_D = Candidate("member", 102, "Oumou Diarra (PNUD)", ("Oumou Diarra",))
OUMOU_K = Candidate("member", 103, "Oumou Koné (CCP)", ("Oumou Koné",))
MOUSTAPHA = Candidate("member", 104, "Moustapha Diallo (PNUD)", ("Moustapha Diallo",))
JEAN_LUC = Candidate("member", 105, "Jean-Luc Martin (PNUD)", ("Jean-Luc Martin", "JL"))
# An organisation acronym shared with a member's alias: an exact tie is ambiguous.
CCP_MEMBER = Candidate("member", 106, "Saran Sall (HCR)", ("Saran Sall", "CCP"))
CCP_ORG = Candidate("organisation", 11, "CCP", ("CCP", "Coordination du cluster protection"))

ALL = (
    OCHA, PNUD, HCR, MERCY, IMRAP, ACF, ACF_ES, ONU_FEMMES, DNDS, CIV,
    GERSON, OUMOU_D, OUMOU_K, MOUSTAPHA, JEAN_LUC, CCP_MEMBER, CCP_ORG,
)  # fmt: skip
INDEX = build_index(ALL)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Côte d’Ivoire ", "cote d ivoire"),
        ("  OCHA  ", "ocha"),
        ("Développement Social", "developpement social"),
        ("OCHA-CCP", "ocha ccp"),
        ("OCHA – CCP", "ocha ccp"),
        ("l'ONG", "l ong"),
        ("Oumou/Jean-Luc", "oumou jean luc"),
        ("ÉCHÉANCE", "echeance"),
        ("Straße", "strasse"),
        ("Gerson   Brandao (OCHA)", "gerson brandao ocha"),
        ("snake_case", "snake case"),
        ("", ""),
        ("  ...  ", ""),
    ],
)
def test_normalize_folds_case_accents_and_punctuation(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("OCHA", OCHA),
        ("ocha", OCHA),
        ("UNDP", PNUD),
        ("Programme des Nations Unies pour le Developpement", PNUD),
        ("UNHCR", HCR),
        ("haut commissariat pour les refugies", HCR),
        ("Mercy Corps", MERCY),
        ("UN Women", ONU_FEMMES),
        ("ACF", ACF),
        ("ACF-Espagne", ACF_ES),
        ("ACF Espagne", ACF_ES),
        ("cote d'ivoire", CIV),
        ("Gerson Brandao", GERSON),
        ("Gerson Brandao (OCHA)", GERSON),
        ("JL", JEAN_LUC),
    ],
)
def test_exact_normalized_name_resolves(typed, expected):
    assert match_owner_in(typed, INDEX).matches == (expected,)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("ONG Mercy Corps", MERCY),
        ("l'ONG Mercy Corps", MERCY),
        ("l’IMRAP", IMRAP),
        ("le PNUD", PNUD),
        ("la DNDS", DNDS),
        ("Cluster lead (PNUD)", PNUD),
        ("cluster lead PNUD", PNUD),
        ("Le cluster lead (PNUD)", PNUD),
        ("M. Moustapha Diallo", MOUSTAPHA),
        ("Bureau OCHA (OCHA)", OCHA),
    ],
)
def test_prefixes_and_parentheses_are_stripped(typed, expected):
    assert match_owner_in(typed, INDEX).matches == (expected,)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Gerson", GERSON),
        ("Brandao", GERSON),
        ("gerson", GERSON),
        ("Moustapha", MOUSTAPHA),
        ("Diallo", MOUSTAPHA),
        ("Jean-Luc", JEAN_LUC),
        ("Koné", OUMOU_K),
    ],
)
def test_member_first_or_last_word_resolves(typed, expected):
    assert match_owner_in(typed, INDEX).matches == (expected,)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Oumou", {OUMOU_D, OUMOU_K}),
        ("CCP", {CCP_ORG, CCP_MEMBER}),
    ],
)
def test_shared_names_are_ambiguous(typed, expected):
    assert set(match_owner_in(typed, INDEX).matches) == expected


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "   ",
        "Partenaires du CRP",
        "OCHAA",  # typos are for the later fuzzy stage
        "Gerson Diarra",
        "Brandao Gerson",
        "Nations",  # an organisation's inner word is not a member name
        "Sall Saran",
        "ONG",
        "cluster lead",
        "le",
    ],
)
def test_unknown_owner_has_no_match(typed):
    assert match_owner_in(typed, INDEX).matches == ()


def test_exact_name_beats_member_word():
    acf_member = Candidate("member", 201, "Acf Traoré (ACF)", ("Acf Traoré",))
    result = match_owner("ACF", (ACF, acf_member))
    assert result.matches == (ACF,)


def test_member_word_does_not_match_organisations():
    result = match_owner("Corps", (MERCY,))
    assert result.matches == ()


def test_match_keeps_what_was_typed():
    result = match_owner("  l'ONG Mercy Corps ", ALL)
    assert result.typed == "  l'ONG Mercy Corps "
    assert result.matches == (MERCY,)


def test_candidate_listing_a_name_twice_is_returned_once():
    twice = Candidate("organisation", 301, "OIM", ("OIM", "oim", "OIM"))
    assert match_owner("OIM", (twice,)).matches == (twice,)


def test_member_whose_label_is_its_name_matches_by_first_name():
    name = "Awa Traoré"
    awa = Candidate("member", 302, name, (name,))
    assert match_owner("Awa", (awa,)).matches == (awa,)


def test_match_owner_and_match_owner_in_agree():
    for typed in ("OCHA", "Oumou", "Cluster lead (PNUD)", "inconnu"):
        assert match_owner(typed, ALL) == match_owner_in(typed, INDEX)


def test_matching_against_300_organisations_is_fast():
    organisations = [
        Candidate(
            "organisation", i, f"ORG{i}", (f"ORG{i}", f"Organisation numéro {i}", f"Org {i} EN")
        )
        for i in range(300)
    ]
    index = build_index([*organisations, GERSON, OUMOU_D, OUMOU_K])
    typed = [
        "ORG17",
        "l'ONG Organisation numéro 250",
        "Cluster lead (ORG3)",
        "Gerson",
        "Oumou",
        "inconnu",
    ]
    rounds = 200
    started = time.perf_counter()
    for _ in range(rounds):
        for name in typed:
            match_owner_in(name, index)
    per_match = (time.perf_counter() - started) / (rounds * len(typed))
    assert per_match < 0.001
