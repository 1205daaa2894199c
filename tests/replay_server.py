"""A loopback HTTP server that answers with recorded Moodle exchanges.

Serve chosen recordings (tests/fixtures/moodle-4.2/*.json, or exchanges built in a
test), and every request received is kept so a test can assert on it.

    with ReplayServer(["007-site-info"]) as server:
        client = MoodleClient(server.url, "token", lang="nl")
        client.site_info()
        assert server.received[0].function == "core_webservice_get_site_info"

or as the `replay_server` fixture (import it into a test module or conftest):

    def test_x(replay_server):
        replay_server.serve("041-reply")

Matching: method, path, wsfunction and the form pairs (as a multiset; the values of
wstoken and password are ignored). `match` chooses how strict the form check is:
"exact" (same pairs), "subset" (every recorded pair was sent, more may be) or
"function" (path and wsfunction only). The first unused matching exchange answers;
when all matching ones were used, the last one answers again (so retries work).
A request nothing matches gets HTTP 418 with a JSON explanation and is listed in
`unmatched`.

Faults: an exchange may `hold` (wait on an event until released: a server that does
not answer in time) or `drop` (close the connection without answering).
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "moodle-4.2"
SECRET_KEYS = frozenset({"wstoken", "password"})
MatchMode = str  # "exact" | "subset" | "function"

Pairs = list[tuple[str, str]]


@dataclass
class Exchange:
    """One recorded request and the answer to give."""

    name: str
    method: str
    path: str
    query: Pairs
    form: Pairs
    status: int
    content_type: str
    body: bytes
    match: MatchMode | None = None  # overrides the server's mode for this exchange
    hold: threading.Event | None = None
    drop: bool = False
    headers: Pairs = field(default_factory=list)  # extra answer headers, e.g. Location

    @property
    def function(self) -> str:
        return dict(self.query).get("wsfunction") or dict(self.form).get("wsfunction", "")

    @classmethod
    def from_recording(cls, data: dict[str, Any], name: str = "") -> Exchange:
        request, response = data["request"], data["response"]
        body = response.get("body")
        if response.get("body_kind") == "json":
            raw = json.dumps(body).encode()
        else:
            raw = (body or "").encode()
        return cls(
            name=name,
            method=request.get("method", "POST"),
            path=request["path"],
            query=[(k, v) for k, v in request.get("query", [])],
            form=[(k, v) for k, v in request.get("form", [])],
            status=int(response["status"]),
            content_type=response.get("content_type", "application/json"),
            body=raw,
        )

    @classmethod
    def json(
        cls,
        path: str,
        body: Any,
        *,
        function: str = "",
        status: int = 200,
        method: str = "POST",
        form: Pairs | None = None,
        query: Pairs | None = None,
        match: MatchMode | None = "function",
        name: str = "synthetic",
    ) -> Exchange:
        """A made-up exchange answering JSON (matched on function unless told)."""
        query = (
            query
            if query is not None
            else ([("moodlewsrestformat", "json"), ("wsfunction", function)] if function else [])
        )
        return cls(
            name=name,
            method=method,
            path=path,
            query=query,
            form=form or [],
            status=status,
            content_type="application/json",
            body=json.dumps(body).encode(),
            match=match,
        )

    @classmethod
    def raw(
        cls,
        path: str,
        body: bytes,
        *,
        function: str = "",
        status: int = 200,
        content_type: str = "text/html",
        method: str = "POST",
        name: str = "synthetic",
    ) -> Exchange:
        """A made-up exchange answering any bytes, matched on path and function."""
        query = [("moodlewsrestformat", "json"), ("wsfunction", function)] if function else []
        return cls(
            name=name,
            method=method,
            path=path,
            query=query,
            form=[],
            status=status,
            content_type=content_type,
            body=body,
            match="function",
        )


def recording(name: str) -> dict[str, Any]:
    """The parsed fixture file, by name with or without .json."""
    path = FIXTURES / (name if name.endswith(".json") else f"{name}.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def load_exchange(name: str, *, match: MatchMode | None = None) -> Exchange:
    exchange = Exchange.from_recording(recording(name), name)
    exchange.match = match
    return exchange


@dataclass
class Received:
    """A request the server received, decoded."""

    method: str
    path: str
    query: Pairs
    form: Pairs
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def function(self) -> str:
        return dict(self.query).get("wsfunction") or dict(self.form).get("wsfunction", "")

    def params(self) -> dict[str, str]:
        return dict(self.form)


def comparable(pairs: Iterable[tuple[str, str]]) -> Counter[tuple[str, str]]:
    """Form pairs as a multiset, secrets' values blanked."""
    return Counter((k, "<secret>" if k in SECRET_KEYS else v) for k, v in pairs)


