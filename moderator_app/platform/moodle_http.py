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
from collections.abc import Mapping, Sequence
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError

from moderator_app.platform.errors import (
    InvalidInput,
    NotMoodle,
    PlatformError,
    ProtocolError,
    Transient,
    Unavailable,
)
from moderator_app.platform.moodle_errors import MSG_MAINTENANCE, MSG_WS_OFF

log = logging.getLogger(__name__)

FormPairs = list[tuple[str, str]]


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


class Transport:
    """One requests.Session, a timeout on every call, the retry rules."""

    def __init__(
        self,
        session: requests.Session | None,
        *,
        timeout: float,
        retries: int,
        backoff: float,
    ) -> None:
        self.session = session if session is not None else requests.Session()
        self.timeout = timeout
        self.retries = max(0, retries)
        self.backoff = backoff

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
    ) -> requests.Response:
        attempt = 0
        while True:
            started = time.monotonic()
            try:
                response = self.session.request(
                    method, url, params=params, data=data, timeout=self.timeout
                )
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
            except requests.Timeout:
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
            except requests.exceptions.TooManyRedirects:
                raise ProtocolError(
                    "The site keeps redirecting: check the site address.",
                    code="redirects",
                    function=function,
                ) from None
            except requests.RequestException as exc:  # InvalidURL, MissingSchema, ...
                raise InvalidInput(
                    f"The site address is not usable ({type(exc).__name__}).",
                    code="badurl",
                    function=function,
                ) from None
            elapsed = (time.monotonic() - started) * 1000
            log.debug("%s: HTTP %s in %.0f ms", function, response.status_code, elapsed)
            if response.status_code >= 500 and not write and attempt < self.retries:
                attempt = self._pause(function, attempt, f"HTTP {response.status_code}")
                continue
            return response

    def _pause(self, function: str, attempt: int, why: str) -> int:
        delay = self.backoff * (2**attempt)
        log.info("%s: %s, retry %d in %.1f s", function, why, attempt + 1, delay)
        if delay > 0:
            time.sleep(delay)
        return attempt + 1


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
    if status != 200:
        raise ProtocolError(
            f"The site answered with HTTP {status}.", code=f"http{status}", function=function
        )
    try:
        return json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        kind = response.headers.get("Content-Type", "unknown").split(";")[0]
        raise ProtocolError(
            f"The site's answer was not JSON ({kind}).", code="notjson", function=function
        ) from None


def log_error(error: PlatformError) -> None:
    log.warning("%s failed: %s %s", error.function, type(error).__name__, error.code)
