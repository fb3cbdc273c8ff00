"""Load benchmark, by hand (not in CI): ``.venv/bin/python benchmarks/load.py [--users 10000]``.

Through the real Application (handlers, services, encrypted SQLite) and the in-process fake Bot
API, on this machine:

(a) **Update mix**: check-in answers, reflection steps (every text classified by the on-device
    model), journal writes, for 300 people, handled the way PTB handles them (one at a time, in
    order). Updates per second, handler latency p50/p95/max, and event-loop stalls (a probe that
    should wake every 5 ms records how late it is).
(b) **Check-in fan-out** to N people (default 10 000) due at the same minute: the dispatcher's
    compute-side throughput with no rate limiter, then with PTB's AIORateLimiter at Telegram's
    30 messages/s on a virtual clock (the limiter's sleeps are simulated, the work is real).
(c) **kill -9 in the middle of the fan-out**, then a restart: duplicates (must be 0), delivered,
    unconfirmed (claimed and maybe sent when the process died; reported, never resent), lost.

Prints the figures; docs/scaling.md quotes them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import selectors
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import logging  # noqa: E402

logging.basicConfig(level=logging.ERROR)

from bot.application import build_application  # noqa: E402
from bot.chat.bot_api import JSON, BotApiStandIn, StandInRequest  # noqa: E402
from bot.clock import ManualClock  # noqa: E402
from bot.context import KindredApplication  # noqa: E402
from bot.jobs import run_due_jobs  # noqa: E402
from bot.settings import Settings  # noqa: E402
from storage import open_storage  # noqa: E402
from storage.crypto import MasterKey, generate_key  # noqa: E402

DUE = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)  # 19:00 in Jerusalem
TODAY = date(2026, 12, 1)
FIRST_ID = 1_000_000
ANSWERS = [
    "A patient told me about her first admission and it was my story; I couldn't stop shaking.",
    "Busy ward, two admissions, I kept my boundaries and handed over on time.",
    "I felt tired and a bit flat, but I did the groups well.",
    "When he cried about his mother I was back in my own hospital bed at nineteen.",
    "I noticed the pull of his story and stepped back; I stayed in my role.",
    "Honestly just exhausted.",
]


def settings_for(folder: Path, *, rate_limit: bool, model: bool = False) -> Settings:
    return Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_path=folder / "kindred.db",
        master_key_file=folder / "kindred.key",
        timezone="Asia/Jerusalem",
        model_dir=REPO / "data" / "model" if model else folder / "no-model",
        rate_limit=rate_limit,
        log_level="WARNING",
    )


class RecordingStandIn(BotApiStandIn):
    """The fake Bot API, remembering each chat's latest buttons and, optionally, appending every
    delivered check-in's chat id to a file (which survives a kill -9)."""

    def __init__(self, delivery_log: Path | None = None) -> None:
        super().__init__()
        self.latest_buttons: dict[int, list[str]] = {}
        self.checkin_message: dict[int, int] = {}
        self.latest_message: dict[int, int] = {}
        self._log = delivery_log.open("a", buffering=1) if delivery_log else None

    def _api_sendmessage(self, params: JSON, files: dict[str, tuple[str, bytes]]) -> JSON:
        message = super()._api_sendmessage(params, files)
        chat_id = int(params["chat_id"])
        markup = params.get("reply_markup")
        if isinstance(markup, str):
            markup = json.loads(markup)
        rows = (markup or {}).get("inline_keyboard") or []
        self.latest_buttons[chat_id] = [b["callback_data"] for row in rows for b in row]
        self.latest_message[chat_id] = int(message["message_id"])
        if "1 is very hard" in str(params.get("text", "")):
            self.checkin_message[chat_id] = int(message["message_id"])
            if self._log is not None:
                self._log.write(f"{chat_id}\n")
        return message


