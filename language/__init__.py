"""French language understanding: pure code that imports nothing else of ours."""
