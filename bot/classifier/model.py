"""The running classifier: int8 ONNX model + fast tokenizer, no torch.

Blocking by nature; the bot only calls it from worker threads (see ``analysis.TextAnalyser``).
Evidence for a flag is the clause that scores highest on its own.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.classifier.analysis import OverIdScore
from bot.classifier.crisis_he_ngrams import SCORER_FILE, HebrewCrisisScorer
from bot.classifier.dataset import MIN_WORDS_FOR_OVERID

# The model is part of the checkout (data/model beside bot/), wherever the command is run from.
DEFAULT_MODEL_DIR = Path(__file__).resolve().parents[2] / "data" / "model"

_CLAUSE = re.compile(
    r"(?<=[.!?;:])\s+|\n+|\s+[-–—]\s+|,\s*(?=(?:but|and|so|because|then|though|while)\b)"
    r"|\s+(?=(?:but|because|though)\b)",
    re.IGNORECASE,
)


# Where a long text may be cut into windows: after a sentence or a line, else between words.
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


def clauses(text: str) -> list[str]:
    parts = [part.strip(" ,") for part in _CLAUSE.split(text) if part and part.strip(" ,")]
    return [part for part in parts if len(part.split()) >= 2] or [text.strip()]


class ModelMissing(FileNotFoundError):
    pass


@dataclass(frozen=True)
class Scores:
    overidentification: float
    crisis: float


class OnnxClassifier:
    """Loads ``data/model`` as built by ``python -m bot.classifier.train``."""

    def __init__(self, directory: Path = DEFAULT_MODEL_DIR, threads: int = 1) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        meta_path = directory / "meta.json"
        if not meta_path.exists():
            raise ModelMissing(
                f"no classifier in {directory}; build it with 'python -m bot.classifier.train'"
            )
        self.meta = json.loads(meta_path.read_text(encoding="utf-8"))
        self.overid_threshold = float(self.meta["overid_threshold"])
        self.crisis_threshold = float(self.meta["crisis_threshold"])
        self.crisis_clauses = bool(self.meta.get("crisis_clauses", False))
        # Chosen on dev: whether the lexicon still adds recall for English once the model runs.
        # Whether the crisis head decides at all (the build rejects it if it alarms on everyday
        # replies); without it the lexicon decides, as before the model loaded.
        self.crisis_model = bool(self.meta.get("crisis_model", True))
        self.crisis_with_lexicon = (
            bool(self.meta.get("crisis_with_lexicon", True)) or not self.crisis_model
        )
        # Hebrew crisis, beside the lexicon: built with the model (older builds have none).
        scorer_path = directory / SCORER_FILE
        self.hebrew_crisis: HebrewCrisisScorer | None = (
            HebrewCrisisScorer.load(scorer_path) if scorer_path.exists() else None
        )
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.max_length = int(self.meta["max_length"])
        self._tokenizer.enable_truncation(max_length=self.max_length)
        # Counts the tokens of a whole text: the model reads only max_length of them.
        self._counter = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._counter.no_truncation()
        self._counter.no_padding()
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # noqa: S106 - a token, not a secret
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(directory / self.meta["onnx"]), options, providers=["CPUExecutionProvider"]
        )
        # The tokenizer is shared between worker threads; encode_batch is not re-entrant-safe.
        self._lock = threading.Lock()

    def raw_scores(self, texts: list[str]) -> list[Scores]:
        """Each text's scores; a text longer than the model reads scores as its highest window.

        The model sees max_length tokens (about 70 words) and would silently drop the rest, so a
        long journal entry whose last lines say "i've kept the tablets" would score as the ward
        detail before them. Scored window by window, the signal counts wherever it is."""
        windows = [self.windows(text) for text in texts]
        window_scores = iter(self._scores_in_batches([w for ws in windows for w in ws]))
        scores: list[Scores] = []
        for text_windows in windows:
            parts = [next(window_scores) for _ in text_windows]
            scores.append(
                Scores(
                    max(p.overidentification for p in parts),
                    max(p.crisis for p in parts),
                )
            )
        return scores

    def windows(self, text: str) -> list[str]:
        """The text itself if the model reads all of it; else runs of whole sentences that fit,
        each window starting with the last sentence of the one before (a signal across a sentence
        boundary stays whole); a sentence too long on its own is cut between words."""
        budget = self.max_length - 2  # [CLS] and [SEP]
        if self._tokens(text) <= budget:
            return [text]
        pieces: list[tuple[str, int]] = []
        for sentence in (part.strip() for part in _SENTENCE_END.split(text)):
            if sentence:
                pieces.extend(self._fit(sentence, budget, budget // 2))
        windows: list[str] = []
        start = 0
        while start < len(pieces):
            end, used = start, 0
            while end < len(pieces) and used + pieces[end][1] <= budget:
                used += pieces[end][1]
                end += 1
            end = max(end, start + 1)
            windows.append(" ".join(piece for piece, _ in pieces[start:end]))
            if end >= len(pieces):
                break
            start = end - 1 if end - 1 > start else end
        return windows

    def _fit(self, sentence: str, budget: int, part_budget: int) -> list[tuple[str, int]]:
        """A sentence with its token count; one longer than the budget is cut between words into
        parts of half a window, so that, with the overlap of one part between windows, any stretch
        of half a window (a line of about 35 words) is whole in some window."""
        count = self._tokens(sentence)
        if count <= budget:
            return [(sentence, count)]
        parts: list[tuple[str, int]] = []
        current: list[str] = []
        for word in sentence.split():
            if current and self._tokens(" ".join([*current, word])) > part_budget:
                part = " ".join(current)
                parts.append((part, self._tokens(part)))
                current = []
            current.append(word)
        if current:
            part = " ".join(current)
            parts.append((part, min(self._tokens(part), budget)))
        return parts

    def _tokens(self, text: str) -> int:
        with self._lock:
            return len(self._counter.encode(text, add_special_tokens=False).ids)

    def _scores_in_batches(self, texts: list[str]) -> list[Scores]:
        """Scores in batches of 64 (padding a huge batch to its longest text would waste time)."""
        # Similar lengths together: less padding, so large batches run faster.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered: list[Scores] = []
        for start in range(0, len(order), 64):
            ordered.extend(self._run([texts[i] for i in order[start : start + 64]]))
        scores: list[Scores] = [Scores(0.0, 0.0)] * len(texts)
        for position, index in enumerate(order):
            scores[index] = ordered[position]
        return scores

    def _run(self, texts: list[str]) -> list[Scores]:
        if not texts:
            return []
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
        input_ids = np.asarray([e.ids for e in encodings], dtype=np.int64)
        attention = np.asarray([e.attention_mask for e in encodings], dtype=np.int64)
        (logits,) = self._session.run(None, {"input_ids": input_ids, "attention_mask": attention})
        probabilities = 1.0 / (1.0 + np.exp(-logits))
        return [Scores(float(row[0]), float(row[1])) for row in probabilities]

    def scores_with_clauses(self, texts: list[str]) -> list[tuple[Scores, list[str], list[Scores]]]:
        """Each text scored whole and clause by clause, in one batched run.

        A long note can carry its signal in one clause ("ordinary day, ward quiet, lunch with
        sam. i've worked out how and where"); averaging over the whole note hides it, so the
        crisis check takes the highest clause, and a flag's evidence is the highest clause."""
        flat: list[str] = []
        spans: list[tuple[int, list[str]]] = []
        for text in texts:
            parts = clauses(text)
            if len(parts) == 1:
                parts = []
            spans.append((len(flat), parts))
            flat.append(text)
            flat.extend(parts)
        scores = self.raw_scores(flat)
        return [
            (scores[index], parts, scores[index + 1 : index + 1 + len(parts)])
            for index, parts in spans
        ]

    def evidence(self, text: str) -> str:
        parts = clauses(text)
        if len(parts) == 1:
            return parts[0]
        scores = self.raw_scores(parts)
        best = max(range(len(parts)), key=lambda i: scores[i].overidentification)
        return parts[best]

    def score(self, texts: list[str]) -> list[OverIdScore]:
        if not self.crisis_clauses:
            return self._score_whole(texts)
        results = []
        for text, (whole, parts, part_scores) in zip(
            texts, self.scores_with_clauses(texts), strict=True
        ):
            flag = (
                whole.overidentification >= self.overid_threshold
                and len(text.split()) >= MIN_WORDS_FOR_OVERID
            )
            evidence = None
            if flag:
                evidence = text.strip()
                if parts:
                    best = max(range(len(parts)), key=lambda i: part_scores[i].overidentification)
                    evidence = parts[best]
            crisis = max([whole.crisis, *(p.crisis for p in part_scores)])
            results.append(
                OverIdScore(
                    score=whole.overidentification,
                    flag=flag,
                    evidence=evidence,
                    crisis=self.crisis_model and crisis >= self.crisis_threshold,
                )
            )
        return results

    def _score_whole(self, texts: list[str]) -> list[OverIdScore]:
        """One pass per text; then one batched pass over the clauses of flagged texts only."""
        wholes = self.raw_scores(texts)
        flagged = [
            i
            for i, w in enumerate(wholes)
            if w.overidentification >= self.overid_threshold
            and len(texts[i].split()) >= MIN_WORDS_FOR_OVERID
        ]
        parts = {i: clauses(texts[i]) for i in flagged}
        flat = [part for i in flagged if len(parts[i]) > 1 for part in parts[i]]
        flat_scores = iter(self.raw_scores(flat))
        evidence: dict[int, str] = {}
        for i in flagged:
            if len(parts[i]) == 1:
                evidence[i] = parts[i][0]
                continue
            scored = [(next(flat_scores).overidentification, part) for part in parts[i]]
            evidence[i] = max(scored, key=lambda item: item[0])[1]
        return [
            OverIdScore(
                score=whole.overidentification,
                flag=i in evidence,
                evidence=evidence.get(i),
                crisis=self.crisis_model and whole.crisis >= self.crisis_threshold,
            )
            for i, whole in enumerate(wholes)
        ]
