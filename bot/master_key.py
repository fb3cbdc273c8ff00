"""Where the master key comes from: the environment, or a key file that is never in the database."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from bot.settings import Settings, SettingsError
from storage.crypto import InvalidMasterKey, MasterKey, decode_key, encode_key, generate_key
from storage.database import keystore_path_for


@dataclass(frozen=True)
class LoadedKey:
    key: MasterKey
    created_file: Path | None = None  # set when this start created a new key file


def write_key_file(path: Path, key: bytes) -> None:
    """Write a key file readable by the owner only (mode 0600), refusing to overwrite one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(encode_key(key) + "\n")
    os.chmod(path, 0o600)


def load_master_key(settings: Settings, *, create_if_missing: bool) -> LoadedKey:
    if settings.master_key is not None:
        try:
            return LoadedKey(MasterKey(decode_key(settings.master_key.get_secret_value())))
        except InvalidMasterKey as exc:
            raise SettingsError(
                f"Setting KINDRED_MASTER_KEY is not valid: {exc}; create one with "
                "'kindred keys new'."
            ) from None
    path = settings.master_key_file
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, 0o600)  # tighten rather than refuse: the key must not be shared
        try:
            return LoadedKey(MasterKey(decode_key(path.read_text(encoding="ascii"))))
        except (InvalidMasterKey, UnicodeDecodeError) as exc:
            raise SettingsError(f"The master key file {path} is not valid: {exc}.") from None
    database = settings.database_path
    if database.exists() or keystore_path_for(database).exists():
        raise SettingsError(
            f"The database {database} exists but its master key is missing: set "
            f"KINDRED_MASTER_KEY or put the key file back at {path}."
        )
    if not create_if_missing:
        raise SettingsError(
            f"No master key: set KINDRED_MASTER_KEY or KINDRED_MASTER_KEY_FILE (missing: {path})."
        )
    raw = generate_key()
    write_key_file(path, raw)
    return LoadedKey(MasterKey(raw), created_file=path)
