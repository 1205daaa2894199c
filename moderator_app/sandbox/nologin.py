"""What the sandbox answers before sign-in, beyond token.php: tool_mobile's public
config (lib/ajax/service-nologin.php) and admin/tool/mobile/launch.php.

The sandbox has no login page: its launch.php treats `browser_user` as signed in to
the browser (the demo moderator by default) and redirects as Moodle 4.2 does, to
`moodlemobile://token=base64(md5(wwwroot . passport) ':::' token ':::' privatetoken)`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import TYPE_CHECKING, Any

from moderator_app.sandbox.state import hash_token

if TYPE_CHECKING:
    from moderator_app.sandbox.server import SiteApp

FN_PUBLIC_CONFIG = "tool_mobile_get_public_config"
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9-+.]*$")  # launch.php's urlscheme check


def public_config(app: SiteApp) -> dict[str, Any]:
    """The keys the app reads, as the lab's Moodle 4.2.3 answers them."""
    from moderator_app.sandbox.server import SiteMode

    return {
        "wwwroot": app.site_url,
        "httpswwwroot": app.site_url,
        "sitename": "Moderator Desk sandbox",
        "enablewebservices": 0 if app.mode is SiteMode.WEBSERVICES_OFF else 1,
        "enablemobilewebservice": 0 if app.mode is SiteMode.MOBILE_SERVICE_OFF else 1,
        "maintenanceenabled": 1 if app.mode is SiteMode.MAINTENANCE else 0,
        "maintenancemessage": "",
        "typeoflogin": app.type_of_login,
        "launchurl": f"{app.site_url}/admin/tool/mobile/launch.php",
        "tool_mobile_qrcodetype": 0,
        "warnings": [],
    }


def nologin(app: SiteApp, body: str) -> Any:
    """The ajax answer: a list with one result per call, errors inside it."""
    try:
        calls = json.loads(body)
    except ValueError:
        calls = None
    if not isinstance(calls, list):
        return {"error": "Invalid json in request: Syntax error", "errorcode": "invalidjson"}
    answers = []
    for call in calls:
        if isinstance(call, dict) and call.get("methodname") == FN_PUBLIC_CONFIG:
            answers.append({"error": False, "data": public_config(app)})
        else:
            answers.append(
                {
                    "error": True,
                    "exception": {
                        "message": "Web service is not available.",
                        "errorcode": "servicenotavailable",
                    },
                }
            )
    return answers


def launch_location(app: SiteApp, params: dict[str, str]) -> str | None:
    """Where launch.php sends the browser, or None when it refuses (an error page)."""
    scheme = params.get("urlscheme", "moodlemobile")
    passport = params.get("passport")
    if passport is None or params.get("service") != "moodle_mobile_app":
        return None
    if not _SCHEME.match(scheme) or app.type_of_login == 1:
        return None  # Moodle: pluginnotenabledorconfigured without a fresh login
    try:
        user_id = app.state.user_id(app.browser_user)
    except KeyError:
        return None
    token = app.state.issue_token(user_id)
    signature = hashlib.md5((app.site_url + passport).encode(), usedforsecurity=False)
    value = f"{signature.hexdigest()}:::{token}:::{hash_token(token + 'private')[:32]}"
    return f"{scheme}://token={base64.b64encode(value.encode()).decode()}"
