"""Reading a meeting ("2 mai 14h30 bureau du PNUD") and a milestone ("OPS — 31 octobre")."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from language.deadlines import Precision
from language.meetings import MeetingWhen, MilestoneText, Refusal, read_meeting, read_milestone

NOW = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)  # a Thursday
BAMAKO = ZoneInfo("Africa/Bamako")


@pytest.mark.parametrize(
    ("text", "starts_at", "has_time", "place"),
    [
        ("2 mai 14h30 bureau du PNUD", datetime(2017, 5, 2, 14, 30), True, "bureau du PNUD"),
        (
            "le 2 mai à 14h30, salle de réunion OCHA",
            datetime(2017, 5, 2, 14, 30),
            True,
            "salle de réunion OCHA",
        ),
        ("mardi 14h30", datetime(2016, 10, 25, 14, 30), True, None),
        ("2/5 à 9h", datetime(2017, 5, 2, 9, 0), True, None),
        (
            "jeudi 27 octobre à 10h au bureau OCHA",
            datetime(2016, 10, 27, 10, 0),
            True,
            "bureau OCHA",
        ),
        ("mardi 14h30 à la salle OCHA", datetime(2016, 10, 25, 14, 30), True, "salle OCHA"),
        ("mardi 14h30 à l'hôtel Salam", datetime(2016, 10, 25, 14, 30), True, "hôtel Salam"),
        ("le 31 octobre salle B", datetime(2016, 10, 31), False, "salle B"),
        (
            "27/10 10h Hôtel Salam, salle Niger",
            datetime(2016, 10, 27, 10, 0),
            True,
            "Hôtel Salam, salle Niger",
        ),
        ("aujourd'hui 16h salle B", datetime(2016, 10, 20, 16, 0), True, "salle B"),
        ("demain 9h chez UNICEF", datetime(2016, 10, 21, 9, 0), True, "chez UNICEF"),
        ("vendredi 28 à 9h30 — OCHA", datetime(2016, 10, 28, 9, 30), True, "OCHA"),
        ("2 mai", datetime(2017, 5, 2), False, None),
    ],
)
def test_a_meeting_is_its_date_then_its_place(
    text: str, starts_at: datetime, has_time: bool, place: str | None
) -> None:
    found = read_meeting(text, now=NOW, tz=BAMAKO)

    assert isinstance(found, MeetingWhen)
    assert (found.starts_at, found.has_time, found.place) == (
        starts_at.replace(tzinfo=UTC),
        has_time,
        place,
    )


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("fin mai", Refusal.VAGUE),
        ("T2", Refusal.VAGUE),
        ("dans les mois à venir", Refusal.VAGUE),
        ("avant la prochaine réunion", Refusal.VAGUE),
        ("bureau du PNUD", Refusal.UNREADABLE),
        ("", Refusal.UNREADABLE),
        ("12/10/2016 10h", Refusal.PAST),
        ("aujourd'hui 10h", Refusal.PAST),
        ("aujourd'hui", Refusal.NEEDS_HOUR),
        ("Réunion au bureau du PNUD le 2 mai", Refusal.NOT_AT_START),
    ],
)
def test_a_meeting_needs_one_future_day_first(text: str, refusal: Refusal) -> None:
    assert read_meeting(text, now=NOW, tz=BAMAKO) == refusal


@pytest.mark.parametrize(
    ("text", "title", "due", "precision"),
    [
        (
            "Soumission des projets OPS — 31 octobre",
            "Soumission des projets OPS",
            datetime(2016, 10, 31, 23, 59, 59),
            Precision.DAY,
        ),
        (
            "Soumission des projets OPS; 31 octobre",
            "Soumission des projets OPS",
            datetime(2016, 10, 31, 23, 59, 59),
            Precision.DAY,
        ),
        (
            "Formation : protection de l'enfance — 15 novembre",
            "Formation : protection de l'enfance",
            datetime(2016, 11, 15, 23, 59, 59),
            Precision.DAY,
        ),
        (
            "HRP 2017: atelier — 10/11 à 9h",
            "HRP 2017: atelier",
            datetime(2016, 11, 10, 9, 0),
            Precision.MOMENT,
        ),
        (
            "Soumission des projets OPS avant le 31 octobre",
            "Soumission des projets OPS",
            datetime(2016, 10, 31, 23, 59, 59),
            Precision.DAY,
        ),
        (
            "Soumission OPS fin octobre",
            "Soumission OPS",
            datetime(2016, 10, 31, 23, 59, 59),
            Precision.PERIOD,
        ),
        ("Atelier mardi 25 octobre", "Atelier", datetime(2016, 10, 25, 23, 59, 59), Precision.DAY),
        (
            "Plan de réponse 2017 — 15 décembre",
            "Plan de réponse 2017",
            datetime(2016, 12, 15, 23, 59, 59),
            Precision.DAY,
        ),
        (
            "Atelier du 7 au 11 novembre",
            "Atelier",
            datetime(2016, 11, 11, 23, 59, 59),
            Precision.PERIOD,
        ),
    ],
)
def test_a_milestone_is_its_title_then_its_date(
    text: str, title: str, due: datetime, precision: Precision
) -> None:
    found = read_milestone(text, now=NOW, tz=BAMAKO)

    assert isinstance(found, MilestoneText)
    assert (found.title, found.deadline.due, found.deadline.precision) == (
        title,
        due.replace(tzinfo=UTC),
        precision,
    )


@pytest.mark.parametrize(
    ("text", "refusal"),
    [
        ("31 octobre", Refusal.NO_TITLE),
        ("— 31 octobre", Refusal.NO_TITLE),
        ("Soumission OPS", Refusal.UNREADABLE),
        ("Soumission OPS — 31/12/2015", Refusal.PAST),
        ("Soumission OPS — dès que possible", Refusal.VAGUE),
    ],
)
def test_a_milestone_needs_a_title_and_a_future_date(text: str, refusal: Refusal) -> None:
    assert read_milestone(text, now=NOW, tz=BAMAKO) == refusal


# --- issue 9: a date is looked for among a few words, whatever the length of the text -------

LONG_TITLE = " ".join(["atelier de validation du plan de réponse des partenaires"] * 5)


def test_a_long_title_keeps_its_date_at_the_end() -> None:
    found = read_milestone(f"{LONG_TITLE} 15 novembre", now=NOW, tz=BAMAKO)
    assert isinstance(found, MilestoneText)
    assert found.title == LONG_TITLE
    assert found.deadline.due.astimezone(BAMAKO).date().isoformat() == "2016-11-15"


def test_a_long_place_keeps_the_date_at_the_start() -> None:
    found = read_meeting(f"2 novembre 14h30 {LONG_TITLE}", now=NOW, tz=BAMAKO)
    assert isinstance(found, MeetingWhen)
    assert found.has_time
    assert found.place == LONG_TITLE


@pytest.mark.parametrize("unit", ["a — ", "octobre ", "1 ", "<&"])
def test_four_thousand_characters_are_read_as_a_short_text_is(unit: str) -> None:
    text = (unit * 4000)[:4000]
    assert read_milestone(text, now=NOW, tz=BAMAKO) is not None
    assert read_meeting(text, now=NOW, tz=BAMAKO) is not None
