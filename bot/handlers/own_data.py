"""/supervision, /mytrends, /export: a person's own data, for them alone."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import KindredApplication, KindredContext
from bot.handlers.common import (
    answer_query,
    close_buttons,
    current_user,
    keyboard,
    send,
    stale_button,
    text,
    today_for,
)
from bot.services.own_data import (
    build_export,
    personal_trends,
    render_trends_chart,
    supervision_notes,
)

PERIODS = ("14", "31", "all")


async def supervision_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        return
    if not await context.services.storage.journal.count_for_user(user.id, for_supervision=True):
        # Asking for a period, only to say nothing is marked in it, wasted a tap.
        await send(context, user, text(context, user, "supervision.none_at_all"))
        return
    rows = [[(text(context, user, f"supervision.period.{p}"), f"sv:{p}")] for p in PERIODS]
    await send(context, user, text(context, user, "supervision.ask_period"), keyboard(rows))


async def on_supervision_button(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None or user is None:
        return
    period = query.data.removeprefix("sv:")
    if period not in PERIODS:
        await stale_button(update, context)
        return
    await answer_query(update)
    await close_buttons(update)
    today = today_for(context, user)
    since = None if period == "all" else today - timedelta(days=int(period))
    count, document = await supervision_notes(
        context.services.storage, context.services.prompts, user, since, today
    )
    if count == 0:
        await send(context, user, text(context, user, "supervision.none"))
        return
    await context.bot.send_document(
        user.chat_id,
        document,
        filename=f"supervision-{today.isoformat()}.md",
        caption=text(
            context,
            user,
            "supervision.ready" if count > 1 else "supervision.ready_one",
            count=count,
        ),
    )


async def mytrends_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        return
    today = today_for(context, user)
    trends = await personal_trends(context.services.storage, user, today)
    if trends.empty:
        await send(context, user, text(context, user, "mytrends.empty"))
        return
    mean_mood = trends.mean_mood()
    if mean_mood is None:
        first = text(context, user, "mytrends.mood_none")
    else:
        direction = text(context, user, f"trend.{trends.direction()}")
        first = text(context, user, "mytrends.mood", mean=mean_mood, direction=direction)
    second = text(
        context,
        user,
        "mytrends.activity",
        # A 1 or 2 is a hard shift as much as the button is: four 1s read "marked: 0" before.
        difficult=len(trends.hard_days()),
        reflections=len(trends.reflections),
    )
    change = trends.mean_change()
    if change is not None:
        direction = "up" if change > 0 else "down" if change < 0 else "same"
        second += " " + text(context, user, f"mytrends.change.{direction}", delta=abs(change))
    # Drawing takes a few hundred milliseconds: never on the event loop.
    png = await asyncio.to_thread(
        render_trends_chart, trends, context.services.prompts, user.language
    )
    await context.bot.send_photo(
        user.chat_id, png, caption=f"{first} {second}", filename="my-trends.png"
    )


async def export_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        return
    now = context.services.clock.now()
    as_json, readable = await build_export(
        context.services.storage, context.services.prompts, user, now
    )
    # The person's own date: at 00:30 in Jerusalem the UTC date is still yesterday's.
    stamp = today_for(context, user).isoformat()
    await send(context, user, text(context, user, "export.intro"))
    await context.bot.send_document(user.chat_id, as_json, filename=f"kindred-export-{stamp}.json")
    await context.bot.send_document(user.chat_id, readable, filename=f"kindred-export-{stamp}.md")


def register(application: KindredApplication) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("supervision", supervision_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_supervision_button, pattern=r"^sv:"))
    application.add_handler(CommandHandler("mytrends", mytrends_command, filters=private))
    application.add_handler(CommandHandler("export", export_command, filters=private))
