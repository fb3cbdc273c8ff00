"""Settings and storage for tests: real SQLite files in a temporary folder, no mocks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.settings import Settings


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_path": tmp_path / "kindred.db",
        "master_key_file": tmp_path / "kindred.key",
        "timezone": "Asia/Jerusalem",
        # Flow tests run without the trained model (crisis lexicon only); classifier tests
        # load the built model explicitly.
        "model_dir": tmp_path / "no-model",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def database_files(database_path: Path) -> list[Path]:
    """Every file SQLite may have written for the store: content, key store, their WAL and SHM."""
    stem = database_path.with_suffix("")
    candidates = [
        database_path,
        Path(f"{database_path}-wal"),
        Path(f"{database_path}-shm"),
        Path(f"{stem}.keys.db"),
        Path(f"{stem}.keys.db-wal"),
        Path(f"{stem}.keys.db-shm"),
    ]
    return [path for path in candidates if path.exists()]


REPO = Path(__file__).resolve().parent.parent.parent


def run_kindred(
    cwd: Path, database: Path, key_file: Path, *args: str, extra: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m bot ARGS`` as the operator runs it, with only the given settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KINDRED_", "TELEGRAM_"))}
    env = {
        **clean,
        **(extra or {}),
        "PYTHONPATH": str(REPO),
        "KINDRED_DATABASE_PATH": str(database),
        "KINDRED_MASTER_KEY_FILE": str(key_file),
    }
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
    )


def run_offline_python(script: str, *args: str, timeout: int) -> subprocess.CompletedProcess[str]:
    """``python -c SCRIPT ARGS`` from the repository, with the hub off as the bot has it."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=timeout,
    )
