"""Keep the moderator's unsent lock, pin and delete (any kind whose `show` lays a
wanted state over the local copy) visible through a pull.

The outbox shows these at once (services/outbox.py); a pull that stores the platform's
copy of the same discussion or posts would undo that until the item is sent, and for
an item that waits (offline, backoff, needs attention) that could be a long time. So
after each stored page the open items' wanted state is laid over the platform's again.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import ColumnClause, Integer, literal_column, select
from sqlalchemy.orm import Session

from moderator_app.platform.errors import InvalidInput
from moderator_app.store import models as m
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op

# SQLite's rowid grows with every insert: creation order, with ties in the same second broken.
ROWID: ColumnClause[int] = literal_column("outbox.rowid", Integer)


def reapply(session: Session, discussion_ids: Iterable[int]) -> set[int]:
    """Lay open items with a local state over these discussions; returns the ones touched."""
    ids = set(discussion_ids)
    if not ids:
        return set()
    items = session.execute(
        select(m.OutboxItem.kind, m.OutboxItem.payload)
        .where(
            m.OutboxItem.state.in_(op.OPEN_STATES),
            m.OutboxItem.target_type == kinds.TARGET_DISCUSSION,
            m.OutboxItem.target_id.in_(ids),
        )
        .order_by(m.OutboxItem.created_at, ROWID)  # the last wish wins
    ).all()
    touched: set[int] = set()
    for kind, payload in items:
        try:
            request = kinds.build_request(kind, payload)
        except InvalidInput:
            continue
        if kinds.effects_of(kind).show(session, request):
            touched.add(request.discussion_id)
    return touched
