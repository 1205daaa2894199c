"""Typed errors in plain, translated words: the only place that words them for people.

Lower layers raise the typed errors of platform/errors.py (with English messages for
logs and the CLI); the GUI shows `describe(error).text`, next to the field the error
concerns (`describe(error).field`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from moderator_app.platform import errors as pe


class Field(enum.Enum):
    URL = "url"  # the site address
    CREDENTIALS = "credentials"  # username or password
    GENERAL = "general"  # nothing the user typed: shown under the form


@dataclass(frozen=True)
class ErrorText:
    field: Field
    text: str


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def _has(error: pe.PlatformError, *words: str) -> bool:
    haystack = f"{error.code} {error.message}".lower()
    return any(word in haystack for word in words)


def describe(error: BaseException) -> ErrorText:
    """What went wrong, said so a moderator knows what to do next."""
    url, creds, general = Field.URL, Field.CREDENTIALS, Field.GENERAL
    if isinstance(error, pe.NotMoodle):
        return ErrorText(
            url,
            _tr(
                "This address does not lead to a Moodle site. Check the address, "
                "for example https://moodle.example.org."
            ),
        )
    if isinstance(error, pe.PolicyNotAgreed):
        return ErrorText(
            general,
            _tr(
                "The site wants you to accept its policy first. Sign in once in your "
                "browser, accept the policy, then try again here."
            ),
        )
    if isinstance(error, pe.AuthError):
        if _has(error, "invalidtoken", "expired"):
            return ErrorText(general, _tr("Your sign-in has expired. Please sign in again."))
        return ErrorText(creds, _tr("The username or password is not right."))
    if isinstance(error, pe.Unavailable):
        if _has(error, "servicenotavailable", "mobile"):
            return ErrorText(
                url,
                _tr(
                    "This site does not allow the Moodle app. Ask the site's administrator "
                    "to enable web services for mobile devices."
                ),
            )
        if _has(error, "plugin", "moderatordesk"):
            return ErrorText(
                general,
                _tr("The Moderator Desk plugin is not installed on this site."),
            )
        return ErrorText(
            url,
            _tr(
                "Web services are switched off on this site. Ask the site's administrator "
                "to enable them."
            ),
        )
    if isinstance(error, pe.Transient):
        if _has(error, "maintenance"):
            return ErrorText(url, _tr("The site is down for maintenance. Please try again later."))
        return ErrorText(
            url,
            _tr(
                "The site cannot be reached. Check the address and your internet "
                "connection, then try again."
            ),
        )
    if isinstance(error, pe.InvalidInput):
        if _has(error, "sslonly", "https"):
            return ErrorText(
                url, _tr("This site only accepts secure connections: use an https:// address.")
            )
        if _has(error, "requirecorrectaccess", "wwwroot"):
            return ErrorText(
                url,
                _tr("Use the site's own address, exactly as it appears in your browser."),
            )
        return ErrorText(
            general, _tr("The site refused the request: %1").replace("%1", error.message)
        )
    if isinstance(error, pe.PermissionDenied):
        return ErrorText(general, _tr("You are not allowed to do this on this site."))
    if isinstance(error, pe.NotFound):
        return ErrorText(general, _tr("This item no longer exists on the site."))
    if isinstance(error, pe.ProtocolError):
        return ErrorText(
            url,
            _tr("The site answered in a way Moderator Desk does not understand."),
        )
    return ErrorText(
        general,
        _tr("Something unexpected went wrong. The details are in the log file."),
    )
