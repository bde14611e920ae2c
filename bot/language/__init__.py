"""French language understanding: pure code, no Telegram import."""
