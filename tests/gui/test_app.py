"""Start-up pieces: Qt messages in the log, the crash dialog, the accounts menu, the demo."""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler, qWarning
from pytestqt.qtbot import QtBot

from moderator_app.gui import app as app_mod
from moderator_app.gui import excepthook
from moderator_app.gui.accounts_menu import AccountsMenu

TOKEN = "0123456789abcdef0123456789abcdef"


def test_qt_messages_reach_the_log(qapp: object, caplog: pytest.LogCaptureFixture) -> None:
    previous = qInstallMessageHandler(None)
    try:
        app_mod.route_qt_messages()
        with caplog.at_level(logging.DEBUG, logger="moderator_app.gui.qt"):
            qWarning("a Qt warning for the log")
    finally:
        qInstallMessageHandler(previous)
    records = [r for r in caplog.records if r.name == "moderator_app.gui.qt"]
    assert [(r.levelno, r.getMessage()) for r in records] == [
        (logging.WARNING, "a Qt warning for the log")
    ]
    assert app_mod._QT_LEVELS[QtMsgType.QtCriticalMsg] == logging.ERROR


@pytest.fixture()
def shown_errors(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    shown: list[str] = []
    monkeypatch.setattr(
        excepthook.ExceptionDialog, "show_error", classmethod(lambda cls, d: shown.append(d))
    )
    yield shown
    excepthook.uninstall()


def _raise_into_hook() -> None:
    try:
        raise RuntimeError(f"boom with token={TOKEN}")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]


def test_unexpected_error_is_logged_and_shown_with_copyable_details(
    qtbot: QtBot, shown_errors: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    excepthook.install(show_dialog=True)
    with caplog.at_level(logging.ERROR):
        _raise_into_hook()
    qtbot.waitUntil(lambda: len(shown_errors) == 1)
    details = shown_errors[0]
    assert "RuntimeError: boom with token=***" in details
    assert "Traceback" in details and TOKEN not in details
    assert "unexpected error" in caplog.text


def test_the_switch_keeps_the_dialog_away(
    qtbot: QtBot, shown_errors: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    excepthook.install(show_dialog=False)
    with caplog.at_level(logging.ERROR):
        _raise_into_hook()
    QCoreApplication.processEvents()  # delivers any queued dialog request
    QCoreApplication.processEvents()
    assert shown_errors == []
    assert "unexpected error" in caplog.text


@dataclass(frozen=True)
class Ref:
    site_url: str
    username: str


@dataclass
class Info:
    ref: Ref
    site_name: str


def test_accounts_menu_switches_in_one_click_and_offers_add_and_sign_out(qtbot: QtBot) -> None:
    a = Info(Ref("https://a.example.org", "anna"), "Leerplein A")
    b = Info(Ref("https://b.example.org", "bert"), "")
    menu = AccountsMenu()
    qtbot.addWidget(menu)
    menu.set_accounts([a, b], a.ref)
    actions = {action.text(): action for action in menu.actions() if action.text()}
    assert actions["anna — Leerplein A"].isChecked()
    assert "bert — https://b.example.org" in actions  # no name known yet: the address

    with qtbot.waitSignal(menu.switch_requested) as switched:
        actions["bert — https://b.example.org"].trigger()
    assert switched.args == [b.ref]
    with qtbot.assertNotEmitted(menu.switch_requested):
        actions["anna — Leerplein A"].trigger()  # already there: nothing to do
    with qtbot.waitSignal(menu.add_requested):
        actions["&Add account…"].trigger()
    with qtbot.waitSignal(menu.sign_out_requested) as signed_out:
        actions["Sign &out"].trigger()
    assert signed_out.args == [a.ref]


def test_accounts_menu_without_an_account_only_adds(qtbot: QtBot) -> None:
    menu = AccountsMenu()
    qtbot.addWidget(menu)
    enabled = [a.text() for a in menu.actions() if a.isEnabled() and a.text()]
    assert enabled == ["&Add account…"]
