"""Check-ins: recording answers, and finding who is due a check-in right now.

Dispatch is at-most-once: a (person, local date, slot) row is written *before* the send and
marked after; a claimed row is never sent again, even after a crash mid-send.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from bot.services.schedule import (
    due_instant,
    in_quiet_hours,
    parse_clock_time,
    sends_checkins,
)
from storage import Storage
from storage.records import UserRecord

GRACE = timedelta(hours=2)
SNOOZE = timedelta(hours=1)
LOW_RATING = 2
# Hard days told in a row (a rating of 1-2 or "Difficult shift", days without an answer skipped)
# before Kindred says so and points to supervision and people: the same reply day after day
# ("That sounds like a hard one") read as not listening in the walkthrough.
HARD_RUN = 3
HARD_RUN_WINDOW = timedelta(days=14)
# After a network failure the dispatcher waits, doubling up to the maximum, before trying again.
BACKOFF_FIRST = timedelta(seconds=30)
BACKOFF_MAX = timedelta(minutes=10)


class Schedulable(Protocol):
    """A person's scheduling fields: a full UserRecord or the lighter UserSchedule."""

    @property
    def id(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def reachable(self) -> bool: ...
    @property
    def schedule(self) -> dict[str, Any]: ...
    @property
    def quiet_start(self) -> str: ...
    @property
    def quiet_end(self) -> str: ...
    @property
    def paused_until(self) -> date | None: ...
    @property
    def snoozed_until(self) -> datetime | None: ...


@dataclass(frozen=True)
class HardDay:
    """What a hard day's answer leads to."""

    offer_reflection: bool  # not when a reflection was already finished that day
    hard_in_a_row: int  # hard days told in a row, this one included


@dataclass(frozen=True)
class DueCheckin:
    user_id: str
    local_date: date
    slot: str

    @property
    def key(self) -> tuple[str, date, str]:
        return (self.user_id, self.local_date, self.slot)


def local_date_for(user: Schedulable, now: datetime) -> date:
    return now.astimezone(ZoneInfo(user.timezone)).date()


def is_paused(user: Schedulable, local_date: date) -> bool:
    return user.paused_until is not None and local_date <= user.paused_until


@dataclass(frozen=True)
class TypedAnswer:
    """The day's check-in answered in words instead of a tap: a rating, "difficult" or a day
    off; ``rest``, anything said beside a rating ("2/5, the handover ran late"), for the
    journal's offer."""

    rating: int | None = None
    difficult: bool = False
    day_off: bool = False
    rest: str = ""
    between: tuple[int, int] | None = None  # "2-3", "2.5": which is closer is asked


_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "אחת": 1, "אחד": 1, "שתיים": 2, "שתים": 2, "שניים": 2, "שלוש": 3, "שלש": 3, "שלושה": 3,
    "ארבע": 4, "ארבעה": 4, "חמש": 5, "חמישה": 5,
}  # fmt: skip
# Words around a number that say nothing more: "like a 2 tbh", "3 i guess", "בערך 3".
_FILLER = frozenset((
    "a", "an", "like", "maybe", "about", "around", "prob", "probably", "honestly", "honest",
    "tbh", "i", "guess", "think", "id", "i'd", "say", "solid", "ish", "really", "today",
    "tonight", "lol", "haha", "hm", "hmm", "ok", "okay", "so", "just",
    "כזה", "בערך", "אולי", "היום", "נגיד", "תכלס", "לגמרי",
))  # fmt: skip
_RATING = re.compile(
    r"(?P<number>[1-5](?![0-9])|" + "|".join(_NUMBER_WORDS) + r")(?![\w])"
    r"(?P<scale>\s*(?:/|out of|of|מתוך|מ-?)\s*(?:5|five|חמש)(?![0-9]))?"
    r"(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# "difficult", "rough shift", "it was a really hard one", "משמרת קשה": the "Difficult shift" button.
_DIFFICULT = frozenset((
    "difficult", "hard", "rough", "tough", "bad", "awful", "terrible", "horrible", "shit",
    "crap", "heavy", "קשה", "קשוח", "קשוחה", "גרוע", "גרועה", "נוראי", "נוראית", "נורא",
    "זוועה", "זוועתי", "זוועתית", "כבד", "כבדה", "מחורבן", "מחורבנת",
))  # fmt: skip
_DIFFICULT_EXTRA = frozenset((
    "a", "it", "was", "very", "really", "so", "pretty", "super", "shift", "day", "one", "today",
    "tonight", "היה", "היתה", "הייתה", "משמרת", "יום", "ממש", "מאוד", "כל", "כך", "היום",
))  # fmt: skip
_DAY_OFF = (
    re.compile(
        r"(?:(?:it'?s|its|i'?m|im|i am|was|today'?s|todays|today is)\s+)?(?:a\s+|my\s+)?"
        r"(?:day off|off|holiday|vacation|no shift|not working|didn'?t work|did not work|"
        r"wasn'?t working|no work|off day|sick day|off sick|sick)"
        r"(?:\s+(?:today|tonight|this week))?",
        re.IGNORECASE,
    ),
    re.compile(
        r"(?:(?:היום|אני|היה|הייתי|הייתה|היתה)\s+)?(?:יום חופש|חופש|חופשה|יום חופשי|בחופש|"
        r"בחופשה|יום מחלה|במחלה|חולה|לא עבדתי|לא עובד|לא עובדת|"
        r"אין לי משמרת|אין משמרת|לא הייתה משמרת|לא היתה משמרת)(?:\s+היום)?"
    ),
)


# "2-3", "2.5", "2 או 3", "2 or 3": between two ratings.
_HALFWAY = re.compile(
    r"(?:(?:-|–|to|or|או|עד)\s*(?P<other>[1-5])|[.,]5|and a half|וחצי)\s*[!?.]*", re.IGNORECASE
)


_TRAILING_RATING = re.compile(r"[.!?,;:–-]\s*(?P<number>[1-5])(?:\s*/\s*5)?\s*[.!]?$")


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s'/-]", " ", text.lower()).split()


def typed_answer(text: str) -> TypedAnswer | None:
    """The check-in's answer, if these words are one: "2", "2/5 tbh", "like a 3", "five",
    "difficult", "rough shift", "day off today", "חופש", "3, the handover ran late"; None
    for anything else ("two patients screamed", "ugh"), which stays words for the journal."""
    typed = " ".join(text.split())
    plain = " ".join(_words(typed))
    if plain and any(pattern.fullmatch(plain) for pattern in _DAY_OFF):
        return TypedAnswer(day_off=True)
    words = plain.split()
    if (
        words
        and any(word in _DIFFICULT for word in words)
        and all(word in _DIFFICULT or word in _DIFFICULT_EXTRA for word in words)
    ):
        return TypedAnswer(difficult=True)
    # Leading filler ("like a 3", "maybe 2"), then the number.
    start = typed
    while True:
        head, _, tail = start.partition(" ")
        if tail and head.lower().strip(",.") in _FILLER:
            start = tail
            continue
        break
    match = _RATING.match(start)
    if match is None:
        # A story, then the number after a stop or a comma ("dead on my feet, could murder a
        # coffee. 2"; a safety review): the number is the rating, and all of it is offered.
        trailing = _TRAILING_RATING.search(typed)
        if trailing is not None and not any(ch.isdigit() for ch in typed[: trailing.start()]):
            return TypedAnswer(rating=int(trailing["number"]), rest=typed)
        return None
    rating = (
        int(match["number"])
        if match["number"].isdigit()
        else _NUMBER_WORDS[match["number"].lower()]
    )
    halfway = _HALFWAY.fullmatch(match["rest"].strip()) if not match["scale"] else None
    if halfway is not None:
        other = int(halfway["other"]) if halfway["other"] else rating + 1
        return TypedAnswer(between=(rating, other)) if other == rating + 1 <= 5 else None
    rest = match["rest"].strip()
    rest_words = _words(rest)
    if not rest_words or all(word in _FILLER for word in rest_words):
        return TypedAnswer(rating=rating)
    if match["scale"] or match["number"].isdigit() or rest[:1] in (",", ".", ";", ":", "-", "–"):
        # "2/5 the handover ran late", "3, long day", "3 היה עומס": a rating said with a story,
        # all of which is offered for the journal. A number in words before other words is not
        # one ("two patients screamed at me").
        return TypedAnswer(rating=rating, rest=typed)
    return None


# How long after a crisis reply a check-in stays gentle (no rating asked): a day, so that a
# crisis at 23:40 still makes the next afternoon's check-in the gentle one (a safety review; it
# was 12 hours).
AFTER_CRISIS = timedelta(hours=24)
CRISIS_SWEEP_EVERY = timedelta(minutes=10)
# After this many check-ins in a row went unanswered, the next one mentions /pause, once.
QUIET_RUN_FOR_PAUSE_HINT = 3
CRISIS_ANSWER_WINDOW = timedelta(hours=1)
# Someone who wrote to the bot this recently, with a flow open (a reflection, an entry, set-up),
# is in the middle of something: the day's check-in waits until they stop (within its grace).
IN_CONVERSATION = timedelta(minutes=10)


class CheckinService:
    def __init__(self, storage: Storage, grace: timedelta = GRACE) -> None:
        self._storage = storage
        self._grace = grace
        self._backoff_until: datetime | None = None
        self._backoff_step = BACKOFF_FIRST
        # When each person last got the crisis reply (None: not within AFTER_CRISIS), read from
        # the store once per process. Stored encrypted with the person's key, because it must
        # outlive a restart: a walkthrough got the plain "how was the shift, 1 to 5" four hours
        # after "I don't want to live" because the bot had restarted in between.
        self._crisis_at: dict[str, datetime | None] = {}
        self._crisis_moved_on: set[str] = set()
        self._crisis_swept_at: datetime | None = None
        # Whose check-in question is on screen, for which day: words typed in reply instead of a
        # tap get a word about the check-in. In memory, and rebuilt once per person after a
        # restart from the dispatches sent and not answered (a walkthrough's "2" typed after a
        # restart was offered to the journal and the rating was lost).
        self._asked: dict[str, date] = {}
        self._restored: set[str] = set()
        self._told_how_to_answer: dict[str, date] = {}
        self._asked_again: dict[str, date] = {}
        # Whom "Would a short reflection help?" was just asked, so a typed "yes" answers it.
        self._reflection_offered: set[str] = set()
        # When each person last wrote or pressed a button (in memory; after a restart, from
        # when their open flow last changed: restore_seen).
        self._last_seen: dict[str, datetime] = {}
        self._confirmed_at: dict[str, datetime] = {}
        self._still_here_for: dict[str, datetime] = {}  # the crisis reply it was said after

    def note_seen(self, user_id: str, now: datetime) -> None:
        self._last_seen[user_id] = now

    async def restore_seen(self, now: datetime) -> int:
        """At start: who was mid-conversation when the last process stopped, from when their
        open flow last changed (a restart at 19:00 sent a check-in four minutes into a
        reflection). ``updated_at`` is the wall clock; its age is carried over to ``now``."""
        wall_now = datetime.now(UTC)
        recent = await self._storage.state.changed_since(wall_now - IN_CONVERSATION)
        for user_id, updated_at in recent:
            self._last_seen.setdefault(user_id, now - max(wall_now - updated_at, timedelta(0)))
        return len(recent)

    def recently_seen(self, user_id: str, now: datetime) -> bool:
        """Whether the person wrote or pressed a button within IN_CONVERSATION of ``now``."""
        seen = self._last_seen.get(user_id)
        return seen is not None and now - seen < IN_CONVERSATION

    def note_asked(self, user_id: str, local_date: date, *, again: bool = False) -> None:
        """The day's question is on screen; ``again``: asked by /checkin after it was answered,
        so a typed number changes the answer, as a tap does."""
        self._restored.add(user_id)  # this process knows what is on screen from here on
        self._asked[user_id] = local_date
        if again:
            self._asked_again[user_id] = local_date

    def note_answered(self, user_id: str) -> None:
        self._restored.add(user_id)
        self._asked.pop(user_id, None)
        self._asked_again.pop(user_id, None)

    def note_reflection_offered(self, user_id: str) -> None:
        self._reflection_offered.add(user_id)

    def take_reflection_offer(self, user_id: str) -> bool:
        """Whether "Would a short reflection help?" is the question on screen; True once."""
        if user_id not in self._reflection_offered:
            return False
        self._reflection_offered.discard(user_id)
        return True

    async def take_open_question(self, user_id: str, local_date: date) -> bool:
        """Whether this person's check-in for the day is asked and not yet answered; it is
        taken (not open any more) either way."""
        return await self.open_question(user_id, local_date, take=True)

    async def open_question(self, user_id: str, local_date: date, *, take: bool = False) -> bool:
        """Whether this person's check-in for the day is asked and not yet answered. It stays
        open after words typed under it: "ugh" and then "2" is an answer (a walkthrough had the
        2 join a journal draft instead)."""
        if take:
            # Taken (set aside, snoozed, answered): never brought back from the dispatches.
            self._restored.add(user_id)
        asked = self._asked.pop(user_id, None) if take else self._asked.get(user_id)
        if asked != local_date:
            return False
        if self._asked_again.get(user_id) == local_date:
            if take:
                self._asked_again.pop(user_id, None)
            return True
        if await self._storage.checkins.get(user_id, local_date) is None:
            return True
        self._asked.pop(user_id, None)
        return False

    async def unanswered_before(self, user_id: str, local_date: date, up_to: int = 10) -> int:
        """How many check-ins in a row, the latest first, went out before ``local_date`` and
        were not answered (counted no further than ``up_to``)."""
        run = 0
        for _, answered in await self._storage.checkins.latest_sent(user_id, local_date, up_to):
            if answered:
                break
            run += 1
        return run

    async def open_question_day(self, user_id: str, today: date) -> date | None:
        """The day whose check-in question is on screen and unanswered: today's, or yesterday's
        until today's is asked (the morning after a late shift, "2" is about last night's shift:
        a walkthrough's went to the day ahead, and silenced that evening's check-in)."""
        await self._restore_asked(user_id, today)
        asked = self._asked.get(user_id)
        if asked is None or asked not in (today, today - timedelta(days=1)):
            return None
        return asked if await self.open_question(user_id, asked) else None

    async def _restore_asked(self, user_id: str, today: date) -> None:
        if user_id in self._restored or user_id in self._asked:
            return
        self._restored.add(user_id)
        tomorrow = today + timedelta(days=1)
        for day, answered in await self._storage.checkins.latest_sent(user_id, tomorrow, 1):
            if not answered and day >= today - timedelta(days=1):
                self._asked[user_id] = day

    def first_words_under_question(self, user_id: str, local_date: date) -> bool:
        """True for the first typed message under the day's question only, so how to answer it
        is said once, not under every message."""
        if self._told_how_to_answer.get(user_id) == local_date:
            return False
        self._told_how_to_answer[user_id] = local_date
        return True

    async def note_crisis(self, user_id: str, now: datetime, *, confirmed: bool = False) -> None:
        self._crisis_at[user_id] = now
        self._crisis_moved_on.discard(user_id)
        if confirmed:
            self._confirmed_at[user_id] = now
        await self._storage.users.set_crisis_reply_at(user_id, now)

    async def still_here_due(self, user_id: str, now: datetime, within: timedelta) -> bool:
        """True once per crisis reply, for the first words after it within ``within``."""
        if not await self.after_crisis(user_id, now, within=within):
            return False
        at = self._crisis_at.get(user_id)
        if at is None or self._still_here_for.get(user_id) == at:
            return False
        self._still_here_for[user_id] = at
        return True

    def confirmed_recently(self, user_id: str, now: datetime) -> bool:
        """Whether the person said "yes" to the crisis reply within CRISIS_ANSWER_WINDOW: a
        second crisis reply then does not say "if I read it wrong" (in memory only)."""
        at = self._confirmed_at.get(user_id)
        return at is not None and now - at <= CRISIS_ANSWER_WINDOW

    async def forget_old_crisis_replies(self, now: datetime) -> int:
        """Clears every crisis-reply time older than ``AFTER_CRISIS``, at most every ten minutes.
        It was cleared only when the person's next check-in came, so for someone paused it was
        kept for days; and people created before the column was always written get it written
        ("none", encrypted), so its presence tells nothing. Returns how many were cleared."""
        if self._crisis_swept_at is not None and now - self._crisis_swept_at < CRISIS_SWEEP_EVERY:
            return 0
        self._crisis_swept_at = now
        users = self._storage.users
        for user_id in await users.users_with_unset_crisis_column():
            await users.set_crisis_reply_at(user_id, None)
        cleared = 0
        for user_id in await users.ids():
            at = await users.crisis_reply_at(user_id)
            if at is not None and now - at > AFTER_CRISIS:
                await users.set_crisis_reply_at(user_id, None)
                self._crisis_at[user_id] = None
                cleared += 1
        return cleared

    def note_moved_on_from_crisis(self, user_id: str) -> None:
        """The person pressed "Continue where we were", or Kindred has asked something else
        since: a "yes" or "no" now is for that, not for the crisis reply."""
        self._crisis_moved_on.add(user_id)

    async def awaiting_crisis_answer(self, user_id: str, now: datetime) -> bool:
        """Whether a typed "yes" or "no" now answers the crisis reply's "if that is where you
        are right now": within ``CRISIS_ANSWER_WINDOW`` of it, and nothing else asked since."""
        return user_id not in self._crisis_moved_on and await self.after_crisis(
            user_id, now, within=CRISIS_ANSWER_WINDOW
        )

    async def after_crisis(
        self, user_id: str, now: datetime, within: timedelta = AFTER_CRISIS
    ) -> bool:
        """Whether this person got the crisis reply within ``within``: their next check-in asks
        for no rating ("how was your shift, 1 to 5" an hour after helplines would be cold), and a
        "yes" just after it answers its "if that is where you are right now"."""
        if user_id not in self._crisis_at:
            self._crisis_at[user_id] = await self._storage.users.crisis_reply_at(user_id)
        at = self._crisis_at[user_id]
        if at is None:
            return False
        if now - at > AFTER_CRISIS:
            # Kept no longer than it is needed.
            self._crisis_at[user_id] = None
            await self._storage.users.set_crisis_reply_at(user_id, None)
            return False
        return now - at <= within

    async def record_rating(
        self, user: UserRecord, local_date: date, rating: int
    ) -> HardDay | None:
        """Store the rating; for a hard day (1-2), what it leads to."""
        await self._storage.checkins.record(user.id, local_date, rating=rating)
        return await self._hard_day(user.id, local_date) if rating <= LOW_RATING else None

    async def record_difficult(self, user: UserRecord, local_date: date) -> HardDay:
        await self._storage.checkins.record(user.id, local_date, difficult=True)
        return await self._hard_day(user.id, local_date)

    async def _hard_day(self, user_id: str, local_date: date) -> HardDay:
        told = [
            record
            for record in await self._storage.checkins.list_since(
                user_id, local_date - HARD_RUN_WINDOW
            )
            if record.local_date <= local_date and (record.rating is not None or record.difficult)
        ]
        run = 0
        for record in sorted(told, key=lambda record: record.local_date, reverse=True):
            if not (record.difficult or (record.rating or 5) <= LOW_RATING):
                break
            run += 1
        reflections = await self._storage.reflections.list_since(user_id, local_date)
        reflected = any(r.completed and r.local_date == local_date for r in reflections)
        return HardDay(offer_reflection=not reflected, hard_in_a_row=run)

    async def record_day_off(self, user: UserRecord, local_date: date) -> None:
        await self._storage.checkins.record(user.id, local_date, day_off=True)

    async def set_aside(self, user: UserRecord, local_date: date, now: datetime) -> bool:
        """/cancel while the day's question is on screen or snoozed: it is not asked again today
        (nothing is recorded, so /checkin still answers it). True when there was one."""
        asked = await self.take_open_question(user.id, local_date)
        snoozed = user.snoozed_until is not None and user.snoozed_until > now
        if snoozed:
            await self._storage.users.update(user.id, snoozed_until=None)
        return asked or snoozed

    async def snooze(self, user: UserRecord, now: datetime) -> bool:
        """Ask again in an hour; False, and nothing set, when that hour falls in quiet hours,
        where a snoozed check-in is never sent ("I'll check back in an hour" would be untrue);
        the question on screen then stays the one to answer."""
        if self._quiet(user, now + SNOOZE):
            return False
        self._restored.add(user.id)
        self._asked.pop(user.id, None)  # the question comes back in an hour
        await self._storage.users.update(user.id, snoozed_until=now + SNOOZE)
        return True

    def _quiet(self, user: Schedulable, instant: datetime) -> bool:
        start = parse_clock_time(user.quiet_start)
        end = parse_clock_time(user.quiet_end)
        if start is None or end is None:
            return False
        local = instant.astimezone(ZoneInfo(user.timezone)).time()
        return in_quiet_hours(local, start, end)

    async def due_for(self, user: Schedulable, now: datetime) -> list[DueCheckin]:
        """What this person should be sent now (not yet claimed; the caller claims)."""
        if user.status != "active" or not user.reachable or not sends_checkins(user.schedule):
            return []  # "Only when I ask": nothing, a snooze asked for before it included
        zone = ZoneInfo(user.timezone)
        today = now.astimezone(zone).date()
        due: list[DueCheckin] = []
        # Yesterday too: a check-in due at 23:30 may still be inside its grace window after 00:00.
        for local_date in (today - timedelta(days=1), today):
            instant = due_instant(user.schedule, local_date, zone)
            if instant is None or not (instant <= now <= instant + self._grace):
                continue
            # Quiet hours hold when it would be sent, too: sent late after a restart, a check-in
            # due at 21:30 arrived at 22:40, and one due at 23:30 at 00:15.
            if is_paused(user, local_date) or self._quiet(user, instant) or self._quiet(user, now):
                continue
            if await self._storage.checkins.get(user.id, local_date) is not None:
                continue
            due.append(DueCheckin(user.id, local_date, "main"))
        snoozed = user.snoozed_until
        if snoozed is not None and snoozed <= now <= snoozed + self._grace:
            local_date = snoozed.astimezone(zone).date()
            answered = await self._storage.checkins.get(user.id, local_date) is not None
            if not answered and not is_paused(user, local_date) and not self._quiet(user, now):
                due.append(DueCheckin(user.id, local_date, f"snooze-{snoozed.strftime('%H%M')}"))
        return due

    async def find_due(self, now: datetime) -> list[DueCheckin]:
        """Everyone due now, from clear scheduling columns (nothing is decrypted here)."""
        due: list[DueCheckin] = []
        for user in await self._storage.users.schedules():
            due.extend(await self.due_for(user, now))
        return due

    async def claim(self, items: list[DueCheckin]) -> list[DueCheckin]:
        """Write the dispatch rows before anything is sent; returns the ones newly claimed."""
        if not items:
            return []
        claimed = await self._storage.checkins.claim_dispatches([item.key for item in items])
        return [item for item, ok in zip(items, claimed, strict=True) if ok]

    async def settle(self, outcomes: list[tuple[DueCheckin, str | None]]) -> None:
        """Mark each send; None releases a claim whose prompt certainly never left."""
        await self._storage.checkins.settle_dispatches(
            [(*item.key, status) for item, status in outcomes]
        )

    async def settle_interrupted(self) -> int:
        return await self._storage.checkins.settle_interrupted()

    # -- backing off after network failures -------------------------------------------------------

    def backing_off(self, now: datetime) -> bool:
        return self._backoff_until is not None and now < self._backoff_until

    def back_off(self, now: datetime, at_least: timedelta = timedelta(0)) -> timedelta:
        wait = max(self._backoff_step, at_least)
        self._backoff_until = now + wait
        self._backoff_step = min(self._backoff_step * 2, BACKOFF_MAX)
        return wait

    def recovered(self) -> None:
        self._backoff_until = None
        self._backoff_step = BACKOFF_FIRST
