"""One writer per library: second window refused, crashed holder taken over,
the command line reading and writing beside a window (conflicts caught by versions)."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from editor.cli import main as cli_main
from editor.core.errors import ConflictError, LibraryInUse
from editor.core.library import open_library
from editor.core.safety.lock import WriterLock, lock_holder, lock_path_for
from editor.core.sample import PUBLICATION_NAME
from tests.core.safety.conftest import start_child, wait_for_line

HOLDER = """
import sys
from pathlib import Path
from editor.core.library import open_library
from editor.core.sample import PUBLICATION_NAME
lib = open_library(Path(sys.argv[1]), writer=True, program="test-window")
print("locked", flush=True)
sys.stdin.readline()
lib.close()
print("released", flush=True)
"""


def test_second_writer_in_the_same_process_is_refused(library_path: Path) -> None:
    with open_library(library_path, writer=True) as first:
        assert first.lock is not None and first.lock.held
        with pytest.raises(LibraryInUse) as info:
            open_library(library_path, writer=True)
        assert info.value.pid == os.getpid()
        # The CLI does not take the lock: it still opens and reads.
        with open_library(library_path) as cli:
            assert cli.services.count_articles() > 0
    # Released on close, lock file removed.
    assert not lock_path_for(library_path).exists()
    open_library(library_path, writer=True).close()


def test_second_window_is_told_which_process_holds_the_library(
    library_path: Path, children
) -> None:
    open_library(library_path).close()
    child = start_child(HOLDER, str(library_path))
    children.append(child)
    wait_for_line(child, "locked")
    with pytest.raises(LibraryInUse) as info:
        open_library(library_path, writer=True)
    assert info.value.pid == child.pid
    assert info.value.program == "test-window"
    assert str(child.pid) in str(info.value)
    assert "already open" in str(info.value)
    holder = lock_holder(library_path)
    assert holder is not None and holder.pid == child.pid and holder.is_local()
    child.stdin.write("\n")
    child.stdin.flush()
    wait_for_line(child, "released")
    assert lock_holder(library_path) is None
    open_library(library_path, writer=True).close()


def test_lock_of_a_killed_window_is_taken_over(library_path: Path, children) -> None:
    open_library(library_path).close()
    child = start_child(HOLDER, str(library_path))
    children.append(child)
    wait_for_line(child, "locked")
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    # The lock file is still there, naming a dead process…
    stale = json.loads(lock_path_for(library_path).read_text())
    assert stale["pid"] == child.pid
    # …but the OS dropped the lock with the process: the next window takes over.
    with open_library(library_path, writer=True) as lib:
        info = json.loads(lock_path_for(library_path).read_text())
        assert info["pid"] == os.getpid()
        assert lib.services.count_articles() > 0


def test_lock_file_with_garbage_is_taken_over(library_path: Path) -> None:
    open_library(library_path).close()
    lock_path_for(library_path).write_bytes(b"\x00garbage{")
    with WriterLock(library_path) as lock:
        assert lock.held
        assert lock_holder(library_path) is not None


def test_cli_reads_and_writes_while_window_holds_the_lock(
    library_path: Path, tmp_path: Path, children, capsys
) -> None:
    open_library(library_path).close()
    child = start_child(HOLDER, str(library_path))
    children.append(child)
    wait_for_line(child, "locked")
    assert cli_main(["--library", str(library_path), "list", "issues"]) == 0
    assert cli_main(["--library", str(library_path), "backup"]) == 0
    args = ["--library", str(library_path), "new-issue", "--publication", PUBLICATION_NAME]
    assert cli_main([*args, "--title", "Numéro écrit pendant que la fenêtre est ouverte"]) == 0
    note = tmp_path / "note.md"
    note.write_text("---\ntitle: Importé à côté\n---\n\nTexte importé.\n", encoding="utf-8")
    assert cli_main(["--library", str(library_path), "import", str(note)]) == 0
    exported = tmp_path / "export.html"
    assert (
        cli_main(
            [
                "--library",
                str(library_path),
                "export",
                "1",
                "--format",
                "single",
                "--quiet",
                "--out",
                str(exported),
            ]
        )
        == 0
    )
    assert exported.stat().st_size > 0
    out = capsys.readouterr().out
    assert "backups" in out
    with open_library(library_path) as lib:
        assert [r.title for r in lib.services.search("importé")] == ["Importé à côté"]
    # A restore, though, must wait for the window to close.
    assert cli_main(["--library", str(library_path), "restore", "latest"]) == 1
    assert "already open" in capsys.readouterr().err


def test_concurrent_save_from_the_cli_is_detected_by_version(library_path: Path) -> None:
    with open_library(library_path, writer=True) as window:
        article = window.services.get_article(1)
        loaded_version = article.version
        with open_library(library_path) as cli:  # e.g. `feuillet import` replacing it
            cli.services.save_draft(1, {"body": "written by the command line"})
        with pytest.raises(ConflictError, match="changed elsewhere"):
            window.services.save_draft(1, {"body": "typed in the window"}, loaded_version)
        assert window.services.get_article(1).body == "written by the command line"
