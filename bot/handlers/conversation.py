"""What happens to every private message before and after the flows claim it.

* the safety check (before everything): crisis language gets a warm reply with the helplines in
  the same turn, whatever flow the person is in;
* the gate: people who have not enrolled, or are still setting up, are guided there;
* the text router: free text goes to the flow the person is in (state in the store, so this
  survives restarts); outside any flow it is offered as a journal entry;
* /cancel.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta

from telegram import Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.classifier.analysis import is_mostly_hebrew
from bot.context import KindredApplication, KindredContext
from bot.handlers import account, checkin, fallback, journal, onboarding, reflection, small_talk
from bot.handlers.common import (
    State,
    answer_query,
    crisis_in_this_update,
    current_user,
    helplines_text,
    is_private,
    keyboard,
    language_of,
    send,
    stale_button,
    text,
    today_for,
)
from bot.services import held_words
from bot.services.checkins import typed_answer
from bot.services.schedule import reads_as_schedule
from bot.services.small_talk import QUESTIONS_ABOUT_KINDRED, SmallTalk, small_talk_kind, yes_or_no
from storage.invite_repository import reads_as_code
from storage.records import UserRecord

SAFETY_GROUP = -5
GATE_GROUP = -3
OPEN_COMMANDS = {"start", "help", "cancel"}
# Buttons someone who has not enrolled can be shown: consent, the crisis reply, help.
OPEN_BUTTONS = ("consent:", "cr:", "hp:")

TextFlow = Callable[[Update, KindredContext, UserRecord, State, bool], Awaitable[None]]
TEXT_FLOWS: dict[str, TextFlow] = {
    "onboarding": onboarding.on_text,
    "settings": account.on_settings_text,
    "reflection": reflection.on_text,
    "journal": journal.on_text,
}


async def safety_check(update: Update, context: KindredContext) -> None:
    # Edits and captions too: "I saw you edited a message" must never be the answer to a crisis.
    message = update.message or update.edited_message
    if message is None or not is_private(update):
        return
    body = message.text or message.caption
    if body is None:
        return
    command = ""
    if body.startswith("/"):
        # A command is not something the person said; its argument ("/journal …") may be.
        command, _, body = body.partition(" ")
        body = body.strip()
        if not body:
            return
    # One analysis per message: the flows reuse it (see analysis_of) instead of scoring twice.
    analysis = await context.services.analyser.analyse_one(body)
    if analysis.crisis and (reads_as_schedule(body) or reads_as_code(body)):
        # "Sun Mon Tue Wed Thu", "19:00", "london", "Z3N57-F3JW9": an answer to Kindred's own
        # question or an enrolment code, which the model, having never seen one, can score as
        # crisis ("Mon Tue Wed Thu Fri": 0.998; about one code in ten). Without this a person
        # given such a code could never enrol: each try got the crisis reply.
        analysis = replace(analysis, crisis=False)
    elif (
        analysis.crisis
        and (
            small_talk_kind(body) in QUESTIONS_ABOUT_KINDRED
            # What follows /join is a code attempt, pasted with whatever came with it (the
            # operator's "…copy them now." alarmed the model); explicit words still alarm.
            or command.split("@")[0].lower() == "/join"
        )
        and not context.services.analyser.crisis_detector.check(body).crisis
    ):
        # "how do I delete an entry?", "where are my entries?": a question about Kindred itself,
        # which the model has never seen and alarmed on. The lexicon still has its say.
        analysis = replace(analysis, crisis=False)
    says_yes = not analysis.crisis and yes_or_no(body) is True
    user = await current_user(update, context) if analysis.crisis or says_yes else None
    now = context.services.clock.now()
    confirmed = (
        says_yes
        and user is not None
        and await context.services.checkins.awaiting_crisis_answer(user.id, now)
    )
    if confirmed:
        # "yes" to the crisis reply's "if that is where you are right now": the plainest way to
        # say it, and no model or lexicon hears it alone.
        analysis = replace(analysis, crisis=True)
    if context.chat_data is not None:
        context.chat_data["analysis"] = (update.update_id, analysis)
    if not analysis.crisis:
        return
    if context.chat_data is not None:
        context.chat_data["crisis_update"] = update.update_id
    checkins = context.services.checkins
    # After a "yes" to it, another crisis reply does not say "if I read it wrong".
    again = user is not None and not confirmed and checkins.confirmed_recently(user.id, now)
    if user is not None:
        await checkins.note_crisis(user.id, now, confirmed=confirmed)
    # Someone writing in Hebrew gets the Hebrew reply, whatever their app's language says.
    language = "he" if is_mostly_hebrew(body) else await language_of(update, context)
    prompts = context.services.prompts
    key = "crisis.confirmed" if confirmed else "crisis.confirmed_again" if again else "crisis.reply"
    await message.reply_text(
        prompts.text(language, key, helplines=helplines_text(context, language)),
        reply_markup=keyboard(
            [
                [(prompts.text(language, "crisis.continue"), "cr:continue")],
                [(prompts.text(language, "crisis.helplines"), "cr:helplines")],
            ]
        ),
    )


async def on_crisis_button(update: Update, context: KindredContext) -> None:
    """The crisis reply's buttons never close it; they only help."""
    query = update.callback_query
    if query is None:
        return
    await answer_query(update)
    language = await language_of(update, context)
    prompts = context.services.prompts
    chat = update.effective_chat
    if chat is None:
        return
    if query.data == "cr:helplines":
        await context.bot.send_message(
            chat.id,
            prompts.text(
                language, "crisis.helplines_again", helplines=helplines_text(context, language)
            ),
        )
        return
    await context.bot.send_message(chat.id, prompts.text(language, "crisis.continue_ack"))
    user = await current_user(update, context)
    if user is None:
        return
    context.services.checkins.note_moved_on_from_crisis(user.id)
    state = await context.services.storage.state.get(user.id)
    await resume_flow(context, user, state)


