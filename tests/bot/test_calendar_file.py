"""/calendrier sends the calendar file partners import into their phones' calendars: read back
here with icalendar, as a calendar application would read it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event
from sqlmodel import select

from bot.documents.calendar import write_calendar
from bot.handlers import exports
from storage.actions import create_action
from storage.calendar_export import CalendarAction, CalendarExport, CalendarMeeting
from storage.models import Cluster, DeadlinePrecision, Member, OwnerKind, Status
from storage.views import (
    ActionView,
    Author,
    ClusterView,
    DeadlineValue,
    MeetingView,
    OwnerInput,
    OwnerView,
)
from tests.conftest import invite
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

BAMAKO = ZoneInfo("Africa/Bamako")
DOMAIN = "relance_test_bot.t.me"
AGENDA = "1. Suivi des actions ; revue, point par point\n2. Plan de réponse \\ divers"


async def calendar_of(
    bot: Harness, text: str = "/calendrier", *, user: Any, chat: Any
) -> tuple[Calendar, dict[str, Any]]:
    """Send the command; the one file it brought back, parsed, and the sendDocument call."""
    before = len(bot.api.calls_to("sendDocument"))
    replies = await bot.send(text, user=user, chat=chat)
    sent = bot.api.calls_to("sendDocument")[before:]
    assert len(sent) == 1, replies
    content = sent[0]["document"].content
    return Calendar.from_ical(content), sent[0]


def events(calendar: Calendar) -> dict[str, Event]:
    found = {e.uid: e for e in calendar.events}
    assert len(found) == len(calendar.events), "a UID twice"
    return found


def by(bot: Harness, user: Any) -> Author:
    with bot.db.session() as session:
        member = session.exec(select(Member).where(Member.telegram_user_id == user.id)).one()
        return Author(member.id, member.display_name, bot.clock.now())


def add_action(
    bot: Harness, description: str, owner: str, deadline: DeadlineValue, cluster_id: int = 1
) -> int:
    """An action the commands could not create: undated without the question, or late."""
    with bot.db.session() as session:
        organisation_id = session.exec(
            select(Member.organisation_id).where(Member.telegram_user_id == FOCAL.id)
        ).one()
        return create_action(
            session=session,
            cluster_id=cluster_id,
            description=description,
            owners=[OwnerInput(OwnerKind.ORGANISATION, owner, organisation_id=organisation_id)],
            deadline=deadline,
            by=by(bot, COORDINATOR),
        ).id


@pytest.fixture
async def planned(cluster: Harness) -> Harness:
    """The Protection cluster on Thursday 20 October 2016: a meeting, a milestone and
    actions of every kind of deadline."""
    bot = cluster
    await invite(bot, "NRC", OTHER_FOCAL, "Hanan Talbi")
    for command in [
        "/reunion 2 novembre 14h30 bureau du PNUD",
        f"/ordre_du_jour {AGENDA}",
        "/echeance Soumission des projets OPS — 31 octobre",
        "/action Rédiger la note de protection — OCHA, CCP — 25 octobre",  # 1: a day
        "/action Former les partenaires à l'OPS — NRC — vendredi 21 octobre à 10h",  # 2: an hour
        "/action Mettre à jour la matrice 3W — OCHA — fin novembre",  # 3: a period
        "/action Partager le rapport — OCHA — avant la prochaine réunion",  # 4: the meeting
    ]:
        await bot.send(command, user=COORDINATOR, chat=GROUP)
    undated = DeadlineValue(None, DeadlinePrecision.UNDATED, text="dans les mois à venir")
    assert add_action(bot, "Cartographier les acteurs", "OCHA", undated) == 5
    late = DeadlineValue(datetime(2016, 10, 18, 23, 59, 59, tzinfo=UTC), DeadlinePrecision.DAY)
    assert add_action(bot, "Envoyer la liste des sites", "OCHA", late) == 6
    bot.api.clear()
    return bot


# --- What the file holds -------------------------------------------------------------------


async def test_a_member_gets_the_cluster_s_calendar_in_the_group(planned: Harness) -> None:
    calendar, sent = await calendar_of(planned, user=FOCAL, chat=GROUP)

    assert sent["chat_id"] == GROUP.id
    assert sent["document"].file_name == "Relance_CP.ics"
    assert str(calendar["X-WR-CALNAME"]) == "Relance — Cluster Protection (CP)"
    assert str(calendar["X-WR-TIMEZONE"]) == "Africa/Bamako"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Africa/Bamako"]
    found = events(calendar)
    assert set(found) == {
        f"meeting-1@{DOMAIN}",
        f"milestone-1@{DOMAIN}",
        *(f"action-{n}@{DOMAIN}" for n in (1, 2, 3, 4, 6)),  # 5 has no date
    }
    caption = sent["caption"]
    assert "Calendrier — Cluster Protection (CP)" in caption
    assert "1 réunion, 1 échéance du cluster, 5 actions (dont 1 en retard)." in caption
    assert "1 action ouverte sans date n'y figure pas" in caption
    assert "sans les doubler" in caption


async def test_a_meeting_has_its_hour_in_the_cluster_s_zone_its_place_and_agenda(
    planned: Harness,
) -> None:
    calendar, _ = await calendar_of(planned, user=FOCAL, chat=GROUP)

    meeting = events(calendar)[f"meeting-1@{DOMAIN}"]
    assert meeting.start == datetime(2016, 11, 2, 14, 30, tzinfo=BAMAKO)
    assert meeting["DTSTART"].params["TZID"] == "Africa/Bamako"
    assert meeting.end - meeting.start == timedelta(hours=2)
    assert str(meeting["LOCATION"]) == "bureau du PNUD"
    assert str(meeting["SUMMARY"]) == "Réunion de coordination — CP"
    assert AGENDA in str(meeting["DESCRIPTION"])  # ; , \ and the new line come back intact
    assert str(meeting["STATUS"]) == "CONFIRMED"
    [alarm] = meeting.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(hours=-1)


async def test_each_kind_of_deadline_is_where_a_person_expects_it(planned: Harness) -> None:
    calendar, _ = await calendar_of(planned, user=FOCAL, chat=GROUP)
    found = events(calendar)

    # A day: all day long, that day only.
    day = found[f"action-1@{DOMAIN}"]
    assert (day.start, day.end) == (date(2016, 10, 25), date(2016, 10, 26))
    assert day["DTSTART"].params["VALUE"] == "DATE"
    assert str(day["SUMMARY"]) == "Échéance n° 1 : Rédiger la note de protection (OCHA, CCP)"
    description = str(day["DESCRIPTION"])
    assert description.splitlines() == [
        "Action n° 1 — Cluster Protection (CP)",
        "Rédiger la note de protection",
        "Responsable(s) : OCHA, CCP",
        "Échéance : mardi 25 octobre 2016",
        "Statut : À faire",
        "La fiche et son historique : /voir 1",
    ]
    # A day and an hour: at that hour, in the cluster's zone.
    hour = found[f"action-2@{DOMAIN}"]
    assert hour.start == datetime(2016, 10, 21, 10, 0, tzinfo=BAMAKO)
    assert hour["DTSTART"].params["TZID"] == "Africa/Bamako"
    assert "Responsable(s) : NRC" in str(hour["DESCRIPTION"])
    # A period: its last day, the period said.
    period = found[f"action-3@{DOMAIN}"]
    assert period.start == date(2016, 11, 30)
    assert "Échéance : fin novembre : mercredi 30 novembre 2016" in str(period["DESCRIPTION"])
    # Before the next meeting: that meeting's day.
    meeting = found[f"action-4@{DOMAIN}"]
    assert meeting.start == date(2016, 11, 2)
    assert "avant la prochaine réunion : mercredi 2 novembre 2016 à 14h30" in str(
        meeting["DESCRIPTION"]
    )
    # Late: said in the title and the status.
    late = found[f"action-6@{DOMAIN}"]
    assert str(late["SUMMARY"]) == "Échéance n° 6 (en retard) : Envoyer la liste des sites (OCHA)"
    assert "Statut : À faire — en retard de 2 jours au jeudi 20 octobre 2016" in str(
        late["DESCRIPTION"]
    )
    # A milestone: its day.
    milestone = found[f"milestone-1@{DOMAIN}"]
    assert (milestone.start, milestone.end) == (date(2016, 10, 31), date(2016, 11, 1))
    assert str(milestone["SUMMARY"]) == "Soumission des projets OPS (CP)"
    assert str(milestone["DESCRIPTION"]).splitlines() == [
        "Échéance de Cluster Protection (CP) : Soumission des projets OPS",
        "Lundi 31 octobre 2016",
        "Les échéances du cluster : /echeances",
    ]
    # Deadlines do not make anyone busy; the meeting does.
    assert str(day["TRANSP"]) == "TRANSPARENT"
    assert str(found[f"meeting-1@{DOMAIN}"]["TRANSP"]) == "OPAQUE"


async def test_the_file_is_valid_icalendar_folded_in_crlf_lines(planned: Harness) -> None:
    long = "Élaborer la stratégie de réponse ; " * 12
    when = DeadlineValue(datetime(2016, 10, 27, 23, 59, 59, tzinfo=UTC), DeadlinePrecision.DAY)
    number = add_action(planned, long.strip(), "OCHA", when)
    calendar, sent = await calendar_of(planned, user=FOCAL, chat=GROUP)

    raw: bytes = sent["document"].content
    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert max(len(line) for line in lines) <= 75
    assert all(line.decode("utf-8") is not None for line in lines)  # never cut in a character
    assert str(calendar["VERSION"]) == "2.0"
    event = events(calendar)[f"action-{number}@{DOMAIN}"]
    assert long.strip() in str(event["DESCRIPTION"])
    summary = str(event["SUMMARY"])
    assert summary.startswith(f"Échéance n° {number} : Élaborer la stratégie")
    assert len(summary) < 90  # readable on a phone
    assert summary.endswith("… (OCHA)")


# --- Imported twice: updated, not doubled ---------------------------------------------------


async def test_a_second_file_updates_the_same_events_and_drops_what_ended(
    planned: Harness,
) -> None:
    first = events((await calendar_of(planned, user=FOCAL, chat=GROUP))[0])
    planned.clock.advance(hours=2)
    await planned.send("/reporter 1 28 octobre", user=FOCAL, chat=GROUP)
    await planned.send("/fait 2", user=OTHER_FOCAL, chat=GROUP)
    await planned.send("/reunion 3 novembre 9h", user=COORDINATOR, chat=GROUP)
    calendar, sent = await calendar_of(planned, user=FOCAL, chat=GROUP)
    second = events(calendar)

    assert set(second) == set(first)
    sequence = {uid: (first[uid].sequence, e.sequence) for uid, e in second.items()}
    moved = {uid for uid, (old, new) in sequence.items() if new > old}
    assert moved == {f"action-{n}@{DOMAIN}" for n in (1, 2, 4)} | {f"meeting-1@{DOMAIN}"}
    assert all(new == old for uid, (old, new) in sequence.items() if uid not in moved)
    assert second[f"action-1@{DOMAIN}"].start == date(2016, 10, 28)
    assert second[f"meeting-1@{DOMAIN}"].start == datetime(2016, 11, 3, 9, 0, tzinfo=BAMAKO)
    assert second[f"action-4@{DOMAIN}"].start == date(2016, 11, 3)  # it follows its meeting
    before, after = first[f"action-1@{DOMAIN}"], second[f"action-1@{DOMAIN}"]
    assert after.last_modified is not None
    assert before.last_modified is not None
    assert after.last_modified > before.last_modified
    done = second[f"action-2@{DOMAIN}"]
    assert str(done["STATUS"]) == "CANCELLED"
    assert str(done["SUMMARY"]).startswith("Fait — Échéance n° 2 : Former les partenaires")
    assert "Plus à l'agenda : action faite" in str(done["DESCRIPTION"])
    assert "1 réunion, 1 échéance du cluster, 4 actions (dont 1 en retard)." in sent["caption"]
    assert "1 événement(s) devenu(s) sans objet" in sent["caption"]


async def test_a_deleted_milestone_comes_back_cancelled(planned: Harness) -> None:
    [echo] = await planned.send("/echeance Atelier ORS — 4 novembre", user=COORDINATOR, chat=GROUP)
    await planned.press(echo, "Supprimer", user=COORDINATOR)
    calendar, _ = await calendar_of(planned, user=FOCAL, chat=GROUP)

    gone = events(calendar)[f"milestone-2@{DOMAIN}"]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert str(gone["SUMMARY"]) == "Annulé — Atelier ORS (CP)"
    assert str(events(calendar)[f"milestone-1@{DOMAIN}"]["STATUS"]) == "CONFIRMED"


async def test_a_cancelled_meeting_comes_back_cancelled(planned: Harness) -> None:
    [card] = await planned.send("/reunion", user=COORDINATOR, chat=GROUP)
    await planned.press(card, "Annuler la réunion", user=COORDINATOR)
    await planned.press(card, "Oui, annuler", user=COORDINATOR)
    calendar, sent = await calendar_of(planned, user=FOCAL, chat=GROUP)

    gone = events(calendar)[f"meeting-1@{DOMAIN}"]
    assert str(gone["STATUS"]) == "CANCELLED"
    assert str(gone["SUMMARY"]) == "Annulé — Réunion de coordination — CP"
    assert "Plus à l'agenda : réunion annulée" in str(gone["DESCRIPTION"])
    assert not gone.walk("VALARM")
    assert "1 échéance du cluster, 4 actions" in sent["caption"]  # no meeting to count
    assert "2 actions ouvertes sans date" in sent["caption"]  # n° 4 waits for the next one


async def test_actions_closed_long_ago_are_left_out(planned: Harness) -> None:
    await planned.send("/fait 2", user=OTHER_FOCAL, chat=GROUP)
    planned.clock.advance(days=91)
    await planned.send("/reunion 30 janvier 10h", user=COORDINATOR, chat=GROUP)
    calendar, _ = await calendar_of(planned, user=FOCAL, chat=GROUP)

    assert f"action-2@{DOMAIN}" not in events(calendar)
    assert f"action-1@{DOMAIN}" in events(calendar)  # still open, late now


# --- Whose calendar -------------------------------------------------------------------------


async def second_cluster(bot: Harness) -> None:
    """The Early Recovery cluster, where Gerson is OCHA's focal point too."""
    bot.api.set_chat_member_status(OTHER_GROUP.id, COORDINATOR.id, "administrator")
    await bot.send("/cluster Cluster Relèvement Précoce (CRP)", user=COORDINATOR, chat=OTHER_GROUP)
    code = await bot.invitation("/inviter OCHA Gerson Brandao", chat=OTHER_GROUP)
    await bot.send(f"/start {code}", user=FOCAL, chat=private(FOCAL))
    for command in [
        "/reunion 8 novembre 10h salle de l'OCHA",
        "/action Évaluer les besoins de relèvement — OCHA — 28 octobre",  # 7
        "/action Lancer l'étude de marché — PNUD — 27 octobre",  # 8
    ]:
        await bot.send(command, user=COORDINATOR, chat=OTHER_GROUP)
    bot.api.clear()


