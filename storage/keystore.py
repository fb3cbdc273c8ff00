"""Per-user data keys: created, unwrapped (and cached), destroyed, re-wrapped on rotation."""

from __future__ import annotations

from datetime import UTC, datetime

import aiosqlite

from storage.crypto import DataKeyCipher, MasterKey, generate_key
from storage.database import KEYS_SCHEMA, Database


def _label(user_id: str) -> str:
    return f"data_key:{user_id}"


class KeyStore:
    def __init__(self, database: Database) -> None:
        self._database = database
        # Unwrapped keys of recently active users; dropped on erasure and rotation.
        self._cache: dict[str, bytes] = {}

    async def create_key(self, connection: aiosqlite.Connection, user_id: str) -> DataKeyCipher:
        """Inside the caller's transaction: a fresh data key for a new user."""
        data_key = generate_key()
        await connection.execute(
            f"INSERT INTO {KEYS_SCHEMA}.data_keys(user_id, wrapped, created_at) VALUES (?, ?, ?)",
            (
                user_id,
                self._database.master_key.wrap(data_key, _label(user_id)),
                datetime.now(UTC).isoformat(),
            ),
        )
        self._cache[user_id] = data_key
        return DataKeyCipher(user_id, data_key)

    async def cipher_for(self, user_id: str) -> DataKeyCipher | None:
        """The user's cipher, or None when their key no longer exists (erased)."""
        cached = self._cache.get(user_id)
        if cached is not None:
            return DataKeyCipher(user_id, cached)
        async with self._database.writer.execute(
            f"SELECT wrapped FROM {KEYS_SCHEMA}.data_keys WHERE user_id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return None
        data_key = self._database.master_key.unwrap(bytes(row[0]), _label(user_id))
        if len(self._cache) > 4096:
            self._cache.clear()
        self._cache[user_id] = data_key
        return DataKeyCipher(user_id, data_key)

    async def destroy(self, connection: aiosqlite.Connection, user_id: str) -> None:
        """Inside the caller's transaction: crypto-shred the user's data."""
        self._cache.pop(user_id, None)
        await connection.execute(
            f"DELETE FROM {KEYS_SCHEMA}.data_keys WHERE user_id = ?", (user_id,)
        )

    async def count(self) -> int:
        async with self._database.writer.execute(
            f"SELECT count(*) FROM {KEYS_SCHEMA}.data_keys"
        ) as cursor:
            row = await cursor.fetchone()
        return int(row[0]) if row else 0


async def rotate_master_key(database: Database, new_key: MasterKey) -> int:
    """Re-wrap every data key and the lookup key under ``new_key``; entries are not touched.

    Runs in one transaction of the key store, so a crash leaves either the old or the new wrapping,
    never a mix. Returns how many data keys were re-wrapped.
    """
    old_key = database.master_key
    async with database.transaction() as connection:
        async with connection.execute(
            f"SELECT user_id, wrapped FROM {KEYS_SCHEMA}.data_keys"
        ) as cursor:
            rows = [(str(user_id), bytes(wrapped)) for user_id, wrapped in await cursor.fetchall()]
        for user_id, wrapped in rows:
            data_key = old_key.unwrap(wrapped, _label(user_id))
            await connection.execute(
                f"UPDATE {KEYS_SCHEMA}.data_keys SET wrapped = ? WHERE user_id = ?",
                (new_key.wrap(data_key, _label(user_id)), user_id),
            )
        await connection.execute(
            f"UPDATE {KEYS_SCHEMA}.meta SET value = ? WHERE name = 'lookup_key'",
            (new_key.wrap(database.lookup_key, "lookup_key"),),
        )
        await connection.execute(
            f"UPDATE {KEYS_SCHEMA}.meta SET value = ? WHERE name = 'master_key_check'",
            (new_key.check_value(),),
        )
    database.master_key = new_key
    await database.checkpoint()
    return len(rows)
