"""The typed context every handler receives, and the services it carries."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any, TypeAlias

from telegram.ext import Application, CallbackContext, ExtBot, JobQueue

from bot.classifier.analysis import TextAnalyser
from bot.clock import Clock
from bot.prompts import Prompts
from bot.services.checkins import CheckinService
from bot.services.reflection import ReflectionService
from bot.services.trends import TrendsService
from bot.services.users import UserService
from bot.settings import Settings
from storage import Storage


@dataclass
class Services:
    """What ``post_init`` opens and ``post_shutdown`` closes; handlers reach it via the context."""

    settings: Settings
    storage: Storage
    prompts: Prompts
    clock: Clock
    users: UserService
    checkins: CheckinService
    reflections: ReflectionService
    analyser: TextAnalyser
    trends: TrendsService


class BotData:
    def __init__(self) -> None:
        self._services: Services | None = None
        # Background work started by post_init (the model load), cancelled by post_shutdown.
        self.background: set[asyncio.Task[None]] = set()

    @property
    def services(self) -> Services:
        if self._services is None:
            raise RuntimeError("services are not open yet (post_init has not run)")
        return self._services

    @services.setter
    def services(self, value: Services | None) -> None:
        self._services = value

    @property
    def ready(self) -> bool:
        return self._services is not None


class KindredContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotData]):
    @property
    def services(self) -> Services:
        return self.bot_data.services


KindredApplication: TypeAlias = Application[
    ExtBot[None], KindredContext, dict[Any, Any], dict[Any, Any], BotData, JobQueue[KindredContext]
]
