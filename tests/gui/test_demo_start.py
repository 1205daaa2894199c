"""Starting the demo: off the GUI thread, with progress, failures said, cancel cleans up."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
import requests
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from moderator_app.gui import app as app_mod
from moderator_app.gui.errors import Field
from moderator_app.gui.sign_in import DEMO, SignInDialog
from moderator_app.gui.sign_in_demo import DemoStarter
from moderator_app.gui.sync_jobs import last_sync_time
from moderator_app.gui.tasks import TaskControl
from moderator_app.platform import errors as pe
from moderator_app.sandbox import MODERATOR
from moderator_app.services import accounts

START_TIMEOUT_MS = 60_000


def sandbox_threads() -> int:
    return sum(1 for t in threading.enumerate() if t.name == "sandbox-http" and t.is_alive())


def demo_dialog(controller: app_mod.AppController, qtbot: QtBot) -> SignInDialog:
    dialog = controller.new_sign_in_dialog(None, None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


@pytest.fixture()
def dialogs_without_exec(
    controller: app_mod.AppController, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> list[SignInDialog]:
    """The real sign-in dialog, run until it closes, without exec()'s nested loop."""
    shown: list[SignInDialog] = []

    def run(ref: Any, parent: Any, *, demo_now: bool = False) -> tuple[int, Any]:
        assert demo_now, "these tests only start the demo"
        dialog = demo_dialog(controller, qtbot)
        shown.append(dialog)
        with qtbot.waitSignal(dialog.finished, timeout=START_TIMEOUT_MS) as closed:
            dialog.try_demo()
        return closed.args[0], dialog.result_value

    monkeypatch.setattr(controller, "sign_in_dialog", run)
    return shown


def test_demo_start_opens_the_window_on_a_synced_demo_account(
    controller: app_mod.AppController,
    dialogs_without_exec: list[SignInDialog],
    data_dir: Path,
    memory_keyring: Any,
) -> None:
    stale = data_dir / "demo" / "left-over.txt"
    stale.parent.mkdir(parents=True)
    stale.write_text("from an earlier demo")

    assert controller.start_demo()  # --demo: the dialog shows the start

    assert len(dialogs_without_exec) == 1
    window = controller.window
    assert window is not None and not window.isVisible()
    assert window.context.account.username == MODERATOR
    assert window.context.site_info.site_name == "Leerplein Demo"
    assert window.model.rowCount() > 0  # the demo's waiting posts, synced before showing
    assert window.model.rowCount() == app_mod.waiting_count(window.context.db)
    assert last_sync_time(window.context.db) is not None  # the status bar says when
    assert not stale.exists()  # a fresh demo at every start
    assert (data_dir / "demo" / "moderator.sqlite3").is_file()
    # The demo leaves the user's accounts and keyring alone.
    assert accounts.list_accounts() == []
    assert memory_keyring.secrets == {}

    sandbox_url = controller.demo.sandbox.url if controller.demo else ""
    controller.shutdown()
    with pytest.raises(requests.ConnectionError):
        requests.get(sandbox_url + "/login/token.php", timeout=5)


