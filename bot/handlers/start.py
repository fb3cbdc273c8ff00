"""/start: what Kindred is and is not, consent, and the account created only after consent."""

from __future__ import annotations

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import KindredApplication, KindredContext
from bot.handlers.common import keyboard, language_of

CONSENT_YES = "consent:yes"
CONSENT_NO = "consent:no"


async def start(update: Update, context: KindredContext) -> None:
    message = update.effective_message
    user = update.effective_user
    if message is None or user is None:
        return
    prompts = context.services.prompts
    existing = await context.services.users.find(user.id)
    if existing is not None:
        await message.reply_text(prompts.text(existing.language, "start.again"))
        return
    language = await language_of(update, context)
    first = context.services.settings.helplines[0]
    await message.reply_text(
        prompts.text(
            language,
            "welcome",
            name=user.first_name,
            first_helpline=f"{first.name} {first.phone}",
        )
    )
    await message.reply_text(
        prompts.text(language, "consent.question"),
        reply_markup=keyboard(
            [
                [(prompts.text(language, "consent.yes"), CONSENT_YES)],
                [(prompts.text(language, "consent.no"), CONSENT_NO)],
            ]
        ),
    )


async def consent(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = update.effective_user
    chat = update.effective_chat
    if query is None or user is None or chat is None:
        return
    await query.answer()
    prompts = context.services.prompts
    if query.data == CONSENT_NO:
        language = await language_of(update, context)
        await query.edit_message_text(prompts.text(language, "consent.declined"))
        return
    language = await language_of(update, context)
    record = await context.services.users.enrol(user.id, chat.id, language)
    await query.edit_message_text(prompts.text(record.language, "consent.done"))


def register(application: KindredApplication) -> None:
    application.add_handler(CommandHandler("start", start, filters=filters.ChatType.PRIVATE))
    application.add_handler(
        CallbackQueryHandler(consent, pattern=f"^({CONSENT_YES}|{CONSENT_NO})$")
    )
