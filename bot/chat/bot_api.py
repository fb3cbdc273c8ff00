"""A small Telegram Bot API stand-in: answers like the real API and records what the bot sent.

Used by ``kindred chat`` (in process, through :class:`StandInRequest`), by the tests (the same), and
behind a real HTTP server on 127.0.0.1 in the end-to-end test. It implements the methods Kindred
uses; any other method gets Telegram's own "method not found" answer so a gap shows up loudly.
"""

from __future__ import annotations

import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from telegram.request import BaseRequest, RequestData

BOT_USER = {
    "id": 123456,
    "is_bot": True,
    "first_name": "Kindred",
    "username": "kindred_offline_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": False,
}

JSON = dict[str, Any]


class BotApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.retry_after = retry_after


@dataclass
class Button:
    label: str
    callback_data: str | None  # None: a reply-keyboard button, pressing it sends its label


@dataclass
class Shown:
    """Something the person would see in their chat, in order."""

    kind: str  # "message", "edit", "document", "photo"
    chat_id: int
    message_id: int
    text: str = ""
    buttons: list[Button] = field(default_factory=list)
    file_path: Path | None = None
    file_bytes: bytes = b""
    file_name: str = ""


def _buttons(markup: object) -> list[Button]:
    if isinstance(markup, str):
        markup = json.loads(markup)
    if not isinstance(markup, dict):
        return []
    found: list[Button] = []
    for row in markup.get("inline_keyboard", []):
        for button in row:
            found.append(Button(str(button.get("text", "")), button.get("callback_data")))
    for row in markup.get("keyboard", []):
        for button in row:
            label = button if isinstance(button, str) else button.get("text", "")
            found.append(Button(str(label), None))
    return found


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "file"


