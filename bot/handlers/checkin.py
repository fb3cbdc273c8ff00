"""Daily check-ins: sent when due (at most once), or started by hand with /checkin.

Buttons carry the date they ask about, so an answer to yesterday's prompt is filed under
yesterday. A low rating or "Difficult shift" offers a reflection; it is never forced.
"""

from __future__ import annotations

import asyncio
import logging
import warnings
from dataclasses import dataclass
from datetime import date, timedelta

from telegram import Bot, InlineKeyboardMarkup, Update
from telegram.error import Forbidden, NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import KindredApplication, KindredContext, Services
from bot.handlers.common import (
    answer_query,
    close_buttons,
    current_user,
    daily_text,
    helplines_for,
    keyboard,
    menu,
    rating_row,
    send,
    stale_button,
    text,
    today_for,
)
from bot.jobs import DUE_JOBS
from bot.services.checkins import (
    HARD_RUN,
    QUIET_RUN_FOR_PAUSE_HINT,
    DueCheckin,
    HardDay,
    TypedAnswer,
    local_date_for,
)
from storage.records import UserRecord

logger = logging.getLogger("kindred.checkins")

STALE_AFTER_DAYS = 3
# Claimed together and sent concurrently: at Telegram's 30 messages/s, one second of sends, and the
# most that can be left unconfirmed by a crash.
SEND_BATCH = 30


def checkin_keyboard(
    services: Services, user: UserRecord, local_date: date
) -> InlineKeyboardMarkup:
    prompts = services.prompts
    day = local_date.isoformat()
    return keyboard(
        [
            rating_row(f"ci:{day}:r:"),
            [(prompts.text(user.language, "checkin.difficult"), f"ci:{day}:difficult")],
            [
                (prompts.text(user.language, "checkin.day_off"), f"ci:{day}:off"),
                (prompts.text(user.language, "checkin.snooze"), f"ci:{day}:snooze"),
            ],
        ]
    )


def checkin_text(
    services: Services, user: UserRecord, local_date: date, *, snoozed: bool = False
) -> str:
    """The day's question; after a snooze it says it is back as promised, not the same words
    as an hour ago as if new."""
    if snoozed:
        question = services.prompts.text(user.language, "checkin.question_again")
    elif local_date < local_date_for(user, services.clock.now()):
        # After midnight, or the morning after a late shift: "today's shift" would be the
        # wrong day.
        question = services.prompts.text(user.language, "checkin.question_yesterday")
    else:
        question = services.prompts.daily(
            user.language, "checkin.question", user_id=user.id, on=local_date
        )
    return f"{question}\n{services.prompts.text(user.language, 'checkin.scale')}"


async def checkin_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        return
    today = today_for(context, user)
    # Last night's question, still open the morning after a late shift, is the one answered:
    # answering "today" before today's shift silenced the evening's check-in.
    open_day = await context.services.checkins.open_question_day(user.id, today)
    local_date = open_day if open_day is not None else today
    await send(
        context,
        user,
        checkin_text(context.services, user, local_date),
        checkin_keyboard(context.services, user, local_date),
    )
    answered = await context.services.storage.checkins.get(user.id, local_date) is not None
    context.services.checkins.note_asked(user.id, local_date, again=answered)


def offer_reflection(context: KindredContext, user: UserRecord) -> InlineKeyboardMarkup:
    return menu(
        context,
        user,
        [("checkin.reflect_yes", "ci:reflect:yes"), ("checkin.reflect_no", "ci:reflect:no")],
    )


async def answer_reflection_offer(context: KindredContext, user: UserRecord, yes: bool) -> None:
    """ "Would a short reflection help?" answered, by a button or a typed yes or no."""
    if yes:
        from bot.handlers.reflection import begin_reflection

        await begin_reflection(context, user)
    else:
        await send(context, user, text(context, user, "checkin.reflect_later"))


