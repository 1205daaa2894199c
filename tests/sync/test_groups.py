"""Starting a discussion in a separate-groups forum: "all participants" must reach
every group (Moodle's -1, as its own form sends it; without a group id Moodle stores
group 0, which no learner sees), and a chosen group only that group."""

from __future__ import annotations

from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.types import DiscussionOptions
from moderator_app.services.outbox import OutboxService
from moderator_app.store.db import Database
from tests.sync.conftest import LEARNER_NAMES, AppClock, EngineFactory, Site

SEPARATE_GROUPS = 1


def _seen_by(site: Site, learner: str, forum_id: int) -> set[str]:
    client = MoodleClient(site.sb.url, site.sb.token_for(learner), backoff=0.0)
    return {d.subject for d in client.discussions(forum_id, 0, 100).items}


def _group_forum(site: Site) -> tuple[int, int, int]:
    course = site.course()
    forum = site.sb.state.add_forum(course, "Groepsforum", groupmode=SEPARATE_GROUPS)
    anna, bram, _ = site.learners
    first = site.sb.state.add_group(course, "Groep A", [anna])
    second = site.sb.state.add_group(course, "Groep B", [bram])
    return forum, first, second


def test_a_prompt_for_all_participants_reaches_every_group(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum, _, _ = _group_forum(site)
    assert engine().run().ok
    OutboxService(db, "moderator", now=clock).start_discussion(forum, "Voor iedereen", "Hallo")

    assert engine().run().ok

    (row,) = site.sb.state.discussions_in(forum)
    assert row["groupid"] == -1
    anna, bram, _ = LEARNER_NAMES
    assert _seen_by(site, anna, forum) == {"Voor iedereen"}
    assert _seen_by(site, bram, forum) == {"Voor iedereen"}


def test_a_prompt_for_one_group_reaches_only_that_group(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum, first, _ = _group_forum(site)
    assert engine().run().ok
    OutboxService(db, "moderator", now=clock).start_discussion(
        forum, "Alleen groep A", "Hallo", DiscussionOptions(group_id=first)
    )

    assert engine().run().ok

    anna, bram, _ = LEARNER_NAMES
    assert _seen_by(site, anna, forum) == {"Alleen groep A"}
    assert _seen_by(site, bram, forum) == set()


def test_the_sandbox_stores_group_0_without_a_group_id_as_moodle_does(site: Site) -> None:
    forum, _, _ = _group_forum(site)
    client = MoodleClient(site.sb.url, site.sb.token_for("moderator"), backoff=0.0)
    client.call(
        "mod_forum_add_discussion",
        {"forumid": forum, "subject": "Zonder groep", "message": "<p>x</p>"},
        write=True,
    )
    (row,) = site.sb.state.discussions_in(forum)
    assert row["groupid"] == 0
    anna, bram, _ = LEARNER_NAMES
    assert _seen_by(site, anna, forum) == _seen_by(site, bram, forum) == set()
