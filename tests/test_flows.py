"""The conversation flows, through the real Application and the Bot API stand-in."""

from __future__ import annotations

import io
import json
import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from matplotlib.image import imread

from bot.chat.terminal import ChatPerson, ChatSession, close_chat, open_chat
from bot.classifier.analysis import OverIdScore
from bot.context import Services
from bot.services.checkins import TypedAnswer, local_date_for, typed_answer
from bot.services.own_data import PersonalTrends
from storage.crypto import MasterKey
from storage.invite_repository import reads_as_code
from storage.records import CheckinRecord, UserRecord
from tests.support.factories import database_files, make_settings
from tests.support.flows import joined, onboard


def services(chat: ChatSession) -> Services:
    return chat.application.bot_data.services


async def the_user(chat: ChatSession) -> UserRecord:
    user = await services(chat).storage.users.find_by_telegram_id(chat.person.user_id)
    assert user is not None
    return user


# --- onboarding ------------------------------------------------------------------------------


async def test_onboarding_by_first_buttons(chat: ChatSession) -> None:
    shown = "\n".join(await onboard(chat))
    for question in (
        "Which language",
        "Which time zone",
        "When should I check in?",
        "Which days do you usually work?",
        "When does your shift usually end?",
        "How long after your shift ends",
    ):
        assert question in shown
    # Said as the buttons said it, the working week as one run.
    assert "I'll check in 1 hour after your shift ends. Your shifts end: Sun–Thu 15:00." in shown
    user = await the_user(chat)
    assert user.status == "active"
    assert user.language == "en" and user.timezone == "Asia/Jerusalem"
    assert user.schedule == {
        "mode": "shift",
        "ends": {"6": "15:00", "0": "15:00", "1": "15:00", "2": "15:00", "3": "15:00"},
        "offset_minutes": 60,
    }
    assert await services(chat).storage.state.get(user.id) is None


async def test_onboarding_in_hebrew_with_typed_answers(chat: ChatSession) -> None:
    await chat.say("/start")
    chat.new_output()
    await chat.press(1)  # consent
    await chat.press(2)  # Hebrew
    shown = joined(chat)
    assert "באיזה אזור זמן" in shown or "אזור" in shown
    await chat.press(3)  # another time zone
    await chat.say("Mars/Olympus")
    assert "Mars/Olympus" in joined(chat)
    await chat.say("Europe/London")
    await chat.press(2)  # fixed time
    await chat.press(4)  # type it
    await chat.say("רבע לשמונה")
    chat.new_output()
    await chat.say("19:45")
    done = joined(chat)
    user = await the_user(chat)
    assert user.language == "he" and user.timezone == "Europe/London"
    assert user.schedule == {"mode": "daily", "time": "19:45"}
    assert user.status == "active"
    assert "19:45" in done


async def test_start_again_offers_settings_and_keeps_data(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/journal first entry")
    chat.new_output()
    await chat.say("/start")
    shown = chat.new_output()
    assert "Nothing has been reset" in "\n".join(shown)
    assert "[1] Your settings" in shown
    await chat.press(1)
    assert "Your settings:" in joined(chat)
    await chat.say("/start")
    chat.new_output()
    await chat.press(2)  # What I can do
    assert "/reflect" in joined(chat)
    user = await the_user(chat)
    assert await services(chat).storage.journal.count_for_user(user.id) == 1


async def test_enrolment_code_required(tmp_path: Path, master_key: MasterKey) -> None:
    settings = make_settings(tmp_path, enrolment_mode="code")
    chat = await open_chat(settings, master_key, ChatPerson(77, "Lior"), tmp_path / "out")
    try:
        await services(chat).storage.invites.create("WARD-7Q", "North Ward", "participant", 1, None)
        await chat.say("/start")
        await chat.press(1)
        assert "enrolment codes" in joined(chat)
        await chat.say("/checkin")
        assert "finish setting up" in joined(chat)
        await chat.say("nope")
        assert "didn't work" in joined(chat)
        await chat.say("ward-7q")
        assert "enrolled in North Ward" in joined(chat)
        for _ in range(6):
            await chat.press(1)
        assert "You're all set" in joined(chat)
        user = await the_user(chat)
        memberships = await services(chat).storage.programmes.memberships_of(user.id)
        assert [(m.programme, m.role) for m in memberships] == [("North Ward", "participant")]
        # Single use: a second person cannot reuse the code.
        redeemed = await services(chat).storage.invites.redeem(
            "WARD-7Q", "someone-else", datetime.now(UTC)
        )
        assert redeemed is None
    finally:
        await close_chat(chat)


async def test_an_enrolment_code_is_never_read_as_crisis(
    tmp_path: Path, master_key: MasterKey
) -> None:
    """A walkthrough: the model alarmed on about one code in ten ("Z3N57-F3JW9"), so a person
    given such a code got the crisis reply at every try and could never enrol; with /join, the
    evening's check-in became the gentle one. The stand-in alarms on everything."""
    settings = make_settings(tmp_path, enrolment_mode="code")
    chat = await open_chat(settings, master_key, ChatPerson(78, "Tamar"), tmp_path / "out")
    try:
        storage = services(chat).storage
        await storage.invites.create("Z3N57-F3JW9", "North Ward", "participant", 1, None)
        await storage.invites.create("EAADS-B69SJ", "North Ward", "participant", 1, None)
        await chat.say("/start")
        await chat.press(1)
        services(chat).analyser.set_model(AlarmingModel())
        chat.new_output()
        await chat.say("z3n57 f3jw9")
        shown = joined(chat)
        assert "1201" not in shown and "enrolled in North Ward" in shown
        for _ in range(6):
            await chat.press(1)
        assert "You're all set" in joined(chat)
        await chat.say("/join EAADS-B69SJ")
        shown = joined(chat)
        assert "1201" not in shown and "North Ward" in shown
        user = await the_user(chat)
        assert not await services(chat).checkins.after_crisis(user.id, chat.clock.now())
        # A stray dash, or the operator's banner pasted with it, is still a code attempt.
        await chat.say("/join WZX5R-VU7P6-")
        await chat.say("/join X6VFG-D9YFZ  Only their hashes are stored: copy them now.")
        shown = joined(chat)
        assert "1201" not in shown and shown.count("That code didn't work") == 2
        # Words of crisis after /join are still heard (the lexicon has its say).
        await chat.say("/join i want to kill myself")
        assert "1201" in joined(chat)
    finally:
        await close_chat(chat)


def test_what_reads_as_an_enrolment_code() -> None:
    for code in (
        "Z3N57-F3JW9",
        "z3n57-f3jw9",
        "z3n57f3jw9",
        "EAADS B69SJ",
        " ABCDE-FGHJK ",
        "WZX5R-VU7P6-",
        '"X6VFG-D9YFZ".',
        "X6VFG – D9YFZ",
    ):
        assert reads_as_code(code), code
    for words in ("never again", "everything", "im so tired", "Z3N57-F3JW", "kill myself"):
        assert not reads_as_code(words), words


# --- check-ins -------------------------------------------------------------------------------


async def set_daily(chat: ChatSession, timezone: str, at: str) -> None:
    user = await the_user(chat)
    await services(chat).users.update(
        user, timezone=timezone, schedule={"mode": "daily", "time": at}
    )


async def checkins_sent(chat: ChatSession) -> list[str]:
    return [
        str(p["text"])
        for p in chat.stand_in.sent("sendMessage")
        if "1 is very hard, 5 is good." in str(p["text"])
    ]


async def test_checkin_due_at_local_time_across_dst(chat: ChatSession) -> None:
    await onboard(chat)
    cases = [
        # London: BST (UTC+1) before 25 Oct 2026, GMT after.
        ("Europe/London", "2026-10-24T17:59:00+00:00", "2026-10-24T18:00:00+00:00"),
        ("Europe/London", "2026-10-26T18:59:00+00:00", "2026-10-26T19:00:00+00:00"),
        # Jerusalem: IDT (UTC+3) before 25 Oct 2026, IST (UTC+2) after.
        ("Asia/Jerusalem", "2026-10-23T15:59:00+00:00", "2026-10-23T16:00:00+00:00"),
        ("Asia/Jerusalem", "2026-10-27T16:59:00+00:00", "2026-10-27T17:00:00+00:00"),
        # London spring forward: 29 Mar 2026, 19:00 BST is 18:00 UTC.
        ("Europe/London", "2026-03-29T17:59:00+00:00", "2026-03-29T18:00:00+00:00"),
    ]
    for sent_before, (zone, just_before, due) in enumerate(cases):
        await set_daily(chat, zone, "19:00")
        await chat.set_clock(just_before)
        assert len(await checkins_sent(chat)) == sent_before, (zone, just_before)
        await chat.set_clock(due)
        assert len(await checkins_sent(chat)) == sent_before + 1, (zone, due)
        await chat.set_clock(due)  # the tick runs again: nothing new
        assert len(await checkins_sent(chat)) == sent_before + 1


async def daily_checkins_then_restart(
    tmp_path: Path, master_key: MasterKey, person: ChatPerson, at: str, until: str
) -> tuple[int, ChatSession]:
    """Set up with a daily check-in ``at``, run the clock to ``until``, stop the bot and start
    it again on the same files. Returns the check-ins sent before the stop and the second
    process, for the caller to close."""
    settings = make_settings(tmp_path)
    first = await open_chat(settings, master_key, person, tmp_path / "out")
    await onboard(first)
    await set_daily(first, "Asia/Jerusalem", at)
    await first.set_clock(until)
    sent = len(await checkins_sent(first))
    await close_chat(first)
    return sent, await open_chat(settings, master_key, person, tmp_path / "out")


async def test_checkin_not_sent_twice_across_a_restart(
    tmp_path: Path, master_key: MasterKey
) -> None:
    sent, second = await daily_checkins_then_restart(
        tmp_path, master_key, ChatPerson(31, "Maya"), "19:00", "2026-12-01T19:05"
    )
    assert sent == 1
    try:
        await second.set_clock("2026-12-01T19:10")
        assert await checkins_sent(second) == []
        user = await the_user(second)
        dispatches = await services(second).storage.checkins.dispatches(user.id)
        assert dispatches == [("2026-12-01", "main", "sent")]
    finally:
        await close_chat(second)


async def test_a_checkin_late_after_a_restart_waits_out_quiet_hours(
    tmp_path: Path, master_key: MasterKey
) -> None:
    """A long walkthrough: down at 21:30 and back at 22:40, the bot sent "How was work today?"
    inside quiet hours (22:00-08:00), though still inside the two-hour grace."""
    sent, second = await daily_checkins_then_restart(
        tmp_path, master_key, ChatPerson(32, "Dana"), "21:30", "2026-12-01T21:00"
    )
    assert sent == 0
    try:
        await second.set_clock("2026-12-01T22:40")
        assert await checkins_sent(second) == []
        await second.set_clock("2026-12-02T08:05")
        assert await checkins_sent(second) == []  # the grace is long over
    finally:
        await close_chat(second)


async def test_a_rating_typed_after_a_restart_answers_the_checkin(
    tmp_path: Path, master_key: MasterKey
) -> None:
    """The question on screen was known only in memory: after a restart, "2" typed under it was
    offered to the journal and the rating was lost."""
    sent, second = await daily_checkins_then_restart(
        tmp_path, master_key, ChatPerson(33, "Dana"), "19:00", "2026-12-01T19:01"
    )
    assert sent == 1
    try:
        await second.set_clock("2026-12-01T19:40")
        second.new_output()
        await second.say("2")
        assert "save that in your journal" not in joined(second)
        user = await the_user(second)
        record = await services(second).storage.checkins.get(user.id, date(2026, 12, 1))
        assert record is not None and record.rating == 2
    finally:
        await close_chat(second)


async def test_the_morning_after_a_late_shift_answers_last_night(chat: ChatSession) -> None:
    """A late shift's check-in at 23:30, answered at 07:30: the "2" went to the day ahead, and
    that evening's check-in never came. It is last night's, and tonight's still comes."""
    await onboard(chat)
    user = await the_user(chat)
    await services(chat).users.update(user, quiet_start="00:00", quiet_end="00:00")
    await set_daily(chat, "Asia/Jerusalem", "23:30")
    await chat.set_clock("2026-12-01T23:31")
    assert len(await checkins_sent(chat)) == 1
    await chat.set_clock("2026-12-02T07:30")
    chat.new_output()
    await chat.say("2")
    checkins = services(chat).storage.checkins
    last_night = await checkins.get(user.id, date(2026, 12, 1))
    assert last_night is not None and last_night.rating == 2
    assert await checkins.get(user.id, date(2026, 12, 2)) is None
    await chat.set_clock("2026-12-02T23:31")
    assert len(await checkins_sent(chat)) == 2
    # /checkin the next morning, with last night's unanswered, asks about yesterday's shift.
    await chat.set_clock("2026-12-03T08:00")
    chat.new_output()
    await chat.say("/checkin")
    assert "How did yesterday's shift go?" in joined(chat)
    await chat.press(4)
    tonight = await checkins.get(user.id, date(2026, 12, 2))
    assert tonight is not None and tonight.rating == 4
    assert await checkins.get(user.id, date(2026, 12, 3)) is None


async def test_after_three_unanswered_check_ins_the_next_mentions_pause_once(
    chat: ChatSession,
) -> None:
    """A long walkthrough ignored four check-ins in a row and got the same question each day,
    with no word that a break is there."""
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "19:00")
    for day in range(1, 7):
        await chat.set_clock(f"2026-12-{day:02d}T19:01")
    sent = await checkins_sent(chat)
    assert len(sent) == 6
    hinted = ["/pause stops these" in message for message in sent]
    assert hinted == [False, False, False, True, False, False]


