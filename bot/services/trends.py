"""What programme leads see: the weekly table, a plain-language summary, a chart, a CSV.

Everything here is built from :class:`storage.aggregate_repository.PublishedWeek`, where figures
from fewer than ``min_group_size`` participants are already ``None``. This module never sees a
hidden figure, a participant's row or an identifier, and it imports no participant repository
(``tests/test_leads.py`` checks the import graph).
"""

from __future__ import annotations

import asyncio
import csv
import io
import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.prompts import RIGHT_TO_LEFT, Prompts
from bot.services.chart_text import visual
from bot.settings import Settings
from storage.aggregate_repository import (
    METRICS,
    AggregateRepository,
    PublishedWeek,
    week_start_of,
)
from storage.programme_repository import LeadView, ProgrammeRepository
from storage.records import LeadContact

TREND_WEEKS = 8
# The weekly digest: Mondays from 09:00 programme time; a digest not sent that Monday is skipped.
DIGEST_TIME = time(9, 0)
DIGEST_WINDOW = timedelta(hours=15)
# Figures whose direction the summary describes, in the order it mentions them.
DIRECTIONAL = ("difficult_share", "mean_mood", "checkin_rate", "flag_share")


@dataclass(frozen=True)
class ProgrammeTrends:
    programme: str
    weeks: list[PublishedWeek]
    min_group: int

    @property
    def anything_shown(self) -> bool:
        return any(week.active is not None for week in self.weeks)

    @property
    def latest_shown(self) -> PublishedWeek | None:
        shown = [week for week in self.weeks if week.active is not None]
        return shown[-1] if shown else None


def run_at_end(values: list[float | None]) -> tuple[str, int] | None:
    """('up'|'down', weeks) when the last figures moved the same way at least twice running."""
    direction: str | None = None
    steps = 0
    for previous, current in zip(reversed(values[:-1]), reversed(values[1:]), strict=True):
        if previous is None or current is None or current == previous:
            break
        step = "up" if current > previous else "down"
        if direction is None:
            direction = step
        elif step != direction:
            break
        steps += 1
    if direction is None or steps < 2:
        return None
    return direction, steps


def active_text(active: tuple[int, int | None]) -> str:
    low, high = active
    return f"{low}–{high}" if high is not None else f"{low}+"


