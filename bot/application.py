"""``build_application(settings)``: the one place the PTB Application is put together.

``kindred run`` polls Telegram with it; ``kindred chat`` drives the very same application through
an in-process Bot API stand-in; tests do the same with their own fake request.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from pathlib import Path
from typing import cast

from telegram.ext import AIORateLimiter, Application, ApplicationBuilder, ContextTypes
from telegram.request import BaseRequest

from bot.classifier.analysis import TextAnalyser
from bot.clock import Clock, SystemClock
from bot.context import BotData, KindredApplication, KindredContext, Services
from bot.handlers.registry import register_handlers
from bot.jobs import TICK_SECONDS, tick
from bot.menu import set_menu
from bot.prompts import Prompts
from bot.services.checkins import CheckinService
from bot.services.reflection import ReflectionService
from bot.services.trends import TrendsService
from bot.services.users import UserService
from bot.settings import Settings
from storage import open_storage
from storage.crypto import MasterKey

logger = logging.getLogger("kindred")

OFFLINE_TOKEN = "123456:kindred-offline-chat"  # noqa: S105 - not a secret: no Telegram behind it


async def load_classifier(analyser: TextAnalyser, directory: Path) -> None:
    from bot.classifier.model import ModelMissing, OnnxClassifier

    try:
        model = await asyncio.to_thread(OnnxClassifier, directory)
    except ModelMissing:
        logger.warning("classifier not built; texts are not analysed for over-identification")
        return
    except Exception as error:  # a broken model must not take the bot down
        logger.error("classifier failed to load", extra={"error_type": type(error).__name__})
        return
    analyser.set_model(model)
    logger.info("classifier loaded")


def build_application(
    settings: Settings,
    *,
    master_key: MasterKey,
    clock: Clock | None = None,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    token: str | None = None,
) -> KindredApplication:
    chosen_clock = clock or SystemClock()

    async def post_init(application: Application) -> None:  # type: ignore[type-arg]
        app = cast(KindredApplication, application)
        storage = await open_storage(settings.database_path, master_key)
        prompts = Prompts.load(settings.default_language)
        app.bot_data.services = Services(
            settings=settings,
            storage=storage,
            prompts=prompts,
            clock=chosen_clock,
            users=UserService(storage, settings),
            checkins=CheckinService(
                storage, grace=timedelta(minutes=settings.checkin_grace_minutes)
            ),
            reflections=ReflectionService(storage, prompts, chosen_clock),
            analyser=TextAnalyser(),
            trends=TrendsService(
                storage.aggregates, storage.programmes, prompts, settings, chosen_clock
            ),
        )
        await app.bot_data.services.checkins.restore_seen(chosen_clock.now())
        interrupted = await app.bot_data.services.checkins.settle_interrupted()
        interrupted += await storage.programmes.settle_interrupted_digests()
        if interrupted:
            # In flight when the last process died: maybe delivered, so never resent.
            logger.warning(
                "check-ins or digests left unconfirmed by the last stop",
                extra={"count": interrupted},
            )
        await set_menu(app.bot, prompts)
        # The model loads in the background: commands and buttons are answered at once; a text
        # sent meanwhile waits for it (see TextAnalyser.loading), as the model hears crisis in
        # words the lexicon cannot.
        analyser = app.bot_data.services.analyser
        app.bot_data.background.add(analyser.loading(load_classifier(analyser, settings.model_dir)))
        if app.job_queue is not None:
            # One tick; what is due lives in SQLite. coalesce: ticks missed while the process was
            # busy or suspended run once, not in a burst. misfire_grace_time: a tick late by up to
            # one interval still runs (the dispatcher's own grace window decides what is sent).
            # max_instances=1: a long fan-out is never run twice at once.
            app.job_queue.run_repeating(
                tick,
                interval=TICK_SECONDS,
                first=5,
                name="tick",
                job_kwargs={
                    "coalesce": True,
                    "misfire_grace_time": TICK_SECONDS,
                    "max_instances": 1,
                },
            )
        if settings.helplines_are_defaults:
            logger.warning(
                "helplines are the defaults (Israel: ERAN 1201, emergency 101, and a line for "
                "abroad); set KINDRED_HELPLINES to the programme's own"
            )
        logger.info("kindred ready")

    async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
        app = cast(KindredApplication, application)
        for task in app.bot_data.background:
            task.cancel()
        app.bot_data.background.clear()
        if app.bot_data.ready:
            await app.bot_data.services.storage.close()
            app.bot_data.services = None

    if token is None:
        token = (
            settings.telegram_bot_token.get_secret_value()
            if settings.telegram_bot_token
            else OFFLINE_TOKEN
        )
    builder = (
        ApplicationBuilder()
        .token(token)
        # Updates from one person are handled in order: a reflection's steps must not race.
        .concurrent_updates(False)
        .context_types(ContextTypes(context=KindredContext, bot_data=BotData))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if settings.telegram_api_base_url:
        # Accept both "http://host:8081" and "http://host:8081/bot", as local Bot API docs vary.
        root = settings.telegram_api_base_url.rstrip("/").removesuffix("/bot")
        builder = builder.base_url(f"{root}/bot").base_file_url(f"{root}/file/bot")
    if settings.rate_limit:
        # Telegram's limits: ~30 messages/s overall, 20/min per group; RetryAfter is waited out
        # and retried (up to 3 times) with every other request held meanwhile.
        # (typed as ExtBot[None]: Kindred never passes per-call rate_limit_args)
        builder = builder.rate_limiter(AIORateLimiter(max_retries=3))  # type: ignore[arg-type]
    if request is not None:
        builder = builder.request(request)
    if get_updates_request is not None:
        builder = builder.get_updates_request(get_updates_request)
    application = cast(KindredApplication, builder.build())
    register_handlers(application)
    return application
