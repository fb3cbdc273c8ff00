"""``register_handlers`` adds every flow's handlers in priority order."""

from __future__ import annotations

from bot.context import KindredApplication
from bot.handlers import (
    account,
    checkin,
    conversation,
    errors,
    fallback,
    help,
    journal,
    leads,
    onboarding,
    own_data,
    reflection,
)


def register_handlers(application: KindredApplication) -> None:
    # Before any flow: groups and channels, the crisis check, the enrolment gate.
    fallback.register_guard(application)
    conversation.register_guards(application)
    # The flows, in group 0: within a group only the first matching handler runs.
    onboarding.register(application)
    help.register(application)
    checkin.register(application)
    reflection.register(application)
    journal.register(application)
    own_data.register(application)
    leads.register(application)
    account.register(application)
    conversation.register(application)
    # Fallbacks last: they answer whatever no flow above claimed.
    fallback.register(application)
    application.add_error_handler(errors.on_error)
