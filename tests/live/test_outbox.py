"""What the app sends through its outbox lands in Moodle's tables as it was meant, and
what changes on the site (deletions) reaches the app's queue.

Each test makes its own discussion in the world's scratch forum (or a new one in the
groups forum), so the shared world stays as described.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest

from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.types import DiscussionOptions
from moderator_app.services.outbox import plain_to_html
from tests.live.lab import Lab, World, WorldUser
from tests.live.oracle import waiting_by_sql
from tests.live.store import LiveStore

pytestmark = pytest.mark.live

StoreFor = Callable[[str], LiveStore]
ClientFor = Callable[[WorldUser | str], MoodleClient]


def learner_asks(world: World, client_for: ClientFor, learner: str = "learner2") -> tuple[int, int]:
    """A learner's new question in the scratch forum: (discussion id, first post id)."""
    client = client_for(learner)
    discussion_id = client.start_discussion(
        world.forum_id("scratch"),
        f"Live question {secrets.token_hex(3)}",
        "<p>How does this work?</p>",
        DiscussionOptions(),
    )
    return discussion_id, client.discussion_posts(discussion_id).posts[0].id


def newest_post(lab: Lab, discussion_id: int) -> dict[str, object]:
    rows = lab.sql(
        "SELECT id, parent, userid, subject, message, privatereplyto FROM mdl_forum_posts "
        f"WHERE discussion = {discussion_id} ORDER BY id DESC LIMIT 1"
    )
    return rows[0]


def waiting_ids(queue: list[tuple[int, int | None]]) -> set[int]:
    return {discussion for discussion, _ in queue}


def test_a_reply_sent_through_the_outbox_is_stored_and_answers_the_learner(
    lab: Lab, world: World, client_for: ClientFor, store_for: StoreFor
) -> None:
    discussion_id, first_post = learner_asks(world, client_for)
    store = store_for("teacher")
    assert discussion_id in waiting_ids(store.queue())
    text = "It works like this.\n\nAsk again if it does not."
    store.outbox.reply(discussion_id, first_post, text)
    assert store.push().outbox_sent == 1
    post = newest_post(lab, discussion_id)
    assert (post["parent"], post["userid"], post["privatereplyto"]) == (
        first_post,
        world.user("teacher").id,
        0,
    )
    assert post["message"] == plain_to_html(text)
    assert str(post["subject"]).startswith("Re: Live question")
    store.pull()
    assert discussion_id not in waiting_ids(store.queue())
    assert store.queue() == waiting_by_sql(lab, world.user("teacher").id)


def test_a_private_reply_through_the_outbox_goes_to_the_learner_only(
    lab: Lab, world: World, client_for: ClientFor, store_for: StoreFor
) -> None:
    discussion_id, first_post = learner_asks(world, client_for, "learner1")
    store = store_for("editor")
    store.outbox.reply(discussion_id, first_post, "Between us.", private=True)
    assert store.push().outbox_sent == 1
    post = newest_post(lab, discussion_id)
    assert post["privatereplyto"] == world.user("learner1").id
    assert post["id"] not in {
        p.id for p in client_for("learner2").discussion_posts(discussion_id).posts
    }


def test_a_new_discussion_through_the_outbox_keeps_its_group_and_pin(
    lab: Lab, world: World, store_for: StoreFor
) -> None:
    store = store_for("editor")
    subject = f"Live outbox start {secrets.token_hex(3)}"
    options = DiscussionOptions(pinned=True, group_id=world.groups["b"])
    forum_id = world.forum_id("scratch_groups")
    store.outbox.start_discussion(forum_id, subject, "Week 3: your plans", options)
    assert store.push().outbox_sent == 1
    (row,) = lab.sql(
        "SELECT d.id, d.pinned, d.groupid, d.userid, p.message FROM mdl_forum_discussions d "
        "JOIN mdl_forum_posts p ON p.id = d.firstpost "
        f"WHERE d.forum = {forum_id} AND d.name = '{subject}'"
    )
    assert (row["pinned"], row["groupid"], row["userid"]) == (
        1,
        world.groups["b"],
        world.user("editor").id,
    )
    assert row["message"] == plain_to_html("Week 3: your plans")
    # The teacher in group A does not see it; the editor's next pull does.
    store.pull()
    with store.db.session() as s:
        from moderator_app.store import models as m

        stored = s.get(m.Discussion, row["id"])
        assert stored is not None and (stored.group_id, stored.pinned) == (world.groups["b"], True)
    assert row["id"] not in {
        d.id
        for d in store.lab.client(world.user("teacher").token).discussions(forum_id, 0, 100).items
    }


