"""The background jobs the window runs: sync, fetch a thread, send a reply.

Each ``*_job`` returns a function for TaskRunner.run: it takes the TaskControl, builds
a fresh platform from the context's factory (never shared between threads) and
returns plain values. The small store reads here (outbox state, last sync time) are
short sessions the window calls on the GUI thread.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from moderator_app.gui.context import AppContext
from moderator_app.gui.errors import describe
from moderator_app.gui.notifier import new_waiting_ids
from moderator_app.gui.status_bar import Importance
from moderator_app.gui.tasks import TaskControl
from moderator_app.platform.errors import AuthError, PolicyNotAgreed
from moderator_app.services.outbox import ItemOutcome, OutboxService, pending_reply_discussions
from moderator_app.services.outbox_counts import OutboxCounts, count_outbox
from moderator_app.store import models
from moderator_app.sync.report import SyncReport

log = logging.getLogger(__name__)

LAST_SYNC_KEY = "gui.last_sync_at"


@dataclass(frozen=True)
class SyncOutcome:
    report: SyncReport
    new_waiting: list[int]


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("SyncJobs", text, None, n)


def account_user_id(context: AppContext) -> int:
    if context.site_info is not None:
        return int(context.site_info.user_id)
    with context.db.session() as session:
        account = session.scalars(select(models.Account)).first()
        return int(account.user_id) if account is not None else 0


def _engine(context: AppContext, user_id: int, control: TaskControl | None = None) -> object:
    from moderator_app.services.consent_sync import after_sync
    from moderator_app.sync import SyncEngine

    return SyncEngine(
        context.db,
        context.platform_factory(),
        account_user_id=user_id,
        platform_factory=context.platform_factory,  # the posts phase's parallel fetchers
        progress=control.progress if control else None,
        cancel=control.cancel if control else None,
        poll_results_every=context.settings.poll_results_minutes * 60,
        after_pull=after_sync(context.account.username),  # policy withdrawals retract copies
    )


def sync_job(context: AppContext) -> Callable[[TaskControl], SyncOutcome]:
    user_id = account_user_id(context)
    db = context.db

    def work(control: TaskControl) -> SyncOutcome:
        report: SyncReport = _engine(context, user_id, control).run()  # type: ignore[attr-defined]
        if not report.offline and report.error is None:
            _set_value(db, LAST_SYNC_KEY, str(int(time.time())))
        return SyncOutcome(report, new_waiting_ids(db))

    return work


def fetch_thread_job(context: AppContext, discussion_id: int) -> Callable[[TaskControl], object]:
    user_id = account_user_id(context)

    def work(_control: TaskControl) -> object:
        return _engine(context, user_id).fetch_thread(discussion_id)  # type: ignore[attr-defined]

    return work


@dataclass(frozen=True)
class ReplyOutcome:
    """What became of a reply the window queued: its item's outcome after the push."""

    item: ItemOutcome
    offline: bool  # the push ended offline (the site could not be reached)
    error: object = None  # what stopped the push (an AuthError: sign in again)


def send_reply_job(
    context: AppContext, outbox: OutboxService, item_id: str
) -> Callable[[TaskControl], ReplyOutcome]:
    """Push the outbox now (after any push already running); then read the reply's item."""
    user_id = account_user_id(context)

    def work(_control: TaskControl) -> ReplyOutcome:
        # push() fetches the thread after a reply, so the discussion stops waiting.
        report: SyncReport = _engine(context, user_id).push()  # type: ignore[attr-defined]
        return ReplyOutcome(outbox.outcome(item_id), report.offline, report.error)

    return work


def pending_reply_ids(db: object) -> frozenset[int]:
    """Discussions with a reply still in the outbox (not yet confirmed sent)."""
    with db.session() as session:  # type: ignore[attr-defined]
        return frozenset(pending_reply_discussions(session))


def outbox_count(outbox: OutboxService) -> OutboxCounts:
    """What the status bar shows: waiting apart from scheduled, by the window's clock."""
    return count_outbox(outbox.db, outbox.now())


def last_sync_time(db: object) -> int | None:
    with db.session() as session:  # type: ignore[attr-defined]
        row = session.get(models.KeyValue, LAST_SYNC_KEY)
        return int(row.value) if row is not None and row.value.isdigit() else None


def _set_value(db: object, key: str, value: str) -> None:
    with db.session() as session:  # type: ignore[attr-defined]
        row = session.get(models.KeyValue, key)
        if row is None:
            session.add(models.KeyValue(key=key, value=value))
        else:
            row.value = value


def describe_failure(error: object) -> str:
    if isinstance(error, BaseException):
        return describe(error).text
    return _tr("The sync failed.")


def describe_report(report: SyncReport) -> str:
    """One line for the status bar; empty when everything went well."""
    if report.error is not None:
        return describe_failure(report.error)
    if report.offline:
        return _tr("Offline: you see what is stored here; the outbox waits for the next sync.")
    if report.interrupted:
        return _tr("Sync stopped.")
    parts = []
    if report.failures:
        parts.append(_tr("%n forum(s) could not be synced.", len(report.failures)))
    if report.outbox_needs_attention:
        parts.append(_tr("%n outbox item(s) need your attention.", report.outbox_needs_attention))
    if report.polls_error is not None:
        parts.append(_tr("Polls were not updated: %1").replace("%1", report.polls_error.message))
    return " ".join(parts)


def report_importance(report: SyncReport) -> Importance:
    """How much describe_report's line matters: the status bar lets it outrank less."""
    error = report.error
    if isinstance(error, AuthError) and not isinstance(error, PolicyNotAgreed):
        return Importance.SAFETY  # nothing syncs until the moderator signs in again
    if report.outbox_needs_attention:
        return Importance.SAFETY  # a write of theirs did not go: it must not go unseen
    if error is not None or report.offline or report.failures or report.polls_error:
        return Importance.CONNECTIVITY
    return Importance.INFORMATION
