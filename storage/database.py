"""The SQLite store: one writer connection, read-only readers, migrations, backups.

Two files make up a store:

* the **content database** (``kindred.db``): users' ciphertexts and numeric metadata;
* the **key store** (``kindred.keys.db``), attached to the writer as schema ``keys``: the wrapped
  data keys, the wrapped lookup key and the master-key check value.

``kindred backup`` copies only the content database. A backup therefore holds ciphertext whose keys
it does not contain; deleting a user destroys their data key in the live key store, so their rows in
any backup, taken before or after, can no longer be decrypted (see README, "Backups and erasure").
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

import aiosqlite

from storage.crypto import MasterKey, generate_key

logger = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
KEYS_SCHEMA = "keys"


class StorageError(Exception):
    """A problem with the store that the operator must fix; the message says how."""


class WrongMasterKey(StorageError):
    pass


def keystore_path_for(database_path: Path) -> Path:
    return database_path.with_name(database_path.stem + ".keys" + database_path.suffix)


def _migrations(schema: str) -> list[tuple[int, str]]:
    folder = resources.files("storage").joinpath("migrations", schema)
    found: list[tuple[int, str]] = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".sql") and name[:4].isdigit():
            found.append((int(name[:4]), entry.read_text(encoding="utf-8")))
    found.sort()
    numbers = [number for number, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise StorageError(f"migrations for {schema} are not numbered 0001, 0002, …: {numbers}")
    return found


def _prepare_new_file(destination: Path) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    if destination.exists():
        raise StorageError(f"{destination} already exists; choose a new backup file name.")


class Database:
    """Owns the writer connection. All writes go through :meth:`transaction`."""

    def __init__(self, path: Path, master_key: MasterKey) -> None:
        self.path = path
        self.keystore_path = keystore_path_for(path)
        self.master_key = master_key
        self._writer: aiosqlite.Connection | None = None
        self._write_lock = asyncio.Lock()
        # An erasure's checkpoint could not complete (another reader): retried every tick.
        self.checkpoint_pending = False
        self.lookup_key: bytes = b""

    # -- lifecycle ------------------------------------------------------------------------------

    @classmethod
    async def open(cls, path: Path, master_key: MasterKey) -> Database:
        database = cls(path, master_key)
        await database._open()
        return database

    async def _open(self) -> None:
        content_exists = self.path.exists()
        keystore_exists = self.keystore_path.exists()
        if content_exists and not keystore_exists:
            raise StorageError(
                f"The key store {self.keystore_path} is missing, so the data in {self.path} cannot "
                "be decrypted; restore the key store file next to the database."
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = await aiosqlite.connect(self.path, isolation_level=None)
        try:
            await self._configure(connection)
            await connection.execute(
                f"ATTACH DATABASE ? AS {KEYS_SCHEMA}", (str(self.keystore_path),)
            )
            await connection.execute(f"PRAGMA {KEYS_SCHEMA}.journal_mode=WAL")
            await connection.execute(f"PRAGMA {KEYS_SCHEMA}.secure_delete=ON")
            await connection.execute(f"PRAGMA {KEYS_SCHEMA}.synchronous=FULL")
            # The key is checked before any migration runs: a wrong key must change nothing.
            await self._check_master_key(connection)
            await self._migrate(connection, "main")
            await self._migrate(connection, KEYS_SCHEMA)
            self._writer = connection
            await self._initialise_keystore()
        except BaseException:
            await connection.close()
            self._writer = None
            raise

    @staticmethod
    async def _configure(connection: aiosqlite.Connection) -> None:
        await connection.execute("PRAGMA journal_mode=WAL")
        await connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        await connection.execute("PRAGMA foreign_keys=ON")
        await connection.execute("PRAGMA secure_delete=ON")
        # FULL: a check-in recorded as sent must survive a power cut.
        await connection.execute("PRAGMA synchronous=FULL")

    async def _check_master_key(self, connection: aiosqlite.Connection) -> None:
        async with connection.execute(
            f"SELECT 1 FROM {KEYS_SCHEMA}.sqlite_master WHERE type='table' AND name='meta'"
        ) as cursor:
            has_meta = await cursor.fetchone() is not None
        if not has_meta:
            return
        async with connection.execute(
            f"SELECT value FROM {KEYS_SCHEMA}.meta WHERE name='master_key_check'"
        ) as cursor:
            row = await cursor.fetchone()
        if row is not None and not self.master_key.matches(bytes(row[0])):
            raise WrongMasterKey(
                "The master key does not match this database; set KINDRED_MASTER_KEY or "
                "KINDRED_MASTER_KEY_FILE to the key it was created with (nothing was changed)."
            )

    async def _migrate(self, connection: aiosqlite.Connection, schema: str) -> None:
        async with connection.execute(f"PRAGMA {schema}.user_version") as cursor:
            row = await cursor.fetchone()
        current = int(row[0]) if row else 0
        migrations = _migrations(schema)
        if current > len(migrations):
            raise StorageError(
                f"The {schema} database is at schema version {current}, newer than this Kindred "
                f"({len(migrations)}); upgrade Kindred before starting it on this file."
            )
        for number, sql in migrations:
            if number <= current:
                continue
            script = f"BEGIN IMMEDIATE;\n{sql}\nPRAGMA {schema}.user_version = {number};\nCOMMIT;"
            try:
                await connection.executescript(script)
            except sqlite3.Error:
                if connection.in_transaction:
                    await connection.execute("ROLLBACK")
                raise
            logger.info("applied migration", extra={"schema": schema, "version": number})

    async def _initialise_keystore(self) -> None:
        async with self.transaction() as connection:
            async with connection.execute(
                f"SELECT name, value FROM {KEYS_SCHEMA}.meta "
                "WHERE name IN ('master_key_check', 'lookup_key')"
            ) as cursor:
                meta = {str(name): bytes(value) for name, value in await cursor.fetchall()}
            if "master_key_check" not in meta:
                await connection.execute(
                    f"INSERT INTO {KEYS_SCHEMA}.meta(name, value) VALUES ('master_key_check', ?)",
                    (self.master_key.check_value(),),
                )
            if "lookup_key" not in meta:
                lookup_key = generate_key()
                await connection.execute(
                    f"INSERT INTO {KEYS_SCHEMA}.meta(name, value) VALUES ('lookup_key', ?)",
                    (self.master_key.wrap(lookup_key, "lookup_key"),),
                )
            else:
                lookup_key = self.master_key.unwrap(meta["lookup_key"], "lookup_key")
        self.lookup_key = lookup_key

    async def close(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            try:
                await writer.execute("PRAGMA main.wal_checkpoint(TRUNCATE)")
                await writer.execute(f"PRAGMA {KEYS_SCHEMA}.wal_checkpoint(TRUNCATE)")
            finally:
                await writer.close()

    # -- access ---------------------------------------------------------------------------------

    @property
    def writer(self) -> aiosqlite.Connection:
        if self._writer is None:
            raise StorageError("the database is not open")
        return self._writer

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """One write transaction at a time, taken with BEGIN IMMEDIATE so it never upgrades late."""
        async with self._write_lock:
            connection = self.writer
            await connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                await connection.execute("ROLLBACK")
                raise
            else:
                await connection.execute("COMMIT")

    async def execute_write(self, sql: str, parameters: tuple[object, ...] = ()) -> int:
        """One statement in its own write transaction; returns how many rows it changed."""
        async with self.transaction() as connection:
            cursor = await connection.execute(sql, parameters)
            changed = cursor.rowcount
            await cursor.close()
        return changed

    @asynccontextmanager
    async def reader(self) -> AsyncIterator[aiosqlite.Connection]:
        """A read-only connection to the content database, for reporting."""
        uri = f"{self.path.resolve().as_uri()}?mode=ro"
        connection = await aiosqlite.connect(uri, uri=True)
        try:
            await connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            await connection.execute("PRAGMA query_only=ON")
            yield connection
        finally:
            await connection.close()

    async def checkpoint(self, *, patient: bool = True) -> bool:
        """Fold the WAL into the database files and truncate it (used after erasures). True when
        both files are checkpointed completely.

        After an erasure the old page holding the person's wrapped key stays in the key store's
        file until a checkpoint completes, and any other reader (an operator's sqlite3 shell, a
        replication tool) makes it return "busy": an audit carved the key out of the file and
        read an earlier backup with it. So the result is checked; a checkpoint that could not
        finish (after SQLite's own busy wait, when ``patient``) stays pending, with a warning in
        the log, and the tick retries it without waiting (``checkpoint_pending``)."""
        complete = True
        async with self._write_lock:
            if not patient:
                await self.writer.execute("PRAGMA busy_timeout=0")
            try:
                for schema in ("main", KEYS_SCHEMA):
                    async with self.writer.execute(
                        f"PRAGMA {schema}.wal_checkpoint(TRUNCATE)"
                    ) as cursor:
                        row = await cursor.fetchone()
                    # (busy, frames in the WAL, frames checkpointed); -1s when not in WAL mode.
                    if row is not None and (int(row[0]) != 0 or int(row[1]) != int(row[2])):
                        complete = False
            finally:
                if not patient:
                    await self.writer.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        if complete:
            if self.checkpoint_pending:
                logger.info("pending checkpoint completed")
            self.checkpoint_pending = False
            return True
        if not self.checkpoint_pending:
            logger.warning(
                "checkpoint blocked by another reader; erased data stays in the database files "
                "until it completes (retried every tick)"
            )
        self.checkpoint_pending = True
        return False

    async def schema_versions(self) -> dict[str, tuple[int, int]]:
        """Per schema: (version of the file, newest version this Kindred knows)."""
        versions: dict[str, tuple[int, int]] = {}
        for schema in ("main", KEYS_SCHEMA):
            async with self.writer.execute(f"PRAGMA {schema}.user_version") as cursor:
                row = await cursor.fetchone()
            versions[schema] = (int(row[0]) if row else 0, len(_migrations(schema)))
        return versions

    async def integrity_ok(self) -> bool:
        async with self._write_lock:
            for schema in ("main", KEYS_SCHEMA):
                async with self.writer.execute(f"PRAGMA {schema}.integrity_check") as cursor:
                    row = await cursor.fetchone()
                if row is None or row[0] != "ok":
                    return False
        return True

    async def backup(self, destination: Path) -> None:
        """Copy the content database (never the key store) with SQLite's online backup API."""
        await asyncio.to_thread(_prepare_new_file, destination)
        target = await aiosqlite.connect(destination)
        try:
            async with self._write_lock:
                await self.writer.backup(target, name="main")
        finally:
            await target.close()
