"""The classifier build decides what a change needs: training again (new training rows or new
training code), thresholds again (a lexicon, the Hebrew scorer, the analyser or the data they are
chosen on), or nothing. ``make`` runs it whenever anything under bot/classifier changes."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.classifier import crisis_he, train
from bot.classifier import policy as build_policy
from bot.classifier.crisis_he_ngrams import SCORER_FILE


@pytest.fixture(scope="module")
def fingerprints() -> tuple[str, str]:
    return train.weights_fingerprint(), build_policy.policy_fingerprint()


def model_directory(tmp_path: Path, weights: str, policy: str) -> Path:
    directory = tmp_path / "model"
    directory.mkdir()
    (directory / "classifier.int8.onnx").write_bytes(b"weights")
    (directory / SCORER_FILE).write_text("{}", encoding="utf-8")
    meta = {"onnx": "classifier.int8.onnx", "weights": weights, "policy": policy}
    (directory / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (directory / "training-report.json").write_text("{}", encoding="utf-8")
    # An old file, as after a checkout: make compares this time with the code's.
    os.utime(directory / "meta.json", (1_000_000_000, 1_000_000_000))
    return directory


def run_build(directory: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Run the build's command line; record which of the two expensive steps it takes."""
    steps: list[str] = []

    def build(output: Path, epochs: int, compare: bool) -> dict[str, Any]:
        steps.append("train")
        return {"meta": {"onnx": "classifier.int8.onnx"}, "seconds": 0.0}

    def choose_thresholds(output: Path, meta: dict[str, Any], report: dict[str, Any]) -> None:
        steps.append("thresholds")

    monkeypatch.setattr(train, "build", build)
    monkeypatch.setattr(train, "choose_thresholds", choose_thresholds)
    monkeypatch.setattr(sys, "argv", ["train", "--output", str(directory)])
    train.main()
    return steps


def test_an_up_to_date_model_is_left_alone_and_marked_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fingerprints: tuple[str, str]
) -> None:
    directory = model_directory(tmp_path, *fingerprints)
    assert run_build(directory, monkeypatch) == []
    # Newer than the sources again, so make does not ask a second time.
    assert (directory / "meta.json").stat().st_mtime > 1_000_000_000


def test_a_lexicon_or_data_change_chooses_thresholds_again_without_training(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fingerprints: tuple[str, str]
) -> None:
    weights, _ = fingerprints
    directory = model_directory(tmp_path, weights, "an older lexicon")
    assert run_build(directory, monkeypatch) == ["thresholds"]


def test_a_missing_hebrew_scorer_is_built_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fingerprints: tuple[str, str]
) -> None:
    directory = model_directory(tmp_path, *fingerprints)
    (directory / SCORER_FILE).unlink()
    assert run_build(directory, monkeypatch) == ["thresholds"]


def test_new_training_rows_or_code_train_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fingerprints: tuple[str, str]
) -> None:
    _, policy = fingerprints
    directory = model_directory(tmp_path, "older training rows", policy)
    assert run_build(directory, monkeypatch) == ["train"]


def test_the_fingerprints_follow_what_they_stand_for(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fingerprints: tuple[str, str]
) -> None:
    weights, policy = fingerprints
    # More lines inside long entries are other training rows.
    monkeypatch.setattr(train, "LONG_NOTE_SHARE", train.LONG_NOTE_SHARE + 0.05)
    assert train.weights_fingerprint() != weights
    monkeypatch.undo()
    # An edited Hebrew lexicon is another policy, and the same weights.
    edited = tmp_path / "crisis_he.py"
    shutil.copy(crisis_he.__file__ or "", edited)
    with edited.open("a", encoding="utf-8") as file:
        file.write("# one more line\n")
    monkeypatch.setattr(crisis_he, "__file__", str(edited))
    assert build_policy.policy_fingerprint() != policy
    assert train.weights_fingerprint() == weights
