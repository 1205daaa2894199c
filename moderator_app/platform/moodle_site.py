"""Before a token exists: is this URL a Moodle site, and trade a password for a token.

The password goes in one POST body and is never logged, kept or put in an error.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import requests

from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    NotMoodle,
    PlatformError,
    ProtocolError,
    Redirected,
    Transient,
    Unavailable,
)
from moderator_app.platform.moodle_errors import (
    MSG_MAINTENANCE,
    MSG_MOBILE_OFF,
    MSG_WS_OFF,
    login_error,
)
from moderator_app.platform.moodle_http import Transport, decode, log_error
from moderator_app.platform.types import LoginResult, SiteCheck

log = logging.getLogger(__name__)

MOBILE_SERVICE = "moodle_mobile_app"
TOKEN_PATH = "login/token.php"
FN_SITECHECK = "login/token.php?appsitecheck"
FN_LOGIN = "login/token.php"
PUBLIC_CONFIG_PATH = "lib/ajax/service-nologin.php"
FN_PUBLIC_CONFIG = "tool_mobile_get_public_config"

# Pages people copy from the address bar; the site's base is what comes before them.
_PAGE_MARKERS = (
    "/login/",
    "/my/",
    "/course/",
    "/mod/",
    "/admin/",
    "/user/",
    "/webservice/",
    "/index.php",
    "/blocks/",
    "/calendar/",
    "/message/",
    "/grade/",
    "/local/",
)


def normalise_url(url: str) -> str:
    """A site URL without query, fragment, page path or trailing slash."""
    text = url.strip()
    if not text:
        raise NotMoodle("Enter the address of your Moodle site.", code="emptyurl")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise NotMoodle("That is not a web address.", code="badurl")
    path = parts.path
    for marker in _PAGE_MARKERS:
        cut = (path + "/").find(marker) if marker.endswith("/") else path.find(marker)
        if cut != -1:
            path = path[:cut]
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path.rstrip("/"), "", ""))


def _candidates(url: str) -> list[str]:
    """https first when the user gave no scheme, then http."""
    base = normalise_url(url)
    if "://" in url.strip():
        return [base]
    return [base, "http://" + base.removeprefix("https://")]


# Redirects followed while looking for the site (GET, nothing secret in them).
MAX_SITE_HOPS = 5


def check_site(
    url: str, *, session: requests.Session | None = None, timeout: float = 15.0
) -> SiteCheck:
    """Probe login/token.php?appsitecheck=1 at the typed address.

    When the site answers elsewhere (http to https, a moved path like /moodle), it is
    not used silently: Redirected carries the address to offer the moderator
    (`suggested_site`), and the password goes nowhere until they choose it. A move
    to another host or from https to http is refused with its address named.
    """
    transport = Transport(session, timeout=timeout, retries=1, backoff=0.0)
    candidates = _candidates(url)
    last: PlatformError | None = None
    for base in candidates:
        try:
            found = _probe(transport, base)
        except Transient as exc:  # nothing answered: maybe http works
            last = exc
            if exc.code not in {"connection", "timeout", "tlsfailed"}:
                raise
            continue
        if base != candidates[0] and not _is_loopback(found.url):
            # Only plain http answered. Signing in would send the password unencrypted,
            # so that takes the user's explicit "http://", never a silent downgrade.
            raise Unavailable(
                "This site only answers without encryption (http): your password would "
                "travel unprotected. If you trust this network, type the address with "
                "http:// in front.",
                code="insecure",
                function=FN_SITECHECK,
            )
        return found
    assert last is not None
    raise last


def _is_loopback(url: str) -> bool:
    """This computer (a local test site): no network to protect the password from."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def site_of(location: str) -> str:
    """The site base an address points into (its page path and query cut off)."""
    return normalise_url(location)


def is_safe_move(base: str, target: str) -> bool:
    """Same scheme, host and port with another path, or the same host upgraded to https.

    Anything else (another host, https to http) is never taken without the user.
    """
    old, new = urlsplit(base), urlsplit(target)
    if (old.hostname or "").lower() != (new.hostname or "").lower() or not new.hostname:
        return False
    if old.scheme == new.scheme:
        return old.port == new.port
    return old.scheme == "http" and new.scheme == "https"


def offer_move(moved: Redirected, base: str) -> Redirected:
    """The redirect worded for the moderator, with its target offered when it is safe."""
    target = site_of(moved.location)
    if is_safe_move(base, target):
        return Redirected(
            f"The site moved to {target}; sign in with that address.",
            location=moved.location,
            suggested_site=target,
            code="sitemoved",
            function=moved.function,
        )
    return Redirected(
        f"This address sends you on to {target}, which is not the same site. Check the "
        "address; if that is your Moodle site, type its address yourself.",
        location=moved.location,
        code="redirectelsewhere",
        function=moved.function,
    )


