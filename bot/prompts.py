"""Every sentence the bot says lives in ``prompts/<language>.json``; handlers ask for keys.

A value is either one string or a list of variants (the bot picks one so the same wording does not
come back every day). Placeholders use ``{name}`` and must match across languages.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import string
from datetime import date
from pathlib import Path

from bot.settings import SUPPORTED_LANGUAGES

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"

PromptValue = str | list[str]


class PromptError(Exception):
    pass


def language_from_telegram(language_code: str | None, default: str) -> str:
    """Telegram's client language as our language, e.g. 'he-IL' -> 'he'."""
    if language_code:
        base = language_code.split("-")[0].lower()
        if base in SUPPORTED_LANGUAGES:
            return base
    return default


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Right-to-left languages: a command or a range of numbers inside a sentence is laid out by the
# Unicode bidirectional algorithm, which shows "/supervision" as "supervision/" and
# "22:00–08:00" as "08:00–22:00" in a Hebrew line (an en dash is a neutral). A left-to-right mark
# (U+200E, invisible) before the slash keeps the command as written, and Telegram still links it;
# a hyphen between numbers joins them into one number run, as "22:00-08:00" is typed, in lines
# of either direction. A line that starts with a command starts with a right-to-left mark too, so
# the line reads right to left like the rest ("/checkin — לספר…" with the command at the right).
# Chart texts are drawn by matplotlib after their own reordering (visual()).
RIGHT_TO_LEFT = frozenset({"he"})
LRM = "\u200e"
RLM = "\u200f"
_LINE_START = re.compile(r"(?m)^(?=\u200e/)")
_COMMAND = re.compile(r"(?<![\w/\u200e])/(?=[a-z{])")  # "{" : "/{command}" filled in later
_NUMBER_RANGE = re.compile(r"(?<=[\d}])–(?=[\d{])")


def _direct(text: str) -> str:
    return _LINE_START.sub(RLM, _NUMBER_RANGE.sub("-", _COMMAND.sub(f"{LRM}/", text)))


def _directed(language: str, key: str, value: PromptValue) -> PromptValue:
    if language not in RIGHT_TO_LEFT or key.startswith("chart."):
        return value
    return _direct(value) if isinstance(value, str) else [_direct(text) for text in value]


class Prompts:
    def __init__(
        self, catalogues: dict[str, dict[str, PromptValue]], default_language: str
    ) -> None:
        self._catalogues = catalogues
        self.default_language = default_language

    @classmethod
    def load(cls, default_language: str = "en", directory: Path = PROMPTS_DIR) -> Prompts:
        catalogues: dict[str, dict[str, PromptValue]] = {}
        for language in SUPPORTED_LANGUAGES:
            path = directory / f"{language}.json"
            try:
                raw = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise PromptError(f"cannot read prompts file {path}: {exc}") from exc
            catalogues[language] = {
                str(key): _directed(language, str(key), value)
                for key, value in raw.items()
                if not str(key).startswith("_")
            }
        return cls(catalogues, default_language)

    @property
    def languages(self) -> list[str]:
        return list(self._catalogues)

    def keys(self, language: str) -> set[str]:
        return set(self._catalogues[language])

    def raw(self, language: str, key: str) -> PromptValue:
        catalogue = self._catalogues.get(language) or self._catalogues[self.default_language]
        if key not in catalogue:
            raise PromptError(f"prompt {key!r} is missing for language {language!r}")
        return catalogue[key]

    def variants(self, language: str, key: str) -> list[str]:
        value = self.raw(language, key)
        return [value] if isinstance(value, str) else list(value)

    def text(self, language: str, key: str, /, **values: object) -> str:
        """The prompt, filled in; one of its wordings at random when it has several."""
        options = self.variants(language, key)
        return options[random.randrange(len(options))].format(**values)

    def variant_text(self, language: str, key: str, index: int, /, **values: object) -> str:
        options = self.variants(language, key)
        return options[index % len(options)].format(**values)

    def daily(self, language: str, key: str, *, user_id: str, on: date, **values: object) -> str:
        """A variant that changes from one day to the next for this person (never the same
        wording two days running when there are several)."""
        count = len(self.variants(language, key))
        offset = int(hashlib.sha256(f"{user_id}:{key}".encode()).hexdigest()[:8], 16)
        return self.variant_text(language, key, (offset + on.toordinal()) % count, **values)
