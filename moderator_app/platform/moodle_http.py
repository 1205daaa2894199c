"""HTTP transport for Moodle: form encoding, timeouts, retries, status handling.

Reads are retried with exponential backoff on connection errors, timeouts and 5xx.
Writes are retried only when the connection failed before the request went out;
a write whose fate is unknown raises Transient(maybe_applied=True).

Only function names, durations, status and error codes are logged: never the
token, the form values or the response body.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import requests
from urllib3.exceptions import (
    ConnectTimeoutError,
    MaxRetryError,
    NewConnectionError,
    ReadTimeoutError,
)
from urllib3.exceptions import HTTPError as Urllib3HTTPError

from moderator_app.platform import limits
from moderator_app.platform.deadline_adapter import headers_within, watched_session
from moderator_app.platform.errors import (
    InvalidInput,
    NotMoodle,
    PlatformError,
    ProtocolError,
    Redirected,
    ResponseTooLarge,
    Transient,
    Unavailable,
)
from moderator_app.platform.moodle_errors import MSG_MAINTENANCE, MSG_WS_OFF

log = logging.getLogger(__name__)

FormPairs = list[tuple[str, str]]

# nginx's answer to plain http on its https port (HTTP 400).
_HTTPS_PORT_PAGE = b"The plain HTTP request was sent to HTTPS port"

# How much one read of the body asks for; read1 returns less when less has arrived.
_PIECE = 64 * 1024


def encode_params(params: Mapping[str, Any]) -> FormPairs:
    """Moodle's form encoding: name[0]=a, name[0][key]=v; booleans as 1/0; None omitted."""
    pairs: FormPairs = []
    for name, value in params.items():
        _encode(name, value, pairs)
    return pairs


def _encode(name: str, value: Any, out: FormPairs) -> None:
    if value is None:
        return
    if isinstance(value, bool):  # before int: bool is an int
        out.append((name, "1" if value else "0"))
    elif isinstance(value, int | str):
        out.append((name, str(value)))
    elif isinstance(value, float):
        out.append((name, repr(value)))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            _encode(f"{name}[{key}]", item, out)
    elif isinstance(value, Sequence):
        # An empty list cannot be expressed in form encoding: Moodle uses the default.
        for index, item in enumerate(value):
            _encode(f"{name}[{index}]", item, out)
    else:
        raise TypeError(f"cannot encode parameter {name!r} of type {type(value).__name__}")


def _failed_before_send(exc: requests.ConnectionError) -> bool:
    """True when the TCP/TLS connection never came up, so the site saw nothing."""
    if isinstance(exc, requests.ConnectTimeout):
        return True
    inner = exc.args[0] if exc.args else None
    reason = inner.reason if isinstance(inner, MaxRetryError) else inner
    # NewConnectionError (refused, DNS) subclasses ConnectTimeoutError in urllib3.
    return isinstance(reason, NewConnectionError | ConnectTimeoutError)


class _BodyTimeout(Exception):
    """The site went silent mid-answer for longer than the read timeout."""


class _BodyBroken(Exception):
    """The answer broke off or could not be decoded midway."""


