"""``kindred classify``: one JSON object per input line, or ``--eval F.tsv`` for scores."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from bot.classifier.analysis import TextAnalyser
from bot.classifier.dataset import read_eval_tsv
from bot.classifier.metrics import confusion, evaluate
from bot.classifier.model import OnnxClassifier

BATCH = 64


def _batches(lines: Iterator[str]) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        batch.append(line.rstrip("\n"))
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def classify_stream(analyser: TextAnalyser, source: TextIO, sink: TextIO) -> int:
    count = 0
    for batch in _batches(iter(source.readline, "")):
        for analysis in analyser.analyse_sync(batch):
            sink.write(json.dumps(analysis.as_json(), ensure_ascii=False) + "\n")
            count += 1
        sink.flush()
    return count


class _Row:
    def __init__(self, label: int, kind: str) -> None:
        self.label = label
        self.kind = kind


def run_eval(analyser: TextAnalyser, path: Path, task: str, sink: TextIO) -> dict[str, object]:
    rows = read_eval_tsv(path)
    analyses = analyser.analyse_sync([text for _, _, text in rows])
    if task == "crisis":
        scores = [float(a.crisis) for a in analyses]
    else:
        scores = [float(a.flag) for a in analyses]
    result = evaluate([_Row(label, kind) for label, kind, _ in rows], scores, 0.5)
    sink.write(f"task: {task}   lines: {result['n']}\n")
    sink.write(f"macro-F1: {result['macro_f1']:.4f}\n")
    if result["recall"] is not None:
        sink.write(f"recall: {result['recall']:.4f}\n")
    if result["false_alarm_rate"] is not None:
        sink.write(f"false alarms: {result['false_alarm_rate']:.4f}\n")
    sink.write("per-kind accuracy:\n")
    per_kind = result["per_kind_accuracy"]
    assert isinstance(per_kind, dict)
    for kind, accuracy in per_kind.items():
        total = sum(1 for _, k, _ in rows if k == kind)
        sink.write(f"  {kind:20} {accuracy:.4f}  (n={total})\n")
    matrix = confusion([label for label, _, _ in rows], [int(s >= 0.5) for s in scores])
    sink.write("confusion matrix (rows: true 0/1, columns: predicted 0/1):\n")
    sink.write(f"  {matrix[0][0]:5} {matrix[0][1]:5}\n  {matrix[1][0]:5} {matrix[1][1]:5}\n")
    return result


def main(model_dir: Path, file: Path | None, eval_file: Path | None, task: str) -> int:
    analyser = TextAnalyser(OnnxClassifier(model_dir))
    if eval_file is not None:
        run_eval(analyser, eval_file, task, sys.stdout)
        return 0
    if file is not None:
        with file.open(encoding="utf-8") as source:
            classify_stream(analyser, source, sys.stdout)
    else:
        classify_stream(analyser, sys.stdin, sys.stdout)
    return 0
