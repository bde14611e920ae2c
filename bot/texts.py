"""Every French sentence a user reads. HTML parse mode: `{}` slots take escaped text only."""

from __future__ import annotations

from storage.models import Status


def plural(count: int, singular: str, plural: str | None = None) -> str:
    """ "1 jour", "4 jours": French takes the singular for 0 and 1."""
    return f"{count} {singular if count <= 1 else plural or singular + 's'}"


def of(name: str, *, bold: bool = False) -> str:
    """French "de", elided before a vowel: "d'OCHA", "d'UNICEF", "de PNUD" (with `bold`,
    "d'<b>OCHA</b>")."""
    first = name[:1].casefold()
    shown = f"<b>{name}</b>" if bold else name
    return f"d'{shown}" if first and first in "aeiouyàâéèêîôû" else f"de {shown}"


def cluster_named(name: str, *, article: str = "le", bold: bool = False) -> str:
    """ "le cluster Santé", but "le Cluster Protection (CP)": never "le cluster Cluster".
    `article` is "le", "du" or "au"."""
    shown = f"<b>{name}</b>" if bold else name
    if name.casefold().startswith("cluster"):
        return f"{article} {shown}"
    return f"{article} cluster {shown}"


STATUS_LABEL = {
    Status.TODO: "À faire",
    Status.IN_PROGRESS: "En cours",
    Status.BLOCKED: "Bloqué",
    Status.DONE: "Fait",
    Status.CANCELLED: "Annulé",
}
STATUS_ICON = {
    Status.TODO: "⏳",
    Status.IN_PROGRESS: "🔄",
    Status.BLOCKED: "⛔",
    Status.DONE: "✅",
    Status.CANCELLED: "✖️",
}

BUTTON_DONE = "✅ Fait"
BUTTON_IN_PROGRESS = "🔄 En cours"
BUTTON_BLOCKED = "⛔ Bloqué"
BUTTON_POSTPONE = "📅 Reporter"
BUTTON_CANCEL = "✖️ Annuler"
BUTTON_COMMENT = "💬 Commenter"
BUTTON_EDIT_DESCRIPTION = "✏️ Texte"
BUTTON_EDIT_OWNERS = "👥 Responsables"
BUTTON_LINK = "🔗 Relier « {} »"
BUTTON_CONFIRM_CANCEL = "✖️ Oui, annuler l'action"
BUTTON_KEEP = "↩️ Non, la garder"
BUTTON_PREVIOUS = "◀️ Précédent"
BUTTON_NEXT = "Suivant ▶️"
BUTTON_KEEP_AS_TYPED = "Garder « {} » tel quel"
BUTTON_UNDATED_YES = "Oui, sans date"
BUTTON_UNDATED_NO = "Non, je donne une date"
BUTTON_VALIDATE_OWNERS = "✔️ Valider ({count})"

HELP = """<b>Relance</b> suit les actions décidées en réunion et relance leurs responsables.

<b>Consulter</b>
/actions — les actions ouvertes (en retard d'abord)
/retards — les actions en retard
/mesactions — les actions de mon organisation
/voir 12 — la fiche de l'action n° 12 et son historique
/membres — les organisations du cluster et leurs points focaux
/presences — qui est présent à la réunion du jour (✋ pour vous noter)
/reunion — la prochaine réunion ; /ordre_du_jour — son ordre du jour
/reunions — les réunions du cluster ; /decisions — ce qu'elles ont décidé
/echeances — réunion, échéances et actions des 30 prochains jours
/suivi — le suivi des actions des réunions précédentes, à présenter à la prochaine

<b>Mettre à jour</b> (les boutons sous chaque action font la même chose)
/fait 12 · /encours 12 · /bloque 12
Action de plusieurs organisations : chacune signale sa part ; /fait 12 tous la clôt pour toutes (coordinateurs)
/reporter 12 fin du mois
/commenter 12 Rapport envoyé à OCHA
/annuler 12 (coordinateurs)

<b>Coordinateurs</b>
/action Rédiger une note sur la situation de protection — OCHA, CCP — vendredi prochain
/action seul : je pose les questions une à une
/importer — coller le tableau des actions d'un compte rendu, ou envoyer le .docx
/reunion jeudi 14h30 bureau du PNUD — fixer ou déplacer la prochaine réunion
/ordre_du_jour 1. Suivi des actions… — son ordre du jour, un point par ligne
/decision Le cluster valide le plan — noter une décision de la réunion
/revue — en réunion, passer en revue une à une les actions des réunions précédentes
/echeance Soumission des projets OPS — fin du mois : ajouter une échéance au calendrier du cluster
/parametres — quand partent les rappels
/present OIM, HCR · /excuse UNICEF — noter les présents et les excusés de la réunion du jour
/vote Quels indicateurs ? 3 sur 9 — A — B — C — un vote ; 🔒 le clôt et garde le résultat
/inviter OCHA Gerson Brandao — un lien d'invitation pour un point focal
/retirer Gerson Brandao — retirer quelqu'un du cluster (ou annuler son invitation)
/organisation SIGLE Nom complet — ajouter une organisation
/cluster Cluster Protection (CP) — faire de ce groupe un cluster (administrateurs)

/annuler seul quitte une saisie en cours."""

START = (
    "Bonjour ! Je suis <b>Relance</b> : je garde la trace des actions décidées dans les "
    "réunions de coordination, je rappelle leurs échéances aux points focaux et je réponds "
    "à « qu'est-ce qui est ouvert, en retard, à moi ? ».\n\n"
    "Pour recevoir les rappels de votre organisation, demandez au coordinateur de votre "
    "cluster un lien d'invitation (/inviter) et ouvrez-le.\n"
    "/aide donne toutes les commandes."
)
START_KNOWN = "Bonjour {name} ! Vous êtes bien enregistré(e). /mesactions montre vos actions, /aide toutes les commandes."
WELCOME = (
    "Bienvenue {name} ! Vous êtes désormais point focal {of_org} dans {cluster}.\n\n"
    "Je vous enverrai ici, en privé, les rappels des actions confiées à {org} avant leur "
    "échéance et quand elles sont en retard, ainsi que les rappels des réunions. Un bouton "
    "suffit pour répondre « Fait » ou « En cours ».\n\n"
    "/mesactions montre dès maintenant les actions {of_org}."
)
INVITATION_UNKNOWN = (
    "Ce lien d'invitation n'est pas valable. Demandez un nouveau lien au coordinateur du cluster."
)
INVITATION_WITHDRAWN = (
    "Vous avez été retiré(e) de ce cluster par un coordinateur : ce lien ne vous y ramène pas. "
    "Si c'est une erreur, demandez un nouveau lien au coordinateur."
)
INVITATION_OWN_LINK = (
    "Ce lien est celui de <b>{name}</b> : transférez-lui ce message tel quel. Je ne l'ai pas "
    "utilisé, il reste valable pour cette personne."
)
INVITATION_USED = (
    "Ce lien d'invitation a déjà été utilisé par quelqu'un d'autre. Chaque lien ne sert qu'une "
    "fois : demandez-en un nouveau au coordinateur."
)

GROUP_ONLY = "Cette commande s'utilise dans le groupe du cluster."
NOT_A_CLUSTER = (
    "Ce groupe n'est pas encore un cluster. Un administrateur du groupe tape par exemple :\n"
    "/cluster Cluster Protection (CP)"
)
CLUSTER_USAGE = "Donnez le nom du cluster, par exemple :\n/cluster Cluster Protection (CP)"
CLUSTER_ADMIN_ONLY = "Seul un administrateur de ce groupe peut en faire un cluster ou le renommer."
CLUSTER_CREATED = (
    "Ce groupe est désormais le cluster <b>{name}</b>. Ses administrateurs en sont les "
    "coordinateurs.\nProchaines étapes : /inviter pour les points focaux, /action pour "
    "enregistrer une action, /aide pour tout le reste."
)
CLUSTER_RENAMED = "Le cluster s'appelle désormais <b>{name}</b>."
TOO_LONG_NAME = "Ce nom est trop long ({max} caractères au plus)."

COORDINATOR_ONLY = (
    "Seuls les coordinateurs du cluster (les administrateurs du groupe) peuvent le faire."
)
CANCELLED_COORDINATORS_ONLY = (
    "L'action n° {id} est annulée : seuls les coordinateurs du cluster (les administrateurs "
    "du groupe) peuvent la rouvrir ou changer son statut."
)
MEMBERS_ONLY = (
    "Seuls les membres du cluster (points focaux invités et coordinateurs) peuvent le faire. "
    "Demandez un lien d'invitation au coordinateur du cluster."
)
OWNER_OR_COORDINATOR_ONLY = (
    "Seuls les points focaux des responsables de l'action n° {id} ({owners}) et les "
    "coordinateurs du cluster peuvent la mettre à jour."
)
NO_CLUSTER_PRIVATE = (
    "Vous ne faites encore partie d'aucun cluster. Demandez un lien d'invitation au "
    "coordinateur de votre cluster."
)
NOT_COORDINATOR_ANYWHERE = (
    "Vous ne coordonnez aucun cluster. Les actions s'enregistrent par les coordinateurs, "
    "dans le groupe du cluster ou ici."
)
CHOOSE_CLUSTER = "Pour quel cluster ?"

INVITE_USAGE = (
    "Indiquez l'organisation puis le nom de la personne, par exemple :\n"
    "/inviter OCHA Gerson Brandao"
)
INVITE_UNKNOWN_ORG = (
    "Je ne connais pas l'organisation « {org} ». Vérifiez le sigle (par exemple PNUD, HCR, "
    "OCHA) ou ajoutez-la avec /organisation SIGLE Nom complet."
)
INVITE_AMBIGUOUS_ORG = (
    "« {org} » correspond à plusieurs organisations : {choices}. Reprenez avec le sigle exact."
)
INVITE_LINK = (
    "Invitation pour <b>{name}</b> ({org}) dans {cluster} :\n{link}\n\n"
    "Transférez ce lien à {name} par WhatsApp, SMS ou e-mail. Il ne sert qu'une fois et "
    "expire dans {days} jours : en l'ouvrant, {name} deviendra point focal {of_org} et "
    "recevra les rappels en privé."
)

ORGANISATION_USAGE = (
    "Indiquez le sigle puis le nom complet, par exemple :\n"
    "/organisation AMSS Association malienne pour la survie au Sahel"
)
ORGANISATION_EXISTS = "L'organisation {org} existe déjà."
ORGANISATION_CREATED = "Organisation <b>{org}</b> ajoutée. Vous pouvez maintenant l'inviter : /inviter {org} Prénom Nom"

ROSTER_TITLE = "<b>Membres de {cluster}</b>"
ROSTER_COORDINATORS = "Coordination : {names}"
ROSTER_NO_COORDINATOR = "Coordination : (aucun coordinateur enregistré)"
ROSTER_EMPTY = "Aucune organisation pour l'instant. Invitez les points focaux avec /inviter."
ROSTER_NO_FOCAL_POINT = "aucun point focal"
ROSTER_NOT_STARTED = "n'a pas démarré le bot : pas de rappel privé possible"
ROSTER_PENDING = "invité(e), lien pas encore ouvert"

