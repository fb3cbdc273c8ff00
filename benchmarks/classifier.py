"""Classifier speed and memory, by hand (not in CI): ``.venv/bin/python benchmarks/classifier.py``.

Side by side, in the same run, each in its own fresh process so memory is measured cleanly:

* kindred: the int8 ONNX model the bot runs (ONNX Runtime + tokenizers, no torch);
* baseline: the plain PyTorch sentence-embedding pipeline (transformers, fp32, mean pooling);
* bot: the whole application (``kindred chat`` set-up) with the model loaded, for its RSS.

Prints single-text p50/p95, batched texts per second, load time and RSS, and the ratios.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ["HF_HUB_OFFLINE"] = "1"
BATCH = 256  # texts per call for the batched figure (the same for both pipelines)


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def texts() -> list[str]:
    from bot.classifier.dataset import load_overid, split

    return [example.text for example in split(load_overid(), "test")]


def timings(score_one, score_batch, sample: list[str]) -> dict[str, float]:  # type: ignore[no-untyped-def]
    for text in sample[:20]:
        score_one(text)  # warm-up
    single = []
    for text in sample[:300]:
        started = time.perf_counter()
        score_one(text)
        single.append((time.perf_counter() - started) * 1000)
    batch = (sample * 3)[:1024]
    started = time.perf_counter()
    for start in range(0, len(batch), BATCH):
        score_batch(batch[start : start + BATCH])
    elapsed = time.perf_counter() - started
    quantiles = statistics.quantiles(single, n=100)
    return {
        "p50_ms": statistics.median(single),
        "p95_ms": quantiles[94],
        "batched_texts_per_s": len(batch) / elapsed,
    }


def run_kindred() -> dict[str, float]:
    from bot.classifier.model import OnnxClassifier

    sample = texts()
    started = time.perf_counter()
    model = OnnxClassifier(REPO / "data" / "model", threads=2)
    load = time.perf_counter() - started
    result = timings(lambda t: model.score([t]), model.score, sample)
    return {**result, "load_s": load, "rss_mb": rss_mb()}


def run_baseline() -> dict[str, float]:
    import torch
    from transformers import AutoModel, AutoTokenizer

    from bot.classifier.train import encoder_path

    torch.set_num_threads(2)
    sample = texts()
    started = time.perf_counter()
    tokenizer = AutoTokenizer.from_pretrained(str(encoder_path()), local_files_only=True)
    encoder = AutoModel.from_pretrained(str(encoder_path()), local_files_only=True).eval()
    load = time.perf_counter() - started

    def embed(batch: list[str]) -> object:
        with torch.no_grad():
            encoded = tokenizer(
                batch, padding=True, truncation=True, max_length=96, return_tensors="pt"
            )
            tokens = encoder(**encoded).last_hidden_state
            mask = encoded["attention_mask"].unsqueeze(-1).float()
            return (tokens * mask).sum(1) / mask.sum(1)

    result = timings(lambda t: embed([t]), embed, sample)
    return {**result, "load_s": load, "rss_mb": rss_mb()}


def run_bot() -> dict[str, float]:
    import asyncio
    import tempfile

    from bot.chat.terminal import ChatPerson, close_chat, open_chat
    from bot.settings import Settings
    from storage.crypto import MasterKey, generate_key

    async def main() -> dict[str, float]:
        folder = Path(tempfile.mkdtemp())
        settings = Settings(
            _env_file=None,
            database_path=folder / "k.db",  # type: ignore[call-arg]
            model_dir=REPO / "data" / "model",
        )
        started = time.perf_counter()
        chat = await open_chat(settings, MasterKey(generate_key()), ChatPerson(1, "B"), folder)
        ready = time.perf_counter() - started
        analyser = chat.application.bot_data.services.analyser
        while analyser.model is None:
            await asyncio.sleep(0.01)
        loaded = time.perf_counter() - started
        await chat.say("/start")
        analysis = await analyser.analyse_one("her story was mine and I can't switch off")
        assert analysis.analysed
        result = {"answers_after_s": ready, "model_ready_after_s": loaded, "rss_mb": rss_mb()}
        await close_chat(chat)
        return result

    return asyncio.run(main())


def main() -> None:
    if len(sys.argv) == 2:
        print(
            json.dumps(
                {"kindred": run_kindred, "baseline": run_baseline, "bot": run_bot}[sys.argv[1]]()
            )
        )
        return
    results = {}
    for name in ("kindred", "baseline", "bot"):
        output = (
            subprocess.run(
                [sys.executable, __file__, name],
                capture_output=True,
                text=True,
                check=True,
                cwd=REPO,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        results[name] = json.loads(output)
    kindred, baseline, bot = results["kindred"], results["baseline"], results["bot"]
    print(f"{'':26}{'kindred int8 ONNX':>20}{'PyTorch fp32':>16}{'ratio':>9}")
    for key, label in (
        ("p50_ms", "single text p50 (ms)"),
        ("p95_ms", "single text p95 (ms)"),
        ("batched_texts_per_s", "batched (texts/s)"),
        ("load_s", "load time (s)"),
        ("rss_mb", "process RSS (MB)"),
    ):
        ratio = (
            kindred[key] / baseline[key]
            if key == "batched_texts_per_s"
            else baseline[key] / kindred[key]
        )
        print(f"{label:26}{kindred[key]:>20.2f}{baseline[key]:>16.2f}{ratio:>8.1f}x")
    print(
        f"\nbot: answers {bot['answers_after_s']:.2f} s after start, model ready after "
        f"{bot['model_ready_after_s']:.2f} s, RSS with model loaded {bot['rss_mb']:.0f} MB"
    )
    print(
        "(ratio: how many times better kindred is; single-text figures include the kindred "
        "model's two heads, the baseline computes an embedding only)"
    )


if __name__ == "__main__":
    main()
