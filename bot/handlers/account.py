"""/settings, /pause, /resume, /leave, /delete: a person's control over their account."""

from __future__ import annotations

import hashlib
import re
from datetime import time, timedelta
from zoneinfo import ZoneInfo

from telegram import Update
from telegram.constants import ChatMemberStatus, ChatType
from telegram.ext import CallbackQueryHandler, ChatMemberHandler, CommandHandler, filters

from bot.context import KindredApplication, KindredContext
from bot.handlers.common import (
    State,
    answer_query,
    close_buttons,
    current_user,
    day_text,
    keyboard,
    menu,
    send,
    set_aside,
    stale_button,
    text,
    today_for,
)
from bot.menu import clear_lead_menu
from bot.prompts import RIGHT_TO_LEFT
from bot.services.schedule import (
    due_local_time,
    first_checkin_day,
    parse_clock_time,
    parse_time_range,
    quiet_conflicts,
    quiet_hours_clear_of,
    sends_checkins,
)
from storage.records import Membership, UserRecord

MAX_PAUSE_DAYS = 90
# The lengths a bare /pause offers, and lengths as people write them ("a week", "שבועיים").
PAUSE_CHOICES = (1, 3, 7, 14)
_WEEK_WORDS = ("week", "weeks", "שבוע", "שבועות", "שבועיים")
_COUNT_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "שני": 2, "שלושה": 3, "שלוש": 3, "ארבעה": 4, "ארבע": 4, "חמישה": 5, "חמש": 5,
    "שבעה": 7, "עשרה": 10,
}  # fmt: skip
_PAUSE_WORDS = re.compile(
    r"(?:for )?(?:an? |one )?(\d{1,2}|" + "|".join(_COUNT_WORDS) + r")? ?"
    r"(day|days|week|weeks|month|months|יום|ימים|יומיים|שבוע|שבועות|שבועיים|חודש|חודשים|חודשיים)"
)
# Typed at the quiet-hours step: no quiet hours at all (stored as the same start and end).
NO_QUIET_HOURS = re.compile(
    r"(?:none|no|off|never|no quiet hours|turn (?:them )?off|any ?time|אין|בלי|לא צריך|"
    r"בלי שעות שקטות|אין שעות שקטות|כבוי|לבטל)[.!]?"
)


async def show_settings(context: KindredContext, user: UserRecord) -> None:
    from bot.handlers.onboarding import schedule_sentence, zone_label

    today = today_for(context, user)
    if not sends_checkins(user.schedule):
        paused = text(context, user, "settings.off_line")
    elif user.paused_until is not None and user.paused_until >= today:
        next_day = day_text(context, user, first_checkin_day(user.schedule, user.paused_until))
        paused = text(context, user, "settings.paused_line", date=next_day)
    elif times := _quiet_fix(user)[0]:
        # "Check-ins are on" while the quiet hours swallow them read as a promise.
        paused = text(context, user, "settings.active_line_quiet", times=", ".join(times))
    else:
        paused = text(context, user, "settings.active_line")
    body = text(
        context,
        user,
        "settings.menu",
        language=text(context, user, f"language.{user.language}"),
        timezone=zone_label(context, user, user.timezone),
        schedule=schedule_sentence(context, user),
        quiet=(
            text(context, user, "settings.quiet.none")
            if user.quiet_start == user.quiet_end
            # A hyphen in right-to-left text: an en dash between times is drawn reversed there.
            else f"{user.quiet_start}{'-' if user.language in RIGHT_TO_LEFT else '–'}"
            f"{user.quiet_end}"
        ),
        paused=paused,
    )
    rows = [
        [(text(context, user, "settings.checkin"), "st:checkin")],
        [(text(context, user, "settings.timezone"), "st:tz")],
        [(text(context, user, "settings.language"), "st:lang")],
        [(text(context, user, "settings.quiet"), "st:quiet")],
        [(text(context, user, "settings.done"), "st:done")],
    ]
    await send(context, user, body, keyboard(rows))


def _quiet_fix(user: UserRecord) -> tuple[list[str], tuple[str, str] | None]:
    """The check-in times the quiet hours would swallow, and quiet hours that would let them
    through (None: no small move does)."""
    start, end = parse_clock_time(user.quiet_start), parse_clock_time(user.quiet_end)
    if start is None or end is None:
        return [], None
    conflicts = quiet_conflicts(user.schedule, start, end)
    moved = quiet_hours_clear_of(conflicts, start, end) if conflicts else None
    times = [moment.strftime("%H:%M") for moment in conflicts]
    if moved is None:
        return times, None
    return times, (moved[0].strftime("%H:%M"), moved[1].strftime("%H:%M"))


