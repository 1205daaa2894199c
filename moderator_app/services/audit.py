"""Audit events: every share, retraction, consent change, reveal and dismissal.

`detail` holds ids, counts and the moderator's own words (a dismissal reason), never
post text or learner names: the audit trail is exported for access requests and
must not become a second copy of learner work.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from moderator_app.store.models import AuditEvent


def record(
    session: Session,
    actor: str,
    kind: str,
    course_id: int | None = None,
    learner_id: int | None = None,
    detail: Mapping[str, Any] | None = None,
    *,
    at: int | None = None,
) -> AuditEvent:
    """Add an event to the session's transaction, so it commits with the action it records."""
    if not actor or not kind:
        raise ValueError("an audit event needs an actor and a kind")
    event = AuditEvent(
        at=int(time.time()) if at is None else at,
        actor=actor,
        kind=kind,
        course_id=course_id,
        learner_id=learner_id,
        detail=json.dumps(dict(detail or {}), sort_keys=True, ensure_ascii=False),
    )
    session.add(event)
    return event


def events(
    session: Session,
    *,
    learner_id: int | None = None,
    course_id: int | None = None,
    kinds: Sequence[str] = (),
) -> list[AuditEvent]:
    """Events oldest first, optionally for one learner, one course or some kinds."""
    # Ids are UUIDs; within one second the insertion order (rowid) is the real order.
    query = select(AuditEvent).order_by(AuditEvent.at, literal_column("audit_event.rowid"))
    if learner_id is not None:
        query = query.where(AuditEvent.learner_id == learner_id)
    if course_id is not None:
        query = query.where(AuditEvent.course_id == course_id)
    if kinds:
        query = query.where(AuditEvent.kind.in_(kinds))
    return list(session.scalars(query))


def detail_of(event: AuditEvent) -> dict[str, Any]:
    value = json.loads(event.detail or "{}")
    return value if isinstance(value, dict) else {}
