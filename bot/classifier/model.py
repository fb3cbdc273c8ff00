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
from bot.classifier.dataset import MIN_WORDS_FOR_OVERID

DEFAULT_MODEL_DIR = Path("data/model")

_CLAUSE = re.compile(
    r"(?<=[.!?;:])\s+|\n+|\s+[-–—]\s+|,\s*(?=(?:but|and|so|because|then|though|while)\b)"
    r"|\s+(?=(?:but|because|though)\b)",
    re.IGNORECASE,
)


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
        self._tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=int(self.meta["max_length"]))
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
