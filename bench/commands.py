"""Time the everyday commands against a realistically filled database.

Run from the repository root:

    .venv/bin/python bench/commands.py [--actions 20000] [--iterations 300] [--profile voir]
        [--database-url postgresql+psycopg://postgres@127.0.0.1:PORT/postgres]

A fresh SQLite file (or the empty database `--database-url` names) is migrated and filled
(clusters, organisations, members, actions with owners and history), then the real
Application is driven in-process through the test harness (recording Bot API transport,
frozen clock). Each command is timed around ``Harness.process``; every call must produce
exactly one reply, of the expected kind.

The figures are for a human: the script always exits 0, whatever the targets say.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import io
import pstats
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from sqlalchemy import Connection, Table, event, func, insert, inspect, select  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402
from sqlmodel import SQLModel, col  # noqa: E402
from sqlmodel import select as sql_select  # noqa: E402

from bench.database import follow_explicit_ids  # noqa: E402
from bot import texts  # noqa: E402
from bot.callbacks import ActionButton, ReviewButton, ReviewOp, Verb, encode  # noqa: E402
from bot.workers import Workers  # noqa: E402
from storage.db import Database  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import (  # noqa: E402
    Action,
    ActionOwner,
    DeadlinePrecision,
    EventKind,
    OwnerKind,
    Review,
    Role,
    Status,
)
from tests.fakes.updates import FakeChat, FakeUser  # noqa: E402
from tests.harness import Harness, build_harness  # noqa: E402

# The harness clock: every deadline is spread around this instant.
NOW = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)

P95_TARGET_MS = 15.0
PEAK_TARGET_MB = 150.0

TELEGRAM_USER_BASE = 50_000_000
CHAT_ID_BASE = -1002000000000  # supergroups: -100...

NEW_ACTION = "/action Rédiger une note sur la situation de protection — OCHA, NRC — 25 octobre"

SECTORS = [
    "Protection",
    "Santé",
    "Nutrition",
    "Sécurité alimentaire",
    "Éducation",
    "Abris",
    "WASH",
    "Logistique",
    "Relèvement précoce",
    "Coordination des camps",
]
REGIONS = ["Bamako", "Mopti", "Gao", "Tombouctou", "Kidal", "Ségou", "Sikasso", "Kayes"]
FIRST_NAMES = [
    "Aminata",
    "Moussa",
    "Fatoumata",
    "Ibrahim",
    "Mariam",
    "Oumar",
    "Awa",
    "Seydou",
    "Kadiatou",
    "Bakary",
    "Hawa",
    "Souleymane",
    "Claire",
    "Jean-Luc",
    "Sophie",
    "Pierre",
    "Nadia",
    "Youssouf",
    "Rokia",
    "Adama",
]
LAST_NAMES = [
    "Diallo",
    "Traoré",
    "Coulibaly",
    "Keïta",
    "Konaté",
    "Sangaré",
    "Cissé",
    "Touré",
    "Maïga",
    "Dembélé",
    "Sidibé",
    "Kanté",
    "Martin",
    "Dubois",
    "Lefèvre",
    "N'Diaye",
    "Sow",
    "Ba",
    "Camara",
    "Doumbia",
]
VERBS = [
    "Rédiger",
    "Partager",
    "Mettre à jour",
    "Organiser",
    "Finaliser",
    "Valider",
    "Consolider",
    "Transmettre",
    "Cartographier",
    "Évaluer",
]
OBJECTS = [
    "la note de situation",
    "le plan de réponse",
    "la matrice 3W",
    "les indicateurs du trimestre",
    "le rapport d'évaluation rapide",
    "la liste des partenaires actifs",
    "les besoins en kits d'urgence",
    "le calendrier des distributions",
    "la cartographie des services",
    "les termes de référence du groupe de travail",
]
GROUP_LABELS = ["Partenaires du cluster", "Tous les membres", "Coordination du cluster"]
COMMENTS = [
    "Rapport envoyé aux partenaires.",
    "En attente de validation par la coordination.",
    "Bloqué par l'accès à la zone.",
    "Relancé par courriel.",
]
STATUS_WEIGHTS = {
    Status.TODO: 35,
    Status.IN_PROGRESS: 20,
    Status.BLOCKED: 5,
    Status.DONE: 30,
    Status.CANCELLED: 10,
}
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
             "septembre", "octobre", "novembre", "décembre"]  # fmt: skip


# --------------------------------------------------------------------------- the data


@dataclass(frozen=True)
class Person:
    member_id: int
    user: FakeUser
    organisation_id: int | None
    clusters: tuple[int, ...]


@dataclass
class World:
    """What the benchmark needs to know about the data it wrote, to pick realistic inputs."""

    cluster_ids: list[int] = field(default_factory=list)
    chat_of: dict[int, FakeChat] = field(default_factory=dict)
    coordinators: dict[int, list[Person]] = field(default_factory=dict)
    focal_points: dict[int, list[Person]] = field(default_factory=dict)  # by cluster
    # Focal points in several clusters whose organisation (or themselves) owns open actions.
    multi_cluster_focal_points: list[Person] = field(default_factory=list)
    action_cluster: list[tuple[int, int]] = field(default_factory=list)  # (action id, cluster)
    rows: dict[str, int] = field(default_factory=dict)


def _table(name: str) -> Table:
    return SQLModel.metadata.tables[name]


def _chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert(conn: Connection, name: str, rows: list[dict[str, Any]], world: World) -> None:
    if rows:
        conn.execute(insert(_table(name)), rows)
        if "id" in _table(name).c:
            follow_explicit_ids(conn, name)
    world.rows[name] = world.rows.get(name, 0) + len(rows)


def _person(member_id: int, name: str, organisation_id: int | None, clusters: list[int]) -> Person:
    first, _, last = name.partition(" ")
    user = FakeUser(TELEGRAM_USER_BASE + member_id, first, last or None)
    return Person(member_id, user, organisation_id, tuple(clusters))


def _deadline(rng: random.Random) -> dict[str, Any]:
    """Around NOW: some late, some due soon, some far, some undated."""
    roll = rng.random()
    if roll < 0.15:
        text = rng.choice([None, "dans les mois à venir", "selon les besoins", "ASAP"])
        return {
            "due_at": None,
            "deadline_precision": DeadlinePrecision.UNDATED.value,
            "deadline_label": None,
            "deadline_text": text,
        }
    day = (NOW + timedelta(days=rng.randint(-120, 120))).replace(
        hour=23, minute=59, second=59, microsecond=0
    )
    if roll < 0.25:
        month = MONTHS_FR[day.month - 1]
        return {
            "due_at": day,
            "deadline_precision": DeadlinePrecision.PERIOD.value,
            "deadline_label": f"fin {month}",
            "deadline_text": f"fin {month}",
        }
    if roll < 0.35:
        at = day.replace(hour=rng.randint(8, 17), minute=0, second=0)
        return {
            "due_at": at,
            "deadline_precision": DeadlinePrecision.MOMENT.value,
            "deadline_label": None,
            "deadline_text": f"{at.day} {MONTHS_FR[at.month - 1]} à {at.hour}h",
        }
    return {
        "due_at": day,
        "deadline_precision": DeadlinePrecision.DAY.value,
        "deadline_label": None,
        "deadline_text": f"{day.day} {MONTHS_FR[day.month - 1]}",
    }


def _owner(
    rng: random.Random, orgs: list[int], focal_points: list[Person], acronyms: dict[int, str]
) -> tuple[str, int | None, int | None, str]:
    """(kind, organisation id, member id, label) of one owner: mostly an organisation."""
    roll = rng.random()
    if roll < 0.75 or not focal_points:
        org = rng.choice(orgs)
        return OwnerKind.ORGANISATION.value, org, None, acronyms[org]
    if roll < 0.9:
        person = rng.choice(focal_points)
        name = f"{person.user.first_name} {person.user.last_name or ''}".strip()
        return OwnerKind.MEMBER.value, None, person.member_id, name
    return OwnerKind.UNLINKED.value, None, None, rng.choice(GROUP_LABELS)


def _meeting_before(
    starts: list[tuple[datetime, int]], created: datetime, rng: random.Random
) -> int | None:
    """The meeting an action created then came from: the last one before, or none (three in
    ten are logged between meetings)."""
    if rng.random() < 0.3:
        return None
    before = [meeting_id for start_at, meeting_id in starts if start_at <= created]
    return before[-1] if before else None


def fill(engine: Engine, args: argparse.Namespace, rng: random.Random) -> World:
    """Bulk-insert the whole data set in one transaction (Core executemany, chunked)."""
    world = World()
    with engine.begin() as conn:
        # Organisations: keep those the migrations load (the directory), add generated ones
        # up to --organisations.
        seeded = conn.execute(select(_table("organisation").c.id, _table("organisation").c.acronym))
        acronyms = {row.id: row.acronym for row in seeded}
        next_org = max(acronyms) + 1
        new_orgs = []
        for n in range(max(0, args.organisations - len(acronyms))):
            acronym = f"ONG-{n + 1:03d}"
            new_orgs.append(
                {
                    "id": next_org + n,
                    "acronym": acronym,
                    "full_name": f"Organisation partenaire numéro {n + 1}",
                    "aliases": [f"Partner NGO {n + 1}"] if n % 3 == 0 else [],
                }
            )
            acronyms[next_org + n] = acronym
        _insert(conn, "organisation", new_orgs, world)
        org_ids = sorted(acronyms)
        ocha = next(i for i, a in acronyms.items() if a == "OCHA")

        # Clusters, each with the organisations that work in it.
        clusters, cluster_orgs = [], []
        orgs_of: dict[int, list[int]] = {}
        for n in range(args.clusters):
            cid = n + 1
            sector, region = SECTORS[n % len(SECTORS)], REGIONS[n // len(SECTORS) % len(REGIONS)]
            chat = FakeChat(CHAT_ID_BASE - cid, "supergroup", f"Cluster {sector} {region}")
            clusters.append(
                {
                    "id": cid,
                    "name": f"Cluster {sector} {region} {n + 1}",
                    "short_name": f"C{n + 1}",
                    "chat_id": chat.id,
                    "timezone": "Africa/Bamako",
                    "created_at": NOW - timedelta(days=400),
                }
            )
            working = {ocha, *rng.sample(org_ids, min(len(org_ids), rng.randint(25, 55)))}
            orgs_of[cid] = sorted(working)
            cluster_orgs += [{"cluster_id": cid, "organisation_id": o} for o in orgs_of[cid]]
            world.cluster_ids.append(cid)
            world.chat_of[cid] = chat
            world.coordinators[cid] = []
            world.focal_points[cid] = []
        _insert(conn, "cluster", clusters, world)
        _insert(conn, "cluster_organisation", cluster_orgs, world)
        clusters_of_org: dict[int, list[int]] = {}
        for cid, orgs in orgs_of.items():
            for o in orgs:
                clusters_of_org.setdefault(o, []).append(cid)
        active_orgs = sorted(clusters_of_org)

        # Members: a few coordinators per cluster, focal points over organisations/clusters.
        members, memberships, multi_cluster = [], [], []
        member_names: dict[int, str] = {}
        for n in range(args.members):
            mid = n + 1
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            member_names[mid] = name
            coordinator_cluster = n // 3 + 1 if n < 3 * args.clusters else None
            if coordinator_cluster is not None:
                org: int | None = ocha if n % 3 == 0 else rng.choice(orgs_of[coordinator_cluster])
                joined = [coordinator_cluster]
                role = Role.COORDINATOR
            else:
                org = rng.choice(active_orgs)
                candidates = clusters_of_org[org]
                count = rng.choices([1, 2, 3, 4], weights=[60, 25, 10, 5])[0]
                joined = rng.sample(candidates, min(count, len(candidates)))
                role = Role.FOCAL_POINT
            members.append(
                {
                    "id": mid,
                    "telegram_user_id": TELEGRAM_USER_BASE + mid,
                    "display_name": name,
                    # Seen on Telegram before (as after their first message): each command
                    # times the steady state, not the first sight that records the name.
                    "telegram_name": name,
                    "organisation_id": org,
                    "reachable": rng.random() < 0.8,
                    "created_at": NOW - timedelta(days=rng.randint(1, 390)),
                }
            )
            person = _person(mid, name, org, joined)
            for cid in joined:
                memberships.append(
                    {
                        "cluster_id": cid,
                        "member_id": mid,
                        "role": role.value,
                        "created_at": NOW - timedelta(days=rng.randint(1, 390)),
                    }
                )
                roster = world.coordinators if role == Role.COORDINATOR else world.focal_points
                roster[cid].append(person)
            if role == Role.FOCAL_POINT and len(joined) > 1:
                multi_cluster.append(person)
        _insert(conn, "member", members, world)
        _insert(conn, "membership", memberships, world)

        # Meetings: every four weeks over the past year, and one this morning (the one a
        # review is walked in); an action comes from the last meeting before it, mostly.
        meetings: list[dict[str, Any]] = []
        meeting_starts: dict[int, list[tuple[datetime, int]]] = {}
        meeting_id = 0
        for cid in world.cluster_ids:
            starts = [
                NOW.replace(hour=10, minute=0) - timedelta(days=28 * k) for k in range(13, -1, -1)
            ]
            meeting_starts[cid] = []
            for start_at in starts:
                meeting_id += 1
                meetings.append(
                    {
                        "id": meeting_id,
                        "cluster_id": cid,
                        "starts_at": start_at,
                        "has_time": True,
                        "place": "bureau OCHA",
                        "created_at": start_at - timedelta(days=7),
                        "updated_at": start_at - timedelta(days=7),
                    }
                )
                meeting_starts[cid].append((start_at, meeting_id))
        _insert(conn, "meeting", meetings, world)

        # Actions, with their owners and history, written by chunks to bound memory.
        cluster_weights = [rng.uniform(0.3, 2.0) for _ in world.cluster_ids]
        statuses, status_weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
        owner_id = event_id = 0
        open_owned: set[tuple[int, int | None, int | None]] = set()
        chunk = 2000
        for start in range(0, args.actions, chunk):
            actions, owners, events = [], [], []
            for aid in range(start + 1, min(start + chunk, args.actions) + 1):
                cid = rng.choices(world.cluster_ids, weights=cluster_weights)[0]
                created = NOW - timedelta(days=rng.randint(1, 365), minutes=rng.randint(0, 1440))
                status = rng.choices(statuses, weights=status_weights)[0]
                author = rng.choice(world.coordinators[cid])
                world.action_cluster.append((aid, cid))
                actions.append(
                    {
                        "id": aid,
                        "cluster_id": cid,
                        "meeting_id": _meeting_before(meeting_starts[cid], created, rng),
                        "description": (
                            f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} "
                            f"({REGIONS[aid % len(REGIONS)]}, lot {aid})"
                        ),
                        **_deadline(rng),
                        "status": status.value,
                        "created_by_member_id": author.member_id,
                        "created_at": created,
                        "updated_at": created,
                        "deadline_set_at": created,
                    }
                )
                # 1-4 owners: organisations of the cluster, sometimes a person or a group.
                seen: set[tuple[str, int | None, int | None, str]] = set()
                for _ in range(rng.choices([1, 2, 3, 4], weights=[40, 35, 15, 10])[0]):
                    owner = _owner(rng, orgs_of[cid], world.focal_points[cid], acronyms)
                    if owner in seen:
                        continue
                    seen.add(owner)
                    kind_value, organisation_id, member_id, label = owner
                    if status.is_open:
                        open_owned.add((cid, organisation_id, member_id))
                    owner_id += 1
                    owners.append(
                        {
                            "id": owner_id,
                            "action_id": aid,
                            "position": len(seen) - 1,
                            "kind": kind_value,
                            "organisation_id": organisation_id,
                            "member_id": member_id,
                            "label": label,
                            "unknown": False,
                        }
                    )
                # 2-5 events: created, then status changes, comments, a postponement.
                at = created
                history: list[tuple[EventKind, str | None, str | None]] = [
                    (EventKind.CREATED, None, None)
                ]
                for _ in range(rng.randint(1, 4)):
                    kind = rng.choice([EventKind.STATUS, EventKind.COMMENT, EventKind.DEADLINE])
                    if kind == EventKind.STATUS:
                        history.append((kind, Status.TODO.value, status.value))
                    elif kind == EventKind.COMMENT:
                        history.append((kind, None, rng.choice(COMMENTS)))
                    else:
                        due = (NOW + timedelta(days=rng.randint(-60, 60))).isoformat()
                        history.append((kind, "sans date", f"{due}|day|fin du mois"))
                for kind, old, new in history:
                    event_id += 1
                    actor = author if rng.random() < 0.6 else rng.choice(world.coordinators[cid])
                    events.append(
                        {
                            "id": event_id,
                            "action_id": aid,
                            "at": at,
                            "actor_member_id": actor.member_id,
                            "actor_name": member_names[actor.member_id],
                            "kind": kind.value,
                            "old_value": old,
                            "new_value": new,
                        }
                    )
                    at = min(at + timedelta(days=rng.randint(0, 20), minutes=7), NOW)
            _insert(conn, "action", actions, world)
            for part in _chunks(owners, 5000):
                _insert(conn, "action_owner", part, world)
            for part in _chunks(events, 5000):
                _insert(conn, "action_event", part, world)
    world.multi_cluster_focal_points = [
        p
        for p in multi_cluster
        if any(
            (c, p.organisation_id, None) in open_owned or (c, None, p.member_id) in open_owned
            for c in p.clusters
        )
    ]
    with engine.begin() as conn:
        # Fresh statistics, as a database that has lived a while would have after ANALYZE.
        conn.exec_driver_sql("ANALYZE")
        world.rows["organisation (total)"] = int(
            conn.execute(select(func.count()).select_from(_table("organisation"))).scalar_one()
        )
    return world


# --------------------------------------------------------------------------- the commands


@dataclass
class Command:
    key: str  # as given to --profile
    name: str
    # Builds the next update and a check of the one reply it must produce.
    next_update: Callable[[], tuple[dict[str, Any], Callable[[str], bool]]]
    replies_by: str = "sendMessage"  # the Bot API method of that reply


@dataclass
class Card:
    """A card posted before the timings, whose status buttons a coordinator presses."""

    chat_id: int
    message_id: int
    action_id: int
    cluster_id: int
    status: Status


# Only a non-empty list has the "Page 1/n" footer: an empty one would measure less work.
PAGE_FOOTER = texts.LIST_PAGE.split("{pages}")[0].format(page=1)


def commands(
    harness: Harness, world: World, rng: random.Random, cards: list[Card]
) -> list[Command]:
    updates = harness.updates
    # Clusters that have focal points, so a plain member can ask in the group.
    with_members = [c for c in world.cluster_ids if world.focal_points[c]]

    def list_open() -> tuple[dict[str, Any], Callable[[str], bool]]:
        cid = rng.choice(with_members)
        user = rng.choice(world.focal_points[cid]).user
        update = updates.message("/actions", chat=world.chat_of[cid], user=user)
        title = texts.LIST_OPEN_TITLE.split("—")[0]
        return update, lambda text: text.startswith(title) and PAGE_FOOTER in text

    def list_mine() -> tuple[dict[str, Any], Callable[[str], bool]]:
        user = rng.choice(world.multi_cluster_focal_points).user
        update = updates.message("/mesactions", chat=FakeChat.private(user), user=user)
        title = texts.LIST_MINE_TITLE.split("{of_who}")[0]
        return update, lambda text: text.startswith(title) and PAGE_FOOTER in text

    def view() -> tuple[dict[str, Any], Callable[[str], bool]]:
        action_id, cid = rng.choice(world.action_cluster)
        people = world.focal_points[cid] or world.coordinators[cid]
        user = rng.choice(people).user
        update = updates.message(f"/voir {action_id}", chat=world.chat_of[cid], user=user)
        title = texts.CARD_TITLE.split("·")[0].format(id=action_id)
        return update, lambda text: text.startswith(title) and texts.HISTORY_TITLE in text

    def create() -> tuple[dict[str, Any], Callable[[str], bool]]:
        cid = rng.choice(world.cluster_ids)
        user = rng.choice(world.coordinators[cid]).user
        update = updates.message(NEW_ACTION, chat=world.chat_of[cid], user=user)
        return update, lambda text: text.startswith(texts.ACTION_CREATED)

    def follow_up() -> tuple[dict[str, Any], Callable[[str], bool]]:
        cid = rng.choice(with_members)
        user = rng.choice(world.focal_points[cid]).user
        update = updates.message("/suivi", chat=world.chat_of[cid], user=user)
        title = texts.FOLLOWUP_TITLE.split("—")[0]
        return update, lambda text: title in text and texts.FOLLOWUP_TO_REVIEW[-8:] in text

    def review_step() -> tuple[dict[str, Any], Callable[[str], bool]]:
        """A coordinator answers 🔄 En cours to the current item of a review started before
        the timings: recorded as said at the meeting, the item edited, the next one posted."""
        with harness.db.session() as session:
            # By id: the seeded choice must pick the same review on either engine, and
            # PostgreSQL returns the review a step just updated last.
            reviews = session.exec(
                sql_select(Review).where(col(Review.ended_at).is_(None)).order_by(col(Review.id))
            ).all()
            review = rng.choice(
                [r for r in reviews if r.message_id is not None and r.position < len(r.items) - 1]
            )
        cid = review.cluster_id
        user = rng.choice(world.coordinators[cid]).user
        assert review.id is not None
        assert review.message_id is not None
        data = encode(ReviewButton(ReviewOp.IN_PROGRESS, review.id, review.position))
        shown = {"chat_id": world.chat_of[cid].id, "message_id": review.message_id, "text": "…"}
        update = updates.callback(data, message=shown, user=user)
        point = texts.REVIEW_ITEM_TITLE.split("{")[0]
        return update, lambda text: text.startswith(point)

    def press() -> tuple[dict[str, Any], Callable[[str], bool]]:
        """A coordinator presses 🔄 En cours (⛔ Bloqué when it is in progress) under a card:
        the status changes, the press is answered and the card edited."""
        posted = rng.choice(cards)
        shown = harness.api.message(posted.chat_id, posted.message_id)
        assert shown is not None, "the card was posted before the timings"
        verb = Verb.BLOCKED if posted.status == Status.IN_PROGRESS else Verb.IN_PROGRESS
        data = encode(ActionButton(verb, posted.action_id, posted.status))
        user = rng.choice(world.coordinators[posted.cluster_id]).user
        posted.status = Status.BLOCKED if verb == Verb.BLOCKED else Status.IN_PROGRESS
        title = texts.CARD_TITLE.split("·")[0].format(id=posted.action_id)
        label = texts.STATUS_LABEL[posted.status]
        update = updates.callback(data, message=shown, user=user)
        return update, lambda text: text.startswith(title) and label in text

    return [
        Command("actions", "/actions (group)", list_open),
        Command("mesactions", "/mesactions (private)", list_mine),
        Command("voir", "/voir <id> (group)", view),
        Command("action", "/action … (group)", create),
        Command("suivi", "/suivi (group)", follow_up),
        Command("revue", "review step (group)", review_step),
        Command("press", "card press (group)", press, replies_by="editMessageText"),
    ]


COMMAND_KEYS = ("actions", "mesactions", "voir", "action", "suivi", "revue", "press")


async def post_cards(harness: Harness, world: World, rng: random.Random) -> list[Card]:
    """/voir of open actions, untimed: the cards the presses press."""
    cards: list[Card] = []
    # One owner each: a press on a shared action by a coordinator whose organisation has a
    # part reports that part, not the action's status.
    with harness.db.session() as session:
        single = (
            sql_select(ActionOwner.action_id)
            .group_by(col(ActionOwner.action_id))
            .having(func.count() == 1)
        )
        open_ids = set(
            session.exec(
                sql_select(Action.id).where(
                    col(Action.status) == Status.TODO.value, col(Action.id).in_(single)
                )
            ).all()
        )
    candidates = [(a, c) for a, c in world.action_cluster if a in open_ids]
    for action_id, cid in rng.sample(candidates, min(100, len(candidates))):
        user = world.coordinators[cid][0].user
        chat = world.chat_of[cid]
        [shown] = await harness.process(
            harness.updates.message(f"/voir {action_id}", chat=chat, user=user)
        )
        cards.append(Card(chat.id, int(shown["message_id"]), action_id, cid, Status.TODO))
    harness.api.clear()
    return cards


async def start_reviews(harness: Harness, world: World) -> None:
    """/revue in every cluster with focal points, untimed: the review steps' material."""
    for cid in world.cluster_ids:
        if world.focal_points[cid]:
            user = world.coordinators[cid][0].user
            await harness.process(
                harness.updates.message("/revue", chat=world.chat_of[cid], user=user)
            )
    harness.api.clear()


