"""Who may do what to an action: the table in bot/rights.py, the README's table, and what
every role can really change, by button and by command, in the group and in private,
judged on what is stored."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from bot import keyboards
from bot.callbacks import ActionButton, Verb, decode, encode
from bot.rights import ACTS, COMMANDS, RULES, Act, Who, who_may
from storage.models import (
    Action,
    ActionEvent,
    ActionOwner,
    DeadlinePrecision,
    OwnerKind,
    Status,
)
from storage.parts import Parts
from storage.views import ActionView, DeadlineValue, OwnerView
from tests.conftest import invite
from tests.fakes.updates import FakeChat, FakeUser
from tests.harness import (
    COORDINATOR,
    FOCAL,
    GROUP,
    OTHER_FOCAL,
    OTHER_GROUP,
    OUTSIDER,
    Harness,
    private,
)

README = Path(__file__).parents[2] / "README.md"
ELSEWHERE = FakeUser(206, "Moussa", "Keïta")  # OCHA's focal point in the other cluster only


# --- The table and the README say the same thing ---------------------------------------------


def readme_rows() -> dict[str, list[str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Who may change an action", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    return {c[0]: c[1:] for c in cells if not set(c[0]) <= {"-"}}


def test_the_readme_says_who_may_run_a_meeting_as_the_table_does() -> None:
    text = README.read_text(encoding="utf-8")
    section = text.split("### Who may run a meeting", 1)[1].split("\n### ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ")][1:]
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows]
    written = {c[0]: c[2] for c in cells if not set(c[0]) <= {"-"}}
    assert written == {act.value: who.value for act, who in ACTS.items()}
    assert set(ACTS) == set(Act)


def button_labels() -> dict[Verb, str]:
    unknown = OwnerView(OwnerKind.UNLINKED, "Zorglub", None, None, True)
    action = ActionView(
        id=1,
        cluster_id=1,
        cluster_name="CP",
        description="x",
        owners=(unknown,),
        deadline=DeadlineValue(None, DeadlinePrecision.UNDATED),
        status=Status.TODO,
        created_at=datetime(2016, 10, 20, tzinfo=UTC),
        updated_at=datetime(2016, 10, 20, tzinfo=UTC),
    )
    labels: dict[Verb, str] = {}
    shared = keyboards.action_card(action, Parts(1, ()))  # the card of an action of many
    for markup in (keyboards.action_card(action), keyboards.confirm_cancel(action), shared):
        for row in markup.inline_keyboard:
            for button in row:
                decoded = decode(str(button.callback_data))
                assert isinstance(decoded, ActionButton)
                labels.setdefault(decoded.verb, button.text)
    return labels


def test_every_verb_of_the_table_is_in_the_readme_with_the_same_roles() -> None:
    rows = readme_rows()

    assert sorted(rows) == sorted(v.name.lower() for v in RULES)
    for verb, rule in RULES.items():
        _, _, who, on_cancelled = rows[verb.name.lower()]
        assert Who(who) == rule.who, verb
        assert Who(on_cancelled) == who_may(verb, Status.CANCELLED), verb


def test_the_readme_names_each_verb_by_its_real_button_and_command() -> None:
    rows, labels = readme_rows(), button_labels()
    commands = {verb: name for name, verb in COMMANDS.items()}

    for verb in RULES:
        button, command = rows[verb.name.lower()][:2]
        shown = re.sub(r"\s*(\(.*\)|« … »)$", "", button)
        assert labels[verb].startswith(shown), (verb, labels[verb], button)
        typed = re.match(r"`/(\w+)", command)
        assert (typed.group(1) if typed else None) == commands.get(verb), verb


# --- Every verb, every role, in the group and in private ------------------------------------


@dataclass(frozen=True)
class Role:
    name: str
    user: FakeUser
    member: bool  # of the action's cluster: sees it in private
    owner: bool
    coordinator: bool


ROLES = [
    Role("coordinator", COORDINATOR, member=True, owner=True, coordinator=True),
    Role("owner focal point", FOCAL, member=True, owner=True, coordinator=False),
    Role(
        "other organisation's focal point", OTHER_FOCAL, member=True, owner=False, coordinator=False
    ),
    Role(
        "same organisation, other cluster", ELSEWHERE, member=False, owner=False, coordinator=False
    ),
    Role("outsider", OUTSIDER, member=False, owner=False, coordinator=False),
]

# What the button asks for (the typed answer that completes it), when it asks.
ANSWER: dict[Verb, str] = {
    Verb.POSTPONE: "fin novembre",
    Verb.COMMENT: "Rapport envoyé",
    Verb.EDIT_DESCRIPTION: "Faire la cartographie des acteurs",
    Verb.EDIT_OWNERS: "OCHA, NRC",
    Verb.LINK: "DNDS",
}
COMMAND_TEXT = {
    "fait": "/fait 1",
    "encours": "/encours 1",
    "bloque": "/bloque 1",
    "reporter": "/reporter 1 fin novembre",
    "commenter": "/commenter 1 Rapport envoyé",
    "annuler": "/annuler 1",
    "voir": "/voir 1",
}


@pytest.fixture
async def world(cluster: Harness) -> Harness:
    """Cluster CP (OCHA: Gerson, NRC: Hanan), cluster CRP (OCHA: Moussa), and action 1 of CP
    owned by OCHA and an unknown name."""
    await invite(cluster, "NRC", OTHER_FOCAL)
    cluster.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await cluster.say(
        "/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP
    )
    code = await cluster.invitation("/inviter OCHA Moussa Keïta", chat=OTHER_GROUP)
    await cluster.send(f"/start {code}", user=ELSEWHERE, chat=private(ELSEWHERE))
    await cluster.say(
        "/action Faire la cartographie — OCHA, Zorglub — 25 octobre", user=COORDINATOR, chat=GROUP
    )
    cluster.api.clear()
    return cluster


def stored(bot: Harness) -> tuple[Any, ...]:
    with bot.db.session() as session:
        action = session.get(Action, 1)
        assert action is not None
        owners = session.exec(select(ActionOwner.label).where(ActionOwner.action_id == 1)).all()
        events = session.exec(select(ActionEvent.id).where(ActionEvent.action_id == 1)).all()
        return (action.status, action.due_at, action.description, sorted(owners), len(events))


def allowed(role: Role, in_group: bool, verb: Verb, status: Status = Status.TODO) -> bool:
    if not (in_group or role.member):
        return False  # in private an action of a cluster one is not a member of is not found
    who = who_may(verb, status)
    return (
        who == Who.ANYONE
        or (who == Who.OWNERS and (role.owner or role.coordinator))
        or (who == Who.COORDINATORS and role.coordinator)
    )


def changes(verb: Verb) -> bool:
    """Showing the card stores nothing; every other verb (cancel once confirmed) does."""
    return verb != Verb.SHOW


async def press(bot: Harness, verb: Verb, user: FakeUser, chat: FakeChat) -> list[dict[str, Any]]:
    """The button pressed on a card shown in this chat; what it asks is answered."""
    with bot.db.session() as session:
        action = session.get(Action, 1)
        assert action is not None
        status = Status(action.status)
    # A card in this chat, as the bot would have shown it there.
    shown = await bot.app.bot.send_message(chat.id, "card")
    message = {"chat_id": chat.id, "message_id": shown.message_id, "text": "card"}
    data = encode(ActionButton(verb, 1, status))
    sent = await bot.process(bot.updates.callback(data, message=message, user=user))
    if verb == Verb.CANCEL:
        data = encode(ActionButton(Verb.CANCEL_CONFIRMED, 1, status))
        sent += await bot.process(bot.updates.callback(data, message=message, user=user))
    if verb in ANSWER and sent:
        sent += await bot.send(ANSWER[verb], user=user, chat=chat, reply_to=sent[-1])
    return sent


@pytest.mark.parametrize("verb", list(RULES), ids=lambda v: v.name.lower())
@pytest.mark.parametrize("in_group", [True, False], ids=["group", "private"])
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.name)
async def test_a_button_changes_the_action_exactly_when_the_table_allows(
    world: Harness, role: Role, in_group: bool, verb: Verb
) -> None:
    before = stored(world)
    chat = GROUP if in_group else private(role.user)

    await press(world, verb, role.user, chat)

    changed = stored(world) != before
    assert changed == (allowed(role, in_group, verb) and changes(verb))


@pytest.mark.parametrize("command", list(COMMAND_TEXT))
@pytest.mark.parametrize("in_group", [True, False], ids=["group", "private"])
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.name)
async def test_a_command_changes_the_action_exactly_when_the_table_allows(
    world: Harness, role: Role, in_group: bool, command: str
) -> None:
    before = stored(world)
    chat = GROUP if in_group else private(role.user)

    replies = await world.send(COMMAND_TEXT[command], user=role.user, chat=chat)

    assert replies, "every command gets an answer"
    verb = COMMANDS[command]
    assert (stored(world) != before) == (allowed(role, in_group, verb) and changes(verb))


# --- The two corrections ------------------------------------------------------------------


async def test_a_focal_point_of_the_same_organisation_in_another_cluster_changes_nothing_here(
    world: Harness,
) -> None:
    before = stored(world)

    in_group = await world.say("/fait 1", user=ELSEWHERE, chat=GROUP)
    in_private = await world.say("/fait 1", user=ELSEWHERE, chat=private(ELSEWHERE))

    assert "Seuls les points focaux des responsables de l'action n° 1" in in_group
    assert "Je ne trouve pas d'action n° 1" in in_private
    assert stored(world) == before
    # Their own cluster's OCHA actions are theirs, and "mine" lists only those.
    await world.say(
        "/action Recenser les PDI — OCHA — 30 novembre", user=COORDINATOR, chat=OTHER_GROUP
    )
    assert "Action n° 2" in await world.say("/fait 2", user=ELSEWHERE)
    mine = await world.say("/mesactions", user=ELSEWHERE, chat=GROUP)
    assert "Faire la cartographie" not in mine


async def test_a_focal_point_invited_in_both_clusters_acts_in_both(world: Harness) -> None:
    code = await world.invitation("/inviter OCHA Moussa Keïta", chat=GROUP)
    await world.send(f"/start {code}", user=ELSEWHERE, chat=private(ELSEWHERE))

    assert "Action n° 1" in await world.say("/encours 1", user=ELSEWHERE)
    assert stored(world)[0] == "en_cours"


async def test_reopening_a_cancelled_action_is_for_coordinators(world: Harness) -> None:
    await world.say("/annuler 1", user=COORDINATOR, chat=GROUP)

    refused = await world.say("/encours 1", user=FOCAL)

    assert "L'action n° 1 est annulée : seuls les coordinateurs du cluster" in refused
    assert stored(world)[0] == "annule"
    assert "Statut : 🔄 En cours" in await world.say("/encours 1", user=COORDINATOR)
    assert stored(world)[0] == "en_cours"


@pytest.mark.parametrize("verb", [Verb.DONE, Verb.IN_PROGRESS, Verb.BLOCKED])
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.name)
async def test_on_a_cancelled_action_only_a_coordinator_changes_the_status(
    world: Harness, role: Role, verb: Verb
) -> None:
    await world.say("/annuler 1", user=COORDINATOR, chat=GROUP)
    before = stored(world)

    await press(world, verb, role.user, GROUP)

    assert (stored(world) != before) == allowed(role, True, verb, Status.CANCELLED)


async def test_a_done_action_can_be_reopened_by_its_owner(world: Harness) -> None:
    await world.say("/fait 1", user=FOCAL)

    await world.say("/encours 1", user=FOCAL)

    assert stored(world)[0] == "en_cours"
