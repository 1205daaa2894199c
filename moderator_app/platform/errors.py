"""Typed errors of the platform layer.

Lower layers raise these; only gui/ turns them into translated sentences. Each
carries a plain English `message` a moderator (or the CLI) can act on, the
platform's own code where there was one, and the function that failed.
"""

from __future__ import annotations


class PlatformError(Exception):
    """Base of every error a platform call may raise."""

    def __init__(self, message: str, *, code: str = "", function: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.code = code  # the platform's errorcode, e.g. "invalidtoken"
        self.function = function  # e.g. "mod_forum_get_forum_discussions"

    def __str__(self) -> str:
        where = f" ({self.function})" if self.function else ""
        return f"{self.message}{where}"


class AuthError(PlatformError):
    """Sign-in failed or the token is no longer valid: the user must sign in again."""


class PolicyNotAgreed(AuthError):
    """The user must accept the site policy in a browser before the site answers."""


class PermissionDenied(PlatformError):
    """Signed in, but not allowed to do this (capability, locked discussion, ...)."""


class NotFound(PlatformError):
    """The course, forum, discussion or post does not exist (any more)."""


class InvalidInput(PlatformError):
    """The platform refused the parameters (or we refused them before sending)."""


class Unavailable(PlatformError):
    """The site cannot serve this: web services off, mobile service off, plugin missing.

    Needs a site admin, not a retry.
    """


class Transient(PlatformError):
    """Network down, timeout, 5xx, maintenance: try again later.

    `maybe_applied` is True when a write reached the site but no answer came back:
    the outbox must check whether it took effect before sending it again.
    """

    def __init__(
        self, message: str, *, code: str = "", function: str = "", maybe_applied: bool = False
    ) -> None:
        super().__init__(message, code=code, function=function)
        self.maybe_applied = maybe_applied


class ProtocolError(PlatformError):
    """The answer made no sense: not JSON, an HTML page, a missing field. Our bug or not Moodle."""


class NotMoodle(ProtocolError):
    """The URL answers, but not like a Moodle site."""


class Redirected(ProtocolError):
    """The site answered with a redirect; requests carrying a password or token never follow one.

    `location` is the address it pointed to. `suggested_site` is the site address to
    offer the moderator instead, set only when the move is safe to offer (same host
    and port with another path, or the same host upgraded to https); empty otherwise.
    """

    def __init__(
        self,
        message: str,
        *,
        location: str,
        suggested_site: str = "",
        code: str = "redirect",
        function: str = "",
    ) -> None:
        super().__init__(message, code=code, function=function)
        self.location = location
        self.suggested_site = suggested_site


class ResponseTooLarge(ProtocolError):
    """The answer was larger than the client reads (limits.MAX_RESPONSE_BYTES); not buffered."""
