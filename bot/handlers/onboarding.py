"""/start and set-up: what Kindred is and is not, consent, code, language, time zone, schedule.

Nothing is stored before consent. Every step's first button is the recommended default, so
pressing the first button repeatedly finishes set-up. The same steps serve /settings (flow
"settings"): after one change the settings menu comes back instead of the next step.
"""

from __future__ import annotations

import re
from typing import Any

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import CallbackQueryHandler, CommandHandler, filters

from bot.context import KindredApplication, KindredContext
from bot.handlers.common import (
    State,
    answer_query,
    close_buttons,
    current_user,
    edit_or_send,
    helplines_text,
    keyboard,
    language_of,
    menu,
    send,
    stale_button,
    text,
)
from bot.menu import set_lead_menu
from bot.services import held_words
from bot.services.schedule import (
    DAY_PRESETS,
    is_time_zone,
    parse_clock_time,
    parse_day_times,
    parse_days,
    resolve_time_zone,
    sends_checkins,
    shift_schedule,
)
from bot.settings import SUPPORTED_LANGUAGES
from storage.records import UserRecord

CONSENT_YES = "consent:yes"
CONSENT_NO = "consent:no"
SHIFT_ENDS = ("15:00", "16:00", "17:00", "19:00", "23:00")
DAILY_TIMES = ("19:00", "17:00", "21:00")
OFFSETS = (60, 30, 120)
ONBOARDING = "onboarding"
SETTINGS = "settings"


def zone_label(context: KindredContext, user: UserRecord, zone: str) -> str:
    """'Israel (Asia/Jerusalem)' in the person's language for the zones on the buttons; other
    zones by their own name."""
    key = f"timezone.name.{zone}"
    if key in context.services.prompts.keys(user.language):
        return text(context, user, key)
    if zone.startswith("Etc/GMT") and zone[7:8] in ("+", "-"):
        # POSIX counts these the other way: "Etc/GMT-3" is three hours ahead, UTC+3.
        return f"UTC{'-' if zone[7] == '+' else '+'}{zone[8:]}"
    return zone


def _runs_of_days(
    context: KindredContext, user: UserRecord, ends: dict[str, str]
) -> list[tuple[str, str, str]]:
    """Consecutive days (Sunday first, as in Israel) that end at the same time, as (first day,
    last day, time): "Sun–Thu 19:00" rather than five days each with its time."""
    runs: list[tuple[int, int, str]] = []
    for position in range(7):
        day = (position + 6) % 7  # position 0 is Sunday (weekday 6)
        end = ends.get(str(day))
        if end is None:
            continue
        if runs and runs[-1][1] == position - 1 and runs[-1][2] == end:
            runs[-1] = (runs[-1][0], position, end)
        else:
            runs.append((position, position, end))

    def name(position: int) -> str:
        return text(context, user, f"weekday.{(position + 6) % 7}")

    # Two days are named each ("Sun 23:30, Mon 23:30"): "Sun–Mon" read as a range of more.
    pairs = [
        run
        for first, last, end in runs
        if last == first + 1
        for run in ((first, first, end), (last, last, end))
    ]
    named = [(first, last, end) for first, last, end in runs if last != first + 1] + pairs
    return [(name(first), name(last), end) for first, last, end in sorted(named)]


def schedule_sentence(context: KindredContext, user: UserRecord) -> str:
    schedule = user.schedule
    if schedule.get("mode") == "shift":
        ends: dict[str, str] = schedule.get("ends", {})
        minutes = int(schedule.get("offset_minutes", 60))
        key = f"offset.{minutes}"
        if key in context.services.prompts.keys(user.language):
            offset = text(context, user, key)  # "1 hour after", as the button said
        else:
            offset = text(context, user, "offset.minutes", minutes=minutes)
        days = ", ".join(
            f"{first if first == last else f'{first}–{last}'} {end}"
            for first, last, end in _runs_of_days(context, user, ends)
        )
        return text(context, user, "schedule.shift", offset=offset, days=days)
    if schedule.get("mode") == "none":
        return text(context, user, "schedule.none")
    return text(context, user, "schedule.daily", time=schedule.get("time", "19:00"))