def test_the_event_loop_turns_while_the_demo_starts(
    controller: app_mod.AppController, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The start may only go on once a timer has fired on the GUI thread: run on that
    # thread, it would wait in vain and fail instead of starting.
    gate = threading.Event()
    real_start = app_mod.start_demo_for_window

    def gated_start(control: TaskControl) -> app_mod.DemoSession:
        if not gate.wait(timeout=10):
            raise AssertionError("no event loop turn while the demo was starting")
        return real_start(control)

    monkeypatch.setattr(app_mod, "start_demo_for_window", gated_start)
    dialog = demo_dialog(controller, qtbot)
    seen: list[tuple[bool, bool, str]] = []

    def tick() -> None:
        starting = dialog.demo_starter is not None
        seen.append((starting, dialog.demo_button.isEnabled(), dialog.busy_label.text()))
        gate.set()

    with qtbot.waitSignal(dialog.finished, timeout=START_TIMEOUT_MS) as closed:
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
        QTimer.singleShot(0, tick)

    assert seen == [(True, False, "Starting the demo site…")]  # busy, form locked
    assert closed.args == [DEMO]
    assert dialog.demo_session is controller.demo
    assert controller.demo is not None
    assert controller.demo.site_info.username == MODERATOR
    assert app_mod.waiting_count(controller.demo.db) > 0


def test_a_failed_start_is_said_in_the_dialog_which_stays_usable(
    controller: app_mod.AppController, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(base: Path | None = None, control: Any = None) -> Any:
        raise OSError("no free port")

    monkeypatch.setattr(app_mod, "start_demo", broken)
    dialog = demo_dialog(controller, qtbot)
    with qtbot.assertNotEmitted(dialog.finished):
        qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
        assert dialog.demo_starter is not None
        with qtbot.waitSignal(dialog.demo_starter.failed, timeout=START_TIMEOUT_MS):
            pass

    assert dialog.message(Field.GENERAL).startswith("The demo could not start.")
    assert dialog.isVisible() and dialog.demo_button.isEnabled()  # try again, or sign in
    assert dialog.url_edit.isEnabled()
    assert controller.demo is None and controller.window is None


def test_a_demo_whose_first_sync_failed_is_an_error_with_its_site_stopped(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    closed: list[bool] = []

    class Report:
        error = pe.Transient("timed out")
        offline = False

    class Session:
        sync_report = Report()

        def close(self) -> None:
            closed.append(True)

    monkeypatch.setattr(app_mod, "start_demo", lambda base=None, control=None: Session())
    with pytest.raises(pe.Transient):
        app_mod.start_demo_for_window(TaskControl())
    assert closed == [True]


def test_closing_the_dialog_while_the_demo_starts_stops_its_site(
    controller: app_mod.AppController, qtbot: QtBot
) -> None:
    before = sandbox_threads()
    dialog = demo_dialog(controller, qtbot)
    qtbot.mouseClick(dialog.demo_button, Qt.MouseButton.LeftButton)
    starter = dialog.demo_starter
    assert starter is not None
    with qtbot.waitSignal(starter.stage, check_params_cb=lambda s: s == "sync", timeout=30_000):
        pass  # the site is up and the first sync runs
    assert dialog.busy_label.text() == "Fetching the demo's courses and posts…"

    with qtbot.assertNotEmitted(starter.started), qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        controller.shutdown()  # the app quitting right after: waits for the worker

    assert sandbox_threads() == before  # no demo site left serving
    assert controller.demo is None and controller.window is None


# -- DemoStarter's hand-over, with a stand-in start ---------------------------------------


class FakeSession:
    def __init__(self) -> None:
        self.closed = False

    def close(self) -> None:
        self.closed = True


def test_a_session_made_but_not_yet_delivered_is_closed_when_abandoned(
    qtbot: QtBot, qapp: object
) -> None:
    session = FakeSession()
    starter = DemoStarter(lambda control: session)
    starter.begin()
    assert starter.wait()  # the worker is done; its result still waits in the event queue
    with qtbot.assertNotEmitted(starter.started, wait=50):
        starter.abandon()
    assert session.closed


def test_a_session_made_after_abandoning_is_closed_by_the_worker(
    qtbot: QtBot, qapp: object
) -> None:
    gate = threading.Event()
    session = FakeSession()

    def slow_start(control: TaskControl) -> FakeSession:
        gate.wait(timeout=10)
        return session  # a start that did not look at the cancel flag

    starter = DemoStarter(slow_start)
    starter.begin()
    starter.abandon()
    gate.set()
    with qtbot.assertNotEmitted(starter.started, wait=50), qtbot.assertNotEmitted(starter.failed):
        assert starter.wait()
    assert session.closed
