"""The outbox in two numbers: what waits to be sent, and what is scheduled for later.

A prompt scheduled for next Monday is not a reply stuck in the outbox, so the status
bar shows the two apart. "Scheduled" is a pending item whose `not_before` is still in
the future. A failed item backing off before its retry also has a future `not_before`,
but it is a write that should have gone already: it counts as waiting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from sqlalchemy import and_, case, func, select

from moderator_app.services.outbox_queue import OPEN_STATES, PENDING
from moderator_app.store import models as m
from moderator_app.store.db import Database


@dataclass(frozen=True)
class OutboxCounts:
    waiting: int  # goes (or is retried, or needs attention) at the next sync
    scheduled: int  # pending, its time has not come yet

    @property
    def total(self) -> int:
        return self.waiting + self.scheduled


def count_outbox(db: Database, now: int | None = None) -> OutboxCounts:
    """Count the open outbox items, split at `now` (default: the clock), in one query."""
    moment = int(time.time()) if now is None else now
    item = m.OutboxItem
    is_scheduled = and_(item.state == PENDING, item.not_before > moment)
    query = select(
        func.count(item.id),
        func.coalesce(func.sum(case((is_scheduled, 1), else_=0)), 0),
    ).where(item.state.in_(OPEN_STATES))
    with db.session() as session:
        total, scheduled = session.execute(query).one()
    return OutboxCounts(waiting=int(total) - int(scheduled), scheduled=int(scheduled))
