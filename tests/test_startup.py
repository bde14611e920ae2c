"""Issue 10: `relance run` loads only what polling needs; documents' libraries wait for use.

Each probe runs in a fresh interpreter: this test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.transport import telegram_requests
from reminders.planning import _country_calendar
from storage.db import make_engine
from storage.migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]

# Loaded when a document is first written or read (minutes read, pasted or sent), a
# migration run, an English deadline read, a name matched loosely, or by the first sweep
# (a cluster's public holidays).
LATER = (
    "alembic",
    "holidays",
    "rapidfuzz",
    "openpyxl",
    "docx",
    "lxml",
    "PIL",
    "pdfplumber",
    "pdfminer",
    "icalendar",
    "dateparser",
    "cryptography",
    "language.minutes",
)


def probe(code: str) -> object:
    """What `code` prints as JSON on its last line, run from the repository's root."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.splitlines()[-1])


def test_the_bot_built_as_relance_run_builds_it_loads_no_document_library() -> None:
    loaded = probe(
        "import json, sys\n"
        "import bot.cli\n"
        "bot.cli._import_telegram_without_passport()\n"
        "from bot.app import build_application\n"
        "from bot.clock import SystemClock\n"
        "from storage.db import Database\n"
        "build_application(token='123456789:AAEtestTokenForRelanceOnlyXXXXXXXXXXX',\n"
        "    db=Database.from_url('sqlite://'), clock=SystemClock(),\n"
        "    default_timezone='Africa/Bamako')\n"
        f"later = {LATER!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m in later or m.split('.')[0] in later)))\n"
    )
    assert loaded == []


def test_pdf_minutes_are_still_read_with_cryptography_after_telegram_went_without() -> None:
    # PTB then runs as without its passport extra; pdfminer imports cryptography itself.
    found = probe(
        "import json\n"
        "import bot.cli\n"
        "bot.cli._import_telegram_without_passport()\n"
        "import telegram._bot, telegram._passport.credentials as passport\n"
        "import pdfminer.pdfdocument\n"
        "import cryptography\n"
        "print(json.dumps([telegram._bot.CRYPTO_INSTALLED, passport.CRYPTO_INSTALLED]))\n"
    )
    assert found == [False, False]


def test_the_two_connections_to_telegram_share_one_tls_context() -> None:
    requests, updates = telegram_requests()
    assert requests is not updates
    assert requests._client_kwargs["verify"] is updates._client_kwargs["verify"]
    assert requests._client_kwargs["limits"].max_connections == 256
    assert updates._client_kwargs["limits"].max_connections == 1


def test_a_clusters_public_holidays_load_that_country_alone_and_match_the_library() -> None:
    found = probe(
        "import json, sys\n"
        "from datetime import date, timedelta\n"
        "from reminders.planning import is_working_day\n"
        "days = [date(2016, 1, 1) + timedelta(days=n) for n in range(365 * 12)]\n"
        "mine = {c: [d.isoformat() for d in days if not is_working_day(d, c)]\n"
        "        for c in ('ML', 'SN', 'BF')}\n"
        "alone = 'holidays.countries.niger' not in sys.modules\n"
        "import holidays\n"
        "theirs = {c: [d.isoformat() for d in days\n"
        "              if d.weekday() >= 5 or d in holidays.country_holidays(c)]\n"
        "          for c in ('ML', 'SN', 'BF')}\n"
        "print(json.dumps([alone, mine == theirs, len(mine['ML'])]))\n"
    )
    assert found[:2] == [True, True], found  # type: ignore[index]


def test_an_unknown_holidays_country_is_refused_as_the_library_refuses_it() -> None:
    with pytest.raises(NotImplementedError):
        _country_calendar("QQ")


def test_relance_db_upgrade_on_a_current_database_loads_neither_telegram_nor_alembic(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'relance.db'}"
    upgrade(make_engine(url))
    loaded = probe(
        "import json, os, sys\n"
        f"os.environ.update(DATABASE_URL={url!r})\n"
        "import bot.cli\n"
        "code = bot.cli.main(['db', 'upgrade'])\n"
        "print(json.dumps([code, sorted({m.split('.')[0] for m in sys.modules}\n"
        "                              & {'telegram', 'alembic', 'cryptography'})]))\n"
    )
    assert loaded == [0, []]
