"""Reflections as numbers (pre, post, flagged) plus encrypted "That's not it" feedback."""

from __future__ import annotations

import secrets
from datetime import UTC, date, datetime
from typing import Any

from storage.database import Database
from storage.keystore import KeyStore
from storage.records import ReflectionRecord

_COLUMNS = "id, user_id, started_at, local_date, pre, post, flagged, completed, entry_id"


class ReflectionRepository:
    def __init__(self, database: Database, keystore: KeyStore) -> None:
        self._database = database
        self._keystore = keystore

    async def start(self, user_id: str, local_date: date, pre: int | None) -> str:
        reflection_id = secrets.token_hex(8)
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO reflections(id, user_id, started_at, local_date, pre) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    reflection_id,
                    user_id,
                    datetime.now(UTC).isoformat(),
                    local_date.isoformat(),
                    pre,
                ),
            )
        return reflection_id

    async def update(self, user_id: str, reflection_id: str, **values: object) -> None:
        allowed = {"pre", "post", "flagged", "completed", "entry_id"}
        if set(values) - allowed:
            raise ValueError(f"not updatable: {sorted(set(values) - allowed)}")
        if not values:
            return
        columns = list(values)
        assignments = ", ".join(f"{column} = ?" for column in columns)
        parameters = [int(v) if isinstance(v, bool) else v for v in values.values()]
        async with self._database.transaction() as connection:
            await connection.execute(
                f"UPDATE reflections SET {assignments} WHERE id = ? AND user_id = ?",
                (*parameters, reflection_id, user_id),
            )

    async def get(self, user_id: str, reflection_id: str) -> ReflectionRecord | None:
        async with self._database.writer.execute(
            f"SELECT {_COLUMNS} FROM reflections WHERE id = ? AND user_id = ?",
            (reflection_id, user_id),
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else _reflection(tuple(row))

    async def list_since(self, user_id: str, since: date) -> list[ReflectionRecord]:
        async with self._database.writer.execute(
            f"SELECT {_COLUMNS} FROM reflections WHERE user_id = ? AND local_date >= ? "
            "ORDER BY started_at",
            (user_id, since.isoformat()),
        ) as cursor:
            return [_reflection(tuple(row)) for row in await cursor.fetchall()]

    async def add_feedback(self, user_id: str, note: str) -> None:
        cipher = await self._keystore.cipher_for(user_id)
        if cipher is None:
            raise LookupError("this user has been erased")
        feedback_id = secrets.token_hex(8)
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO flag_feedback(id, user_id, created_at, note_enc) VALUES (?, ?, ?, ?)",
                (
                    feedback_id,
                    user_id,
                    datetime.now(UTC).isoformat(),
                    cipher.encrypt("flag_feedback", "note", feedback_id, note),
                ),
            )

    async def list_feedback(self, user_id: str) -> list[tuple[datetime, str]]:
        cipher = await self._keystore.cipher_for(user_id)
        if cipher is None:
            return []
        async with self._database.writer.execute(
            "SELECT id, created_at, note_enc FROM flag_feedback WHERE user_id = ? "
            "ORDER BY created_at",
            (user_id,),
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            (
                datetime.fromisoformat(created_at),
                cipher.decrypt("flag_feedback", "note", str(feedback_id), bytes(note)),
            )
            for feedback_id, created_at, note in rows
        ]


def _reflection(row: tuple[Any, ...]) -> ReflectionRecord:
    reflection_id, user_id, started_at, local_date, pre, post, flagged, completed, entry_id = row
    return ReflectionRecord(
        id=str(reflection_id),
        user_id=str(user_id),
        started_at=datetime.fromisoformat(started_at),
        local_date=date.fromisoformat(local_date),
        pre=None if pre is None else int(pre),
        post=None if post is None else int(post),
        flagged=bool(flagged),
        completed=bool(completed),
        entry_id=None if entry_id is None else str(entry_id),
    )
