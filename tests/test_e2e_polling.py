"""``python -m bot run`` as a subprocess, long-polling a Bot API stand-in over real HTTP."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from tests.support.http_bot_api import running_bot_api

REPO = Path(__file__).resolve().parent.parent


def test_run_polls_and_replies_over_http(tmp_path: Path) -> None:
    with running_bot_api() as api:
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "123456:TEST-token-not-real",
            "TELEGRAM_API_BASE_URL": api.base_url,
            "KINDRED_DATABASE_PATH": str(tmp_path / "kindred.db"),
            "KINDRED_MASTER_KEY_FILE": str(tmp_path / "kindred.key"),
            "KINDRED_LOG_LEVEL": "INFO",
        }
        env.pop("KINDRED_MASTER_KEY", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,  # no .env from the repo
            env={**env, "PYTHONPATH": str(REPO)},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            api.wait_for("getUpdates")
            commands = api.wait_for("setMyCommands", count=2)
            assert {str(c.get("language_code") or "") for c in commands} == {"", "he"}

            user = 5550001
            api.queue(api.core.text_update(user, "Noa", "/start"))
            sent = api.wait_for("sendMessage", count=2)
            assert "I'm Kindred" in str(sent[0]["text"])
            consent_message = sent[1]
            assert "reply_markup" in consent_message

            with api.lock:
                message_id = max(mid for (chat, mid) in api.core.messages if chat == user)
                press = api.core.callback_update(user, "Noa", user, message_id, "consent:yes")
            api.queue(press)
            edits = api.wait_for("editMessageText")
            assert "A few quick questions" in str(edits[0]["text"])
            language_question = api.wait_for("sendMessage", count=3)[2]
            assert "Which language" in str(language_question["text"])
            api.wait_for("answerCallbackQuery")
            assert (tmp_path / "kindred.key").exists()
            assert oct((tmp_path / "kindred.key").stat().st_mode & 0o777) == "0o600"
        finally:
            process.send_signal(signal.SIGTERM)
            out, err = process.communicate(timeout=30)
        assert process.returncode == 0, err
        # The token and the person's words never reach the logs.
        assert "TEST-token-not-real" not in out + err
        assert str(5550001) not in out + err
