"""``python -m bot chat`` driven as another tool would drive it: a subprocess with piped stdin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from bot.chat.terminal import ChatSession

REPO = Path(__file__).resolve().parent.parent


def run_chat(tmp_path: Path, script: str, *extra: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("KINDRED_")}
    env["PYTHONPATH"] = str(REPO)
    return subprocess.run(
        [sys.executable, "-m", "bot", "chat", *extra],
        input=script,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=120,
    )


def test_scripted_session(tmp_path: Path) -> None:
    script = "[1]\n/start\n" + "[1]\n" * 7 + "/help\n/nonsense\n:clock 2026-12-01T18:30\n"
    result = run_chat(tmp_path, script)
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    assert out[0] == "! There is no message with buttons to press."
    assert "Hi Alex, I'm Kindred." in out
    assert "[1] Yes, let's start" in out and "[2] Not now" in out
    assert any(line.startswith("You're all set.") for line in out)
    assert "• ERAN, emotional first aid by phone, day and night: 1201" in out
    assert "I don't know that command. /help shows the ones I understand." in out
    key = tmp_path / "data" / "chat.key"
    assert key.exists() and key.stat().st_mode & 0o777 == 0o600
    assert "development master key" in result.stderr
    assert "Traceback" not in result.stderr


def test_second_person_and_restart_share_the_database(tmp_path: Path) -> None:
    first = run_chat(tmp_path, "/start\n" + "[1]\n" * 7)
    assert "You're all set." in first.stdout
    again = run_chat(tmp_path, "/start\n")
    assert "Nothing has been reset" in again.stdout
    other = run_chat(tmp_path, "/start\n", "--user-id", "2", "--name", "Yael")
    assert "Hi Yael, I'm Kindred." in other.stdout
    assert "development master key" not in again.stderr + other.stderr


def test_harness_errors_are_marked(tmp_path: Path) -> None:
    result = run_chat(tmp_path, "/start\n[7]\n:clock tomorrow\n:frob\n:quit\n/help\n")
    lines = result.stdout.splitlines()
    assert "! That message has buttons 1 to 2." in lines
    assert "! Write the time as :clock 2026-12-01T18:30" in lines
    assert any(line.startswith("! Unknown harness command :frob") for line in lines)
    assert "Here's what I can do:" not in result.stdout  # :quit stopped before /help


async def test_files_are_written_to_the_outbox(chat: ChatSession, tmp_path: Path) -> None:
    bot = chat.application.bot
    await bot.send_document(
        chat.person.user_id, b'{"entries": []}', filename="export.json", caption="Your data"
    )
    await bot.send_photo(chat.person.user_id, b"\x89PNG fake", filename="trend.png")
    lines = chat.new_output()
    file_line = next(line for line in lines if line.startswith("[file] "))
    photo_line = next(line for line in lines if line.startswith("[photo] "))
    assert Path(file_line.removeprefix("[file] ")).read_bytes() == b'{"entries": []}'
    assert Path(photo_line.removeprefix("[photo] ")).read_bytes() == b"\x89PNG fake"
    assert "Your data" in lines


async def test_clock_moves_the_injected_clock(chat: ChatSession) -> None:
    assert await chat.set_clock("2026-12-01T18:30") is None
    now = chat.application.bot_data.services.clock.now()
    assert now.isoformat() == "2026-12-01T16:30:00+00:00"  # 18:30 in Asia/Jerusalem