class QueryCounter:
    """Counts the SQL statements the engine runs; keeps their text while `keep` is set."""

    def __init__(self, engine: Engine) -> None:
        self.count = 0
        self.keep: list[str] | None = None
        event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.count += 1
        if self.keep is not None:
            self.keep.append(" ".join(statement.split()))


@dataclass
class Timing:
    name: str
    samples_ms: list[float]
    queries_per_call: float
    # CPU time of this process only: steadier than wall time on a shared virtual machine,
    # where another tenant's load shows up as wall time the bot did not spend.
    cpu_samples_ms: list[float] = field(default_factory=list)

    def percentile(self, q: float, samples: list[float] | None = None) -> float:
        ordered = sorted(self.samples_ms if samples is None else samples)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


async def call(harness: Harness, command: Command) -> tuple[float, float]:
    """One checked call of the command; its wall and CPU durations in milliseconds."""
    update, check = command.next_update()
    before = len(harness.api.calls)
    started, cpu_started = time.perf_counter(), time.process_time()
    await harness.process(update)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    replies = [
        c.params for c in harness.api.calls[before:] if c.method == command.replies_by and c.ok
    ]
    if len(replies) != 1:
        raise AssertionError(f"{command.name}: expected one reply, got {replies!r}")
    text = str(replies[0].get("text", ""))
    if not check(text):
        raise AssertionError(f"{command.name}: unexpected reply {text[:600]!r}")
    harness.api.clear()  # the recorder's memory is not the bot's
    return elapsed * 1000, cpu * 1000


