"""The command menu Telegram shows: everyone's, and a lead's own with /trends and /digest."""

from __future__ import annotations

import difflib

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
# Not in the menu, but understood (/help lists them).
OTHER_COMMANDS = ("pause", "resume", "join", "leave")
# Words people reach for when they don't know a command's name ("/stats" in a walkthrough).
COMMAND_ALIASES = {
    # Hebrew words typed as commands ("/יומן"): Telegram sends them as text, not as commands.
    "יומן": "journal",
    "רשומות": "entries",
    "צקאין": "checkin",
    "צ'קאין": "checkin",
    "צ'ק-אין": "checkin",
    "צ׳ק-אין": "checkin",
    "רפלקציה": "reflect",
    "עזרה": "help",
    "תפריט": "help",
    "הגדרות": "settings",
    "הפסקה": "pause",
    "השהיה": "pause",
    "המשך": "resume",
    "ייצוא": "export",
    "מגמות": "mytrends",
    "גרף": "mytrends",
    "הדרכה": "supervision",
    "מחיקה": "delete",
    "ביטול": "cancel",
    "stats": "mytrends",
    "statistics": "mytrends",
    "mood": "mytrends",
    "chart": "mytrends",
    "graph": "mytrends",
    "progress": "mytrends",
    "mytrend": "mytrends",
    "menu": "help",
    "commands": "help",
    "info": "help",
    "about": "help",
    "helplines": "help",
    "diary": "journal",
    "write": "journal",
    "note": "journal",
    "entry": "entries",
    "notes": "entries",
    "history": "entries",
    "read": "entries",
    "check": "checkin",
    "check_in": "checkin",
    "reflection": "reflect",
    "compassion": "reflect",
    "stop": "pause",
    "mute": "pause",
    "break": "pause",
    "unpause": "resume",
    "setting": "settings",
    "config": "settings",
    "preferences": "settings",
    "timezone": "settings",
    "language": "settings",
    "time": "settings",
    "download": "export",
    "backup": "export",
    "erase": "delete",
    "deleteaccount": "delete",
    "delete_account": "delete",
    "code": "join",
    "unjoin": "leave",
    "stepdown": "leave",
    "עזיבה": "leave",
    "לעזוב": "leave",
    "quit": "cancel",
    "back": "cancel",
}


def suggest_command(name: str, *, lead: bool = False) -> str | None:
    """The command someone probably meant by an unknown one ("/stats", "/chekin"), or None. A
    lead's "/trend" means the programme's /trends, not their own /mytrends."""
    name = name.lower()
    leads_meant = difflib.get_close_matches(name, LEAD_COMMANDS, n=1, cutoff=0.75) if lead else []
    if leads_meant:
        return leads_meant[0]
    if name in COMMAND_ALIASES:
        return COMMAND_ALIASES[name]
    known = [c for c in (*MENU_COMMANDS, *OTHER_COMMANDS) if c != "start"]
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.75)
    return close[0] if close else None


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


async def clear_lead_menu(bot: Bot, chat_id: int) -> None:
    """Back to everyone's menu in a chat whose person no longer leads any programme."""
    await bot.delete_my_commands(scope=BotCommandScopeChat(chat_id))
