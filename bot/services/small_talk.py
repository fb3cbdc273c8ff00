"""Short everyday messages that are not notes: a greeting, thanks, a good night, and questions
about Kindred itself ("how do I delete an entry?", "can my lead see this?").

Outside a flow each gets a short answer of its own instead of "save that in your journal?"
(a walkthrough found "hi", "thanks" and "good night" answered only with that question, piling
up as "save these 4 messages?"). A question about Kindred's own features is also not taken as
crisis language on the model's word alone: the model has never seen one and alarmed on "how do
I delete an entry?", "can I change the time?" and "where are my entries?". The crisis lexicon
is still asked (see ``conversation.safety_check``).

Matching is deliberately narrow: the whole message must be one of these short forms, so
"how do I delete everything?" or "good night forever" is none of them.
"""

from __future__ import annotations

import re
from enum import StrEnum


class SmallTalk(StrEnum):
    GREETING = "greeting"
    THANKS = "thanks"
    ACK = "ack"
    GOODNIGHT = "goodnight"
    GOODBYE = "goodbye"
    ABOUT = "about"  # what can you do, how does this work
    PRIVACY = "privacy"
    ENTRIES = "entries"
    DELETE_ACCOUNT = "delete"
    SETTINGS = "settings"
    PAUSE = "pause"
    EXPORT = "export"
    CHECKIN = "checkin"
    REFLECT = "reflect"
    JOURNAL = "journal"
    TRENDS = "trends"
    SUPERVISION = "supervision"
    TALK_TO_SOMEONE = "helplines"
    LEAVE = "leave"  # leave the programme (not the bot, not life: only with those words)


# Questions about Kindred's features: a crisis alarm from the model alone is set aside for
# these. Not farewells ("goodbye" alone may be one) and not asking for a person to talk to
# (the crisis reply, which has the helplines, is a fine answer to that).
QUESTIONS_ABOUT_KINDRED = frozenset(
    {
        SmallTalk.ABOUT,
        SmallTalk.PRIVACY,
        SmallTalk.ENTRIES,
        SmallTalk.DELETE_ACCOUNT,
        SmallTalk.SETTINGS,
        SmallTalk.PAUSE,
        SmallTalk.EXPORT,
        SmallTalk.CHECKIN,
        SmallTalk.REFLECT,
        SmallTalk.JOURNAL,
        SmallTalk.TRENDS,
        SmallTalk.SUPERVISION,
        SmallTalk.LEAVE,
    }
)

_MAX_WORDS = 14

# A polite or searching opening before the feature itself: "how do I", "can I", "איך".
_EN_ASK = (
    r"(?:(?:hi|hey|hello|sorry|quick question|please|so|um+|and)[, ]+)*"
    r"(?:(?:how|where|when) (?:do|can|could|would|should|will) (?:i|you|we)|how to|"
    r"can i|could i|may i|do i|is (?:there|it possible) (?:a way )?to|is there a way i can|"
    r"i(?: want| need| would like|'d like| wanna) to|"
    r"(?:can|could|will) you|please|where(?: are| is|'s)|show me|help me)? ?"
)
_EN_POSSESSIVE = (
    r"(?:(?:an?|the|this|that|my|one|some|old|older|past|previous|last|yesterday's|today's|"
    r"saved|last week's|last month's|all(?: of)?(?: my)?) )*"
)

# A length of time after "pause check-ins": never an open phrase ("for good" is a goodbye).
_EN_DURATION = (
    r"(?: (?:for|during|over) (?:a|an|one|two|three|four|\d{1,2}|a few|a couple of|the)? ?"
    r"(?:day|days|week|weeks|month|while|weekend|holiday|holidays|vacation|break|leave))?"
    r"(?:,? (?:i'm |i am )?(?:going )?(?:on|away on) (?:holiday|vacation|leave))?"
)

