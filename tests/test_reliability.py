"""Reliability: the check-in dispatcher across crashes, DST and zone changes; Telegram errors."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from telegram.error import NetworkError, TimedOut

from bot.chat.bot_api import BotApiError
from bot.chat.terminal import ChatPerson, ChatSession, close_chat, open_chat
from bot.context import Services
from storage import Storage
from storage.crypto import MasterKey
from tests.support.factories import make_settings
from tests.support.flows import joined, onboard

PERSON = ChatPerson(31, "Maya")


class SimulatedCrash(BaseException):
    """The process dying at this point: not an Exception, so nothing catches it."""


def services(chat: ChatSession) -> Services:
    return chat.application.bot_data.services


def checkins_delivered(chat: ChatSession) -> int:
    return sum(
        1
        for item in chat.stand_in.shown
        if item.kind == "message" and "1 is very hard, 5 is good." in item.text
    )


async def dispatch_rows(chat: ChatSession) -> list[tuple[str, str, str]]:
    user = await services(chat).storage.users.find_by_telegram_id(PERSON.user_id)
    assert user is not None
    return await services(chat).storage.checkins.dispatches(user.id)


async def set_daily(chat: ChatSession, timezone: str, at: str, *, quiet: bool = True) -> None:
    user = await services(chat).storage.users.find_by_telegram_id(PERSON.user_id)
    assert user is not None
    values: dict[str, Any] = {"timezone": timezone, "schedule": {"mode": "daily", "time": at}}
    if not quiet:
        values.update(quiet_start="00:00", quiet_end="00:00")  # equal: no quiet hours
    await services(chat).users.update(user, **values)


async def maya_checks_in_daily_at_19(chat: ChatSession) -> None:
    """The shared fixture's chat, as Maya, enrolled, with a daily 19:00 check-in in Jerusalem."""
    chat.person = PERSON
    await onboard(chat)
    await set_daily(chat, "Asia/Jerusalem", "19:00")


# --- exactly once across crashes -------------------------------------------------------------

Patch = Callable[[ChatSession], None]


def crash_in_claim(chat: ChatSession) -> None:
    async def crash(*args: object) -> list[bool]:
        raise SimulatedCrash

    services(chat).storage.checkins.claim_dispatches = crash  # type: ignore[method-assign,assignment]


def crash_after_claim(chat: ChatSession) -> None:
    repository = services(chat).storage.checkins
    original = repository.claim_dispatches

    async def claim_then_crash(items: list[Any]) -> list[bool]:
        await original(items)
        raise SimulatedCrash

    repository.claim_dispatches = claim_then_crash  # type: ignore[method-assign]


def crash_while_sending(chat: ChatSession) -> None:
    """Telegram delivers the message, and the process dies before the answer comes back."""

    def delivered_then_crash(params: dict[str, Any]) -> tuple[str, BaseException] | None:
        if "1 is very hard" in str(params.get("text", "")):
            return ("after", SimulatedCrash())
        return None

    chat.stand_in.transport_faults["sendMessage"] = delivered_then_crash


def crash_before_settle(chat: ChatSession) -> None:
    async def crash(*args: object) -> None:
        raise SimulatedCrash

    services(chat).storage.checkins.settle_dispatches = crash  # type: ignore[method-assign,assignment]


def crash_after_settle(chat: ChatSession) -> None:
    repository = services(chat).storage.checkins
    original = repository.settle_dispatches

    async def settle_then_crash(outcomes: list[Any]) -> None:
        await original(outcomes)
        raise SimulatedCrash

    repository.settle_dispatches = settle_then_crash  # type: ignore[method-assign]


@pytest.mark.parametrize(
    ("patch", "delivered", "final_status"),
    [
        (crash_in_claim, 1, "sent"),  # nothing was claimed: the restart sends it
        (crash_after_claim, 0, "unconfirmed"),  # claimed, never sent: in flight, not resent
        (crash_while_sending, 1, "unconfirmed"),  # delivered, unknown to us: not resent
        (crash_before_settle, 1, "unconfirmed"),  # delivered, not marked: not resent
        (crash_after_settle, 1, "sent"),  # all done
    ],
    ids=["in-claim", "after-claim", "while-sending", "before-settle", "after-settle"],
)
async def test_a_checkin_is_sent_at_most_once_whatever_step_crashes(
    tmp_path: Path,
    master_key: MasterKey,
    patch: Patch,
    delivered: int,
    final_status: str,
) -> None:
    settings = make_settings(tmp_path)
    first = await open_chat(settings, master_key, PERSON, tmp_path / "out")
    await onboard(first)
    await set_daily(first, "Asia/Jerusalem", "19:00")
    patch(first)
    with pytest.raises(SimulatedCrash):
        await first.set_clock("2026-12-01T19:02")
    delivered_before = checkins_delivered(first)
    first.stand_in.transport_faults.clear()
    await close_chat(first)

    second = await open_chat(settings, master_key, PERSON, tmp_path / "out")
    try:
        for moment in ("2026-12-01T19:03", "2026-12-01T19:30", "2026-12-01T20:59"):
            await second.set_clock(moment)
        assert delivered_before + checkins_delivered(second) == delivered
        assert await dispatch_rows(second) == [("2026-12-01", "main", final_status)]
    finally:
        await close_chat(second)


