"""One way to run blocking work: a thread pool, results delivered by signals.

Background functions take plain values and return plain values; they never touch a
widget. Each gets a ``TaskControl`` with a cancel flag (a threading.Event the work
checks between steps) and a ``progress`` callback that crosses back to the GUI thread.
The window shows a busy state only when a task lasts longer than BUSY_DELAY_MS and a
progress bar only after PROGRESS_DELAY_MS, so quick work does not flicker.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)

BUSY_DELAY_MS = 300
PROGRESS_DELAY_MS = 600


@dataclass
class TaskControl:
    """What the background function gets: a cancel flag and a progress reporter."""

    cancel: threading.Event = field(default_factory=threading.Event)
    progress: Callable[[object], None] = lambda _value: None


class _Relay(QObject):
    """Lives in the GUI thread; the worker emits on it, Qt queues to the GUI thread."""

    done = Signal(object)
    error = Signal(object)
    progress = Signal(object)


class Task(QObject):
    """A running piece of work. Connect to its signals before the event loop turns."""

    finished = Signal(object)  # the function's return value
    failed = Signal(object)  # the exception it raised
    progress = Signal(object)  # whatever the function reported
    ended = Signal()  # after finished or failed, whichever came
    show_progress = Signal()  # the task has run long enough to deserve a progress bar

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.control = TaskControl()
        self.running = True
        self._relay = _Relay(self)
        queued = Qt.ConnectionType.QueuedConnection
        self._relay.done.connect(self._on_done, queued)
        self._relay.error.connect(self._on_error, queued)
        self._relay.progress.connect(self.progress, queued)
        self.control.progress = self._relay.progress.emit
        self._progress_timer = QTimer(self, singleShot=True, interval=PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.show_progress)
        self._progress_timer.start()

    def cancel(self) -> None:
        self.control.cancel.set()

    @Slot(object)
    def _on_done(self, result: object) -> None:
        self._end()
        self.finished.emit(result)
        self.ended.emit()

    @Slot(object)
    def _on_error(self, exc: object) -> None:
        self._end()
        self.failed.emit(exc)
        self.ended.emit()

    def _end(self) -> None:
        self.running = False
        self._progress_timer.stop()


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], task: Task) -> None:
        super().__init__()
        self._fn = fn
        self._control = task.control
        self._relay = task._relay

    def run(self) -> None:
        try:
            result = self._fn(self._control)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            log.debug("task failed: %s", type(exc).__name__)
            self._relay.error.emit(exc)
        else:
            self._relay.done.emit(result)


class TaskRunner(QObject):
    """Starts tasks on a private thread pool and says when the app is busy."""

    busy_changed = Signal(bool)  # True once some task has run for BUSY_DELAY_MS

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._tasks: set[Task] = set()
        self._busy = False
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._set_busy)

    @property
    def busy(self) -> bool:
        return self._busy

    def active(self) -> list[Task]:
        return list(self._tasks)

    def run(self, name: str, fn: Callable[[TaskControl], Any]) -> Task:
        """Run ``fn(control)`` off the GUI thread; its result arrives as Task.finished."""
        task = Task(name, self)
        self._tasks.add(task)
        task.ended.connect(lambda: self._forget(task))
        if not self._busy_timer.isActive() and not self._busy:
            self._busy_timer.start()
        self._pool.start(_Runnable(fn, task))
        return task

    def cancel_all(self) -> None:
        for task in self._tasks:
            task.cancel()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Cancel everything and wait for the workers (window closing)."""
        self.cancel_all()
        return self._pool.waitForDone(timeout_ms)

    def _forget(self, task: Task) -> None:
        self._tasks.discard(task)
        task.deleteLater()
        if not self._tasks:
            self._busy_timer.stop()
            if self._busy:
                self._busy = False
                self.busy_changed.emit(False)

    def _set_busy(self) -> None:
        if self._tasks and not self._busy:
            self._busy = True
            self.busy_changed.emit(True)
