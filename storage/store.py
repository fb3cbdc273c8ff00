"""The open store: every repository on one database, as the application holds them."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storage.aggregate_repository import AggregateRepository
from storage.checkin_repository import CheckinRepository
from storage.crypto import MasterKey
from storage.database import Database
from storage.invite_repository import InviteRepository
from storage.journal_repository import JournalRepository
from storage.keystore import KeyStore
from storage.programme_repository import ProgrammeRepository
from storage.reflection_repository import ReflectionRepository
from storage.state_repository import StateRepository
from storage.user_repository import UserRepository


@dataclass
class Storage:
    """The open store and its repositories, as the application holds them."""

    database: Database
    keystore: KeyStore
    users: UserRepository
    journal: JournalRepository
    state: StateRepository
    checkins: CheckinRepository
    reflections: ReflectionRepository
    invites: InviteRepository
    programmes: ProgrammeRepository
    aggregates: AggregateRepository

    async def close(self) -> None:
        await self.database.close()


async def open_storage(path: Path, master_key: MasterKey) -> Storage:
    database = await Database.open(path, master_key)
    keystore = KeyStore(database)
    return Storage(
        database=database,
        keystore=keystore,
        users=UserRepository(database, keystore),
        journal=JournalRepository(database, keystore),
        state=StateRepository(database, keystore),
        checkins=CheckinRepository(database),
        reflections=ReflectionRepository(database, keystore),
        invites=InviteRepository(database),
        programmes=ProgrammeRepository(database, keystore),
        aggregates=AggregateRepository(database),
    )