async def test_restart_sends_what_fell_due_within_the_grace_window_only(
    tmp_path: Path, master_key: MasterKey
) -> None:
    settings = make_settings(tmp_path, checkin_grace_minutes=90)
    chat = await open_chat(settings, master_key, PERSON, tmp_path / "out")
    try:
        await onboard(chat)
        await set_daily(chat, "Asia/Jerusalem", "19:00")
        await chat.set_clock("2026-12-01T12:00")
    finally:
        await close_chat(chat)
    # Down from 12:00; back at 20:25 (85 minutes late): sent. Next day back at 20:35: skipped.
    chat = await open_chat(settings, master_key, PERSON, tmp_path / "out")
    try:
        await chat.set_clock("2026-12-01T20:25")
        assert checkins_delivered(chat) == 1
        await chat.set_clock("2026-12-02T20:35")
        assert checkins_delivered(chat) == 1
    finally:
        await close_chat(chat)


# --- DST, time-zone changes ------------------------------------------------------------------


async def test_dst_gap_and_repeated_hour(chat: ChatSession) -> None:
    chat.person = PERSON
    await onboard(chat)
    await set_daily(chat, "Europe/London", "01:30", quiet=False)
    # Spring forward, 29 Mar 2026: 01:30 does not exist; it goes at 02:30 BST (01:30 UTC),
    # never an hour early at 00:30 GMT.
    await chat.set_clock("2026-03-29T00:30:00+00:00")
    assert checkins_delivered(chat) == 0
    await chat.set_clock("2026-03-29T01:30:00+00:00")
    assert checkins_delivered(chat) == 1
    # Fall back, 25 Oct 2026: 01:30 happens twice (BST, then GMT). Sent at the first only.
    await chat.set_clock("2026-10-25T00:30:00+00:00")
    assert checkins_delivered(chat) == 2
    await chat.set_clock("2026-10-25T01:30:00+00:00")
    assert checkins_delivered(chat) == 2
    assert [row[0] for row in await dispatch_rows(chat)] == ["2026-03-29", "2026-10-25"]


async def test_time_zone_change_does_not_send_the_same_day_twice(chat: ChatSession) -> None:
    await maya_checks_in_daily_at_19(chat)
    await chat.set_clock("2026-12-01T19:00:00+02:00")
    assert checkins_delivered(chat) == 1
    # She flies to New York the same evening: 19:00 there on 1 December is the same local day.
    await set_daily(chat, "America/New_York", "19:00")
    await chat.set_clock("2026-12-01T19:00:00-05:00")
    assert checkins_delivered(chat) == 1
    await chat.set_clock("2026-12-02T19:00:00-05:00")
    assert checkins_delivered(chat) == 2


# --- Telegram's errors -----------------------------------------------------------------------


async def test_blocked_bot_stops_checkins_until_the_person_returns(chat: ChatSession) -> None:
    await maya_checks_in_daily_at_19(chat)
    chat.stand_in.faults["sendMessage"] = lambda params: BotApiError(
        403, "Forbidden: bot was blocked by the user"
    )
    await chat.set_clock("2026-12-01T19:01")
    chat.stand_in.faults.clear()
    assert await dispatch_rows(chat) == [("2026-12-01", "main", "blocked")]
    user = await services(chat).storage.users.find_by_telegram_id(PERSON.user_id)
    assert user is not None and not user.reachable
    await chat.set_clock("2026-12-02T19:01")
    assert checkins_delivered(chat) == 0
    await chat.say("/help")  # they unblocked the bot and wrote
    await chat.set_clock("2026-12-03T19:01")
    assert checkins_delivered(chat) == 1


async def test_retry_after_is_waited_out_and_sent_once(chat: ChatSession) -> None:
    await maya_checks_in_daily_at_19(chat)
    refusals = iter([BotApiError(429, "Too Many Requests: retry after 1", retry_after=1)])
    chat.stand_in.faults["sendMessage"] = lambda params: next(refusals, None)
    started = datetime.now()
    await chat.set_clock("2026-12-01T19:01")
    waited = (datetime.now() - started).total_seconds()
    assert checkins_delivered(chat) == 1 and waited >= 1.0
    attempts = [p for m, p in chat.stand_in.calls if m == "sendMessage" and "1 is very" in str(p)]
    assert len(attempts) == 2  # refused once, then delivered
    assert await dispatch_rows(chat) == [("2026-12-01", "main", "sent")]