_EN_TOPICS: tuple[tuple[SmallTalk, str], ...] = (
    (
        SmallTalk.DELETE_ACCOUNT,
        r"(?:delete|remove|erase|close|cancel|wipe) (?:my |the )?(?:account|profile|data|"
        r"personal data|all my data|kindred account|information)(?: (?:here|from kindred))?",
    ),
    (
        SmallTalk.ENTRIES,
        r"(?:delete|remove|erase|edit|change|find|see|read|look at|open|get to|view|go back to|"
        r"reread|re-read|scroll through|go through|browse) "
        + _EN_POSSESSIVE
        + r"(?:journal |diary )?(?:entry|entries|note|notes|journal|diary|journal entries|"
        r"reflections?|past reflections)(?: i (?:wrote|saved|made))?",
    ),
    (
        SmallTalk.SETTINGS,
        r"(?:change|set|move|edit|update|switch|adjust|fix|reset) "
        r"(?:(?:the|my|a) )?(?:check-?in |reminder |daily |shift )?"
        r"(?:time|times|hour|reminders?|schedule|days|work days|working days|shifts?|"
        r"shift times?|time ?zone|quiet hours|language|settings|check-?in time)"
        r"(?: of (?:the |my )?check-?ins?)?"
        r"(?: to (?:\d{1,2}(?::\d{2})?(?: ?[ap]m)?|english|hebrew|the evening|the morning))?",
    ),
    (
        SmallTalk.PAUSE,
        r"(?:pause|stop|turn off|mute|silence|snooze|disable|skip|switch off|get fewer|"
        r"take a break from)(?: (?:sending|giving|asking) me)? (?:(?:the|my|all|all the|daily|"
        r"these|your) )*"
        r"(?:check-?ins?|check ins?|reminders?|messages|notifications|questions|daily questions)"
        + _EN_DURATION,
    ),
    (
        # Said to the bot about its own messages (each alarmed the model in a walkthrough): the
        # messages are named, so "i don't want to be here any more" is never one of these.
        SmallTalk.PAUSE,
        r"(?:no (?:more )?(?:check-?ins?|check ins|reminders|notifications)(?: please)?|"
        r"(?:i )?(?:don't|do not|dont) (?:want|need) (?:any )?(?:more )?(?:the |your |daily )?"
        r"(?:check-?ins?|check ins|reminders|notifications)(?: any ?more| from you| please)*|"
        r"(?:don't|do not|dont|stop) (?:send|sending) me (?:any )?(?:more )?(?:check-?ins?|"
        r"check ins|reminders|notifications|messages)(?: any ?more| please)*|"
        r"(?:please )?stop (?:messaging|texting|pinging) me(?: please)?|"
        r"(?:please,? )?no (?:more )?(?:check-?ins?|check ins|reminders)(?: please)?|"
        r"only (?:check in )?when i ask(?: please)?|"
        r"i(?:'ll| will) check in (?:myself|when i want))",
    ),
    (
        SmallTalk.LEAVE,
        r"(?:leave|quit|exit|get out of|drop out of|withdraw from|opt out of|be taken out of|"
        r"stop taking part in|stop being (?:part of|in)|stop leading|unsubscribe from) "
        r"(?:the|my|this|our) (?:programme|program|peer programme|peer program)|"
        r"(?:i )?(?:don't|do not|dont) want to be (?:part of|in) (?:the|this|my) "
        r"(?:programme|program)(?: any ?more)?|"
        r"remove me from (?:the|this|my) (?:programme|program)",
    ),
    (
        SmallTalk.PAUSE,
        r"(?:turn|switch) (?:the |my )?check-?ins? back on|"
        r"(?:resume|restart|unpause) (?:the |my )?check-?ins?"
        r"(?: after (?:a |the )?(?:pause|break))?",
    ),
    (
        SmallTalk.EXPORT,
        r"(?:export|download|back ?up|print|email|e-mail|keep a copy of|get a copy of|"
        r"save a copy of|take out) (?:(?:a copy of|all|all of|the|my) )*"
        r"(?:journal|entries|data|notes|diary|journal entries)|"
        r"get (?:(?:all|all of|the|my) )*(?:journal|entries|data|notes|diary) out",
    ),
    (
        SmallTalk.CHECKIN,
        r"(?:do|start|make|begin|answer|restart) (?:(?:an?|my|the|today's) )?check-?in(?: now)?",
    ),
    (
        SmallTalk.REFLECT,
        r"(?:(?:do|start|make|begin|try) (?:(?:an?|my|the) )?(?:self-compassion )?reflection|"
        r"reflect)(?: now)?",
    ),
    (
        SmallTalk.JOURNAL,
        r"(?:write|add|make|start|keep) (?:(?:an?|my|the|in|in my|in the|to my) )*"
        r"(?:journal|journal entry|entry|note|diary|diary entry)",
    ),
    (
        SmallTalk.TRENDS,
        r"(?:see|view|check|get|look at|find) (?:(?:my|the|how) )*(?:trends?|mood|mood chart|"
        r"chart|graph|progress|stats|statistics|ratings|mood over time)",
    ),
    (
        SmallTalk.SUPERVISION,
        r"(?:(?:mark|flag|save|keep|pick) (?:(?:an?|this|my|the|some) )*"
        r"(?:entry|entries|reflection|reflections|note|notes) for supervision|"
        r"(?:prepare|get ready) for supervision|bring (?:(?:an?|this|my|the|some) )*"
        r"(?:this|it|entry|entries|reflection|reflections|note|notes|journal) to supervision|"
        r"(?:use|use kindred|use this) (?:for|in) supervision)",
    ),
    (
        SmallTalk.TALK_TO_SOMEONE,
        r"(?:talk|speak|chat) (?:to|with) (?:someone|somebody|a person|a human|a real person|"
        r"a counsell?or|a therapist|someone real)(?: now)?|(?:get|find) (?:help|support)(?: now)?|"
        r"(?:find|get|see|call) (?:(?:a|the) )?helplines?(?: numbers?)?|"
        r"(?:the )?helplines?(?: numbers?)?|"
        r"(?:what'?s |what is )?the (?:number|phone number) (?:for|of) (?:eran|the helpline|"
        r"a helpline|the crisis line|samaritans)(?: again)?|who can i (?:talk|speak) to(?: now)?|"
        # Asking for help: the helplines, never "save that in your journal?" (a safety review).
        r"(?:i )?(?:really )?need (?:some )?help(?: now| please| right now)*|"
        r"(?:please )?help me(?: please| now)*|please help|can (?:someone|somebody) help(?: me)?",
    ),
)

