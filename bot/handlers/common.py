"""Helpers shared by handlers: who is writing, their language and state, replying by key."""

from __future__ import annotations

import contextlib
from datetime import date
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ChatType, MessageLimit
from telegram.error import BadRequest

from bot.classifier.analysis import TextAnalysis
from bot.context import KindredContext, Services
from bot.services import held_words
from bot.services.checkins import local_date_for
from bot.settings import DEFAULT_HELPLINE_NAME_KEYS
from storage.records import UserRecord

State = dict[str, Any]


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


def menu(
    context: KindredContext, user: UserRecord, options: list[tuple[str, str]]
) -> InlineKeyboardMarkup:
    """One button per row, from (prompt key, callback data) pairs, in the person's language."""
    return keyboard([[(text(context, user, key), data)] for key, data in options])


def helplines_text(context: KindredContext, language: str) -> str:
    return helplines_for(context.services, language)


def helplines_for(services: Services, language: str) -> str:
    settings = services.settings
    if settings.helplines_are_defaults:
        # The default numbers' names are in the person's language: a Hebrew reader in crisis
        # should not have to find "ער״ן" inside an English label, nor an English reader the
        # reverse. Helplines an operator configures are shown as the operator wrote them.
        names = [services.prompts.text(language, key) for key in DEFAULT_HELPLINE_NAME_KEYS]
        lines = [
            f"• {name}: {line.phone}" for name, line in zip(names, settings.helplines, strict=True)
        ]
        # The defaults are Israel's; someone on a placement abroad (the onboarding offers the UK)
        # must not be left with numbers that do not work there. The operator is told to set the
        # programme's own at start, in the log, not the people in the chat.
        lines.append(services.prompts.text(language, "help.helplines_abroad"))
    else:
        lines = [f"• {line.name}: {line.phone}" for line in settings.helplines]
    return "\n".join(lines)


async def current_user(update: Update, context: KindredContext) -> UserRecord | None:
    person = update.effective_user
    if person is None:
        return None
    return await context.services.users.find(person.id)


async def state_of(context: KindredContext, user: UserRecord) -> State | None:
    return await context.services.storage.state.get(user.id)


def today_for(context: KindredContext, user: UserRecord) -> date:
    return local_date_for(user, context.services.clock.now())


def day_text(context: KindredContext, user: UserRecord, day: date) -> str:
    """'Sat 5 Dec' / 'שבת 5.12' as people write a day (not 2026-12-05), the year only when it is
    not this year's."""
    weekday = text(context, user, f"weekday.{day.weekday()}")
    this_year = day.year == today_for(context, user).year
    if user.language == "he":
        return f"{weekday} {day.day}.{day.month}" + ("" if this_year else f".{day.year}")
    return f"{weekday} {day.day} {day.strftime('%b')}" + ("" if this_year else f" {day.year}")


def text(context: KindredContext, user: UserRecord, key: str, /, **values: object) -> str:
    return context.services.prompts.text(user.language, key, **values)


def daily_text(context: KindredContext, user: UserRecord, key: str, /, **values: object) -> str:
    """A wording that changes day to day for this person."""
    return context.services.prompts.daily(
        user.language, key, user_id=user.id, on=today_for(context, user), **values
    )


def fit(message_text: str) -> str:
    """Keep a message within Telegram's limit (long texts are also offered as files)."""
    limit = MessageLimit.MAX_TEXT_LENGTH
    return message_text if len(message_text) <= limit else message_text[: limit - 1] + "…"


# A flag quotes the words that carried it; a whole long answer would push the question that
# follows out of Telegram's 4,096 characters.
QUOTE_CHARS = 200


def quoted(evidence: str) -> str:
    flat = " ".join(evidence.split())
    return flat if len(flat) <= QUOTE_CHARS else flat[: QUOTE_CHARS - 1] + "…"


