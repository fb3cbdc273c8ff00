"""Crisis language detector: careful lexicons for English and Hebrew.

Recall comes first: any sentence that speaks, in the first person and in the present, of wanting
to die, a plan or means, saying goodbye or self-harm raises the alarm. A sentence is excused only
when it is clearly someone else's story (reported speech about a patient), a known figure of
speech, training or paperwork about risk, or the writer's past told as recovery, with nothing in
it pulling it back into the present ("again", "tonight", "now").

The alarm only ever adds helplines and warmth to the reply; a false alarm costs a kind message,
a miss could cost far more, so ambiguous sentences alarm.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FLAGS = re.IGNORECASE | re.UNICODE


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), _FLAGS)


# --- English --------------------------------------------------------------------------------

_I = r"(?:\bi\b|\bim\b|\bi'm\b|\bi’m\b|\bme\b|\bmy\b|\bmyself\b|^)"

EN_CRISIS = _any(
    # wanting to die / suicide, direct
    r"\b(?:want|wanna|wanted|going|gonna|need|ready|like|rather)\b[^.!?]{0,20}\b(?:to\s+)?"
    r"(?:die|be\s+dead|end\s+it|end\s+my\s+life|end\s+things|kill\s+my\s*self|not\s+exist|"
    r"not\s+be\s+here|not\s+wake\s+up|disappear\s+(?:for\s+good|forever))\b",
    r"\bkill(?:ing)?\s+my\s*self\b",
    r"\b(?:end(?:ing)?|take|taking)\s+my\s+(?:own\s+)?life\b",
    r"\bending\s+it(?:\s+all)?\b",
    r"\bend\s+it\s+all\b",
    r"\bsuicid(?:e|al)\b",
    r"\bwish\s+i\s+(?:was|were|could\s+be)\s+dead\b",
    r"\bwish\s+i\s+(?:would|could)\s+(?:die|just\s+die|not\s+wake)",
    r"\bwish\s+i\s+(?:wasn'?t|weren'?t|was\s+not|had\s+never\s+been)\s+(?:here|alive|born|around)",
    r"\bwish\s+i\s+(?:didn'?t|did\s+not)\s+exist\b",
    r"\brather\s+be\s+dead\b",
    r"\b(?:tired|sick)\s+of\s+(?:being\s+alive|living|life)\b",
    r"\bthinking\s+about\s+(?:dying|death|ending)\b",
    r"\bthink\s+about\s+(?:dying|death)\b",
    # indirect
    r"\bbetter\s+off\s+(?:without\s+me|with\s+me\s+gone|if\s+i\s+(?:was|were)n?'?t?\s+(?:here|around|alive))",
    r"\bbetter\s+off\s+dead\b",
    r"\b(?:no|nobody|no\s+one|noone)\b[^.!?]{0,20}\b(?:notice|miss\s+me|care)\b[^.!?]{0,15}\bif\s+i\s+(?:was|were|died|disappeared)",
    r"\bif\s+i\s+(?:was|were)\s+gone\b",
    r"\b(?:no|what'?s\s+the|whats\s+the|what\s+is\s+the)\s+(?:point|reason)\b[^.!?]{0,25}\b(?:living|alive|going\s+on|carry(?:ing)?\s+on|being\s+here|anything|any\s+of\s+it|life)\b",
    r"\bdon'?t\s+want\s+to\s+(?:be\s+alive|live|exist|be\s+here\s+anymore|wake\s+up|keep\s+living|go\s+on)",
    r"\bdont\s+want\s+to\s+(?:be\s+alive|live|exist|wake\s+up|keep\s+living|go\s+on)",
    r"\bcan'?t\s+(?:go\s+on|keep\s+going|see\s+a\s+(?:way|future))\b",
    r"\bno\s+(?:way\s+out|future\s+for\s+me)\b",
    r"\bburden\b[^.!?]{0,30}\b(?:much\s+longer|anymore|gone|without)\b",
    r"\bwon'?t\s+be\s+(?:a\s+burden|around|here)\s+(?:much\s+)?(?:longer|for\s+long|tomorrow|next)",
    r"\bnot\s+be\s+around\s+(?:much\s+)?longer\b",
    r"\bsleep\s+and\s+(?:never|not)\s+wake\b",
    r"\bnever\s+wake\s+up\b",
    r"\bgive\s+up\s+on\s+(?:life|living|everything)\b",
    r"\bwant\s+(?:it\s+all\s+)?to\s+(?:stop|end)\s+(?:for\s+good|forever|permanently)\b",
    r"\bwant\s+(?:everything|it\s+all)\s+to\s+(?:stop|end)\b",
    r"\bw(?:an|na)t\s+to\s+die\b",
    r"\bstop\s+existing\b",
    r"\bhate\s+being\s+alive\b",
    r"\bi\s+want\s+out\b",
    r"\b(?:relieved|easier|better)\s+if\s+i\s+(?:died|just\s+died|wasn'?t\s+here|was\s+gone|just\s+wasn'?t\s+here)",
    r"\bif\s+i\s+(?:just\s+)?wasn'?t\s+here\b",
    r"\bif\s+i\s+wasnt\s+here\b(?![^.!?]{0,10}\bon\b)",
    r"\b(?:rather|like)\s+not\s+(?:be\s+around|to\s+be\s+here|exist)",
    r"\bbe\s+around\s+for\s+the\s+next\b",
    r"\bkeep\s+going\s+much\s+longer\b",
    r"\btired\s+of\s+fighting\s+to\s+stay\s+alive\b",
    r"\b(?:see|seeing)\s+myself\s+being\s+here\s+by\b",
    r"\bmade\s+my\s+peace\s+with\s+it\b",
    r"\bwon'?t\s+miss\s+me\b",
    r"\b(?:the\s+)?point\s+in\s+any\s+of\s+it,?\s+me\b",
    r"\bcan'?t\s+do\s+this\s+any\s*more\b[^.!?]{0,30}\blife\b",
    r"\bi'?ll\s+make\s+sure\s+of\s+it\b",
    # plans and means (vague by design: we look for the signal, never store detail)
    r"\b(?:saving|saved|stockpil\w*|hoard\w*|collect\w*|gather\w*)\b[^.!?]{0,20}\b(?:pills|tablets|meds|medication)\b",
    r"\bknow\s+(?:how|where|when)\s+i'?(?:d|\s+would|'ll|\s+will)\s+do\s+it\b",
    r"\b(?:have|got|made|making|picked|chose|set)\s+(?:a|the|my)\s+(?:plan|date)\b",
    r"\bthe\s+place\s+i'?d\s+do\s+it\b",
    r"\bdo(?:ing)?\s+it\s+on\s+the\s+anniversary\b",
    r"\btonight'?s\s+the\s+night\b",
    r"\b(?:looking|looked)\s+up\s+ways\b",
    r"\bresearching\s+how\b",
    r"\b(?:got|have|collecting|collected|gathering)\s+(?:hold\s+of\s+)?(?:everything\s+)?what\s+i(?:'d)?\s+need\b",
    r"\bgot\s+everything\s+i\s+need\b",
    r"\bit'?s\s+planned\s+for\b",
    r"\bthe\s+date'?s\s+set\b",
    r"\bwhen\s+and\s+where\b",
    r"\bwhen\s+everyone\s+will\s+be\s+out\b",
    r"\bright\s+night\b",
    # goodbyes
    r"\b(?:this\s+is\s+)?(?:my\s+)?last\s+(?:message|goodbye|night|time\s+writing)\b",
    r"\bgoodbye\s+(?:everyone|all|world|for\s+good)\b",
    r"\btell\s+(?:my\s+)?\w+\s+(?:i|that\s+i)\s+love(?:d)?\b",
    r"\b(?:giving|gave|give)\s+away\s+my\b",
    r"\b(?:sorted|sorting|wrote|writing|left)\b[^.!?]{0,25}\b(?:my\s+will|a\s+note|letters?\s+(?:for|to))\b",
    r"\bwasn'?t\s+(?:their|your)\s+fault\b",
    r"\bthis\s+is\s+goodbye\b",
    r"\bthank\s+you\s+all\s+for\s+everything\b",
    r"\bfor\s+the\s+last\s+time\b",
    r"\btying\s+up\s+loose\s+ends\b",
    r"\bwon'?t\s+need\s+it\b",
    r"\bgiving\s+my\s+(?:stuff|things)\s+away\b",
    r"\bwhere\s+the\s+passwords\s+are\b",
    r"\bnext\s+week\s+or\s+ever\b",
    r"\bdeal\s+with\s+my\s+mess\s+after\b",
    r"\bthanks?\s+for\s+(?:everything|trying\s+with\s+me)\b[^.!?]{0,30}\b(?:goodbye|bye|ever|sorry)",
    r"\bsorry,?\s+i\s+couldn'?t\s+do\s+it\s+any\s*more\b",
    r"\b(?:or|and)\s+ever\b[^.!?]{0,30}\bthanks\b",
    # self-harm
    r"\b(?:cut|cutting|burn(?:ed|t|ing)?|hurt(?:ing)?|harm(?:ed|ing)?|hit(?:ting)?|punish(?:ed|ing)?)\s+my\s*self\b",
    r"\bself[\s-]?harm\w*\b",
    r"\b(?:been\s+)?cutting\s+again\b",
    r"\bcut\s+again\b",
    r"\burges?\s+to\s+(?:cut|hurt|harm|burn)\b",
    r"\bhiding\s+(?:my\s+)?(?:arms|cuts|scars|plasters)\b",
    r"\bhiding\s+plasters\b",
    r"\bthe\s+thing\s+i\s+promised\s+i\s+wouldn'?t\s+do\b",
    r"\bwant\s+to\s+cut\b",
    r"\bfresh\s+marks\b",
    r"\bscratch(?:ing|ed)?\s+(?:at\s+)?my\s+(?:arms|legs|skin)\b",
)

# A present-tense anchor re-opens a sentence that looks like past or recovery.
EN_PRESENT = _any(
    r"\bagain\b",
    r"\btonight\b",
    r"\bright\s+now\b",
    r"\bnow\b",
    r"\btoday\b",
    r"\bthis\s+(?:week|time)\b",
    r"\bstill\b",
    r"\bback\b(?!\s+(?:in\s+(?:19|20)\d\d|then|in\s+my|when))",
    r"\bnot\s+a\s+joke\b",
    r"\bnot\s+(?:joking|kidding)\b",
    r"\bi\s+mean\s+it\b",
)

EN_REPORTED = _any(
    r"\b(?:he|she|they|pt|patient|client|service\s+user|resident|his|her|their|him)\b[^.!?]{0,40}"
    r"\b(?:said|says|told|tells|reports?|reported|disclosed|admitted|mentioned|keeps|kept|wants|"
    r"wanted|tried|attempted|history|thinking|thoughts|wrote|writing|talks?|talked)\b",
    r"\b(?:him|her|them)sel(?:f|ves)\b",
    r"\b(?:admission|admitted|a\s+lad|a\s+man|a\s+woman|a\s+girl|a\s+boy|one\s+of\s+(?:my|the|them)"
    r"|(?:young\s+)?(?:man|woman|lad)\s+on\s+the\s+ward|history\s+of)\b",
    r"\b(?:pt|patient|client)\b",
    r"\"[^\"]*\"|“[^”]*”",
)

EN_FIGURATIVE = _any(
    r"\bkilling\s+(?:me|time|it)\b",
    r"\bdie\s+of\s+(?:embarrassment|shame|boredom|laughter|cringe)\b",
    r"\b(?:died|dying)\s+(?:laughing|of\s+laughter|a\s+little)\b",
    r"\bdying\s+(?:for|to\s+(?:get|see|go|know|hear|try|sleep))\b",
    r"\bdead\s+(?:tired|on\s+my\s+feet|beat)\b",
    r"\bdeath\s+of\s+me\b",
    r"\bto\s+die\s+for\b",
    r"\bcould\s+(?:murder|kill)\s+(?:a|for|him|her|them|the)\b",
    r"\bkill\s+me\s+now\b(?![^.!?]*\bnot\s+a\s+joke)",
    r"\bi'?ll\s+die\b",
    r"\bi'?m\s+dead\b",
    r"\b(?:lol|lmao|haha+|joking|jk)\b|😂|🤣",
    r"\bkill(?:ing)?\s+my\s*self\s+laughing\b",
    r"\bsuicide\s+mission\b",
    r"\bfire\s+exit\b",
)

EN_TRAINING = _any(
    r"\btraining\b",
    r"\brisk\s+assessment\b",
    r"\bsafety\s+plan",
    r"\bprotocol\b",
    r"\bworkshop\b",
    r"\bmodule\b",
    r"\bpolicy\b",
    r"\bcourse\b",
    r"\bslides\b",
    r"\bsession\s+on\b",
    r"\b(?:framework|guidelines?|audit|refresher|first\s+aid|care\s+plan|consultation|ideation"
    r"|awareness|prevention|strategy|disclosures?|role[\s-]?play|e-?learning|webinar|lecture"
    r"|seminar|theory|supervision\s+on|how\s+to\s+(?:document|respond|ask))\b",
    r"\bpaperwork\b",
    r"\bform\b",
)

EN_PAST = _any(
    r"\b(?:years?|months?)\s+ago\b",
    r"\bused\s+to\b",
    r"\bback\s+(?:then|in\s+(?:19|20)\d\d)\b",
    r"\bin\s+(?:19|20)\d\d\b",
    r"\bin\s+my\s+(?:teens|twenties|thirties|past|early)\b",
    r"\bwhen\s+i\s+was\s+(?:ill|unwell|sick|younger|in\s+hospital|a\s+patient|admitted|\d+)",
    r"\bglad\s+i\s+(?:stayed|survived|didn'?t|am\s+still)\b",
    r"\bi\s+survived\b",
    r"\bmy\s+(?:recovery|story)\b",
    r"\bfor\s+(?:years|most\s+of\s+my)\b",
    r"\bi\s+tried\b[^.!?]{0,40}\bnow\b",
    r"\bwhen\s+i\s+tried\b",
    r"\bno\s+longer\b",
    r"\b\d+\s+(?:years?|months?)\s+(?:free|clean|since)\b",
    r"\bin\s+my\s+(?:20s|30s|40s|teens)\b",
    r"\bthe\s+(?:version|part)\s+of\s+me\s+that\b",
    r"\bsomeone\s+sat\s+with\s+me\s+when\b",
)

# --- Hebrew ---------------------------------------------------------------------------------
# Hebrew attaches ו/ש/ה/ל/כש/מ/ב to the front of words, so patterns allow those prefixes and
# both full and defective spellings (with and without yod/vav).
_P = r"(?:^|(?<=[\s,.!?\"'״׳(]))(?:[ושהלכמב]|כש|וכש|שה|וה|ול|וש){0,2}"

HE_CRISIS = _any(
    _P
    + r"(?:רוצה|רוצים|רציתי|בא\s+לי|מתחשק\s+לי|הולך|הולכת|מתכוון|מתכוונת)\s+(?:פשוט\s+|כבר\s+|רק\s+)?"
    r"(?:למות|להתאבד|לסיים\s+(?:עם\s+)?(?:הכל|הכול|את\s+החיים|את\s+זה)|להיעלם\s+(?:לתמיד|לנצח)|לא\s+להיות\s+פה|לא\s+להתעורר|לא\s+להיות\s+קיים|לא\s+להיות\s+קיימת|לשים\s+סוף)",
    _P + r"(?:להתאבד|התאבדות|אובדני(?:ות|ים|ת)?|מחשבות\s+אובדניות)",
    _P
    + r"(?:אמות|שאמות|שאני\s+אמות|הלוואי\s+ש?(?:אמות|הייתי\s+מת|הייתי\s+מתה|לא\s+הייתי|לא\s+אתעורר|לא\s+נולדתי))"
    + r"(?!\s+אם)",  # "שאמות אם אני מבינה..." is an idiom ("I'll be damned if")
    _P + r"הלוואי\s+(?:ו|ש)?(?:לא\s+)?(?:הייתי|אהיה)\s+(?:קיים|קיימת|פה|בחיים|מת|מתה)",
    _P + r"(?:לשים|אשים|לשים\s+כבר)\s+סוף\s+(?:לחיים|לכל|לכול|לזה)",
    _P + r"(?:לגמור|לסיים)\s+עם\s+(?:החיים|הכל|הכול)",
    r"טובים?\s+(?:יותר\s+)?בלעדיי|טוב\s+(?:יותר\s+)?בלעדיי|יותר\s+טוב\s+בלעדיי|ירוויחו\s+בלעדיי"
    r"|קל\s+(?:יותר\s+)?בלעדיי|יותר\s+קל\s+בלעדיי",
    r"לא\s+בשביל\s+להישאר\s+בחיים",
    r"להפסיק\s+להיות(?=\s*(?:[.,!?]|$))",
    r"(?:איך|מתי)\s+זה\s+(?:ייגמר|יגמר|יסתיים)\s+(?:ומתי|ואיך)",
    r"אל\s+(?:תכעסו|תכעסי|תכעס)\s+עליי",
    _P
    + r"(?:אין|לא\s+רואה|לא\s+רואה\s+שום)\s+(?:לי\s+)?(?:טעם|סיבה|בשביל\s+מה)\s+(?:להמשיך|לחיות|לקום|בחיים)"
    + r"(?!\s+(?:את|עם)\s)",
    _P + r"אין\s+לי\s+(?:בשביל\s+מה|למה)\s+(?:לחיות|להמשיך)",
    _P
    + r"(?:לא|לא\s+באמת)\s+(?:רוצה|רוצים)\s+(?:לחיות|להמשיך\s+לחיות|להתעורר|להיות\s+בחיים|להיות\s+פה\s+יותר)"
    # "I don't want to wake up tomorrow for another early shift" is tiredness, not crisis
    + r"(?![^.!?]{0,14}(?:לעוד|למשמרת|לעבודה|לישיבה|מוקדם|ב-?\d))",
    _P + r"נמאס\s+לי\s+(?:לחיות|מהחיים|מלחיות|להיות\s+בחיים)",
    _P + r"(?:עייף|עייפה)\s+מלחיות",
    _P + r"אף\s+אחד\s+לא\s+(?:ישים\s+לב|יתגעגע|ירגיש)\b[^.!?]{0,20}(?:אם|כש)",
    _P
    + r"(?:לא\s+אהיה|לא\s+אהיה\s+פה|לא\s+אהיה\s+כאן)\s+(?:עוד\s+)?(?:הרבה\s+זמן|מחר|בשבוע\s+הבא|עוד\s+הרבה)",
    _P + r"(?:אעלם|איעלם|ייעלם|אני\s+ייעלם|להיעלם)\s+(?:לתמיד|לנצח|מהעולם)",
    _P + r"נטל\s+על\s+(?:כולם|המשפחה)",
    # plans and means, vague on purpose
    _P
    + r"(?:אספתי|אוסף|אוספת|חוסך|חוסכת|שומר|שומרת|צוברת|צובר)\s+(?:את\s+ה|עוד\s+)?(?:כדורים|תרופות|כדורי)",
    _P + r"(?:יודע|יודעת)\s+(?:בדיוק\s+)?(?:איך|איפה|מתי)\s+(?:אני\s+)?(?:אעשה|לעשות)\s+את\s+זה",
    _P
    + r"(?:קבעתי|בחרתי|יש\s+לי)\s+(?:כבר\s+)?(?:תאריך|תוכנית|תכנית)"
    + r"(?![^.!?]{0,15}(?:לחופש|לחופשה|לטיסה|לחתונה|לפגישה|לתור|לניתוח|למשמרת|לעבודה))",
    _P + r"יש\s+לי\s+(?:כבר\s+)?את\s+(?:ה)?אמצעים",
    _P + r"(?:הלילה|היום)\s+(?:זה\s+קורה|זה\s+הלילה)(?!\w)",
    # goodbyes
    _P + r"(?:ההודעה|המכתב)\s+(?:ה)?אחרונ(?:ה|ו)\s+(?:שלי)?(?![^.!?]{0,12}(?:להיום|הערב|לשבוע))",
    _P + r"(?:תגידו|תגיד|תגידי|תמסרו)\s+(?:ל\S+\s+)?(?:שאהבתי|שאני\s+אוהב|שאני\s+אוהבת)",
    _P + r"(?:נפרד|נפרדת|להיפרד|נפרדים)\s+(?:מכולם|מכם|מכן|מהעולם)",
    _P
    + r"(?:מחלק|מחלקת|חילקתי|נתתי|נותן|נותנת)\s+(?:את\s+)?(?:הדברים|החפצים|הציוד|כל\s+מה)\s+(?:שלי)?",
    _P + r"(?:כתבתי|כותב|כותבת)\s+(?:מכתב(?:י)?\s+פרידה|צוואה|מכתבים\s+ל)",
    _P
    + r"(?:סידרתי|מסדר|מסדרת)\s+(?:את\s+)?(?:הכל|הכול|העניינים|הצוואה|הניירת)\s+(?:בשביל|ל)?(?:אחרי|כשאני)",
    r"זו\s+הפעם\s+האחרונה\s+ש(?:אני|את|אתם)?(?!\s*(?:מתלונן|מתלוננת|מסכים|מסכימה|עושה|מחליף|מחליפה))",
    r"סליחה\s+(?:מכולם|על\s+הכל|על\s+הכול)",
    r"זה\s+לא\s+(?:באשמתכם|באשמתך|אשמתכם|אשמתך)",
    r"שלום\s+לכולם(?!\s+[,!]?\s*(?:ערב|בוקר|לילה))",
    _P + r"(?:להרוג|אהרוג|הורג|הורגת)\s+את\s+עצמי(?!\w)",
    _P + r"(?:לא\s+)?(?:רוצה|רוצים)\s+(?:להפסיק\s+להיות|לנוח\s+לתמיד|להיעלם)",
    _P
    + r"(?:כבר\s+)?לא\s+רוצה\s+להיות\s+(?:פה|כאן|קיים|קיימת)"
    + r"(?!\s+(?:ב|ה)?(?:מחלקה|עבודה|ישיבה|צוות|משמרת|תפקיד|בית\s+החולים))",
    r"אין\s+לי\s+(?:כוח|סיבה|חשק)\s+(?:לחיות|להמשיך\s+לחיות)",
    r"למה\s+אני\s+(?:עדיין|עוד)\s+(?:פה|כאן|חי|חיה)",
    r"אם\s+(?:פשוט\s+)?(?:לא\s+אהיה|אני\s+לא\s+אהיה|אעלם|איעלם|יעלם|ייעלם|אני\s+ייעלם|אני\s+יעלם)",
    r"(?:לא\s+הייתי\s+נולד|לא\s+הייתי\s+נולדת)",
    r"(?:לנוח|לישון)\s+לתמיד",
    r"לא\s+(?:רוצה|רוצים)\s+להמשיך\s+(?:אותם|ככה|לחיות)",
    r"בלי\s+להישאר\s+בחיים|להישאר\s+בחיים(?=[^.!?]{0,20}לא)",
    r"(?:החלטתי|קבעתי)\s+(?:על\s+)?תאריך(?![^.!?]{0,15}(?:לחופש|לחופשה|לטיסה|לחתונה))",
    r"(?:הכנתי|השגתי|שמרתי\s+בצד)\s+(?:את\s+)?(?:הכל|הכול|מה\s+ש)",
    r"(?:יש\s+לי\s+איך|תכננתי\s+את\s+זה|מצאתי\s+דרך)",
    r"(?:אעשה|אני\s+אעשה)\s+את\s+זה(?![^.!?]{0,10}מחר\s+ב)",
    r"אל\s+תחפשו\s+אותי",
    r"(?:תודה|תודה\s+רבה)\s+(?:לכולכם|לכם|לכולם)\s+על\s+(?:הכל|הכול)",
    r"(?:לא\s+אצטרך|כבר\s+לא\s+אצטרך)\s+(?:אות|את)",
    r"(?:תדאגו|תשמרו)\s+(?:ל|על)\S*\s+(?:בשבילי|במקומי)",
    _P + r"(?:בשביל|למה)\s+מה\s+(?:אני\s+)?(?:ממשיך|ממשיכה|חי|חיה)\s+(?:בכלל|עוד)",
    _P + r"בשביל\s+מה\s+(?:אני\s+)?(?:ממשיך|ממשיכה|חי|חיה)(?!\s+(?:את|עם|ל)\S*)",
    r"מה\s+הטעם\s+(?:בכלל|לחיות|להמשיך\s+לחיות)(?![^.!?]{0,6}\s(?:את|עם)\s)",
    r"אין\s+לזה\s+סוף\s+ואין\s+לי\s+סיבה",
    r"(?:הכי\s+טוב|עדיף)\s+ש(?:אני\s+)?(?:פשוט\s+)?(?:אעלם|איעלם|ייעלם|יעלם|אמות|לא\s+אהיה)",
    r"(?:יודע|יודעת)\s+(?:בדיוק\s+)?מה\s+(?:אני\s+)?(?:אעשה|לעשות)\s+(?:ומתי|ואיך|ואיפה)",
    r"(?:הכדורים|הכדורי\S*|התרופות)\s+(?:עדיין\s+)?(?:שם|מחכים|מחכות)(?![^.!?]{0,20}(?:לחלוקה|במחלקה|בעגלה))",
    r"(?:החלטתי|כבר\s+החלטתי)[^.!?]{0,20}אין\s+דרך\s+חזרה",
    r"שלא\s+יהיה\s+(?:להם|לכם|לה|לו)\s+(?:בלגן|בלאגן|בעיות)\s+אחרי",
    r"תודה\s+ש(?:הייתם|היית|היית\S*)\s+(?:חברים|חברה|חבר|חברות)\s+שלי",
    r"(?:תגיד|תגידי|תגידו)\s+ל\S+\s+שזה\s+לא\s+(?:באשמתו|באשמתה|אשמתו|אשמתה|באשמתם)",
    _P
    + r"(?:נתתי|חילקתי|מסרתי)\s+ל\S+\s+את\s+(?:ה)?(?:תכשיטים|החתול|הכלב|הסיסמאות|המפתחות|החיסכון)",
    # self-harm
    r"(?:חזרתי|התחלתי\s+שוב)\s+(?:לחתוך|לפגוע)",
    _P + r"(?:שוב\s+)?(?:חותך|חותכת|שרטתי|שורטת|שורט)(?!\w)",
    r"(?:פצעים|חתכים)\s+(?:טריים|חדשים)|(?:מסתיר|מסתירה)\s+את\s+(?:הפצעים|החתכים|זה\s+עם\s+שרוולים)",
    r"שרוולים\s+ארוכים[^.!?]{0,30}(?:שלא\s+יראו|לא\s+יראו)",
    _P
    + r"(?:חתכתי|חותך|חותכת|לחתוך|פגעתי|פוגע|פוגעת|לפגוע|שרפתי|הכיתי|מכה|מכאיב|הכאבתי)\s+(?:את\s+)?(?:ב)?עצמי",
    _P + r"(?:פגיעה\s+עצמית|פגיעות\s+עצמיות)",
    _P + r"(?:חתכתי|חתכים)\s+שוב",
    _P + r"(?:דחף|דחפים)\s+(?:לחתוך|לפגוע|לשרוף)",
    _P + r"(?:מסתיר|מסתירה)\s+(?:את\s+)?(?:הידיים|החתכים|הצלקות|הפלסטרים)",
)

HE_PRESENT = _any(
    r"שוב", r"הלילה", r"עכשיו", r"עכשו", r"היום", r"השבוע", r"עדיין", r"חזר(?:ו|ה)?\b"
)

# Hebrew present-tense verbs do not mark the person ("אני מספרת" / "היא מספרת"), so only past
# third-person forms, or a present form after a third-person subject, count as reported speech.
HE_REPORTED = _any(
    _P + r"(?:אמר|אמרה|אמרו|סיפר|סיפרה|סיפרו|דיווח|דיווחה|כתב|כתבה|שיתף|שיתפה|ניסה|ניסתה)(?!\w)",
    r"(?:הוא|היא|הם|הן|המטופל|המטופלת)\s+(?:\S+\s+)?(?:אומר|אומרת|אומרים|מספר|מספרת|טוען|טוענת|רוצה|חושב|חושבת)(?!\w)",
    _P + r"(?:לדבריו|לדבריה|לדבריהם)(?!\w)",
    _P + r"(?:שאלתי|שאלנו|שואלת|שואל)\s+(?:אותו|אותה|אותם|אותן)(?!\w)",
    r"(?:^|(?<=[\s,]))(?:הוא|היא|הם|הן)\s+(?:\S+\s+)?(?:לובש|לובשת|מסתיר|מסתירה|חותך|חותכת|פוגע|פוגעת|כותב|כותבת|מדבר|מדברת)(?!\w)",
    _P + r"(?:המטופל|המטופלת|מטופל|מטופלת|המאושפז|המאושפזת|מאושפז|מאושפזת)(?!\w)",
    _P + r"(?:בעצמו|בעצמה|בעצמם|עצמו|עצמה|עצמם)(?!\w)",
)

HE_FIGURATIVE = _any(
    _P + r"(?:הורג|הורגת|הורגים|תהרוג|יהרוג|הרגת|הרגתם|הרג)\s+(?:אותי|אותנו)",
    _P + r"(?:מת|מתה|מתים|מתות|מתתי)\s+(?:מ|על|ל)\S*",
    _P + r"(?:מת|מתה)\s+(?:מעייפות|מצחוק|מבושה|מרעב|משעמום)",
    r"חח+|😂|🤣",
    _P + r"(?:אני\s+)?(?:מת|מתה)\s+על\b",
    _P + r"למות\s+(?:מ|מה)(?:בושה|צחוק|עייפות|שעמום)",
)

HE_TRAINING = _any(
    _P
    + r"(?:הדרכה|השתלמות|נוהל|נהלים|הערכת\s+סיכון|תוכנית\s+בטיחות|תכנית\s+בטיחות|סדנה|קורס|טופס|מצגת|הרצאה"
    r"|פוסטבנציה|מקרה\s+אובדני|בגיליון|תיעוד|להציג\s+בישיבה|ההבדל\s+בין)",
)

HE_PAST = _any(
    r"לפני\s+(?:\S+\s+)?(?:שנים|שנה|שנתיים|חודשים)(?!\w)",
    _P + r"(?:בעבר|כשהייתי|בגיל\s+\d+|בתקופה\s+(?:ההיא|הכי\s+קשה))(?!\w)",
    # "פעם" (once, formerly), but not "הפעם" (this time), "כל פעם" (every time), "עוד פעם" (again)
    r"(?:^|(?<=[\s,.!?\"'(]))(?<!כל\s)(?<!עוד\s)[ו]?פעם(?!\s+(?:אחרונה|הבאה|נוספת))(?!\w)",
    r"(?:שמח|שמחה)\s+ש(?:נשארתי|שרדתי|לא)",
    _P + r"(?:שרדתי|ההחלמה\s+שלי|הסיפור\s+שלי)(?!\w)",
    r"\d+\s+שנים\s+(?:שלא|נקי|נקייה|בלי)",
    r"(?:שנה|שנתיים|שלוש\s+שנים|חודש)\s+(?:שלא|בלי)\s+(?:פגעתי|חתכתי)",
)


# Unambiguous crisis words. Everything else in EN_CRISIS ("i want out", "can't see a way
# forward", "the date's set", "thank you all for everything") is only an alarm when the sentence
# is not plainly about work or everyday life.
EN_STRONG = _any(
    r"\b(?:die|dying|dead|death|suicid\w*|overdose|od)\b",
    r"\bkill(?:ing)?\s+my\s*self\b",
    r"\b(?:end(?:ing)?|take|taking)\s+my\s+(?:own\s+)?life\b",
    r"\bend(?:ing)?\s+it(?:\s+all)?\b(?![^.!?]{0,15}\b(?:job|relationship|contract|shift))",
    r"\b(?:be\s+alive|being\s+alive|not\s+exist|stop\s+existing|never\s+wake)\b",
    r"\b(?:cut|cutting|burn\w*|hurt(?:ing)?|harm\w*|hit(?:ting)?|punish\w*)\s+my\s*self\b",
    r"\bself[\s-]?harm\w*\b",
    r"\b(?:pills|tablets|meds)\b",
    r"\b(?:my\s+will|a\s+note)\b",
)
EN_ORDINARY = _any(
    r"\b(?:rota|shifts?|job|annual\s+leave|my\s+leave|notice|early|lates?|nights?\s+in\s+a\s+row"
    r"|party|meeting|mdt|trust|post|camp|charity\s+shop|coffee|bath|noon|visit|cqc|holiday"
    r"|leaving\s+do|supplies|phone|manager|sick\s+day|christmas\s+do|the\s+kids|team'?s)\b",
)


@dataclass(frozen=True)
class CrisisResult:
    crisis: bool
    evidence: str | None  # the sentence that raised the alarm, for tests and audit, never logged


_SENTENCE = re.compile(r"(?<=[.!?;\n])\s+|\s+-\s+|\s+—\s+|,\s+(?=but\b|and\s+i\b|אבל\b)", _FLAGS)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE.split(text) if part and part.strip()]


def _is_hebrew(text: str) -> bool:
    return any("\u0590" <= ch <= "\u05ff" for ch in text)


# Recovery told as recovery: excused even with "today" in the sentence ("I'm glad I stayed").
EN_RECOVERED = _any(
    r"\bglad\s+i\s+(?:stayed|survived|didn'?t|am\s+still\s+here|'?m\s+still\s+here)\b",
    r"\bself[\s-]?harm\s+free\b",
    r"\b(?:a\s+year|\d+\s+(?:years?|months?)|years|months)\s+since\s+i\s+(?:last|had|tried|hurt|cut)\b",
    r"\b\d+\s+(?:years?|months?)\s+(?:free|clean|since)\b",
    r"\bi\s+survived\b",
)
HE_RECOVERED = _any(
    r"(?:שמח|שמחה)\s+ש(?:נשארתי|שרדתי|אני\s+עדיין\s+פה)",
    r"(?:שנים|שנה|שנתיים|חודשים)\s+(?:שלא|בלי)\s+(?:פגעתי|חתכתי|ניסיתי)",
    r"(?:עברו|עבר)\s+\S+\s+(?:שנים|שנה)\s+מאז",
)


def _excused(sentence: str, hebrew: bool) -> bool:
    if (HE_RECOVERED if hebrew else EN_RECOVERED).search(sentence):
        return True
    if hebrew:
        reported, figurative, training, past, present = (
            HE_REPORTED,
            HE_FIGURATIVE,
            HE_TRAINING,
            HE_PAST,
            HE_PRESENT,
        )
    else:
        reported, figurative, training, past, present = (
            EN_REPORTED,
            EN_FIGURATIVE,
            EN_TRAINING,
            EN_PAST,
            EN_PRESENT,
        )
    if reported.search(sentence):
        return True
    if figurative.search(sentence) and not present.search(sentence):
        return True
    if (
        figurative.search(sentence)
        and not hebrew
        and re.search(r"\bkilling|i'?ll\s+die|i'?m\s+dead\b", sentence, _FLAGS)
    ):
        return True
    if training.search(sentence):
        return True
    return bool(past.search(sentence) and not present.search(sentence))


FIRST_PERSON = {
    True: re.compile(r"(?:^|[\s,])(?:ו|ש|כש)?(?:אני|לי|שלי|עצמי|אותי)(?!\w)|\w{2,}תי(?!\w)"),
    False: re.compile(r"\b(?:i|i'?m|i'?ve|i'?d|i'?ll|me|my|myself)\b", _FLAGS),
}


def _clause(sentence: str, start: int, end: int) -> str:
    """The comma-separated part of the sentence that holds the match."""
    left = sentence.rfind(",", 0, start)
    right = sentence.find(",", end)
    return sentence[left + 1 : right if right >= 0 else len(sentence)].strip()


class CrisisDetector:
    """Checks every free text a person sends. Cheap enough to run inline on every message."""

    def check(self, text: str) -> CrisisResult:
        for sentence in sentences(text):
            hebrew = _is_hebrew(sentence)
            pattern = HE_CRISIS if hebrew else EN_CRISIS
            for match in pattern.finditer(sentence):
                # Hebrew: excuses (figurative, past, training, someone else's words) are judged on
                # the clause that holds the crisis words ("לא מתה מעייפות, אני פשוט רוצה למות"
                # alarms). English keeps whole sentences: its excuses ("incident form done") often
                # sit in the next clause, and the model scores English as well.
                clause = _clause(sentence, match.start(), match.end()) if hebrew else sentence
                if _excused(clause, hebrew):
                    continue
                # Someone else's words elsewhere in the sentence still excuse it, unless the
                # crisis clause is plainly about the writer.
                if not hebrew and not EN_STRONG.search(clause) and EN_ORDINARY.search(clause):
                    continue  # "i want out of this shift", "thank you all, leaving do friday"
                reported = (HE_REPORTED if hebrew else EN_REPORTED).search(sentence)
                if reported and not FIRST_PERSON[hebrew].search(clause):
                    continue
                return CrisisResult(True, sentence)
        return CrisisResult(False, None)
