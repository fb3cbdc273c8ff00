"""Journal entries and saved reflections: text only ever stored as ciphertext."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Any

from storage.crypto import DataKeyCipher
from storage.database import Database
from storage.keystore import KeyStore
from storage.records import JournalEntry

_TABLE = "journal_entries"
_COLUMNS = "id, user_id, created_at, kind, body_enc, for_supervision"


class JournalRepository:
    def __init__(self, database: Database, keystore: KeyStore) -> None:
        self._database = database
        self._keystore = keystore

    async def _cipher(self, user_id: str) -> DataKeyCipher:
        cipher = await self._keystore.cipher_for(user_id)
        if cipher is None:
            raise LookupError("this user has been erased")
        return cipher

    @staticmethod
    def _entry(row: tuple[Any, ...], cipher: DataKeyCipher) -> JournalEntry:
        entry_id, user_id, created_at, kind, body_enc, for_supervision = row
        return JournalEntry(
            id=str(entry_id),
            user_id=str(user_id),
            created_at=datetime.fromisoformat(str(created_at)),
            kind=str(kind),
            text=cipher.decrypt(_TABLE, "body", str(entry_id), bytes(body_enc)),
            for_supervision=bool(for_supervision),
        )

    async def add(self, user_id: str, text: str, kind: str, created_at: datetime) -> JournalEntry:
        cipher = await self._cipher(user_id)
        entry_id = secrets.token_hex(12)
        body = cipher.encrypt(_TABLE, "body", entry_id, text)
        async with self._database.transaction() as connection:
            await connection.execute(
                f"INSERT INTO {_TABLE}(id, user_id, created_at, kind, body_enc) "
                "VALUES (?, ?, ?, ?, ?)",
                (entry_id, user_id, created_at.isoformat(), kind, body),
            )
        return JournalEntry(entry_id, user_id, created_at, kind, text, False)

    async def list_for_user(
        self, user_id: str, *, limit: int = 10, offset: int = 0
    ) -> list[JournalEntry]:
        cipher = await self._cipher(user_id)
        async with self._database.writer.execute(
            f"SELECT {_COLUMNS} FROM {_TABLE} WHERE user_id = ? "
            "ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?",
            (user_id, limit, offset),
        ) as cursor:
            rows = await cursor.fetchall()
        return [self._entry(tuple(row), cipher) for row in rows]

    async def get(self, user_id: str, entry_id: str) -> JournalEntry | None:
        cipher = await self._cipher(user_id)
        async with self._database.writer.execute(
            f"SELECT {_COLUMNS} FROM {_TABLE} WHERE user_id = ? AND id = ?", (user_id, entry_id)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else self._entry(tuple(row), cipher)

    async def set_for_supervision(self, user_id: str, entry_id: str, marked: bool) -> bool:
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                f"UPDATE {_TABLE} SET for_supervision = ? WHERE user_id = ? AND id = ?",
                (int(marked), user_id, entry_id),
            )
            changed = cursor.rowcount > 0
            await cursor.close()
        return changed

    async def delete(self, user_id: str, entry_id: str) -> bool:
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                f"DELETE FROM {_TABLE} WHERE user_id = ? AND id = ?", (user_id, entry_id)
            )
            deleted = cursor.rowcount > 0
            await cursor.close()
        await self._database.checkpoint()
        return deleted

    async def count_for_user(self, user_id: str, *, for_supervision: bool = False) -> int:
        """How many entries this person has (only those marked for supervision, if asked)."""
        marked = " AND for_supervision = 1" if for_supervision else ""
        async with self._database.writer.execute(
            f"SELECT count(*) FROM {_TABLE} WHERE user_id = ?{marked}", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0