async def resume_flow(context: KindredContext, user: UserRecord, state: State | None) -> None:
    if state is None:
        return
    if state.get("flow") == "reflection":
        if state.pop("prompt_pending", False):
            await context.services.storage.state.set(user.id, state)  # shown now
        await reflection.prompt_step(context, user, state)
    elif state.get("flow") in ("onboarding", "settings") and state.get("step") != "quiet":
        await onboarding.prompt_step(context, user, state)
    elif state.get("flow") == "journal":
        await send(context, user, text(context, user, "journal.ask"))
    elif state.get("flow") == "journal_offer":
        await journal.ask_to_save(context, user)


async def gate(update: Update, context: KindredContext) -> None:
    if not is_private(update):
        return
    message = update.message
    command = None
    if message is not None and message.text and message.text.startswith("/"):
        words = message.text[1:].split(maxsplit=1)
        command = words[0].split("@")[0].lower() if words else ""
    user = await current_user(update, context)
    if user is not None:
        context.services.checkins.note_seen(user.id, context.services.clock.now())
    if user is not None and not user.reachable:
        user = await context.services.users.update(user, reachable=True)  # they are back
    query = update.callback_query
    if user is None and query is not None and not (query.data or "").startswith(OPEN_BUTTONS):
        # A button only an enrolled person could have been shown (an old chat, a forged client).
        await stale_button(update, context)
        raise ApplicationHandlerStop
    if command is None or command in OPEN_COMMANDS:
        return
    if user is None:
        language = await language_of(update, context)
        if message is not None:
            await message.reply_text(
                context.services.prompts.text(language, "fallback.not_enrolled")
            )
        raise ApplicationHandlerStop
    if user.status == "onboarding" and command != "delete":
        await send(context, user, text(context, user, "fallback.finish_onboarding"))
        state = await context.services.storage.state.get(user.id)
        await resume_flow(context, user, state)
        raise ApplicationHandlerStop


# How long after a crisis reply the first words outside a flow also get the helplines.
STILL_HERE = timedelta(hours=1)


