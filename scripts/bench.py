"""Measure what the assistant costs: training, start-up, memory, latency and throughput.

Absolute figures depend on the machine (and on whatever else it is doing), so the same load
is also run, in the same run, against a stock `rasa init` bot; the project/stock ratios are
the figures to compare across machines.

How each figure is taken:
- Training: `rasa train --force` into a temporary directory (models/ is not touched), with a
  throwaway Rasa cache; wall seconds, and the training process's peak RSS from os.wait4.
- Start-up: the servers are started the way `make run` does (scripts/stack.Stack: free ports,
  a fresh SQLite tracker store); seconds until each answers. The stock bot's Rasa server runs
  in its own directory and is checked the same way (GET /webhooks/rest/ answering 200).
- Load, over the REST channel to 127.0.0.1 only, after a few warm-up messages: conversations of
  10 messages, each with its own sender id, at 1, 10 and 50 at a time. Concurrency 1 is the run
  of 200 sequential messages whose p50/p95 latency is reported. One project message takes the
  custom-action path, so the action server is under load too.
- Peak memory: VmHWM from /proc, summed over each server's process group, read after the load.

Prints a table and writes results/bench.json; logs go to results/bench-logs/.
The stock bot is created and trained once, under build/bench/rasa-init.

Usage: python scripts/bench.py [--skip-training] [--model PATH]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Optional

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import model as model_files  # noqa: E402  (scripts/model.py)
from stack import BIN, Stack, environment  # noqa: E402  (scripts/stack.py)

RESULTS = ROOT / "results" / "bench.json"
LOGS = ROOT / "results" / "bench-logs"
INIT_DIR = ROOT / "build" / "bench" / "rasa-init"
RASA = str(BIN / "rasa")
# Rasa reports usage to its vendor unless told not to; this benchmark talks to 127.0.0.1 only.
QUIET = {"RASA_TELEMETRY_ENABLED": "false"}

CONVERSATION_LENGTH = 10
MIN_MESSAGES_PER_LEVEL = 200  # level 50 runs 50 conversations, so 500 messages
CONCURRENCY_LEVELS = (1, 10, 50)
WARM_UP_MESSAGES = 5
REQUEST_TIMEOUT_SECONDS = 60
LEVEL_TIMEOUT_SECONDS = 300

# Two conversations of ten: a runner's questions, from greeting to thanks.
PROJECT_MESSAGES = [
    "hi there",
    "why does my lower back hurt after running?",
    "how long does a back strain take to heal?",
    "should I stop running?",
    "ice or heat?",
    "how do I know if it's a muscle or a disc?",
    "which stretches should I do after a run?",
    "can I run with sciatica?",
    "when should I see a doctor about it?",
    "thanks, that helps",
    "hello",
    "is back pain common in runners?",
    "which shoes are best for a bad back?",
    "what cadence should I run at?",
    "should I foam roll my lower back?",
    "do hills make it worse?",
    "when can I start running again?",
    "what can I do at home to ease the pain?",
    "I can't control my bladder since my back started hurting",  # answered by the action server
    "thank you, bye",
]
STOCK_MESSAGES = [
    "hello",
    "I am sad",
    "yes",
    "great",
    "are you a bot?",
    "hi again",
    "I am feeling very good",
    "not really",
    "no",
    "bye",
]


def free_ports(count: int) -> list[int]:
    """`count` distinct ports that were free a moment ago (all held at once while picking)."""
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def measure_training() -> dict:
    """Train the project from scratch into a temporary directory; wall seconds and peak RSS."""
    LOGS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="bench-train-") as scratch, open(LOGS / "train.log", "w") as log:
        command = [
            RASA, "train", "--force", "--config", "config.yml", "--domain", "domain.yml",
            "--data", "data", "--out", str(Path(scratch) / "models"),
        ]
        env = environment({**QUIET, "RASA_CACHE_DIRECTORY": str(Path(scratch) / "cache")})
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            _, status, usage = os.wait4(process.pid, 0)  # the rusage of this one child
        except BaseException:
            process.kill()
            process.wait()
            raise
        seconds = time.monotonic() - started
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"training failed with code {process.returncode}; see {LOGS / 'train.log'}")
    return {"seconds": seconds, "peak_rss_mb": usage.ru_maxrss / 1024}  # ru_maxrss is in KiB


def stock_model() -> Path:
    """The stock `rasa init` bot's model, creating and training the bot only the first time."""
    models = INIT_DIR / "models"
    if not list(models.glob("*.tar.gz")):
        LOGS.mkdir(parents=True, exist_ok=True)
        INIT_DIR.mkdir(parents=True, exist_ok=True)
        env = environment(QUIET)
        with open(LOGS / "rasa-init.log", "w") as log:
            if not (INIT_DIR / "config.yml").exists():  # `rasa init --no-prompt` also trains
                subprocess.run([RASA, "init", "--no-prompt", "--init-dir", str(INIT_DIR)],
                               cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, check=True)
            if not list(models.glob("*.tar.gz")):  # created earlier, but its training was cut short
                subprocess.run([RASA, "train"], cwd=INIT_DIR, env=env, stdout=log,
                               stderr=subprocess.STDOUT, check=True)
    return max(models.glob("*.tar.gz"), key=lambda path: path.stat().st_mtime)


