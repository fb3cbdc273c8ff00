"""Operator commands behind the CLI: start-up checks, key rotation, backup and restore."""

from __future__ import annotations

import os
from pathlib import Path

from bot.master_key import write_key_file
from bot.settings import Settings
from storage import open_storage
from storage.crypto import MasterKey, generate_key
from storage.keystore import rotate_master_key
from storage.maintenance import copy_backup_into, purge_orphans


async def preflight(settings: Settings, master_key: MasterKey) -> None:
    """Open and close the store once, so a wrong key or a bad file stops start-up cleanly."""
    storage = await open_storage(settings.database_path, master_key)
    await storage.close()


async def rotate_key(settings: Settings, old_key: MasterKey, target: Path) -> int:
    """Re-wrap under a fresh key, then put the new key file in place of ``target``.

    The new key is written next to the target first; if anything fails before the swap, the old
    key still opens the store. Stop the bot before rotating.
    """
    new_raw = generate_key()
    staging = target.with_name(target.name + ".new")
    if staging.exists():
        staging.unlink()
    write_key_file(staging, new_raw)
    storage = await open_storage(settings.database_path, old_key)
    try:
        count = await rotate_master_key(storage.database, MasterKey(new_raw))
    except BaseException:
        staging.unlink(missing_ok=True)
        raise
    finally:
        await storage.close()
    os.replace(staging, target)
    return count


async def backup(settings: Settings, master_key: MasterKey, destination: Path) -> None:
    storage = await open_storage(settings.database_path, master_key)
    try:
        await storage.database.backup(destination)
    finally:
        await storage.close()


async def restore(settings: Settings, master_key: MasterKey, source: Path) -> tuple[int, int]:
    """Restore the content database from ``source`` against the live key store.

    Returns (accounts restored, accounts that stay erased).
    """
    storage = await open_storage(settings.database_path, master_key)
    await storage.close()  # checks the key against the live key store before anything changes
    copy_backup_into(source, settings.database_path)
    storage = await open_storage(settings.database_path, master_key)
    try:
        purged_users, _ = await purge_orphans(storage.database)
        restored = await storage.users.count()
    finally:
        await storage.close()
    return restored, purged_users