async def run_command(
    harness: Harness, command: Command, *, warmup: int, iterations: int, counter: QueryCounter
) -> Timing:
    for _ in range(warmup):
        await call(harness, command)
    before = counter.count
    samples = [await call(harness, command) for _ in range(iterations)]
    return Timing(
        command.name,
        [wall for wall, _ in samples],
        (counter.count - before) / iterations,
        [cpu for _, cpu in samples],
    )


async def profile_command(harness: Harness, command: Command, iterations: int) -> cProfile.Profile:
    """Extra calls under cProfile, kept apart so the profiler never skews the timings."""
    profiler = cProfile.Profile()
    # cProfile sees one thread: the handlers run on the bot's loop while profiled, not on
    # their worker threads (bot.workers).
    threaded = Workers.run
    Workers.run = _inline  # type: ignore[method-assign,assignment]
    try:
        for _ in range(iterations):
            profiler.enable()
            await call(harness, command)
            profiler.disable()
    finally:
        Workers.run = threaded  # type: ignore[method-assign]
    return profiler


async def _inline(_workers: Workers, coroutine: Coroutine[Any, Any, Any]) -> Any:
    return await coroutine


# --------------------------------------------------------------------------- main


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument("--organisations", type=int, default=300, help="total, seeded included")
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--actions", type=int, default=20000)
    parser.add_argument("--iterations", type=int, default=300, help="timed calls per command")
    parser.add_argument("--warmup", type=int, default=10, help="untimed calls per command")
    parser.add_argument("--seed", type=int, default=20161020)
    parser.add_argument(
        "--profile",
        action="append",
        choices=COMMAND_KEYS,
        help="after timing, cProfile as many extra calls of this command (repeatable)",
    )
    parser.add_argument(
        "--database-url",
        help="an empty database to migrate and fill instead of a temporary SQLite file "
        "(scripts/postgres.py starts a throwaway PostgreSQL server and prints its URL)",
    )
    parser.add_argument(
        "--sql",
        action="append",
        choices=COMMAND_KEYS,
        help="after timing, print the SQL statements of one more call of this command",
    )
    parser.add_argument("--top", type=int, default=25, help="profile lines to print")
    parser.add_argument("--sort", default="cumulative", help="profile order: cumulative or tottime")
    args = parser.parse_args(argv)
    if args.members < 3 * args.clusters + 10:
        parser.error("--members must leave room for 3 coordinators per cluster and focal points")
    return args


