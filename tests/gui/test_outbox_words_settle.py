"""The Outbox window says when a maybe-applied item will be looked for on the site."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest

from moderator_app.gui import i18n
from moderator_app.gui.outbox_words import state_words
from moderator_app.services.outbox import OutboxEntry
from moderator_app.sync import outbox_plan as op

NOW = 1_700_000_000

MAYBE = OutboxEntry(
    id="i",
    kind="reply",
    state=op.FAILED_RETRYABLE,
    created_at=NOW - 60,
    not_before=NOW + 120,
    attempts=1,
    reason=None,
    last_error="no answer",
    last_error_code=op.MAYBE_APPLIED,
    result_ref=None,
    local_ref=None,
    discussion_id=1,
    summary="Re: x",
    check_after=NOW + 120,
)


@pytest.fixture(autouse=True)
def back_to_english(qapp: object) -> Iterator[None]:
    yield
    i18n.install("en")


def test_a_maybe_applied_item_says_when_it_is_checked() -> None:
    words = state_words(MAYBE, NOW)
    assert words.startswith("May have arrived: a sync after ")
    assert words != state_words(replace(MAYBE, check_after=NOW + 3600), NOW)  # the time shows
    settled = replace(MAYBE, not_before=NOW - 1, check_after=NOW - 1)
    assert state_words(settled, NOW) == "May have arrived: the next sync checks"


def test_in_dutch() -> None:
    i18n.install("nl")
    assert state_words(MAYBE, NOW).startswith("Misschien al aangekomen: een synchronisatie na ")
