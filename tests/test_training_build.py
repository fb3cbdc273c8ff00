"""The training code itself, on a few rows: the full build takes about an hour on 2 cores, so the
model is committed (data/model) and CI does not train it again unless the code or data changed.
This runs every step of that build for real — fine-tuning with torch, ONNX export, int8
quantisation, loading in ONNX Runtime — and checks the property committing the model relies on:
the same rows make the same weights."""

from __future__ import annotations

import json
from pathlib import Path

from tests.support.factories import run_offline_python

SCRIPT = """
import json, shutil, sys
from pathlib import Path
import numpy as np
from bot.classifier import train
from bot.classifier.dataset import load_crisis, load_overid, split
from bot.classifier.model import OnnxClassifier

overid = split(load_overid(), "train")[:24]
crisis = split(load_crisis("en"), "train")[:24]
rows = train.training_rows(overid, crisis)
texts = ["i kept thinking of my own admission all afternoon", "i want to die", "quiet shift"]

first, tokenizer = train.fine_tune(rows, epochs=1)
second, _ = train.fine_tune(rows, epochs=1)
torch_scores = train.predict(first, tokenizer, texts)

target = Path(sys.argv[1])
onnx_file = train.export_onnx(first, tokenizer, target)
shutil.copy(train.encoder_path() / "tokenizer.json", target / "tokenizer.json")
meta = {"onnx": onnx_file.name, "max_length": train.MAX_LENGTH,
        "overid_threshold": 0.5, "crisis_threshold": 0.5}
(target / "meta.json").write_text(json.dumps(meta))
runtime = [[s.overidentification, s.crisis] for s in OnnxClassifier(target).raw_scores(texts)]
print(json.dumps({
    "rows": len(rows),
    "same_weights": all(
        bool((a == b).all()) for a, b in
        zip(first.state_dict().values(), second.state_dict().values(), strict=True)
    ),
    "torch": torch_scores.tolist(),
    "onnx_int8": runtime,
    "files": sorted(p.name for p in target.iterdir()),
}))
"""


def test_the_training_steps_run_and_are_deterministic(tmp_path: Path) -> None:
    result = run_offline_python(SCRIPT, str(tmp_path), timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rows"] > 48  # the lines, plus some inside longer entries
    assert report["same_weights"], "two runs on the same rows made different weights"
    # The int8 model the bot runs scores as the torch model it was exported from.
    for torch_row, onnx_row in zip(report["torch"], report["onnx_int8"], strict=True):
        for torch_score, onnx_score in zip(torch_row, onnx_row, strict=True):
            assert 0.0 <= onnx_score <= 1.0
            assert abs(torch_score - onnx_score) < 0.1
    # Only what the bot loads is left behind: the fp32 export is removed after quantisation.
    assert report["files"] == ["classifier.int8.onnx", "meta.json", "tokenizer.json"]
