"""Starting the demo site off the GUI thread, for the sign-in dialog's "Try the demo".

Starting the sandbox, signing in and the first sync take seconds; on the GUI thread
the window would freeze. `DemoStarter` runs the start as a task and hands over the
running session by a signal. Abandoning it (the dialog closed, the app quitting)
cancels the start, and a session that still arrives is closed at once, so no sandbox
is left serving; `wait()` lets the app wait for the worker before it exits.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from moderator_app.gui.tasks import Task, TaskControl, TaskRunner

log = logging.getLogger(__name__)

StartFn = Callable[[TaskControl], Any]  # returns a session with close()


class DemoStarter(QObject):
    stage = Signal(str)  # "site", then "sync": what the start is doing now
    started = Signal(object)  # the running session; from here on the receiver owns it
    failed = Signal(object)  # the exception; nothing is left running

    def __init__(self, start: StartFn, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start = start
        self._runner = TaskRunner(self, max_threads=1)
        # Guards the hand-over between the worker and abandon() on the GUI thread.
        self._lock = threading.Lock()
        self._abandoned = False
        self._unclaimed: Any = None  # made by the worker, not yet handed over
        self.task: Task | None = None

    @property
    def running(self) -> bool:
        return self.task is not None

    def begin(self) -> None:
        self.task = self._runner.run("demo start", self._work)
        self.task.progress.connect(self._on_progress)
        self.task.finished.connect(self._on_finished)
        self.task.failed.connect(self._on_failed)

    def abandon(self) -> None:
        """Nobody wants the demo any more: cancel, and close whatever still comes."""
        with self._lock:
            self._abandoned = True
            session, self._unclaimed = self._unclaimed, None
        self._runner.cancel_all()
        if session is not None:  # made, but its delivery had not arrived yet
            session.close()

    def wait(self, timeout_ms: int = 10_000) -> bool:
        """Wait for the worker (after abandon(): quick, it stops at the next step)."""
        return self._runner.shutdown(timeout_ms)

    # -- the worker thread ---------------------------------------------------------

    def _work(self, control: TaskControl) -> Any:
        session = self._start(control)
        with self._lock:
            if not self._abandoned:
                self._unclaimed = session
                return session
        session.close()  # abandoned while it was starting
        return None

    # -- back on the GUI thread ----------------------------------------------------

    def _on_progress(self, value: object) -> None:
        if isinstance(value, str):  # the sync's own Progress objects are not stages
            self.stage.emit(value)

    def _on_finished(self, session: object) -> None:
        self.task = None
        with self._lock:
            self._unclaimed = None
            abandoned = self._abandoned
        if session is not None and not abandoned:
            self.started.emit(session)

    def _on_failed(self, error: object) -> None:
        self.task = None
        if self._abandoned:
            return  # the cancel we asked for
        details = error if isinstance(error, BaseException) else None
        log.warning("the demo could not start: %s", type(error).__name__, exc_info=details)
        self.failed.emit(error)
