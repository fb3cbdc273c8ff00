"""Everything no flow claimed: group chats, unknown commands, non-text, edits, stale buttons.

Each gets a short, clear answer; nothing here stores anything.
"""

from __future__ import annotations

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.context import KindredApplication, KindredContext
from bot.handlers.common import (
    crisis_in_this_update,
    current_user,
    helplines_text,
    is_private,
    language_of,
    stale_button,
)
from bot.menu import suggest_command

GUARD_GROUP = -10
# Same group as the flows, registered last: within a group only the first matching handler runs.
FALLBACK_GROUP = 0


async def guard_non_private(update: Update, context: KindredContext) -> None:
    """Kindred only works one-to-one: in groups it says so once per message and reads nothing."""
    if update.channel_post or update.edited_channel_post:
        raise ApplicationHandlerStop
    chat = update.effective_chat
    if chat is None and update.callback_query is not None:
        # A button on an inline message: Kindred has no inline mode, so it cannot be ours.
        await update.callback_query.answer()
        raise ApplicationHandlerStop
    if chat is None or is_private(update):
        return
    message = update.message
    if message is not None and (
        message.text and (message.text.startswith("/") or _mentions_bot(message.text, context))
    ):
        language = await language_of(update, context)
        # Nothing in a group is read, so crisis words there cannot be heard: the helplines go
        # with every answer, and saying them in public singles out no one.
        await message.reply_text(
            context.services.prompts.text(
                language, "fallback.group", helplines=helplines_text(context, language)
            )
        )
    elif update.callback_query is not None:
        await update.callback_query.answer()
    raise ApplicationHandlerStop


def _mentions_bot(text: str, context: KindredContext) -> bool:
    username = context.bot.username
    return bool(username) and f"@{username}".lower() in text.lower()


async def _reply(update: Update, context: KindredContext, key: str) -> None:
    message = update.effective_message
    if message is None:
        return
    language = await language_of(update, context)
    await message.reply_text(context.services.prompts.text(language, key))


async def unknown_command(update: Update, context: KindredContext) -> None:
    message = update.effective_message
    words = (message.text or "")[1:].split(maxsplit=1) if message is not None else []
    person = update.effective_user
    suggestion = None
    if words:
        lead = person is not None and await context.services.trends.lead_view(person.id) is not None
        suggestion = suggest_command(words[0].split("@")[0], lead=lead)
    if message is None or suggestion in (None, "help"):  # the plain answer names /help
        await _reply(update, context, "fallback.unknown_command")
        return
    language = await language_of(update, context)
    await message.reply_text(
        context.services.prompts.text(
            language, "fallback.unknown_command_suggest", command=suggestion
        )
    )


async def not_text(update: Update, context: KindredContext) -> None:
    if crisis_in_this_update(update, context):  # a caption already answered with helplines
        return
    # The words written with a photo are text: outside any flow they are offered for the
    # journal, like any message (in a flow, the flow's own question still waits).
    message = update.message
    caption = (message.caption or "").strip() if message is not None else ""
    user = await current_user(update, context) if caption else None
    if user is not None and user.status == "active":
        state = await context.services.storage.state.get(user.id)
        if state is None or state.get("flow") == "journal_offer":
            from bot.handlers import journal

            await _reply(update, context, "fallback.caption_read")
            await journal.offer_to_save(context, user, caption)
            return
    await _reply(update, context, "fallback.not_text")


async def edited(update: Update, context: KindredContext) -> None:
    if not crisis_in_this_update(update, context):  # an edit already answered with helplines
        await _reply(update, context, "fallback.edited")


def register_guard(application: KindredApplication) -> None:
    application.add_handler(TypeHandler(Update, guard_non_private), group=GUARD_GROUP)


def register(application: KindredApplication) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(
        MessageHandler(filters.UpdateType.EDITED_MESSAGE & private, edited), group=FALLBACK_GROUP
    )
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & private & filters.COMMAND, unknown_command),
        group=FALLBACK_GROUP,
    )
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & private & ~filters.TEXT, not_text),
        group=FALLBACK_GROUP,
    )
    application.add_handler(CallbackQueryHandler(stale_button), group=FALLBACK_GROUP)