ACTION_ASK_DESCRIPTION = "Quelle est l'action à suivre ? Décrivez-la en une phrase."
ACTION_ASK_OWNERS = (
    "Qui est responsable ? Une ou plusieurs organisations ou personnes, par exemple : OCHA, CCP"
)
ACTION_ASK_OWNERS_BUTTONS = (
    "Qui est responsable ? Touchez une ou plusieurs organisations du cluster puis « Valider », "
    "ou répondez à ce message avec un ou plusieurs noms (par exemple : OCHA, CCP)."
)
ACTION_ASK_DEADLINE = (
    "Quelle est l'échéance ? Par exemple : vendredi, dans deux semaines, fin du mois."
)
ACTION_BAD_DEADLINE = (
    "Je n'ai pas compris l'échéance « {text} ». Tapez par exemple : vendredi, "
    "dans deux semaines, fin du mois."
)
DEADLINE_NO_MEETING = (
    "« {text} » dépend de la prochaine réunion, mais aucune n'est fixée. Donnez une date, par "
    "exemple : vendredi, dans deux semaines, fin du mois."
)
ACTION_UNDATED = (
    "« {text} » ne donne pas de date. J'enregistre l'action sans échéance ? Vous pourrez la "
    "dater plus tard avec « Reporter »."
)
ACTION_AMBIGUOUS_OWNER = "« {typed} » correspond à plusieurs noms. Lequel ?"
ACTION_TOO_LONG = "La description est trop longue ({length} caractères ; {max} au plus)."
ACTION_CREATED = "Action enregistrée :"
EXCHANGE_CANCELLED = "Saisie abandonnée ({what}). Rien n'a été enregistré."
NOTHING_TO_CANCEL = "Aucune saisie en cours. Pour annuler une action : /annuler 12"
NO_QUESTION_PENDING = (
    "Je n'attends pas de réponse de votre part. /mesactions montre vos actions, /aide tout ce "
    "que je sais faire."
)
EXCHANGE_EXPIRED = "Cette question n'est plus d'actualité. Recommencez avec /action."
ACTION_UNFINISHED = "⚠️ L'action « {description} » n'est pas enregistrée : la reprendre ?"
BUTTON_RESUME = "↩️ La reprendre"
BUTTON_DROP = "🗑 L'abandonner"
UNFINISHED_DROPPED = "🗑 Saisie abandonnée : l'action « {description} » n'est pas enregistrée."
QUESTION_NOT_YOURS = (
    "Cette question est posée à quelqu'un d'autre : elle attend sa réponse, pas la vôtre."
)
REPLIED_TO_CLOSED = (
    "Ce message n'attend plus de réponse (elle a déjà été donnée, ou la question a expiré) : "
    "je n'ai rien enregistré. La question en attente est : {what}. Répondez à son message."
)
REPLIED_TO_CLOSED_NONE = (
    "Ce message n'attend plus de réponse (elle a déjà été donnée, ou la question a expiré) : "
    "je n'ai rien enregistré. /mesactions montre vos actions, /aide tout ce que je sais faire."
)
ANSWER_TAKEN_FOR = (
    "↪️ Je prends ce message comme réponse à : {what}. Pour répondre à une autre question, "
    "répondez directement à son message."
)
# Which question a plain message answered.
ABOUT_NEW_ACTION = "la nouvelle action"
ABOUT_ACTION = "l'action « {description} »"
ABOUT_FIELD = {
    "comment": "votre commentaire sur l'action n° {id}",
    "deadline": "la nouvelle échéance de l'action n° {id}",
    "description": "le nouveau texte de l'action n° {id}",
    "owners": "les nouveaux responsables de l'action n° {id}",
}
ABOUT_IMPORT_WAIT = "l'import (le tableau des actions attendu)"
ABOUT_IMPORT = "l'import en attente de votre décision"
ABOUT_IMPORT_FIX = "la correction de la ligne {line} de l'import"
ABOUT_LINK = "le nom « {label} » à relier"
ABOUT_MEETING = {
    "date": "la nouvelle date de la réunion",
    "agenda": "l'ordre du jour de la réunion",
}
# The last line of a question says how to answer it; in a group it names the person.
ASK_ADDRESSED = "{mention}\n{question}"
ANONYMOUS_ADDRESSEE = "<i>Administrateurs anonymes du groupe</i>"
HOW_TEXT_GROUP = "<i>↩️ Répondez à ce message (ou /annuler pour abandonner).</i>"
HOW_TEXT_PRIVATE = "<i>✍️ Écrivez votre réponse (ou /annuler pour abandonner).</i>"
HOW_BUTTONS = "<i>👇 Touchez un bouton (ou /annuler pour abandonner).</i>"
UNKNOWN_COMMAND = "Je ne connais pas la commande {command}. /aide liste toutes les commandes."

NUMBER_USAGE = "Indiquez le numéro de l'action, par exemple : /{command} 12"
NUMBER_BAD = "« {text} » n'est pas un numéro d'action. Exemple : /{command} 12"
ACTION_NOT_FOUND = "Je ne trouve pas d'action n° {id} ici. /actions liste les actions ouvertes."
POSTPONE_ASK = "Nouvelle échéance pour l'action n° {id} ? Par exemple : vendredi prochain, dans deux semaines, fin du mois."
COMMENT_ASK = "Votre commentaire sur l'action n° {id} :"
COMMENT_ADDED = "Commentaire ajouté à l'action n° {id}."
COMMENT_TOO_LONG = "Ce commentaire est trop long ({length} caractères ; {max} au plus)."
DESCRIPTION_ASK = "Nouveau texte de l'action n° {id} :"
OWNERS_ASK = "Nouveaux responsables de l'action n° {id} (par exemple : OCHA, NRC) :"
CANCEL_CONFIRM = "Annuler l'action n° {id} ? Elle ne sera plus suivie ni rappelée."
STALE_BUTTON = "Cette action a changé depuis ce message (statut : {status}). Voici la fiche à jour."
ALREADY_STATUS = "L'action n° {id} est déjà « {status} »."
# A typed status command that lost, several times over, to changes made at the same instant.
CHANGED_MEANWHILE = (
    "L'action n° {id} a été modifiée au même moment par quelqu'un d'autre (elle est "
    "maintenant « {status} ») : rien n'a été changé. Renvoyez la commande si besoin."
)
UPDATED = "Action n° {id} : {status}."

LIST_OPEN_TITLE = "<b>Actions ouvertes</b> — {scope}"
LIST_LATE_TITLE = "<b>Actions en retard</b> — {scope}"
LIST_MINE_TITLE = "<b>Actions {of_who}</b> — {scope}"
LIST_EMPTY_OPEN = "Aucune action ouverte. 🎉"
LIST_EMPTY_LATE = "Aucune action en retard. 🎉"
LIST_EMPTY_MINE = "Aucune action ouverte pour vous."
LIST_PAGE = "Page {page}/{pages} · {actions}"
LIST_HINT = "Fiche et boutons : /voir <numéro>"
MINE_NO_ORGANISATION = (
    "Vous n'êtes rattaché(e) à aucune organisation : demandez au coordinateur un lien "
    "d'invitation (/inviter)."
)
ALL_CLUSTERS = "tous vos clusters"

CARD_TITLE = "<b>Action n° {id}</b> · {cluster}"
CARD_OWNERS = "👥 Responsables : {owners}"
CARD_DEADLINE = "📅 Échéance : {deadline}"
CARD_STATUS = "📌 Statut : {icon} {status}"
CARD_TRUNCATED = "… [texte complet dans /voir {id}]"
# --- issue 9, messages Telegram accepts
STORED_BUT_UNSENT = (
    "Désolé, je n'ai pas pu envoyer la fiche, mais l'action n° {id} est enregistrée, à jour : "
    "inutile de recommencer. /voir {id} la montre."
)
# --- end issue 9, messages Telegram accepts
UNKNOWN_OWNER = "{label} ❓"
UNKNOWN_OWNER_NOTE = "❓ nom inconnu du bot : gardé tel quel"
NO_OWNER = "(aucun)"
MORE_OWNERS = "et {count} autre(s)"
OWNERS_LIST_CHANGED = (
    "Cette liste a changé depuis : touchez les organisations sur le dernier message de la question."
)
UNDATED = "sans date"
MEETING_DEADLINE = "avant la prochaine réunion"
LATE_SUFFIX = " — ⚠️ en retard de {days}"
DUE_TODAY = " — aujourd'hui"
HISTORY_TITLE = "<b>Historique</b>"
HISTORY_OLDER = "… et {older}"
EVENT_CREATED = "créée"
EVENT_STATUS = "statut : {old} → {new}"
EVENT_DEADLINE = "échéance : {new}"
EVENT_OWNERS = "responsables : {old} → {new}"
EVENT_DESCRIPTION = "texte modifié"
EVENT_COMMENT = "💬 {text}"

