"""Exceptions the core raises for failures a user can understand and act on.

Each carries a plain-language message: the command line prints it as one
line, the window shows it in a dialog. Anything else escaping the core is a bug.
"""

from __future__ import annotations


class FeuilletError(Exception):
    """Base class of every expected, user-facing failure."""


class LibraryError(FeuilletError):
    """The library file cannot be opened or used (not a library, damaged, too new)."""


class NotFound(FeuilletError):
    """A publication, issue, article or asset id that does not exist."""


class ValidationError(FeuilletError):
    """Input refused before anything was written (empty title, bad status…)."""


class ConflictError(FeuilletError):
    """Someone else saved the same row meanwhile; nothing was overwritten."""


class ImageRejected(FeuilletError):
    """An image that is not a safe, decodable picture in an allowed format."""


# -- safety ("never lose a word") ------------------------------------------------
# Raised by editor.core.safety and by the SQLite error translation in editor.core.db.
# Each message tells the user what happened to their text and what to do next.


class NotALibrary(LibraryError):
    """The file exists but is not a Feuillet library; it was left untouched."""

    def __init__(self, path: object, reason: str, latest_backup: object = None) -> None:
        self.path = path
        self.latest_backup = latest_backup
        message = f"{path} is not a Feuillet library ({reason}); it was left untouched"
        if latest_backup is not None:
            message += f". If it was your library, the latest backup is {latest_backup}"
        super().__init__(message)


class LibraryDamaged(LibraryError):
    """The library file is damaged. When ``moved_to`` is set it was renamed aside
    (never written to) so that a good backup can take its place."""

    def __init__(
        self,
        path: object,
        moved_to: object = None,
        latest_backup: object = None,
        detail: str = "",
    ) -> None:
        self.path = path
        self.moved_to = moved_to
        self.latest_backup = latest_backup
        self.detail = detail
        message = f"the library {path} is damaged" + (f" ({detail})" if detail else "")
        if moved_to is not None:
            message += f"; it was set aside, unchanged, as {moved_to}"
        else:
            message += "; it was not changed. Close Feuillet before repairing it"
        if latest_backup is not None:
            message += f". The latest good backup is {latest_backup} (feuillet restore can use it)"
        else:
            message += ". No backup was found"
        super().__init__(message)


class LibraryTooNew(LibraryError):
    """The library was written by a newer Feuillet; it was left untouched."""


class LibraryInUse(LibraryError):
    """Another Feuillet window already has the library open for writing."""

    def __init__(
        self,
        pid: int | None,
        hostname: str = "",
        program: str = "",
        started: str = "",
        lock_path: object = None,
    ) -> None:
        self.pid = pid
        self.hostname = hostname
        self.program = program
        self.started = started
        self.lock_path = lock_path
        who = f"process {pid}" if pid else "another process"
        if hostname:
            who += f" on {hostname}"
        if started:
            who += f", since {started}"
        super().__init__(
            f"this library is already open in another Feuillet window ({who}); "
            "switch to that window, or close it first"
        )


class LibraryBusy(LibraryError):
    """Another program kept the library locked longer than the busy timeout."""


class StorageError(FeuilletError):
    """The disk refused a read or a write; nothing already saved was changed."""


class StorageFull(StorageError):
    """The disk (or the library's size limit) is full; the change was not written."""