async def send(
    context: KindredContext,
    user: UserRecord,
    message_text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message:
    if markup is not None:
        # A question with buttons now stands below the crisis reply's "if that is where you are
        # right now": a typed "yes" is for it ("Delete everything?", "Save these 2 messages?"),
        # not a crisis confirmed. A walkthrough got "I'm taking it seriously" for both.
        context.services.checkins.note_moved_on_from_crisis(user.id)
    return await context.bot.send_message(user.chat_id, fit(message_text), reply_markup=markup)


async def answer_query(update: Update) -> None:
    if update.callback_query is not None:
        await update.callback_query.answer()


async def close_buttons(update: Update) -> None:
    """Remove the buttons of the message whose button was pressed, so it cannot be pressed twice."""
    query = update.callback_query
    if query is not None and isinstance(query.message, Message) and query.message.reply_markup:
        # Deleted, too old to edit, or already without buttons: nothing to take away.
        with contextlib.suppress(BadRequest):
            await query.edit_message_reply_markup(reply_markup=None)


async def edit_or_send(
    update: Update, context: KindredContext, body: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Show ``body`` in place of the pressed message; if that message can no longer be edited
    (deleted, too old), send it as a new one instead."""
    query = update.callback_query
    chat = update.effective_chat
    if query is not None and isinstance(query.message, Message):
        try:
            await query.edit_message_text(fit(body), reply_markup=markup)
            return
        except BadRequest as error:
            if "not modified" in error.message.lower():
                return
    if chat is not None:
        await context.bot.send_message(chat.id, fit(body), reply_markup=markup)


def rating_row(prefix: str) -> list[tuple[str, str]]:
    return [(str(value), f"{prefix}{value}") for value in range(1, 6)]


async def analysis_of(update: Update, context: KindredContext, body: str) -> TextAnalysis:
    """The safety check's analysis of this message when it is the same text, else a fresh one."""
    stashed = context.chat_data.get("analysis") if context.chat_data is not None else None
    if stashed is not None and stashed[0] == update.update_id and stashed[1].text == body:
        analysis: TextAnalysis = stashed[1]
        return analysis
    return await context.services.analyser.analyse_one(body)


async def note_if_not_analysed(
    context: KindredContext, user: UserRecord, body: str, *, crisis: bool = False
) -> None:
    """Once per person: Hebrew text is kept but not analysed (an "ok" is too short to be either,
    and is no reason to talk about Hebrew). Not right under a crisis reply, where "a small note:
    I sometimes quote a sentence…" read oddly after the helplines; it waits for another text."""
    from bot.classifier.analysis import is_mostly_hebrew

    if is_mostly_hebrew(body) and not user.hebrew_notice_shown and not crisis:
        await send(context, user, text(context, user, "reflect.not_analysed"))
        await context.services.users.update(user, hebrew_notice_shown=True)


# One journal entry holds at most this much (a longer text is offered back, or saved in parts).
MAX_ENTRY_CHARS = 16_000


def entry_parts(body: str) -> list[str]:
    """The text in pieces of at most MAX_ENTRY_CHARS, cut between paragraphs where possible."""
    parts: list[str] = []
    current = ""
    for paragraph in body.split("\n\n"):
        while len(paragraph) > MAX_ENTRY_CHARS:
            if current:
                parts.append(current)
                current = ""
            parts.append(paragraph[:MAX_ENTRY_CHARS])
            paragraph = paragraph[MAX_ENTRY_CHARS:]
        joined = f"{current}\n\n{paragraph}" if current else paragraph
        if len(joined) > MAX_ENTRY_CHARS:
            parts.append(current)
            current = paragraph
        else:
            current = joined
    if current:
        parts.append(current)
    return parts


async def set_aside(context: KindredContext, user: UserRecord) -> None:
    """Before a new flow takes the person's one conversation slot, keep what they had written
    in the old one, and say so: a reflection's answers become a (partial) journal entry, as with
    /cancel, and text waiting for "Save it?" is saved, unless that offer has lapsed unanswered
    (``held_words.OFFER_LAPSES_AFTER``) or was never asked (words under a crisis reply).
    Without this, /journal in the middle of a reflection threw the reflection's answers away."""
    state = await context.services.storage.state.get(user.id)
    flow = state.get("flow") if state is not None else None
    if state is None or flow is None:
        return
    if flow == "reflection":
        finished = state.get("step") == "mark"  # its entry is written already: nothing to say
        if await context.services.reflections.cancel(user, state) and not finished:
            await send(context, user, text(context, user, "flow.reflection_kept"))
        return
    lapsed = held_words.offer_lapsed(state, context.services.clock.now())
    # Words held under a crisis reply, never yet asked about, are not saved unasked (an audit:
    # /reflect after "I want to die" put those words in the journal, and /cancel then said
    # "Nothing was saved"). They stay in the person's Telegram chat; here they are forgotten.
    unasked = flow == "journal_offer" and not state.get("asked")
    if lapsed or unasked:
        await context.services.storage.state.forget(user.id)
        return
    if flow == "journal_offer" and str(state.get("text") or "").strip():
        for part in entry_parts(str(state["text"])):
            await context.services.storage.journal.add(
                user.id, part, "journal", context.services.clock.now()
            )
        await send(context, user, text(context, user, "flow.offer_kept"))
    await context.services.storage.state.clear(user.id)


async def stale_button(update: Update, context: KindredContext, *, answered: bool = False) -> None:
    """A button whose conversation has moved on: say so, change nothing. ``answered``: the
    handler already answered the query (Telegram refuses a second answer)."""
    query = update.callback_query
    if query is None:
        return
    language = await language_of(update, context)
    notice = context.services.prompts.text(language, "fallback.stale_button")
    if not answered:
        await query.answer(notice)
    if query.message is not None:
        await context.bot.send_message(query.message.chat.id, notice)


def crisis_in_this_update(update: Update, context: KindredContext) -> bool:
    """Whether the safety check already answered this very message with helplines."""
    return (
        context.chat_data is not None and context.chat_data.get("crisis_update") == update.update_id
    )
