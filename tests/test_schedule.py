"""Check-in times against quiet hours: which would be skipped, and the smallest move that lets
them through."""

from __future__ import annotations

from datetime import time

import pytest

from bot.services.schedule import (
    parse_clock_time,
    parse_days,
    quiet_conflicts,
    quiet_hours_clear_of,
    reads_as_schedule,
    resolve_time_zone,
    shift_schedule,
)

NIGHT = (time(22), time(8))
SUN_THU = [6, 0, 1, 2, 3]


@pytest.mark.parametrize(
    ("schedule", "quiet", "conflicts", "moved"),
    [
        # An evening check-in is not in the quiet hours: nothing to say.
        ({"mode": "daily", "time": "19:00"}, NIGHT, [], None),
        # A late shift: 22:30 + 1 hour; the quiet begins on the half hour after it.
        (shift_schedule(SUN_THU, "22:30", 60), NIGHT, [time(23, 30)], (time(0), time(8))),
        # 23:00 + 1 hour stays on its own day, at 23:59.
        (shift_schedule(SUN_THU, "23:00", 60), NIGHT, [time(23, 59)], (time(0), time(8))),
        ({"mode": "daily", "time": "23:15"}, NIGHT, [time(23, 15)], (time(23, 30), time(8))),
        # A night shift ending 07:00: the quiet ends at the check-in instead.
        (shift_schedule(SUN_THU, "07:00", 30), NIGHT, [time(7, 30)], (time(22), time(7, 30))),
        # In the middle of the night: no small move helps, so none is offered.
        ({"mode": "daily", "time": "03:00"}, NIGHT, [time(3)], None),
        # Quiet hours that do not wrap midnight.
        (
            {"mode": "daily", "time": "14:10"},
            (time(13), time(21)),
            [time(14, 10)],
            (time(14, 30), time(21)),
        ),
        # Nothing is quiet when start and end are the same.
        ({"mode": "daily", "time": "23:00"}, (time(0), time(0)), [], None),
    ],
)
def test_quiet_hours_that_would_swallow_a_check_in(
    schedule: dict[str, object],
    quiet: tuple[time, time],
    conflicts: list[time],
    moved: tuple[time, time] | None,
) -> None:
    assert quiet_conflicts(schedule, *quiet) == conflicts
    if conflicts:
        assert quiet_hours_clear_of(conflicts, *quiet) == moved


def test_different_days_with_check_ins_at_both_ends_of_the_night() -> None:
    schedule = {"mode": "shift", "ends": {"0": "23:00", "2": "06:30"}, "offset_minutes": 30}
    conflicts = quiet_conflicts(schedule, *NIGHT)
    assert conflicts == [time(7), time(23, 30)]
    assert quiet_hours_clear_of(conflicts, *NIGHT) == (time(0), time(7))


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("ראשון, שלישי וחמישי", [1, 3, 6]),  # the joining ו on the last day
        ("sun, tue and thu", [1, 3, 6]),
        ("Mon & Wed", [0, 2]),
        ("ו", [4]),  # a bare ו is Friday
        ("ראשון-חמישי", [0, 1, 2, 3, 6]),
        ("ושבת ו", [4, 5]),
        ("sometimes", None),
    ],
)
def test_typed_work_days(typed: str, days: list[int] | None) -> None:
    assert parse_days(typed) == days


@pytest.mark.parametrize(
    ("typed", "zone"),
    [
        ("Europe/London", "Europe/London"),
        ("europe/london", "Europe/London"),
        ("  London. ", "Europe/London"),
        ("GMT", "Europe/London"),  # what a person in Britain means by it
        ("new york", "America/New_York"),
        ("New_York", "America/New_York"),
        ("Buenos Aires", "America/Buenos_Aires"),
        ("tel aviv", "Asia/Jerusalem"),
        ("ירושלים", "Asia/Jerusalem"),
        ("תל אביב", "Asia/Jerusalem"),
        ("UTC", "UTC"),
        ("UTC+2", "Etc/GMT-2"),  # the Etc/ zones count the other way
        ("gmt -5", "Etc/GMT+5"),
        ("utc+0", "UTC"),
    ],
)
def test_a_typed_place_or_zone_is_read_as_a_zone(typed: str, zone: str) -> None:
    assert resolve_time_zone(typed) == zone


@pytest.mark.parametrize(
    "typed",
    ["", "Asia", "America/Argentina", "Mars/Olympus", "UTC+15", "UTC-13", "x" * 400, "idk", "EST"],
)
def test_what_names_no_zone_is_none(typed: str) -> None:
    assert resolve_time_zone(typed) is None


