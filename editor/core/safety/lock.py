"""One writer per library: a lock file beside it, held with an OS advisory lock.

``<library>.lock`` holds JSON saying who has the library open (pid, host,
program, start time) so that a second window can tell the user which process
it is. The exclusion itself is an OS lock on that file (``flock`` on POSIX,
``msvcrt.locking`` on Windows), not the file's existence: when a process is
killed the OS drops its lock, so a lock file left behind by a crash is simply
taken over by the next window. The command line never takes this lock; it
reads and exports freely, and concurrent saves are caught by row versions.
"""

from __future__ import annotations

import json
import os
import socket
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from editor.core.errors import LibraryError, LibraryInUse

# Windows locks are mandatory for the locked byte range: lock a byte far past
# the JSON so that other processes can still read who holds the library.
_WINDOWS_LOCK_OFFSET = 1 << 30
_MAX_ATTEMPTS = 5


def lock_path_for(library_path: Path) -> Path:
    library_path = Path(library_path)
    return library_path.with_name(library_path.name + ".lock")


@dataclass(frozen=True)
class LockHolder:
    """Who holds (or last held) a library's writer lock, as written in the lock file."""

    pid: int | None
    hostname: str = ""
    program: str = ""
    started: str = ""

    @classmethod
    def from_bytes(cls, data: bytes) -> LockHolder:
        try:
            info = json.loads(data.decode("utf-8"))
            pid = info.get("pid")
            return cls(
                pid=int(pid) if pid is not None else None,
                hostname=str(info.get("hostname", "")),
                program=str(info.get("program", "")),
                started=str(info.get("started", "")),
            )
        except (ValueError, AttributeError, TypeError):
            # Being written right now, or damaged: the lock itself still counts.
            return cls(pid=None)

    def is_local(self) -> bool:
        return not self.hostname or self.hostname == socket.gethostname()

    def error(self, lock_path: Path) -> LibraryInUse:
        return LibraryInUse(self.pid, self.hostname, self.program, self.started, lock_path)


def pid_alive(pid: int) -> bool:
    """Whether a local process id is running (best effort, for messages only)."""
    if pid <= 0:
        return False
    if os.name == "nt":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # type: ignore[attr-defined]
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)  # type: ignore[attr-defined]
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    return True


def _try_lock(fd: int) -> bool:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    return True


def _unlock(fd: int) -> None:
    if os.name == "nt":
        import msvcrt

        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    with suppress(OSError):
        fcntl.flock(fd, fcntl.LOCK_UN)


def _read_fd(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096)


def _same_file(fd: int, path: Path) -> bool:
    """False when the lock file was unlinked (released) between our open and lock."""
    if os.name == "nt":
        return True  # an open file cannot be deleted on Windows
    try:
        current = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (current.st_dev, current.st_ino)


class WriterLock:
    """The writer lock of one library. ``acquire()`` raises :class:`LibraryInUse`."""

    def __init__(self, library_path: Path, program: str = "feuillet") -> None:
        self.library_path = Path(library_path)
        self.path = lock_path_for(self.library_path)
        self.program = program
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> WriterLock:
        if self._fd is not None:
            return self
        for _attempt in range(_MAX_ATTEMPTS):
            try:
                # Never O_TRUNC here: that would wipe the holder's info before we
                # even know whether we may take the lock.
                fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as exc:
                raise LibraryError(
                    f"cannot create the lock file {self.path}: {exc.strerror or exc}"
                ) from exc
            if not _try_lock(fd):
                holder = LockHolder.from_bytes(_read_fd(fd))
                os.close(fd)
                raise holder.error(self.path)
            if not _same_file(fd, self.path):
                _unlock(fd)
                os.close(fd)
                continue
            self._fd = fd
            self._write_info()
            return self
        raise LibraryError(f"could not take the lock {self.path}; try again")

    def _write_info(self) -> None:
        assert self._fd is not None
        info = {
            "pid": os.getpid(),
            "hostname": socket.gethostname(),
            "program": self.program,
            "started": datetime.now().isoformat(timespec="seconds"),
        }
        data = json.dumps(info).encode("utf-8")
        os.ftruncate(self._fd, 0)
        os.lseek(self._fd, 0, os.SEEK_SET)
        os.write(self._fd, data)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if os.name == "nt":
            with suppress(OSError):
                os.ftruncate(fd, 0)
        else:
            # Unlink while still holding the lock: a process that opened the old
            # file meanwhile notices (_same_file) and retries on a fresh one.
            with suppress(OSError):
                os.unlink(self.path)
        _unlock(fd)
        os.close(fd)

    def __enter__(self) -> WriterLock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()

    def __del__(self) -> None:
        # The OS would release it anyway at exit; this keeps tests tidy.
        with suppress(Exception):
            self.release()


def lock_holder(library_path: Path) -> LockHolder | None:
    """Who holds the library's writer lock right now, None when nobody does."""
    path = lock_path_for(library_path)
    if not path.exists():
        return None
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return LockHolder.from_bytes(_read_fd(fd))
    finally:
        os.close(fd)
