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
    r"\b(?:tired|sick)\s+of\s+(?:being\s+alive|living|life)\b(?!\s+out\s+of\b)",
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
    r"\bcan'?t\s+(?:go\s+on|keep\s+going|see\s+a\s+(?:way|future))\b"
    r"(?!\s+(?:break|lunch|leave|holiday|annual|shift|nights?\b)"
    r"|\s+with\s+(?:these|this|the)\s+(?:nights|hours|shifts|days|lates|earlies)\b)",
    r"\bno\s+(?:way\s+out|future\s+for\s+me)\b",
    r"\b(?:don'?t|dont|do\s+not)\s+see\s+a\s+(?:way\s+(?:past|out|through|forward)|future)\b",
    r"\blast\s+(?:plan|thing|one)\s+i'?ll\s+(?:ever\s+)?(?:need|make|write|do)\b",
    r"\bi\s+(?:relapsed|cut\s+again)\b",
    r"\bburden\b[^.!?]{0,30}\b(?:much\s+longer|anymore|gone|without)\b",
    r"\bwon'?t\s+be\s+(?:a\s+burden|around|here)\s+(?:much\s+)?(?:longer|for\s+long|tomorrow|next)",
    r"\bnot\s+be\s+around\s+(?:much\s+)?longer\b",
    r"\bsleep\s+and\s+(?:never|not)\s+wake\b",
    r"\bnever\s+wake\s+up\b",
    r"\bgive\s+up\s+on\s+(?:life|living|everything)\b",
    r"\bwant\s+(?:it\s+all\s+)?to\s+(?:stop|end)\s+(?:for\s+good|forever|permanently)\b",
    r"\bwant\s+(?:everything|it\s+all)\s+to\s+(?:stop|end)\b"
    r"(?!\s+for\s+(?:a|the|one)\s+(?:weekend|week|day|night|bit|while|minute|second|few)\b)",
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
    # a plan of one's own, not "we made a plan for the day" or "a plan to keep the line clear"
    r"(?<!\bwe\s)\b(?:have|got|made|making|picked|chose|set)\s+(?:a|the|my)\s+(?:plan|date)\b"
    r"(?!\s+(?:for\s+(?:the|a|my|next|this|tomorrow|today|him|her|them)\b|around|with"
    r"|to\s+(?:watch|keep|get|see|manage|cope|deal|talk|ask|visit|meet|stay|look)))",
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
    r"\bwant\s+to\s+cut\b(?!\s+(?:my\s+|the\s+|a\s+)?(?:hair|fringe|nails|back|down|out|ties|costs"
    r"|hours|corners|cake|grass|lawn|loose)\b)",
    r"\bfresh\s+marks\b",
    r"\bscratch(?:ing|ed)?\s+(?:at\s+)?my\s+(?:arms|legs|skin)\b",
)

# A present-tense anchor re-opens a sentence that looks like past or recovery. Strong anchors
# count anywhere in the sentence; the rest ("now", "today") only in the clause with the crisis
# words ("in 2014 i wanted to kill myself, now i work here" is recovery).
# Cues that tie a sentence to the writer, now, even amid training words ("module again" is not one).
EN_PRESENT_PERSONAL = _any(
    r"\btonight\b",
    r"\bright\s+now\b",
    r"\bnot\s+(?:a\s+joke|joking|kidding)\b",
    r"\bi\s+mean\s+it\b",
    r"\ball\s+day\s+today\b",
    r"\b(?:up\s+)?(?:to|till|until)\s+now\b",
)

EN_PRESENT_STRONG = _any(
    r"\bagain\b",
    r"\btonight\b",
    r"\bright\s+now\b",
    r"\brn\b",
    r"\bthis\s+(?:week|morning|evening|afternoon)\b",
    r"\bstill\b(?!\s+(?:here|alive|standing|around|rubbish))",
    r"\bnot\s+a\s+joke\b",
    r"\bnot\s+(?:joking|kidding)\b",
    r"\bi\s+mean\s+it\b",
    r"\b(?:every|each)\s+(?:day|night)\s+(?:now|lately|this)\b",
    r"\blately\b",
    r"\b(?:is|are|'s|came|come|comes|coming)\s+back\b(?!\s+(?:in\s+(?:19|20)\d\d|when|then|after|for))|\bback\s+(?:to|again)\b(?!\s+(?:work|the\s+ward))",
)
EN_SERIOUS = _any(
    r"\bnot\s+(?:even\s+)?(?:a\s+joke|joking|kidding|exaggerating)\b",
    r"\bi\s+mean\s+it\b",
    r"\bseriously\b",
)
EN_PRESENT = _any(
    r"\bagain\b",
    r"\btonight\b",
    r"\bright\s+now\b",
    r"\bnow\b",
    r"\btoday\b",
    r"\bthis\s+(?:week|time)\b",
    r"\bstill\b",
    r"(?<!looking\s)\bback\b(?!\s+(?:in\s+(?:19|20)\d\d|then|in\s+my|when))",
    r"\bnot\s+a\s+joke\b",
    r"\bnot\s+(?:joking|kidding)\b",
    r"\bi\s+mean\s+it\b",
)

EN_REPORTED = _any(
    r"\b(?:he|she|they|pt|patient|client|service\s+user|resident|his|her|their|him|staff|mum|dad"
    r"|sister|brother|family|wife|husband)\b[^.!?]{0,40}"
    r"\b(?:said|says|told|tells|reports?|reported|disclosed|admitted|mentioned|keeps|kept|wants|"
    r"wanted|tried|attempted|history|thinking|thoughts|wrote|writing|talks?|talked|asked|asks|"
    r"feels|found|noticed|saying|self[\s-]?harmed|stockpiling|hiding)\b",
    # a named person reporting: "Des said", "Tyler asked me", "Sione's mum said"
    r"(?-i:\b(?!I\b|The\b|My\b|This\b|It\b|Just\b|Today\b|Tonight\b|And\b|But\b|So\b|We\b)"
    r"[A-Z][a-z]+)(?:'s\s+\w+)?\s+(?:said|says|told|tells|asked|asks|keeps|kept|wrote|talked)\b",
    r"\basked\s+(?:me\s+)?(?:if|whether)\b",
    r"\b(?:a|the)\s+(?:young\s+(?:person|man|woman|lad|girl)|kid|\d+\s*yo|girl|boy|teen(?:ager)?)\b",
    r"\bwho\s+(?:self[\s-]?harms?|cuts?|wants?|tried|is\s+suicidal|are\s+suicidal)\b",
    r"\bself[\s-]?harmers\b",
    r"\b(?:young\s+)?(?:man|woman|lad|girl|boy|guy|bloke|lady)\s+(?:at|on|in|from)\s+(?:the\s+)?"
    r"(?:day\s+hospital|picu|ward|unit|bay|bed|room|caseload)\b",
    r"\b(?:his|her|their)\s+words\b",
    r"\bcaught\s+\w+\s+saying\b",
    r"\b(?:him|her|them)sel(?:f|ves)\b",
    r"\b(?:admission|admitted|a\s+lad|a\s+man|a\s+woman|a\s+girl|a\s+boy|one\s+of\s+(?:my|the|them)"
    r"|(?:young\s+)?(?:man|woman|lad)\s+on\s+the\s+ward|history\s+of)\b",
    r"\b(?:pt|patient|client)\b",
    r"\"[^\"]*\"|“[^”]*”",
)

