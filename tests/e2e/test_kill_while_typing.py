"""End to end: the real window is SIGKILLed while the user types.

The window is driven by its test hook (``FEUILLET_TEST_SCRIPT``): it types a
first passage, which autosave writes within two seconds, then a second passage,
and is killed before the second autosave. After the kill:

- the first passage is in the library (an acknowledged save survives a kill),
  the library passes ``PRAGMA integrity_check`` and opens as a writer (the dead
  window's lock is taken over);
- the second passage is either saved or offered back by the recovery journal;
- the window starts again on the library and quits cleanly.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from editor.core.library import open_library
from editor.core.safety.recovery import RecoveryJournal

REPO_ROOT = Path(__file__).resolve().parents[2]
FIRST = " Premier passage enregistré."
SECOND = " Second passage jamais enregistré."

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _window(library: Path, script: list[dict], tmp_path: Path) -> subprocess.Popen[bytes]:
    script_path = tmp_path / f"script-{time.monotonic_ns()}.json"
    script_path.write_text(json.dumps(script), encoding="utf-8")
    env = dict(os.environ)
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QTWEBENGINE_DISABLE_SANDBOX="1",
        QTWEBENGINE_CHROMIUM_FLAGS="--disable-gpu",
        FEUILLET_SETTINGS_DIR=str(tmp_path / "settings"),
        FEUILLET_TEST_SCRIPT=str(script_path),
        PYTHONPATH=str(REPO_ROOT),
    )
    return subprocess.Popen(
        [sys.executable, "-m", "editor", "--library", str(library)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _body(library: Path) -> str:
    with open_library(library, create=False) as lib:  # a reader, like the CLI
        return lib.services.get_article(1).body


def _wait_for(predicate, timeout: float, proc: subprocess.Popen[bytes]) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        if proc.poll() is not None:
            raise AssertionError(f"the window exited early: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.1)
    raise AssertionError("timed out waiting for the window")


def _journal_holds(library: Path, text: str) -> bool:
    journal = RecoveryJournal(library)
    for _article_id, path in journal.entries():
        try:
            if text.strip() in json.loads(path.read_text(encoding="utf-8"))["fields"].get(
                "body", ""
            ):
                return True
        except (OSError, ValueError, KeyError):
            continue
    return False


def test_kill_while_typing_loses_nothing(tmp_path: Path) -> None:
    library = tmp_path / "lib.feuillet"
    open_library(library).close()
    original = _body(library)
    script = [
        {"select_article": 1},
        {"type": FIRST},
        {"wait": 3000},  # autosave (2 s after the last keystroke) writes FIRST
        {"type": SECOND},
        {"wait": 60000},  # killed in here, before SECOND's autosave
    ]
    proc = _window(library, script, tmp_path)
    try:
        _wait_for(lambda: FIRST.strip() in _body(library), 60, proc)
        # SECOND is typed ~1 s after FIRST's save and autosaved 2 s later: kill
        # as soon as the journal holds it, or at 1.8 s, before that autosave.
        deadline = time.monotonic() + 1.8
        while time.monotonic() < deadline and not _journal_holds(library, SECOND):
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
        proc.stderr.close()

    with sqlite3.connect(library) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with open_library(library, writer=True) as lib:  # the dead window's lock is free
        saved = lib.services.get_article(1).body
        assert saved.startswith(original.rstrip()[:200])
        assert FIRST.strip() in saved
        offered = [r.fields.get("body", "") for r in RecoveryJournal(library).pending(lib.services)]
    second_kept = SECOND.strip() in saved or any(SECOND.strip() in body for body in offered)

    restart = _window(library, [{"wait": 500}, {"quit": True}], tmp_path)
    try:
        assert restart.wait(timeout=90) == 0, restart.stderr.read().decode()[-2000:]
    finally:
        if restart.poll() is None:
            restart.kill()
            restart.wait(timeout=10)
        restart.stderr.close()
    assert FIRST.strip() in _body(library)

    assert second_kept, "text typed before the kill was neither saved nor offered back"