async def route_text(update: Update, context: KindredContext) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    user = await current_user(update, context)
    crisis = crisis_in_this_update(update, context)
    if user is None:
        if not crisis and yes_or_no(message.text) is True:
            await onboarding.consent_typed(update, context)
            return
        if not crisis:
            # Nothing is kept before the person has said yes on the welcome message.
            language = await language_of(update, context)
            await message.reply_text(
                context.services.prompts.text(language, "fallback.not_enrolled_text")
            )
        return
    if not crisis and re.fullmatch(r"/\S{1,24}", message.text.strip()):
        # "/יומן", "/help!": a command Telegram did not send as one (not Latin letters): the
        # command it probably means, not an offer to keep it in the journal.
        await fallback.unknown_command(update, context)
        return
    state = await context.services.storage.state.get(user.id)
    if held_words.offer_lapsed(state, context.services.clock.now()):
        await context.services.storage.state.forget(user.id)  # never answered: not saved
        state = None
    flow = TEXT_FLOWS.get(str(state.get("flow"))) if state else None
    if flow is not None and state is not None:
        await flow(update, context, user, state, crisis)
        return
    if crisis:
        # Helplines first, nothing on top of them; "Continue where we were" then asks whether to
        # keep it ("…I need to write this down" must not be lost). A lone "yes" to the crisis
        # reply is not words to keep.
        if yes_or_no(message.text) is None:
            await journal.hold_for_offer(context, user, message.text)
    else:
        today = today_for(context, user)
        typed = message.text.strip()
        kind = small_talk_kind(typed)
        answer = yes_or_no(typed)
        if answer is False and await context.services.checkins.awaiting_crisis_answer(
            user.id, context.services.clock.now()
        ):
            # "no" to the crisis reply's "if that is where you are right now", not to the
            # journal offer for the words that brought it: that offer is asked now, as
            # "Continue where we were" would ask it, so a second "no" answers a question seen.
            context.services.checkins.note_moved_on_from_crisis(user.id)
            helplines = helplines_text(context, user.language)
            await send(context, user, text(context, user, "crisis.not_now", helplines=helplines))
            if state is not None and state.get("flow") == "journal_offer":
                await journal.ask_to_save(context, user)
            return
        # Which yes/no question is on screen: "Would you like me to save that?" (only once it
        # is shown, not for words held under a crisis reply) or "Would a short reflection help?"
        # (taken, so anything typed after it moves on from it).
        save_asked = (
            state is not None and state.get("flow") == "journal_offer" and state.get("asked")
        )
        reflection_asked = context.services.checkins.take_reflection_offer(user.id)
        if answer is not None and state is not None and save_asked and not reflection_asked:
            await journal.resolve_offer(update, context, user, state, save=answer)
            return
        if answer is not None and reflection_asked and not save_asked:
            await checkin.answer_reflection_offer(context, user, answer)
            return
        if answer is not None:
            # For some other question with buttons ("Delete everything?"), or for one of two
            # on screen: not a note for the journal, and not ours to guess which.
            await send(context, user, text(context, user, "small_talk.yes_no"))
            return
        if kind is not None and kind is not SmallTalk.ACK:
            await small_talk.answer(context, user, kind)
            return
        checkins = context.services.checkins
        question_day = await checkins.open_question_day(user.id, today)
        open_question = question_day is not None
        in_words = typed_answer(typed) if open_question else None
        if in_words is not None and question_day is not None:
            # "2", "2/5 tbh", "five", "rough shift", "day off": the answer typed instead of
            # tapped, not a note for the journal (a walkthrough's week of typed answers was
            # missing from its own /mytrends). Words said beside a rating are offered as always.
            # Recorded for the day asked about, which after midnight is yesterday.
            # With words beside it ("2, the handover ran late…"), whether to keep them is asked
            # first and a reflection, if the day calls for one, after: two questions with
            # buttons at once pushed the first off a phone's screen (a long walkthrough).
            words = in_words.rest
            offer = await checkin.answer(
                context, user, question_day, in_words, offer_later=bool(words)
            )
            if words:
                await journal.offer_to_save(context, user, words, then_offer_reflection=offer)
            return
        if await checkins.still_here_due(user.id, context.services.clock.now(), STILL_HERE):
            # The first words after a crisis reply (within the hour) that the checks did not
            # hear as crisis still get the helplines, never only a question about the journal or
            # the check-in: a Hebrew "I think about the bridge every time I drive home", just
            # after a goodbye that had the crisis reply, got only "save these messages?" (a
            # review). Once per crisis reply: after a false alarm, every ordinary message with
            # the helplines again was distressing (a re-test).
            helplines = helplines_text(context, user.language)
            await send(context, user, text(context, user, "crisis.still_here", helplines=helplines))
            await journal.offer_to_save(context, user, message.text)
            return
        first_words = question_day is not None and checkins.first_words_under_question(
            user.id, question_day
        )
        if kind is SmallTalk.ACK and not first_words:
            # "ok" as the first words under the check-in may be how the shift was; otherwise
            # it is only "ok".
            await small_talk.answer(context, user, kind)
            return
        if first_words:
            # "ok, bit tired" typed in answer to the check-in: say how the check-in is answered
            # (once), then offer the words for the journal as always.
            await send(context, user, text(context, user, "checkin.text_kept"))
        await journal.offer_to_save(context, user, message.text)


async def cancel_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        language = await language_of(update, context)
        if update.effective_message is not None:
            await update.effective_message.reply_text(
                context.services.prompts.text(language, "cancel.nothing")
            )
        return
    state = await context.services.storage.state.get(user.id)
    if state is None:
        checkins = context.services.checkins
        if await checkins.set_aside(user, today_for(context, user), context.services.clock.now()):
            await send(context, user, text(context, user, "checkin.set_aside"))
        else:
            await send(context, user, text(context, user, "cancel.nothing"))
    elif state.get("flow") == "reflection":
        await reflection.cancel(context, user, state)
    elif state.get("flow") == "journal_offer":
        await context.services.storage.state.forget(user.id)  # as "Don't save" does
        await send(context, user, text(context, user, "journal.not_saved"))
    elif state.get("flow") == "onboarding":
        await send(context, user, text(context, user, "fallback.finish_onboarding"))
        await onboarding.prompt_step(context, user, state)
    else:
        await context.services.storage.state.clear(user.id)
        await send(context, user, text(context, user, "cancel.done"))


def register_guards(application: KindredApplication) -> None:
    application.add_handler(TypeHandler(Update, safety_check), group=SAFETY_GROUP)
    application.add_handler(TypeHandler(Update, gate), group=GATE_GROUP)


def register(application: KindredApplication) -> None:
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("cancel", cancel_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_crisis_button, pattern=r"^cr:"))
    application.add_handler(
        MessageHandler(
            filters.UpdateType.MESSAGE & private & filters.TEXT & ~filters.COMMAND, route_text
        )
    )
