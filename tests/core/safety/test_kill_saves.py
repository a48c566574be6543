"""Fault injection: a writer SIGKILLed at random points, many times.

Each child (a forked process) opens the library as the window does (writer
lock), saves an article in a loop (with a revision, a journal entry or a backup now and then) and
prints every version as soon as ``save_draft`` returns. After each kill the
library must open (lock taken over), pass ``PRAGMA integrity_check``, and hold
every acknowledged save; every listed backup must be sound.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import sqlite3
import time
from pathlib import Path

import pytest

from editor.core.library import open_library
from editor.core.safety.backup import BackupManager
from editor.core.safety.recovery import RecoveryJournal

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="fork and SIGKILL are POSIX")

LANES = 5  # libraries killed in parallel (keeps the test short)
ROUNDS = 5  # kills per library: 25 in all


def body_for(version: int) -> str:
    return f"Version {version} : " + "mot " * ((version % 40) * 150)


def _writer(path: Path, out) -> None:  # type: ignore[no-untyped-def]
    """The child's work: what the window does on autosave, as fast as it can."""
    lib = open_library(path, writer=True, program="kill-test")
    journal = RecoveryJournal(path, durable=False)
    backups = BackupManager(path)
    version = lib.services.get_article(1).version
    print("ready", file=out, flush=True)
    while True:
        version = lib.services.save_draft(1, {"body": body_for(version + 1)}, version).version
        print(version, file=out, flush=True)  # acknowledged: the commit returned
        if version % 7 == 0:
            lib.services.record_revision(1, "autosave")
        if version % 5 == 0:
            journal.record(1, {"body": body_for(version) + " suite"}, version)
        if version % 13 == 0:
            backups.backup_now("auto")


class Child:
    """A forked writer (a fresh interpreter per kill would cost ~1 s of imports
    each; a fork shares the parent's imports but none of its connections)."""

    def __init__(self, path: Path) -> None:
        read_end, write_end = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # pragma: no cover - runs in the child
            os.close(read_end)
            try:
                _writer(path, os.fdopen(write_end, "w"))
            finally:
                os._exit(1)
        os.close(write_end)
        self.out = os.fdopen(read_end, "r")

    def kill_after_some_saves(self, rng: random.Random) -> int:
        """Let it acknowledge a few saves, kill it, return the last acknowledged."""
        assert self.out.readline().strip() == "ready"
        last = 0
        for _ in range(rng.randint(1, 15)):
            line = self.out.readline().strip()
            if not line:
                break
            last = int(line)
        time.sleep(rng.random() * 0.004)  # land anywhere in the next transaction
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        for line in self.out.read().split():  # acknowledged before it died
            last = int(line)
        self.out.close()
        return last

    def reap(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)


def _verify(path: Path, last_acknowledged: int) -> None:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()
    with open_library(path, writer=True) as lib:
        article = lib.services.get_article(1)
        assert article.version >= last_acknowledged, "an acknowledged save was lost"
        assert article.body == body_for(article.version), "the saved body is torn"
        for revision in lib.services.list_revisions(1):
            assert revision.body.startswith("Version ")
    for info in BackupManager(path).list():
        conn = sqlite3.connect(info.path)
        try:
            assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
        finally:
            conn.close()


def test_sigkill_at_random_points_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    rng = random.Random(20260729)
    paths = [tmp_path / f"lane{lane}.feuillet" for lane in range(LANES)]
    for path in paths:
        open_library(path).close()
    kills = 0
    for _round in range(ROUNDS):
        procs = [Child(path) for path in paths]
        try:
            acknowledged = [proc.kill_after_some_saves(rng) for proc in procs]
        finally:
            for proc in procs:
                proc.reap()
        for path, last in zip(paths, acknowledged, strict=True):
            _verify(path, last)
            kills += 1
    assert kills == LANES * ROUNDS
