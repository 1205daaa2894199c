"""The outbox as services see it: `enqueue_action` (or `enqueue` for a ready payload),
the ordering keys, and the typed requests, kind names and states a service needs.

Services import these from here, not from the sync modules that send the items, so
the push can change inside without touching every service that queues a write.

Every service (replies, new discussions, shares and their retractions, consent
requests, polls) writes its item here, in the caller's transaction, so a row is
always born the same way: `pending`, stamped with the caller's clock, its payload
checked against its kind (a row the push could not read is refused now, not found
`failed_needs_attention` later). Items with the same ordering key go strictly in
order; the keys are built here, not spelled out in each service. What an item acts
on (a discussion, forum or user) is stored as columns from its `OutboxTarget`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from moderator_app.store import models as m
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op
from moderator_app.sync.claim_push import KIND_CLAIM, ClaimRequest, claim_key
from moderator_app.sync.outbox_kinds import (
    KIND_DELETE,
    KIND_DISCUSSION,
    KIND_LOCK,
    KIND_PIN,
    KIND_REPLY,
    DeleteRequest,
    DiscussionRequest,
    LockRequest,
    OutboxTarget,
    PinRequest,
    ReplyRequest,
    payload_json,
)
from moderator_app.sync.outbox_plan import (
    CANCELLABLE_STATES,
    DONE,
    MAYBE_APPLIED,
    OPEN_STATES,
    PENDING,
)
from moderator_app.sync.poll_push import POLL_KIND, reconcile_drafts, spec_to_payload
from moderator_app.sync.share_push import (
    KIND_CONSENT_REQUEST,
    KIND_RETRACTION,
    ConsentRequestMessage,
    RetractionRequest,
)

__all__ = [
    "CANCELLABLE_STATES",
    "KIND_CLAIM",
    "ClaimRequest",
    "claim_key",
    "DONE",
    "KIND_CONSENT_REQUEST",
    "KIND_DELETE",
    "KIND_DISCUSSION",
    "KIND_LOCK",
    "KIND_PIN",
    "KIND_REPLY",
    "KIND_RETRACTION",
    "MAYBE_APPLIED",
    "OPEN_STATES",
    "PENDING",
    "POLL_KIND",
    "ConsentRequestMessage",
    "DeleteRequest",
    "DiscussionRequest",
    "LockRequest",
    "OutboxTarget",
    "PinRequest",
    "ReplyRequest",
    "RetractionRequest",
    "discussion_key",
    "enqueue",
    "enqueue_action",
    "message_key",
    "payload_json",
    "poll_key",
    "reconcile_drafts",
    "spec_to_payload",
]


def discussion_key(discussion_id: int) -> str:
    """One discussion's writes (replies, lock, pin, delete) go in order."""
    return f"discussion:{discussion_id}"


def message_key(user_id: int) -> str:
    """Messages to one person go in order."""
    return f"message:{user_id}"


def poll_key(draft_id: str) -> str:
    return f"poll:{draft_id}"


def enqueue(
    session: Session,
    kind: str,
    payload: str,
    *,
    now: int,
    ordering_key: str | None = None,
    not_before: int = 0,
    local_ref: str | None = None,
    target: kinds.OutboxTarget | None = None,
) -> m.OutboxItem:
    """Add a pending item (flushed: its id is set). InvalidInput if the push could not
    read the payload as `kind` (an unknown kind, or fields that do not fit)."""
    kinds.build_request(kind, payload)
    item = m.OutboxItem(
        kind=kind,
        payload=payload,
        state=op.PENDING,
        ordering_key=ordering_key,
        created_at=now,
        updated_at=now,
        not_before=not_before,
        attempts=0,
        local_ref=local_ref,
        target_type=target.type if target is not None else None,
        target_id=target.id if target is not None else None,
    )
    session.add(item)
    session.flush()
    return item


def enqueue_action(
    session: Session,
    kind: str,
    action: object,
    *,
    now: int,
    ordering_key: str | None = None,
    not_before: int = 0,
    local_ref: str | None = None,
    target: OutboxTarget | None = None,
) -> m.OutboxItem:
    """`enqueue` a typed request (a dataclass of the kind's fields) as its payload."""
    return enqueue(
        session,
        kind,
        payload_json(action),
        now=now,
        ordering_key=ordering_key,
        not_before=not_before,
        local_ref=local_ref,
        target=target,
    )
