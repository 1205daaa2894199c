"""The transport's guards: no redirect carries the token, an overall deadline, a size cap.

Each test runs against a loopback server; limits are shortened through
platform.limits (read at call time), so nothing here waits long.
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from moderator_app.platform import limits
from moderator_app.platform.errors import Redirected, ResponseTooLarge, Transient
from tests.contract.helpers import TOKEN, client_for
from tests.replay_server import Exchange, ReplayServer, load_exchange, recording

REST = "/webservice/rest/server.php"
SITE_INFO = "core_webservice_get_site_info"


@contextmanager
def raw_server(answer: bytes, *, trickle: bytes = b"", every: float = 0.05) -> Iterator[str]:
    """A one-connection-at-a-time server: reads a request, sends `answer`, then `trickle`
    a byte every `every` seconds (for at most 5 s), then closes."""
    stop = threading.Event()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    listener.settimeout(0.1)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                try:
                    conn.settimeout(2)
                    conn.recv(65536)
                    conn.sendall(answer)
                    ends = time.monotonic() + 5
                    for byte in trickle:
                        if stop.is_set() or time.monotonic() > ends:
                            break
                        conn.sendall(bytes([byte]))
                        stop.wait(every)
                except OSError:
                    pass  # the client hung up: what the guards are for

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


def test_a_redirect_never_carries_the_token_elsewhere() -> None:
    with ReplayServer(["007-site-info"], match="function") as elsewhere:
        moved = Exchange.raw(REST, b"", function=SITE_INFO, status=307)
        moved.headers = [("Location", f"{elsewhere.url}{REST}?wsfunction={SITE_INFO}")]
        with ReplayServer([moved]) as server, pytest.raises(Redirected) as raised:
            client_for(server.url).site_info()
        assert len(server.received) == 1  # not retried either
        assert elsewhere.received == []
    assert raised.value.location.startswith(f"{elsewhere.url}{REST}")
    assert elsewhere.url in raised.value.message
    assert TOKEN not in raised.value.message


def test_a_trickling_site_is_cut_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "REQUEST_DEADLINE", 0.5)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    with raw_server(head, trickle=b" " * 1000) as url:
        started = time.monotonic()
        with pytest.raises(Transient) as raised:
            client_for(url, timeout=2).site_info()
        took = time.monotonic() - started
    assert raised.value.code == "deadline"
    # Each byte came well within the read timeout: only the overall deadline stops it.
    assert took < 2


def test_headers_trickled_in_are_cut_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "REQUEST_DEADLINE", 0.5)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: " + b"x" * 500
    with raw_server(b"", trickle=head) as url:
        started = time.monotonic()
        with pytest.raises(Transient) as raised:
            client_for(url, timeout=2).site_info()
        took = time.monotonic() - started
    assert raised.value.code == "deadline"
    assert took < 2


def test_a_site_gone_silent_mid_answer_is_cut_at_the_deadline(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "REQUEST_DEADLINE", 0.5)
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n["
    # A byte every 4 s: within the 5 s read timeout, far apart for a 0.5 s deadline.
    with raw_server(head, trickle=b"   ", every=4.0) as url:
        started = time.monotonic()
        with pytest.raises(Transient) as raised:
            client_for(url, timeout=5).site_info()
        took = time.monotonic() - started
    assert raised.value.code == "deadline"
    assert took < 2


def test_an_oversized_answer_is_refused_without_holding_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_RESPONSE_BYTES", 1024 * 1024)
    # No Content-Length: the size is only known by reading (read until the close).
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n"
    body = b"[" + b"1," * (16 * 1024 * 1024)
    with raw_server(head + body) as url:
        tracemalloc.start()
        try:
            with pytest.raises(ResponseTooLarge) as raised:
                client_for(url).site_info()
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert raised.value.code == "toolarge"
    assert peak < 8 * 1024 * 1024  # the cap plus a piece, not the 32 MB sent


def test_a_declared_oversized_answer_is_refused_before_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_RESPONSE_BYTES", 1000)
    big = Exchange.raw(REST, b"[" + b"0," * 2000 + b"0]", function=SITE_INFO, status=200)
    with ReplayServer([big]) as server, pytest.raises(ResponseTooLarge):
        client_for(server.url).site_info()


def test_a_compressed_answer_is_decompressed(monkeypatch: pytest.MonkeyPatch) -> None:
    body = json.dumps(recording("007-site-info")["response"]["body"]).encode()
    packed = gzip.compress(body)
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        f"Content-Length: {len(packed)}\r\n\r\n"
    ).encode()
    with raw_server(head + packed) as url:
        assert client_for(url).site_info().user_id == 3


def test_a_compressed_answer_is_capped_by_its_unpacked_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_RESPONSE_BYTES", 1024 * 1024)
    packed = gzip.compress(b"[" + b"0," * (8 * 1024 * 1024) + b"0]")  # a few kB on the wire
    head = (
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Encoding: gzip\r\n"
        f"Content-Length: {len(packed)}\r\n\r\n"
    ).encode()
    with raw_server(head + packed) as url, pytest.raises(ResponseTooLarge):
        client_for(url).site_info()


def test_an_answer_within_the_limits_still_works(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "REQUEST_DEADLINE", 5.0)
    with ReplayServer(["007-site-info"], match="function") as server:
        assert client_for(server.url).site_info().user_id == 3


def test_proxies_from_the_environment_are_still_used(monkeypatch: pytest.MonkeyPatch) -> None:
    # The "proxy" is a replay server: a proxied request arrives with the full URL.
    with ReplayServer([load_exchange("007-site-info", match="function")]) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.setenv("http_proxy", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        info = client_for("http://moodle.invalid").site_info()
        assert proxy.received[0].headers.get("Host") == "moodle.invalid"
    assert info.user_id == 3
