"""Team claims through the companion plugin, in the sandbox: two moderators, one database
each. A claim made in one app reaches the site through the outbox, the other app's next
sync shows who answers (one get_claims request per sync), and a reply there asks first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.platform.moodle import MoodleClient
from moderator_app.services.outbox import OutboxService
from moderator_app.services.queue import QueueService
from moderator_app.services.triage import TriageService, colleague_claim
from moderator_app.store.db import Database
from moderator_app.sync import SyncEngine
from moderator_app.sync import outbox_plan as op
from moderator_app.sync.claim_push import CLAIM_HELD, KIND_CLAIM
from tests.sync.conftest import AppClock, EngineFactory, Site

FN_SET_CLAIM = "local_moderatordesk_set_claim"
FN_GET_CLAIMS = "local_moderatordesk_get_claims"


@pytest.fixture
def colleague_db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "colleague.sqlite")
    yield database
    database.close()


@pytest.fixture
def colleague(site: Site, colleague_db: Database, clock: AppClock) -> tuple[int, SyncEngine]:
    """A second teacher of the same course, with an app and a database of their own."""
    user_id = site.sb.state.add_user("joost", "Joost", "Jansen")
    token = site.sb.token_for("joost")
    client = MoodleClient(site.sb.url, token, timeout=10.0, backoff=0.0)
    return user_id, SyncEngine(colleague_db, client, account_user_id=user_id, now=clock)


def _one_course_discussion(site: Site, colleague_id: int) -> int:
    course = site.course()
    site.sb.state.enrol(course, colleague_id, "teacher")
    return site.start(site.forum(course), site.learners[0])


def test_a_claim_reaches_the_colleague_who_is_asked_before_replying(
    site: Site,
    db: Database,
    colleague_db: Database,
    engine: EngineFactory,
    colleague: tuple[int, SyncEngine],
    clock: AppClock,
) -> None:
    colleague_id, colleague_engine = colleague
    did = _one_course_discussion(site, colleague_id)
    assert engine().run().ok and colleague_engine.run().ok
    assert colleague_claim(colleague_db, did) is None

    TriageService(db, "Marieke", now=clock).claim(did)
    mine = engine().run()
    assert mine.ok and mine.outbox_sent == 1
    assert site.requests(FN_SET_CLAIM) == 1

    seen = colleague_engine.run()
    assert seen.ok and seen.claims == 1
    assert seen.requests_by_function["claims"] == 1  # one request, however many courses
    item = QueueService(colleague_db, now=clock).get(did)
    assert item is not None
    assert (item.team_state, item.team_name) == ("claimed", "Marieke de Vries")
    assert item.claimed_on_site_by_other(colleague_id)
    assert colleague_claim(colleague_db, did) == "Marieke de Vries"
    # The one who claimed is not asked about their own claim.
    engine().run()
    assert colleague_claim(db, did) is None

    TriageService(db, "Marieke", now=clock).unclaim(did)
    assert engine().run().ok
    assert colleague_engine.run().ok
    assert colleague_claim(colleague_db, did) is None
    item = QueueService(colleague_db, now=clock).get(did)
    assert item is not None and item.team_state == "released"


def test_a_claim_held_by_a_colleague_is_not_taken_over(
    site: Site,
    db: Database,
    colleague_db: Database,
    engine: EngineFactory,
    colleague: tuple[int, SyncEngine],
    clock: AppClock,
) -> None:
    colleague_id, colleague_engine = colleague
    did = _one_course_discussion(site, colleague_id)
    assert engine().run().ok and colleague_engine.run().ok
    TriageService(db, "Marieke", now=clock).claim(did)
    assert engine().run().ok

    TriageService(colleague_db, "Joost", now=clock).claim(did)
    report = colleague_engine.run()
    assert report.outbox_needs_attention == 1
    [entry] = [e for e in OutboxService(colleague_db, "Joost").list() if e.kind == KIND_CLAIM]
    assert entry.state == op.FAILED_NEEDS_ATTENTION and entry.last_error_code == CLAIM_HELD
    row = site.sb.state.row(
        "SELECT userid, state FROM plugin_claims WHERE discussionid = ?", (did,)
    )
    assert row is not None and (row["userid"], row["state"]) == (site.moderator, "claimed")


def test_without_the_plugin_claims_stay_local_and_cost_no_request(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    site.sb.plugin = False
    course = site.course()
    did = site.start(site.forum(course), site.learners[0])
    assert engine().run().ok
    TriageService(db, "Marieke", now=clock).claim(did)
    report = engine().run()
    assert report.ok and "claims" not in report.requests_by_function
    assert OutboxService(db, "Marieke").list() == []
    item = QueueService(db, now=clock).get(did)
    assert item is not None and item.claimed_by == "Marieke" and item.team_state is None
    assert site.requests(FN_GET_CLAIMS) == 0
