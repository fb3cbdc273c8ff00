"""Where each person is in a conversation, encrypted, so flows resume after a restart."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from storage.database import Database
from storage.keystore import KeyStore


class StateRepository:
    def __init__(self, database: Database, keystore: KeyStore) -> None:
        self._database = database
        self._keystore = keystore

    async def get(self, user_id: str) -> dict[str, Any] | None:
        async with self._database.writer.execute(
            "SELECT state_enc FROM conversation_state WHERE user_id = ?", (user_id,)
        ) as cursor:
            row = await cursor.fetchone()
        cipher = await self._keystore.cipher_for(user_id)
        if row is None or cipher is None:
            return None
        state: dict[str, Any] = json.loads(
            cipher.decrypt("conversation_state", "state", user_id, bytes(row[0]))
        )
        return state

    async def set(self, user_id: str, state: dict[str, Any]) -> None:
        cipher = await self._keystore.cipher_for(user_id)
        if cipher is None:
            raise LookupError("this user has been erased")
        blob = cipher.encrypt("conversation_state", "state", user_id, json.dumps(state))
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO conversation_state(user_id, state_enc, updated_at) VALUES (?, ?, ?) "
                "ON CONFLICT(user_id) DO UPDATE SET state_enc = excluded.state_enc, "
                "updated_at = excluded.updated_at",
                (user_id, blob, datetime.now(UTC).isoformat()),
            )

    async def changed_since(self, instant: datetime) -> list[tuple[str, datetime]]:
        """Whose conversation changed after ``instant`` (wall clock, as written), and when."""
        async with self._database.writer.execute(
            "SELECT user_id, updated_at FROM conversation_state WHERE updated_at > ?",
            (instant.isoformat(),),
        ) as cursor:
            return [(str(u), datetime.fromisoformat(str(t))) for u, t in await cursor.fetchall()]

    async def clear(self, user_id: str) -> None:
        async with self._database.transaction() as connection:
            await connection.execute("DELETE FROM conversation_state WHERE user_id = ?", (user_id,))

    async def forget(self, user_id: str) -> None:
        """Clear, and fold the WAL in at once: for text the person chose not to keep, whose
        earlier (encrypted) copies would otherwise stay in the WAL file until it is reused."""
        await self.clear(user_id)
        await self._database.checkpoint()
