"""Long journal entries are read to the end: the model sees about 70 words at a time."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bot.classifier.analysis import TextAnalyser
from bot.classifier.model import OnnxClassifier

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"

# About 100 words of an ordinary shift: more than the model reads in one window.
WARD_DETAIL = (
    "long shift today, handover ran late because the night staff were short, then the ward "
    "round went on for two hours and the consultant wanted every discharge plan redone. the "
    "student shadowed me on obs and asked good questions about the tribunal paperwork. lunch "
    "was a cold sandwich at the nurses station. bed manager rang four times about a transfer "
    "from the acute ward and nobody could find the keys for the clinic room. afternoon was "
    "escorts to the garden and a family meeting that ran over. "
)


@pytest.fixture(scope="module")
def model() -> OnnxClassifier:
    if not (MODEL_DIR / "meta.json").exists():
        pytest.fail("the classifier is not built: run 'make setup' (or make model)")
    return OnnxClassifier(MODEL_DIR)


def test_the_ward_detail_alone_is_longer_than_one_window(model: OnnxClassifier) -> None:
    assert len(model.windows(WARD_DETAIL)) == 2
    assert model.windows("a quiet shift, tea with sam.") == ["a quiet shift, tea with sam."]


def test_windows_fit_the_model_and_cover_the_text_in_order(model: OnnxClassifier) -> None:
    budget = model.max_length - 2
    text = WARD_DETAIL * 3 + "and that was the day."
    windows = model.windows(text)
    assert len(windows) >= 4
    for window in windows:
        assert model._tokens(window) <= budget
    covered = " ".join(windows).split()
    words = iter(covered)
    # Every word of the text, in order (windows overlap by a sentence, so some appear twice).
    assert all(any(word == seen for seen in words) for word in text.split())
    # Consecutive windows share a sentence, so a signal across a boundary stays whole.
    for before, after in itertools.pairwise(windows):
        last_sentence = before.split(". ")[-1]
        assert after.startswith(last_sentence)


def test_one_sentence_with_no_punctuation_is_cut_between_words(model: OnnxClassifier) -> None:
    text = " ".join(f"bed{i} manager{i} rang" for i in range(100))  # no word repeats
    windows = model.windows(text)
    assert len(windows) > 2
    assert all(model._tokens(window) <= model.max_length - 2 for window in windows)
    # Windows overlap by about half, so any stretch of half a window is whole in one of them.
    rebuilt = windows[0].split()
    for window in windows[1:]:
        words = window.split()
        overlap = next(k for k in range(len(words), 0, -1) if rebuilt[-k:] == words[:k])
        assert overlap >= len(words) // 3
        rebuilt += words[overlap:]
    assert rebuilt == text.split()


def test_crisis_at_the_end_of_a_long_entry_is_heard(model: OnnxClassifier) -> None:
    ending = "i want to die. i've thought about nothing else all week and i'm done."
    cut_off = model._scores_in_batches([WARD_DETAIL + ending])[0]  # as the model alone reads it
    whole = model.raw_scores([WARD_DETAIL + ending])[0]
    assert cut_off.crisis < model.crisis_threshold
    assert whole.crisis >= model.crisis_threshold
    assert model.score([WARD_DETAIL + ending])[0].crisis


def test_over_identification_at_the_end_of_a_long_entry_is_flagged(model: OnnxClassifier) -> None:
    ending = "His fear of the ward round was my fear, I had to sit down and can't stop replaying."
    [score] = model.score([WARD_DETAIL + ending])
    assert score.flag
    assert score.evidence is not None and "his fear of the ward round was my fear" in (
        score.evidence.lower()
    )
    [ordinary] = model.score([WARD_DETAIL + "home now, tea and bed."])
    assert not ordinary.flag and not ordinary.crisis


async def test_the_analyser_reads_a_long_entry_to_the_end(model: OnnxClassifier) -> None:
    analyser = TextAnalyser(model)
    ending = "i gave my guitar to my brother and said goodbye to everyone, wont need anything soon."
    [analysis] = await analyser.analyse([WARD_DETAIL * 2 + ending])
    assert analysis.crisis
