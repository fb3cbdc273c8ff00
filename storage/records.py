"""Plain typed records the repositories return; services and handlers see only these."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass(frozen=True)
class UserRecord:
    id: str
    chat_id: int
    language: str
    timezone: str
    status: str
    created_at: datetime
    schedule: dict[str, Any] = field(default_factory=dict)
    quiet_start: str = "22:00"
    quiet_end: str = "08:00"
    paused_until: date | None = None
    snoozed_until: datetime | None = None
    reachable: bool = True
    hebrew_notice_shown: bool = False


@dataclass(frozen=True)
class UserSchedule:
    """What the check-in dispatcher needs to decide who is due: clear columns only, so finding
    due check-ins for thousands of people decrypts nothing."""

    id: str
    timezone: str
    status: str
    reachable: bool
    schedule: dict[str, Any]
    quiet_start: str
    quiet_end: str
    paused_until: date | None
    snoozed_until: datetime | None


@dataclass(frozen=True)
class JournalEntry:
    id: str
    user_id: str
    created_at: datetime
    kind: str
    text: str
    for_supervision: bool


@dataclass(frozen=True)
class CheckinRecord:
    user_id: str
    local_date: date
    rating: int | None
    difficult: bool
    day_off: bool
    created_at: datetime


@dataclass(frozen=True)
class ReflectionRecord:
    id: str
    user_id: str
    started_at: datetime
    local_date: date
    pre: int | None
    post: int | None
    flagged: bool
    completed: bool
    entry_id: str | None


@dataclass(frozen=True)
class Invite:
    programme: str
    role: str
    left: str | None = None  # the programme a participant left by joining this one
    already: bool = False  # they were already in it, in this role: the code was not used


@dataclass(frozen=True)
class Membership:
    programme: str
    role: str
    digest: bool
    joined_at: str = ""  # ISO instant: tells this membership from an earlier one ended since


@dataclass(frozen=True)
class LeadContact:
    """Where a lead's digest goes: decrypted only to send it."""

    user_id: str
    chat_id: int
    language: str