async def bench(args: argparse.Namespace, directory: Path) -> None:
    rng = random.Random(args.seed)
    db = Database.from_url(args.database_url or f"sqlite:///{directory / 'bench.db'}")
    try:
        if inspect(db.engine).get_table_names():
            raise SystemExit(f"--database-url: {db.engine.url!r} is not empty")
        print(f"database: {db.engine.dialect.name} ({db.engine.url!r})")
        started = time.perf_counter()
        upgrade(db.engine)
        migrated = time.perf_counter()
        world = fill(db.engine, args, rng)
        filled = time.perf_counter()
        counts = ", ".join(f"{n} {t}" for t, n in world.rows.items())
        print(f"migrate: {migrated - started:.2f} s, fill: {filled - migrated:.2f} s")
        print(f"  rows: {counts}")
        print(f"  peak memory after fill: {peak_mb():.1f} MB")

        harness = build_harness(db, start=NOW)
        for cid, people in world.coordinators.items():
            for person in people:
                harness.api.set_chat_member_status(
                    world.chat_of[cid].id, person.user.id, "administrator"
                )
        counter = QueryCounter(db.engine)
        await harness.app.initialize()
        # The fill's garbage is not the bot's: collect it, then keep the survivors out of
        # later collections so they do not inflate the pauses measured below.
        gc.collect()
        gc.freeze()
        await start_reviews(harness, world)
        cards = await post_cards(harness, world, rng)
        timed_from = time.perf_counter()
        profiled = set(args.profile or ())
        timings: list[Timing] = []
        profiles: list[tuple[str, cProfile.Profile]] = []
        try:
            for command in commands(harness, world, rng, cards):
                timings.append(
                    await run_command(
                        harness,
                        command,
                        warmup=args.warmup,
                        iterations=args.iterations,
                        counter=counter,
                    )
                )
            report(timings, args.iterations, time.perf_counter() - timed_from)
            for command in commands(harness, world, rng, cards):
                if command.key in set(args.sql or ()):
                    counter.keep = []
                    await call(harness, command)
                    print(f"\n--- SQL of one {command.name} ({len(counter.keep)} statements) ---")
                    for statement in counter.keep:
                        print(f"  {statement[:160]}")
                    counter.keep = None
                if command.key in profiled:
                    profiler = await profile_command(harness, command, args.iterations)
                    profiles.append((command.name, profiler))
        finally:
            await harness.app.shutdown()
        for name, profiler in profiles:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(args.sort)
            stats.print_stats(args.top)
            print(f"\n--- profile of {name} ({args.iterations} calls), by {args.sort} time ---")
            print(out.getvalue().strip())
    finally:
        db.dispose()


