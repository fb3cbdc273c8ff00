"""Short everyday messages and questions about Kindred (``bot.services.small_talk``)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.services.small_talk import (
    QUESTIONS_ABOUT_KINDRED,
    SmallTalk,
    small_talk_kind,
    yes_or_no,
)

DATA = Path(__file__).resolve().parent.parent / "bot" / "classifier" / "data"


@pytest.mark.parametrize(
    ("said", "kind"),
    [
        ("hi", SmallTalk.GREETING),
        ("Good morning!", SmallTalk.GREETING),
        ("thank you so much", SmallTalk.THANKS),
        ("ok thanks!", SmallTalk.THANKS),
        ("ok", SmallTalk.ACK),
        ("good night kindred 😴", SmallTalk.GOODNIGHT),
        ("see you tomorrow", SmallTalk.GOODBYE),
        ("what can you do?", SmallTalk.ABOUT),
        ("how do I delete an entry?", SmallTalk.ENTRIES),
        ("hi, how do I delete an old entry", SmallTalk.ENTRIES),
        ("where are my entries", SmallTalk.ENTRIES),
        ("I want to delete my account", SmallTalk.DELETE_ACCOUNT),
        ("Kindred, how do I change my time zone?", SmallTalk.SETTINGS),
        ("can I change the time?", SmallTalk.SETTINGS),
        ("can I pause the check-ins for a week?", SmallTalk.PAUSE),
        # Asking the bot for fewer messages (each alarmed the model in a walkthrough).
        ("no reminders please", SmallTalk.PAUSE),
        ("can you stop sending me check-ins?", SmallTalk.PAUSE),
        ("I don't want check-ins anymore", SmallTalk.PAUSE),
        ("only when I ask", SmallTalk.PAUSE),
        ("how do I leave the programme?", SmallTalk.LEAVE),
        ("I don't want to be part of the programme any more", SmallTalk.LEAVE),
        ("איך יוצאים מהתוכנית?", SmallTalk.LEAVE),
        ("בלי תזכורות בבקשה", SmallTalk.PAUSE),
        ("תפסיק לשלוח לי הודעות", SmallTalk.PAUSE),
        ("אני לא רוצה יותר צ׳ק-אין", SmallTalk.PAUSE),
        ("stop messaging me", SmallTalk.PAUSE),
        ("how do i get my data out", SmallTalk.EXPORT),
        ("how do I do a reflection?", SmallTalk.REFLECT),
        ("I'd like to write a journal entry", SmallTalk.JOURNAL),
        ("how can I see my mood chart", SmallTalk.TRENDS),
        ("can I bring this to supervision?", SmallTalk.SUPERVISION),
        ("can my manager see what I write?", SmallTalk.PRIVACY),
        ("is it encrypted?", SmallTalk.PRIVACY),
        ("how do I talk to someone?", SmallTalk.TALK_TO_SOMEONE),
        ("how do i stop the check ins for a week, going on holiday", SmallTalk.PAUSE),
        ("how do i turn check-ins back on", SmallTalk.PAUSE),
        ("who can see what I write here", SmallTalk.PRIVACY),
        ("do u store my messages", SmallTalk.PRIVACY),
        ("where's my journal", SmallTalk.ENTRIES),
        ("how do i change the time of the check-ins", SmallTalk.SETTINGS),
        ("הראש צוות שלי יכול לראות את זה?", SmallTalk.PRIVACY),
        ("איך עוצרים את הצק אינים לשבוע, אני בחופש", SmallTalk.PAUSE),
        ("היי", SmallTalk.GREETING),
        ("תודה רבה", SmallTalk.THANKS),
        ("יאללה לילה טוב", SmallTalk.GOODNIGHT),
        ("מה אתה יודע לעשות?", SmallTalk.ABOUT),
        ("איך אני מוחקת רשומה?", SmallTalk.ENTRIES),
        ("איפה הרשומות שלי?", SmallTalk.ENTRIES),
        ("איך אפשר לשנות את השפה?", SmallTalk.SETTINGS),
        ("רוצה לעצור את ההודעות", SmallTalk.PAUSE),
        ("המנהלת שלי יכולה לראות את זה?", SmallTalk.PRIVACY),
        # From the walkthroughs of 2026-11-28 (thirteenth session):
        ("can my boss see what i write here?", SmallTalk.PRIVACY),
        ("whats the number for eran again", SmallTalk.TALK_TO_SOMEONE),
        ("מי רואה את הנתונים שלי?", SmallTalk.PRIVACY),
        ("המנהלת שלי יכולה לראות מה אני כותבת פה?", SmallTalk.PRIVACY),
        ("מישהו קורא את זה?", SmallTalk.PRIVACY),
        ("מה המספר של ערן?", SmallTalk.TALK_TO_SOMEONE),
        ("יש מספר של קו חם?", SmallTalk.TALK_TO_SOMEONE),
        ("עם מי אפשר לדבר?", SmallTalk.TALK_TO_SOMEONE),
        ("איך אני עושה pause לשבוע?", SmallTalk.PAUSE),
        ("איך עושים הפסקה?", SmallTalk.PAUSE),
        ("מה זה supervision?", SmallTalk.SUPERVISION),
        ("מה זה הדרכה?", SmallTalk.SUPERVISION),
        ("❤️", SmallTalk.ACK),
        ("🙏🙏", SmallTalk.ACK),
    ],
)
def test_short_everyday_messages(said: str, kind: SmallTalk) -> None:
    assert small_talk_kind(said) is kind


@pytest.mark.parametrize(
    "said",
    [
        # Only the whole message counts: these are not questions about Kindred.
        "how do I delete everything?",
        "🔪",
        "💊💊💊",
        "איך מוחקים הכל?",  # as in English: "everything" may not be the account
        "how do I end it",
        "can I delete myself",
        "how do I kill myself",
        "i want to stop",
        "I want to stop everything",
        "good night forever",
        "goodbye everyone",
        "my last note",
        "fine",
        "hi. i took all my pills",
        "thanks for everything, I won't need you anymore",
        "מה שכתבתי",
        "לילה טוב לכולם, לתמיד",
        # A length of time after "pause", never an open phrase: these are goodbyes.
        "pause check-ins for good",
        "can you stop the check-ins for good",
        "stop the check-ins forever",
        "pause check-ins for the last time",
        "לעצור את ההודעות לתמיד",
        # Leaving, without the programme named, or more than the messages: never set aside.
        "I want to leave",
        "I don't want to be here anymore",
        "no more check-ins, no more anything",
        "stop sending me messages forever",
        "I don't want reminders, I won't be around to read them",
        "רוצה לצאת מהכול",
        "בלי הודעות ממך לתמיד",
        "אני לא רוצה יותר כלום",
    ],
)
def test_anything_more_is_not_small_talk(said: str) -> None:
    assert small_talk_kind(said) not in QUESTIONS_ABOUT_KINDRED
    assert small_talk_kind(said) is None


def test_no_crisis_line_of_the_data_reads_as_a_question_about_kindred() -> None:
    """The crisis alarm of the model is set aside for these: none of the 21,954 crisis lines
    written for this project, in either language, may be one."""
    crisis_lines = 0
    for path in sorted(DATA.rglob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if "crisis" not in path.name or row.get("label") != "1":
                    continue
                crisis_lines += 1
                assert small_talk_kind(row["text"]) not in QUESTIONS_ABOUT_KINDRED, row["text"]
    assert crisis_lines > 20_000


@pytest.mark.parametrize(
    ("said", "answer"),
    [
        ("yes", True),
        ("Yes please", True),
        ("save it", True),
        ("כן", True),
        ("no thanks", False),
        ("don't save", False),
        ("לא", False),
        ("yes, I was tired", None),
        ("ok", None),
    ],
)
def test_yes_or_no(said: str, answer: bool | None) -> None:
    assert yes_or_no(said) is answer
