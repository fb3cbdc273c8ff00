"""Storage on real temporary SQLite files: encryption, erasure, keys, backups."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.operations import restore
from storage import Storage, StorageError, WrongMasterKey, open_storage
from storage.crypto import CryptoError, MasterKey, generate_key
from storage.keystore import rotate_master_key
from tests.support.factories import database_files, make_settings

CANARY = "CANARY-zebra-4471 my patient's story felt like mine"
TELEGRAM_ID = 987654321987


def all_bytes(paths: list[Path]) -> bytes:
    return b"".join(path.read_bytes() for path in paths)


async def test_entries_round_trip(storage: Storage) -> None:
    user = await storage.users.create(TELEGRAM_ID, TELEGRAM_ID, "en", "Asia/Jerusalem")
    when = datetime(2026, 11, 25, 18, 30, tzinfo=UTC)
    saved = await storage.journal.add(user.id, CANARY, "journal", when)
    found = await storage.users.find_by_telegram_id(TELEGRAM_ID)
    assert found is not None and found.id == user.id and found.chat_id == TELEGRAM_ID
    entries = await storage.journal.list_for_user(user.id)
    assert [(e.id, e.text, e.created_at) for e in entries] == [(saved.id, CANARY, when)]
    assert await storage.journal.set_for_supervision(user.id, saved.id, True)
    again = await storage.journal.get(user.id, saved.id)
    assert again is not None and again.for_supervision


async def test_creating_twice_returns_the_same_user(storage: Storage) -> None:
    first = await storage.users.create(TELEGRAM_ID, TELEGRAM_ID, "en", "Asia/Jerusalem")
    second = await storage.users.create(TELEGRAM_ID, TELEGRAM_ID, "he", "Europe/London")
    assert first.id == second.id
    assert await storage.users.count() == 1


async def test_no_plaintext_on_disk(tmp_path: Path, master_key: MasterKey) -> None:
    storage = await open_storage(tmp_path / "kindred.db", master_key)
    user = await storage.users.create(TELEGRAM_ID, TELEGRAM_ID, "en", "Asia/Jerusalem")
    for _ in range(3):
        await storage.journal.add(user.id, CANARY, "journal", datetime.now(UTC))
    backup_path = tmp_path / "backups" / "kindred-backup.db"
    await storage.database.backup(backup_path)
    # Look while the bot is running (WAL and SHM present) and after a clean close.
    live = all_bytes([*database_files(tmp_path / "kindred.db"), backup_path])
    await storage.close()
    closed = all_bytes([*database_files(tmp_path / "kindred.db"), backup_path])
    for blob in (live, closed):
        assert len(blob) > 10_000
        assert CANARY.encode() not in blob
        assert b"CANARY" not in blob
        assert str(TELEGRAM_ID).encode() not in blob
        assert str(TELEGRAM_ID).encode("utf-16-le") not in blob


async def test_erasure_removes_rows_and_key(tmp_path: Path, master_key: MasterKey) -> None:
    storage = await open_storage(tmp_path / "kindred.db", master_key)
    user = await storage.users.create(TELEGRAM_ID, TELEGRAM_ID, "en", "Asia/Jerusalem")
    other = await storage.users.create(111, 111, "he", "Asia/Jerusalem")
    await storage.journal.add(user.id, CANARY, "journal", datetime.now(UTC))
    await storage.journal.add(other.id, "someone else's day", "journal", datetime.now(UTC))
    assert await storage.keystore.count() == 2

    assert await storage.users.erase(user.id)

    assert await storage.users.find_by_telegram_id(TELEGRAM_ID) is None
    assert await storage.keystore.cipher_for(user.id) is None
    assert await storage.keystore.count() == 1
    assert await storage.journal.count_for_user(user.id) == 0
    assert len(await storage.journal.list_for_user(other.id)) == 1
    await storage.close()
    with sqlite3.connect(tmp_path / "kindred.db") as raw:
        assert raw.execute("SELECT count(*) FROM users WHERE id = ?", (user.id,)).fetchone() == (0,)
        assert raw.execute(
            "SELECT count(*) FROM journal_entries WHERE user_id = ?", (user.id,)
        ).fetchone() == (0,)
    with sqlite3.connect(tmp_path / "kindred.keys.db") as raw:
        assert raw.execute(
            "SELECT count(*) FROM data_keys WHERE user_id = ?", (user.id,)
        ).fetchone() == (0,)
    # secure_delete + checkpoint: the erased user's id is not left in free pages or the WAL.
    assert user.id.encode() not in all_bytes(database_files(tmp_path / "kindred.db"))


async def test_wrong_master_key_fails_fast_and_changes_nothing(
    tmp_path: Path, master_key: MasterKey
) -> None:
    storage = await open_storage(tmp_path / "kindred.db", master_key)
    user = await storage.users.create(TELEGRAM_ID, TELEGRAM_ID, "en", "Asia/Jerusalem")
    await storage.journal.add(user.id, CANARY, "journal", datetime.now(UTC))
    await storage.close()
    files = database_files(tmp_path / "kindred.db")
    before = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}

    with pytest.raises(WrongMasterKey, match="does not match"):
        await open_storage(tmp_path / "kindred.db", MasterKey(generate_key()))

    after = {path: hashlib.sha256(path.read_bytes()).hexdigest() for path in files}
    assert before == after
    reopened = await open_storage(tmp_path / "kindred.db", master_key)
    entries = await reopened.journal.list_for_user(user.id)
    assert [entry.text for entry in entries] == [CANARY]
    await reopened.close()


async def test_missing_key_store_is_a_clear_error(tmp_path: Path, master_key: MasterKey) -> None:
    storage = await open_storage(tmp_path / "kindred.db", master_key)
    await storage.close()
    (tmp_path / "kindred.keys.db").unlink()
    with pytest.raises(StorageError, match="key store"):
        await open_storage(tmp_path / "kindred.db", master_key)


async def test_rotation_keeps_every_entry_readable(tmp_path: Path, master_key: MasterKey) -> None:
    storage = await open_storage(tmp_path / "kindred.db", master_key)
    texts = {}
    for telegram_id in (1, 2, 3):
        user = await storage.users.create(telegram_id, telegram_id, "en", "Asia/Jerusalem")
        entry = await storage.journal.add(
            user.id, f"entry of {telegram_id}", "journal", datetime.now(UTC)
        )
        texts[user.id] = entry
    async with storage.database.writer.execute("SELECT id, body_enc FROM journal_entries") as cur:
        ciphertexts_before = {row[0]: bytes(row[1]) for row in await cur.fetchall()}

    new_key = MasterKey(generate_key())
    assert await rotate_master_key(storage.database, new_key) == 3
    await storage.close()

    with pytest.raises(WrongMasterKey):
        await open_storage(tmp_path / "kindred.db", master_key)
    rotated = await open_storage(tmp_path / "kindred.db", new_key)
    for telegram_id in (1, 2, 3):
        found = await rotated.users.find_by_telegram_id(telegram_id)
        assert found is not None
        entries = await rotated.journal.list_for_user(found.id)
        assert [entry.text for entry in entries] == [f"entry of {telegram_id}"]
    async with rotated.database.writer.execute("SELECT id, body_enc FROM journal_entries") as cur:
        ciphertexts_after = {row[0]: bytes(row[1]) for row in await cur.fetchall()}
    assert ciphertexts_after == ciphertexts_before  # entries themselves were not touched
    await rotated.close()


async def test_ciphertext_cannot_be_moved_to_another_row_or_owner(storage: Storage) -> None:
    alice = await storage.users.create(1, 1, "en", "Asia/Jerusalem")
    bob = await storage.users.create(2, 2, "en", "Asia/Jerusalem")
    secret = await storage.journal.add(alice.id, "alice's secret", "journal", datetime.now(UTC))
    decoy = await storage.journal.add(alice.id, "alice's other entry", "journal", datetime.now(UTC))
    bobs = await storage.journal.add(bob.id, "bob's entry", "journal", datetime.now(UTC))
    async with storage.database.transaction() as connection:
        async with connection.execute(
            "SELECT body_enc FROM journal_entries WHERE id = ?", (secret.id,)
        ) as cursor:
            row = await cursor.fetchone()
        assert row is not None
        # Copy Alice's ciphertext over another of her rows and over Bob's row.
        await connection.execute(
            "UPDATE journal_entries SET body_enc = ? WHERE id IN (?, ?)",
            (row[0], decoy.id, bobs.id),
        )
    with pytest.raises(CryptoError):
        await storage.journal.get(alice.id, decoy.id)
    with pytest.raises(CryptoError):
        await storage.journal.get(bob.id, bobs.id)
    original = await storage.journal.get(alice.id, secret.id)
    assert original is not None and original.text == "alice's secret"


async def test_reader_is_read_only(storage: Storage) -> None:
    await storage.users.create(1, 1, "en", "Asia/Jerusalem")
    async with storage.database.reader() as reader:
        async with reader.execute("SELECT count(*) FROM users") as cursor:
            assert await cursor.fetchone() == (1,)
        with pytest.raises(sqlite3.OperationalError):
            await reader.execute("DELETE FROM users")


async def test_pragmas_and_migrations(storage: Storage) -> None:
    writer = storage.database.writer
    expectations = {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "secure_delete": 1,
        "busy_timeout": 5000,
        "keys.journal_mode": "wal",
        "keys.secure_delete": 1,
        "user_version": 5,
        "keys.user_version": 1,
    }
    for pragma, expected in expectations.items():
        async with writer.execute(f"PRAGMA {pragma}") as cursor:
            row = await cursor.fetchone()
        assert row is not None and row[0] == expected, pragma
    assert await storage.database.integrity_ok()


async def test_backup_then_erasure_stays_erased_after_restore(
    tmp_path: Path, master_key: MasterKey
) -> None:
    """The documented guarantee: erasure after a backup also erases the person from that backup."""
    settings = make_settings(tmp_path)
    storage = await open_storage(settings.database_path, master_key)
    leaving = await storage.users.create(TELEGRAM_ID, TELEGRAM_ID, "en", "Asia/Jerusalem")
    staying = await storage.users.create(222, 222, "en", "Asia/Jerusalem")
    await storage.journal.add(leaving.id, CANARY, "journal", datetime.now(UTC))
    await storage.journal.add(staying.id, "still here", "journal", datetime.now(UTC))
    backup_path = tmp_path / "backup.db"
    await storage.database.backup(backup_path)
    await storage.users.erase(leaving.id)
    await storage.close()

    # The backup holds the erased person's ciphertext, but no key in existence opens it.
    with sqlite3.connect(backup_path) as raw:
        names = {row[0] for row in raw.execute("SELECT name FROM sqlite_master")}
        assert "data_keys" not in names and "meta" not in names
        assert raw.execute(
            "SELECT count(*) FROM journal_entries WHERE user_id = ?", (leaving.id,)
        ).fetchone() == (1,)

    restored, purged = await restore(settings, master_key, backup_path)
    assert (restored, purged) == (1, 1)
    reopened = await open_storage(settings.database_path, master_key)
    assert await reopened.users.find_by_telegram_id(TELEGRAM_ID) is None
    assert await reopened.keystore.cipher_for(leaving.id) is None
    still = await reopened.users.find_by_telegram_id(222)
    assert still is not None
    assert [e.text for e in await reopened.journal.list_for_user(still.id)] == ["still here"]
    await reopened.close()
    assert leaving.id.encode() not in all_bytes(database_files(settings.database_path))


async def test_an_erasure_blocked_by_another_reader_finishes_once_it_can(
    storage: Storage, tmp_path: Path
) -> None:
    """An audit held a read transaction on the key store (as an operator's sqlite3 shell or a
    replication tool would) during /delete: the checkpoint returned "busy", unnoticed, and the
    erased person's wrapped key was carved out of the file. It is now retried until done."""
    from types import SimpleNamespace

    from bot.jobs import finish_pending_checkpoint

    user = await storage.users.create(31337, 31337, "en", "Asia/Jerusalem")
    other = await storage.users.create(31338, 31338, "en", "Asia/Jerusalem")
    await storage.journal.add(
        user.id, "words of the person who will delete", "journal", datetime.now(UTC)
    )
    await storage.database.checkpoint()
    keys_file = storage.database.keystore_path
    async with storage.database.writer.execute(
        "SELECT wrapped FROM keys.data_keys WHERE user_id = ?", (user.id,)
    ) as cursor:
        row = await cursor.fetchone()
    assert row is not None
    wrapped = bytes(row[0])
    assert wrapped in keys_file.read_bytes()

    reader = sqlite3.connect(keys_file)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM data_keys").fetchone()  # holds a snapshot
        assert await storage.users.erase(user.id)
        assert storage.database.checkpoint_pending
        services = SimpleNamespace(storage=storage)
        assert await finish_pending_checkpoint(services, None) == 0  # type: ignore[arg-type]
        assert storage.database.checkpoint_pending  # still blocked
    finally:
        reader.close()
    assert await finish_pending_checkpoint(services, None) == 1  # type: ignore[arg-type]
    assert not storage.database.checkpoint_pending
    assert wrapped not in keys_file.read_bytes()
    assert await storage.users.get(other.id) is not None
