"""The global error handler: log what failed (never message text), tell the person kindly."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import Forbidden, NetworkError, TimedOut

from bot.context import KindredContext
from bot.handlers.common import language_of

logger = logging.getLogger("kindred.errors")


async def on_error(update: object, context: KindredContext) -> None:
    error = context.error
    update_id = update.update_id if isinstance(update, Update) else None
    # Only the exception's type and where it was raised: its message could quote user text.
    frame = None
    if error is not None and error.__traceback__ is not None:
        tb = error.__traceback__
        while tb.tb_next is not None:
            tb = tb.tb_next
        frame = f"{tb.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{tb.tb_lineno}"
    logger.error(
        "update failed",
        extra={"error_type": type(error).__name__, "update_id": update_id, "where": frame},
    )
    if isinstance(error, Forbidden | TimedOut | NetworkError):
        return  # telling the person would fail the same way, or may already have been delivered
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        language = await language_of(update, context)
        await context.bot.send_message(
            update.effective_chat.id, context.services.prompts.text(language, "error.generic")
        )
    except Exception as follow_up:  # the apology must never raise a second error
        logger.error("could not send error reply", extra={"error_type": type(follow_up).__name__})
