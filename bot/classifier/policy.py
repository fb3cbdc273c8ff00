"""The classifier's decision policy, chosen on the dev split of a built model: the
over-identification threshold, the English crisis policy (head, lexicon, clauses), the Hebrew
n-gram scorer and its threshold; then the sets written apart from the training data are scored.

Kept apart from training (``bot.classifier.train``) on purpose: the build fingerprints the two
separately, so a change here chooses the policy again on the same weights (5 to 9 minutes on 2
cores) instead of training again (about an hour).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from bot.classifier.crisis import CrisisDetector
from bot.classifier.crisis_he_ngrams import SCORER_FILE, choose_threshold, fit_scorer
from bot.classifier.dataset import (
    EVERYDAY_SHORT_ANSWERS,
    LONG_ENTRY_SEED,
    ORDINARY_HE_DEV,
    Example,
    load_crisis,
    load_ordinary_he_dev,
    load_overid,
    long_entries,
    split,
)
from bot.classifier.metrics import balanced_threshold, evaluate

# The crisis head's own false alarms on dev negatives; the lexicon, always on, adds its own.
CRISIS_MAX_FALSE_ALARMS = 0.10
CRISIS_GRID = (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def data_fingerprint(examples: list[Example]) -> str:
    digest = hashlib.sha256()
    for example in examples:
        digest.update(f"{example.label}\t{example.kind}\t{example.text}\n".encode())
    return digest.hexdigest()[:16]


def code_fingerprint(*files: Path) -> str:
    return hashlib.sha256(b"".join(file.read_bytes() for file in files)).hexdigest()[:12]


def select_crisis_policy(
    runtime: Any, dev: list[Example], ordinary: list[Example]
) -> dict[str, Any]:
    """Crisis, on dev only. In English the lexicon is always on: it hears explicit wording (saved-up
    pills "tonight", "kill myself") whatever the head makes of it. The head adds what a lexicon
    cannot hear — goodbyes and plans in ordinary words — on whole notes or on every clause (a long
    note can hide one crisis sentence), at a threshold from a grid.

    Why always: a build whose policy was chosen with the lexicon optional dropped it (the head alone
    had more recall per false alarm on dev) and then missed explicit crisis lines, written by
    another writer, that the lexicon hears. Dev cannot show that cost when its explicit lines are
    the ones the head already knows.

    Recall comes first, but not at any price. A head option is out if it alarms on any of the
    everyday short replies, or if the head alone alarms on more than CRISIS_MAX_FALSE_ALARMS of the
    dev negatives (the crisis set's hard negatives *and* the ordinary shift notes of the
    over-identification set); the lexicon's own alarms come on top of that cap. Among the rest: the
    highest recall of head and lexicon together, then the fewest false alarms, then whole notes. If
    no head option is allowed, the lexicon runs alone."""
    lexicon = CrisisDetector()
    texts = [e.text for e in dev] + [e.text for e in ordinary]
    labels = [e.label for e in dev] + [0] * len(ordinary)
    positives = sum(labels)
    negatives = len(labels) - positives
    lexical = [lexicon.check(text).crisis for text in texts]
    scored = runtime.scores_with_clauses(texts)
    everyday = runtime.scores_with_clauses(list(EVERYDAY_SHORT_ANSWERS))

    def rates(flagged: list[bool]) -> tuple[float, int]:
        recall = sum(f for f, y in zip(flagged, labels, strict=True) if y) / positives
        alarms = sum(f for f, y in zip(flagged, labels, strict=True) if not y)
        return recall, alarms

    # (allowed, recall, -alarms, whole notes, threshold, clauses, model, head's alarms)
    recall, alarms = rates(lexical)
    candidates = [(True, recall, -alarms, True, 1.0, False, False, 0)]
    for use_clauses in (False, True):

        def crisis_score(whole: Any, parts: list[Any], use_clauses: bool = use_clauses) -> float:
            return float(
                max([whole.crisis, *(p.crisis for p in parts)]) if use_clauses else whole.crisis
            )

        scores = [crisis_score(whole, parts) for whole, _, parts in scored]
        loudest_everyday = max(crisis_score(whole, parts) for whole, _, parts in everyday)
        for threshold in CRISIS_GRID:
            _, head_alarms = rates([s >= threshold for s in scores])
            allowed = (
                loudest_everyday < threshold and head_alarms / negatives <= CRISIS_MAX_FALSE_ALARMS
            )
            recall, alarms = rates(
                [s >= threshold or hit for s, hit in zip(scores, lexical, strict=True)]
            )
            candidates.append(
                (
                    allowed,
                    recall if allowed else 0.0,
                    -alarms,
                    not use_clauses,
                    threshold,
                    use_clauses,
                    True,
                    head_alarms,
                )
            )
    best = max(candidates)
    _, recall, minus_alarms, _, threshold, use_clauses, use_model, head_alarms = best
    return {
        "crisis_model": use_model,
        "crisis_threshold": threshold,
        "crisis_clauses": use_clauses,
        "crisis_with_lexicon": True,
        "dev_crisis_recall": round(recall, 4),
        "dev_crisis_false_alarm_rate": round(-minus_alarms / negatives, 4),
        "dev_crisis_head_false_alarm_rate": round(head_alarms / negatives, 4),
    }


SEPARATE_SETS = ("independent", "holdout")


def score_separate_sets(runtime: Any) -> dict[str, Any]:
    """Sets written by other writers from LABELLING.md alone, scored as the bot runs."""
    import io

    from bot.classifier.analysis import TextAnalyser
    from bot.classifier.cli import run_eval
    from bot.classifier.dataset import DATA_DIR

    analyser = TextAnalyser(runtime)
    results: dict[str, Any] = {}
    for name in SEPARATE_SETS:
        for path in sorted((DATA_DIR / name).glob("*.tsv")):
            task = "overid" if path.stem == "overid" else "crisis"  # crisis.tsv, crisis_he.tsv
            results[f"{name}/{path.stem}"] = run_eval(analyser, path, task, io.StringIO())
    # Dev lines inside journal-length entries (written by python -m bot.classifier.dataset).
    for name in ("overid", "crisis_en"):
        path = DATA_DIR / "splits" / f"{name}_dev_long.tsv"
        task = "overid" if name == "overid" else "crisis"
        results[f"splits/{path.stem}"] = run_eval(analyser, path, task, io.StringIO())
    return results


def policy_fingerprint() -> str:
    """What the thresholds and the crisis policy depend on besides the weights: this file (how
    they are chosen), the lexicons, the Hebrew scorer and the analyser that combines them, and the
    data they are chosen on. A
    change here chooses them again on dev (minutes), without training."""
    from bot.classifier import analysis, crisis, crisis_he, crisis_he_ngrams, model

    data = data_fingerprint(load_overid() + load_crisis("en") + load_crisis("he"))
    modules = (analysis, crisis, crisis_he, crisis_he_ngrams, model)
    files = [Path(__file__), *(Path(m.__file__ or "") for m in modules), ORDINARY_HE_DEV]
    return f"{data}:{code_fingerprint(*files)}"


def build_hebrew_scorer(output: Path, meta: dict[str, Any], report: dict[str, Any]) -> None:
    """The Hebrew n-gram crisis scorer: fitted on the Hebrew train split, its threshold chosen on
    dev with the lexicon beside it, and on a writer's ordinary notes (seconds)."""
    hebrew = load_crisis("he")
    train, dev = split(hebrew, "train"), split(hebrew, "dev")
    ordinary = load_ordinary_he_dev()
    scorer = fit_scorer([e.text for e in train], [e.label for e in train])
    lexicon = CrisisDetector()
    ordinary_scores = [scorer.text_score(text) for text in ordinary]
    scorer, chosen = choose_threshold(
        scorer,
        [scorer.text_score(e.text) for e in dev],
        [e.label for e in dev],
        [lexicon.check(e.text).crisis for e in dev],
        ordinary_scores,
    )
    alarms = sum(
        lexicon.check(text).crisis or score >= scorer.threshold
        for text, score in zip(ordinary, ordinary_scores, strict=True)
    )
    chosen["dev_he_ordinary_false_alarm_rate"] = round(alarms / len(ordinary), 4)
    scorer.save(output / SCORER_FILE)
    meta.update(chosen)
    report["hebrew_scorer"] = chosen
    print(
        f"hebrew crisis scorer: threshold {chosen['he_ngram_threshold']}, dev recall with the "
        f"lexicon {chosen['dev_he_recall']}, false alarms {chosen['dev_he_false_alarm_rate']}, "
        f"on ordinary notes {chosen['dev_he_ordinary_false_alarm_rate']}",
        flush=True,
    )


