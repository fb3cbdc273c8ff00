"""What a flag quotes back: the clause that carried it, and the turn that follows it."""

from __future__ import annotations

import re

# A clause that turns the one before it ("…and it hurt" / "but it was right").
_TURN = re.compile(
    r"[\s,;]*((?:but|though|although|yet|אבל|למרות)\b[^.!?;\n]*[.!?]?)", re.IGNORECASE
)


def with_its_turn(text: str, evidence: str) -> str:
    """The evidence, with the clause right after it in the text when that clause turns it.

    The model hands back the clause that scored highest; cut before "but it was right", the
    healthy end was dropped and the rest read as a charge against the person (a safety
    review). Evidence not found word for word in the text is returned as it is."""
    start = text.find(evidence)
    if not evidence or start < 0:
        return evidence
    end = start + len(evidence)
    turn = _TURN.match(text, end)
    return text[start : turn.end()] if turn else evidence