ANONYMOUS_ADMIN = "administrateur anonyme de {group}"
IMPORT_ASK = (
    "Collez ici le tableau des actions (copié de Word, Excel ou d'un e-mail), ou envoyez le "
    "compte rendu en fichier Word (.docx) ou PDF.\n"
    "Une action par ligne, par exemple :\n"
    "<code>Réviser les chiffres — Coordinateur CRP — vendredi prochain</code>\n"
    "ou en colonnes : Description | Responsable | Échéance"
)
IMPORT_NO_TABLE = (
    "Je ne trouve pas de tableau d'actions dans ce texte. Une action par ligne, par exemple :\n"
    "<code>Réviser les chiffres — Coordinateur CRP — vendredi prochain</code>\n"
    "ou des colonnes séparées par des tabulations ou des | : Description | Responsable | Échéance"
)
IMPORT_NOT_DOCX = (
    "Je lis les comptes rendus au format Word (.docx) ou PDF. Enregistrez le document en .docx "
    "ou en PDF, ou collez directement le tableau des actions."
)
IMPORT_CORRUPT = (
    "Ce fichier {kind} est illisible (abîmé ou incomplet). Renvoyez-le, ou collez le tableau."
)
IMPORT_NO_ACTION_TABLE = (
    "Ce document ne contient pas de tableau d'actions (colonnes Description ou Action, "
    "Responsable, Échéance). Collez le tableau si sa forme est différente."
)
IMPORT_DOWNLOAD_FAILED = (
    "Je n'ai pas pu récupérer ce fichier auprès de Telegram (trop lourd ou expiré). Renvoyez-le "
    "en moins de 5 Mo, ou collez le tableau des actions."
)
IMPORT_TOO_BIG = (
    "Ce fichier dépasse 5 Mo. Envoyez le compte rendu sans images, ou collez le tableau."
)
IMPORT_TITLE = "<b>Import : {actions} pour {cluster}</b>"
IMPORT_SUMMARY_ATTENTION = "⚠️ {count} à vérifier"
IMPORT_SUMMARY_DUPLICATES = "♻️ {count} déjà enregistrée(s), non recréée(s)"
IMPORT_ROW_DUPLICATE = "♻️ déjà enregistrée (n° {id}) : ne sera pas recréée"
IMPORT_UNKNOWN = "« {text} » inconnu : gardé tel quel"
IMPORT_AMBIGUOUS = "« {text} » : plusieurs correspondances ({choices}), gardé tel quel"
IMPORT_NO_OWNER = (
    "aucun responsable : sera confiée à la coordination du cluster (✏️ pour en désigner un)"
)
IMPORT_DECISION = (
    "🗳 décision ou recommandation sans responsable : à confirmer, sera confiée à la "
    "coordination du cluster (✏️ pour en désigner un)"
)
COORDINATION_OWNER = "Coordination du cluster"
IMPORT_SUGGESTED = "date écrite dans le texte : « {text} » (💡 ci-dessous pour la prendre)"
IMPORT_ROW_STATUS = "📌 statut dans le compte rendu : {status}"
IMPORT_ROW_CONTEXT = "💬 {context}"
IMPORT_CONTEXT_COMMENT = "Contexte (compte rendu) : {context}"
IMPORT_SCANNED = (
    "Ce PDF ne contient pas de texte (un document scanné) : je ne peux pas le lire. Envoyez le "
    "compte rendu en Word (.docx) ou en PDF avec du texte, ou collez le tableau des actions."
)
IMPORT_BAD_DEADLINE = "échéance « {text} » illisible : enregistrée sans date"
IMPORT_NO_DEADLINES = (
    "📅 Aucune échéance dans ce tableau : les actions seront enregistrées sans date, sauf si "
    "vous leur en donnez une avec les boutons 📅 ou ✍️ ci-dessous."
)
IMPORT_NO_DEADLINE = "pas d'échéance : enregistrée sans date"
IMPORT_UNDATED = "« {text} » : enregistrée sans date"
IMPORT_NO_MEETING = "« {text} » : aucune prochaine réunion fixée, enregistrée sans date"
IMPORT_HELD_ON = "🗓 Réunion du {day} : les échéances sont lues à cette date."
IMPORT_HELD_ON_UNKNOWN = (
    "🗓 Date de la réunion non trouvée : les échéances sont lues à aujourd'hui (🗓 pour la donner)."
)
IMPORT_PARTICIPANTS = "👥 {count} participant(s) dans la liste de présence"
IMPORT_PARTICIPANTS_OUTSIDE = "({count} organisation(s) hors du cluster)"
IMPORT_UNDATED_TO_MEETING = "📅 Sans échéance ({count}) → prochaine réunion"
IMPORT_UNDATED_TO_DATE = "✍️ Une date pour les {count} sans échéance"
IMPORT_TAKE_SUGGESTED = "💡 Prendre les dates écrites ({count})"
IMPORT_HELD_ON_BUTTON = "🗓 Date de la réunion"
IMPORT_ADD_ORGANISATIONS = "➕ Au cluster : {names}"
IMPORT_INVITE = "✉️ Liens d'invitation ({count})"
IMPORT_FIX_DESCRIPTION = "📝 Le texte"
IMPORT_FIX_OWNERS = "👥 Les responsables"
IMPORT_FIX_DEADLINE = "📅 L'échéance"
IMPORT_FIX_BACK = "↩️ Retour à l'aperçu"
IMPORT_FIX_ASK_PART = {
    "description": "Ligne {line} : le nouveau texte de l'action ?\nActuellement : {current}",
    "owners": (
        "Ligne {line} : les responsables, séparés par des virgules (par exemple : OCHA, "
        "CCP) ?\nActuellement : {current}"
    ),
    "deadline": (
        "Ligne {line} : l'échéance (par exemple : dans deux semaines, fin du mois, avant la "
        "prochaine réunion) ?\nActuellement : {current}"
    ),
}
IMPORT_FIX_TOO_LONG = (
    "Ce texte est trop long ({length} caractères ; {max} au plus) : répondez avec un texte "
    "plus court, les détails pourront aller en commentaire après l'import."
)
IMPORT_ASK_UNDATED_DATE = (
    "Quelle échéance pour les {count} actions sans date ? Par exemple : fin du mois, "
    "dans deux semaines, avant la prochaine réunion."
)
IMPORT_ASK_HELD_ON = (
    "Quelle est la date de la réunion de ce compte rendu ? Par exemple : 4 avril 2017, hier, "
    "lundi dernier. Les échéances (« vendredi prochain ») sont lues à partir de ce jour."
)
IMPORT_BAD_DATE = "« {text} » n'est pas une date que je sais lire. {ask}"
IMPORT_HELD_ON_FUTURE = (
    "Le {day} n'est pas encore passé : donnez la date à laquelle la réunion s'est tenue."
)
IMPORT_NO_NEXT_MEETING = (
    "Aucune prochaine réunion n'est fixée : fixez-la avec /reunion, ou touchez ✍️ pour "
    "donner une date."
)
IMPORT_ORGANISATIONS_ADDED = "➕ Ajoutées au cluster : {names}."
IMPORT_INVITATION = (
    "Invitation pour <b>{name}</b> ({org}), {cluster} : transférez-lui ce message.\n"
    "Ouvrez ce lien pour recevoir les rappels de vos actions : {link}"
)
IMPORT_INVITATIONS_SENT = "✉️ {count} lien(s) d'invitation envoyé(s) en privé, prêts à transférer."
IMPORT_INVITATIONS_PRIVATE = (
    "Je ne peux pas vous écrire en privé : ouvrez une conversation avec moi (/start), puis "
    "touchez de nouveau ✉️."
)
IMPORT_ATTENDANCE = "👥 Présence enregistrée pour la réunion du {day} : {count} participant(s)."
IMPORT_ATTENDANCE_NO_DAY = (
    "👥 Présence non enregistrée : la date de la réunion n'est pas connue (🗓 dans l'aperçu)."
)
IMPORT_PAGE = "Page {page}/{pages} · touchez ✏️ N pour corriger la ligne N"
IMPORT_CREATE = "✅ Tout créer ({count})"
IMPORT_CANCEL = "✖️ Annuler l'import"
IMPORT_SET_MEETING = "📅 Prochaine réunion : {when}"
IMPORT_CREATED = "✅ {count} actions créées : n° {first} à {last}."
IMPORT_SEE_THEM = "/actions pour les voir."
IMPORT_CREATED_ONE = "✅ 1 action créée : n° {first}."
IMPORT_NOTHING_TO_CREATE = "Toutes ces actions sont déjà enregistrées : rien de nouveau à créer."
IMPORT_SKIPPED = "{count} doublon(s) ignoré(s)."
IMPORT_CANCELLED = "Import annulé. Rien n'a été enregistré."
IMPORT_EXPIRED = "Cet import n'est plus en cours. Recommencez avec /importer."
IMPORT_FIX_ASK = (
    "Ligne {line} : touchez ce qui est à changer, ou répondez à ce message avec la ligne "
    "corrigée, sous la forme\n<code>description — responsables — échéance</code>\n"
    "Actuellement : {current}"
)
IMPORT_MEETING_SET = "Prochaine réunion fixée : {when}. Les échéances qui en dépendent suivent."
IMPORT_WAITING = "Un import attend votre décision : touchez ✅ Tout créer, ✏️ pour corriger une ligne, ou ✖️ Annuler."
IMPORT_CHOOSE_GROUP = "Envoyez /importer dans le groupe du cluster concerné."
LINK_ASK = (
    "« {label} » désigne quelle organisation ou quelle personne ? Touchez une organisation du "
    "cluster, ou répondez avec son sigle ou son nom (par exemple : DNDS)."
)
LINK_ASK_TYPED = (
    "« {label} » désigne quelle organisation ou quelle personne ? Répondez avec son sigle ou "
    "son nom (par exemple : DNDS)."
)
LINK_NOT_FOUND = (
    "Je ne trouve pas « {typed} ». Vérifiez le sigle, ou ajoutez l'organisation avec "
    "/organisation SIGLE Nom complet, puis réessayez."
)
LINK_AMBIGUOUS = "« {typed} » correspond à plusieurs noms ({choices}) : soyez plus précis."
LINK_DONE = "« {label} » est désormais relié à {owner} : {actions} à jour. Je le reconnaîtrai la prochaine fois."
LINK_NOTHING = "« {label} » n'apparaît plus comme nom inconnu dans ce cluster."
EDITED_IGNORED = "Je ne tiens pas compte des messages modifiés : renvoyez la commande corrigée."
ERROR = (
    "Désolé, une erreur m'a empêché de répondre. Rien n'a été enregistré à moitié ; "
    "réessayez dans un instant."
)
DATABASE_BUSY = (
    "La base de données est occupée par un autre programme (une sauvegarde ?) : rien n'a "
    "été enregistré. Réessayez dans une minute."
)
UNKNOWN_BUTTON = "Ce bouton n'est plus valable."
EMPTY_TEXT = "Le texte est vide : écrivez quelque chose."

COMMANDS_ALL = [
    ("actions", "Actions ouvertes"),
    ("retards", "Actions en retard"),
    ("mesactions", "Actions de mon organisation"),
    ("voir", "Fiche d'une action : /voir 12"),
    ("fait", "Marquer une action (ou sa part) faite : /fait 12"),
    ("encours", "Marquer une action en cours : /encours 12"),
    ("bloque", "Signaler une action bloquée : /bloque 12"),
    ("reporter", "Changer l'échéance : /reporter 12 fin du mois"),
    ("commenter", "Commenter : /commenter 12 texte"),
    ("membres", "Organisations et points focaux"),
    ("reunion", "La prochaine réunion"),
    ("ordre_du_jour", "L'ordre du jour de la prochaine réunion"),
    ("echeances", "Réunion, échéances et actions des 30 prochains jours"),
    ("suivi", "Le suivi des actions à la prochaine réunion"),
    ("presences", "Présences à la réunion du jour"),
    ("aide", "Toutes les commandes"),
]
COMMANDS_COORDINATORS = [
    ("action", "Enregistrer une action"),
    ("importer", "Importer le tableau d'actions d'un compte rendu"),
    ("echeance", "Ajouter une échéance : /echeance Titre — fin du mois"),
    ("revue", "Passer en revue les actions des réunions précédentes"),
    ("parametres", "Régler les rappels du cluster"),
    ("annuler", "Annuler une action ou une saisie"),
    ("inviter", "Inviter un point focal : /inviter OCHA Nom"),
    ("organisation", "Ajouter une organisation"),
    ("cluster", "Nommer le cluster de ce groupe"),
    ("present", "Noter présents : /present OIM, HCR"),
    ("excuse", "Noter excusés : /excuse UNICEF"),
    ("vote", "Un vote : /vote Question — option 1 — option 2"),
]


# --- Reminders (digests sent privately, notices, answers to their buttons) -----------------

