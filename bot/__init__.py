"""Relance: the Telegram edge."""
