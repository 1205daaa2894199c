"""A real sync into a fresh store, and the app's queue against Moodle's own tables.

The waiting queue the app computes (QueueService over what SyncEngine stored) must be
the one SQL computes from mdl_forum_posts, mdl_forum_discussions and the role
assignments (tests/live/oracle.py), for an editing teacher who sees every group and
for a non-editing teacher who sees only their own.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import select

from moderator_app.store import models as m
from tests.live.lab import Lab, World
from tests.live.oracle import waiting_by_sql
from tests.live.store import LiveStore

pytestmark = pytest.mark.live

StoreFor = Callable[[str], LiveStore]


@pytest.mark.parametrize("key", ["editor", "teacher"])
def test_the_queue_is_the_one_moodles_tables_give(
    lab: Lab, world: World, store_for: StoreFor, key: str
) -> None:
    store = store_for(key)
    truth = waiting_by_sql(lab, world.user(key).id)
    assert store.queue() == truth
    # The oracle itself sees the world as make_world.php meant it (not an empty match).
    waiting = {discussion for discussion, _ in truth}
    for name in ("waiting", "followup", "staff", "pinned", "rest_new", "group_a", "qanda"):
        assert world.discussion_id(name) in waiting, name
    for name in ("answered", "private", "locked"):
        assert world.discussion_id(name) not in waiting, name
    assert (world.discussion_id("group_b") in waiting) == (key == "editor")
    assert (world.discussion_id("course2") in waiting) == (key == "editor")


def test_stored_discussions_carry_moodles_groups_locks_and_pins(
    lab: Lab, world: World, store_for: StoreFor
) -> None:
    # time_locked is not compared: the list gives only `locked`; the store learns the
    # time from set_lock's answer (unlocking takes any non-zero value).
    store = store_for("teacher")
    with store.db.session() as s:
        stored = {
            d.id: (d.forum_id, d.group_id, d.pinned, d.locked)
            for d in s.scalars(select(m.Discussion))
        }
    rows = lab.sql(
        "SELECT id, forum, groupid, pinned, timelocked FROM mdl_forum_discussions "
        f"WHERE id IN ({', '.join(map(str, stored))})"
    )
    assert stored == {
        r["id"]: (r["forum"], r["groupid"], r["pinned"] == 1, r["timelocked"] > 0) for r in rows
    }
    assert world.discussion_id("locked") in stored
    assert world.discussion_id("group_a") in stored


def test_the_app_shows_exactly_the_posts_moodle_lets_the_teacher_see(
    lab: Lab, world: World, store_for: StoreFor
) -> None:
    store = store_for("teacher")
    discussion_ids = [world.discussion_id(k) for k in ("private", "qanda", "followup")]
    with store.db.session() as s:
        stored = {
            (p.id, p.discussion_id, p.author_id, p.is_private_reply)
            for p in s.scalars(select(m.Post).where(m.Post.discussion_id.in_(discussion_ids)))
        }
    rows = lab.sql(
        "SELECT id, discussion, userid, privatereplyto FROM mdl_forum_posts "
        f"WHERE discussion IN ({', '.join(map(str, discussion_ids))}) AND deleted = 0"
    )
    assert stored == {
        (r["id"], r["discussion"], r["userid"], r["privatereplyto"] > 0) for r in rows
    }
