"""One bad record never stops a sync; a huge post is stored cut.

The sandbox keeps its own data in SQLite, so it cannot hold an id past 2^63 itself:
a client that edits the site's JSON on the way in (before the app's parsing) brings
such a record into an otherwise real sync against the sandbox.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from sqlalchemy import select

from moderator_app.platform import limits
from moderator_app.platform.errors import ProtocolError
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import MODERATOR
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import SyncEngine
from tests.replay_server import Exchange, ReplayServer
from tests.sync.conftest import FN_DISCUSSIONS, FN_POSTS, AppClock, Site

TOO_BIG = 2**64  # SQLite integers end at 2^63 - 1

Edit = Callable[[str, Mapping[str, Any], Any], Any]


class EditingClient(MoodleClient):
    """A MoodleClient whose answers pass through `edit(function, params, body)` first."""

    def __init__(self, *args: Any, edit: Edit, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._edit = edit

    def call(self, function: str, params: Mapping[str, Any] | None = None, **kw: Any) -> Any:
        return self._edit(function, params or {}, super().call(function, params, **kw))


def sync(site: Site, db: Database, clock: AppClock, edit: Edit) -> Any:
    client = EditingClient(site.sb.url, site.sb.token_for(MODERATOR), backoff=0.0, edit=edit)
    return SyncEngine(db, client, account_user_id=site.moderator, now=clock).run()


def test_a_discussion_with_an_id_past_2_63_is_skipped_and_reported(
    site: Site, db: Database, clock: AppClock
) -> None:
    course = site.course()
    broken, fine = site.forum(course), site.forum(course)
    kept_in_broken = site.start(broken, site.learners[0])
    other = site.start(fine, site.learners[1])

    def edit(function: str, params: Mapping[str, Any], body: Any) -> Any:
        if function == FN_DISCUSSIONS and params["forumid"] == broken:
            bad = dict(body["discussions"][0], discussion=TOO_BIG, id=TOO_BIG)
            body["discussions"].append(bad)
        return body

    report = sync(site, db, clock, edit)

    assert report.error is None and not report.failures
    assert [(s.forum_id, s.kind, s.record_id) for s in report.skipped] == [
        (broken, "discussion", TOO_BIG)
    ]
    assert "too large" in report.skipped[0].reason
    with db.session() as s:
        stored = set(s.execute(select(m.Discussion.id)).scalars())
        posts = set(s.execute(select(m.Post.discussion_id)).scalars())
    # The rest of that page, the other forum and the posts phase all went on.
    assert stored == {kept_in_broken, other}
    assert posts == {kept_in_broken, other}


def test_a_post_with_an_id_past_2_63_is_skipped_the_thread_kept(
    site: Site, db: Database, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    discussion = site.start(forum, site.learners[0])
    site.reply(discussion, site.learners[1])

    def edit(function: str, params: Mapping[str, Any], body: Any) -> Any:
        if function == FN_POSTS:
            body["posts"].append(dict(body["posts"][-1], id=TOO_BIG))
        return body

    report = sync(site, db, clock, edit)

    assert report.error is None
    assert [(s.forum_id, s.kind) for s in report.skipped] == [(forum, "post")]
    with db.session() as s:
        assert len(s.execute(select(m.Post.id)).scalars().all()) == 2


def test_a_huge_post_is_stored_truncated(
    site: Site, db: Database, clock: AppClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_POST_HTML_CHARS", 1000)
    forum = site.forum(site.course())
    discussion = site.start(forum, site.learners[0])
    long_post = site.reply(discussion, site.learners[1], "<p>" + "lang verhaal " * 500 + "</p>")

    report = sync(site, db, clock, lambda f, p, body: body)

    assert report.ok
    with db.session() as s:
        posts = {p.id: p for p in s.execute(select(m.Post)).scalars()}
    assert posts[long_post].truncated
    assert len(posts[long_post].message) <= 1000
    assert posts[long_post].message.startswith("<p>lang verhaal")
    others = [p for p in posts.values() if p.id != long_post]
    assert others and not any(p.truncated for p in others)


def test_a_cut_never_ends_inside_a_tag() -> None:
    from moderator_app.store.upsert import cut_html

    html = "<p>" + "a" * 10 + '<a href="https://example.org/long">link</a></p>'
    kept, cut = cut_html(html, 20)
    assert cut and kept == "<p>" + "a" * 10
    assert cut_html("<p>kort</p>", 20) == ("<p>kort</p>", False)


def test_deeply_nested_json_is_a_protocol_error_for_that_call() -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    answer = Exchange.raw("/webservice/rest/server.php", deep, function=FN_POSTS)
    answer.content_type = "application/json"
    with ReplayServer([answer]) as server:
        client = MoodleClient(server.url, "0" * 32, backoff=0.0)
        with pytest.raises(ProtocolError) as raised:
            client.discussion_posts(5)
    assert raised.value.code == "toodeep"
