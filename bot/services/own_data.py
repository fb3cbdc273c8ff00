"""A person's own data: export, supervision notes, personal trends. No Telegram here."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean
from typing import Any
from zoneinfo import ZoneInfo

from bot.prompts import Prompts
from bot.services.chart_text import visual
from bot.services.checkins import LOW_RATING
from storage import Storage
from storage.records import CheckinRecord, JournalEntry, ReflectionRecord, UserRecord

TREND_DAYS = 28


def _entry_json(entry: JournalEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "created_at": entry.created_at.isoformat(),
        "kind": entry.kind,
        "text": entry.text,
        "marked_for_supervision": entry.for_supervision,
    }


async def all_entries(storage: Storage, user_id: str) -> list[JournalEntry]:
    entries: list[JournalEntry] = []
    while True:
        page = await storage.journal.list_for_user(user_id, limit=200, offset=len(entries))
        entries.extend(page)
        if len(page) < 200:
            return entries


async def build_export(
    storage: Storage, prompts: Prompts, user: UserRecord, now: datetime
) -> tuple[bytes, bytes]:
    """(JSON, Markdown) of everything stored about the person, decrypted for them alone."""
    entries = await all_entries(storage, user.id)
    checkins = await storage.checkins.list_since(user.id, date.min)
    reflections = await storage.reflections.list_since(user.id, date.min)
    feedback = await storage.reflections.list_feedback(user.id)
    state = await storage.state.get(user.id)
    document = {
        "exported_at": now.isoformat(),
        "account": {
            "created_at": user.created_at.isoformat(),
            "status": user.status,
            "language": user.language,
            "timezone": user.timezone,
            "schedule": user.schedule,
            "quiet_hours": [user.quiet_start, user.quiet_end],
            "paused_until": user.paused_until.isoformat() if user.paused_until else None,
            # Kept (encrypted) for a day so the next check-in stays gentle.
            "last_crisis_reply_at": (
                crisis_reply.isoformat()
                if (crisis_reply := await storage.users.crisis_reply_at(user.id))
                else None
            ),
            "programmes": [
                {"programme": m.programme, "role": m.role, "weekly_digest": m.digest}
                for m in await storage.programmes.memberships_of(user.id)
            ],
        },
        "journal_entries": [_entry_json(entry) for entry in entries],
        "checkins": [
            {
                "date": c.local_date.isoformat(),
                "rating": c.rating,
                "difficult_shift": c.difficult,
                "day_off": c.day_off,
            }
            for c in checkins
        ],
        "reflections": [
            {
                "started_at": r.started_at.isoformat(),
                "date": r.local_date.isoformat(),
                "mood_before": r.pre,
                "mood_after": r.post,
                "over_identification_flag": r.flagged,
                "completed": r.completed,
                "journal_entry_id": r.entry_id,
            }
            for r in reflections
        ],
        "flag_feedback": [{"at": at.isoformat(), "note": note} for at, note in feedback],
        "conversation_in_progress": state,
        "not_stored": prompts.text(user.language, "export.not_stored"),
    }
    # "replace": a lone surrogate (JSON can carry one into a text, UTF-8 cannot) must not stop
    # the export.
    as_json = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8", "replace")
    language = user.language
    local_day = now.astimezone(ZoneInfo(user.timezone)).date().isoformat()
    lines = [f"# {prompts.text(language, 'export.title')}", "", local_day, ""]
    zone = ZoneInfo(user.timezone)
    for entry in sorted(entries, key=lambda e: e.created_at):
        kind = prompts.text(language, f"entries.kind.{entry.kind}")
        # The person's own day (an entry written at 00:30 belongs to that night, not to UTC's
        # date), and whether it is marked for supervision, as the JSON says.
        day = entry.created_at.astimezone(zone).date().isoformat()
        marked = prompts.text(language, "entries.marked") if entry.for_supervision else ""
        lines += [f"## {day} · {kind}{marked}", "", entry.text, ""]
    if checkins:
        lines += [f"## {prompts.text(language, 'export.checkins')}", ""]
        for c in checkins:
            parts = [c.local_date.isoformat()]
            if c.rating is not None:
                parts.append(f"{c.rating}/5")
            if c.difficult:
                parts.append(prompts.text(language, "checkin.difficult"))
            if c.day_off:
                parts.append(prompts.text(language, "checkin.day_off"))
            lines.append("- " + " · ".join(parts))
        lines.append("")
    return as_json, "\n".join(lines).encode("utf-8", "replace")


async def supervision_notes(
    storage: Storage, prompts: Prompts, user: UserRecord, since: date | None, today: date
) -> tuple[int, bytes]:
    entries = [
        entry
        for entry in await all_entries(storage, user.id)
        if entry.for_supervision and (since is None or entry.created_at.date() >= since)
    ]
    entries.sort(key=lambda e: e.created_at)
    language = user.language
    lines = [
        f"# {prompts.text(language, 'supervision.title')}",
        "",
        prompts.text(language, "supervision.generated", date=today.isoformat()),
        "",
    ]
    for entry in entries:
        kind = prompts.text(language, f"entries.kind.{entry.kind}")
        lines += [f"## {entry.created_at.date().isoformat()} · {kind}", "", entry.text, ""]
    return len(entries), "\n".join(lines).encode("utf-8", "replace")


@dataclass(frozen=True)
class PersonalTrends:
    days: list[date]
    mood: dict[date, int]
    difficult: set[date]
    reflections: list[ReflectionRecord]

    @property
    def empty(self) -> bool:
        return not self.mood and not self.difficult and not self.reflections

    def hard_days(self) -> set[date]:
        """Days told as hard: rated 1-2 (as the check-in counts them) or marked difficult."""
        return self.difficult | {day for day, rating in self.mood.items() if rating <= LOW_RATING}

    def mean_mood(self) -> float | None:
        return round(mean(self.mood.values()), 1) if self.mood else None

    def direction(self) -> str:
        # The person's own ratings in date order, earlier half against later half: halves of the
        # calendar called a 5 then four 1s in the last ten days "steady" (one half was empty).
        # Under four ratings there is no direction to speak of: "steady across the month" from
        # two ratings told a person something their month had not shown.
        ratings = [self.mood[day] for day in sorted(self.mood)]
        if len(ratings) < 4:
            return "few"
        half = len(ratings) // 2
        change = mean(ratings[-half:]) - mean(ratings[:half])
        return "up" if change >= 0.5 else "down" if change <= -0.5 else "flat"

    def mean_change(self) -> float | None:
        changes = [
            r.post - r.pre for r in self.reflections if r.pre is not None and r.post is not None
        ]
        return round(mean(changes), 1) if changes else None


async def personal_trends(storage: Storage, user: UserRecord, today: date) -> PersonalTrends:
    start = today - timedelta(days=TREND_DAYS - 1)
    # A day after "today" exists when the person moved west after checking in ("today" in
    # Jerusalem is still yesterday in New York): it belongs to the next chart, not this one.
    checkins: list[CheckinRecord] = [
        c for c in await storage.checkins.list_since(user.id, start) if c.local_date <= today
    ]
    reflections = [
        r
        for r in await storage.reflections.list_since(user.id, start)
        if r.completed and r.local_date <= today
    ]
    return PersonalTrends(
        days=[start + timedelta(days=i) for i in range(TREND_DAYS)],
        mood={c.local_date: c.rating for c in checkins if c.rating is not None},
        difficult={c.local_date for c in checkins if c.difficult},
        reflections=reflections,
    )


def render_trends_chart(trends: PersonalTrends, prompts: Prompts, language: str) -> bytes:
    """PNG bytes. Blocking (matplotlib): call it from a worker thread."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 4.2), dpi=110)
    axes = figure.add_subplot()
    index = {day: i for i, day in enumerate(trends.days)}
    mood_days = sorted(trends.mood)
    axes.plot(
        [index[d] for d in mood_days],
        [trends.mood[d] for d in mood_days],
        marker="o",
        color="#3b6ea8",
        label=visual(prompts.text(language, "chart.mood"), language),
    )
    if trends.difficult:
        axes.scatter(
            [index[d] for d in sorted(trends.difficult)],
            [0.6] * len(trends.difficult),
            marker="^",
            color="#c0504d",
            s=60,
            label=visual(prompts.text(language, "chart.difficult"), language),
        )
    labelled = False
    for reflection in trends.reflections:
        if reflection.pre is None or reflection.post is None:
            continue
        x = index.get(reflection.local_date)
        if x is None:
            continue
        axes.annotate(
            "",
            xy=(x + 0.15, reflection.post),
            xytext=(x + 0.15, reflection.pre),
            arrowprops={"arrowstyle": "->", "color": "#4f9a5a", "lw": 2},
        )
        if not labelled:
            axes.plot(
                [],
                [],
                color="#4f9a5a",
                lw=2,
                label=visual(prompts.text(language, "chart.reflection"), language),
            )
            labelled = True
    axes.set_ylim(0.3, 5.5)
    axes.set_yticks([1, 2, 3, 4, 5])
    ticks = [*range(0, len(trends.days), 7), len(trends.days) - 1]
    axes.set_xticks(ticks)
    axes.set_xticklabels([trends.days[i].strftime("%d.%m") for i in ticks])
    axes.set_xlim(-0.5, len(trends.days) - 0.5)
    axes.grid(axis="y", alpha=0.3)
    axes.set_title(visual(prompts.text(language, "chart.title"), language))
    axes.legend(loc="upper left", fontsize=8, frameon=False)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
