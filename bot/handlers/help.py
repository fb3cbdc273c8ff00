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
    prompts = context.services.prompts
    body = prompts.text(language, "help", helplines=helplines_text(context, language))
    person = update.effective_user
    if person is not None and await context.services.trends.lead_view(person.id) is not None:
        # A lead's commands are in their own menu; /help named only everyone's, so a lead asking
        # "what can I do" never heard of /trends.
        body += "\n\n" + prompts.text(language, "help.lead")
    await message.reply_text(body)


async def help_button(update: Update, context: KindredContext) -> None:
    """The "What I can do" button under /start for an enrolled person."""
    if update.callback_query is not None:
        await update.callback_query.answer()
    await help_command(update, context)


def register(application: KindredApplication) -> None:
    application.add_handler(CommandHandler("help", help_command, filters=filters.ChatType.PRIVATE))
    application.add_handler(CallbackQueryHandler(help_button, pattern=r"^hp:show$"))
