"""Measure the minutes readers (language.minutes) on the corpus of tests/language/minutes_corpus.

Run from the repository root:

    .venv/bin/python bench/minutes.py [--format docx|text|pdf|all] [--case NAME] [--details]

Each case is built in each of its formats and read by read_docx, read_text or read_pdf (a
reader that raises, NotImplementedError included, finds nothing). Prints per document and in
total: tables, actions and decisions found / expected, items offered that are neither (must
be 0), owners and deadlines right among the actions found, the next meeting, the meeting's
date, the participants, and the time to read the largest document, with PASS or FAIL against
the issue's targets. Figures for a human: always exits 0. --details lists, per document, the
missed actions, the false ones, the wrong owners and deadlines.

Owners are resolved as the import does: split_owners, special_owner, then match_owner_in
against the organisations of a freshly migrated database (so a directory added by a
migration counts at once) and the case's members.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.language.minutes_corpus import CASES, CASES_BY_NAME  # noqa: E402
from tests.language.minutes_corpus.build import to_text  # noqa: E402
from tests.language.minutes_corpus.scoring import (  # noqa: E402
    ACTIONS_TARGET,
    DEADLINES_TARGET,
    FORMATS,
    OWNERS_TARGET,
    READ_TARGET_S,
    Score,
    directory_gaps,
    organisation_index,
    percent,
    ratio,
    score,
    total,
    verdict,
)


def print_table(results: list[Score]) -> None:
    header = (
        f"{'document':36} {'fmt':5} {'tables':>7} {'actions':>8} {'decis.':>7} {'false':>5} "
        f"{'owners':>8} {'deadl.':>8} {'next':>4} {'date':>4} {'part.':>6} {'ms':>7}"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        print(
            f"{r.case[:36]:36} {r.fmt:5} {ratio(r.tables):>7} {ratio(r.actions):>8} "
            f"{ratio(r.decisions):>7} {r.false:>5} {ratio(r.owners):>8} "
            f"{ratio(r.deadlines):>8} {'ok' if r.next_meeting else '-':>4} "
            f"{'ok' if r.meeting_date else '-':>4} {ratio(r.participants):>6} "
            f"{r.seconds * 1000:7.1f}" + (f"  [{r.error[:60]}]" if r.error else "")
        )


def print_totals(everything: list[Score], largest: str) -> None:
    # The largest document times the read: its 300 rows would outweigh all the others.
    results = [r for r in everything if r.case != largest] or everything
    without = f", without {largest}" if results != everything else ""
    print(f"\nTotals (over {len(results)} reads{without})")
    for label, attribute, target in (
        ("actions found", "actions", ACTIONS_TARGET),
        ("decisions found", "decisions", ACTIONS_TARGET),
        ("owners right", "owners", OWNERS_TARGET),
        ("deadlines right", "deadlines", DEADLINES_TARGET),
    ):
        part, whole = total(results, attribute)
        value = percent(part, whole)
        print(
            f"  {label:18} {part}/{whole} = {value:5.1f} %  (target >= {target:.0f} %)  "
            f"{verdict(value >= target)}"
        )
    false = sum(r.false for r in results)
    print(f"  {'false actions':18} {false}  (target 0)  {verdict(false == 0)}")
    for label, attribute in (("tables found", "tables"), ("participants", "participants")):
        part, whole = total(results, attribute)
        print(f"  {label:18} {part}/{whole}")
    for label, key in (("next meeting", "next_meeting"), ("meeting date", "meeting_date")):
        right = sum(bool(getattr(r, key)) for r in results)
        print(f"  {label:18} {right}/{len(results)} documents right")
    errors = sorted({(r.fmt, r.error) for r in results if r.error})
    for fmt, error in errors:
        count = sum(1 for r in results if (r.fmt, r.error) == (fmt, error))
        print(f"  {fmt} read failed on {count} documents, counted as nothing found: {error}")
    for r in everything:
        if r.case == largest:
            shown = "n/a" if r.error else f"{r.seconds:.3f} s"
            ok = r.error is None and r.seconds < READ_TARGET_S
            print(
                f"  largest document ({largest}, {r.fmt}): read in {shown} "
                f"(target < {READ_TARGET_S:.0f} s)  {verdict(ok)}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--format", choices=[*FORMATS, "all"], default="all")
    parser.add_argument("--case", choices=sorted(CASES_BY_NAME), help="one document only")
    parser.add_argument("--details", action="store_true", help="what was missed or wrong")
    args = parser.parse_args()
    cases = [CASES_BY_NAME[args.case]] if args.case else CASES
    formats = FORMATS if args.format == "all" else (args.format,)
    organisations = organisation_index()
    results = [
        score(case, fmt, organisations) for case in cases for fmt in formats if fmt in case.formats
    ]
    largest = max(cases, key=lambda case: len(to_text(case))).name
    print(f"Minutes readers on {len(cases)} documents, formats: {', '.join(formats)}\n")
    print_table(results)
    print_totals(results, largest)
    if args.details:
        gaps = directory_gaps(cases, organisations)
        print(f"\nExpected owners the directory does not know ({len(gaps)}): {', '.join(gaps)}")
        print("\nDetails")
        for r in results:
            if r.notes or r.error:
                print(f"  {r.case} ({r.fmt})" + (f": {r.error}" if r.error else ""))
                for note in r.notes:
                    print(f"    {note}")


if __name__ == "__main__":
    main()
