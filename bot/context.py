"""What handlers reach through their context: typed, not fished out of dicts."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.clock import Clock
from bot.pending import PendingStore
from language.owners import OwnerIndex
from storage.db import Database
from storage.views import ClusterView


@dataclass
class Deps:
    db: Database
    clock: Clock
    default_timezone: str
    pending: PendingStore


class BotData:
    """Application-wide state. PTB instantiates it; the composition root fills `deps`."""

    def __init__(self) -> None:
        self._deps: Deps | None = None
        # The organisations part of the owner index, by organisations_version (bot.resolve).
        self.organisations: dict[tuple[int, int], OwnerIndex] = {}
        # Clusters by their group's chat id: read on every group command, changed only by
        # /cluster and a supergroup migration, which refresh this (see handlers.clusters).
        self.clusters_by_chat: dict[int, ClusterView] = {}
        # What the database last recorded of (cluster id, user id) being a coordinator, so a
        # check that agrees with it does not touch the database (see is_coordinator).
        self.recorded_coordinators: dict[tuple[int, int], bool] = {}
        # One reminder sweep at a time, whoever starts it (the job, a test, the benchmark).
        self.sweep_lock = asyncio.Lock()

    @property
    def deps(self) -> Deps:
        if self._deps is None:
            raise RuntimeError("application built without dependencies")
        return self._deps

    @deps.setter
    def deps(self, value: Deps) -> None:
        self._deps = value


class RelanceContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    @functools.cached_property
    def now(self) -> datetime:
        """The instant of this update, read once: PTB builds one context per update and
        reuses it across handler groups, so every part of a reply agrees on the time."""
        return self.bot_data.deps.clock.now()

    @property
    def deps(self) -> Deps:
        return self.bot_data.deps

    @property
    def pending(self) -> PendingStore:
        return self.bot_data.deps.pending


RelanceApp = Application[
    ExtBot[None],
    RelanceContext,
    dict[Any, Any],
    dict[Any, Any],
    BotData,
    JobQueue[RelanceContext],
]
