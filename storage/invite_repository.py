"""Enrolment codes: only a hash of each code is stored."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

from storage.database import Database
from storage.records import Invite


def code_hash(code: str) -> str:
    normalised = "".join(code.split()).upper()
    return hashlib.sha256(f"kindred-invite:{normalised}".encode()).hexdigest()


class InviteRepository:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def create(
        self, code: str, programme: str, role: str, uses: int, expires_at: datetime | None
    ) -> None:
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO invites(code_hash, programme, role, uses_left, expires_at, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (
                    code_hash(code),
                    programme,
                    role,
                    uses,
                    expires_at.isoformat() if expires_at else None,
                    datetime.now(UTC).isoformat(),
                ),
            )

    async def redeem(self, code: str, now: datetime) -> Invite | None:
        """Use one redemption of the code; None if unknown, used up or expired."""
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
            await connection.execute(
                "UPDATE invites SET uses_left = uses_left - 1 WHERE code_hash = ?",
                (code_hash(code),),
            )
        return Invite(programme=str(programme), role=str(role))