DIGEST_TITLE = "🔔 <b>Vos rappels du {day}</b>"
DIGEST_TITLE_GROUP = "🔔 <b>Rappels {cluster} — {day}</b>"  # {cluster}: cluster_named
DIGEST_CONTINUED = "🔔 <b>Vos rappels (suite {part}/{parts})</b>"
DIGEST_CLUSTER = "<b>{cluster}</b>"
DIGEST_ACTION = "{icon} <b>n° {id}</b> · {description}"
# --- i9 digests: a reminder's line once answered from it, "✅ n° 5 · … — fait, 08:02" ---
DIGEST_ACTION_ANSWERED = "{icon} <b>n° {id}</b> · {description} — {status}, {time}"
DIGEST_PART_ANSWERED = "{status} pour {org}"
# --- end i9 digests ---
DIGEST_OWNERS = "Responsables : {owners}"
DIGEST_DUE_IN = "⏰ Échéance dans {days} : {deadline}"
DIGEST_DUE_TOMORROW = "⏰ Échéance demain : {deadline}"
DIGEST_DUE_TODAY = "⏰ Échéance aujourd'hui : {deadline}"
DIGEST_OVERDUE = "🔴 En retard de {days} (échéance : {deadline})"
DIGEST_ESCALATION = "⚠️ En retard de {days} : en tant que coordinateur, relancez les responsables."
DIGEST_ESCALATION_GROUP = "⚠️ En retard de {days}, et aucun coordinateur ne reçoit les rappels en privé : responsables, merci de faire le point."
DIGEST_ON_BEHALF = "ℹ️ Aucun point focal {owner} ne peut recevoir ce rappel : il vous est transmis."
DIGEST_LATE = "⌛ Rappel prévu le {when}, envoyé en retard."
DIGEST_LATE_ALL = "⌛ Rappels prévus le {when}, envoyés en retard."
DIGEST_MEETING = "📅 <b>Réunion {when_relative}</b> : {when}"
DIGEST_AGENDA = "Ordre du jour :\n{agenda}"
DIGEST_MEETING_ACTIONS = "Actions ouvertes {org} à présenter :"
DIGEST_MEETING_ACTIONS_ANYONE = "Vos actions ouvertes à présenter :"
DIGEST_MEETING_ACTION = "  • n° {id} · {description} — {deadline}"
DIGEST_MEETING_NO_ACTIONS = "Aucune action ouverte pour {org}."
DIGEST_MEETING_MORE = "  … et {count} de plus : /mesactions"
DIGEST_MILESTONE = "🎯 <b>{title}</b> {when_relative} : {when}"
DIGEST_IN_DAYS = "dans {days}"
DIGEST_TOMORROW = "demain"
DIGEST_TODAY = "aujourd'hui"
DIGEST_NOTICE = (
    "⚠️ <b>{name}</b>{org} ne reçoit pas les rappels en privé : cette personne n'a pas "
    "démarré le bot ou l'a bloqué. Ses rappels vous sont transmis en attendant ; un message "
    "l'invite dans le groupe à ouvrir {link}."
)
DIGEST_NOTICE_GROUP = (
    '<a href="tg://user?id={user_id}">{name}</a>, je ne peux pas vous écrire en privé, '
    "donc vos rappels ne vous parviennent pas. Ouvrez {link} et appuyez sur « Démarrer » "
    "(ou envoyez /start) pour les recevoir."
)
DIGEST_NOTICE_GROUP_NAMELESS = (
    "{name} ne reçoit pas les rappels en privé. Ouvrez {link} et appuyez sur « Démarrer » "
    "(ou envoyez /start) pour les recevoir."
)
DIGEST_FOOTER = "Répondez d'un bouton : ✅ fait, 🔄 en cours, 📅 reporter."
BUTTON_REMINDER_DONE = "✅ {id}"
BUTTON_REMINDER_IN_PROGRESS = "🔄 {id}"
BUTTON_REMINDER_POSTPONE = "📅 {id}"
REMINDER_ANSWERED = "n° {id} : {status}"
REMINDER_CLOSED = "L'action n° {id} est déjà {status} : rien n'a été changé."
# "l'action est déjà …": the participle agrees with "action".
CLOSED_STATUS = {Status.DONE: "faite", Status.CANCELLED: "annulée"}
REMINDER_STALE = (
    "L'action n° {id} a changé depuis ce rappel (elle est maintenant « {status} ») : "
    "rien n'a été changé. Voici sa fiche à jour."
)

# --- Planning: the next meeting, its agenda, milestones, reminder settings ------------------

PLAN_EXAMPLE_MEETING = "/reunion jeudi 14h30 bureau du PNUD"
PLAN_EXAMPLE_MILESTONE = "/echeance Soumission des projets OPS — fin du mois"

BUTTON_MEETING_MOVE = "📅 Déplacer"
BUTTON_MEETING_CANCEL = "✖️ Annuler la réunion"
BUTTON_MEETING_AGENDA = "📝 Ordre du jour"
BUTTON_MEETING_CANCEL_CONFIRM = "✖️ Oui, annuler la réunion"
BUTTON_MEETING_KEEP = "↩️ Non, la garder"
BUTTON_MILESTONE_DELETE = "🗑 Supprimer cette échéance"

MEETING_HOUR_TBC = "{day} (heure à confirmer)"
MEETING_DATE_PENDING = "date à fixer"
MEETING_AT_PLACE = "{when}, {place}"
MEETING_SET = "📅 Prochaine réunion : {meeting}"
MEETING_MOVED = "📅 <b>Réunion déplacée</b>\nAvant : {old}\nDésormais : {new}"
# --- i9 digests: the hour of a meeting already set ---
MEETING_HOUR_CONFIRMED = "📅 <b>Heure confirmée</b> : {meeting}"
# --- end i9 digests ---
MEETING_FOLLOWED_ONE = "↪️ 1 action liée à la réunion a suivi : son échéance est recalculée."
MEETING_FOLLOWED_MANY = (
    "↪️ {count} actions liées à la réunion ont suivi : leurs échéances sont recalculées."
)
MEETING_AGENDA_HINT = "📝 /ordre_du_jour pour fixer l'ordre du jour."
MEETING_TITLE = "📅 <b>Prochaine réunion — {cluster}</b>"
MEETING_NONE = "Aucune prochaine réunion n'est fixée pour {cluster}."
MEETING_NONE_HINT = (
    "Un coordinateur la fixe dans le groupe du cluster, par exemple :\n" + PLAN_EXAMPLE_MEETING
)
MEETING_PRIVATE_SET = (
    "La réunion se fixe dans le groupe du cluster, pour que tous la voient. Tapez-y par "
    "exemple :\n" + PLAN_EXAMPLE_MEETING
)
MEETING_UNREADABLE = (
    "Je ne trouve pas de date dans « {text} ». Tapez la date, l'heure puis le lieu, par "
    "exemple :\n" + PLAN_EXAMPLE_MEETING
)
MEETING_VAGUE = (
    "« {text} » ne désigne pas un jour précis. Donnez le jour de la réunion, par exemple :\n"
    + PLAN_EXAMPLE_MEETING
)
MEETING_PAST = (
    "« {text} » est déjà passé. Donnez une date à venir, par exemple :\n" + PLAN_EXAMPLE_MEETING
)
MEETING_NEEDS_HOUR = (
    "Pour une réunion aujourd'hui, précisez l'heure, par exemple :\n"
    "/reunion aujourd'hui 16h salle de réunion OCHA"
)
MEETING_DATE_FIRST = (
    "Commencez par la date et l'heure, puis le lieu, par exemple :\n" + PLAN_EXAMPLE_MEETING
)
MEETING_PLACE_TOO_LONG = "Le lieu est trop long ({length} caractères ; {max} au plus)."
MEETING_MOVE_ASK = (
    "Nouvelle date de la réunion (et le lieu s'il change) ? Par exemple : mardi 10h salle OCHA"
)
MEETING_CANCEL_CONFIRM = (
    "Annuler cette réunion ? Les actions à faire « avant la prochaine réunion » attendront "
    "la date de la suivante."
)
MEETING_CANCELLED = "✖️ Réunion annulée : {meeting}."
MEETING_WAITING_ONE = (
    "1 action liée à cette réunion attend la date de la prochaine : fixez-la avec /reunion."
)
MEETING_WAITING_MANY = (
    "{count} actions liées à cette réunion attendent la date de la prochaine : fixez-la "
    "avec /reunion."
)
MEETING_CHANGED = "Cette réunion a changé depuis ce message. Voici la prochaine réunion à jour."

AGENDA_TITLE = "<b>Ordre du jour</b>"
AGENDA_EMPTY = "Ordre du jour : pas encore fixé."
AGENDA_SET = "📝 Ordre du jour de la réunion du {meeting} :\n{agenda}"
AGENDA_ASK = (
    "Envoyez l'ordre du jour, un point par ligne, par exemple :\n"
    "1. Suivi des actions\n2. Point sur les financements\n3. Divers"
)
AGENDA_TOO_LONG = (
    "L'ordre du jour est trop long ({length} caractères ; {max} au plus) : raccourcissez-le."
)
AGENDA_NO_MEETING = (
    "Aucune prochaine réunion n'est fixée : fixez-la d'abord, par exemple\n"
    + PLAN_EXAMPLE_MEETING
    + "\npuis envoyez /ordre_du_jour."
)
AGENDA_PRIVATE_SET = (
    "L'ordre du jour se fixe dans le groupe du cluster : /ordre_du_jour suivi des points, un "
    "par ligne."
)

MILESTONE_USAGE = "Donnez l'intitulé puis la date, par exemple :\n" + PLAN_EXAMPLE_MILESTONE
MILESTONE_UNREADABLE = (
    "Je ne trouve pas de date dans « {text} ». Mettez l'intitulé, un tiret, puis la date, par "
    "exemple :\n" + PLAN_EXAMPLE_MILESTONE
)
MILESTONE_VAGUE = (
    "Une échéance du cluster a besoin d'une date précise. Par exemple :\n" + PLAN_EXAMPLE_MILESTONE
)
MILESTONE_PAST = (
    "Cette date est déjà passée. Donnez une date à venir, par exemple :\n" + PLAN_EXAMPLE_MILESTONE
)
MILESTONE_NO_TITLE = (
    "Donnez aussi l'intitulé de l'échéance, avant la date, par exemple :\n" + PLAN_EXAMPLE_MILESTONE
)
MILESTONE_TOO_LONG = "L'intitulé est trop long ({length} caractères ; {max} au plus)."
MILESTONE_CREATED = "🎯 Échéance ajoutée pour {cluster} :\n<b>{title}</b> — {when}"
MILESTONE_DELETED = "🗑 Échéance supprimée : {title} — {when}"
MILESTONE_GONE = "Cette échéance a déjà été supprimée."
MILESTONE_PRIVATE = (
    "Les échéances du cluster s'ajoutent dans son groupe, par exemple :\n" + PLAN_EXAMPLE_MILESTONE
)

CALENDAR_TITLE = "🗓 <b>Les 30 prochains jours</b> — {scope}"
CALENDAR_EMPTY = "Rien de prévu : ni réunion, ni échéance du cluster, ni action à rendre."
CALENDAR_MEETING = "📅 Réunion de coordination{at}"
CALENDAR_HOUR_TBC = " (heure à confirmer)"
CALENDAR_MILESTONE = "🎯 {title}"
CALENDAR_ACTION = "{icon} n° {id} · {description} — {owners}"
CALENDAR_LATE_ONE = "⚠️ 1 action est déjà en retard : /retards"
CALENDAR_LATE_MANY = "⚠️ {count} actions sont déjà en retard : /retards"
CALENDAR_HINT = "Fiche d'une action : /voir <numéro>"

SETTINGS_TITLE = "⚙️ <b>Rappels {cluster}</b>"  # {cluster}: of()
SETTINGS_OFF = "🔕 Rappels désactivés : ce cluster n'envoie plus aucun rappel."
SETTINGS_DEADLINE = "Avant l'échéance d'une action : {value}"
SETTINGS_OVERDUE = "Après l'échéance : {value}"
SETTINGS_ESCALATION = "Coordinateurs prévenus : {value}"
SETTINGS_MEETING = "Avant la réunion : {value}"
SETTINGS_MILESTONE = "Avant les échéances du cluster : {value}"
SETTINGS_HOUR = "Heure des rappels : {value}"
SETTINGS_HOUR_NOTE = "Les rappels partent les jours ouvrés, à l'heure de {timezone}."
SETTINGS_HINT = "Touchez un réglage pour passer au choix suivant."
SETTINGS_PRIVATE = "Les rappels se règlent dans le groupe du cluster : /parametres"
SETTINGS_SAVED = "Enregistré."
BUTTON_SETTINGS_OFF = "🔕 Désactiver tous les rappels"
BUTTON_SETTINGS_ON = "🔔 Réactiver les rappels"
SETTING_NONE = "aucun"
SETTING_SAME_DAY = "le jour même"
SETTING_EVE = "la veille"
SETTING_DAYS = "{days} j"
SETTING_WEEKLY = "chaque semaine"
SETTING_THEN_WEEKLY = "{days} puis chaque semaine"
SETTING_ESCALATION_DAYS = "à {days} de retard"
SETTING_NEVER = "jamais"
SETTING_HOUR = "{hour}h"
SETTING_AND = " et "
# --- i9 digests: public holidays, as /parametres shows them ---
SETTINGS_HOLIDAYS = "Jours fériés sans rappel : {value}"
SETTING_HOLIDAYS_NONE = "aucun (seulement le week-end)"
SETTING_HOLIDAYS_OF = {"ML": "ceux du Mali", "BF": "ceux du Burkina Faso", "NE": "ceux du Niger"}
# --- end i9 digests ---