async def test_in_private_a_focal_point_gets_their_organisation_across_clusters(
    planned: Harness,
) -> None:
    await second_cluster(planned)
    calendar, sent = await calendar_of(planned, user=FOCAL, chat=private(FOCAL))

    assert sent["chat_id"] == FOCAL.id
    assert sent["document"].file_name == "Relance_OCHA.ics"
    assert str(calendar["X-WR-CALNAME"]) == "Relance — OCHA (CP · CRP)"
    found = events(calendar)
    assert set(found) == {
        f"meeting-1@{DOMAIN}",
        f"meeting-2@{DOMAIN}",
        f"milestone-1@{DOMAIN}",
        *(f"action-{n}@{DOMAIN}" for n in (1, 3, 4, 6, 7)),  # not NRC's 2 nor PNUD's 8
    }
    assert str(found[f"action-7@{DOMAIN}"]["SUMMARY"]).startswith("[CRP] Échéance n° 7 :")
    assert str(found[f"action-1@{DOMAIN}"]["SUMMARY"]).startswith("[CP] Échéance n° 1 :")
    assert "Cluster Relèvement Précoce (CRP)" in str(found[f"action-7@{DOMAIN}"]["DESCRIPTION"])
    assert "Calendrier de OCHA" in sent["caption"]
    assert "2 réunions, 1 échéance du cluster, 5 actions (dont 1 en retard)." in sent["caption"]


