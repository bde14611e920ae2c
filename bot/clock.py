"""Time is a parameter: the edge asks a clock, everything inside takes `now`."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, timezone-aware UTC."""
        ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class ShiftedClock:
    """Real time, shifted so that it read `start` when the process began. For tests only
    (RELANCE_TEST_CLOCK): an end-to-end test starts the real bot on a reminder's morning."""

    def __init__(self, start: datetime) -> None:
        if start.tzinfo is None:
            raise ValueError("the test clock needs a time zone offset")
        self.offset = start - datetime.now(UTC)

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset
