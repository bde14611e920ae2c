"""The day of the meeting, as the opening of the minutes writes it."""

from __future__ import annotations

import pytest

from language.meeting_day import meeting_day


@pytest.mark.parametrize(
    ("opening", "day"),
    [
        (["Date de la Réunion : Mercredi, 28 Novembre 2018"], "28 novembre 2018"),
        (["Lieu et date : bureau UNICEF/ PAM- Tombouctou, 03/Mars/2020"], "3 mars 2020"),
        (["Compte rendu de la réunion", "(20 octobre 2016, 14h30, PNUD)"], "20 octobre 2016"),
        (["WASH Cluster Meeting", "24th March 2016, UNICEF Gulshan Office"], "24 mars 2016"),
        (["Minutes of the meeting held at UNICEF Islamabad on 28.01.2010"], "28 janvier 2010"),
        (["Venue: UNHCR Conference Room", "Date: 15January 2012"], "15 janvier 2012"),
        (["Date : 17 November 16 (Thursday) Venue : SCI office"], "17 novembre 2016"),
        (["L'an deux mil dix et le douze août s'est tenue à Bougouni"], "12 août 2010"),
        (["L'an deux mille dix-sept, le quatre Avril, s'est tenue la réunion"], "4 avril 2017"),
        (["Date and time: Tuesday, 15 September 2015. 13h00-14h00"], "15 septembre 2015"),
        (["Meeting of January 14, 2010"], "14 janvier 2010"),
        (["Réunion du 12/05/2017 à 10h"], "12 mai 2017"),
    ],
)
def test_the_day_is_read_as_the_opening_writes_it(opening: list[str], day: str) -> None:
    assert meeting_day(opening) == day


def test_a_title_that_dates_nothing_does_not_hide_the_date_below_it() -> None:
    opening = ["Compte rendu de la réunion du Cluster Protection", "Réunion du 3 octobre 2016"]
    assert meeting_day(opening) == "3 octobre 2016"


@pytest.mark.parametrize(
    "opening",
    [
        ["La prochaine réunion aura lieu le 2 mai 2017"],
        ["Suivi des recommandations de la réunion précédente du 4 avril 2017"],
        ["Next meeting: 27 April 2015"],
        ["Ordre du jour", "1. Situation humanitaire", "2. Divers"],
        [],
    ],
)
def test_another_meetings_day_or_none_is_no_meeting_day(opening: list[str]) -> None:
    assert meeting_day(opening) is None


def test_only_the_opening_is_read() -> None:
    opening = [f"Paragraphe {n} de la discussion." for n in range(20)] + ["Le 4 avril 2017"]
    assert meeting_day(opening) is None