async def test_a_coordinator_naming_a_cluster_in_private_gets_it_whole(planned: Harness) -> None:
    for typed in ["/calendrier CP", "/calendrier Protection"]:
        calendar, sent = await calendar_of(
            planned, typed, user=COORDINATOR, chat=private(COORDINATOR)
        )

        assert f"action-2@{DOMAIN}" in events(calendar), typed  # NRC's too
        assert sent["document"].file_name == "Relance_CP.ics"


async def test_a_focal_point_naming_their_cluster_in_private_gets_their_part_of_it(
    planned: Harness,
) -> None:
    await second_cluster(planned)
    calendar, _ = await calendar_of(planned, "/calendrier CRP", user=FOCAL, chat=private(FOCAL))

    assert {uid for uid in events(calendar) if uid.startswith("action")} == {f"action-7@{DOMAIN}"}
    assert set(events(calendar)) >= {f"meeting-2@{DOMAIN}"}


async def test_a_coordinator_of_no_organisation_gets_the_clusters_they_coordinate(
    planned: Harness,
) -> None:
    calendar, sent = await calendar_of(planned, user=COORDINATOR, chat=private(COORDINATOR))

    assert f"action-2@{DOMAIN}" in events(calendar)
    assert "Calendrier — Cluster Protection (CP)" in sent["caption"]


