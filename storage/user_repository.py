"""Users: found by an HMAC of their Telegram id; their chat id is stored encrypted."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, date, datetime
from typing import Any

from storage.crypto import DataKeyCipher, telegram_handle
from storage.database import Database
from storage.keystore import KeyStore
from storage.records import UserRecord, UserSchedule

_COLUMNS = (
    "id, chat_id_enc, language, timezone, status, created_at, schedule_json, quiet_start, "
    "quiet_end, paused_until, snoozed_until, reachable, hebrew_notice_shown"
)
# Columns a service may change through update(); all clear settings, never personal text.
_UPDATABLE = {
    "language",
    "timezone",
    "status",
    "schedule_json",
    "quiet_start",
    "quiet_end",
    "paused_until",
    "snoozed_until",
    "reachable",
    "hebrew_notice_shown",
}


def _to_sql(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


# The crisis-reply column holds, encrypted, either a time or this word, padded to one length:
# an audit found the column NULL for everyone except people who had got the crisis reply, which
# told anyone holding the file who they were without any key.
_NO_CRISIS_REPLY = "none"
_CRISIS_BLOB_WIDTH = 48


def _crisis_blob(cipher: DataKeyCipher, user_id: str, at: datetime | None) -> bytes:
    value = _NO_CRISIS_REPLY if at is None else at.isoformat()
    return cipher.encrypt("users", "crisis_reply_at", user_id, value.ljust(_CRISIS_BLOB_WIDTH))


class UserRepository:
    def __init__(self, database: Database, keystore: KeyStore) -> None:
        self._database = database
        self._keystore = keystore

    def _handle(self, telegram_id: int) -> str:
        return telegram_handle(self._database.lookup_key, telegram_id)

    @staticmethod
    def _record(row: tuple[Any, ...], cipher: DataKeyCipher) -> UserRecord:
        (user_id, chat_id_enc, language, timezone, status, created_at, schedule_json) = row[:7]
        (quiet_start, quiet_end, paused_until, snoozed_until, reachable) = row[7:12]
        hebrew_notice_shown = row[12]
        chat_id = cipher.decrypt("users", "chat_id", str(user_id), bytes(chat_id_enc))
        return UserRecord(
            id=str(user_id),
            chat_id=int(chat_id),
            language=str(language),
            timezone=str(timezone),
            status=str(status),
            created_at=datetime.fromisoformat(str(created_at)),
            schedule=json.loads(schedule_json),
            quiet_start=str(quiet_start),
            quiet_end=str(quiet_end),
            paused_until=date.fromisoformat(paused_until) if paused_until else None,
            snoozed_until=datetime.fromisoformat(snoozed_until) if snoozed_until else None,
            reachable=bool(reachable),
            hebrew_notice_shown=bool(hebrew_notice_shown),
        )

    async def _fetch(self, where: str, value: str) -> UserRecord | None:
        async with self._database.writer.execute(
            f"SELECT {_COLUMNS} FROM users WHERE {where} = ?", (value,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        cipher = await self._keystore.cipher_for(str(row[0]))
        if cipher is None:
            return None
        return self._record(tuple(row), cipher)

    async def find_by_telegram_id(self, telegram_id: int) -> UserRecord | None:
        return await self._fetch("telegram_handle", self._handle(telegram_id))

    async def get(self, user_id: str) -> UserRecord | None:
        return await self._fetch("id", user_id)

    async def create(
        self, telegram_id: int, chat_id: int, language: str, timezone: str
    ) -> UserRecord:
        """Create the user with a fresh data key, or return the one that already exists."""
        handle = self._handle(telegram_id)
        user_id = secrets.token_hex(16)
        created_at = datetime.now(UTC)
        async with self._database.transaction() as connection:
            async with connection.execute(
                "SELECT id FROM users WHERE telegram_handle = ?", (handle,)
            ) as cursor:
                existing = await cursor.fetchone()
            if existing is None:
                cipher = await self._keystore.create_key(connection, user_id)
                await connection.execute(
                    "INSERT INTO users(id, telegram_handle, chat_id_enc, language, timezone, "
                    "status, created_at, crisis_reply_enc) "
                    "VALUES (?, ?, ?, ?, ?, 'onboarding', ?, ?)",
                    (
                        user_id,
                        handle,
                        cipher.encrypt("users", "chat_id", user_id, str(chat_id)),
                        language,
                        timezone,
                        created_at.isoformat(),
                        _crisis_blob(cipher, user_id, None),
                    ),
                )
        record = await self.find_by_telegram_id(telegram_id)
        if record is None:  # pragma: no cover - only if erased concurrently
            raise LookupError("user vanished while being created")
        return record

    async def update(self, user_id: str, **values: object) -> None:
        """Change clear settings columns; ``schedule`` is given as a dict, dates as objects."""
        if "schedule" in values:
            values["schedule_json"] = json.dumps(values.pop("schedule"), sort_keys=True)
        unknown = set(values) - _UPDATABLE
        if unknown:
            raise ValueError(f"not updatable: {sorted(unknown)}")
        if not values:
            return
        columns = list(values)
        assignments = ", ".join(f"{column} = ?" for column in columns)
        parameters = [_to_sql(values[column]) for column in columns]
        async with self._database.transaction() as connection:
            await connection.execute(
                f"UPDATE users SET {assignments} WHERE id = ?", (*parameters, user_id)
            )

    async def set_crisis_reply_at(self, user_id: str, at: datetime | None) -> None:
        """When the person last got the crisis reply (None clears it); encrypted, and the same
        length whether set or clear, so the column does not tell who got the reply."""
        cipher = await self._keystore.cipher_for(user_id)
        if cipher is None:
            return  # erased meanwhile
        blob = _crisis_blob(cipher, user_id, at)
        async with self._database.transaction() as connection:
            await connection.execute(
                "UPDATE users SET crisis_reply_enc = ? WHERE id = ?", (blob, user_id)
            )

    async def crisis_reply_at(self, user_id: str) -> datetime | None:
        async with self._database.writer.execute(
            "SELECT crisis_reply_enc FROM users WHERE id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None or row[0] is None:
            return None
        cipher = await self._keystore.cipher_for(user_id)
        if cipher is None:
            return None
        value = cipher.decrypt("users", "crisis_reply_at", user_id, bytes(row[0])).strip()
        return None if value == _NO_CRISIS_REPLY else datetime.fromisoformat(value)

    async def ids(self) -> list[str]:
        async with self._database.writer.execute("SELECT id FROM users ORDER BY id") as cursor:
            return [str(row[0]) for row in await cursor.fetchall()]

    async def users_with_unset_crisis_column(self) -> list[str]:
        """People created before the column was always written (NULL told "never had it")."""
        async with self._database.writer.execute(
            "SELECT id FROM users WHERE crisis_reply_enc IS NULL"
        ) as cursor:
            return [str(row[0]) for row in await cursor.fetchall()]

    async def schedules(self) -> list[UserSchedule]:
        """Every active, reachable person's schedule, in one query and without decryption."""
        async with self._database.writer.execute(
            "SELECT id, timezone, status, reachable, schedule_json, quiet_start, quiet_end, "
            "paused_until, snoozed_until FROM users WHERE status = 'active' AND reachable = 1 "
            "ORDER BY id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            UserSchedule(
                id=str(user_id),
                timezone=str(timezone),
                status=str(status),
                reachable=bool(reachable),
                schedule=json.loads(schedule_json),
                quiet_start=str(quiet_start),
                quiet_end=str(quiet_end),
                paused_until=date.fromisoformat(paused_until) if paused_until else None,
                snoozed_until=datetime.fromisoformat(snoozed_until) if snoozed_until else None,
            )
            for (
                user_id,
                timezone,
                status,
                reachable,
                schedule_json,
                quiet_start,
                quiet_end,
                paused_until,
                snoozed_until,
            ) in rows
        ]

    async def list_ids(self, *, status: str = "active") -> list[str]:
        async with self._database.writer.execute(
            "SELECT id FROM users WHERE status = ? ORDER BY id", (status,)
        ) as cursor:
            return [str(row[0]) for row in await cursor.fetchall()]

    async def erase(self, user_id: str) -> bool:
        """Crypto-shred: destroy the data key, delete every row, fold the WAL away."""
        async with self._database.transaction() as connection:
            await self._keystore.destroy(connection, user_id)
            cursor = await connection.execute("DELETE FROM users WHERE id = ?", (user_id,))
            deleted = cursor.rowcount > 0
            await cursor.close()
            # A lead's views stay accounted for, but no longer as theirs: their id would link an
            # old backup's rows to the audit trail.
            await connection.execute(
                "UPDATE audit_log SET actor = 'erased' WHERE actor = ?", (user_id,)
            )
        await self._database.checkpoint()
        return deleted

    async def count(self) -> int:
        async with self._database.writer.execute("SELECT count(*) FROM users") as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0
