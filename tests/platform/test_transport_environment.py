"""The transport reads proxies and the CA bundle from the environment once per site."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import requests

from moderator_app.platform.moodle_http import Transport


class _Proxy(BaseHTTPRequestHandler):
    """A forward proxy that answers every request itself and records what it was asked."""

    asked: list[str] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        type(self).asked.append(self.path)
        body = json.dumps({"via": "proxy"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *_args: Any) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[str]:
    _Proxy.asked = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Proxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _transport(session: requests.Session | None = None) -> Transport:
    return Transport(session, timeout=5, retries=0, backoff=0)


def test_a_proxy_set_in_the_environment_carries_the_requests(
    proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    transport = _transport()
    url = "http://moodle.example.invalid/webservice/rest/server.php"
    for _ in range(3):
        response = transport.post(url, function="core_webservice_get_site_info", data=[])
        assert response.json() == {"via": "proxy"}
    assert _Proxy.asked == [url] * 3


def test_the_environment_is_read_once_per_site_not_per_request(
    proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy)
    reads: list[str] = []
    read_environment = requests.sessions.get_environ_proxies

    def counted(url: str, *args: Any, **kwargs: Any) -> Any:
        reads.append(url)
        return read_environment(url, *args, **kwargs)

    # What requests calls to read proxies from the environment for a request.
    monkeypatch.setattr(requests.sessions, "get_environ_proxies", counted)
    transport = _transport()
    for n in range(5):
        url = f"http://moodle.example.invalid/webservice/rest/server.php?n={n}"
        transport.post(url, function="f", data=[])
    transport.post("http://other.example.invalid/x", function="f", data=[])
    assert [u.split("/")[2] for u in reads] == ["moodle.example.invalid", "other.example.invalid"]
    assert len(_Proxy.asked) == 6


def test_a_session_told_not_to_trust_the_environment_ignores_its_proxy(
    proxy: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HTTP_PROXY", proxy)
    session = requests.Session()
    session.trust_env = False
    transport = _transport(session)
    with pytest.raises(Exception):  # noqa: B017 (the unknown host fails, typed by the transport)
        transport.post("http://moodle.example.invalid/x", function="f", data=[])
    assert _Proxy.asked == []
