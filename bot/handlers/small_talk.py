"""Answers to short everyday messages outside a flow (``bot.services.small_talk``): a greeting,
thanks, a good night, a question about Kindred. They get a short answer of their own, not
"save that in your journal?"."""

from __future__ import annotations

from bot.context import KindredContext
from bot.handlers.common import helplines_text, send, text
from bot.services.schedule import sends_checkins
from bot.services.small_talk import SmallTalk
from storage.records import UserRecord


async def answer(context: KindredContext, user: UserRecord, kind: SmallTalk) -> None:
    if kind is SmallTalk.ABOUT:
        # "what can you do?" is what /help answers, helplines included.
        body = text(context, user, "help", helplines=helplines_text(context, user.language))
    elif kind is SmallTalk.TALK_TO_SOMEONE:
        body = text(
            context,
            user,
            "small_talk.helplines",
            helplines=helplines_text(context, user.language),
        )
    elif kind is SmallTalk.PAUSE and not sends_checkins(user.schedule):
        # Already on "Only when I ask": how to pause is not the answer.
        body = text(context, user, "small_talk.pause_none")
    else:
        body = text(context, user, f"small_talk.{kind.value}")
    await send(context, user, body)