# --- Meetings as records: where an action came from, /reunions, decisions ------------------

CARD_FROM_MEETING = "🗓 Issue de la réunion du {day}"
EVENT_FOR_ORGANISATION = " pour {acronym}"
EVENT_AT_MEETING = " à la réunion du {day}"

RECORDS_TITLE = "🗓 <b>Réunions de {cluster}</b>"
RECORDS_NONE = (
    "Aucune réunion enregistrée pour {cluster}. Un coordinateur fixe la prochaine dans le "
    "groupe : <code>/reunion jeudi 14h30 bureau du PNUD</code>"
)
RECORD_HELD = "tenue"
RECORD_COMING = "à venir"
RECORD_CANCELLED = "annulée"
RECORD_LINE = "• <b>{when}</b> — {state}"
RECORD_COUNTS = "   {created} · {done} depuis · {open}"
RECORD_DONE = "{count} faite(s)"
RECORD_OPEN = "{count} encore ouverte(s)"
RECORD_NO_ACTION = "   aucune action créée"
RECORD_REPORTED = "{count} action(s) mise(s) à jour en réunion"
RECORD_DECISIONS = "{count} décision(s)"
RECORD_PARTICIPANTS = "{count} participant(s)"
RECORDS_OLDER = "… et {count} réunion(s) plus ancienne(s), non affichée(s)."

DECISION_USAGE = (
    "Écrivez la décision après la commande, par exemple :\n"
    "<code>/decision Le cluster valide le plan de réponse</code>"
)
DECISION_TOO_LONG = (
    "Cette décision fait {length} caractères, {max} au plus : raccourcissez-la et renvoyez "
    "<code>/decision texte</code>."
)
DECISION_PRIVATE_MANY = (
    "Vous coordonnez plusieurs clusters : envoyez /decision dans le groupe du cluster concerné."
)
DECISION_RECORDED = "🗳 <b>Décision D{id}</b> enregistrée — {meeting}\n{text}"
DECISION_OF_MEETING = "réunion du {day}"
DECISION_NO_MEETING = "hors réunion (aucune réunion tenue ou du jour n'est enregistrée)"
BUTTON_DECISION_TO_ACTION = "➕ En faire une action"
DECISION_ALREADY_ACTION = "La décision D{id} est déjà devenue l'action n° {action}."
DECISION_GONE = "Cette décision n'est plus visible ici."
DECISION_DRAFT_OPEN = (
    "La décision D{id} est déjà en train de devenir une action : répondez à la question posée "
    "plus haut, ou /annuler pour recommencer."
)
DECISION_TO_ACTION_START = (
    "➕ La décision D{id} devient une action : « {text} ». Il me faut ses responsables et "
    "son échéance."
)
DECISION_BECAME_ACTION = "La décision D{id} est devenue une action :"
DECISIONS_TITLE = "🗳 <b>Décisions de {cluster}</b>"
DECISIONS_NONE = (
    "Aucune décision enregistrée pour {cluster}. Un coordinateur en note une avec "
    "<code>/decision texte</code>."
)
DECISIONS_MEETING = "<b>Réunion du {day}</b>"
DECISIONS_LOOSE = "<b>Hors réunion</b>"
DECISION_LINE = "• <b>D{id}</b> {text}"
DECISION_ACTION = " → action n° {id}"
DECISIONS_OLDER = "… et {count} décision(s) plus ancienne(s), non affichée(s)."

IMPORT_AS_DECISIONS = (
    "🗳 {count} recommandation(s) sans responsable ni échéance seront enregistrées comme "
    "décisions de la réunion"
)
IMPORT_ROW_DECISION = (
    "🗳 sans responsable ni échéance : sera enregistrée comme décision (✏️ pour en faire une action)"
)
IMPORT_DECISIONS_RECORDED = "🗳 {count} décision(s) enregistrée(s) : /decisions pour les voir."
IMPORT_DECISIONS_KNOWN = "🗳 {count} décision(s) déjà enregistrée(s), non recréée(s)."

COMMANDS_ALL += [
    ("reunions", "Les réunions du cluster et leur bilan"),
    ("decisions", "Les décisions des réunions"),
]
COMMANDS_COORDINATORS += [
    ("decision", "Noter une décision de la réunion : /decision texte"),
]
# --- Follow-up (/suivi, the J-1 reminder's button, the morning post in the group) ----------

FOLLOWUP_TITLE = "📋 <b>Suivi des actions — {cluster}</b>"
FOLLOWUP_TITLE_CONTINUED = "📋 <b>Suivi des actions — {cluster}</b> (suite)"
FOLLOWUP_MEETING = "📅 Réunion du {when}"
FOLLOWUP_NO_MEETING = "📅 Aucune réunion fixée : /reunion jeudi 10h dans le groupe pour la fixer."
FOLLOWUP_SINCE = "Depuis la dernière réunion ({day}) : {done}, {new} ; {late}."
FOLLOWUP_NO_LAST = "Aucune réunion précédente enregistrée ; {late}."
FOLLOWUP_DONE = "{count} faite"
FOLLOWUP_DONE_MANY = "{count} faites"
FOLLOWUP_NEW = "{count} nouvelle"
FOLLOWUP_NEW_MANY = "{count} nouvelles"
FOLLOWUP_LATE_COUNT = "{count} en retard"
FOLLOWUP_TO_REVIEW = "{actions} à suivre."
FOLLOWUP_MINE = "👤 <b>Pour {org}</b>"
FOLLOWUP_MINE_NONE = "Aucune action ouverte pour {org}."
FOLLOWUP_OTHERS = "👥 <b>Les autres actions</b>"
FOLLOWUP_FROM_MEETING = "🗓 <b>Réunion du {day}</b>"
FOLLOWUP_BETWEEN = "🗓 <b>Ajoutées entre les réunions</b>"
FOLLOWUP_CONTINUED = "{heading} (suite)"
FOLLOWUP_ACTION = "{icon} <b>n° {id}</b> · {description}"
FOLLOWUP_OWNERS = "      Responsables : {owners}"
FOLLOWUP_DEADLINE = "      Échéance : {deadline}{late}"
FOLLOWUP_LATE = " — ⚠️ en retard de {days}"
FOLLOWUP_STATUS = "      Statut : {status}"
FOLLOWUP_PARTS = " · {done} sur {total} organisations : fait"
FOLLOWUP_MY_PART = " · part {org} : {status}"
FOLLOWUP_COMMENT = "      💬 « {comment} »"
FOLLOWUP_EMPTY = (
    "Aucune action ouverte à suivre : tout ce qui a été décidé est fait ou annulé. "
    "/action pour en enregistrer une."
)
FOLLOWUP_PAGE = "Page {page}/{pages} : ◀️ ▶️ pour feuilleter."
FOLLOWUP_HINT = "/voir {id} : la fiche d'une action et son historique."
FOLLOWUP_POST_HEADING = "🗒 <b>Ordre du jour : suivi des actions de la réunion précédente</b>"
FOLLOWUP_NOT_MEMBER = (
    "Vous ne faites plus partie de ce cluster : je ne peux pas vous montrer son suivi. "
    "/suivi montre celui de vos clusters."
)
BUTTON_FOLLOWUP = "📋 Voir le suivi"
BUTTON_FOLLOWUP_OF = "📋 Voir le suivi — {cluster}"
# --- Actions that belong to many: each organisation's part ---------------------------------

BUTTON_PART_DONE = "✅ Fait pour mon organisation"
BUTTON_CLOSE_ALL = "☑️ Clore pour tous"
BUTTON_REMINDER_PART_DONE = "✅ {id} : fait pour mon organisation"
# On the card and in a digest: how far the organisations are.
PARTS_PROGRESS = "👥 {done} sur {total} organisations : fait"
PARTS_OPEN = " — reste : {open}"
PARTS_CLOSED_FOR_ALL = (
    "👥 Close pour toutes les organisations ({done} sur {total} avaient signalé leur part)"
)
PARTS_MORE = "+{count}"
PARTS_BLOCKED = "{org} (bloqué)"
# The answer to a part reported, by button (a toast) or by command (above the card).
PART_REPORTED = "Part {of_org} : {status} — {done} sur {total} organisations ont fini"
PART_COMPLETED = (
    "Part {of_org} : {status} — les {total} organisations ont fini : l'action n° {id} est faite."
)
PART_ALREADY = "La part {of_org} dans l'action n° {id} est déjà « {status} »."
PART_NONE_OF_MINE = (
    "Votre organisation n'a pas de part dans l'action n° {id}. Pour la clore pour toutes les "
    "organisations : ☑️ Clore pour tous (ou /fait {id} tous)."
)
PART_OF_CLOSED = "Part {of_org} : {status} — l'action n° {id} reste « {action_status} »."
# The owners changed, and the organisations left had all done their part.
PARTS_OWNERS_DONE = "Les {total} organisations restantes ont fini : l'action n° {id} est faite."
EVENT_PART = "{status} pour {org}"
# /fait 12 tous: what else may follow the number.
CLOSE_ALL_WORD = "tous"
STATUS_EXTRA_BAD = (
    "Je n'ai pas compris « {text} » après le numéro. Tapez /{command} {id}, ou, pour un "
    "coordinateur qui clôt pour toutes les organisations une action partagée, /fait {id} tous."
)
# --- Reviews: the follow-up walked through in the meeting (/revue) -------------------------

