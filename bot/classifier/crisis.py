"""Crisis language detector: careful lexicons for English and Hebrew.

Recall comes first: any sentence that speaks, in the first person and in the present, of wanting
to die, a plan or means, saying goodbye or self-harm raises the alarm. A sentence is excused only
when it is clearly someone else's story (reported speech about a patient), a known figure of
speech, training or paperwork about risk, or the writer's past told as recovery, with nothing in
it pulling it back into the present ("again", "tonight", "now").

The alarm only ever adds helplines and warmth to the reply; a false alarm costs a kind message,
a miss could cost far more, so ambiguous sentences alarm.

The Hebrew lexicon, with its own morphology and excuses, lives in ``crisis_he``; this module
splits text into sentences and sends each Hebrew one there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.classifier.crisis_he import any_of, clause_span, he_alarm, is_hebrew

_FLAGS = re.IGNORECASE | re.UNICODE


# --- English --------------------------------------------------------------------------------

EN_CRISIS = any_of(
    # wanting to die / suicide, direct
    r"\b(?:want|wanna|wanted|going|gonna|need|ready|like|rather|planning|plan|decided)\b[^.!?]{0,20}\b(?:to\s+)?"
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
    r"\b(?:saving|saved|stockpil\w*|hoard\w*|collect\w*|gather\w*)\b[^.!?]{0,20}\b(?:pills|tablets|meds|medication"
    r"|quetiapine|zopiclone|lithium|sertraline|paracetamol|diazepam|codeine|olanzapine|mirtazapine|amitriptyline"
    r"|insulin|propranolol|sleeping\s+(?:pills|tablets))\b"
    r"(?![^.!?]{0,30}\b(?:prescription|pharmacy|chemist|dispensary|repeat|from\s+the\s+gp)\b)",
    # The opening of a note left for someone: "if you're reading this …, i'm sorry and i love you"
    r"\bif\s+you'?re\s+reading\s+this\b[^.!?]{0,60}\b(?:sorry|love\s+you|goodbye|forgive\s+me)\b",
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
    # ... and in plain words, found missing when the bot ran on the lexicon alone (before the
    # model loads): an overdose taken, hanging, jumping, "i'm not safe"
    r"\b(?:took|taken|swallowed|swallow|necked|downed)\s+(?:all|every\s+one)\s+(?:of\s+)?(?:my|the)\s+"
    r"(?:pills|tablets|meds|medication|paracetamol|sleeping\s+(?:pills|tablets))\b"
    r"(?!\s+(?:on\s+time|as\s+(?:prescribed|usual)|today|this\s+(?:morning|evening)|with|for\s+(?:the|once)"
    r"|like\s+(?:a|i|the)|before\s+(?:work|bed|shift)|at\s+\d|back|to|away|out|off|from|in(?:to)?)\b)",
    r"\b(?:i|i'?ve|i\s+have|i'?m|i\s+am|just)\s+(?:just\s+)?(?:overdosed|overdosing|od'?d|od'?ed)\b"
    r"(?!\s+on\s+(?:caffeine|coffee|tea|sugar|chocolate|cake|biscuits|sweets|carbs|energy|red\s+bull|netflix))",
    r"\b(?:took|taken|take|taking)\s+an?\s+overdose\b",
    r"\bhang(?:ing)?\s+my\s*self\b",
    r"\bjump(?:ing)?\s+(?:off|from)\s+(?:the\s+|a\s+|my\s+)?(?:bridge|roof|building|cliff|balcony|car\s*park"
    r"|multi[\s-]?stor(?:e)?y|tower|window|ledge|platform)\b",
    r"\b(?:jump|step|throw\s+myself|lie\s+down)\s+in\s+front\s+of\s+(?:a|the)\s+(?:train|bus|car|lorry|truck"
    r"|tube)\b",
    r"\bi'?ll\s+jump\b(?!\s+(?:in|on|at|to|into|the|through|over|out|up|back|right|straight|ahead|first"
    r"|for|off\s+the\s+bus|ship)\b)",
    r"\bi'?m\s+(?:\w+\s+)?(?:at|on)\s+the\s+edge\s+of\s+(?:the|a)\s+(?:platform|roof|bridge|cliff|building)\b",
    r"\b(?:pills|tablets|meds|blade|rope)\s+(?:are\s+|is\s+)?(?:in\s+front\s+of\s+me|lined\s+up\s+on)\b",
    r"\bi'?m\s+not\s+safe\b(?=\s*(?:[.!?,]|$|tonight|right\s+now|rn\b|on\s+my\s+own|alone|at\s+home"
    r"|with\s+myself|around\s+myself|from\s+myself))",
    r"\b(?:don'?t|dont|do\s+not)\s+feel\s+safe\s+(?:with|from|around)\s+myself\b",
    r"\bnot\s+safe\s+(?:with|from|around)\s+myself\b",
    r"\bi\s+should\s+(?:just\s+)?(?:die|be\s+dead|kill\s+my\s*self|end\s+it)\b",
    # A third probe of the running bot (120 new lines, 12 missed): heights without a death word,
    # an overdose by number, means named sideways, a crash wished for.
    r"\bstanding\s+(?:on|at)\s+(?:the|a)\s+(?:[\w-]+\s+){0,4}(?:roof|ledge|edge|bridge|cliffs?)\b"
    r"(?!\s+(?:terrace|garden|bar|cafe|deck|of\s+my\s+nose))",
    r"\bthrow\s+my\s*self\s+(?:off|from|out\s+of|under|in\s+front)\b(?![^.!?]{0,20}\b(?:trolley|duvet|sofa|bed|pile))",
    r"\b(?:risk\s+assessments?|safety\s+plans?|suicide\s+(?:risk|prevention|assessments?)|ligature\s+checks?)\b"
    r"[^.!?]{0,50}\b(?:planning|writing|making|doing|need)\s+my\s+own\b",
    r"\b(?:on|at)\s+(?:the|a)\s+(?:bridge|cliffs?|roof|ledge|viaduct)\b[^.!?]{0,40}\bbeen\s+(?:here|up\s+here|sat\s+here|sitting\s+here)\b",
    r"\b(?:drove|driven|went|walked|came)\s+(?:up\s+|out\s+)?to\s+(?:the|a)\s+(?:[\w-]+\s+){0,2}(?:cliffs?|bridge|viaduct"
    r"|tracks|railway(?:\s+line)?|train\s+line|level\s+crossing)\b[^.!?]{0,40}\b(?:just\s+)?(?:sitting|sat|stood|been\s+here"
    r"|on\s+my\s+own|alone|looking\s+down|can'?t\s+go\s+home)\b",
    r"\b(?:took|taken|swallowed|had|necked)\s+(?:\d{2,}|a\s+(?:load|bunch|handful|whole\s+(?:box|pack|packet|bottle)))"
    r"\s+(?:of\s+)?(?:my\s+)?(?:[\w-]+\s+)?(?:pills|tablets|meds|zopiclone|paracetamol|sertraline|quetiapine|lithium"
    r"|diazepam|codeine|co-?codamol|ibuprofen|sleeping\s+pills)\b",
    r"\bswallowed\s+(?:everything|all\s+of\s+(?:it|them)|the\s+lot|them\s+all|the\s+whole)\b",
    r"\bcarbon\s+monoxide\b[^.!?]{0,40}\b(?:thing|keeps|in\s+my\s+head|thinking|garage|hose)\b",
    r"\b(?:got|have|had)\s+(?:the|my)\s+(?:pills|tablets|meds|rope)\s+(?:sorted|ready|saved|stashed|hidden|counted)\b"
    r"(?!\s+for\s+the\s+(?:week|month|weekend|trip|holiday)|[^.!?]{0,25}\b(?:dosette|blister\s+pack|pharmacy))",
    r"\bif\s+i\s+(?:crashed|died|got\s+hit|didn'?t\s+make\s+it|didn'?t\s+wake\s+up|fell\s+asleep\s+at\s+the\s+wheel)\b"
    r"[^.!?]{0,40}\b(?:i'?d|id|i\s+would)\s+be\s+(?:ok|okay|fine|alright|relieved|happy)\b",
    r"\b(?:didn'?t|didnt|don'?t|dont|never)\s+come\s+back\b[^.!?]{0,30}\b(?:ever|at\s+all|for\s+good)\b",
    r"\b(?:don'?t|dont|do\s+not|can'?t|cannot)\s+trust\s+myself\s+(?:tonight|right\s+now|rn|alone|at\s+home"
    r"|on\s+my\s+own|around\s+(?:the|my)\s+(?:pills|tablets|meds|knives))\b",
    r"\bi'?m\s+(?:standing|sitting|stood|sat|up)\s+on\s+(?:the|a)\s+(?:roof|ledge|railing|bridge|parapet)\b",
    r"\bif\s+i\s+(?:don'?t|dont)\s+(?:show\s+up|make\s+it|turn\s+up|come\s+in)\s+tomorrow\b[^.!?]{0,25}"
    r"\b(?:that'?s\s+why|you'?ll\s+know|sorry)\b",
    # goodbyes
    r"\b(?:this\s+is\s+)?(?:my\s+)?last\s+(?:message|goodbye|time\s+writing)\b",
    # "my last night", not "last night" (yesterday evening: "slept badly last night" alarmed)
    r"\b(?:my|this\s+is\s+my|it'?s\s+my|tonight\s+is\s+my)\s+last\s+night\b(?!\s+(?:shift|on\s+(?:the\s+)?"
    r"(?:ward|nights|call|rota)|of\s+(?:the|my)\s+(?:holiday|week|rota|nights|leave|trip|course|placement)|in\s+the\s+"
    r"(?:flat|house|old)|here\s+before\s+(?:the\s+)?move))",
    r"\blast\s+night\s+(?:alive|on\s+earth|ever)\b|\blike\s+a\s+last\s+night\b",
    # What the broad "last night" used to catch by luck, said in its own words: self-harm
    # without "myself", an overdose "on purpose", goodbye notes, hoarded pills, urges acted on.
    r"(?:^|\bi\s+)cut\s+(?:last\s+night|again|yesterday|today|tonight|this\s+morning|anyway)\b",
    r"\bstood\s+on\s+(?:the|a)\s+(?:[\w-]+\s+){0,3}(?:bridge|roof|ledge|edge|cliffs?)\b(?!\s+(?:terrace|garden|bar))",
    r"\bthe\s+(?:marks|cuts|burns)\s+from\s+(?:last\s+night|yesterday|tonight|this\s+morning)\b",
    r"\b(?:bridge|roof|cliffs?|railway|tracks|platform|ledge)\b[^.!?]{0,60}\b(?:i'?m\s+going\s+back|i'?ll\s+go\s+back"
    r"|going\s+back\s+(?:tonight|there))\b(?!\s+(?:the|to|home|via|round|in|for|on|by|with)\b)",
    r"\bcut\s+my\s+(?:arms?|legs?|wrists?|thighs?|stomach|skin|forearms?)\b(?![^.!?]{0,20}\b(?:shaving|on\s+(?:the|a)|by\s+accident|accidentally))",
    r"\b(?:fresh|new)\s+(?:cuts|burns|marks|scars)\b|\bmade\s+the\s+cuts\b",
    r"\b(?:took|taken|swallowed)\s+(?:too\s+many|extra|more\s+than\s+i\s+should)\b[^.!?]{0,40}\b(?:on\s+purpose|deliberately)\b",
    r"(?:^|\bi\s+)overdosed\b(?!\s+on\s+(?:caffeine|coffee|tea|sugar|chocolate|cake|netflix))",
    r"\btook\s+(?:a|the)\s+(?:[\w-]+\s+)?(?:knife|blade|razor|scissors)\s+to\s+my\b",
    r"\bused\s+it\s+on\s+my\s+(?:arms?|legs?|thighs?|wrists?|skin|stomach)\b",
    r"\bdid\s+something\s+to\s+my\s+(?:arms?|legs?|wrists?|skin|body|thighs?)\b",
    r"\b(?:wrote|written|writing|left|scheduled|recorded)\s+(?:my\s+|a\s+|some\s+|the\s+)?goodbye\s+"
    r"(?:letters?|notes?|messages?|texts?|emails?|videos?|posts?)\b",
    r"\b(?:got|get|getting|took|taken)\s+(?:the|my|all\s+the)\s+(?:pills|tablets|meds|blades?|razors?|rope)\s+out\b"
    r"(?!\s+(?:of\s+the\s+(?:pharmacy|bag|fridge|car)|for\s+(?:the|my)\s+(?:week|round)))",
    r"\b(?:driving|drive|drove|steer(?:ing)?|swerv(?:e|ing))\s+(?:the\s+car\s+)?(?:into|off)\s+(?:a|the)\s+(?:wall|tree"
    r"|bridge|lorry|truck|barrier|river|oncoming)\b",
    r"\b(?:neck|swallow|take|down)\s+(?:the\s+)?(?:whole|entire|full)\s+(?:packet|pack|box|bottle|lot)\b"
    r"(?!\s+of\s+(?:chocolates?|biscuits|crisps|sweets|cake|pizza|wine|beer|food|popcorn|coffee))",
    r"\blooked\s+at\s+(?:the|my)\s+(?:banister|bannister|railing|beam|rope|ledge|balcony|pills|tablets|blades?)\s+"
    r"(?:the\s+same\s+way|differently|for\s+(?:a\s+long|ages))\b(?!\s+as\s+(?:always|usual|ever))",
    r"\b(?:pills|tablets|meds)\s+(?:saved|stockpiled|hoarded|stashed)\b",
    r"\bacted\s+on\s+(?:one|it|them|the\s+urges?)\b",
    r"\b(?:did|had)\s+a\s+(?:rehearsal|practice\s+run|dry\s+run)\b",
    r"\b(?:pulled|burn\w*|hit|punch\w*|scratch\w*|bit|hurt)\b[^.!?]{0,40}\b(?:on\s+purpose|deliberately)\b",
    r"\bpunched\s+(?:the|a)\s+(?:[\w-]+\s+)?walls?\b[^.!?]{0,30}\b(?:till|until)\s+(?:my|it\s+hurt)\b",
    r"\blife\s+insurance\b[^.!?]{0,40}\b(?:pays?\s+out|will\s+pay|kids\s+will\s+be)\b",
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
    # A fourth fresh probe's misses (round 7), each family beside its everyday twin in the tests.
    # Wanting to step in front of a train or bus (a wish word first: "nearly stepped in front of
    # a bus, wasn't looking" is an accident).
    r"\b(?:want|wanna|wanted|wanting|urges?|tempted|thinking|thought|imagine|imagining|could\s+just|keep\s+picturing)\b"
    r"[^.!?]{0,25}\b(?:step|stepping|walk|walking|jump|jumping|throw\s+my\s*self|lie\s+down)\s+(?:out\s+)?"
    r"in\s+front\s+of\s+(?:a|the|an)\s+(?:\S+\s+)?(?:train|bus|lorry|truck|tube|tram|\d{1,2}[.:]\d\d)\b",
    # Looking up a lethal amount ("how much amitriptyline is fatal").
    r"\bhow\s+(?:much|many)\b[^.!?]{0,40}\b(?:is|are|would\s+be)\s+(?:fatal|lethal|enough\s+to\s+(?:die|kill))\b",
    r"\b(?:lethal|fatal)\s+(?:dose|amount)\b",
    r"\b(?:dose|amount|how\s+many|how\s+much|which\s+(?:of\s+(?:the|my)\s+)?(?:[\w-]+\s+)?(?:meds|pills|tablets"
    r"|ones))\b[^.!?]{0,20}\b(?:is|are|would\s+be|'s)\s+enough\b"
    r"(?=\s*(?:$|[.,;!?]|and\s+i(?:'ve|\s+have)\s+(?:got\s+)?(?:it|them|that|enough)\b"
    r"|to\s+(?:die|kill|do\s+it|not\s+wake|end)))",
    # Medication taken home from the ward for oneself (two fresh writers, 2026-11-28, in both
    # languages): not returned, not a patient's, not for the pharmacy.
    r"\b(?:took|taken|taking|brought|sneaked|snuck|pocketed|nicked|stole|stolen|slipped)\b[^.!?]{0,30}"
    r"\b(?:meds|pills|tablets|medication|boxes|strips|packs)\b[^.!?]{0,15}\bhome\s+(?:from|off)\s+(?:the\s+)?"
    r"(?:ward|unit|clinic|work|drugs?\s+(?:trolley|cupboard))\b"
    r"(?![^.!?]{0,40}\b(?:by\s+mistake|accident|return|returned|back\s+to|pharmacy|disposal|for\s+(?:a|the|my)\s+patient))",
    # One's own eulogy, obituary or funeral, written or planned.
    r"\b(?:wrote|write|writing|written|drafted|drafting|planned|planning|plan|picked|picking|chose"
    r"|choosing)\b[^.!?]{0,20}\bmy\s+own\s+(?:eulogy|obituary|obit|funeral)\b",
    # Envying the dead: "i'd swap places with any of the patients who didn't make it".
    r"\b(?:swap|trade|switch|change)\s+places\s+with\b[^.!?]{0,40}\b(?:didn'?t\s+make\s+it|died|dead"
    r"|in\s+the\s+ground|in\s+(?:a|the)\s+(?:coffin|grave|morgue))\b",
)

# A present-tense anchor re-opens a sentence that looks like past or recovery. Strong anchors
# count anywhere in the sentence; the rest ("now", "today") only in the clause with the crisis
# words ("in 2014 i wanted to kill myself, now i work here" is recovery).
# Cues that tie a sentence to the writer, now, even amid training words ("module again" is not one).
EN_PRESENT_PERSONAL = any_of(
    r"\btonight\b",
    r"\bplanning\s+my\s+own\b",  # "doing risk assessments all day while planning my own"
    r"\bright\s+now\b",
    r"\bnot\s+(?:a\s+joke|joking|kidding)\b",
    r"\bi\s+mean\s+it\b",
    r"\ball\s+day\s+today\b",
    r"\b(?:up\s+)?(?:to|till|until)\s+now\b",
)

EN_PRESENT_STRONG = any_of(
    r"\bagain\b",
    r"\btonight\b",
    r"\bright\s+now\b",
    r"\brn\b",
    r"\bthis\s+(?:week|morning|evening|afternoon)\b",
    r"\bstill\b(?!\s+(?:here|alive|standing|around|rubbish))",
    r"\bnot\s+a\s+joke\b",
    r"\bnot\s+(?:joking|kidding)\b",
    r"\bi\s+mean\s+it\b",
    r"\bbut\s+(?:actually|seriously|for\s+real)\b|\bactually\s+(?:tho|though)\b|\bfor\s+real\b",
    r"\bnot\s+even\s+(?:joking|kidding)\b|\blike\s+ever\b",
    r"\b(?:every|each)\s+(?:day|night)\s+(?:now|lately|this)\b",
    r"\blately\b",
    r"\b(?:is|are|'s|came|come|comes|coming)\s+back\b(?!\s+(?:in\s+(?:19|20)\d\d|when|then|after|for))|\bback\s+(?:to|again)\b(?!\s+(?:work|the\s+ward))",
)
EN_SERIOUS = any_of(
    r"\bnot\s+(?:even\s+)?(?:a\s+joke|joking|kidding|exaggerating)\b",
    r"\bbut\s+(?:actually|seriously|for\s+real)\b|\bactually\s+(?:tho|though)\b|\bfor\s+real\b|\bfr\b",
    r"\blike\s+ever\b|\bnot\s+even\s+joking\b",
    r"\bi\s+mean\s+it\b",
    r"\bseriously\b",
)
EN_PRESENT = any_of(
    r"\bagain\b",
    r"\btonight\b",
    r"\bright\s+now\b",
    r"\bnow\b(?!\s+(?:work|works|working|run|runs|help|helps|support|supports|teach|teaches|train"
    r"|trains|volunteer|volunteers|lead|leads|sit|sits|facilitate|facilitates)\b)",
    r"\btoday\b",
    r"\bthis\s+(?:week|time)\b",
    r"\bstill\b",
    r"(?<!looking\s)\bback\b(?!\s+(?:in\s+(?:19|20)\d\d|then|in\s+my|when))",
    r"\bnot\s+a\s+joke\b",
    r"\bnot\s+(?:joking|kidding)\b",
    r"\bi\s+mean\s+it\b",
)

EN_REPORTED = any_of(
    r"\b(?:he|she|they|pt|patient|client|service\s+user|resident|his|her|their|him|staff|mum|dad"
    r"|sister|brother|family|wife|husband)\b[^.!?]{0,40}"
    r"\b(?:said|says|told|tells|reports?|reported|disclosed|admitted|mentioned|keeps|kept|wants|"
    r"wanted|tried|attempted|history|thinking|thoughts|wrote|writing|talks?|talked|asked|asks|"
    r"feels|found|noticed|saying|self[\s-]?harmed|stockpiling|hiding)\b",
    # a named person reporting: "Des said", "Tyler asked me", "Sione's mum said"
    r"(?-i:\b(?!I\b|The\b|My\b|This\b|It\b|Just\b|Today\b|Tonight\b|And\b|But\b|So\b|We\b)"
    r"[A-Z][a-z]*)(?:'s\s+\w+)?\s+(?:said|says|told|tells|asked|asks|keeps|kept|wrote|talked)\b",
    r"\basked\s+(?:me\s+)?(?:if|whether)\b",
    # Paperwork speaking of someone: "the referral said he's actively suicidal".
    r"\b(?:referral|notes|handover|file|chart|letter|report|summary|gp)\s+(?:said|says|stated|states"
    r"|mentions?|mentioned|described|describes|flagged)\b",
    r"\b(?:he|she|they)(?:'s|'re|\s+is|\s+are|\s+was|\s+were)\s+(?:\w+\s+)?suicidal\b",
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
    r"\b(?:pt|patient|client)\b|\bbed\s+\d+\b",
    r"\b(?:actor|facilitator|trainer|student|colleague|nurse|doctor|consultant|psychiatrist|therapist"
    r"|supervisor)\s+(?:said|says|told|played|read)\b",
    r"\"[^\"]*\"|“[^”]*”",
)

# The writer's own wish beside someone else's words: "her story made me want to die too", "he said
# he wants to die and honestly so do i", "she told me her plan and i have one too". Someone else
# in the sentence never excuses these (a safety check of the offline chat found them excused).
EN_OWN_WISH = any_of(
    r"(?<!\bif\s)(?<!\bwhether\s)\b(?:i|me)\s+(?:\w+\s+){0,2}?(?:want|wanna|need)\s+(?:to\s+)?"
    r"(?:die|be\s+dead|end\s+it|end\s+my\s+life|kill\s+my\s*self|not\s+exist|disappear|cut|hurt\s+my\s*self)\b",
    # "both of us want to die, she said it and i didn't": the writer is in "both" (not "we all",
    # which is a team wanting a meeting to end).
    r"\b(?:we\s+both|both\s+of\s+us|the\s+two\s+of\s+us)\s+(?:\w+\s+){0,2}?(?:want|wanna|wish)\s+"
    r"(?:to\s+)?(?:die|be\s+dead|kill\s+ourselves|not\s+exist)\b",
)
EN_ME_TOO = any_of(
    r"\b(?:so\s+do\s+i|so\s+am\s+i|so\s+have\s+i|same\s+(?:here|for\s+me)|me\s+too|i\s+do\s+too"
    r"|i\s+(?:have|'ve\s+got|got)\s+(?:one|them|those|it)\s+too|i\s+want\s+(?:to|that)\s+too|i\s+feel\s+(?:exactly\s+)?the\s+same"
    r"|i\s+feel\s+(?:it|that)\s+(?:way\s+)?too|i'?ve\s+been\s+thinking\s+the\s+same|i\s+relate\s+to"
    r"|i\s+(?:don'?t|dont)\s+either|neither\s+do\s+i|nor\s+do\s+i"
    r"|mine\s+(?:have\s+been\s+|are\s+|keep\s+)?saying\s+the\s+same|i'?m\s+starting\s+to\s+listen"
    r"|(?:it|that|this)\s+gave\s+me\s+ideas(?!\s+(?:for|about\s+(?:the|a)\s+(?:group|session|rota))))\b",
    # "her plan sounded a lot like mine" (not "his brother died by suicide, like mine": grief)
    r"\bplan\b[^.!?]{0,30}\blike\s+mine\b",
    # "…talked about ending it and honestly same" (not "same old", "same shift")
    r"\b(?:and|honestly|tbh|lowkey|ngl|yeah|yea|like)\s+same\b(?!\s+(?:old|as|thing|time|day|shift|story|again|ward|team))",
    # "she said she wants to die. same." and "…i nodded because for me it's true": a sentence of
    # agreement after someone else's crisis words (answers to "what's the same…" showed them).
    r"^\W*(?:(?:yeah|yea|honestly|tbh|ngl|lol)\s+)?same\W*$",
    r"\bfor\s+me\s+(?:it'?s|its|it\s+is)\s+true\b|\b(?:it'?s|its|it\s+is)\s+true\s+for\s+me\b",
)
EN_OTHERS_CRISIS = any_of(
    r"\b(?:(?:his|her|their|a)\s+plan|die|dying|be\s+dead|suicid\w*|end(?:ing)?\s+it|overdose|cutting"
    r"|end\s+(?:his|her|their)\s+life|(?:kill|cut|hurt|harm)(?:ing|s)?\s+(?:him|her|them)sel(?:f|ves)"
    r"|self[\s-]?harm\w*|not\s+(?:be\s+)?here\s+any\s*more|not\s+wake\s+up|(?:sees?|see)\s+no\s+future"
    r"|(?:pills|tablets)\s+(?:she|he|they)\s+took|to\s+jump"
    r"|no\s+way\s+out"
    r"|(?:family|kids|everyone|everybody|they)\s+(?:would\s+be|'d\s+be|are)\s+better\s+off\s+without\s+(?:him|her|them))\b",
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

EN_FIGURATIVE = any_of(
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
EN_IDIOM = any_of(
    r"\b(?:die|dying|dead)\s+מ[\u05d0-\u05ea]",  # in mixed Hebrew: "want to die מהחום" (of the heat)
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
    r"(?:job|rota|shifts?|ward|role|team|band|contract|relationship|course|career|placement|ex|boyfriend"
    r"|girlfriend|partner|husband|wife)\b)",
    r"\b(?:system|computer|printer|rota|commute|wifi|meeting|paperwork|notes)\s+(?:makes?|made)\s+me\s+want\s+to\s+die\b",
)
# Jokes: excused unless the clause with the crisis words is anchored in the present.
EN_JOKE = any_of(
    r"\b(?:lol|lmao|haha+|jk|istg|obv(?:iously)?|exaggerat\w*)\b|😂|🤣|חחח*",  # Hebrew "haha" too
    r"\bone\s+more\s+time\b",
    r"\bif\s+(?:\w+\s+){0,5}one\s+more\b",  # "…jump off a bridge if one more person asks me"
    r"\bone\s+more\s+\w+\s+and\s+i'?m\b",  # "one more meeting and i'm going to top myself"
    r"\(at\s+work\)",
)

# Chat shorthand read as the words it stands for, so that the same excuses apply: "kms" is "kill
# myself" (the train split has it as a joke, "kms this shift lol", and meant, "i wanna kms fr…
# actually"; the lexicon did not know it, and a build of the model missed "kms. for real this time").
EN_SHORTHAND = (
    (re.compile(r"\bkms\b", _FLAGS), "kill myself"),
    # Words people use to get past filters on social media, and a common misspelling.
    (re.compile(r"\bunaliv(?:e|ing)\s+my\s*self\b", _FLAGS), "kill myself"),
    (re.compile(r"\bunalive\b", _FLAGS), "die"),
    (re.compile(r"\bsewer\s*slide\b|\bsu[i1]c[i1]de\b", _FLAGS), "suicide"),
    (re.compile(r"\bkil\s+my\s*self\b", _FLAGS), "kill myself"),
    (re.compile(r"\bsuicid(?:le|el)\b|\bsuicdal\b|\bsucidal\b", _FLAGS), "suicidal"),
    (re.compile(r"\byeet(?:ing)?\s+my\s*self\b", _FLAGS), "throw myself"),
    # A fresh probe's misses: British slang, shorthand, typos of tired thumbs.
    (re.compile(r"\btop(?:ping)?\s+my\s*self\b(?!\s+up)", _FLAGS), "kill myself"),
    (re.compile(r"\bsui\s+(?=thoughts|ideation|feelings|urges|attempt)", _FLAGS), "suicidal "),
    (re.compile(r"\bpils\b", _FLAGS), "pills"),
    (re.compile(r"\bagian\b", _FLAGS), "again"),
)


def _spelled_out(sentence: str) -> str:
    for shorthand, words in EN_SHORTHAND:
        sentence = shorthand.sub(words, sentence)
    return sentence


EN_TRAINING = any_of(
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

EN_PAST = any_of(
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
    r"\blast\s+time\s+i\b|\bback\s+when\b|\bi\s+was\s+\d{1,2}\b",
    r"\bonce\s+(?:thought|believed|wanted|tried|was|were|had|felt|gave|wrote|stood|sat|walked|drove|cut)\b",
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
    r"\b(?:stopped|helped\s+me\s+stop)\s+(?:self[\s-]?harm\w*|hurting|cutting)",
    r"\bi'?ve\s+been\s+where\b",
    r"\bi\s+was\b[^.!?]{0,60}\bfor\s+(?:a\s+long\s+time|years)\b",
    r"\bwas\s+part\s+of\s+my\s+life\b",
    r"\bi\s+remember\b|\bremembered\b",
)
# Telling one's own story to patients, a group, supervision: with a past frame, "today" or "now"
# ("i told the group today") belongs to the telling, not to the crisis.
EN_SHARING = any_of(
    r"\b(?:told|tell|telling|shared?|sharing|talked?\s+about|talk\s+about|mention|read\s+it\s+out"
    r"|remember(?:ed)?)\b",
)


# Unambiguous crisis words. Everything else in EN_CRISIS ("i want out", "can't see a way
# forward", "the date's set", "thank you all for everything") is only an alarm when the sentence
# is not plainly about work or everyday life.
EN_STRONG = any_of(
    r"\b(?:die|dying|dead|death|suicid\w*|overdose|od)\b",
    r"\bkill(?:ing)?\s+my\s*self\b",
    r"\b(?:end(?:ing)?|take|taking)\s+my\s+(?:own\s+)?life\b",
    r"\bend(?:ing)?\s+it(?:\s+all)?\b(?![^.!?]{0,15}\b(?:job|relationship|contract|shift))",
    r"\b(?:be\s+alive|being\s+alive|not\s+exist|stop\s+existing|never\s+wake)\b",
    r"\b(?:cut|cutting|burn\w*|hurt(?:ing)?|harm\w*|hit(?:ting)?|punish\w*)\s+my\s*self\b",
    r"\bself[\s-]?harm\w*\b",
    r"\b(?:pills|tablets|meds)\b",
    r"\b(?:my\s+will|a\s+note)\b",
    r"\b(?:overdos\w*|od'?d|od'?ed|hang(?:ing)?\s+my\s*self|jump\w*|not\s+safe)\b",
    r"\b(?:don'?t|dont|do\s+not|can'?t|cannot)\s+trust\s+myself\b",  # not the NHS trust
    r"\bcome\s+back\b[^.!?]{0,30}\b(?:ever|for\s+good(?!\s+[a-z]))\b|\bthrow\s+my\s*self\b",
    r"\blife\s+insurance\b[^.!?]{0,40}\b(?:pays?\s+out|will\s+pay|kids\s+will\s+be)\b",
    r"\bstanding\s+(?:on|at)\s+(?:the|a)\s+(?:[\w-]+\s+){0,4}(?:roof|ledge|edge|cliffs?)\b"
    r"(?!\s+(?:terrace|garden|bar|cafe|deck))",
    r"\bif\s+you'?re\s+reading\s+this\b[^.!?]{0,60}\b(?:sorry|love\s+you|goodbye|forgive\s+me)\b",
    r"\b(?:fatal|lethal)\b|\bmy\s+own\s+(?:eulogy|obituary|obit|funeral)\b|\bdose\b[^.!?]{0,20}\benough\b",
    r"\bin\s+front\s+of\s+(?:a|the|an)\s+(?:\S+\s+)?(?:train|bus|lorry|truck|tube|tram)\b",
)
EN_ORDINARY = any_of(
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


# Recovery told as recovery: excused even with "today" in the sentence ("I'm glad I stayed").
EN_RECOVERED = any_of(
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
EN_RELAPSE = any_of(r"\b(?:again|tonight|relapsed)\b")

# Crisis words said of someone else, and only of them: "a colleague told me she has been
# self-harming", "when patients disclose suicidal thoughts". Only the words inside such a phrase
# are excused, not the sentence: "she has been self-harming and i'm cutting again tonight" and
# "working with patients all day and i'm having suicidal thoughts again" still alarm.
EN_SAID_OF_OTHERS = any_of(
    r"\b(?:he|she|they|(?:colleague|co-?worker|friend|flatmate)s?)(?:'s|'re|\s+(?:has|have|had|is"
    r"|are|was|were))\s+(?:been\s+)?self[\s-]?harm\w*",
    r"\b(?:patients|clients|service\s+users|residents)\s+(?:who\s+)?(?:disclose|report|share"
    r"|voice|describe|mention|express|have|talk\s+about)\s+(?:their\s+)?(?:suicidal|self[\s-]?harm\w*"
    r"|thoughts\s+of\s+(?:suicide|dying|self[\s-]?harm\w*))",
)
# An anniversary of not harming ("8 years without self harm. proud of me"): those words are
# recovery, unless a relapse follows ("4 yrs without hurting myself, and then tuesday").
EN_ANNIVERSARY = any_of(
    r"\b(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:yrs?|years?|months?|weeks?"
    r"|days?)\s+without\s+(?:self[\s-]?harm\w*|cutting|hurting\s+myself|an?\s+attempt)\b",
)
# Besides ``EN_RELAPSE``: what follows an anniversary and breaks it.
EN_ANNIVERSARY_BROKEN = any_of(
    r"\band\s+then\b",
    r"\buntil\s+(?:last\s+night|yesterday|today|this\s+(?:morning|week))\b",
)


# The writer taking those words for their own: "…suicidal thoughts get a bed, i have them every
# night".
EN_MINE_AS_WELL = any_of(
    r"\bi\s+(?:have|get|'?ve\s+got|got|feel|am\s+having|'?m\s+having|had)\s+(?:them|those|it|that|one)\b"
)


def _not_the_writers(sentence: str) -> list[tuple[int, int]]:
    """Spans of the sentence whose crisis words are someone else's, or the writer's past."""
    spans = []
    if not EN_MINE_AS_WELL.search(sentence):
        spans += [match.span() for match in EN_SAID_OF_OTHERS.finditer(sentence)]
    if not (EN_RELAPSE.search(sentence) or EN_ANNIVERSARY_BROKEN.search(sentence)):
        spans += [match.span() for match in EN_ANNIVERSARY.finditer(sentence)]
    return spans


# An everyday reason for goodbye words ("wrote letters to mum because I'm off to the mines").
EN_EVERYDAY = any_of(
    r"\bbecause\s+(?:we|i'?m|i\s+am|i'?ll\s+be|they)\b",
    r"\bfor\s+whoever\s+covers\b",
    r"\bwhile\s+i'?m\b",
    r"\bpart\s+of\s+my\s+\w+\s+step\b",
    r"\bsolicitor\b",
)
EN_DEATH = any_of(
    r"\b(?:die|dying|dead|death|suicid\w*|kill\w*|self[\s-]?harm\w*|pills|tablets|hurt\w*|cut\w*)\b"
)


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
    if EN_REPORTED.search(sentence) and not _own_wish(sentence):
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
    r"\b(?:(?:again|back)\s+(?:now|lately|tonight|this\s+week)\b|(?:is|are|'s)\s+back\b)"
    # "…i overdosed. now i want to do it again"
    r"|\b(?:want|wanna|going|gonna|tempted|planning|need)\s+(?:to\s+)?do\s+(?:it|that)\s+again\b",
    _FLAGS,
)
EN_DENIED = re.compile(r"\b(?:hasn'?t|haven'?t|never|not|didn'?t|wouldn'?t)\b", _FLAGS)


EN_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|i'?ve|i'?d|i'?ll|me|my|myself)\b", _FLAGS)


def _clause(sentence: str, start: int, end: int) -> str:
    """The comma-separated part of the sentence that holds the match."""
    left, right = clause_span(sentence, start, end)
    return sentence[left:right].strip()


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Words that put what follows in someone's mouth: "kept saying i want to die" is theirs.
EN_REPORTING = any_of(
    r"\b(?:said|saying|says|say|wrote|writes|writing|told|tells|telling|asked|asks|asking|screamed"
    r"|shouted|yelled|repeat\w*|whispered|texted|messaged|disclosed|goes|went)\b",
)
EN_QUOTED = re.compile(r"\"[^\"]*\"|“[^”]*”|(?:^|(?<=[\s:(]))['‘][^'‘’]{2,80}['’]", _FLAGS)


def _own_wish(sentence: str) -> bool:
    """A wish to die in the writer's own words, in a sentence that also speaks of someone else:
    not quoted, and not after a word that reports speech."""
    unquoted = EN_QUOTED.sub(" ", sentence)
    match = EN_OWN_WISH.search(unquoted)
    return match is not None and not EN_REPORTING.search(unquoted[: match.start()])


def _me_too(sentence: str, previous: str) -> bool:
    """The writer taking someone else's crisis words as their own: "he said he wants to die and
    honestly so do i", or "so do i" after such a sentence. Not a figure of speech, not the past."""
    if not EN_ME_TOO.search(sentence):
        return False
    if not EN_OTHERS_CRISIS.search(f"{previous} {sentence}"):
        return False
    if EN_IDIOM.search(sentence) or EN_FIGURATIVE.search(sentence):
        return False
    return not EN_PAST.search(sentence) or bool(EN_PRESENT_STRONG.search(sentence))


