"""Cancel and retry refusals carry a code the GUI words; the CLI keeps the English message."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from moderator_app.platform.errors import InvalidInput
from moderator_app.services.outbox import (
    OutboxRefused,
    OutboxService,
    Refusal,
    cancel_refusal,
)
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_plan as op
from moderator_app.sync.share_push import KIND_RETRACTION
from tests.services.prompt_support import NOW


def set_state(db: Database, item_id: str, state: str, code: str | None = None) -> None:
    """What the push would have written."""
    with db.session() as s:
        item = s.get(m.OutboxItem, item_id)
        assert item is not None
        item.state, item.last_error_code = state, code


def refused(action: Callable[[str], None], item_id: str) -> OutboxRefused:
    with pytest.raises(OutboxRefused) as caught:
        action(item_id)
    return caught.value


@pytest.mark.parametrize(
    ("state", "code", "refusal"),
    [
        (op.DONE, None, Refusal.SENT),
        (op.SENDING, None, Refusal.ON_ITS_WAY),
        (op.FAILED_RETRYABLE, op.MAYBE_APPLIED, Refusal.MAYBE_APPLIED),
    ],
)
def test_cancel_says_why_an_item_cannot_be_taken_back(
    db: Database, outbox: OutboxService, state: str, code: str | None, refusal: Refusal
) -> None:
    item = outbox.reply(110, 1102, "Goed gevonden!")
    set_state(db, item, state, code)

    error = refused(outbox.cancel, item)

    assert error.refusal is refusal and error.code == refusal.value
    assert isinstance(error, InvalidInput)  # callers that catch InvalidInput still do
    assert [e.id for e in outbox.list(include_done=True)] == [item]  # nothing dropped


def test_cancel_keeps_the_english_message_for_the_cli(db: Database, outbox: OutboxService) -> None:
    sending = outbox.reply(110, 1102, "Goed gevonden!")
    maybe = outbox.lock(120)
    set_state(db, sending, op.SENDING)
    set_state(db, maybe, op.FAILED_RETRYABLE, op.MAYBE_APPLIED)

    assert refused(outbox.cancel, sending).message == "an item that is sending cannot be cancelled"
    assert refused(outbox.cancel, maybe).message == (
        "this item may already be on the site; sync first to find out"
    )


def test_a_retraction_is_refused_with_its_own_code(db: Database, outbox: OutboxService) -> None:
    with db.session() as s:
        item = m.OutboxItem(
            kind=KIND_RETRACTION,
            payload="{}",
            state=op.FAILED_NEEDS_ATTENTION,
            created_at=NOW,
            updated_at=NOW,
            not_before=0,
        )
        s.add(item)
        s.flush()
        item_id = item.id

    error = refused(outbox.cancel, item_id)

    assert error.refusal is Refusal.RETRACTION
    assert error.message == "a retraction cannot be cancelled"


def test_retry_of_an_item_that_did_not_fail_is_refused_as_not_failed(
    db: Database, outbox: OutboxService
) -> None:
    item = outbox.reply(110, 1102, "Goed gevonden!")

    error = refused(outbox.retry, item)

    assert error.refusal is Refusal.NOT_FAILED and error.code == "not_failed"
    assert "only a failed item can be retried" in error.message
    set_state(db, item, op.FAILED_NEEDS_ATTENTION)
    outbox.retry(item)  # a failed one goes back to pending
    assert [e.state for e in outbox.list()] == [op.PENDING]


def test_the_rule_the_window_asks_is_the_one_cancel_applies(
    db: Database, outbox: OutboxService
) -> None:
    assert cancel_refusal(op.PENDING, "reply", None) is None
    assert cancel_refusal(op.FAILED_NEEDS_ATTENTION, "lock", "locked") is None
    assert cancel_refusal(op.FAILED_RETRYABLE, KIND_RETRACTION, None) is Refusal.RETRACTION
    assert cancel_refusal(op.SENDING, KIND_RETRACTION, op.MAYBE_APPLIED) is Refusal.ON_ITS_WAY
    item = outbox.lock(120)
    set_state(db, item, op.FAILED_NEEDS_ATTENTION)
    outbox.cancel(item)  # no refusal: it goes
    assert outbox.list() == []