async def offer_quiet_fix(context: KindredContext, user: UserRecord) -> None:
    """After check-in times or quiet hours change: a check-in inside the quiet hours would be
    skipped every time without a word (a shift ending at 23:00 with quiet hours from 22:00), so
    say so, and offer quiet hours that let it through. The person decides."""
    times, moved = _quiet_fix(user)
    if not times:
        return
    values = {
        "times": ", ".join(times),
        "quiet_start": user.quiet_start,
        "quiet_end": user.quiet_end,
    }
    if moved is None:
        await send(context, user, text(context, user, "quiet.conflict_no_fix", **values))
        return
    new = {"new_start": moved[0], "new_end": moved[1]}
    rows = [
        [(text(context, user, "quiet.move", **new), f"qh:{moved[0]}-{moved[1]}")],
        [(text(context, user, "quiet.keep"), "qh:keep")],
    ]
    await send(
        context, user, text(context, user, "quiet.conflict", **values, **new), keyboard(rows)
    )


async def _pressed(
    update: Update, context: KindredContext, prefix: str
) -> tuple[UserRecord, str] | None:
    """The person and the choice of a pressed settings button, answered and its buttons closed."""
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None or user is None:
        return None
    await answer_query(update)
    await close_buttons(update)
    return user, query.data.removeprefix(prefix)


async def on_quiet_button(update: Update, context: KindredContext) -> None:
    if (pressed := await _pressed(update, context, "qh:")) is None:
        return
    user, choice = pressed
    if choice == "keep":
        await send(context, user, text(context, user, "quiet.kept"))
        return
    _, moved = _quiet_fix(user)
    if moved is None or choice != f"{moved[0]}-{moved[1]}":
        # Times or quiet hours changed since the offer: show where things stand now.
        await stale_button(update, context, answered=True)
        await show_settings(context, user)
        return
    user = await context.services.users.update(user, quiet_start=moved[0], quiet_end=moved[1])
    await send(
        context,
        user,
        text(context, user, "quiet.moved", quiet_start=user.quiet_start, quiet_end=user.quiet_end),
    )


async def settings_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is not None:
        await show_settings(context, user)


async def on_settings_button(update: Update, context: KindredContext) -> None:
    from bot.handlers.onboarding import SETTINGS, prompt_step

    if (pressed := await _pressed(update, context, "st:")) is None:
        return
    user, choice = pressed
    if choice == "open":
        await show_settings(context, user)
        return
    if choice == "done":
        current = await context.services.storage.state.get(user.id)
        if current is not None and current.get("flow") == SETTINGS:
            await context.services.storage.state.clear(user.id)  # only settings' own progress
        await send(context, user, text(context, user, "settings.closed"))
        return
    step = {"checkin": "mode", "tz": "timezone", "lang": "language", "quiet": "quiet"}.get(choice)
    if step is None:
        await stale_button(update, context, answered=True)
        return
    await set_aside(context, user)
    state: State = {"flow": SETTINGS, "step": step}
    await context.services.storage.state.set(user.id, state)
    if step == "quiet":
        await send(context, user, text(context, user, "settings.quiet.ask"))
    else:
        await prompt_step(context, user, state)


async def on_settings_text(
    update: Update, context: KindredContext, user: UserRecord, state: State, crisis: bool
) -> None:
    from bot.handlers import journal, onboarding

    message = update.effective_message
    if message is None or message.text is None:
        return
    step = str(state.get("step"))
    typed = message.text.strip()
    answers_step = (
        step in ("quiet", *onboarding.TYPED_STEPS)
        or onboarding.reads_as_answer(step, typed)
        or onboarding.typed_choice(context, step, typed) is not None
    )
    if crisis or not answers_step:
        # A settings menu left open asks for a button; text now (maybe days later) is something
        # the person wants to say, not a setting: settings close, and the text is offered for
        # the journal as anywhere else (it used to be dropped with the question asked again).
        # Crisis words at a typed step are not a setting either: after the helplines, "Continue
        # where we were" offers them for the journal.
        await context.services.storage.state.clear(user.id)
        if crisis:
            await journal.hold_for_offer(context, user, message.text)
        else:
            await send(context, user, text(context, user, "settings.closed"))
            await journal.offer_to_save(context, user, message.text)
        return
    if step != "quiet":
        await onboarding.on_text(update, context, user, state, crisis)
        return
    quiet = parse_time_range(message.text)
    if quiet is None and NO_QUIET_HOURS.fullmatch(message.text.strip().lower()):
        quiet = (time(0, 0), time(0, 0))  # the same start and end: no quiet hours at all
    if quiet is None:
        await send(context, user, text(context, user, "settings.quiet.invalid"))
        return
    start, end = quiet
    user = await context.services.users.update(
        user, quiet_start=start.strftime("%H:%M"), quiet_end=end.strftime("%H:%M")
    )
    await context.services.storage.state.clear(user.id)
    await send(context, user, text(context, user, "settings.saved"))
    await show_settings(context, user)
    await offer_quiet_fix(context, user)  # last, so its question is the one in view


