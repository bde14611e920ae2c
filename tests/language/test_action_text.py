import re

import pytest

from language.action_text import ActionParts, split_action_text, split_owners

# Stand-in for the real date parser: a French/English month, weekday or dd/mm date.
_DATE_WORDS = re.compile(
    r"\b(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre"
    r"|novembre|d[ée]cembre|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|demain"
    r"|friday|monday|october|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)


def looks_like_deadline(text: str) -> bool:
    return _DATE_WORDS.search(text) is not None


def split(text: str) -> ActionParts:
    return split_action_text(text, is_deadline=looks_like_deadline)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rédiger une note sur la situation de protection — OCHA, CCP — 25 octobre",
            ActionParts(
                "Rédiger une note sur la situation de protection", ("OCHA", "CCP"), "25 octobre"
            ),
        ),
        (
            "Rédiger une note – OCHA – 25 octobre",
            ActionParts("Rédiger une note", ("OCHA",), "25 octobre"),
        ),
        (
            "Rédiger une note - OCHA - 25 octobre",
            ActionParts("Rédiger une note", ("OCHA",), "25 octobre"),
        ),
        (
            "Rédiger une note ; OCHA ; 25 octobre",
            ActionParts("Rédiger une note", ("OCHA",), "25 octobre"),
        ),
        (
            "Rédiger une note\nOCHA-CCP\n25 octobre",
            ActionParts("Rédiger une note", ("OCHA", "CCP"), "25 octobre"),
        ),
        (
            "Participer à la formation OPS — Partenaires du CRP — 21 octobre",
            ActionParts("Participer à la formation OPS", ("Partenaires du CRP",), "21 octobre"),
        ),
    ],
)
def test_unlabelled_parts_are_description_owners_deadline(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Préparer la révision à mi-mai — OCHA-CCP — 25 octobre",
            ActionParts("Préparer la révision à mi-mai", ("OCHA", "CCP"), "25 octobre"),
        ),
        (
            "Mettre à jour la matrice 5W-3W — OCHA",
            ActionParts("Mettre à jour la matrice 5W-3W", ("OCHA",), None),
        ),
    ],
)
def test_hyphen_inside_a_word_does_not_separate_parts(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Réviser les chiffres — 25 octobre",
            ActionParts("Réviser les chiffres", (), "25 octobre"),
        ),
        (
            "Réviser les chiffres — Coordinateur CRP",
            ActionParts("Réviser les chiffres", ("Coordinateur CRP",), None),
        ),
        ("Réviser les chiffres — vendredi", ActionParts("Réviser les chiffres", (), "vendredi")),
    ],
)
def test_second_of_two_parts_is_deadline_only_if_it_looks_like_one(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Partager les indicateurs resp: CCP échéance: 25 octobre",
            ActionParts("Partager les indicateurs", ("CCP",), "25 octobre"),
        ),
        (
            "Faire la cartographie des acteurs ; responsable : OCHA ; pour le 31 octobre",
            ActionParts("Faire la cartographie des acteurs", ("OCHA",), "pour le 31 octobre"),
        ),
        (
            "Réviser les chiffres d'ici vendredi resp: Coordinateur CRP",
            ActionParts("Réviser les chiffres", ("Coordinateur CRP",), "d'ici vendredi"),
        ),
        (
            "Réviser les chiffres d’ici vendredi resp: Coordinateur CRP",
            ActionParts("Réviser les chiffres", ("Coordinateur CRP",), "d’ici vendredi"),
        ),
        (
            "Partager les indicateurs échéance: 25 octobre resp: CCP",
            ActionParts("Partager les indicateurs", ("CCP",), "25 octobre"),
        ),
        (
            "Partager les indicateurs responsables: OCHA, CCP echeance: 25 octobre",
            ActionParts("Partager les indicateurs", ("OCHA", "CCP"), "25 octobre"),
        ),
        (
            "Partager les indicateurs resp : CCP écheance : 25 octobre",
            ActionParts("Partager les indicateurs", ("CCP",), "25 octobre"),
        ),
        (
            "Partager les indicateurs RESP:CCP ÉCHÉANCE:25 octobre",
            ActionParts("Partager les indicateurs", ("CCP",), "25 octobre"),
        ),
        (
            "Partager les indicateurs délai: 25 octobre resp: CCP",
            ActionParts("Partager les indicateurs", ("CCP",), "25 octobre"),
        ),
        (
            "Partager les indicateurs date limite : 25 octobre responsable: CCP",
            ActionParts("Partager les indicateurs", ("CCP",), "25 octobre"),
        ),
        (
            "Partager les indicateurs, resp: CCP, échéance: 25 octobre",
            ActionParts("Partager les indicateurs", ("CCP",), "25 octobre"),
        ),
        (
            "Share the indicators owner: OCHA deadline: 25 october",
            ActionParts("Share the indicators", ("OCHA",), "25 october"),
        ),
        (
            "Partager la note resp. CCP",
            ActionParts("Partager la note", ("CCP",), None),
        ),
    ],
)
def test_labelled_parts_in_any_order_and_spelling(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Plaidoyer pour le redéploiement des autorités resp: CCP",
            ActionParts("Plaidoyer pour le redéploiement des autorités", ("CCP",), None),
        ),
        (
            "Plaidoyer pour le redéploiement des autorités — CCP — pour le 2 mai",
            ActionParts("Plaidoyer pour le redéploiement des autorités", ("CCP",), "pour le 2 mai"),
        ),
        (
            "Préparer la note pour le comité — CCP — 30 octobre",
            ActionParts("Préparer la note pour le comité", ("CCP",), "30 octobre"),
        ),
        (
            # The positional deadline wins: the weak phrase stays in the description.
            "Préparer la note pour le 25 octobre — CCP — 30 octobre",
            ActionParts("Préparer la note pour le 25 octobre", ("CCP",), "30 octobre"),
        ),
        (
            "Préparer la note pour le 25 octobre — CCP",
            ActionParts("Préparer la note", ("CCP",), "pour le 25 octobre"),
        ),
        (
            "Préparer la note resp: CCP d'ici vendredi",
            ActionParts("Préparer la note", ("CCP",), "d'ici vendredi"),
        ),
        (
            "Réviser les chiffres d'ici vendredi et partager les données resp: CCP",
            ActionParts(
                "Réviser les chiffres d'ici vendredi et partager les données", ("CCP",), None
            ),
        ),
        (
            "Préparer la note avant le 3 mai resp: CCP",
            ActionParts("Préparer la note", ("CCP",), "avant le 3 mai"),
        ),
    ],
)
def test_weak_deadline_phrase_needs_a_date_and_keeps_its_words(text, expected):
    assert split(text) == expected


