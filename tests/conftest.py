"""Shared fixtures: the trained model, the project's YAML data, and a running server stack."""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import model as model_files  # noqa: E402
from stack import Stack  # noqa: E402


def load_yaml_dir(directory: Path, key: str) -> list:
    items = []
    for path in sorted(directory.glob("*.yml")):
        items.extend(yaml.safe_load(path.read_text()).get(key) or [])
    return items


def examples_by_intent(directory: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for block in load_yaml_dir(directory, "nlu"):
        lines = [line.strip()[2:].strip() for line in block["examples"].splitlines() if line.strip()]
        found.setdefault(block["intent"], []).extend(lines)
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    path = model_files.model_path()
    assert path.exists(), f"{path} is missing: run the tests through `make test`, which trains it"
    return path


@pytest.fixture(scope="session")
def agent(trained_model):
    """The real trained model, loaded in-process (no servers)."""
    from rasa.core.agent import load_agent
    import asyncio

    return asyncio.run(load_agent(model_path=str(trained_model)))


@pytest.fixture(scope="session")
def stack(trained_model, tmp_path_factory):
    """The action server and Rasa server on free ports, with a throwaway SQLite tracker store."""
    tracker_db = tmp_path_factory.mktemp("tracker") / "tracker.db"
    env = {
        "RASA_PORT": str(free_port()),
        "ACTION_PORT": str(free_port()),
        "TRACKER_STORE_URL": f"sqlite:///{tracker_db}",
    }
    env["ACTION_ENDPOINT_URL"] = f"http://localhost:{env['ACTION_PORT']}/webhook"
    with Stack(trained_model, env=env, log_dir=ROOT / "results" / "logs") as running:
        running.tracker_db = tracker_db
        yield running
