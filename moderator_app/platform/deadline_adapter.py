"""The overall deadline while waiting for an answer's status line and headers.

Timeouts are per read: a site that sends its headers a byte every few seconds keeps
requests waiting for ever, before the transport sees a response whose body it could
read against the clock. Connections made through DeadlineAdapter start a watchdog
while they wait for the headers; at the deadline it shuts the socket down, the wait
ends in a connection error, and the transport reports the deadline.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

# Per thread: the posts phase fetches on several threads, each with its own request.
_waiting = threading.local()


@contextlib.contextmanager
def headers_within(seconds: float) -> Iterator[None]:
    """Requests made on this thread inside the block wait for headers at most `seconds`."""
    _waiting.until = time.monotonic() + max(0.0, seconds)
    try:
        yield
    finally:
        _waiting.until = None


class _Watched:
    """getresponse() with a watchdog that cuts the connection at the deadline."""

    sock: socket.socket | None

    def getresponse(self) -> Any:
        until = getattr(_waiting, "until", None)
        timer = None
        if until is not None:
            timer = threading.Timer(max(0.0, until - time.monotonic()), self._cut)
            timer.daemon = True
            timer.start()
        try:
            return super().getresponse()  # type: ignore[misc]
        finally:
            if timer is not None:
                timer.cancel()

    def _cut(self) -> None:
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _HTTPConnection(_Watched, HTTPConnection):
    pass


class _HTTPSConnection(_Watched, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class DeadlineAdapter(HTTPAdapter):
    """requests' own adapter (CA bundle, proxies and pools as usual), watched connections."""

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def watched_session() -> requests.Session:
    """A requests.Session whose direct connections are watched (proxied ones are not)."""
    session = requests.Session()
    adapter = DeadlineAdapter()
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session