def form_matches(recorded: Pairs, sent: Pairs, mode: MatchMode) -> bool:
    if mode == "function":
        return True
    want, got = comparable(recorded), comparable(sent)
    if mode == "exact":
        return want == got
    if mode == "subset":
        return not (want - got)
    raise ValueError(f"unknown match mode {mode!r}")


class ReplayServer:
    """ThreadingHTTPServer on 127.0.0.1, port 0, in a daemon thread."""

    def __init__(
        self,
        exchanges: Iterable[Exchange | str] = (),
        *,
        match: MatchMode = "exact",
        tls: ssl.SSLContext | None = None,
    ) -> None:
        self.match = match
        self.tls = tls  # a server-side context makes this an https server
        self.exchanges: list[Exchange] = []
        self.used: set[int] = set()
        self.received: list[Received] = []
        self.unmatched: list[Received] = []
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._url = ""
        self.serve(*exchanges)

    # -- set-up -------------------------------------------------------------------

    def serve(self, *exchanges: Exchange | str) -> ReplayServer:
        with self._lock:
            for item in exchanges:
                self.exchanges.append(load_exchange(item) if isinstance(item, str) else item)
        return self

    @property
    def url(self) -> str:
        """http(s)://127.0.0.1:<port>; still readable after stop()."""
        assert self._url, "server not started"
        return self._url

    def start(self) -> ReplayServer:
        handler = _handler_for(self)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        if self.tls is not None:
            self._httpd.socket = self.tls.wrap_socket(self._httpd.socket, server_side=True)
        host, port = self._httpd.server_address[:2]
        scheme = "https" if self.tls is not None else "http"
        self._url = f"{scheme}://{host!s}:{port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        for exchange in self.exchanges:
            if exchange.hold is not None:
                exchange.hold.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join()
        self._httpd = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- matching -----------------------------------------------------------------

    def find(self, request: Received) -> Exchange | None:
        with self._lock:
            self.received.append(request)
            candidates = [
                (index, ex)
                for index, ex in enumerate(self.exchanges)
                if ex.method == request.method
                and ex.path == request.path
                and ex.function == request.function
                and form_matches(ex.form, request.form, ex.match or self.match)
            ]
            for index, exchange in candidates:
                if index not in self.used:
                    self.used.add(index)
                    return exchange
            if candidates:
                return candidates[-1][1]
            self.unmatched.append(request)
            return None

    def functions(self) -> list[str]:
        """The wsfunction of every request received, in order."""
        return [r.function for r in self.received]


def _handler_for(server: ReplayServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self._answer()

        def do_POST(self) -> None:
            self._answer()

        def _answer(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8") if length else ""
            request = Received(
                method=self.command,
                path=parts.path,
                query=parse_qsl(parts.query, keep_blank_values=True),
                form=parse_qsl(body, keep_blank_values=True),
                headers=dict(self.headers.items()),
            )
            exchange = server.find(request)
            if exchange is None:
                self._send(
                    418,
                    "application/json",
                    json.dumps(
                        {
                            "replay_error": "no recorded exchange matches this request",
                            "function": request.function,
                            "path": request.path,
                        }
                    ).encode(),
                )
                return
            if exchange.hold is not None:
                exchange.hold.wait(timeout=30)
            if exchange.drop:
                # No answer at all: the client cannot know what happened.
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._send(exchange.status, exchange.content_type, exchange.body, exchange.headers)

        def _send(
            self,
            status: int,
            content_type: str,
            body: bytes,
            headers: Iterable[tuple[str, str]] = (),
        ) -> None:
            try:
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (a timeout test): nothing to tell it

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output free of request lines

    return Handler


@pytest.fixture
def replay_server() -> Iterator[ReplayServer]:
    """A started ReplayServer with nothing queued; call .serve(...) in the test."""
    with ReplayServer() as server:
        yield server
