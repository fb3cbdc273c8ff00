"""The Hebrew n-gram crisis scorer (character grams, words, word pairs): the same features at run
time as in training, scores equal to scikit-learn's, the threshold rule, and the built scorer
beside the lexicon."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.classifier.analysis import OverIdScore, TextAnalyser
from bot.classifier.crisis_he_ngrams import (
    EVERYDAY_HE,
    MAX_OWN_ORDINARY_ALARMS,
    MIN_WORDS,
    SCORER_FILE,
    HebrewCrisisScorer,
    choose_threshold,
    features,
    fit_scorer,
)

MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "model"

# A tiny made-up corpus: enough for the maths, not for Hebrew.
TEXTS = [
    "אני רוצה למות הלילה",
    "רוצה למות מצחוק חחח",
    "חתכתי את היד שוב אתמול",
    "חתכתי סלט לארוחת ערב",
    "אספתי כדורים בארון כבר חודש",
    "אספתי את הילדים מהגן היום",
    "אין לי כוח להמשיך לחיות",
    "אין לי כוח למשמרת של מחר",
]
LABELS = [1, 0, 1, 0, 1, 0, 1, 0]


def test_features_are_character_grams_words_and_word_pairs_of_normalised_text() -> None:
    # Punctuation goes; each word is padded with a space either side, as scikit-learn's char_wb.
    assert features("למות.") == [
        *(" ל", "למ", "מו", "ות", "ת "),
        *(" למ", "למו", "מות", "ות "),
        *(" למו", "למות", "מות "),
        *(" למות", "למות "),
        "w:למות",
    ]
    # Then each word, then each pair of neighbouring words.
    assert features("לא אתעורר מחר")[-5:] == [
        "w:לא", "w:אתעורר", "w:מחר", "b:לא_אתעורר", "b:אתעורר_מחר",
    ]  # fmt: skip
    # Final letters are normalised, so a word written with or without them is the same word.
    assert features("מותם") == features("מותמ")
    assert features("") == []


def test_scores_equal_scikit_learns() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from bot.classifier.crisis_he_ngrams import REGULARISATION_C

    scorer = fit_scorer(TEXTS, LABELS)
    vectoriser = TfidfVectorizer(analyzer=features, min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=REGULARISATION_C, max_iter=5000, class_weight="balanced")
    model.fit(vectoriser.fit_transform(TEXTS), LABELS)
    unseen = ["חתכתי שוב את היד הלילה", "אספתי כדורים מהמדף של אמא", "משמרת ארוכה אבל טובה היום"]
    expected = model.predict_proba(vectoriser.transform(TEXTS + unseen))[:, 1]
    assert [scorer.score(t) for t in TEXTS + unseen] == pytest.approx(expected.tolist(), abs=1e-9)


def test_short_replies_are_left_to_the_lexicon() -> None:
    scorer = fit_scorer(TEXTS, LABELS)
    assert all(scorer.score(text) == 0.0 for text in EVERYDAY_HE if len(text.split()) < MIN_WORDS)


def test_save_and_load_keep_every_score(tmp_path: Path) -> None:
    scorer = fit_scorer(TEXTS, LABELS)
    scorer.save(tmp_path / SCORER_FILE)
    loaded = HebrewCrisisScorer.load(tmp_path / SCORER_FILE)
    assert [loaded.score(t) for t in TEXTS] == [scorer.score(t) for t in TEXTS]
    assert loaded.threshold == scorer.threshold


def test_threshold_rule_caps_the_scorers_own_alarms_and_keeps_everyday_replies_silent() -> None:
    # Twenty-four dev lines, a made-up score for each: four crisis, twenty not; the lexicon hears
    # one. A tenth of twenty negatives allows two of the scorer's own alarms.
    scores = [0.95, 0.75, 0.55, 0.35, 0.70, 0.60, 0.50, *([0.1] * 17)]
    labels = [1, 1, 1, 1, *([0] * 20)]
    lexicon = [False, False, False, True, *([False] * 20)]

    def scorer_scoring_everyday_replies(logit: float) -> HebrewCrisisScorer:
        # No features: every text of three words or more scores the intercept alone.
        return HebrewCrisisScorer({}, [], [], intercept=logit, threshold=0.5)

    quiet = scorer_scoring_everyday_replies(-5.0)
    # The lowest threshold with at most two of the scorer's own alarms (0.70, 0.60) is 0.51; the
    # lexicon's line comes on top of the scorer's three.
    chosen, info = choose_threshold(quiet, scores, labels, lexicon, ordinary=[])
    assert chosen.threshold == 0.51
    assert (info["dev_he_recall"], info["dev_he_ngram_false_alarm_rate"]) == (1.0, 0.1)
    # Ordinary notes cap it too: two of a hundred may alarm, so it rises above the third (0.54).
    assert MAX_OWN_ORDINARY_ALARMS == 0.02
    ordinary = [0.56, 0.55, 0.54, *([0.0] * 97)]
    chosen, info = choose_threshold(quiet, scores, labels, lexicon, ordinary=ordinary)
    assert chosen.threshold == 0.55
    assert info["dev_he_ngram_ordinary_alarm_rate"] == 0.02
    # Everyday replies scoring 0.88 push the threshold above them, whatever dev would allow.
    loud = scorer_scoring_everyday_replies(2.0)
    chosen, info = choose_threshold(loud, scores, labels, lexicon, ordinary=[])
    assert chosen.threshold == 0.89
    assert info["dev_he_recall"] == 0.5


def test_built_scorer_adds_to_the_lexicon_and_stays_quiet_on_everyday_replies() -> None:
    if not (MODEL_DIR / SCORER_FILE).exists():
        pytest.fail("the classifier is not built: run 'make setup' (or make model)")
    scorer = HebrewCrisisScorer.load(MODEL_DIR / SCORER_FILE)
    assert 0.2 <= scorer.threshold < 1.0
    assert [text for text in EVERYDAY_HE if scorer.check(text).crisis] == []


class _ModelWithHebrewScorer:
    """A stand-in for the loaded model: no English scores needed; a scorer that alarms on any
    Hebrew text of three words or more, to show where the analyser consults it."""

    crisis_with_lexicon = True
    hebrew_crisis = HebrewCrisisScorer({}, [], [], intercept=5.0, threshold=0.5)

    def score(self, texts: list[str]) -> list[OverIdScore]:
        return [OverIdScore(0.0, False, None) for _ in texts]


def test_analyser_adds_the_scorer_for_hebrew_text_only() -> None:
    analyser = TextAnalyser(_ModelWithHebrewScorer())
    hebrew, short, english = "היה לי יום ארוך היום", "יום ארוך", "a long day on the ward today"
    results = analyser.analyse_sync([hebrew, short, english])
    assert [r.crisis for r in results] == [True, False, False]
    # Before the model has loaded, the lexicon alone decides.
    assert not TextAnalyser().analyse_sync([hebrew])[0].crisis


def test_scorer_respects_what_the_lexicon_has_cleared() -> None:
    # A scorer that would alarm on any Hebrew text of four words or more.
    scorer = _ModelWithHebrewScorer.hebrew_crisis
    assert scorer.check("היה לי יום ארוך מאוד היום").crisis
    # Crisis words the lexicon excuses (negated), and a sentence that is someone else's words.
    assert not scorer.check("אני לא חושבת להתאבד, אני פשוט עייפה").crisis
    assert not scorer.check("המטופלת סיפרה לי שהיא לא ישנה כבר שבוע").crisis
    # Beside a cleared sentence, the writer's own sentence is still scored, and is the evidence.
    result = scorer.check("המטופלת סיפרה לי שהיא לא ישנה כבר שבוע. ואני כבר לא יודעת מה איתי")
    assert result.crisis
    assert result.evidence == "ואני כבר לא יודעת מה איתי"
