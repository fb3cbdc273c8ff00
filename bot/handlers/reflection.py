"""/reflect: the self-compassion reflection, one step per message, resumable after restarts."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.classifier.analysis import TextAnalysis
from bot.context import KindredApplication, KindredContext
from bot.handlers import journal
from bot.handlers.common import (
    State,
    analysis_of,
    answer_query,
    close_buttons,
    current_user,
    daily_text,
    helplines_text,
    keyboard,
    note_if_not_analysed,
    quoted,
    rating_row,
    send,
    set_aside,
    stale_button,
    text,
    today_for,
)
from bot.services.checkins import typed_answer
from bot.services.reflection import FLOW, TEXT_STEPS, is_reflection
from storage.records import UserRecord

FEELINGS = ("tired", "sad", "angry", "anxious", "ashamed", "numb", "mixed")
# Ending at or below this, or within this long of a crisis reply, the close has the helplines.
LOW_AFTER = 2
HEAVY_WITHIN = timedelta(hours=1)


def _skip(context: KindredContext, user: UserRecord, rid: str) -> tuple[str, str]:
    return (text(context, user, "common.skip"), f"rf:{rid}:skip")


async def prompt_step(
    context: KindredContext, user: UserRecord, state: State, *, again: bool = False
) -> None:
    """Ask the current step; ``again`` when it was just asked (words where a button was wanted):
    the question alone, not the opening of the whole reflection once more."""
    rid = state["rid"]
    step = state["step"]
    skip = _skip(context, user, rid)
    if step == "pre":
        question = text(context, user, "reflect.pre")
        if not again:
            question = f"{daily_text(context, user, 'reflect.intro')}\n\n{question}"
        await send(context, user, question, keyboard([rating_row(f"rf:{rid}:rate:"), [skip]]))
    elif step == "happened":
        await send(context, user, daily_text(context, user, "reflect.happened"), keyboard([[skip]]))
    elif step == "feel":
        labels = [(text(context, user, f"feel.{f}"), f"rf:{rid}:feel:{f}") for f in FEELINGS]
        rows = [labels[:4], labels[4:], [skip]]
        await send(context, user, daily_text(context, user, "reflect.feel"), keyboard(rows))
    elif step == "common":
        body = daily_text(context, user, "reflect.common")
        question = text(context, user, "reflect.common_question")
        await send(context, user, f"{body}\n\n{question}", keyboard([[skip]]))
    elif step == "kindness":
        await send(context, user, daily_text(context, user, "reflect.kindness"), keyboard([[skip]]))
    elif step == "differentiate":
        evidence = (state.get("flag") or {}).get("evidence") or ""
        await send(
            context,
            user,
            text(context, user, "reflect.differentiate", evidence=quoted(evidence)),
            keyboard([[(text(context, user, "reflect.not_it"), f"rf:{rid}:notit")], [skip]]),
        )
    elif step == "close":
        await send(
            context,
            user,
            text(context, user, "reflect.close"),
            keyboard([rating_row(f"rf:{rid}:rate:"), [skip]]),
        )
    elif step == "mark":
        if state.get("entry_id") is None:
            # Every step skipped: nothing was written, so there is nothing saved or to mark.
            await context.services.reflections.mark_for_supervision(user, state, False)
            await send(context, user, text(context, user, "reflect.done_empty"))
            await journal.offer_held(context, user, state)
            return
        lines = [daily_text(context, user, "reflect.done")]
        if state.get("pre") is not None and state.get("post") is not None:
            # A reflection can stir things up: "Before: 2. Now: 1." alone read as indifferent.
            change = "reflect.change_lower" if state["post"] < state["pre"] else "reflect.change"
            lines.append(text(context, user, change, pre=state["pre"], post=state["post"]))
        low = state.get("post") is not None and int(state["post"]) <= LOW_AFTER
        now = context.services.clock.now()
        if low or await context.services.checkins.after_crisis(user.id, now, within=HEAVY_WITHIN):
            # Ending on "thank you" alone after a crisis reply inside the reflection, or at 1 or
            # 2, read as dismissive (a safety review): the helplines again, once, plainly.
            helplines = helplines_text(context, user.language)
            lines.append(text(context, user, "reflect.heavy", helplines=helplines))
        lines.append(text(context, user, "reflect.offer_mark"))
        await send(
            context,
            user,
            "\n\n".join(lines),
            keyboard(
                [
                    [(text(context, user, "reflect.mark_yes"), f"rf:{rid}:mark:yes")],
                    [(text(context, user, "reflect.mark_no"), f"rf:{rid}:mark:no")],
                ]
            ),
        )


async def begin_reflection(context: KindredContext, user: UserRecord) -> None:
    state = await context.services.storage.state.get(user.id)
    if is_reflection(state) and state is not None:
        await send(context, user, text(context, user, "reflect.resume"))
        await prompt_step(context, user, state)
        return
    await set_aside(context, user)
    state = await context.services.reflections.start(user, today_for(context, user))
    await prompt_step(context, user, state)


async def reflect_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is not None:
        await begin_reflection(context, user)


async def _after(context: KindredContext, user: UserRecord, state: State, crisis: bool) -> None:
    """Ask the next step, unless a crisis reply was just sent (then "Continue" asks it)."""
    if state["step"] != "done" and not crisis:
        await prompt_step(context, user, state)
    elif state["step"] != "done":
        # The next question is not on screen: words typed instead of "Continue" are not its
        # answer (a re-test: they became the answer to a question never shown).
        state["prompt_pending"] = True
        await context.services.storage.state.set(user.id, state)


def _button_ok(parts: list[str]) -> bool:
    """The shapes of the buttons Kindred sends (a modified client can send any data)."""
    action, rest = parts[2], parts[3:]
    if action == "rate":
        return len(rest) == 1 and rest[0].isdigit() and 1 <= int(rest[0]) <= 5
    if action in ("feel", "mark"):
        return len(rest) == 1
    return action in ("skip", "notit") and not rest


async def on_button(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None or user is None:
        return
    parts = query.data.split(":")
    state = await context.services.storage.state.get(user.id)
    if (
        not is_reflection(state)
        or state is None
        or len(parts) < 3
        or state.get("rid") != parts[1]
        or not _button_ok(parts)
    ):
        await stale_button(update, context)
        return
    await answer_query(update)
    await close_buttons(update)
    service = context.services.reflections
    action = parts[2]
    step = state["step"]
    if action == "rate" and step in ("pre", "close"):
        state = await service.rate(user, state, int(parts[3]))
    elif action == "skip":
        state = (
            await service.rate(user, state, None)
            if step in ("pre", "close")
            else await service.answer(user, state, None, None)
        )
    elif action == "feel" and step == "feel" and parts[3] in FEELINGS:
        state = await service.answer(user, state, text(context, user, f"feel.{parts[3]}"), None)
    elif action == "notit" and step == "differentiate":
        state = await service.not_it(user, state)
        await send(context, user, text(context, user, "reflect.not_it_thanks"))
    elif action == "mark" and step == "mark":
        marked = parts[3] == "yes"
        await service.mark_for_supervision(user, state, marked)
        await send(
            context, user, text(context, user, "reflect.marked" if marked else "reflect.not_marked")
        )
        await journal.offer_held(context, user, state)  # crisis words sent at this step
        return
    else:
        # A button from an earlier step of this same reflection: show where we are now.
        await prompt_step(context, user, state)
        return
    await _after(context, user, state, crisis=False)


async def analyse_for_reflection(
    update: Update, context: KindredContext, user: UserRecord, answer: str
) -> TextAnalysis:
    analysis = await analysis_of(update, context, answer)
    await note_if_not_analysed(context, user, answer, crisis=analysis.crisis)
    return analysis


async def on_text(
    update: Update, context: KindredContext, user: UserRecord, state: State, crisis: bool
) -> None:
    message = update.effective_message
    if message is None or message.text is None:
        return
    service = context.services.reflections
    step = state["step"]
    typed = message.text.strip()
    if state.pop("prompt_pending", False):
        # Written after a crisis reply, before the next question was shown: kept with the
        # answers (under "Also"), then the question.
        if typed:
            state = await service.keep_note(user, state, typed, crisis=crisis)
        await _after(context, user, state, crisis)
        return
    told = typed_answer(typed) if step in ("pre", "close") else None
    if told is not None and told.between is not None:
        low, high = told.between
        await send(context, user, text(context, user, "checkin.between", low=low, high=high))
        return
    if told is not None and told.rating is not None:
        # "3", "שתיים", "2/5", "like a 3": read as the check-in reads them; words said beside
        # the number ("2, still shaking") are kept in the entry, as words at a button step are.
        if told.rest:
            state = await service.keep_note(user, state, told.rest, crisis=crisis)
        state = await service.rate(user, state, told.rating)
        await _after(context, user, state, crisis)
        return
    if step in TEXT_STEPS:
        analysis = await analyse_for_reflection(update, context, user, message.text)
        state = await service.answer(user, state, typed, analysis)
        await _after(context, user, state, crisis)
        return
    # Words where a button was asked for: kept (in the entry, under "Also"), then the step again.
    if typed:
        state = await service.keep_note(user, state, typed, crisis=crisis)
        if not crisis:
            kept = "reflect.note_kept_apart" if step == "mark" else "reflect.note_kept"
            await send(context, user, text(context, user, kept))
    if not crisis:
        await prompt_step(context, user, state, again=True)


async def cancel(context: KindredContext, user: UserRecord, state: State) -> None:
    saved = await context.services.reflections.cancel(user, state)
    key = "reflect.cancelled" if saved else "reflect.cancelled_empty"
    await send(context, user, text(context, user, key))
    if state.get("held"):  # words sent after a crisis reply at the last step were not kept
        await send(context, user, text(context, user, "reflect.held_not_saved"))


def register(application: KindredApplication) -> None:
    application.add_handler(
        CommandHandler("reflect", reflect_command, filters=filters.ChatType.PRIVATE)
    )
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^rf:"))


__all__ = ["FLOW", "begin_reflection", "cancel", "on_text", "prompt_step", "register"]
