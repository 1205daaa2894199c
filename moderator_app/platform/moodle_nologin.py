"""What a Moodle site says before anyone signs in, and QR sign-in, the Moodle app's way.

Both go to lib/ajax/service-nologin.php (tool_mobile's functions marked
loginrequired=false): no token, no password. The public config says how the site
wants people to sign in (password in the app, the browser, identity providers) and
whether the Moodle app may use it at all; the dialog picks its form from it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import requests

from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    PermissionDenied,
    PlatformError,
    ProtocolError,
    Unavailable,
)
from moderator_app.platform.moodle_http import Transport, decode, log_error
from moderator_app.platform.moodle_site import (
    FN_PUBLIC_CONFIG,
    PUBLIC_CONFIG_PATH,
    normalise_url,
    public_config,
)

log = logging.getLogger(__name__)

FN_QR_TOKENS = "tool_mobile_get_tokens_for_qr_login"
# tool_mobile answers QR sign-in only to the Moodle app (core_useragent::is_moodle_app
# looks for this word in the User-Agent).
APP_USER_AGENT = "MoodleMobile ModeratorDesk"

# tool_mobile api::LOGIN_VIA_* and api::QR_CODE_*
LOGIN_VIA_APP = 1
LOGIN_VIA_BROWSER = 2
LOGIN_VIA_EMBEDDED_BROWSER = 3
QR_CODE_DISABLED = 0
QR_CODE_URL = 1
QR_CODE_LOGIN = 2


@dataclass(frozen=True)
class IdentityProvider:
    """A 'Log in using your account on' button of the site's login page."""

    name: str
    url: str
    icon_url: str = ""

    @property
    def oauth_id(self) -> int | None:
        """The OAuth 2 issuer id (auth/oauth2/login.php?id=N): launch.php's oauthsso."""
        from urllib.parse import parse_qs, urlsplit

        parts = urlsplit(self.url)
        if not parts.path.endswith("/auth/oauth2/login.php"):
            return None
        ids = parse_qs(parts.query).get("id", [])
        return int(ids[0]) if ids and ids[0].isdigit() else None


@dataclass(frozen=True)
class PublicConfig:
    """tool_mobile_get_public_config, typed: the site as its visitors see it."""

    site_url: str  # wwwroot
    https_url: str  # httpswwwroot (equal to wwwroot since Moodle 3.4)
    site_name: str
    logo_url: str
    type_of_login: int
    launch_url: str
    identity_providers: tuple[IdentityProvider, ...]
    qr_code_type: int
    web_services: bool
    mobile_service: bool
    maintenance: bool
    maintenance_message: str  # HTML, as the site formats it

    @property
    def password_in_app(self) -> bool:
        """The site lets the app ask for the password (tool_mobile 'via the app')."""
        return self.type_of_login == LOGIN_VIA_APP

    @property
    def qr_login(self) -> bool:
        """The profile page's QR code signs the app in (not only the site address)."""
        return self.qr_code_type == QR_CODE_LOGIN

    @property
    def usable(self) -> bool:
        return self.web_services and self.mobile_service


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def parse_public_config(data: Mapping[str, Any], base: str) -> PublicConfig:
    """Missing keys take Moodle's defaults (typeoflogin 1, services on, no QR)."""
    providers = []
    for entry in data.get("identityproviders") or []:
        if isinstance(entry, Mapping) and _str(entry.get("url")):
            providers.append(
                IdentityProvider(
                    name=_str(entry.get("name")) or _str(entry.get("url")),
                    url=_str(entry.get("url")),
                    icon_url=_str(entry.get("iconurl")),
                )
            )
    wwwroot = _str(data.get("wwwroot")) or base
    return PublicConfig(
        site_url=wwwroot,
        https_url=_str(data.get("httpswwwroot")) or wwwroot,
        site_name=_str(data.get("sitename")),
        logo_url=_str(data.get("logourl")) or _str(data.get("compactlogourl")),
        type_of_login=_int(data.get("typeoflogin"), LOGIN_VIA_APP),
        launch_url=_str(data.get("launchurl")) or f"{base}/admin/tool/mobile/launch.php",
        identity_providers=tuple(providers),
        qr_code_type=_int(data.get("tool_mobile_qrcodetype"), QR_CODE_DISABLED),
        web_services=_int(data.get("enablewebservices"), 1) != 0,
        mobile_service=_int(data.get("enablemobilewebservice"), 1) != 0,
        maintenance=_int(data.get("maintenanceenabled"), 0) != 0,
        maintenance_message=_str(data.get("maintenancemessage")),
    )


