"""Programme leads: roles, k-anonymous weekly trends, differencing, chart, digest, separation."""

from __future__ import annotations

import ast
import csv
import io
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from matplotlib.image import imread

from bot.chat.terminal import ChatPerson, ChatSession, close_chat, open_chat
from bot.clock import ManualClock
from bot.context import Services
from bot.jobs import run_due_jobs
from bot.prompts import Prompts
from bot.services.trends import ProgrammeTrends, TrendsService, render_programme_chart, run_at_end
from storage import Storage, open_storage
from storage.aggregate_repository import PublishedWeek, active_range, completed_weeks
from storage.crypto import MasterKey
from tests.support.factories import database_files, make_settings, run_kindred
from tests.support.flows import joined, onboard, press_data

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 12, 9)  # a Wednesday; the last complete week is 30 Nov – 6 Dec
LAST_WEEK = date(2026, 11, 30)
WEEK_BEFORE = date(2026, 11, 23)
NOW = datetime(2026, 12, 9, 10, 0, tzinfo=UTC)
# When the fixture's people joined: before every week the tests fill (a record counts for a
# programme only from the day its writer joined it).
JOINED = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)


# --- fixture data ----------------------------------------------------------------------------


async def enrol_participants(
    storage: Storage, programme: str, count: int, first_telegram_id: int = 5000
) -> list[str]:
    code = f"{programme}-P-{first_telegram_id}"
    await storage.invites.create(
        code, programme, "participant", count, None, timezone="Asia/Jerusalem"
    )
    ids = []
    for index in range(count):
        telegram_id = first_telegram_id + index
        user = await storage.users.create(telegram_id, telegram_id, "en", "Asia/Jerusalem")
        await storage.users.update(user.id, status="active")
        assert await storage.invites.redeem(code, user.id, JOINED) is not None
        ids.append(user.id)
    return ids


async def prompt(storage: Storage, user_id: str, day: date) -> None:
    """A check-in prompt that was sent."""
    assert await storage.checkins.claim_dispatch(user_id, day, "checkin")
    await storage.checkins.mark_dispatch(user_id, day, "checkin", "sent")


async def reflect(
    storage: Storage, user_id: str, day: date, pre: int, post: int | None, flagged: bool
) -> None:
    reflection_id = await storage.reflections.start(user_id, day, pre)
    if post is None:
        await storage.reflections.update(user_id, reflection_id, flagged=flagged)
    else:
        await storage.reflections.update(
            user_id, reflection_id, post=post, flagged=flagged, completed=True
        )


async def twelve_person_week(storage: Storage, ids: list[str], week: date = LAST_WEEK) -> None:
    """The hand-computed week of 30 Nov 2026 (see test_figures_match_a_hand_computation)."""
    days = [week + timedelta(days=offset) for offset in range(5)]  # Mon–Fri
    for index, user_id in enumerate(ids):
        for day in days:
            await prompt(storage, user_id, day)
        if index < 10:  # ten people answer Mon–Wed; two never answer
            for day in days[:3]:
                await storage.checkins.record(
                    user_id,
                    day,
                    rating=index % 5 + 1,
                    difficult=index < 4 and day == days[0],
                )
    for index in range(6):  # six complete a reflection: changes 1, 3, 1, 3, 1, 3
        pre, post = (2, 3) if index % 2 == 0 else (1, 4)
        await reflect(storage, ids[index], days[1], pre, post, flagged=index < 2)
    await reflect(storage, ids[6], days[1], 3, None, flagged=False)  # started, not finished


async def four_person_week(storage: Storage, ids: list[str], rating: int) -> None:
    """The week before: only four people took part, so nothing of it may be shown."""
    for user_id in ids[:4]:
        await prompt(storage, user_id, WEEK_BEFORE)
        await storage.checkins.record(user_id, WEEK_BEFORE, rating=rating, difficult=True)
        await reflect(storage, user_id, WEEK_BEFORE, 1, rating, flagged=True)


def trends_service(storage: Storage, tmp_path: Path, today: date = TODAY) -> TrendsService:
    clock = ManualClock(datetime(today.year, today.month, today.day, 10, tzinfo=UTC))
    return TrendsService(
        storage.aggregates,
        storage.programmes,
        Prompts.load("en"),
        make_settings(tmp_path),
        clock,
    )


# --- windows and suppression -----------------------------------------------------------------


def test_windows_are_fixed_calendar_weeks_and_exclude_the_week_in_progress() -> None:
    for today in (date(2026, 12, 7), date(2026, 12, 9), date(2026, 12, 13)):
        weeks = completed_weeks(today, 8)
        assert weeks[-1] == LAST_WEEK and weeks[0] == date(2026, 10, 12)
        assert all(week.weekday() == 0 for week in weeks)
    assert completed_weeks(date(2026, 12, 14), 8)[-1] == date(2026, 12, 7)


def test_active_participants_are_shown_as_a_range() -> None:
    assert active_range(4, 5) is None
    assert active_range(5, 5) == (5, 9)
    assert active_range(9, 5) == (5, 9)
    assert active_range(12, 5) == (10, 19)
    assert active_range(250, 5) == (200, None)
    assert active_range(3, 3) == (3, 9)