def test_explicit_deadline_label_leaves_weak_phrases_in_description():
    parts = split("Préparer l'atelier pour le 15 mars resp: CCP échéance: 10 mars")
    assert parts == ActionParts("Préparer l'atelier pour le 15 mars", ("CCP",), "10 mars")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Plaidoyer pour la couverture de Ségou\nResponsables ;\n**CCP**",
            ActionParts("Plaidoyer pour la couverture de Ségou", ("CCP",), None),
        ),
        (
            "Rédaction d'une note d'analyse\nResponsables/ OCHA-CCP",
            ActionParts("Rédaction d'une note d'analyse", ("OCHA", "CCP"), None),
        ),
        (
            "Faire la cartographie ; responsable : ; OCHA ; échéance : ; 31 octobre",
            ActionParts("Faire la cartographie", ("OCHA",), "31 octobre"),
        ),
    ],
)
def test_label_alone_in_its_part_labels_the_next_part(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Faire A ; faire B — OCHA — 25 octobre",
            ActionParts("Faire A ; faire B", ("OCHA",), "25 octobre"),
        ),
        (
            "Faire A – étape 1 – étape 2 – OCHA – 25 octobre",
            ActionParts("Faire A – étape 1 – étape 2", ("OCHA",), "25 octobre"),
        ),
        (
            "Rédiger une note - version courte échéance: 25 octobre resp: OCHA",
            ActionParts("Rédiger une note - version courte", ("OCHA",), "25 octobre"),
        ),
    ],
)
def test_extra_parts_stay_in_the_description_with_their_separators(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ActionParts("", (), None)),
        ("   ", ActionParts("", (), None)),
        ("resp: OCHA échéance: 25 octobre", ActionParts("", ("OCHA",), "25 octobre")),
        ("Rédiger une note", ActionParts("Rédiger une note", (), None)),
        ("  Rédiger une note  \n", ActionParts("Rédiger une note", (), None)),
        ("- Rédiger une note — OCHA", ActionParts("Rédiger une note", ("OCHA",), None)),
        ("• Rédiger une note — OCHA", ActionParts("Rédiger une note", ("OCHA",), None)),
    ],
)
def test_missing_parts_and_surrounding_noise(text, expected):
    assert split(text) == expected


