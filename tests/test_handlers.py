"""The real PTB Application, fed real Update objects, answering through the Bot API stand-in."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from bot.chat.terminal import ChatPerson, ChatSession, close_chat, open_chat
from bot.handlers import help as help_module
from storage.crypto import MasterKey
from tests.support.factories import make_settings
from tests.support.flows import onboard

CANARY = "CANARY-otter-5521 she reminded me of me at 19"


async def enrol(chat: ChatSession) -> None:
    await onboard(chat)


async def test_start_explains_privacy_and_asks_consent(chat: ChatSession) -> None:
    await chat.say("/start")
    shown = chat.new_output()
    text = "\n".join(shown)
    assert "not therapy" in text and "not a crisis service" in text
    assert "not end-to-end encrypted" in text
    assert "never your words" in text
    assert "[1] Yes, let's start" in shown and "[2] Not now" in shown
    # Nothing is stored before consent.
    assert await chat.application.bot_data.services.storage.users.count() == 0


async def test_consent_enrols_and_start_again_keeps_data(chat: ChatSession) -> None:
    await enrol(chat)
    storage = chat.application.bot_data.services.storage
    user = await storage.users.find_by_telegram_id(chat.person.user_id)
    assert user is not None and user.status == "active"
    await chat.say("/start")
    assert "Nothing has been reset" in "\n".join(chat.new_output())
    assert await storage.users.count() == 1


async def test_declining_stores_nothing(chat: ChatSession) -> None:
    await chat.say("/start")
    assert await chat.press(2) is None
    assert "Nothing about you has been stored" in "\n".join(chat.new_output())
    assert await chat.application.bot_data.services.storage.users.count() == 0


async def test_help_lists_helplines(chat: ChatSession) -> None:
    await chat.say("/help")
    text = "\n".join(chat.new_output())
    assert "1201" in text and "101" in text and "/reflect" in text and "/delete" in text


HEBREW_LETTER = re.compile(r"[\u0590-\u05ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def helpline_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("• ")]


async def test_default_helplines_are_named_in_the_readers_language(chat: ChatSession) -> None:
    """Israel's numbers by default, and a line for someone abroad (the walkthrough's UK user got
    1201 and 101 and an operator's note, "your programme can set its own", in a crisis)."""
    await chat.say("/help")
    english = helpline_lines("\n".join(chat.new_output()))
    assert english == [
        "• ERAN, emotional first aid by phone, day and night: 1201",
        "• Emergency, Magen David Adom (ambulance): 101",
        "• Outside Israel: Samaritans 116 123 (UK and Ireland), 988 (US), or your local"
        " emergency number (112 in Europe, 999 in the UK, 911 in the US)",
    ]
    chat.person.language_code = "he"
    await chat.say("/help")
    hebrew = helpline_lines("\n".join(chat.new_output()))
    assert [line.rsplit(": ", 1)[1] for line in hebrew[:2]] == ["1201", "101"]
    assert all(number in hebrew[2] for number in ("116 123", "988", "112", "999", "911"))
    assert all(HEBREW_LETTER.search(line) and not LATIN_LETTER.search(line) for line in hebrew)
    assert not any(HEBREW_LETTER.search(line) for line in english)


async def test_configured_helplines_are_shown_as_the_operator_wrote_them(
    tmp_path: Path, master_key: MasterKey
) -> None:
    settings = make_settings(tmp_path, helplines="Samaritans=116 123; NHS 111=111")
    chat = await open_chat(settings, master_key, ChatPerson(31, "Sam"), tmp_path / "out")
    try:
        for language in ("en", "he"):
            chat.person.language_code = language
            await chat.say("/help")
            shown = "\n".join(chat.new_output())
            assert helpline_lines(shown) == ["• Samaritans: 116 123", "• NHS 111: 111"]
            assert "default Israeli numbers" not in shown and "ברירת המחדל" not in shown
    finally:
        await close_chat(chat)