# --- the steps -------------------------------------------------------------------------------


async def prompt_step(context: KindredContext, user: UserRecord, state: State) -> None:
    """Send the question for the state's current step (also used to resume after a restart)."""
    step = state["step"]
    if step == "code":
        await send(context, user, text(context, user, "onboarding.code.ask"))
    elif step == "language":
        if state.get("flow") == SETTINGS:
            # In settings the buttons keep their places (a tap by position, as last time, must
            # not switch the language back) and the current one is ticked.
            order: list[str] = list(SUPPORTED_LANGUAGES)
        else:  # set-up: the app's language first, as the first button is the good default
            others = [code for code in SUPPORTED_LANGUAGES if code != user.language]
            order = [user.language, *others]
        buttons = []
        for lang in order:
            label = text(context, user, f"language.{lang}")
            if state.get("flow") == SETTINGS and lang == user.language:
                label = f"✓ {label}"
            buttons.append([(label, f"ob:lang:{lang}")])
        await send(context, user, text(context, user, "onboarding.language.ask"), keyboard(buttons))
    elif step == "timezone":
        default = context.services.settings.timezone
        zones = [default] + [z for z in ("Asia/Jerusalem", "Europe/London") if z != default]
        rows = [[(zone_label(context, user, zone), f"ob:tz:{zone}")] for zone in zones]
        rows.append([(text(context, user, "onboarding.timezone.other"), "ob:tz:other")])
        await send(context, user, text(context, user, "onboarding.timezone.ask"), keyboard(rows))
    elif step in ("timezone_text", "days_text", "end_text", "time_text"):
        key = {
            "timezone_text": "onboarding.timezone.type",
            "days_text": "onboarding.days.type",
            "end_text": "onboarding.time.type",
            "time_text": "onboarding.time.type",
        }[step]
        await send(context, user, text(context, user, key))
    elif step == "mode":
        await send(
            context,
            user,
            text(context, user, "onboarding.mode.ask"),
            menu(
                context,
                user,
                [
                    ("onboarding.mode.shift", "ob:mode:shift"),
                    ("onboarding.mode.daily", "ob:mode:daily"),
                    ("onboarding.mode.none", "ob:mode:none"),
                ],
            ),
        )
    elif step == "days":
        presets = (
            ["sun_thu", "mon_fri"] if user.timezone == "Asia/Jerusalem" else ["mon_fri", "sun_thu"]
        )
        rows = [[(text(context, user, f"days.{p}"), f"ob:days:{p}")] for p in [*presets, "every"]]
        rows.append([(text(context, user, "days.type"), "ob:days:type")])
        await send(context, user, text(context, user, "onboarding.days.ask"), keyboard(rows))
    elif step == "end":
        rows = [
            [(end, f"ob:end:{end}") for end in SHIFT_ENDS[:3]],
            [(end, f"ob:end:{end}") for end in SHIFT_ENDS[3:]],
        ]
        rows.append([(text(context, user, "time.type"), "ob:end:type")])
        await send(context, user, text(context, user, "onboarding.shift_end.ask"), keyboard(rows))
    elif step == "offset":
        rows = [
            [(text(context, user, f"offset.{minutes}"), f"ob:off:{minutes}")] for minutes in OFFSETS
        ]
        await send(context, user, text(context, user, "onboarding.offset.ask"), keyboard(rows))
    elif step == "time":
        rows = [[(value, f"ob:time:{value}") for value in DAILY_TIMES]]
        rows.append([(text(context, user, "time.type"), "ob:time:type")])
        await send(context, user, text(context, user, "onboarding.daily_time.ask"), keyboard(rows))


async def _go(context: KindredContext, user: UserRecord, state: State, step: str) -> None:
    state["step"] = step
    await context.services.storage.state.set(user.id, state)
    await prompt_step(context, user, state)


