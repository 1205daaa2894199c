"""enqueue: the one way an outbox row is made; a payload the push could not read is
refused when it is queued, not found needing attention at the next sync."""

from __future__ import annotations

import json

import pytest

from moderator_app.platform.errors import InvalidInput
from moderator_app.services.outbox_queue import discussion_key, enqueue
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op
from tests.services.prompt_support import NOW


def test_enqueue_adds_a_pending_item_stamped_with_the_callers_clock(db: Database) -> None:
    request = kinds.PinRequest(discussion_id=110, pinned=True)
    with db.session() as s:
        payload = kinds.payload_json(request)
        item = enqueue(s, kinds.KIND_PIN, payload, now=NOW, ordering_key=discussion_key(110))
        item_id = item.id
    with db.session() as s:
        row = s.get(m.OutboxItem, item_id)
        assert row is not None
        assert (row.state, row.created_at, row.updated_at) == (op.PENDING, NOW, NOW)
        assert row.ordering_key == "discussion:110"


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("no_such_kind", "{}"),
        (kinds.KIND_PIN, json.dumps({"discussion_id": 110})),  # pinned is missing
        (kinds.KIND_REPLY, "not json"),
    ],
)
def test_enqueue_refuses_what_the_push_could_not_read(
    db: Database, kind: str, payload: str
) -> None:
    with pytest.raises(InvalidInput), db.session() as s:
        enqueue(s, kind, payload, now=NOW)
    with db.session() as s:
        assert s.query(m.OutboxItem).count() == 0
