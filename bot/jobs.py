"""Scheduled work. One repeating tick reads the injectable clock and runs whatever is due.

Schedules live in SQLite, not in APScheduler's memory, so a restart loses nothing; the tick is the
only job PTB's JobQueue holds. ``kindred chat``'s ``:clock`` calls :func:`run_due_jobs` directly.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from telegram import Bot

if TYPE_CHECKING:
    from bot.context import KindredContext, Services

logger = logging.getLogger("kindred.jobs")

TICK_SECONDS = 30

DueJob = Callable[["Services", Bot], Awaitable[int]]

# Flows register what must run on each tick (check-ins, digests); each returns how much it did.
DUE_JOBS: list[DueJob] = []


async def finish_pending_checkpoint(services: Services, bot: Bot) -> int:
    """An erasure's checkpoint that another reader blocked is retried until it completes: till
    then the erased person's wrapped key is still in the key store's file."""
    database = services.storage.database
    if not database.checkpoint_pending:
        return 0
    return int(await database.checkpoint(patient=False))


async def forget_old_crisis_replies(services: Services, bot: Bot) -> int:
    """The time of a crisis reply is kept a day, as the README says, not until the next
    check-in (days, for someone paused)."""
    return await services.checkins.forget_old_crisis_replies(services.clock.now())


async def run_due_jobs(services: Services, bot: Bot) -> int:
    done = 0
    for job in (finish_pending_checkpoint, forget_old_crisis_replies, *DUE_JOBS):
        try:
            done += await job(services, bot)
        except Exception as error:  # one failing job must not stop the others
            logger.error("due job failed", extra={"error_type": type(error).__name__})
    return done


async def tick(context: KindredContext) -> None:
    await run_due_jobs(context.services, context.bot)
