"""``python -m bot`` / ``kindred``: run, chat, keys, backup, restore."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from collections.abc import Sequence
from datetime import UTC
from pathlib import Path
from typing import TYPE_CHECKING

from bot.settings import Settings, SettingsError, load_settings
from storage import StorageError

if TYPE_CHECKING:
    from storage.crypto import MasterKey

logger = logging.getLogger("kindred")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kindred", description="Kindred: a private reflection companion for peer specialists."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    commands.add_parser("run", help="run the bot on Telegram (long polling)")
    commands.add_parser(
        "doctor", help="check settings, key, database, migrations, model and Telegram"
    )

    chat = commands.add_parser("chat", help="talk to the bot offline, in this terminal")
    chat.add_argument("--user-id", type=int, default=1, help="which person you play (default 1)")
    chat.add_argument("--name", default="Alex", help="that person's first name")
    chat.add_argument("--language", choices=["en", "he"], default=None, help="their app language")
    chat.add_argument("--db", type=Path, default=Path("data/chat.db"), help="the chat's database")
    chat.add_argument(
        "--key-file", type=Path, default=Path("data/chat.key"), help="the chat's master key file"
    )
    chat.add_argument("--outbox", type=Path, default=Path("data/outbox"), help="where files go")

    keys = commands.add_parser("keys", help="master key tools")
    key_commands = keys.add_subparsers(dest="keys_command", required=True)
    new = key_commands.add_parser("new", help="create a new master key")
    new.add_argument(
        "--file", type=Path, help="write it to this file (mode 0600) instead of stdout"
    )
    rotate = key_commands.add_parser(
        "rotate", help="re-wrap every data key under a new master key (entries are not touched)"
    )
    rotate.add_argument(
        "--new-key-file",
        type=Path,
        help="where to write the new key (default: replace the configured key file)",
    )

    classify = commands.add_parser(
        "classify", help="score texts: one per line from stdin or --file, JSON lines out"
    )
    classify.add_argument("--file", type=Path, help="read texts from this file")
    classify.add_argument("--eval", type=Path, dest="eval_file", help="TSV with label, kind, text")
    classify.add_argument(
        "--task", choices=["overid", "crisis"], default="overid", help="what --eval scores"
    )

    invite = commands.add_parser("invite", help="print enrolment codes for a programme")
    invite.add_argument("--role", choices=["participant", "lead"], default="participant")
    invite.add_argument("--programme", default="main", help="programme name (default: main)")
    invite.add_argument("--uses", type=int, default=1, help="how many people may use each code")
    invite.add_argument("--expires", type=int, metavar="DAYS", help="valid for this many days")
    invite.add_argument("--count", type=int, default=1, help="how many codes to print")
    invite.add_argument(
        "--timezone",
        help="a new programme's time zone for weekly windows (default KINDRED_TIMEZONE)",
    )
    invite.add_argument(
        "--revoke",
        metavar="CODE",
        help="make a code unusable (its spare uses too); who used it already stays",
    )

    commands.add_parser("roles", help="people per programme and role (counts only)")
    leads = commands.add_parser(
        "leads", help="end a lead's access to a programme's trends (they left the job, say)"
    )
    removal = leads.add_mutually_exclusive_group(required=True)
    removal.add_argument(
        "--remove",
        metavar="CODE",
        help="end the access of the lead(s) who joined with this lead code, and revoke it",
    )
    leads.add_argument(
        "--every-holder",
        action="store_true",
        help="with --remove: also when several leads joined with that code (all of them lose it)",
    )
    removal.add_argument(
        "--remove-all",
        metavar="PROGRAMME",
        help="end every lead's access to this programme (then give new codes to those who stay)",
    )
    commands.add_parser("audit", help="who viewed which programme's trends, and when")

    trends = commands.add_parser("trends", help="a programme's weekly trends, small numbers hidden")
    trends.add_argument("--programme", required=True)
    trends.add_argument("--csv", action="store_true", help="CSV (the default is a text summary)")

    backup = commands.add_parser("backup", help="online backup of the content database")
    backup.add_argument("path", type=Path)
    restore = commands.add_parser("restore", help="restore a backup (stop the bot first)")
    restore.add_argument("path", type=Path)
    return parser


def _fail(message: str) -> int:
    print(f"kindred: {message}", file=sys.stderr)
    return 2


def command_run(settings: Settings) -> int:
    from telegram import Update

    from bot.application import build_application
    from bot.master_key import load_master_key
    from bot.operations import preflight

    if settings.telegram_bot_token is None:
        return _fail(
            "TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put "
            "TELEGRAM_BOT_TOKEN=<token> in .env (or try 'kindred chat' offline)."
        )
    loaded = load_master_key(settings, create_if_missing=True)
    if loaded.created_file is not None:
        logger.warning("created a new master key file", extra={"path": str(loaded.created_file)})
    asyncio.run(preflight(settings, loaded.key))
    application = build_application(settings, master_key=loaded.key)
    application.run_polling(allowed_updates=Update.ALL_TYPES)
    return 0


def command_chat(settings: Settings, args: argparse.Namespace) -> int:
    from bot.chat.terminal import ChatPerson, close_chat, open_chat, run_terminal_chat
    from bot.master_key import load_master_key

    # The offline chat is a sandbox: its own database and key, never the production ones.
    chat_settings = settings.model_copy(
        update={"database_path": args.db, "master_key_file": args.key_file, "master_key": None}
    )
    loaded = load_master_key(chat_settings, create_if_missing=True)
    if loaded.created_file is not None:
        print(
            f"(Created a development master key at {loaded.created_file}, readable only by you. "
            "It encrypts this chat's database; keep it next to it.)",
            file=sys.stderr,
        )
    person = ChatPerson(args.user_id, args.name, args.language)

    async def session() -> None:
        chat = await open_chat(chat_settings, loaded.key, person, args.outbox)
        # A script's answers must not depend on how fast the model loads: the chat waits for
        # it (well under a second here); `kindred run` answers commands at once, and a text
        # sent meanwhile waits for the model (TextAnalyser.loading).
        if chat.application.bot_data.background:
            await asyncio.wait(chat.application.bot_data.background, timeout=60)
        try:
            if sys.stdin.isatty():
                print(
                    f"Kindred offline chat: you are {person.name} (user {person.user_id}). "
                    "Send /start. [n] presses button n, :clock 2026-12-01T18:30 moves time, "
                    ":quit leaves.\n"
                )
            await run_terminal_chat(chat)
        finally:
            await close_chat(chat)

    asyncio.run(session())
    return 0


def command_keys(settings: Settings, args: argparse.Namespace) -> int:
    from bot.master_key import load_master_key, write_key_file
    from bot.operations import rotate_key
    from storage.crypto import encode_key, generate_key

    if args.keys_command == "new":
        raw = generate_key()
        if args.file:
            write_key_file(args.file, raw)
            print(f"Wrote a new master key to {args.file} (mode 0600).")
        else:
            print(encode_key(raw))
        return 0
    loaded = load_master_key(settings, create_if_missing=False)
    target = args.new_key_file
    if target is None:
        if settings.master_key is not None:
            return _fail(
                "the master key comes from KINDRED_MASTER_KEY; give --new-key-file PATH, then "
                "point KINDRED_MASTER_KEY_FILE at it and remove KINDRED_MASTER_KEY."
            )
        target = settings.master_key_file
    count = asyncio.run(rotate_key(settings, loaded.key, target))
    print(f"Re-wrapped {count} data keys under the new master key, now in {target}.")
    return 0


def command_programmes(settings: Settings, args: argparse.Namespace) -> int:
    from bot.master_key import load_master_key
    from bot.operations import audit_entries, invite_codes, programme_trends, role_counts

    loaded = load_master_key(settings, create_if_missing=args.command == "invite")
    if args.command == "invite" and args.revoke is not None:
        from bot.operations import revoke_code

        revoked = asyncio.run(revoke_code(settings, loaded.key, args.revoke))
        if revoked is None:
            return _fail("there is no such code (codes are stored only as hashes; check it).")
        print(f"Revoked: that code of {revoked} can no longer be used.")
        return 0
    if args.command == "invite":
        if args.uses < 1 or args.count < 1 or (args.expires is not None and args.expires < 1):
            return _fail("--uses, --count and --expires must be 1 or more.")
        if not args.programme.strip():
            return _fail("--programme needs a name.")
        if args.timezone is not None:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(args.timezone)
            except (ZoneInfoNotFoundError, ValueError):
                return _fail(f"{args.timezone!r} is not a known time zone; try Asia/Jerusalem.")
        try:
            codes, timezone, programme = asyncio.run(
                invite_codes(
                    settings,
                    loaded.key,
                    programme=args.programme.strip(),
                    role=args.role,
                    uses=args.uses,
                    expires_days=args.expires,
                    count=args.count,
                    timezone=args.timezone,
                )
            )
        except ValueError as error:
            return _fail(str(error))
        uses = "single-use" if args.uses == 1 else f"{args.uses} uses each"
        days = "1 day" if args.expires == 1 else f"{args.expires} days"
        expiry = f", valid {days}" if args.expires else ""
        print(
            f"{args.role} codes for {programme} ({timezone}; {uses}{expiry}). "
            "Only their hashes are stored: copy them now.",
            file=sys.stderr,
        )
        for code in codes:
            print(code)
        return 0
    if args.command == "leads":
        return command_leads(settings, loaded.key, args)
    if args.command == "roles":
        rows = asyncio.run(role_counts(settings, loaded.key))
        if not rows:
            print("No programmes yet: create one with 'kindred invite --programme NAME'.")
            return 0
        print(f"{'programme':<24} {'role':<12} people")
        for programme, role, people in rows:
            print(f"{programme:<24} {role:<12} {people}")
        return 0
    if args.command == "audit":
        entries = asyncio.run(audit_entries(settings, loaded.key))
        print(f"{'when (UTC)':<20} {'programme':<24} {'view':<8} viewer")
        for entry in entries:
            when = entry.at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
            print(f"{when:<20} {entry.programme:<24} {entry.view:<8} {entry.actor}")
        return 0
    output = asyncio.run(programme_trends(settings, loaded.key, args.programme, csv=args.csv))
    if output is None:
        return _fail(f"there is no programme called {args.programme!r}; see 'kindred roles'.")
    sys.stdout.write(output)
    return 0


def _leads(count: int) -> str:
    return "1 lead" if count == 1 else f"{count} leads"


def command_leads(settings: Settings, master_key: MasterKey, args: argparse.Namespace) -> int:
    from bot.operations import remove_all_leads, remove_lead

    if args.remove is not None:
        removal = asyncio.run(
            remove_lead(settings, master_key, args.remove, every_holder=args.every_holder)
        )
        if removal is None:
            return _fail(
                "there is no such code (codes are stored only as hashes; check it). To end "
                "every lead's access to a programme: kindred leads --remove-all PROGRAMME."
            )
        programme = removal.programme
        if removal.role != "lead":
            return _fail(
                f"that is a participant code of {programme}, not a lead code. Participants leave "
                "a programme themselves with /leave; to stop the code being used: kindred invite "
                "--revoke CODE."
            )
        if removal.removed == 0 and removal.holders > 1:
            return _fail(
                f"{removal.holders} leads of {programme} joined with that code, and Kindred cannot "
                "tell them apart: nothing was changed. To end the access of all of them, run it "
                "again with --every-holder, then give a new lead code to whoever stays."
            )
        if removal.removed == 0:
            unknown = (
                f" {_leads(removal.unrecorded)} of {programme} joined before Kindred kept the code "
                "each lead used, so they cannot be found by code: kindred leads --remove-all "
                f'"{programme}" ends every lead\'s access, then give new codes to those who stay.'
                if removal.unrecorded
                else ""
            )
            print(
                f"Nobody was removed: no current lead of {programme} joined with that code. "
                f"The code is revoked.{unknown}"
            )
            return 1 if removal.unrecorded else 0
        sees = "sees" if removal.removed == 1 else "see"
        print(
            f"Done: {_leads(removal.removed)} who joined with that code no longer {sees} "
            f"{programme}'s trends or digest, and the code is revoked. Their own check-ins and "
            "journal are untouched."
        )
        return 0
    outcome = asyncio.run(remove_all_leads(settings, master_key, args.remove_all))
    if outcome is None:
        return _fail(f"there is no programme called {args.remove_all!r}; see 'kindred roles'.")
    programme, count = outcome
    if count == 0:
        print(f"{programme} has no leads; its unused lead codes (if any) are revoked.")
        return 0
    sees = "sees" if count == 1 else "see"
    print(
        f"Done: {_leads(count)} of {programme} no longer {sees} its trends or digest, and its "
        f"unused lead codes are revoked. To give access back: kindred invite --role lead "
        f'--programme "{programme}".'
    )
    return 0


def command_backup(settings: Settings, args: argparse.Namespace) -> int:
    from bot.master_key import load_master_key
    from bot.operations import backup

    loaded = load_master_key(settings, create_if_missing=False)
    asyncio.run(backup(settings, loaded.key, args.path))
    print(
        f"Backed up {settings.database_path} to {args.path} (ciphertext only; keys not included)."
    )
    return 0


def command_restore(settings: Settings, args: argparse.Namespace) -> int:
    from bot.master_key import load_master_key
    from bot.operations import restore

    loaded = load_master_key(settings, create_if_missing=False)
    restored, purged = asyncio.run(restore(settings, loaded.key, args.path))
    print(
        f"Restored {restored} accounts from {args.path}; {purged} accounts erased since the "
        "backup stay erased (their keys are gone)."
    )
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # Model code must never reach for a hub at run time.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    # Databases, key files, exports: everything Kindred writes is for the owner's eyes only.
    os.umask(0o077)
    try:
        settings = load_settings()
        from bot.logging_setup import configure_logging

        # Operator commands print their own results; only the running bot logs at INFO.
        configure_logging(settings.log_level if args.command == "run" else "WARNING")
        if args.command == "run":
            return command_run(settings)
        if args.command == "doctor":
            from bot.operations import doctor

            checks = asyncio.run(doctor(settings))
            for check in checks:
                print(check.line())
            return 1 if any(check.status == "fail" for check in checks) else 0
        if args.command == "chat":
            return command_chat(settings, args)
        if args.command == "keys":
            return command_keys(settings, args)
        if args.command == "classify":
            from bot.classifier import cli
            from bot.classifier.model import ModelMissing

            try:
                return cli.main(settings.model_dir, args.file, args.eval_file, args.task)
            except ModelMissing as missing:
                return _fail(str(missing))
        if args.command in ("invite", "roles", "trends", "audit", "leads"):
            return command_programmes(settings, args)
        if args.command == "backup":
            return command_backup(settings, args)
        if args.command == "restore":
            return command_restore(settings, args)
    except (SettingsError, StorageError) as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kindred classify | head`: the reader left; not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    return _fail(f"unknown command {args.command}")


if __name__ == "__main__":
    sys.exit(main())