async def test_timed_out_send_is_not_retried(chat: ChatSession) -> None:
    await maya_checks_in_daily_at_19(chat)
    chat.stand_in.transport_faults["sendMessage"] = lambda params: ("after", TimedOut())
    await chat.set_clock("2026-12-01T19:01")
    chat.stand_in.transport_faults.clear()
    await chat.set_clock("2026-12-01T19:30")
    assert checkins_delivered(chat) == 1  # delivered once, never again
    assert await dispatch_rows(chat) == [("2026-12-01", "main", "unconfirmed")]


async def test_network_errors_back_off_then_send(chat: ChatSession) -> None:
    await maya_checks_in_daily_at_19(chat)
    refused = NetworkError("httpx.ConnectError: [Errno 111] Connection refused")
    chat.stand_in.transport_faults["sendMessage"] = lambda params: ("before", refused)
    await chat.set_clock("2026-12-01T19:00:00+02:00")
    assert checkins_delivered(chat) == 0
    assert await dispatch_rows(chat) == []  # never left: the claim is released
    attempts = len([m for m, _ in chat.stand_in.calls if m == "sendMessage"])
    chat.stand_in.transport_faults.clear()
    # Backing off: the next tick 10 s later does not try again.
    await chat.set_clock("2026-12-01T19:00:10+02:00")
    assert len([m for m, _ in chat.stand_in.calls if m == "sendMessage"]) == attempts
    await chat.set_clock("2026-12-01T19:01:00+02:00")
    assert checkins_delivered(chat) == 1
    assert await dispatch_rows(chat) == [("2026-12-01", "main", "sent")]


async def test_a_failing_handler_gets_a_kind_reply_and_no_text_in_logs(
    chat: ChatSession, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    await onboard(chat)
    import bot.handlers.journal as journal_module

    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom: Secret diary line")

    monkeypatch.setattr(journal_module, "offer_to_save", broken)
    await chat.say("Secret diary line about a patient")
    assert "Something went wrong" in joined(chat)
    assert "Secret diary" not in caplog.text
    failure = next(r for r in caplog.records if r.getMessage() == "update failed")
    assert failure.__dict__["error_type"] == "RuntimeError"


async def test_blocking_and_unblocking_the_bot_is_noticed_at_once(chat: ChatSession) -> None:
    await maya_checks_in_daily_at_19(chat)

    def member_update(status: str) -> dict[str, Any]:
        bot_user = {"id": 123456, "is_bot": True, "first_name": "Kindred"}
        old, new = ("member", "kicked") if status == "kicked" else ("kicked", "member")
        return {
            "update_id": 900 if status == "kicked" else 901,
            "my_chat_member": {
                "chat": {"id": PERSON.user_id, "type": "private", "first_name": PERSON.name},
                "from": {"id": PERSON.user_id, "is_bot": False, "first_name": PERSON.name},
                "date": 0,
                "old_chat_member": {"status": old, "user": bot_user, "until_date": 0},
                "new_chat_member": {"status": new, "user": bot_user, "until_date": 0},
            },
        }

    await chat.send_update(member_update("kicked"))
    await chat.set_clock("2026-12-01T19:01")
    assert checkins_delivered(chat) == 0
    await chat.send_update(member_update("member"))
    await chat.set_clock("2026-12-02T19:01")
    assert checkins_delivered(chat) == 1


async def test_who_was_mid_conversation_is_known_again_after_a_restart(
    storage: Storage,
) -> None:
    """A check-in must not land four minutes into a reflection because the bot restarted: the
    open flow's last change, kept with it, says the person is still in the middle of it."""
    from bot.services.checkins import CheckinService

    reflecting = await storage.users.create(5001, 5001, "en", "Asia/Jerusalem")
    idle = await storage.users.create(5002, 5002, "en", "Asia/Jerusalem")
    await storage.state.set(reflecting.id, {"flow": "reflection", "step": "what"})
    restarted = CheckinService(storage)
    now = datetime(2026, 12, 1, 17, 2, tzinfo=UTC)
    assert await restarted.restore_seen(now) == 1
    assert restarted.recently_seen(reflecting.id, now + timedelta(minutes=5))
    assert not restarted.recently_seen(reflecting.id, now + timedelta(minutes=11))
    assert not restarted.recently_seen(idle.id, now)
