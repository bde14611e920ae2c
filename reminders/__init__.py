"""Relance reminders: when to remind whom, and delivery."""
