"""What handlers reach through their context: typed, not fished out of dicts."""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.admins import AdminCache
from bot.clock import Clock
from bot.conversation import Conversations
from bot.transport import AnswerTracking
from language.owners import OwnerIndex
from storage.db import Database
from storage.views import ClusterView


@dataclass
class Deps:
    db: Database
    clock: Clock
    default_timezone: str
    conversations: Conversations
    transport: AnswerTracking | None = None  # which button presses Telegram took an answer to


class BotData:
    """Application-wide state. PTB instantiates it; the composition root fills `deps`.

    Its caches change only through the methods below, so the rule for keeping each one
    true is written once."""

    def __init__(self) -> None:
        self._deps: Deps | None = None
        # The organisations part of the owner index, by organisations_version (bot.resolve).
        self.organisations: dict[tuple[int, int], OwnerIndex] = {}
        # Clusters by their group's chat id and by id: read on every command, changed only
        # by /cluster and a supergroup migration.
        self.clusters_by_chat: dict[int, ClusterView] = {}
        self.clusters_by_id: dict[int, ClusterView] = {}
        # Each group's administrators, its coordinators, as Telegram last listed them.
        self.administrators = AdminCache()
        # One reminder sweep at a time, whoever starts it (the job, a test, the benchmark).
        self.sweep_lock = asyncio.Lock()
        # Set when the bot is asked to stop: a sweep under way sends nothing more (bot.cli).
        self.stopping = asyncio.Event()

    @property
    def deps(self) -> Deps:
        if self._deps is None:
            raise RuntimeError("application built without dependencies")
        return self._deps

    @deps.setter
    def deps(self, value: Deps) -> None:
        self._deps = value

    def cluster_read(self, cluster: ClusterView) -> None:
        self.clusters_by_chat[cluster.chat_id] = cluster
        self.clusters_by_id[cluster.id] = cluster

    def chats_moved(self, *chat_ids: int) -> None:
        """A group became a supergroup: what is cached under either chat id is stale."""
        self.administrators.forget(*chat_ids)
        for chat_id in chat_ids:
            cluster = self.clusters_by_chat.pop(chat_id, None)
            if cluster is not None:
                self.clusters_by_id.pop(cluster.id, None)

    def aliases_changed(self) -> None:
        """An alias was linked: the cached owner index, versioned by organisations, lags."""
        self.organisations.clear()


class RelanceContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    """PTB builds one context per update and reuses it across handler groups: what is
    cached here is read once per update."""

    @functools.cached_property
    def now(self) -> datetime:
        """The instant of this update: every part of a reply agrees on the time."""
        return self.bot_data.deps.clock.now()

    # Set when an administrator presses a button of a question asked of the group's
    # anonymous administrators: the exchange stays theirs (see guards.key).
    pressed_for: int | None = None

    @functools.cached_property
    def owner_indexes(self) -> dict[int, OwnerIndex]:
        """The names an owner can be, per cluster, built once per update."""
        return {}

    @functools.cached_property
    def coordinator_checks(self) -> dict[int, bool]:
        """Whether the person coordinates each cluster, as Telegram said during this update:
        a check repeated before writing costs no second round trip."""
        return {}

    @functools.cached_property
    def admins_asked(self) -> dict[int, frozenset[int] | None]:
        """The administrators Telegram listed for each group during this update (None: it
        could not be asked), so that a refusal checked twice costs one round trip."""
        return {}

    @property
    def deps(self) -> Deps:
        return self.bot_data.deps

    @property
    def conversations(self) -> Conversations:
        return self.bot_data.deps.conversations


RelanceApp = Application[
    ExtBot[None],
    RelanceContext,
    dict[Any, Any],
    dict[Any, Any],
    BotData,
    JobQueue[RelanceContext],
]