def read_public_config(
    site_url: str, *, session: requests.Session | None = None, timeout: float = 15.0
) -> PublicConfig:
    """The site's public config (after check_site found the site at `site_url`)."""
    base = normalise_url(site_url)
    transport = Transport(session, timeout=timeout, retries=1, backoff=0.0)
    config = parse_public_config(public_config(transport, base), base)
    log.info(
        "public config: login type %d, %d identity providers, qr %d",
        config.type_of_login,
        len(config.identity_providers),
        config.qr_code_type,
    )
    return config


@dataclass(frozen=True)
class AppTokens:
    token: str
    private_token: str = ""  # for tool_mobile_get_autologin_key; kept in the keyring


# tool_mobile's refusals of a QR sign-in, typed.
_QR_REFUSALS: dict[str, type[PlatformError]] = {
    "qrcodedisabled": Unavailable,
    "apprequired": Unavailable,
    "httpsrequired": Unavailable,
    "enablewsdescription": Unavailable,
    "servicenotavailable": Unavailable,
    "autologinnotallowedtoadmins": PermissionDenied,
    "invalidkey": AuthError,
    "expiredkey": AuthError,
    "ipmismatch": AuthError,
    "invalidparameter": InvalidInput,
}


def qr_login_tokens(
    site_url: str,
    qr_key: str,
    user_id: int,
    *,
    session: requests.Session | None = None,
    timeout: float = 15.0,
) -> AppTokens:
    """Trade a profile page's QR login key for the Moodle app's token (one use only)."""
    base = normalise_url(site_url)
    session = session if session is not None else requests.Session()
    session.headers["User-Agent"] = APP_USER_AGENT
    transport = Transport(session, timeout=timeout, retries=0, backoff=0.0)
    fn = FN_QR_TOKENS
    response = transport.request(
        "POST",
        f"{base}/{PUBLIC_CONFIG_PATH}",
        function=fn,
        params=[("info", fn)],
        json_body=[
            {"index": 0, "methodname": fn, "args": {"qrloginkey": qr_key, "userid": user_id}}
        ],
        write=True,  # the key is spent by the first request that arrives
    )
    body = decode(response, fn)
    answer = body[0] if isinstance(body, list) and body else None
    if isinstance(answer, Mapping) and answer.get("error"):
        exception = answer.get("exception")
        code = _str(exception.get("errorcode")) if isinstance(exception, Mapping) else ""
        message = _str(exception.get("message")) if isinstance(exception, Mapping) else ""
        error = _QR_REFUSALS.get(code, AuthError)(
            message or "The site refused the QR code.", code=code or "qrrefused", function=fn
        )
        log_error(error)
        raise error
    data = answer.get("data") if isinstance(answer, Mapping) else None
    token = data.get("token") if isinstance(data, Mapping) else None
    if not isinstance(token, str) or not token:
        raise ProtocolError(
            "The site's QR sign-in answer had no token.", code="badshape", function=fn
        )
    log.info("signed in with a QR code")
    return AppTokens(token=token, private_token=_str(data.get("privatetoken")))  # type: ignore[union-attr]


__all__ = [
    "FN_PUBLIC_CONFIG",
    "AppTokens",
    "IdentityProvider",
    "PublicConfig",
    "parse_public_config",
    "qr_login_tokens",
    "read_public_config",
]