async def test_with_four_participants_every_figure_is_suppressed(storage: Storage) -> None:
    ids = await enrol_participants(storage, "Small Ward", 4)
    for day in (LAST_WEEK, LAST_WEEK + timedelta(days=1)):
        for user_id in ids:
            await prompt(storage, user_id, day)
            await storage.checkins.record(user_id, day, rating=2, difficult=True)
            await reflect(storage, user_id, day, 1, 3, flagged=True)
    weeks = await storage.aggregates.weekly("Small Ward", TODAY, weeks=8, min_group=5)
    assert len(weeks) == 8
    for week in weeks:
        assert week.active is None
        assert all(week.figure(name) is None for name in ("checkin_rate", "mean_mood"))
        assert week == PublishedWeek(week.week_start, None, None, None, None, None, None, None)
    # With a threshold of 3 the same four people are enough.
    await storage.database.writer.execute("DELETE FROM weekly_aggregates")
    shown = await storage.aggregates.weekly("Small Ward", TODAY, weeks=8, min_group=3)
    assert shown[-1].active == (3, 9) and shown[-1].mean_mood == 2.0
    with pytest.raises(ValueError):
        await storage.aggregates.weekly("Small Ward", TODAY, weeks=8, min_group=2)


async def test_a_frozen_week_keeps_no_hidden_figure(storage: Storage) -> None:
    """What is stored is what may be shown: a hidden figure is one person's answer, and it must
    not outlive their deletion in the frozen week."""
    ids = await enrol_participants(storage, "Quiet Ward", 6)
    await prompt(storage, ids[0], LAST_WEEK)
    await storage.checkins.record(ids[0], LAST_WEEK, rating=1, difficult=True)
    for user_id in ids[1:]:
        await reflect(storage, user_id, LAST_WEEK, 2, 3, flagged=False)
    weeks = await storage.aggregates.weekly("Quiet Ward", TODAY, weeks=1, min_group=5)
    assert weeks[-1].mean_mood is None and weeks[-1].difficult_share is None
    async with storage.database.writer.execute(
        "SELECT figures_json FROM weekly_aggregates WHERE programme = 'Quiet Ward'"
    ) as cursor:
        (stored,) = await cursor.fetchone() or ("",)
    frozen = json.loads(str(stored))
    assert frozen["mean_mood"] == [None, 1] and frozen["difficult_share"] == [None, 1]
    assert frozen["mean_change"] == [1.0, 5]  # shown, at the precision it is shown with
    assert (await storage.aggregates.weekly("Quiet Ward", TODAY, weeks=1, min_group=5)) == weeks


async def test_figures_match_a_hand_computation(storage: Storage) -> None:
    ids = await enrol_participants(storage, "North Ward", 12)
    await twelve_person_week(storage, ids)
    weeks = await storage.aggregates.weekly("North Ward", TODAY, weeks=8, min_group=5)
    last = weeks[-1]
    assert last.week_start == LAST_WEEK
    # 10 answered check-ins, 7 began a reflection (all among the ten): 10 active -> "10–19".
    assert last.active == (10, 19)
    # 60 prompts (12 people x 5 days), 30 answered (10 people x 3 days).
    assert last.checkin_rate == 50.0
    # Ratings index % 5 + 1 for people 0..9: 1,2,3,4,5,1,2,3,4,5 -> mean 3.0.
    assert last.mean_mood == 3.0
    # Of the 30 working-day check-ins, hard ones: rated 1-2 (people 0, 1, 5 and 6, three days
    # each: 12) or marked difficult (people 0-3 on Monday; 2 more): 14, 46.7 % -> 47.
    assert last.difficult_share == 47.0
    # Six completed reflections by six people; changes 1,3,1,3,1,3 -> 2.0.
    assert last.reflections_completed == 6.0
    assert last.mean_change == 2.0
    # Seven reflections begun by seven people, two flagged: 28.6 % -> 29.
    assert last.flag_share == 29.0
    assert all(week.active is None for week in weeks[:-1])


async def test_a_figure_from_too_few_people_is_hidden_even_when_others_show(
    storage: Storage,
) -> None:
    ids = await enrol_participants(storage, "North Ward", 12)
    await twelve_person_week(storage, ids)
    # Only four people ever completed a reflection with a rating before and after... make it so:
    await storage.database.writer.execute(
        "UPDATE reflections SET completed = 0 WHERE user_id IN (?, ?)", (ids[4], ids[5])
    )
    last = (await storage.aggregates.weekly("North Ward", TODAY, weeks=8, min_group=5))[-1]
    assert last.mean_mood == 3.0
    assert last.reflections_completed is None and last.mean_change is None
    assert last.flag_share == 29.0  # seven people began one: still shown


