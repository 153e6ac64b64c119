"""Train the Rasa model only when its inputs changed; print the model's path.

The model is named after a hash of everything that shapes it (config, domain, training
data, the spaCy pipeline builder, custom NLU components and the pinned package versions),
so an unchanged project reuses the newest matching model instead of retraining. Models are
also kept in a cache outside the work tree (``$RUNNER_BACK_CACHE``, default
``~/.cache/runner-back``), so a fresh clone on the same machine reuses them too.

Rasa fingerprints ``SpacyNLP`` by the model *name* only, and custom components by their
config, not their code: when the pipeline builder or component code changed since the last
training here, the training runs with ``--force`` so no stale cached result is reused.

Usage: python scripts/model.py [ensure|path]
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"
CACHE = Path(os.environ.get("RUNNER_BACK_CACHE", Path.home() / ".cache" / "runner-back")) / "models"
LAST_CODE_KEY = ROOT / "build" / "last-train-code.sha"

DATA_INPUTS = ["config.yml", "domain.yml", "data"]
CODE_INPUTS = ["spacy_pipeline", "components", "constraints.txt"]


def _files(entries: list[str]) -> list[Path]:
    files: list[Path] = []
    for entry in entries:
        path = ROOT / entry
        if path.is_dir():
            files.extend(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            files.append(path)
    return sorted(files)


def _digest(entries: list[str]) -> str:
    digest = hashlib.sha256()
    for path in _files(entries):
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def model_key() -> str:
    return hashlib.sha256((_digest(DATA_INPUTS) + _digest(CODE_INPUTS)).encode()).hexdigest()[:16]


def model_path() -> Path:
    return MODELS / f"model-{model_key()}.tar.gz"


def ensure_model() -> Path:
    target = model_path()
    if target.exists():
        return target
    MODELS.mkdir(exist_ok=True)
    cached = CACHE / target.name
    if cached.exists():
        shutil.copy2(cached, target)
        print(f"Reusing cached model {cached}", file=sys.stderr)
        return target

    code_key = _digest(CODE_INPUTS)
    force = not LAST_CODE_KEY.exists() or LAST_CODE_KEY.read_text().strip() != code_key
    command = [
        str(Path(sys.executable).with_name("rasa")), "train",
        "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        "--out", str(MODELS), "--fixed-model-name", target.name[: -len(".tar.gz")],
    ] + (["--force"] if force else [])
    print(f"Training {target.name} ({'forced' if force else 'incremental'})...", file=sys.stderr)
    subprocess.run(command, cwd=ROOT, check=True)
    LAST_CODE_KEY.parent.mkdir(parents=True, exist_ok=True)
    LAST_CODE_KEY.write_text(code_key)
    CACHE.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target, CACHE / target.name)
    return target


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "ensure"
    if command == "ensure":
        print(ensure_model().relative_to(ROOT))
    elif command == "path":
        print(model_path().relative_to(ROOT))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
