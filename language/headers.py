"""What a table's header cell names: the action, its owners, its deadline, its status...

Minutes name their columns in many ways, French and English, in any form: "Action(s)",
"Activités prévues", "Actions convenues", "Recommandations", "Décisions", "Tâches", "Thème",
"Point discuté" for what is to be done; "Responsable(s)", "Entité responsable", "Structure
chargée", "Qui fait quoi", "Point focal", "Lead", "Acteurs" for who; "Échéance",
"Échéancier", "Date limite", "Délai", "Période de réalisation", "Quand", "Timeline" for when;
"Statut", "État d'avancement", "Niveau d'exécution" for how far it is; "Observations",
"Remarques", "Commentaires", "Discussions", "N°" around them.

A cell is read folded (accents, capitals, curly apostrophes), without a qualifier in
parentheses ("Échéance (date)"), bullets and colons. Its role is that of the family whose
words it is, or whose words it starts with ("Responsable du suivi et de la mise en œuvre"
is an owner column), one typing error forgiven in a long word ("Responsabel", "Echeance").
A cell of two roles joined by "/" or "et" ("Responsable / Échéance") takes the first.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from language.folding import fold

__all__ = ["Role", "header_role", "is_header_word"]


class Role(StrEnum):
    DESCRIPTION = "description"  # the action itself
    RECOMMENDATION = "recommendation"  # recommendations, decisions: the action may be inline
    TOPIC = "topic"  # the point discussed: the description only when nothing names one
    OWNERS = "owners"
    DEADLINE = "deadline"
    STATUS = "status"  # a follow-up table: how far each action is
    NUMBER = "number"  # "N°", "#": a numbering column
    CONTEXT = "context"  # themes, discussions, observations: kept, never the action
    PARTICIPANT = "participant"  # name, function, e-mail, phone: a participants list
    PLACE = "place"  # région, cercle, commune, site: a 3W matrix or a map
    FIGURE = "figure"  # beneficiaries, budget, numbers: a table of figures


# Whole phrases of each family, on folded text. The longest phrase that a cell is, or
# starts with, wins: "actions a mener" before "actions", "date de la reunion" before "date".
_FAMILIES: dict[Role, tuple[str, ...]] = {
    Role.DESCRIPTION: (
        "description", "descriptions", "description de l'action", "description des actions",
        "description de l'activite", "description des activites", "action", "actions",
        "action(s)", "action a mener", "actions a mener", "actions a entreprendre",
        "action a entreprendre", "actions a prendre", "actions a realiser", "actions prevues",
        "actions convenues", "actions retenues", "actions prioritaires", "actions cles",
        "actions de suivi", "action de suivi", "actions proposees", "action proposee",
        "point d'action", "points d'action", "point d'actions", "points d'actions",
        "point des actions", "plan d'action", "action items", "action item", "action points",
        "action point", "actions points", "taches", "tache", "taches a realiser",
        "activite", "activites", "activites prevues", "activites a mener",
        "activites a realiser", "activites planifiees", "quoi", "what", "mesure", "mesures",
        "mesures a prendre", "engagement", "engagements", "next steps", "next step",
        "prochaines etapes", "etapes suivantes", "suite a donner", "suites a donner",
        "actions / recommandations", "tasks", "task", "activities", "activity",
        "agreed actions", "follow-up actions", "follow up actions", "to do",
    ),
    Role.RECOMMENDATION: (
        "recommandation", "recommandations", "recommendation", "recommendations",
        "decision", "decisions", "decisions prises", "decision prise", "resolution",
        "resolutions", "conclusion", "conclusions", "points de decision", "point de decision",
        "recommandations / decisions", "decisions / recommandations", "agreements",
        "agreed", "decisions and actions",
    ),
    Role.OWNERS: (
        "responsable", "responsables", "responsable(s)", "resp", "qui", "who",
        "qui fait quoi", "owner", "owners", "porteur", "porteurs", "point focal",
        "points focaux", "focal point", "focal points", "lead", "leads", "acteur", "acteurs",
        "acteurs concernes", "structure", "structures", "structure responsable",
        "structures responsables", "structure chargee", "structures chargees",
        "entite responsable", "entites responsables", "entite", "entites",
        "personne responsable", "personnes responsables", "en charge", "charge",
        "charge de", "responsible", "responsibility", "responsable de la mise en oeuvre",
        "responsable du suivi", "partenaire", "partenaires", "partenaire responsable",
        "organisation responsable", "agence responsable", "by whom", "action by",
        "responsable/structure", "qui fait", "chef de file", "organisation", "organisations",
        "agence", "agences", "institution", "institutions", "organisme", "organismes",
    ),
    Role.DEADLINE: (
        "echeance", "echeances", "echeancier", "echeanciers", "delai", "delais",
        "date limite", "dates limites", "date butoir", "date d'echeance", "date prevue",
        "dates prevues", "date", "dates", "deadline", "deadlines", "due date", "due",
        "quand", "when", "periode", "periode de realisation", "periode d'execution",
        "calendrier", "timeline", "timeframe", "time frame", "chronogramme",
        "date de realisation", "delai d'execution", "delai de realisation", "by when",
        "date de mise en oeuvre", "horizon", "duree",
    ),
    Role.STATUS: (
        "statut", "statuts", "status", "etat", "etat d'avancement", "etat de mise en oeuvre",
        "etat d'execution", "niveau d'execution", "niveau de realisation",
        "niveau d'avancement", "niveau de mise en oeuvre", "avancement", "progres",
        "progress", "situation", "realise", "realisation", "taux de realisation",
        "point de situation", "mise en oeuvre", "suivi",
    ),
    Role.TOPIC: (
        "theme", "themes", "thematique", "thematiques", "sujet", "sujets", "point",
        "points", "point discute", "points discutes", "point de l'ordre du jour",
        "points de l'ordre du jour", "points d'ordre du jour", "point d'ordre du jour",
        "ordre du jour", "agenda", "agenda item", "agenda items", "item", "items", "topic",
        "topics", "rubrique", "domaine", "probleme", "problemes", "constat", "constats",
    ),
    Role.NUMBER: ("n", "no", "n°", "num", "numero", "#", "nr", "ordre", "n° d'ordre"),
    Role.CONTEXT: (
        "contexte", "commentaire", "commentaires", "comment", "comments", "observation",
        "observations", "remarque", "remarques", "discussion", "discussions",
        "informations", "information", "resultat", "resultats", "constat", "constats",
        "problemes", "probleme",
        "difficultes", "defis", "challenges", "gaps", "lacunes", "justification",
        "resume des discussions", "resume", "points saillants", "heure", "heures",
        "horaire", "horaires", "time", "intervenant", "intervenants", "facilitateur",
        "presentateur", "moderateur",
        "priorite", "priorites", "niveau", "indicateur", "indicateurs", "notes", "note",
        "source", "sources", "secteur", "secteurs", "cluster", "besoins", "besoin",
        "issues", "issue", "objectif", "objectifs",
        # When the action was decided (a follow-up table), not when it is due.
        "date de la reunion", "date de reunion", "reunion", "meeting date", "date of meeting",
        "date de la decision", "date de la recommandation",
    ),
    Role.PARTICIPANT: (
        "nom", "noms", "nom et prenom", "nom et prenoms", "noms et prenoms", "prenom",
        "prenoms", "nom & prenom", "prenom et nom", "name", "names", "full name",
        "participant", "participants", "fonction", "fonctions", "titre", "title",
        "poste", "position", "designation", "e-mail", "email", "mail", "adresse e-mail",
        "adresse email", "courriel", "telephone", "tel", "tel.", "contact", "contacts",
        "numero de telephone", "phone", "signature", "emargement", "sexe", "genre",
    ),
    Role.PLACE: (
        "region", "regions", "cercle", "cercles", "commune", "communes", "localite",
        "localites", "lieu", "lieux", "site", "sites", "zone", "zones", "village",
        "villages", "district", "province", "departement", "ou", "where", "location",
        "admin1", "admin2", "admin3", "zone d'intervention", "zones d'intervention",
    ),
    Role.FIGURE: (
        "beneficiaires", "nombre de beneficiaires", "menages", "personnes", "cible",
        "cibles", "personnes ciblees", "personnes atteintes", "atteints", "montant",
        "budget", "cout", "couts", "total", "nombre", "effectif", "pourcentage", "%",
        "quantite", "unite", "valeur", "target", "reached", "usd", "fcfa", "financement",
    ),
}  # fmt: skip

# "Responsable / Échéance", "Action et responsable": one cell, two roles.
_JOIN_RE = re.compile(r"\s*(?:/|&|\+|\bet\b|\band\b)\s*")
_NOISE_RE = re.compile(r"\([^()]{0,40}\)|[*_:.?!\[\]]|^[-•▪–—\s]+")
_MAX_CELL = 80

_PHRASES: dict[str, Role] = {
    phrase: role for role, phrases in _FAMILIES.items() for phrase in phrases
}
_WORDS = frozenset(word for phrase in _PHRASES for word in phrase.split() if len(word) >= 6)
_BY_LENGTH = sorted(_PHRASES, key=len, reverse=True)


@lru_cache(maxsize=4096)
def header_role(cell: str) -> Role | None:
    """The role a header cell names, or None when it is not a header word."""
    first, _, rest = cell.strip().partition("\n")
    if rest.strip():  # a title and a note below it ("(à compléter)"): the title says it
        return header_role(first) or header_role(" ".join(cell.split()))
    folded = fold(_NOISE_RE.sub(" ", cell))
    if not folded or len(folded) > _MAX_CELL:
        return None
    parts = [part for part in _JOIN_RE.split(folded) if part and part != folded]
    roles = [role for part in parts if (role := _role(part)) is not None]
    # Two roles in one cell: the action wins ("Discussions et actions" holds the actions),
    # else the first ("Responsable / Échéance" is the owners).
    for wanted in (Role.DESCRIPTION, Role.RECOMMENDATION):
        if wanted in roles:
            return wanted
    role = _role(folded)
    if role is not None:
        return role
    return roles[0] if roles else None


def _role(text: str) -> Role | None:
    fixed = " ".join(_fix(word) for word in text.split())
    for candidate in (text, fixed):
        if candidate in _PHRASES:
            return _PHRASES[candidate]
        # A header names its role by its leading words: "Responsable du suivi et de la
        # mise en œuvre", "Date de réalisation prévue".
        for phrase in _BY_LENGTH:
            if candidate.startswith(phrase) and candidate[len(phrase) : len(phrase) + 1] in (
                " ",
                "/",
                "(",
                "-",
                ",",
            ):
                return _PHRASES[phrase]
    return None


def _fix(word: str) -> str:
    """One typing error forgiven in a long header word ("responsabel", "echeace")."""
    if len(word) < 6 or word in _WORDS:
        return word
    from rapidfuzz.distance import OSA  # loaded by the first document read, not at start

    for known in _WORDS:
        if abs(len(known) - len(word)) <= 1 and OSA.distance(word, known, score_cutoff=1) <= 1:
            return known
    return word


def is_header_word(cell: str) -> bool:
    return header_role(cell) is not None
