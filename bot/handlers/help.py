"""/help: the commands and the programme's helplines, always."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

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


async def help_button(update: Update, context: KindredContext) -> None:
    """The "What I can do" button under /start for an enrolled person."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await help_command(update, context)


def register(application: KindredApplication) -> None:
    application.add_handler(CommandHandler("help", help_command, filters=filters.ChatType.PRIVATE))
    application.add_handler(CallbackQueryHandler(help_button, pattern=r"^hp:show$"))
