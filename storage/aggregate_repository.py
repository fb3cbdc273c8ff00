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
from datetime import UTC, date, datetime, timedelta
from typing import Any

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

_PARTICIPANTS = (
    "SELECT user_id FROM memberships WHERE programme = :programme AND role = 'participant'"
)
_IN_WEEK = "local_date >= :start AND local_date < :end"

# Each query returns (value, distinct contributors) for one programme and week.
_QUERIES: dict[str, str] = {
    "active": (
        "SELECT NULL, count(DISTINCT user_id) FROM ("
        f"SELECT user_id FROM checkins WHERE {_IN_WEEK} "
        f"UNION SELECT user_id FROM reflections WHERE {_IN_WEEK}) "
        f"WHERE user_id IN ({_PARTICIPANTS})"
    ),
    "checkin_rate": (
        "SELECT avg(answered), count(DISTINCT user_id) FROM ("
        "SELECT DISTINCT d.user_id, d.local_date, EXISTS (SELECT 1 FROM checkins c "
        "WHERE c.user_id = d.user_id AND c.local_date = d.local_date) AS answered "
        f"FROM checkin_dispatches d WHERE d.status = 'sent' AND d.{_IN_WEEK} "
        f"AND d.user_id IN ({_PARTICIPANTS}))"
    ),
    "mean_mood": (
        "SELECT avg(rating), count(DISTINCT user_id) FROM checkins "
        f"WHERE rating IS NOT NULL AND {_IN_WEEK} AND user_id IN ({_PARTICIPANTS})"
    ),
    "difficult_share": (
        "SELECT avg(difficult), count(DISTINCT user_id) FROM checkins "
        f"WHERE day_off = 0 AND {_IN_WEEK} AND user_id IN ({_PARTICIPANTS})"
    ),
    "reflections_completed": (
        "SELECT count(*), count(DISTINCT user_id) FROM reflections "
        f"WHERE completed = 1 AND {_IN_WEEK} AND user_id IN ({_PARTICIPANTS})"
    ),
    "mean_change": (
        "SELECT avg(post - pre), count(DISTINCT user_id) FROM reflections WHERE completed = 1 "
        f"AND pre IS NOT NULL AND post IS NOT NULL AND {_IN_WEEK} "
        f"AND user_id IN ({_PARTICIPANTS})"
    ),
    "flag_share": (
        "SELECT avg(flagged), count(DISTINCT user_id) FROM reflections "
        f"WHERE {_IN_WEEK} AND user_id IN ({_PARTICIPANTS})"
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


def _publish(week_start: date, raw: dict[str, Any], min_group: int) -> PublishedWeek:
    shown: dict[str, float | None] = {}
    for name in METRICS:
        value, contributors = raw[name]
        if value is None or int(contributors) < min_group:
            shown[name] = None
            continue
        scale, digits = _ROUNDING[name]
        rounded = round(float(value) * scale, digits)
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
    for name in METRICS:
        value, contributors = raw[name]
        if value is None or int(contributors) < min_group:
            kept[name] = [None, int(contributors)]
            continue
        scale, digits = _ROUNDING[name]
        kept[name] = [round(float(value) * scale, digits) / scale, int(contributors)]
    return kept


async def _compute(
    connection: aiosqlite.Connection, programme: str, week_start: date
) -> dict[str, Any]:
    parameters = {
        "programme": programme,
        "start": week_start.isoformat(),
        "end": (week_start + timedelta(days=7)).isoformat(),
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
