"""Locks on the real Moodle: a lock leaves the discussion's place in the list alone, so
the app must read it from every list page it fetches; a locked discussion is not
waiting but listed under 'locked'; a lock from the app leaves the queue at once."""

from __future__ import annotations

from pathlib import Path

from moderator_app.services.queue import QueueFilter, QueueService
from tests.live.cases import make_case
from tests.live.lab import Lab


def _ids(store: object, *, locked: bool = False) -> set[int]:
    service = QueueService(store.db)  # type: ignore[attr-defined]
    return {i.discussion_id for i in service.page(QueueFilter(locked=locked), limit=1000)}


def test_a_lock_made_on_the_site_moves_the_discussion_to_the_locked_list(
    lab: Lab, tmp_path: Path
) -> None:
    case = make_case(lab)
    first = case.start(case.learners[0], "Locked on the site")
    second = case.start(case.learners[1], "Still open")
    store = case.store(tmp_path / "moderator.sqlite")
    try:
        store.pull()
        assert _ids(store) == {first, second}
        before = case.discussion_row(first)

        # The lock button on the site calls this same function.
        case.rest(case.moderator, "mod_forum_set_lock_state", forumid=case.forum,
                  discussionid=first, targetstate=0)  # fmt: skip
        after = case.discussion_row(first)
        assert after["timelocked"] > 0
        assert after["timemodified"] == before["timemodified"]  # why it is easy to miss

        store.pull()  # incremental: the forum's first page is read every sync

        assert _ids(store) == {second}
        assert _ids(store, locked=True) == {first}
        item = QueueService(store.db).get(first)
        assert item is not None and item.locked
    finally:
        store.close()


def test_a_lock_from_the_app_leaves_the_queue_before_it_is_sent_and_lands_on_the_site(
    lab: Lab, tmp_path: Path
) -> None:
    case = make_case(lab, learners=1)
    did = case.start(case.learners[0], "Lock me from the app")
    store = case.store(tmp_path / "moderator.sqlite")
    try:
        store.pull()
        assert _ids(store) == {did}

        store.outbox.lock(did)

        assert _ids(store) == set()
        assert _ids(store, locked=True) == {did}
        store.push()
        assert case.discussion_row(did)["timelocked"] > 0
        store.pull(reconcile=True)
        assert _ids(store) == set() and _ids(store, locked=True) == {did}
    finally:
        store.close()
