"""What every step of one sync run shares: store, platform, report, progress and cancel."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import PlatformError, Transient
from moderator_app.store.db import Database
from moderator_app.sync.counting import CountingPlatform
from moderator_app.sync.report import Progress, ProgressCallback, SyncReport

log = logging.getLogger("moderator_app.sync")

# Two failures in a row that look like the network: stop, we are offline.
OFFLINE_STREAK = 2


class Stopped(Exception):
    """Ends a run early and quietly (caught by the engine, never reaches the caller)."""


class Cancelled(Stopped):
    pass


class Offline(Stopped):
    def __init__(self, error: PlatformError) -> None:
        super().__init__(str(error))
        self.error = error


@dataclass
class RunContext:
    db: Database
    platform: CountingPlatform
    user_id: int
    report: SyncReport
    cancel: threading.Event
    now: Callable[[], int]
    progress: ProgressCallback | None = None
    # Clients for the posts phase's parallel fetchers (None: fetch on `platform` alone).
    platform_factory: Callable[[], Platform] | None = None
    fetchers: int = 1
    reconcile_after: int = 6 * 3600  # see plan.RECONCILE_AFTER; 0: check everything each run
    # Full listings for deletions in this run: one, unless counts drifted (those go anyway).
    reconcile_budget: int = 1
    # How often an unchanged open poll's results are read again (Settings.poll_results_minutes).
    poll_results_every: int = 3600
    # Courses whose participants were fetched in this run (at most once each).
    participants_done: set[int] = field(default_factory=set)
    _transient_streak: int = 0

    def emit(self, phase: str, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(Progress(phase, done, total))

    def check_cancel(self) -> None:
        if self.cancel.is_set():
            raise Cancelled()

    def succeeded(self) -> None:
        self._transient_streak = 0

    def transient(self, error: Transient) -> None:
        """One more network-like failure; raise Offline when they keep coming."""
        self._transient_streak += 1
        log.info("transient failure %s (%s in a row)", error.code or "-", self._transient_streak)
        if self._transient_streak >= OFFLINE_STREAK:
            raise Offline(error)