async def test_a_stranger_gets_a_polite_answer_and_no_file(planned: Harness) -> None:
    in_group = await planned.say("/calendrier", user=OUTSIDER, chat=GROUP)
    in_private = await planned.say("/calendrier", user=OUTSIDER, chat=private(OUTSIDER))

    assert "Seuls les membres du cluster" in in_group
    assert "Demandez un lien d'invitation" in in_private
    assert planned.api.calls_to("sendDocument") == []


async def test_a_group_that_is_not_a_cluster_is_told_so(bot: Harness) -> None:
    reply = await bot.say("/calendrier", user=COORDINATOR, chat=GROUP)

    assert "pas encore un cluster" in reply
    assert bot.api.calls_to("sendDocument") == []


async def test_extra_words_in_the_group_are_said_to_be_ignored(planned: Harness) -> None:
    _, sent = await calendar_of(planned, "/calendrier CRP", user=FOCAL, chat=GROUP)
    _, named = await calendar_of(planned, "/calendrier CP", user=FOCAL, chat=GROUP)

    assert "« CRP » n'est pas pris en compte" in sent["caption"]
    assert "n'est pas pris en compte" not in named["caption"]


# --- Nothing to send ------------------------------------------------------------------------


async def test_a_cluster_with_nothing_dated_gets_an_answer_not_a_file(cluster: Harness) -> None:
    undated = DeadlineValue(None, DeadlinePrecision.UNDATED, text="dans les mois à venir")
    add_action(cluster, "Cartographier les acteurs", "OCHA", undated)
    reply = await cluster.say("/calendrier", user=FOCAL, chat=GROUP)

    assert "Rien à mettre au calendrier pour Cluster Protection (CP)" in reply
    assert "1 action ouverte sans date" in reply
    assert "/reunion jeudi 14h30 bureau du PNUD" in reply
    assert cluster.api.calls_to("sendDocument") == []


