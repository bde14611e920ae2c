"""What handlers reach through their context: typed, not fished out of dicts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.clock import Clock
from bot.language.owners import Candidate, OwnerIndex
from storage.db import Database
from storage.views import ClusterView, DeadlineValue, OwnerInput


@dataclass
class Deps:
    db: Database
    clock: Clock
    default_timezone: str


@dataclass
class ActionDraft:
    """A guided /action exchange in progress: what is known so far, and what is asked."""

    cluster_ids: tuple[int, ...]  # one once the cluster is chosen
    description: str | None = None
    owners: list[OwnerInput] | None = None
    unresolved: list[str] = field(default_factory=list)  # typed owner names still to settle
    choices: tuple[Candidate, ...] = ()  # the candidates offered for unresolved[0]
    deadline: DeadlineValue | None = None
    undated_text: str | None = None  # vague wording waiting for the coordinator's yes
    bad_deadline: str | None = None  # unreadable deadline text, to ask about again
    offered: tuple[int, ...] = ()  # organisation ids behind the owner buttons shown


FieldName = Literal["comment", "deadline", "description", "owners"]


@dataclass
class FieldEdit:
    """One free-text answer awaited for an existing action (comment, new deadline...)."""

    action_id: int
    field: FieldName


Pending = ActionDraft | FieldEdit


class BotData:
    """Application-wide state. PTB instantiates it; the composition root fills `deps`."""

    def __init__(self) -> None:
        self._deps: Deps | None = None
        # Keyed by (chat id, user id): two people can answer the bot in one group at once.
        self.pending: dict[tuple[int, int], Pending] = {}
        # The organisations part of the owner index, by organisations_version (bot.resolve).
        self.organisations: dict[tuple[int, int], OwnerIndex] = {}
        # Clusters by their group's chat id: read on every group command, changed only by
        # /cluster and a supergroup migration, which refresh this (see handlers.clusters).
        self.clusters_by_chat: dict[int, ClusterView] = {}
        # What the database last recorded of (cluster id, user id) being a coordinator, so a
        # check that agrees with it does not touch the database (see is_coordinator).
        self.recorded_coordinators: dict[tuple[int, int], bool] = {}

    @property
    def deps(self) -> Deps:
        if self._deps is None:
            raise RuntimeError("application built without dependencies")
        return self._deps

    @deps.setter
    def deps(self, value: Deps) -> None:
        self._deps = value


class RelanceContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    @property
    def deps(self) -> Deps:
        return self.bot_data.deps

    @property
    def pending(self) -> dict[tuple[int, int], Pending]:
        return self.bot_data.pending


RelanceApp = Application[
    ExtBot[None],
    RelanceContext,
    dict[Any, Any],
    dict[Any, Any],
    BotData,
    JobQueue[RelanceContext],
]
