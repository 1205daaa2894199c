"""Times shown to the moderator are readable in every locale, the bare C one included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QLocale

from moderator_app.gui.dates import format_date, format_datetime

MOMENT = int(datetime(2026, 11, 24, 8, 18).timestamp())  # local time, like the app


@pytest.fixture
def locale_default() -> Iterator[None]:
    previous = QLocale()
    yield
    QLocale.setDefault(previous)


@pytest.mark.usefixtures("locale_default")
def test_c_locale_falls_back_to_iso() -> None:
    QLocale.setDefault(QLocale.c())
    assert format_datetime(MOMENT) == "2026-11-24 08:18"
    assert format_date(MOMENT) == "2026-11-24"


@pytest.mark.usefixtures("locale_default")
def test_dutch_locale_uses_its_own_short_format() -> None:
    QLocale.setDefault(QLocale("nl_NL"))
    assert format_datetime(MOMENT) == "24-11-2026 08:18"
    assert format_date(MOMENT) == "24-11-2026"


def test_no_time_is_shown_as_nothing() -> None:
    assert format_datetime(None) == ""
    assert format_datetime(0) == ""
    assert format_date(None) == ""
