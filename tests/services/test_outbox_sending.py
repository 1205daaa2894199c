"""An item being sent says when a cut-off send would be looked for on the site."""

from __future__ import annotations

from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.services.outbox import OutboxService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_plan as op
from tests.services.prompt_support import NOW


def test_an_item_being_sent_says_when_it_would_be_looked_for(
    db: Database, outbox: OutboxService
) -> None:
    sending = outbox.reply(110, 1102, "Goed gevonden!")
    waiting = outbox.lock(120)
    with db.session() as s:  # what the push writes when it claims an item
        item = s.get(m.OutboxItem, sending)
        assert item is not None
        item.state, item.updated_at = op.SENDING, NOW + 60

    entries = {e.id: e for e in outbox.list()}

    assert entries[sending].check_after == NOW + 60 + SEND_SETTLE_SECONDS
    assert entries[waiting].check_after == 0
