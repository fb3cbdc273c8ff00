"""Driving the real application like a person would, for flow tests."""

from __future__ import annotations

from bot.chat.terminal import ChatSession


async def onboard(chat: ChatSession, presses: int = 12) -> list[str]:
    """/start, then the first button until set-up is done; returns everything shown."""
    await chat.say("/start")
    shown = chat.new_output()
    for _ in range(presses):
        error = await chat.press(1)
        shown += chat.new_output()
        if error is not None or any("You're all set" in line for line in shown):
            break
    assert any("You're all set" in line for line in shown), shown
    return shown


def joined(chat: ChatSession) -> str:
    return "\n".join(chat.new_output())


async def press_data(chat: ChatSession, message_id: int, data: str) -> None:
    """Press a button by its data on a message of this person's chat, as an old or forwarded
    copy of it would be pressed (the newest buttons are what ``chat.press`` reaches)."""
    person = chat.person
    await chat.send_update(
        chat.stand_in.callback_update(
            person.user_id, person.name, person.user_id, message_id, data, person.language_code
        )
    )
