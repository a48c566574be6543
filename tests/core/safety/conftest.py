"""Helpers for the safety tests: child processes that hold locks, save, get killed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    env["PYTHONUNBUFFERED"] = "1"
    return env


def start_child(script: str, *args: str) -> subprocess.Popen[str]:
    """Run ``script`` (dedented Python) in a fresh interpreter with pipes."""
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
        cwd=REPO_ROOT,
    )


def wait_for_line(proc: subprocess.Popen[str], expected: str) -> str:
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != expected:
        proc.kill()
        _out, err = proc.communicate(timeout=10)
        raise AssertionError(f"child said {line!r}, expected {expected!r}; stderr:\n{err}")
    return line


@pytest.fixture
def children() -> Iterator[list[subprocess.Popen[str]]]:
    """Processes to kill at the end of a test, whatever happened."""
    procs: list[subprocess.Popen[str]] = []
    yield procs
    for proc in procs:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()
