"""An item's outcome is read from the item: sent, waiting, being sent, refused, gone."""

from __future__ import annotations

from moderator_app.services.outbox import ItemOutcome, OutboxService, Outcome
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_plan as op


def _set(db: Database, item_id: str, state: str, error: str | None, code: str | None) -> None:
    with db.session() as s:
        item = s.get(m.OutboxItem, item_id)
        assert item is not None
        item.state, item.last_error, item.last_error_code = state, error, code


def test_outcome_follows_the_item(db: Database, outbox: OutboxService) -> None:
    item = outbox.reply(110, 1102, "Goed gevonden!")
    assert outbox.outcome(item) == ItemOutcome(Outcome.WAITING)
    _set(db, item, op.SENDING, None, None)
    assert outbox.outcome(item) == ItemOutcome(Outcome.BEING_SENT)
    _set(db, item, op.FAILED_RETRYABLE, "no answer", op.MAYBE_APPLIED)
    assert outbox.outcome(item) == ItemOutcome(Outcome.WAITING, maybe_applied=True)
    _set(db, item, op.FAILED_NEEDS_ATTENTION, "locked: nopostforum", "nopostforum")
    assert outbox.outcome(item) == ItemOutcome(Outcome.REFUSED, reason=op.REASON_LOCKED)
    _set(db, item, op.DONE, None, None)
    assert outbox.outcome(item) == ItemOutcome(Outcome.SENT)

    other = outbox.reply(110, 1102, "Nog iets")
    outbox.cancel(other)
    assert outbox.outcome(other) == ItemOutcome(Outcome.GONE)