async def test_the_operator_is_told_at_start_that_the_helplines_are_the_defaults(
    tmp_path: Path, master_key: MasterKey, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    for helplines, told in ((None, True), ("Samaritans=116 123", False)):
        caplog.clear()
        settings = (
            make_settings(tmp_path / "a")
            if helplines is None
            else make_settings(tmp_path / "b", helplines=helplines)
        )
        chat = await open_chat(settings, master_key, ChatPerson(32, "Ori"), tmp_path / "out")
        await close_chat(chat)
        warned = any("KINDRED_HELPLINES" in record.getMessage() for record in caplog.records)
        assert warned is told


async def test_hebrew_speaker_gets_hebrew(chat: ChatSession) -> None:
    chat.person.language_code = "he"
    await chat.say("/help")
    text = "\n".join(chat.new_output())
    assert "זה מה שאני יודע לעשות" in text


async def test_menu_is_set_in_english_and_hebrew(chat: ChatSession) -> None:
    commands = chat.stand_in.commands
    assert set(commands) == {"", "he"}
    assert [c["command"] for c in commands[""]] == [c["command"] for c in commands["he"]]
    assert {"start", "help"} <= {c["command"] for c in commands[""]}


async def test_unknown_command(chat: ChatSession) -> None:
    await enrol(chat)
    chat.new_output()
    await chat.say("/frobnicate now")
    assert chat.new_output()[0] == "I don't know that command. /help shows the ones I understand."
    # The word people reach for, and a typo, get the command they probably meant.
    for typed, meant in (("/stats", "/mytrends"), ("/chekin", "/checkin"), ("/Diary", "/journal")):
        await chat.say(typed)
        assert f"Did you mean {meant}?" in chat.new_output()[0]


async def test_sticker_gets_a_clear_answer(chat: ChatSession) -> None:
    await chat.send_update(
        chat.stand_in.message_update(
            chat.person.user_id,
            chat.person.name,
            {
                "sticker": {
                    "file_id": "s1",
                    "file_unique_id": "s1",
                    "width": 512,
                    "height": 512,
                    "is_animated": False,
                    "is_video": False,
                    "type": "regular",
                }
            },
        )
    )
    assert "I can only read text" in chat.new_output()[0]


async def test_group_chat_is_refused_and_nothing_stored(chat: ChatSession) -> None:
    group = {"id": -100200300, "type": "supergroup", "title": "Ward team"}
    await chat.send_update(
        chat.stand_in.text_update(chat.person.user_id, chat.person.name, "/start", chat=group)
    )
    replies = chat.stand_in.sent("sendMessage")
    assert len(replies) == 1
    assert int(replies[0]["chat_id"]) == -100200300
    assert "only work in private chats" in str(replies[0]["text"])
    assert "1201" in str(replies[0]["text"])  # nothing in a group is read: helplines always
    # Ordinary group chatter is ignored silently.
    await chat.send_update(
        chat.stand_in.text_update(chat.person.user_id, chat.person.name, "hi all", chat=group)
    )
    assert len(chat.stand_in.sent("sendMessage")) == 1
    assert await chat.application.bot_data.services.storage.users.count() == 0


async def test_edited_message(chat: ChatSession) -> None:
    await chat.send_update(
        chat.stand_in.text_update(chat.person.user_id, chat.person.name, "typo fixed", edited=True)
    )
    assert "edited a message" in chat.new_output()[0]


async def test_stale_button(chat: ChatSession) -> None:
    await chat.send_update(
        chat.stand_in.callback_update(
            chat.person.user_id, chat.person.name, chat.person.user_id, 999, "reflect:old:step"
        )
    )
    assert "no longer does anything" in chat.new_output()[0]
    assert chat.stand_in.sent("answerCallbackQuery")


async def test_plain_text_before_enrolment_stores_nothing(chat: ChatSession) -> None:
    await chat.say("hello?")
    assert "I didn't keep that. To begin, tap" in chat.new_output()[0]
    await chat.say("/journal a secret")
    assert chat.new_output()[0] == (
        "Let's set you up first: say yes on my welcome message (send /start to see it). "
        "Nothing you send before that is kept."
    )
    assert await chat.application.bot_data.services.storage.users.count() == 0


async def test_handler_error_is_apologised_for_and_logged_without_text(
    chat: ChatSession, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(CANARY)

    # Swap the /help callback for one that fails, to exercise the global error handler.
    for handlers in chat.application.handlers.values():
        for handler in handlers:
            if getattr(handler, "callback", None) is help_module.help_command:
                monkeypatch.setattr(handler, "callback", broken)
    caplog.set_level(logging.DEBUG)
    await chat.say("/help")
    assert "Something went wrong on my side" in chat.new_output()[0]
    assert any(r.__dict__.get("error_type") == "RuntimeError" for r in caplog.records)
    for record in caplog.records:
        assert CANARY not in record.getMessage()
        assert CANARY not in str(record.__dict__)


async def test_logs_never_contain_message_text(
    chat: ChatSession, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    await enrol(chat)
    await chat.say(CANARY)
    await chat.say(f"/unknown {CANARY}")
    assert caplog.records  # PTB and Kindred did log at DEBUG
    for record in caplog.records:
        assert "CANARY" not in record.getMessage()
        assert "CANARY" not in str(record.__dict__)
        if record.levelno >= logging.INFO:  # what production writes (KINDRED_LOG_LEVEL=INFO)
            assert str(chat.person.user_id) not in str(record.__dict__)
