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

from PySide6.QtCore import QObject, QtMsgType, qInstallMessageHandler
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


class AccountNotOpened(Exception):
    """The account's data could not be opened and the user has been told why (open in
    another Moderator Desk, a damaged or newer database, a read-only folder)."""


class DemoCancelled(Exception):
    """The demo start was abandoned (dialog closed, app quitting) before it was up."""


def sync_once(context: Any, control: Any = None) -> Any:
    """One sync the way the window runs it (so it records the last sync time and the
    posts already waiting, which then raise no 'new posts' notification)."""
    from moderator_app.gui.sync_jobs import sync_job
    from moderator_app.gui.tasks import TaskControl

    return sync_job(context)(control or TaskControl()).report


def start_demo(base: Path | None = None, control: Any = None) -> DemoSession:
    """Start the sandbox with the demo seed, sign in as its moderator, sync once.

    It all lives in a folder of its own, wiped at each start; the user's account list
    and keyring are left alone (the demo token lives in memory only). `control` (a
    TaskControl, when run as a task) hears the stages ("site", "sync") and can cancel:
    checked between the steps and by the sync between pages, ending in DemoCancelled
    with nothing left running.
    """
    from moderator_app.gui.context import AppContext
    from moderator_app.gui.tasks import TaskControl
    from moderator_app.platform.moodle import MoodleClient, check_site, login
    from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
    from moderator_app.services.accounts import AccountRef
    from moderator_app.store.db import Database

    control = control or TaskControl()

    def check_cancel() -> None:
        if control.cancel.is_set():
            raise DemoCancelled()

    base = base or demo_dir()
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    control.progress("site")
    sandbox = Sandbox.start(db_path=base / "sandbox.sqlite3", seed="demo")
    db = None
    try:
        check_cancel()
        site = check_site(sandbox.url)
        token = login(site.url, MODERATOR, DEMO_PASSWORD).token

        def platform_factory() -> MoodleClient:
            return MoodleClient(site.url, token)

        platform = platform_factory()
        site_info = platform.site_info()
        ref = AccountRef(site_url=site.url, username=MODERATOR)
        db = Database.open(base / "moderator.sqlite3")
        check_cancel()
        control.progress("sync")
        report = sync_once(
            AppContext(
                account=ref,
                db=db,
                platform_factory=platform_factory,
                settings=Settings(),
                site_info=site_info,
                token_persistent=False,
            ),
            control,
        )
        check_cancel()  # an interrupted sync is not a demo to show
    except BaseException:
        if db is not None:
            db.close()
        sandbox.stop()
        raise
    log.info("demo started")
    return DemoSession(sandbox, ref, db, site_info, platform_factory, report)


