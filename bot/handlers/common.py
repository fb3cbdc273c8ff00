"""Small helpers shared by handlers: language of the person, replying by prompt key."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ChatType

from bot.context import KindredContext


async def language_of(update: Update, context: KindredContext) -> str:
    user = update.effective_user
    return await context.services.users.language_for(
        user.id if user else None, user.language_code if user else None
    )


def is_private(update: Update) -> bool:
    chat = update.effective_chat
    return chat is not None and chat.type == ChatType.PRIVATE


def keyboard(rows: list[list[tuple[str, str]]]) -> InlineKeyboardMarkup:
    """Inline keyboard from rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


def helplines_text(context: KindredContext, language: str) -> str:
    settings = context.services.settings
    lines = [f"• {line.name}: {line.phone}" for line in settings.helplines]
    if settings.helplines_are_defaults:
        lines.append(context.services.prompts.text(language, "help.helplines_default_note"))
    return "\n".join(lines)
