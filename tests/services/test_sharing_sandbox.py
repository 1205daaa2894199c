"""End to end on the sandbox: share with consent, withdraw, and every copy is gone from the site,
also when the site is offline at the moment of withdrawal or the copy was still on its way."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from moderator_app.platform.errors import NotFound
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import Sandbox
from moderator_app.sandbox.faults import Fault
from moderator_app.services import audit_report, consent_register, sharing
from moderator_app.services import consent as c
from moderator_app.services.outbox import OutboxService
from moderator_app.services.pseudonyms import Pseudonyms
from moderator_app.store.db import Database
from moderator_app.store.models import Account, Discussion, Forum, OutboxItem, Post
from moderator_app.store.models_consent import Share
from moderator_app.store.upsert import save_account
from moderator_app.sync.engine import SyncEngine
from moderator_app.sync.outbox_plan import OPEN_STATES
from moderator_app.sync.share_push import KIND_RETRACTION
from tests.services.consent_seed import FixedSecret

ACTOR = "moderator"
LATER = 4 * 3600  # past any retry backoff
SUBJECT = "Voorbeeld: motto"


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox.start() as sb:
        yield sb


@pytest.fixture
def site(sandbox: Sandbox) -> Iterator[MoodleClient]:
    client = MoodleClient(sandbox.url, sandbox.token_for(ACTOR), read_retries=0, backoff=0)
    yield client


@pytest.fixture
def offline(sandbox: Sandbox) -> MoodleClient:
    """The same account, with the site out of reach (a port nobody listens on)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return MoodleClient(f"http://127.0.0.1:{port}", "x" * 32, read_retries=0, backoff=0)


@pytest.fixture
def db(tmp_path: Path, site: MoodleClient) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    info = site.site_info()
    with database.session() as s:
        save_account(s, info, int(time.time()))
    report = SyncEngine(database, site, account_user_id=info.user_id).pull()
    assert report.error is None
    yield database
    database.close()


def push(db: Database, platform: MoodleClient, later: int = 0) -> None:
    with db.session() as s:
        user_id = s.scalars(select(Account.user_id)).one()
    SyncEngine(db, platform, account_user_id=user_id, now=lambda: int(time.time()) + later).push()


def copies_in_forum(site: MoodleClient, forum_id: int) -> int:
    """Shared discussions (by subject) still listed in a forum: none may be left over."""
    return sum(d.subject == SUBJECT for d in site.discussions(forum_id, 0, 100).items)


def learner_post(db: Database, name: str) -> tuple[int, int, int]:
    """(post id, author id, course id) of a learner's post in the synced store."""
    with db.session() as s:
        row = s.execute(
            select(Post.id, Post.author_id, Discussion.course_id)
            .join(Discussion, Discussion.id == Post.discussion_id)
            .where(Post.author_fullname == name)
            .order_by(Post.id)
        ).first()
        assert row is not None, f"no post by {name} synced"
        return int(row[0]), int(row[1]), int(row[2])


def targets(db: Database, course_id: int, post_id: int) -> tuple[sharing.Target, sharing.Target]:
    """A new discussion in another forum of the course, and a reply in the post's own thread."""
    with db.session() as s:
        post = s.get(Post, post_id)
        assert post is not None
        home = s.get(Discussion, post.discussion_id)
        assert home is not None
        forum = s.scalar(
            select(Forum.id).where(Forum.course_id == course_id, Forum.id != home.forum_id)
        )
        assert forum is not None
        new = sharing.Target("discussion", course_id, forum_id=forum, subject=SUBJECT)
        reply = sharing.Target(
            "reply", course_id, post_id=home.first_post_id, discussion_id=home.id
        )
        return new, reply


def share_both(db: Database, name: str) -> tuple[str, list[Share]]:
    post_id, learner, course = learner_post(db, name)
    now = int(time.time())
    names = Pseudonyms(FixedSecret())
    with db.session() as s:
        consent_id = c.add(
            s, ACTOR, c.ConsentSpec(course, learner, "course", "message", now - 60), now
        ).id
    shares = []
    for target in targets(db, course, post_id):
        with db.session() as s:
            shares.append(
                sharing.share(s, names, ACTOR, post_id, "course", target, lang="nl", now=now)
            )
    return consent_id, shares


def copy_ids(db: Database, shares: list[Share]) -> list[tuple[str, int]]:
    with db.session() as s:
        refs = []
        for row in shares:
            item = s.get(OutboxItem, row.outbox_id)
            assert item is not None and item.state == "done", item and item.state
            assert item.result_ref is not None
            refs.append((row.target_kind, int(item.result_ref)))
        return refs