async def test_a_hidden_newest_week_is_named_not_passed_over(
    storage: Storage, tmp_path: Path
) -> None:
    """A walkthrough's Monday digest repeated the week before's figures under "last week shown"
    without a word about the week just ended (too few people)."""
    ids = await enrol_participants(storage, "North Ward", 12)
    await twelve_person_week(storage, ids, week=WEEK_BEFORE)
    service = trends_service(storage, tmp_path)
    summary = service.summary(await service.trends("North Ward"), "en")
    hidden = f"The week from {LAST_WEEK:%d.%m.%Y} had fewer than 5 active participants"
    assert hidden in summary
    assert summary.index(hidden) < summary.index(f"Last week shown (from {WEEK_BEFORE:%d.%m.%Y})")


# --- differencing ----------------------------------------------------------------------------


async def _outputs(tmp_path: Path, master_key: MasterKey, rating: int) -> tuple[str, str]:
    storage = await open_storage(tmp_path / f"diff-{rating}.db", master_key)
    try:
        ids = await enrol_participants(storage, "North Ward", 12)
        await twelve_person_week(storage, ids)
        await four_person_week(storage, ids, rating)
        service = trends_service(storage, tmp_path)
        trends = await service.trends("North Ward")
        return service.csv(trends), service.summary(trends, "en")
    finally:
        await storage.close()


async def test_a_suppressed_week_changes_nothing_that_is_shown(
    tmp_path: Path, master_key: MasterKey
) -> None:
    """Two programmes identical but for what four people answered in a suppressed week: every
    output a lead or operator can get is byte for byte the same, so nothing about those four can
    be derived from totals, neighbouring weeks or the summary."""
    low_csv, low_summary = await _outputs(tmp_path, master_key, rating=1)
    high_csv, high_summary = await _outputs(tmp_path, master_key, rating=5)
    assert low_csv == high_csv
    assert low_summary == high_summary
    rows = list(csv.DictReader(io.StringIO(low_csv)))
    suppressed = next(row for row in rows if row["week_start"] == WEEK_BEFORE.isoformat())
    assert set(suppressed.values()) == {"North Ward", WEEK_BEFORE.isoformat(), "fewer than 5"}
    # No column is a total over weeks or people that a hidden cell could be subtracted from.
    assert len(rows) == 8 and all(row["week_start"] for row in rows)


async def test_shown_weeks_are_frozen_so_a_deletion_cannot_be_learnt(
    storage: Storage, tmp_path: Path
) -> None:
    ids = await enrol_participants(storage, "North Ward", 12)
    await twelve_person_week(storage, ids)
    service = trends_service(storage, tmp_path)
    before = service.csv(await service.trends("North Ward"))
    # Person 0 (rating 1, a flagged reflection) deletes their account, and a late answer lands.
    await storage.users.erase(ids[0])
    await storage.checkins.record(ids[11], LAST_WEEK, rating=5)
    after_same_day = service.csv(await service.trends("North Ward"))
    later = trends_service(storage, tmp_path, TODAY + timedelta(days=3))
    after_later = later.csv(await later.trends("North Ward"))
    assert before == after_same_day == after_later


async def test_a_participant_counts_in_one_programme_only(storage: Storage) -> None:
    """Nested groups (programme B inside programme A) would let A minus B isolate a person."""
    [user_id] = await enrol_participants(storage, "North Ward", 1)
    await storage.invites.create("SOUTH-1", "South Ward", "participant", 1, None)
    await storage.invites.create("NORTH-LEAD", "North Ward", "lead", 1, None)
    assert await storage.invites.redeem("SOUTH-1", user_id, NOW) is not None
    assert await storage.invites.redeem("NORTH-LEAD", user_id, NOW) is not None
    memberships = await storage.programmes.memberships_of(user_id)
    assert [(m.programme, m.role) for m in memberships] == [
        ("North Ward", "lead"),
        ("South Ward", "participant"),
    ]


async def test_a_revoked_code_is_refused(storage: Storage) -> None:
    await storage.invites.create("LEAK1-LEAK2", "North Ward", "lead", 3, None)
    assert await storage.invites.revoke("leak1 leak2") == "North Ward"
    assert await storage.invites.revoke("NOPE1-NOPE2") is None
    user = await storage.users.create(8100, 8100, "en", "Asia/Jerusalem")
    assert await storage.invites.redeem("LEAK1-LEAK2", user.id, NOW) is None


async def test_a_week_counts_only_the_people_who_were_members_then(storage: Storage) -> None:
    """A walkthrough's lead of two programmes froze A's week with six people, moved five of them
    to B, and read B's copy of the same week: A minus B was the one who stayed. A person's past
    stays with the programme they were in."""
    ids = await enrol_participants(storage, "Ward A", 6)
    for index, user_id in enumerate(ids):
        for offset in range(5):
            day = LAST_WEEK + timedelta(days=offset)
            await prompt(storage, user_id, day)
            await storage.checkins.record(user_id, day, rating=1 if index == 5 else 4)
    before = await storage.aggregates.weekly("Ward A", TODAY, weeks=1, min_group=5)
    assert before[0].active == (5, 9) and before[0].mean_mood is not None
    await storage.invites.create("WARD-B", "Ward B", "participant", 5, None)
    for user_id in ids[:5]:
        assert await storage.invites.redeem("WARD-B", user_id, NOW) is not None
    [moved] = await storage.aggregates.weekly("Ward B", TODAY, weeks=1, min_group=5)
    assert moved == PublishedWeek(LAST_WEEK, None, None, None, None, None, None, None)
    # Their next week counts in B, from the day they joined.
    later = TODAY + timedelta(days=7)
    for user_id in ids[:5]:
        await prompt(storage, user_id, TODAY)
        await storage.checkins.record(user_id, TODAY, rating=3)
    [next_week] = await storage.aggregates.weekly("Ward B", later, weeks=1, min_group=5)
    assert next_week.active == (5, 9) and next_week.mean_mood == 3.0


