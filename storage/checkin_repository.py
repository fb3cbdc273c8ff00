"""Check-in answers (numbers only) and the dispatch log that makes sends at-most-once."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from storage.database import Database
from storage.records import CheckinRecord


class CheckinRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def record(
        self,
        user_id: str,
        local_date: date,
        *,
        rating: int | None = None,
        difficult: bool = False,
        day_off: bool = False,
    ) -> None:
        """Store today's answer; a second answer the same day updates the first."""
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO checkins(user_id, local_date, rating, difficult, day_off, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(user_id, local_date) DO UPDATE SET "
                "rating = coalesce(excluded.rating, checkins.rating), "
                "difficult = max(checkins.difficult, excluded.difficult), "
                "day_off = excluded.day_off",
                (
                    user_id,
                    local_date.isoformat(),
                    rating,
                    int(difficult),
                    int(day_off),
                    datetime.now(UTC).isoformat(),
                ),
            )

    async def get(self, user_id: str, local_date: date) -> CheckinRecord | None:
        async with self._database.writer.execute(
            "SELECT user_id, local_date, rating, difficult, day_off, created_at FROM checkins "
            "WHERE user_id = ? AND local_date = ?",
            (user_id, local_date.isoformat()),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _checkin(tuple(row))

    async def list_since(self, user_id: str, since: date) -> list[CheckinRecord]:
        async with self._database.writer.execute(
            "SELECT user_id, local_date, rating, difficult, day_off, created_at FROM checkins "
            "WHERE user_id = ? AND local_date >= ? ORDER BY local_date",
            (user_id, since.isoformat()),
        ) as cursor:
            return [_checkin(tuple(row)) for row in await cursor.fetchall()]

    async def claim_dispatch(self, user_id: str, local_date: date, slot: str) -> bool:
        """Record that this prompt is about to be sent; False if it was ever claimed before."""
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                "INSERT OR IGNORE INTO checkin_dispatches(user_id, local_date, slot, status, "
                "created_at) VALUES (?, ?, ?, 'sending', ?)",
                (user_id, local_date.isoformat(), slot, datetime.now(UTC).isoformat()),
            )
            claimed = cursor.rowcount == 1
            await cursor.close()
        return claimed

    async def mark_dispatch(self, user_id: str, local_date: date, slot: str, status: str) -> None:
        async with self._database.transaction() as connection:
            await connection.execute(
                "UPDATE checkin_dispatches SET status = ? "
                "WHERE user_id = ? AND local_date = ? AND slot = ?",
                (status, user_id, local_date.isoformat(), slot),
            )

    async def claim_dispatches(self, items: list[tuple[str, date, str]]) -> list[bool]:
        """Claim several prompts in one transaction (one fsync): True where newly claimed."""
        now = datetime.now(UTC).isoformat()
        claimed: list[bool] = []
        async with self._database.transaction() as connection:
            for user_id, local_date, slot in items:
                cursor = await connection.execute(
                    "INSERT OR IGNORE INTO checkin_dispatches(user_id, local_date, slot, status, "
                    "created_at) VALUES (?, ?, ?, 'sending', ?)",
                    (user_id, local_date.isoformat(), slot, now),
                )
                claimed.append(cursor.rowcount == 1)
                await cursor.close()
        return claimed

    async def settle_dispatches(self, outcomes: list[tuple[str, date, str, str | None]]) -> None:
        """Record how each claimed send ended; a status of None releases the claim (the prompt
        certainly did not reach Telegram, so a later tick may send it)."""
        async with self._database.transaction() as connection:
            for user_id, local_date, slot, status in outcomes:
                key = (user_id, local_date.isoformat(), slot)
                if status is None:
                    await connection.execute(
                        "DELETE FROM checkin_dispatches WHERE user_id = ? AND local_date = ? "
                        "AND slot = ? AND status = 'sending'",
                        key,
                    )
                else:
                    await connection.execute(
                        "UPDATE checkin_dispatches SET status = ? "
                        "WHERE user_id = ? AND local_date = ? AND slot = ?",
                        (status, *key),
                    )

    async def settle_interrupted(self) -> int:
        """At start: prompts claimed but never marked were in flight when the process died. They
        may or may not have arrived, so they become 'unconfirmed' and are never resent."""
        return await self._database.execute_write(
            "UPDATE checkin_dispatches SET status = 'unconfirmed' WHERE status = 'sending'"
        )

    async def dispatch_counts(self) -> dict[str, int]:
        async with self._database.writer.execute(
            "SELECT status, count(*) FROM checkin_dispatches GROUP BY status"
        ) as cursor:
            return {str(status): int(n) for status, n in await cursor.fetchall()}

    async def latest_sent(self, user_id: str, before: date, limit: int) -> list[tuple[date, bool]]:
        """The last ``limit`` days before ``before`` on which a check-in went out (sent, or
        perhaps sent before a crash), newest first, each with whether it was answered."""
        async with self._database.writer.execute(
            "SELECT DISTINCT d.local_date, EXISTS (SELECT 1 FROM checkins c "
            "WHERE c.user_id = d.user_id AND c.local_date = d.local_date) "
            "FROM checkin_dispatches d WHERE d.user_id = ? AND d.local_date < ? "
            "AND d.status IN ('sent', 'unconfirmed') ORDER BY d.local_date DESC LIMIT ?",
            (user_id, before.isoformat(), limit),
        ) as cursor:
            return [
                (date.fromisoformat(day), bool(answered))
                for day, answered in await cursor.fetchall()
            ]

    async def dispatches(self, user_id: str) -> list[tuple[str, str, str]]:
        async with self._database.writer.execute(
            "SELECT local_date, slot, status FROM checkin_dispatches WHERE user_id = ? "
            "ORDER BY local_date, slot",
            (user_id,),
        ) as cursor:
            return [(str(a), str(b), str(c)) for a, b, c in await cursor.fetchall()]


def _checkin(row: tuple[Any, ...]) -> CheckinRecord:
    user_id, local_date, rating, difficult, day_off, created_at = row
    return CheckinRecord(
        user_id=str(user_id),
        local_date=date.fromisoformat(local_date),
        rating=None if rating is None else int(rating),
        difficult=bool(difficult),
        day_off=bool(day_off),
        created_at=datetime.fromisoformat(created_at),
    )
