from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from language.deadlines import (
    Deadline,
    Precision,
    Undated,
    format_deadline,
    parse_deadline,
)

BAMAKO = ZoneInfo("Africa/Bamako")
PARIS = ZoneInfo("Europe/Paris")

# A Tuesday, three days before the OPS training of the seed minutes (vendredi 21 octobre 2016).
TUESDAY = datetime(2016, 10, 18, 9, 0, tzinfo=BAMAKO)
# The day of the April 2017 Cluster Protection meeting, a Wednesday.
APRIL_MEETING = datetime(2017, 4, 5, 10, 0, tzinfo=BAMAKO)

DAY, MOMENT, PERIOD = Precision.DAY, Precision.MOMENT, Precision.PERIOD


def expected_due(local: date, tz: ZoneInfo = BAMAKO) -> datetime:
    """A local datetime is a moment; a local date is due at its last second."""
    if isinstance(local, datetime):
        return local.replace(tzinfo=tz).astimezone(UTC)
    return datetime.combine(local, time(23, 59, 59), tzinfo=tz).astimezone(UTC)


def d(year: int, month: int, day: int) -> date:
    return date(year, month, day)


def dt(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute)


DATED = [
    # Day and month, as in the "Echéance" column of the minutes
    ("21 octobre", TUESDAY, d(2016, 10, 21), DAY, None),
    ("25 octobre", TUESDAY, d(2016, 10, 25), DAY, None),
    ("31 octobre", TUESDAY, d(2016, 10, 31), DAY, None),
    ("15 novembre", TUESDAY, d(2016, 11, 15), DAY, None),
    ("le 02 Mai", TUESDAY, d(2017, 5, 2), DAY, None),
    ("1er mai", TUESDAY, d(2017, 5, 1), DAY, None),
    ("1 er mai", TUESDAY, d(2017, 5, 1), DAY, None),
    ("vendredi 21 octobre 2016", TUESDAY, d(2016, 10, 21), DAY, None),
    ("lundi 3 avril", TUESDAY, d(2017, 4, 3), DAY, None),
    ("pour le 25 octobre", TUESDAY, d(2016, 10, 25), DAY, None),
    ("21 oct.", TUESDAY, d(2016, 10, 21), DAY, None),
    # With an hour
    ("vendredi 21 octobre à 10h", TUESDAY, dt(2016, 10, 21, 10), MOMENT, None),
    ("lundi 3 avril à 14h30", TUESDAY, dt(2017, 4, 3, 14, 30), MOMENT, None),
    ("25 octobre 14h30", TUESDAY, dt(2016, 10, 25, 14, 30), MOMENT, None),
    ("le 25 octobre de 14 h 30 à 16 H", TUESDAY, dt(2016, 10, 25, 14, 30), MOMENT, None),
    ("demain à 9h", TUESDAY, dt(2016, 10, 19, 9), MOMENT, None),
    ("vendredi à 10 heures", TUESDAY, dt(2016, 10, 21, 10), MOMENT, None),
    ("14h30", TUESDAY, dt(2016, 10, 18, 14, 30), MOMENT, None),
    ("à 8h", TUESDAY, dt(2016, 10, 19, 8), MOMENT, None),  # 8h has passed: tomorrow
    # Numeric
    ("25/10/2016", TUESDAY, d(2016, 10, 25), DAY, None),
    ("25/10", TUESDAY, d(2016, 10, 25), DAY, None),
    ("25/10/16", TUESDAY, d(2016, 10, 25), DAY, None),
    ("31.10.2016", TUESDAY, d(2016, 10, 31), DAY, None),
    ("2016-10-31", TUESDAY, d(2016, 10, 31), DAY, None),
    ("25/10/2016 à 10h", TUESDAY, dt(2016, 10, 25, 10), MOMENT, None),
    # Relative days
    ("aujourd'hui", TUESDAY, d(2016, 10, 18), DAY, None),
    ("demain", TUESDAY, d(2016, 10, 19), DAY, None),
    ("après-demain", TUESDAY, d(2016, 10, 20), DAY, None),
    ("apres demain", TUESDAY, d(2016, 10, 20), DAY, None),
    ("dans 3 jours", TUESDAY, d(2016, 10, 21), DAY, None),
    ("dans deux semaines", TUESDAY, d(2016, 11, 1), DAY, None),
    ("d'ici 10 jours", TUESDAY, d(2016, 10, 28), DAY, None),
    ("dans huit jours", TUESDAY, d(2016, 10, 25), DAY, None),  # French for one week
    ("sous quinzaine", TUESDAY, d(2016, 11, 1), DAY, None),
    ("dans un mois", TUESDAY, d(2016, 11, 18), DAY, None),
    # Weekdays: strictly after today
    ("lundi prochain", TUESDAY, d(2016, 10, 24), DAY, None),
    ("mardi prochain", TUESDAY, d(2016, 10, 25), DAY, None),
    ("mardi", TUESDAY, d(2016, 10, 25), DAY, None),
    ("d'ici vendredi", TUESDAY, d(2016, 10, 21), DAY, None),
    ("avant vendredi", TUESDAY, d(2016, 10, 21), DAY, None),
    ("mardi de la semaine prochaine", TUESDAY, d(2016, 10, 25), DAY, None),
    # Day of the month alone
    ("au plus tard le 15", TUESDAY, d(2016, 11, 15), DAY, None),
    ("le 20", TUESDAY, d(2016, 10, 20), DAY, None),
    # Periods
    ("la semaine prochaine", TUESDAY, d(2016, 10, 28), PERIOD, "semaine du 24 octobre"),
    ("cette semaine", TUESDAY, d(2016, 10, 21), PERIOD, "semaine du 17 octobre"),
    ("fin avril", TUESDAY, d(2017, 4, 30), PERIOD, "fin avril"),
    ("Fin Avril.", TUESDAY, d(2017, 4, 30), PERIOD, "fin avril"),
    ("d'ici fin avril 2017", TUESDAY, d(2017, 4, 30), PERIOD, "fin avril 2017"),
    ("fin du mois", TUESDAY, d(2016, 10, 31), PERIOD, "fin octobre"),
    ("fin du mois prochain", TUESDAY, d(2016, 11, 30), PERIOD, "fin novembre"),
    ("le mois prochain", TUESDAY, d(2016, 11, 30), PERIOD, "novembre 2016"),
    ("en Avril", TUESDAY, d(2017, 4, 30), PERIOD, "avril 2017"),
    ("en avril", TUESDAY, d(2017, 4, 30), PERIOD, "avril 2017"),
    ("courant novembre", TUESDAY, d(2016, 11, 30), PERIOD, "novembre 2016"),
    ("entre Mai et Juin 2017", TUESDAY, d(2017, 6, 30), PERIOD, "entre mai et juin 2017"),
    ("entre mai et juin", TUESDAY, d(2017, 6, 30), PERIOD, "entre mai et juin 2017"),
    ("début novembre", TUESDAY, d(2016, 11, 10), PERIOD, "début novembre"),
    ("fin 2017", TUESDAY, d(2017, 12, 31), PERIOD, "fin 2017"),
    ("fin d'année", TUESDAY, d(2016, 12, 31), PERIOD, "fin 2016"),
    ("mi-mai", TUESDAY, d(2017, 5, 15), DAY, None),
    ("mi novembre", TUESDAY, d(2016, 11, 15), DAY, None),
    # As typed on a phone: no accents, capitals, dots, curly apostrophes, stray spaces
    ("fin fevrier", TUESDAY, d(2017, 2, 28), PERIOD, "fin février"),
    ("20 aout", TUESDAY, d(2017, 8, 20), DAY, None),
    ("3 decembre.", TUESDAY, d(2016, 12, 3), DAY, None),
    ("21 OCTOBRE", TUESDAY, d(2016, 10, 21), DAY, None),
    ("d’ici  vendredi", TUESDAY, d(2016, 10, 21), DAY, None),
    ("  25   octobre  ", TUESDAY, d(2016, 10, 25), DAY, None),
    # Inside a sentence
    (
        "Participer à la formation OPS de vendredi 21 octobre 2016",
        TUESDAY,
        d(2016, 10, 21),
        DAY,
        None,
    ),
    ("la prochaine réunion aura lieu le 02 Mai", TUESDAY, d(2017, 5, 2), DAY, None),
    (
        "La séance de formation aura lieu le vendredi 21 octobre à 10h, au bureau de NRC.",
        TUESDAY,
        dt(2016, 10, 21, 10),
        MOMENT,
        None,
    ),
    # A range of days is a period (issue 3), due on its last day
    ("du 3 au 6 avril 2017", TUESDAY, d(2017, 4, 6), PERIOD, "du 3 au 6 avril 2017"),
    (
        "du 24 février au 1 ^{er} mars 2017",
        TUESDAY,
        d(2017, 3, 1),
        PERIOD,
        "du 24 février au 1er mars 2017",
    ),
    # English, read by the dateparser fallback
    ("tomorrow", TUESDAY, d(2016, 10, 19), DAY, None),
    ("October 25", TUESDAY, d(2016, 10, 25), DAY, None),
    ("in 3 days", TUESDAY, d(2016, 10, 21), DAY, None),
    # Typed at the April 2017 meeting
    ("en avril", APRIL_MEETING, d(2017, 4, 30), PERIOD, "avril 2017"),
    ("le 02 Mai", APRIL_MEETING, d(2017, 5, 2), DAY, None),
    ("fin mars", APRIL_MEETING, d(2018, 3, 31), PERIOD, "fin mars"),
    ("5 avril", APRIL_MEETING, d(2017, 4, 5), DAY, None),  # today still counts
    ("mercredi", APRIL_MEETING, d(2017, 4, 12), DAY, None),
]


