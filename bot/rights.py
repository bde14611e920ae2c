"""Who may do what to an action: the one table, read by typed commands and buttons alike.

The README's table "Who may change an action" says the same thing in words, and
tests/bot/test_rights.py holds the two together row by row. "Owners" are the focal points,
in the action's cluster, of the organisations it names (a focal point belongs to the cluster
that invited them), the people it names, every member for "Partenaires du CRP" and the
coordinators for "CCP": storage.actions.is_owner decides it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from bot.callbacks import Verb
from storage.models import Status


class Who(StrEnum):
    """The values are the README's words for each role."""

    ANYONE = "everyone"
    MEMBERS = "members"  # the cluster's focal points and coordinators
    OWNERS = "owners, coordinators"
    COORDINATORS = "coordinators"


FieldName = Literal["comment", "deadline", "description", "owners"]


@dataclass(frozen=True)
class Rule:
    who: Who
    sets: Status | None = None  # the status the verb records
    asks: FieldName | None = None  # the free-text answer it waits for
    # A press on a card whose action changed since it was drawn is refused, not applied.
    stale_check: bool = True
    # Stricter on a cancelled action: bringing it back is the coordinators' decision.
    on_cancelled: Who | None = None
    # On a shared action (storage.parts), one whose organisation has a part reports that
    # part ("Fait pour OIM"); anyone else allowed acts on the whole action.
    per_part: bool = False


RULES: Mapping[Verb, Rule] = {
    Verb.DONE: Rule(Who.OWNERS, sets=Status.DONE, on_cancelled=Who.COORDINATORS, per_part=True),
    Verb.IN_PROGRESS: Rule(
        Who.OWNERS, sets=Status.IN_PROGRESS, on_cancelled=Who.COORDINATORS, per_part=True
    ),
    Verb.BLOCKED: Rule(
        Who.OWNERS, sets=Status.BLOCKED, on_cancelled=Who.COORDINATORS, per_part=True
    ),
    Verb.POSTPONE: Rule(Who.OWNERS, asks="deadline"),
    Verb.COMMENT: Rule(Who.OWNERS, asks="comment", stale_check=False),
    Verb.CANCEL: Rule(Who.COORDINATORS),  # shows the confirmation
    Verb.CANCEL_CONFIRMED: Rule(Who.COORDINATORS, sets=Status.CANCELLED),
    Verb.EDIT_DESCRIPTION: Rule(Who.COORDINATORS, asks="description", stale_check=False),
    Verb.EDIT_OWNERS: Rule(Who.COORDINATORS, asks="owners", stale_check=False),
    Verb.LINK: Rule(Who.COORDINATORS, stale_check=False),
    Verb.SHOW: Rule(Who.ANYONE, stale_check=False),
    # Actions that belong to many: the card's ✅ of a shared action, and closing it for all.
    Verb.PART_DONE: Rule(
        Who.OWNERS, sets=Status.DONE, on_cancelled=Who.COORDINATORS, per_part=True
    ),
    Verb.CLOSE_ALL: Rule(Who.COORDINATORS, sets=Status.DONE),
}

# The typed commands that act on one action: /fait 12 is the ✅ button.
COMMANDS: Mapping[str, Verb] = {
    "fait": Verb.DONE,
    "encours": Verb.IN_PROGRESS,
    "bloque": Verb.BLOCKED,
    "reporter": Verb.POSTPONE,
    "commenter": Verb.COMMENT,
    "annuler": Verb.CANCEL_CONFIRMED,
    "voir": Verb.SHOW,
}

# The verb an awaited answer carries out: checked again when the answer comes.
ANSWERS: Mapping[FieldName, Verb] = {
    rule.asks: verb for verb, rule in RULES.items() if rule.asks is not None
}


def who_may(verb: Verb, status: Status) -> Who:
    """Who may carry out `verb` on an action in `status`."""
    rule = RULES[verb]
    if status == Status.CANCELLED and rule.on_cancelled is not None:
        return rule.on_cancelled
    return rule.who


class Act(StrEnum):
    """What the meeting's commands and buttons do; the README's table "Who may run a
    meeting" names each by its value. The actions' own verbs are RULES above."""

    READ = "read"  # /suivi, /reunions, /decisions, a review's summary
    REVIEW_START = "review_start"  # /revue, or the button under /suivi
    REVIEW_ANSWER = "review_answer"  # Fait, En cours, Bloqué, Reporter, Commenter on an item
    REVIEW_CANCEL = "review_cancel"  # Annuler on an item: cancelling is the coordinators'
    REVIEW_NEXT = "review_next"  # Suivant: leave this item unreviewed
    REVIEW_END = "review_end"  # Terminer la revue
    DECISION = "decision"  # /decision
    DECISION_TO_ACTION = "decision_to_action"  # the button under a decision
    VOTE_OPEN = "vote_open"  # /vote
    VOTE_CLOSE = "vote_close"  # the button under a vote
    ATTEND_SELF = "attend_self"  # Présent(e): my organisation is here
    ATTEND_OTHERS = "attend_others"  # mark another organisation present or excused
    # Documents (bot/handlers/exports.py): a cluster's whole, or one organisation's part.
    EXPORT = "export"  # /compte_rendu, /exporter, a tracker sent back: the whole cluster
    EXPORT_OWN = "export_own"  # /exporter, /calendrier: my organisation's part
    CALENDAR = "calendar"  # /calendrier in the group: the cluster's meetings and deadlines


# Owners, for a review item, are the focal points of the organisation whose part it is, or
# of the action's owners when it is walked whole (storage.actions.is_owner).
ACTS: Mapping[Act, Who] = {
    Act.READ: Who.ANYONE,
    Act.REVIEW_START: Who.COORDINATORS,
    Act.REVIEW_ANSWER: Who.OWNERS,
    Act.REVIEW_CANCEL: Who.COORDINATORS,
    Act.REVIEW_NEXT: Who.COORDINATORS,
    Act.REVIEW_END: Who.COORDINATORS,
    Act.DECISION: Who.COORDINATORS,
    Act.DECISION_TO_ACTION: Who.COORDINATORS,
    Act.VOTE_OPEN: Who.COORDINATORS,
    Act.VOTE_CLOSE: Who.COORDINATORS,
    Act.ATTEND_SELF: Who.MEMBERS,
    Act.ATTEND_OTHERS: Who.COORDINATORS,
    Act.EXPORT: Who.COORDINATORS,
    Act.EXPORT_OWN: Who.MEMBERS,
    Act.CALENDAR: Who.MEMBERS,
}