_EN_WHOLE: tuple[tuple[SmallTalk, str], ...] = (
    (
        SmallTalk.GREETING,
        r"(?:hi|hello|hey|hiya|heya|hey hey|hi hi|yo|howdy|morning|evening|"
        r"good (?:morning|afternoon|evening))(?: (?:there|again|kindred|you))*",
    ),
    (
        SmallTalk.THANKS,
        r"(?:(?:ok|okay|oh|aw|aww) )?(?:thanks|thank you|thank u|thanx|thx|ty|tysm|cheers|ta|"
        r"many thanks|much appreciated|appreciate it)"
        r"(?: (?:so|very) much| a lot| again| kindred| you)*"
        r"(?: for (?:that|this|today|listening|the reminder|checking in|asking))?",
    ),
    (
        SmallTalk.ACK,
        r"(?:ok|okay|k|kk|okey|okie|cool|great|got it|gotcha|alright|all right|sure|noted|"
        r"will do|sounds good|ok cool|ok great|perfect|understood|👍|👌|🙏)",
    ),
    (
        SmallTalk.GOODNIGHT,
        r"(?:(?:ok|okay|right) )?(?:good ?night|night|night night|nighty night|gn|nite|"
        r"sleep well|off to (?:bed|sleep)|going to (?:bed|sleep)|time for bed|bedtime)"
        r"(?: (?:kindred|then|now|for now))*",
    ),
    (
        SmallTalk.GOODBYE,
        r"(?:(?:ok|okay|right) )?(?:bye|bye bye|goodbye|see you|see ya|see you tomorrow|"
        r"see you later|later|ttyl|talk tomorrow|talk later|cya|take care)"
        r"(?: (?:kindred|then|now|for now))*",
    ),
    (
        SmallTalk.ENTRIES,
        r"(?:where|how)(?: are| is|'s| do i find| can i find| can i see| do i see) "
        r"(?:my |the |all my |last (?:week|month)'s )?"
        r"(?:journal|entries|notes|diary|journal entries|saved (?:messages|notes|entries)|"
        r"old entries|past entries|past reflections|reflections)|"
        r"show me (?:my |the |all my )?(?:journal|entries|notes|diary|journal entries)",
    ),
    (
        SmallTalk.ABOUT,
        r"(?:what can you do|what do you do|what can i do here|what are you|who are you|"
        r"what is this|what's this|what is kindred|how does (?:this|it|kindred) work|"
        r"how do you work|how do i use (?:this|you|kindred|the bot)|what should i do here|"
        r"what now|help|menu|commands|what are the commands|what are your commands|options|"
        r"what can i ask you|how can you help(?: me)?)",
    ),
    (
        SmallTalk.PRIVACY,
        r"(?:is (?:this|it|my journal|what i write|my data|this chat|kindred) "
        r"(?:really )?(?:private|safe|secure|encrypted|confidential|anonymous)|"
        r"who (?:can|will|else can|else will) (?:see|read) (?:this|it|my (?:journal|entries|notes|"
        r"messages|data)|what i write)|"
        r"(?:can|will|does|do) (?:my|the|our) (?:lead|leads|manager|supervisor|boss|team lead|"
        r"programme lead|program lead|coordinator|employer|hospital|workplace|team) "
        r"(?:see|read|get|know) (?:this|it|my (?:journal|entries|notes|messages|data|answers)|"
        r"what i write|what i say)(?: here| in here| on here| in this chat| in kindred)?|"
        r"(?:do|will) you (?:store|keep|save|share|read) (?:my (?:messages|journal|data|entries|"
        r"notes)|what i write|this|anything)|"
        r"(?:where|how) (?:is|are) my (?:data|journal|entries|messages) (?:stored|kept|saved)|"
        r"are you (?:private|safe|encrypted|secure)|"
        r"who (?:can|else can|will|else will) see what i (?:write|say)(?: here)?|"
        r"who (?:reads|sees|can read|can see) (?:my (?:journal|entries|notes|messages|reflections)|"
        r"this)|"
        r"(?:can|will|does|do) (?:my|the) (?:lead|manager|supervisor|boss|team lead|coordinator) "
        r"(?:see|read|access) (?:this|my (?:reflections|journal|entries|notes|messages))|"
        r"what can (?:my|the) (?:lead|leads|manager|supervisor|programme lead|program lead) "
        r"see(?: exactly)?|"
        r"what do you do with my (?:data|messages|journal|entries)|"
        r"(?:do|will) (?:u|you) (?:store|keep|save|share) my (?:messages|data|journal)|"
        r"is (?:anything|my journal|my data|this) shared with (?:the hospital|my team|my lead|"
        r"my manager|my employer|anyone)|"
        r"is (?:the|my) journal private(?: from (?:my )?(?:colleagues|team|lead|manager))?)",
    ),
)

