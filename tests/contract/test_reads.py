"""Every read the client makes, replayed against its Moodle 4.2 recording.

Each case checks the request (function, parameters, array encoding: the recording's
pairs, with any deliberate difference named) and the values the client returns.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from moderator_app.platform.errors import ProtocolError
from moderator_app.platform.moodle import MoodleClient
from tests.contract.helpers import assert_sent_like, client_for
from tests.replay_server import ReplayServer, recording

# Our posts call always asks oldest first; recordings made with defaults lack these.
POSTS_ORDER = {"sortby": "created", "sortdirection": "ASC"}
DEFAULT_PAGE = {"sortorder": "1", "page": "0", "perpage": "50"}


def replay(name: str, call: Callable[[MoodleClient], Any], match: str = "exact") -> Any:
    with ReplayServer([name], match=match) as server:
        result = call(client_for(server.url))
        assert server.unmatched == []
        assert len(server.received) == 1
        return result, server.received[0]


def test_site_info_moderator() -> None:
    info, sent = replay("007-site-info", lambda c: c.site_info())
    assert_sent_like(sent, "007-site-info")
    assert (info.site_name, info.user_id, info.username) == ("Moodle Lab", 3, "moderator")
    assert info.fullname == "Marieke de Vries"
    assert info.release.startswith("4.2.3")
    assert info.can("mod_forum_add_discussion_post")
    assert not info.can("local_moderatordesk_create_choice")
    body = recording("007-site-info")["response"]["body"]
    assert len(info.functions) == len(body["functions"])


def test_site_info_learner_and_policy_not_agreed_still_answer() -> None:
    info, sent = replay("008-site-info-learner", lambda c: c.site_info())
    assert_sent_like(sent, "008-site-info-learner")
    assert (info.user_id, info.username) == (5, "sanne")
    info, _ = replay("079-site-info-policy-not-agreed", lambda c: c.site_info())
    assert info.username == "youssef"


def test_site_info_remembers_functions_for_error_mapping() -> None:
    with ReplayServer(["007-site-info"]) as server:
        client = client_for(server.url)
        assert client.known_functions is None
        info = client.site_info()
        assert client.known_functions == info.functions


def test_courses_sends_no_user_count() -> None:
    courses, sent = replay("009-users-courses", lambda c: c.courses(3), match="function")
    # returnusercount=0: the enrolled-user count is slow on big sites and unused.
    assert_sent_like(
        sent, "009-users-courses", extra={"returnusercount": "0"}, missing={"returnusercount": "1"}
    )
    body = recording("009-users-courses")["response"]["body"]
    assert [c.id for c in courses] == [c["id"] for c in body]
    first = courses[0]
    assert (first.shortname, first.fullname, first.visible) == (
        "LEID-2026",
        "Leidinggeven op afstand",
        True,
    )


@pytest.mark.parametrize(
    "name, course_id", [("010-enrolled-users-c1", 2), ("012-enrolled-users-c2", 3)]
)
def test_participants_roles_and_groups(name: str, course_id: int) -> None:
    people, sent = replay(name, lambda c: c.participants(course_id))
    assert_sent_like(sent, name)
    body = recording(name)["response"]["body"]
    assert [p.id for p in people] == [u["id"] for u in body]
    assert all(p.course_id == course_id for p in people)
    by_id = {p.id: p for p in people}
    assert by_id[3].roles == ("editingteacher",) and by_id[3].is_staff
    assert by_id[5].roles == ("student",) and not by_id[5].is_staff
    with_groups = [u for u in body if u.get("groups")]
    for user in with_groups:
        assert [g.name for g in by_id[user["id"]].groups] == [g["name"] for g in user["groups"]]
    if name.endswith("c2"):
        assert with_groups, "course 2 of the recording has groups"


def test_participants_non_editing_teacher_is_staff() -> None:
    people, _ = replay("010-enrolled-users-c1", lambda c: c.participants(2))
    assert next(p for p in people if p.id == 4).roles == ("teacher",)
    assert next(p for p in people if p.id == 4).is_staff


def test_forums_of_two_courses() -> None:
    forums, sent = replay("016-forums-by-courses", lambda c: c.forums([2, 3]))
    assert_sent_like(sent, "016-forums-by-courses")
    body = recording("016-forums-by-courses")["response"]["body"]
    assert [(f.id, f.course_id, f.cmid, f.type) for f in forums] == [
        (f["id"], f["course"], f["cmid"], f["type"]) for f in body
    ]
    first = forums[0]
    assert first.name == "Stel je voor" and first.num_discussions == 1
    assert first.can_create_discussions


def test_forums_of_all_courses_sends_no_course_ids() -> None:
    forums, sent = replay("017-forums-by-courses-all", lambda c: c.forums([]))
    assert_sent_like(sent, "017-forums-by-courses-all")
    assert {f.course_id for f in forums} >= {2, 3}


@pytest.mark.parametrize("name", ["018-forums-by-courses-not-enrolled", "080-policy-not-agreed"])
def test_forums_silently_empty(name: str) -> None:
    course = int(dict(recording(name)["request"]["form"])["courseids[0]"])
    forums, sent = replay(name, lambda c: c.forums([course]))
    assert_sent_like(sent, name)
    assert forums == []


def test_discussions_waiting_pinned_locked() -> None:
    page, sent = replay("019-discussions-questions", lambda c: c.discussions(2, 0, 50))
    assert_sent_like(sent, "019-discussions-questions")
    body = recording("019-discussions-questions")["response"]["body"]["discussions"]
    # `discussion` is the discussion id, `id` its first post.
    assert [(d.id, d.first_post_id) for d in page.items] == [
        (d["discussion"], d["id"]) for d in body
    ]
    assert all(d.forum_id == 2 for d in page.items)
    first = page.items[0]
    assert first.pinned and first.id == 2 and first.first_post_id == 5
    assert first.author_id == 3 and first.last_post_user_id == 3
    assert first.num_replies == 0 and first.can_lock
    assert [d.locked for d in page.items] == [d["locked"] for d in body]
    assert any(d.locked for d in page.items)
    assert [d.time_modified for d in page.items] == [d["timemodified"] for d in body]
    assert not page.maybe_more


def test_discussions_default_recording_is_what_we_ask_for_explicitly() -> None:
    page, sent = replay(
        "020-discussions-questions-default", lambda c: c.discussions(2, 0, 50), match="subset"
    )
    assert_sent_like(sent, "020-discussions-questions-default", extra=DEFAULT_PAGE)
    assert len(page.items) == len(
        recording("020-discussions-questions-default")["response"]["body"]["discussions"]
    )


@pytest.mark.parametrize(
    "page_no, name",
    [
        (0, "021-discussions-cases-page0"),
        (1, "022-discussions-cases-page1"),
        (2, "023-discussions-cases-page2"),
        (3, "024-discussions-cases-page3"),
    ],
)
def test_discussions_paging(page_no: int, name: str) -> None:
    page, sent = replay(name, lambda c: c.discussions(4, page_no, 10))
    assert_sent_like(sent, name)
    assert page.page == page_no and page.per_page == 10
    assert len(page.items) == [10, 10, 5, 0][page_no]
    assert page.maybe_more == (page_no < 2)


def test_discussions_pages_are_newest_first_after_pinned() -> None:
    times: list[int] = []
    seen = 0
    for page_no, name in enumerate(
        [
            "021-discussions-cases-page0",
            "022-discussions-cases-page1",
            "023-discussions-cases-page2",
        ]
    ):
        page, _ = replay(name, lambda c, p=page_no: c.discussions(4, p, 10))  # type: ignore[misc]
        times += [d.time_modified for d in page.items if not d.pinned]
        seen += len(page.items)
    assert times == sorted(times, reverse=True)
    assert seen == 25  # the recording's forum holds 25 discussions


@pytest.mark.parametrize(
    "name, forum_id",
    [
        ("025-discussions-group-forum-moderator", 5),
        ("026-discussions-group-forum-learner", 5),
        ("027-discussions-qanda", 3),
        ("030-discussions-questions-raw", 2),
        ("043-discussions-after-reply", 2),
    ],
)
def test_discussions_other_views(name: str, forum_id: int) -> None:
    page, sent = replay(name, lambda c: c.discussions(forum_id, 0, 50))
    assert_sent_like(sent, name)
    body = recording(name)["response"]["body"]["discussions"]
    assert [(d.id, d.group_id, d.num_replies, d.last_post_user_id) for d in page.items] == [
        (d["discussion"], d["groupid"], d["numreplies"], d["usermodified"]) for d in body
    ]


def test_discussions_qanda_raw_defaults() -> None:
    page, sent = replay(
        "035-discussions-qanda-raw", lambda c: c.discussions(3, 0, 50), match="subset"
    )
    assert_sent_like(sent, "035-discussions-qanda-raw", extra=DEFAULT_PAGE)
    assert page.items and all(d.forum_id == 3 for d in page.items)


def test_discussions_after_reply_show_the_moderator_last() -> None:
    before, _ = replay("030-discussions-questions-raw", lambda c: c.discussions(2, 0, 50))
    after, _ = replay("043-discussions-after-reply", lambda c: c.discussions(2, 0, 50))
    old = {d.id: d for d in before.items}[3]
    new = {d.id: d for d in after.items}[3]
    assert new.num_replies == old.num_replies + 1
    assert new.last_post_user_id == 3 and new.time_modified > old.time_modified


def test_posts_oldest_first_matches_recording() -> None:
    posts, sent = replay("032-posts-followup", lambda c: c.discussion_posts(6))
    assert_sent_like(sent, "032-posts-followup")
    body = recording("032-posts-followup")["response"]["body"]
    assert (posts.forum_id, posts.course_id) == (body["forumid"], body["courseid"])
    assert [p.id for p in posts.posts] == [p["id"] for p in body["posts"]]
    first = posts.posts[0]
    assert first.parent_id is None and first.discussion_id == 6
    assert all(p.parent_id is not None for p in posts.posts[1:])
    assert [p.author_id for p in posts.posts] == [p["author"]["id"] for p in body["posts"]]


@pytest.mark.parametrize(
    "name, discussion_id",
    [
        ("031-posts-waiting", 3),
        ("033-posts-private-reply-moderator", 9),
        ("034-posts-private-reply-other-learner", 9),
        ("036-posts-qanda-learner-not-posted", 10),
        ("037-posts-qanda-moderator", 10),
        ("042-posts-after-reply", 3),
        ("058-posts-for-delete", 3),
    ],
)
def test_posts_recorded_with_default_order(name: str, discussion_id: int) -> None:
    posts, sent = replay(name, lambda c: c.discussion_posts(discussion_id), match="subset")
    assert_sent_like(sent, name, extra=POSTS_ORDER)
    body = recording(name)["response"]["body"]["posts"]
    assert [(p.id, p.time_created, p.is_private_reply, p.can_reply) for p in posts.posts] == [
        (p["id"], p["timecreated"], p["isprivatereply"], p["capabilities"]["reply"]) for p in body
    ]


def test_private_reply_visible_to_teacher_only() -> None:
    teacher, _ = replay(
        "033-posts-private-reply-moderator", lambda c: c.discussion_posts(9), match="subset"
    )
    learner, _ = replay(
        "034-posts-private-reply-other-learner", lambda c: c.discussion_posts(9), match="subset"
    )
    private = [p.id for p in teacher.posts if p.is_private_reply]
    assert private
    assert not set(private) & {p.id for p in learner.posts}


def test_can_add_discussion() -> None:
    allowed, sent = replay("039-can-add-discussion", lambda c: c.can_add_discussion(2))
    assert_sent_like(sent, "039-can-add-discussion")
    assert allowed is True
    allowed, _ = replay("040-can-add-discussion-learner-qanda", lambda c: c.can_add_discussion(3))
    assert allowed is False


def test_choices() -> None:
    choices, sent = replay("062-choices-by-courses", lambda c: c.choices([2]))
    assert_sent_like(sent, "062-choices-by-courses")
    assert [(ch.id, ch.cmid, ch.course_id) for ch in choices] == [(1, 6, 2), (2, 7, 2)]
    named, anonymous = choices
    assert named.publish_names and named.allow_update and named.show_results == 1
    assert not anonymous.publish_names and anonymous.show_results == 3


@pytest.mark.parametrize("name", ["063-choice-options-moderator", "067-choice-options-learner"])
def test_choice_options(name: str) -> None:
    options, sent = replay(name, lambda c: c.choice_options(1))
    assert_sent_like(sent, name)
    assert [(o.id, o.text, o.count) for o in options] == [
        (1, "Dinsdagavond 19:30", 3),
        (2, "Woensdagochtend 9:00", 2),
        (3, "Donderdagmiddag 14:00", 2),
    ]


def test_choice_results_with_names() -> None:
    results, sent = replay("064-choice-results-names", lambda c: c.choice_results(1))
    assert_sent_like(sent, "064-choice-results-names")
    first = results[0]
    assert (first.option_id, first.count) == (1, 3)
    assert [r.user_id for r in first.responses] == [5, 8, 11]
    assert abs(sum(r.percentage for r in results) - 100) < 0.01


@pytest.mark.parametrize(
    "name", ["065-choice-results-anonymous", "066-choice-results-learner-anonymous"]
)
def test_choice_results_anonymous_have_counts_not_names(name: str) -> None:
    results, sent = replay(name, lambda c: c.choice_results(2))
    assert_sent_like(sent, name)
    assert [r.count for r in results][:2] == [3, 2]
    assert all(r.responses == () for r in results)


def test_users_by_id() -> None:
    users, sent = replay("072-users-by-field", lambda c: c.users_by_id([5, 6]))
    assert_sent_like(sent, "072-users-by-field")
    assert [(u.id, u.fullname) for u in users][0] == (5, "Sanne Jansen")
    assert [u.id for u in users] == [5, 6]


def test_users_by_id_empty_sends_nothing() -> None:
    with ReplayServer() as server:
        assert client_for(server.url).users_by_id([]) == []
        assert server.received == []


def test_no_language_setting_when_none_given() -> None:
    with ReplayServer(["007-site-info"], match="subset") as server:
        # The recording has moodlewssettinglang=nl; without lang it must be absent.
        with pytest.raises(ProtocolError, match="418"):  # no recording matches
            client_for(server.url, lang=None).site_info()
        assert "moodlewssettinglang" not in server.received[0].params()