def process_group_peak_rss_mb(leader: int) -> float:
    """Sum of VmHWM (peak resident memory) over the live processes of `leader`'s process group."""
    total_kib = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            process_group = int(stat.read_text().rsplit(")", 1)[1].split()[2])
            if process_group != leader:
                continue
            status = (stat.parent / "status").read_text()
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended while we looked
        total_kib += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    return total_kib / 1024


async def converse(session: aiohttp.ClientSession, url: str, sender: str, messages: list[str]) -> tuple[list[float], int]:
    """Send one conversation's messages in order; latencies of the answered ones, and the errors."""
    latencies, errors = [], 0
    for text in messages:
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                await response.read()
                if response.status != 200:
                    errors += 1
                    continue
        except (aiohttp.ClientError, asyncio.TimeoutError):
            errors += 1
            continue
        latencies.append(time.perf_counter() - started)
    return latencies, errors


def percentile_ms(latencies: list[float], percent: int) -> float:
    return statistics.quantiles(latencies, n=100, method="inclusive")[percent - 1] * 1000


async def run_level(url: str, messages: list[str], concurrency: int, tag: str) -> dict:
    """Conversations of CONVERSATION_LENGTH messages, `concurrency` of them at a time."""
    conversations = max(MIN_MESSAGES_PER_LEVEL // CONVERSATION_LENGTH, concurrency)
    scripts = [
        [messages[(number * CONVERSATION_LENGTH + turn) % len(messages)] for turn in range(CONVERSATION_LENGTH)]
        for number in range(conversations)
    ]
    slots = asyncio.Semaphore(concurrency)
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)

    async with aiohttp.ClientSession(timeout=timeout, connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        async def one(number: int, script: list[str]) -> tuple[list[float], int]:
            async with slots:
                return await converse(session, url, f"bench-{tag}-c{concurrency}-{number}", script)

        started = time.perf_counter()
        outcomes = await asyncio.wait_for(
            asyncio.gather(*(one(number, script) for number, script in enumerate(scripts))),
            LEVEL_TIMEOUT_SECONDS,
        )
        seconds = time.perf_counter() - started

    latencies = [latency for answered, _ in outcomes for latency in answered]
    return {
        "concurrency": concurrency,
        "conversations": conversations,
        "messages": conversations * CONVERSATION_LENGTH,
        "errors": sum(errors for _, errors in outcomes),
        "seconds": seconds,
        "throughput_per_s": len(latencies) / seconds,
        "p50_ms": percentile_ms(latencies, 50),
        "p95_ms": percentile_ms(latencies, 95),
    }


async def run_load(rasa_port: str, messages: list[str], tag: str) -> list[dict]:
    url = f"http://127.0.0.1:{rasa_port}/webhooks/rest/webhook"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_SECONDS)) as session:
        _, errors = await converse(session, url, f"bench-{tag}-warm-up", messages[:WARM_UP_MESSAGES])
    if errors:
        raise RuntimeError(f"{errors} of {WARM_UP_MESSAGES} warm-up messages to {url} failed")
    return [await run_level(url, messages, concurrency, tag) for concurrency in CONCURRENCY_LEVELS]


def measure_servers(servers, messages: list[str], tag: str) -> dict:
    """Load the running servers; their start-up seconds, the load figures and their peak memory."""
    levels = asyncio.run(run_load(servers.env["RASA_PORT"], messages, tag))
    return {
        "ready_seconds": dict(servers.ready_seconds),
        "peak_rss_mb": {name: process_group_peak_rss_mb(process.pid) for name, process in servers.processes.items()},
        "levels": levels,
    }


def bench_project(model: Path) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-tracker-") as scratch:
        rasa_port, action_port = free_ports(2)
        env = {
            **QUIET,
            "RASA_PORT": str(rasa_port),
            "ACTION_PORT": str(action_port),
            "ACTION_ENDPOINT_URL": f"http://localhost:{action_port}/webhook",
            "TRACKER_STORE_URL": f"sqlite:///{Path(scratch) / 'tracker.db'}",
        }
        with Stack(model, env=env, log_dir=LOGS / "project") as stack:
            return measure_servers(stack, PROJECT_MESSAGES, "project")


