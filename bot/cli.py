"""The `relance` command (`run`, `db upgrade`): the only reader of the environment."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, NoReturn

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from bot.clock import Clock, ShiftedClock, SystemClock
from bot.config import ConfigError, Settings, load_settings
from storage.db import Database
from storage.migrate import upgrade

if TYPE_CHECKING:
    from bot.context import RelanceApp

log = logging.getLogger("relance")


class _RedactingFormatter(logging.Formatter):
    """The token never reaches the log, not even inside a traceback (PTB puts it verbatim in
    InvalidToken's message), so redaction happens on the fully formatted line."""

    def __init__(self, fmt: str, token: str) -> None:
        super().__init__(fmt)
        self.token = token

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        return text.replace(self.token, "<jeton>") if self.token else text


class _QuietStartupFailure(logging.Filter):
    """PTB logs a start-up failure with its traceback before raising it; `_run` explains the
    same failure in one French line, so the traceback is noise for the operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        if "Bootstrap" in record.getMessage():
            record.exc_info = None
            record.exc_text = None
        return True


def _configure_logging(settings: Settings) -> None:
    handler = logging.StreamHandler()
    token = settings.telegram_bot_token.get_secret_value()
    handler.setFormatter(
        _RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", token)
    )
    handler.addFilter(_QuietStartupFailure())
    logging.basicConfig(level=settings.log_level, handlers=[handler], force=True)
    # httpx logs every request URL, and Telegram's URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)


def _safe_url(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(illisible)"


# The module SQLAlchemy imports for a URL, and what `pip install` is given to provide it.
_DRIVER_PACKAGES = {
    "psycopg2": "psycopg2-binary",
    # postgres:// and postgresql:// name psycopg 3 (storage.db.normalise_url): Relance's extra.
    "psycopg": '"relance[postgres]"',
    "asyncpg": "asyncpg",
    "pg8000": "pg8000",
    "MySQLdb": "mysqlclient",
    "pymysql": "PyMySQL",
    "mysql": "mysql-connector-python",
    "oracledb": "oracledb",
    "pyodbc": "pyodbc",
    "pymssql": "pymssql",
}


def _open_database(settings: Settings) -> Database:
    """Open the database and bring its schema up to date, or explain in one line."""
    try:
        db = Database.from_url(settings.database_url)
        upgrade(db.engine)
        db.check_writable()
    except ImportError as exc:
        # SQLAlchemy imports the driver a URL names only when the engine is made.
        module = (exc.name or "").split(".")[0]
        package = _DRIVER_PACKAGES.get(module, module or "le pilote")
        raise ConfigError(
            f"DATABASE_URL ({_safe_url(settings.database_url)}) demande le pilote Python "
            f"« {module} », qui n'est pas installé : pip install {package}"
        ) from None
    except ArgumentError:
        raise ConfigError(
            f"DATABASE_URL n'est pas une adresse de base de données valable : "
            f"{_safe_url(settings.database_url)} (exemple : sqlite:///relance.db)."
        ) from None
    except (SQLAlchemyError, OSError) as exc:
        reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
        if "readonly" in reason.replace(" ", "").lower() or "read-only" in reason.lower():
            fix = (
                "Donnez le droit d'écriture sur le fichier et son dossier"
                if settings.database_url.startswith("sqlite")
                else "Donnez à son utilisateur le droit d'y écrire (pas un serveur de secours)"
            )
            raise ConfigError(
                f"La base de données {_safe_url(settings.database_url)} est en lecture seule "
                f"({reason}) : Relance doit pouvoir y écrire. {fix}, ou changez DATABASE_URL."
            ) from None
        raise ConfigError(
            f"Base de données inaccessible ({_safe_url(settings.database_url)}) : {reason}. "
            "Vérifiez DATABASE_URL et que le dossier ou le serveur existe."
        ) from None
    return db


def _import_telegram_without_passport() -> None:
    """PTB imports cryptography with telegram whenever it is installed (pdfminer, which reads
    the PDF minutes, brings it), to decrypt Telegram Passport data: 7 MB and 40 ms at every
    start, for data Relance never asks for. It is hidden while telegram is first imported,
    so PTB runs as it does without its passport extra; pdfminer still imports it when a PDF
    is first read."""
    if "telegram" in sys.modules or "cryptography" in sys.modules:
        return
    sys.modules["cryptography"] = None  # type: ignore[assignment]  # importing it fails
    try:
        import telegram  # noqa: F401
    finally:
        del sys.modules["cryptography"]


def _run(settings: Settings) -> int:
    _import_telegram_without_passport()
    from telegram import Update
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.app import build_application
    from bot.reminders import report_uncertain

    db = _open_database(settings)
    log.info("database ready at %s", _safe_url(settings.database_url))
    clock: Clock = SystemClock()
    if settings.relance_test_clock is not None:
        clock = ShiftedClock(settings.relance_test_clock)
        log.warning("test clock: the bot believes it is %s", clock.now().isoformat())
    app = build_application(
        token=settings.telegram_bot_token.get_secret_value(),
        db=db,
        clock=clock,
        default_timezone=settings.relance_timezone,
        base_url=settings.telegram_api_base_url,
        base_file_url=settings.telegram_api_base_file_url,
    )
    report_uncertain(app)
    # What start-up built (modules, classes, the application) lives as long as the process:
    # kept out of the collector's reach, so that each collection of a busy morning or of a
    # command does not walk it again (about 15 % of a morning's CPU went to the collector).
    # No collection first: it took 50 ms and found nothing to free.
    gc.freeze()
    # run_polling uses the current event loop: the stop signals are set on it here.
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    _stop_on_signals(app, loop)
    try:
        app.run_polling(
            allowed_updates=Update.ALL_TYPES, drop_pending_updates=False, stop_signals=None
        )
    except InvalidToken:
        raise ConfigError(
            "Telegram refuse TELEGRAM_BOT_TOKEN : vérifiez le jeton auprès de @BotFather."
        ) from None
    except NetworkError as exc:
        raise ConfigError(
            f"Telegram est injoignable ({exc.message}). Vérifiez la connexion ou "
            "TELEGRAM_API_BASE_URL."
        ) from None
    except TelegramError as exc:
        raise ConfigError(f"Telegram a refusé le démarrage : {exc.message}") from None
    finally:
        db.dispose()
    log.info("stopped")
    return 0


def _stop_on_signals(app: RelanceApp, loop: asyncio.AbstractEventLoop) -> None:
    """SIGINT, SIGTERM and SIGABRT stop the bot as PTB's own handler does (SystemExit, then
    a clean stop), but tell a reminder sweep under way first: PTB waits for running jobs,
    and a sweep finishing the whole morning (35 s for 1,000 digests) outlasts a supervisor's
    10 s grace, which then ends it with SIGKILL. Told, the sweep lets only the messages on
    the wire finish; the rest goes at the next start."""

    def stop() -> NoReturn:
        app.bot_data.stopping.set()
        raise SystemExit

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGABRT):
        loop.add_signal_handler(sig, stop)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="relance", description="Relance : suivi des actions des réunions de coordination."
    )
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="appliquer les migrations puis lancer le bot")
    db_parser = sub.add_parser("db", help="gérer la base de données")
    db_sub = db_parser.add_subparsers(dest="db_command")
    db_sub.add_parser("upgrade", help="mettre le schéma à jour sans perdre de données")
    args = parser.parse_args(argv)
    try:
        if args.command == "run":
            settings = load_settings()
            _configure_logging(settings)
            return _run(settings)
        if args.command == "db" and args.db_command == "upgrade":
            settings = load_settings(require_token=False)
            _configure_logging(settings)
            _open_database(settings).dispose()
            print("Base de données à jour.")
            return 0
    except ConfigError as exc:
        print(f"relance : {exc}", file=sys.stderr)
        return 2
    parser.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main())
