"""SyncEngine: one account's pull and push, for a worker thread or the headless CLI."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import AuthError, PlatformError, Transient
from moderator_app.platform.types import DiscussionPosts
from moderator_app.store.db import Database
from moderator_app.sync import plan, pull, push, steps
from moderator_app.sync.context import Cancelled, Offline, RunContext
from moderator_app.sync.counting import CountingPlatform
from moderator_app.sync.report import ProgressCallback, SyncReport

log = logging.getLogger("moderator_app.sync")


# Threads fetched at once in the posts phase when the caller can make more clients:
# a real site answers in 100-300 ms, so one at a time leaves it and us idle. Modest,
# as the official app is: a site should not see a moderator as a load test.
DEFAULT_FETCHERS = 4


# after_pull(db, now): called once after a successful pull, before the push.
AfterPull = Callable[[Database, int], object]


def _unix_now() -> int:
    return int(time.time())


def _pull_all(ctx: RunContext) -> None:
    _pull_lists(ctx)
    steps.pull_polls(ctx)
    steps.pull_consent(ctx)
    pull.pull_posts(ctx)


def _pull_lists(ctx: RunContext) -> None:
    steps.refresh_account(ctx)
    pull.pull_lists(ctx)
    steps.pull_claims(ctx)  # who in the team answers what: part of the queue


def _push_all(ctx: RunContext) -> None:
    push.push(ctx)
    steps.reconcile_poll_drafts(ctx)


class SyncEngine:
    """Pull (lists, then posts in the background phase) and push (the outbox).

    No Qt: the GUI runs `run()` on a worker thread and sets `cancel` to stop it
    between pages. Offline and cancel end in a quiet report, never an exception;
    only bugs raise.
    """

    def __init__(
        self,
        db: Database,
        platform: Platform,
        *,
        account_user_id: int,
        progress: ProgressCallback | None = None,
        cancel: threading.Event | None = None,
        now: Callable[[], int] = _unix_now,
        reconcile_after: int = plan.RECONCILE_AFTER,
        platform_factory: Callable[[], Platform] | None = None,
        fetchers: int = DEFAULT_FETCHERS,
        poll_results_every: int = 3600,
        after_pull: AfterPull | None = None,
    ) -> None:
        self.db = db
        self.platform = CountingPlatform(platform)
        self.account_user_id = account_user_id
        self.progress = progress
        self.cancel = cancel if cancel is not None else threading.Event()
        self.now = now
        self.reconcile_after = reconcile_after
        self.platform_factory = platform_factory
        self.fetchers = fetchers  # used only with a platform_factory
        # Seconds between reads of an unchanged open poll's results (sync/poll_pull.py).
        self.poll_results_every = poll_results_every
        # What upper layers make of a pull before the push goes (e.g. consent withdrawals
        # from the site's policy answers queue their retractions): sync cannot import them.
        self.after_pull = after_pull

    def _context(self) -> RunContext:
        return RunContext(
            db=self.db,
            platform=self.platform,
            user_id=self.account_user_id,
            report=SyncReport(),
            cancel=self.cancel,
            now=self.now,
            progress=self.progress,
            reconcile_after=self.reconcile_after,
            platform_factory=self.platform_factory,
            fetchers=self.fetchers,
            poll_results_every=self.poll_results_every,
        )

    def run(self) -> SyncReport:
        """Pull, then push. The outbox waits when the pull ended offline or cancelled."""
        ctx = self._context()
        if self._guarded(ctx, lambda: _pull_all(ctx)):
            if self.after_pull is not None:
                self.after_pull(self.db, ctx.now())
            self._guarded(ctx, lambda: _push_all(ctx))
        return self._finish(ctx)

    def pull(self) -> SyncReport:
        ctx = self._context()
        self._guarded(ctx, lambda: _pull_all(ctx))
        return self._finish(ctx)

    def pull_lists(self) -> SyncReport:
        """Only what the queue needs (no posts): for a quick refresh."""
        ctx = self._context()
        self._guarded(ctx, lambda: _pull_lists(ctx))
        return self._finish(ctx)

    def push(self) -> SyncReport:
        ctx = self._context()
        self._guarded(ctx, lambda: _push_all(ctx))
        return self._finish(ctx)

    def fetch_thread(self, discussion_id: int) -> DiscussionPosts:
        """Posts of one discussion, stored; for opening a thread. Raises PlatformError."""
        return pull.fetch_thread(self._context(), discussion_id)

    def _guarded(self, ctx: RunContext, step: Callable[[], object]) -> bool:
        """Run a step; turn cancel, offline and run-wide failures into the report."""
        try:
            step()
            return True
        except Cancelled:
            log.info("sync cancelled")
            ctx.report.interrupted = True
        except Offline as exc:
            log.info("sync stopped: offline")
            ctx.report.offline = True
            ctx.report.error = exc.error
        except Transient as exc:
            log.info("sync stopped: offline at a fixed call")
            ctx.report.offline = True
            ctx.report.error = exc
        except AuthError as exc:
            log.info("sync stopped: not signed in (%s)", exc.code or "-")
            ctx.report.error = exc
        except PlatformError as exc:
            log.info("sync stopped: %s", type(exc).__name__)
            ctx.report.error = exc
        return False

    def _finish(self, ctx: RunContext) -> SyncReport:
        ctx.report.requests = self.platform.total
        ctx.report.requests_by_function = dict(self.platform.counts)
        self.platform.counts.clear()
        return ctx.report
