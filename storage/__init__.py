"""Relance storage: SQLModel tables and every query. Imports nothing else of ours."""
