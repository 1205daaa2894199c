"""Signing in through the browser, as the Moodle app does on single sign-on sites.

The app opens the site's admin/tool/mobile/launch.php with a random passport; the
moderator signs in there however the site wants (SSO, OAuth, password); the site
then sends the browser to `moodlemobile://token=BASE64`, where the decoded value is
`md5(wwwroot + passport):::token[:::privatetoken]` (launch.php). The signature proves
the token came from the site we opened for this passport: a link from anywhere else,
another site's token or a replayed address is refused. Each passport is used once
and expires; pending passports live in memory only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlencode

import requests

from moderator_app.platform.errors import AuthError, InvalidInput
from moderator_app.platform.moodle_nologin import AppTokens, IdentityProvider, PublicConfig

if TYPE_CHECKING:
    from moderator_app.services.accounts import SignInResult

log = logging.getLogger(__name__)

URL_SCHEME = "moodlemobile"
SERVICE = "moodle_mobile_app"
PASSPORT_TTL = 15 * 60.0  # seconds a browser sign-in may take before it is refused


@dataclass(frozen=True)
class Pending:
    """One browser sign-in we started and wait for."""

    site_url: str  # the address we signed in to (normalised)
    config_site_url: str  # the site's own wwwroot (what launch.php hashes)
    passport: str
    started: float


def launch_url(
    config: PublicConfig, passport: str, provider: IdentityProvider | None = None
) -> str:
    """launch.php with the Moodle app's parameters; an OAuth 2 provider goes direct."""
    params = {"service": SERVICE, "passport": passport, "urlscheme": URL_SCHEME}
    oauth_id = provider.oauth_id if provider is not None else None
    if oauth_id is not None:
        params["oauthsso"] = str(oauth_id)
    return f"{config.launch_url}?{urlencode(params)}"


def _sites_hashed(site_url: str) -> set[str]:
    """The address as launch.php may have hashed it: the Moodle app accepts http and https."""
    base = site_url.rstrip("/")
    rest = base.split("://", 1)[-1]
    return {base, f"http://{rest}", f"https://{rest}"}


def parse_redirect(url: str) -> tuple[str, str, str]:
    """(signature, token, private token) from moodlemobile://token=... (as pasted)."""
    text = unquote(url.strip().strip("\"'<>"))
    marker = text.find("token=")
    if "://" not in text or marker == -1:
        raise InvalidInput(
            "That is not the address the site sends the app to (moodlemobile://token=…).",
            code="notssourl",
        )
    value = text[marker + len("token=") :].strip().rstrip("/")
    value = value.split("&", 1)[0].split("#", 1)[0]
    try:
        decoded = base64.b64decode(value + "=" * (-len(value) % 4), validate=False).decode("ascii")
    except (binascii.Error, UnicodeDecodeError):
        raise InvalidInput(
            "The sign-in address is damaged: copy it whole.", code="badssotoken"
        ) from None
    parts = decoded.split(":::")
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise InvalidInput("The sign-in address is damaged: copy it whole.", code="badssotoken")
    return parts[0], parts[1], parts[2] if len(parts) > 2 else ""


class BrowserSignIn:
    """Pending passports and the check of what comes back. Thread-safe; memory only."""

    def __init__(
        self, *, clock: Callable[[], float] = time.monotonic, ttl: float = PASSPORT_TTL
    ) -> None:
        self._clock = clock
        self._ttl = ttl
        self._pending: dict[str, Pending] = {}
        self._lock = threading.Lock()

    def start(self, site_url: str, config: PublicConfig) -> Pending:
        pending = Pending(
            site_url=site_url.rstrip("/"),
            config_site_url=config.site_url.rstrip("/"),
            passport=secrets.token_hex(16),
            started=self._clock(),
        )
        with self._lock:
            self._drop_expired()
            self._pending[pending.passport] = pending
        log.info("browser sign-in started")
        return pending

    def finish(self, redirect_url: str) -> tuple[Pending, AppTokens]:
        """The pending sign-in this address answers, and its tokens; the passport is spent.

        Refused (AuthError): a signature made for no pending passport (another site,
        a forged link, an address already used or expired).
        """
        signature, token, private_token = parse_redirect(redirect_url)
        with self._lock:
            self._drop_expired()
            for passport, pending in self._pending.items():
                sites = _sites_hashed(pending.site_url) | _sites_hashed(pending.config_site_url)
                if any(_md5(site + passport) == signature for site in sites):
                    del self._pending[passport]
                    break
            else:
                log.info("browser sign-in refused: the signature matches no pending sign-in")
                raise AuthError(
                    "This sign-in address was not made for a sign-in started here (or it "
                    "was used already or is too old). Start the browser sign-in again.",
                    code="ssosignature",
                )
        log.info("browser sign-in answered (private token: %s)", bool(private_token))
        return pending, AppTokens(token=token, private_token=private_token)

    def waiting(self) -> bool:
        with self._lock:
            self._drop_expired()
            return bool(self._pending)

    def _drop_expired(self) -> None:
        now = self._clock()
        for passport in [p for p, v in self._pending.items() if now - v.started > self._ttl]:
            del self._pending[passport]


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


# The app's one set of pending browser sign-ins (the dialog, the URL handler, the CLI).
browser_sign_ins = BrowserSignIn()


def finish_browser_sign_in(
    redirect_url: str,
    *,
    sign_ins: BrowserSignIn | None = None,
    session: requests.Session | None = None,
) -> SignInResult:
    """Check the address the browser was sent to and keep the sign-in it carries."""
    from moderator_app.services import accounts

    pending, tokens = (sign_ins or browser_sign_ins).finish(redirect_url)
    return accounts.keep_sign_in(pending.site_url, tokens, session=session)