class Transport:
    """One requests.Session, timeouts, an overall deadline, a size cap, the retry rules.

    No redirect is followed: a request to login/token.php or server.php carries the
    password or the token, and following a 307/308 would send it again to wherever
    the answer points (also from https to http, or to another host). A redirect is a
    Redirected error naming the new address instead.

    The body is read in pieces as they arrive, so the clock is checked while a site
    trickles its answer (timeouts alone are per read) and a huge answer is refused
    when it passes the cap instead of being held in memory. `deadline` and
    `max_bytes` default to platform.limits, read at call time (tests shorten them).
    Requests' own settings (REQUESTS_CA_BUNDLE, proxies from the environment) still
    apply, resolved once per site and session (_environment) instead of on every
    request: requests re-read them, and netrc, for each call (10 s per 10,000 calls).
    """

    def __init__(
        self,
        session: requests.Session | None,
        *,
        timeout: float,
        retries: int,
        backoff: float,
        deadline: float | None = None,
        max_bytes: int | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        # A session of our own also watches the wait for headers (deadline_adapter.py).
        self.session = session if session is not None else watched_session()
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff
        self.deadline = deadline
        self.max_bytes = max_bytes
        self._clock = clock
        # The environment is read by _environment, once per site; the session itself
        # must then not read it again per request.
        self._trust_env = self.session.trust_env
        self.session.trust_env = False
        self._resolved: dict[tuple[str, str], dict[str, Any]] = {}

    def post(
        self,
        url: str,
        *,
        function: str,
        data: FormPairs,
        params: FormPairs | None = None,
        write: bool = False,
    ) -> requests.Response:
        return self.request("POST", url, function=function, data=data, params=params, write=write)

    def request(
        self,
        method: str,
        url: str,
        *,
        function: str,
        data: FormPairs | None = None,
        params: FormPairs | None = None,
        write: bool = False,
        json_body: Any = None,
    ) -> requests.Response:
        """The response with its whole body read (response.content), or a PlatformError."""
        attempt = 0
        while True:
            started = self._clock()
            try:
                with headers_within(self._deadline()):
                    response = self.session.request(
                        method,
                        url,
                        params=params,
                        data=data,
                        json=json_body,
                        timeout=(min(limits.CONNECT_TIMEOUT, self.timeout), self.timeout),
                        allow_redirects=False,
                        stream=True,
                        **self._environment(url),
                    )
                if response.is_redirect:
                    response.close()
                    raise _redirected(response, url, function)
                if response.status_code >= 500 and not write and attempt < self.retries:
                    response.close()
                    attempt = self._pause(function, attempt, f"HTTP {response.status_code}")
                    continue
                self._read_body(response, function, started, write)
            except requests.exceptions.SSLError as exc:
                if "CERTIFICATE_VERIFY_FAILED" in str(exc):
                    log.warning("%s: certificate not trusted", function)
                    raise Unavailable(
                        "The site's certificate is not trusted. If your organisation uses "
                        "its own certificate authority, set REQUESTS_CA_BUNDLE to its "
                        "certificate file.",
                        code="sslerror",
                        function=function,
                    ) from None
                # No TLS on the other end (e.g. an http-only site asked over https).
                log.warning("%s: TLS handshake failed", function)
                raise Transient(
                    "Could not set up a secure connection to the site.",
                    code="tlsfailed",
                    function=function,
                ) from None
            except requests.ConnectionError as exc:
                if self._clock() - started >= self._deadline():
                    # The watchdog cut a site that sent its headers too slowly.
                    raise self._past_deadline(function, self._deadline(), write) from None
                before = _failed_before_send(exc)
                error = Transient(
                    "Cannot reach the site: check the address and your connection.",
                    code="connection",
                    function=function,
                    maybe_applied=write and not before,
                )
                if (before or not write) and attempt < self.retries:
                    attempt = self._pause(function, attempt, "connection")
                    continue
                log.warning("%s: connection failed (before send: %s)", function, before)
                raise error from None
            except (requests.Timeout, _BodyTimeout):
                error = Transient(
                    "The site did not answer in time.",
                    code="timeout",
                    function=function,
                    maybe_applied=write,
                )
                if not write and attempt < self.retries:
                    attempt = self._pause(function, attempt, "timeout")
                    continue
                log.warning("%s: timed out after %.1f s", function, self.timeout)
                raise error from None
            except (
                requests.exceptions.ChunkedEncodingError,
                requests.exceptions.ContentDecodingError,
                _BodyBroken,
            ):
                # The answer broke off midway: the site did get the request.
                error = Transient(
                    "The site's answer was cut off.",
                    code="brokenanswer",
                    function=function,
                    maybe_applied=write,
                )
                if not write and attempt < self.retries:
                    attempt = self._pause(function, attempt, "broken answer")
                    continue
                raise error from None
            except requests.RequestException as exc:  # InvalidURL, MissingSchema, ...
                raise InvalidInput(
                    f"The site address is not usable ({type(exc).__name__}).",
                    code="badurl",
                    function=function,
                ) from None
            elapsed = (self._clock() - started) * 1000
            log.debug("%s: HTTP %s in %.0f ms", function, response.status_code, elapsed)
            return response

    def _read_body(
        self, response: requests.Response, function: str, started: float, write: bool
    ) -> None:
        """Read the body piece by piece into response.content, within the deadline and cap.

        read1 returns whatever one read of the socket gives, so a site that trickles a
        byte at a time still hands control back here between bytes.
        """
        deadline = self._deadline()
        cap = limits.MAX_RESPONSE_BYTES if self.max_bytes is None else self.max_bytes
        try:
            declared = int(response.headers.get("Content-Length", "") or -1)
        except ValueError:
            declared = -1
        if declared > cap:
            response.close()
            raise _too_large(function, cap)
        body = bytearray()
        sock = getattr(getattr(response.raw, "connection", None), "sock", None)
        try:
            while True:
                remaining = started + deadline - self._clock()
                if remaining <= 0:
                    raise self._past_deadline(function, deadline, write)
                if sock is not None:
                    # A silent site is cut at the deadline too, not a read timeout later.
                    # (urllib3 sets the read timeout again for the connection's next request.)
                    sock.settimeout(min(self.timeout, remaining))
                # requests asks urllib3 not to decode: gzip and deflate are undone here.
                piece = response.raw.read1(_PIECE, decode_content=True)
                if not piece:
                    break
                body += piece
                if len(body) > cap:
                    raise _too_large(function, cap)
        except ReadTimeoutError:
            response.close()
            if self._clock() - started >= deadline:
                raise self._past_deadline(function, deadline, write) from None
            raise _BodyTimeout() from None
        except (Urllib3HTTPError, OSError):
            response.close()
            raise _BodyBroken() from None
        except PlatformError:
            response.close()  # drops the connection: the rest of the answer is not read
            raise
        response._content = bytes(body)  # what .content, .json() and .text read
        response._content_consumed = True
        response.raw.release_conn()

    def _environment(self, url: str) -> dict[str, Any]:
        """Proxies, CA bundle and client cert from the environment for the site of `url`.

        Resolved by requests' own merge_environment_settings at the session's first
        request to the site (so a REQUESTS_CA_BUNDLE set after import still counts),
        then reused.
        """
        origin = urlsplit(url)[:2]
        settings = self._resolved.get(origin)
        if settings is None:
            session = self.session
            session.trust_env = self._trust_env
            try:
                merged = session.merge_environment_settings(url, {}, None, None, None)
            finally:
                session.trust_env = False
            settings = {key: merged[key] for key in ("proxies", "verify", "cert")}
            self._resolved[origin] = settings
        return settings

    def _deadline(self) -> float:
        return limits.REQUEST_DEADLINE if self.deadline is None else self.deadline

    def _past_deadline(self, function: str, deadline: float, write: bool) -> Transient:
        log.warning("%s: no whole answer within %.0f s", function, deadline)
        return Transient(
            f"The site took longer than {deadline:.0f} seconds to answer; try again later.",
            code="deadline",
            function=function,
            maybe_applied=write,
        )

    def _pause(self, function: str, attempt: int, why: str) -> int:
        delay = self.backoff * (2**attempt)
        log.info("%s: %s, retry %d in %.1f s", function, why, attempt + 1, delay)
        if delay > 0:
            time.sleep(delay)
        return attempt + 1


def _too_large(function: str, cap: int) -> ResponseTooLarge:
    log.warning("%s: answer larger than %d bytes refused", function, cap)
    return ResponseTooLarge(
        f"The site's answer is larger than {cap // (1024 * 1024)} MB; the app does not read it.",
        code="toolarge",
        function=function,
    )


def _redirected(response: requests.Response, url: str, function: str) -> Redirected:
    """The redirect as an error naming its target (resolved against the request's URL)."""
    location = urljoin(response.url or url, response.headers.get("Location", ""))
    target = urlsplit(location)
    shown = f"{target.scheme}://{target.netloc}{target.path}"
    log.warning("%s: redirect (HTTP %s) not followed", function, response.status_code)
    return Redirected(
        f"The site sent the request on to another address ({shown}); the app does not "
        "follow it with your sign-in. If the site has moved, sign in with its new address.",
        location=location,
        function=function,
    )


def decode(response: requests.Response, function: str, *, write: bool = False) -> Any:
    """The JSON of a response, or the typed error its HTTP status means."""
    status = response.status_code
    if status == 403 and not response.content.strip():
        raise Unavailable(MSG_WS_OFF, code="http403", function=function)
    if status == 503:
        # Moodle's maintenance page: the site did nothing with the request.
        raise Transient(MSG_MAINTENANCE, code="http503", function=function)
    if status >= 500:
        raise Transient(
            f"The site had a server error (HTTP {status}). Try again later.",
            code=f"http{status}",
            function=function,
            maybe_applied=write,
        )
    if status == 404:
        raise NotMoodle(
            "The site answered 'page not found': check the site address.",
            code="http404",
            function=function,
        )
    if status == 400 and _HTTPS_PORT_PAGE in response.content:
        https = urlunsplit(("https",) + urlsplit(response.url)[1:3] + ("", ""))
        raise InvalidInput(
            f"This address answers only https; use {https}",
            code="httpsonly",
            function=function,
        )
    if status != 200:
        raise ProtocolError(
            f"The site answered with HTTP {status}.", code=f"http{status}", function=function
        )
    try:
        return json.loads(response.content)
    except RecursionError:
        # Nested deeper than Python's parser goes: no Moodle answer is; this call fails.
        raise ProtocolError(
            "The site's answer was nested too deeply to read.", code="toodeep", function=function
        ) from None
    except (ValueError, UnicodeDecodeError):
        kind = response.headers.get("Content-Type", "unknown").split(";")[0]
        raise ProtocolError(
            f"The site's answer was not JSON ({kind}).", code="notjson", function=function
        ) from None


def log_error(error: PlatformError) -> None:
    log.warning("%s failed: %s %s", error.function, type(error).__name__, error.code)
