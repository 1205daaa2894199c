"""The HTTP side: login/token.php and webservice/rest/server.php on 127.0.0.1.

Requests are answered like Moodle 4.2 (errors as HTTP 200 JSON objects, login errors
in their own shape), with the faults a test switched on applied around the handler.
"""

from __future__ import annotations

import contextlib
import json
import logging
import socket
import threading
import traceback
from dataclasses import dataclass
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from moderator_app.sandbox import nologin
from moderator_app.sandbox.errors import (
    LoginError,
    WsError,
    access_exception,
    invalid_parameter,
    invalid_record,
)
from moderator_app.sandbox.faults import LOGIN, Fault, Faults, Kind, RequestCounter
from moderator_app.sandbox.params import decode_form, validate
from moderator_app.sandbox.registry import (
    NOT_IN_MOBILE_SERVICE,
    PLUGIN_FUNCTIONS,
    Ctx,
    load_handlers,
)
from moderator_app.sandbox.state import SandboxState, hash_token

log = logging.getLogger("moderator_app.sandbox")

MOBILE_SERVICE = "moodle_mobile_app"
_JSON = "application/json"
_LOGIN_JSON = "application/json; charset=utf-8"
_HTML = "text/html; charset=utf-8"
_MAINTENANCE_HTML = (
    '<!DOCTYPE html>\n<html lang="en"><head><title>Site maintenance</title></head>'
    "<body><h1>This site is undergoing maintenance and is currently not available</h1>"
    "</body></html>"
)


class SiteMode(Enum):
    """Site-wide switches an admin could flip (fixtures 082-087)."""

    NORMAL = "normal"
    MAINTENANCE = "maintenance"
    WEBSERVICES_OFF = "webservices_off"
    MOBILE_SERVICE_OFF = "mobile_service_off"


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    location: str = ""  # a redirect's Location (launch.php)

    @classmethod
    def json(cls, value: Any, content_type: str = _JSON) -> Reply:
        return cls(200, content_type, json.dumps(value, ensure_ascii=False).encode())


