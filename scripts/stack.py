"""Start the assistant's processes together, wait until they answer, and stop them together.

`make run` and `make shell` use the command line below; the HTTP tests and the benchmark
use `Stack` directly, so everything runs the servers the same way a user does.

Usage: python scripts/stack.py run|shell
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO, Optional

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT / "scripts"))

import model as model_files  # noqa: E402  (scripts/model.py)

DEFAULTS = {
    "RASA_PORT": "5005",
    "ACTION_PORT": "5055",
    "ALLOWED_ORIGINS": "http://localhost:8080",
    "TRACKER_STORE_URL": f"sqlite:///{ROOT / 'build' / 'tracker.db'}",
}


def environment(overrides: Optional[dict] = None) -> dict:
    """The process environment with the project's defaults filled in."""
    env = dict(os.environ)
    env.update(overrides or {})
    for key, value in DEFAULTS.items():
        env.setdefault(key, value)
    env.setdefault("ACTION_ENDPOINT_URL", f"http://localhost:{env['ACTION_PORT']}/webhook")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")  # no usage or crash reports leave the machine
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def wait_until_ready(url: str, process: subprocess.Popen, timeout: float) -> float:
    """Poll `url` until it answers 200; return seconds waited. Fails fast if the process dies."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"{' '.join(process.args[:3])} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return time.monotonic() - started
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


class Stack:
    """The action server and the Rasa server, started on the given ports.

    `cwd` and `with_actions=False` let the benchmark run another bot (stock `rasa init`,
    which has no custom actions) from its own directory in exactly the same way.
    """

    def __init__(
        self, model: Path, env: Optional[dict] = None, log_dir: Optional[Path] = None,
        cwd: Path = ROOT, with_actions: bool = True,
    ):
        self.model = model
        self.env = environment(env)
        self.log_dir = log_dir
        self.cwd = cwd
        self.with_actions = with_actions
        self.processes: dict[str, subprocess.Popen] = {}
        self.ready_seconds: dict[str, float] = {}
        self._logs: list[IO] = []

    @property
    def rasa_url(self) -> str:
        return f"http://localhost:{self.env['RASA_PORT']}"

    def _start(self, name: str, command: list[str], ready_url: str, timeout: float) -> None:
        output: Optional[IO] = None
        if self.log_dir:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            output = open(self.log_dir / f"{name}.log", "w")
            self._logs.append(output)
        process = subprocess.Popen(
            command, cwd=self.cwd, env=self.env, stdout=output, stderr=subprocess.STDOUT if output else None,
            start_new_session=True,  # own process group, so stop() ends its children too
        )
        self.processes[name] = process
        self.ready_seconds[name] = wait_until_ready(ready_url, process, timeout)

    def start_actions(self) -> None:
        port = self.env["ACTION_PORT"]
        self._start(
            "actions",
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", port],
            f"http://localhost:{port}/health",
            timeout=120,
        )

    def start_rasa(self, extra_args: tuple[str, ...] = ()) -> None:
        port = self.env["RASA_PORT"]
        self._start(
            "rasa",
            [
                str(BIN / "rasa"), "run", "--model", str(self.model), "--port", port,
                "--endpoints", "endpoints.yml", "--credentials", "credentials.yml",
                "--cors", *self.env["ALLOWED_ORIGINS"].split(), *extra_args,
            ],
            f"http://localhost:{port}/webhooks/rest/",
            timeout=300,
        )

    def __enter__(self) -> "Stack":
        try:
            if self.with_actions:
                self.start_actions()
            self.start_rasa()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        self.stop()

    def stop(self) -> None:
        for process in reversed(list(self.processes.values())):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        for log in self._logs:
            log.close()


def _stop_on_signals() -> None:
    """Turn Ctrl-C and SIGTERM into KeyboardInterrupt, so the servers are always stopped.

    Set explicitly because a process started in the background by a non-interactive shell
    inherits SIGINT as ignored, and Python then installs no handler of its own.
    """
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, interrupt)


def _run() -> int:
    _stop_on_signals()
    stack = Stack(model_files.ensure_model())
    try:
        print("Starting the action server and the Rasa server (this takes about half a minute)...")
        stack.__enter__()
        url = stack.rasa_url
        print(
            "\nThe assistant is ready.\n"
            f"  REST:     curl -s {url}/webhooks/rest/webhook "
            "-d '{\"sender\": \"me\", \"message\": \"how long does a back strain take to heal?\"}'\n"
            f"  socketio: {url}/socket.io (allowed origins: {stack.env['ALLOWED_ORIGINS']})\n"
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
        while all(process.poll() is None for process in stack.processes.values()):
            time.sleep(1)
        print("A server stopped unexpectedly; stopping the rest.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...", flush=True)
        return 0
    finally:
        stack.stop()


def _shell() -> int:
    stack = Stack(model_files.ensure_model())
    try:
        stack.start_actions()
        command = [str(BIN / "rasa"), "shell", "--model", str(stack.model), "--endpoints", "endpoints.yml"]
        return subprocess.call(command, cwd=ROOT, env=stack.env)
    except KeyboardInterrupt:
        return 0
    finally:
        stack.stop()


def main(argv: list[str]) -> int:
    commands = {"run": _run, "shell": _shell}
    if len(argv) != 2 or argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[1]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
