"""One way to show a time to the moderator, in their locale.

Qt's C locale (what a bare session without LANG gives) has a short format of
"d MM yyyy HH:mm:ss" with no separators; fall back to ISO there so dates stay readable.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime, QLocale

_ISO_DATETIME = "yyyy-MM-dd HH:mm"
_ISO_DATE = "yyyy-MM-dd"


def _locale() -> QLocale:
    return QLocale()


def _is_c_locale(locale: QLocale) -> bool:
    return locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage)


def format_datetime(at: int | None) -> str:
    """Date and time (no seconds) of a unix time; empty for None or 0."""
    if not at:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(at)
    locale = _locale()
    if _is_c_locale(locale):
        return moment.toString(_ISO_DATETIME)
    return locale.toString(moment, QLocale.FormatType.ShortFormat)


def format_date(at: int | None) -> str:
    """The date alone of a unix time; empty for None or 0."""
    if not at:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(at)
    locale = _locale()
    if _is_c_locale(locale):
        return moment.toString(_ISO_DATE)
    return locale.toString(moment.date(), QLocale.FormatType.ShortFormat)
