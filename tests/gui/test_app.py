"""Start-up pieces: Qt messages in the log, the crash dialog, the accounts menu, the demo."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler, qWarning
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from moderator_app import settings as settings_mod
from moderator_app.credentials import TokenStore
from moderator_app.gui import app as app_mod
from moderator_app.gui import excepthook
from moderator_app.gui.accounts_menu import AccountsMenu
from moderator_app.sandbox import DEMO_PASSWORD, FACILITATOR, MODERATOR, Sandbox
from moderator_app.services import accounts
from moderator_app.settings import Settings

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


# -- the demo and the accounts, with real windows that are never shown ------------------


@pytest.fixture()
def two_accounts(tmp_path: Path) -> Iterator[tuple[Any, Any]]:
    site = Sandbox.start(db_path=tmp_path / "sandbox.sqlite", seed="demo")
    first = accounts.sign_in(site.url, FACILITATOR, DEMO_PASSWORD).ref
    second = accounts.sign_in(site.url, MODERATOR, DEMO_PASSWORD).ref  # used last
    yield first, second
    site.stop()


def test_start_opens_the_last_used_account_without_asking(
    controller: app_mod.AppController,
    two_accounts: tuple[Any, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[Any] = []
    monkeypatch.setattr(controller, "ask_sign_in", lambda *a, **k: asked.append(a) or False)
    assert controller.start()
    assert controller.window.context.account == two_accounts[1]
    assert asked == []


def test_start_skips_an_account_whose_token_is_gone_and_asks_when_none_is_left(
    controller: app_mod.AppController,
    two_accounts: tuple[Any, Any],
    memory_keyring: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[Any] = []
    monkeypatch.setattr(controller, "ask_sign_in", lambda *a, **k: asked.append(a) or False)
    TokenStore().delete(two_accounts[1].key)
    assert controller.start()
    assert controller.window.context.account == two_accounts[0]

    controller.shutdown()
    memory_keyring.secrets.clear()
    assert not controller.start()  # the user closed the sign-in dialog
    assert len(asked) == 1


def test_switching_accounts_rebuilds_the_window_and_sign_out_drops_the_token(
    controller: app_mod.AppController,
    two_accounts: tuple[Any, Any],
    memory_keyring: Any,
    qtbot: QtBot,
) -> None:
    facilitator, moderator = two_accounts
    controller.open_account(moderator)
    first_window = controller.window
    combo_labels = [
        first_window.account_combo.itemText(i) for i in range(first_window.account_combo.count())
    ]
    assert len(combo_labels) == 2

    first_window.account_switch_requested.emit(facilitator)
    assert controller.window is not first_window
    assert controller.window.context.account == facilitator
    assert accounts.list_accounts()[0].ref == facilitator  # now the last used

    menu = controller.window.findChild(AccountsMenu, "accountsMenu")
    sign_out = next(a for a in menu.actions() if a.objectName() == "signOutAction")
    sign_out.trigger()
    assert TokenStore().load(facilitator.key) is None  # signed out: token gone
    assert facilitator in [i.ref for i in accounts.list_accounts()]  # data and entry kept
    assert controller.window.context.account == moderator  # the other account opens


def test_sign_out_is_offered_once_in_the_accounts_menu_without_a_shortcut(
    controller: app_mod.AppController, two_accounts: tuple[Any, Any]
) -> None:
    controller.open_account(two_accounts[1])
    window = controller.window
    entries = [
        (menu_action.text(), action)
        for menu_action in window.menuBar().actions()
        if menu_action.menu() is not None
        for action in menu_action.menu().actions()
        if action.text() == "Sign &out"
    ]
    assert [title for title, _action in entries] == ["&Accounts"]
    assert entries[0][1].shortcut().isEmpty()
    assert "sign_out" not in window.actions_by_name  # so not in the shortcuts overview


def test_choosing_dutch_applies_at_once_and_is_saved(
    controller: app_mod.AppController, two_accounts: tuple[Any, Any]
) -> None:
    controller.open_account(two_accounts[1])
    english = controller.window
    assert "&Triage" in [a.text() for a in english.menuBar().actions()]

    controller.set_language("nl")

    dutch = controller.window
    assert dutch is not english
    titles = [a.text() for a in dutch.menuBar().actions()]
    assert "&Instellingen" in titles and "&Bestand" in titles
    assert settings_mod.load().language == "nl"


def test_self_test_from_the_source_tree_exits_zero(tmp_path: Path) -> None:
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if k != "MODERATOR_DESK_DATA_DIR"}
    env["PYTHONPATH"] = str(root)
    result = subprocess.run(
        [sys.executable, "-m", "moderator_app", "--self-test", "--data-dir", str(tmp_path)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout
    assert (tmp_path / "demo" / "moderator.sqlite3").is_file()
    assert (tmp_path / "logs" / "moderator-desk.log").is_file()


def test_self_test_says_why_it_failed(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    def broken_demo(base: Path | None = None) -> Any:
        raise ConnectionError("sandbox would not start")

    monkeypatch.setattr(app_mod, "start_demo", broken_demo)
    ok, reason = app_mod.self_test()
    assert not ok
    assert "sandbox would not start" in reason


def test_sign_in_without_a_keyring_is_said_once(
    controller: app_mod.AppController,
    tmp_path: Path,
    memory_keyring: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import keyring
    from keyring.backends import fail

    from moderator_app.gui.sign_in import SignInDialog

    told: list[object] = []
    monkeypatch.setattr(
        SignInDialog, "tell_token_not_persisted", classmethod(lambda c, p: told.append(p))
    )
    keyring.set_keyring(fail.Keyring())
    site = Sandbox.start(db_path=tmp_path / "sandbox.sqlite", seed="demo")
    try:
        results = [
            accounts.sign_in(site.url, MODERATOR, DEMO_PASSWORD),
            accounts.sign_in(site.url, FACILITATOR, DEMO_PASSWORD),
        ]
        assert not results[0].token_persistent
        answers = iter(results)
        monkeypatch.setattr(
            controller,
            "sign_in_dialog",
            lambda ref, parent, **_k: (QDialog.DialogCode.Accepted, next(answers)),
        )
        assert controller.ask_sign_in()
        assert controller.window.context.account == results[0].ref
        assert controller.window.context.token_persistent is False
        assert controller.ask_sign_in()
        assert controller.window.context.account == results[1].ref
        assert len(told) == 1
    finally:
        site.stop()


def test_closing_the_sign_in_dialog_opens_nothing(
    controller: app_mod.AppController, monkeypatch: pytest.MonkeyPatch
) -> None:
    from moderator_app.gui.sign_in import DEMO

    monkeypatch.setattr(
        controller,
        "sign_in_dialog",
        lambda ref, parent, **_k: (QDialog.DialogCode.Rejected, None),
    )
    assert not controller.ask_sign_in()
    assert controller.window is None
    monkeypatch.setattr(controller, "sign_in_dialog", lambda ref, parent, **_k: (DEMO, None))
    assert not controller.ask_sign_in()  # closed with DEMO, but no demo came up
    assert controller.window is None


def test_changed_thresholds_apply_to_the_open_window_and_are_saved(
    controller: app_mod.AppController, two_accounts: tuple[Any, Any]
) -> None:
    controller.open_account(two_accounts[1])
    window = controller.window
    controller.apply_settings(Settings(sla_warn_hours=2, sla_overdue_hours=3, auto_sync_minutes=0))
    assert controller.window is window  # no rebuild needed
    assert (window.model.warn_hours, window.model.overdue_hours) == (2, 3)  # colours follow
    assert settings_mod.load().sla_overdue_hours == 3


def test_the_language_menu_switches_the_window(
    controller: app_mod.AppController, two_accounts: tuple[Any, Any]
) -> None:
    controller.open_account(two_accounts[1])
    menu = controller.window.settings_menu()
    language_menu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    choices = {a.text(): a for a in language_menu.actions()}
    assert list(choices) == ["System default", "English", "Nederlands"]
    assert choices["System default"].isChecked()

    choices["Nederlands"].trigger()

    dutch_menu = controller.window.settings_menu()
    assert dutch_menu.title() == "&Instellingen"
    dutch_languages = next(a.menu() for a in dutch_menu.actions() if a.menu() is not None)
    checked = [a.text() for a in dutch_languages.actions() if a.isChecked()]
    assert checked == ["Nederlands"]


def test_forgetting_an_account_removes_it_and_opens_the_other(
    controller: app_mod.AppController, two_accounts: tuple[Any, Any]
) -> None:
    facilitator, moderator = two_accounts
    controller.open_account(moderator)
    controller.accounts_menu.forget_requested.emit(moderator)
    assert [i.ref for i in accounts.list_accounts()] == [facilitator]
    assert TokenStore().load(moderator.key) is None
    assert controller.window.context.account == facilitator
