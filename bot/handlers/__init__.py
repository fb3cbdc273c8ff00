"""One module per flow; ``bot.handlers.registry`` adds them in priority order."""
