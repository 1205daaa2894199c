"""Moodle's error answers -> the typed errors of platform/errors.py.

Moodle reports most failures as HTTP 200 with a JSON object: `exception`,
`errorcode`, `message` (REST) or `error`, `errorcode` (login/token.php). The
mapping lives here, apart from the transport, so it can be read as one table.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from moderator_app.platform.base import PLUGIN_PREFIX
from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PlatformError,
    PolicyNotAgreed,
    ProtocolError,
    Transient,
    Unavailable,
)

MSG_POLICY = "Accept the site policy in your browser first, then try again."
MSG_PLUGIN_MISSING = (
    "The Moderator Desk plugin is not installed on this site: an admin must install "
    "local_moderatordesk (or update it) for this."
)
MSG_FUNCTION_MISSING = "The site does not offer this function to the Moodle app."
MSG_MOBILE_OFF = (
    "The site does not allow the Moodle app: an admin must enable web services for mobile devices."
)
MSG_WS_OFF = "Web services are switched off on this site: an admin must enable them."
MSG_MAINTENANCE = "The site is in maintenance mode. Try again later."
MSG_SIGN_IN_AGAIN = "Your sign-in is no longer valid: sign in again."

# REST error codes that mean "signed in, but not allowed".
_PERMISSION = frozenset(
    {
        "nopermissions",
        "requireloginerror",
        "errorcannotlock",
        "cannotdeletepost",
        "nopostforum",
        "cannotpindiscussions",
        "cannotcreatediscussion",
        "noviewdiscussionspermission",
        "restrictedcontextexception",
        "missingrequiredcapability",
        "couldnotdeleteratings",
        "couldnotdeletereplies",
        "cannotupdatepost",
        "errorcoursecontextnotvalid",  # when it does not name the policy
        "notopenyet",
        "expired",
    }
)
_NOT_FOUND = frozenset(
    {
        "invalidpostid",
        "invalidparentpostid",
        "notpartofdiscussion",
        "invalidforumid",
        "invalidcourseid",
        "invalidcoursemodule",
        "invaliduser",
        "invalidrecord",
        "invalidrecordunknown",
    }
)
_INVALID = frozenset({"invalidparameter", "errorinvalidparam", "missingparam"})
_AUTH = frozenset(
    {
        "invalidtoken",
        "wsaccessuserdeleted",
        "wsaccessuserunconfirmed",
        "wsaccessusersuspended",
        "wsaccessusernologin",
        "wsaccessuserexpired",
    }
)


# The companion plugin's own codes (moodle/local_moderatordesk/CONTRACT.md), in words
# for logs and the CLI; the GUI words them from the code (gui/errors.py).
_PLUGIN_INVALID = {
    "sitecourse": "The site's front page cannot hold this: choose a course.",
    "nosuchsection": "The course has no section with that number.",
    "closebeforeopen": "The poll closes before it opens.",
    "limitzero": "With limited answers every option needs room for at least one answer.",
}
_PLUGIN_UNAVAILABLE = {
    "choicedisabled": "The Choice activity is switched off on this site: an admin must enable it.",
    "nottoolpolicy": (
        "The site does not manage its policies with tool_policy, so policy acceptances "
        "cannot be read."
    ),
}
MSG_BUSY = "The site was busy with the same poll or discussion. Try again shortly."
MSG_CLIENTREF_DELETED = (
    "The poll made for this draft was deleted on the site; it is not made again."
)


def _plugin_error(code: str, message: str, function: str) -> PlatformError | None:
    if code == "busy":
        return Transient(MSG_BUSY, code=code, function=function)
    if code == "clientrefdeleted":
        # Deleted on purpose by a teacher: the outbox needs the moderator, not a retry.
        return NotFound(MSG_CLIENTREF_DELETED, code=code, function=function)
    if code in _PLUGIN_INVALID:
        return InvalidInput(_PLUGIN_INVALID[code], code=code, function=function)
    if code in _PLUGIN_UNAVAILABLE:
        # nottoolpolicy's message names the handler: keep it for the log.
        text = _PLUGIN_UNAVAILABLE[code]
        return Unavailable(f"{text} ({message})" if message else text, code=code, function=function)
    if code == "notyourgroup":
        return PermissionDenied(message or "Not in that group.", code=code, function=function)
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def is_rest_error(body: Any) -> bool:
    return isinstance(body, Mapping) and "exception" in body


def rest_error(
    body: Mapping[str, Any], function: str, known_functions: Collection[str] | None
) -> PlatformError:
    """The typed error for a REST answer that carries an `exception` key."""
    code = _text(body.get("errorcode"))
    message = _text(body.get("message"))
    debug = _text(body.get("debuginfo"))
    detail = f"{message} {debug}".lower()

    if code == "sitepolicynotagreed" or (
        code in {"errorcoursecontextnotvalid", "requireloginerror"} and "policy" in detail
    ):
        return PolicyNotAgreed(MSG_POLICY, code=code, function=function)
    if code in _AUTH:
        return AuthError(MSG_SIGN_IN_AGAIN, code=code, function=function)
    if code == "accessexception":
        return _access_exception(debug, function, known_functions)
    plugin = _plugin_error(code, message, function)
    if plugin is not None:
        return plugin
    if code == "invalidrecord" and "external_functions" in detail:
        ours = function.startswith(PLUGIN_PREFIX)
        text = MSG_PLUGIN_MISSING if ours else MSG_FUNCTION_MISSING
        return Unavailable(text, code=code, function=function)
    if code == "sitemaintenance":
        return Transient(MSG_MAINTENANCE, code=code, function=function)
    if code == "disabled":
        return Unavailable(
            message or "This feature is disabled on the site.", code=code, function=function
        )
    if code in _PERMISSION:
        return PermissionDenied(message or "Not allowed.", code=code, function=function)
    if code in _NOT_FOUND or code.startswith("Unable to find"):
        # mod_forum_get_forum_discussions uses the English sentence as its errorcode.
        return NotFound(message or code, code=code, function=function)
    if code in _INVALID:
        return InvalidInput(
            message or "The site refused the parameters.", code=code, function=function
        )
    if code == "invalidresponse":
        return ProtocolError(
            message or "The site sent an invalid response.", code=code, function=function
        )
    if not code and "on null" in detail:
        # A PHP error on a missing record (e.g. an unknown discussion id) has no errorcode.
        return NotFound("Not found (it may have been deleted).", function=function)
    return PlatformError(
        message or code or "The site reported an error.", code=code, function=function
    )


def _access_exception(
    debug: str, function: str, known_functions: Collection[str] | None
) -> PlatformError:
    """accessexception covers an expired token and a function outside the service.

    debuginfo tells them apart when the site shows it; otherwise the function list
    from the last site info does.
    """
    low = debug.lower()
    code = "accessexception"
    if "access to the function" in low:
        return Unavailable(MSG_FUNCTION_MISSING, code=code, function=function)
    if "token" in low:
        return AuthError(MSG_SIGN_IN_AGAIN, code=code, function=function)
    if known_functions is not None and function not in known_functions:
        return Unavailable(MSG_FUNCTION_MISSING, code=code, function=function)
    return AuthError(
        "The site refused access: your sign-in may have expired or the site no longer "
        "allows the Moodle app. Sign in again.",
        code=code,
        function=function,
    )


# login/token.php errors: {"error": ..., "errorcode": ...}
_LOGIN_AUTH_MESSAGES = {
    "invalidlogin": "Wrong username or password (or the account is suspended or locked).",
    "noguest": "The guest account cannot sign in here.",
    "usernotconfirmed": "This account is not confirmed yet: finish the sign-up in a browser.",
    "passwordisexpired": "Your password has expired: change it in a browser first.",
    "restoredaccountresetpassword": "Reset your password in a browser first.",
    "forcepasswordchangenotice": "Change your password in a browser first.",
    "usernotfullysetup": "Finish setting up your profile in a browser first.",
}


def login_error(body: Mapping[str, Any], function: str) -> PlatformError:
    code = _text(body.get("errorcode"))
    message = _text(body.get("error"))
    if code in _LOGIN_AUTH_MESSAGES:
        return AuthError(_LOGIN_AUTH_MESSAGES[code], code=code, function=function)
    if code == "servicenotavailable":
        return Unavailable(MSG_MOBILE_OFF, code=code, function=function)
    if code == "enablewsdescription":
        return Unavailable(MSG_WS_OFF, code=code, function=function)
    if code == "sitemaintenance":
        return Transient(MSG_MAINTENANCE, code=code, function=function)
    if code == "sslonlyaccess":
        return InvalidInput(
            "This site only accepts https: use its https:// address.",
            code=code,
            function=function,
        )
    if code == "requirecorrectaccess":
        return InvalidInput(
            "Use the site's exact address (the one in your browser's address bar when "
            "you are signed in).",
            code=code,
            function=function,
        )
    if code in {
        "cannotcreatetoken",
        "usernotallowed",
        "missingrequiredcapability",
        "invalidtimedtoken",
        "invalidiptoken",
    }:
        return PermissionDenied(
            "The site does not let this account use the Moodle app: ask an admin.",
            code=code,
            function=function,
        )
    return AuthError(message or code or "Sign-in failed.", code=code, function=function)