async def test_a_file_larger_than_telegram_takes_gets_a_french_answer(
    planned: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "TELEGRAM_FILE_MAX", 1000)
    reply = await planned.say("/calendrier", user=FOCAL, chat=GROUP)

    assert "50 Mo" in reply
    assert planned.api.calls_to("sendDocument") == []


# --- Time zones ------------------------------------------------------------------------------


async def test_a_cluster_in_another_zone_has_its_own_times(bot: Harness) -> None:
    await bot.say("/cluster Cluster Protection (CP)", user=COORDINATOR, chat=GROUP)
    with bot.db.session() as session:
        row = session.exec(select(Cluster)).one()
        row.timezone = "Africa/Niamey"  # a Niger cluster: UTC+1
        session.add(row)
    bot.app.bot_data.clusters_by_chat.clear()
    bot.app.bot_data.clusters_by_id.clear()
    await bot.send("/reunion 2 novembre 14h30 bureau OCHA", user=COORDINATOR, chat=GROUP)
    calendar, _ = await calendar_of(bot, user=COORDINATOR, chat=GROUP)

    meeting = events(calendar)[f"meeting-1@{DOMAIN}"]
    assert meeting["DTSTART"].params["TZID"] == "Africa/Niamey"
    assert isinstance(meeting.start, datetime)
    assert meeting.start.astimezone(UTC) == datetime(2016, 11, 2, 13, 30, tzinfo=UTC)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Africa/Niamey"
    assert str(calendar["X-WR-TIMEZONE"]) == "Africa/Niamey"