async def test_silent_members_do_not_make_an_answer_rate_showable(storage: Storage) -> None:
    """Five were sent prompts, one answered three: the rate was that one person's, shown while
    the lead was told no figure could be shown."""
    ids = await enrol_participants(storage, "Quiet Ward", 5)
    for user_id in ids:
        for offset in range(5):
            await prompt(storage, user_id, LAST_WEEK + timedelta(days=offset))
    for offset in range(3):
        await storage.checkins.record(ids[0], LAST_WEEK + timedelta(days=offset), rating=3)
    [week] = await storage.aggregates.weekly("Quiet Ward", TODAY, weeks=1, min_group=5)
    assert week == PublishedWeek(LAST_WEEK, None, None, None, None, None, None, None)


def test_summary_directions_need_unsuppressed_consecutive_weeks() -> None:
    assert run_at_end([10, 20, 30, 40]) == ("up", 3)
    assert run_at_end([40, 30, 20]) == ("down", 2)
    assert run_at_end([10, 20]) is None
    assert run_at_end([10, None, 20, 30]) is None  # a hidden week breaks the run
    assert run_at_end([30, 20, 30, 40]) == ("up", 2)


# --- leads in the bot ------------------------------------------------------------------------


def as_person(chat: ChatSession, telegram_id: int, name: str) -> ChatSession:
    """Another person talking to the same running bot."""
    return ChatSession(
        chat.application, chat.stand_in, chat.clock, ChatPerson(telegram_id, name), "UTC"
    )


def services(chat: ChatSession) -> Services:
    return chat.application.bot_data.services


async def test_leads_see_their_own_programme_and_participants_see_none(chat: ChatSession) -> None:
    storage = services(chat).storage
    chat.clock.set(NOW)
    north = await enrol_participants(storage, "North Ward", 12)
    await twelve_person_week(storage, north)
    south = await enrol_participants(storage, "South Ward", 12, first_telegram_id=7000)
    for user_id in south:
        await storage.checkins.record(user_id, LAST_WEEK, rating=5)
    await storage.invites.create("LEAD-NORTH", "North Ward", "lead", 1, None)

    # A participant (Dana) cannot see trends.
    await onboard(chat)
    await storage.invites.create("DANA-NORTH", "North Ward", "participant", 1, None)
    await chat.say("/join DANA-NORTH")
    assert "enrolled in North Ward" in joined(chat)
    # Again: nothing changes, and the person is told so. Moving is leaving, and said.
    for code, programme, told in (
        ("DANA-AGAIN", "North Ward", "already in North Ward; nothing changed"),
        ("DANA-SOUTH", "South Ward", "enrolled in South Ward and no longer in North Ward"),
        ("DANA-BACK", "North Ward", "no longer in South Ward"),
    ):
        await storage.invites.create(code, programme, "participant", 1, None)
        await chat.say(f"/join {code}")
        assert told in joined(chat)
    await chat.say("/trends")
    assert "for programme leads" in joined(chat)
    await chat.say("/digest on")
    assert "for programme leads" in joined(chat)

    # A lead (Noa) joins with a lead code and sees North Ward only.
    lead = as_person(chat, 9001, "Noa")
    await onboard(lead)
    await lead.say("/join lead-north")
    shown = joined(lead)
    assert "lead of North Ward" in shown
    # A lead's /help names their commands, and "/trend" means the programme's.
    await lead.say("/help")
    assert "/trends — how the programme is doing" in joined(lead)
    await lead.say("/trend")
    assert "/trends?" in joined(lead)
    await chat.say("/help")
    assert "/trends" not in joined(chat)
    assert "trends" in [c["command"] for c in chat.stand_in.commands["chat:9001"]]
    assert "chat:424242" not in chat.stand_in.commands  # participants' menu is unchanged
    await lead.say("/trends")
    summary = joined(lead)
    assert "North Ward" in summary and "South Ward" not in summary
    assert (
        "Active participants: 10–19" in summary
        and "Mean mood, of shifts given a number 1–5: 3.0" in summary
    )
    photos = [item for item in chat.stand_in.shown if item.kind == "photo"]
    assert photos and photos[-1].chat_id == 9001
    image = imread(io.BytesIO(photos[-1].file_bytes), format="png")
    assert image.shape[:2] == (800, 1000)
    await lead.say("/trends South Ward")  # naming another programme changes nothing
    assert "South Ward" not in joined(lead)

    audit = await storage.programmes.audit_entries()
    noa = await storage.users.find_by_telegram_id(9001)
    assert noa is not None
    assert [(e.actor, e.programme, e.view) for e in audit] == [
        (noa.id, "North Ward", "trends"),
        (noa.id, "North Ward", "trends"),
    ]
    # Nothing a participant wrote, and no identifier, is in what the lead was sent.
    lead_messages = [item.text for item in chat.stand_in.shown if item.chat_id == 9001]
    for user_id in north:
        assert all(user_id not in message for message in lead_messages)
    # The lead leaves: the views stay in the audit trail, no longer under their id.
    assert await storage.users.erase(noa.id)
    audit = await storage.programmes.audit_entries()
    assert [(e.actor, e.view) for e in audit] == [("erased", "trends"), ("erased", "trends")]


