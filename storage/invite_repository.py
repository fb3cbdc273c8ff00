"""Enrolment codes: only a hash of each code is stored. Redeeming one adds a membership."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from storage.database import Database
from storage.records import Invite

# No 0/O, 1/I/L: codes are read aloud and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def code_hash(code: str) -> str:
    normalised = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(f"kindred-invite:{normalised}".encode()).hexdigest()


def new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


# Around a code, what a paste or a slip of the thumb adds: quotes, brackets, a stray dash or a
# full stop ("WZX5R-VU7P6-" got the crisis reply in a walkthrough).
_CODE_SHAPE = re.compile(
    r"\s*[\"'`«“(\[]*([A-Za-z0-9]{5})\s?([-–—]?)\s?([A-Za-z0-9]{5})[-–—.,;:!?\"'`»”)\]]*\s*"
)


def reads_as_code(text: str) -> bool:
    """Whether a message has the shape of an enrolment code ("Z3N57-F3JW9", "z3n57f3jw9"): ten
    letters and digits, in two halves of five at most. Words are not one ("never again",
    "everything"): a code has a dash between its halves, or a digit, or is written in capitals."""
    match = _CODE_SHAPE.fullmatch(text)
    if match is None:
        return False
    first, joint, second = match.groups()
    raw = first + second
    return bool(joint) or any(ch.isdigit() for ch in raw) or raw.isupper()


@dataclass(frozen=True)
class LeadRemoval:
    """What `kindred leads --remove CODE` found and did."""

    programme: str
    role: str  # the code's role: a participant code removes nothing
    holders: int  # leads known to have joined with this code
    removed: int
    unrecorded: int  # leads of the programme who joined before codes were kept with leads


class InviteRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def revoke(self, code: str) -> str | None:
        """A code no one may use any more (leaked, or its spare uses unwanted); returns its
        programme, or None if there is no such code. Who already used it keeps their place."""
        async with self._database.transaction() as connection:
            async with connection.execute(
                "SELECT programme FROM invites WHERE code_hash = ?", (code_hash(code),)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            await connection.execute(
                "UPDATE invites SET uses_left = 0 WHERE code_hash = ?", (code_hash(code),)
            )
        return str(row[0])

    async def remove_lead(self, code: str, *, every_holder: bool = False) -> LeadRemoval | None:
        """End the lead access this code gave (the person left the job, say) and revoke the
        code; None if there is no such code. A code more than one lead joined with ends nothing
        unless ``every_holder``: Kindred cannot tell them apart, and the one who stays would lose
        access too. Their own check-ins and journal, if they take part, are not touched."""
        hashed = code_hash(code)
        async with self._database.transaction() as connection:
            async with connection.execute(
                "SELECT programme, role FROM invites WHERE code_hash = ?", (hashed,)
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            programme, role = str(row[0]), str(row[1])
            if role != "lead":
                return LeadRemoval(programme, role, 0, 0, 0)
            async with connection.execute(
                "SELECT count(*), sum(invite_hash IS NULL) FROM memberships WHERE role = 'lead' "
                "AND programme = ? AND (invite_hash = ? OR invite_hash IS NULL)",
                (programme, hashed),
            ) as cursor:
                counted = await cursor.fetchone()
            unrecorded = int(counted[1] or 0) if counted else 0
            holders = (int(counted[0]) if counted else 0) - unrecorded
            if holders > 1 and not every_holder:
                return LeadRemoval(programme, role, holders, 0, unrecorded)
            cursor = await connection.execute(
                "DELETE FROM memberships WHERE role = 'lead' AND invite_hash = ?", (hashed,)
            )
            removed = cursor.rowcount
            await cursor.close()
            await connection.execute(
                "UPDATE invites SET uses_left = 0 WHERE code_hash = ?", (hashed,)
            )
        return LeadRemoval(programme, role, holders, removed, unrecorded)

    async def remove_all_leads(self, programme: str) -> int:
        """End every lead's access to a programme and revoke its unused lead codes; returns how
        many leads lost access. The leads who stay are given new codes."""
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                "DELETE FROM memberships WHERE role = 'lead' AND programme = ?", (programme,)
            )
            removed = cursor.rowcount
            await cursor.close()
            await connection.execute(
                "UPDATE invites SET uses_left = 0 WHERE role = 'lead' AND programme = ?",
                (programme,),
            )
        return removed

    async def create(
        self,
        code: str,
        programme: str,
        role: str,
        uses: int,
        expires_at: datetime | None,
        *,
        timezone: str = "UTC",
    ) -> None:
        """Store the code's hash; the programme is created (in ``timezone``) if it is new."""
        now = datetime.now(UTC).isoformat()
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT OR IGNORE INTO programmes(name, timezone, created_at) VALUES (?, ?, ?)",
                (programme, timezone, now),
            )
            await connection.execute(
                "INSERT INTO invites(code_hash, programme, role, uses_left, expires_at, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    code_hash(code),
                    programme,
                    role,
                    uses,
                    expires_at.isoformat() if expires_at else None,
                    now,
                ),
            )

    async def redeem(self, code: str, user_id: str, now: datetime) -> Invite | None:
        """Use one redemption of the code and add the membership, in one transaction.

        None if the code is unknown, used up or expired. Redeeming a membership the person already
        has uses nothing. A participant counts in one programme only: joining another as a
        participant leaves the first (nested or overlapping groups could be subtracted from each
        other to single someone out; see docs/privacy.md). Leading several programmes is fine."""
        async with self._database.transaction() as connection:
            async with connection.execute(
                "SELECT programme, role, uses_left, expires_at FROM invites WHERE code_hash = ?",
                (code_hash(code),),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            programme, role, uses_left, expires_at = row
            if int(uses_left) <= 0:
                return None
            if expires_at and datetime.fromisoformat(expires_at) <= now:
                return None
            left: list[str] = []
            if role == "participant":
                async with connection.execute(
                    "SELECT programme FROM memberships WHERE user_id = ? AND role = 'participant' "
                    "AND programme != ? ORDER BY programme",
                    (user_id, programme),
                ) as cursor:
                    left = [str(name) for (name,) in await cursor.fetchall()]
                await connection.execute(
                    "DELETE FROM memberships WHERE user_id = ? AND role = 'participant' "
                    "AND programme != ?",
                    (user_id, programme),
                )
            # A lead's code is kept with the membership so the operator can end that access
            # later; a participant's is not (see migration 0005).
            cursor = await connection.execute(
                "INSERT OR IGNORE INTO memberships(user_id, programme, role, joined_at, "
                "invite_hash) VALUES (?, ?, ?, ?, ?)",
                (
                    user_id,
                    programme,
                    role,
                    now.isoformat(),
                    code_hash(code) if role == "lead" else None,
                ),
            )
            added = cursor.rowcount == 1
            await cursor.close()
            if added:
                await connection.execute(
                    "UPDATE invites SET uses_left = uses_left - 1 WHERE code_hash = ?",
                    (code_hash(code),),
                )
        return Invite(
            programme=str(programme),
            role=str(role),
            left=", ".join(left) or None,
            already=not added,
        )