async def test_a_check_in_waits_while_a_reflection_is_under_way(chat: ChatSession) -> None:
    """Due at 19:00 while the person is between two steps of a reflection: it waits, and comes
    once they have been quiet for ten minutes, or at once if nothing is open."""
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "19:00")
    await chat.set_clock("2026-12-01T18:50")
    await chat.say("/reflect")
    await chat.press(2)  # how they feel now: 2
    await chat.set_clock("2026-12-01T18:58")
    await chat.say("A long one with a new admission.")
    joined(chat)
    await chat.set_clock("2026-12-01T19:00")
    await chat.set_clock("2026-12-01T19:05")
    assert await checkins_sent(chat) == []
    assert "1 is very hard" not in joined(chat)
    await chat.set_clock("2026-12-01T19:09")  # eleven minutes after the last message
    assert len(await checkins_sent(chat)) == 1
    # Writing to the bot with nothing open does not hold a check-in back.
    await chat.say("/cancel")
    await chat.set_clock("2026-12-02T18:59")
    await chat.say("/help")
    await chat.set_clock("2026-12-02T19:00")
    assert len(await checkins_sent(chat)) == 2


async def test_only_when_i_ask_sends_no_check_ins(chat: ChatSession) -> None:
    """A lead who does not take part, or someone who wants no reminders: no check-in is sent,
    /checkin still works, and check-ins can be turned back on in /settings."""
    await chat.say("/start")
    shown = joined(chat)
    while "When should I check in?" not in shown:
        assert await chat.press(1) is None
        shown = joined(chat)
    assert "[3] Only when I ask (no reminders)" in shown
    await chat.press(3)
    shown = joined(chat)
    assert "You're all set. I won't send check-ins; /checkin is there whenever" in shown
    user = await the_user(chat)
    assert user.schedule == {"mode": "none"}
    for day in ("2026-12-01", "2026-12-02"):
        for moment in ("08:00", "12:00", "19:00", "21:00"):
            await chat.set_clock(f"{day}T{moment}")
    assert await checkins_sent(chat) == []
    await chat.say("/pause 3")
    assert "There's nothing to pause" in joined(chat)
    await chat.say("/settings")
    assert "To have check-ins sent again" in joined(chat)
    await chat.say("/checkin")
    await chat.press(4)
    assert await services(chat).storage.checkins.get(user.id, date(2026, 12, 2)) is not None
    # Typed at set-up, in either language, it means the same.
    await chat.say("/settings")
    await chat.press(1)  # Check-in times
    await chat.say("A fixed time")
    await chat.press(1)
    assert (await the_user(chat)).schedule["mode"] == "daily"
    await chat.say("/settings")
    await chat.press(1)
    await chat.say("only when I ask")
    assert (await the_user(chat)).schedule == {"mode": "none"}
    await chat.say("/resume")
    assert 'set to "Only when I ask", so none are sent' in joined(chat)
    await chat.say("no reminders please")  # already so: said, not how to pause
    assert 'You\'re on "Only when I ask"' in joined(chat)
    # Hebrew: the button's words, typed without the bracket, are the choice too.
    await chat.say("/settings")
    await chat.press(1)
    await chat.say("A fixed time")
    await chat.press(1)
    await chat.say("/checkin")
    joined(chat)
    await chat.press(8)  # Snooze 1 h, then no reminders: the snoozed one does not come either
    await chat.say("/settings")
    await chat.press(1)
    await chat.say("רק כשאני מבקש/ת")
    assert (await the_user(chat)).schedule == {"mode": "none"}
    sent = len(await checkins_sent(chat))
    await chat.set_clock("2026-12-02T23:59")
    await chat.set_clock("2026-12-03T19:00")
    assert len(await checkins_sent(chat)) == sent
    assert "Checking back" not in joined(chat)


async def test_no_checkin_when_answered_paused_quiet_or_too_late(chat: ChatSession) -> None:
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "19:00")
    # Answered by hand earlier that day.
    await chat.set_clock("2026-12-01T12:00")
    await chat.say("/checkin")
    await chat.press(4)
    before = len(await checkins_sent(chat))
    await chat.set_clock("2026-12-01T19:01")
    assert len(await checkins_sent(chat)) == before
    # Paused.
    await chat.say("/pause 2")  # today's is answered: the pause starts tomorrow
    assert "The next check-in will be on Fri 4 Dec" in joined(chat)
    await chat.set_clock("2026-12-02T19:01")
    assert len(await checkins_sent(chat)) == before
    await chat.say("/resume")
    assert "back on" in joined(chat)
    await chat.say("/pause")  # tapped from the menu, no number: buttons
    await chat.press(3)  # 1 week
    assert "The next check-in will be on Thu 10 Dec" in joined(chat)
    await chat.say("/pause a week")  # as people write it
    assert "The next check-in will be on Thu 10 Dec" in joined(chat)
    await chat.say("/resume")
    assert "back on" in joined(chat)
    # More than the grace window late (e.g. the bot was down): skipped, not sent at night.
    await chat.set_clock("2026-12-03T21:30")
    assert len(await checkins_sent(chat)) == before
    # Quiet hours: a check-in set inside them never goes out.
    await set_daily(chat, "Asia/Jerusalem", "23:00")
    await chat.set_clock("2026-12-04T23:05")
    assert len(await checkins_sent(chat)) == before
    await set_daily(chat, "Asia/Jerusalem", "19:00")
    await chat.set_clock("2026-12-05T19:00")
    assert len(await checkins_sent(chat)) == before + 1


async def test_a_late_shift_check_in_inside_quiet_hours_is_told_and_can_be_let_through(
    chat: ChatSession,
) -> None:
    """A shift ending at 23:00 with quiet hours from 22:00 would never get its check-in; set-up
    says so and offers quiet hours that let it through."""
    await chat.say("/start")
    for button in (1, 1, 1, 1, 1):  # consent, English, Jerusalem, after each shift, Sun-Thu
        await chat.press(button)
    chat.new_output()
    await chat.press(5)  # the shift ends at 23:00
    await chat.press(2)  # check in 30 minutes after
    shown = joined(chat)
    assert "You're all set" in shown
    assert "a check-in at 23:30 falls inside your quiet hours (22:00–08:00)" in shown
    assert "[1] Move them to 00:00–08:00" in shown and "[2] Keep my quiet hours" in shown
    await chat.set_clock("2026-12-01T23:31")  # a Tuesday
    assert await checkins_sent(chat) == []
    await chat.press(1)
    assert "quiet hours are now 00:00–08:00" in joined(chat)
    user = await the_user(chat)
    assert (user.quiet_start, user.quiet_end) == ("00:00", "08:00")
    await chat.set_clock("2026-12-02T23:31")
    assert len(await checkins_sent(chat)) == 1
    # Set again to the same times: no conflict, nothing more to say.
    await chat.say("/settings")
    await chat.press(1)  # check-in times
    chat.new_output()
    for button in (1, 1, 5, 2):
        await chat.press(button)
    assert "falls inside your quiet hours" not in joined(chat)


async def press_on(chat: ChatSession, showing: str, number: int) -> None:
    """Press a button of the newest message showing ``showing``, even if newer ones follow."""
    item = next(item for item in reversed(chat.stand_in.shown) if showing in item.text)
    await chat.send_update(
        chat.stand_in.callback_update(
            chat.person.user_id,
            chat.person.name,
            item.chat_id,
            item.message_id,
            str(item.buttons[number - 1].callback_data),
            chat.person.language_code,
        )
    )


async def test_quiet_hours_kept_or_changed_since_the_offer(chat: ChatSession) -> None:
    await onboard(chat)  # shifts end 15:00, check-in 1 hour after
    await chat.say("/settings")
    await chat.press(4)  # quiet hours
    chat.new_output()
    await chat.say("13:00-16:30")
    shown = joined(chat)
    assert "a check-in at 16:00 falls inside your quiet hours (13:00–16:30)" in shown
    assert "Move them" not in shown  # under six hours of quiet would be left: no offer
    assert "You can change either in /settings" in shown
    await chat.say("/settings")
    await chat.press(4)
    chat.new_output()
    await chat.say("21:00-16:30")
    assert "[1] Move them to 21:00–16:00" in joined(chat)
    await chat.press(2)  # keep them
    assert "stay as they are" in joined(chat)
    user = await the_user(chat)
    assert (user.quiet_start, user.quiet_end) == ("21:00", "16:30")
    # An offer pressed after the quiet hours changed again is not applied.
    await chat.say("/settings")
    await chat.press(4)
    await chat.say("20:00-16:30")
    await chat.say("/settings")
    await chat.press(4)
    await chat.say("22:00-08:00")
    chat.new_output()
    await press_on(chat, "Shall I move your quiet hours to 20:00–16:00?", 1)
    assert "Your settings:" in joined(chat)
    user = await the_user(chat)
    assert (user.quiet_start, user.quiet_end) == ("22:00", "08:00")


async def test_words_typed_at_the_check_in_are_kept_and_the_check_in_explained(
    chat: ChatSession,
) -> None:
    await onboard(chat)
    await chat.say("/checkin")
    chat.new_output()
    await chat.say("ok, bit tired")
    shown = joined(chat)
    assert "For today's check-in, a tap on a number" in shown
    assert "save that in your journal?" in shown
    await chat.say("long one")  # said once, not again
    shown = joined(chat)
    assert "For today's check-in" not in shown and "save these 2 messages" in shown
    assert "They begin “ok, bit tired long one…”" in shown  # which messages, at a glance
    await press_on(chat, "1 is very hard, 5 is good.", 4)
    await chat.press(1)  # save the two messages
    user = await the_user(chat)
    local_date = local_date_for(user, services(chat).clock.now())
    assert (await services(chat).storage.checkins.get(user.id, local_date)) is not None
    assert await services(chat).storage.journal.count_for_user(user.id) == 1
    # Answered: words now are just words for the journal.
    await chat.say("/checkin")
    await press_on(chat, "1 is very hard, 5 is good.", 3)
    chat.new_output()
    await chat.say("one more thing")
    assert "For today's check-in" not in joined(chat)


async def test_low_rating_offers_reflection_and_snooze_comes_back(chat: ChatSession) -> None:
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "19:00")
    await chat.set_clock("2026-12-01T19:00")
    chat.new_output()
    await chat.press(8)  # Snooze 1 h
    assert "check back in an hour" in joined(chat)
    await chat.set_clock("2026-12-01T19:30")
    assert len(await checkins_sent(chat)) == 1
    await chat.set_clock("2026-12-01T20:01")
    sent = await checkins_sent(chat)
    assert len(sent) == 2
    assert "as promised" in sent[1]  # back, not the same words as if new
    chat.new_output()
    await chat.press(6)  # Difficult shift
    shown = joined(chat)
    assert "difficult shift" in shown and "Would a short reflection help?" in shown
    await chat.press(2)  # Not now: never forced
    assert "/reflect is there whenever" in joined(chat)
    user = await the_user(chat)
    record = await services(chat).storage.checkins.get(user.id, date(2026, 12, 1))
    assert record is not None and record.difficult


