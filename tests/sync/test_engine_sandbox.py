"""What one engine run does besides lists and posts, against the demo sandbox over HTTP:
keeping unsent moderator actions visible, following role changes, the account row,
and polls."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select, update

from moderator_app.platform.errors import AuthError
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Fault, Sandbox
from moderator_app.services import accounts
from moderator_app.services.outbox import OutboxService
from moderator_app.services.poll_rules import PollData, PollOption
from moderator_app.services.polls import PollService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.models_polls import PollChoice, PollChoiceOption, PollDraft
from moderator_app.sync import SyncEngine, pull
from moderator_app.sync.context import RunContext
from moderator_app.sync.report import SyncReport


@pytest.fixture
def signed_in(demo_sandbox: Sandbox) -> Iterator[tuple[Database, SyncEngine]]:
    result = accounts.sign_in(demo_sandbox.url, MODERATOR, DEMO_PASSWORD)
    db = Database.open(accounts.db_path(result.ref))
    engine = SyncEngine(
        db,
        MoodleClient(demo_sandbox.url, demo_sandbox.token_for(MODERATOR)),
        account_user_id=result.site_info.user_id,
        reconcile_after=0,  # every course's people each run: role changes are seen at once
    )
    assert engine.run().ok
    yield db, engine
    db.close()


def _waiting(db: Database) -> m.Discussion:
    with db.session() as s:
        d = s.execute(select(m.Discussion).where(m.Discussion.is_waiting)).scalars().first()
        assert d is not None
        s.expunge(d)
        return d


def _learner_post(sb: Sandbox, discussion: m.Discussion, text: str = "<p>nog iets</p>") -> int:
    assert discussion.author_id is not None
    return sb.state.add_post(
        discussion.id, discussion.author_id, text, parent=discussion.first_post_id
    )


def test_unsent_lock_pin_and_delete_stay_visible_through_a_pull(
    demo_sandbox: Sandbox, signed_in: tuple[Database, SyncEngine]
) -> None:
    db, engine = signed_in
    d = _waiting(db)
    extra = _learner_post(demo_sandbox, d)
    assert engine.pull().ok  # the new post is stored locally
    box = OutboxService(db, MODERATOR)
    box.lock(d.id)
    box.pin(d.id)
    box.delete_post(extra)
    # A learner posts again: the pull stores the platform's (unlocked, unpinned) copy
    # of this discussion and its posts, while our items have not been sent yet.
    _learner_post(demo_sandbox, d, "<p>en nog een vraag</p>")
    assert engine.pull().ok
    with db.session() as s:
        local = s.get(m.Discussion, d.id)
        post = s.get(m.Post, extra)
        assert local is not None and local.locked and local.pinned
        assert post is not None and post.is_deleted
    assert not demo_sandbox.state.discussion(d.id)["pinned"]  # really not sent yet

    assert engine.run().ok  # now sent: the platform and the local copy agree
    assert demo_sandbox.state.discussion(d.id)["pinned"]
    assert demo_sandbox.state.post(extra) is None


def test_a_learner_made_teacher_no_longer_leaves_their_questions_waiting(
    demo_sandbox: Sandbox, signed_in: tuple[Database, SyncEngine]
) -> None:
    db, engine = signed_in
    d = _waiting(db)
    assert d.last_post_user_id is not None
    # Nothing in the discussion changes, so no list page brings it back: only the last
    # poster's role in the course does, seen when the course's people are refreshed.
    demo_sandbox.state.enrol(d.course_id, d.last_post_user_id, "editingteacher")
    ctx = RunContext(
        db=db,
        platform=engine.platform,
        user_id=engine.account_user_id,
        report=SyncReport(),
        cancel=threading.Event(),
        now=lambda: 0,
    )
    pull.refresh_participants(ctx, d.course_id)
    with db.session() as s:
        local = s.get(m.Discussion, d.id)
        assert local is not None and not local.is_waiting


def test_an_offline_push_keeps_the_outbox_and_the_local_lock(
    demo_sandbox: Sandbox, signed_in: tuple[Database, SyncEngine]
) -> None:
    db, engine = signed_in
    d = _waiting(db)
    OutboxService(db, MODERATOR).lock(d.id)
    _learner_post(demo_sandbox, d)
    demo_sandbox.faults.set("mod_forum_set_lock_state", Fault.drop())
    report = engine.run()
    assert report.offline
    with db.session() as s:
        local = s.get(m.Discussion, d.id)
        assert local is not None and local.locked
        assert s.execute(select(m.OutboxItem.state)).scalars().all() != []


def test_a_sync_records_who_the_store_belongs_to(
    demo_sandbox: Sandbox, signed_in: tuple[Database, SyncEngine]
) -> None:
    db, engine = signed_in
    with db.session() as s:
        account = s.execute(select(m.Account)).scalar_one()
        assert account.user_id == engine.account_user_id
        assert account.username == MODERATOR
        assert "local_moderatordesk_create_choice" in account.functions.split()
    demo_sandbox.plugin = False  # the site changes what it offers: the next sync follows
    assert engine.run().ok
    with db.session() as s:
        account = s.execute(select(m.Account)).scalar_one()
        assert "local_moderatordesk_create_choice" not in account.functions.split()


def test_a_token_that_answers_for_another_user_stores_nothing(
    demo_sandbox: Sandbox, tmp_path: Path
) -> None:
    db = Database.open(tmp_path / "other.sqlite")
    client = MoodleClient(demo_sandbox.url, demo_sandbox.token_for(MODERATOR))
    other = client.site_info().user_id + 1
    report = SyncEngine(db, client, account_user_id=other).run()
    assert isinstance(report.error, AuthError) and report.error.code == "wronguser"
    with db.session() as s:
        assert s.execute(select(m.Course)).first() is None
        assert s.execute(select(m.Account)).first() is None
    db.close()


def test_a_sync_brings_the_polls_and_their_answers(
    demo_sandbox: Sandbox, signed_in: tuple[Database, SyncEngine]
) -> None:
    db, engine = signed_in
    with db.session() as s:
        choices = s.execute(select(PollChoice)).scalars().all()
        answered = s.execute(select(PollChoiceOption.count)).scalars().all()
    site_choices = demo_sandbox.state.rows("SELECT id FROM choices")
    assert {c.id for c in choices} == {r["id"] for r in site_choices}
    assert sum(answered) > 0  # the demo poll's answers arrived with the sync


def test_polls_failing_do_not_spoil_the_queue_sync(
    demo_sandbox: Sandbox, signed_in: tuple[Database, SyncEngine]
) -> None:
    db, engine = signed_in
    demo_sandbox.faults.set(
        "mod_choice_get_choices_by_courses", Fault.moodle_exception("nopermissions")
    )
    report = engine.run()
    assert report.ok
    assert report.polls_error is not None


def test_a_sync_that_publishes_a_poll_marks_its_draft_published(
    demo_sandbox: Sandbox, signed_in: tuple[Database, SyncEngine]
) -> None:
    db, engine = signed_in
    polls = PollService(db)
    course_id = polls.courses()[0][0]
    draft_id = polls.create(
        PollData(
            question="Welke dag past het best?",
            options=(PollOption("Dinsdag"), PollOption("Woensdag")),
            course_id=course_id,
            section=1,
        )
    )
    polls.publish(draft_id)
    assert engine.run().ok
    with db.session() as s:  # read the row itself: PollService.state() reconciles too
        draft = s.get(PollDraft, draft_id)
        assert draft is not None and draft.state == "published"


def test_a_caller_that_does_not_know_the_user_learns_it_from_the_site(
    demo_sandbox: Sandbox, tmp_path: Path
) -> None:
    # An offline start on a store without its account row passes user 0.
    db = Database.open(tmp_path / "unknown.sqlite")
    client = MoodleClient(demo_sandbox.url, demo_sandbox.token_for(MODERATOR))
    report = SyncEngine(db, client, account_user_id=0).run()
    assert report.ok, report
    with db.session() as s:
        assert s.execute(select(m.Account.user_id)).scalar_one() == client.site_info().user_id
    # A store that belongs to someone else is refused even when the caller does not know.
    with db.session() as s:
        s.execute(update(m.Account).values(user_id=client.site_info().user_id + 1))
    report = SyncEngine(db, client, account_user_id=0).run()
    assert isinstance(report.error, AuthError) and report.error.code == "wronguser"
    db.close()