async def test_a_lead_of_two_programmes_chooses(chat: ChatSession) -> None:
    storage = services(chat).storage
    chat.clock.set(NOW)
    await storage.invites.create("L-A", "Alpha", "lead", 1, None)
    await storage.invites.create("L-B", "Beta", "lead", 1, None)
    await onboard(chat)
    await chat.say("/join L-A")
    await chat.say("/join L-B")
    chat.new_output()
    await chat.say("/trends")
    assert "Which programme?" in joined(chat)
    chooser = chat.stand_in.shown[-1]
    await chat.press(2)
    shown = joined(chat)
    assert "Beta" in shown and "fewer than 5 active participants" in shown
    # No longer leading Alpha: its old button never shows another programme's figures.
    await chat.say("/leave")
    await chat.press(1)
    await chat.press(1)
    assert "you no longer lead Alpha" in joined(chat)
    alpha = str(chooser.buttons[0].callback_data)
    await press_data(chat, chooser.message_id, alpha)
    shown = joined(chat)
    assert "older message" in shown and "Beta" not in shown


async def test_the_chart_renders_in_english_and_hebrew(storage: Storage, tmp_path: Path) -> None:
    ids = await enrol_participants(storage, "North Ward", 12)
    await twelve_person_week(storage, ids)
    await four_person_week(storage, ids, 3)
    trends = await trends_service(storage, tmp_path).trends("North Ward")
    prompts = Prompts.load("en")
    for language in ("en", "he"):
        png = render_programme_chart(trends, prompts, language)
        assert png.startswith(b"\x89PNG")
        assert imread(io.BytesIO(png), format="png").shape[:2] == (800, 1000)
    empty = ProgrammeTrends("Empty", [PublishedWeek(LAST_WEEK, *[None] * 7)], 5)
    assert render_programme_chart(empty, prompts, "he").startswith(b"\x89PNG")
    hebrew = trends_service(storage, tmp_path).summary(trends, "he")
    # A hyphen: an en dash between numbers shows reversed ("19–10") in a right-to-left line.
    assert "משתתפים/ות פעילים/ות: 10-19" in hebrew


# --- the weekly digest -----------------------------------------------------------------------


async def test_the_digest_is_sent_once_a_week_per_lead_across_restarts(
    tmp_path: Path, master_key: MasterKey
) -> None:
    settings = make_settings(tmp_path)
    person = ChatPerson(9001, "Noa")

    async def session() -> ChatSession:
        return await open_chat(settings, master_key, person, tmp_path / "outbox")

    chat = await session()
    try:
        storage = services(chat).storage
        await storage.invites.create(
            "LEAD", "North Ward", "lead", 1, None, timezone="Asia/Jerusalem"
        )
        ids = await enrol_participants(storage, "North Ward", 12)
        await twelve_person_week(storage, ids)
        await onboard(chat)
        await chat.say("/join LEAD")
        await chat.say("/digest")
        assert "digest is off" in joined(chat)
        await chat.say("/digest on")
        assert "every Monday at 09:00" in joined(chat)
        # Sunday evening and Monday 08:59 in Jerusalem: not yet.
        for moment in ("2026-12-13T20:00:00+02:00", "2026-12-14T08:59:00+02:00"):
            chat.clock.set(datetime.fromisoformat(moment))
            await run_due_jobs(services(chat), chat.application.bot)
        assert not [s for s in chat.stand_in.shown if s.kind == "photo"]
        chat.clock.set(datetime.fromisoformat("2026-12-14T09:00:30+02:00"))
        await run_due_jobs(services(chat), chat.application.bot)
        await run_due_jobs(services(chat), chat.application.bot)
        photos = [s for s in chat.stand_in.shown if s.kind == "photo"]
        assert len(photos) == 1 and "weekly digest for North Ward" in photos[0].text
    finally:
        await close_chat(chat)

    chat = await session()  # a restart on the same Monday
    try:
        chat.clock.set(datetime.fromisoformat("2026-12-14T09:10:00+02:00"))
        await run_due_jobs(services(chat), chat.application.bot)
        assert not [s for s in chat.stand_in.shown if s.kind == "photo"]
        # Down all Monday: that week's digest is skipped, not sent late on Tuesday.
        chat.clock.set(datetime.fromisoformat("2026-12-22T10:00:00+02:00"))
        await run_due_jobs(services(chat), chat.application.bot)
        assert not [s for s in chat.stand_in.shown if s.kind == "photo"]
        # The next Monday it comes again, once.
        chat.clock.set(datetime.fromisoformat("2026-12-28T09:05:00+02:00"))
        await run_due_jobs(services(chat), chat.application.bot)
        await run_due_jobs(services(chat), chat.application.bot)
        assert len([s for s in chat.stand_in.shown if s.kind == "photo"]) == 1
        noa = await services(chat).storage.users.find_by_telegram_id(9001)
        assert noa is not None
        dispatches = await services(chat).storage.programmes.digest_dispatches(noa.id)
        assert dispatches == [
            ("North Ward", "2026-12-14", "sent"),
            ("North Ward", "2026-12-28", "sent"),
        ]
        await chat.say("/digest off")
        chat.clock.set(datetime.fromisoformat("2027-01-04T09:05:00+02:00"))
        await run_due_jobs(services(chat), chat.application.bot)
        assert len([s for s in chat.stand_in.shown if s.kind == "photo"]) == 1
    finally:
        await close_chat(chat)