async def test_a_run_of_hard_days_is_named_and_no_second_reflection_offered(
    chat: ChatSession,
) -> None:
    """The walkthrough: four 1/5 days in a row got the same two alternating replies and the
    same reflection offer, and a /checkin of 1 right after a finished reflection offered one
    again."""
    await onboard(chat)
    for day, rating in ((1, 1), (2, 4), (3, 2), (4, 1)):
        await chat.set_clock(f"2026-12-0{day}T20:00")
        await chat.say("/checkin")
        chat.new_output()
        await chat.say(str(rating))
        shown = joined(chat)
        assert "in a row" not in shown  # 1, then 4 breaks the run, then 2, 1: two in a row
    await chat.set_clock("2026-12-05T20:00")
    await chat.say("/reflect")
    await chat.press(3)  # pre = 3
    await chat.say("a long day and I kept going")
    for _ in range(5):  # skip the rest, up to the last question
        lines = chat.new_output()
        if any("how do you feel now" in line for line in lines):
            break
        skip = [line for line in lines if line.endswith("] Skip")]
        await chat.press(int(skip[-1][1 : skip[-1].index("]")]))
    await chat.press(2)  # post = 2: lower than before
    shown = joined(chat)
    assert "Before: 3. Now: 2." in shown and "feel heavier for a while" in shown
    await chat.press(2)  # not marked
    await chat.say("/checkin")
    chat.new_output()
    await chat.press(6)  # Difficult shift: the third hard day in a row, after a reflection
    shown = joined(chat)
    assert "3 hard days in a row" in shown and "supervision" in shown
    assert "Would a short reflection help?" not in shown
    assert "already taken time to reflect today" in shown
    await chat.set_clock("2026-12-06T20:00")
    await chat.say("/checkin")
    chat.new_output()
    await chat.say("1")
    shown = joined(chat)
    assert "4 hard days in a row" in shown and "Would a short reflection help?" in shown


async def test_yes_typed_at_the_reflection_offer_starts_it(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/checkin")
    await chat.say("1")
    assert "Would a short reflection help?" in joined(chat)
    await chat.say("yes please")
    assert "how are you feeling right now" in joined(chat)
    await chat.say("/cancel")
    await chat.set_clock("2026-12-02T20:00")
    await chat.say("/checkin")
    await chat.say("2")
    await chat.say("no")
    assert "/reflect is there whenever" in joined(chat)
    await chat.say("yes")  # answered: nothing to say yes to now
    assert "please tap its button" in joined(chat)


async def test_cancel_sets_aside_the_check_in_on_screen(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/checkin")
    chat.new_output()
    await chat.say("/cancel")
    assert "I'll leave today's check-in" in joined(chat)
    await chat.say("/cancel")  # nothing more to set aside
    assert "nothing to cancel" in joined(chat)
    await chat.say("/checkin")  # still there to answer
    await press_on(chat, "1 is very hard, 5 is good.", 4)
    user = await the_user(chat)
    local_date = local_date_for(user, services(chat).clock.now())
    record = await services(chat).storage.checkins.get(user.id, local_date)
    assert record is not None and record.rating == 4


async def test_cancel_after_a_snooze_means_no_check_in_comes_back(chat: ChatSession) -> None:
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "19:00")
    await chat.set_clock("2026-12-01T19:00")
    await chat.press(8)  # Snooze 1 h
    chat.new_output()
    await chat.say("/cancel")
    assert "I'll leave today's check-in" in joined(chat)
    await chat.set_clock("2026-12-01T20:01")
    assert len(await checkins_sent(chat)) == 1
    assert (await the_user(chat)).snoozed_until is None


async def test_a_snooze_into_quiet_hours_says_so_instead_of_promising(chat: ChatSession) -> None:
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "21:30")  # quiet hours 22:00-08:00
    await chat.set_clock("2026-12-01T21:30")
    chat.new_output()
    await chat.press(8)  # Snooze 1 h: 22:30 is inside quiet hours, where nothing is sent
    shown = joined(chat)
    assert "inside your quiet hours (22:00–08:00)" in shown and "in an hour" not in shown
    assert (await the_user(chat)).snoozed_until is None
    await chat.set_clock("2026-12-01T22:31")
    assert len(await checkins_sent(chat)) == 1
    # The question keeps its buttons: a tap the next morning still answers it.
    await chat.set_clock("2026-12-02T07:30")
    await press_on(chat, "1 is very hard, 5 is good.", 3)
    assert "older message" not in joined(chat)
    user = await the_user(chat)
    record = await services(chat).storage.checkins.get(user.id, date(2026, 12, 1))
    assert record is not None and record.rating == 3


# --- reflection ------------------------------------------------------------------------------


class FlaggingModel:
    """A stand-in for the trained model: flags texts that say 'was mine'."""

    crisis_with_lexicon = True
    hebrew_crisis = None
    evidence = "her story was mine"

    def score(self, texts: list[str]) -> list[OverIdScore]:
        return [
            OverIdScore(0.9, True, self.evidence)
            if "was mine" in t
            else OverIdScore(0.1, False, None)
            for t in texts
        ]


async def test_a_reflection_ending_low_gives_the_helplines_with_its_thanks(
    chat: ChatSession,
) -> None:
    """Ending at 1 on "thank you, time well spent" alone read as dismissive (a safety review)."""
    await onboard(chat)
    await chat.say("/reflect")
    await chat.press(3)  # before: 3
    await chat.say("a patient's story was too close to mine today")
    await chat.press(1)  # tired
    await chat.say("others would feel it too")
    await chat.say("be gentle tonight")
    assert "how do you feel now" in joined(chat)
    await chat.press(1)  # now: 1
    shown = joined(chat)
    assert "Before: 3. Now: 1." in shown and "If it stays heavy" in shown and "1201" in shown
    await chat.press(2)
    await chat.say("/reflect")
    await chat.press(3)
    for answer in ("a long day", None, "others too", "rest"):
        if answer is None:
            await chat.press(1)
        else:
            await chat.say(answer)
    await chat.press(4)  # now: 4, and no crisis reply during it: no helplines
    assert "If it stays heavy" not in joined(chat)


async def test_words_typed_after_a_crisis_reply_in_a_reflection_are_not_the_next_answer(
    chat: ChatSession,
) -> None:
    """A re-test: after a crisis reply inside a reflection, words typed instead of "Continue"
    became the answer to a question never shown. They are kept, and the question is asked."""
    await onboard(chat)
    await chat.say("/reflect")
    await chat.press(2)
    await chat.say("I want to die, her story was mine")
    assert "1201" in joined(chat)
    await chat.say("sorry, it was a long day")
    shown = joined(chat)
    assert "What are you feeling now?" in shown or "Which word comes closest?" in shown, shown
    state = await services(chat).storage.state.get((await the_user(chat)).id)
    assert state is not None and state["step"] == "feel" and "prompt_pending" not in state
    assert "sorry, it was a long day" in state["answers"]["note"]


async def test_reflection_full_path_with_flag_and_feedback(chat: ChatSession) -> None:
    await onboard(chat)
    services(chat).analyser.set_model(FlaggingModel())
    await chat.say("/reflect")
    assert "how are you feeling right now" in joined(chat)
    await chat.press(2)  # pre = 2
    await chat.say("New admission, 19, first psychosis. Her story was mine, word for word.")
    await chat.press(1)  # feeling: Tired
    await chat.say("others on the team felt it too")
    await chat.say("you stayed, you listened, that was enough")
    shown = joined(chat)
    assert "“her story was mine”" in shown and "What in today is theirs" in shown
    assert "[1] That's not it" in shown
    await chat.press(1)  # That's not it
    shown = joined(chat)
    assert "I read that one wrong" in shown and "how do you feel now" in shown
    await chat.press(4)  # post = 4
    shown = joined(chat)
    assert "Before: 2. Now: 4." in shown
    await chat.press(1)  # mark for supervision
    assert "Marked." in joined(chat)
    user = await the_user(chat)
    storage = services(chat).storage
    reflections = await storage.reflections.list_since(user.id, date(2000, 1, 1))
    assert [(r.pre, r.post, r.completed, r.flagged) for r in reflections] == [
        (2, 4, True, False)  # the person said the flag was wrong
    ]
    feedback = await storage.reflections.list_feedback(user.id)
    assert len(feedback) == 1 and "her story was mine" in feedback[0][1]
    entries = await storage.journal.list_for_user(user.id)
    assert len(entries) == 1 and entries[0].kind == "reflection" and entries[0].for_supervision
    assert "Her story was mine" in entries[0].text and "Tired" in entries[0].text
    assert await storage.state.get(user.id) is None