@pytest.mark.parametrize(
    "description",
    [
        "Envoyer le rapport 📎 <b>urgent</b> & *vite* _svp_",
        "Vérifier   les   espaces 🇲🇱",
        "Comparer a<b et c>d & e*f_g",
    ],
)
def test_description_characters_are_kept_exactly(description):
    parts = split(f"{description} — OCHA — 25 octobre")
    assert parts == ActionParts(description, ("OCHA",), "25 octobre")


def test_long_description_is_split_quickly():
    description = ("Plaidoyer pour le redéploiement des autorités 🙂 & <x> " * 80)[:4000].strip()
    calls: list[str] = []

    def counting_is_deadline(text: str) -> bool:
        calls.append(text)
        return looks_like_deadline(text)

    parts = split_action_text(
        f"{description} resp: OCHA, CCP échéance: 25 octobre", is_deadline=counting_is_deadline
    )
    assert parts == ActionParts(description, ("OCHA", "CCP"), "25 octobre")
    assert calls == []  # the labels said it all: no phrase tried as a deadline


def test_long_description_without_deadline_calls_is_deadline_a_few_times():
    description = ("Plaidoyer pour le redéploiement des autorités " * 100).strip()
    calls: list[str] = []

    def counting_is_deadline(text: str) -> bool:
        calls.append(text)
        return looks_like_deadline(text)

    parts = split_action_text(f"{description} — OCHA", is_deadline=counting_is_deadline)
    assert parts == ActionParts(description, ("OCHA",), None)
    assert len(calls) <= 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("OCHA-CCP", ("OCHA", "CCP")),
        ("OCHA- CCP", ("OCHA", "CCP")),
        ("OCHA -CCP", ("OCHA", "CCP")),
        ("CCP-OCHA", ("CCP", "OCHA")),
        ("OCHA-CCP-HCR", ("OCHA", "CCP", "HCR")),
        ("Responsables : OCHA- CCP", ("OCHA", "CCP")),
        ("Responsables/ OCHA-CCP", ("OCHA", "CCP")),
        ("Responsable : CCP", ("CCP",)),
        ("Resp. CCP", ("CCP",)),
        ("resp: CCP", ("CCP",)),
        ("Oumou/Jean-Luc", ("Oumou", "Jean-Luc")),
        ("/Oumou", ("Oumou",)),
        ("Moustapha Diallo, Gerson/ Oumou", ("Moustapha Diallo", "Gerson", "Oumou")),
        ("Partenaires du CRP", ("Partenaires du CRP",)),
        (
            "Partenaires du CRP avec l'appui du Coordinateur CRP",
            ("Partenaires du CRP", "Coordinateur CRP"),
        ),
        ("OCHA avec l’appui de la DNDS", ("OCHA", "DNDS")),
        ("OCHA avec l'appui de l'OIM", ("OCHA", "OIM")),
        ("ONG Mercy Corps et IMRAP", ("ONG Mercy Corps", "IMRAP")),
        ("OCHA & CCP", ("OCHA", "CCP")),
        ("OCHA + CCP", ("OCHA", "CCP")),
        ("OCHA; CCP", ("OCHA", "CCP")),
        ("OCHA and UNHCR", ("OCHA", "UNHCR")),
        ("**CCP-OCHA**", ("CCP", "OCHA")),
        ("Acteurs Humanitaires", ("Acteurs Humanitaires",)),
    ],
)
def test_split_owners_separators_and_labels(text, expected):
    assert split_owners(text) == expected


