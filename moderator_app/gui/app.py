"""Start-up: the QApplication, language, crash dialog, then an account or the demo.

`run_gui(args)` is what `moderator-app` runs without a sub-command. It opens the
last-used account whose token still loads (no network needed), or asks the user to
sign in; `--demo` starts the built-in sandbox site instead, and `--self-test` does the
whole demo start-up offscreen, checks the queue and exits.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QCursor, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from moderator_app import __version__, paths
from moderator_app import settings as settings_mod
from moderator_app.gui import excepthook, i18n
from moderator_app.gui.icon import app_icon
from moderator_app.logging_setup import setup_logging
from moderator_app.settings import Settings

log = logging.getLogger(__name__)
qt_log = logging.getLogger("moderator_app.gui.qt")


# -- Qt's own messages into logging -------------------------------------------------

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: Any, message: str) -> None:
    qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)


def route_qt_messages() -> None:
    qInstallMessageHandler(_qt_message)


# -- the demo (plain work, no widgets: --self-test and tests call it too) -----------


@dataclass
class DemoSession:
    sandbox: Any  # moderator_app.sandbox.Sandbox
    ref: Any  # AccountRef
    db: Any  # Database
    site_info: Any  # SiteInfo
    platform_factory: Callable[[], Any]
    sync_report: Any

    def close(self) -> None:
        self.db.close()
        self.sandbox.stop()


def demo_dir() -> Path:
    return paths.data_dir() / "demo"


def sync_once(context: Any) -> Any:
    """One sync the way the window runs it (so it records the last sync time and the
    posts already waiting, which then raise no 'new posts' notification)."""
    from moderator_app.gui.sync_jobs import sync_job
    from moderator_app.gui.tasks import TaskControl

    return sync_job(context)(TaskControl()).report


def start_demo(base: Path | None = None) -> DemoSession:
    """Start the sandbox with the demo seed, sign in as its moderator, sync once.

    It all lives in a folder of its own, wiped at each start; the user's account list
    and keyring are left alone (the demo token lives in memory only).
    """
    from moderator_app.gui.context import AppContext
    from moderator_app.platform.moodle import MoodleClient, check_site, login
    from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
    from moderator_app.services.accounts import AccountRef
    from moderator_app.store.db import Database

    base = base or demo_dir()
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    sandbox = Sandbox.start(db_path=base / "sandbox.sqlite3", seed="demo")
    try:
        site = check_site(sandbox.url)
        token = login(site.url, MODERATOR, DEMO_PASSWORD).token

        def platform_factory() -> MoodleClient:
            return MoodleClient(site.url, token)

        platform = platform_factory()
        site_info = platform.site_info()
        ref = AccountRef(site_url=site.url, username=MODERATOR)
        db = Database.open(base / "moderator.sqlite3")
        report = sync_once(
            AppContext(
                account=ref,
                db=db,
                platform_factory=platform_factory,
                settings=Settings(),
                site_info=site_info,
                token_persistent=False,
            )
        )
    except BaseException:
        sandbox.stop()
        raise
    log.info("demo started")
    return DemoSession(sandbox, ref, db, site_info, platform_factory, report)


def waiting_count(db: Any) -> int:
    from moderator_app.services.queue import QueueFilter, QueueService

    return int(QueueService(db).count(QueueFilter()))


# -- the controller: which account, which window ------------------------------------


@dataclass
class DemoAccountInfo:
    """Stands in for an AccountInfo so the demo shows in the account switchers."""

    ref: Any
    site_name: str
    username: str


class AppController(QObject):
    """Owns the main window and rebuilds it on account switches and language changes."""

    def __init__(self, settings: Settings, *, show_windows: bool = True) -> None:
        super().__init__()
        self.settings = settings
        self.show_windows = show_windows  # tests build every window but show none
        self.window: Any = None
        self.context: Any = None
        self.demo: DemoSession | None = None
        self._told_no_keyring = False

    # starting ---------------------------------------------------------------

    def start(self) -> bool:
        """Open the last-used account that still has its token, else ask; False: user quit."""
        from moderator_app.services import accounts

        for info in accounts.list_accounts():  # most recently used first
            try:
                self.open_account(info.ref)
            except Exception as exc:  # no token (signed out, no keyring) or a bad file
                log.info("account not opened: %s", type(exc).__name__)
                continue
            return True
        return self.ask_sign_in()

    def sign_in_dialog(self, ref: Any, parent: QWidget | None) -> tuple[int, Any]:
        """Run the sign-in dialog: (its exec() result, the SignInResult or None).

        Tests replace this; everything around it is decided in ask_sign_in.
        """
        from moderator_app.gui.sign_in import SignInDialog

        dialog = SignInDialog(
            parent,
            site_url=getattr(ref, "site_url", ""),
            username=getattr(ref, "username", ""),
        )
        outcome = dialog.exec()
        return outcome, dialog.result_value

    def ask_sign_in(self, ref: Any = None, parent: QWidget | None = None) -> bool:
        """Ask for a sign-in (pre-filled with `ref`); False when the user gave up."""
        from moderator_app.gui.sign_in import DEMO, SignInDialog

        outcome, result = self.sign_in_dialog(ref, parent)
        if outcome == DEMO:
            self.start_demo()
            return True
        if outcome != QDialog.DialogCode.Accepted or result is None:
            return False
        if not result.token_persistent and not self._told_no_keyring:
            self._told_no_keyring = True  # said once per session, not at every sign-in
            SignInDialog.tell_token_not_persisted(parent)
        self.open_account(result.ref, site_info=result.site_info)
        return True

    def open_account(self, ref: Any, *, site_info: Any = None) -> None:
        from moderator_app.credentials import TokenStore
        from moderator_app.gui.context import AppContext
        from moderator_app.services import accounts
        from moderator_app.store.db import Database

        accounts.client_for(ref)  # raises when no token loads: the caller asks to sign in
        db = Database.open(accounts.db_path(ref))
        accounts.mark_used(ref)
        context = AppContext(
            account=ref,
            db=db,
            platform_factory=lambda: accounts.client_for(ref),
            settings=self.settings,
            site_info=site_info,
            token_persistent=TokenStore().persistent,
        )
        self._show(context)

    def start_demo(self) -> None:
        if self.demo is not None:  # already running: just show it
            self.start_demo_context()
            return
        QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.WaitCursor))
        try:
            self.demo = start_demo()
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.start_demo_context()

    # the window -------------------------------------------------------------

    def build_window(self, context: Any) -> Any:
        from moderator_app.gui.accounts_menu import AccountsMenu
        from moderator_app.gui.main_window import MainWindow
        from moderator_app.gui.settings_dialog import add_settings_actions

        window = MainWindow(context)
        window.account_switch_requested.connect(self.switch_account)
        add_settings_actions(
            window.settings_menu(), self.settings.language, self.open_settings, self.set_language
        )
        menu = AccountsMenu(window)
        menu.switch_requested.connect(self.switch_account)
        menu.add_requested.connect(self.add_account)
        menu.sign_out_requested.connect(self.sign_out)
        menu.forget_requested.connect(self.forget)
        window.menuBar().insertMenu(window.settings_menu().menuAction(), menu)
        self.accounts_menu = menu
        infos = self.account_infos()
        menu.set_accounts(infos, context.account)
        window.set_accounts(infos, context.account)
        return window

    def account_infos(self) -> list[Any]:
        from moderator_app.services import accounts

        infos: list[Any] = list(accounts.list_accounts())
        if self.demo is not None:
            name = self.demo.site_info.site_name
            infos.append(DemoAccountInfo(self.demo.ref, name, self.demo.ref.username))
        return infos

    def _show(self, context: Any) -> None:
        old_window, old_context = self.window, self.context
        self.context = context
        self.window = self.build_window(context)
        if old_window is not None:
            self.window.restoreGeometry(old_window.saveGeometry())
        if self.show_windows:
            self.window.show()  # before the old one closes, or Qt would quit
        if old_window is not None:
            self._close_window(old_window, old_context)

    def _close_window(self, window: Any, context: Any) -> None:
        window.close()
        window.deleteLater()
        if context is not None and context is not self.context and not self._is_demo_db(context):
            context.db.close()

    def _is_demo_db(self, context: Any) -> bool:
        return self.demo is not None and context.db is self.demo.db

    # what the user asked for ------------------------------------------------

    def switch_account(self, ref: Any) -> None:
        if self.context is not None and ref == self.context.account:
            return
        if self.demo is not None and ref == self.demo.ref:
            self.start_demo_context()
            return
        try:
            self.open_account(ref)
        except Exception as exc:
            log.info("switch needs a new sign-in: %s", type(exc).__name__)
            self.ask_sign_in(ref, self.window)

    def start_demo_context(self) -> None:
        from moderator_app.gui.context import AppContext

        assert self.demo is not None
        self._show(
            AppContext(
                account=self.demo.ref,
                db=self.demo.db,
                platform_factory=self.demo.platform_factory,
                settings=self.settings,
                site_info=self.demo.site_info,
                token_persistent=False,
            )
        )

    def add_account(self) -> None:
        self.ask_sign_in(None, self.window)

    def sign_out(self, ref: Any) -> None:
        """Drop the token (the local data stays) and ask for a sign-in again."""
        from moderator_app.credentials import TokenStore

        if ref is None:
            return
        if self.demo is None or ref != self.demo.ref:
            TokenStore().delete(ref.key)
        self._after_leaving(ref)

    def forget(self, ref: Any) -> None:
        from moderator_app.services import accounts

        if ref is None:
            return
        if self.demo is None or ref != self.demo.ref:
            accounts.forget(ref)
        self._after_leaving(ref)

    def _after_leaving(self, ref: Any) -> None:
        old_window, old_context = self.window, self.context
        if old_window is not None:
            old_window.hide()
        self.window = self.context = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        # The sign-in dialog closing while no window shows must not end the app.
        quit_on_close = app.quitOnLastWindowClosed()
        app.setQuitOnLastWindowClosed(False)
        try:
            chosen = self.start_other_than(ref)
        finally:
            app.setQuitOnLastWindowClosed(quit_on_close)
        if old_window is not None:
            self._close_window(old_window, old_context)
        if not chosen:
            app.quit()

    def start_other_than(self, ref: Any) -> bool:
        from moderator_app.services import accounts

        for info in accounts.list_accounts():
            if info.ref == ref:
                continue
            try:
                self.open_account(info.ref)
            except Exception:
                continue
            return True
        return self.ask_sign_in(ref)

    # settings ---------------------------------------------------------------

    def open_settings(self) -> None:
        from moderator_app.gui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.window)
        dialog.settings_changed.connect(self.apply_settings)
        dialog.exec()

    def set_language(self, code: str) -> None:
        from dataclasses import replace

        self.apply_settings(replace(self.settings, language=code))

    def apply_settings(self, new: Settings) -> None:
        old = self.settings
        self.settings = new
        settings_mod.save(new)
        if self.context is None:
            return
        self.context.settings = new
        language_changed = i18n.resolve_language(None, new.language) != i18n.current_language()
        if new.language != old.language and language_changed:
            i18n.install(i18n.resolve_language(None, new.language))
            self._show(self.context)  # every string of the window in the new language
        elif self.window is not None:
            self.window.apply_settings()  # reads context.settings: thresholds, auto sync

    def shutdown(self) -> None:
        if self.window is not None:
            self._close_window(self.window, None)
        if self.context is not None and not self._is_demo_db(self.context):
            self.context.db.close()
        self.window = self.context = None
        if self.demo is not None:
            self.demo.close()
            self.demo = None


# -- --self-test ---------------------------------------------------------------------


def self_test() -> tuple[bool, str]:
    """Demo sandbox, sign in, sync, queue not empty; the main window built, not shown."""
    from moderator_app.gui.context import AppContext
    from moderator_app.gui.main_window import MainWindow

    try:
        demo = start_demo()
    except Exception as exc:
        return False, f"demo start-up failed: {type(exc).__name__}: {exc}"
    try:
        report = demo.sync_report
        if getattr(report, "error", None) or getattr(report, "offline", False):
            return False, f"the demo sync failed: {report.error or 'offline'}"
        count = waiting_count(demo.db)
        if count == 0:
            return False, "the demo queue is empty after a sync"
        window = MainWindow(
            AppContext(
                account=demo.ref,
                db=demo.db,
                platform_factory=demo.platform_factory,
                settings=Settings(auto_sync_minutes=0, notify_new_waiting=False),
                site_info=demo.site_info,
                token_persistent=False,
            )
        )
        window.close()
        window.deleteLater()
        return True, f"self-test passed: {count} waiting discussions in the demo queue"
    except Exception as exc:
        return False, f"self-test failed: {type(exc).__name__}: {exc}"
    finally:
        demo.close()


# -- the entry point -------------------------------------------------------------------


def make_application(offscreen: bool = False) -> QApplication:
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("Moderator Desk")
    app.setOrganizationName("ModeratorDesk")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("nl.moderatordesk.ModeratorDesk")
    app.setWindowIcon(app_icon())
    return app


def run_gui(args: argparse.Namespace) -> int:
    setup_logging()
    self_testing = bool(getattr(args, "self_test", False))
    app = make_application(offscreen=self_testing)
    route_qt_messages()
    settings = settings_mod.load()
    i18n.install(i18n.resolve_language(getattr(args, "lang", None), settings.language))

    if self_testing:
        ok, reason = self_test()
        print(reason, file=sys.stdout if ok else sys.stderr)
        return 0 if ok else 1

    excepthook.install(show_dialog=os.environ.get("MODERATOR_DESK_NO_DIALOGS") != "1")
    controller = AppController(settings)
    app.aboutToQuit.connect(controller.shutdown)
    if getattr(args, "demo", False):
        try:
            controller.start_demo()
        except Exception as exc:  # no event loop yet for the dialog: say it and stop
            log.exception("the demo could not start")
            print(f"The demo could not start: {type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
    elif not controller.start():
        return 0  # the user closed the sign-in dialog
    return int(app.exec())
