"""Operator commands behind the CLI: start-up checks, key rotation, backup and restore."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.master_key import write_key_file
from bot.settings import Settings
from storage import open_storage
from storage.crypto import MasterKey, generate_key
from storage.invite_repository import LeadRemoval, new_code
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
) -> tuple[list[str], str, str]:
    """New enrolment codes (only their hashes are stored); returns them, the programme's name as
    stored and its zone. Raises ValueError when ``timezone`` contradicts an existing programme's."""
    expires_at = datetime.now(UTC) + timedelta(days=expires_days) if expires_days else None
    storage = await open_storage(settings.database_path, master_key)
    try:
        # "north ward" is North Ward: a typo of case silently made a second programme.
        known = dict(await storage.programmes.zones())
        programme = same_programme(programme, list(known)) or programme
        if programme in known and timezone is not None and timezone != known[programme]:
            raise ValueError(
                f"{programme} already runs on {known[programme]}; a programme's time zone is "
                "fixed (its weeks would move). Leave out --timezone."
            )
        zone = await storage.programmes.ensure(programme, timezone or settings.timezone)
        codes = [new_code() for _ in range(count)]
        for code in codes:
            await storage.invites.create(code, programme, role, uses, expires_at, timezone=zone)
    finally:
        await storage.close()
    return codes, zone, programme


def same_programme(name: str, known: list[str]) -> str | None:
    """The existing programme ``name`` means, ignoring case and spacing, or None."""
    wanted = " ".join(name.split()).casefold()
    return next((k for k in known if " ".join(k.split()).casefold() == wanted), None)


async def revoke_code(settings: Settings, master_key: MasterKey, code: str) -> str | None:
    storage = await open_storage(settings.database_path, master_key)
    try:
        return await storage.invites.revoke(code)
    finally:
        await storage.close()


async def remove_lead(
    settings: Settings, master_key: MasterKey, code: str, *, every_holder: bool
) -> LeadRemoval | None:
    """End the lead access a lead code gave, and revoke it."""
    storage = await open_storage(settings.database_path, master_key)
    try:
        return await storage.invites.remove_lead(code, every_holder=every_holder)
    finally:
        await storage.close()


async def remove_all_leads(
    settings: Settings, master_key: MasterKey, programme: str
) -> tuple[str, int] | None:
    """End every lead's access to a programme (named in any case): (its name, leads removed),
    or None if there is no such programme."""
    storage = await open_storage(settings.database_path, master_key)
    try:
        name = same_programme(programme, [name for name, _ in await storage.programmes.zones()])
        if name is None:
            return None
        return name, await storage.invites.remove_all_leads(name)
    finally:
        await storage.close()


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
        programme = (
            same_programme(programme, [n for n, _ in await storage.programmes.zones()]) or ""
        )
        if not programme:
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


@dataclass(frozen=True)
class Check:
    status: str  # "ok", "warn", "fail", "skip"
    name: str
    detail: str

    def line(self) -> str:
        return f"{self.status.upper():<4}  {self.name:<10} {self.detail}"