async def pause_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    message = update.effective_message
    if user is None or message is None:
        return
    argument = " ".join(context.args or [])
    days = pause_days(argument)
    if not sends_checkins(user.schedule):
        await send(context, user, text(context, user, "pause.nothing_to_pause"))
        return
    if days is None:
        # "/pause" tapped from the menu has no number: offer the usual lengths as buttons. A
        # length that could not be used ("/pause 500") is told why first, not just re-asked.
        if argument.strip():
            unreadable = text(context, user, "pause.unreadable", most=MAX_PAUSE_DAYS)
            await send(context, user, unreadable)
        rows = [
            [(text(context, user, f"pause.choice.{n}"), f"pz:{n}") for n in PAUSE_CHOICES[:2]],
            [(text(context, user, f"pause.choice.{n}"), f"pz:{n}") for n in PAUSE_CHOICES[2:]],
        ]
        await send(context, user, text(context, user, "pause.ask"), keyboard(rows))
        return
    await pause_for(context, user, days)


async def on_pause_button(update: Update, context: KindredContext) -> None:
    if (pressed := await _pressed(update, context, "pz:")) is None:
        return
    user, choice = pressed
    if not choice.isdigit() or int(choice) not in PAUSE_CHOICES:
        await stale_button(update, context, answered=True)
        return
    await pause_for(context, user, int(choice))


def pause_days(argument: str) -> int | None:
    """'3', 'a week', '2 weeks', 'שבוע' -> days (1 to MAX_PAUSE_DAYS); None if unreadable."""
    cleaned = argument.strip().lower()
    if cleaned.isdigit():
        days = int(cleaned)
    else:
        match = _PAUSE_WORDS.fullmatch(cleaned)
        if match is None:
            return None
        number = match.group(1)
        count = (int(number) if number.isdigit() else _COUNT_WORDS[number]) if number else 1
        dual = {"שבועיים": 14, "יומיים": 2, "חודשיים": 60}.get(match.group(2))
        month = match.group(2) in ("month", "months", "חודש", "חודשים")
        unit = dual or (30 if month else 7 if match.group(2) in _WEEK_WORDS else 1)
        days = count * unit
    return days if 1 <= days <= MAX_PAUSE_DAYS else None


async def pause_for(context: KindredContext, user: UserRecord, days: int) -> None:
    if not sends_checkins(user.schedule):
        await send(context, user, text(context, user, "pause.nothing_to_pause"))
        return
    today = today_for(context, user)
    # "/pause 1" after today's check-in means tomorrow: the pause starts with the next check-in
    # still to come, today's if it is later and unanswered.
    due = due_local_time(user.schedule, today)
    now = context.services.clock.now().astimezone(ZoneInfo(user.timezone)).time()
    answered = await context.services.storage.checkins.get(user.id, today) is not None
    first = today if due is not None and now < due and not answered else today + timedelta(days=1)
    until = first + timedelta(days=days - 1)
    await context.services.users.update(user, paused_until=until)
    resumed = day_text(context, user, first_checkin_day(user.schedule, until))
    await send(context, user, text(context, user, "pause.done", date=resumed))


async def resume_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        return
    if not sends_checkins(user.schedule):
        await send(context, user, text(context, user, "resume.no_checkins"))
        return
    if user.paused_until is None or user.paused_until < today_for(context, user):
        await send(context, user, text(context, user, "resume.not_paused"))
        return
    await context.services.users.update(user, paused_until=None)
    await send(context, user, text(context, user, "resume.done"))


async def delete_command(update: Update, context: KindredContext) -> None:
    user = await current_user(update, context)
    if user is None:
        return
    await send(
        context,
        user,
        text(context, user, "delete.confirm"),
        menu(context, user, [("delete.keep", "dl:keep"), ("delete.yes", f"dl:yes:{user.id[:8]}")]),
    )


