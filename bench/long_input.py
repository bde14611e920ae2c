"""Time the French parsers on the longest text a Telegram message can carry.

Run from the repository root:

    .venv/bin/python bench/long_input.py [--length 4000] [--rounds 5]

Every handler parses in the event loop, so a parse that takes seconds holds every chat for
as long. For each shape of hostile text (a title of words, a thousand dashes, a month
repeated, digits) it prints the slowest of `rounds` parses, in milliseconds, for /echeance
(read_milestone), /reunion (read_meeting) and /reporter (parse_deadline). The figures are
for a human: the script always exits 0.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from language.deadlines import parse_deadline  # noqa: E402
from language.meetings import read_meeting, read_milestone  # noqa: E402

TZ = ZoneInfo("Africa/Bamako")
NOW = datetime(2016, 10, 20, 14, 30, tzinfo=UTC)
SHAPES = {
    "title of words": "Soumission des projets ",
    "title, then a date": "Soumission des projets ",
    "dashes": "a — ",
    "a month repeated": "octobre ",
    "digits": "1 ",
    "html": "<&",
}
PARSERS: dict[str, Callable[[str], object]] = {
    "/echeance": lambda text: read_milestone(text, now=NOW, tz=TZ),
    "/reunion": lambda text: read_meeting(text, now=NOW, tz=TZ),
    "/reporter": lambda text: parse_deadline(text, now=NOW, tz=TZ),
}


def slowest(parse: Callable[[str], object], text: str, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        parse(text)
        times.append(time.perf_counter() - start)
    return max(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--length", type=int, default=4000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    for parse in PARSERS.values():
        parse("Rapport — 31 octobre")  # imports and caches warmed
    print(f"{'text':20}" + "".join(f"{name:>14}" for name in PARSERS))
    worst = 0.0
    for name, unit in SHAPES.items():
        text = (unit * (args.length // len(unit) + 1))[: args.length]
        if name == "title, then a date":
            text = text[: args.length - 14] + " — 31 octobre"
        figures = [slowest(parse, text, args.rounds) for parse in PARSERS.values()]
        worst = max(worst, *figures)
        print(f"{name:20}" + "".join(f"{ms:>11.1f} ms" for ms in figures))
    print(f"slowest parse of {args.length} characters: {worst:.1f} ms")


if __name__ == "__main__":
    main()
