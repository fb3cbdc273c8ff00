"""The Bot API stand-in behind real HTTP on 127.0.0.1, for end-to-end tests of ``kindred run``.

Parses what PTB's HTTPXRequest sends (form-encoded or multipart), answers like Telegram, and
long-polls getUpdates for up to a second. Bounded: it serves only loopback and stops with the test.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl

from bot.chat.bot_api import BotApiError, BotApiStandIn, error_bytes, reply_bytes

JSON_FIELDS = {"reply_markup", "commands", "allowed_updates", "entities", "caption_entities"}


def _decode_fields(fields: dict[str, str]) -> dict[str, Any]:
    decoded: dict[str, Any] = {}
    for name, value in fields.items():
        decoded[name] = json.loads(value) if name in JSON_FIELDS else value
    return decoded


def _parse_multipart(
    content_type: str, body: bytes
) -> tuple[dict[str, str], dict[str, tuple[str, bytes]]]:
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
        b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
    )
    fields: dict[str, str] = {}
    files: dict[str, tuple[str, bytes]] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        raw = part.get_payload(decode=True)
        payload = raw if isinstance(raw, bytes) else b""
        if filename is not None:
            files[str(name)] = (filename, payload)
        else:
            fields[str(name)] = payload.decode()
    return fields, files


class HttpBotApi:
    def __init__(self) -> None:
        self.core = BotApiStandIn()
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:
                return None

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                content_type = self.headers.get("Content-Type", "")
                method = self.path.rsplit("/", 1)[-1]
                files: dict[str, tuple[str, bytes]] = {}
                if content_type.startswith("multipart/form-data"):
                    fields, files = _parse_multipart(content_type, body)
                elif content_type.startswith("application/json"):
                    fields = {
                        k: v if isinstance(v, str) else json.dumps(v)
                        for k, v in json.loads(body or b"{}").items()
                    }
                else:
                    fields = dict(parse_qsl(body.decode()))
                params = _decode_fields(fields)
                status, payload = api.answer(method, params, files)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the bot was stopped mid-poll: nothing to answer

        return Handler

    def answer(
        self, method: str, params: dict[str, Any], files: dict[str, tuple[str, bytes]]
    ) -> tuple[int, bytes]:
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        while True:
            try:
                with self.lock:
                    result = self.core.handle(method, params, files)
            except BotApiError as error:
                return error.code, error_bytes(error)
            if method != "getUpdates" or result or time.monotonic() >= deadline:
                return 200, reply_bytes(result)
            time.sleep(0.05)

    def queue(self, update: dict[str, Any]) -> None:
        with self.lock:
            self.core.queue_update(update)

    def wait_for(self, method: str, count: int = 1, timeout: float = 30.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                found = self.core.sent(method)
            if len(found) >= count:
                return found
            time.sleep(0.05)
        raise AssertionError(f"the bot did not call {method} {count} time(s) in {timeout}s")


@contextmanager
def running_bot_api() -> Iterator[HttpBotApi]:
    api = HttpBotApi()
    api.thread.start()
    try:
        yield api
    finally:
        api.server.shutdown()
        api.server.server_close()
