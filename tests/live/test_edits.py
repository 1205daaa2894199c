"""Edits on the real Moodle leave the discussion's modified time alone, so the list
never shows them: opening a thread (one request) must bring the site's text, subject
and times and drop posts gone; an edited opener shows in its list entry's `modified`."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from moderator_app.services.queue import QueueService
from moderator_app.store import models as m
from tests.live.cases import make_case
from tests.live.lab import Lab


def _posts(store: object, discussion_id: int) -> dict[int, tuple[str, str, int | None]]:
    with store.db.session() as s:  # type: ignore[attr-defined]
        rows = s.execute(
            select(m.Post.id, m.Post.subject, m.Post.message, m.Post.time_modified).where(
                m.Post.discussion_id == discussion_id
            )
        ).all()
    return {r.id: (r.subject, r.message, r.time_modified) for r in rows}


def test_opening_a_thread_brings_edits_and_deletions_made_on_the_site(
    lab: Lab, tmp_path: Path
) -> None:
    case = make_case(lab)
    asker, other = case.learners
    did = case.start(asker, "First version")
    opener = case.first_post(did)
    kept = case.reply(other, opener, "<p>my first answer</p>")
    gone = case.reply(asker, opener, "<p>never mind</p>")
    store = case.store(tmp_path / "moderator.sqlite")
    try:
        store.pull()
        assert set(_posts(store, did)) == {opener, kept, gone}
        before = case.discussion_row(did)

        case.rest(other, "mod_forum_update_discussion_post", postid=kept,
                  subject="Re", message="<p>my better answer</p>")  # fmt: skip
        case.rest(asker, "mod_forum_update_discussion_post", postid=opener,
                  subject="Second version", message="<p>clearer?</p>")  # fmt: skip
        assert case.discussion_row(did)["timemodified"] == before["timemodified"]
        case.rest(asker, "mod_forum_delete_post", postid=gone)
        site_kept = lab.sql(f"SELECT modified FROM mdl_forum_posts WHERE id = {kept}")[0]

        engine = store.engine()
        engine.fetch_thread(did)

        assert engine.platform.counts == {"discussion_posts": 1}
        posts = _posts(store, did)
        assert set(posts) == {opener, kept}
        assert "my better answer" in posts[kept][1]
        assert posts[kept][2] == site_kept["modified"]
        assert posts[opener][0] == "Second version" and "clearer?" in posts[opener][1]
        item = QueueService(store.db).get(did)
        assert item is not None and item.subject == "Second version"
    finally:
        store.close()


def test_an_edited_opener_is_read_again_by_the_next_sync(lab: Lab, tmp_path: Path) -> None:
    case = make_case(lab, learners=1)
    (asker,) = case.learners
    did = case.start(asker, "Typo in here")
    opener = case.first_post(did)
    # Moodle's times are whole seconds: an edit in the same second as the post would
    # leave `modified` unchanged (it failed so on CI). Date the post a minute back.
    lab.execute(
        "UPDATE mdl_forum_posts SET created = created - 60, modified = modified - 60"
        f" WHERE discussion = {int(did)}"
    )
    lab.execute(
        f"UPDATE mdl_forum_discussions SET timemodified = timemodified - 60 WHERE id = {int(did)}"
    )
    store = case.store(tmp_path / "moderator.sqlite")
    try:
        store.pull()
        # The list's `modified` and the stored post's time agree: nothing is re-read.
        assert store.pull().requests_by_function.get("discussion_posts", 0) == 0
        case.rest(asker, "mod_forum_update_discussion_post", postid=opener,
                  subject="Typo fixed", message="<p>fixed text</p>")  # fmt: skip

        report = store.pull()

        assert report.requests_by_function.get("discussion_posts") == 1
        subject, message, _ = _posts(store, did)[opener]
        assert subject == "Typo fixed" and "fixed text" in message
    finally:
        store.close()