@pytest.mark.parametrize(
    ("typed", "hours", "minutes"),
    [
        ("19:00", 19, 0),
        ("19.30", 19, 30),
        ("1930", 19, 30),
        ("19", 19, 0),  # a whole hour
        ("7pm", 19, 0),
        ("7:45 PM", 19, 45),
        ("12am", 0, 0),
        ("12pm", 12, 0),
        ("at 8pm", 20, 0),
        ("7:30 בערב", 19, 30),  # in the evening
        ("8 בבוקר", 8, 0),  # in the morning
        ("11 בלילה", 23, 0),  # at night: late evening…
        ("2 בלילה", 2, 0),  # …or after midnight
        ("12 בלילה", 0, 0),
        ("בשעה 19:00", 19, 0),
        ("ב-21:30", 21, 30),
    ],
)
def test_a_time_of_day_as_people_write_it(typed: str, hours: int, minutes: int) -> None:
    assert parse_clock_time(typed) == time(hours, minutes)


@pytest.mark.parametrize("typed", ["", "ok", "25", "19 pm", "7:75", "שבע בערב", "רבע לשמונה"])
def test_what_is_not_a_time_of_day(typed: str) -> None:
    assert parse_clock_time(typed) is None


@pytest.mark.parametrize(
    ("typed", "days"),
    [
        ("ראשון עד חמישי", [0, 1, 2, 3, 6]),
        ("א׳ עד ה׳", [0, 1, 2, 3, 6]),
        ("mon to fri", [0, 1, 2, 3, 4]),
        ("Sun through Thu", [0, 1, 2, 3, 6]),
    ],
)
def test_a_range_of_days_in_words(typed: str, days: list[int]) -> None:
    assert parse_days(typed) == days


@pytest.mark.parametrize(
    ("typed", "schedule"),
    [
        ("Mon Tue Wed Thu Fri", True),
        ("Sunday to Thursday", True),
        ("19:00", True),
        ("10pm to 6am", True),
        ("tel aviv", True),
        ("i want to die", False),
        ("after my shift", False),
        ("not tonight", False),
    ],
)
def test_answers_to_kindreds_own_questions(typed: str, schedule: bool) -> None:
    assert reads_as_schedule(typed) is schedule


def test_a_shift_that_ends_after_midnight_is_checked_on_after_it_ends() -> None:
    """A long walkthrough: "Wednesday, ends 00:30" got its check-in at 01:30 on Wednesday,
    fifteen hours before the shift began, and nothing after it ended."""
    from datetime import date, datetime
    from zoneinfo import ZoneInfo

    from bot.services.schedule import due_instant

    zone = ZoneInfo("Asia/Jerusalem")
    late = {"mode": "shift", "ends": {"2": "00:30"}, "offset_minutes": 60}
    instant = due_instant(late, date(2026, 11, 4), zone)  # a Wednesday
    assert instant is not None
    assert instant.astimezone(zone) == datetime(2026, 11, 5, 1, 30, tzinfo=zone)
    evening = {"mode": "shift", "ends": {"2": "23:00"}, "offset_minutes": 30}
    instant = due_instant(evening, date(2026, 11, 4), zone)
    assert instant is not None
    assert instant.astimezone(zone) == datetime(2026, 11, 4, 23, 30, tzinfo=zone)


@pytest.mark.parametrize(
    ("typed", "ends"),
    [
        (
            "Sun-Tue 16:00, Wed and Sat 23:00",
            {6: "16:00", 0: "16:00", 1: "16:00", 2: "23:00", 5: "23:00"},
        ),
        ("16:00 on sun-tue, 23:00 on sat", {6: "16:00", 0: "16:00", 1: "16:00", 5: "23:00"}),
        ("Mon-Thu 4 pm; Fri 11pm", {0: "16:00", 1: "16:00", 2: "16:00", 3: "16:00", 4: "23:00"}),
        (
            "ראשון עד שלישי 16:00, רביעי ושבת 23:00",
            {6: "16:00", 0: "16:00", 1: "16:00", 2: "23:00", 5: "23:00"},
        ),
        ("wed 23:00", {2: "23:00"}),
    ],
)
def test_days_with_their_own_end_times(typed: str, ends: dict[int, str]) -> None:
    from bot.services.schedule import parse_day_times

    assert parse_day_times(typed) == ends


@pytest.mark.parametrize(
    "typed", ["16:00", "sun mon tue", "long day, the patient in bay 3", "wed, 23:00", ""]
)
def test_what_is_not_days_with_end_times(typed: str) -> None:
    from bot.services.schedule import parse_day_times

    assert parse_day_times(typed) is None