def on_site(site: MoodleClient, db: Database, refs: list[tuple[str, int]]) -> list[bool]:
    """Whether each copy (a new discussion, or a reply post) still exists on the site."""
    found = []
    for kind, ref in refs:
        if kind == "discussion":
            try:
                posts = site.discussion_posts(ref).posts
                found.append(any(not p.is_deleted for p in posts))
            except NotFound:
                found.append(False)
        else:
            with db.session() as s:
                discussion = s.scalar(
                    select(Share.target_discussion_id).where(Share.target_kind == "reply")
                )
            assert discussion is not None
            found.append(any(p.id == ref for p in site.discussion_posts(discussion).posts))
    return found


def open_retractions(db: Database) -> int:
    with db.session() as s:
        return len(
            s.scalars(
                select(OutboxItem.id).where(
                    OutboxItem.kind == KIND_RETRACTION, OutboxItem.state.in_(OPEN_STATES)
                )
            ).all()
        )


def test_copies_are_anonymised_and_withdrawal_deletes_them(
    db: Database, site: MoodleClient
) -> None:
    consent_id, shares = share_both(db, "Sanne Jansen")
    push(db, site)
    refs = copy_ids(db, shares)
    assert on_site(site, db, refs) == [True, True]
    kind, discussion = refs[0]
    text = site.discussion_posts(discussion).posts[0].message
    assert "Sanne" not in text and "gedeeld met toestemming" in text
    forum = shares[0].target_forum_id
    assert forum is not None and copies_in_forum(site, forum) == 1

    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, int(time.time()))
    push(db, site)
    assert on_site(site, db, refs) == [False, False]
    assert copies_in_forum(site, forum) == 0
    assert open_retractions(db) == 0


def test_withdrawal_while_offline_waits_in_the_outbox(
    db: Database, site: MoodleClient, offline: MoodleClient
) -> None:
    consent_id, shares = share_both(db, "Daan Visser")
    push(db, site)
    refs = copy_ids(db, shares)
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, int(time.time()))
    push(db, offline)
    assert open_retractions(db) == 2
    assert on_site(site, db, refs) == [True, True]  # nothing reached the site yet
    push(db, site, later=LATER)
    assert on_site(site, db, refs) == [False, False]
    assert open_retractions(db) == 0


def test_withdrawn_before_the_copy_left_means_it_never_appears(
    db: Database, site: MoodleClient, offline: MoodleClient, sandbox: Sandbox
) -> None:
    consent_id, shares = share_both(db, "Noor Mulder")
    push(db, offline)  # the copies wait in the outbox
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, int(time.time()))
    sandbox.requests.reset()
    push(db, site, later=LATER)
    writes = {
        f
        for f in sandbox.requests.snapshot()
        if "add_discussion" in f or "add_discussion_post" in f
    }
    assert writes == set()
    assert open_retractions(db) == 0


def test_a_copy_on_its_way_at_withdrawal_is_found_and_deleted(
    db: Database, site: MoodleClient, sandbox: Sandbox
) -> None:
    consent_id, shares = share_both(db, "Bram van Dijk")
    # The new discussion is created, but the answer is lost: the app cannot know its id.
    sandbox.faults.set("mod_forum_add_discussion", Fault.drop(after_write=True, times=1))
    push(db, site)
    with db.session() as s:
        sharing.withdraw(s, ACTOR, consent_id, int(time.time()))
    with db.session() as s:
        copy = s.get(OutboxItem, shares[0].outbox_id)
        assert copy is not None and copy.last_error_code == "maybe_applied"
        assert s.get(OutboxItem, shares[1].outbox_id) is None  # the reply had not left: dropped
    push(db, site, later=LATER)
    refs = copy_ids(db, shares[:1])  # the push's check found the copy that did arrive
    assert on_site(site, db, refs) == [False]
    assert shares[0].target_forum_id is not None
    assert copies_in_forum(site, shares[0].target_forum_id) == 0  # and no second copy was made
    assert open_retractions(db) == 0


def test_a_share_cancelled_before_sync_never_reaches_the_site_and_reads_as_not_shared(
    db: Database, site: MoodleClient, sandbox: Sandbox
) -> None:
    consent_id, shares = share_both(db, "Sanne Jansen")
    outbox = OutboxService(db, ACTOR)
    for row in shares:
        outbox.cancel(row.outbox_id)
    sandbox.requests.reset()
    push(db, site, later=LATER)
    writes = [f for f in sandbox.requests.snapshot() if "add_discussion" in f]
    assert writes == []  # neither the new discussion nor the reply was sent
    new_target = shares[0].target_forum_id
    assert new_target is not None and copies_in_forum(site, new_target) == 0
    with db.session() as s:
        learner_id, course_id = shares[0].learner_id, shares[0].course_id
        [row] = [
            r
            for r in consent_register.learners(s, course_id, int(time.time()))
            if r.user_id == learner_id
        ]
        assert (row.shares, row.retracted) == (0, 0)
        report = audit_report.learner_report(s, learner_id, course_id)
        assert report.shares == () and [c.id for c in report.consents] == [consent_id]
        kinds = [e.kind for e in report.events]
        assert kinds.count(sharing.AUDIT_SHARED) == 2
        assert kinds.count(sharing.AUDIT_CANCELLED) == 2
