"""/help: the commands and the programme's helplines, always."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CommandHandler, filters

from bot.context import KindredApplication, KindredContext
from bot.handlers.common import helplines_text, language_of


async def help_command(update: Update, context: KindredContext) -> None:
    message = update.effective_message
    if message is None:
        return
    language = await language_of(update, context)
    await message.reply_text(
        context.services.prompts.text(language, "help", helplines=helplines_text(context, language))
    )


def register(application: KindredApplication) -> None:
    application.add_handler(CommandHandler("help", help_command, filters=filters.ChatType.PRIVATE))
