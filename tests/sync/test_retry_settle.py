"""Retry of an item whose send got no answer keeps its settle time: the request may still
land at the site, and a look before then finds nothing and sends it a second time."""

from __future__ import annotations

from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.sandbox import Fault
from moderator_app.services.outbox import OutboxService
from moderator_app.store.db import Database
from moderator_app.sync import outbox_plan as op
from tests.sync.conftest import FN_POSTS, FN_REPLY, AppClock, EngineFactory, Site


def test_retry_of_a_maybe_applied_reply_waits_until_its_request_cannot_land(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    assert engine().run().ok
    box = OutboxService(db, "moderator", now=clock)
    item = box.reply(did, site.first_post(did), "once")
    claimed_at = clock()
    # The reply goes out and no answer comes (the site may still be working on it).
    site.sb.faults.set(FN_REPLY, Fault.drop(after_write=False, times=1))
    assert engine().push().offline
    [entry] = box.list()
    assert entry.last_error_code == op.MAYBE_APPLIED

    clock.value += 5  # the moderator presses Retry at once
    box.retry(item)
    [entry] = box.list()
    assert entry.not_before == entry.check_after == claimed_at + SEND_SETTLE_SECONDS

    posts_before = site.requests(FN_POSTS)
    report = engine().push()  # a sync now neither looks for it nor sends it
    assert (report.outbox_confirmed, report.outbox_sent) == (0, 0)
    assert (site.requests(FN_POSTS), site.requests(FN_REPLY)) == (posts_before, 1)

    clock.value = claimed_at + SEND_SETTLE_SECONDS
    report = engine().push()  # now it looks, does not find it, and sends it once
    assert site.requests(FN_POSTS) > posts_before
    assert report.outbox_sent == 1
    assert site.messages_by(did, site.moderator) == ["<p>once</p>"]


def test_retry_of_an_ordinary_failure_goes_at_the_next_sync(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    assert engine().run().ok
    box = OutboxService(db, "moderator", now=clock)
    item = box.reply(did, site.first_post(did), "again")
    # The site answers with a refusal: nothing was posted, the moderator fixes the cause.
    site.sb.faults.set(FN_REPLY, Fault.moodle_exception("nopostforum", times=1))
    engine().push()
    [entry] = box.list()
    assert entry.state == op.FAILED_NEEDS_ATTENTION

    box.retry(item)
    [entry] = box.list()
    assert (entry.state, entry.not_before <= clock(), entry.check_after) == (op.PENDING, True, 0)
    assert engine().push().outbox_sent == 1
