"""Programmes and roles: memberships, leads' digest choices and dispatches, the audit log.

Nothing here reads anything a participant wrote or answered; the only ciphertext it opens is a
lead's own chat id, to send them their digest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from storage.crypto import telegram_handle
from storage.database import Database
from storage.keystore import KeyStore
from storage.records import LeadContact, Membership


@dataclass(frozen=True)
class LeadView:
    """Who is asking for trends: their Kindred id, language and the programmes they lead."""

    user_id: str
    language: str
    programmes: list[str]


@dataclass(frozen=True)
class AuditEntry:
    at: datetime
    actor: str
    programme: str
    view: str


class ProgrammeRepository:
    def __init__(self, database: Database, keystore: KeyStore) -> None:
        self._database = database
        self._keystore = keystore

    async def ensure(self, name: str, timezone: str) -> str:
        """Create the programme if it is new; return its time zone (an existing one is kept)."""
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT OR IGNORE INTO programmes(name, timezone, created_at) VALUES (?, ?, ?)",
                (name, timezone, datetime.now(UTC).isoformat()),
            )
            async with connection.execute(
                "SELECT timezone FROM programmes WHERE name = ?", (name,)
            ) as cursor:
                row = await cursor.fetchone()
        return str(row[0]) if row else timezone

    async def timezone_of(self, name: str) -> str | None:
        async with self._database.writer.execute(
            "SELECT timezone FROM programmes WHERE name = ?", (name,)
        ) as cursor:
            row = await cursor.fetchone()
        return None if row is None else str(row[0])

    async def memberships_of(self, user_id: str) -> list[Membership]:
        async with self._database.writer.execute(
            "SELECT programme, role, digest, joined_at FROM memberships WHERE user_id = ? "
            "ORDER BY programme, role",
            (user_id,),
        ) as cursor:
            return [
                Membership(programme=str(p), role=str(r), digest=bool(d), joined_at=str(j))
                for p, r, d, j in await cursor.fetchall()
            ]

    async def lead_view(self, telegram_id: int) -> LeadView | None:
        """The programmes this Telegram account leads (None if it leads none)."""
        handle = telegram_handle(self._database.lookup_key, telegram_id)
        async with self._database.writer.execute(
            "SELECT u.id, u.language, m.programme FROM users u JOIN memberships m "
            "ON m.user_id = u.id WHERE u.telegram_handle = ? AND u.status = 'active' "
            "AND m.role = 'lead' ORDER BY m.programme",
            (handle,),
        ) as cursor:
            rows = list(await cursor.fetchall())
        if not rows:
            return None
        return LeadView(
            user_id=str(rows[0][0]),
            language=str(rows[0][1]),
            programmes=[str(row[2]) for row in rows],
        )

    async def leave(self, user_id: str, programme: str, role: str) -> bool:
        """The person leaves a programme in one role (their own choice, /leave); False if they
        were not in it. Weeks already frozen keep them; any other week no longer counts them."""
        return (
            await self._database.execute_write(
                "DELETE FROM memberships WHERE user_id = ? AND programme = ? AND role = ?",
                (user_id, programme, role),
            )
            == 1
        )

    async def set_digest(self, user_id: str, enabled: bool) -> int:
        """Opt in or out of the weekly digest for every programme the person leads."""
        return await self._database.execute_write(
            "UPDATE memberships SET digest = ? WHERE user_id = ? AND role = 'lead'",
            (int(enabled), user_id),
        )

    async def role_counts(self) -> list[tuple[str, str, int]]:
        """(programme, role, people) for every programme and both roles, zeros included."""
        async with self._database.writer.execute(
            "SELECT p.name, r.role, count(m.user_id) FROM programmes p "
            "CROSS JOIN (SELECT 'participant' AS role UNION ALL SELECT 'lead') r "
            "LEFT JOIN memberships m ON m.programme = p.name AND m.role = r.role "
            "GROUP BY p.name, r.role ORDER BY p.name, r.role DESC"
        ) as cursor:
            return [(str(p), str(r), int(n)) for p, r, n in await cursor.fetchall()]

    async def zones(self) -> list[tuple[str, str]]:
        """(programme, time zone) for every programme."""
        async with self._database.writer.execute(
            "SELECT name, timezone FROM programmes ORDER BY name"
        ) as cursor:
            return [(str(name), str(zone)) for name, zone in await cursor.fetchall()]

    async def digest_recipients(self, programme: str, week_start: date) -> list[LeadContact]:
        """The programme's active leads who opted in and have no digest for that week yet."""
        async with self._database.writer.execute(
            "SELECT u.id, u.chat_id_enc, u.language FROM memberships m "
            "JOIN users u ON u.id = m.user_id WHERE m.programme = ? AND m.role = 'lead' "
            "AND m.digest = 1 AND u.status = 'active' AND u.reachable = 1 AND NOT EXISTS ("
            "SELECT 1 FROM digest_dispatches d WHERE d.user_id = u.id "
            "AND d.programme = m.programme AND d.week_start = ?) ORDER BY u.id",
            (programme, week_start.isoformat()),
        ) as cursor:
            rows = await cursor.fetchall()
        recipients: list[LeadContact] = []
        for user_id, chat_id_enc, language in rows:
            cipher = await self._keystore.cipher_for(str(user_id))
            if cipher is None:
                continue
            chat_id = int(cipher.decrypt("users", "chat_id", str(user_id), bytes(chat_id_enc)))
            recipients.append(LeadContact(str(user_id), chat_id, str(language)))
        return recipients

    async def claim_digest(self, user_id: str, programme: str, week_start: date) -> bool:
        """Record that this week's digest is about to be sent; False if it ever was claimed."""
        async with self._database.transaction() as connection:
            cursor = await connection.execute(
                "INSERT OR IGNORE INTO digest_dispatches(user_id, programme, week_start, status, "
                "created_at) VALUES (?, ?, ?, 'sending', ?)",
                (user_id, programme, week_start.isoformat(), datetime.now(UTC).isoformat()),
            )
            claimed = cursor.rowcount == 1
            await cursor.close()
        return claimed

    async def mark_digest(
        self, user_id: str, programme: str, week_start: date, status: str
    ) -> None:
        async with self._database.transaction() as connection:
            await connection.execute(
                "UPDATE digest_dispatches SET status = ? "
                "WHERE user_id = ? AND programme = ? AND week_start = ?",
                (status, user_id, programme, week_start.isoformat()),
            )

    async def settle_interrupted_digests(self) -> int:
        """At start: digests claimed but never marked may have arrived; never resend them."""
        return await self._database.execute_write(
            "UPDATE digest_dispatches SET status = 'unconfirmed' WHERE status = 'sending'"
        )

    async def digest_dispatches(self, user_id: str) -> list[tuple[str, str, str]]:
        async with self._database.writer.execute(
            "SELECT programme, week_start, status FROM digest_dispatches WHERE user_id = ? "
            "ORDER BY programme, week_start",
            (user_id,),
        ) as cursor:
            return [(str(a), str(b), str(c)) for a, b, c in await cursor.fetchall()]

    async def audit(self, actor: str, programme: str, view: str, at: datetime) -> None:
        async with self._database.transaction() as connection:
            await connection.execute(
                "INSERT INTO audit_log(at, actor, programme, view) VALUES (?, ?, ?, ?)",
                (at.isoformat(), actor, programme, view),
            )

    async def audit_entries(self) -> list[AuditEntry]:
        async with self._database.writer.execute(
            "SELECT at, actor, programme, view FROM audit_log ORDER BY id"
        ) as cursor:
            return [
                AuditEntry(datetime.fromisoformat(a), str(b), str(c), str(d))
                for a, b, c, d in await cursor.fetchall()
            ]
