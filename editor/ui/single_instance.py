"""One window per library: a second start asks the first window to come forward.

The first window listens on a local socket (``QLocalServer``) named from a hash
of the library's resolved path and the user, so two users or two libraries
never meet. A second start on the same library, refused by the writer lock
(``LibraryInUse``), calls ``SingleInstance(path).try_activate_existing()``:
when the first window answers, it raises itself and the second one just exits.
This is a convenience only; the writer lock is what protects the library.

Usage in the window::

    instance = SingleInstance(library.path)
    instance.listen(lambda: (window.showNormal(), window.raise_(), window.activateWindow()))

and after ``LibraryInUse`` at start-up::

    if SingleInstance(path).try_activate_existing():
        return 0  # the other window came forward
"""

from __future__ import annotations

import getpass
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

_REQUEST = b"activate\n"
_TIMEOUT_MS = 500


def server_name(library_path: Path) -> str:
    try:
        user = getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name (containers): the uid will do
        user = str(getattr(os, "getuid", lambda: 0)())
    key = f"{user}\0{os.path.realpath(library_path)}".encode("utf-8", "surrogatepass")
    # Short: Unix socket paths are limited to about 100 bytes.
    return "feuillet-" + hashlib.sha256(key).hexdigest()[:24]


class SingleInstance(QObject):
    """The local-socket handshake between two windows on the same library."""

    def __init__(self, library_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(Path(library_path))
        self._server: QLocalServer | None = None
        self._on_activate: Callable[[], None] | None = None

    def try_activate_existing(self) -> bool:
        """Ask the window already open on this library to come forward.

        Returns True when a window took the request (this process should exit).
        """
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(_TIMEOUT_MS):
            return False
        socket.write(_REQUEST)
        sent = socket.waitForBytesWritten(_TIMEOUT_MS)
        socket.disconnectFromServer()
        return bool(sent)

    def _someone_listens(self) -> bool:
        """A quiet probe: connect without asking anything."""
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        alive = socket.waitForConnected(_TIMEOUT_MS)
        socket.abort()
        return alive

    def listen(self, on_activate: Callable[[], None]) -> bool:
        """Start answering requests; ``on_activate`` raises the window.

        Returns False when another live window already answers for this library
        (Qt would otherwise silently take its name over on Unix).
        """
        if self._someone_listens():
            return False
        self._on_activate = on_activate
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A socket file left by a killed window: nobody answers it, reclaim it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = bytes(socket.readAll().data())
        if _REQUEST.strip() in data and self._on_activate is not None:
            self._on_activate()

    def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
