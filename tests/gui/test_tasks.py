"""The task runner: results and errors arrive on the GUI thread; cancel is a flag."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from moderator_app.gui.tasks import TaskControl, TaskRunner


@pytest.fixture
def runner(qapp):
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_result_arrives_on_the_gui_thread(runner, qtbot) -> None:
    worker_threads: list[object] = []
    seen_in: list[object] = []

    def work(control: TaskControl) -> int:
        worker_threads.append(QThread.currentThread())
        control.progress("half")
        return 42

    task = runner.run("answer", work)
    progress: list[object] = []
    task.progress.connect(progress.append)
    task.finished.connect(lambda _r: seen_in.append(QThread.currentThread()))
    with qtbot.waitSignal(task.finished) as done:
        pass
    assert done.args == [42]
    assert progress == ["half"]
    assert worker_threads[0] is not qapp_thread()
    assert seen_in == [qapp_thread()]


def qapp_thread() -> object:
    from PySide6.QtWidgets import QApplication

    return QApplication.instance().thread()


def test_errors_are_delivered_not_lost(runner, qtbot) -> None:
    def work(_control: TaskControl) -> None:
        raise ConnectionError("site unreachable")

    task = runner.run("fails", work)
    with qtbot.waitSignal(task.failed) as failed:
        pass
    assert isinstance(failed.args[0], ConnectionError)


def test_cancel_is_a_flag_the_work_checks(runner, qtbot) -> None:
    started = threading.Event()

    def work(control: TaskControl) -> str:
        started.set()
        control.cancel.wait(timeout=30)  # a page loop would check between pages
        return "interrupted" if control.cancel.is_set() else "finished"

    task = runner.run("long", work)
    assert started.wait(timeout=30)
    with qtbot.waitSignal(task.finished) as done:
        runner.cancel_all()
    assert done.args == ["interrupted"]


def test_busy_only_for_work_that_lasts(runner, qtbot) -> None:
    release = threading.Event()
    busy: list[bool] = []
    runner.busy_changed.connect(busy.append)
    task = runner.run("slow", lambda control: release.wait(timeout=30))
    with qtbot.waitSignal(task.show_progress, timeout=10_000):
        pass  # the progress bar is due (after PROGRESS_DELAY_MS), busy came before it
    assert busy == [True]
    with qtbot.waitSignal(runner.busy_changed) as idle:
        release.set()
    assert idle.args == [False]
