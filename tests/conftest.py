from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.chat.terminal import ChatPerson, ChatSession, close_chat, open_chat
from storage import Storage, open_storage
from storage.crypto import MasterKey, generate_key
from tests.support.factories import make_settings


@pytest.fixture
def master_key() -> MasterKey:
    return MasterKey(generate_key())


@pytest.fixture
async def storage(tmp_path: Path, master_key: MasterKey) -> AsyncIterator[Storage]:
    opened = await open_storage(tmp_path / "kindred.db", master_key)
    yield opened
    await opened.close()


@pytest.fixture
async def chat(tmp_path: Path, master_key: MasterKey) -> AsyncIterator[ChatSession]:
    """The real Application with the Bot API stand-in, as one person (Dana, id 424242)."""
    session = await open_chat(
        make_settings(tmp_path), master_key, ChatPerson(424242, "Dana"), tmp_path / "outbox"
    )
    yield session
    await close_chat(session)
