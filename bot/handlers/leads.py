"""Programme leads: /trends (chart + summary), /digest on|off, and the Monday digest.

This module sees only :mod:`bot.services.trends`: suppressed weekly figures of a whole programme.
It imports no participant repository or service, and reaches nothing else through the context
(``tests/test_leads.py`` checks both). Every view is written to the audit log.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
from typing import TYPE_CHECKING

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.jobs import DUE_JOBS
from bot.menu import clear_lead_menu
from bot.prompts import Prompts, language_from_telegram
from bot.services.trends import ProgrammeTrends, TrendsService

if TYPE_CHECKING:
    from bot.context import KindredApplication, KindredContext, Services

logger = logging.getLogger("kindred.leads")

CHOOSE_PREFIX = "tr:"


def _language(update: Update, context: KindredContext, known: str | None) -> str:
    if known is not None:
        return known
    person = update.effective_user
    return language_from_telegram(
        person.language_code if person else None, context.services.settings.default_language
    )


async def _reply(
    update: Update, message_text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    chat = update.effective_chat
    if chat is not None:
        await update.get_bot().send_message(chat.id, message_text, reply_markup=markup)


async def send_trends(
    bot: Bot,
    chat_id: int,
    trends_service: TrendsService,
    trends: ProgrammeTrends,
    language: str,
    caption_key: str,
    prompts: Prompts,
) -> None:
    chart = await trends_service.chart(trends, language)
    await bot.send_photo(
        chat_id,
        chart,
        caption=prompts.text(language, caption_key, programme=trends.programme),
        filename="kindred-programme-trends.png",
    )
    await bot.send_message(chat_id, trends_service.summary(trends, language))


async def show_trends(
    update: Update, context: KindredContext, actor: str, programme: str, language: str
) -> None:
    chat = update.effective_chat
    if chat is None:
        return
    service = context.services.trends
    trends = await service.trends(programme)
    await service.record_view(actor, programme, "trends")
    await send_trends(
        context.bot, chat.id, service, trends, language, "trends.caption", context.services.prompts
    )


def _programme_tag(programme: str) -> str:
    """A programme's name as a button carries it (callback data is at most 64 bytes)."""
    return hashlib.sha256(programme.encode()).hexdigest()[:12]


async def _not_a_lead(update: Update, context: KindredContext) -> None:
    """Said to someone who leads nothing (now): a lead whose access the operator ended still
    has /trends in their own menu, which is taken away here."""
    await _reply(
        update, context.services.prompts.text(_language(update, context, None), "trends.not_lead")
    )
    chat = update.effective_chat
    if chat is not None:
        with contextlib.suppress(TelegramError):
            await clear_lead_menu(context.bot, chat.id)


async def trends_command(update: Update, context: KindredContext) -> None:
    person = update.effective_user
    if person is None:
        return
    prompts = context.services.prompts
    lead = await context.services.trends.lead_view(person.id)
    if lead is None:
        await _not_a_lead(update, context)
        return
    wanted = " ".join(context.args or []).strip().casefold()
    chosen = [p for p in lead.programmes if p.casefold() == wanted] if wanted else []
    if len(lead.programmes) == 1:
        chosen = lead.programmes
    if chosen:
        await show_trends(update, context, lead.user_id, chosen[0], lead.language)
        return
    buttons = [
        [InlineKeyboardButton(name, callback_data=f"{CHOOSE_PREFIX}{_programme_tag(name)}")]
        for name in lead.programmes
    ]
    await _reply(
        update, prompts.text(lead.language, "trends.choose"), InlineKeyboardMarkup(buttons)
    )


async def on_choose(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    person = update.effective_user
    if query is None or person is None or query.data is None:
        return
    lead = await context.services.trends.lead_view(person.id)
    tag = query.data.removeprefix(CHOOSE_PREFIX)
    language = _language(update, context, lead.language if lead else None)
    chosen = [p for p in lead.programmes if _programme_tag(p) == tag] if lead else []
    if lead is None or not chosen:
        # Not a lead any more, or not of that programme: never another programme's figures (by
        # position, an old "North Ward" button showed South Ward's once North was left).
        notice = context.services.prompts.text(language, "fallback.stale_button")
        await query.answer(notice)
        await _reply(update, notice)
        return
    await query.answer()
    await show_trends(update, context, lead.user_id, chosen[0], language)


async def digest_command(update: Update, context: KindredContext) -> None:
    person = update.effective_user
    if person is None:
        return
    prompts = context.services.prompts
    service = context.services.trends
    lead = await service.lead_view(person.id)
    if lead is None:
        await _not_a_lead(update, context)
        return
    choice = (context.args[0].casefold() if context.args else "").strip()
    if choice in ("on", "off"):
        await service.set_digest(lead, choice == "on")
        await _reply(update, prompts.text(lead.language, f"digest.{choice}"))
        return
    state = "on" if await service.digest_enabled(lead) else "off"
    await _reply(update, prompts.text(lead.language, f"digest.usage.{state}"))


async def send_due_digests(services: Services, bot: Bot) -> int:
    """Mondays from 09:00 programme time: each opted-in lead gets last week's chart once."""
    service = services.trends
    sent = 0
    cache: dict[str, ProgrammeTrends] = {}
    for programme, lead, week in await service.due_digests():
        delivered = False
        try:
            if programme not in cache:
                cache[programme] = await service.trends(programme)
            await send_trends(
                bot,
                lead.chat_id,
                service,
                cache[programme],
                lead.language,
                "digest.caption",
                services.prompts,
            )
            delivered = True
        except Forbidden:
            logger.info("lead unreachable; digest not sent")
        except TelegramError as error:
            # Claimed and not resent: a digest twice is worse than a digest missed.
            logger.warning("digest not sent", extra={"error_type": type(error).__name__})
        await service.digest_done(lead, programme, week, delivered)
        sent += int(delivered)
    return sent


def register(application: KindredApplication) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("trends", trends_command, filters=private))
    application.add_handler(CommandHandler("digest", digest_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_choose, pattern=f"^{CHOOSE_PREFIX}"))
    if send_due_digests not in DUE_JOBS:
        DUE_JOBS.append(send_due_digests)