async def on_button(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None or user is None:
        return
    parts = query.data.split(":")
    if len(parts) < 3:  # not a button Kindred sent
        await stale_button(update, context)
        return
    if parts[1] == "reflect":
        await answer_query(update)
        await close_buttons(update)
        context.services.checkins.take_reflection_offer(user.id)
        await answer_reflection_offer(context, user, parts[2] == "yes")
        return
    try:
        local_date = date.fromisoformat(parts[1])
    except ValueError:
        local_date = None
    today = today_for(context, user)
    action = parts[2]
    rating_ok = len(parts) == 4 and parts[3].isdigit() and 1 <= int(parts[3]) <= 5
    known = (action == "r" and rating_ok) or action in ("difficult", "off", "snooze")
    if (
        local_date is None
        or not (today - timedelta(days=STALE_AFTER_DAYS) <= local_date <= today)
        or not known
    ):
        await stale_button(update, context)
        return
    await answer_query(update)
    checkins = context.services.checkins
    if action != "snooze":
        await close_buttons(update)
    if action == "r" and len(parts) == 4 and parts[3].isdigit() and 1 <= int(parts[3]) <= 5:
        await answer(context, user, local_date, TypedAnswer(rating=int(parts[3])))
    elif action in ("difficult", "off"):
        choice = TypedAnswer(difficult=action == "difficult", day_off=action == "off")
        await answer(context, user, local_date, choice)
    elif action == "snooze":
        if await checkins.snooze(user, context.services.clock.now()):
            await close_buttons(update)
            await send(context, user, text(context, user, "checkin.snoozed"))
        else:
            # No snooze into quiet hours: the question keeps its buttons, still answerable (a
            # walkthrough's tap on it the next morning was told it belonged to an old message).
            quiet = {"quiet_start": user.quiet_start, "quiet_end": user.quiet_end}
            await send(context, user, text(context, user, "checkin.snooze_quiet", **quiet))


async def answer(
    context: KindredContext,
    user: UserRecord,
    local_date: date,
    choice: TypedAnswer,
    *,
    offer_later: bool = False,
) -> bool:
    """The day's check-in answered, by a tap or in words ("2/5", "rough shift", "day off").
    ``offer_later``: a reflection, if one is due, is not offered now (the caller asks another
    question first and offers it after, with :func:`offer_reflection_now`); returns whether one
    is due."""
    checkins = context.services.checkins
    if choice.between is None:
        checkins.note_answered(user.id)
    if choice.day_off:
        await checkins.record_day_off(user, local_date)
        await send(context, user, text(context, user, "checkin.day_off_ack"))
    elif choice.difficult:
        hard_day = await checkins.record_difficult(user, local_date)
        acknowledgement = text(context, user, "checkin.difficult_ack")
        return await answer_hard_day(context, user, acknowledgement, hard_day, offer_later)
    elif choice.rating is not None:
        return await rate(context, user, local_date, choice.rating, offer_later=offer_later)
    elif choice.between is not None:
        low, high = choice.between
        await send(context, user, text(context, user, "checkin.between", low=low, high=high))
    return False


async def rate(
    context: KindredContext,
    user: UserRecord,
    local_date: date,
    rating: int,
    *,
    offer_later: bool = False,
) -> bool:
    """Record the day's rating (a button, or the number typed) and thank; a low one offers a
    reflection (returns whether one is due, for ``offer_later``)."""
    hard_day = await context.services.checkins.record_rating(user, local_date, rating)
    band = "low" if rating <= 2 else "mid" if rating == 3 else "good"
    reply = daily_text(context, user, f"checkin.thanks.{band}")
    if hard_day is None:
        await send(context, user, reply)
        return False
    return await answer_hard_day(context, user, reply, hard_day, offer_later)


async def answer_hard_day(
    context: KindredContext,
    user: UserRecord,
    acknowledgement: str,
    hard_day: HardDay,
    offer_later: bool = False,
) -> bool:
    """A hard day: after a run of them, say so and point to people; offer a reflection unless
    one was already done today (now, or, with ``offer_later``, once the caller's question is
    answered; returns whether one is due)."""
    parts = [acknowledgement]
    if hard_day.hard_in_a_row >= HARD_RUN:
        parts.append(text(context, user, "checkin.hard_run", count=hard_day.hard_in_a_row))
    if hard_day.offer_reflection and offer_later:
        await send(context, user, "\n\n".join(parts))
        return True
    if hard_day.offer_reflection:
        parts.append(text(context, user, "checkin.offer_reflection"))
        await send(context, user, "\n\n".join(parts), offer_reflection(context, user))
        context.services.checkins.note_reflection_offered(user.id)
        return False
    parts.append(text(context, user, "checkin.reflected_today"))
    await send(context, user, "\n\n".join(parts))
    return False


async def offer_reflection_now(context: KindredContext, user: UserRecord) -> None:
    """The reflection a hard day's check-in held back while another question was answered."""
    await send(
        context,
        user,
        text(context, user, "checkin.offer_reflection"),
        offer_reflection(context, user),
    )
    context.services.checkins.note_reflection_offered(user.id)


async def send_due_checkins(services: Services, bot: Bot) -> int:
    """The check-in dispatcher: send every check-in now due, each at most once.

    Batches of ``SEND_BATCH`` are claimed in one transaction *before* any of them is sent, then
    sent concurrently (``AIORateLimiter`` paces them to Telegram's limits), then settled in one
    transaction. A crash can therefore leave at most one batch 'sending'; at the next start those
    become 'unconfirmed' and are never resent (a duplicate reminder is worse than a missed one).
    """
    checkins = services.checkins
    now = services.clock.now()
    if checkins.backing_off(now):
        return 0
    due = await checkins.find_due(now)
    sent = 0
    for start in range(0, len(due), SEND_BATCH):
        batch = await checkins.claim(due[start : start + SEND_BATCH])
        outcomes = await asyncio.gather(*(_send_one(services, bot, item) for item in batch))
        await checkins.settle(
            [(item, outcome.status) for item, outcome in zip(batch, outcomes, strict=True)]
        )
        sent += sum(outcome.status == "sent" for outcome in outcomes)
        trouble = [o for o in outcomes if o.status is None and not o.waiting]
        if trouble:
            # Telegram unreachable or asking us to wait: stop this round, try later.
            wait = checkins.back_off(now, max(outcome.retry_after for outcome in trouble))
            logger.warning(
                "check-in dispatch paused",
                extra={"seconds": int(wait.total_seconds()), "released": len(trouble)},
            )
            return sent
    checkins.recovered()
    return sent


@dataclass(frozen=True)
class SendOutcome:
    status: str | None  # None: certainly not delivered, the claim is released
    retry_after: timedelta = timedelta(0)
    waiting: bool = False  # not sent because the person is mid-conversation; not Telegram trouble


async def _mid_conversation(services: Services, user_id: str) -> bool:
    """Whether the person is in the middle of something with the bot now: a flow open (a
    reflection, an entry, settings) and a message or a tap within the last minutes. A check-in
    arriving between two steps of a reflection broke it in two (a long walkthrough); it waits
    for the next tick after they stop, within its grace window."""
    if not services.checkins.recently_seen(user_id, services.clock.now()):
        return False
    return await services.storage.state.get(user_id) is not None


async def _send_one(services: Services, bot: Bot, item: DueCheckin) -> SendOutcome:
    user = await services.storage.users.get(item.user_id)
    if user is None:  # erased since it was found due
        return SendOutcome("failed")
    if await _mid_conversation(services, user.id):
        return SendOutcome(None, waiting=True)
    try:
        if await services.checkins.after_crisis(user.id, services.clock.now()):
            await bot.send_message(
                user.chat_id,
                services.prompts.text(
                    user.language,
                    "checkin.after_crisis",
                    helplines=helplines_for(services, user.language),
                ),
            )
        else:
            question = checkin_text(
                services, user, item.local_date, snoozed=item.slot.startswith("snooze-")
            )
            quiet_run = await services.checkins.unanswered_before(
                user.id, item.local_date, up_to=QUIET_RUN_FOR_PAUSE_HINT + 1
            )
            if item.slot == "main" and quiet_run == QUIET_RUN_FOR_PAUSE_HINT:
                # Three unanswered in a row: said once, without pressing, that a break is
                # there (a long walkthrough got the same question every day with no word of it).
                question += "\n\n" + services.prompts.text(user.language, "checkin.pause_hint")
            await bot.send_message(
                user.chat_id,
                question,
                reply_markup=checkin_keyboard(services, user, item.local_date),
            )
            services.checkins.note_asked(user.id, item.local_date)
    except Forbidden:
        # Blocked the bot: stop check-ins until they write again.
        await services.storage.users.update(user.id, reachable=False)
        return SendOutcome("blocked")
    except RetryAfter as error:
        # The rate limiter already retried; Telegram refused the request, so nothing arrived.
        with warnings.catch_warnings():  # PTB 22 warns that this becomes a timedelta
            warnings.simplefilter("ignore")
            wait = _seconds(error.retry_after)
        return SendOutcome(None, timedelta(seconds=wait))
    except TimedOut:
        # The request may have reached Telegram and been delivered: never resend it.
        return SendOutcome("unconfirmed")
    except NetworkError as error:
        if _never_left(error):
            return SendOutcome(None)
        return SendOutcome("unconfirmed")
    except TelegramError as error:
        logger.warning("check-in send failed", extra={"error_type": type(error).__name__})
        return SendOutcome("failed")
    if item.slot.startswith("snooze"):
        await services.storage.users.update(user.id, snoozed_until=None)
    return SendOutcome("sent")


def _seconds(retry_after: int | timedelta) -> float:
    return retry_after.total_seconds() if isinstance(retry_after, timedelta) else float(retry_after)


def _never_left(error: NetworkError) -> bool:
    """A connection that was never made carried no request (PTB names the httpx error)."""
    return "ConnectError" in error.message


def register(application: KindredApplication) -> None:
    application.add_handler(
        CommandHandler("checkin", checkin_command, filters=filters.ChatType.PRIVATE)
    )
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^ci:"))
    if send_due_checkins not in DUE_JOBS:
        DUE_JOBS.append(send_due_checkins)
