"""Hostile input: more than a thousand generated updates through the real Application.

Every kind of update Telegram can deliver, and some it should not: texts at and over 4 096
characters, right-to-left and zero-width characters, emoji sequences, lone surrogates, forged and
stale callback data, edits, channel posts, groups and supergroups, forwards, media, commands with
garbage arguments, unknown people. Each must be answered sensibly or ignored, no exception may
reach the error handler, and the store must be intact with every earlier entry readable.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
from pathlib import Path
from typing import Any

import pytest

from bot.chat.terminal import ChatPerson, ChatSession, close_chat, open_chat
from bot.services.own_data import all_entries
from storage.crypto import MasterKey
from tests.support.factories import make_settings
from tests.support.flows import onboard

JSON = dict[str, Any]
SEED = 20261126
UPDATES = 1200

ENROLLED = [ChatPerson(101, "Dana"), ChatPerson(102, "Lior"), ChatPerson(103, "Noa", "he")]
STRANGER = ChatPerson(999, "Stranger")
EARLIER_ENTRIES = [
    "Long shift. The new patient reminded me of my first admission, and I noticed it.",
    "Quiet evening, tea and a walk.",
    "שיחה טובה עם המדריכה שלי היום.",
]

TEXTS = [
    "x" * 4096,
    "y" * 4097,
    "long " * 3000,
    "שלום, היום היה קשה" * 300,
    "\u202eevil right-to-left override\u202c",
    "\u200b\u200c\u200d\ufeff",  # zero-width only
    "👩‍👩‍👧‍👦🏳️‍🌈🇮🇱👍🏽" * 20,
    "Z̷̢̛̙a̸̰̓l̴̞̈́g̷̱̈o̶̗͝ text",
    "lone \ud800 surrogate",
    "\udfff",
    "مرحبا بالعالم",
    "\x00\x01\x02 control",
    "' OR 1=1; DROP TABLE users; --",
    "{name} {0} %s %(x)s",
    "<b>html</b> *markdown* _x_ `code` [link](http://example.invalid)",
    "   ",
    "Her fear of the ward round was my fear; I had to sit down.",
    "I noticed her story pulling at me and I stayed in my role.",
]
COMMANDS = [
    "/start",
    "/start garbage-payload",
    "/help me",
    "/checkin now please",
    "/reflect 🤷",
    "/journal",
    "/journal " + "z" * 5000,
    "/journal \ud83d",
    "/entries -1",
    "/entries 99999999999999999999",
    "/supervision ../../etc/passwd",
    "/mytrends 1970",
    "/settings ;",
    "/pause abc",
    "/pause -3",
    "/pause 99999999999",
    "/pause 3.5",
    "/resume now",
    "/export " + "e" * 300,
    "/delete",
    "/cancel everything",
    "/join",
    "/join ' OR 1=1 --",
    "/trends North",
    "/digest maybe",
    "/unknown_command",
    "/start@SomeOtherBot",
    "/",
    "/ ",
    "//",
]
FORGED_CALLBACKS = [
    "ci:2026-13-45:r:9",
    "ci:9999-01-01:r:3",
    "ci:2026-12-01:r:",
    "ob:../../",
    "ob:lang:xx",
    "ob:tz:Mars/Base",
    "rf:step:999",
    "en:view:not-an-id",
    "en:page:-5",
    "ac:delete:yes",
    "tr:99",
    "tr:-1",
    "cr:continue",
    "cr:helplines",
    "hp:show",
    "consent:yes",
    "x" * 64,
    "🙂",
    ":",
]
MEDIA: list[JSON] = [
    {
        "sticker": {
            "file_id": "s",
            "file_unique_id": "s",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
    },
    {"photo": [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]},
    {"voice": {"file_id": "v", "file_unique_id": "v", "duration": 3}},
    {"document": {"file_id": "d", "file_unique_id": "d", "file_name": "notes.txt"}},
    {"video_note": {"file_id": "n", "file_unique_id": "n", "length": 1, "duration": 1}},
    {"location": {"latitude": 32.08, "longitude": 34.78}},
    {"contact": {"phone_number": "+972500000000", "first_name": "Someone"}},
    {"dice": {"emoji": "🎲", "value": 4}},
    {
        "photo": [{"file_id": "p2", "file_unique_id": "p2", "width": 9, "height": 9}],
        "caption": "my journal as a photo",
    },
]


class Storm:
    """Builds raw update JSON, as Telegram would send it, from a seeded random source."""

    def __init__(self, chat: ChatSession) -> None:
        self.chat = chat
        self.random = random.Random(SEED)
        self.ids = itertools.count(50_000)

    def _private_chat(self, person: ChatPerson) -> JSON:
        return {"id": person.user_id, "type": "private", "first_name": person.name}

    def _from(self, person: ChatPerson) -> JSON:
        return {
            "id": person.user_id,
            "is_bot": False,
            "first_name": person.name,
            "language_code": person.language_code or "en",
        }

    def _message(self, person: ChatPerson, chat: JSON, **content: Any) -> JSON:
        message: JSON = {
            "message_id": next(self.ids),
            "date": int(time.time()),
            "chat": chat,
            "from": self._from(person),
            **content,
        }
        text = content.get("text")
        if isinstance(text, str) and text.startswith("/") and len(text) > 1:
            length = len(text.split(" ", 1)[0])
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return message

    def person(self) -> ChatPerson:
        # Dana keeps the earlier entries and stays out of the storm; the others may do anything,
        # including deleting their own account.
        return self.random.choice([*ENROLLED[1:], *ENROLLED[1:], STRANGER])

    def update(self) -> tuple[str, JSON, ChatPerson]:
        kind = self.random.choices(
            [
                "text",
                "command",
                "callback",
                "stale",
                "edit",
                "forward",
                "media",
                "group",
                "supergroup",
                "channel",
                "inline_callback",
                "member",
            ],
            weights=[20, 20, 12, 6, 6, 5, 10, 6, 5, 4, 3, 3],
        )[0]
        person = self.person()
        private = self._private_chat(person)
        body: JSON
        if kind == "text":
            body = {"message": self._message(person, private, text=self.random.choice(TEXTS))}
        elif kind == "command":
            body = {"message": self._message(person, private, text=self.random.choice(COMMANDS))}
        elif kind in ("callback", "stale"):
            if kind == "stale" and self.chat.stand_in.messages:
                chat_id, message_id = self.random.choice(sorted(self.chat.stand_in.messages))
                message = self.chat.stand_in.messages[(chat_id, message_id)]
                markup = message.get("reply_markup") or {}
                rows = markup.get("inline_keyboard") or [[{"callback_data": "ci:2020-01-01:off"}]]
                data = self.random.choice(self.random.choice(rows)).get("callback_data", "x")
            else:
                message = self._message(person, private, text="an old message")
                data = self.random.choice(FORGED_CALLBACKS)
            body = {
                "callback_query": {
                    "id": str(next(self.ids)),
                    "from": self._from(person),
                    "chat_instance": "1",
                    "message": message,
                    "data": data,
                }
            }
        elif kind == "edit":
            edited = self._message(
                person, private, text=self.random.choice(TEXTS), edit_date=int(time.time())
            )
            body = {"edited_message": edited}
        elif kind == "forward":
            origin = {"type": "hidden_user", "date": int(time.time()), "sender_user_name": "X"}
            body = {
                "message": self._message(
                    person, private, text=self.random.choice(TEXTS), forward_origin=origin
                )
            }
        elif kind == "media":
            body = {"message": self._message(person, private, **self.random.choice(MEDIA))}
        elif kind in ("group", "supergroup"):
            group = {"id": -100 - self.random.randrange(3), "type": kind, "title": "Ward team"}
            text = self.random.choice([*COMMANDS, *TEXTS, "@kindred_test_bot hello"])
            body = {"message": self._message(person, group, text=text)}
        elif kind == "channel":
            channel = {"id": -1001234, "type": "channel", "title": "News"}
            post = {
                "message_id": next(self.ids),
                "date": int(time.time()),
                "chat": channel,
                "text": self.random.choice(TEXTS),
            }
            key = self.random.choice(["channel_post", "edited_channel_post"])
            if key == "edited_channel_post":
                post["edit_date"] = int(time.time())
            body = {key: post}
        elif kind == "inline_callback":
            body = {
                "callback_query": {
                    "id": str(next(self.ids)),
                    "from": self._from(person),
                    "chat_instance": "2",
                    "inline_message_id": "abc",
                    "data": self.random.choice(FORGED_CALLBACKS),
                }
            }
        else:
            body = {
                "my_chat_member": {
                    "chat": private,
                    "from": self._from(person),
                    "date": int(time.time()),
                    "old_chat_member": {
                        "status": "member",
                        "user": {"id": 1, "is_bot": True, "first_name": "Kindred"},
                    },
                    "new_chat_member": {
                        "status": "kicked",
                        "until_date": 0,
                        "user": {"id": 1, "is_bot": True, "first_name": "Kindred"},
                    },
                }
            }
        return kind, {"update_id": next(self.ids), **body}, person


def calls_to(chat: ChatSession, since: int, chat_id: int) -> list[tuple[str, JSON]]:
    return [
        (method, params)
        for method, params in chat.stand_in.calls[since:]
        if str(params.get("chat_id")) == str(chat_id)
    ]


MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"


@pytest.fixture(params=["lexicon", "model"])
async def storm_chat(request: pytest.FixtureRequest, tmp_path: Path, master_key: MasterKey) -> Any:
    """Once with the crisis lexicon only, once with the trained model scoring every text."""
    overrides: dict[str, Any] = {"rate_limit": False}  # tested on its own in test_reliability
    if request.param == "model":
        if not (MODEL_DIR / "meta.json").exists():
            pytest.fail("the classifier is not built: run 'make setup' (or make model)")
        overrides["model_dir"] = MODEL_DIR
    settings = make_settings(tmp_path, **overrides)
    session = await open_chat(settings, master_key, ENROLLED[0], tmp_path / "outbox")
    if session.application.bot_data.background:
        await asyncio.wait(session.application.bot_data.background, timeout=60)
    if request.param == "model":
        assert session.application.bot_data.services.analyser.model is not None
    yield session
    await close_chat(session)


async def test_a_thousand_hostile_updates(
    storm_chat: ChatSession, caplog: pytest.LogCaptureFixture
) -> None:
    chat = storm_chat
    storage = chat.application.bot_data.services.storage
    people: dict[int, ChatSession] = {}
    for person in ENROLLED:
        session = ChatSession(chat.application, chat.stand_in, chat.clock, person, "UTC")
        await onboard(session) if person.language_code != "he" else await _onboard_hebrew(session)
        people[person.user_id] = session
    first = people[ENROLLED[0].user_id]
    for entry in EARLIER_ENTRIES:
        await first.say(f"/journal {entry}")
    dana = await storage.users.find_by_telegram_id(ENROLLED[0].user_id)
    assert dana is not None
    before = [entry.text for entry in await all_entries(storage, dana.id)]
    assert sorted(before) == sorted(EARLIER_ENTRIES)

    storm = Storm(chat)
    unanswered: list[tuple[str, JSON]] = []
    noisy: list[tuple[str, JSON]] = []
    kinds: dict[str, int] = {}
    for _ in range(UPDATES):
        kind, update, person = storm.update()
        kinds[kind] = kinds.get(kind, 0) + 1
        mark = len(chat.stand_in.calls)
        await chat.send_update(update)
        new_calls = chat.stand_in.calls[mark:]
        if "callback_query" in update:
            answered = [
                p
                for m, p in new_calls
                if m == "answerCallbackQuery"
                and p.get("callback_query_id") == update["callback_query"]["id"]
            ]
            if not answered:
                unanswered.append((kind, update))
        elif kind in ("text", "command", "edit", "forward", "media"):
            if not calls_to(chat, mark, person.user_id):
                unanswered.append((kind, update))
        elif kind in ("channel", "member"):
            if new_calls:
                noisy.append((kind, update))
        elif kind in ("group", "supergroup"):
            to_group = [p for m, p in new_calls if str(p.get("chat_id", "")).startswith("-")]
            if len(to_group) > 1 or len(new_calls) > len(to_group):
                noisy.append((kind, update))

    assert sum(kinds.values()) >= 1000 and len(kinds) == 12, kinds
    failures = [r for r in caplog.records if r.getMessage() == "update failed"]
    assert not failures, [getattr(r, "error_type", "?") for r in failures]
    assert not unanswered, [
        (
            k,
            u.get("callback_query", {}).get("data"),
            u.get("callback_query", {}).get("from", {}).get("id"),
            str(u.get("message", {}).get("text", ""))[:30],
        )
        for k, u in unanswered
    ][:12]
    assert not noisy, noisy[:3]
    # Nothing sent back to a group or channel ever quotes what was written there.
    for _method, params in chat.stand_in.calls:
        if str(params.get("chat_id", "")).startswith("-"):
            assert all(
                text[:40] not in str(params.get("text", "")) for text in TEXTS if text.strip()
            )

    assert await storage.database.integrity_ok()
    dana = await storage.users.find_by_telegram_id(ENROLLED[0].user_id)
    assert dana is not None
    assert sorted(entry.text for entry in await all_entries(storage, dana.id)) == sorted(
        EARLIER_ENTRIES
    )
    # Every entry of every account still decrypts.
    for user_id in await storage.users.list_ids():
        for stored in await all_entries(storage, user_id):
            assert isinstance(stored.text, str)


async def _onboard_hebrew(session: ChatSession) -> None:
    await session.say("/start")
    await session.press(1)  # consent
    await session.press(2)  # עברית
    for _ in range(8):
        if await session.press(1) is not None:
            break
