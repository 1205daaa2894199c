"""The status bar's outbox label: waiting apart from scheduled, in English and Dutch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from moderator_app.gui import i18n
from moderator_app.gui.status_bar import SyncStatus
from moderator_app.services.outbox_counts import OutboxCounts
from tests.gui.seed import NOW

HOUR = 3600


@pytest.fixture()
def status(qtbot: QtBot) -> Iterator[SyncStatus]:
    bar = QStatusBar()
    qtbot.addWidget(bar)
    yield SyncStatus(bar)
    i18n.install("en")


def test_nothing_scheduled_shows_the_plain_count(status: SyncStatus) -> None:
    status.set_outbox(OutboxCounts(waiting=3, scheduled=0))
    assert status.outbox.text() == "Outbox: 3"
    assert "scheduled" not in status.outbox.toolTip()


def test_scheduled_posts_are_shown_apart_and_explained(status: SyncStatus) -> None:
    status.set_outbox(OutboxCounts(waiting=1, scheduled=2))
    assert status.outbox.text() == "Outbox: 1 · 2 scheduled"
    tip = status.outbox.toolTip()
    assert "2 post(s) scheduled" in tip
    assert "first sync after its time" in tip and "while Moderator Desk is running" in tip


def test_dutch_says_it_too(status: SyncStatus) -> None:
    i18n.install("nl")
    status.set_outbox(OutboxCounts(waiting=0, scheduled=1))
    assert status.outbox.text() == "Postvak uit: 0 · 1 gepland"
    assert "1 bericht gepland" in status.outbox.toolTip()
    status.set_outbox(OutboxCounts(waiting=0, scheduled=2))
    assert "2 berichten gepland" in status.outbox.toolTip()


def test_the_window_counts_a_scheduled_prompt_apart(make_window, seeded_db) -> None:
    window = make_window(seeded_db, show=False)
    window.outbox.start_discussion(11, "Stelling", "Eens of oneens?")  # goes at the next sync
    window.outbox.start_discussion(11, "Week 2", "Wat viel op?", not_before=NOW + 24 * HOUR)

    window.refresh_queue()

    assert window.status.outbox.text() == "Outbox: 1 · 1 scheduled"


def test_a_prompt_scheduled_on_its_page_shows_in_the_count_at_once(make_window, seeded_db) -> None:
    window = make_window(seeded_db, show=False)
    assert window.status.outbox.text() == "Outbox: 0"
    window.outbox.start_discussion(11, "Week 2", "Wat viel op?", not_before=NOW + 24 * HOUR)
    page = window._section_pages["prompts"]
    page.message.emit("The prompt is scheduled. Keep Moderator Desk running.")
    assert window.status.outbox.text() == "Outbox: 0 · 1 scheduled"
