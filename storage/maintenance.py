"""Operator-level storage work: restore from a backup and purge what erasure left behind."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage.database import KEYS_SCHEMA, Database, StorageError


def copy_backup_into(backup_path: Path, database_path: Path) -> None:
    """Overwrite the content database with a backup, using SQLite's backup API (bot stopped)."""
    if not backup_path.exists():
        raise StorageError(f"There is no backup at {backup_path}.")
    source = sqlite3.connect(f"{backup_path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        result = source.execute("PRAGMA integrity_check").fetchone()
        if result is None or result[0] != "ok":
            raise StorageError(f"The backup {backup_path} is damaged (integrity check failed).")
        database_path.parent.mkdir(parents=True, exist_ok=True)
        target = sqlite3.connect(database_path)
        try:
            source.backup(target)
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            target.close()
    finally:
        source.close()


async def purge_orphans(database: Database) -> tuple[int, int]:
    """Delete users whose data key is gone (erased) and keys whose user is gone.

    Returns (users purged, keys purged). After a restore, the first are people who deleted their
    account after the backup was taken: their rows are unreadable ciphertext and are removed.
    """
    async with database.transaction() as connection:
        cursor = await connection.execute(
            f"DELETE FROM users WHERE id NOT IN (SELECT user_id FROM {KEYS_SCHEMA}.data_keys)"
        )
        users = cursor.rowcount
        await cursor.close()
        cursor = await connection.execute(
            f"DELETE FROM {KEYS_SCHEMA}.data_keys WHERE user_id NOT IN (SELECT id FROM users)"
        )
        keys = cursor.rowcount
        await cursor.close()
    await database.checkpoint()
    return users, keys
