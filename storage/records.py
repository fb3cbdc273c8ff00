"""Plain typed records the repositories return; services and handlers see only these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class UserRecord:
    id: str
    chat_id: int
    language: str
    timezone: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class JournalEntry:
    id: str
    user_id: str
    created_at: datetime
    kind: str
    text: str
    for_supervision: bool