REVIEW_PRIVATE = (
    "La revue se fait dans le groupe du cluster, pendant la réunion : envoyez /revue dans le "
    "groupe."
)
REVIEW_NOTHING = (
    "Rien à passer en revue : aucune action ouverte issue des réunions précédentes. "
    "/actions liste les actions ouvertes."
)
REVIEW_STARTED = "▶️ <b>Revue du suivi — réunion du {day}</b> : {count}, un à la fois."
REVIEW_ALREADY = (
    "La revue est déjà en cours (point {position} sur {total}). Voici le point en cours."
)
REVIEW_ITEM_TITLE = "<b>Point {position}/{total}</b> · revue du {day}"
REVIEW_ACTION = "<b>Action n° {id}</b>"
REVIEW_ORIGIN = " · issue de la réunion du {day}"
REVIEW_PART = "👥 Part de : {org} ({done} sur {total} organisations : fait)"
REVIEW_LAST_COMMENT = "💬 Dernier commentaire : {text}"
REVIEW_FOR_PART = " pour {org}"
REVIEW_SAID = {
    "done": "✅ Signalé fait{part} par {by} à la réunion du {day}",
    "in_progress": "🔄 Signalé en cours{part} par {by} à la réunion du {day}",
    "blocked": "⛔ Signalé bloqué{part} par {by} à la réunion du {day}",
    "postponed": "📅 Reporté au {detail} par {by} à la réunion du {day}",
    "cancelled": "✖️ Action annulée par {by} à la réunion du {day}",
    "commented": "💬 Commenté par {by} à la réunion du {day} : « {detail} »",
    "closed": "ℹ️ {detail} avant son tour : rien à examiner.",
    "skipped": "⏭️ Non examiné ({by} est passé au point suivant)",
}
REVIEW_CANCEL_PART = (
    "Annuler l'action n° {id} pour toutes les organisations, pas seulement la part {of_org} ? "
    "Plus personne ne sera relancé."
)
REVIEW_ENDED = "Cette revue est terminée."
REVIEW_NOT_CURRENT = (
    "Ce point n'est plus le point en cours (la revue en est au point {position} sur {total}) : "
    "utilisez les boutons du dernier point posté."
)
REVIEW_CHANGED = "L'action n° {id} a changé entre-temps (statut : {status}) : point suivant."
REVIEW_CHANGED_PART = "L'action n° {id} a changé entre-temps ({detail}) : point suivant."
REVIEW_CLOSED_AS = "Déjà « {status} »"
REVIEW_PART_GONE = "Plus de part pour {org}, ses responsables ont changé"
REVIEW_ASKED = "Question posée à {name} : la revue continue après sa réponse."
REVIEW_LATE_ANSWER = (
    "Enregistré pour l'action n° {id}, comme dit à la réunion du {day} (la revue était passée "
    "à un autre point, ou terminée, entre-temps)."
)
REVIEW_SUMMARY_TITLE = "📋 <b>Revue terminée — réunion du {day}</b>"
REVIEW_SUMMARY_SECTION = {
    "done": "✅ <b>Fait</b> ({count})",
    "in_progress": "🔄 <b>En cours</b> ({count})",
    "blocked": "⛔ <b>Bloqué</b> ({count})",
    "postponed": "📅 <b>Reporté</b> ({count})",
    "cancelled": "✖️ <b>Annulé</b> ({count})",
    "commented": "💬 <b>Commenté</b> ({count})",
    "closed": "ℹ️ <b>Clos avant leur tour</b> ({count})",
}
REVIEW_SUMMARY_LINE = "• n° {id}{part} — {by}"
REVIEW_SUMMARY_POSTPONED = "• n° {id} — au {detail} — {by}"
REVIEW_SUMMARY_COMMENTED = "• n° {id} — {by} : « {detail} »"
REVIEW_SUMMARY_CLOSED = "• n° {id}{part} — {detail}"
REVIEW_SUMMARY_NONE = "Aucun point n'a reçu de réponse."
REVIEW_UNREVIEWED = "⏭️ {count}"
BUTTON_REVIEW_START = "▶️ Commencer la revue"
BUTTON_REVIEW_NEXT = "⏭️ Suivant"
BUTTON_REVIEW_END = "⏹️ Terminer la revue"
# --- Attendance and votes -------------------------------------------------------------------

BUTTON_PRESENT = "✋ Présent(e)"
ATTENDANCE_TITLE = "✋ <b>Présences — réunion du {day}</b> — {cluster}"
ATTENDANCE_NOT_TODAY = "Pas de réunion aujourd'hui : voici la dernière réunion tenue."
ATTENDANCE_PRESENT = "Organisations présentes ({count}) : {names}"
ATTENDANCE_EXCUSED = "Excusées ({count}) : {names}"
ATTENDANCE_PEOPLE = "Participants ({count}) : {names}"
ATTENDANCE_NOBODY = "Personne n'est encore noté présent."
ATTENDANCE_HINT = (
    "Membres du cluster : touchez ✋ Présent(e) pour vous noter, et votre organisation avec "
    "vous. Coordinateurs : /present OIM, HCR et /excuse UNICEF."
)
ATTENDANCE_MORE = "… et {count} autres"
ATTENDANCE_NO_MEETING = (
    "Aucune réunion de {cluster} aujourd'hui ni avant. Fixez la prochaine avec "
    "/reunion jeudi 14h30 bureau du PNUD."
)
ATTENDANCE_PRIVATE = "Les présences se notent dans le groupe du cluster : /presences"
ATTENDANCE_NOTED = "Noté : {name}, présent(e)."
# Taps do not toggle: a second tap by mistake in a busy meeting must not undo the first.
ATTENDANCE_ALREADY = "Déjà noté(e) présent(e) : un second appui ne change rien."
ATTENDANCE_CANCELLED = "Cette réunion a été annulée : ce bouton n'est plus valable."
ATTENDANCE_NOT_YET = "Cette réunion n'a pas encore eu lieu : revenez le jour de la réunion."
ATTENDANCE_PAST = (
    "Ce message est celui de la réunion du {day}, passée : rien n'est noté. Les présences se "
    "notent pour la réunion en cours : /presences"
)
PRESENT_USAGE = (
    "Écrivez les organisations (ou les personnes) présentes, séparées par des virgules : "
    "/present OIM, HCR"
)
EXCUSE_USAGE = (
    "Écrivez les organisations (ou les personnes) excusées, séparées par des virgules : "
    "/excuse UNICEF"
)
ATTENDANCE_MARKED_PRESENT = "✅ Noté présent(s) à la réunion du {day} : {names}"
ATTENDANCE_MARKED_EXCUSED = "✅ Noté excusé(s) à la réunion du {day} : {names}"
ATTENDANCE_MARKED_ALREADY = "Déjà noté(s) ainsi : {names}"
ATTENDANCE_UNKNOWN = (
    "❓ Inconnu(s), rien n'est noté pour eux : {names}. Écrivez le sigle ou le nom d'une "
    "organisation, ou le nom d'un membre (voir /membres)."
)
ATTENDANCE_AMBIGUOUS = "❓ « {name} » peut désigner {choices} : rien n'est noté, précisez."
ATTENDANCE_TOO_MANY = "Au plus {max} noms à la fois : envoyez la suite dans un autre message."
ROSTER_ATTENDED = "présent aux réunions {days} ({count} des {total} dernières)"
ROSTER_ATTENDED_ONE = "présent à la réunion du {day} ({count} des {total} dernières)"
ROSTER_ATTENDED_ONLY = "présent à la dernière réunion, le {day}"
ROSTER_ABSENT = "absent des {total} dernières réunions"
ROSTER_ABSENT_ONLY = "absent de la dernière réunion, le {day}"
ROSTER_DAY = "du {day}"
ROSTER_AND = " et "

VOTE_USAGE = (
    "Écrivez la question, puis au moins deux options séparées par « — » (ou une par ligne) :\n"
    "/vote Quels indicateurs retenir ? 2 sur 3 — Indicateur A — Indicateur B — Indicateur C"
)
VOTE_PRIVATE = "Les votes se font dans le groupe du cluster : /vote Question — option 1 — option 2"
VOTE_NO_QUESTION = "Il manque la question avant les options.\n" + VOTE_USAGE
VOTE_ONE_OPTION = "Un vote demande au moins deux options.\n" + VOTE_USAGE
VOTE_TOO_MANY_OPTIONS = (
    "Telegram accepte au plus {max} options par vote ; il y en a {count}. Retirez-en ou "
    "partagez le choix en deux votes."
)
VOTE_QUESTION_TOO_LONG = (
    "La question fait {length} caractères ; Telegram en accepte {max}. Raccourcissez-la."
)
VOTE_OPTION_TOO_LONG = (
    "L'option « {option}… » fait {length} caractères ; Telegram en accepte {max} par option. "
    "Raccourcissez-la."
)
VOTE_DUPLICATE_OPTION = "L'option « {option} » figure deux fois : gardez-la une seule fois."
VOTE_TOO_MANY_CHOICES = (
    "La question demande d'en choisir {choose}, mais il n'y a que {count} options : il en "
    "faut davantage que de choix."
)
BUTTON_VOTE_CLOSE = "🔒 Clore le vote"
VOTE_ALREADY_CLOSED = "Ce vote est déjà clos : son résultat est enregistré."
VOTE_UNKNOWN = "Ce vote n'est pas connu de Relance."
VOTE_RESULT = "Vote : {question} — {counts} ({voters})"
VOTE_RESULT_COUNT = "{option} : {count}"
VOTE_VOTERS_ONE = "1 votant"
VOTE_VOTERS = "{count} votants"
VOTE_VOTERS_NONE = "aucun votant"
VOTE_RETAINED = " ; retenu : {options}"
VOTE_RETAINED_MANY = " ; retenus : {options}"
VOTE_TIE = " ; égalité entre {options} : à départager"
VOTE_CLOSED = "🔒 <b>Vote clos</b> — décision enregistrée{meeting} :\n{text}"
VOTE_CLOSED_MEETING = " pour la réunion du {day}"


# --- Invitations and membership (/inviter's private link, the welcome, /retirer) ----------

INVITE_SENT_PRIVATELY = (
    "✉️ Invitation créée pour <b>{name}</b> ({org}) : {coordinator}, je vous ai envoyé le "
    "lien en privé, à transférer à {name}."
)
INVITE_REPLACED = " L'ancien lien de {name} ne s'ouvre plus."
INVITE_START_BOT = (
    "✉️ Invitation créée pour <b>{name}</b> ({org}). {coordinator}, je ne peux pas encore vous "
    "écrire en privé : ouvrez {link} et touchez « Démarrer ». Je vous y enverrai aussitôt le "
    "lien, à transférer à {name}."
)
INVITE_ANONYMOUS = (
    "Un administrateur anonyme ne peut pas recevoir le lien en privé, et je ne l'affiche pas "
    "dans le groupe. Désactivez « Rester anonyme » le temps d'envoyer /inviter."
)
START_INVITATIONS = "Voici {count} lien(s) d'invitation que vous avez demandé(s), à transférer :"
INVITATION_EXPIRED = (
    "Ce lien d'invitation a expiré (il était valable {days} jours). Demandez-en un nouveau au "
    "coordinateur du cluster."
)
WELCOME_WHO = (
    "Le coordinateur vous a invité(e) sous le nom <b>{invited}</b> ; votre nom Telegram est "
    "<b>{telegram}</b>. Si ce lien ne vous était pas destiné, dites-le au coordinateur."
)
INVITE_JOINED = (
    "✅ <b>{invited}</b>, point focal {of_org} dans {cluster}, a ouvert son lien d'invitation, avec le compte "
    "Telegram <b>{telegram}</b>{username}. Si ce n'est pas la bonne personne : "
    "/retirer {name} dans le groupe."
)
INVITE_JOINED_USERNAME = " (@{username})"
ROSTER_TELEGRAM_NAME = "Telegram : {name}"
ROSTER_EXPIRED = "lien expiré, /inviter à nouveau"

ORG_CHANGE_ASK = (
    "❓ <b>{name}</b> a ouvert l'invitation pour {proposed} {of_cluster}, mais est déjà "
    "point focal {of_current}. Une personne n'a qu'une organisation : si vous "
    "confirmez, elle suivra les actions {of_proposed} et non plus celles {of_current_plain}, dans "
    "tous ses clusters."
)
BUTTON_ORG_CHANGE = "✅ Oui, point focal {of_org}"
BUTTON_ORG_KEEP = "✖️ Non, rester à {org}"
ORG_CHANGE_WAIT = (
    "Vous êtes déjà point focal {of_current}. Cette invitation vous nomme pour "
    "<b>{proposed}</b> : j'ai demandé au coordinateur de confirmer ce changement, rien n'a "
    "changé d'ici là."
)
ORG_CHANGED = "✅ {name} est désormais point focal {of_org} dans {cluster}."
ORG_KEPT = "✖️ {name} reste point focal {of_org} ; l'invitation n'a pas servi."
ORG_KEPT_MEMBER = (
    "Le coordinateur a gardé votre organisation, <b>{org}</b> : rien n'a changé. "
    "L'invitation n'a pas servi."
)
ORG_CHANGE_GONE = "Cette invitation n'est plus valable : rien n'a changé."