@pytest.mark.parametrize(
    "name",
    [
        "ACF-Espagne",
        "Jean-Luc",
        "ABA-ROLI",
        "MSF-FRANCE",
        "Marie-Claire Traoré",
        "Sous-cluster VBG",
    ],
)
def test_split_owners_keeps_hyphenated_names_whole(name):
    assert split_owners(name) == (name,)


@pytest.mark.parametrize("text", ["", "  ", ",", " / ; ", "Responsables :"])
def test_split_owners_drops_empties(text):
    assert split_owners(text) == ()


def test_split_owners_does_not_split_et_inside_words():
    assert split_owners("Etat-major, Cellule de veille") == ("Etat-major", "Cellule de veille")


@pytest.mark.parametrize(
    "text",
    [
        "OCHA-" * 800,
        "Faire — " + " " * 3990 + "-B",
        "échéance" + " " * 4000 + "x",
        "Responsables" + " " * 4000 + "x",
        "a" + " -" * 2000,
        "d'ici " * 600 + "vendredi",
        "; " * 2000,
    ],
)
def test_odd_long_input_is_read_without_error(text):
    # Speed is bench/minutes.py's to measure; here, such input is read at all.
    assert isinstance(split(text), ActionParts)
    assert isinstance(split_owners(text), tuple)


KNOWN = {"pam", "acf", "ocha", "unicef", "ccp", "drs", "oumou", "jean-luc"}


def _known(name: str) -> bool:
    return name.strip().casefold() in KNOWN


def _dated(text: str) -> bool:
    return text.strip().startswith(("dans", "demain", "fin", "vendredi"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mettre à jour la matrice 3W, pam et acf, dans 2 semaines",
            ("Mettre à jour la matrice 3W", ("pam", "acf"), "dans 2 semaines"),
        ),
        ("Faire X, OCHA", ("Faire X", ("OCHA",), None)),
        ("Faire X, demain", ("Faire X", (), "demain")),
        (
            "Mettre à jour la matrice, OCHA et PAM — demain",
            ("Mettre à jour la matrice", ("OCHA", "PAM"), "demain"),
        ),
        # A clause after a comma names someone unknown: it stays in the description.
        (
            "Préparer la note, la partager avec OCHA",
            ("Préparer la note, la partager avec OCHA", (), None),
        ),
        ("Préparer la note, Zorglub, demain", ("Préparer la note, Zorglub", (), "demain")),
    ],
)
def test_owners_and_deadline_are_read_after_commas_when_the_names_are_known(text, expected):
    parts = split_action_text(text, is_deadline=_dated, known_owner=_known)
    assert (parts.description, parts.owners, parts.deadline_text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "UNICEF (WASH, Nutrition, Protection de l'enfance)",
            ("UNICEF (WASH, Nutrition, Protection de l'enfance)",),
        ),
        ("UNICEF (WASH, Nutrition), OCHA", ("UNICEF (WASH, Nutrition)", "OCHA")),
        ("OCHA/UNICEF", ("OCHA", "UNICEF")),
        ("OCHA-CCP", ("OCHA", "CCP")),
        ("Oumou/Jean-Luc", ("Oumou", "Jean-Luc")),
        ("DRS-Ségou", ("DRS-Ségou",)),  # a regional office: one name
        ("Foo/Bar", ("Foo/Bar",)),  # an unknown pair stays whole, to be flagged
        ("Jean-Luc", ("Jean-Luc",)),
    ],
)
def test_a_pair_is_split_only_when_both_halves_are_known_and_never_inside_parentheses(
    text, expected
):
    assert split_owners(text, known=_known) == expected
