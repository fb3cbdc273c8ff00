"""The Hebrew crisis lexicon (``bot.classifier.crisis_he``) on its own, family by family.

Each family is tested both ways: a phrasing it must catch, and the same frame with an everyday
object, someone else's words, training, the writer's past, a negation or a joke, which must stay
silent. None of these sentences is in the data files, so they check the family, not a sentence.
"""

from __future__ import annotations

import pytest

from bot.classifier.crisis import CrisisDetector
from bot.classifier.crisis_he import he_alarm, is_hebrew

CASES = [
    # Spelling and speech: misspelt suicide, glued words, spoken "ת׳", voice-typed punctuation.
    ("אני רוצה להתאבת", True),
    ("באלי למות", True),
    ("אנימתכננת להתאבד", True),
    ("יש לי ת׳כדורים ביד עכשיו", True),
    ("יש לי ת׳כדורים של אמא בתיק, צריך להביא לה", False),
    ("אני לא רוצה להמשיך נקודה אני רוצה למות נקודה", True),
    # Faith and euphemism.
    ("שהקב״ה ייקח אותי כבר, אין לי כוח", True),
    ("השם ייקח אותי מהעבודה הזאת מתי שהוא, אני מתפללת לקידום", False),
    ("רק רוצה להיות עם אמא שלי ז״ל", True),
    ("אבא שלי ז״ל היה אוהב את השיר הזה, התגעגעתי אליו היום", False),
    ("ביקשתי מאלוהים שלא אתעורר מחר", True),
    # A bare "למות", and its idioms, fears, loves and negations.
    ("מגיע לי למות", True),
    ("אני לא מפחדת למות, אני מפחדת להמשיך ככה", True),
    ("אני מפחדת למות בניתוח מחר", False),
    ("מוכנה למות בשביל הילדים שלי", False),
    ("אני לא רוצה למות, אני רוצה שיקשיבו לי", False),
    ("הוא אמר שהוא רוצה למות, הזמנו לו פסיכיאטר", False),
    # Killing oneself by a named means, a drive towards death, dying as a purpose.
    ("אני רוצה לתלות את עצמי", True),
    ("בא לי להכניס לעצמי כדור בראש", True),
    ("בא לי להכניס לעצמי כדור לכאב ראש", False),
    ("יש בי רצון למות שלא עוזב", True),
    ("בדקתי כמה זמן לוקח למות מזה", True),
    ("בסדנה תרגלנו איך שואלים על מחשבות אובדניות", False),
    # Indirect: regret at waking, no reason, worth, belonging, wanting it over.
    ("כל בוקר אני מצטערת שקמתי", True),
    ("חבל שקמתי היום בחמש, השעון דפוק", False),
    ("אני לא מוצא טעם להמשיך", True),
    ("לא רואה שום סיבה להמשיך את הישיבה", False),
    ("אני לא בנויה לחיים האלה, רוצה לצאת מהם", True),
    ("אני לא בנויה למשמרות לילה", False),
    ("מרגישה שאני מיותרת בעולם", True),
    ("מרגישה מיותרת בישיבות האלה", False),
    ("שזה ייגמר כבר", True),
    ("הלוואי שהיום הזה ייגמר כבר עם השיפוץ", False),
    ("עוד מעט אני נגמרת", True),
    ("אני מרגיש שאני נגמר מעייפות", False),
    ("אני כמו טעות שצריך למחוק", True),
    ("מרגישה טעות שבחרתי במקצוע הזה", False),
    # Plans and means.
    ("אגרתי אקמול כבר חודשיים", True),
    ("קניתי אקמול ונורופן לבית", False),
    ("שמרתי את התרופות במקרר כמו שצריך", False),
    ("אני מסתכל על האקדח כל לילה", True),
    ("הגשר ליד הבית יפה בשקיעה, אני מסתכלת עליו כל ערב", False),
    ("בלעתי עשרים כדורים לפני שעה", True),
    ("לקחתי את כל הכדורים של הבוקר, אני בסדר", False),
    ("יש לי תאריך ויש לי מקום", True),
    ("יש לי תאריך ויש לי מקום לחתונה", False),
    ("אחרי יום ההולדת של הבן שלי אני הולך", True),
    ("אחרי יום ההולדת של הבן שלי אני הולך לישון יומיים", False),
    ("קשרתי את החבל לוו בתקרה", True),
    ("קשרתי את החבל לעץ בשביל הנדנדה", False),
    # Goodbyes in ordinary words.
    ("סלחו לי על כל הכאב שגרמתי", True),
    ("סלחו לי על האיחור, הפקקים היו נוראיים", False),
    ("תזכרו אותי", True),
    ("תזכרו אותי כשתחלקו את הבונוסים חחח", False),
    ("כשתקראו את זה אני כבר לא אהיה", True),
    ("כשתקראו את זה אני כבר אהיה בטיסה לרומא", False),
    ("הכנתי רשימה מי מקבל מה מהדברים שלי", True),
    ("הכנתי רשימה מי מביא מה למסיבה", False),
    ("סמחוני, תסלחו לי על הכל, אני הולכת", True),
    ("טוב חברים, סליחה שאני ממהרת, אני הולכת", False),
    # Self-harm, and accidents, haircuts and over-working.
    ("כיביתי סיגריות על הזרוע אתמול", True),
    ("עשיתי לעצמי כוויה עם המצית בכוונה", True),
    ("עשיתי לעצמי כוויה עם המגהץ, כמה אני שלומיאלית", False),
    ("חתכתי את היד עם נייר, כואב יותר ממה שחשבתי", False),
    ("חתכתי שוב את השיער, קצר יותר הפעם", False),
    ("פגעתי בגוף שלי אחרי המשמרת", True),
    ("אני שורפת את עצמי בשביל המטופלים ואף אחד לא רואה", False),
    ("אני הורגת את עצמי על הפרויקט הזה", False),
    # Someone else's words, the writer's past, and a will to live.
    ("דני מחדר 4 רוצה למות, העליתי את זה בישיבה", False),
    ("הבן של השכנה חותך את עצמו, לא ידעתי מה להגיד", False),
    ("בגיל שבע עשרה כיביתי סיגריות על היד, היום אני מלווה נערות", False),
    ("הייתי מתפללת למוות כל ערב, היום אני מתפללת על הילדים", False),
    ("הייתי רוצה פשוט לא להתעורר יותר", True),
    ("לא רוצה לחיות ככה, אני רוצה לחיות אחרת וקבעתי תור", False),
    ("לא רוצה לחיות עם השכנים האלה יותר", False),
    ("לא יכולה להמשיך לחיות עם עצמי", True),
    # Plans, means and wishes in everyday words, each beside its everyday twin.
    ("חתכתי גם אתמול", True),
    ("חתכתי גם אתמול את הבצל לסלט", False),
    ("מקווה שמחר לא אתעורר", True),
    ("מקווה שלא אתעורר בזמן ואפספס את הישיבה", False),
    ("לקחתי את כל הכדורים שנשארו", True),
    ("לקחתי את כל הכדורים שלי היום כמו שצריך", False),
    ("אין לי מחר.", True),
    ("אין לי מחר משמרת, סוף סוף", False),
    ("לא מתכננת להיות פה עוד הרבה זמן", True),
    ("לא מתכננת להיות פה בחג, נוסעים לצפון", False),
    ("שמתי חבל בתא המטען", True),
    ("השארתי את החבל כביסה בחצר", False),
    ("אני רוצה למוט", True),
    ("לא רוצה לקום בבוקר יותר", True),
    ("לא רוצה לקום בבוקר למשמרת של שש", False),
    ("לא רוצה לקום בבוקר יותר בשש, ביקשתי משמרות ערב", False),
    ("מה הטעם להמשיך, אף אחד לא צריך אותי", True),
    ("מה הטעם להמשיך עם הטופס הזה אם אף אחד לא קורא", False),
    ("עדיף שלא הייתי קיימת בכלל", True),
    # From the safety audit. Someone else's story that made the writer want to die, or that the
    # writer takes on ("ואני מרגישה אותו דבר", in the sentence or the next), is the writer's own.
    ("הסיפור של המטופלת הערב גרם לי לרצות למות", True),
    ("השיחה עם המטופל עשתה לי חשק למות", True),
    ("הסיפור של המטופלת הערב גרם לי לבכות בחדר הצוות", False),
    ("המטופלת אמרה ׳הקולות גורמים לי לרצות למות׳ וקראתי לתורנית", False),
    ("זה לא גרם לי לרצות למות, זה גרם לי לרצות לעזור לה", False),
    ("הוא אמר שהוא רוצה למות ואני מרגישה אותו דבר", True),
    ("היא אמרה שהיא לא רוצה לחיות וגם אני", True),
    ("המטופל סיפר שאין לו בשביל מה לחיות. אותו דבר אצלי", True),
    ("מטופלת סיפרה שהיא חושבת להתאבד. אני גם חושבת על זה", True),
    ("המטופל סיפר שהוא רוצה למות והעברתי לפסיכיאטר", False),
    ("מטופלת אמרה שהיא רוצה למות ודיווחתי", False),
    ("מטופל אמר שהוא רוצה למות, וגם אני דאגתי אז קראנו לתורנית", False),
    ("היא אמרה שהיא רוצה למות, הצוות נבהל ואני גם", False),
    ("מטופל אמר שהוא רוצה למות. גם אני הייתי שם פעם, והיום אני כאן", False),
    ("הצוות חושב שהוא רוצה למות. אני חושבת אותו דבר", False),
    # Household poisons, swallowed.
    ("שתיתי אקונומיקה", True),
    ("בלעתי רעל עכברים לפני שעה", True),
    ("שתיתי קפה", False),
    ("ניקיתי את המטבח עם אקונומיקה אחרי המשמרת", False),
    ("שתיתי את הרעל שהם קוראים לו קפה בחדר הצוות", False),
    ("כמעט שתיתי אקונומיקה בטעות, היא הייתה בבקבוק של מים", False),
    # All the pills I had, the whole pack.
    ("לקחתי את כל הכדורים שהיו לי", True),
    ("לקחתי את כל החפיסה", True),
    ("לקחתי את כל הכדורים שלי היום כרגיל", False),
    ("לקחתי את כל הקופסה של העוגיות לישיבת צוות", False),
    # Jumping in the first-person future, and popping over somewhere.
    ("נראה לי שאני אקפוץ הלילה", True),
    ("אני אקפוץ מפה", True),
    ("אני אקפוץ אלייך אחרי המשמרת", False),
    ("אקפוץ לסופר בדרך הביתה", False),
    ("אקפוץ לבקר את אמא הלילה", False),
    ("אקפוץ מחר לקפה עם רונית", False),
    ("קופצת למשמרת של רונית ביום שישי", False),
    ("קפצתי לבריכה אחרי העבודה", False),
    # Afraid of what I might do.
    ("אני מפחדת ממה שאני עלולה לעשות הלילה", True),
    ("אני מפחד ממה שאני עלול לעשות לעצמי", True),
    ("אני מפחדת ממה שהמנהלת תגיד", False),
    ("מפחדת ממה שאני עלולה להגיד לה בישיבה מחר", False),
    ("המטופלת מפחדת ממה שהיא עלולה לעשות לעצמה, ביקשנו השגחה", False),
    # Better off dead, never to have existed.
    ("עדיף לי מתה", True),
    ("עדיף שאהיה מת", True),
    ("עדיף לי מתה מאשר לחיות ככה", True),
    ("עדיף לי משמרת בוקר", False),
    ("עדיף לי מת מאשר עוד ישיבת צוות כזאת חחח", False),
    ("עדיף לי מתה מעייפות בבית מאשר ערה בישיבה", False),
    ("עדיף שלא הייתי קיימת בכלל, גם הצוות יסתדר בלעדיי", True),
    ("עדיף שלא הייתי בכלל בישיבה הזאת, בזבוז זמן", False),
    # No way out.
    ("אני מרגישה שאין לי מוצא", True),
    ("אין מוצא.", True),
    ("אין מוצא לחניון מהצד הזה של בית החולים", False),
    ("אין לי מוצא חשמל ליד המיטה במשמרת לילה", False),
    ("לא מוצאת את המפתחות של חדר התרופות", False),
    # A laugh named to be taken away is no joke.
    ("המנהלת שוב ביטלה לי את החופש ובא לי למות, בלי חחח", True),
    ("המנהלת שוב ביטלה לי את החופש ובא לי למות חחח", False),
]


@pytest.mark.parametrize(("text", "crisis"), CASES)
def test_hebrew_families(text: str, crisis: bool) -> None:
    assert CrisisDetector().check(text).crisis == crisis, text


def test_hebrew_sentences_go_to_the_hebrew_lexicon() -> None:
    assert is_hebrew("אני רוצה למות") and not is_hebrew("i want to die")
    assert he_alarm("אני רוצה למות", "", "")
    result = CrisisDetector().check("Long day. יום ארוך. מגיע לי למות")
    assert result.crisis and result.evidence == "מגיע לי למות"


def test_an_everyday_fragment_after_the_sentence_names_the_object() -> None:
    # "לזה" is named by the fragment that follows: a quarrel, not a life.
    assert not CrisisDetector().check("רוצה לשים לזה סוף. לוויכוח הזה עם השכן על החניה").crisis
    assert CrisisDetector().check("רוצה לשים לזה סוף. לי. להכל").crisis