async def on_delete_button(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None:
        return
    # Only the two buttons /delete sent, for this very account: any other data (an old chat's
    # button, a modified client) must never erase anything.
    if user is None or query.data not in ("dl:keep", f"dl:yes:{user.id[:8]}"):
        await stale_button(update, context)
        return
    await answer_query(update)
    await close_buttons(update)
    language = user.language
    if query.data == "dl:keep":
        await send(context, user, text(context, user, "delete.kept"))
        return
    chat_id = user.chat_id
    await context.services.users.erase(user.id)
    await context.bot.send_message(chat_id, context.services.prompts.text(language, "delete.done"))


def _membership_tag(membership: Membership) -> str:
    """A button's short name for one membership (callback data is at most 64 bytes; a programme's
    name may be longer). A membership ended and made again since the button was sent (left,
    then joined with a new code) no longer matches: an old "Yes, leave" must not end the new."""
    key = f"{membership.programme}\n{membership.joined_at}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return f"{'l' if membership.role == 'lead' else 'p'}{digest}"


async def _membership(user: UserRecord, context: KindredContext, tag: str) -> Membership | None:
    memberships = await context.services.storage.programmes.memberships_of(user.id)
    return next((m for m in memberships if _membership_tag(m) == tag), None)


async def leave_command(update: Update, context: KindredContext) -> None:
    """/leave: stop taking part in a programme, or stop leading one, without deleting anything."""
    user = await current_user(update, context)
    if user is None:
        return
    memberships = await context.services.storage.programmes.memberships_of(user.id)
    if not memberships:
        await send(context, user, text(context, user, "leave.none"))
        return
    rows = [
        [
            (
                text(context, user, f"leave.button_{m.role}", programme=m.programme),
                f"lv:ask:{_membership_tag(m)}",
            )
        ]
        for m in memberships
    ]
    rows.append([(text(context, user, "leave.keep"), "lv:keep")])
    await send(context, user, text(context, user, "leave.choose"), keyboard(rows))


async def on_leave_button(update: Update, context: KindredContext) -> None:
    query = update.callback_query
    user = await current_user(update, context)
    if query is None or query.data is None:
        return
    if user is None:
        await stale_button(update, context)
        return
    parts = query.data.split(":")
    if parts == ["lv", "keep"]:
        await answer_query(update)
        await close_buttons(update)
        await send(context, user, text(context, user, "leave.kept"))
        return
    membership = await _membership(user, context, parts[2]) if len(parts) >= 3 else None
    # "yes" buttons carry this account's id too: a button from another account's chat (or an
    # old one after /delete and /start) never removes anything.
    confirmed = len(parts) == 4 and parts[1] == "yes" and parts[3] == user.id[:8]
    if membership is None or not ((parts[1] == "ask" and len(parts) == 3) or confirmed):
        await stale_button(update, context)
        await close_buttons(update)  # said once; not there to be pressed again
        return
    await answer_query(update)
    await close_buttons(update)
    tag = _membership_tag(membership)
    if not confirmed:
        await send(
            context,
            user,
            text(context, user, f"leave.confirm_{membership.role}", programme=membership.programme),
            keyboard(
                [
                    [
                        (
                            text(
                                context,
                                user,
                                f"leave.yes_{membership.role}",
                                programme=membership.programme,
                            ),
                            f"lv:yes:{tag}:{user.id[:8]}",
                        )
                    ],
                    [(text(context, user, "leave.keep"), "lv:keep")],
                ]
            ),
        )
        return
    programmes = context.services.storage.programmes
    await programmes.leave(user.id, membership.programme, membership.role)
    still_leads = any(m.role == "lead" for m in await programmes.memberships_of(user.id))
    if membership.role == "lead" and not still_leads:
        await clear_lead_menu(context.bot, user.chat_id)  # /trends no longer in their menu
    await send(
        context,
        user,
        text(context, user, f"leave.done_{membership.role}", programme=membership.programme),
    )


async def on_my_chat_member(update: Update, context: KindredContext) -> None:
    """Telegram tells us when a person blocks or unblocks the bot: check-ins stop and resume
    without waiting for a failed send."""
    change = update.my_chat_member
    if change is None or change.chat.type != ChatType.PRIVATE:
        return
    user = await context.services.users.find(change.from_user.id)
    if user is None:
        return
    blocked = change.new_chat_member.status in (ChatMemberStatus.BANNED, ChatMemberStatus.LEFT)
    if user.reachable == blocked:
        await context.services.users.update(user, reachable=not blocked)


def register(application: KindredApplication) -> None:
    application.add_handler(ChatMemberHandler(on_my_chat_member, ChatMemberHandler.MY_CHAT_MEMBER))
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("settings", settings_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_settings_button, pattern=r"^st:"))
    application.add_handler(CallbackQueryHandler(on_quiet_button, pattern=r"^qh:"))
    application.add_handler(CommandHandler("pause", pause_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_pause_button, pattern=r"^pz:"))
    application.add_handler(CommandHandler("resume", resume_command, filters=private))
    application.add_handler(CommandHandler("delete", delete_command, filters=private))
    application.add_handler(CommandHandler("leave", leave_command, filters=private))
    application.add_handler(CallbackQueryHandler(on_leave_button, pattern=r"^lv:"))
    application.add_handler(CallbackQueryHandler(on_delete_button, pattern=r"^dl:"))
