"""Typed errors in plain, translated words: the only place that words them for people.

Lower layers raise the typed errors of platform/errors.py (with English messages for
logs and the CLI); the GUI shows `describe(error).text`, next to the field the error
concerns (`describe(error).field`). The store's errors (store/errors.py: a damaged or
newer database, a read-only folder, an account open elsewhere) are worded by
`describe_store` and `already_open_text`.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication

from moderator_app.platform import errors as pe
from moderator_app.store import errors as se


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
    plugin = _plugin_words(error)
    if plugin is not None:
        return ErrorText(general, plugin)
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


def _plugin_words(error: BaseException) -> str | None:
    """The companion plugin's own refusals (moodle/local_moderatordesk/CONTRACT.md)."""
    if not isinstance(error, pe.PlatformError):
        return None
    code = error.code
    if code == "busy":
        return _tr_errors(
            "The site was busy with the same poll or discussion. It is tried again at the "
            "next sync."
        )
    if code == "clientrefdeleted":
        return _tr_errors(
            "The poll made from this draft was deleted on the site, so it is not made again."
        )
    if code == "nottoolpolicy":
        return _tr_errors(
            "This site does not keep its policies with Moodle's policy tool (tool_policy), "
            "so Moderator Desk cannot read who accepted them."
        )
    if code == "choicedisabled":
        return _tr_errors(
            "The Choice activity is switched off on this site. Ask the site's administrator "
            "to enable it."
        )
    if code == "sitecourse":
        return _tr_errors("The site's front page cannot be used for this: choose a course.")
    if code == "nosuchsection":
        return _tr_errors("The course has no section with that number.")
    if code == "closebeforeopen":
        return _tr_errors("The poll closes before it opens: set a later closing time.")
    if code == "limitzero":
        return _tr_errors("With limited answers every option needs room for at least one answer.")
    if code == "notyourgroup":
        return _tr_errors("You can only see the groups you are in.")
    return None


def _tr_errors(text: str) -> str:
    return QCoreApplication.translate("errors", text)


# -- the local database --------------------------------------------------------------


@dataclass(frozen=True)
class StoreProblemText:
    """What is wrong with the account's database, and the fresh-start offer if any."""

    title: str
    text: str
    advice: str
    fresh: str  # the button that starts a fresh database; "" where that would not help


def _tr_store(text: str) -> str:
    return QCoreApplication.translate("StoreProblem", text)


def already_open_text(brought_forward: bool) -> StoreProblemText:
    """A second start on an account another Moderator Desk (or sync) has open."""
    advice = (
        _tr_store("Its window has been brought to the front.")
        if brought_forward
        else _tr_store(
            "Switch to its window, or wait until its sync in the terminal ends, then try again."
        )
    )
    return StoreProblemText(
        _tr_store("Moderator Desk"),
        _tr_store("Moderator Desk is already open for this account."),
        advice,
        "",
    )


def describe_store(error: se.StoreError, kept_as: str = "") -> StoreProblemText:
    """A database that cannot be used, in words; `kept_as` names where a fresh start
    would keep the old file (NAME.corrupt-DATE)."""
    name = error.path.name if error.path is not None else ""
    where = str(error.path.parent) if error.path is not None else ""
    fresh = _tr_store("Start a fresh database (the old file is kept as %1)").replace("%1", kept_as)
    fresh_advice = _tr_store(
        "A fresh database fetches your courses again at the next sync. Drafts, the "
        "outbox and consent records that were only in the old file stay in it."
    )
    if isinstance(error, se.SchemaTooNew):
        return StoreProblemText(
            _tr_store("This database is from a newer Moderator Desk"),
            _tr_store(
                "The database of this account (%1) was written by a newer version of "
                "Moderator Desk. Update Moderator Desk to open it; the file has not been "
                "changed."
            ).replace("%1", name),
            fresh_advice,
            fresh,
        )
    if isinstance(error, se.StoreCorrupt):
        return StoreProblemText(
            _tr_store("The database cannot be read"),
            _tr_store(
                "The database of this account (%1) is damaged or is not a Moderator Desk "
                "database. It has not been changed."
            ).replace("%1", name),
            fresh_advice,
            fresh,
        )
    if isinstance(error, se.StoreNotWritable):
        return StoreProblemText(
            _tr_store("The data folder cannot be written to"),
            _tr_store("Moderator Desk cannot write to its data folder (%1).").replace("%1", where),
            _tr_store(
                "Check the folder's permissions and the free disk space, or start "
                "Moderator Desk with --data-dir and another folder."
            ),
            "",
        )
    return StoreProblemText(
        _tr_store("The database cannot be used"),
        _tr_store("The database of this account (%1) cannot be used.").replace("%1", name),
        _tr_store("The details are in the log file."),
        "",
    )
