"""Settings: validated at start with one clear sentence, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings
from tests.support.factories import make_settings

REPO = Path(__file__).resolve().parent.parent


def test_defaults_are_sane(tmp_path: Path) -> None:
    settings = make_settings(tmp_path)
    assert settings.default_language == "en"
    assert [h.phone for h in settings.helplines] == ["1201", "101"]
    assert settings.helplines_are_defaults
    assert settings.enrolment_mode == "open"


def test_helplines_from_env_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KINDRED_HELPLINES", "Samaritans=116 123; Emergency=999")
    settings = load_settings(_env_file=None)
    assert [(h.name, h.phone) for h in settings.helplines] == [
        ("Samaritans", "116 123"),
        ("Emergency", "999"),
    ]
    assert not settings.helplines_are_defaults


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("KINDRED_TIMEZONE", "Mars/Olympus", "KINDRED_TIMEZONE"),
        ("KINDRED_DEFAULT_LANGUAGE", "fr", "KINDRED_DEFAULT_LANGUAGE"),
        ("KINDRED_HELPLINES", "just a number", "Name=phone"),
        ("KINDRED_ENROLMENT_MODE", "maybe", "KINDRED_ENROLMENT_MODE"),
        ("TELEGRAM_API_BASE_URL", "localhost:8081", "http://"),
    ],
)
def test_bad_setting_is_one_clear_sentence(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(_env_file=None)
    message = str(caught.value)
    assert expected in message
    assert "\n" not in message


def cli(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("KINDRED_", "TELEGRAM_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**clean, "PYTHONPATH": str(REPO), **env},
        timeout=60,
    )


def test_cli_bad_setting_has_no_traceback(tmp_path: Path) -> None:
    result = cli(tmp_path, "run", KINDRED_TIMEZONE="Mars/Olympus", TELEGRAM_BOT_TOKEN="1:x")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("kindred: Setting KINDRED_TIMEZONE")
    assert result.stderr.count("\n") == 1


def test_cli_run_without_token_says_how_to_get_one(tmp_path: Path) -> None:
    result = cli(tmp_path, "run")
    assert result.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in result.stderr and "BotFather" in result.stderr
    assert "Traceback" not in result.stderr


def test_cli_bad_master_key(tmp_path: Path) -> None:
    result = cli(tmp_path, "run", TELEGRAM_BOT_TOKEN="1:x", KINDRED_MASTER_KEY="not-a-key")
    assert result.returncode == 2
    assert "KINDRED_MASTER_KEY is not valid" in result.stderr
    assert "Traceback" not in result.stderr