_HE_ASK = (
    r"(?:(?:היי|שלום|סליחה|שאלה)[, ]+)*"
    r"(?:איך (?:אני |אפשר |אפשר ל|ניתן |ניתן ל)?|איפה (?:אני |אפשר )?|אפשר |אפשר ל|"
    r"(?:אני )?רוצה |(?:אני )?רוצה ל|(?:אני )?צריכה? |(?:אני )?צריכה? ל|"
    r"(?:את|אתה) יכול(?:ה)? |יש דרך |יש דרך ל|מה עושים כדי )?"
)
_HE_TOPICS: tuple[tuple[SmallTalk, str], ...] = (
    (
        SmallTalk.DELETE_ACCOUNT,
        r"(?:מוחקים|למחוק|מוחק|מוחקת|ל?מחוק) (?:את )?(?:החשבון|חשבון|הנתונים|המידע|כל המידע|"
        r"כל הנתונים)(?: שלי)?",
    ),
    (
        SmallTalk.ENTRIES,
        r"(?:מוחקים|למחוק|מוחק|מוחקת|מוצאים|למצוא|רואים|לראות|קוראים|לקרוא|פותחים|לפתוח|"
        r"עורכים|לערוך) (?:את )?(?:רשומה|רשומות|הרשומה|הרשומות|פתק|הפתק|פתקים|היומן|יומן|"
        r"רשומה ביומן|הרשומות ביומן|מה שכתבתי|הרשומות שלי|היומן שלי)(?: שלי| ישנה| ישנות| מאתמול)?",
    ),
    (
        SmallTalk.SETTINGS,
        r"(?:משנים|לשנות|משנה|מחליפים|להחליף|מחליף|מחליפה|מעדכנים|לעדכן|קובעים|לקבוע) "
        r"(?:את )?(?:השעה|השעות|שעת הצ'ק-אין|שעת הצ׳ק-אין|הימים|ימי העבודה|אזור הזמן|השפה|"
        r"שעות השקט|ההגדרות|התזכורת|התזכורות|המשמרות|שעות המשמרת)"
        r"(?: של (?:הצ'ק-אין|הצ'ק אין|הצק אין|הצ'ק-אינים))?",
    ),
    (
        SmallTalk.PAUSE,
        r"(?:עוצרים|לעצור|עוצר|עוצרת|משהים|להשהות|משהה|מפסיקים|להפסיק|מבטלים|לבטל|משתיקים|"
        r"להשתיק|מכבים|לכבות) (?:את )?(?:הצ'ק-אין|הצ'ק אין|הצק אין|הצ'ק-אינים|הצ'ק אינים|"
        r"הצק אינים|הצ'קאין|התזכורות|התזכורות היומיות|ההודעות|ההתראות|הבדיקות)"
        r"(?: ?(?:ל|למשך )(?:יום|יומיים|שבוע|שבועיים|חודש|כמה ימים|\d{1,2} ימים|החופש|החופשה))?"
        r"(?:,? (?:אני )?(?:בחופש|בחופשה|במילואים))?|"
        r"(?:עושים|לעשות|עושה) (?:pause|פאוז|הפסקה|השהיה|הפסקה מהצ'ק-אינים)"
        r"(?: ?(?:ל|למשך )(?:יום|יומיים|שבוע|שבועיים|חודש|כמה ימים))?",
    ),
    (
        # Asking the bot for fewer messages (the English ones alarmed the model; these were
        # offered to the journal or got the crisis reply in a re-test).
        SmallTalk.PAUSE,
        r"(?:בלי |לא צריך |אין צורך ב)(?:תזכורות|הודעות|צ'ק-אינים|צ׳ק-אינים|צ'ק-אין|צ׳ק-אין)"
        r"(?: יותר)?(?: בבקשה| תודה)?|"
        r"(?:תפסיק|תפסיקי|תפסיקו|להפסיק) לשלוח לי (?:הודעות|תזכורות|צ'ק-אינים|צ׳ק-אינים)"
        r"(?: בבקשה)?|"
        r"אני לא (?:רוצה|צריך|צריכה) (?:יותר )?(?:תזכורות|הודעות|צ'ק-אין|צ׳ק-אין|צ'ק-אינים|"
        r"צ׳ק-אינים)(?: יותר)?(?: בבקשה)?",
    ),
    (
        SmallTalk.LEAVE,
        r"(?:יוצאים|לצאת|יוצא|יוצאת|עוזבים|לעזוב|עוזב|עוזבת|פורשים|לפרוש) (?:מ)?(?:התוכנית|"
        r"תוכנית)(?: שלי)?|(?:מפסיקים|להפסיק|מפסיק|מפסיקה) (?:להוביל|להשתתף ב)(?:תוכנית|התוכנית)",
    ),
    (
        SmallTalk.EXPORT,
        r"(?:מייצאים|לייצא|מייצא|מורידים|להוריד|שומרים עותק של|לשמור עותק של|מגבים|לגבות) "
        r"(?:את )?(?:היומן|הרשומות|הנתונים|המידע)(?: שלי)?",
    ),
    (
        SmallTalk.REFLECT,
        r"(?:עושים|לעשות|מתחילים|להתחיל) (?:את )?(?:רפלקציה|הרפלקציה|תרגיל)",
    ),
    (
        SmallTalk.CHECKIN,
        r"(?:עושים|לעשות|מתחילים|להתחיל) (?:את )?(?:צ'ק-אין|צ׳ק-אין|הצ'ק-אין|הצ׳ק-אין)",
    ),
    (
        SmallTalk.JOURNAL,
        r"(?:כותבים|לכתוב|כותב|כותבת|מוסיפים|להוסיף) (?:ב|ל)?(?:יומן|רשומה|פתק)",
    ),
    (
        SmallTalk.TRENDS,
        r"(?:רואים|לראות|בודקים|לבדוק) (?:את )?(?:המגמות|מגמות|הגרף|גרף|מצב הרוח|ההתקדמות)"
        r"(?: שלי)?",
    ),
    (
        SmallTalk.TALK_TO_SOMEONE,
        r"(?:מדברים|לדבר|מדבר|מדברת) עם (?:מישהו|מישהי|בן אדם|אדם|איש מקצוע)(?: עכשיו)?|"
        r"(?:מקבלים|לקבל|למצוא|מוצאים) עזרה(?: עכשיו)?|(?:מספרי )?(?:קווי|קו) (?:הסיוע|סיוע)|"
        r"(?:מה )?(?:ה)?מספר (?:של )?(?:ערן|ער\"ן|קו חם|הקו החם|קו הסיוע|קו סיוע)(?: שוב)?|"
        r"יש (?:מספר של |לך מספר של )?(?:קו חם|קו סיוע|ערן|ער\"ן)|"
        r"עם מי (?:אפשר|אני יכול|אני יכולה|אפשר פה) לדבר(?: עכשיו)?|"
        r"(?:אני )?(?:צריך|צריכה|צריכ/ה) עזרה(?: עכשיו| בבקשה)*|"
        r"(?:תעזור|תעזרי|תעזרו) לי(?: בבקשה)?",
    ),
    (
        SmallTalk.SUPERVISION,
        r"(?:מה זה|מה זאת|מה הכוונה ב)(?: ה)? ?(?:supervision|/supervision|סופרוויז'ן|הדרכה|"
        r"סופרויז'ן)|(?:מסמנים|לסמן|מביאים|להביא|מכינים|להכין) (?:את )?(?:רשומה|רשומות|"
        r"הרשומות|משהו|חומר) ל?הדרכה",
    ),
)
_HE_WHOLE: tuple[tuple[SmallTalk, str], ...] = (
    (
        SmallTalk.GREETING,
        r"(?:היי|הי|שלום|אהלן|הלו|בוקר טוב|ערב טוב|צהריים טובים|צהרים טובים|מה נשמע|מה קורה|"
        r"שלום שלום|היי היי)(?: (?:לך|שוב|קינדרד))*",
    ),
    (
        SmallTalk.THANKS,
        r"(?:(?:אוקי|אוקיי|סבבה|טוב) )?(?:תודה|תודה רבה|תודה לך|תודה רבה לך|תנקס|תודה תודה|"
        r"מעריכה|מעריך)(?: (?:על זה|רבה|לך|שוב))*",
    ),
    (
        SmallTalk.ACK,
        r"(?:אוקי|אוקיי|אוקיי אוקיי|סבבה|קיבלתי|מעולה|יופי|אחלה|הבנתי|מובן|👍|👌|🙏)",
    ),
    (
        SmallTalk.GOODNIGHT,
        r"(?:(?:טוב|יאללה|אוקי|אוקיי) )?(?:לילה טוב|ליל מנוחה|לילה לילה|(?:אני )?(?:הולכת|הולך) "
        r"לישון|(?:אני )?(?:הולכת|הולך) למיטה)(?: (?:לך|קינדרד))*",
    ),
    (
        SmallTalk.GOODBYE,
        r"(?:(?:טוב|יאללה|אוקי|אוקיי) )?(?:ביי|ביי ביי|להתראות|נתראה|נתראה מחר|נדבר מחר|"
        r"נדבר|שמור על עצמך|שמרי על עצמך)",
    ),
    (
        SmallTalk.ENTRIES,
        r"איפה (?:אני רואה |רואים |אפשר לראות |אני מוצאת |אני מוצא |מוצאים )?(?:את )?"
        r"(?:הרשומות|היומן|מה שכתבתי|הפתקים)(?: שלי)?",
    ),
    (
        SmallTalk.ABOUT,
        r"(?:מה (?:אתה|את) (?:יודע|יודעת|יכול|יכולה) לעשות|מה אפשר לעשות (?:פה|כאן|איתך)|"
        r"איך (?:זה|הבוט) עובד|איך (?:משתמשים|להשתמש|אני משתמש|אני משתמשת) (?:בזה|בך|בבוט)|"
        r"עזרה|תפריט|פקודות|מה הפקודות|מה (?:אתה|את|זה)|מי (?:אתה|את)|מה עכשיו|"
        r"במה (?:אתה|את) (?:יכול|יכולה) לעזור(?: לי)?)",
    ),
    (
        SmallTalk.PRIVACY,
        r"(?:(?:מי|מישהו|מישהי|מישהם|אנשים) (?:יכול|יכולה|יכולים|עוד יכול|רואה|רואים|קורא|קוראת|"
        r"קוראים) (?:לראות |לקרוא )?(?:את )?(?:זה|מה ש?אני כותבת|מה ש?אני כותב|היומן שלי|היומן|"
        r"הרשומות שלי|ההודעות שלי|הנתונים שלי|הנתונים|המידע שלי|המידע)(?: פה| כאן)?|"
        r"(?:זה|היומן|היומן שלי|הצ'אט הזה|הצ׳אט הזה) (?:באמת )?(?:פרטי|מוצפן|בטוח|חסוי|אנונימי)|"
        r"(?:האם )?(?:ה)?(?:מנהל|מנהלת|רכז|רכזת|ראש התכנית|ראש התוכנית|ראש צוות|ראש הצוות|"
        r"אחראי|אחראית|מדריך|מדריכה|מפקח|מפקחת|ממונה|מעסיק|בית החולים|הצוות)(?: שלי)? "
        r"(?:יכול|יכולה|יכולים|רואה|רואים|יראה|יראו|יודע|יודעים) (?:לראות |לקרוא )?(?:את )?"
        r"(?:זה|מה ש?אני כותבת|מה ש?אני כותב|היומן שלי|הרשומות שלי|ההודעות שלי|הרפלקציות|"
        r"הרפלקציות שלי|הנתונים שלי|המידע שלי)(?: פה| כאן| בבוט)?|"
        r"מי (?:יכול|יכולה|יכולים) לראות (?:את )?מה שאני (?:כותבת|כותב)(?: פה| כאן)?)",
    ),
)


