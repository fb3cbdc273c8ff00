"""Labels for matplotlib charts in the person's language.

matplotlib 3.11 and later lay text out with libraqm, which applies the bidirectional algorithm:
Hebrew labels are passed as written. Older builds lay text out strictly left to right; for them a
Hebrew label is reversed so it reads right to left, with runs of digits and Latin letters turned
back so "1–5" or "%" stay as written.
"""

from __future__ import annotations

import re
from functools import cache

_LEFT_TO_RIGHT_RUN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:%+\-–/ ]*[0-9A-Za-z%]|[0-9A-Za-z]")
_MIRRORED = str.maketrans("()[]<>", ")(][><")


@cache
def renderer_does_bidi() -> bool:
    from matplotlib import ft2font

    return bool(getattr(ft2font, "__libraqm_version__", None))


def reversed_for_left_to_right(text: str) -> str:
    reversed_text = text[::-1].translate(_MIRRORED)
    return _LEFT_TO_RIGHT_RUN.sub(lambda match: match.group(0)[::-1], reversed_text)


def visual(text: str, language: str) -> str:
    if language != "he" or renderer_does_bidi():
        return text
    return reversed_for_left_to_right(text)