class CrisisDetector:
    """Checks every free text a person sends. Cheap enough to run inline on every message."""

    def check(self, text: str) -> CrisisResult:
        parts = sentences(text)
        past_story = False  # an English crisis sentence excused as the writer's past
        for index, sentence in enumerate(parts):
            previous = parts[index - 1] if index > 0 else ""
            if is_hebrew(sentence):
                following = parts[index + 1] if index + 1 < len(parts) else ""
                if he_alarm(sentence, previous, following):
                    return CrisisResult(True, sentence)
                if not _LATIN_WORD.search(sentence):
                    continue
                # Mixed Hebrew and English ("אחרי המשמרת i want to die"): English words get the
                # English check too.
            said = sentence  # the writer's words, for the evidence
            sentence = _spelled_out(sentence)
            if _me_too(sentence, _spelled_out(previous)):
                return CrisisResult(True, said)
            if (
                past_story
                and EN_PRESENT_STRONG.search(sentence)
                and EN_BACK_NOW.search(sentence)
                and not EN_DENIED.search(sentence)
            ):
                return CrisisResult(True, said)
            not_the_writers = _not_the_writers(sentence)
            for match in EN_CRISIS.finditer(sentence):
                if any(
                    start <= match.start() and match.end() <= end for start, end in not_the_writers
                ):
                    continue
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
                return CrisisResult(True, said)
        return CrisisResult(False, None)
