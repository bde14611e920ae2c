"""The group's administrators, who are its cluster's coordinators, all of them.

Telegram is the truth: its administrators list (getChatAdministrators, one call for the whole
group) is asked when a right matters and kept a few minutes, and the chat_member updates
Telegram sends when the bot administers the group keep it exact in between. Each list asked is
written to storage, so the reminder sweep, which reads only the database, reaches every
administrator, including one who never wrote in the group, and no longer a demoted one.

Why a cache: PTB's rate limiter counts every request that names a group against that group's
20 a minute, a check as much as a message, so a meeting where coordinators log an action a
minute would otherwise spend half of the group's messages on asking who they are. A list a
few minutes old may grant a right; a refusal is always asked again first (guards).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from telegram import Bot, ChatMember
from telegram.constants import ChatMemberStatus
from telegram.error import BadRequest, NetworkError, TelegramError

from storage.clusters import all_clusters
from storage.db import Database
from storage.members import Administrator, sync_coordinators
from storage.views import ClusterView

log = logging.getLogger(__name__)

ADMIN_STATUSES = frozenset({ChatMemberStatus.ADMINISTRATOR, ChatMemberStatus.OWNER})
# How long a list may grant a right: a demotion Telegram did not announce (the bot is not an
# administrator there) takes at most this long to take effect on commands.
FRESH_FOR = timedelta(minutes=5)
# The sweep asks a group again when its list is older than this: escalations, reachability
# notices and "CCP" reminders go out by the day, an hour-old list is current enough for them.
SWEEP_FRESH_FOR = timedelta(hours=1)


@dataclass(frozen=True)
class AdminList:
    people: tuple[Administrator, ...]
    asked_at: datetime

    @property
    def user_ids(self) -> frozenset[int]:
        return frozenset(p.telegram_user_id for p in self.people)


class AdminCache:
    """The last administrators list of each group (by chat id), and when it was asked."""

    def __init__(self) -> None:
        self._lists: dict[int, AdminList] = {}
        # The last attempt, answered or not: a group Telegram cannot tell about is not asked
        # again at every sweep.
        self._tried: dict[int, datetime] = {}

    def fresh(
        self, chat_id: int, now: datetime, max_age: timedelta = FRESH_FOR
    ) -> AdminList | None:
        known = self._lists.get(chat_id)
        return known if known is not None and now - known.asked_at < max_age else None

    def due(self, chat_id: int, now: datetime, max_age: timedelta) -> bool:
        tried = self._tried.get(chat_id)
        return tried is None or now - tried >= max_age

    def tried(self, chat_id: int, now: datetime) -> None:
        self._tried[chat_id] = now

    def learned(self, chat_id: int, people: Iterable[Administrator], now: datetime) -> AdminList:
        self._lists[chat_id] = known = AdminList(tuple(people), now)
        self._tried[chat_id] = now
        return known

    def changed(self, chat_id: int, person: Administrator, admin: bool) -> None:
        """Telegram announced a promotion or a demotion: the list stays as fresh as it was."""
        known = self._lists.get(chat_id)
        if known is not None:
            others = tuple(p for p in known.people if p.telegram_user_id != person.telegram_user_id)
            self._lists[chat_id] = AdminList(others + (person,) * admin, known.asked_at)

    def forget(self, *chat_ids: int) -> None:
        for chat_id in chat_ids:
            self._lists.pop(chat_id, None)
            self._tried.pop(chat_id, None)


def is_admin(member: ChatMember) -> bool:
    return member.status in ADMIN_STATUSES


def administrator(member: ChatMember) -> Administrator:
    user = member.user
    return Administrator(user.id, user.full_name, user.username)


async def ask(
    bot: Bot,
    cache: AdminCache,
    chat_id: int,
    now: datetime,
    *,
    db: Database | None = None,
    cluster: ClusterView | None = None,
) -> frozenset[int] | None:
    """The group's administrators as Telegram lists them now (bots left out: the group's
    anonymous administrators post as a bot account); with `cluster`, also stored as its
    coordinators. None when Telegram cannot be asked: then the stored roles answer."""
    try:
        return await _ask(bot, cache, chat_id, now, db=db, cluster=cluster)
    except TelegramError as exc:
        log.warning("cannot list the administrators of chat %s: %s", chat_id, exc)
        return None


async def _ask(
    bot: Bot,
    cache: AdminCache,
    chat_id: int,
    now: datetime,
    *,
    db: Database | None,
    cluster: ClusterView | None,
    threaded: bool = False,
) -> frozenset[int]:
    """`threaded`: on the bot's loop (the sweep), the list is stored from a thread; a
    handler runs on a worker thread already (bot.workers)."""
    cache.tried(chat_id, now)
    members = await bot.get_chat_administrators(chat_id)
    people = [administrator(m) for m in members if not m.user.is_bot]
    known = cache.learned(chat_id, people, now)
    if db is not None and cluster is not None:
        if threaded:
            await asyncio.to_thread(store, db, cluster, known, now)
        else:
            store(db, cluster, known, now)
    return known.user_ids


def _all_clusters(db: Database) -> list[ClusterView]:
    with db.session() as session:
        return all_clusters(session=session)


def store(db: Database, cluster: ClusterView, known: AdminList, now: datetime) -> None:
    """The list becomes the cluster's coordinators in storage, which the sweep reads."""
    with db.session() as session:
        sync_coordinators(
            session=session, cluster_id=cluster.id, administrators=known.people, now=now
        )


async def refresh_stale(bot: Bot, db: Database, cache: AdminCache, now: datetime) -> None:
    """Before a sweep: every cluster whose list is older than SWEEP_FRESH_FOR is asked again,
    so the day's escalations reach today's administrators. A network that fails ends the
    round (the sweep will meet the same network); the next is an hour later."""
    clusters = await asyncio.to_thread(_all_clusters, db)  # the sweep's reads stay off the loop
    for cluster in clusters:
        if not cache.due(cluster.chat_id, now, SWEEP_FRESH_FOR):
            continue
        try:
            await _ask(bot, cache, cluster.chat_id, now, db=db, cluster=cluster, threaded=True)
        except BadRequest as exc:  # the group is gone, the bot was removed: its roles stand
            log.warning("cannot list the administrators of chat %s: %s", cluster.chat_id, exc)
        except NetworkError as exc:
            log.warning("administrators not asked, Telegram unreachable: %s", exc)
            for rest in clusters:
                cache.tried(rest.chat_id, now)
            return
        except TelegramError as exc:
            log.warning("cannot list the administrators of chat %s: %s", cluster.chat_id, exc)
