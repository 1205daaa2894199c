"""Outbox counts: waiting to be sent apart from scheduled for later."""

from __future__ import annotations

from moderator_app.services.outbox import OutboxService
from moderator_app.services.outbox_counts import OutboxCounts, count_outbox
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_plan as op
from tests.services.prompt_support import NOW, H


def _item(db: Database, state: str, not_before: int = 0) -> None:
    with db.session() as s:
        s.add(
            m.OutboxItem(
                kind="reply",
                payload="{}",
                state=state,
                created_at=NOW - H,
                updated_at=NOW - H,
                not_before=not_before,
            )
        )


def test_an_empty_outbox_counts_nothing(db: Database) -> None:
    assert count_outbox(db, NOW) == OutboxCounts(waiting=0, scheduled=0)


def test_a_post_scheduled_for_later_is_not_counted_as_waiting(db: Database) -> None:
    outbox = OutboxService(db, "mila", now=lambda: NOW)
    outbox.start_discussion(11, "Stelling", "Eens of oneens?")  # goes at the next sync
    outbox.start_discussion(11, "Week 2", "Wat viel op?", not_before=NOW + 24 * H)
    outbox.start_discussion(12, "Week 3", "En nu?", not_before=NOW + 48 * H)

    counts = count_outbox(db, NOW)

    assert counts == OutboxCounts(waiting=1, scheduled=2)
    assert counts.total == outbox.count_open() == 3


def test_a_scheduled_post_waits_once_its_time_has_come(db: Database) -> None:
    _item(db, op.PENDING, not_before=NOW + H)
    assert count_outbox(db, NOW) == OutboxCounts(waiting=0, scheduled=1)
    assert count_outbox(db, NOW + H) == OutboxCounts(waiting=1, scheduled=0)  # due now


def test_each_open_state_waits_and_done_is_not_counted(db: Database) -> None:
    _item(db, op.SENDING)
    _item(db, op.FAILED_NEEDS_ATTENTION)
    _item(db, op.FAILED_RETRYABLE, not_before=NOW + 10 * 60)  # backing off: overdue, not planned
    _item(db, op.DONE)
    _item(db, op.DONE, not_before=NOW + H)  # a scheduled post already sent
    assert count_outbox(db, NOW) == OutboxCounts(waiting=3, scheduled=0)
