"""The command menu Telegram shows: everyone's, and a lead's own with /trends and /digest."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat

from bot.prompts import Prompts
from bot.settings import SUPPORTED_LANGUAGES

MENU_COMMANDS = (
    "checkin",
    "reflect",
    "journal",
    "entries",
    "supervision",
    "mytrends",
    "settings",
    "export",
    "delete",
    "cancel",
    "help",
    "start",
)
LEAD_COMMANDS = ("trends", "digest")


def _commands(prompts: Prompts, language: str, names: tuple[str, ...]) -> list[BotCommand]:
    return [
        BotCommand(name, prompts.variant_text(language, f"commands.{name}", 0)) for name in names
    ]


async def set_menu(bot: Bot, prompts: Prompts) -> None:
    """The command menu in every language we speak, so Telegram shows it right."""
    for language in SUPPORTED_LANGUAGES:
        code = None if language == "en" else language
        await bot.set_my_commands(_commands(prompts, language, MENU_COMMANDS), language_code=code)


async def set_lead_menu(bot: Bot, prompts: Prompts, chat_id: int, language: str) -> None:
    """Only in a lead's own chat does the menu list the lead commands; participants never see
    commands they cannot use."""
    await bot.set_my_commands(
        _commands(prompts, language, (*MENU_COMMANDS[:-3], *LEAD_COMMANDS, *MENU_COMMANDS[-3:])),
        scope=BotCommandScopeChat(chat_id),
    )
