"""Shared fixtures for the tests of the installed ``dyad`` wheel.

The tests import ``dyad`` from the environment (build and install the wheel
first, see ``.ci/run``), never from the source tree. Tests that compare with the
``dyad`` command-line tool use ``$DYAD_BIN``, else ``target/release/dyad`` under
``$CARGO_TARGET_DIR`` or the repository; they are skipped when none exists,
except under CI (``DYAD_BIN`` set), where a missing binary is an error.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Optional

import pytest

REPO = Path(__file__).resolve().parents[3]
DATA = Path(__file__).resolve().parent / "data"
SEED = REPO / "examples" / "seed-article.txt"
SEED_DATE = "2020-10-20"


def find_dyad_bin() -> Optional[Path]:
    """The `dyad` binary to compare with, or None."""
    env = os.environ.get("DYAD_BIN")
    if env:
        return Path(env)
    candidates = []
    if os.environ.get("CARGO_TARGET_DIR"):
        candidates.append(Path(os.environ["CARGO_TARGET_DIR"]) / "release" / "dyad")
    candidates.append(REPO / "target" / "release" / "dyad")
    for c in candidates:
        if c.is_file():
            return c
    return None


def cell(event: dict[str, Any], column: str) -> Any:
    """The value of a flat column in an event record (the CSV projection)."""
    spans = {
        "source.span_start": ("source", "span", 0),
        "source.span_end": ("source", "span", 1),
        "target.span_start": ("target", "span", 0),
        "target.span_end": ("target", "span", 1),
        "evidence.trigger_start": ("evidence", "trigger_span", 0),
        "evidence.trigger_end": ("evidence", "trigger_span", 1),
    }
    path = spans.get(column, tuple(column.split(".")))
    value: Any = event
    for key in path:
        if value is None:
            return None
        value = value[key]
    return value


@pytest.fixture(scope="session")
def dyad_bin() -> Path:
    path = find_dyad_bin()
    if path is None:
        pytest.skip("no dyad binary: set DYAD_BIN or build with cargo build --release -p dyad-cli")
    assert path.is_file(), f"DYAD_BIN={path} does not exist"
    return path


def run_cli(dyad_bin: Path, *args: str, cwd: Path = REPO) -> list[dict[str, Any]]:
    """Events printed by `dyad code ARGS` (JSONL), parsed."""
    out = subprocess.run(
        [str(dyad_bin), "code", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")