@pytest.mark.parametrize(("text", "now", "local_due", "precision", "label"), DATED)
def test_parse_deadline_reads_dated_wording(text, now, local_due, precision, label):
    assert parse_deadline(text, now=now, tz=BAMAKO) == Deadline(
        expected_due(local_due), precision, label
    )


CALENDAR_EDGES = [
    (datetime(2016, 12, 28, 12, tzinfo=BAMAKO), "le 5 janvier", d(2017, 1, 5), DAY, None),
    (datetime(2016, 12, 28, 12, tzinfo=BAMAKO), "28 décembre", d(2016, 12, 28), DAY, None),
    (datetime(2016, 12, 28, 12, tzinfo=BAMAKO), "27 décembre", d(2017, 12, 27), DAY, None),
    (datetime(2016, 12, 28, 12, tzinfo=BAMAKO), "le 2", d(2017, 1, 2), DAY, None),
    (datetime(2016, 12, 28, 12, tzinfo=BAMAKO), "dans une semaine", d(2017, 1, 4), DAY, None),
    (
        datetime(2016, 12, 28, 12, tzinfo=BAMAKO),
        "en janvier",
        d(2017, 1, 31),
        PERIOD,
        "janvier 2017",
    ),
    (
        datetime(2016, 12, 28, 12, tzinfo=BAMAKO),
        "fin du mois",
        d(2016, 12, 31),
        PERIOD,
        "fin décembre",
    ),
    (
        datetime(2016, 12, 28, 12, tzinfo=BAMAKO),
        "fin du mois prochain",
        d(2017, 1, 31),
        PERIOD,
        "fin janvier",
    ),
    (
        datetime(2016, 12, 28, 12, tzinfo=BAMAKO),
        "la semaine prochaine",
        d(2017, 1, 6),
        PERIOD,
        "semaine du 2 janvier",
    ),
    (datetime(2024, 2, 10, 9, tzinfo=BAMAKO), "fin février", d(2024, 2, 29), PERIOD, "fin février"),
    (datetime(2023, 2, 10, 9, tzinfo=BAMAKO), "fin février", d(2023, 2, 28), PERIOD, "fin février"),
    (datetime(2024, 2, 10, 9, tzinfo=BAMAKO), "29 février", d(2024, 2, 29), DAY, None),
    (datetime(2024, 3, 1, 9, tzinfo=BAMAKO), "29 février", d(2028, 2, 29), DAY, None),
    (datetime(2016, 1, 31, 9, tzinfo=BAMAKO), "dans un mois", d(2016, 2, 29), DAY, None),
    (datetime(2016, 11, 10, 9, tzinfo=BAMAKO), "le 31", d(2016, 12, 31), DAY, None),
    (
        datetime(2016, 11, 10, 9, tzinfo=BAMAKO),
        "fin décembre",
        d(2016, 12, 31),
        PERIOD,
        "fin décembre",
    ),
]


