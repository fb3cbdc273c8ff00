"""Who someone is to Kindred: enrolment with consent, language, erasure."""

from __future__ import annotations

from bot.prompts import language_from_telegram
from bot.settings import Settings
from storage import Storage
from storage.records import UserRecord


class UserService:
    def __init__(self, storage: Storage, settings: Settings) -> None:
        self._storage = storage
        self._settings = settings

    async def find(self, telegram_id: int) -> UserRecord | None:
        return await self._storage.users.find_by_telegram_id(telegram_id)

    async def enrol(self, telegram_id: int, chat_id: int, language: str) -> UserRecord:
        """Create the account once the person has consented (nothing is stored before).

        It stays in 'onboarding' until the set-up questions are answered."""
        return await self._storage.users.create(
            telegram_id, chat_id, language, self._settings.timezone
        )

    async def get(self, user_id: str) -> UserRecord | None:
        return await self._storage.users.get(user_id)

    async def update(self, user: UserRecord, **values: object) -> UserRecord:
        await self._storage.users.update(user.id, **values)
        refreshed = await self._storage.users.get(user.id)
        if refreshed is None:
            raise LookupError("user erased while being updated")
        return refreshed

    async def language_for(self, telegram_id: int | None, language_code: str | None) -> str:
        if telegram_id is not None:
            user = await self.find(telegram_id)
            if user is not None:
                return user.language
        return language_from_telegram(language_code, self._settings.default_language)

    async def erase(self, user_id: str) -> bool:
        return await self._storage.users.erase(user_id)
