"""Fixtures for the main-window tests: a seeded store and a window over it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from moderator_app.gui import i18n
from moderator_app.gui.app import AppController
from moderator_app.services.accounts import AccountRef
from moderator_app.settings import Settings
from moderator_app.store.db import Database
from tests.gui.seed import NOW, seed


def no_network() -> object:
    raise AssertionError("this test must not reach a platform")


@pytest.fixture
def seeded_db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


@pytest.fixture
def make_window(qtbot) -> Iterator[Callable[..., object]]:
    from moderator_app.gui.context import AppContext
    from moderator_app.gui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(
        db: Database,
        *,
        platform_factory: Callable[[], object] = no_network,
        now: Callable[[], float] = lambda: NOW,
        settings: Settings | None = None,
        site_info: object = None,
        show: bool = True,
    ) -> MainWindow:
        context = AppContext(
            account=AccountRef("http://127.0.0.1", "mila"),
            db=db,
            platform_factory=platform_factory,  # type: ignore[arg-type]
            settings=settings or Settings(auto_sync_minutes=0),
            site_info=site_info,  # type: ignore[arg-type]
            token_persistent=True,
        )
        window = MainWindow(context, now=now)
        qtbot.addWidget(window)
        windows.append(window)
        if show:
            with qtbot.waitActive(window):  # window shortcuts need the active window
                window.show()
                window.activateWindow()
        return window

    yield make
    for window in windows:
        window.tasks.shutdown()


# Quiet settings for an app controller in tests: no timers, no tray messages.
QUIET = Settings(auto_sync_minutes=0, notify_new_waiting=False)


@pytest.fixture()
def controller(qapp: object) -> Iterator[AppController]:
    """The app's controller with real windows that are never shown."""
    ctl = AppController(QUIET, show_windows=False)
    yield ctl
    ctl.shutdown()
    i18n.install("en")