RETIRE_USAGE = (
    "Indiquez qui retirer du cluster, par son nom ou son @nom Telegram, par exemple :\n"
    "/retirer Gerson Brandao"
)
RETIRE_UNKNOWN = "Personne ne s'appelle « {text} » dans ce cluster : /membres les liste."
RETIRE_AMBIGUOUS = (
    "« {text} » désigne plusieurs personnes : {names}. Reprenez avec le nom complet ou le "
    "@nom Telegram."
)
RETIRE_COORDINATOR = (
    "{name} coordonne le cluster, comme administrateur du groupe : retirez-lui d'abord ce "
    "rôle dans Telegram."
)
RETIRE_CONFIRM = (
    "Retirer <b>{name}</b>{org} {of_cluster} ? Plus aucun rappel de ce cluster ne lui "
    "parviendra ; l'historique des actions garde ce qui a été fait."
)
RETIRE_INVITATION_CONFIRM = (
    "Annuler l'invitation de <b>{name}</b>{org} ? Son lien ne s'ouvrira plus."
)
BUTTON_RETIRE = "✖️ Oui, retirer"
BUTTON_RETIRE_INVITATION = "✖️ Oui, annuler l'invitation"
BUTTON_RETIRE_KEEP = "↩️ Non"
RETIRED = (
    "✖️ <b>{name}</b> ne fait plus partie {of_cluster} et n'en recevra plus rien. "
    "L'historique garde ce qui a été fait."
)
INVITATION_CANCELLED = "✖️ L'invitation de <b>{name}</b> est annulée : son lien ne s'ouvre plus."
RETIRE_KEPT = "↩️ Rien n'a changé."
RETIRE_GONE = "Déjà fait : cette personne ne fait plus partie du cluster."

COMMANDS_COORDINATORS += [
    ("retirer", "Retirer quelqu'un du cluster : /retirer Nom"),
]

# --- i9 delivery: a reminder sent again after a send that got no answer ------------------
REMINDER_MAYBE_REPEATED = (
    "⚠️ <i>Renvoi : Telegram n'a pas confirmé l'envoi précédent de ces rappels, "
    "vous les avez peut-être déjà reçus.</i>"
)

# --- i13 documents: who gets which export ----------------------------------------------
# Each document's own texts follow in its section below (compte rendu, tracker, calendar).
EXPORT_STRANGER = (
    "Les documents d'un cluster vont à ses membres : ses coordinateurs reçoivent le suivi "
    "complet, un point focal la part de son organisation. Demandez un lien d'invitation au "
    "coordinateur du cluster."
)
EXPORT_UNKNOWN_CLUSTER = (
    "Je ne connais pas de cluster « {name} » parmi les vôtres ({names}). Tapez par exemple "
    "/{command} suivi du nom de l'un d'eux."
)
EXPORT_CHOOSE_CLUSTER = (
    "Vous coordonnez plusieurs clusters ({names}). Dites lequel, par exemple :\n"
    "/{command} {example}"
)
EXPORT_TOO_BIG = (
    "Ce fichier dépasserait la taille que Telegram accepte (50 Mo). Demandez-le dans le groupe "
    "d'un seul cluster, ou le suivi de votre organisation en privé."
)

# --- i13 tracker ------------------------------------------------------------------------------
COMMANDS_ALL += [
    ("exporter", "Le tableau de suivi (Excel) : le cluster, ou mon organisation"),
]
EVENT_FROM_TRACKER = " (depuis le tableau de suivi)"

# The workbook (bot/documents/tracker.py). Its headers, by column.
TRACKER_TITLE = "Matrice de suivi des recommandations — {title}"
TRACKER_EXPORTED_AT = "Exporté de Relance le {day}"
TRACKER_SHEET_ACTIONS = "Suivi"
TRACKER_SHEET_DECISIONS = "Décisions"
TRACKER_SHEET_SUMMARY = "Synthèse"
TRACKER_HEADERS = {
    "cluster": "Cluster",
    "number": "N°",
    "meeting": "Réunion",
    "action": "Action",
    "owners": "Responsable(s)",
    "deadline": "Échéance",
    "status": "Statut",
    "late": "Retard (jours)",
    "updated": "Dernière mise à jour",
    "comment": "Dernier commentaire",
}
TRACKER_DECISION_HEADERS = ("N°", "Réunion", "Décision", "Action n°")
TRACKER_SUMMARY_HEADERS = ("Organisation", "Ouvertes", "En retard", "Faites", "Faites à temps")
TRACKER_TOTAL = "Total"
TRACKER_UNDATED = "Sans échéance"
TRACKER_NO_MEETING = "Hors réunion"

# /exporter
TRACKER_FILE_NAME = "suivi-{name}-{day}.xlsx"
TRACKER_CAPTION = (
    "📊 Tableau de suivi de <b>{title}</b> : {actions}, {decisions}.\n"
    "Modifiez-le hors ligne (statut, échéance, commentaire, nouvelles actions en bas) et "
    "renvoyez-le-moi : je vous montrerai chaque changement avant de l'appliquer."
)
TRACKER_CAPTION_PART = (
    "📊 Les actions de <b>{title}</b> : {actions}. Pour les mettre à jour, répondez sous "
    "chacune ou utilisez /fait, /encours, /reporter."
)
TRACKER_EMPTY = (
    "Aucune action n'est enregistrée pour {title} : le tableau de suivi serait vide. "
    "Enregistrez-en avec /action ou /importer, puis redemandez /exporter."
)
TRACKER_EMPTY_PART = (
    "Aucune action de {title} n'est enregistrée dans vos clusters : rien à exporter. "
    "/actions montre les actions ouvertes du cluster."
)

