"""Whether a text starts as an order: "Finaliser la liste ...", "Organize a workshop ...".

Actions are written as orders, in French with an infinitive and in English with an
imperative; the prose around them rarely is. Pure."""

from __future__ import annotations

import re

__all__ = ["ENGLISH_VERB_RE", "INFINITIVE_RE", "starts_with_order"]

# An infinitive, not one of the nouns and words that end as one.
INFINITIVE_RE = re.compile(
    r"^(?!(?:Premier|Dernier|Janvier|F[ée]vrier|Septembre|Octobre|Novembre|D[ée]cembre|"
    r"Centre|Notre|Votre|Entre|Autre|Lettre|Membre|Cadre|Nombre|Ordre|Titre|Chiffre|"
    r"Livre|Dossier|Quartier|Atelier|Papier|Calendrier|M[ée]tier|Pilier|Fichier|Chantier|"
    r"Hier|Cahier|Pouvoir|Devoir|Avoir|Savoir|Espoir|Soir|Matin|Loyer|Foyer|"
    r"Contre|Outre|Mer|"
    # English nouns that end as a French infinitive.
    r"Cluster|Shelter|Water|Partner|Member|Number|Order|Other|After|Under|Officer|Manager|"
    r"Leader|Center|Centre|Poster|Paper|Letter|Register|Chapter|Winter|Summer|Quarter|"
    r"Power|Tower|Newsletter|Folder|Provider|Donor|Either|Neither|Together|Whether|Later|"
    r"Sector|Answer|Matter|Border|Customer|Teacher|Worker|Speaker|Driver)\b)"
    r"[A-ZÀ-Ý][a-zà-ÿ]{2,}(?:er|ir|re|oir)\b"
)
ENGLISH_VERB_RE = re.compile(
    r"^(?:urgently\s+)?(?:write|post|organi[sz]e|send|share|prepare|develop|update|review|"
    r"submit|follow|conduct|present|finali[sz]e|draft|circulate|contact|ensure|provide|"
    r"facilitate|coordinate|map|collect|compile|identify|schedule|hold|set up|establish|"
    r"engage|support|complete|validate|agree|check|confirm|revise|translate|distribute)\b",
    re.IGNORECASE,
)


def starts_with_order(text: str) -> bool:
    text = text.lstrip(" -•▪◦‣·*\t")
    return INFINITIVE_RE.match(text) is not None or ENGLISH_VERB_RE.match(text) is not None
