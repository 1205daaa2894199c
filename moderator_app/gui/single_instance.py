"""One window per account: the process that holds an account listens on a local socket
named after it, so a second start on that account can ask it to come to the front.

Which process may work on an account is decided by the store's DataLock, not here:
this is only the doorbell. The socket's name comes from the database path, so two
data folders (--data-dir) never ring each other's bell.

The bell can also carry a message: while a browser sign-in waits, the sign-in dialog
listens on a bell named after the data folder, and a second start given a
moodlemobile:// address (the URL handler) hands it over.
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


def sign_in_server_name() -> str:
    """The bell a waiting browser sign-in listens on (one per data folder)."""
    from moderator_app import paths

    digest = hashlib.sha256(str(paths.config_dir().resolve()).encode("utf-8")).hexdigest()
    return f"moderator-desk-sign-in-{digest[:24]}"


MAX_MESSAGE = 16 * 1024  # a moodlemobile:// address is a few hundred bytes


class MessageListener(QObject):
    """Listens on `name`; emits each line a caller sends (one per connection)."""

    message_received = Signal(str)

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not self._server.listen(name):
            # A socket file left by a killed process: take the name over.
            QLocalServer.removeServer(name)
            if not self._server.listen(name):
                log.warning(
                    "cannot listen for a handed-over address: %s", self._server.errorString()
                )
        self._server.newConnection.connect(self._on_connection)

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            if socket.bytesAvailable() > MAX_MESSAGE:
                socket.abort()
            return
        line = bytes(socket.readLine(MAX_MESSAGE).data()).decode("utf-8", "replace").strip()
        socket.disconnectFromServer()
        if line:
            self.message_received.emit(line)

    def close(self) -> None:
        self._server.close()


def send_message(name: str, text: str) -> bool:
    """Hand `text` to the listener on `name`; True when it was delivered."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False
    socket.write(text.strip().encode("utf-8") + b"\n")
    delivered = socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(CONNECT_TIMEOUT_MS)
    return delivered


def ask_to_raise(db_path: Path) -> bool:
    """Ring the holder's bell; True when someone answered (its window comes forward)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(db_path))
    if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
        return False  # a terminal sync holds it, or the app is still starting
    socket.disconnectFromServer()
    return True