@pytest.mark.parametrize(("now", "text", "local_due", "precision", "label"), CALENDAR_EDGES)
def test_parse_deadline_rolls_over_month_year_and_leap_day(now, text, local_due, precision, label):
    assert parse_deadline(text, now=now, tz=BAMAKO) == Deadline(
        expected_due(local_due), precision, label
    )


UNDATED = [
    "dans les mois à venir",
    "D'autres ateliers seront organisés dans les mois à venir et selon les besoins",
    "prochainement",
    "dès que possible",
    "Dès que possible.",
    "ASAP",
    "selon les besoins",
    "dans les prochains mois",
    "seront partagés les prochains jours",
    "au plus vite",
    "à déterminer",
]


@pytest.mark.parametrize("text", UNDATED)
def test_parse_deadline_keeps_wording_that_names_no_date(text):
    assert parse_deadline(text, now=TUESDAY, tz=BAMAKO) == Undated(" ".join(text.split()))


NO_DEADLINE = [
    "",
    "   ",
    "OCHA",
    "Partenaires du CRP",
    "Oumou/Jean-Luc",
    "Bamako",
    "Ségou",
    "2 000 kits",
    "2.5 millions",
    "10%",
    "Phase 3",
    "Phase 3: revue",
    "3 hommes",
    "HRP 2017",
    "5W/3W",
    "mar",
    "semaine",
    "jamais",
    "Maintenir le dialogue avec la DNDS",
    "30 février",
    "31/11",
    "32 octobre",
    "29/02/2023",
    "après validation",
]


