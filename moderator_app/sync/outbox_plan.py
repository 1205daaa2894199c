"""Pure decisions of the outbox push: which items go now, what a failure means, backoff.

The worker (sync/push.py) only sends what these functions choose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PlatformError,
    ProtocolError,
    Transient,
    Unavailable,
)
from moderator_app.platform.limits import SEND_SETTLE_SECONDS

PENDING = "pending"
SENDING = "sending"
DONE = "done"
FAILED_RETRYABLE = "failed_retryable"
FAILED_NEEDS_ATTENTION = "failed_needs_attention"

OPEN_STATES = frozenset({PENDING, SENDING, FAILED_RETRYABLE, FAILED_NEEDS_ATTENTION})
# The user may cancel or retry only what is not on its way.
CANCELLABLE_STATES = frozenset({PENDING, FAILED_RETRYABLE, FAILED_NEEDS_ATTENTION})

# last_error_code of an item whose request may have been applied: check before resending.
MAYBE_APPLIED = "maybe_applied"

# Reasons stored for failed_needs_attention (the GUI words them).
REASON_LOCKED = "locked"
REASON_DELETED = "deleted"
REASON_PERMISSION = "permission"
REASON_INVALID = "invalid"
REASON_UNAVAILABLE = "unavailable"

BACKOFF_FIRST = 30
BACKOFF_MAX = 3600


@dataclass(frozen=True)
class ItemView:
    """What the planner needs of an outbox row (seq: creation order, ties broken).

    claimed_at: when a `sending` item was claimed (its updated_at), 0 otherwise.
    """

    id: str
    seq: int
    state: str
    ordering_key: str | None
    not_before: int
    last_error_code: str | None = None
    claimed_at: int = 0


@dataclass(frozen=True)
class Decision:
    """The state an item moves to after a failed send."""

    state: str
    code: str  # stored in last_error_code
    reason: str  # stored in last_error, with the platform's message
    retry_at: int = 0  # not_before for a retry
    stop_push: bool = False  # no point sending anything else now (offline, signed out)


def backoff(attempts: int) -> int:
    """Seconds to wait before attempt `attempts + 1`: 30 s, 60 s, ... at most an hour."""
    return int(min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** max(0, attempts - 1)))


def settles_at(claimed_at: int) -> int:
    """When a request sent at `claimed_at` can no longer land on the site."""
    return claimed_at + SEND_SETTLE_SECONDS


def abandoned(item: ItemView, now: int) -> bool:
    """A `sending` item whose request cannot land any more: its sender died or gave up.

    Before that the request may still be on its way (another sender, or one killed
    mid-request whose server finishes the work): taking the item then posts twice.
    """
    return item.state == SENDING and now >= settles_at(item.claimed_at)


# Transient codes of a write that went out and got no answer (moodle_http.py): the
# site may still be working on it. An answer, even an error page, means it is done.
UNANSWERED_CODES = frozenset({"timeout", "connection", "deadline"})


def after_send(decision: Decision, error: PlatformError, claimed_at: int) -> Decision:
    """A write that got no answer is not looked for before it settles.

    It can still land after we gave up; a look before then finds nothing and the
    resend doubles it.
    """
    unanswered = isinstance(error, Transient) and error.code in UNANSWERED_CODES
    if decision.code != MAYBE_APPLIED or not unanswered:
        return decision
    return replace(decision, retry_at=max(decision.retry_at, settles_at(claimed_at)))


def sendable(items: Sequence[ItemView], now: int) -> list[ItemView]:
    """Items to send now, in order.

    Per ordering key only the oldest unfinished item may go: a later reply waits for
    the first (even while the first waits for attention or is being sent). Scheduled
    items (not_before in the future), items backing off and items being sent are left
    alone; a `sending` item goes again only once abandoned (then it is looked for
    first).
    """
    blocked: set[str] = set()
    chosen: list[ItemView] = []
    for item in sorted(items, key=lambda i: i.seq):
        if item.state not in OPEN_STATES:
            continue
        key = item.ordering_key
        if key is not None:
            if key in blocked:
                continue
            blocked.add(key)
        if item.state == FAILED_NEEDS_ATTENTION or item.not_before > now:
            continue
        if item.state == SENDING and not abandoned(item, now):
            continue
        chosen.append(item)
    return chosen


def classify(error: PlatformError, *, attempts: int, now: int, locked: bool = False) -> Decision:
    """What a failed send means for the item (attempts: including this one)."""
    message = error.message
    if isinstance(error, Transient):
        code = (
            MAYBE_APPLIED if getattr(error, "maybe_applied", False) else (error.code or "transient")
        )
        return Decision(
            FAILED_RETRYABLE, code, message, retry_at=now + backoff(attempts), stop_push=True
        )
    if isinstance(error, AuthError):
        # Nothing was applied; the item waits, unchanged, for the next sign-in.
        return Decision(PENDING, error.code or "auth", message, stop_push=True)
    if isinstance(error, ProtocolError):
        # The answer made no sense: the write may have happened. Check before resending.
        return Decision(FAILED_RETRYABLE, MAYBE_APPLIED, message, retry_at=now + backoff(attempts))
    if isinstance(error, NotFound):
        return Decision(
            FAILED_NEEDS_ATTENTION, error.code or "notfound", f"{REASON_DELETED}: {message}"
        )
    if isinstance(error, PermissionDenied):
        # Moodle says "nopostforum" for a locked discussion and for a lost right alike;
        # the discussion's lock flag tells them apart.
        reason = REASON_LOCKED if locked else REASON_PERMISSION
        return Decision(FAILED_NEEDS_ATTENTION, error.code or "permission", f"{reason}: {message}")
    if isinstance(error, Unavailable):
        return Decision(
            FAILED_NEEDS_ATTENTION, error.code or "unavailable", f"{REASON_UNAVAILABLE}: {message}"
        )
    if isinstance(error, InvalidInput):
        return Decision(
            FAILED_NEEDS_ATTENTION, error.code or "invalid", f"{REASON_INVALID}: {message}"
        )
    return Decision(FAILED_RETRYABLE, MAYBE_APPLIED, message, retry_at=now + backoff(attempts))


def reason_of(last_error: str | None) -> str | None:
    """The reason word stored in front of a needs-attention message."""
    if not last_error or ":" not in last_error:
        return None
    word = last_error.split(":", 1)[0]
    known = {REASON_LOCKED, REASON_DELETED, REASON_PERMISSION, REASON_INVALID, REASON_UNAVAILABLE}
    return word if word in known else None