# A tracker sent back.
TRACKER_UNPACKS_TOO_BIG = (
    "Ce fichier contient bien plus de données qu'un tableau de suivi : je ne le lis pas, et "
    "rien n'a été modifié. Renvoyez le fichier envoyé par /exporter, sans y ajouter de "
    "feuilles ni d'images."
)
TRACKER_TOO_BIG = (
    "Ce fichier dépasse 5 Mo : ce n'est pas un tableau de suivi que je peux lire. Renvoyez le "
    "fichier envoyé par /exporter, sans y ajouter d'images ni de feuilles."
)
TRACKER_CORRUPT = (
    "Je n'arrive pas à ouvrir ce fichier Excel : il semble endommagé. Enregistrez-le à nouveau "
    "au format .xlsx et renvoyez-le, ou demandez un nouveau tableau avec /exporter. Rien n'a "
    "été modifié."
)
TRACKER_NOT_TRACKER = (
    "Ce fichier Excel n'est pas un tableau de suivi envoyé par /exporter : je ne sais pas le "
    "lire, et rien n'a été modifié. Demandez le tableau avec /exporter, modifiez-le, puis "
    "renvoyez-le. Pour un tableau d'actions d'un compte rendu, utilisez /importer et collez-le."
)
TRACKER_OTHER_CLUSTER = (
    "Ce tableau de suivi est celui de {names}, pas de ce groupe : rien n'a été modifié. "
    "Renvoyez-le dans le groupe de ce cluster, ou à moi en privé."
)
TRACKER_NOT_COORDINATOR = (
    "Seuls les coordinateurs de {names} peuvent renvoyer son tableau de suivi : rien n'a été "
    "modifié. Pour mettre à jour vos actions, utilisez /fait, /encours ou /reporter."
)
TRACKER_UNKNOWN_CLUSTER = (
    "Ce tableau de suivi est celui d'un cluster que je ne connais plus : rien n'a été modifié."
)
TRACKER_PREVIEW_TITLE = "📊 <b>Tableau de suivi renvoyé : {title}</b> (exporté le {day})"
TRACKER_PREVIEW_COUNTS = "{changes} compris, {new} à créer."
TRACKER_PREVIEW_CONFLICTS = (
    "⚠️ {count} changé(s) dans le chat depuis l'export : le chat est gardé, sauf si vous "
    "choisissez le fichier."
)
TRACKER_CHANGE_STATUS = "n° {id} : statut {old} → {new}"
TRACKER_CHANGE_DEADLINE = "n° {id} : échéance {old} → {new}"
TRACKER_CHANGE_COMMENT = "n° {id} : commentaire « {text} »"
TRACKER_FIELD = {"status": "statut", "deadline": "échéance", "comment": "commentaire"}
TRACKER_CONFLICT = (
    "⚠️ n° {id} : {field} {old} → {new} dans le fichier, mais {chat} dans le chat depuis "
    "l'export : {kept}"
)
TRACKER_KEEP_CHAT = "le chat est gardé"
TRACKER_KEEP_FILE = "le fichier l'emporte"
TRACKER_NEW = "➕ Nouvelle action : {description} — {owners} — {deadline}"
TRACKER_NEW_STATUS = " ({status})"
TRACKER_MISSING = (
    "ℹ️ {count} action(s) du tableau exporté manquent dans le fichier : elles ne changent pas "
    "(supprimer une ligne ne supprime pas l'action ; /annuler 12 l'annule)."
)
TRACKER_PROBLEMS = "Lignes que je n'ai pas comprises (elles ne changent rien) :"
TRACKER_PROBLEM = {
    "unknown_status": (
        "Ligne {line} : statut « {text} » inconnu : Fait, En cours, Bloqué, À faire, Annulé"
    ),
    "bad_deadline": (
        "Ligne {line} : échéance « {text} » illisible : écrivez une date (15/12/2026) ou "
        "« fin décembre »"
    ),
    "unknown_number": "Ligne {line} : l'action n° {text} n'est pas dans ce tableau",
    "bad_number": "Ligne {line} : N° « {text} » n'est pas un numéro d'action",
    "no_description": "Ligne {line} : nouvelle ligne sans le texte de l'action",
    "no_cluster": (
        "Ligne {line} : nouvelle ligne, cluster « {text} » inconnu : écrivez celui d'une "
        "autre ligne"
    ),
    "duplicate": "Ligne {line} : l'action n° {text} apparaît deux fois : la première ligne compte",
    "already": "Ligne {line} : cette nouvelle action est déjà enregistrée (n° {text})",
}
TRACKER_FIX_AND_RESEND = "Corrigez ces lignes dans le fichier et renvoyez-le si besoin."
TRACKER_NOTHING = (
    "Je n'ai trouvé aucun changement dans ce tableau de suivi (exporté le {day}) : rien à "
    "appliquer."
)
TRACKER_PAGE = "Page {page}/{pages}"
TRACKER_APPLY = "✅ Appliquer ({count})"
TRACKER_CANCEL = "✖️ Annuler"
TRACKER_TAKE_FILE = "📄 n° {id}, {field} : le fichier"
TRACKER_TAKE_CHAT = "💬 n° {id}, {field} : le chat"
TRACKER_TAKE_ALL_FILE = "📄 Le fichier pour tous ({count})"
TRACKER_TAKE_ALL_CHAT = "💬 Le chat pour tous ({count})"
TRACKER_APPLIED = (
    "✅ Tableau de suivi appliqué : {changes}{created}. Chaque changement est dans "
    "l'historique, « depuis le tableau de suivi » (/voir 12)."
)
TRACKER_APPLIED_CHANGES = "{count} changement(s) sur {actions} action(s)"
TRACKER_APPLIED_CREATED = " ; {count} action(s) créée(s) : n° {ids}"
TRACKER_OVERTAKEN = (
    "⚠️ Changé(s) dans le chat entre l'aperçu et maintenant, le chat est gardé : n° {ids}."
)
TRACKER_CANCELLED = "Tableau de suivi ignoré : rien n'a été modifié."
TRACKER_EXPIRED = (
    "Cet aperçu n'est plus valable (déjà appliqué, annulé ou trop ancien). Renvoyez le "
    "fichier pour un nouvel aperçu."
)
TRACKER_USE_BUTTONS = (
    "Pour le tableau de suivi renvoyé, utilisez les boutons sous l'aperçu : Appliquer ou "
    "Annuler. Pour une autre correction, modifiez le fichier et renvoyez-le."
)
ABOUT_TRACKER = "le tableau de suivi renvoyé"
# --- i13 compte rendu: the minutes as a Word document (/compte_rendu, /cr) ------------------
# In the document (plain text, no HTML).
MINUTES_TITLE = "Compte rendu de la réunion {of_cluster}"
MINUTES_DATE = "Date : "
MINUTES_HOUR = "Heure : "
MINUTES_PLACE = "Lieu : "
MINUTES_TO_BE_SET = "à préciser"
MINUTES_PARTICIPANTS = "Participants"
MINUTES_PARTICIPANT_COLUMNS = ("Organisation", "Nom", "Fonction")
MINUTES_NO_PARTICIPANT = "Aucun participant enregistré pour cette réunion."
MINUTES_EXCUSED = "Excusés : {names}"
MINUTES_AGENDA = "Ordre du jour"
MINUTES_FOLLOW_UP = "Suivi des recommandations de la réunion précédente"
MINUTES_FOLLOW_UP_NOTE = "Statut et commentaire tels que signalés en fin de réunion."
MINUTES_FOLLOW_UP_COLUMNS = (
    "N°",
    "Action",
    "Responsable(s)",
    "Échéance",
    "Statut",
    "Commentaire",
)
MINUTES_NO_FOLLOW_UP = "Aucune action des réunions précédentes n'était à suivre."
MINUTES_PART = "{org} : {status}"
MINUTES_DECISIONS = "Décisions"
MINUTES_NO_DECISION = "Aucune décision enregistrée."
MINUTES_ACTIONS = "Points d'action"
MINUTES_ACTION_COLUMNS = ("N°", "Description", "Responsable(s)", "Échéance")
MINUTES_NO_ACTION = "Aucune nouvelle action n'a été enregistrée."
MINUTES_NEXT = "La prochaine réunion aura lieu le {when}."
MINUTES_NEXT_AT_HOUR = "{day} à {hour}"
MINUTES_NEXT_PLACE = "{when}, {place}"
MINUTES_NEXT_TBC = " L'heure et le lieu seront communiqués."
MINUTES_NEXT_HOUR_TBC = " L'heure sera communiquée."
MINUTES_NEXT_PLACE_TBC = " Le lieu sera communiqué."
MINUTES_AT_HOUR = "{day} à {hour}"
MINUTES_MEETING_DEADLINE = "{said} ({day})"
MINUTES_FOOTER = "Document préparé par Relance le {day} à partir de ce qui a été enregistré."
# In the chat.
CR_CAPTION = (
    "📄 <b>Compte rendu de la réunion du {day}</b> — {cluster}\n{counts}\n"
    "Statuts tels que signalés en fin de réunion ; ajoutez les discussions, puis diffusez."
)
CR_COUNT_PARTICIPANTS = ("participant", "participants")
CR_COUNT_FOLLOWED = ("action suivie", "actions suivies")
CR_COUNT_DECISIONS = ("décision", "décisions")
CR_COUNT_NEW = ("nouvelle action", "nouvelles actions")
CR_NOTHING = (
    "Rien à mettre au compte rendu de la réunion du {day} : ni participant, ni action suivie, "
    "ni décision, ni nouvelle action n'y ont été enregistrés. Pendant la réunion : /presences "
    "ou /present OCHA, /revue, /decision, /action."
)
CR_NO_MEETING = (
    "{cluster} n'a encore tenu aucune réunion. Le compte rendu se demande une fois la "
    "réunion commencée : fixez-la avec /reunion, ou ouvrez-la le jour même avec /revue."
)
CR_NOT_HELD_ON = (
    "Aucune réunion tenue le {day}. Les dernières : {days}. Tapez par exemple "
    "/compte_rendu {example}"
)
CR_NOT_YET = (
    "Le {day} n'est pas encore passé : pas de compte rendu. Les dernières réunions : {days}. "
    "Tapez par exemple /compte_rendu {example}"
)
CR_BAD_DATE = (
    "Je ne lis pas « {text} » comme le jour d'une réunion. Tapez /compte_rendu seul pour la "
    "dernière réunion, ou suivi de son jour, par exemple /compte_rendu {example}"
)
CR_PRIVATE_DATE_IN_GROUP = (
    "Vous coordonnez plusieurs clusters ({names}) : demandez le compte rendu d'un jour dans "
    "le groupe du cluster (/compte_rendu suivi du jour). Ici, /compte_rendu {example} envoie "
    "celui de sa dernière réunion."
)
CR_REVIEW_ENDED_CAPTION = (
    "📄 <b>Compte rendu de la réunion du {day}</b> — {cluster}, à la fin de la revue.\n{counts}\n"
    "Ajoutez les discussions, puis diffusez-le. /compte_rendu le renvoie à tout moment."
)
CR_REVIEW_IN_GROUP = (
    "Je ne peux pas écrire en privé à la personne qui a terminé la revue : le compte rendu "
    "est donc ici. Envoyez-moi /start en privé pour le recevoir la prochaine fois."
)
CR_REVIEW_FAILED = (
    "Le compte rendu de cette réunion n'a pas pu être préparé. Demandez-le avec /compte_rendu."
)

COMMANDS_COORDINATORS += [
    ("compte_rendu", "Le compte rendu (Word) de la dernière réunion, ou d'un jour"),
]
_REVIEW_HELP = (
    "/revue — en réunion, passer en revue une à une les actions des réunions précédentes\n"
)
HELP = HELP.replace(
    _REVIEW_HELP,
    _REVIEW_HELP + "/compte_rendu — le compte rendu (Word) de la dernière réunion ; suivi "
    "d'un jour, celui de la réunion de ce jour-là\n",
)

# --- i13 calendar (/calendrier: the .ics file, its caption, its answers) -------------------
# In the file (plain text, no HTML: a calendar shows it as typed).
ICS_NAME = "Relance — {scope}"
ICS_DESCRIPTION = "Réunions, échéances et actions exportées par Relance le {day}."
ICS_MEETING = "Réunion de coordination — {cluster}"
ICS_MEETING_NO_HOUR = "Réunion de coordination — {cluster} (heure à confirmer)"
ICS_MEETING_TITLE = "Réunion de coordination : {cluster}"
ICS_MEETING_AGENDA = "Ordre du jour :"
ICS_MEETING_NO_AGENDA = "Ordre du jour à venir : /ordre_du_jour"
ICS_MEETING_FOLLOWUP = "Les actions à revoir à cette réunion : /suivi"
ICS_MEETING_ALARM = "Réunion de coordination dans une heure"
ICS_MILESTONE = "{title} ({cluster})"
ICS_MILESTONE_TITLE = "Échéance de {cluster} : {title}"
ICS_MILESTONE_HINT = "Les échéances du cluster : /echeances"
ICS_ACTION = "Échéance n° {id} : {description} ({owners})"
ICS_ACTION_LATE = "Échéance n° {id} (en retard) : {description} ({owners})"
ICS_ACTION_TITLE = "Action n° {id} — {cluster}"
ICS_ACTION_OWNERS = "Responsable(s) : {owners}"
ICS_ACTION_DEADLINE = "Échéance : {deadline}"
ICS_ACTION_PERIOD = "Échéance : {deadline} (la période se termine ce jour-là)"
ICS_ACTION_STATUS = "Statut : {status}"
ICS_ACTION_LATE_BY = "Statut : {status} — en retard de {days} au {day}"
ICS_ACTION_FROM = "Issue de la réunion du {day}"
ICS_ACTION_SEE = "La fiche et son historique : /voir {id}"
ICS_CLUSTER_PREFIX = "[{cluster}] "
ICS_ENDED_DONE = "Fait — "
ICS_ENDED_CANCELLED = "Annulé — "
ICS_ENDED_NOTE = "Plus à l'agenda : {why} (au {day})."
ICS_WHY_DONE = "action faite"
ICS_WHY_ACTION_CANCELLED = "action annulée"
ICS_WHY_MEETING_CANCELLED = "réunion annulée"
ICS_WHY_MILESTONE_CANCELLED = "échéance annulée"
ICS_CATEGORY_MEETING = "Réunion"
ICS_CATEGORY_MILESTONE = "Échéance du cluster"
ICS_CATEGORY_ACTION = "Action"

# In the chat.
ICS_CAPTION_TITLE = "📅 <b>Calendrier — {scope}</b>"
ICS_CAPTION_PART = "📅 <b>Calendrier de {who}</b> — {clusters}"
ICS_CAPTION_LATE = " (dont {late} en retard)"
ICS_CAPTION_UNDATED_ONE = "1 action ouverte sans date n'y figure pas : /actions pour la voir."
ICS_CAPTION_UNDATED_MANY = (
    "{count} actions ouvertes sans date n'y figurent pas : /actions pour les voir."
)
ICS_CAPTION_REMOVED = (
    "{count} événement(s) devenu(s) sans objet (action close, réunion ou échéance annulée) : "
    "marqués annulés, votre agenda les retire s'il les avait déjà."
)
ICS_CAPTION_HOW = (
    "📲 Ouvrez le fichier sur votre téléphone et ajoutez-le à votre agenda (Google Agenda : "
    "depuis un ordinateur, Paramètres › Importer). Importé une autre fois, il met à jour les "
    "mêmes événements sans les doubler."
)
ICS_CAPTION_WHOLE_HINT = (
    "Le calendrier complet d'un cluster que vous coordonnez : /calendrier {example}"
)
ICS_CAPTION_IGNORED = (
    "« {words} » n'est pas pris en compte : dans ce groupe, /calendrier donne le calendrier "
    "du cluster (en privé, /calendrier suivi du nom d'un cluster)."
)
ICS_EMPTY = (
    "📅 Rien à mettre au calendrier pour {scope} : ni réunion à venir, ni échéance du cluster, "
    "ni action ouverte avec une date."
)
ICS_EMPTY_HINT = (
    f"Une réunion fixée ({PLAN_EXAMPLE_MEETING}), une échéance (/echeance) ou une action datée "
    "y apparaîtront."
)

COMMANDS_ALL += [
    ("calendrier", "Réunions et échéances en fichier pour votre agenda"),
]
HELP = HELP.replace(
    "\n\n<b>Mettre à jour</b>",
    "\n/calendrier — réunions, échéances et actions en fichier pour votre agenda"
    "\n\n<b>Mettre à jour</b>",
    1,
)
