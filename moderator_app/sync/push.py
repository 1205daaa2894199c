"""The push: send outbox items in order, crash-safe, one sender at a time.

An item is claimed (marked `sending` by one conditional UPDATE, so of two senders,
threads or processes, only one gets it) and committed before its request goes out.
Inside a process pushes on one database file take turns (push_lock). An item found
`sending` is left alone until its request cannot land any more (SEND_SETTLE_SECONDS
after the claim); then, like an item whose last attempt may have been applied, it is
first looked for on the platform and only resent when it is not there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update

from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PlatformError,
    Transient,
)
from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.store import models as m
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op
from moderator_app.sync import push_lock
from moderator_app.sync.context import Offline, RunContext
from moderator_app.sync.pending_effects import ROWID
from moderator_app.sync.pull import fetch_thread, refresh_entry
from moderator_app.sync.report import PHASE_OUTBOX

log = logging.getLogger("moderator_app.sync")


class _StopPush(Exception):
    def __init__(self, error: PlatformError) -> None:
        super().__init__(str(error))
        self.error = error


def load_views(ctx: RunContext) -> list[op.ItemView]:
    with ctx.db.session() as s:
        rows = s.execute(
            select(
                m.OutboxItem.id,
                ROWID,
                m.OutboxItem.state,
                m.OutboxItem.ordering_key,
                m.OutboxItem.not_before,
                m.OutboxItem.last_error_code,
                m.OutboxItem.updated_at,
            )
            .where(m.OutboxItem.state.in_(op.OPEN_STATES))
            .order_by(m.OutboxItem.created_at, ROWID)
        ).all()
    return [
        op.ItemView(r[0], int(r[1]), r[2], r[3], int(r[4]), r[5], _claimed_at(r[2], r[6]))
        for r in rows
    ]


def _claimed_at(state: str, updated_at: int) -> int:
    # Nothing but the push touches a `sending` row, so its updated_at is the claim time.
    return int(updated_at) if state == op.SENDING else 0


def push(ctx: RunContext) -> None:
    """Send what may go now, after any other push of this process on the same file."""
    with push_lock.held(ctx.db.path, ctx.check_cancel):
        _push_locked(ctx)


def _push_locked(ctx: RunContext) -> None:
    """After each item look again, so the next of its key can follow."""
    tried: set[str] = set()
    done = 0
    while True:
        todo = [v for v in op.sendable(load_views(ctx), ctx.now()) if v.id not in tried]
        if not todo:
            break
        ctx.emit(PHASE_OUTBOX, done, done + len(todo))
        ctx.check_cancel()
        view = todo[0]
        tried.add(view.id)
        try:
            _send_one(ctx, view)
        except _StopPush as stop:
            if isinstance(stop.error, Transient):
                raise Offline(stop.error) from None
            raise stop.error from None
        done += 1
    ctx.emit(PHASE_OUTBOX, done, done)


@dataclass(frozen=True)
class _Claim:
    item: m.OutboxItem  # detached, as it was claimed
    claimed_at: int
    check_first: bool  # an earlier attempt may be on the site: look before sending


def _claim(ctx: RunContext, item_id: str) -> _Claim | None:
    """Mark the item `sending` and commit, if it is still ours to take.

    One conditional UPDATE each (SQLite runs writers one at a time): of two senders
    only one sees a row changed. An item another sender holds (`sending`, not yet
    abandoned), cancelled, finished or backing off meanwhile is not taken.
    """
    now = ctx.now()
    item = m.OutboxItem
    claim = {
        "state": op.SENDING,
        "attempts": item.attempts + 1,
        "updated_at": now,
        "claimed_at": now,
    }
    with ctx.db.session() as s:
        fresh = s.execute(
            update(item)
            .where(
                item.id == item_id,
                item.state.in_([op.PENDING, op.FAILED_RETRYABLE]),
                item.not_before <= now,
            )
            .values(**claim)
        )
        abandoned = False
        if not getattr(fresh, "rowcount", 0):
            # updated_at is the old claim time: only a request that cannot land any more.
            taken = s.execute(
                update(item)
                .where(
                    item.id == item_id,
                    item.state == op.SENDING,
                    item.updated_at <= now - SEND_SETTLE_SECONDS,
                )
                .values(**claim)
            )
            if not getattr(taken, "rowcount", 0):
                return None
            abandoned = True
        row = s.get(item, item_id)
        assert row is not None
        s.expunge(row)
    check = abandoned or row.last_error_code == op.MAYBE_APPLIED
    return _Claim(row, now, check)


def _send_one(ctx: RunContext, view: op.ItemView) -> bool:
    """Send (or confirm) one item. True when done."""
    claim = _claim(ctx, view.id)
    if claim is None:
        return True
    item = claim.item
    try:
        request = kinds.build_request(item.kind, item.payload)
        kind = kinds.kind_of(item.kind)
    except InvalidInput as exc:
        reason = f"{op.REASON_INVALID}: {exc.message}"
        _fail(ctx, item, op.Decision(op.FAILED_NEEDS_ATTENTION, "payload", reason))
        return False

    if claim.check_first:
        try:
            found = kind.find_applied(ctx.platform, request, item.created_at, ctx.user_id)
        except PlatformError as exc:
            # Cannot tell whether it arrived: keep it for a later check, never resend blind.
            first = op.classify(exc, attempts=item.attempts, now=ctx.now())
            decision = op.Decision(
                op.FAILED_RETRYABLE,
                op.MAYBE_APPLIED,
                exc.message,
                retry_at=first.retry_at or ctx.now(),
                stop_push=first.stop_push,
            )
            return _failed(ctx, item, decision, exc)
        if found is not None:
            log.info("outbox item %s was already applied (%s); not resending", item.id, item.kind)
            _done(ctx, item, request, found)
            ctx.report.outbox_confirmed += 1
            return True

    try:
        ref = kind.send(ctx.platform, request)
    except PlatformError as exc:
        decision = op.classify(
            exc, attempts=item.attempts, now=ctx.now(), locked=_is_locked(ctx, request, exc)
        )
        return _failed(ctx, item, op.after_send(decision, exc, claim.claimed_at), exc)
    _done(ctx, item, request, ref)
    ctx.report.outbox_sent += 1
    return True


def _failed(ctx: RunContext, item: m.OutboxItem, decision: op.Decision, exc: PlatformError) -> bool:
    log.info(
        "outbox item %s (%s): %s -> %s", item.id, item.kind, type(exc).__name__, decision.state
    )
    _fail(ctx, item, decision)
    if decision.stop_push:
        raise _StopPush(exc)
    return False


def _fail(ctx: RunContext, item: m.OutboxItem, decision: op.Decision) -> None:
    values: dict[str, Any] = {
        "state": decision.state,
        "last_error": decision.reason,
        "last_error_code": decision.code,
        "updated_at": ctx.now(),
    }
    if decision.state == op.FAILED_RETRYABLE:
        values["not_before"] = decision.retry_at
        ctx.report.outbox_retry += 1
    elif decision.state == op.FAILED_NEEDS_ATTENTION:
        ctx.report.outbox_needs_attention += 1
    elif decision.state == op.PENDING:
        values["attempts"] = max(0, item.attempts - 1)  # refused before anything happened
    with ctx.db.session() as s:
        s.execute(update(m.OutboxItem).where(*_still_ours(item)).values(**values))


def _still_ours(item: m.OutboxItem) -> tuple[Any, ...]:
    """The row as this push claimed it: a sender that stalled past the settle time and
    lost the item to another must not write over what that one found."""
    return (
        m.OutboxItem.id == item.id,
        m.OutboxItem.state == op.SENDING,
        m.OutboxItem.updated_at == item.updated_at,
    )


def _is_locked(ctx: RunContext, request: Any, exc: PlatformError) -> bool:
    """Whether a refused write's discussion is locked, looking on the site if need be.

    Moodle refuses a reply to a locked discussion and a reply without the right alike
    ("nopostforum"); the moderator should hear which. Our copy may not know of a lock
    (locking does not move a discussion in the list), so one list page is asked.
    """
    if _locally_locked(ctx, request):
        return True
    if not (isinstance(exc, PermissionDenied) and isinstance(request, kinds.ReplyRequest)):
        return False
    try:
        refresh_entry(ctx, request.discussion_id)
    except PlatformError as look:
        log.info("could not look up the lock state: %s", type(look).__name__)
        return False
    return _locally_locked(ctx, request)


def _locally_locked(ctx: RunContext, request: Any) -> bool:
    discussion_id = getattr(request, "discussion_id", None)
    if discussion_id is None:
        return False
    with ctx.db.session() as s:
        row = s.get(m.Discussion, discussion_id)
        return bool(row is not None and row.locked)


def _done(ctx: RunContext, item: m.OutboxItem, request: Any, ref: str) -> None:
    with ctx.db.session() as s:
        s.execute(
            update(m.OutboxItem)
            .where(*_still_ours(item))
            .values(
                state=op.DONE,
                result_ref=ref[:100],
                last_error=None,
                last_error_code=None,
                updated_at=ctx.now(),
            )
        )
    _apply_result(ctx, item.kind, request, ref)


def _apply_result(ctx: RunContext, kind: str, request: Any, ref: str) -> None:
    """Bring the local copy in line with what was just sent (the queue updates at once)."""
    effects = kinds.effects_of(kind)
    with ctx.db.session() as s:
        effects.sent(s, request, ref)
    discussion_id = effects.thread_to_refresh(request)
    if discussion_id is None:
        return
    try:
        fetch_thread(ctx, discussion_id)
    except (NotFound, AuthError):
        pass
    except PlatformError as exc:
        log.info("thread refresh after sending failed: %s", type(exc).__name__)
