"""The one way a service puts a write in the outbox: `enqueue`, and the ordering keys.

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
from moderator_app.sync.outbox_kinds import OutboxTarget

__all__ = ["OutboxTarget", "discussion_key", "enqueue", "message_key", "poll_key"]


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
