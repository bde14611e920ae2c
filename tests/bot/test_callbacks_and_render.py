"""The button-data codec and the pure renderers."""

from __future__ import annotations

import pytest

from bot.callbacks import (
    MAX_BYTES,
    ActionButton,
    DraftButton,
    DraftStep,
    ListKind,
    PageButton,
    Verb,
    decode,
    encode,
)
from bot.render import MESSAGE_LIMIT, split_message
from storage.models import Status


@pytest.mark.parametrize(
    "button",
    [
        *(ActionButton(verb, 2**31 - 1, status) for verb in Verb for status in Status),
        *(PageButton(kind, 9999) for kind in ListKind),
        *(DraftButton(step, 11) for step in DraftStep),
    ],
)
def test_every_button_round_trips_under_telegram_limit(
    button: ActionButton | PageButton | DraftButton,
) -> None:
    data = encode(button)
    assert len(data.encode()) <= MAX_BYTES
    assert decode(data) == button


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "a",
        "a:d:1",
        "a:d:0:t",
        "a:d:-4:t",
        "a:z:1:t",
        "a:d:1:z",
        "l:a:x",
        "l:a:-1",
        "l:q:1",
        "n:1:1",
        "n:o:x",
        "n:o:-1",
        "x:y:z",
        "a:d:1:t:extra",
    ],
)
def test_unknown_or_damaged_data_decodes_to_nothing(data: str | None) -> None:
    assert decode(data) is None


def test_a_long_roster_is_split_between_lines_under_the_limit() -> None:
    lines = [f"<b>ORG{i}</b>\n  • Point focal numéro {i}" for i in range(400)]
    chunks = split_message("\n".join(lines))

    assert len(chunks) > 1
    assert all(len(c) <= MESSAGE_LIMIT for c in chunks)
    assert "\n".join(chunks) == "\n".join(lines)
    assert all(c.count("<b>") == c.count("</b>") for c in chunks)


def test_a_short_message_is_left_whole() -> None:
    assert split_message("Bonjour") == ["Bonjour"]


@pytest.mark.parametrize(
    ("count", "expected"), [(0, "0 action"), (1, "1 action"), (2, "2 actions"), (25, "25 actions")]
)
def test_counts_read_as_french(count: int, expected: str) -> None:
    from bot.texts import plural

    assert plural(count, "action") == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [("OCHA", "d'OCHA"), ("UNICEF", "d'UNICEF"), ("PNUD", "de PNUD"), ("HCR", "de HCR")],
)
def test_de_is_elided_before_a_vowel(name: str, expected: str) -> None:
    from bot.texts import of

    assert of(name) == expected