# --- The writer alone -------------------------------------------------------------------------


def test_a_meeting_without_an_hour_is_a_whole_day_and_text_comes_back_as_typed() -> None:
    cluster = ClusterView(1, "Cluster Protection", "CP", -100, "Africa/Bamako")
    now = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)
    midnight = datetime(2016, 11, 2, tzinfo=UTC)
    meeting = MeetingView(1, 1, midnight, has_time=False, place="Salle 2, bâtiment B; étage 1")
    typed = "Réviser le plan\\; « accès »,\nsecond paragraphe\ttabulé\x07"
    action = ActionView(
        id=9,
        cluster_id=1,
        cluster_name="CP",
        description=typed,
        owners=(OwnerView(OwnerKind.ORGANISATION, "OCHA", 1, None, False),),
        deadline=DeadlineValue(midnight + timedelta(hours=10), DeadlinePrecision.MOMENT),
        status=Status.BLOCKED,
        created_at=now,
        updated_at=now,
    )
    export = CalendarExport(
        actions=(CalendarAction(action, now),),
        meetings=(CalendarMeeting(meeting, now),),
        milestones=(),
        undated=0,
    )
    data = write_calendar(export, clusters=[cluster], name="Relance — CP", now=now, domain="x.t.me")
    found = events(Calendar.from_ical(data))

    whole_day = found["meeting-1@x.t.me"]
    assert (whole_day.start, whole_day.end) == (date(2016, 11, 2), date(2016, 11, 3))
    assert str(whole_day["SUMMARY"]) == "Réunion de coordination — CP (heure à confirmer)"
    assert str(whole_day["LOCATION"]) == "Salle 2, bâtiment B; étage 1"
    assert not whole_day.walk("VALARM")
    description = str(found["action-9@x.t.me"]["DESCRIPTION"])
    assert typed.replace("\x07", "") in description  # a control character is dropped
    assert "Statut : Bloqué" in description
