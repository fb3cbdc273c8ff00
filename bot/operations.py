"""Operator commands behind the CLI: start-up checks, key rotation, backup and restore."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.master_key import write_key_file
from bot.settings import Settings
from storage import open_storage
from storage.crypto import MasterKey, generate_key
from storage.invite_repository import new_code
from storage.keystore import rotate_master_key
from storage.maintenance import copy_backup_into, purge_orphans
from storage.programme_repository import AuditEntry


async def preflight(settings: Settings, master_key: MasterKey) -> None:
    """Open and close the store once, so a wrong key or a bad file stops start-up cleanly."""
    storage = await open_storage(settings.database_path, master_key)
    await storage.close()


async def invite_codes(
    settings: Settings,
    master_key: MasterKey,
    *,
    programme: str,
    role: str,
    uses: int,
    expires_days: int | None,
    count: int,
    timezone: str | None,
) -> tuple[list[str], str]:
    """New enrolment codes (only their hashes are stored); returns them and the programme's zone."""
    zone = timezone or settings.timezone
    expires_at = datetime.now(UTC) + timedelta(days=expires_days) if expires_days else None
    storage = await open_storage(settings.database_path, master_key)
    try:
        zone = await storage.programmes.ensure(programme, zone)
        codes = [new_code() for _ in range(count)]
        for code in codes:
            await storage.invites.create(code, programme, role, uses, expires_at, timezone=zone)
    finally:
        await storage.close()
    return codes, zone


async def role_counts(settings: Settings, master_key: MasterKey) -> list[tuple[str, str, int]]:
    storage = await open_storage(settings.database_path, master_key)
    try:
        return await storage.programmes.role_counts()
    finally:
        await storage.close()


async def audit_entries(settings: Settings, master_key: MasterKey) -> list[AuditEntry]:
    storage = await open_storage(settings.database_path, master_key)
    try:
        return await storage.programmes.audit_entries()
    finally:
        await storage.close()


async def programme_trends(
    settings: Settings, master_key: MasterKey, programme: str, *, csv: bool
) -> str | None:
    """The suppressed weekly table, as CSV or as the leads' summary; the view is audited."""
    from bot.clock import SystemClock
    from bot.prompts import Prompts
    from bot.services.trends import TrendsService

    storage = await open_storage(settings.database_path, master_key)
    try:
        if await storage.programmes.timezone_of(programme) is None:
            return None
        service = TrendsService(
            storage.aggregates,
            storage.programmes,
            Prompts.load(settings.default_language),
            settings,
            SystemClock(),
        )
        trends = await service.trends(programme)
        await service.record_view("operator", programme, "csv" if csv else "summary")
        return service.csv(trends) if csv else service.summary(trends, "en") + "\n"
    finally:
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