def report(timings: list[Timing], iterations: int, seconds: float) -> None:
    width = max(len(t.name) for t in timings)
    print(f"\n{iterations} timed calls per command ({seconds:.1f} s with warm-up)")
    print(
        f"{'command':<{width}}  {'median ms':>9}  {'p95 ms':>7}  {'max ms':>7}  {'SQL/call':>8}"
        f"  {'CPU median':>10}  {'CPU p95':>7}"
    )
    for t in timings:
        median = statistics.median(t.samples_ms)
        print(
            f"{t.name:<{width}}  {median:>9.2f}  {t.percentile(0.95):>7.2f}"
            f"  {max(t.samples_ms):>7.2f}  {t.queries_per_call:>8.1f}"
            f"  {statistics.median(t.cpu_samples_ms):>10.2f}"
            f"  {t.percentile(0.95, t.cpu_samples_ms):>7.2f}"
        )
    peak = peak_mb()
    print(f"\npeak memory (ru_maxrss): {peak:.1f} MB")
    print("\ntargets:")
    for t in timings:
        p95 = t.percentile(0.95)
        verdict = "PASS" if p95 < P95_TARGET_MS else "FAIL"
        print(f"  {verdict}  p95 {t.name:<{width}} {p95:7.2f} ms < {P95_TARGET_MS:.0f} ms")
    verdict = "PASS" if peak < PEAK_TARGET_MB else "FAIL"
    print(f"  {verdict}  peak memory {peak:.1f} MB < {PEAK_TARGET_MB:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="relance-bench-") as directory:
        asyncio.run(bench(args, Path(directory)))
    return 0  # figures for a human, not a test


if __name__ == "__main__":
    sys.exit(main())
