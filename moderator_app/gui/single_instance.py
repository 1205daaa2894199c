"""One window per account: the process that holds an account listens on a local socket
named after it, so a second start on that account can ask it to come to the front.

Which process may work on an account is decided by the store's DataLock, not here:
this is only the doorbell. The socket's name comes from the database path, so two
data folders (--data-dir) never ring each other's bell.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_MS = 1000


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()
    return f"moderator-desk-{digest[:24]}"


class RaiseListener(QObject):
    """Listens while this process holds the account; emits raise_requested when rung."""

    raise_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_path)
        self._server = QLocalServer(self)
        # We hold the account's lock, so a socket left by a killed holder is stale.
        QLocalServer.removeServer(self.name)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(self.name):
            log.warning("cannot listen for a second start: %s", self._server.errorString())
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.disconnectFromServer()
            socket.deleteLater()
        self.raise_requested.emit()

    def close(self) -> None:
        self._server.close()


def ask_to_raise(db_path: Path) -> bool:
    """Ring the holder's bell; True when someone answered (its window comes forward)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False  # a terminal sync holds it, or the app is still starting
    socket.disconnectFromServer()
    return True