def bench_stock(model: Path) -> dict:
    (port,) = free_ports(1)
    env = {**QUIET, "RASA_PORT": str(port)}
    with Stack(model, env=env, log_dir=LOGS / "stock", cwd=INIT_DIR, with_actions=False) as server:
        return measure_servers(server, STOCK_MESSAGES, "stock")


def figures(results: dict) -> list[tuple[str, str, str, Optional[float], Optional[float]]]:
    """The table's rows: key, label, unit, project value, stock value (None where not measured)."""
    project, stock, training = results["project"], results["stock"], results["training"]
    rows = [
        ("training_seconds", "Training (rasa train --force): wall", "s",
         training and training["seconds"], None),
        ("training_peak_rss_mb", "Training: peak RSS", "MB", training and training["peak_rss_mb"], None),
        ("actions_ready_seconds", "Start-up: action server answers", "s", project["ready_seconds"]["actions"], None),
        ("rasa_ready_seconds", "Start-up: Rasa server answers", "s",
         project["ready_seconds"]["rasa"], stock["ready_seconds"]["rasa"]),
        ("actions_peak_rss_mb", "Peak RSS: action server", "MB", project["peak_rss_mb"]["actions"], None),
        ("rasa_peak_rss_mb", "Peak RSS: Rasa server", "MB", project["peak_rss_mb"]["rasa"], stock["peak_rss_mb"]["rasa"]),
    ]
    sequential_project, sequential_stock = project["levels"][0], stock["levels"][0]
    messages = sequential_project["messages"]
    for percent in (50, 95):
        rows.append((f"sequential_p{percent}_ms", f"Latency p{percent}, {messages} sequential messages", "ms",
                     sequential_project[f"p{percent}_ms"], sequential_stock[f"p{percent}_ms"]))
    for level_project, level_stock in zip(project["levels"], stock["levels"]):
        concurrency = level_project["concurrency"]
        label = f"{concurrency} concurrent conversation{'s' if concurrency > 1 else ''}"
        rows += [
            (f"c{concurrency}_throughput_per_s", f"{label}: throughput", "msg/s",
             level_project["throughput_per_s"], level_stock["throughput_per_s"]),
            (f"c{concurrency}_p95_ms", f"{label}: p95 latency", "ms", level_project["p95_ms"], level_stock["p95_ms"]),
            (f"c{concurrency}_errors", f"{label}: failed requests (of {level_project['messages']}, "
             f"{level_stock['messages']})", "", level_project["errors"], level_stock["errors"]),
        ]
    return rows


def ratios(rows) -> dict[str, float]:
    return {key: project / stock for key, _, unit, project, stock in rows if project and stock and unit}


def print_table(results: dict, rows) -> None:
    machine = results["machine"]
    print(f"\nRasa benchmark on {machine['cpus']} cores, Python {machine['python']}, rasa {machine['rasa']}, "
          f"load average {machine['load_average_at_start']:.2f} at start")
    print(f"Project model: {results['model']}\nStock bot: {results['stock_model']}\n")

    def cell(value: Optional[float], places: int) -> str:
        return "-" if value is None else f"{value:.{places}f}"

    header = f"{'figure':<62} {'unit':>6} {'project':>9} {'stock':>9} {'project/stock':>14}"
    print(header)
    print("-" * len(header))
    for key, label, unit, project, stock in rows:
        if key.startswith("training") and results["training"] is None:
            print(f"{label:<62} {unit:>6} {'skipped':>9}")
            continue
        places = 0 if unit == "" else 1
        print(f"{label:<62} {unit:>6} {cell(project, places):>9} {cell(stock, places):>9} "
              f"{cell(results['ratios'].get(key), 2):>14}")
    print(f"\nWritten to {RESULTS.relative_to(ROOT)}; server and training logs in {LOGS.relative_to(ROOT)}/")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-training", action="store_true", help="skip the full training measurement")
    parser.add_argument("--model", type=Path, help="the project model to serve (default: the current one, "
                        "trained first if missing)")
    args = parser.parse_args(argv[1:])

    results: dict = {
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "rasa": version("rasa"),
            "load_average_at_start": os.getloadavg()[0],
        },
        "training": None,
    }
    if not args.skip_training:
        print("Training the project from scratch (a few minutes)...", flush=True)
        results["training"] = measure_training()
    model = (args.model or model_files.ensure_model()).resolve()
    results["model"] = str(model)
    print(f"Loading the project's servers with {model.name}...", flush=True)
    results["project"] = bench_project(model)
    print("Loading the stock rasa init bot (created and trained the first time)...", flush=True)
    results["stock_model"] = str(stock_model())
    results["stock"] = bench_stock(Path(results["stock_model"]))

    rows = figures(results)
    results["ratios"] = ratios(rows)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print_table(results, rows)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