class TrendsService:
    def __init__(
        self,
        aggregates: AggregateRepository,
        programmes: ProgrammeRepository,
        prompts: Prompts,
        settings: Settings,
        clock: Clock,
    ) -> None:
        self._aggregates = aggregates
        self._programmes = programmes
        self._prompts = prompts
        self._settings = settings
        self._clock = clock

    async def today_in(self, programme: str) -> date:
        timezone = await self._programmes.timezone_of(programme) or self._settings.timezone
        return self._clock.now().astimezone(ZoneInfo(timezone)).date()

    async def trends(self, programme: str) -> ProgrammeTrends:
        today = await self.today_in(programme)
        weeks = await self._aggregates.weekly(
            programme, today, weeks=TREND_WEEKS, min_group=self._settings.min_group_size
        )
        return ProgrammeTrends(programme, weeks, self._settings.min_group_size)

    async def record_view(self, actor: str, programme: str, view: str) -> None:
        await self._programmes.audit(actor, programme, view, self._clock.now())

    async def lead_view(self, telegram_id: int) -> LeadView | None:
        return await self._programmes.lead_view(telegram_id)

    async def set_digest(self, lead: LeadView, enabled: bool) -> None:
        await self._programmes.set_digest(lead.user_id, enabled)

    async def digest_enabled(self, lead: LeadView) -> bool:
        memberships = await self._programmes.memberships_of(lead.user_id)
        return any(m.digest for m in memberships if m.role == "lead")

    async def due_digests(self) -> list[tuple[str, LeadContact, date]]:
        """(programme, lead, week) for every opted-in lead whose digest is due now and was never
        claimed; each is claimed here, before it is sent, so it goes out at most once."""
        due: list[tuple[str, LeadContact, date]] = []
        now = self._clock.now()
        # Every tick checks the clock per programme first; leads (and their encrypted chat ids)
        # are read only for a programme whose Monday window is open, and only those not yet sent.
        for programme, zone in await self._programmes.zones():
            timezone = ZoneInfo(zone)
            local_now = now.astimezone(timezone)
            monday = week_start_of(local_now.date())
            starts = datetime.combine(monday, DIGEST_TIME, timezone)
            if not starts <= local_now < starts + DIGEST_WINDOW:
                continue
            for lead in await self._programmes.digest_recipients(programme, monday):
                if await self._programmes.claim_digest(lead.user_id, programme, monday):
                    due.append((programme, lead, monday))
        return due

    async def digest_done(self, lead: LeadContact, programme: str, week: date, sent: bool) -> None:
        await self._programmes.mark_digest(
            lead.user_id, programme, week, "sent" if sent else "failed"
        )
        if sent:
            await self.record_view(lead.user_id, programme, "digest")

    # -- words ----------------------------------------------------------------------------------

    def _figure(self, language: str, week: PublishedWeek, name: str, k: int) -> str:
        value = week.figure(name)
        if value is None:
            return self._prompts.text(language, "trends.hidden", k=k)
        if name in ("checkin_rate", "difficult_share", "flag_share"):
            return f"{value:.0f}%"
        if name == "mean_change":
            return f"{value:+.1f}"
        if name == "reflections_completed":
            return f"{value:.0f}"
        return f"{value:.1f}"

    def summary(self, trends: ProgrammeTrends, language: str) -> str:
        text = self._prompts.text
        k = trends.min_group
        lines = [text(language, "trends.title", programme=trends.programme, weeks=TREND_WEEKS)]
        latest = trends.latest_shown
        if latest is None or latest.active is None:
            lines.append(text(language, "trends.nothing_shown", k=k))
            return "\n".join(lines)
        newest = trends.weeks[-1]
        if newest is not latest:
            # The week just ended had too few people: say so, or last week's figures repeated
            # under "last week shown" read as this week's (a walkthrough's Monday digest).
            week = newest.week_start.strftime("%d.%m.%Y")
            lines.append(text(language, "trends.newest_hidden", week=week, k=k))
        lines.append(text(language, "trends.latest", week=latest.week_start.strftime("%d.%m.%Y")))
        active = active_text(latest.active)
        if language in RIGHT_TO_LEFT:  # "5–9" in a Hebrew line shows as "9–5"; "5-9" does not
            active = active.replace("–", "-")
        lines.append(text(language, "trends.line.active", value=active))
        for name in METRICS:
            lines.append(
                text(language, f"trends.line.{name}", value=self._figure(language, latest, name, k))
            )
        movements = []
        for name in DIRECTIONAL:
            run = run_at_end([week.figure(name) for week in trends.weeks])
            if run is not None:
                direction, steps = run
                movements.append(text(language, f"trends.moved.{name}.{direction}", weeks=steps))
        lines.append("")
        lines.extend(movements or [text(language, "trends.steady")])
        lines.append(text(language, "trends.note", k=k))
        return "\n".join(lines)

    def csv(self, trends: ProgrammeTrends) -> str:
        """The same table the chart shows, one row per week; hidden cells say so."""
        hidden = f"fewer than {trends.min_group}"
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(
            [
                "programme",
                "week_start",
                "active_participants",
                "checkin_rate_percent",
                "mean_mood",
                "difficult_share_percent",
                "reflections_completed",
                "mean_change",
                "flag_share_percent",
            ]
        )
        for week in trends.weeks:
            row: list[str] = [
                trends.programme,
                week.week_start.isoformat(),
                # "10 to 19", not "10-19": spreadsheets read "5-9" as the 5th of September.
                active_text(week.active).replace("–", " to ") if week.active else hidden,
            ]
            for name in METRICS:
                value = week.figure(name)
                row.append(hidden if value is None else f"{value:g}")
            writer.writerow(row)
        return buffer.getvalue()

    # -- chart ----------------------------------------------------------------------------------

    async def chart(self, trends: ProgrammeTrends, language: str) -> bytes:
        return await asyncio.to_thread(render_programme_chart, trends, self._prompts, language)