def test_lock_and_pin_through_the_outbox_reach_the_discussions_table(
    lab: Lab, world: World, client_for: ClientFor, store_for: StoreFor
) -> None:
    discussion_id, _ = learner_asks(world, client_for)
    store = store_for("editor")
    query = f"SELECT pinned, timelocked FROM mdl_forum_discussions WHERE id = {discussion_id}"
    store.outbox.lock(discussion_id, True)
    store.outbox.pin(discussion_id, True)
    assert store.push().outbox_sent == 2
    (row,) = lab.sql(query)
    assert row["pinned"] == 1 and row["timelocked"] > 0
    store.pull()
    assert discussion_id not in waiting_ids(store.queue())  # locked: not waiting
    store.outbox.lock(discussion_id, False)
    store.outbox.pin(discussion_id, False)
    assert store.push().outbox_sent == 2
    assert lab.sql(query) == [{"pinned": 0, "timelocked": 0}]
    store.pull()
    assert store.queue() == waiting_by_sql(lab, world.user("editor").id)


def test_a_delete_through_the_outbox_removes_the_post(
    lab: Lab, world: World, client_for: ClientFor, store_for: StoreFor
) -> None:
    discussion_id, first_post = learner_asks(world, client_for)
    spam = client_for("learner3").reply(first_post, "Re", "<p>Buy now</p>")
    store = store_for("editor")
    store.outbox.delete_post(spam.post_id)
    assert store.push().outbox_sent == 1
    assert lab.sql(f"SELECT id FROM mdl_forum_posts WHERE id = {spam.post_id}") == []
    store.outbox.delete_post(first_post)
    assert store.push().outbox_sent == 1
    assert lab.sql(f"SELECT id FROM mdl_forum_discussions WHERE id = {discussion_id}") == []
    store.pull()
    assert discussion_id not in waiting_ids(store.queue())
    assert store.queue() == waiting_by_sql(lab, world.user("editor").id)


def test_a_discussion_deleted_on_the_site_leaves_the_queue(
    lab: Lab, world: World, client_for: ClientFor, store_for: StoreFor
) -> None:
    discussion_id, first_post = learner_asks(world, client_for, "learner3")
    store = store_for("editor")
    assert discussion_id in waiting_ids(store.queue())
    client_for("learner3").delete_post(first_post)  # the learner takes it back
    store.pull()
    assert discussion_id not in waiting_ids(store.queue())
    assert store.queue() == waiting_by_sql(lab, world.user("editor").id)


def test_a_follow_up_deleted_on_the_site_no_longer_waits(
    lab: Lab, world: World, client_for: ClientFor, store_for: StoreFor
) -> None:
    discussion_id, first_post = learner_asks(world, client_for, "learner1")
    client_for("teacher").reply(first_post, "Re", "<p>Answered</p>")
    follow_up = client_for("learner1").reply(first_post, "Re", "<p>One more thing</p>")
    store = store_for("editor")
    assert discussion_id in waiting_ids(store.queue())
    client_for("learner1").delete_post(follow_up.post_id)
    store.pull()
    assert discussion_id not in waiting_ids(store.queue())
    assert store.queue() == waiting_by_sql(lab, world.user("editor").id)
