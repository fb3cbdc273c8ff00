"""Words a person sent where the bot could not take them yet (a crisis reply went out alone, or
set-up asked for a button): kept in the conversation state, which is stored encrypted, until the
bot can ask whether to save them in the journal. Never saved unasked."""

from __future__ import annotations

from typing import Any

State = dict[str, Any]


def hold(state: State, text: str) -> None:
    """Adds the words to those already held in this state (a second message joins the first)."""
    previous = state.get("held")
    state["held"] = f"{previous}\n\n{text}" if previous else text
    state["held_count"] = int(state.get("held_count") or 0) + 1


def offer_state(state: State) -> State | None:
    """The journal offer for the words held in this state, or None if it holds none."""
    if not state.get("held"):
        return None
    return {
        "flow": "journal_offer",
        "text": str(state["held"]),
        "count": int(state.get("held_count") or 1),
    }
