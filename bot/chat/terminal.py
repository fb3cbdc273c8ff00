"""``kindred chat``: the real application, driven from a terminal through the Bot API stand-in.

Contract (scripts rely on it):

* each bot message is printed as its text, its buttons below it as ``[1] Label``; a blank line
  follows every message;
* an input line is sent as a message (commands included); ``[n]`` presses button n of the latest
  message that has buttons; ``:clock 2026-12-01T18:30`` sets the bot's clock and runs what is due;
  ``:quit`` exits; so does the end of input;
* every line is fully processed, and its replies printed, before the next line is read;
* documents and photos are written to the outbox and printed as ``[file] PATH`` / ``[photo] PATH``;
* lines starting with ``!`` are the harness talking (errors in your input), not the bot.
"""

from __future__ import annotations

import asyncio
import re
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from telegram import Update

from bot.application import build_application
from bot.chat.bot_api import BotApiStandIn, Button, Shown, StandInRequest
from bot.clock import ManualClock
from bot.context import KindredApplication
from bot.jobs import run_due_jobs
from bot.settings import Settings
from storage.crypto import MasterKey

BUTTON_PRESS = re.compile(r"^\[(\d+)\]$")


@dataclass
class ChatPerson:
    user_id: int
    name: str
    language_code: str | None = None


class ChatSession:
    """One person talking to the application; usable from the terminal and from tests."""

    def __init__(
        self,
        application: KindredApplication,
        stand_in: BotApiStandIn,
        clock: ManualClock,
        person: ChatPerson,
        timezone: str,
    ) -> None:
        self.application = application
        self.stand_in = stand_in
        self.clock = clock
        self.person = person
        self.timezone = ZoneInfo(timezone)
        self._printed = 0

    async def send_update(self, update_json: dict[str, object]) -> None:
        update = Update.de_json(update_json, self.application.bot)
        await self.application.process_update(update)

    async def say(self, text: str) -> None:
        await self.send_update(
            self.stand_in.text_update(
                self.person.user_id,
                self.person.name,
                text,
                language_code=self.person.language_code,
            )
        )

    def _latest_buttons(self) -> tuple[Shown, list[Button]] | None:
        """The newest message that still has buttons, as the person's chat shows it now."""
        seen: set[int] = set()
        for item in reversed(self.stand_in.shown):
            if item.chat_id != self.person.user_id or item.message_id in seen:
                continue
            seen.add(item.message_id)  # later edits of a message replace its earlier states
            exists = (item.chat_id, item.message_id) in self.stand_in.messages
            if exists and item.buttons:
                return item, item.buttons
        return None

    async def press(self, number: int) -> str | None:
        """Press button ``number`` (1-based); returns an error sentence if that is impossible."""
        found = self._latest_buttons()
        if found is None:
            return "There is no message with buttons to press."
        item, buttons = found
        if not 1 <= number <= len(buttons):
            return f"That message has buttons 1 to {len(buttons)}."
        button = buttons[number - 1]
        if button.callback_data is None:
            await self.say(button.label)
        else:
            await self.send_update(
                self.stand_in.callback_update(
                    self.person.user_id,
                    self.person.name,
                    item.chat_id,
                    item.message_id,
                    button.callback_data,
                    self.person.language_code,
                )
            )
        return None

    async def set_clock(self, text: str) -> str | None:
        try:
            moment = datetime.fromisoformat(text.strip())
        except ValueError:
            return "Write the time as :clock 2026-12-01T18:30"
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=self.timezone)
        self.clock.set(moment)
        await run_due_jobs(self.application.bot_data.services, self.application.bot)
        return None

    async def handle_line(self, line: str) -> str | None:
        """Process one input line; returns a harness error sentence, or None."""
        stripped = line.strip()
        if not stripped:
            return None
        pressed = BUTTON_PRESS.match(stripped)
        if pressed:
            return await self.press(int(pressed.group(1)))
        if stripped.startswith(":clock"):
            return await self.set_clock(stripped.removeprefix(":clock"))
        if stripped.startswith(":") and stripped != ":quit":
            return f"Unknown harness command {stripped.split()[0]}; use :clock or :quit."
        await self.say(line.rstrip("\n"))
        return None

    def new_output(self) -> list[str]:
        """What the person saw since the last call, formatted by the contract above."""
        lines: list[str] = []
        for item in self.stand_in.shown[self._printed :]:
            if item.chat_id != self.person.user_id:
                continue
            if item.kind == "markup" and not item.buttons:
                continue  # buttons taken away after a press: nothing new to read
            if item.text:
                lines.append(item.text)
            if item.kind == "document" and item.file_path is not None:
                lines.append(f"[file] {item.file_path}")
            if item.kind == "photo" and item.file_path is not None:
                lines.append(f"[photo] {item.file_path}")
            for index, button in enumerate(item.buttons, start=1):
                lines.append(f"[{index}] {button.label}")
            lines.append("")
        self._printed = len(self.stand_in.shown)
        return lines


async def open_chat(
    settings: Settings, master_key: MasterKey, person: ChatPerson, outbox: Path
) -> ChatSession:
    stand_in = BotApiStandIn(outbox=outbox)
    clock = ManualClock()
    application = build_application(
        settings,
        master_key=master_key,
        clock=clock,
        request=StandInRequest(stand_in),
        get_updates_request=StandInRequest(stand_in),
    )
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    session = ChatSession(application, stand_in, clock, person, settings.timezone)
    session.new_output()  # the command menu etc. is not chat output
    return session


async def close_chat(session: ChatSession) -> None:
    application = session.application
    if application.post_shutdown is not None:
        await application.post_shutdown(application)
    await application.shutdown()


async def run_terminal_chat(
    session: ChatSession, source: TextIO = sys.stdin, sink: TextIO = sys.stdout
) -> None:
    interactive = source.isatty()
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            sink.write("you> ")
            sink.flush()
        # Reading stdin blocks, so it happens off the event loop.
        line = await loop.run_in_executor(None, source.readline)
        if line == "" or line.strip() == ":quit":
            break
        error = await session.handle_line(line)
        output = session.new_output()
        if error:
            output.insert(0, f"! {error}")
        if output:
            sink.write("\n".join(output) + "\n")
            sink.flush()