# --- separation in code ----------------------------------------------------------------------

LEAD_SIDE = ("bot.handlers.leads", "bot.services.trends", "storage.aggregate_repository")
PARTICIPANT_SIDE = {
    "storage.journal_repository",
    "storage.reflection_repository",
    "storage.checkin_repository",
    "storage.state_repository",
    "storage.user_repository",
    "storage.store",
    "bot.services.own_data",
    "bot.services.reflection",
    "bot.services.checkins",
    "bot.services.users",
    "bot.handlers.common",
    "bot.handlers.journal",
    "bot.handlers.reflection",
}


def test_the_lead_side_cannot_import_participant_repositories() -> None:
    """Run time, in a fresh interpreter: importing the lead side loads no participant module."""
    program = (
        "import sys, json\n"
        f"for name in {LEAD_SIDE!r}: __import__(name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout))
    assert set(LEAD_SIDE) <= loaded
    assert not loaded & PARTICIPANT_SIDE, sorted(loaded & PARTICIPANT_SIDE)


def test_lead_handlers_reach_only_the_trends_service() -> None:
    """Statically: the lead handlers use context.services.trends/prompts/settings, nothing else."""
    tree = ast.parse((ROOT / "bot/handlers/leads.py").read_text(encoding="utf-8"))
    reached = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "services"
    }
    assert reached <= {"trends", "prompts", "settings"}, reached


def test_aggregates_read_only_numeric_columns() -> None:
    source = (ROOT / "storage/aggregate_repository.py").read_text(encoding="utf-8")
    for forbidden in ("_enc", "telegram_handle", "journal_entries", "flag_feedback", "state"):
        assert forbidden not in source.split('"""', 2)[2], forbidden


async def test_the_aggregate_reader_cannot_write(storage: Storage) -> None:
    import sqlite3

    async with storage.database.reader() as connection:
        with pytest.raises(sqlite3.OperationalError):
            await connection.execute("DELETE FROM checkins")


# --- operator CLI ----------------------------------------------------------------------------


