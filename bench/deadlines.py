"""Measure the deadline parser on the corpus of tests/language/deadline_corpus.py.

Run from the repository root:

    .venv/bin/python bench/deadlines.py [--rounds 7] [--calls 30] [--cold-runs 3]

Prints the accuracy on the corpus (rows read right / total), the median and p95 time of one
parse in microseconds (each row timed `calls` times in a row, `rounds` times over; a row's time
is its median round), and the cold import-plus-first-parse time in a fresh interpreter. Each
figure is followed by PASS or FAIL against the targets of issue 3. The figures are for a
human: the script always exits 0.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from language.deadlines import parse_deadline  # noqa: E402
from tests.language.deadline_corpus import BAMAKO, ROWS, expected_result, typed_at  # noqa: E402

ACCURACY_TARGET = 97.0  # percent, at least
P95_TARGET_US = 2000.0  # microseconds, under
COLD_TARGET_S = 0.5  # seconds, under

COLD_START = """
import time
t = time.perf_counter()
from datetime import datetime
from zoneinfo import ZoneInfo
from language.deadlines import parse_deadline
tz = ZoneInfo("Africa/Bamako")
parse_deadline("vendredi 21 octobre à 10h", now=datetime(2016, 10, 20, 14, 30, tzinfo=tz), tz=tz)
print(time.perf_counter() - t)
"""


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def accuracy() -> tuple[int, list[str]]:
    right, wrong = 0, []
    for typed, text, expected in ROWS:
        got = parse_deadline(text, now=typed_at(typed), tz=BAMAKO)
        if got == expected_result(text, expected):
            right += 1
        else:
            wrong.append(f"  {typed}  {text!r}: expected {expected}, got {got}")
    return right, wrong


def timings_us(rounds: int, calls: int) -> list[float]:
    prepared = [(text, typed_at(typed)) for typed, text, _ in ROWS]
    for text, now in prepared:  # warm up: lazy imports, caches
        parse_deadline(text, now=now, tz=BAMAKO)
    per_row: list[float] = []
    for text, now in prepared:
        samples = []
        for _ in range(rounds):
            start = time.perf_counter_ns()
            for _ in range(calls):
                parse_deadline(text, now=now, tz=BAMAKO)
            samples.append((time.perf_counter_ns() - start) / calls / 1000)
        per_row.append(statistics.median(samples))
    return per_row


def cold_start_s(runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        result = subprocess.run(
            [sys.executable, "-c", COLD_START],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        try:
            found.append(float(result.stdout.strip().splitlines()[-1]))
        except (IndexError, ValueError):
            print(f"cold start run failed: {result.stderr[-500:]}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--cold-runs", type=int, default=3)
    args = parser.parse_args()

    # Cold start first, before this process warms the disk cache any further.
    cold = cold_start_s(args.cold_runs)

    right, wrong = accuracy()
    total = len(ROWS)
    percent = 100 * right / total
    print(f"corpus: {total} expressions")
    print(
        f"accuracy: {right}/{total} = {percent:.1f} %"
        f"  (target >= {ACCURACY_TARGET:.0f} %)  {verdict(percent >= ACCURACY_TARGET)}"
    )
    for line in wrong:
        print(line)

    per_row = timings_us(args.rounds, args.calls)
    median = statistics.median(per_row)
    p95 = statistics.quantiles(per_row, n=100, method="inclusive")[94]
    slowest = max(range(total), key=per_row.__getitem__)
    print(
        f"parse time per call: median {median:.1f} us, p95 {p95:.1f} us, max {per_row[slowest]:.1f}"
        f" us ({ROWS[slowest][1]!r})  (target p95 < {P95_TARGET_US:.0f} us)"
        f"  {verdict(p95 < P95_TARGET_US)}"
    )

    if cold:
        cold_median = statistics.median(cold)
        runs = ", ".join(f"{c:.3f}" for c in cold)
        print(
            f"cold import + first parse: median {cold_median:.3f} s over {len(cold)} fresh"
            f" interpreters ({runs})  (target < {COLD_TARGET_S} s)"
            f"  {verdict(cold_median < COLD_TARGET_S)}"
        )
    else:
        print(f"cold import + first parse: not measured  {verdict(False)}")


if __name__ == "__main__":
    main()
