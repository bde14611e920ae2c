"""Configuration from the environment and a .env file. Only the entry point reads it."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_TOKEN = re.compile(r"^\d{5,}:[A-Za-z0-9_-]{30,}$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr = Field(default=SecretStr(""))
    database_url: str = "sqlite:///relance.db"
    relance_timezone: str = "Africa/Bamako"
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_api_base_file_url: str = "https://api.telegram.org/file/bot"
    log_level: str = "INFO"
    # Tests only: the instant the bot believes it is at start (ISO 8601 with an offset).
    relance_test_clock: datetime | None = None

    @field_validator("relance_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError("unknown time zone") from exc
        return value

    @field_validator("relance_test_clock")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("needs an offset")
        return value

    @field_validator("log_level")
    @classmethod
    def _known_level(cls, value: str) -> str:
        level = value.strip().upper()
        if not isinstance(logging.getLevelName(level), int):
            raise ValueError("unknown log level")
        return level


class ConfigError(Exception):
    """One line, in French, saying what to fix."""


_FIELD_HELP = {
    "relance_timezone": (
        "RELANCE_TIMEZONE n'est pas un fuseau horaire connu : mettez par exemple Africa/Bamako."
    ),
    "log_level": "LOG_LEVEL doit valoir DEBUG, INFO, WARNING ou ERROR.",
    "relance_test_clock": (
        "RELANCE_TEST_CLOCK (réservé aux tests) doit être une date ISO avec décalage, "
        "par exemple 2016-10-21T08:00:00+00:00."
    ),
}


def load_settings(*, require_token: bool = True, env_file: str | None = ".env") -> Settings:
    """Read the settings, or raise ConfigError with a one-line French explanation."""
    try:
        settings = Settings(_env_file=env_file)
    except ValidationError as exc:
        fields = [str(err["loc"][0]) for err in exc.errors() if err["loc"]]
        lines = [_FIELD_HELP.get(f, f"{f.upper()} est invalide.") for f in fields]
        raise ConfigError(" ".join(lines) or str(exc)) from None
    if require_token:
        token = settings.telegram_bot_token.get_secret_value().strip()
        if not token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN manque : copiez .env.example en .env et collez-y le jeton "
                "donné par @BotFather."
            )
        if not _TOKEN.match(token):
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN est mal formé : il ressemble à 123456789:AAE... "
                "(chiffres, deux-points, puis la clé donnée par @BotFather)."
            )
    return settings