def _compile(
    table: tuple[tuple[SmallTalk, str], ...], ask: str | None
) -> list[tuple[SmallTalk, re.Pattern[str]]]:
    prefix = "" if ask is None else ask
    return [(kind, re.compile(prefix + "(?:" + pattern + ")")) for kind, pattern in table]


_ENGLISH = _compile(_EN_WHOLE, None) + _compile(_EN_TOPICS, _EN_ASK)
_HEBREW = _compile(_HE_WHOLE, None) + _compile(_HE_TOPICS, _HE_ASK)
_TRAILING = re.compile(r"[\s?!.,…:)(🙂😊☺️🙏❤️💙😴🥱😅]+$")
_LEADING_NAME = re.compile(r"^(?:kindred|קינדרד)[,:]?\s+")
_TRAILING_NAME = re.compile(r"[, ]+(?:kindred|קינדרד)$")
_HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea]")


def normalise(text: str) -> str:
    cleaned = text.strip().lower().replace("’", "'").replace("‘", "'").replace("״", '"')
    cleaned = cleaned.replace("\u05f3", "'").replace("?", " ?").replace("  ", " ")
    cleaned = re.sub(r"\bu\b", "you", cleaned)  # "do u store my messages"
    cleaned = _TRAILING.sub("", cleaned)
    cleaned = _LEADING_NAME.sub("", cleaned)
    cleaned = _TRAILING_NAME.sub("", cleaned)
    cleaned = re.sub(r"\s+", " ", cleaned.replace(",", ", ")).replace(" ,", ",")
    return cleaned.strip(" ,")


