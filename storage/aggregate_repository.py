"""Programme trends: the one place aggregates are computed. Numbers only, small numbers hidden.

* Reads run on a read-only connection and touch only numeric and date columns (ratings, flags,
  pre/post, local dates); ids appear only inside ``count(DISTINCT …)``.
* Windows are fixed calendar weeks (Monday to Sunday, local dates) and only weeks that have ended
  are shown, so two views can never be subtracted to isolate a day or a person.
* A week's figures are frozen the first time they are computed after it ended; later deletions or
  late answers cannot be learnt by comparing views.
* Every figure comes with the number of distinct participants behind it; below ``min_group`` the
  figure never leaves this module (it is returned as ``None``). There are no totals or
  sub-groupings, so a hidden figure cannot be rebuilt from shown ones (docs/privacy.md).
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import aiosqlite

from storage.database import Database

METRICS = (
    "checkin_rate",
    "mean_mood",
    "difficult_share",
    "reflections_completed",
    "mean_change",
    "flag_share",
)
ACTIVE_EDGES = (10, 20, 50, 100, 200)


# A record counts for the programme only if its writer was a participant of it on that day.
# Current membership alone let a person's whole history follow them to a new programme: a lead of
# both could then compare a frozen week of the old programme with the same week of the new one
# and subtract the people who moved, leaving the one who stayed (a walkthrough did exactly that).
# ``:join_offset`` turns the UTC time of joining into the programme's local date.
def _member(alias: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = "
        f"{alias}.user_id AND m.programme = :programme AND m.role = 'participant' "
        f"AND {alias}.local_date >= date(m.joined_at, :join_offset))"
    )


def _in_week(alias: str) -> str:
    return f"{alias}.local_date >= :start AND {alias}.local_date < :end"


# Each query returns (value, distinct contributors) for one programme and week.
_QUERIES: dict[str, str] = {
    "active": (
        "SELECT NULL, count(DISTINCT user_id) FROM ("
        f"SELECT c.user_id FROM checkins c WHERE {_in_week('c')} AND {_member('c')} "
        f"UNION SELECT r.user_id FROM reflections r WHERE {_in_week('r')} AND {_member('r')})"
    ),
    # The contributors of a rate of answers are the people who answered: people who were sent
    # prompts and never answered added only zeros, so one person answering among four silent
    # ones was shown as that person's own rate.
    "checkin_rate": (
        "SELECT avg(answered), count(DISTINCT CASE WHEN answered THEN user_id END) FROM ("
        "SELECT DISTINCT d.user_id, d.local_date, EXISTS (SELECT 1 FROM checkins c "
        "WHERE c.user_id = d.user_id AND c.local_date = d.local_date) AS answered "
        f"FROM checkin_dispatches d WHERE d.status = 'sent' AND {_in_week('d')} "
        f"AND {_member('d')})"
    ),
    "mean_mood": (
        "SELECT avg(c.rating), count(DISTINCT c.user_id) FROM checkins c "
        f"WHERE c.rating IS NOT NULL AND {_in_week('c')} AND {_member('c')}"
    ),
    # Hard as the person's own /mytrends counts it: answered "Difficult shift" or rated 1-2 (the
    # check-in's LOW_RATING). A 1, "very hard", was not counted as difficult before.
    "difficult_share": (
        "SELECT avg(CASE WHEN c.difficult = 1 OR c.rating <= 2 THEN 1.0 ELSE 0.0 END), "
        "count(DISTINCT c.user_id) FROM checkins c "
        f"WHERE c.day_off = 0 AND {_in_week('c')} AND {_member('c')}"
    ),
    "reflections_completed": (
        "SELECT count(*), count(DISTINCT r.user_id) FROM reflections r "
        f"WHERE r.completed = 1 AND {_in_week('r')} AND {_member('r')}"
    ),
    "mean_change": (
        "SELECT avg(r.post - r.pre), count(DISTINCT r.user_id) FROM reflections r "
        "WHERE r.completed = 1 AND r.pre IS NOT NULL AND r.post IS NOT NULL "
        f"AND {_in_week('r')} AND {_member('r')}"
    ),
    "flag_share": (
        "SELECT avg(r.flagged), count(DISTINCT r.user_id) FROM reflections r "
        f"WHERE {_in_week('r')} AND {_member('r')}"
    ),
}

# How precisely each figure is shown: shares as whole percents, means to one decimal.
_ROUNDING: dict[str, tuple[float, int]] = {
    "checkin_rate": (100.0, 0),
    "mean_mood": (1.0, 1),
    "difficult_share": (100.0, 0),
    "reflections_completed": (1.0, 0),
    "mean_change": (1.0, 1),
    "flag_share": (100.0, 0),
}


@dataclass(frozen=True)
class PublishedWeek:
    """One week as a lead may see it. ``None`` means "fewer than min_group participants"."""

    week_start: date
    active: tuple[int, int | None] | None  # a range: (low, high), high None for "low+"
    checkin_rate: float | None  # percent of check-in prompts answered
    mean_mood: float | None  # 1..5
    difficult_share: float | None  # percent of working-day check-ins marked difficult
    reflections_completed: float | None
    mean_change: float | None  # post minus pre, points
    flag_share: float | None  # percent of reflections where the flag appeared

    def figure(self, name: str) -> float | None:
        value: float | None = getattr(self, name)
        return value


def week_start_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def completed_weeks(today: date, count: int) -> list[date]:
    """The Mondays of the ``count`` calendar weeks that ended before ``today``'s week, oldest
    first. The week in progress is never shown: its figures would change from view to view."""
    this_week = week_start_of(today)
    return [this_week - timedelta(weeks=count - i) for i in range(count)]


def active_range(count: int, min_group: int) -> tuple[int, int | None] | None:
    if count < min_group:
        return None
    edges = [min_group, *[edge for edge in ACTIVE_EDGES if edge > min_group]]
    for low, high in itertools.pairwise(edges):
        if low <= count < high:
            return (low, high - 1)
    return (edges[-1], None)


def _rounded(value: float, digits: int) -> float:
    """Halves away from zero, as a lead checking by hand rounds: Python's round() gave 12 for
    12.5 % and -1.2 for -1.25 (half to even)."""
    step = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(value)).quantize(step, rounding=ROUND_HALF_UP))


def _publish(week_start: date, raw: dict[str, Any], min_group: int) -> PublishedWeek:
    shown: dict[str, float | None] = {}
    # A week whose active participants are too few shows nothing at all, as the lead is told
    # ("no figure can be shown"); this also holds for weeks frozen before the rule.
    too_few = int(raw["active"][1]) < min_group
    for name in METRICS:
        value, contributors = raw[name]
        if too_few or value is None or int(contributors) < min_group:
            shown[name] = None
            continue
        scale, digits = _ROUNDING[name]
        rounded = _rounded(float(value) * scale, digits)
        shown[name] = float(int(rounded)) if digits == 0 else rounded
    return PublishedWeek(
        week_start=week_start,
        active=active_range(int(raw["active"][1]), min_group),
        checkin_rate=shown["checkin_rate"],
        mean_mood=shown["mean_mood"],
        difficult_share=shown["difficult_share"],
        reflections_completed=shown["reflections_completed"],
        mean_change=shown["mean_change"],
        flag_share=shown["flag_share"],
    )


def _as_shown(raw: dict[str, Any], min_group: int) -> dict[str, Any]:
    """The figures of a week with what no lead may see taken out: hidden figures as None, the
    rest rounded as ``_publish`` shows them (in the same units, so publishing is unchanged)."""
    kept: dict[str, Any] = {"active": [None, int(raw["active"][1])]}
    too_few = int(raw["active"][1]) < min_group
    for name in METRICS:
        value, contributors = raw[name]
        if too_few or value is None or int(contributors) < min_group:
            kept[name] = [None, int(contributors)]
            continue
        scale, digits = _ROUNDING[name]
        kept[name] = [_rounded(float(value) * scale, digits) / scale, int(contributors)]
    return kept


def _offset_modifier(timezone: str, day: date) -> str:
    """The programme's UTC offset on ``day`` as an SQLite date modifier ("+120 minutes")."""
    try:
        zone: tzinfo = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    offset = datetime.combine(day, time(12), zone).utcoffset() or timedelta()
    minutes = int(offset.total_seconds() // 60)
    return f"{minutes:+d} minutes"


async def _compute(
    connection: aiosqlite.Connection, programme: str, week_start: date
) -> dict[str, Any]:
    async with connection.execute(
        "SELECT timezone FROM programmes WHERE name = ?", (programme,)
    ) as cursor:
        zone_row = await cursor.fetchone()
    parameters = {
        "programme": programme,
        "start": week_start.isoformat(),
        "end": (week_start + timedelta(days=7)).isoformat(),
        "join_offset": _offset_modifier(str(zone_row[0]) if zone_row else "UTC", week_start),
    }
    raw: dict[str, Any] = {}
    for name, sql in _QUERIES.items():
        async with connection.execute(sql, parameters) as cursor:
            row = await cursor.fetchone()
        value, contributors = row if row is not None else (None, 0)
        raw[name] = [None if value is None else float(value), int(contributors or 0)]
    return raw


class AggregateRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def weekly(
        self, programme: str, today: date, *, weeks: int, min_group: int
    ) -> list[PublishedWeek]:
        """The last ``weeks`` complete weeks of the programme, oldest first, suppressed."""
        if min_group < 3:
            raise ValueError("min_group must be at least 3")
        starts = completed_weeks(today, weeks)
        frozen = await self._frozen(programme, starts)
        missing = [start for start in starts if start not in frozen]
        if missing:
            async with self._database.reader() as connection:
                computed = {
                    start: await _compute(connection, programme, start) for start in missing
                }
            await self._freeze(programme, computed, min_group)
            # Another view may have frozen a week first; what is stored is what is shown.
            frozen = await self._frozen(programme, starts)
        return [_publish(start, frozen[start], min_group) for start in starts]

    async def _frozen(self, programme: str, starts: list[date]) -> dict[date, dict[str, Any]]:
        marks = ", ".join("?" for _ in starts)
        async with (
            self._database.reader() as connection,
            connection.execute(
                "SELECT week_start, figures_json FROM weekly_aggregates "
                f"WHERE programme = ? AND week_start IN ({marks})",
                (programme, *[start.isoformat() for start in starts]),
            ) as cursor,
        ):
            rows = await cursor.fetchall()
        return {date.fromisoformat(str(start)): json.loads(str(figures)) for start, figures in rows}

    async def _freeze(
        self, programme: str, computed: dict[date, dict[str, Any]], min_group: int
    ) -> None:
        """Stores each week as it may be shown: a figure about fewer than ``min_group`` people is
        stored as nothing (kept raw, "mean mood 1.0 from 1 person" would be one person's answer,
        surviving their deletion), and the others at the precision they are shown with. The
        numbers of contributors stay, so a higher ``min_group`` later still hides figures."""
        now = datetime.now(UTC).isoformat()
        async with self._database.transaction() as connection:
            await connection.executemany(
                "INSERT OR IGNORE INTO weekly_aggregates(programme, week_start, figures_json, "
                "computed_at) VALUES (?, ?, ?, ?)",
                [
                    (
                        programme,
                        start.isoformat(),
                        json.dumps(_as_shown(raw, min_group), sort_keys=True),
                        now,
                    )
                    for start, raw in computed.items()
                ],
            )