# Single-quoted speech; apostrophes inside words ("can't") do not close the quote. Someone
# else's words unless the writer quotes themselves or anchors it now ("the 'I can't go on'
# feeling is sitting on me this week").
EN_QUOTE = re.compile(
    r"(?:^|(?<=[\s:(]))['‘](?:[^'‘’\n]|(?<=\w)['’](?=\w)){2,80}['’](?=[\s,.!?;:)]|$)", _FLAGS
)
EN_SELF_QUOTE = re.compile(
    r"\b(?:told|tell|telling|said\s+to|saying\s+to)\s+myself\b|\bwriting\b", _FLAGS
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

# Idioms and accidents whose crisis words never mean crisis: excused even with "again".
EN_IDIOM = _any(
    r"\b(?:kill(?:ing)?\s+my\s*self|hurt\s+my\s*self|die|died|dying)\s+laughing\b",
    r"\bdead\s+(?:asleep|to\s+the\s+world)\b",
    r"\bdie\s+on\s+(?:this|that)\s+hill\b",
    r"\bcould\s+(?:have\s+)?(?:just\s+)?(?:kill(?:ed)?\s+my\s*self|die|died)\s+(?:for|of|from|when|at)\b",
    r"\brather\s+die\s+than\s+(?!(?:live|living|go\s+on|carry|keep|face|wake|be\s+here|feel|spend|get"
    r"|go\s+back\s+(?:in|to\s+hospital)))",
    r"\b(?:printer|computer|system|phone|laptop|wifi|battery|car|plant)s?\s+(?:died|is\s+dead|dying)\b",
    r"\bmy\s+(?:feet|back|knees|legs|brain|phone|laptop|car|printer|plants?)(?:'s|\s+(?:want|wants|is|are"
    r"|was|were|better))\b",
    r"\bwake\s+up\s+(?:till|until|before|at\s+\d|for\s+(?:a|the)\b)",
    r"\b\d+\s*am\s+start\b",
    r"\b(?:burn(?:t|ed)?|cut|hurt|scald(?:ed)?)\s+my\s*self\s+(?:on\s+(?:the|a|my)\b|shaving|cooking"
    r"|chopping|at\s+the\s+gym)(?![^.!?]*\b(?:on\s+purpose|deliberately))",
    r"\bsuicid\w*\s+(?:rota|shift|commute|schedule|pace|mission|run|drill)\b",
    r"\b(?:rota|commute|shift|traffic|roads?|schedule|drive|driving)\b[^.!?]{0,15}\bis\s+(?:\w+\s+)?suicide\b",
    r"\bend(?:ing)?\s+(?:it(?:\s+all)?|my\s+life)\s+(?:as\s+an?\b|with\s+(?:this|the|these|my)\s+(?:\w+\s+)?"
    r"(?:job|rota|shifts?|ward|role|team|band|contract|relationship|course|career|placement)\b)",
    r"\b(?:system|computer|printer|rota|commute|wifi|meeting|paperwork|notes)\s+(?:makes?|made)\s+me\s+want\s+to\s+die\b",
)
# Jokes: excused unless the clause with the crisis words is anchored in the present.
EN_JOKE = _any(
    r"\b(?:lol|lmao|haha+|jk|istg|obv(?:iously)?|exaggerat\w*)\b|😂|🤣",
    r"\bone\s+more\s+time\b",
    r"\(at\s+work\)",
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
    r"\b(?:conference|committee|leaflet|quality|dashboard|pathway|root\s+cause|induction|teaching"
    r"|trainer|trained|sim\s+day|scenario|huddle|screening|bereavement|risk\s+factors|warning\s+signs"
    r"|zero\s+suicide|m&m|practi[sc]ed|debrief|data|care\s+plans?|enhanced\s+obs|documented"
    r"|statistics|presentation|presented|education)\b",
    r"\b(?:self[\s-]?harm|suicide)\s+incidents?\b|\bincident\s+(?:report|review|form)\b",
    r"\bdied\s+by\s+suicide\b",
    r"\blearning\s+(?:today|point|from)\b",
    r"\bask(?:ed|ing)?\s+(?:\w+\s+)?directly\b",
    r"\b(?:suicide|self[\s-]?harm)\s+risk\b",
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
    r"\bat\s+(?:1[2-9]|[2-9]\d)\b(?!\s*(?:am|pm|mg|%|o'?clock|:|tonight|tomorrow))",
    r"\b(?:long\s+time\s+ago|years\s+back|a\s+while\s+back|way\s+back|looking\s+back)\b",
    r"\bthere\s+was\s+a\s+time\b",
    r"\bonce\s+(?:thought|believed|wanted|tried|was|were|had|felt|gave|wrote)\b",
    r"\bonce(?=\s*[,.;]|\s+and\b|\s*$)",
    r"\b(?:in|during)\s+(?:my|the)\s+(?:worst|darkest|drinking|using|teenage|student|uni|school)\s+"
    r"(?:year|years|days|time|times|period|phase)\b",
    r"\bat\s+(?:the|my)\s+worst\b",
    r"\bthe\s+(?:dark|worst|darkest)\s+(?:year|years|days|time)\b",
    r"\bmy\s+(?:teenage|old|former)\b",
    r"\bmy\s+worst\s+(?:night|day|year|time|moment)s?\b",
    r"\bmy\s+own\s+(?:suicide|attempt|history|experience|story|self[\s-]?harm)",
    r"\b(?:19|20)\d\d\b",
    r"\b(?:19|20)?\d0s\b",
    r"\b(?:yrs?|years?|months?|days?|weeks?)\s+(?:free|clean|since|sober)\b",
    r"\bfree\s+(?:of|from)\s+(?:self[\s-]?harm|it)\b",
    r"\bbeen\s+(?:\w+\s+)?(?:years|months)\s+since\b",
    r"\bwhen\s+i\s+was\s+(?:suicidal|hospitali[sz]ed|an\s+inpatient|inpatient|on\s+the\s+ward|in\s+crisis"
    r"|a\s+teenager|a\s+kid|a\s+student|at\s+(?:school|uni))",
    r"\bold\s+(?:journals?|diar\w+)\b|\bdiaries\b",
    r"\bthe\s+years\s+i\b",
    r"\brecovery\b|\brelapses\b|\blived\s+experience\b",
    r"\bstopped\s+(?:self[\s-]?harm\w*|hurting|cutting)",
    r"\bi'?ve\s+been\s+where\b",
    r"\bi\s+was\b[^.!?]{0,60}\bfor\s+(?:a\s+long\s+time|years)\b",
    r"\bwas\s+part\s+of\s+my\s+life\b",
    r"\bi\s+remember\b|\bremembered\b",
)
# Telling one's own story to patients, a group, supervision: with a past frame, "today" or "now"
# ("i told the group today") belongs to the telling, not to the crisis.
EN_SHARING = _any(
    r"\b(?:told|tell|telling|shared?|sharing|talked?\s+about|talk\s+about|mention|read\s+it\s+out"
    r"|remember(?:ed)?)\b",
)

# --- Hebrew ---------------------------------------------------------------------------------
# Hebrew attaches ו/ש/ה/ל/כש/מ/ב to the front of words, so patterns allow those prefixes and
# both full and defective spellings (with and without yod/vav). Text is normalised before
# matching (final letters, niqqud, stretched letters, "אנלא"), and so is every pattern, so a stem
# such as חתכ covers חתך, חתכים and חתכתי. Patterns come in families (a wish verb + a death
# phrase; a hoarding verb + pills; a verb of harm + oneself or a body part) rather than phrases.
_P = r"(?:^|(?<=[\s,.!?\"'״׳(]))(?:[ושהלכמב]|כש|וכש|שה|וה|ול|וש){0,2}"
_PV = r"(?:^|(?<=[\s,.!?\"'״׳(]))(?:ו|ש|וש|כש|וכש)?"  # before a verb: "מכתב" is not מ+כתב
_E = r"(?![\u05d0-\u05ea])"  # end of a Hebrew word
_END = r"(?=\s*(?:[.,!?;:…)]|$))"  # nothing more in the clause: "ללכת." versus "ללכת מהעבודה"
_FINALS = str.maketrans("ךםןףץ", "כמנפצ")


def _he(*patterns: str) -> re.Pattern[str]:
    return _any(*(pattern.translate(_FINALS) for pattern in patterns))


_NIQQUD = re.compile(r"[\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7]")
_STRETCHED = re.compile(
    r"([\u05d0-\u05d3\u05d5\u05d6\u05d8-\u05ea])\1{2,}"
)  # למותתת, כבררר; not חחח, ההה
_GLUED = re.compile(
    r"(?<![\u05d0-\u05ea])((?:ו|ש|כש)?)(?:אנלא|אנילא|אנל)(?![\u05d0-\u05ea])"
    r"|(?<![\u05d0-\u05ea])((?:ו|ש|כש)?אני)(?=(?:רוצה|לא|חושב|חושבת|מרגיש|מרגישה|יודע|יודעת"
    r"|צריך|צריכה|הולך|הולכת|מתכנן|מתכננת|חייב|חייבת)(?![\u05d0-\u05ea]))"
)


def _he_normalise(text: str) -> str:
    text = _NIQQUD.sub("", text).replace("\u05be", " ").translate(_FINALS)
    text = _STRETCHED.sub(r"\1", text)
    return _GLUED.sub(
        lambda m: f"{m.group(1)}אני לא" if m.group(2) is None else f"{m.group(2)} ", text
    )


# Building blocks. A wish or intention, never negated ("לא רוצה למות" is not a crisis).
_WISH = (
    r"(?<!לא\s)(?<!לא\sכל\sכך\s)(?:רוצה|רוצים|רוצות|רציתי|בא\s+לי|מתחשק\s+לי|חושב|חושבת|חושבים|חשבתי"
    r"|מתכנן|מתכננת|תכננתי|מתכוון|מתכוונת|הולך|הולכת|מקווה|מקוה|מתפלל|מתפללת|חולם|חולמת"
    r"|משתוקק|משתוקקת|מפנטז|מפנטזת|פנטזתי|שוקל|שוקלת|שקלתי|מוכן|מוכנה|מעדיף|מעדיפה|צריך|צריכה|עומד|עומדת|החלטתי|מחכה|מנסה\s+לא)"
)
_FILL = (
    r"(?:\s+(?:פשוט|כבר|רק|באמת|ברצינות|ממש|בעצם|אולי|תכלס|די|עדיין|שוב|כל\s+הזמן|עכשיו|עכשו"
    r"|הלילה|היום|כל\s+יום|כל\s+לילה|על|איך|אני|ש?אני|לפעמים|קצת|להאמין\s+ש?(?:אני)?)){0,4}\s+"
)
# Dying, ending one's life, not waking, not existing (infinitives after a wish verb).
_DEATH = (
    r"(?:ל|ש?א|ש?אני\s+[אי])?מו+ת+(?!\s+(?:מ|מה)\S)"
    + _E
    + r"|(?:ל|ש?א|ש?אני\s+[אי]|ו?ל)?התאב+ד+"
    + _E
    + r"|להיות\s+מת(?:ה)?"
    + _E
    + r"|(?:להרוג|לגמור|לחסל|לסיים)\s+(?:את\s+|עם\s+)?עצמי"
    + r"|(?:לגמור|לסיים)\s+(?:את\s+|עם\s+)?(?:החיים|חיי|הכל|הכול)(?:\s+שלי)?"
    + r"(?![^.!?,]{0,20}(?:במחלקה|בעבודה|ב?משמרת|עם\s+ה(?:ניירת|סיכומים|דוח)))"
    + r"|(?:לשים|אשים)\s+(?:קץ|סוף)\s+(?:ל(?:חיים|חיי|חייי|חיי\S*|כל|כול|זה|הכל|הכול))?"
    + r"|לא\s+(?:להתעורר|להתעורר\s+יותר|לקום\s+(?:יותר|בכלל|אף\s+פעם|לעולם))"
    + r"(?!\s+(?:עם|ב|מוקדם|ל(?:עוד|משמרת|עבודה)))"
    + r"|לישון\s+ולא\s+(?:לקום|להתעורר)(?![^.!?,]{0,15}(?:עד|ב-?\d|למשמרת|לעבודה))"
    + r"|לא\s+להיות\s+(?:פה|כאן|קיים|קיימת|בחיים|בעולם)"
    + _E
    + r"|(?:לא\s+|להפסיק\s+)?להתקיים|להפסיק\s+(?:להיות(?:\s+קיים|\s+קיימת)?|לחיות|לנשום)"
    + _E
    + r"|(?:לנוח|לישון)\s+(?:לתמיד|לנצח)"
    + r"|לקפוץ(?=\s*(?:[.,!?]|$|מה?(?:גג|גשר|מרפסת|חלון|קומה|בניין)))"
)
_ME_FUTURE_DIE = r"(?:אני\s+|ש|שאני\s+)(?:אמות|ימות|אתאבד|יתאבד)" + _E
# Life itself as an object: "בחיים האלה", "מהעולם הזה", "הקיום הזה" (not slang "בחיים לא").
_LIFE = (
    r"(?:ב|ל|מ|מה|לה|בה|עם\s+ה|ה)?(?:חיים(?!\s+לא)|עולם\s+הזה|קיום)(?:\s+(?:האלה|הזה|שלי))?" + _E
)

HE_CRISIS = _he(
    # wanting to die / suicide, direct
    _P + _WISH + _FILL + r"(?:" + _DEATH + r")",
    _P + _WISH + r"\s+(?:\S+\s+){0,2}(?:על\s+)?(?:ה)?(?:התאבדות|המוות\s+שלי|מוות)" + _E,
    _P
    + r"(?:להתאב+ד+|התאבדות|אובדני(?:ות|ים|ת)?|אובדנות|מחשבות\s+(?:על\s+|ל)?(?:מוות|התאבדות|למות|מות))"
    + _E,
    _P + _ME_FUTURE_DIE + r"(?!\s+אם)",  # "שאמות אם אני מבינה" is an idiom ("I'll be damned")
    _P + r"(?:אמות|אתאבד)" + _E + r"(?!\s+אם)",
    _P
    + r"(?:הלוואי|מקווה|מקוה|מתפלל|מתפללת)\s+(?:ו|ש)?(?:אני\s+)?(?:אמות|ימות|לא\s+אתעורר|לא\s+אקום|לא\s+נולדתי|איעלם|אעלם|ייעלם|יעלם)"
    + _E
    + r"(?!\s+(?:מוקדם|ב-?\d|לעוד|למשמרת|לעבודה|עם|עד))",
    _P + r"הלוואי\s+(?:ו|ש)?(?:לא\s+)?(?:הייתי|אהיה)\s+(?:קיים|קיימת|פה|כאן|בחיים|מת|מתה|נולד|נולדת"
    r"|מתעורר|מתעוררת|קם|קמה)" + _E + r"(?![^.!?,]{0,12}(?:ל|ב|עד)(?:משמרת|עבודה|שעון|צהריים|\d))",
    _P + r"הלוואי\s+(?:ו|ש)?(?:הייתי\s+)?(?:נרדם|נרדמת|ישן|ישנה)\s+ולא\s+(?:קם|קמה|מתעורר|מתעוררת)"
    r"(?![^.!?,]{0,12}(?:עד|ב-?\d|ל(?:משמרת|עבודה)))",
    r"(?:לא\s+הייתי\s+נולד|לא\s+הייתי\s+נולדת)",
    r"(?:אם|אם\s+אני)\s+(?:חי|חיה)\s+או\s+(?:מת|מתה)",
    _P + r"לא\s+(?:אכפת|איכפת)\s+לי\s+(?:כבר\s+)?(?:למות|אם\s+(?:אני\s+)?(?:אמות|ימות|אחיה|אהיה))",
    # living itself, after a negative frame: "לא מסוגלת יותר לחיות ככה" (not "לחיות עם הרעש")
    _P
    + r"(?:לא|אין\s+לי\s+כוח|נמאס\s+לי|שונא|שונאת|עייף|עייפה)\s+(?:\S+\s+){0,2}(?:ל|מל)חיות"
    + _E
    + r"(?!\s+(?:ככה\s+)?(?:עם|בלי|כמו|ליד|על|ב\S|מ\S))",
    _P + r"אין\s+טעם\s+ש(?:אני\s+)?(?:אמשיך|אחיה|אהיה|אקום|אמשיך)" + _E,
    _P + r"(?:כוויות|חתכים|פצעים|שריטות|סימנים)[^.!?]{0,40}(?:לעצמי|בעצמי)" + _E,
    # indirect: no reason, no point, tired of living, a burden, better without me
    _P
    + r"(?:אין|לא\s+רואה|לא\s+רואה\s+שום|לא\s+נשאר|לא\s+נשארה|אין\s+כבר)\s+(?:לי\s+)?(?:יותר\s+|כבר\s+|שום\s+)?"
    r"(?:טעם|סיבה|בשביל\s+מה|בשביל\s+מי|למה)\s+(?:ל?המשיך\s+)?(?:לחיות|להמשיך\s+לחיות|להישאר\s+בחיים|בחיים|להחזיק\s+מעמד)",
    _P
    + r"(?:אין|לא\s+נשאר|לא\s+נשארה)\s+לי\s+(?:כבר\s+|יותר\s+|שום\s+)?(?:בשביל\s+מה|בשביל\s+מי|סיבה|למה|טעם)"
    r"\s+(?:לחיות|לנשום|להמשיך\s+(?:לחיות|לנשום)|להחזיק(?:\s+מעמד)?|לקום(?:\s+בבוקר)?|להישאר|להמשיך)"
    r"(?=\s*(?:[.,!?]|$|באמת|בכלל|יותר|חוץ|ככה))",
    _P
    + r"(?:נמאס|נשבר|עייף|עייפה|עייפים|עייפות)\s+(?:לי\s+)?(?:מ|מל|ל)(?:חיות|היות(?:\s+בחיים|\s+אני|\s+קיים|\s+קיימת)?"
    + _END
    + r"|החיים"
    + _E
    + r"|היות\s+בחיים)",
    _P + r"(?:נמאס\s+לי|עייף|עייפה)\s+(?:מ|מה)?(?:החיים|חיים)(?:\s+(?:האלה|שלי))?" + _E,
    _P
    + r"(?:אין\s+לי|נגמר\s+לי|לא\s+נשאר\s+לי)\s+(?:כבר\s+|יותר\s+)?(?:ה)?(?:כוח|חשק)\s+(?:לחיות|להיות(?=\s*(?:[.,!?]|$|בכלל))|להחזיק\s+את\s+עצמי\s+בחיים|להמשיך\s+לחיות)",
    _P
    + r"(?:מה|ש?מה)\s+הטעם\s+(?:בכלל|לחיות|בחיים|להמשיך\s+לחיות|לחיות\s+ככה)(?![^.!?]{0,6}\s(?:את|עם)\s)",
    _P + r"(?:בשביל|למה)\s+מה\s+(?:אני\s+)?(?:ממשיך|ממשיכה|חי|חיה)(?!\s+(?:את|עם|ל)\S*)",
    _P + r"למה\s+(?:לי|אני)\s+(?:להמשיך|ממשיך|ממשיכה)(?=\s*(?:[.,!?]|$|בכלל|ככה|עוד))",
    r"למה\s+אני\s+(?:עדיין|עוד)\s+(?:פה|כאן|חי|חיה)",
    _P + r"(?:טובים?|טובות|קל|פשוט|עדיף|יותר\s+טוב|יותר\s+קל|יותר\s+פשוט|ירוויחו)"
    r"\s+(?:\S+\s+){0,2}בלעדי(?:י)?" + _E,
    _P + r"בלעדי(?:י)?\s+(?:לאף\s+אחד|לכולם|כולם|העולם)",
    _P + r"(?:אני\s+)?(?:רק\s+)?נטל" + _E + r"(?!\s+(?:ה?ניירת|ה?עבודה))",
    _P
    + r"(?:אף\s+אחד|לאף\s+אחד|העולם)\s+לא\s+(?:ישים\s+לב|יתגעגע|ירגיש|יבכה|יפסיד|יחסר)[^.!?]{0,25}(?:אם|כש)"
    r"\s*(?:אני\s+)?(?:ייעלם|יעלם|איעלם|אעלם|אמות|ימות|לא\s+אהיה|אלך\s+לתמיד|לא\s+אתעורר)",
    _P + r"(?:מיותר|מיותרת|לא\s+שייך|לא\s+שייכת|בחוץ)\s+(?:\S+\s+){0,2}" + _LIFE,
    _P + r"(?:לא\s+רוצה|לא\s+יכול|לא\s+יכולה|נמאס\s+לי|לא\s+מסוגל|לא\s+מסוגלת)\s+(?:\S+\s+){0,3}"
    r"(?:להיות\s+חלק\s+מ|עם\s+ה|ב|את\s+ה)(?:ה)?(?:חיים|עולם\s+הזה|קיום)(?:\s+(?:האלה|הזה|שלי))?"
    + _E,
    _P + r"כמה\s+(?:עוד|זמן)\s+(?:\S+\s+){0,3}(?:להחזיק|לשרוד)\s+(?:ב|את\s+ה)(?:חיים|עולם)",
    _P + r"(?:לא\s+)?(?:רוצה|רוצים|רציתי)\s+(?:לנוח\s+לתמיד|להפסיק\s+להיות)",
    _P
    + r"(?:אני\s+)?(?:מקווה|מתפלל|מתפללת|הלוואי)\s+ש[^.!?]{0,25}(?:תעלה|יעלה|תדרוס|ידרוס|תפגע|יפגע)\s+(?:עליי|עלי|אותי|בי)"
    + _E,
    r"לא\s+בשביל\s+להישאר\s+בחיים|בלי\s+להישאר\s+בחיים",
    r"לא\s+(?:מדבר|מדברת|בגלל|על)\s+(?:על\s+)?(?:ה)?(?:עבודה|מחלקה|משמרת)[^.!?]{0,30}(?:לחיות|חיים|בעולם)"
    + _E,
    _P + r"(?:אני\s+)?(?:אהיה|אחיה|אמשיך\s+לחיות)\s+או\s+לא" + _E,
    _P
    + r"(?:אם|כש)[^.!?]{0,40}(?:אף\s+אחד|לאף\s+אחד|העולם)\s+לא\s+(?:ישים\s+לב|יתגעגע|ירגיש|יבכה|יפסיד|יחסר)",
    _P
    + r"(?:לנסוע|נוסע|נוסעת|אסע|לסטות|לעלות)\s+(?:\S+\s+)?(?:ישר\s+)?(?:לתוך|ל)\s*(?:עמוד|קיר|משאית|תהום|נתיב\s+הנגדי)"
    + _E,
    _P + r"לא\s+(?:לקום|להתעורר)\s+(?:יותר|בכלל|אף\s+פעם|לעולם)" + _E,
    r"שקט\s+של\s+(?:לתמיד|לנצח)",
    _P + r"(?:לא\s+להיות|לא\s+רוצה\s+להיות|לא\s+רוצים\s+להיות)" + _END,
    _P + r"(?:ה)?(?:מוות|הלוויה|קבר)\s+שלי" + _E,
    _P
    + r"(?:לבלוע|בלעתי|אבלע|בולע|בולעת)\s+(?:את\s+)?(?:כל\s+מה\s+ש|כל\s+ה(?:כדורים|תרופות|קופסה)|קופסה|חפיסה"
    r"|ה?כדורים|ה?תרופות)",
    _P + r"ארון\s+התרופות",
    _P
    + r"(?:החבאתי|הסתרתי|מחביא|מחביאה|מסתיר|מסתירה)\s+(?:את\s+)?(?:ה)?(?:סכין|סכינים|תער|להב|להבים|חבל)"
    + _E,
    _P
    + r"ולא\s+(?:לפתוח|לקום|להתעורר|אפתח|אקום|אתעורר)(?:\s+(?:אותם|אותן|יותר|בכלל|לעולם|אף\s+פעם))?"
    + _END,
    _P + r"(?:אין|מת|מתה|נגמר|נעלם|אבד|איבדתי\s+את)\s+(?:לי\s+)?(?:שום\s+|כבר\s+)?(?:ה)?רצון\s+"
    r"(?:לחיות|להיות|(?:להמשיך|לקום)(?=\s*(?:[.,!?]|$|לחיות|יותר|ככה|בכלל)))",
    _P + r"(?:ה)?(?:לב|נשימה)\s+(?:שלי\s+)?(?:פשוט\s+)?(?:יפסיק|ייעצר|יעצור|תיעצר|תפסיק)",
    _P + r"(?:לעשות|אעשה|עשיתי|יעשה)\s+(?:משהו|שטות|שטויות)\s+(?:רע\s+|מטופש\s+)?(?:ל|ב)עצמי" + _E,
    _P
    + r"(?:לא|לא\s+באמת)\s+(?:רוצה|רוצים|רציתי)\s+(?:\S+\s+)?(?:לחיות|להמשיך\s+לחיות|להיות\s+בחיים)"
    + _E
    + r"(?![^.!?,]{0,12}\s(?:עם|ב)\s*ה?(?:משמרות|משמרת|עבודה|מחלקה|סידור|ישיבות|מנהלת|רעש))",
    # plans and means, vague on purpose
    _P + r"(?:אספתי|אוסף|אוספת|אוגר|אוגרת|אגרתי|חוסך|חוסכת|חסכתי|שומר|שומרת|שמרתי|צובר|צוברת|צברתי"
    r"|קניתי|קונה|השגתי|מחביא|מחביאה|החבאתי|הסתרתי|מסתיר|מסתירה|ספרתי|סופר|סופרת|שמתי|הכנתי)"
    r"\s+(?:בצד\s+)?(?:\S+\s+){0,3}(?:ה)?(?:כדורים|כדורי|תרופות|מרשמים|כדור\s+שינה)"
    + _E
    + r"(?!\s+(?:ל(?!יד)|נגד|של\s+(?!י)|ויטמינים))(?![^.!?,]{0,15}(?:לכאב|מיגרנה|ויטמין|של\s+(?:אמא|אבא)))",
    _P + r"(?:כדורים|תרופות|מרשם|מרשמים|כדורי\s+\S+)[^.!?]{0,30}(?:אוסף|אוספת|אוגר|אוגרת|שומר|שומרת"
    r"|צובר|צוברת|מספיק|בלי\s+ש\S+\s+(?:ידע|יבין|ישאל)|שלא\s+ישאלו)" + _E,
    _P + r"(?:מספיק|עוד)\s+(?:ה)?(?:כדורים|תרופות)\s+(?:בשביל|ל)\s*(?:זה|הכל|לגמור)",
    _P
    + r"(?:מלאי|קופסה|קופסאות|חפיסה|חפיסות)\s+(?:\S+\s+){0,2}ש?(?:אני\s+)?(?:אוסף|אוספת|אוגר|אוגרת|צובר|צוברת)"
    + _E,
    _P
    + r"(?:לקחת|אקח|לוקח|לוקחת|לבלוע|אבלע)\s+(?:את\s+)?(?:כל\s+ה|קופסה\s+של\s+|חפיסה\s+של\s+)(?:כדורים|תרופות|כדורי)",
    _P + r"כמה\s+(?:כדורים\s+)?(?:צריך|צריכה|צריכים)\s+(?:לקחת|לבלוע)",
    _P
    + r"(?:השגתי|קיבלתי|קניתי|ביקשתי)\s+(?:עוד\s+)?(?:מרשם|מרשמים)\s+(?:נוסף\s+)?(?:בלי|ש?לא|ואני\s+לא)",
    _P
    + r"(?:יודע|יודעת|החלטתי|תכננתי|מתכנן|מתכננת|בחרתי|מצאתי|יש\s+לי|סגרתי)\s+(?:כבר\s+|בדיוק\s+|גם\s+)*"
    r"(?:איך|איפה|מתי|מאיזה\s+\S+|איזה\s+(?:גשר|גג|בניין)|מתי\s+ואיפה|איפה\s+ומתי|איך\s+ומתי)"
    r"(?=\s*(?:[.,!?]|$|ו(?:איך|איפה|מתי|אני\s+יודע)|זה\s+(?:ייגמר|יגמר|יקרה)))",
    _P
    + r"(?:יודע|יודעת)\s+(?:כבר\s+|בדיוק\s+)*(?:איך|איפה|מתי)\s+(?:אני\s+)?(?:אעשה|איעשה|יעשה|עושה|לעשות|עושים)\s+את\s+זה",
    _P + r"(?:יודע|יודעת)\s+(?:בדיוק\s+)?מה\s+(?:אני\s+)?(?:אעשה|לעשות)\s+(?:ומתי|ואיך|ואיפה)",
    _P
    + r"(?:איך|כמה\s+\S+)\s+(?:אני\s+)?(?:עושים|לעשות|אעשה)\s+את\s+זה\s+(?:בלי\s+(?:כאב|לכאוב|שירגישו)|שזה\s+יעבוד)",
    _P + r"(?:כדי\s+)?שזה\s+(?:יעבוד|יצליח|יהיה\s+סופי)(?=\s*(?:[.,!?]|$))",
    _P
    + r"(?:קבעתי|בחרתי|החלטתי\s+על|כתבתי\s+לעצמי|סימנתי\s+לעצמי|לבחור|לקבוע)\s+(?:לעצמי\s+)?(?:כבר\s+)?(?:את\s+)?"
    r"(?:ה)?(?:תאריך|יום|לילה|ערב|סוף\s+החודש|סוף\s+השבוע|מועד)"
    + _E
    + r"(?![^.!?,]{0,25}\s(?:ל(?!י\b|עצמי|פחות|א\b|כם\b|כולם)\S|של|לפני\s+ה)|\s+ביומן\s+ל)",
    _P + r"(?:ה)?(?:ערב|לילה|רגע|מועד)\s+ה(?:נכון|מתאים)" + _END,
    _P
    + r"(?:יש\s+לי)\s+(?:כבר\s+)?(?:את\s+)?(?:ה)?(?:אמצעים|כדורים|תרופות)(?:\s*,)?(?=[^.!?]{0,30}(?:ה)?(?:ערב|לילה|רגע|אומץ|תאריך))",
    _P
    + r"יש\s+לי\s+(?:כבר\s+)?(?:תוכנית|תכנית)(?!\s+(?:בטיחות|עבודה|טיפול|ל))(?=\s*(?:[.,!?]|$|ו|ואני|ויש))",
    _P + r"יש\s+לי\s+(?:כבר\s+)?את\s+(?:ה)?אמצעים",
    _P + r"(?:הלילה|היום)\s+(?:זה\s+קורה|זה\s+הלילה)" + _E,
    _P
    + r"(?:הכנתי|השגתי|שמרתי|שמתי|קניתי|הסתרתי|הבאתי|יש\s+לי)\s+(?:בצד\s+|כבר\s+)?(?:את\s+)?(?:כל\s+)?(?:ה)?"
    r"(?:מה\s+ש(?:אני\s+)?(?:צריך|צריכה|צריכים))(?:\s+(?:בשביל\s+(?:זה|הסוף)|לזה))?(?=\s*(?:[.,!?]|$|ו|אף|זה))",
    _P + r"(?:הכנתי|השגתי)\s+(?:את\s+)?(?:הכל|הכול)(?=\s*(?:[.,!?]|$))",
    r"(?:יש\s+לי\s+איך|מצאתי\s+דרך)(?!\s+ל\S)|תכננתי\s+את\s+זה",
    r"(?:אעשה|אני\s+אעשה|אני\s+יעשה|ואז\s+אני\s+עושה)\s+את\s+זה(?![^.!?]{0,10}מחר\s+ב)",
    r"(?:מי|איפה)\s+(?:ימצא|ימצאו|יגלה|יגלו)\s+אותי",
    r"(?:החלטתי|כבר\s+החלטתי)[^.!?]{0,20}אין\s+דרך\s+חזרה",
    _P
    + r"(?:הכדורים|הכדורי\S*|התרופות)\s+(?:עדיין\s+)?(?:שם|מחכים|מחכות)(?![^.!?]{0,20}(?:לחלוקה|במחלקה|בעגלה))",
    r"(?:הסכין|סכין|סכינים|להב|תער)[^.!?]{0,25}(?:למקלחת|במקלחת|לשירותים|בשירותים|לאמבטיה|באמבטיה)",
    _P
    + r"(?:לקחתי|קניתי|השגתי|החזקתי|מחזיק|מחזיקה)\s+(?:את\s+)?(?:ה)?(?:סכין\s+גילוח|סכיני\s+גילוח|תער|להבים)",
    _P
    + r"(?:המסילה|מסילה|פסי\s+הרכבת|הגשר|גשר|הגג|גג)[^.!?]{0,30}(?:כמה\s+(?:שניות|זמן)\s+זה\s+(?:לוקח|ייקח)|לקפוץ|קפיצה)",
    # goodbyes
    _P
    + r"(?:תגידו|תגיד|תגידי|תמסרו|תמסור|תמסרי)\s+(?:ל\S+\s+(?:\S+\s+)?)?(?:שאהבתי|שאני\s+(?:אוהב|אוהבת|מצטער|מצטערת))",
    _P + r"(?:תגידו|תגיד|תגידי)\s+ל\S+\s+ש(?:אני\s+)?(?:מצטער|מצטערת)\s+(?:ו)?שאהבתי",
    _P
    + r"(?:כתבתי|כותב|כותבת|השארתי|שמתי\s+בצד|הכנתי)\s+(?:\S+\s+){0,2}(?:(?:מכתב|מכתבי|מכתבים|פתק|הודעת|הודעה)\s+פרידה|צוואה|מכתבים\s+ל|מכתב\s+לכל|הודעה\s+לכל|מכתבים\s+לכל)",
    _P
    + r"(?:סידרתי|מסדר|מסדרת)\s+(?:את\s+)?(?:הכל|הכול|העניינים|הצוואה|הניירת)\s+(?:בשביל|ל)?(?:אחרי|כשאני)",
    r"(?:זה|זו)\s+לא\s+(?:באשמתכם|באשמתך|אשמתכם|אשמתך|באשמתו|באשמתה)",
    r"(?:בלי\s+ש|לא\s+)(?:הם\s+|אף\s+אחד\s+)?(?:ידעו|יודעים|ידע|יודע)\s+ש(?:זו|זאת|זה)\s+(?:הייתה\s+|היה\s+)?"
    r"(?:פרידה|הפעם\s+האחרונה)",
    _P + r"(?:להרוג|אהרוג|הורג|הורגת)\s+את\s+עצמי" + _E,
    r"אל\s+(?:תחפשו|תחפש|תחפשי)\s+אותי",
    r"אל\s+(?:תנסו|תנסה|תנסי)\s+(?:לשכנע|לעצור|להציל)\s+אותי",
    r"(?:לא\s+אצטרך|כבר\s+לא\s+אצטרך)\s+(?:אות|את)",
    r"שלא\s+יהיה\s+(?:להם|לכם|לה|לו)\s+(?:בלגן|בלאגן|בעיות)\s+אחרי",
    r"אם\s+(?:תמצאו|תמצא|תמצאי|מישהו\s+ימצא|מישהו\s+קורא)\s+את\s+זה",
    _P + r"(?:שיהיה|שיישאר|שישאר|שיישארו)\s+(?:להם|להן|לה|לו|לכם)\s+משהו\s+ממני",
    r"(?:משחרר|משחררת)\s+(?:אתכם|אותכם|אותך|אותם)\s+ממני",
    r"(?:אתם\s+יכולים|אפשר)\s+לחלק\s+(?:את\s+)?(?:מה\s+ש|כל\s+מה\s+ש|הדברים)\S*[^.!?]{0,20}(?:לא\s+חוזר|לא\s+חוזרת|לא\s+אצטרך)"
    + _E
    + r"(?![^.!?]{0,5}(?:היום|מחר))",
    _P
    + r"(?:נתתי|חילקתי|מסרתי)\s+ל\S+\s+את\s+(?:ה)?(?:תכשיטים|החתול|הכלב|הסיסמאות|המפתחות|החיסכון)",
    # self-harm
    r"(?:חזרתי|התחלתי|התחלתי\s+שוב)\s+(?:לחתוך|לפגוע|לשרוט|לשרוף|להכות)(?!\s+(?:את\s+(?!עצמי|ה?יד)|ירקות|עוגה|בצל))",
    _P
    + r"(?:חתכתי|חותך|חותכת|לחתוך|אחתוך|פגעתי|פוגע|פוגעת|לפגוע|אפגע|שרפתי|שורף|שורפת|לשרוף|הכיתי|מכה|להכות"
    r"|מכאיב|מכאיבה|להכאיב|הכאבתי|צורב|צורבת|צרבתי|לצרוב|שרטתי|שורט|שורטת|לשרוט|דקרתי|דוקר|דוקרת|נשכתי|נושך|נושכת|הרבצתי|מרביץ|מרביצה"
    r"|להרביץ)\s+(?:את\s+)?(?:ב|ל)?עצמי" + _E + r"(?![^.!?,]{0,12}(?:במחשבות|בראש|על\s+הראש))",
    _P + r"(?:מעניש|מענישה|להעניש|הענשתי)\s+את\s+עצמי\s+(?:בגוף|פיזית|במכות|עם\s+(?:סכין|מכות))",
    _P + r"(?:פגיעה\s+עצמית|פגיעות\s+עצמיות)",
    _P + r"(?:חתכתי|חתכים|שרטתי|חתכתי\s+את\s+עצמי)\s+שוב",
    _P
    + r"(?:דחף|דחפים|הדחף|בא\s+לי|מתחשק\s+לי|רוצה|צריך|צריכה)\s+(?:חזק\s+)?(?:לחתוך|לפגוע\s+בעצמי|לשרוט|לשרוף\s+את\s+עצמי|להכאיב\s+לעצמי)"
    + r"(?!\s+(?:את\s+(?!עצמי|ה?יד|ה?רגל)|עוגה|ירקות|בצל|פרי|לחם))",
    _P
    + r"(?:שוב\s+)?(?:חותך|חותכת|שרטתי|שורטת|שורט)"
    + _E
    + r"(?!\s+(?:את\s+(?!עצמי|ה?יד|ה?רגל|ה?ירכ|ה?זרוע|ה?עור)|ירקות|עוגה|בצל|לחם))",
    _P + r"(?:חתכתי|וחתכתי|אחתוך|שרטתי)(?:\s+(?:עמוק|חזק|יותר|קצת|עוד|מדי))*"
    r"(?=\s*(?:[.,!?]|$|הלילה|אתמול|היום|הבוקר|הפעם|שוב|ב(?:רגל|יד|ידיים|ירכ\S*|זרוע|בטן)))",
    _P + r"(?:מסוכן|מסוכנת|סכנה)\s+(?:ל)?עצמי" + _E,
    _P
    + r"(?:חתכתי|שרפתי|שרטתי|דקרתי|פתחתי|נשכתי)\s+(?:את\s+)?(?:ה)?(?:יד|ידיים|רגל|רגליים|ירך|ירכיים|זרוע|עור|חתך|פצע|חתכים|פצעים)"
    r"(?:\s+\S+){0,4}\s+(?:בכוונה|עד\s+ש|עד\s+דם|עם\s+(?:סיגריה|מצית|סכין|תער|מספריים)|שוב)",
    _P + r"(?:פתחתי|פותחת|פותח)\s+את\s+(?:ה)?(?:חתך|חתכים|פצע|פצעים|תפרים)",
    _P + r"(?:עשיתי|עושה)\s+לעצמי\s+(?:כוויות|חתכים|פצעים|סימנים|שריטות)",
    _P + r"(?:כוויות|חתכים|פצעים|סימנים|שריטות)\s+ש(?:אני\s+)?(?:עושה|עשיתי)\s+לעצמי",
    _P
    + r"(?:הכיתי|דפקתי|הטחתי|הרבצתי|מכה|מרביצה|מרביץ|דופק|דופקת)\s+(?:את\s+)?(?:ה)?(?:ראש|אגרופים|יד|ידיים|אגרוף)"
    r"(?:\s+\S+){0,3}?\s+(?:בקיר|בדלת)[^.!?]{0,8}(?:עד\s+ש|בכוונה|שיכאב)",
    _P
    + r"(?:הכיתי|דפקתי|הטחתי|הרבצתי|מכה|מרביצה|מרביץ|דופק|דופקת)\s+(?:את\s+)?(?:ה)?(?:ראש|אגרופים|יד|ידיים|אגרוף)"
    r"[^.!?]{0,25}(?:בכוונה|שיכאב|עד\s+ש(?:הפסקתי|התנפח|דימם|יצא\s+דם))",
    _P + r"(?:שרפתי|חתכתי)\s+(?:את\s+)?(?:ה)?(?:יד|ידיים|עצמי)[^.!?]{0,30}(?:לא\s+בטעות|בכוונה)",
    _P + r"(?:רציתי|צריך|צריכה)\s+(?:לכאוב|שיכאב)",
    r"(?:פצעים|חתכים|כוויות|סימנים)\s+(?:טריים|חדשים)|(?:מסתיר|מסתירה)\s+את\s+(?:הפצעים|החתכים|זה\s+עם\s+שרוולים)",
    r"(?:שרוולים\s+ארוכים|צמיד|מכנסיים\s+ארוכים|חולצה\s+ארוכה)[^.!?]{0,30}(?:שלא\s+יראו|לא\s+יראו)",
    _P + r"(?:יש\s+לי|עם)\s+(?:שוב\s+)?(?:חתכים|פצעים|כוויות|שריטות)\s+(?:טריים|חדשים|על|ב)",
    _P
    + r"(?:מסתיר|מסתירה|מחביא|מחביאה|הסתרתי|החבאתי)\s+(?:את\s+)?(?:ה)?(?:ידיים|חתכים|צלקות|פלסטרים|פצעים|כוויות|סימנים)",
    _P + r"(?:לקחתי|לוקח|לוקחת)\s+(?:את\s+)?(?:ה)?סכין\s+(?:ל|ב)(?:מקלחת|שירותים|חדר|אמבטיה)",
    _P + r"(?:שוב\s+)?עם\s+(?:ה)?סכין\s+ביד(?!\s+(?:במטבח|לחתוך))",
    _P + r"(?:דחף|הדחף)\s+(?:לחתוך|לפגוע|לשרוף)",
    _PV + r"(?:עשיתי\s+את\s+זה\s+גם|גם\s+אני\s+עשיתי\s+את\s+זה)",
)

# Everyday phrases that are a crisis only without an everyday object or reason: "להיעלם" (and
# not "להיעלם לשבוע באילת"), "ללכת" (not "ללכת מהעבודה"), "תודה על הכל" (not "…היום במשמרת").
HE_WEAK = _he(
    _P + _WISH + _FILL + r"(?:להיעלם|להעלם)(?!\s+(?:ל|ב|מה)(?!תמיד|נצח|עולם|חיים)\S)",
    _P
    + r"(?:אעלם|איעלם|ייעלם|יעלם|אני\s+ייעלם|אני\s+יעלם|להיעלם|להעלם)\s+(?:לתמיד|לנצח|מהעולם|לגמרי)",
    _P
    + r"(?:הכי\s+טוב|עדיף|טוב)\s+ש(?:אני\s+)?(?:פשוט\s+)?(?:אעלם|איעלם|ייעלם|יעלם|אמות|לא\s+אהיה|אלך|איגמר)",
    _P + r"הלוואי\s+(?:ו|ש)?(?:הייתי\s+)?(?:נעלם|נעלמת|נעלמים)(?!\s+(?:ל|ב)\S)",
    _P
    + r"(?:עדיף|הלוואי)\s+(?:\S+\s+)?ש(?:לא\s+הייתי|לא\s+אהיה)\s+(?:פה|כאן|קיים|קיימת|בכלל)(?!\s+(?:היום|בישיבה|במשמרת|אתמול))",
    _P + r"(?:עדיף|הלוואי|טוב)\s+(?:\S+\s+)?ש(?:אני\s+)?לא\s+(?:אהיה|הייתי)" + _END,
    _P + r"(?:אף\s+אחד|לאף\s+אחד)\s+לא\s+(?:ישים\s+לב|יתגעגע|ירגיש|יבכה)[^.!?]{0,25}(?:אם|כש)",
    r"(?:אם|כש)\s*(?:אני\s+)?(?:פשוט\s+)?(?:לא\s+אהיה|אעלם|איעלם|יעלם|ייעלם|אמות)(?:\s+(?:פה|כאן))?"
    + _E,
    r"(?:אם|כש)\s*(?:אני\s+)?לא\s+(?:אחזור|אגיע)\s+הביתה" + _END,
    _P
    + r"(?:לא\s+אהיה|לא\s+אהיה\s+פה|לא\s+אהיה\s+כאן)\s+(?:עוד\s+)?(?:הרבה\s+זמן|מחר|עוד\s+הרבה|הרבה|לאורך\s+זמן)",
    _P
    + r"(?:אין|לא\s+רואה|לא\s+נשאר)\s+(?:לי\s+)?(?:שום\s+|כבר\s+|יותר\s+)?(?:טעם|סיבה|בשביל\s+מה)\s+"
    r"(?:להמשיך|להישאר|לקום)(?=\s*(?:[.,!?]|$|באמת|בכלל|יותר|ככה))",
    _P
    + r"(?:אין|לא\s+רואה)\s+(?:לי\s+)?(?:שום\s+)?(?:טעם|סיבה)\s+(?:ל|ב)?(?:כלום|שום\s+דבר|בכלום)",
    _P + r"(?:הכל|הכול|החיים)\s+(?:נראה\s+לי\s+|נראים\s+לי\s+)?(?:חסר|חסרי)\s+טעם",
    _P
    + r"(?:לא\s+רוצה|לא\s+רוצים)\s+(?:להמשיך|לקום)(?=\s*(?:[.,!?]|$|ככה|לחיות|אותם|יותר|בכלל|עוד))",
    _P + r"(?:לא\s+רוצה|לא\s+רוצים)\s+להמשיך\s+(?:אותם|ככה|לחיות)",
    _P + r"(?:לא\s+)?(?:רוצה|רוצים)\s+להתעורר" + _E + r"(?!\s+(?:ב|מוקדם|מחר\s+ב|לעוד|למשמרת))"
    r"(?=[^.!?]{0,14}(?:לא|יותר|בכלל))",
    _P
    + r"(?:לא|לא\s+באמת)\s+(?:רוצה|רוצים)\s+(?:להתעורר|להיות\s+פה\s+יותר)"
    # "I don't want to wake up tomorrow for another early shift" is tiredness, not crisis
    + r"(?![^.!?]{0,14}(?:לעוד|למשמרת|לעבודה|לישיבה|מוקדם|ב-?\d|עם\s+מיגרנה))",
    _P
    + r"(?:כבר\s+)?לא\s+רוצה\s+להיות\s+(?:פה|כאן|קיים|קיימת)"
    + r"(?!\s+(?:ב|ה)?(?:מחלקה|עבודה|ישיבה|צוות|משמרת|תפקיד|בית\s+החולים))",
    _P + r"(?:הגיע|הגיעה)\s+(?:ה)?זמן\s+(?:שלי\s+)?ללכת" + _END,
    _P + r"לפני\s+ש(?:אני\s+)?(?:הולך|הולכת|הולכים|נעלם|נעלמת)" + _END,
    _P + r"(?:אני\s+)?(?:מסיים|מסיימת)" + _END,
    _P + r"(?:מחכה|מחכים)\s+ש(?:זה|הכל|הכול|החיים|הכאב)\s+(?:ייגמר|יגמר|ייגמרו|יגמרו|יסתיים|יפסיק)",
    _P
    + r"(?:רוצה|רוצים|בא\s+לי)\s+ש(?:זה|הכל|הכול|החיים|הכאב)\s+(?:פשוט\s+)?(?:ייגמר|יגמר|ייגמרו|יגמרו|יסתיים|יפסיק)",
    _P + r"(?:שהם|שהחיים)\s+(?:פשוט\s+)?(?:ייגמרו|יגמרו)",
    _P
    + r"(?:לא\s+רואה|לא\s+רואים)\s+(?:את\s+)?(?:ה)?(?:סוף|עתיד)(?:\s+של)?\s+(?:ל|ה)?(?:כאב|חושך|עצמי)",
    _P
    + r"(?:כבר\s+)?(?:לא\s+רואה|לא\s+רואים)\s+את\s+עצמי\s+(?:פה|כאן|חי|חיה|בעוד|ממשיך|ממשיכה|שורד|שורדת"
    r"|מחזיק|מחזיקה)",
    _P + r"(?:לשים|אשים)\s+ל(?:זה|כל\s+זה|חיים|חיי|הכל|הכול)(?:\s+שלי)?\s+(?:סוף|קץ)",
    _P + r"(?:אם|במקרה\s+ש|למקרה\s+ש)\s*(?:יקרה|קורה|קרה)\s+לי\s+משהו",
    _P
    + r"(?:לא\s+בטוח|לא\s+בטוחה|ספק)\s+ש(?:אני\s+)?(?:אשרוד|אחזיק|אעבור)\s+את\s+(?:ה)?(?:לילה|יום|סופ״ש|שבוע)",
    _P + r"(?:מקווה|מקוה|הלוואי)\s+ש(?:משהו|מישהו)\s+(?:יקרה|יפגע|ידרוס)(?:\s+לי|\s+בי)?" + _END,
    _P
    + r"(?:נוסע|נוסעת|נוהג|נוהגת|נסעתי|נהגתי)\s+(?:\S+\s+){0,2}(?:מהר|בפראות)\s+(?:\S+\s+)?בכוונה",
    _P + r"(?:אין\s+לי)\s+(?:שום\s+)?(?:עתיד|תקווה)(?!\s+(?:ב|ל)(?:עבודה|מחלקה|תפקיד))",
    _P + r"אין\s+(?:לי\s+)?(?:עתיד|קדימה|המשך)\s+(?:בשבילי|לי)" + _E,
    _P + r"לא\s+(?:איכפת|אכפת)\s+לי\s+אם\s+(?:מחר|אני)\s+(?:לא\s+)?(?:יבוא|אהיה|אתעורר|אקום|אגיע)",
    _P
    + r"(?:לכולם|להם|לכם|לילדים)\s+(?:יהיה|יהיו)\s+(?:\S+\s+)?(?:פשוט|קל|טוב|יותר\s+טוב)\s+(?:יותר\s+)?(?:כש|אם|בלעדי)",
    _P + r"(?:יתגברו|יתגבר|תתגבר)\s+על\s+זה\s+(?:אם|כש)",
    _P + r"(?<!לא\sיסתדרו\s)(?<!לא\sתסתדר\s)בלעדיי" + _E,
    _P + r"(?:עייף|עייפה)\s+מלהיות\s+(?:אני|בחיים|קיים|קיימת)",
    _P + r"(?:יסתדרו|יסתדר|תסתדר|תסתדרו)\s+(?:\S+\s+){0,2}בלעדי(?:י)?" + _E,
    _P + r"(?:זה|זהו|הגיע)\s+הסוף\s+שלי" + _E,
    _P + r"(?:החיים\s+שלי|אני)\s+לא\s+(?:שווים|שווה)\s+(?:כלום|שום\s+דבר)" + _E,
    _P
    + r"(?:גומר|גומרת|אגמור|אסיים|מסיים|מסיימת|לגמור|לסיים)\s+(?:עם|את)\s+(?:זה|(?:כל\s+)?ה(?:סיפור|עניין)(?:\s+הזה)?)"
    r"(?=\s*(?:[.,!?]|$|הלילה|היום|סופית|לתמיד|פעם\s+אחת))",
    _P
    + r"(?:דופק|דופקת|הכיתי|דפקתי|מכה|מטיח|מטיחה|הטחתי)\s+את\s+(?:ה)?ראש\s+(?:שלי\s+)?ב(?:קיר|דלת|רצפה)",
    _P
    + r"(?:עומד|עומדת|יושב|יושבת|עליתי|נמצא|נמצאת|אני)\s+(?:עכשיו\s+)?(?:על|ב)\s*(?:ה)?(?:גשר|גג|מעקה|קצה|צוק)"
    r"(?=\s*(?:[.,!?]|$|עכשיו|הלילה|כרגע|ו))",
    _P + r"(?:נגמר|אין)\s+לי\s+(?:ה)?כוח\s+להיות(?=\s*(?:[.,!?]|$|בכלל))",
    _P + r"(?:לא\s+יכול|לא\s+יכולה)\s+(?:יותר\s+)?עם\s+(?:ה)?קיום",
    _P + r"(?:מחכה|מחכים)[^.!?]{0,40}\sו?אז(?:\s+זה\s+הזמן)?(?=\s*(?:[.!?…]|$))",
    _P + r"ואז\s+(?:זה\s+הזמן|זה\s+קורה)" + _END,
    _P + r"(?:אני\s+)?(?:עושה|אעשה|יעשה|איעשה)\s+את\s+זה(?=\s*(?:[.,!?]|$))",
    _P + r"(?:לגמור|לסיים)\s+(?:את|עם)\s+זה" + _END,
    _P + r"(?:לבדוק|בדקתי|מצאתי|ראיתי|הלכתי\s+לראות)\s+את\s+(?:ה)?מקום" + _END,
    _P
    + r"(?:קניתי|השגתי|הבאתי|יש\s+לי)\s+(?:כבר\s+)?(?:ה)?(?:חבל|רעל|אקדח)"
    + _E
    + r"(?!\s+(?:קפיצה|כביסה|טיפוס|ל\S))",
    _P
    + r"(?:בדקתי|חיפשתי|מצאתי|ראיתי|יודע|יודעת)\s+(?:איפה\s+)?(?:יש\s+)?(?:\S+\s+)?(?:גשר|גג|בניין|צוק|קומה)\s+"
    r"(?:גבוה|גבוהה|מספיק\s+גבוה)",
    _P
    + r"לא\s+(?:אגיע|אחיה|אשרוד)\s+(?:עד\s+|ל)(?:גיל|יום\s+ההולדת|סוף\s+השנה|השנה\s+הבאה|החורף|הקיץ|\d)",
    _P + r"זה\s+(?:יהיה|יקרה)\s+(?:הלילה|היום|מחר|בסופ״ש)" + _END,
    _P + r"(?:לא\s+)?(?:אומר|אומרת|אגיד|אספר)\s+(?:בשביל\s+מה|למה\s+זה)" + _END,
    _P + r"(?:המפתח|מפתח)\s+(?:של|ל)\s*(?:ה)?גג",
    _P
    + r"(?:יודע|יודעת)\s+(?:בדיוק\s+)?מה\s+(?:אני\s+)?(?:הולך\s+|הולכת\s+)?(?:לעשות|אעשה)(?:\s+(?:הלילה|מחר|הערב))?"
    r"(?=\s*(?:[.!?]|$|ו))",
    _P + r"(?:תכננתי|תיכננתי)\s+(?:את\s+)?(?:הכל|הכול|זה)\s+(?:עד|לפרטי)",
    # goodbyes
    r"(?:תדאגו|תשמרו|תשמור|תשמרי|שמרו)\s+(?:ל|על)\S*\s+(?:\S+\s+){0,2}(?:בשבילי|במקומי)",
    r"זו\s+הפעם\s+האחרונה\s+ש(?!אני\s+(?:מתלונן|מתלוננת|מסכים|מסכימה|עושה|מחליף|מחליפה))",
    _P + r"(?:ההודעה|המכתב)\s+(?:ה)?אחרונ(?:ה|ו)(?:\s+שלי)?(?![^.!?]{0,12}(?:להיום|הערב|לשבוע))",
    r"אל\s+(?:תכעסו|תכעסי|תכעס)\s+עליי",
    _P + r"(?:הייתם|היית|הייתה)\s+הדבר\s+הכי\s+טוב\s+ש(?:היה|קרה)\s+לי",
    _P
    + r"(?:זה|זו|זאת)?\s*(?:ה)?(?:הודעה|לילה|ערב|יום|פעם)\s+(?:ה)?(?:אחרונה|אחרון)\s+(?:שלי|שתקבלו|שתשמעו|שאתם)"
    r"(?![^.!?,]{0,25}(?:\s(?:ל|ב)(?!י\b)\S|לפני|עד))",
    _P
    + r"(?:תודה|מודה|מודה\s+לכם|תודה\s+רבה)\s+(?:לכם\s+|לכולם\s+|לכולכם\s+|לך\s+)?על\s+(?:הכל|הכול)",
    _P
    + r"(?:תודה\s+ש|שהייתם)(?:הייתם|היית|היית\S*)\s+(?:שם\s+)?(?:בשבילי|חברים|חברה|חבר|חברות|איתי)",
    _P + r"סליחה\s+(?:מכולם|על\s+(?:הכל|הכול|כל\s+מה\s+ש\S+\s+ל(?:כם|ך|כן)))",
    _P + r"(?:ו)?(?:מבקש|מבקשת)\s+סליחה\s*,?\s*(?:זו|זאת)\s+(?:ה)?פרידה",
    _P + r"(?:זו|זאת)\s+(?:ה)?פרידה\s+שלי",
    _P + r"(?:ביי|שלום|להתראות)\s+(?:לכולם|לכולכם|לכם)(?!\s*[,!]?\s*(?:ערב|בוקר|לילה))",
    _P
    + r"(?:נפרד|נפרדת|נפרדתי|להיפרד|להפרד|נפרדים)\s+(?:היום\s+)?(?:מכולם|מכם|מכן|מכולכם|מהעולם|מכל\s+מי\s+ש|מכל\s+אחד)",
    _P + r"(?:נפרדתי|נפרדת)\s+(?:היום\s+)?מה?\S+\s+בלי\s+ש",
    _P + r"(?:שזו|שזאת|שזה)\s+(?:הייתה\s+)?פרידה",
    _P
    + r"(?:תשמרו|שמרו|תשמרי|שמרי|תשמור|שמור)\s+על\s+(?:עצמכם|עצמכן|עצמך)"
    + r"(?:\s+בלעדיי)?"
    + _END,
    _P
    + r"(?:לא\s+)?(?:תצטרכו|תצטרכי|תצטרך|יצטרכו|יצטרך)\s+(?:לדאוג|לטפל|לסחוב|להתעסק)\s+(?:לי|בי|איתי)",
    _P + r"(?:כבר\s+)?לא\s+(?:אוכל|אצטרך)\s+(?:לטפל|לדאוג)\s+(?:בה|בו|בהם|בהן|לה|לו|להם)",
    _P + r"(?:אל\s+)?(?:תרגישו|תרגיש|תרגישי)\s+(?:אשמים|אשם|אשמה)" + _END,
    _P + r"(?:לא|ולא)\s+(?:ב)?(?:גלל|גללכם|גללך)\s+(?:אף\s+אחד|אף\s+אחת)" + _E,
    _P + r"ש?זה\s+לא\s+(?:בגללכם|בגללך|בגללכן|בגלל\s+אף\s+אחד)",
    _P + r"(?:אוהב|אוהבת)\s+(?:אות\S+|אתכם|אתכן)[^.!?]{0,5}\s*,?\s*(?:תסלח|תסלחי|תסלחו)\s+לי",
    _P + r"(?:רוצה|רציתי)\s+שתדעו\s+שאהבתי",
    _P + r"(?:תודה|אוהב|אוהבת)\s+[^.!?]{0,40}(?:ביי|שלום|להתראות)" + _END,
    _P + r"(?:ביי|שלום|להתראות)\s+[^.!?]{0,30}(?:אוהב|אוהבת)\s+(?:אתכם|אתכן|אותכם)",
    _P + r"(?:כתבתי|השארתי|הכנתי|הקלטתי)\s+(?:\S+\s+)?(?:מכתב|מכתבים|פתק|הודעה|הודעות)\s+"
    r"(?:ל(?:אמא|אבא|ילדים|הילדים|בעלי|אשתי|משפחה|אחותי|אחי|כולם|כל\s+אחד)|לכל)",
    _P + r"ש(?:יבינו|יבין|תבין|ידעו|יסלחו|יסלח|תסלח)" + _END,
    _P
    + r"(?:תגידו|תגיד|תגידי|תמסרו|תמסור|תמסרי)\s+ל\S+\s+(?:\S+\s+)?ש(?:אבא|אמא|אני)\s+(?:אוהב|אוהבת|אהב|אהבה)",
    _P + r"(?:בשביל|ל)\s*(?:אחרי|מה\s+שיהיה\s+אחרי|אחרי\s+שאני\s+\S+)" + _END,
    _P + r"(?:הכנתי|סידרתי|כתבתי|עדכנתי)\s+(?:את\s+)?(?:ה)?צוואה",
    _P + r"(?:לא\s+בטוח|לא\s+בטוחה|ספק)\s+ש(?:אני\s+)?(?:אהיה|אחיה)\s+(?:פה|כאן|בחיים)",
    _P
    + r"(?:נתתי|חילקתי|מסרתי|העברתי|מחלק|מחלקת|נותן|נותנת|לחלק)\s+(?:ל\S+\s+)?(?:את\s+)?(?:כל\s+)?(?:ה)?"
    r"(?:דברים|חפצים|בגדים|תכשיטים|ספרים|כלב|כלבה|כלבים|חתול|חתולה|חתולים|כסף|חסכונות|חיסכון|סיסמאות|מפתחות|אוטו|רכב|דירה"
    r"|דברים\s+החשובים)(?:\s+(?:החשובים\s+)?שלי)?" + _E + r"(?!\s+של\s+(?!י))",
    _P + r"(?:העברתי|רשמתי)\s+(?:את\s+)?(?:ה)?(?:אוטו|רכב|דירה|חסכונות|חיסכון)\s+(?:על\s+שם|ל)",
    _P
    + r"(?:מה\s+לעשות|מה\s+יעשו|איך\s+לחלק)\s+עם\s+(?:ה)?(?:דברים|חפצים|כסף|חתול|כלב|חתולה)\s+שלי",
    _P + r"(?:לא\s+(?:תהיה|יהיה)\s+לי)\s+(?:עוד\s+)?(?:הזדמנות|אפשרות|זמן)" + _END,
    _P + r"(?:לא\s+(?:יהיה|יהיו))\s+(?:בזה\s+|בהם\s+|בו\s+|בה\s+)?צורך" + _END,
    _P
    + r"(?:בלגן|בלאגן|יצטרכו|פשוט|קל|סדר|לדאוג|להתעסק|לטפל|לסדר|מסודר)[^.!?,]{0,30}\sאחרי"
    + _END,
    _P + r"שלא\s+(?:יישאר|ישאר|ישארו|יישארו)\s+(?:\S+\s+)?(?:בלגן|בלאגן|חובות)",
    _P + r"(?:שיהיה|שיהיו)\s+(?:לו|לה|להם|לכם)\s+(?:יותר\s+)?(?:קל|פשוט)" + _END,
    _P + r"(?:הם|הוא|היא)\s+(?:ימצאו|ימצא|תמצא|יבין|תבין|יבינו)(?:\s+כש\S+)?" + _END,
    _P + r"למקרה\s+ש(?:אני\s+)?(?:לא\s+)?(?:פה|כאן|אהיה|אחזור)",
    _P + r"(?:לא\s+תצטרכו|אל)\s+(?:לדאוג|תדאגו)\s+לי" + _END,
    _P + r"(?:לתמיד|לנצח)" + _END,
    _P + r"(?:סוגר|סוגרת)\s+מעגלים",
    _P + r"(?:ביטלתי|ביטלנו)\s+(?:את\s+)?כל\s+ה\S+(?=[^.!?]{0,30}לא\s+(?:יהיה|יהיו|אצטרך))",
    _P
    + r"(?:סגרתי|שילמתי)\s+(?:את\s+)?(?:כל\s+)?(?:ה)?(?:חשבונות|חובות)(?=[^.!?]{0,60}(?:שלא|בלגן|אחרי|מוכנה|מוכן))",
    _P + r"(?:מסרתי|נתתי|שלחתי)\s+(?:ל\S+\s+)?(?:את\s+)?(?:כל\s+)?(?:ה)?סיסמאות",
    _P + r"(?:החזרתי)\s+(?:ל\S+\s+)?(?:את\s+)?(?:כל\s+)?(?:מה\s+ש)",
    r"(?:בלי\s+ש(?:הם\s+)?|הם\s+לא\s+)(?:ידעו|יודעים)(?=\s*(?:[.,!?]|$|שזו|שזה))",
    # self-harm
    _P
    + r"(?:חתכתי|שרפתי)\s+(?:את\s+)?(?:ה)?(?:יד|ידיים|רגל|זרוע)(?![^.!?]{0,40}(?:בטעות|כש|בזמן\s+ש))",
    _P + r"(?:נשכתי)\s+את\s+עצמי",
    _P
    + r"(?:לקחתי|השגתי)\s+(?:את\s+)?(?:ה)?(?:סכין|סכינים)(?=\s*(?:[.,!?]|$|ל(?:מקלחת|שירותים|חדר)))",
)

HE_ORDINARY = _he(
    _P
    + r"(?:משמרת|משמרות|ישיבה|ישיבות|סידור|עבודה|מחלקה|חופש|חופשה|סופ״ש|סופש|סוף\s+השבוע|לשבוע|לשבועיים"
    r"|לחודש|לכמה\s+ימים|ארוחת|קפה|סדרה|נטפליקס|אמבטיה|כנס|טיול|מסיבה|הנהלה|מנהלת|מנהל|רכזת|דוח|טופס|סיכום"
    r"|סיכומים|ניירת|מטופלים|קבוצה|משרה|עוברת\s+ל|עובר\s+ל|מעבר|קניתי\s+(?:חדש|חדשה|אוטו|דירה)|עמותה|לעמותה|ישנים|ישנות|טיסה|חתונה|תור"
    r"|קורס|פרויקט|הגשה|לימודים|ביקורת|וואטסאפ|אוטובוס|פקקים|אילת|צפון|לישון|לילה\s+טוב|בוקר\s+טוב|שבת\s+שלום"
    r"|נתראה|במקומי\s+ב|עד\s+ש(?:אני\s+)?(?:חוזר|חוזרת)|חוזרת\s+ב|חוזר\s+ב|בית\s+חולים\s+אחר|הסידור|כביסה"
    r"|מטבח|ביומן\s+ל|סלט|ירקות|עוגה|מתנה|הבת\s+שלי\s+ל|קהילה|לשנה|הסיכומים|יום\s+ראשון|מחר\s+ב|בחופש"
    r"|נסיעות|בנסיעה|מכונית\s+חדשה|היום\s+במשמרת|לארוחת|רופאה|הרופאה|יוצאת\s+לחופשה|העונה|פרק"
    r"|שבוע\s+הזה|יום\s+הזה|שבוע\s+הבא|בחודש\s+הבא|רשימה|מוקדם|אצא|לצאת|מגהץ|תנור|קומקום|מחבת|בישול"
    r"|טמבל|טמבלית|עורך\s+דין|עורכת\s+דין|ריבים|ויכוחים)" + _E,
)

HE_PRESENT = _he(
    r"שוב",
    r"הלילה",
    r"עכשיו",
    r"עכשו",
    r"(?<!כל\s)היום",
    r"השבוע",
    r"עדיין",
    r"הבוקר",
    r"אתמול",
    r"כרגע",
    r"לאחרונה",
    r"בזמן\s+האחרון",
    r"עוד\s+פעם",
    r"חזר(?:ו|ה)?\b",
    r"חזרתי\s+ל",
)

# Hebrew present-tense verbs do not mark the person ("אני מספרת" / "היא מספרת"), so only past
# third-person forms, or a present form after a third-person subject, count as reported speech.
HE_REPORTED = _he(
    _PV
    + r"(?:אמר|אמרה|אמרו|סיפר|סיפרה|סיפרו|דיווח|דיווחה|כתב|כתבה|שיתף|שיתפה|ניסה|ניסתה|ביקש|ביקשה|שאל|שאלה"
    r"|חזר\s+על|חזרה\s+על|מביע|מביעה)" + _E,
    r"(?:הוא|היא|הם|הן|המטופל|המטופלת)\s+(?:\S+\s+)?(?:אומר|אומרת|אומרים|מספר|מספרת|טוען|טוענת|רוצה|חושב|חושבת)"
    + _E,
    _P + r"(?:לדבריו|לדבריה|לדבריהם|לטענתו|לטענתה|לטענתם)" + _E,
    _P + r"(?:שאלתי|שאלנו|שואלת|שואל)\s+(?:אותו|אותה|אותם|אותן)" + _E,
    r"(?:^|(?<=[\s,]))(?:הוא|היא|הם|הן)\s+(?:\S+\s+)?(?:לובש|לובשת|מסתיר|מסתירה|חותך|חותכת|פוגע|פוגעת|כותב|כותבת"
    r"|מדבר|מדברת)" + _E,
    _P + r"(?:המטופל|המטופלת|מטופל|מטופלת|המאושפז|המאושפזת|מאושפז|מאושפזת)" + _E,
    _P + r"(?:בעצמו|בעצמה|בעצמם|עצמו|עצמה|עצמם|לעצמו|לעצמה|לעצמם)" + _E,
)
# A third person who is the subject of the crisis words ("שהוא כבר לא רוצה לחיות",
# "היא שורטת את הידיים"), with no first person between the subject and the words.
HE_THIRD_SUBJECT = _he(
    r"(?:^|(?<=[\s,]))(?:ו|ש|כש|וש|כי|ואז)?(?:הוא|היא|הם|הן|המטופל|המטופלת|מטופל|מטופלת|המטופלים"
    r"|המאושפז|המאושפזת|הבחור|הבחורה|הנער|הנערה|האח\s+שלו|האחות\s+שלה)" + _E,
)
# A wish or intention negated just before the crisis words.
HE_NEGATED = _he(
    r"(?:^|\s)(?:לא|אף\s+פעם\s+לא|בחיים\s+לא)\s+(?:באמת\s+|ממש\s+|כבר\s+)?(?:רוצה|רוצים|רציתי|חושב|חושבת"
    r"|חשבתי|מתכנן|מתכננת|תכננתי|מתכוון|מתכוונת|הולך|הולכת|אנסה|מנסה|מעז|מעזה|מסוגל|מסוגלת|יכול|יכולה|צריך|צריכה"
    r"|אעשה|אעז)\s+(?:על\s+)?$",
    r"(?:^|\s)אין\s+(?:לי\s+)?(?:שום\s+)?(?:כוונה|תוכנית|תכנית|רצון)?\s*$",
)
HE_OWN_VERB = _he(r"[\u05d0-\u05ea]{2,}תי" + _E)  # הלכתי, עשיתי: the writer's own past action
HE_FIRST_PERSON = _he(
    r"(?:^|[\s,])(?:ו|ש|כש)?(?:אני|לי|שלי|עצמי|אותי|עליי|אליי|ממני|איתי|בשבילי|בלעדיי)"
    + _E
    + r"|[\u05d0-\u05ea]{2,}תי"
    + _E,
)

HE_FIGURATIVE = _he(
    _P
    + r"(?:הורג|הורגת|הורגים|תהרוג|יהרוג|הרגת|הרגתם|הרג|הרגה)\s+(?:אותי|אותנו|גם\s+אותי|לי\s+את)",
    _P + r"(?:מת|מתה|מתים|מתות|מתתי|מתנו)\s+(?:מ|על|ל(?!י" + _E + r"))\S*",
    _P
    + r"(?:ל|א|ש?אני\s+[אי])?מות\s+(?:מ|מה)(?:בושה|צחוק|עייפות|שעמום|רעב|חום|קור|פחד|כאב|התרגשות|לחץ|מבוכה|צמא"
    r"|סקרנות|קנאה|גועל|תסכול)",
    _P + r"(?:אני\s+)?(?:מת|מתה)\s+על" + _E,
    _P + r"(?:התאבדות|מתאבד|מתאבדת)\s+מקצועית",
    _P + r"סכין\s+בגב",
    _P + r"(?:יהיה|תהיה|יהיו|תהיי|זה|הוא|היא)\s+(?:ה)?מוות\s+שלי",
    _P + r"(?:עלתה|עלה|דרסה|דרס)\s+(?:עליי|עלי|אותי)",
    _P
    + r"(?:הכיתי|דפקתי|מכה|דופק|דופקת)\s+(?:את\s+)?(?:ה)?ראש\s+(?:שלי\s+)?בקיר\s+(?:עם|בגלל|מול)",
    _P + r"(?:הרבצתי|מכה|מרביצה)\s+לעצמי\s+על\s+הראש",
)
_LAUGH = re.compile(r"חח+|ההה+|😂|🤣|lol", _FLAGS)
# A joke about work: laughter together with a trivial trigger, unless the writer says they mean it.
HE_TRIVIAL = _he(
    _P
    + r"(?:דוח|הדוח|טופס|הטופס|סיכום|ניירת|מחשב|ישיבה|משמרת|מנהלת|מנהל|הנהלה|אקסל|מדפסת|נמחק|הסידור|קפה"
    r"|פקקים|המזגן|הישיבה|סיכומים)" + _E,
)
HE_SERIOUS = _he(
    r"לא\s+(?:צוחק|צוחקת|מגזים|מגזימה|בדיחה|בצחוק|מצחוק)|ברצינות|באמת|לא\s+בקטע\s+של\s+בדיחה",
)

HE_TRAINING = _he(
    _P
    + r"(?:הדרכה|השתלמות|נוהל|נהלים|הערכת\s+סיכון|תוכנית\s+בטיחות|תכנית\s+בטיחות|סדנה|סדנת|קורס|טופס|מצגת|הרצאה"
    r"|בהרצאה|פוסטבנציה|מקרה\s+אובדני|בגיליון|תיעוד|להציג\s+בישיבה|ההבדל\s+בין|סימולציה|בסימולציה|משחק\s+תפקידים"
    r"|תרגלנו|תרגול|שקף|שאלון|c-ssrs|שומרי\s+סף|יום\s+העיון|יום\s+עיון|מניעת\s+אובדנות|סימני\s+אזהרה|דגל\s+אדום"
    r"|למדנו|מתעדים|הסימנים\s+העקיפים|משפט\s+לדוגמה|השגחה)" + _E,
)

HE_PAST = _he(
    r"לפני\s+(?:\S+\s+){0,2}(?:שנים|שנה|שנתיים|חודשים|עשור|עשורים)" + _E,
    _P
    + r"(?:בעבר|כשהייתי|בגיל\s+\d+|מגיל\s+\d+|בתקופה\s+(?:ההיא|הרעה|הקשה|הכי\s+(?:קשה|חשוכה|רעה|גרועה))"
    r"|בתיכון|בצבא|בתקופה\s+הכי|היה\s+המשפט|בזמנו|היו\s+לי|הייתי\s+(?:בטוח|בטוחה|משוכנע|משוכנעת|מסתיר|מסתירה"
    r"|חותך|חותכת|פוגע|פוגעת|שורט|שורטת|אומר|אומרת|כותב|כותבת|פותח|פותחת|אוגר|אוגרת|מחביא|מחביאה))"
    + _E,
    # "פעם" (once, formerly), but not "הפעם" (this time), "כל פעם" (every time), "עוד פעם" (again)
    r"(?:^|(?<=[\s,.!?\"'(]))(?<!כל\s)(?<!עוד\s)(?<!אף\s)(?:ו|ש|וש)?פעם(?!\s+(?:אחרונה|הבאה|נוספת|שלישית|שנייה|ראשונה))"
    + _E,
    r"(?:שמח|שמחה)\s+ש(?:נשארתי|שרדתי|לא)",
    _P + r"(?:שרדתי|ההחלמה\s+שלי|הסיפור\s+שלי|בתוכנית\s+ההחלמה)" + _E,
    r"\d+\s+שנים\s+(?:שלא|נקי|נקייה|בלי)",
    r"(?:שנה|שנתיים|שלוש\s+שנים|חודש)\s+(?:שלא|בלי)\s+(?:פגעתי|חתכתי)",
)
# A past-tense verb in the writer's own clause ("חשבתי שלא אצטרך אותם"): with a past frame earlier
# in the sentence ("בגיל 20 חילקתי את הספרים שלי, חשבתי…") the clause belongs to that past.
HE_PAST_VERB = _he(
    r"[\u05d0-\u05ea]{2,}תי" + _E + r"|(?:^|\s)(?:היו|היה|הייתה)\s+לי" + _E,
)
HE_RECOVERED = _he(
    r"(?:שמח|שמחה)\s+ש(?:נשארתי|שרדתי|אני\s+עדיין\s+פה)",
    r"(?:שנים|שנה|שנתיים|חודשים|וחצי|חודש)\s+(?:שלא|בלי)\s+(?:פגעתי|חתכתי|ניסיתי|שרטתי|שרפתי)",
    r"(?:עברו|עבר)\s+\S+\s+(?:שנים|שנה)\s+מאז",
    r"(?:ועמדתי|עמדתי)\s+בזה",
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
    r"|leaving\s+do|supplies|phone|manager|sick\s+day|christmas\s+do|the\s+kids|team'?s"
    r"|hours|break|moving|community|roles?|shed|house\s+sale|week\s+off|days\s+off|sponsor"
    r"|solicitor)\b",
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
    r"\b(?:yrs?|years?|months?|days?|weeks?)\s+(?:free|clean)\b|\bfree\s+(?:of|from)\s+self[\s-]?harm\b",
    r"\b(?:promised|swore\s+to)\s+myself\b[^.!?]{0,40}\b(?:wouldn'?t|would\s+never|never)\b",
    r"\bmy\s+lived\s+experience\b",
    r"\bthe\s+(?:old\s+)?version\s+of\s+me\s+(?:who|that)\s+(?:wanted|was|tried|used)\b",
)
# "ten years clean and i cut again last night": a relapse undoes the recovery.
EN_RELAPSE = _any(r"\b(?:again|tonight|relapsed)\b")
# An everyday reason for goodbye words ("wrote letters to mum because I'm off to the mines").
EN_EVERYDAY = _any(
    r"\bbecause\s+(?:we|i'?m|i\s+am|i'?ll\s+be|they)\b",
    r"\bfor\s+whoever\s+covers\b",
    r"\bwhile\s+i'?m\b",
    r"\bpart\s+of\s+my\s+\w+\s+step\b",
    r"\bsolicitor\b",
)
EN_DEATH = _any(
    r"\b(?:die|dying|dead|death|suicid\w*|kill\w*|self[\s-]?harm\w*|pills|tablets|hurt\w*|cut\w*)\b"
)


def _clause_span(sentence: str, start: int, end: int) -> tuple[int, int]:
    left = sentence.rfind(",", 0, start)
    right = sentence.find(",", end)
    return left + 1, right if right >= 0 else len(sentence)


def _he_excused(sentence: str, start: int, end: int, previous: str = "") -> bool:
    """Whether the Hebrew crisis words at sentence[start:end] are excused: someone else's story, a
    figure of speech, training, or the writer's past. Judged on the clause that holds the words
    ("לא מתה מעייפות, אני פשוט רוצה למות" alarms), with the sentence (and, for a past frame, the
    sentence before it) for context."""
    clause_start, clause_end = _clause_span(sentence, start, end)
    clause = sentence[clause_start:clause_end]
    present = HE_PRESENT.search(clause)
    if HE_NEGATED.search(sentence[clause_start:start]):
        return True  # "אני לא חושבת להתאבד", "אין לי מחשבות אובדניות"
    if HE_RECOVERED.search(clause) and not re.search(r"חזרתי\s+ל|התחלתי\s+שוב", clause):
        return True
    # Someone else's words, or a third person as the subject of the crisis words. A verb of the
    # writer's own after the report takes the words back ("אחרי שהיא סיפרה… הלכתי הביתה ועשיתי").
    before = sentence[clause_start:start]
    for report in HE_REPORTED.finditer(clause):
        own = HE_OWN_VERB.search(before[report.end() :]) if report.end() <= len(before) else None
        if not own:
            return True
    for subject in HE_THIRD_SUBJECT.finditer(before):
        if not HE_FIRST_PERSON.search(before[subject.end() :]):
            return True
    if HE_REPORTED.search(sentence) and not HE_FIRST_PERSON.search(clause):
        return True
    # Figures of speech, and jokes about paperwork ("הדוח נמחק, אני מתאבדת חחח").
    if HE_FIGURATIVE.search(clause) and not present:
        return True
    if _LAUGH.search(sentence) and HE_TRIVIAL.search(sentence) and not HE_SERIOUS.search(sentence):
        return True
    if HE_TRAINING.search(clause):
        return True
    if HE_TRAINING.search(sentence) and not HE_FIRST_PERSON.search(clause):
        return True
    # The writer's past: a past frame in the clause, or earlier in the sentence with the clause
    # itself in the past tense ("בגיל 20 חילקתי את הספרים שלי, חשבתי שלא אצטרך אותם").
    if present:
        return False
    if HE_PAST.search(clause):
        return True
    frame = HE_PAST.search(sentence[:clause_start]) or (
        HE_PAST.search(previous) and not HE_PRESENT.search(previous)
    )
    return bool(frame and HE_PAST_VERB.search(clause))


def _he_everyday(sentence: str, start: int, end: int, around: tuple[str, str]) -> bool:
    """An everyday object or reason for an ambiguous phrase: in its clause or the one before it,
    later in the sentence, or in a short sentence just before or after it ("מחכה שזה ייגמר. השבוע
    הזה."). A negated one ("לא במחלקה, בעולם", "ואני לא מתכוונת לחופש") says the writer means
    more than the everyday, so the phrase alarms."""
    clause_start, _ = _clause_span(sentence, start, end)
    window = sentence[clause_start:]
    if len(sentence[clause_start:end].split()) <= 4:  # a fragment: "…במחלקה לאחראית, שיהיה לה קל"
        window = sentence[sentence.rfind(",", 0, max(clause_start - 1, 0)) + 1 :]
    previous, following = around
    if previous and len(previous.split()) <= 8:
        window = f"{previous} {window}"
    if following and len(following.split()) <= 5:
        window = f"{window} {following}"
    everyday = [
        not re.search(r"לא\s+(?:\S+\s+)?$", window[: match.start()])
        for match in HE_ORDINARY.finditer(window)
    ]
    return bool(everyday) and all(everyday)


def _he_alarm(sentence: str, previous: str, following: str) -> bool:
    text = _he_normalise(sentence)
    around = (_he_normalise(previous), _he_normalise(following))
    for match in HE_CRISIS.finditer(text):
        if not _he_excused(text, match.start(), match.end(), around[0]):
            return True
    for match in HE_WEAK.finditer(text):
        if _he_excused(text, match.start(), match.end(), around[0]):
            continue
        if not _he_everyday(text, match.start(), match.end(), around):
            return True
    return False


def _en_excused(sentence: str, clause: str) -> bool:
    """Whether English crisis words are excused. Excuses are looked for in the whole sentence
    ("incident form done" often sits in the next clause); weak present anchors ("now", "today")
    only count in the clause with the crisis words, strong ones ("again", "tonight") anywhere."""
    if EN_IDIOM.search(sentence):
        return True
    if EN_RECOVERED.search(sentence) and not EN_RELAPSE.search(sentence):
        return True
    if EN_EVERYDAY.search(sentence) and not EN_DEATH.search(sentence):
        return True
    if EN_REPORTED.search(sentence):
        return True
    # Training words excuse a sentence unless it is plainly about the writer tonight: "the
    # thought of ending my life is with me all day today, from morning huddle to now".
    if EN_TRAINING.search(sentence) and not EN_PRESENT_PERSONAL.search(sentence):
        return True
    strong = bool(EN_PRESENT_STRONG.search(sentence))
    if EN_QUOTE.search(sentence) and not strong and not EN_SELF_QUOTE.search(sentence):
        return True
    present = strong or bool(EN_PRESENT.search(clause))
    serious = bool(EN_SERIOUS.search(sentence))
    if EN_JOKE.search(sentence) and not serious and not EN_PRESENT.search(clause):
        return True
    if EN_FIGURATIVE.search(sentence) and not present:
        return True
    if EN_FIGURATIVE.search(sentence) and re.search(
        r"\bkilling|i'?ll\s+die|i'?m\s+dead\b", sentence, _FLAGS
    ):
        return True
    if not EN_PAST.search(sentence) or strong:
        return False
    return not present or bool(EN_SHARING.search(sentence))


# After a past story, a next sentence that brings "it" into the present pulls it back into crisis
# ("in my worst year i believed they'd be better off without me. i believe it again now").
EN_BACK_NOW = re.compile(
    r"\b(?:it|that|them|they|those|the\s+(?:thoughts?|urges?|feelings?))\b[^.!?]{0,30}"
    r"\b(?:(?:again|back)\s+(?:now|lately|tonight|this\s+week)\b|(?:is|are|'s)\s+back\b)",
    _FLAGS,
)
EN_DENIED = re.compile(r"\b(?:hasn'?t|haven'?t|never|not|didn'?t|wouldn'?t)\b", _FLAGS)


EN_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|i'?ve|i'?d|i'?ll|me|my|myself)\b", _FLAGS)


def _clause(sentence: str, start: int, end: int) -> str:
    """The comma-separated part of the sentence that holds the match."""
    left = sentence.rfind(",", 0, start)
    right = sentence.find(",", end)
    return sentence[left + 1 : right if right >= 0 else len(sentence)].strip()


class CrisisDetector:
    """Checks every free text a person sends. Cheap enough to run inline on every message."""

    def check(self, text: str) -> CrisisResult:
        parts = sentences(text)
        past_story = False  # an English crisis sentence excused as the writer's past
        for index, sentence in enumerate(parts):
            if _is_hebrew(sentence):
                previous = parts[index - 1] if index > 0 else ""
                following = parts[index + 1] if index + 1 < len(parts) else ""
                if _he_alarm(sentence, previous, following):
                    return CrisisResult(True, sentence)
                continue
            if (
                past_story
                and EN_PRESENT_STRONG.search(sentence)
                and EN_BACK_NOW.search(sentence)
                and not EN_DENIED.search(sentence)
            ):
                return CrisisResult(True, sentence)
            for match in EN_CRISIS.finditer(sentence):
                # Excuses are judged on the whole sentence ("incident form done" often sits in the
                # next clause); weak present anchors only on the clause holding the crisis words.
                own = _clause(sentence, match.start(), match.end())
                if _en_excused(sentence, own):
                    past_story = past_story or bool(EN_PAST.search(sentence))
                    continue
                if not EN_STRONG.search(sentence) and EN_ORDINARY.search(sentence):
                    continue  # "i want out of this shift", "thank you all, leaving do friday"
                # Someone else's words elsewhere in the sentence still excuse it, unless the
                # sentence is plainly about the writer.
                if EN_REPORTED.search(sentence) and not EN_FIRST_PERSON.search(sentence):
                    continue
                return CrisisResult(True, sentence)
        return CrisisResult(False, None)
