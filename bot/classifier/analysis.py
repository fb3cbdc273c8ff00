"""The one interface the bot uses to analyse what a person writes.

``analyse`` runs the crisis lexicon (fast, inline), for Hebrew text the n-gram crisis scorer built
with the model, and, for English text, the over-identification model in a worker thread so the
event loop never waits on inference. The model loads in the background after start (well under a
second here): commands and buttons are answered at once, and a text that arrives meanwhile waits
for the model, up to ``MODEL_WAIT_SECONDS``, because the model hears crisis in ordinary words the
lexicon cannot ("i took all my pills" was missed by the lexicon alone when a safety check sent it
the moment the bot started). If the model is missing or broken, texts are checked by the lexicons
alone and reported as not analysed for over-identification.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from bot.classifier.crisis import CrisisDetector
from bot.classifier.crisis_he import hebrew_letters
from bot.classifier.crisis_he_ngrams import HebrewCrisisScorer, is_hebrew_text


@dataclass(frozen=True)
class TextAnalysis:
    text: str
    analysed: bool  # False: not scored for over-identification (language, or model not ready)
    overidentification: float | None
    flag: bool
    evidence: str | None
    crisis: bool

    def as_json(self) -> dict[str, object]:
        return {
            "text": self.text,
            "analysed": self.analysed,
            "overidentification": self.overidentification,
            "flag": self.flag,
            "evidence": self.evidence,
            "crisis": self.crisis,
        }


@dataclass(frozen=True)
class OverIdScore:
    score: float
    flag: bool
    evidence: str | None
    crisis: bool = False  # the model's crisis head (English); the lexicon is checked as well


class OverIdentificationModel(Protocol):
    """Scores English texts; blocking, so it is only ever called from a worker thread."""

    @property
    def crisis_with_lexicon(self) -> bool:
        """Whether English crisis checks also use the lexicon when this model is loaded."""
        ...

    @property
    def hebrew_crisis(self) -> HebrewCrisisScorer | None:
        """Built with the model: adds Hebrew crisis alarms to the lexicon's (None: lexicon only)."""
        ...

    def score(self, texts: list[str]) -> list[OverIdScore]: ...


_LATIN = re.compile(r"[A-Za-z]")


def is_english(text: str) -> bool:
    """Text the English encoder can read: mostly Latin letters, no more than a little Hebrew."""
    latin = len(_LATIN.findall(text))
    hebrew = hebrew_letters(text)
    return latin >= 3 and hebrew * 4 <= latin


def is_mostly_hebrew(text: str) -> bool:
    """Text written in Hebrew (a few Latin words inside are fine)."""
    hebrew = hebrew_letters(text)
    return hebrew >= 3 and hebrew >= len(_LATIN.findall(text))


# How long a text waits for a model that is still loading before the lexicons check it alone.
MODEL_WAIT_SECONDS = 20.0


class TextAnalyser:
    def __init__(self, model: OverIdentificationModel | None = None) -> None:
        self.crisis_detector = CrisisDetector()
        self.model = model
        self._loading: asyncio.Task[None] | None = None

    def set_model(self, model: OverIdentificationModel) -> None:
        self.model = model

    def loading(self, load: Coroutine[Any, Any, None]) -> asyncio.Task[None]:
        """Starts loading the model in the background; texts analysed meanwhile wait for it."""
        self._loading = asyncio.create_task(load)
        return self._loading

    async def analyse(self, texts: list[str]) -> list[TextAnalysis]:
        if self.model is None and self._loading is not None and not self._loading.done():
            # asyncio.wait, not wait_for: a text that gives up waiting must not cancel the load.
            await asyncio.wait({self._loading}, timeout=MODEL_WAIT_SECONDS)
        if self.model is None:
            return self.analyse_sync(texts)  # lexicon only: microseconds, fine on the loop
        return await asyncio.to_thread(self.analyse_sync, texts)

    def analyse_sync(self, texts: list[str]) -> list[TextAnalysis]:
        """Blocking: call from a worker thread (or a CLI)."""
        model = self.model
        english = [i for i, text in enumerate(texts) if is_english(text)]
        english_set = set(english)
        # The lexicon always covers Hebrew and other text, and English until the model is loaded.
        lexicon_for_english = model is None or model.crisis_with_lexicon
        hebrew = None if model is None else model.hebrew_crisis
        crisis = [
            (
                (lexicon_for_english or i not in english_set)
                and self.crisis_detector.check(text).crisis
            )
            or (
                hebrew is not None
                and i not in english_set
                and is_hebrew_text(text)
                and hebrew.check(text).crisis
            )
            for i, text in enumerate(texts)
        ]
        scores: dict[int, OverIdScore] = {}
        if model is not None and english:
            # A lone surrogate (possible in JSON, impossible in UTF-8) would stop the tokenizer.
            results = model.score(
                [texts[i].encode("utf-8", "replace").decode("utf-8") for i in english]
            )
            scores = dict(zip(english, results, strict=True))
        analyses = []
        for index, text in enumerate(texts):
            result = scores.get(index)
            in_crisis = crisis[index] or bool(result and result.crisis)
            # Crisis language gets helplines, never a reflective "flag" on top of them.
            flag = bool(result and result.flag) and not in_crisis
            analyses.append(
                TextAnalysis(
                    text=text,
                    analysed=result is not None,
                    overidentification=None if result is None else round(result.score, 4),
                    flag=flag,
                    evidence=result.evidence if result is not None and flag else None,
                    crisis=in_crisis,
                )
            )
        return analyses

    async def analyse_one(self, text: str) -> TextAnalysis:
        return (await self.analyse([text]))[0]