def choose_thresholds(output: Path, meta: dict[str, Any], report: dict[str, Any]) -> None:
    """Thresholds and the crisis policy from the dev split only, on the quantised model that will
    actually run; then the separate sets are scored. Also run alone (``--rethreshold``) after a
    lexicon change: the policy depends on the lexicon, the weights do not."""
    from bot.classifier.model import OnnxClassifier

    build_hebrew_scorer(output, meta, report)
    meta["policy"] = policy_fingerprint()
    dev_overid, dev_crisis = split(load_overid(), "dev"), split(load_crisis("en"), "dev")
    runtime = OnnxClassifier(output)
    dev_scores = runtime.raw_scores([e.text for e in dev_overid])
    meta["overid_threshold"] = balanced_threshold(
        dev_overid, [s.overidentification for s in dev_scores]
    )
    # The policy must hold for a crisis sentence alone and inside a journal entry alike.
    ordinary = [e for e in dev_overid if e.kind == "other"]
    dev_crisis_long = long_entries(dev_crisis, ordinary, seed=LONG_ENTRY_SEED)
    policy = select_crisis_policy(runtime, dev_crisis + dev_crisis_long, dev_overid)
    meta.update(policy)
    (output / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    report["meta"] = meta
    crisis_scores = [s.crisis for s in runtime.raw_scores([e.text for e in dev_crisis])]
    report["dev"] = evaluate(
        dev_overid, [s.overidentification for s in dev_scores], meta["overid_threshold"]
    )
    report["dev_crisis"] = evaluate(dev_crisis, crisis_scores, meta["crisis_threshold"])
    report["separate_sets"] = score_separate_sets(runtime)