async def _finish_part(context: KindredContext, user: UserRecord, state: State) -> None:
    """One part done: in onboarding go on; in settings show the menu again."""
    user = await context.services.users.get(user.id) or user
    if state["flow"] == SETTINGS:
        from bot.handlers.account import offer_quiet_fix, show_settings  # account tools

        await context.services.storage.state.clear(user.id)
        await send(context, user, text(context, user, "settings.saved"))
        await show_settings(context, user)
        if state["step"] not in ("language", "timezone", "timezone_text"):
            # Only a change of check-in times can newly clash with the quiet hours (both are
            # local times); after "keep them" a language change asked again.
            await offer_quiet_fix(context, user)  # last, so its question is the one in view
        return
    order = ["code", "language", "timezone", "mode", "done"]
    current = {
        "timezone_text": "timezone",
        "days": "mode",
        "days_text": "mode",
        "end": "mode",
        "end_text": "mode",
        "offset": "mode",
        "time": "mode",
        "time_text": "mode",
    }.get(state["step"], state["step"])
    following = order[order.index(current) + 1] if current in order else "done"
    if following == "done":
        await context.services.storage.state.clear(user.id)
        user = await context.services.users.update(user, status="active")
        await send(
            context,
            user,
            text(
                context,
                user,
                # Quiet hours are not worth a word to someone who is sent no check-ins.
                "onboarding.done"
                if sends_checkins(user.schedule)
                else "onboarding.done_no_checkins",
                schedule=schedule_sentence(context, user),
                quiet_start=user.quiet_start,
                quiet_end=user.quiet_end,
            ),
        )
        from bot.handlers import journal
        from bot.handlers.account import offer_quiet_fix

        await offer_quiet_fix(context, user)
        await journal.offer_held(context, user, state)  # words sent during set-up
        return
    await _go(context, user, state, following)


async def set_language(context: KindredContext, user: UserRecord, state: State, lang: str) -> None:
    user = await context.services.users.update(user, language=lang)
    await _finish_part(context, user, state)


async def set_timezone(context: KindredContext, user: UserRecord, state: State, zone: str) -> None:
    user = await context.services.users.update(user, timezone=zone)
    await _finish_part(context, user, state)


async def set_schedule(context: KindredContext, user: UserRecord, state: State) -> None:
    if state.get("mode") == "none":
        schedule: dict[str, Any] = {"mode": "none"}
    elif state.get("mode") == "daily":
        schedule = {"mode": "daily", "time": state["time"]}
    elif state.get("ends"):
        schedule = {
            "mode": "shift",
            "ends": dict(state["ends"]),
            "offset_minutes": int(state["offset"]),
        }
    else:
        schedule = shift_schedule(state["days"], state["end"], int(state["offset"]))
    user = await context.services.users.update(user, schedule=schedule)
    await _finish_part(context, user, state)


# --- handlers --------------------------------------------------------------------------------