@pytest.mark.parametrize("text", NO_DEADLINE)
def test_parse_deadline_returns_none_without_a_deadline(text):
    assert parse_deadline(text, now=TUESDAY, tz=BAMAKO) is None


def test_due_is_always_utc_aware():
    result = parse_deadline("vendredi 21 octobre à 10h", now=TUESDAY, tz=BAMAKO)
    assert isinstance(result, Deadline)
    assert result.due.tzinfo is UTC


def test_parse_deadline_reasons_in_the_given_timezone():
    # 23:30 UTC on the 18th is already 01:30 on the 19th in Paris (CEST, UTC+2).
    late_evening = datetime(2016, 10, 18, 23, 30, tzinfo=UTC)
    assert parse_deadline("demain", now=late_evening, tz=PARIS) == Deadline(
        datetime(2016, 10, 20, 21, 59, 59, tzinfo=UTC), DAY
    )
    assert parse_deadline("demain", now=late_evening, tz=BAMAKO) == Deadline(
        datetime(2016, 10, 19, 23, 59, 59, tzinfo=UTC), DAY
    )
    assert parse_deadline("vendredi 21 octobre à 10h", now=late_evening, tz=PARIS) == Deadline(
        datetime(2016, 10, 21, 8, 0, tzinfo=UTC), MOMENT
    )
    # Summer time ends on 30 October 2016: the end of the 31st is at UTC+1.
    assert parse_deadline("31 octobre", now=late_evening, tz=PARIS) == Deadline(
        datetime(2016, 10, 31, 22, 59, 59, tzinfo=UTC), DAY
    )


