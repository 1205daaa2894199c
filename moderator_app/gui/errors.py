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


def _has(error: pe.PlatformError, *words: str) -> bool:
    haystack = f"{error.code} {error.message}".lower()
    return any(word in haystack for word in words)


def describe(error: BaseException) -> ErrorText:
    """What went wrong, said so a moderator knows what to do next."""
    url, creds, general = Field.URL, Field.CREDENTIALS, Field.GENERAL
    if isinstance(error, pe.NotMoodle):
        return ErrorText(
            url,
            QCoreApplication.translate(
                "errors",
                "This address does not lead to a Moodle site. Check the address, "
                "for example https://moodle.example.org.",
            ),
        )
    if isinstance(error, pe.PolicyNotAgreed):
        return ErrorText(
            general,
            QCoreApplication.translate(
                "errors",
                "The site wants you to accept its policy first. Sign in once in your "
                "browser, accept the policy, then try again here.",
            ),
        )
    if isinstance(error, pe.AuthError):
        if _has(error, "invalidtoken", "expired"):
            return ErrorText(
                general,
                QCoreApplication.translate(
                    "errors", "Your sign-in has expired. Please sign in again."
                ),
            )
        return ErrorText(
            creds, QCoreApplication.translate("errors", "The username or password is not right.")
        )
    if isinstance(error, pe.Unavailable):
        if error.code == "insecure":
            return ErrorText(
                url,
                QCoreApplication.translate(
                    "errors",
                    "This site only answers without encryption (http): your password would "
                    "travel unprotected. If you trust this network, type the address with "
                    "http:// in front.",
                ),
            )
        if error.code == "sslerror":
            return ErrorText(
                url,
                QCoreApplication.translate(
                    "errors",
                    "The site's certificate is not trusted by this computer. If your "
                    "organisation uses its own certificate authority, ask for its certificate "
                    "file and set REQUESTS_CA_BUNDLE to it before starting the app.",
                ),
            )
        if _has(error, "servicenotavailable", "mobile"):
            return ErrorText(
                url,
                QCoreApplication.translate(
                    "errors",
                    "This site does not allow the Moodle app. Ask the site's administrator "
                    "to enable web services for mobile devices.",
                ),
            )
        if _has(error, "plugin", "moderatordesk"):
            return ErrorText(
                general,
                QCoreApplication.translate(
                    "errors", "The Moderator Desk plugin is not installed on this site."
                ),
            )
        return ErrorText(
            url,
            QCoreApplication.translate(
                "errors",
                "Web services are switched off on this site. Ask the site's administrator "
                "to enable them.",
            ),
        )
    if isinstance(error, pe.Transient):
        if _has(error, "maintenance"):
            return ErrorText(
                url,
                QCoreApplication.translate(
                    "errors", "The site is down for maintenance. Please try again later."
                ),
            )
        return ErrorText(
            url,
            QCoreApplication.translate(
                "errors",
                "The site cannot be reached. Check the address and your internet "
                "connection, then try again.",
            ),
        )
    if isinstance(error, pe.InvalidInput):
        if _has(error, "sslonly", "https"):
            return ErrorText(
                url,
                QCoreApplication.translate(
                    "errors", "This site only accepts secure connections: use an https:// address."
                ),
            )
        if _has(error, "requirecorrectaccess", "wwwroot"):
            return ErrorText(
                url,
                QCoreApplication.translate(
                    "errors", "Use the site's own address, exactly as it appears in your browser."
                ),
            )
        return ErrorText(
            general,
            QCoreApplication.translate("errors", "The site refused the request: %1").replace(
                "%1", error.message
            ),
        )
    if isinstance(error, pe.PermissionDenied):
        return ErrorText(
            general,
            QCoreApplication.translate("errors", "You are not allowed to do this on this site."),
        )
    if isinstance(error, pe.NotFound):
        return ErrorText(
            general, QCoreApplication.translate("errors", "This item no longer exists on the site.")
        )
    if isinstance(error, pe.ProtocolError):
        return ErrorText(
            url,
            QCoreApplication.translate(
                "errors", "The site answered in a way Moderator Desk does not understand."
            ),
        )
    return ErrorText(
        general,
        QCoreApplication.translate(
            "errors", "Something unexpected went wrong. The details are in the log file."
        ),
    )
