"""Words a person sent where the bot could not take them yet (a crisis reply went out alone, or
set-up asked for a button): kept in the conversation state, which is stored encrypted, until the
bot can ask whether to save them in the journal. Never saved unasked."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

State = dict[str, Any]

# An offer to save that nobody answered lapses: its words are not saved, and words sent later
# start an offer of their own instead of joining them. A walkthrough's one offer grew over five
# days ("save these 6 messages? They begin 'ugh 2 2/5 tbh day off…'") and was then saved unasked
# when another flow began, with a question about privacy in it.
OFFER_LAPSES_AFTER = timedelta(hours=12)


def offer_lapsed(state: State | None, now: datetime) -> bool:
    """Whether this state is an offer to save, last asked longer than ``OFFER_LAPSES_AFTER``
    ago. Words held unasked (under a crisis reply) wait for their question."""
    if state is None or state.get("flow") != "journal_offer" or not state.get("asked"):
        return False
    since = state.get("asked_at")
    return isinstance(since, str) and now - datetime.fromisoformat(since) > OFFER_LAPSES_AFTER


def hold(state: State, text: str) -> None:
    """Adds the words to those already held in this state (a second message joins the first)."""
    previous = state.get("held")
    state["held"] = f"{previous}\n\n{text}" if previous else text
    state["held_count"] = int(state.get("held_count") or 0) + 1


def offer_state(state: State, now: datetime) -> State | None:
    """The journal offer for the words held in this state, or None if it holds none."""
    if not state.get("held"):
        return None
    return {
        "flow": "journal_offer",
        "text": str(state["held"]),
        "count": int(state.get("held_count") or 1),
        "asked_at": now.isoformat(),
    }
