"""When a person's check-in is due, in their own time zone. Pure functions, easy to test.

A schedule is stored as a small dict:
``{"mode": "daily", "time": "19:00"}`` or
``{"mode": "shift", "ends": {"0": "15:00", …}, "offset_minutes": 60}`` (weekday 0 = Monday), or
``{"mode": "none"}``: no check-ins are sent, the person uses /checkin when they want to (a lead
who is not a peer specialist, or someone who does not want reminders).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

DEFAULT_SCHEDULE: dict[str, Any] = {"mode": "daily", "time": "19:00"}


# Said after a time: "7pm", "7 בערב" (in the evening), "8 בבוקר" (in the morning).
_AFTER_NOON = ("pm", "p.m.", "בערב", "אחה״צ", 'אחה"צ', "אחר הצהריים", "אחרי הצהריים")
_BEFORE_NOON = ("am", "a.m.", "בבוקר")
_AT_NIGHT = ("בלילה", "at night")  # "11 בלילה" is 23:00, "2 בלילה" 02:00
# Said before it: "at 19:00", "בשעה 19:00", "ב-19:00".
_AT = re.compile(r"^(?:at\s+|around\s+|בשעה\s+|בסביבות\s+|ב[-־]?(?=\d))")


def parse_clock_time(text: str) -> time | None:
    """'19:00', '7:30', '19.30', '1930', '19', '7pm', '7:30 בערב', 'בשעה 19:00' -> time; None if
    it is not a time of day."""
    cleaned = _AT.sub("", " ".join(text.strip().lower().split()))
    half = ""
    for words, name in ((_AFTER_NOON, "pm"), (_BEFORE_NOON, "am"), (_AT_NIGHT, "night")):
        for word in words:
            if cleaned.endswith(word) and cleaned[: -len(word)].strip()[-1:].isdigit():
                cleaned, half = cleaned[: -len(word)].strip(), name
                break
    cleaned = cleaned.replace(".", ":")
    if cleaned.isdigit() and len(cleaned) in (3, 4):
        cleaned = f"{cleaned[:-2]}:{cleaned[-2:]}"
    elif cleaned.isdigit() and len(cleaned) in (1, 2):
        cleaned = f"{cleaned}:00"  # a whole hour: "19", "7pm"
    parts = cleaned.split(":")
    if len(parts) != 2 or not all(part.isdigit() for part in parts):
        return None
    hours, minutes = int(parts[0]), int(parts[1])
    if half and not 1 <= hours <= 12:
        return None  # "19 pm" says two things
    if half == "night":
        half = "pm" if 6 <= hours <= 11 else "am"
    if half == "pm" and hours != 12:
        hours += 12
    elif half == "am" and hours == 12:
        hours = 0
    if not (0 <= hours <= 23 and 0 <= minutes <= 59):
        return None
    return time(hours, minutes)


def first_checkin_day(schedule: dict[str, Any], after: date) -> date:
    """The first day after ``after`` with a check-in on the schedule (a shift worker's pause
    ending on a Thursday resumes on Sunday, not on the Friday after it)."""
    for offset in range(1, 8):
        day = after + timedelta(days=offset)
        if due_local_time(schedule, day) is not None:
            return day
    return after + timedelta(days=1)


def due_local_time(schedule: dict[str, Any], local_date: date) -> time | None:
    """The local wall-clock time of the check-in on ``local_date``, or None (no shift that day,
    or no check-ins sent at all)."""
    if not sends_checkins(schedule):
        return None
    if schedule.get("mode") == "shift":
        end_text = schedule.get("ends", {}).get(str(local_date.weekday()))
        if not end_text:
            return None
        end = parse_clock_time(end_text)
        if end is None:
            return None
        moment = datetime.combine(local_date, end) + timedelta(
            minutes=int(schedule.get("offset_minutes", 60))
        )
        if moment.date() != local_date:
            return time(23, 59)  # a late shift's check-in stays on its own day
        return moment.time()
    return parse_clock_time(str(schedule.get("time", "19:00")))


def sends_checkins(schedule: dict[str, Any]) -> bool:
    """False for "only when I ask": Kindred never sends this person a check-in."""
    return schedule.get("mode") != "none"


def local_to_utc(local_date: date, wall: time, zone: ZoneInfo) -> datetime:
    """A local wall-clock time as a UTC instant.

    * Repeated hour (autumn): the first of the two instants (``fold=0``).
    * Skipped hour (spring gap): the time is read with the offset in force before the gap, so it
      lands that much after the gap (01:30 in London on the spring-forward night is 02:30 BST),
      never before it.
    """
    naive = datetime.combine(local_date, wall)
    # PEP 495: for a wall time inside a gap, fold=0 uses the earlier (pre-transition) offset,
    # which maps it past the gap; fold=1 would map it an hour too early.
    return naive.replace(tzinfo=zone, fold=0).astimezone(UTC)


# A shift said to end before this time ends after midnight, on the next calendar day.
ENDS_AFTER_MIDNIGHT_BEFORE = time(6, 0)


def due_instant(schedule: dict[str, Any], local_date: date, zone: ZoneInfo) -> datetime | None:
    if schedule.get("mode") == "shift":
        end = parse_clock_time(str(schedule.get("ends", {}).get(str(local_date.weekday())) or ""))
        if end is not None and end < ENDS_AFTER_MIDNIGHT_BEFORE:
            # "Wednesday, ends 00:30" is Wednesday's evening shift, over on Thursday: its
            # check-in went out at 01:30 on Wednesday, before the shift had begun.
            moment = datetime.combine(local_date + timedelta(days=1), end) + timedelta(
                minutes=int(schedule.get("offset_minutes", 60))
            )
            return local_to_utc(moment.date(), moment.time(), zone)
    wall = due_local_time(schedule, local_date)
    return None if wall is None else local_to_utc(local_date, wall, zone)


def in_quiet_hours(moment: time, start: time, end: time) -> bool:
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end  # wraps midnight, e.g. 22:00–08:00


def is_time_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    # OSError: "Asia" or "America/Argentina" name a folder of zones, not a zone.
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


# What people type for the zones Kindred's users mostly live in, in both languages; any IANA
# name works too, in any case, and so does a city that names a zone ("london", "new york").
_ZONE_ALIASES = {
    "israel": "Asia/Jerusalem", "jerusalem": "Asia/Jerusalem", "tel aviv": "Asia/Jerusalem",
    "haifa": "Asia/Jerusalem", "beer sheva": "Asia/Jerusalem", "be'er sheva": "Asia/Jerusalem",
    "eilat": "Asia/Jerusalem", "ישראל": "Asia/Jerusalem", "ירושלים": "Asia/Jerusalem",
    "תל אביב": "Asia/Jerusalem", "תל-אביב": "Asia/Jerusalem", "חיפה": "Asia/Jerusalem",
    "באר שבע": "Asia/Jerusalem", "אילת": "Asia/Jerusalem", "שעון ישראל": "Asia/Jerusalem",
    # Said in Britain, "GMT" and "BST" mean the clock on the wall, which changes in summer.
    "gmt": "Europe/London", "bst": "Europe/London", "uk": "Europe/London",
    "england": "Europe/London", "britain": "Europe/London",
    "scotland": "Europe/London", "wales": "Europe/London", "לונדון": "Europe/London",
    "אנגליה": "Europe/London", "ireland": "Europe/Dublin", "dublin": "Europe/Dublin",
    "nyc": "America/New_York", "ניו יורק": "America/New_York", "פריז": "Europe/Paris",
    "ברלין": "Europe/Berlin", "מוסקבה": "Europe/Moscow", "קייב": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
}  # fmt: skip

# "UTC+2" or "GMT-5" as a fixed offset; the Etc/ zones count the other way ("Etc/GMT-2" is +2).
_OFFSET = re.compile(r"(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::00)?")


@cache
def _zones_by_city() -> dict[str, str]:
    """'new york' -> 'America/New_York': the last part of each zone's name, where only one
    zone has it (the shortest name when an old alias shares it, as America/Indianapolis does)."""
    cities: dict[str, str] = {}
    for zone in sorted(available_timezones(), key=lambda name: (len(name), name)):
        if "/" not in zone or zone.startswith(("Etc/", "SystemV/", "posix/", "right/")):
            continue
        city = zone.rsplit("/", 1)[1].replace("_", " ").lower()
        cities.setdefault(city, zone)
    return cities


@cache
def _zones_by_lower_name() -> dict[str, str]:
    # Region/City names only: the old abbreviations ("EST", "MST") are fixed offsets with no
    # summer time, which is not what a person typing them means.
    return {zone.lower(): zone for zone in available_timezones() if "/" in zone}


def resolve_time_zone(typed: str) -> str | None:
    """A typed place or zone -> an IANA zone name: 'Europe/London', 'europe/london', 'London',
    'tel aviv', 'ירושלים', 'UTC+2'; None when it names none."""
    cleaned = " ".join(typed.strip().strip(".!?").split())
    if not cleaned or len(cleaned) > 60:
        return None
    if "/" in cleaned and is_time_zone(cleaned):
        return cleaned
    lower = cleaned.lower()
    if lower in ("utc", "z"):
        return "UTC"
    offset = _OFFSET.fullmatch(lower)
    if offset is not None:
        hours = int(offset.group(2))
        if hours == 0:
            return "UTC"
        if (offset.group(1) == "+" and hours <= 14) or (offset.group(1) == "-" and hours <= 12):
            return f"Etc/GMT{'-' if offset.group(1) == '+' else '+'}{hours}"
        return None
    if lower in _ZONE_ALIASES:
        return _ZONE_ALIASES[lower]
    spaced = lower.replace(" ", "_")
    if spaced in _zones_by_lower_name():
        return _zones_by_lower_name()[spaced]
    return _zones_by_city().get(lower.replace("_", " "))


_DAY_NAMES = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4, "sat": 5,
    "saturday": 5, "sun": 6, "sunday": 6,
    "שני": 0, "ב": 0, "שלישי": 1, "ג": 1, "רביעי": 2, "ד": 2, "חמישי": 3, "ה": 3,
    "שישי": 4, "ו": 4, "שבת": 5, "ש": 5, "ראשון": 6, "א": 6,
}  # fmt: skip

DAY_PRESETS: dict[str, list[int]] = {
    "sun_thu": [6, 0, 1, 2, 3],
    "mon_fri": [0, 1, 2, 3, 4],
    "every": [0, 1, 2, 3, 4, 5, 6],
}


# "22:00-08:00", "23-7", "10pm to 6am", "מ-22:00 עד 08:00", "10 בלילה עד 6 בבוקר": two times of
# day, each read by parse_clock_time.
_TIME_RANGE = re.compile(
    r"^\s*(?:from\s+|מ[-־]?(?=\d)|משעה\s+)?(.+?)\s*(?:[-–—]|\s(?:to|until|till|עד)\s)\s*(.+?)\s*$",
    re.IGNORECASE,
)


def parse_time_range(text: str) -> tuple[time, time] | None:
    match = _TIME_RANGE.match(text)
    if match is None:
        return None
    start, end = parse_clock_time(match.group(1)), parse_clock_time(match.group(2))
    return None if start is None or end is None else (start, end)


def reads_as_schedule(text: str) -> bool:
    """Whether a message is wholly days, a time of day, a range of times or a place or zone:
    an answer to one of Kindred's own questions ("Sun Mon Tue Wed Thu", "19:00", "london"),
    which says nothing about how a person is."""
    return (
        parse_days(text) is not None
        or parse_clock_time(text) is not None
        or parse_time_range(text) is not None
        or resolve_time_zone(text) is not None
        or parse_day_times(text) is not None
    )


def parse_days(text: str) -> list[int] | None:
    """'Sun Mon Wed', 'mon-fri', 'ראשון שני' -> weekday numbers (0 = Monday); None if unreadable."""
    cleaned = text.lower().replace(",", " ").replace("׳", "").replace("'", "")
    cleaned = cleaned.replace("–", "-").replace(" - ", "-").replace("יום ", "")
    # "ראשון עד חמישי", "mon to fri": a range in words.
    cleaned = re.sub(r"\s+(?:עד|to|through|thru|until|till)\s+", "-", cleaned)
    days: set[int] = set()
    for word in cleaned.split():
        if word in ("and", "&"):
            continue
        # "ראשון, שלישי וחמישי": the joining ו sits on the last day (a bare "ו" is Friday).
        token = (
            word[1:]
            if word not in _DAY_NAMES and word[1:] in _DAY_NAMES and word[0] == "ו"
            else word
        )
        if "-" in token:
            first, _, last = token.partition("-")
            if first not in _DAY_NAMES or last not in _DAY_NAMES:
                return None
            day = _DAY_NAMES[first]
            while True:
                days.add(day)
                if day == _DAY_NAMES[last]:
                    break
                day = (day + 1) % 7
        elif token in _DAY_NAMES:
            days.add(_DAY_NAMES[token])
        else:
            return None
    return sorted(days) if days else None


def _days_and_time(segment: str) -> tuple[list[int], time] | None:
    """ "wed and sat 23:00", "Sun-Tue 4pm", "23:00 on wed and sat" -> the days and the time."""
    words = segment.split()
    for size in (1, 2):  # "23:00", "4 pm"
        if len(words) <= size:
            continue
        moment = parse_clock_time(" ".join(words[-size:]))
        days = parse_days(" ".join(w for w in words[:-size] if w.lower() not in ("at", "ב")))
        if moment is not None and days is not None:
            return days, moment
        moment = parse_clock_time(" ".join(words[:size]))
        rest = [w for w in words[size:] if w.lower() not in ("on", "ב")]
        days = parse_days(" ".join(rest)) if rest else None
        if moment is not None and days is not None:
            return days, moment
    return None


def parse_day_times(text: str) -> dict[int, str] | None:
    """ "Sun-Tue 16:00, Wed and Sat 23:00" -> {weekday: "HH:MM"}: shifts that end at different
    times on different days (a long walkthrough could not say so, and its schedule was kept as
    a journal note). Every part must name days and a time; None otherwise."""
    parts = [part.strip() for part in re.split(r"[,;\n]|\s+(?:and then|then|ו?אז)\s+", text)]
    ends: dict[int, str] = {}
    for part in parts:
        if not part:
            continue
        read = _days_and_time(part)
        if read is None:
            return None
        days, moment = read
        for day in days:
            ends[day] = moment.strftime("%H:%M")
    return ends or None


def shift_schedule(days: list[int], end: str, offset_minutes: int) -> dict[str, Any]:
    return {
        "mode": "shift",
        "ends": {str(day): end for day in days},
        "offset_minutes": offset_minutes,
    }


# Quiet hours that would swallow a check-in are moved only this far, and never to less than this
# many hours of quiet: a proposal, shown to the person, who decides.
MIN_QUIET_MINUTES = 6 * 60
_WEEK = [date(2026, 1, 5) + timedelta(days=offset) for offset in range(7)]  # Monday to Sunday


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _clock(minutes: int) -> time:
    minutes %= 24 * 60
    return time(minutes // 60, minutes % 60)


def quiet_conflicts(schedule: dict[str, Any], start: time, end: time) -> list[time]:
    """The check-in times of a week (distinct, in order) that fall inside the quiet hours, where
    the scheduler would skip them: a shift ending at 23:00 with quiet hours from 22:00 would
    never get its check-in."""
    times = {due_local_time(schedule, day) for day in _WEEK}
    return sorted(m for m in times if m is not None and in_quiet_hours(m, start, end))


def quiet_hours_clear_of(conflicts: list[time], start: time, end: time) -> tuple[time, time] | None:
    """Quiet hours moved just enough to let the check-ins through: a late one pushes the start
    to the next half hour after it, an early one (before the end) pulls the end to the half hour
    at or before it. None when that leaves less than MIN_QUIET_MINUTES of quiet."""
    span = (_minutes(end) - _minutes(start)) % (24 * 60)
    new_start, new_end = 0, span  # minutes after the old start
    for moment in conflicts:
        after_start = (_minutes(moment) - _minutes(start)) % (24 * 60)
        if after_start < span - after_start:  # nearer the start: let the quiet begin after it
            new_start = max(new_start, (after_start // 30 + 1) * 30)
        else:  # nearer the end: let the quiet end at or before it
            new_end = min(new_end, after_start // 30 * 30)
    if new_end - new_start < MIN_QUIET_MINUTES:
        return None
    moved = (_clock(_minutes(start) + new_start), _clock(_minutes(start) + new_end))
    if any(in_quiet_hours(moment, *moved) for moment in conflicts):
        return None
    return moved