# A heart, a smile, a thumbs up on their own: an "ok" (a walkthrough's "❤️" was offered for the
# journal). Only friendly ones: "🔪" or "💊💊" alone are not an "ok".
_FRIENDLY_EMOJI = re.compile(r"(?:[❤💙💜🧡💛💚🤍🩷🙂😊☺🙏👍👌💪🤗✨]|\ufe0f|\u200d|\s)+")


def small_talk_kind(text: str) -> SmallTalk | None:
    """Which short everyday message this is, if the whole message is one; else None."""
    if text.strip() and _FRIENDLY_EMOJI.fullmatch(text.strip()):
        return SmallTalk.ACK
    cleaned = normalise(text)
    if not cleaned or "\n" in cleaned or len(cleaned.split()) > _MAX_WORDS:
        return None
    table = _HEBREW if _HEBREW_LETTER.search(cleaned) else _ENGLISH
    for kind, pattern in table:
        if pattern.fullmatch(cleaned):
            return kind
    return None


_YES = re.compile(
    r"(?:yes|yeah|yep|yup|yes please|please|sure|save|save it|please save it|yes save it|"
    r"yes,? please save it|keep it|כן|כן בבקשה|בבקשה|שמור|שמרי|תשמור|תשמרי|כן תשמור|כן תשמרי|"
    r"לשמור|כן לשמור)"
)
_NO = re.compile(
    r"(?:no|nope|nah|no thanks|no thank you|don't save|dont save|don't|don't save it|"
    r"do not save|no don't|לא|לא תודה|אל תשמור|אל תשמרי|לא לשמור|לא צריך)"
)


def yes_or_no(text: str) -> bool | None:
    """A typed answer to a yes/no question ("yes", "no thanks", "כן"); None if it is neither."""
    cleaned = normalise(text)
    if _YES.fullmatch(cleaned):
        return True
    if _NO.fullmatch(cleaned):
        return False
    return None