async def doctor(settings: Settings) -> list[Check]:
    """One line per part Kindred needs; read-only (creates nothing, changes nothing)."""
    import time

    from bot.master_key import load_master_key
    from bot.settings import SettingsError
    from storage import StorageError, WrongMasterKey
    from storage.database import keystore_path_for

    checks = [
        Check(
            "ok",
            "settings",
            f"valid (time zone {settings.timezone}, enrolment {settings.enrolment_mode}, "
            f"min group {settings.min_group_size}, grace {settings.checkin_grace_minutes} min)",
        )
    ]
    database_exists = settings.database_path.exists()
    key: MasterKey | None = None
    try:
        loaded = load_master_key(settings, create_if_missing=False)
        key = loaded.key
        source = "KINDRED_MASTER_KEY" if settings.master_key else str(settings.master_key_file)
        mode = ""
        if settings.master_key is None and settings.master_key_file.exists():
            permissions = settings.master_key_file.stat().st_mode & 0o777
            if permissions & 0o077:
                checks.append(
                    Check("warn", "master key", f"{source} is mode {permissions:o}; chmod 600 it")
                )
                mode = "skip"
        if mode != "skip":
            checks.append(Check("ok", "master key", f"loaded from {source}"))
    except SettingsError as error:
        status = "fail" if database_exists else "warn"
        checks.append(Check(status, "master key", str(error)))

    if not database_exists:
        checks.append(
            Check(
                "warn",
                "database",
                f"{settings.database_path} does not exist yet; 'kindred run' creates it",
            )
        )
        checks.append(Check("skip", "migrations", "no database yet"))
    elif not keystore_path_for(settings.database_path).exists():
        checks.append(
            Check(
                "fail",
                "database",
                f"key store {keystore_path_for(settings.database_path)} "
                "is missing; nothing in the database can be decrypted without it",
            )
        )
        checks.append(Check("skip", "migrations", "database not opened"))
    elif key is None:
        checks.append(Check("skip", "database", "needs the master key"))
        checks.append(Check("skip", "migrations", "needs the master key"))
    else:
        checks.extend(await _database_checks(settings, key, WrongMasterKey, StorageError))

    started = time.perf_counter()
    try:
        from bot.classifier.model import ModelMissing, OnnxClassifier

        model = OnnxClassifier(settings.model_dir)
        model.score(["A quiet shift; I made tea afterwards."])
        elapsed = (time.perf_counter() - started) * 1000
        checks.append(
            Check("ok", "model", f"{settings.model_dir} loads and scores ({elapsed:.0f} ms)")
        )
    except ModelMissing:
        checks.append(
            Check(
                "warn",
                "model",
                f"not built in {settings.model_dir}: run 'make model'; until "
                "then texts are checked for crisis language only",
            )
        )
    except Exception as error:
        checks.append(
            Check("fail", "model", f"{settings.model_dir} fails to load: {type(error).__name__}")
        )

    checks.append(await _telegram_check(settings))
    return checks


async def _database_checks(
    settings: Settings,
    key: MasterKey,
    wrong_key: type[Exception],
    storage_error: type[Exception],
) -> list[Check]:
    before = _fingerprint(settings.database_path)
    try:
        storage = await open_storage(settings.database_path, key)
    except wrong_key as error:
        return [Check("fail", "database", str(error)), Check("skip", "migrations", "not opened")]
    except storage_error as error:
        return [Check("fail", "database", str(error)), Check("skip", "migrations", "not opened")]
    try:
        versions = await storage.database.schema_versions()
        integrity = await storage.database.integrity_ok()
        users = await storage.users.count()
    finally:
        await storage.close()
    checks = [
        Check(
            "ok" if integrity else "fail",
            "database",
            f"{settings.database_path}: integrity {'ok' if integrity else 'FAILED'}, "
            f"{users} accounts, key matches",
        )
    ]
    # Opening applies pending migrations; say so if this run did (the file was older).
    applied = before is not None and before != _fingerprint(settings.database_path)
    detail = ", ".join(f"{schema} {have}/{newest}" for schema, (have, newest) in versions.items())
    current = all(have == newest for have, newest in versions.values())
    checks.append(
        Check(
            "ok" if current else "fail",
            "migrations",
            detail + (" (just applied)" if applied and current else ""),
        )
    )
    return checks


def _fingerprint(path: Path) -> tuple[int, int] | None:
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return (status.st_size, status.st_mtime_ns)


async def _telegram_check(settings: Settings) -> Check:
    if settings.telegram_bot_token is None:
        return Check("skip", "telegram", "TELEGRAM_BOT_TOKEN not set (offline chat only)")
    import time

    from telegram import Bot
    from telegram.error import InvalidToken, TelegramError

    root = (settings.telegram_api_base_url or "https://api.telegram.org").rstrip("/")
    root = root.removesuffix("/bot")
    started = time.perf_counter()
    try:
        token = settings.telegram_bot_token.get_secret_value()
        async with Bot(token, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot") as bot:
            me = bot.bot
        elapsed = (time.perf_counter() - started) * 1000
        return Check("ok", "telegram", f"reachable as @{me.username} ({elapsed:.0f} ms)")
    except InvalidToken:
        return Check(
            "fail",
            "telegram",
            "Telegram rejected TELEGRAM_BOT_TOKEN; copy it again from @BotFather",
        )
    except TelegramError as error:
        return Check("fail", "telegram", f"not reachable: {type(error).__name__}")
