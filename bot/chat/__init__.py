"""The offline chat: a Bot API stand-in and a terminal driver for the real application."""
