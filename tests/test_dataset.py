"""The labelled data: enough of it, the hard kinds well represented, a fixed split that never
separates a contrast pair, and the sets written apart kept apart from training."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from bot.classifier.dataset import (
    CRISIS_HARD_NEGATIVE_KINDS,
    CRISIS_POSITIVE_KINDS,
    DATA_DIR,
    HARD_NEGATIVE_KINDS,
    LONG_ENTRY_SEED,
    OVERID_POSITIVE_KINDS,
    SPLITS_DIR,
    TRAIN_ONLY_SOURCES,
    Example,
    load_crisis,
    load_ordinary_he_dev,
    load_overid,
    long_entries,
    read_eval_tsv,
    split,
)

OVERID_KINDS = {
    1: set(OVERID_POSITIVE_KINDS),
    0: set(HARD_NEGATIVE_KINDS) | {"other", "ordinary"},
}
CRISIS_KINDS = {
    1: set(CRISIS_POSITIVE_KINDS),
    0: set(CRISIS_HARD_NEGATIVE_KINDS) | {"ordinary_distress", "ordinary"},
}


def _kinds_match(examples: list[Example], kinds: dict[int, set[str]]) -> list[str]:
    return [f"{e.source}: {e.label} {e.kind}" for e in examples if e.kind not in kinds[e.label]]


def test_enough_lines_with_the_hard_kinds_well_represented() -> None:
    overid, crisis = load_overid(), load_crisis("en")
    assert len(overid) >= 1500
    assert len(crisis) >= 400
    negatives = [e for e in overid if e.label == 0]
    hard = sum(e.kind in HARD_NEGATIVE_KINDS for e in negatives)
    assert hard / len(negatives) >= 0.40
    assert _kinds_match(overid, OVERID_KINDS) == []
    assert _kinds_match(crisis, CRISIS_KINDS) == []
    assert _kinds_match(load_crisis("he"), CRISIS_KINDS) == []


@pytest.mark.parametrize("language", ["en", "he"])
def test_a_contrast_pair_never_straddles_two_splits(language: str) -> None:
    examples = load_overid() + load_crisis("en") if language == "en" else load_crisis("he")
    splits_of_group: dict[str, set[str]] = defaultdict(set)
    for example in examples:
        splits_of_group[example.group].add(example.split)
    assert [group for group, parts in splits_of_group.items() if len(parts) > 1] == []
    pairs = [g for g in splits_of_group if ":text:" not in g]
    assert len(pairs) > 100  # pairs are really grouped, not one group per line


def test_hebrew_probe_lines_are_trained_on_and_leave_the_other_splits_as_they_were() -> None:
    hebrew = load_crisis("he")
    sources = (("crisis/he_probes", 800), ("crisis/he_writers", 1000), ("crisis/he_ordinary", 600))
    for source, at_least in sources:
        lines = [e for e in hebrew if e.source == source]
        assert len(lines) >= at_least and {e.split for e in lines} == {"train"}
        assert {e.label for e in lines} == ({0} if source.endswith("ordinary") else {0, 1})
    for part in ("dev", "test"):
        written = read_eval_tsv(SPLITS_DIR / f"crisis_he_{part}.tsv")
        assert [text for _, _, text in written] == [e.text for e in split(hebrew, part)]
        assert {e.source for e in split(hebrew, part)}.isdisjoint(TRAIN_ONLY_SOURCES)


def test_english_probe_lines_and_guard_pairs_are_trained_on_only() -> None:
    english = load_crisis("en")
    for source, at_least in (("crisis/en_probes", 700), ("crisis/en_guard_pairs", 300)):
        lines = [e for e in english if e.source == source]
        assert len(lines) >= at_least and {e.split for e in lines} == {"train"}
        assert {e.label for e in lines} == {0, 1}
    guard = [e for e in english if e.source == "crisis/en_guard_pairs"]
    pairs: dict[str, set[int]] = defaultdict(set)
    for example in guard:
        pairs[example.group].add(example.label)
    assert all(labels == {0, 1} for labels in pairs.values())  # every pair has both sides


@pytest.mark.parametrize(
    ("name", "loader"),
    [("overid", load_overid), ("crisis_en", lambda: load_crisis("en"))],
)
def test_the_written_split_files_are_the_split(name: str, loader: object) -> None:
    """The split is fixed: the files under data/splits/ are exactly what the loader computes."""
    assert callable(loader)
    examples = loader()
    for part in ("train", "dev", "test"):
        written = read_eval_tsv(SPLITS_DIR / f"{name}_{part}.tsv")
        assert [text for _, _, text in written] == [e.text for e in split(examples, part)]


@pytest.mark.parametrize(
    "path",
    sorted((DATA_DIR / "independent").glob("*.tsv")) + sorted((DATA_DIR / "holdout").glob("*.tsv")),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_sets_written_apart_are_complete_and_not_in_training(path: Path) -> None:
    rows = read_eval_tsv(path)
    kinds = OVERID_KINDS if path.stem == "overid" else CRISIS_KINDS
    assert len(rows) >= 200
    assert [(label, kind) for label, kind, _ in rows if kind not in kinds[label]] == []
    # Ordinary notes (ordinary_he.tsv) measure false alarms alone: no crisis line among them.
    labels = {0} if path.stem.startswith("ordinary") else {0, 1}
    assert {label for label, _, _ in rows} == labels
    training = {e.text.lower() for e in load_overid() + load_crisis("en") + load_crisis("he")}
    training |= {text.lower() for text in load_ordinary_he_dev()}
    shared = [text for _, _, text in rows if " ".join(text.split()).lower() in training]
    # A handful coincide by nature (LABELLING.md's own "this rota is killing me", "i want to
    # die"); more than 1 % would mean the set is no longer apart.
    assert len(shared) <= len(rows) // 100


FRESH_SETS = sorted((DATA_DIR / "fresh").glob("*.tsv"))
CANDIDATES = sorted((DATA_DIR / "candidates").glob("*.tsv"))


def _words(text: str) -> set[str]:
    return set(text.lower().replace(".", " ").replace(",", " ").split())


def test_fresh_writers_sets_measure_only_and_candidates_stay_clear_of_them() -> None:
    """Fresh writers' sets (data/fresh/) measure a build on phrasings no one here has read; the
    candidate lines (data/candidates/) are for a later round. Neither is loaded by training or
    the policy. A candidate pair near a fresh line would make the fresh set measure nothing once
    the candidates are trained on, so none comes within a word overlap of 0.6."""
    assert len(FRESH_SETS) >= 2 and CANDIDATES
    training = {e.text.lower() for e in load_crisis("en")}
    fresh_words = []
    for path in FRESH_SETS:
        rows = read_eval_tsv(path)
        assert len(rows) >= 150 and {label for label, _, _ in rows} == {0, 1}
        assert [(label, kind) for label, kind, _ in rows if kind not in CRISIS_KINDS[label]] == []
        shared = [text for _, _, text in rows if " ".join(text.split()).lower() in training]
        assert len(shared) <= len(rows) // 100  # "dead on my feet" coincides by nature
        fresh_words += [_words(text) for _, _, text in rows]
    for path in CANDIDATES:
        rows = read_eval_tsv(path)
        assert [(label, kind) for label, kind, _ in rows if kind not in CRISIS_KINDS[label]] == []
        assert [text for _, _, text in rows if " ".join(text.split()).lower() in training] == []
        near = [
            text
            for _, _, text in rows
            for fresh in fresh_words
            if len(_words(text) & fresh) / len(_words(text) | fresh) >= 0.6
        ]
        assert near == []


def test_training_also_sees_lines_inside_longer_notes() -> None:
    """A share of lines is trained a second time among ordinary notes, keeping its own labels."""
    from bot.classifier.train import LONG_NOTE_SHARE, kind_openings, training_rows

    overid, crisis = split(load_overid(), "train"), split(load_crisis("en"), "train")
    rows = training_rows(overid, crisis)
    assert rows == training_rows(overid, crisis)  # deterministic: the build is reproducible
    singles = len(overid) + len(crisis)
    # Crisis lines are not labelled for over-identification, but self-kindness is its opposite.
    overid_of_crisis_line = {e.text: 0 if e.kind == "self_kindness" else -1 for e in crisis}
    assert rows[:singles] == [(e.text, e.label, 0) for e in overid] + [
        (e.text, overid_of_crisis_line[e.text], e.label) for e in crisis
    ]
    assert sum(label == 0 for _, label, _ in rows[len(overid) : singles]) > 200
    openings = kind_openings(crisis)
    assert len(openings) > 100
    assert rows[len(rows) - len(openings) :] == [(opening, 0, 0) for opening in openings]
    longer = rows[singles : len(rows) - len(openings)]
    ordinary_only = int(len(crisis) * LONG_NOTE_SHARE / 2)  # entries of ordinary notes alone
    assert abs((len(longer) - ordinary_only) / singles - LONG_NOTE_SHARE) < 0.03
    assert {(o, c) for _, o, c in longer[-ordinary_only:]} == {(0, 0)}
    labels: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for example in overid:
        labels[example.text].add((example.label, 0))
    for example in crisis:
        labels[example.text].add((overid_of_crisis_line[example.text], example.label))
    for text, overid_label, crisis_label in longer:
        # A labelled line inside, among ordinary notes (themselves lines labelled 0 and 0).
        inside = [line for line in labels if line.rstrip(". ") in text]
        assert (overid_label, crisis_label) in set().union(*(labels[line] for line in inside))
    assert sum(len(text.split()) > 30 for text, _, _ in longer) > len(longer) // 2


def test_kind_openings_are_the_clauses_a_kind_line_shares_with_its_crisis_twin() -> None:
    from bot.classifier.train import kind_openings

    def pair(group: str, kind: str, kind_line: str, crisis_line: str) -> list[Example]:
        return [
            Example(crisis_line, 1, "indirect", group, "crisis/test"),
            Example(kind_line, 0, kind, group, "crisis/test"),
        ]

    examples = [
        *pair(
            "A",
            "self_kindness",
            "i'd tell her to go home and rest. kettle on, feet up",
            "i'd tell her to go home and rest. i'm resting too, for good",
        ),
        # A figurative pair's opening is no kind sentence.
        *pair("B", "figurative", "i want to die. of embarrassment", "i want to die. tonight"),
        # Nor is one the lexicon hears as crisis, nor a line that is all opening.
        *pair(
            "C",
            "self_kindness",
            "i want to kill myself. said it, felt lighter",
            "i want to kill myself. said it, now i will",
        ),
        *pair("D", "self_kindness", "so tired", "so tired. i won't wake up"),
        Example("anyone would be tired. bed", 0, "self_kindness", "", "crisis/test"),
    ]
    assert kind_openings(examples) == ["i'd tell her to go home and rest."]


@pytest.mark.parametrize("name", ["overid", "crisis_en"])
@pytest.mark.parametrize("part", ["dev", "test"])
def test_the_long_entry_files_are_the_split_inside_ordinary_notes(name: str, part: str) -> None:
    overid = load_overid()
    examples = split(overid if name == "overid" else load_crisis("en"), part)
    filler = [e for e in split(overid, part) if e.kind == "other"]
    written = read_eval_tsv(SPLITS_DIR / f"{name}_{part}_long.tsv")
    expected = long_entries(examples, filler, seed=LONG_ENTRY_SEED)
    assert [(label, kind, text) for label, kind, text in written] == [
        (e.label, e.kind, e.text) for e in expected
    ]
    for example, entry in zip(examples, expected, strict=True):
        assert example.text.rstrip(". ") in entry.text
        assert "\n" not in entry.text and "\t" not in entry.text
    # Most are longer than the model reads at once (94 tokens, about 70 words).
    assert sum(len(e.text.split()) > 70 for e in expected) > len(expected) // 4


def test_crisis_policy_keeps_the_lexicon_on_and_caps_the_heads_own_alarms() -> None:
    """The English lexicon is always part of the policy. The cap on false alarms holds for the
    head's own alarms (the lexicon's come on top), and within it the highest recall wins."""
    from bot.classifier.crisis import CrisisDetector
    from bot.classifier.model import Scores
    from bot.classifier.policy import CRISIS_MAX_FALSE_ALARMS, select_crisis_policy

    explicit = "going to kill myself tonight"  # the lexicon hears it; this head does not
    quiet = "gave the cat to my sister for good, left the keys on the table"
    figurative = "this rota is killing me, honestly"
    rota = "the rota again. whatever"
    said_in_a_role_play = "i want to kill myself"  # labelled not crisis here, for the rule's sake
    # A made-up head's crisis score for each text, so that the rule is what is tested.
    head = {explicit: 0.0, quiet: 0.25, figurative: 0.5, rota: 0.12, said_in_a_role_play: 0.0}
    dev = [
        Example(explicit, 1, "direct", "a", "crisis/t"),
        Example(quiet, 1, "goodbye", "b", "crisis/t"),
        Example(figurative, 0, "figurative", "c", "crisis/t"),
        Example(rota, 0, "ordinary_distress", "d", "crisis/t"),
        Example(said_in_a_role_play, 0, "risk_training", "e", "crisis/t"),
    ]
    ordinary = [Example(f"handover at {n}, obs done", 0, "other", f"o{n}", "o/t") for n in range(7)]

    class MadeUpHead:
        def scores_with_clauses(
            self, texts: list[str]
        ) -> list[tuple[Scores, list[str], list[Scores]]]:
            return [(Scores(0.0, head.get(text, 0.0)), [], []) for text in texts]

    assert CrisisDetector().check(explicit).crisis
    assert CrisisDetector().check(said_in_a_role_play).crisis
    assert not any(CrisisDetector().check(text).crisis for text in (quiet, figurative, rota))
    policy = select_crisis_policy(MadeUpHead(), dev, ordinary)
    assert policy["crisis_with_lexicon"] is True and policy["crisis_model"] is True
    # Ten negatives, a 10 % cap: at 0.1 the head alone alarms on two (out); at 0.2 on one, and
    # with the lexicon it hears both crisis lines; above 0.2 the quiet goodbye is missed.
    assert CRISIS_MAX_FALSE_ALARMS == 0.10
    assert policy["crisis_threshold"] == 0.2
    assert policy["dev_crisis_recall"] == 1.0
    assert policy["dev_crisis_head_false_alarm_rate"] == 0.1
    assert policy["dev_crisis_false_alarm_rate"] == 0.2