def test_parse_deadline_ignores_the_timezone_of_now():
    in_utc = TUESDAY.astimezone(UTC)
    in_tokyo = TUESDAY.astimezone(ZoneInfo("Asia/Tokyo"))
    for text in ("demain", "fin avril", "vendredi à 10h"):
        assert parse_deadline(text, now=in_utc, tz=BAMAKO) == parse_deadline(
            text, now=in_tokyo, tz=BAMAKO
        )


FORMATTED = [
    (Deadline(expected_due(d(2016, 10, 25)), DAY), BAMAKO, "mardi 25 octobre 2016"),
    (Deadline(expected_due(d(2017, 5, 1)), DAY), BAMAKO, "lundi 1er mai 2017"),
    (
        Deadline(expected_due(dt(2016, 10, 21, 10)), MOMENT),
        BAMAKO,
        "vendredi 21 octobre 2016 à 10h00",
    ),
    (
        Deadline(expected_due(dt(2016, 10, 20, 14, 30)), MOMENT),
        BAMAKO,
        "jeudi 20 octobre 2016 à 14h30",
    ),
    (
        Deadline(expected_due(d(2017, 4, 30)), PERIOD, "fin avril"),
        BAMAKO,
        "fin avril : dimanche 30 avril 2017",
    ),
    (
        Deadline(expected_due(d(2017, 6, 30)), PERIOD, "entre mai et juin 2017"),
        BAMAKO,
        "entre mai et juin 2017 : vendredi 30 juin 2017",
    ),
    (
        Deadline(datetime(2016, 10, 21, 8, 0, tzinfo=UTC), MOMENT),
        PARIS,
        "vendredi 21 octobre 2016 à 10h00",
    ),
    (Deadline(expected_due(d(2016, 12, 31), PARIS), DAY), PARIS, "samedi 31 décembre 2016"),
]


@pytest.mark.parametrize(("deadline", "tz", "expected"), FORMATTED)
def test_format_deadline_says_weekday_day_month_year(deadline, tz, expected):
    assert format_deadline(deadline, tz=tz) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vendredi 21 octobre à 10h", "vendredi 21 octobre 2016 à 10h00"),
        ("1er mai", "lundi 1er mai 2017"),
        ("fin avril", "fin avril : dimanche 30 avril 2017"),
        ("en Avril", "avril 2017 : dimanche 30 avril 2017"),
        ("début novembre", "début novembre : jeudi 10 novembre 2016"),
    ],
)
def test_format_deadline_reads_back_what_was_parsed(text, expected):
    deadline = parse_deadline(text, now=TUESDAY, tz=BAMAKO)
    assert isinstance(deadline, Deadline)
    assert format_deadline(deadline, tz=BAMAKO) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("15 mars", date(2017, 3, 15)),  # a follow-up table: the day it was due
        ("fin février", date(2017, 2, 28)),
        ("15 mai", date(2017, 5, 15)),  # still ahead: unchanged
        ("15 mars 2018", date(2018, 3, 15)),  # a year written is kept
        ("vendredi", date(2017, 4, 7)),
    ],
)
def test_a_follow_up_reads_a_day_without_year_as_the_nearest_one(text: str, expected: date) -> None:
    meeting = datetime(2017, 4, 4, 10, 0, tzinfo=UTC)
    found = parse_deadline(text, now=meeting, tz=ZoneInfo("Africa/Bamako"), past=True)

    assert isinstance(found, Deadline)
    assert found.due.date() == expected


def test_without_the_follow_up_option_a_passed_day_is_next_years() -> None:
    meeting = datetime(2017, 4, 4, 10, 0, tzinfo=UTC)
    found = parse_deadline("15 mars", now=meeting, tz=ZoneInfo("Africa/Bamako"))

    assert isinstance(found, Deadline)
    assert found.due.date() == date(2018, 3, 15)
