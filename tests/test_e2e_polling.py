"""``python -m bot run`` as a subprocess, long-polling a Bot API stand-in over real HTTP."""

from __future__ import annotations

import json
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

            # Finish set-up with the first button of each question, as a person would.
            for _ in range(8):
                sent_so_far = len(api.core.sent("sendMessage"))
                with api.lock:
                    latest = max(
                        (
                            mid
                            for (chat, mid), m in api.core.messages.items()
                            if chat == user and m.get("reply_markup")
                        ),
                    )
                    data = api.core.messages[(user, latest)]["reply_markup"]["inline_keyboard"][0][
                        0
                    ]["callback_data"]
                    api.core.queue_update(api.core.callback_update(user, "Noa", user, latest, data))
                replies = api.wait_for("sendMessage", count=sent_so_far + 1)
                if "You're all set" in str(replies[-1]["text"]):
                    break
            assert "You're all set" in str(api.core.sent("sendMessage")[-1]["text"])

            # Files over real HTTP (multipart): /export sends two documents, /mytrends a photo.
            before = len(api.core.sent("sendMessage"))
            api.queue(api.core.text_update(user, "Noa", "/checkin"))
            count = len(api.wait_for("sendMessage", count=before + 1))
            with api.lock:
                latest = max(mid for (chat, mid) in api.core.messages if chat == user)
                day = api.core.messages[(user, latest)]["reply_markup"]["inline_keyboard"][0][3][
                    "callback_data"
                ]
                api.core.queue_update(api.core.callback_update(user, "Noa", user, latest, day))
            api.wait_for("sendMessage", count=count + 1)
            api.queue(api.core.text_update(user, "Noa", "/export"))
            documents = api.wait_for("sendDocument", count=2)
            assert len(documents) == 2
            exported = [s for s in api.core.shown if s.kind == "document"]
            assert json.loads(exported[0].file_bytes)["checkins"][0]["rating"] == 4
            api.queue(api.core.text_update(user, "Noa", "/mytrends"))
            api.wait_for("sendPhoto")
            photo = next(s for s in api.core.shown if s.kind == "photo")
            assert photo.file_bytes.startswith(b"\x89PNG")
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


def test_sigterm_finishes_the_update_in_flight(tmp_path: Path) -> None:
    """SIGTERM while a handler waits on Telegram: the handler completes, then the bot exits 0."""
    import threading
    import time

    with running_bot_api() as api:
        in_flight = threading.Event()

        def slow_welcome(params: dict[str, object]) -> None:
            if "I'm Kindred" in str(params.get("text", "")):
                in_flight.set()
                time.sleep(1.5)  # Telegram being slow; the lock holds other requests meanwhile
            return None

        api.core.faults["sendMessage"] = slow_welcome
        env = {
            **os.environ,
            "TELEGRAM_BOT_TOKEN": "123456:TEST-token-not-real",
            "TELEGRAM_API_BASE_URL": api.base_url,
            "KINDRED_DATABASE_PATH": str(tmp_path / "kindred.db"),
            "KINDRED_MASTER_KEY_FILE": str(tmp_path / "kindred.key"),
            "PYTHONPATH": str(REPO),
        }
        env.pop("KINDRED_MASTER_KEY", None)
        process = subprocess.Popen(
            [sys.executable, "-m", "bot", "run"],
            cwd=tmp_path,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            api.wait_for("getUpdates")
            api.queue(api.core.text_update(5550002, "Tal", "/start"))
            assert in_flight.wait(30), "the welcome was never sent"
            process.send_signal(signal.SIGTERM)
            _, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, err
        texts = [str(params.get("text", "")) for params in api.core.sent("sendMessage")]
        # /start sends the welcome and then the consent question: both went out.
        assert any("I'm Kindred" in text for text in texts)
        assert any("Is that OK with you?" in text for text in texts), texts