class BotApiStandIn:
    """The Bot API's behaviour, minus the network."""

    def __init__(self, outbox: Path | None = None) -> None:
        self.outbox = outbox
        self.calls: list[tuple[str, JSON]] = []
        self.shown: list[Shown] = []
        self.messages: dict[tuple[int, int], JSON] = {}
        self.commands: dict[str, list[JSON]] = {}
        self.pending_updates: list[JSON] = []
        self._answered: set[str] = set()
        self._message_ids = itertools.count(1)
        self._update_ids = itertools.count(1)
        # Tests may make a method fail: name -> function returning an error to raise, or None.
        self.faults: dict[str, Callable[[JSON], BotApiError | None]] = {}
        # ... or make the connection fail: name -> function returning (when, exception) or None.
        # "before": the request never reached Telegram (e.g. a refused connection);
        # "after": Telegram handled it but the answer was lost (e.g. a read timeout).
        self.transport_faults: dict[str, Callable[[JSON], tuple[str, BaseException] | None]] = {}

    # -- what the bot calls ---------------------------------------------------------------------

    def handle(self, method: str, params: JSON, files: dict[str, tuple[str, bytes]]) -> Any:
        self.calls.append((method, params))
        fault = self.faults.get(method)
        if fault is not None:
            error = fault(params)
            if error is not None:
                raise error
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            raise BotApiError(404, "Not Found: method not found")
        return handler(params, files)

    def _api_getme(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:
        return dict(BOT_USER)

    def _api_getupdates(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> list[JSON]:
        offset = int(params.get("offset") or 0)
        self.pending_updates = [u for u in self.pending_updates if u["update_id"] >= offset]
        limit = int(params.get("limit") or 100)
        return self.pending_updates[:limit]

    def _api_deletewebhook(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> bool:
        return True

    def _api_setmycommands(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> bool:
        commands = params.get("commands", [])
        if isinstance(commands, str):
            commands = json.loads(commands)
        scope = params.get("scope")
        if isinstance(scope, str):
            scope = json.loads(scope)
        key = str(params.get("language_code") or "")
        if isinstance(scope, dict) and scope.get("type") == "chat":
            key = f"chat:{scope['chat_id']}"  # one person's own menu
        self.commands[key] = list(commands)
        return True

    def _api_deletemycommands(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> bool:
        scope = params.get("scope")
        if isinstance(scope, str):
            scope = json.loads(scope)
        key = str(params.get("language_code") or "")
        if isinstance(scope, dict) and scope.get("type") == "chat":
            key = f"chat:{scope['chat_id']}"
        self.commands.pop(key, None)  # as Telegram: the wider menu shows again
        return True

    def _api_answercallbackquery(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> bool:
        # As Telegram does: a query can be answered once.
        query_id = str(params.get("callback_query_id"))
        if query_id in self._answered:
            raise BotApiError(
                400,
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            )
        self._answered.add(query_id)
        return True

    def _api_sendchataction(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> bool:
        return True

    def _new_message(self, chat_id: int, **content: Any) -> JSON:
        message_id = next(self._message_ids)
        message: JSON = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": dict(BOT_USER),
            **{key: value for key, value in content.items() if value is not None},
        }
        self.messages[(chat_id, message_id)] = message
        return message

    def _api_sendmessage(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:
        chat_id = int(params["chat_id"])
        text = str(params.get("text", ""))
        if not text.strip():
            raise BotApiError(400, "Bad Request: message text is empty")
        if len(text) > 4096:
            raise BotApiError(400, "Bad Request: message is too long")
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        message = self._new_message(chat_id, text=text, reply_markup=markup)
        self.shown.append(Shown("message", chat_id, message["message_id"], text, _buttons(markup)))
        return message

    def _api_editmessagetext(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:
        chat_id = int(params["chat_id"])
        message_id = int(params["message_id"])
        message = self.messages.get((chat_id, message_id))
        if message is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        text = str(params.get("text", ""))
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if message.get("text") == text and message.get("reply_markup") == markup:
            raise BotApiError(400, "Bad Request: message is not modified")
        message["text"] = text
        message["edit_date"] = int(time.time())
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        self.shown.append(Shown("edit", chat_id, message_id, text, _buttons(markup)))
        return message

    def _api_editmessagereplymarkup(
        self, params: JSON, files: dict[str, tuple[str, bytes]]
    ) -> JSON:
        chat_id = int(params["chat_id"])
        message_id = int(params["message_id"])
        message = self.messages.get((chat_id, message_id))
        if message is None:
            raise BotApiError(400, "Bad Request: message to edit not found")
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        if markup is None:
            message.pop("reply_markup", None)
        else:
            message["reply_markup"] = markup
        self.shown.append(
            Shown("markup", chat_id, message_id, str(message.get("text", "")), _buttons(markup))
        )
        return message

    def _api_deletemessage(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> bool:
        self.messages.pop((int(params["chat_id"]), int(params["message_id"])), None)
        return True

    def _send_file(
        self, kind: str, field_name: str, params: JSON, files: dict[str, tuple[str, bytes]]
    ) -> JSON:
        chat_id = int(params["chat_id"])
        reference = params.get(field_name)
        upload = files.get(field_name)
        if upload is None and isinstance(reference, str) and reference.startswith("attach://"):
            upload = files.get(reference.removeprefix("attach://"))
        if upload is None:
            raise BotApiError(400, f"Bad Request: there is no {field_name} in the request")
        file_name, content = upload
        caption = str(params.get("caption", "") or "")
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        message_id = next(self._message_ids)
        path: Path | None = None
        if self.outbox is not None:
            self.outbox.mkdir(parents=True, exist_ok=True)
            path = self.outbox / f"{message_id:04d}-{_safe_name(file_name)}"
            path.write_bytes(content)
        file_id = f"file-{message_id}"
        body: JSON
        if kind == "photo":
            body = {
                "photo": [{"file_id": file_id, "file_unique_id": file_id, "width": 1, "height": 1}]
            }
        else:
            body = {
                "document": {"file_id": file_id, "file_unique_id": file_id, "file_name": file_name}
            }
        message: JSON = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": dict(BOT_USER),
            **body,
        }
        if caption:
            message["caption"] = caption
        if markup:
            message["reply_markup"] = markup
        self.messages[(chat_id, message_id)] = message
        self.shown.append(
            Shown(kind, chat_id, message_id, caption, _buttons(markup), path, content, file_name)
        )
        return message

    def _api_senddocument(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:
        return self._send_file("document", "document", params, files)

    def _api_sendphoto(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:
        return self._send_file("photo", "photo", params, files)

    # -- what the person does -------------------------------------------------------------------

    def _person(self, user_id: int, name: str, language_code: str | None) -> JSON:
        person: JSON = {"id": user_id, "is_bot": False, "first_name": name}
        if language_code:
            person["language_code"] = language_code
        return person

    def text_update(
        self,
        user_id: int,
        name: str,
        text: str,
        *,
        chat: JSON | None = None,
        language_code: str | None = None,
        edited: bool = False,
    ) -> JSON:
        """The update Telegram would deliver when the person sends ``text``."""
        message_id = next(self._message_ids)
        message: JSON = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": chat or {"id": user_id, "type": "private", "first_name": name},
            "from": self._person(user_id, name, language_code),
            "text": text,
        }
        command = re.match(r"/[A-Za-z0-9_]+(@[A-Za-z0-9_]+)?", text)
        if command:
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": command.end()}]
        if edited:
            message["edit_date"] = int(time.time())
        key = "edited_message" if edited else "message"
        return {"update_id": next(self._update_ids), key: message}

    def message_update(self, user_id: int, name: str, content: JSON) -> JSON:
        """An update carrying a non-text message (sticker, photo, voice, …)."""
        message: JSON = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": user_id, "type": "private", "first_name": name},
            "from": self._person(user_id, name, None),
            **content,
        }
        return {"update_id": next(self._update_ids), "message": message}

    def callback_update(
        self,
        user_id: int,
        name: str,
        chat_id: int,
        message_id: int,
        data: str,
        language_code: str | None = None,
    ) -> JSON:
        """The update Telegram would deliver when the person presses an inline button."""
        message = self.messages.get((chat_id, message_id)) or {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private"},
            "from": dict(BOT_USER),
            "text": "",
        }
        return {
            "update_id": next(self._update_ids),
            "callback_query": {
                "id": str(next(self._update_ids)),
                "from": self._person(user_id, name, language_code),
                "chat_instance": str(chat_id),
                "message": message,
                "data": data,
            },
        }

    def queue_update(self, update: JSON) -> None:
        """For polling clients: the update will be returned by the next getUpdates."""
        self.pending_updates.append(update)

    def sent(self, method: str) -> list[JSON]:
        return [params for name, params in self.calls if name == method]


def _read_files(request_data: RequestData) -> dict[str, tuple[str, bytes]]:
    files: dict[str, tuple[str, bytes]] = {}
    for name, value in request_data.multipart_data.items():
        file_name, content = value[0], value[1]
        data = content if isinstance(content, bytes) else content.read()
        files[name] = (str(file_name or name), bytes(data))
    return files


def reply_bytes(result: Any) -> bytes:
    return json.dumps({"ok": True, "result": result}).encode()


def error_bytes(error: BotApiError) -> bytes:
    body: JSON = {"ok": False, "error_code": error.code, "description": error.description}
    if error.retry_after is not None:
        body["parameters"] = {"retry_after": error.retry_after}
    return json.dumps(body).encode()


class StandInRequest(BaseRequest):
    """A ``BaseRequest`` that answers from a :class:`BotApiStandIn` instead of the network."""

    def __init__(self, stand_in: BotApiStandIn) -> None:
        self.stand_in = stand_in

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = None,
        write_timeout: object = None,
        connect_timeout: object = None,
        pool_timeout: object = None,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]
        params: JSON = dict(request_data.parameters) if request_data else {}
        files = _read_files(request_data) if request_data and request_data.contains_files else {}
        transport = self.stand_in.transport_faults.get(api_method)
        fault = transport(params) if transport is not None else None
        if fault is not None and fault[0] == "before":
            raise fault[1]
        try:
            result = self.stand_in.handle(api_method, params, files)
        except BotApiError as error:
            return error.code, error_bytes(error)
        if fault is not None:
            raise fault[1]
        return 200, reply_bytes(result)