def _probe(transport: Transport, base: str) -> SiteCheck:
    """Follow the site's own redirects (safe ones only); offer where they end."""
    current = base
    for _ in range(MAX_SITE_HOPS):
        try:
            found = _probe_once(transport, current)
        except Redirected as moved:
            offered = offer_move(moved, current)
            if not offered.suggested_site or offered.suggested_site == current:
                raise offered from None
            current = offered.suggested_site
            continue
        except InvalidInput as exc:
            if exc.code == "httpsonly":
                raise _https_only(current) from None
            raise
        if current != base:
            log.info("site check: the site answers at another address")
            raise Redirected(
                f"The site moved to {current}; sign in with that address.",
                location=f"{current}/{TOKEN_PATH}",
                suggested_site=current,
                code="sitemoved",
                function=FN_SITECHECK,
            )
        return found
    raise ProtocolError(
        "The site keeps redirecting: check the site address.",
        code="redirects",
        function=FN_SITECHECK,
    )


def _https_only(base: str) -> Redirected:
    """nginx's 'plain HTTP request was sent to HTTPS port': offer the https address."""
    https = urlunsplit(("https",) + urlsplit(base)[1:])
    return Redirected(
        f"This address answers only https; use {https}",
        location=https,
        suggested_site=https,
        code="httpsonly",
        function=FN_SITECHECK,
    )


def _probe_once(transport: Transport, base: str) -> SiteCheck:
    response = transport.request(
        "GET", f"{base}/{TOKEN_PATH}", function=FN_SITECHECK, params=[("appsitecheck", "1")]
    )
    body = _decode(response, FN_SITECHECK)
    if isinstance(body, Mapping) and body.get("appsitecheck") == "ok":
        log.info("site check ok")
        return SiteCheck(url=base, is_moodle=True)
    if isinstance(body, Mapping) and "errorcode" in body and "error" in body:
        error = login_error(body, FN_SITECHECK)
        log_error(error)
        raise error
    raise NotMoodle(
        "This address does not look like a Moodle site.",
        code="notmoodle",
        function=FN_SITECHECK,
    )


def _decode(response: requests.Response, function: str) -> Any:
    """token.php always answers JSON: anything else is not Moodle."""
    try:
        return decode(response, function)
    except NotMoodle:
        raise
    except ProtocolError as exc:
        if exc.code == "notjson":
            raise NotMoodle(
                "This address does not look like a Moodle site.",
                code="notmoodle",
                function=function,
            ) from None
        raise


def login(
    site_url: str,
    username: str,
    password: str,
    *,
    session: requests.Session | None = None,
    timeout: float = 15.0,
) -> LoginResult:
    """POST login/token.php for the Moodle app's service; only the token is kept."""
    base = normalise_url(site_url)
    transport = Transport(session, timeout=timeout, retries=1, backoff=0.0)
    try:
        response = transport.post(
            f"{base}/{TOKEN_PATH}",
            function=FN_LOGIN,
            data=[
                ("username", username.strip()),
                ("password", password),
                ("service", MOBILE_SERVICE),
            ],
            # Like a write: the password is re-sent only when the connection never came up.
            write=True,
        )
        body = _decode(response, FN_LOGIN)
    except Redirected as moved:
        # Not followed: a 307/308 would carry the password to wherever it points.
        raise offer_move(moved, base) from None
    except InvalidInput as exc:
        if exc.code == "httpsonly":
            raise _https_only(base) from None
        raise
    if isinstance(body, Mapping):
        token = body.get("token")
        if isinstance(token, str) and token:
            log.info("signed in")
            return LoginResult(token=token)
        if "errorcode" in body:
            error = login_error(body, FN_LOGIN)
            log_error(error)
            raise error
    raise NotMoodle(
        "The site's sign-in answer was not what Moodle sends.",
        code="notmoodle",
        function=FN_LOGIN,
    )


def public_config(transport: Transport, base: str) -> Mapping[str, Any]:
    """tool_mobile_get_public_config, asked as the Moodle app asks it before signing in
    (lib/ajax/service-nologin.php: no token, nothing secret sent)."""
    fn = FN_PUBLIC_CONFIG
    response = transport.request(
        "POST",
        f"{base}/{PUBLIC_CONFIG_PATH}",
        function=fn,
        params=[("info", fn)],
        json_body=[{"index": 0, "methodname": fn, "args": {}}],
    )
    body = decode(response, fn)
    answer = body[0] if isinstance(body, list) and body else None
    data = answer.get("data") if isinstance(answer, Mapping) else None
    if not isinstance(data, Mapping) or answer.get("error"):  # type: ignore[union-attr]
        raise ProtocolError(
            "The site's public settings were not readable.", code="badshape", function=fn
        )
    return data


def explain_refusal(error: PlatformError, base: str, transport: Transport) -> PlatformError:
    """The error to raise for a refused call, told apart where Moodle does not.

    Moodle answers `accessexception` (no debuginfo on a production site) both for an
    expired token and for a site whose admin switched the Moodle app off; only the
    first is cured by signing in again. The site's public settings say which.
    """
    if not (isinstance(error, AuthError) and error.code == "accessexception"):
        return error
    try:
        config = public_config(transport, base)
    except PlatformError as exc:
        log.info("public config not readable (%s): the refusal stays as it is", exc.code)
        return error
    if config.get("enablewebservices") == 0:
        return Unavailable(MSG_WS_OFF, code="webservicesoff", function=error.function)
    if config.get("enablemobilewebservice") == 0:
        return Unavailable(MSG_MOBILE_OFF, code="mobileserviceoff", function=error.function)
    if config.get("maintenanceenabled") == 1:
        return Transient(MSG_MAINTENANCE, code="sitemaintenance", function=error.function)
    return error