async def test_every_step_can_be_skipped(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/reflect")
    for _ in range(10):
        shown = chat.new_output()
        skip = [line for line in shown if line.endswith("] Skip")]
        if not skip:
            break
        await chat.press(int(skip[-1][1 : skip[-1].index("]")]))
    # Nothing written: nothing saved, and nothing to mark for supervision (it used to say
    # "What you wrote is saved privately in your journal" and offer to mark it).
    assert "nothing was saved" in "\n".join(shown) and "supervision" not in "\n".join(shown)
    user = await the_user(chat)
    assert await services(chat).storage.journal.count_for_user(user.id) == 0
    await chat.say("/journal")  # the reflection is over: other commands work as usual
    assert "What would you like to write?" in joined(chat)


async def test_words_at_the_first_rating_ask_the_question_again_not_the_opening(
    chat: ChatSession,
) -> None:
    await onboard(chat)
    await chat.say("/reflect")
    assert "/cancel stops" in joined(chat)
    await chat.say("pretty low")
    shown = joined(chat)
    assert "I've kept what you wrote" in shown and "how are you feeling right now" in shown
    assert "/cancel stops" not in shown  # the opening once, not again
    await chat.press(2)
    assert "[1] Tired" not in joined(chat)  # on to what happened
    await chat.say("/start")  # mid-reflection: said, so the next words are not a surprise
    assert "We were in the middle of a reflection" in joined(chat)
    await chat.say("a long day on the closed ward")
    assert "[1] Tired" in joined(chat)


async def test_reflection_resumes_after_restart(tmp_path: Path, master_key: MasterKey) -> None:
    settings = make_settings(tmp_path)
    person = ChatPerson(55, "Avi")
    first = await open_chat(settings, master_key, person, tmp_path / "out")
    await onboard(first)
    await first.say("/reflect")
    await first.press(3)
    await first.say("a long day on the closed ward")
    assert "[1] Tired" in joined(first)
    await close_chat(first)

    second = await open_chat(settings, master_key, person, tmp_path / "out2")
    try:
        await second.say("/reflect")
        shown = joined(second)
        assert "pick up where we left off" in shown
        assert "[1] Tired" in shown  # the feeling step again, not the start
        await second.say("hollowed out")
        assert "[1] Skip" in joined(second)
        user = await the_user(second)
        state = await services(second).storage.state.get(user.id)
        assert state is not None and state["step"] == "common"
        assert state["answers"] == {
            "happened": "a long day on the closed ward",
            "feel": "hollowed out",
        }
    finally:
        await close_chat(second)


async def test_cancel_keeps_what_was_written(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/reflect")
    await chat.press(6)  # skip pre
    await chat.say("meeting with the psychiatrist went badly")
    await chat.say("/cancel")
    assert "saved in your journal" in joined(chat)
    await chat.say("/cancel")
    assert "nothing to cancel" in joined(chat)


# --- journal, export, delete -----------------------------------------------------------------


async def test_journal_entries_export_delete(chat: ChatSession, tmp_path: Path) -> None:
    await onboard(chat)
    canary = "CANARY-heron-3090 sat with R. after the ward round"
    await chat.say(f"/journal {canary}")
    saved = joined(chat)
    assert "Saved" in saved and "your private journal" in saved
    await chat.say("/journal")
    assert "What would you like to write?" in joined(chat)
    await chat.say("second entry, written after asking")
    await chat.say("free text outside any flow")
    assert "save that in your journal?" in joined(chat)
    await chat.press(1)
    await chat.say("/entries")
    listing = chat.new_output()
    text = "\n".join(listing)
    assert "free text outside any flow" in text and "CANARY-heron-3090" in text
    assert text.index("free text") < text.index("CANARY")  # newest first
    await chat.press(3)  # view the oldest (the canary)
    view = joined(chat)
    assert canary in view
    await chat.say("/supervision")  # nothing marked yet: no period to choose
    answer = joined(chat)
    assert "Nothing is marked for supervision yet" in answer and "[1]" not in answer
    await chat.say("/entries")
    await chat.press(3)
    await chat.press(1)  # mark for supervision
    assert "Marked for supervision." in joined(chat)

    await chat.say("/supervision")
    await chat.press(3)  # everything
    supervision = [s for s in chat.stand_in.shown if s.kind == "document"]
    assert supervision and canary.encode() in supervision[-1].file_bytes
    assert supervision[-1].text.startswith("Here is your marked entry.")  # not "your 1 …entries"
    assert b"second entry" not in supervision[-1].file_bytes

    await chat.say("/export")
    documents = [s for s in chat.stand_in.shown if s.kind == "document"][-2:]
    exported = json.loads(documents[0].file_bytes)
    assert canary in [e["text"] for e in exported["journal_entries"]]
    assert len(exported["journal_entries"]) == 3
    assert exported["account"]["timezone"] == "Asia/Jerusalem"
    assert canary.encode() in documents[1].file_bytes
    assert documents[1].file_name.endswith(".md")
    # The Markdown says which entry is marked, as the JSON does.
    markdown = documents[1].file_bytes.decode()
    [marked_heading] = [line for line in markdown.splitlines() if line.endswith(" · marked")]
    assert markdown.index(marked_heading) < markdown.index(canary)
    assert markdown.count(" · marked") == 1

    await chat.say("/delete")
    shown = chat.new_output()
    assert "[1] No, keep everything" in shown
    await chat.press(1)
    assert "Nothing was deleted." in joined(chat)
    await chat.say("/delete")
    await chat.press(2)
    assert "can never be read again" in joined(chat)
    storage = services(chat).storage
    assert await storage.users.count() == 0
    assert await storage.keystore.count() == 0
    database_path = services(chat).settings.database_path
    assert b"CANARY" not in b"".join(p.read_bytes() for p in database_files(database_path))
    await chat.say("/entries")
    assert "send /start" in joined(chat)


async def test_entries_paging_and_delete_one(chat: ChatSession) -> None:
    await onboard(chat)
    for number in range(7):
        await chat.say(f"/journal note {number}")
    chat.new_output()
    await chat.say("/entries")
    first_page = joined(chat)
    assert "note 6" in first_page and "note 1" not in first_page
    await chat.press(6)  # Older
    second_page = joined(chat)
    assert "note 1" in second_page and "note 0" in second_page and "note 6" not in second_page
    # Numbered on from the first page, and dated as people write a day, in their time zone.
    assert "\n6. " in "\n" + second_page and "\n1. " not in "\n" + second_page
    assert re.search(r"6\. (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} · ", second_page)
    assert not re.search(r"\d{4}-\d{2}-\d{2}", second_page)
    await chat.press(1)  # view note 1
    await chat.press(2)  # Delete
    assert "Delete this entry? It's gone from Kindred at once" in joined(chat)
    await chat.press(2)  # Delete it
    after_delete = joined(chat)
    assert "Deleted." in after_delete
    user = await the_user(chat)
    texts = [e.text for e in await services(chat).storage.journal.list_for_user(user.id, limit=50)]
    assert "note 1" not in texts and len(texts) == 6
    # The way back to the list stays, for tidying several entries in a row.
    assert "[1] Back to the list" in after_delete
    await chat.press(1)
    back_on_the_list = joined(chat)
    assert "note 0" in back_on_the_list and "note 1" not in back_on_the_list


async def test_deleting_the_last_entry_leaves_no_way_back_to_an_empty_list(
    chat: ChatSession,
) -> None:
    await onboard(chat)
    await chat.say("/journal only note")
    chat.new_output()
    await chat.say("/entries")
    await chat.press(1)  # view
    await chat.press(2)  # Delete
    chat.new_output()
    await chat.press(2)  # Delete it
    after_delete = joined(chat)
    assert "Deleted." in after_delete and "Back to the list" not in after_delete


# --- trends, settings ------------------------------------------------------------------------


async def test_mytrends_sends_a_chart(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/mytrends")
    assert "isn't enough to draw yet" in joined(chat)
    for day, rating in ((1, 2), (2, 3), (5, 4), (9, 2), (15, 4), (20, 5)):
        await chat.set_clock(f"2026-11-{day:02d}T20:00")
        await chat.say("/checkin")
        await chat.press(rating)
        chat.new_output()
    await chat.set_clock("2026-11-20T21:00")
    await chat.say("/checkin")
    await chat.press(6)  # difficult
    await chat.press(1)  # reflect
    await chat.press(2)
    for answer in ("a hard admission", "tired", "others feel it too", "be gentle"):
        await chat.say(answer)
    await chat.press(4)  # how do you feel now: 4
    await chat.set_clock("2026-11-24T12:00")
    await chat.say("/mytrends")
    photos = [s for s in chat.stand_in.shown if s.kind == "photo"]
    assert len(photos) == 1
    image = imread(io.BytesIO(photos[0].file_bytes), format="png")
    assert image.shape[0] > 300 and image.shape[1] > 600
    assert "averaged" in photos[0].text
    # Rated 2 on the 1st and the 9th, marked difficult on the 20th.
    assert "Hard shifts (rated 1–2 or marked difficult): 3." in photos[0].text
    assert "2 higher on the 1–5 scale" in photos[0].text  # before 2, after 4


def test_the_month_s_direction_follows_the_person_s_own_ratings() -> None:
    days = [date(2026, 11, 1) + timedelta(days=i) for i in range(28)]
    late_fall = {date(2026, 11, 20): 5, **{date(2026, 11, d): 1 for d in (22, 24, 26, 27)}}
    assert PersonalTrends(days, late_fall, set(), []).direction() == "down"  # was "steady"
    rising = {date(2026, 11, d): r for d, r in ((1, 2), (2, 3), (5, 2), (15, 4), (20, 5))}
    assert PersonalTrends(days, rising, set(), []).direction() == "up"
    assert (
        PersonalTrends(days, {date(2026, 11, 3): 1, date(2026, 11, 4): 5}, set(), []).direction()
        == "few"
    )
    steady = {date(2026, 11, d): 3 for d in (2, 9, 16, 23)}
    assert PersonalTrends(days, steady, set(), []).direction() == "flat"


async def test_mytrends_after_moving_west_past_midnight(chat: ChatSession) -> None:
    """A check-in made just after midnight in Jerusalem is dated a day that has not begun in
    New York; after the move the chart leaves it for tomorrow instead of failing."""
    await onboard(chat)
    for day, rating in ((25, 2), (27, 3), (29, 4)):
        await chat.set_clock(f"2026-11-{day:02d}T20:00")
        await chat.say("/checkin")
        await chat.press(rating)
    await chat.set_clock("2026-12-01T00:30")  # Jerusalem: already December 1st
    await chat.say("/checkin")
    await chat.press(5)
    await services(chat).users.update(await the_user(chat), timezone="America/New_York")
    chat.new_output()
    await chat.say("/mytrends")  # New York: still November 30th
    assert "Something went wrong" not in joined(chat)
    photos = [s for s in chat.stand_in.shown if s.kind == "photo"]
    assert len(photos) == 1


async def test_settings_change_time_zone_and_quiet_hours(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/settings")
    menu = chat.new_output()
    assert "Time zone: Israel (Asia/Jerusalem)" in "\n".join(menu)
    await chat.press(2)  # time zone
    await chat.press(2)  # Europe/London
    assert "Time zone: UK (Europe/London)" in joined(chat)
    await chat.press(4)  # quiet hours
    await chat.say("23:30-07:00")
    assert "Quiet hours: 23:30–07:00" in joined(chat)
    user = await the_user(chat)
    assert (user.timezone, user.quiet_start, user.quiet_end) == ("Europe/London", "23:30", "07:00")
    await press_on(chat, "What would you like to change?", 4)  # quiet hours again
    await chat.say("10pm to 6am")  # as people write it
    assert "Quiet hours: 22:00–06:00" in joined(chat)
    await press_on(chat, "What would you like to change?", 4)
    await chat.say("none")  # no quiet hours at all ("couldn't read that" before)
    assert "Quiet hours: none" in joined(chat)
    assert (await the_user(chat)).quiet_start == (await the_user(chat)).quiet_end
    await press_on(chat, "What would you like to change?", 2)  # time zone
    await chat.say("new york")  # typed at the buttons: the answer, settings stay open
    shown = joined(chat)
    assert "Time zone: America/New_York" in shown and "Settings closed" not in shown


# --- safety and bad input --------------------------------------------------------------------


async def test_settings_language_buttons_keep_their_places_and_no_quiet_question(
    chat: ChatSession,
) -> None:
    """The Hebrew walkthrough: the language buttons put the current language first, so a tap on
    [1] as last time switched back; and the quiet-hours question came after every change, even
    a change of language, after "keep them"."""
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "23:30")  # inside the quiet hours 22:00-08:00
    await chat.say("/settings")
    assert "the one at 23:30 falls inside your quiet hours, so it won't come" in joined(chat)
    await chat.press(3)  # Language
    shown = joined(chat)
    assert "[1] ✓ English" in shown and "[2] Hebrew (עברית)" in shown
    await chat.press(2)  # Hebrew
    shown = joined(chat)
    assert "להזיז את השעות השקטות" not in shown and "Shall I move" not in shown
    assert "שעות שקטות: 22:00-08:00" in shown  # a hyphen: an en dash is drawn reversed in RTL
    await chat.say("/settings")
    await chat.press(3)
    shown = joined(chat)
    assert "[1] אנגלית (English)" in shown and "[2] ✓ עברית" in shown


async def test_crisis_gets_helplines_in_the_same_turn(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/reflect")
    await chat.press(3)
    chat.new_output()
    before = len(chat.stand_in.sent("sendMessage"))
    await chat.say("honestly I want to die, I can't do this anymore")
    replies = chat.stand_in.sent("sendMessage")[before:]
    assert len(replies) == 1  # the crisis reply, and no next question on top of it
    reply = str(replies[0]["text"])
    assert "1201" in reply and "101" in reply and "immediate danger" in reply
    shown = chat.new_output()
    assert "[1] Continue where we were" in shown and "[2] Show the helplines again" in shown
    await chat.press(2)
    assert "1201" in joined(chat)
    await chat.press(1)  # the crisis message still has its buttons
    assert "Take whatever pace you need." in joined(chat)
    user = await the_user(chat)
    state = await services(chat).storage.state.get(user.id)
    assert state is not None and state["answers"]["happened"].startswith("honestly")


async def test_yes_after_the_crisis_reply_gets_the_helplines_again(chat: ChatSession) -> None:
    """The crisis reply says "if that is where you are right now…"; a typed "yes" is the
    plainest answer, which neither the model nor the lexicon hears alone."""
    await onboard(chat)
    await chat.say("honestly i don't want to be alive anymore")
    assert "1201" in joined(chat)
    await chat.say("yes")
    shown = joined(chat)
    assert "Thank you for telling me" in shown and "1201" in shown and "journal?" not in shown
    held = await services(chat).storage.state.get((await the_user(chat)).id)
    assert held is not None and held["text"] == "honestly i don't want to be alive anymore"
    await chat.set_clock("2026-12-01T12:00")  # long after: "no" is only a no again,
    await chat.say("no")  # and not an answer to a journal offer never shown
    assert "1201" not in (shown := joined(chat)) and "please tap its button" in shown
    held = await services(chat).storage.state.get((await the_user(chat)).id)
    assert held is not None and held["text"] == "honestly i don't want to be alive anymore"
    await chat.press(1)  # Continue where we were
    await chat.say("no")
    assert "not saved" in joined(chat)
    await chat.say("i can't do this anymore, i want to die")
    assert "1201" in joined(chat)
    await chat.say("no")
    assert "If it gets heavier, these people are there" in (shown := joined(chat))
    assert "1201" in shown
    assert "save that in your journal?" in shown
    # The words that brought the crisis reply are still offered for the journal, alone.
    held = await services(chat).storage.state.get((await the_user(chat)).id)
    assert held is not None and held["text"] == "i can't do this anymore, i want to die"
    await chat.say("i want to die")
    await chat.press(1)  # Continue where we were: the journal offer is the question now
    assert "save these 2 messages in your journal" in joined(chat)
    await chat.say("no")
    assert "not saved" in joined(chat)
    await chat.say("i want to die")
    await chat.say("no")  # the crisis reply's question, answered; then the journal's offer
    assert "If it gets heavier" in (shown := joined(chat)) and "save that in your journal?" in shown
    await chat.say("no")
    assert "not saved" in joined(chat)


async def test_after_a_crisis_reply_the_next_words_still_get_the_helplines(
    chat: ChatSession,
) -> None:
    """A safety review: after a "yes" to the crisis reply, "I don't know what to do" was
    answered "if I read it wrong, no harm done"; words the checks missed just after a crisis
    reply got only "save these messages?"."""
    await onboard(chat)
    await chat.say("I keep looking at the railway on my walk home, I want to die")
    assert "1201" in joined(chat)
    await chat.say("yes")
    assert "taking it seriously" in joined(chat)
    await chat.say("i want to die and i don't know what to do")
    shown = joined(chat)
    assert "You don't have to know what to do right now" in shown and "1201" in shown
    assert "read it wrong" not in shown and "isn't what you meant" not in shown
    await chat.press(1)  # Continue where we were
    joined(chat)
    await chat.say("the bridge on the way home, every time")  # nothing the lexicon hears
    shown = joined(chat)
    assert "I'm still here with you" in shown and "1201" in shown
    assert "in your journal" in shown  # and the words are offered, as always
    # Once per crisis reply: after a false alarm, the helplines under every ordinary message
    # were distressing (a re-test).
    await chat.say("anyway, home now, making tea")
    shown = joined(chat)
    assert "still here with you" not in shown and "in your journal" in shown
    # An hour on, words are words again.
    chat.clock.set(chat.clock.now() + timedelta(hours=2))
    await chat.say("long shift, home now")
    shown = joined(chat)
    assert "1201" not in shown and "journal" in shown, shown


async def test_yes_to_a_question_asked_after_the_crisis_reply_answers_that_question(
    chat: ChatSession,
) -> None:
    """A walkthrough: after a crisis reply, "yes" to /delete's question or to the journal's
    "save these 2 messages?" got "I'm taking it seriously", and nothing was saved."""
    await onboard(chat)
    await chat.say("i don't want to be alive anymore")
    assert "1201" in joined(chat)
    await chat.say("i hate this job sometimes")
    assert "save these 2 messages in your journal" in joined(chat)
    await chat.say("yes")
    shown = joined(chat)
    assert "Thank you for telling me" not in shown and "Saved" in shown
    assert await journal_texts(chat) == [
        "i don't want to be alive anymore\n\ni hate this job sometimes"
    ]
    await chat.say("i want to die")
    assert "1201" in joined(chat)
    await chat.say("/delete")
    assert "delete everything" in joined(chat)
    await chat.say("yes")
    shown = joined(chat)
    assert "Thank you for telling me" not in shown and "1201" not in shown
    assert await services(chat).storage.users.find_by_telegram_id(chat.person.user_id)


async def test_commands_are_not_read_as_crisis_but_their_text_is(chat: ChatSession) -> None:
    await onboard(chat)
    for command in ("/mytrends", "/export", "/entries", "/help"):
        await chat.say(command)
        assert "immediate danger" not in joined(chat), command
    await chat.say("/journal i want to kill myself")
    shown = joined(chat)
    assert "1201" in shown and "immediate danger" in shown


async def test_crisis_in_an_edit_or_a_caption_gets_helplines(chat: ChatSession) -> None:
    await onboard(chat)
    chat.new_output()
    await chat.send_update(
        chat.stand_in.text_update(
            chat.person.user_id, chat.person.name, "i want to kill myself tonight", edited=True
        )
    )
    shown = joined(chat)
    assert "1201" in shown and "immediate danger" in shown
    assert "edited a message" not in shown  # not a notice about edits on top of the helplines
    await chat.send_update(
        chat.stand_in.message_update(
            chat.person.user_id,
            chat.person.name,
            {
                "photo": [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}],
                "caption": "i want to kill myself tonight",
            },
        )
    )
    shown = joined(chat)
    assert "1201" in shown and "can only read text" not in shown
    # Without crisis words both still get their usual answers.
    await chat.send_update(
        chat.stand_in.text_update(chat.person.user_id, chat.person.name, "typo", edited=True)
    )
    assert "edited a message" in joined(chat)


async def test_words_written_with_a_photo_are_offered_for_the_journal(chat: ChatSession) -> None:
    await onboard(chat)
    photo = {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}]}
    await chat.send_update(
        chat.stand_in.message_update(
            chat.person.user_id, chat.person.name, {**photo, "caption": "the view after nights"}
        )
    )
    assert "read the words you wrote" in joined(chat)
    await chat.press(1)  # Save it
    assert "the view after nights" in await journal_texts(chat)
    # In the middle of a reflection the reflection's question still waits: nothing replaces it.
    await chat.say("/reflect")
    await chat.send_update(
        chat.stand_in.message_update(
            chat.person.user_id, chat.person.name, {**photo, "caption": "another view"}
        )
    )
    assert "can only read text" in joined(chat)
    state = await services(chat).storage.state.get((await the_user(chat)).id)
    assert state is not None and state["flow"] == "reflection"


async def test_crisis_written_in_hebrew_is_answered_in_hebrew(chat: ChatSession) -> None:
    await chat.say("אני רוצה למות")  # the app's language is English
    shown = joined(chat)
    assert "1201" in shown and "שכתבת לי" in shown


async def to_the_typed_time_zone_step(chat: ChatSession) -> None:
    """A new person, in onboarding, at the step that waits for a typed time zone."""
    await chat.say("/start")
    await chat.press(1)  # consent
    await chat.press(1)  # English
    await chat.press(3)  # another time zone, typed
    chat.new_output()


async def test_answers_typed_where_buttons_were_offered_are_read_as_answers(
    chat: ChatSession,
) -> None:
    await chat.say("/start")
    await chat.press(1)  # consent
    await chat.press(1)  # English
    chat.new_output()
    await chat.say("london")  # at the time zone buttons
    shown = joined(chat)
    assert "Got it: UK (Europe/London)." in shown and "kept that for now" not in shown
    await chat.say("long day")  # words, not an answer: kept for the journal's offer as before
    assert "kept that for now" in joined(chat)
    await press_on(chat, "When should I check in?", 2)  # a fixed time
    await chat.say("20:30")  # at the time buttons
    user = await the_user(chat)
    assert user.timezone == "Europe/London"
    assert user.schedule == {"mode": "daily", "time": "20:30"}


async def test_consent_can_be_typed(chat: ChatSession) -> None:
    await chat.say("/start")
    chat.new_output()
    await chat.say("כן")  # a walkthrough typed it and was told to press the button
    assert "Which language would you like me to use?" in joined(chat)
    assert await services(chat).storage.users.count() == 1


async def test_every_set_up_step_can_be_answered_by_typing(chat: ChatSession) -> None:
    """A walkthrough typed "English" at the language step: told to use the buttons, and at the
    end offered "english after my shifts sun-thu 16:30…" for its journal."""
    await chat.say("/start")
    await chat.press(1)  # consent
    chat.new_output()
    for said, next_question in (
        ("English", "Which time zone are you in?"),
        ("israel", "When should I check in?"),
        ("after each shift", "Which days do you usually work?"),
        ("Sunday to Thursday", "When does your shift usually end?"),
        ("16:30", "How long after your shift ends should I check in?"),
        ("half an hour", "You're all set."),
    ):
        shown = joined(chat)
        assert "kept that for now" not in shown, said
        await chat.say(said)
        assert next_question in (shown := joined(chat)), said
    assert "like me to save" not in shown
    user = await the_user(chat)
    assert (user.language, user.timezone) == ("en", "Asia/Jerusalem")
    assert user.schedule["mode"] == "shift" and user.schedule["offset_minutes"] == 30
    await chat.say("/settings")
    await press_on(chat, "Your settings:", 3)  # language
    await chat.say("עברית")
    assert (await the_user(chat)).language == "he"


async def test_shifts_that_end_at_different_times_on_different_days(chat: ChatSession) -> None:
    """A long walkthrough: "Sun-Tue 16:00, Wed and Sat 23:00" at "when does your shift end?"
    was kept as a journal note (and saved later, unasked); in /settings it closed settings."""
    await chat.say("/start")
    await chat.press(1)  # consent
    await chat.press(1)  # English
    await chat.press(1)  # time zone
    await chat.press(1)  # after each shift
    await chat.press(1)  # Sunday to Thursday
    chat.new_output()
    await chat.say("Sun-Tue 16:00, Wed and Sat 23:00")
    shown = joined(chat)
    assert "kept that for now" not in shown
    assert "How long after your shift ends should I check in?" in shown
    await chat.press(2)  # 30 minutes after
    user = await the_user(chat)
    assert user.schedule["ends"] == {
        "6": "16:00",
        "0": "16:00",
        "1": "16:00",
        "2": "23:00",
        "5": "23:00",
    }
    # In /settings too, at the days question.
    await chat.say("/settings")
    await press_on(chat, "Your settings:", 1)  # check-in times
    await chat.press(1)  # after each shift
    chat.new_output()
    await chat.say("16:00 on sun-thu, 23:00 on sat")
    assert "Settings closed" not in (shown := joined(chat))
    assert "How long after your shift ends should I check in?" in shown
    await chat.press(1)
    user = await the_user(chat)
    assert user.schedule["ends"]["5"] == "23:00" and user.schedule["ends"]["3"] == "16:00"
    assert "4" not in user.schedule["ends"]  # no Friday shift


async def test_a_delay_other_than_the_buttons_can_be_typed(chat: ChatSession) -> None:
    """ "45 דקות" and "רבע שעה" at "how long after your shift" were kept as journal notes."""
    await chat.say("/start")
    await chat.press(1)  # consent
    for said in ("English", "israel", "after each shift", "sun-thu", "16:00"):
        await chat.say(said)
    chat.new_output()
    await chat.say("45 דקות")
    assert "45 minutes after" in (shown := joined(chat)) and "kept that" not in shown
    assert (await the_user(chat)).schedule["offset_minutes"] == 45


async def test_a_bare_hour_asks_morning_or_afternoon(chat: ChatSession) -> None:
    """A walkthrough's shift end "4" became 04:00, and set-up then offered to move the quiet
    hours around a check-in at five in the morning."""
    await chat.say("/start")
    await chat.press(1)  # consent
    for said in ("English", "israel", "after each shift", "sun-thu"):
        await chat.say(said)
    chat.new_output()
    await chat.say("4")
    assert "Do you mean 16:00 or 04:00?" in joined(chat)
    await chat.press(1)  # 16:00
    assert "How long after your shift ends" in joined(chat)
    await chat.say("1 hour")
    assert "Your shifts end: Sun–Thu 16:00." in joined(chat)


async def test_two_days_in_a_row_are_named_each(chat: ChatSession) -> None:
    """ "Sun–Mon 23:30, Wed 23:30" for Sunday, Monday and Wednesday read as a range of more."""
    await chat.say("/start")
    await chat.press(1)  # consent
    for said in ("English", "israel", "after each shift", "sun mon wed thu fri", "23:30"):
        await chat.say(said)
    chat.new_output()
    await chat.say("1 hour")
    assert "Your shifts end: Sun 23:30, Mon 23:30, Wed–Fri 23:30." in joined(chat)


class AlarmingModel(FlaggingModel):
    """A stand-in whose crisis head alarms on everything, as the real one does on some day
    lists ("Mon Tue Wed Thu Fri": 0.998 with the shipped weights)."""

    def score(self, texts: list[str]) -> list[OverIdScore]:
        return [OverIdScore(0.1, False, None, crisis=True) for _ in texts]


async def test_a_day_list_typed_is_an_answer_not_a_crisis(chat: ChatSession) -> None:
    """The model scores some day lists as crisis (it never saw one); an answer to Kindred's own
    question is not read for crisis."""
    await chat.say("/start")
    await chat.press(1)  # consent
    await chat.press(1)  # English
    await chat.press(1)  # time zone
    await chat.press(1)  # after each shift
    services(chat).analyser.set_model(AlarmingModel())
    chat.new_output()
    await chat.say("Mon Tue Wed Thu Fri")  # scored as crisis by the model alone
    shown = joined(chat)
    assert "1201" not in shown and "When does your shift usually end?" in shown
    assert await services(chat).storage.state.get((await the_user(chat)).id) is not None


async def test_no_reminders_typed_at_set_up_is_the_choice_not_a_crisis(chat: ChatSession) -> None:
    """ "no reminders please" at the very step that offers "Only when I ask (no reminders)" got
    the crisis reply, and the choice was not made (a walkthrough)."""
    await chat.say("/start")
    for _ in range(3):  # consent, English, time zone
        await chat.press(1)
    services(chat).analyser.set_model(AlarmingModel())
    chat.new_output()
    await chat.say("no reminders please")
    shown = joined(chat)
    assert "1201" not in shown and "You're all set. I won't send check-ins" in shown
    assert "quiet hours" not in shown
    assert (await the_user(chat)).schedule == {"mode": "none"}


async def test_small_talk_gets_an_answer_not_a_journal_offer(chat: ChatSession) -> None:
    """A walkthrough: "hi", "thanks", "good night" were each answered only with "save that in
    your journal?", piling up as "save these 4 messages?"."""
    await onboard(chat)
    chat.new_output()
    for said, expected in (
        ("hi", "/checkin, /reflect or /journal"),
        ("Thanks!", ("You're welcome.", "Any time.")),
        ("good night", ("Good night.", "Sleep well.")),
        ("what can you do?", "/entries — read, mark or delete your entries"),
        ("how do I delete an entry?", "/entries lists your journal entries"),
        ("can my lead see what I write?", "Your programme lead never reads your journal"),
        ("how do I talk to someone?", "1201"),
    ):
        await chat.say(said)
        shown = joined(chat)
        assert "journal?" not in shown, said
        options = (expected,) if isinstance(expected, str) else expected
        assert any(option in shown for option in options), (said, shown)
    assert await services(chat).storage.state.get((await the_user(chat)).id) is None
    assert await journal_texts(chat) == []


async def test_a_question_about_kindred_is_not_read_as_crisis_on_the_model_s_word(
    chat: ChatSession,
) -> None:
    """The shipped model alarmed on "how do I delete an entry?" and "can I change the time?";
    a question about Kindred's features is answered. The lexicon still decides: a crisis
    question gets the helplines."""
    await onboard(chat)
    services(chat).analyser.set_model(AlarmingModel())
    chat.new_output()
    await chat.say("can I change the time?")
    shown = joined(chat)
    assert "1201" not in shown and "/settings changes when check-ins come" in shown
    # Asking for help is answered with the helplines, never "save that?".
    await chat.say("I need help")
    shown = joined(chat)
    assert "1201" in shown and "journal?" not in shown
    # Asking for fewer messages, or how to leave, is answered with how; no helplines.
    await chat.say("can you stop sending me check-ins?")
    shown = joined(chat)
    assert "1201" not in shown and "Only when I ask" in shown
    await chat.say("how do I leave the programme?")
    shown = joined(chat)
    assert "1201" not in shown and "/leave takes you out of your programme" in shown
    await chat.say("goodbye")  # not a question about Kindred: the model's alarm stands
    assert "1201" in joined(chat)
    await chat.press(1)  # Continue where we were
    await chat.press(2)  # Don't save
    await chat.say("how do I kill myself")
    assert "1201" in joined(chat)


async def test_an_offer_to_save_left_unanswered_lapses_unsaved(chat: ChatSession) -> None:
    """A walkthrough: one unanswered offer grew over five days, and was then saved unasked when
    /reflect began. After half a day unanswered it lapses: nothing saved, nothing joined."""
    await onboard(chat)
    await chat.set_clock("2026-11-29T16:00")
    await chat.say("Tel-Aviv bus was late again")
    assert "save that in your journal?" in joined(chat)
    await chat.set_clock("2026-11-29T22:00")  # the same evening: still the question on screen
    await chat.say("and the coffee machine broke")
    assert "save these 2 messages" in joined(chat)
    await chat.set_clock("2026-12-01T16:00")
    await chat.say("/reflect")
    shown = joined(chat)
    assert "saved what you wrote earlier" not in shown and "save" not in shown.lower()
    assert await journal_texts(chat) == []
    await chat.say("/cancel")
    await chat.set_clock("2026-12-02T16:00")
    await chat.say("handover took forever")
    assert "save that in your journal?" in joined(chat)
    await chat.set_clock("2026-12-03T16:00")
    await chat.say("quiet shift today")
    assert "save that in your journal?" in joined(chat)  # one message, not two days' worth
    await chat.say("yes")
    assert await journal_texts(chat) == ["quiet shift today"]


async def test_yes_typed_under_the_journal_offer_saves(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("long day, the ward was loud and I kept going")
    assert "save that in your journal?" in joined(chat)
    await chat.say("yes")
    assert "journal" in joined(chat)
    assert await journal_texts(chat) == ["long day, the ward was loud and I kept going"]
    await chat.say("handover ran late again")
    await chat.say("no thanks")
    assert "not saved" in joined(chat).lower()
    assert await journal_texts(chat) == ["long day, the ward was loud and I kept going"]
    await chat.say("/delete")
    await chat.say("yes")  # for a question with buttons: not a note, and nothing deleted
    shown = joined(chat)
    assert "please tap its button" in shown and "journal?" not in shown
    assert await journal_texts(chat) == ["long day, the ward was loud and I kept going"]


async def test_a_low_rating_typed_with_a_story_asks_one_question_at_a_time(
    chat: ChatSession,
) -> None:
    """ "2, the handover ran late…": whether to keep the words first, then the reflection; two
    questions with buttons at once pushed the first off a phone's screen."""
    await onboard(chat)
    await chat.say("/checkin")
    joined(chat)
    await chat.say("2, the handover ran late and a patient shouted at me")
    shown = joined(chat)
    assert "save that in your journal?" in shown and "Would a short reflection help?" not in shown
    await chat.say("yes")  # answers the only question on screen: keep the words
    shown = joined(chat)
    assert "Saved" in shown and "Would a short reflection help?" in shown
    assert await journal_texts(chat) == ["2, the handover ran late and a patient shouted at me"]
    await chat.say("yes")  # now the reflection
    assert "how are you feeling right now" in joined(chat)


async def test_ok_at_an_open_check_in_is_still_how_the_shift_was(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/checkin")
    chat.new_output()
    await chat.say("ok")
    assert "a tap on a number" in joined(chat)
    await chat.say("ok")
    assert joined(chat).strip() == "👍"


async def test_a_check_in_number_typed_is_the_answer(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/checkin")
    assert "1 is very hard, 5 is good." in joined(chat)
    await chat.say("2")
    assert "Would a short reflection help?" in (shown := joined(chat)) and "journal" not in shown
    user = await the_user(chat)
    local_date = local_date_for(user, services(chat).clock.now())
    record = await services(chat).storage.checkins.get(user.id, local_date)
    assert record is not None and record.rating == 2
    await chat.say("3")  # answered: a number now is just words
    assert "save that in your journal?" in joined(chat)


async def test_check_ins_answered_in_words_are_recorded(chat: ChatSession) -> None:
    """A walkthrough answered a week of check-ins in words ("ugh" then "2", "2/5 tbh",
    "difficult", "day off today", "five"); none was recorded, and the words piled up in one
    journal draft across the days."""
    await onboard(chat)
    storage = services(chat).storage
    user = await the_user(chat)

    async def record_for_today() -> CheckinRecord | None:
        return await storage.checkins.get(user.id, local_date_for(user, chat.clock.now()))

    await chat.say("/checkin")
    await chat.say("ugh")
    assert "a tap on a number" in (shown := joined(chat)) and "save that" in shown
    await chat.say("2")
    assert (record := await record_for_today()) is not None and record.rating == 2
    assert "Would a short reflection help?" in joined(chat)
    await chat.press(2)  # Not now
    for day, said, expected in (
        ("2026-12-01", "2/5 tbh", (2, False, False)),
        ("2026-12-02", "day off today", (None, False, True)),
        ("2026-12-03", "difficult", (None, True, False)),
        ("2026-12-04", "five", (5, False, False)),
        ("2026-12-05", "like a 3 i guess", (3, False, False)),
    ):
        await chat.set_clock(f"{day}T19:00")
        await chat.say("/checkin")
        chat.new_output()
        await chat.say(said)
        shown = joined(chat)
        record = await record_for_today()
        assert record is not None, said
        assert (record.rating, record.difficult, record.day_off) == expected, said
        assert "journal" not in shown, said
    await chat.set_clock("2026-12-06T19:00")
    await chat.say("/checkin")
    await chat.say("4, the handover ran late again")
    assert (record := await record_for_today()) is not None and record.rating == 4
    assert "save that in your journal?" in joined(chat)
    await chat.say("yes")
    assert await journal_texts(chat) == ["4, the handover ran late again"]  # "ugh" lapsed
    # The number after the story (a safety review's "…could murder a coffee. 2").
    await chat.set_clock("2026-12-07T19:00")
    await chat.say("/checkin")
    await chat.say("dead on my feet, could murder a coffee. 3")
    assert (record := await record_for_today()) is not None and record.rating == 3
    assert "save that in your journal?" in joined(chat)


async def test_hebrew_check_ins_in_words_a_second_answer_and_in_between(
    chat: ChatSession,
) -> None:
    """A Hebrew walkthrough: "משמרת כבדה" and "3 היה עומס" were not taken, a typed number after a
    second /checkin did not change the day's answer, "2-3" was recorded as 2 with "3" offered for
    the journal, and "שתיים" at a reflection's rating was kept as a note."""
    await onboard(chat)
    await services(chat).users.update(await the_user(chat), language="he")
    storage = services(chat).storage
    user = await the_user(chat)

    async def record_for_today() -> CheckinRecord | None:
        return await storage.checkins.get(user.id, local_date_for(user, chat.clock.now()))

    await chat.say("/checkin")
    await chat.say("משמרת כבדה")
    assert (record := await record_for_today()) is not None and record.difficult
    await press_on(chat, "רפלקציה קצרה", 2)  # not now
    await chat.say("/checkin")  # again, the same day
    await chat.say("2-3")
    assert "משהו בין 2 ל-3" in (shown := joined(chat)) and "ביומן" not in shown
    await chat.say("3 היה עומס")
    assert (record := await record_for_today()) is not None and record.rating == 3
    assert "לשמור את זה ביומן" in joined(chat)
    await chat.say("/reflect")
    await chat.say("שתיים")  # the rating before
    assert (state := await storage.state.get(user.id)) is not None and state["pre"] == 2


async def test_the_hebrew_note_never_follows_a_crisis_reply(chat: ChatSession) -> None:
    await onboard(chat)
    await services(chat).users.update(await the_user(chat), language="he")
    await chat.say("/journal אני לא רוצה לחיות יותר")
    assert "1201" in (shown := joined(chat)) and "הערה קטנה" not in shown
    await chat.say("/journal היה יום ארוך במחלקה")
    assert "הערה קטנה" in joined(chat)  # the next Hebrew text, once


async def test_a_hebrew_command_word_a_never_mind_and_a_heart(chat: ChatSession) -> None:
    """A Hebrew walkthrough: "/יומן" and "❤️" were offered for the journal, and "לא משנה" typed
    where /journal waited was saved as an entry."""
    await onboard(chat)
    await chat.say("/יומן")
    assert "/journal" in (shown := joined(chat)) and "save" not in shown
    await chat.say("/journal")
    await chat.say("לא משנה")
    assert "Stopped." in joined(chat)
    await chat.say("❤️")
    assert joined(chat).strip() == "👍"
    assert await journal_texts(chat) == []


def test_what_reads_as_a_check_in_answer() -> None:
    assert typed_answer("2/5 tbh") == TypedAnswer(rating=2)
    assert typed_answer("3, long day") == TypedAnswer(rating=3, rest="3, long day")
    assert typed_answer("3 היה עומס") == TypedAnswer(rating=3, rest="3 היה עומס")
    assert typed_answer("2-3") == typed_answer("2.5") == TypedAnswer(between=(2, 3))
    assert typed_answer("משמרת כבדה") == TypedAnswer(difficult=True)
    assert typed_answer("הייתי בחופש") == TypedAnswer(day_off=True)
    assert typed_answer("שלוש מתוך 5") == TypedAnswer(rating=3)
    assert typed_answer("משמרת קשה") == TypedAnswer(difficult=True)
    assert typed_answer("אין לי משמרת היום") == TypedAnswer(day_off=True)
    assert typed_answer("it was a rough shift") == TypedAnswer(difficult=True)
    for words in ("two patients screamed at me", "ugh", "hard to say", "10", "not bad", "2nd"):
        assert typed_answer(words) is None, words


async def test_crisis_mid_onboarding_is_not_read_as_an_answer(chat: ChatSession) -> None:
    await to_the_typed_time_zone_step(chat)
    await chat.say("i want to die")
    shown = joined(chat)
    assert "1201" in shown and "time zone" not in shown
    await chat.press(1)  # Continue where we were: the step is asked again
    assert "time zone" in joined(chat)
    await chat.say("Europe/London")
    user = await the_user(chat)
    assert user.timezone == "Europe/London"


async def test_the_checkin_after_a_crisis_reply_is_gentle(chat: ChatSession) -> None:
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "19:00")
    await chat.set_clock("2026-12-01T17:30")
    await chat.say("i want to die")
    assert "1201" in joined(chat)
    await chat.set_clock("2026-12-01T19:01")
    gentle = joined(chat)
    assert "No questions today" in gentle and "1201" in gentle
    assert await checkins_sent(chat) == []  # no "1 is very hard, 5 is good" that evening
    user = await the_user(chat)
    dispatches = await services(chat).storage.checkins.dispatches(user.id)
    assert dispatches == [("2026-12-01", "main", "sent")]  # it counts: never sent twice
    await chat.set_clock("2026-12-02T19:01")  # the next day asks as usual
    assert len(await checkins_sent(chat)) == 1


async def test_the_gentle_check_in_outlives_a_restart(
    tmp_path: Path, master_key: MasterKey
) -> None:
    """The Hebrew walkthrough: after a restart the check-in four hours after "I don't want to
    live" asked "how was the shift, 1 to 5" (the crisis time was kept in memory only). It is
    stored now, encrypted: the moment is not on disk in the clear."""
    settings = make_settings(tmp_path)
    person = ChatPerson(77, "Noa")
    first = await open_chat(settings, master_key, person, tmp_path / "out")
    await onboard(first)
    await set_daily(first, "Asia/Jerusalem", "19:00")
    await first.set_clock("2026-12-01T13:00")
    moment = services(first).clock.now().isoformat()
    await first.say("i want to die")
    assert "1201" in joined(first)
    await first.say("/export")  # everything stored is the person's to see, this too
    exported = json.loads([s for s in first.stand_in.shown if s.kind == "document"][-2].file_bytes)
    assert exported["account"]["last_crisis_reply_at"] == moment
    await close_chat(first)
    on_disk = b"".join(p.read_bytes() for p in database_files(settings.database_path))
    assert moment.encode() not in on_disk and moment[:16].encode() not in on_disk

    second = await open_chat(settings, master_key, person, tmp_path / "out2")
    try:
        await second.set_clock("2026-12-01T19:01")
        gentle = joined(second)
        assert "No questions today" in gentle and await checkins_sent(second) == []
        await second.set_clock("2026-12-02T19:01")  # the next day asks as usual
        assert len(await checkins_sent(second)) == 1
        user = await the_user(second)
        assert await services(second).storage.users.crisis_reply_at(user.id) is None  # cleared
    finally:
        await close_chat(second)


async def test_figurative_speech_does_not_alarm(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("this rota is killing me, dead on my feet")
    assert "1201" not in joined(chat)


async def test_crisis_before_enrolment_still_gets_helplines(chat: ChatSession) -> None:
    await chat.say("i want to kill myself")
    shown = joined(chat)
    assert "1201" in shown
    assert await services(chat).storage.users.count() == 0


async def test_a_pause_names_the_next_working_day(chat: ChatSession) -> None:
    """A walkthrough: a Sunday-to-Thursday worker paused for 3 days on Monday was told "the next
    check-in will be on Fri 4 Dec"; nothing came that day, the next came on Sunday."""
    await onboard(chat)  # Sunday to Thursday, shifts ending 15:00, check-ins at 16:00
    await chat.set_clock("2026-11-30T16:00")
    await press_on(chat, "1 is very hard, 5 is good.", 4)
    await chat.say("/pause")
    await chat.press(2)  # 3 days: Tuesday to Thursday
    assert "The next check-in will be on Sun 6 Dec" in joined(chat)
    await chat.say("/settings")
    assert "the next one will be on Sun 6 Dec" in joined(chat)
    await chat.say("/pause two weeks")  # as people write it
    assert "The next check-in will be on Tue 15 Dec" in joined(chat)
    await chat.say("/pause חודש")  # a month: 30 days from Tuesday, to Wed 30 Dec
    assert "The next check-in will be on Thu 31 Dec" in joined(chat)
    for unusable in ("/pause 0", "/pause 500"):
        await chat.say(unusable)
        assert "I can pause check-ins for 1 to 90 days" in joined(chat), unusable
    await chat.say("/resume")
    await chat.set_clock("2026-12-04T16:00")  # Friday: no shift, no check-in
    sent = len(await checkins_sent(chat))
    await chat.set_clock("2026-12-06T16:00")
    assert len(await checkins_sent(chat)) == sent + 1


async def test_too_long_and_unknown_and_stale(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/journal " + "x" * 17_000)
    assert "longer than I can keep" in joined(chat)
    await chat.say("/pause forever")  # unreadable: said so, then the usual lengths, as buttons
    shown = joined(chat)
    assert "I can pause check-ins for 1 to 90 days" in shown
    assert "For how long should I pause" in shown and "[3] 1 week" in shown
    await chat.send_update(
        chat.stand_in.callback_update(
            chat.person.user_id, "Dana", chat.person.user_id, 1, "rf:deadbeef:rate:3"
        )
    )
    assert "no longer does anything" in joined(chat)
    await chat.send_update(
        chat.stand_in.callback_update(
            chat.person.user_id, "Dana", chat.person.user_id, 1, "ci:2020-01-01:r:5"
        )
    )
    assert "no longer does anything" in joined(chat)
    await chat.send_update(
        chat.stand_in.callback_update(
            chat.person.user_id, "Dana", chat.person.user_id, 1, "garbage\u202e\u0000"
        )
    )
    assert "no longer does anything" in joined(chat)


async def journal_texts(chat: ChatSession) -> list[str]:
    user = await the_user(chat)
    entries = await services(chat).storage.journal.list_for_user(user.id)
    return [entry.text for entry in entries]


async def test_a_new_flow_never_throws_away_what_was_written(chat: ChatSession) -> None:
    await onboard(chat)
    # A reflection in progress, then /journal: the reflection's answer is kept.
    await chat.say("/reflect")
    await chat.press(2)
    await chat.say("the new admission's shouting stayed with me all afternoon")
    chat.new_output()
    await chat.say("/journal")
    assert "kept the reflection you started" in joined(chat)
    await chat.say("a short note")
    texts = await journal_texts(chat)
    assert any("shouting stayed with me" in t for t in texts) and "a short note" in texts
    # Two messages before answering "Save it?": saving keeps both.
    await chat.say("First thing I wrote.")
    await chat.say("Second thing I wrote.")
    await chat.press(1)  # Save it
    assert "First thing I wrote.\n\nSecond thing I wrote." in await journal_texts(chat)
    # Text waiting for "Save it?", then /reflect: the text is saved, and said so.
    await chat.say("a third thought")
    await chat.say("/reflect")
    assert "saved what you wrote earlier" in joined(chat)
    assert "a third thought" in await journal_texts(chat)
    await chat.press(3)
    await chat.say("an answer in the reflection")
    # "Done" on an old settings menu closes settings only, not the reflection.
    await chat.send_update(
        chat.stand_in.callback_update(
            chat.person.user_id, chat.person.name, chat.person.user_id, 1, "st:done"
        )
    )
    user = await the_user(chat)
    state = await services(chat).storage.state.get(user.id)
    assert state is not None and state["flow"] == "reflection"


async def test_export_with_a_lone_surrogate_waiting_to_be_saved(chat: ChatSession) -> None:
    """JSON can carry a lone surrogate into a text (UTF-8 cannot): the export still goes out."""
    await onboard(chat)
    await chat.say("half an emoji \ud83d here")
    await chat.say("/export")
    documents = [s for s in chat.stand_in.shown if s.kind == "document"][-2:]
    assert len(documents) == 2
    exported = json.loads(documents[0].file_bytes)
    assert exported["conversation_in_progress"]["text"].startswith("half an emoji")


async def test_words_where_a_button_was_asked_for_are_kept(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/reflect")
    chat.new_output()
    await chat.say("honestly not great, the patient in room 4 got to me")
    shown = joined(chat)
    assert "kept what you wrote" in shown and "how are you feeling right now" in shown
    await chat.press(2)  # the rating, then on as usual
    await chat.say("/cancel")
    assert "saved in your journal" in joined(chat)
    assert any("room 4 got to me" in t for t in await journal_texts(chat))


async def test_crisis_text_outside_a_flow_is_offered_after_continue(chat: ChatSession) -> None:
    await onboard(chat)
    chat.new_output()
    await chat.say("i want to die too some nights. i need to write this down")
    shown = chat.new_output()
    assert "1201" in "\n".join(shown) and "[1] Continue where we were" in shown
    assert "save that in your journal" not in "\n".join(shown)  # nothing on top of helplines
    await chat.press(1)  # Continue where we were
    assert "save that in your journal" in joined(chat)
    await chat.press(1)  # Save it
    assert any("write this down" in t for t in await journal_texts(chat))


async def test_the_export_speaks_the_persons_language(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/checkin")
    await chat.press(4)
    await services(chat).users.update(await the_user(chat), language="he")
    await chat.say("/export")
    documents = [s for s in chat.stand_in.shown if s.kind == "document"][-2:]
    exported = json.loads(documents[0].file_bytes)
    assert "טלגרם" in exported["not_stored"]
    readable = documents[1].file_bytes.decode()
    assert "## צ׳ק-אינים" in readable and "Check-ins" not in readable


async def test_text_after_a_settings_menu_left_open_is_offered_not_dropped(
    chat: ChatSession,
) -> None:
    await onboard(chat)
    await chat.say("/settings")
    await chat.press(1)  # Check-in times: a button step
    chat.new_output()
    await chat.say("long day, the ward was loud and i kept thinking about her")
    assert "save that in your journal" in joined(chat)
    await chat.press(1)
    assert any("the ward was loud" in t for t in await journal_texts(chat))
    assert await services(chat).storage.state.get((await the_user(chat)).id) is None


async def test_many_long_messages_waiting_to_be_saved_are_all_saved(chat: ChatSession) -> None:
    """Telegram splits a long paste into messages of 4,096 characters; joined, they can pass one
    entry's limit, and they are then saved as several entries, nothing lost."""
    await onboard(chat)
    pieces = [f"part {n} " + "w" * 4_080 for n in range(5)]
    for piece in pieces:
        await chat.say(piece)
    assert "save these 5 messages" in joined(chat)
    await chat.press(1)  # Save it
    texts = await journal_texts(chat)
    assert len(texts) == 2 and all(len(t) <= 16_000 for t in texts)
    assert "\n\n".join(sorted(texts)) == "\n\n".join(pieces)


async def reach_the_mark_step(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/reflect")
    await chat.press(2)
    for answer in ("a hard admission", "tired", "others feel it", "be gentle"):
        await chat.say(answer)
    await chat.press(4)  # post: now "Mark for supervision?"
    assert "Mark this reflection for supervision?" in joined(chat)


async def test_a_finished_reflection_is_never_saved_twice(chat: ChatSession) -> None:
    await reach_the_mark_step(chat)
    assert len(await journal_texts(chat)) == 1
    await chat.say("/journal")
    assert "kept the reflection" not in joined(chat)
    await chat.say("/cancel")
    await chat.say("/reflect")
    await chat.press(2)
    await chat.say("another one")
    await chat.press(1)
    for answer in ("others feel it", "be gentle"):
        await chat.say(answer)
    await chat.press(4)
    await chat.say("/cancel")
    assert len(await journal_texts(chat)) == 2


async def test_text_typed_during_set_up_is_offered_for_the_journal_at_the_end(
    chat: ChatSession,
) -> None:
    """After consent, words typed where set-up asks for a button are kept (encrypted, in the
    state) and, once set-up is done, offered for the journal; before consent nothing is kept."""
    await chat.say("/start")
    chat.new_output()
    await chat.say("long day, the patient in bay 3 got to me")
    assert "I didn't keep that" in joined(chat)
    await chat.press(1)  # consent
    chat.new_output()
    await chat.say("honestly i just need to write something down")
    shown = joined(chat)
    assert "once we're set up I'll ask" in shown and "Which language" in shown
    await chat.say("i want to die")  # crisis during set-up: helplines alone, words kept too
    assert "1201" in joined(chat)
    await chat.press(1)  # Continue where we were
    shown = ""
    for _ in range(12):
        await chat.press(1)
        shown += joined(chat)
        if "You're all set" in shown:
            break
    assert "You're all set" in shown and "save these 2 messages" in shown
    assert await journal_texts(chat) == []
    await chat.press(1)  # Save them
    texts = await journal_texts(chat)
    assert any("write something down" in t and "i want to die" in t for t in texts)
    assert not any("bay 3" in t for t in texts)  # sent before consent: never kept


async def test_crisis_at_the_mark_step_is_offered_not_saved_unasked(chat: ChatSession) -> None:
    """The reflection's entry is written before "Mark for supervision?"; words typed there become
    an entry of their own, with a note saying so. Crisis words get the crisis reply alone, so they
    must not be saved silently: after the mark is answered they are offered, as elsewhere."""
    await reach_the_mark_step(chat)
    chat.new_output()
    await chat.say("i want to die tonight. writing it here so it's out of my head")
    shown = joined(chat)
    assert "1201" in shown and "saved what you wrote" not in shown
    assert len(await journal_texts(chat)) == 1  # the reflection only
    await chat.press(1)  # Continue where we were
    assert "Mark this reflection for supervision?" in joined(chat)
    chat.new_output()
    await chat.press(2)  # Not this time
    assert "save that in your journal" in joined(chat)
    await chat.press(1)  # Save it
    texts = await journal_texts(chat)
    assert len(texts) == 2 and any("out of my head" in t for t in texts)
    assert await services(chat).storage.state.get((await the_user(chat)).id) is None


async def test_crisis_at_the_mark_step_then_cancel_is_not_kept(chat: ChatSession) -> None:
    await reach_the_mark_step(chat)
    await chat.say("i want to die tonight")
    chat.new_output()
    await chat.say("/cancel")
    shown = joined(chat)
    assert "is saved in your journal" in shown and "was not saved" in shown
    assert len(await journal_texts(chat)) == 1
    assert await services(chat).storage.state.get((await the_user(chat)).id) is None


async def test_ordinary_words_at_the_mark_step_are_saved_and_said_so(chat: ChatSession) -> None:
    await reach_the_mark_step(chat)
    await chat.say("also the handover ran late again")
    assert "saved what you wrote as its own journal entry" in joined(chat)
    assert any("handover ran late" in t for t in await journal_texts(chat))


async def test_crisis_at_a_typed_settings_step_is_kept_for_the_journal(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/settings")
    await chat.press(4)  # Quiet hours: typed
    chat.new_output()
    await chat.say("i want to die. i need to write this down")
    shown = joined(chat)
    assert "1201" in shown and "couldn't read that" not in shown
    await chat.press(1)  # Continue where we were
    assert "save that in your journal" in joined(chat)
    await chat.press(1)
    assert any("write this down" in t for t in await journal_texts(chat))


async def test_cancel_with_text_waiting_says_it_was_not_saved(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("something i may not keep")
    await chat.say("/cancel")
    assert "not saved" in joined(chat)
    assert await journal_texts(chat) == []


async def test_old_consent_and_odd_buttons_after_set_up_change_nothing(chat: ChatSession) -> None:
    await onboard(chat)
    today = "2026-12-01"
    await chat.set_clock(f"{today}T12:00")
    for data in ("consent:yes", "consent:no", f"ci:{today}:r:9", f"ci:{today}:x", "sv:x", "st:zzz"):
        await chat.send_update(
            chat.stand_in.callback_update(
                chat.person.user_id, chat.person.name, chat.person.user_id, 1, data
            )
        )
        shown = joined(chat)
        assert "no longer does anything" in shown and "A few quick questions" not in shown, data
    user = await the_user(chat)
    assert user.status == "active"
    assert await services(chat).storage.checkins.get(user.id, date(2026, 12, 1)) is None


async def test_reflection_buttons_kindred_never_sent_are_stale(chat: ChatSession) -> None:
    await onboard(chat)
    await chat.say("/reflect")
    state = await services(chat).storage.state.get((await the_user(chat)).id)
    assert state is not None
    rid = state["rid"]
    for data in (f"rf:{rid}", f"rf:{rid}:rate", f"rf:{rid}:rate:abc", f"rf:{rid}:rate:9"):
        await chat.send_update(
            chat.stand_in.callback_update(
                chat.person.user_id, chat.person.name, chat.person.user_id, 1, data
            )
        )
        shown = joined(chat)
        assert "no longer does anything" in shown and "Something went wrong" not in shown, data


async def test_a_region_is_not_a_time_zone(chat: ChatSession) -> None:
    await to_the_typed_time_zone_step(chat)
    for typed in ("Asia", "America/Argentina", "x" * 400):
        await chat.say(typed)
        shown = joined(chat)
        assert "Something went wrong" not in shown and "time zone" in shown, typed
    await chat.say("Asia/Jerusalem")
    assert (await the_user(chat)).timezone == "Asia/Jerusalem"


async def test_a_city_is_read_as_its_time_zone_and_said_back(chat: ChatSession) -> None:
    await to_the_typed_time_zone_step(chat)
    await chat.say("new york")
    assert "Got it: America/New_York." in joined(chat)
    assert (await the_user(chat)).timezone == "America/New_York"


async def test_a_fixed_offset_is_said_back_the_way_it_was_typed(chat: ChatSession) -> None:
    await to_the_typed_time_zone_step(chat)
    await chat.say("GMT+3")
    assert "Got it: UTC+3." in joined(chat)
    assert (await the_user(chat)).timezone == "Etc/GMT-3"


async def test_a_hebrew_city_is_read_as_its_time_zone(chat: ChatSession) -> None:
    await chat.say("/start")
    await chat.press(1)  # consent
    await chat.press(2)  # Hebrew
    shown = joined(chat)
    assert "שעון ישראל (Asia/Jerusalem)" in shown  # the button, in the person's language
    await chat.press(3)  # another time zone
    chat.new_output()
    await chat.say("ירושלים")
    assert "הבנתי: שעון ישראל (Asia/Jerusalem)." in joined(chat)
    assert (await the_user(chat)).timezone == "Asia/Jerusalem"


async def test_button_data_kindred_never_sent_is_a_stale_button(chat: ChatSession) -> None:
    await chat.say("/start")
    await chat.press(1)  # consent: the language step is waiting
    for data in ("ob:lang:xx", "ob:tz:Not/AZone", "ob:days:x", "ob:off:9999", "ob:mode:hourly"):
        await chat.send_update(
            chat.stand_in.callback_update(
                chat.person.user_id, chat.person.name, chat.person.user_id, 1, data
            )
        )
        assert "no longer does anything" in joined(chat), data
    await chat.press(1)  # the real language button still works
    await onboard_rest(chat)
    for data in ("ci:reflect", "ci:2026-11-27", "en:page", "en:"):
        await chat.send_update(
            chat.stand_in.callback_update(
                chat.person.user_id, chat.person.name, chat.person.user_id, 1, data
            )
        )
        shown = joined(chat)
        assert "Something went wrong" not in shown, data
    assert (await the_user(chat)).status == "active"


async def onboard_rest(chat: ChatSession) -> None:
    for _ in range(10):
        if (await the_user(chat)).status == "active":
            return
        await chat.press(1)


async def test_only_the_delete_button_sent_can_erase(chat: ChatSession) -> None:
    await onboard(chat)
    for data in ("dl:", "dl:yes", "dl:yes:", "dl:now", "dl:yes:00000000"):
        await chat.send_update(
            chat.stand_in.callback_update(
                chat.person.user_id, chat.person.name, chat.person.user_id, 1, data
            )
        )
        assert "no longer does anything" in joined(chat), data
    assert await services(chat).storage.users.count() == 1


class WholeTextEvidenceModel(FlaggingModel):
    """Flags like FlaggingModel, with the whole text as evidence (a clause can be that long)."""

    def score(self, texts: list[str]) -> list[OverIdScore]:
        return [
            OverIdScore(0.9, True, t) if "was mine" in t else OverIdScore(0.1, False, None)
            for t in texts
        ]


async def test_a_long_flagged_answer_is_quoted_in_short(chat: ChatSession) -> None:
    await onboard(chat)
    services(chat).analyser.set_model(WholeTextEvidenceModel())
    await chat.say("/reflect")
    await chat.press(2)
    await chat.say("her story was mine. " + "and it went on and on " * 180)
    await chat.press(1)  # feeling
    await chat.say("others feel it")
    await chat.say("be gentle")
    shown = joined(chat)
    assert "her story was mine" in shown
    differentiate = [
        str(p["text"])
        for p in chat.stand_in.sent("sendMessage")
        if "caught my attention" in str(p["text"])
    ]
    assert differentiate and len(differentiate[-1]) < 1_000


class SentenceEvidenceModel(FlaggingModel):
    """Flags like FlaggingModel; its evidence is a whole sentence, full stop and all."""

    evidence = "her fear was mine."


async def test_a_flagged_journal_entry_quotes_its_sentence_without_doubled_punctuation(
    chat: ChatSession,
) -> None:
    """Found trying the offline chat: the note read 'stood out: “her fear was my fear.”.'"""
    await onboard(chat)
    services(chat).analyser.set_model(SentenceEvidenceModel())
    await chat.say("/journal")
    await chat.say("long shift. her fear was mine. cried in the car.")
    note = [
        str(p["text"])
        for p in chat.stand_in.sent("sendMessage")
        if "caught my attention" in str(p["text"])
    ]
    assert len(note) == 1
    assert "“her fear was mine.”" in note[0] and "”." not in note[0]


async def test_text_not_kept_leaves_no_copy_on_disk(chat: ChatSession) -> None:
    """ "Don't save": not even the encrypted copy held while asking stays in the files."""
    await onboard(chat)
    await chat.say("a thought i would rather not keep")
    assert "[2] Don't save" in chat.new_output()
    user = await the_user(chat)
    async with services(chat).storage.database.writer.execute(
        "SELECT state_enc FROM conversation_state WHERE user_id = ?", (user.id,)
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    held = bytes(row[0])
    await chat.press(2)
    assert "not saved" in joined(chat)
    database_path = services(chat).settings.database_path
    on_disk = b"".join(p.read_bytes() for p in database_files(database_path))
    assert held[-32:] not in on_disk


async def test_nothing_personal_in_the_clear_while_running(chat: ChatSession) -> None:
    """Reflection answers, pending journal text, flag feedback and ids: ciphertext on disk."""
    await onboard(chat)
    services(chat).analyser.set_model(FlaggingModel())
    await chat.say("/reflect")
    await chat.press(2)
    await chat.say("CANARY-wren-1 her story was mine")
    await chat.press(1)
    await chat.say("CANARY-wren-2 others feel it")
    await chat.say("CANARY-wren-3 be kind")
    await chat.press(1)  # That's not it (feedback stored)
    await chat.say("/cancel")
    await chat.say("CANARY-wren-4 kept for the offer to save")
    database_path = services(chat).settings.database_path
    on_disk = b"".join(p.read_bytes() for p in database_files(database_path))
    assert Path(f"{database_path}-wal").exists()  # the WAL is part of what is checked
    assert b"CANARY" not in on_disk
    assert str(chat.person.user_id).encode() not in on_disk
    user = await the_user(chat)
    state = await services(chat).storage.state.get(user.id)
    assert state is not None and "CANARY-wren-4" in state["text"]  # readable to its owner only


async def test_words_under_a_crisis_reply_are_never_saved_unasked(chat: ChatSession) -> None:
    """An audit: /reflect after "I want to die" saved those words in the journal unasked, and
    /cancel then said "Nothing was saved"."""
    await onboard(chat)
    await chat.say("I want to die, I cannot do this anymore")
    assert "1201" in joined(chat)
    await chat.say("/reflect")
    shown = joined(chat)
    assert "saved what you wrote earlier" not in shown
    user = await the_user(chat)
    assert await services(chat).storage.journal.count_for_user(user.id) == 0
    await chat.say("/cancel")
    assert await services(chat).storage.journal.count_for_user(user.id) == 0


async def test_the_crisis_reply_leaves_no_mark_anyone_can_read_and_is_forgotten(
    chat: ChatSession,
) -> None:
    """An audit: the crisis-reply column was empty for everyone but people who got the reply,
    so the file told who they were without a key; and it was cleared only at the next check-in
    (seven days later for someone paused), not after the day the README says."""
    await onboard(chat)
    other = ChatSession(chat.application, chat.stand_in, chat.clock, ChatPerson(9002, "Avi"), "UTC")
    await onboard(other)
    storage = services(chat).storage
    chat.clock.set(datetime(2026, 12, 1, 10, 0, tzinfo=UTC))
    await chat.say("/pause 30")
    await chat.say("I want to die, I cannot do this anymore")
    assert "1201" in joined(chat)
    user = await the_user(chat)
    assert await storage.users.crisis_reply_at(user.id) is not None
    async with storage.database.writer.execute(
        "SELECT length(crisis_reply_enc) FROM users ORDER BY id"
    ) as cursor:
        lengths = {row[0] for row in await cursor.fetchall()}
    assert len(lengths) == 1 and None not in lengths  # the same for everyone
    await chat.set_clock("2026-12-02T09:30+00:00")
    assert await storage.users.crisis_reply_at(user.id) is not None  # within the day
    await chat.set_clock("2026-12-02T10:30+00:00")
    assert await storage.users.crisis_reply_at(user.id) is None


def test_a_flag_s_evidence_keeps_the_turn_that_follows_it() -> None:
    """A safety review: "…and it hurt" was quoted without "but it was right"."""
    from bot.services.evidence import with_its_turn

    text = "long. I told her I couldn't take her home with me and it hurt, but it was right. home"
    clause = "I told her I couldn't take her home with me and it hurt"
    assert with_its_turn(text, clause) == clause + ", but it was right."
    alone = "her story was mine."
    assert with_its_turn(f"{alone} I cried", alone) == alone
    assert with_its_turn("abc", "not in it") == "not in it"