def kindred(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run_kindred(
        tmp_path,
        tmp_path / "ops.db",
        tmp_path / "ops.key",
        *args,
        extra={"KINDRED_TIMEZONE": "Asia/Jerusalem"},
    )


async def test_leave_stops_taking_part_or_leading_and_deletes_nothing(chat: ChatSession) -> None:
    storage = services(chat).storage
    chat.clock.set(NOW)
    await storage.invites.create("DANA-NORTH", "North Ward", "participant", 1, None)
    await storage.invites.create("DANA-LEAD", "South Ward", "lead", 1, None)
    await onboard(chat)
    dana = await storage.users.find_by_telegram_id(424242)
    assert dana is not None
    await chat.say("/join DANA-NORTH")
    await chat.say("/join DANA-LEAD")
    await storage.checkins.record(dana.id, LAST_WEEK, rating=4)
    assert "chat:424242" in chat.stand_in.commands  # a lead's own menu
    joined(chat)

    await chat.say("/leave")
    shown = joined(chat)
    assert "Nothing you wrote is deleted" in shown
    assert "Stop taking part in North Ward" in shown and "Stop leading South Ward" in shown
    # Stop leading is a button press away, then a second, and "keep" changes nothing.
    await chat.press(2)
    assert "Stop leading South Ward?" in joined(chat)
    await chat.press(2)
    assert "Nothing changed." in joined(chat)
    assert len(await storage.programmes.memberships_of(dana.id)) == 2

    await chat.say("/leave")
    await chat.press(1)
    assert "Leave North Ward?" in joined(chat)
    confirm = chat.stand_in.shown[-1]
    leave_north = str(confirm.buttons[0].callback_data)
    # Someone else's account pressing the same button (a forwarded chat) removes nothing.
    other = as_person(chat, 9002, "Eli")
    await onboard(other)
    eli_message = [item for item in chat.stand_in.shown if item.chat_id == 9002][-1]
    await press_data(other, eli_message.message_id, leave_north)
    assert "North Ward" not in joined(other)
    assert len(await storage.programmes.memberships_of(dana.id)) == 2
    await chat.press(1)
    assert "you're no longer in North Ward" in joined(chat)
    assert [(m.programme, m.role) for m in await storage.programmes.memberships_of(dana.id)] == [
        ("South Ward", "lead")
    ]
    assert await storage.checkins.get(dana.id, LAST_WEEK) is not None  # nothing deleted
    # The same button again (a double tap, an old copy): North Ward is no longer there to leave.
    await press_data(chat, confirm.message_id, leave_north)
    assert "no longer in North Ward" not in joined(chat)
    # Joined again with a new code: the old "Yes, leave" is for the membership that ended.
    await storage.invites.create("DANA-AGAIN", "North Ward", "participant", 1, None)
    chat.clock.set(NOW + timedelta(minutes=5))
    await chat.say("/join DANA-AGAIN")
    joined(chat)
    await press_data(chat, confirm.message_id, leave_north)
    assert "no longer in North Ward" not in joined(chat)
    assert ("North Ward", "participant") in [
        (m.programme, m.role) for m in await storage.programmes.memberships_of(dana.id)
    ]
    await chat.say("/leave")
    await chat.press(1)
    await chat.press(1)
    assert "you're no longer in North Ward" in joined(chat)

    await chat.say("/leave")
    await chat.press(1)
    await chat.press(1)
    assert "you no longer lead South Ward" in joined(chat)
    assert "chat:424242" not in chat.stand_in.commands  # everyone's menu again
    await chat.say("/trends")
    assert "for programme leads" in joined(chat)
    await chat.say("/leave")
    assert "not in any programme" in joined(chat)
    await chat.say("/help")
    assert "/leave" in joined(chat)


async def test_invite_roles_and_trends_csv_from_the_command_line(tmp_path: Path) -> None:
    made = kindred(
        tmp_path,
        "invite",
        "--role",
        "lead",
        "--programme",
        "North Ward",
        "--uses",
        "3",
        "--expires",
        "14",
    )
    assert made.returncode == 0, made.stderr
    [code] = made.stdout.split()
    assert "3 uses each, valid 14 days" in made.stderr
    several = kindred(tmp_path, "invite", "--programme", "North Ward", "--count", "12")
    codes = several.stdout.split()
    assert len(set(codes)) == 12
    # Only hashes are stored.
    raw = b"".join(path.read_bytes() for path in database_files(tmp_path / "ops.db"))
    assert code.encode() not in raw and code.replace("-", "").encode() not in raw

    from bot.master_key import load_master_key

    settings = make_settings(
        tmp_path, database_path=tmp_path / "ops.db", master_key_file=tmp_path / "ops.key"
    )
    storage = await open_storage(
        settings.database_path, load_master_key(settings, create_if_missing=False).key
    )
    try:
        ids = []
        for index, participant_code in enumerate(codes):
            user = await storage.users.create(6000 + index, 6000 + index, "en", "Asia/Jerusalem")
            await storage.users.update(user.id, status="active")
            # Joined before the week filled below (a record counts from the day of joining).
            joined_at = datetime.now(UTC) - timedelta(days=15)
            assert await storage.invites.redeem(participant_code, user.id, joined_at)
            ids.append(user.id)
        lead = await storage.users.create(6100, 6100, "en", "Asia/Jerusalem")
        assert await storage.invites.redeem(code.lower(), lead.id, datetime.now(UTC))
        # The CLI runs on the real clock: use the last complete week in the programme's zone.
        today = datetime.now(ZoneInfo("Asia/Jerusalem")).date()
        await twelve_person_week(storage, ids, completed_weeks(today, 1)[0])
    finally:
        await storage.close()

    roles = kindred(tmp_path, "roles")
    assert roles.returncode == 0
    assert "North Ward               participant  12" in roles.stdout
    assert "North Ward               lead         1" in roles.stdout
    table = kindred(tmp_path, "trends", "--programme", "North Ward", "--csv")
    assert table.returncode == 0, table.stderr
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert len(rows) == 8
    assert rows[-1]["active_participants"] == "10 to 19"
    assert rows[-1]["mean_mood"] == "3" and rows[-1]["checkin_rate_percent"] == "50"
    assert {rows[0][key] for key in rows[0] if key not in ("programme", "week_start")} == {
        "fewer than 5"
    }
    audit = kindred(tmp_path, "audit")
    assert audit.returncode == 0 and "North Ward" in audit.stdout and "operator" in audit.stdout
    missing = kindred(tmp_path, "trends", "--programme", "Nowhere", "--csv")
    assert missing.returncode == 2 and "no programme called 'Nowhere'" in missing.stderr
    bad = kindred(tmp_path, "invite", "--programme", "X", "--timezone", "Mars/Base")
    assert bad.returncode == 2 and "not a known time zone" in bad.stderr
    # A programme's name in other case is the same programme, not a second one.
    again = kindred(tmp_path, "invite", "--programme", "north  ward")
    assert again.returncode == 0 and "codes for North Ward" in again.stderr
    assert "north" not in kindred(tmp_path, "roles").stdout
    shouted = kindred(tmp_path, "trends", "--programme", "NORTH WARD", "--csv")
    assert shouted.returncode == 0 and shouted.stdout == table.stdout
    # A leaked code with spare uses can be withdrawn.
    spare = kindred(tmp_path, "invite", "--programme", "North Ward", "--uses", "3")
    [spare_code] = spare.stdout.split()
    withdrawn = kindred(tmp_path, "invite", "--revoke", spare_code.lower())
    assert withdrawn.returncode == 0 and "North Ward can no longer be used" in withdrawn.stdout
    assert kindred(tmp_path, "invite", "--revoke", "NOPEX-NOPEX").returncode == 2
    # A lead who left the job: the access their code gave ends, and the code with it.
    removed = kindred(tmp_path, "leads", "--remove", code)
    assert removed.returncode == 0, removed.stderr
    assert "1 lead who joined with that code no longer sees" in removed.stdout
    assert "North Ward               lead         0" in kindred(tmp_path, "roles").stdout
    again_removed = kindred(tmp_path, "leads", "--remove", code)
    assert again_removed.returncode == 0 and "Nobody was removed" in again_removed.stdout
    participant = kindred(tmp_path, "leads", "--remove", codes[0])
    assert participant.returncode == 2 and "participant code" in participant.stderr
    more = kindred(tmp_path, "invite", "--role", "lead", "--programme", "North Ward", "--uses", "2")
    [more_code] = more.stdout.split()
    storage = await open_storage(
        settings.database_path, load_master_key(settings, create_if_missing=False).key
    )
    try:
        for telegram_id in (6101, 6102):
            lead = await storage.users.create(telegram_id, telegram_id, "en", "Asia/Jerusalem")
            assert await storage.invites.redeem(more_code, lead.id, datetime.now(UTC))
    finally:
        await storage.close()
    # Two leads shared that code: Kindred cannot tell which one left, so it asks to be told.
    shared = kindred(tmp_path, "leads", "--remove", more_code)
    assert shared.returncode == 2 and "2 leads of North Ward joined with that code" in shared.stderr
    assert "North Ward               lead         2" in kindred(tmp_path, "roles").stdout
    everyone = kindred(tmp_path, "leads", "--remove-all", "north ward")
    assert everyone.returncode == 0 and "2 leads of North Ward no longer see" in everyone.stdout
    roles_now = kindred(tmp_path, "roles").stdout
    assert "lead         0" in roles_now and "participant  12" in roles_now
    assert kindred(tmp_path, "leads", "--remove-all", "Nowhere").returncode == 2
    # Its time zone is fixed: said, not silently ignored.
    moved = kindred(tmp_path, "invite", "--programme", "North Ward", "--timezone", "Europe/London")
    assert moved.returncode == 2 and "already runs on Asia/Jerusalem" in moved.stderr


def test_hebrew_chart_labels_read_right_to_left() -> None:
    """Whatever the matplotlib build, the first Hebrew letter of a label ends up on the right."""
    import matplotlib

    matplotlib.use("Agg")
    import numpy as np
    from matplotlib.figure import Figure

    from bot.services.chart_text import visual

    def ink(label: str) -> np.ndarray:
        figure = Figure(figsize=(2, 1), dpi=100)
        figure.text(0.1, 0.3, visual(label, "he"), fontsize=30)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
        pixels = imread(io.BytesIO(buffer.getvalue()), format="png")[:, :, 0]
        columns = np.where(pixels.min(axis=0) < 0.5)[0]
        return pixels[:, columns.min() : columns.max() + 1]

    alef, both = ink("א"), ink("אב")
    width = alef.shape[1]
    on_right = float(np.abs(both[:, -width:] - alef).mean())
    on_left = float(np.abs(both[:, :width] - alef).mean())
    assert on_right < on_left


async def test_a_digest_cut_off_by_a_crash_is_never_resent(storage: Storage) -> None:
    [lead_id] = await enrol_participants(storage, "North Ward", 1)
    assert await storage.programmes.claim_digest(lead_id, "North Ward", LAST_WEEK)
    # The process dies here, between claim and send. At the next start:
    assert await storage.programmes.settle_interrupted_digests() == 1
    assert await storage.programmes.digest_dispatches(lead_id) == [
        ("North Ward", LAST_WEEK.isoformat(), "unconfirmed")
    ]
    assert not await storage.programmes.claim_digest(lead_id, "North Ward", LAST_WEEK)


def test_figures_round_halves_as_a_lead_would_by_hand() -> None:
    """A walkthrough's lead checked 12.5 % by hand and got 13; the table said 12 (half to even)."""
    from storage.aggregate_repository import _rounded

    assert _rounded(12.5, 0) == 13.0 and _rounded(-1.25, 1) == -1.3 and _rounded(2.75, 1) == 2.8
    assert _rounded(46.666, 0) == 47.0 and _rounded(3.04, 1) == 3.0