async def start(update: Update, context: KindredContext) -> None:
    message = update.effective_message
    person = update.effective_user
    if message is None or person is None:
        return
    prompts = context.services.prompts
    user = await current_user(update, context)
    if user is not None:
        state = await context.services.storage.state.get(user.id)
        if user.status == "onboarding" and state is not None and state.get("flow") == ONBOARDING:
            await prompt_step(context, user, state)
            return
        greeting = text(context, user, "start.again")
        if state is not None and state.get("flow") == "reflection":
            # The reflection waits for its next answer; say so, or the next words seem lost.
            greeting = f"{greeting}\n\n{text(context, user, 'start.reflection_open')}"
        await message.reply_text(
            greeting,
            reply_markup=menu(
                context, user, [("start.settings", "st:open"), ("start.help", "hp:show")]
            ),
        )
        return
    language = await language_of(update, context)
    await message.reply_text(
        prompts.text(
            language,
            "welcome",
            name=person.first_name,
            # All of them: the first may be a listening line, not the emergency number.
            helplines=helplines_text(context, language),
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
    person = update.effective_user
    chat = update.effective_chat
    if query is None:
        return
    if person is None or chat is None or chat.type != ChatType.PRIVATE:
        await stale_button(update, context)
        return
    await query.answer()
    prompts = context.services.prompts
    language = await language_of(update, context)
    if query.data == CONSENT_NO:
        if await current_user(update, context) is None:
            await edit_or_send(update, context, prompts.text(language, "consent.declined"))
        else:  # an older consent message, after "Yes" on another: /delete is the way out
            await stale_button(update, context, answered=True)
        return
    existing = await current_user(update, context)
    if existing is not None and existing.status != "onboarding":
        # "Yes" on an old consent message, long after set-up: nothing to start again.
        await stale_button(update, context, answered=True)
        return
    await begin_after_consent(update, context, existing, language)


async def consent_typed(update: Update, context: KindredContext) -> None:
    """ "yes" / "כן" typed under the consent question by someone not yet enrolled: the same
    yes as the button (a walkthrough typed "כן" and was told to press it)."""
    await begin_after_consent(update, context, None, await language_of(update, context))


async def begin_after_consent(
    update: Update, context: KindredContext, existing: UserRecord | None, language: str
) -> None:
    person, chat = update.effective_user, update.effective_chat
    if person is None or chat is None:
        return
    prompts = context.services.prompts
    user = existing or await context.services.users.enrol(person.id, chat.id, language)
    await edit_or_send(update, context, prompts.text(user.language, "consent.done"))
    first_step = "code" if context.services.settings.enrolment_mode == "code" else "language"
    state = await context.services.storage.state.get(user.id)
    if state is None or state.get("flow") != ONBOARDING:
        state = {"flow": ONBOARDING, "step": first_step}
        await context.services.storage.state.set(user.id, state)
    await prompt_step(context, user, state)


async def on_button(update: Update, context: KindredContext) -> None:
    """ob:<what>:<value> buttons of onboarding and settings steps."""
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None or user is None:
        return
    state = await context.services.storage.state.get(user.id)
    parts = query.data.split(":", 2)
    if len(parts) != 3:
        await stale_button(update, context)
        return
    _, what, value = parts
    expected = {
        "lang": "language",
        "tz": "timezone",
        "mode": "mode",
        "days": "days",
        "end": "end",
        "off": "offset",
        "time": "time",
    }.get(what)
    if (
        state is None
        or state.get("flow") not in (ONBOARDING, SETTINGS)
        or state.get("step") != expected
        or not _button_value_ok(what, value)
    ):
        await stale_button(update, context)
        return
    await answer_query(update)
    await close_buttons(update)
    await apply_choice(context, user, state, what, value)


async def apply_choice(
    context: KindredContext, user: UserRecord, state: State, what: str, value: str
) -> None:
    """A step's button, pressed or its label typed: the same answer either way."""
    if what == "lang" and value in SUPPORTED_LANGUAGES:
        await set_language(context, user, state, value)
    elif what == "tz":
        if value == "other":
            await _go(context, user, state, "timezone_text")
        else:
            await set_timezone(context, user, state, value)
    elif what == "mode" and value == "none":
        state["mode"] = value
        await set_schedule(context, user, state)
    elif what == "mode":
        state["mode"] = value
        await _go(context, user, state, "days" if value == "shift" else "time")
    elif what == "days":
        if value == "type":
            await _go(context, user, state, "days_text")
        else:
            state["days"] = DAY_PRESETS[value]
            await _go(context, user, state, "end")
    elif what == "end":
        if value == "type":
            await _go(context, user, state, "end_text")
        else:
            state["end"] = value
            await _go(context, user, state, "offset")
    elif what == "off":
        state["offset"] = int(value)
        await set_schedule(context, user, state)
    elif what == "time":
        if value == "type":
            await _go(context, user, state, "time_text")
        else:
            state["time"] = value
            await set_schedule(context, user, state)


def _button_value_ok(what: str, value: str) -> bool:
    """Whether a button's value is one Kindred could have sent (a modified client can send any)."""
    if value == "type" and what in ("days", "end", "time"):
        return True
    if what == "days":
        return value in DAY_PRESETS
    if what in ("end", "time"):
        return parse_clock_time(value) is not None
    if what == "off":
        return value.isdigit() and int(value) in OFFSETS
    if what == "tz":
        return value == "other" or is_time_zone(value)
    if what == "mode":
        return value in ("shift", "daily", "none")
    return value in SUPPORTED_LANGUAGES  # lang


# Steps that wait for typed text; the others wait for a button.
TYPED_STEPS = ("code", "timezone_text", "days_text", "end_text", "time_text")


_TYPED_FOR_BUTTON = {
    "timezone": "timezone_text",
    "days": "days_text",
    "end": "end_text",
    "time": "time_text",
}


# The steps whose buttons can also be typed by their words, and what each button sends.
_CHOICE_STEPS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "language": ("lang", [(f"language.{code}", code) for code in SUPPORTED_LANGUAGES]),
    "mode": (
        "mode",
        [
            ("onboarding.mode.shift", "shift"),
            ("onboarding.mode.daily", "daily"),
            ("onboarding.mode.none", "none"),
        ],
    ),
    "days": ("days", [(f"days.{preset}", preset) for preset in DAY_PRESETS]),
    "offset": ("off", [(f"offset.{minutes}", str(minutes)) for minutes in OFFSETS]),
}
# Words people use for the same choices, beside the buttons' own labels in either language.
_CHOICE_WORDS = {
    "lang": {
        "en": "en english eng inglish אנגלית",
        "he": "he hebrew ivrit עברית עיברית",
    },
    "mode": {
        "shift": "after shifts|after my shifts|after each shift|after every shift|after work|"
        "after my shift|shifts|shift|אחרי משמרת|אחרי המשמרת|אחרי כל משמרת|אחרי משמרות",
        "daily": "daily|fixed time|a fixed time|same time|same time every day|fixed|"
        "every day|בשעה קבועה|שעה קבועה|כל יום",
        "none": "only when i ask|when i ask|only when i ask please|never|none|no check-ins|"
        "please no check-ins|please no reminders|no check-ins please|no checkins please|"
        "בלי תזכורות בבקשה|בלי צ'ק-אינים|בלי צ׳ק-אינים|לא צריך צ'ק-אין|לא צריך צ׳ק-אין|"
        "no check ins|no checkins|no reminders|no reminders please|no reminders thanks|i'll ask|"
        "i will ask|myself|i'll check in myself|i will check in myself|only when i want|"
        "רק כשאני מבקש|רק כשאני מבקשת|כשאני מבקש|כשאני מבקשת|רק כשאני אבקש|רק כשאבקש|"
        "רק כשאני רוצה|אף פעם|בלי תזכורות|לא צריך תזכורות|בלי צ'ק-אין|בלי צ׳ק-אין|לא לשלוח",
    },
    "off": {
        "60": "1 hour|an hour|one hour|1h|1 hr|hour|שעה|שעה אחרי|אחרי שעה",
        "30": "30 minutes|30 min|30 mins|half an hour|half hour|30m|חצי שעה|30 דקות",
        "120": "2 hours|two hours|2h|2 hrs|שעתיים|שעתיים אחרי|אחרי שעתיים",
    },
}


def _plain(words: str) -> str:
    return " ".join(re.sub(r"[^\w\s:-]", " ", words.lower().replace("✓", "")).split())


_OFFSET_WORDS = {
    "quarter of an hour": 15, "a quarter of an hour": 15, "quarter hour": 15, "רבע שעה": 15,
    "three quarters of an hour": 45, "שלושת רבעי שעה": 45, "hour and a half": 90,
    "an hour and a half": 90, "1.5 hours": 90, "שעה וחצי": 90, "שעה ורבע": 75,
    "שלוש שעות": 180, "three hours": 180,
}  # fmt: skip
_OFFSET = re.compile(
    r"(?:after )?(?P<count>\d{1,3}(?:\.5)?) ?(?P<unit>m|min|mins|minutes?|דק|דק'|דקות|h|hr|hrs|"
    r"hours?|שעות)(?: after| later| אחרי)?"
)
# Typed delays beyond the buttons' three: from 5 minutes to 4 hours after the shift.
OFFSET_RANGE = (5, 240)


# A bare hour from 1 to 11, with no minutes and no am or pm: morning or afternoon?
_BARE_HOUR = re.compile(r"\s*(?:[1-9]|1[01])\s*")


def typed_offset(typed: str) -> int | None:
    """ "45 minutes", "45 דקות", "רבע שעה", "1.5 hours": minutes after the shift's end."""
    said = " ".join(re.sub(r"[^\w\s.'-]", " ", typed.lower()).split()).rstrip(".")
    said = said.removesuffix(" after").removesuffix(" אחרי")
    minutes: float | None = _OFFSET_WORDS.get(said)
    match = _OFFSET.fullmatch(said) if minutes is None else None
    if match is not None:
        hours = match["unit"][0] in "hש"
        minutes = float(match["count"]) * (60 if hours else 1)
    if minutes is None or not OFFSET_RANGE[0] <= minutes <= OFFSET_RANGE[1]:
        return None
    return int(minutes)


def typed_choice(context: KindredContext, step: str, typed: str) -> tuple[str, str] | None:
    """The button these words name at this step ("English", "after each shift", "1 hour"):
    its label in either language, or a common way of saying it. A walkthrough typed "English"
    at the language step and was told to use the buttons, and offered "English" for its journal.
    """
    if step not in _CHOICE_STEPS:
        return None
    what, options = _CHOICE_STEPS[step]
    if what == "off" and (minutes := typed_offset(typed)) is not None:
        return what, str(minutes)
    said = _plain(typed)
    prompts = context.services.prompts
    for key, value in options:
        shown = {prompts.text(language, key) for language in SUPPORTED_LANGUAGES}
        labels = {_plain(label) for label in shown}
        # "Hebrew (עברית)", "Only when I ask (no reminders)": either part alone too (split before
        # _plain, which takes the brackets away).
        labels |= {_plain(part) for label in shown for part in re.split(r"[()]", label)}
        words = _CHOICE_WORDS.get(what, {}).get(value, "")
        labels |= {_plain(w) for w in re.split(r"[|]" if "|" in words else r"\s+", words)}
        if said and said in labels - {""}:
            return what, value
    return None


# Where days with their own end times ("Sun-Tue 16:00, Wed 23:00") answer the question.
_DAY_TIME_STEPS = ("days", "days_text", "end", "end_text")


def reads_as_answer(step: str, typed: str) -> bool:
    """Whether words typed at a step with buttons answer it ("london" at the time zone)."""
    if step in _DAY_TIME_STEPS and parse_day_times(typed) is not None:
        return True
    if step not in _TYPED_FOR_BUTTON:
        return False
    if step == "timezone":
        return resolve_time_zone(typed) is not None
    if step == "days":
        return parse_days(typed) is not None
    return parse_clock_time(typed) is not None


async def on_text(
    update: Update, context: KindredContext, user: UserRecord, state: State, crisis: bool
) -> None:
    """Typed answers: enrolment code, time zone, days, times. Anything else re-asks the step."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    typed = message.text.strip()
    if crisis:
        # The helplines were just sent: these words are not a time zone or a code to reject.
        # "Continue where we were" asks this step again; the words wait (encrypted, in the
        # state) and are offered for the journal once set-up is done.
        if state.get("flow") == "onboarding" and typed:
            await _hold(context, user, state, typed)
        return
    step = state["step"]
    choice = typed_choice(context, step, typed)
    if choice is not None:
        await apply_choice(context, user, state, *choice)
        return
    ends = parse_day_times(typed) if step in _DAY_TIME_STEPS else None
    if ends is not None:
        # "Sun-Tue 16:00, Wed and Sat 23:00": days and their end times in one answer.
        state["ends"] = {str(day): end for day, end in ends.items()}
        state["days"] = sorted(ends)
        state["end"] = max(set(ends.values()), key=list(ends.values()).count)
        await _go(context, user, state, "offset")
        return
    if reads_as_answer(step, typed):
        # "tel aviv", "20:30", "sun-thu" typed where buttons were offered: the answer, read as
        # if "type it" had been pressed (a button is a shortcut, not the only way to answer).
        step = _TYPED_FOR_BUTTON[step]
    if step == "code":
        if await redeem(context, user, typed, "onboarding.code.invalid"):
            await _finish_part(context, user, state)
    elif step == "timezone_text":
        zone = resolve_time_zone(typed)
        if zone is None:
            await send(
                context, user, text(context, user, "onboarding.timezone.invalid", text=typed[:60])
            )
            return
        if zone != typed:
            # "tel aviv" or "UTC+2": say what was understood, so a wrong guess can be changed.
            label = zone_label(context, user, zone)
            await send(
                context, user, text(context, user, "onboarding.timezone.understood", zone=label)
            )
        await set_timezone(context, user, state, zone)
    elif step == "days_text":
        days = parse_days(typed)
        if days is None:
            await send(context, user, text(context, user, "onboarding.days.invalid"))
            return
        state["days"] = days
        await _go(context, user, state, "end")
    elif step in ("end_text", "time_text"):
        moment = parse_clock_time(typed)
        if moment is not None and _BARE_HOUR.fullmatch(typed):
            # "4": a shift ending at four is 16:00 as often as 04:00 (nights end in the
            # morning); a walkthrough's "4" became 04:00. Asked, with both as buttons.
            what = "end" if step == "end_text" else "time"
            state["step"] = what
            await context.services.storage.state.set(user.id, state)
            late = f"{moment.hour + 12:02d}:00"
            early = f"{moment.hour:02d}:00"
            await send(
                context,
                user,
                text(context, user, "onboarding.time.which", late=late, early=early),
                keyboard([[(late, f"ob:{what}:{late}"), (early, f"ob:{what}:{early}")]]),
            )
            return
        if moment is None:
            await send(
                context, user, text(context, user, "onboarding.time.invalid", text=typed[:60])
            )
            return
        if step == "end_text":
            state["end"] = moment.strftime("%H:%M")
            await _go(context, user, state, "offset")
        else:
            state["time"] = moment.strftime("%H:%M")
            await set_schedule(context, user, state)
    else:
        # Words where a button was asked for ("long day, the patient in bay 3…"): the person
        # has agreed to Kindred keeping notes, so they are not dropped; they wait for the end of
        # set-up, when the bot asks whether to save them, as it does with free text any time.
        if typed and state.get("flow") == "onboarding":
            await _hold(context, user, state, typed)
            await send(context, user, text(context, user, "onboarding.note_held"))
        await prompt_step(context, user, state)


async def _hold(context: KindredContext, user: UserRecord, state: State, typed: str) -> None:
    held_words.hold(state, typed)
    await context.services.storage.state.set(user.id, state)


async def redeem(context: KindredContext, user: UserRecord, code: str, invalid_key: str) -> bool:
    """Use an enrolment code: join its programme in its role; a lead's menu gains /trends."""
    invite = await context.services.storage.invites.redeem(
        code, user.id, context.services.clock.now()
    )
    if invite is None:
        await send(context, user, text(context, user, invalid_key))
        return False
    if invite.already:
        # Nothing changed and the code was not used: saying "you're enrolled" again read as if
        # something had happened.
        await send(context, user, text(context, user, "join.already", programme=invite.programme))
    elif invite.role == "lead":
        await set_lead_menu(context.bot, context.services.prompts, user.chat_id, user.language)
        welcome = text(context, user, "join.lead", programme=invite.programme)
        if user.status == "active":
            # During set-up the question of when to check in is still to come, with the choice.
            welcome += " " + text(context, user, "join.lead_no_checkins")
        await send(context, user, welcome)
    elif invite.left is not None:
        # Moving is leaving: the person is told, and told that their past does not move.
        moved = text(context, user, "join.moved", programme=invite.programme, previous=invite.left)
        await send(context, user, moved)
    else:
        await send(
            context, user, text(context, user, "onboarding.code.ok", programme=invite.programme)
        )
    return True


async def join_command(update: Update, context: KindredContext) -> None:
    """/join CODE: an enrolled person joins a programme (or becomes one of its leads)."""
    user = await current_user(update, context)
    if user is None:
        return
    code = " ".join(context.args or []).strip()
    if not code:
        await send(context, user, text(context, user, "join.usage"))
        return
    await redeem(context, user, code, "join.invalid")


def register(application: KindredApplication) -> None:
    application.add_handler(CommandHandler("start", start, filters=filters.ChatType.PRIVATE))
    application.add_handler(CommandHandler("join", join_command, filters=filters.ChatType.PRIVATE))
    application.add_handler(
        CallbackQueryHandler(consent, pattern=f"^({CONSENT_YES}|{CONSENT_NO})$")
    )
    application.add_handler(CallbackQueryHandler(on_button, pattern=r"^ob:"))
