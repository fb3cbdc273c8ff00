"""Operator commands end to end: keys new/rotate, backup, restore, through the real CLI."""

from __future__ import annotations

import asyncio
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from bot.master_key import load_master_key
from storage import open_storage
from tests.support.factories import make_settings, run_kindred

REPO = Path(__file__).resolve().parent.parent


def cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return cli_with(tmp_path, {}, *args)


def cli_with(tmp_path: Path, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return run_kindred(
        tmp_path, tmp_path / "kindred.db", tmp_path / "kindred.key", *args, extra=extra
    )


async def _seed(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    key = load_master_key(settings, create_if_missing=True).key
    storage = await open_storage(settings.database_path, key)
    user = await storage.users.create(7, 7, "en", "Asia/Jerusalem")
    await storage.journal.add(user.id, "after the ward round", "journal", datetime.now(UTC))
    await storage.close()


async def _texts(tmp_path: Path) -> list[str]:
    settings = make_settings(tmp_path)
    key = load_master_key(settings, create_if_missing=False).key
    storage = await open_storage(settings.database_path, key)
    user = await storage.users.find_by_telegram_id(7)
    assert user is not None
    texts = [entry.text for entry in await storage.journal.list_for_user(user.id)]
    await storage.close()
    return texts


def test_keys_new_prints_a_usable_key(tmp_path: Path) -> None:
    result = cli(tmp_path, "keys", "new")
    assert result.returncode == 0
    assert len(result.stdout.strip()) == 44


def test_rotate_replaces_the_key_file_and_keeps_entries(tmp_path: Path) -> None:
    asyncio.run(_seed(tmp_path))
    old_key = (tmp_path / "kindred.key").read_text()
    result = cli(tmp_path, "keys", "rotate")
    assert result.returncode == 0, result.stderr
    assert "Re-wrapped 1 data keys" in result.stdout
    new_key = (tmp_path / "kindred.key").read_text()
    assert new_key != old_key
    assert (tmp_path / "kindred.key").stat().st_mode & 0o777 == 0o600
    assert asyncio.run(_texts(tmp_path)) == ["after the ward round"]


def test_backup_and_restore_commands(tmp_path: Path) -> None:
    asyncio.run(_seed(tmp_path))
    backup = tmp_path / "backups" / "monday.db"
    result = cli(tmp_path, "backup", str(backup))
    assert result.returncode == 0, result.stderr
    assert backup.exists()
    again = cli(tmp_path, "backup", str(backup))
    assert again.returncode == 2 and "already exists" in again.stderr
    (tmp_path / "kindred.db").unlink()
    restored = cli(tmp_path, "restore", str(backup))
    assert restored.returncode == 0, restored.stderr
    assert "Restored 1 accounts" in restored.stdout
    assert asyncio.run(_texts(tmp_path)) == ["after the ward round"]


def test_missing_key_for_existing_database_is_refused(tmp_path: Path) -> None:
    asyncio.run(_seed(tmp_path))
    (tmp_path / "kindred.key").unlink()
    result = cli(tmp_path, "backup", str(tmp_path / "b.db"))
    assert result.returncode == 2
    assert "master key is missing" in result.stderr
    assert not (tmp_path / "kindred.key").exists()  # never silently replaced


def test_doctor_reports_each_part_on_one_line(tmp_path: Path) -> None:
    from tests.support.http_bot_api import running_bot_api

    fresh = cli(tmp_path, "doctor")
    assert fresh.returncode == 0, fresh.stderr
    assert "does not exist yet" in fresh.stdout
    asyncio.run(_seed(tmp_path))
    with running_bot_api() as api:
        extra = {
            "TELEGRAM_BOT_TOKEN": "123456:doctor-test",
            "TELEGRAM_API_BASE_URL": api.base_url,
            "KINDRED_MODEL_DIR": str(REPO / "data" / "model"),
        }
        healthy = cli_with(tmp_path, extra, "doctor")
    lines = healthy.stdout.splitlines()
    names = [line.split()[1] for line in lines]
    assert names == ["settings", "master", "database", "migrations", "model", "telegram"], lines
    assert healthy.returncode == 0, healthy.stdout
    assert lines[2].startswith("OK") and "integrity ok, 1 accounts" in lines[2]
    assert lines[3].startswith("OK") and "main 5/5" in lines[3]
    assert lines[5].startswith("OK") and "reachable as @kindred_offline_bot" in lines[5]
    # A wrong key is a failure, and doctor changes nothing.
    (tmp_path / "kindred.key").rename(tmp_path / "kindred.key.real")
    cli(tmp_path, "keys", "new", "--file", str(tmp_path / "kindred.key"))
    before = (tmp_path / "kindred.db").read_bytes()
    wrong = cli(tmp_path, "doctor")
    assert wrong.returncode == 1
    assert any(line.startswith("FAIL  database") for line in wrong.stdout.splitlines())
    assert (tmp_path / "kindred.db").read_bytes() == before
