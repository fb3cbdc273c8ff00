"""Scores for the classifier: macro-F1, per-kind accuracy, confusion matrix, thresholds."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Protocol

from bot.classifier.dataset import CRISIS_HARD_NEGATIVE_KINDS, HARD_NEGATIVE_KINDS


class Labelled(Protocol):
    @property
    def label(self) -> int: ...

    @property
    def kind(self) -> str: ...


HARD_KINDS = HARD_NEGATIVE_KINDS + CRISIS_HARD_NEGATIVE_KINDS


def f1(tp: int, fp: int, fn: int) -> float:
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def confusion(labels: Sequence[int], predictions: Sequence[int]) -> list[list[int]]:
    """[[true negatives, false positives], [false negatives, true positives]]."""
    matrix = [[0, 0], [0, 0]]
    for label, prediction in zip(labels, predictions, strict=True):
        matrix[label][prediction] += 1
    return matrix


def macro_f1(labels: Sequence[int], predictions: Sequence[int]) -> float:
    (tn, fp), (fn, tp) = confusion(labels, predictions)
    return (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2


def best_threshold(labels: Sequence[int], scores: Sequence[float]) -> float:
    """The threshold with the best macro-F1 (ties: the middle of the best range)."""
    candidates = sorted({round(score, 4) for score in scores} | {0.5})
    results = [(macro_f1(labels, [int(score >= c) for score in scores]), c) for c in candidates]
    best = max(result for result, _ in results)
    tied = [c for result, c in results if result == best]
    return float(tied[len(tied) // 2])


def recall_threshold(labels: Sequence[int], scores: Sequence[float], margin: float) -> float:
    """A threshold that keeps every positive (recall first), lowered by ``margin`` for safety."""
    positives = [score for label, score in zip(labels, scores, strict=True) if label == 1]
    lowest = min(positives) if positives else 0.5
    return float(max(lowest * margin, 1e-4))


def evaluate(
    examples: Sequence[Labelled], scores: Sequence[float], threshold: float
) -> dict[str, Any]:
    labels = [example.label for example in examples]
    predictions = [int(score >= threshold) for score in scores]
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for example, prediction in zip(examples, predictions, strict=True):
        per_kind[example.kind][0] += int(prediction == example.label)
        per_kind[example.kind][1] += 1
    accuracy = {kind: round(right / total, 4) for kind, (right, total) in sorted(per_kind.items())}
    hard = {kind: value for kind, value in accuracy.items() if kind in HARD_KINDS}
    positives = [p for p, label in zip(predictions, labels, strict=True) if label == 1]
    negatives = [p for p, label in zip(predictions, labels, strict=True) if label == 0]
    return {
        "n": len(labels),
        "threshold": round(threshold, 4),
        "macro_f1": round(macro_f1(labels, predictions), 4),
        "recall": round(sum(positives) / len(positives), 4) if positives else None,
        "false_alarm_rate": round(sum(negatives) / len(negatives), 4) if negatives else None,
        "per_kind_accuracy": accuracy,
        "worst_hard_kind": min(hard.items(), key=lambda item: item[1]) if hard else None,
        "confusion": confusion(labels, predictions),
    }


def balanced_threshold(examples: Sequence[Labelled], scores: Sequence[float]) -> float:
    """Best macro-F1, but not at the cost of one kind: maximise macro-F1 + worst kind accuracy.

    A threshold that wins macro-F1 by sacrificing, say, reported speech would flag exactly the
    healthy cases the bot must leave alone."""
    labels = [example.label for example in examples]
    kinds = sorted({example.kind for example in examples})
    best: tuple[float, float] | None = None
    for candidate in sorted({round(score, 4) for score in scores} | {0.5}):
        predictions = [int(score >= candidate) for score in scores]
        worst = min(
            sum(p == e.label for p, e in zip(predictions, examples, strict=True) if e.kind == kind)
            / sum(1 for e in examples if e.kind == kind)
            for kind in kinds
        )
        objective = macro_f1(labels, predictions) + worst
        if best is None or objective > best[0]:
            best = (objective, candidate)
    return float(best[1]) if best else 0.5
