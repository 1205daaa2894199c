"""The crash check compares what reached the site: the client cleans every body before
sending, so a body whose cleaning removed text (script, style, svg) must still be found,
not sent a second time."""

from __future__ import annotations

import pytest

from moderator_app.sandbox import Fault
from moderator_app.services.outbox import OutboxService
from moderator_app.services.outbox_queue import discussion_key, enqueue
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op
from tests.sync.conftest import FN_REPLY, FN_START, AppClock, EngineFactory, Site

# Text inside <style> and <script> is dropped by clean_html, not just the tags.
DIRTY = "<p>Kijk hier</p><style>p { color: red }</style><script>alert('x')</script>"


def _row(db: Database, item_id: str) -> m.OutboxItem:
    with db.session() as s:
        row = s.get(m.OutboxItem, item_id)
        assert row is not None
        s.expunge(row)
        return row


def _push_lost_answer_then_check(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock, fn: str, item_id: str
) -> None:
    """The write reaches the site but its answer is lost; the next push checks first."""
    site.sb.faults.set(fn, Fault.drop(after_write=True, times=1))
    assert engine().push().offline
    row = _row(db, item_id)
    assert row.last_error_code == op.MAYBE_APPLIED
    clock.value = row.not_before
    report = engine().push()
    assert (report.outbox_confirmed, report.outbox_sent) == (1, 0)
    assert _row(db, item_id).state == op.DONE
    assert site.requests(fn) == 1


def test_a_cleaned_new_discussion_is_found_not_posted_twice(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    assert engine().run().ok
    item = OutboxService(db, "moderator", now=clock).start_discussion(
        forum, "Stelling", DIRTY, is_html=True
    )
    _push_lost_answer_then_check(site, db, engine, clock, FN_START, item)
    assert [d["name"] for d in site.sb.state.discussions_in(forum)].count("Stelling") == 1


@pytest.mark.parametrize("body", [DIRTY, "<p>a &amp; b</p>"], ids=["cleaned", "clean"])
def test_a_cleaned_reply_is_found_not_posted_twice(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock, body: str
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    assert engine().run().ok
    request = kinds.ReplyRequest(did, site.first_post(did), "Re: x", body)
    with db.session() as s:
        item = enqueue(
            s,
            kinds.KIND_REPLY,
            kinds.payload_json(request),
            now=clock(),
            ordering_key=discussion_key(did),
        ).id
    _push_lost_answer_then_check(site, db, engine, clock, FN_REPLY, item)
    assert len(site.messages_by(did, site.moderator)) == 1