class SlowRequest(StandInRequest):
    """The fake Bot API with a network round trip, so sends are really in flight."""

    def __init__(self, stand_in: BotApiStandIn, delay: float) -> None:
        super().__init__(stand_in)
        self.delay = delay

    async def do_request(self, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        if self.delay:
            await asyncio.sleep(self.delay)
        return await super().do_request(*args, **kwargs)


async def open_app(
    settings: Settings, key: MasterKey, stand_in: BotApiStandIn, clock: ManualClock, delay: float
) -> KindredApplication:
    application = build_application(
        settings,
        master_key=key,
        clock=clock,
        request=SlowRequest(stand_in, delay),
        get_updates_request=StandInRequest(stand_in),
    )
    await application.initialize()
    assert application.post_init is not None
    await application.post_init(application)
    return application


async def close_app(application: KindredApplication) -> None:
    assert application.post_shutdown is not None
    await application.post_shutdown(application)
    await application.shutdown()


async def create_people(settings: Settings, key: MasterKey, count: int) -> None:
    """Active people with a daily 19:00 check-in, written straight to the store (set-up only)."""
    storage = await open_storage(settings.database_path, key)
    try:
        # Set-up speed only: the measured runs use the normal synchronous=FULL.
        await storage.database.writer.execute("PRAGMA synchronous=OFF")
        for index in range(count):
            telegram_id = FIRST_ID + index
            user = await storage.users.create(telegram_id, telegram_id, "en", "Asia/Jerusalem")
            await storage.users.update(
                user.id,
                status="active",
                schedule={"mode": "daily", "time": "19:00"},
            )
    finally:
        await storage.close()


# --- (a) the update mix ----------------------------------------------------------------------


async def update_mix(folder: Path, people: int, steps: int) -> dict[str, float]:
    settings = settings_for(folder, rate_limit=False, model=True)
    key = MasterKey(generate_key())
    await create_people(settings, key, people)
    stand_in = RecordingStandIn()
    clock = ManualClock(DUE)
    application = await open_app(settings, key, stand_in, clock, delay=0.0)
    if application.bot_data.background:
        await asyncio.wait(application.bot_data.background, timeout=60)
    services = application.bot_data.services
    assert services.analyser.model is not None, "build the model first: make model"
    await run_due_jobs(services, application.bot)  # everyone gets tonight's check-in
    chooser = random.Random(7)
    stalls: list[float] = []
    running = True

    async def probe() -> None:
        loop = asyncio.get_running_loop()
        while running:
            expected = loop.time() + 0.005
            await asyncio.sleep(0.005)
            stalls.append(max(0.0, loop.time() - expected) * 1000)

    def update_for(chat_id: int, step: int) -> JSON:
        buttons = stand_in.latest_buttons.get(chat_id, [])
        if step == 0:
            day = TODAY.isoformat()
            message_id = stand_in.checkin_message[chat_id]
            rating = chooser.choice([1, 2, 3, 4, 5])
            return stand_in.callback_update(
                chat_id, "P", chat_id, message_id, f"ci:{day}:r:{rating}"
            )
        if step == steps - 1:
            return stand_in.text_update(chat_id, "P", f"/journal {chooser.choice(ANSWERS)}")
        useful = [b for b in buttons if not b.endswith((":skip", ":notit"))]
        if useful:
            # A question with buttons (ratings, feelings, yes/no): press one, as people do.
            wanted = [b for b in useful if ":rate:" in b or ":feel:" in b or b.endswith(":yes")]
            data = chooser.choice(wanted or useful)
            message_id = stand_in.latest_message[chat_id]
            return stand_in.callback_update(chat_id, "P", chat_id, message_id, data)
        if buttons:
            # A reflection question answered in words (classified by the model).
            return stand_in.text_update(chat_id, "P", chooser.choice(ANSWERS))
        return stand_in.text_update(chat_id, "P", "/reflect")

    from telegram import Update

    latencies: list[float] = []
    kinds: Counter[str] = Counter()
    prober = asyncio.create_task(probe())
    started = time.perf_counter()
    for step in range(steps):
        for index in range(people):
            chat_id = FIRST_ID + index
            raw = update_for(chat_id, step)
            stand_in.latest_buttons[chat_id] = []
            kinds["button" if "callback_query" in raw else "text"] += 1
            update = Update.de_json(raw, application.bot)
            begin = time.perf_counter()
            await application.process_update(update)
            latencies.append((time.perf_counter() - begin) * 1000)
    elapsed = time.perf_counter() - started
    running = False
    await prober
    storage = services.storage
    entries = sum([await storage.journal.count_for_user(u) for u in await storage.users.list_ids()])
    await close_app(application)
    latencies.sort()
    return {
        "updates": len(latencies),
        "texts": kinds["text"],
        "buttons": kinds["button"],
        "journal_and_reflection_entries": entries,
        "updates_per_s": len(latencies) / elapsed,
        "p50_ms": statistics.median(latencies),
        "p95_ms": latencies[int(len(latencies) * 0.95)],
        "max_ms": latencies[-1],
        "loop_stall_p99_ms": sorted(stalls)[int(len(stalls) * 0.99)] if stalls else 0.0,
        "loop_stall_max_ms": max(stalls) if stalls else 0.0,
    }


# --- (b) the fan-out, with a virtual clock for the rate limiter ------------------------------


class VirtualSelector(selectors.BaseSelector):
    """Wraps the real selector. When nothing is ready and the loop would sleep until its next
    timer, time jumps there instead (after a short real wait for worker threads)."""

    def __init__(self, loop: VirtualTimeLoop, real: selectors.BaseSelector) -> None:
        self._loop = loop
        self._real = real

    def register(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._real.register(fileobj, events, data)

    def unregister(self, fileobj: Any) -> selectors.SelectorKey:
        return self._real.unregister(fileobj)

    def modify(self, fileobj: Any, events: int, data: Any = None) -> selectors.SelectorKey:
        return self._real.modify(fileobj, events, data)

    def select(self, timeout: float | None = None) -> list[tuple[selectors.SelectorKey, int]]:
        if timeout is None:
            return self._real.select(None)
        ready = self._real.select(min(timeout, 0.002))
        if not ready and timeout > 0.002:
            self._loop.skipped += timeout - 0.002
        return ready

    def close(self) -> None:
        self._real.close()

    def get_map(self) -> Any:
        return self._real.get_map()


class VirtualTimeLoop(asyncio.SelectorEventLoop):
    def __init__(self) -> None:
        self.skipped = 0.0
        super().__init__(VirtualSelector(self, selectors.DefaultSelector()))

    def time(self) -> float:
        return time.monotonic() + self.skipped


async def fanout(
    folder: Path, settings: Settings, key: MasterKey, delay: float
) -> dict[str, float]:
    stand_in = RecordingStandIn()
    application = await open_app(settings, key, stand_in, ManualClock(DUE), delay)
    services = application.bot_data.services
    loop = asyncio.get_running_loop()
    started_real = time.perf_counter()
    started_loop = loop.time()
    sent = await run_due_jobs(services, application.bot)
    elapsed_real = time.perf_counter() - started_real
    elapsed_loop = loop.time() - started_loop
    counts = await services.storage.checkins.dispatch_counts()
    await close_app(application)
    return {
        "sent": sent,
        "sent_rows": counts.get("sent", 0),
        "real_s": elapsed_real,
        "clock_s": elapsed_loop,
        "per_s_real": sent / elapsed_real,
        "per_s_clock": sent / elapsed_loop,
    }


# --- (c) kill -9 in the middle ---------------------------------------------------------------


def child(folder: Path, key_hex: str, log: Path) -> None:
    """Run by (c) in a separate process: open the bot and fan out, appending deliveries."""
    settings = settings_for(folder, rate_limit=False)
    key = MasterKey(bytes.fromhex(key_hex))

    async def main() -> None:
        stand_in = RecordingStandIn(delivery_log=log)
        application = await open_app(settings, key, stand_in, ManualClock(DUE), delay=0.003)
        await run_due_jobs(application.bot_data.services, application.bot)
        await close_app(application)

    asyncio.run(main())


async def kill_and_restart(folder: Path, key: MasterKey, people: int) -> dict[str, float]:
    log = folder / "delivered.log"
    log.unlink(missing_ok=True)
    command = [
        sys.executable,
        __file__,
        "--child",
        str(folder),
        _key_hex(folder),
        str(log),
    ]
    process = subprocess.Popen(command, cwd=REPO)
    target = people // 3
    while True:
        delivered = len(log.read_text().splitlines()) if log.exists() else 0
        if delivered >= target or process.poll() is not None:
            break
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    before_kill = Counter(log.read_text().splitlines())
    restart = subprocess.run(command, cwd=REPO, check=True)
    assert restart.returncode == 0
    after = Counter(log.read_text().splitlines())
    storage = await open_storage(folder / "kindred.db", key)
    try:
        counts = await storage.checkins.dispatch_counts()
    finally:
        await storage.close()
    delivered_ids = set(after)
    duplicates = sum(n - 1 for n in after.values() if n > 1)
    unconfirmed = counts.get("unconfirmed", 0)
    sent_rows = counts.get("sent", 0)
    return {
        "delivered_before_kill": sum(before_kill.values()),
        "delivered_total": len(delivered_ids),
        "duplicates": duplicates,
        "unconfirmed": unconfirmed,
        "unconfirmed_but_delivered": unconfirmed - (people - len(delivered_ids)),
        "sent_rows": sent_rows,
        "lost": people - sent_rows - unconfirmed,
    }


KEY_FILE_NAME = "bench.key"


def _key_hex(folder: Path) -> str:
    return (folder / KEY_FILE_NAME).read_text().strip()


async def main(people: int, mix_people: int, mix_steps: int) -> None:
    root = Path(tempfile.mkdtemp(prefix="kindred-load-"))
    try:
        print(f"(a) update mix: {mix_people} people x {mix_steps} updates, model on, limiter off")
        mix = await update_mix(root / "mix", mix_people, mix_steps)
        print(json.dumps({k: round(v, 2) for k, v in mix.items()}, indent=1))

        print(f"\nset-up: {people} people due at the same minute")
        template = root / "template"
        key_raw = generate_key()
        key = MasterKey(key_raw)
        started = time.perf_counter()
        await create_people(settings_for(template, rate_limit=False), key, people)
        print(f"  created in {time.perf_counter() - started:.1f} s")

        def copy(name: str) -> Path:
            target = root / name
            shutil.copytree(template, target)
            (target / KEY_FILE_NAME).write_text(key_raw.hex())
            return target

        print("\n(b1) fan-out, no rate limiter (compute side)")
        folder = copy("b1")
        result = await fanout(folder, settings_for(folder, rate_limit=False), key, delay=0.0)
        print(json.dumps({k: round(v, 2) for k, v in result.items()}, indent=1))

        print("\n(b2) fan-out through AIORateLimiter (30/s), virtual clock, 3 ms per request")
        folder = copy("b2")
        limited = await _in_virtual_loop(
            fanout(folder, settings_for(folder, rate_limit=True), key, delay=0.003)
        )
        print(json.dumps({k: round(v, 2) for k, v in limited.items()}, indent=1))

        print("\n(c) kill -9 at a third of the fan-out, then restart")
        folder = copy("c")
        killed = await kill_and_restart(folder, key, people)
        print(json.dumps(killed, indent=1))
    finally:
        shutil.rmtree(root, ignore_errors=True)


async def _in_virtual_loop(work: Any) -> dict[str, float]:
    """Run ``work`` on a VirtualTimeLoop in a thread of its own (it owns that thread's loop)."""

    def run() -> dict[str, float]:
        loop = VirtualTimeLoop()
        try:
            result: dict[str, float] = loop.run_until_complete(work)
            return result
        finally:
            loop.close()

    return await asyncio.to_thread(run)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--mix-people", type=int, default=300)
    parser.add_argument("--mix-steps", type=int, default=12)
    parser.add_argument("--child", nargs=3, metavar=("FOLDER", "KEY", "LOG"))
    arguments = parser.parse_args()
    if arguments.child:
        folder_name, key_hex, log_name = arguments.child
        child(Path(folder_name), key_hex, Path(log_name))
    else:
        asyncio.run(main(arguments.users, arguments.mix_people, arguments.mix_steps))
