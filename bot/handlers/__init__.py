"""One module per flow; ``register_handlers`` adds them in priority order."""

from __future__ import annotations

from bot.context import KindredApplication
from bot.handlers import errors, fallback, help, start


def register_handlers(application: KindredApplication) -> None:
    start.register(application)
    help.register(application)
    # Fallbacks last: they answer whatever no flow above claimed.
    fallback.register(application)
    application.add_error_handler(errors.on_error)