def start_demo_for_window(control: Any) -> DemoSession:
    """start_demo as the window needs it: a demo whose first sync failed is an error
    (an empty queue would say nothing about why), with the sandbox stopped."""
    demo = start_demo(control=control)
    report = demo.sync_report
    if report.error is not None or report.offline:
        demo.close()
        if isinstance(report.error, BaseException):
            raise report.error
        raise ConnectionError("the demo site did not answer its first sync")
    return demo


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
        self._demo_starters: list[Any] = []  # DemoStarter: each start, to stop at exit
        self._told_no_keyring = False
        # Rings when a second start wants the account this process holds (not the demo).
        self.raise_listener: Any = None  # single_instance.RaiseListener

    # starting ---------------------------------------------------------------

    def start(self) -> bool:
        """Open the last-used account that still has its token, else ask; False: user quit."""
        from moderator_app.services import accounts

        for info in accounts.list_accounts():  # most recently used first
            try:
                self.open_account(info.ref)
            except AccountNotOpened:  # open elsewhere or a bad file: the user was told
                return False
            except Exception as exc:  # no token (signed out, no keyring)
                log.info("account not opened: %s", type(exc).__name__)
                continue
            return True
        return self.ask_sign_in()

    def new_sign_in_dialog(self, ref: Any, parent: QWidget | None) -> Any:
        from moderator_app.gui.sign_in import SignInDialog

        return SignInDialog(
            parent,
            site_url=getattr(ref, "site_url", ""),
            username=getattr(ref, "username", ""),
            # A demo already running is just shown: the dialog closes at once.
            start_demo=self.begin_demo if self.demo is None else None,
        )

    def sign_in_dialog(
        self, ref: Any, parent: QWidget | None, *, demo_now: bool = False
    ) -> tuple[int, Any]:
        """Run the sign-in dialog: (its exec() result, the SignInResult or None).

        `demo_now`: start the demo at once (--demo), the dialog showing its progress.
        Tests replace this; everything around it is decided in ask_sign_in.
        """
        dialog = self.new_sign_in_dialog(ref, parent)
        if demo_now:
            dialog.try_demo()
        outcome = dialog.exec()
        return outcome, dialog.result_value

    def ask_sign_in(
        self, ref: Any = None, parent: QWidget | None = None, *, demo_now: bool = False
    ) -> bool:
        """Ask for a sign-in (pre-filled with `ref`); False when the user gave up."""
        from moderator_app.gui.sign_in import DEMO, SignInDialog

        outcome, result = self.sign_in_dialog(ref, parent, demo_now=demo_now)
        if outcome == DEMO:
            if self.demo is None:  # closed with DEMO but no demo came up
                return False
            self.start_demo_context()
            return True
        if outcome != QDialog.DialogCode.Accepted or result is None:
            return False
        if not result.token_persistent and not self._told_no_keyring:
            self._told_no_keyring = True  # said once per session, not at every sign-in
            SignInDialog.tell_token_not_persisted(parent)
        try:
            self.open_account(result.ref, site_info=result.site_info)
        except AccountNotOpened:
            return False
        return True

    def open_account(self, ref: Any, *, site_info: Any = None) -> None:
        from moderator_app.credentials import TokenStore
        from moderator_app.gui.context import AppContext
        from moderator_app.services import accounts

        accounts.client_for(ref)  # raises when no token loads: the caller asks to sign in
        db = self.open_database(accounts.db_path(ref))
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

    def open_database(self, path: Path) -> Any:
        """The account's Database, held by this process until it is closed.

        Refused (AccountNotOpened, after telling the user): the account is open in
        another Moderator Desk, which is asked to come to the front; or its file cannot
        be used, where a damaged or newer file may be kept aside for a fresh one.
        """
        from moderator_app.gui import single_instance
        from moderator_app.gui.errors import already_open_text, describe_store
        from moderator_app.gui.store_problem import StoreProblemBox
        from moderator_app.store.db import (
            Database,
            DataInUse,
            SchemaTooNew,
            StoreCorrupt,
            StoreError,
            aside_name,
        )

        try:
            return Database.open(path, lock_wait=0)
        except DataInUse as exc:
            log.info("account already open in process %s", exc.holder_pid)
            rang = single_instance.ask_to_raise(path)
            StoreProblemBox.tell(self.window, already_open_text(rang))
            raise AccountNotOpened() from exc
        except (StoreCorrupt, SchemaTooNew) as exc:
            log.warning("database not opened: %s", exc)
            reason = "newer" if isinstance(exc, SchemaTooNew) else "corrupt"
            problem = describe_store(exc, aside_name(path, reason).name)
            if not StoreProblemBox.ask_fresh(self.window, problem):
                raise AccountNotOpened() from exc
            return Database.open(path, lock_wait=0, start_fresh=reason)
        except StoreError as exc:
            log.warning("database not opened: %s", exc)
            StoreProblemBox.tell(self.window, describe_store(exc))
            raise AccountNotOpened() from exc

    def start_demo(self) -> bool:
        """Show the demo, starting it first in the sign-in dialog, which stays awake,
        shows the progress, says a failure and can cancel. False: the user gave up."""
        if self.demo is not None:  # already running: just show it
            self.start_demo_context()
            return True
        return self.ask_sign_in(demo_now=True)

    def begin_demo(self) -> Any:
        """Start the demo site off the GUI thread; self.demo is set once it is up."""
        from moderator_app.gui.sign_in_demo import DemoStarter

        starter = DemoStarter(start_demo_for_window, self)
        starter.started.connect(self._on_demo_started)  # before the dialog's: it reads self.demo
        self._demo_starters.append(starter)
        starter.begin()
        return starter

    def _on_demo_started(self, session: DemoSession) -> None:
        if self.demo is not None:  # a second start came up too: one demo is enough
            session.close()
            return
        self.demo = session

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
        self._listen_for_second_starts(context)
        if old_window is not None:
            self.window.restoreGeometry(old_window.saveGeometry())
        if self.show_windows:
            self.window.show()  # before the old one closes, or Qt would quit
        if old_window is not None:
            self._close_window(old_window, old_context)

    def _listen_for_second_starts(self, context: Any) -> None:
        from moderator_app.gui.single_instance import RaiseListener

        if self.raise_listener is not None:
            self.raise_listener.close()
            self.raise_listener.deleteLater()
            self.raise_listener = None
        if getattr(context.db, "lock", None) is None:  # the demo: its own folder, no lock
            return
        self.raise_listener = RaiseListener(context.db.path, self)
        self.raise_listener.raise_requested.connect(self.bring_forward)

    def bring_forward(self) -> None:
        """Another start wanted this account: show the window that has it."""
        window = self.window
        if window is None:
            return
        if window.isMinimized():
            window.showNormal()
        window.raise_()
        window.activateWindow()

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
        except AccountNotOpened:  # the user was told why
            return
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
            # Closed first: its database lets go of the account's lock, so signing in
            # to the same account again can open it.
            if old_window is not None:
                self._close_window(old_window, old_context)
            chosen = self.start_other_than(ref)
        finally:
            app.setQuitOnLastWindowClosed(quit_on_close)
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
        # A demo still starting is cancelled and waited for, so no worker outlives the
        # app and no sandbox keeps serving.
        starters, self._demo_starters = self._demo_starters, []
        for starter in starters:
            starter.abandon()
        for starter in starters:
            if not starter.wait():
                log.warning("the demo start did not stop in time")
            starter.deleteLater()
        if self.window is not None:
            self._close_window(self.window, None)
        if self.context is not None and not self._is_demo_db(self.context):
            self.context.db.close()
        self.window = self.context = None
        if self.raise_listener is not None:
            self.raise_listener.close()
            self.raise_listener = None
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
    started = controller.start_demo() if getattr(args, "demo", False) else controller.start()
    if not started:  # the user closed the sign-in dialog (maybe while the demo started)
        controller.shutdown()
        return 0
    return int(app.exec())