class SiteApp:
    """What the handler threads share: state, switches, faults and counters."""

    def __init__(self, state: SandboxState, plugin: bool) -> None:
        self.state = state
        self.plugin = plugin
        self.mode = SiteMode.NORMAL
        self.faults = Faults()
        self.requests = RequestCounter()
        self.site_url = ""
        self.functions = load_handlers()
        self.type_of_login = 1  # tool_mobile typeoflogin: 1 app, 2 browser, 3 embedded
        self.browser_user = "moderator"  # who launch.php finds signed in to the browser

    # -- login/token.php -----------------------------------------------------------

    def login(self, params: dict[str, str]) -> Reply:
        if self.mode is SiteMode.MAINTENANCE:
            return Reply(503, _HTML, _MAINTENANCE_HTML.encode())
        try:
            return Reply.json(self._login(params), _LOGIN_JSON)
        except LoginError as err:
            return Reply.json(err.body(), _LOGIN_JSON)

    def _login(self, params: dict[str, str]) -> dict[str, Any]:
        if self.mode is SiteMode.WEBSERVICES_OFF:
            raise LoginError(
                "enablewsdescription", "Web services must be enabled in Advanced features."
            )
        if params.get("appsitecheck", "0") not in ("", "0"):
            return {"appsitecheck": "ok"}
        for name in ("username", "password", "service"):
            if name not in params:
                raise LoginError("missingparam", f"A required parameter ({name}) was missing")
        user_id = self.state.check_password(params["username"].strip().lower(), params["password"])
        if user_id is None:
            raise LoginError("invalidlogin", "Invalid login, please try again")
        if params["service"] != MOBILE_SERVICE or self.mode is SiteMode.MOBILE_SERVICE_OFF:
            raise LoginError(
                "servicenotavailable",
                "Web service is not available. (It doesn't exist or might be disabled.)",
            )
        token = self.state.issue_token(user_id)
        # privatetoken: random and never stored; the app does not keep it either.
        return {"token": token, "privatetoken": hash_token(token + "private")[:40]}

    # -- webservice/rest/server.php --------------------------------------------------

    def rest(self, pairs: list[tuple[str, str]]) -> Reply:
        if self.mode is SiteMode.WEBSERVICES_OFF:
            return Reply(403, _HTML, b"")
        if self.mode is SiteMode.MAINTENANCE:
            return Reply(503, _HTML, _MAINTENANCE_HTML.encode())
        params = dict(pairs)
        try:
            return Reply.json(self._rest(params, pairs))
        except WsError as err:
            return Reply.json(err.body())
        except Exception as exc:  # our bug: answer like Moodle does, log where it broke
            # Type and code locations only: the message could carry posted text.
            where = " <- ".join(
                f"{frame.name}:{frame.lineno}"
                for frame in reversed(traceback.extract_tb(exc.__traceback__))
            )
            log.error(
                "sandbox handler failed for %s: %s at %s",
                params.get("wsfunction", ""),
                type(exc).__name__,
                where,
            )
            return Reply.json(
                {
                    "exception": "coding_exception",
                    "errorcode": "codingerror",
                    "message": "Coding error detected, it must be fixed by a programmer",
                }
            )

    def _rest(self, params: dict[str, str], pairs: list[tuple[str, str]]) -> Any:
        user = self._authenticate(params.get("wstoken", ""))
        name = params.get("wsfunction", "")
        if not name:
            raise invalid_parameter()
        function = self.functions.get(name)
        if function is None or (name in PLUGIN_FUNCTIONS and not self.plugin):
            raise access_exception() if name in NOT_IN_MOBILE_SERVICE else invalid_record()
        ctx = Ctx(self.state, user, self.site_url, self.plugin)
        return function.handler(ctx, validate(function.params, decode_form(pairs)))

    def _authenticate(self, token: str) -> dict[str, Any]:
        row = self.state.row("SELECT * FROM tokens WHERE tokenhash = ?", (hash_token(token),))
        if row is None:
            raise WsError("invalidtoken", "Invalid token - token not found")
        if row["validuntil"] and row["validuntil"] < self.state.now():
            # Moodle deletes the expired token: the next call says invalidtoken.
            self.state.insert("DELETE FROM tokens WHERE tokenhash = ?", (row["tokenhash"],))
            raise access_exception()
        user = self.state.user(int(row["userid"]))
        if user is None:
            raise WsError("invalidtoken", "Invalid token - token not found")
        if user["suspended"]:
            raise WsError(
                "wsaccessusersuspended",
                f"Refused web service access for suspended username: {user['username']}",
            )
        if self.mode is SiteMode.MOBILE_SERVICE_OFF:
            raise access_exception()
        return user


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, port: int, app: SiteApp) -> None:
        self.app = app
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Cut kept-alive connections too, so a stopped site really stops answering."""
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes: with Nagle on, the body waits for the
    # client's delayed ACK (~40 ms a request on Linux), which made syncs crawl.
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        pass  # request lines may carry tokens in query strings: never log them

    def do_GET(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    def _handle(self) -> None:
        app = self.server.app
        url = urlsplit(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        pairs = parse_qsl(url.query, keep_blank_values=True)
        pairs += parse_qsl(body, keep_blank_values=True)  # POST wins: it comes later
        path = url.path.rstrip("/")
        if path.endswith("/login/token.php"):
            function = LOGIN
        elif path.endswith("/webservice/rest/server.php"):
            function = dict(pairs).get("wsfunction", "")
        elif path.endswith(("/lib/ajax/service-nologin.php", "/admin/tool/mobile/launch.php")):
            self._send(self._before_sign_in(app, path, dict(pairs), body))
            return
        else:
            self._send(
                Reply(
                    404,
                    _HTML,
                    b"<!doctype html><html><head><title>404 Not Found"
                    b"</title></head><body><h1>Not Found</h1></body></html>",
                )
            )
            return
        app.requests.add(function)
        # The parameters only choose a `when=` fault; they are never logged (token, text).
        fault = app.faults.take(function, dict(pairs))
        early = self._before(app, fault)
        if early is not None:
            if early.status:
                self._send(early)
            return
        reply = app.login(dict(pairs)) if function == LOGIN else app.rest(pairs)
        if fault is not None and fault.kind is Kind.DROP_AFTER:
            self._drop()
            return
        if fault is not None and fault.kind is Kind.HOLD_AFTER:
            app.faults.wait_released(fault)
        self._send(reply)

    def _before_sign_in(self, app: SiteApp, path: str, params: dict[str, str], body: str) -> Reply:
        if path.endswith("/lib/ajax/service-nologin.php"):
            app.requests.add(params.get("info", "service-nologin"))
            return Reply.json(nologin.nologin(app, body))
        app.requests.add("launch.php")
        location = nologin.launch_location(app, params)
        if location is None:
            return Reply(200, _HTML, b"<!doctype html><html><body>Error</body></html>")
        return Reply(302, _HTML, b"", location=location)

    def _before(self, app: SiteApp, fault: Fault | None) -> Reply | None:
        """Apply a fault before the handler; a Reply with status 0 means 'dropped'."""
        if fault is None:
            return None
        kind = fault.kind
        if kind in (Kind.LATENCY, Kind.HOLD_BEFORE):
            if kind is Kind.LATENCY:
                app.faults.sleep(fault.seconds)
            else:
                app.faults.wait_released(fault)
            if app.faults.stopping:
                # Let go by a stopping site: its state is being closed, answer nothing.
                self._drop()
                return Reply(0, "", b"")
            return None
        if kind is Kind.HTTP_500:
            return Reply(
                500, _HTML, b"<!DOCTYPE html><html><body>Internal Server Error</body></html>"
            )
        if kind is Kind.INVALID_JSON:
            return Reply(200, _JSON, b'{"exception": "moodle_exception", "errorc')
        if kind is Kind.EXCEPTION:
            return Reply.json(WsError(fault.errorcode, fault.message, fault.exception).body())
        if kind is Kind.EXPIRED_TOKEN:
            return Reply.json(access_exception().body())
        if kind is Kind.DROP_BEFORE:
            self._drop()
            return Reply(0, "", b"")
        return None

    def _drop(self) -> None:
        """Close the connection without an answer: the client sees a connection error."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _send(self, reply: Reply) -> None:
        try:
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            if reply.location:
                self.send_header("Location", reply.location)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)
        except OSError:
            self.close_connection = True  # the client went away (e.g. killed mid-hold)


def make_server(app: SiteApp, port: int = 0) -> _Server:
    server = _Server(port, app)
    app.site_url = f"http://127.0.0.1:{server.server_address[1]}"
    return server
