"""Links to the site that arrive signed in, as the Moodle app opens them.

Where the site gave a private token at sign-in (browser or QR sign-in on https, not
for site admins), tool_mobile_get_autologin_key trades it for a one-use key valid
for a minute, and admin/tool/mobile/autologin.php signs the browser in and goes on
to the page. The site allows one key per user every 6 minutes (autologinmintimebetweenreq),
so, like the Moodle app, a link asked for sooner is the plain link, and so is any
refusal: the moderator then signs in on the page as usual. The key is never logged.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from urllib.parse import urlencode

import requests

from moderator_app.credentials import TokenStore, private_token_key
from moderator_app.platform.errors import PlatformError
from moderator_app.platform.moodle import MoodleClient, normalise_url
from moderator_app.platform.moodle_nologin import APP_USER_AGENT

log = logging.getLogger(__name__)

FN_AUTOLOGIN_KEY = "tool_mobile_get_autologin_key"
MIN_WAIT = 6 * 60.0  # tool_mobile's default time between two keys for one user

_last_asked: dict[str, float] = {}  # account key -> when a key was last asked
_lock = threading.Lock()


def signed_in_link(
    site_url: str,
    account_key: str,
    user_id: int,
    url: str,
    *,
    session: requests.Session | None = None,
    clock: Callable[[], float] = time.time,
) -> str:
    """`url` through autologin.php when the site allows it now, else `url` itself."""
    base = normalise_url(site_url)
    if not url.startswith(base + "/"):
        return url  # another site's page: its own sign-in
    store = TokenStore()
    token = store.load(account_key)
    private = store.load(private_token_key(account_key))
    if not token or not private:
        return url
    with _lock:
        now = clock()
        last = _last_asked.get(account_key)
        if last is not None and now - last < MIN_WAIT:
            return url
        _last_asked[account_key] = now
    session = session if session is not None else requests.Session()
    session.headers["User-Agent"] = APP_USER_AGENT  # tool_mobile answers only the app
    try:
        answer = MoodleClient(base, token, session=session).call(
            FN_AUTOLOGIN_KEY, {"privatetoken": private}, write=True
        )
    except PlatformError as exc:
        log.info("signed-in link refused (%s): the plain link is used", exc.code)
        return url
    key = answer.get("key") if isinstance(answer, dict) else None
    autologin = answer.get("autologinurl") if isinstance(answer, dict) else None
    if not isinstance(key, str) or not isinstance(autologin, str) or not key:
        return url
    return f"{autologin}?{urlencode({'userid': user_id, 'key': key, 'urltogo': url})}"


def forget_requests() -> None:
    """Forget when keys were asked (a restart does the same)."""
    with _lock:
        _last_asked.clear()