def render_programme_chart(trends: ProgrammeTrends, prompts: Prompts, language: str) -> bytes:
    """PNG bytes, 1000×800. Blocking (matplotlib): call it from a worker thread."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    def label(key: str, **values: object) -> str:
        return visual(prompts.text(language, key, **values), language)

    weeks = trends.weeks
    xs = list(range(len(weeks)))
    hidden_xs = [x for x, week in zip(xs, weeks, strict=True) if week.active is None]
    figure = Figure(figsize=(10, 8), dpi=100)
    mood_axes, share_axes, reflection_axes = figure.subplots(3, 1, sharex=True)

    def series(name: str) -> tuple[list[int], list[float]]:
        points = [(x, week.figure(name)) for x, week in zip(xs, weeks, strict=True)]
        shown = [(x, value) for x, value in points if value is not None]
        return [x for x, _ in shown], [value for _, value in shown]

    def line(name: str) -> tuple[list[int], list[float]]:
        # A hidden week is a gap in the line (NaN), as the summary breaks a run there: a line
        # drawn across it read as a value.
        values = [week.figure(name) for week in weeks]
        return xs, [math.nan if value is None else value for value in values]

    mood_x, mood_y = line("mean_mood")
    mood_axes.plot(mood_x, mood_y, marker="o", color="#3b6ea8", label=label("chart.lead.mood"))
    mood_axes.set_ylim(0.5, 5.5)
    mood_axes.set_yticks([1, 2, 3, 4, 5])
    change_x, change_y = series("mean_change")
    if change_x:
        change_axes = mood_axes.twinx()
        change_axes.bar(
            change_x,
            change_y,
            width=0.35,
            color="#4f9a5a",
            alpha=0.45,
            label=label("chart.lead.change"),
        )
        change_axes.set_ylim(-4, 4)
        change_axes.axhline(0, color="#4f9a5a", lw=0.6)
        change_axes.legend(loc="upper right", fontsize=8, frameon=False)
    mood_axes.legend(loc="upper left", fontsize=8, frameon=False)

    for name, colour in (
        ("checkin_rate", "#3b6ea8"),
        ("difficult_share", "#c0504d"),
        ("flag_share", "#8064a2"),
    ):
        share_x, share_y = line(name)
        share_axes.plot(
            share_x, share_y, marker="o", color=colour, label=label(f"chart.lead.{name}")
        )
    share_axes.set_ylim(-5, 105)
    share_axes.set_ylabel("%")
    share_axes.legend(loc="upper left", fontsize=8, frameon=False)

    done_x, done_y = series("reflections_completed")
    reflection_axes.bar(done_x, done_y, color="#4f9a5a", label=label("chart.lead.reflections"))
    reflection_axes.set_ylim(0, max([*done_y, 1.0]) * 1.2)  # counts: never below zero
    reflection_axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    reflection_axes.legend(loc="upper left", fontsize=8, frameon=False)

    hidden_label = label("chart.lead.hidden", k=trends.min_group)
    for axes in (mood_axes, share_axes, reflection_axes):
        axes.grid(axis="y", alpha=0.3)
        for x in hidden_xs:
            axes.axvspan(x - 0.45, x + 0.45, color="#bbbbbb", alpha=0.25, lw=0)
    for x in hidden_xs:
        share_axes.text(x, 50, hidden_label, ha="center", va="center", fontsize=7, rotation=90)
    tick_labels = []
    for week in weeks:
        active = active_text(week.active) if week.active else f"<{trends.min_group}"
        tick_labels.append(f"{week.week_start.strftime('%d.%m')}\n{active}")
    reflection_axes.set_xticks(xs)
    reflection_axes.set_xticklabels(tick_labels, fontsize=8)
    reflection_axes.set_xlim(-0.6, len(weeks) - 0.4)
    reflection_axes.set_xlabel(label("chart.lead.x"))
    figure.suptitle(label("chart.lead.title", programme=trends.programme))
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
