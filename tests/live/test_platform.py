"""Every Platform method of MoodleClient against a real Moodle, checked against its database.

Reads are compared with what Moodle stored (mdl_* tables) for the shared world; writes
are made in the world's `scratch` forum (or on discussions made here) and read back
from the database, so the world stays as README.md describes it for other tests.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import pytest

from moderator_app.platform.base import FN_CREATE_POLL
from moderator_app.platform.errors import PlatformError
from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.types import DiscussionOptions, PollSpec
from tests.live.lab import Lab, World, WorldUser

pytestmark = pytest.mark.live

ClientFor = Callable[[WorldUser | str], MoodleClient]


def _ids(values: object) -> str:
    return ", ".join(str(int(v)) for v in values)  # type: ignore[attr-defined]


def _scratch_discussion(world: World, client: MoodleClient, what: str) -> tuple[int, int]:
    """A new discussion in the scratch forum: (discussion id, first post id)."""
    subject = f"Live {what} {secrets.token_hex(3)}"
    new_id = client.start_discussion(
        world.forum_id("scratch"), subject, f"<p>{what}</p>", DiscussionOptions()
    )
    first = client.discussion_posts(new_id).posts[0]
    return new_id, first.id


# -- reads ------------------------------------------------------------------------------


def test_site_info_names_the_signed_in_user(world: World, client_for: ClientFor) -> None:
    info = client_for("teacher").site_info()
    assert (info.user_id, info.username) == (
        world.user("teacher").id,
        world.user("teacher").username,
    )
    assert info.release.startswith("4.2")
    assert {"mod_forum_get_forum_discussions", "mod_forum_add_discussion_post"} <= info.functions


def test_courses_are_the_users_enrolments(lab: Lab, world: World, client_for: ClientFor) -> None:
    for key in ("editor", "teacher", "learner3"):
        user = world.user(key)
        enrolled = lab.sql(
            "SELECT e.courseid AS id FROM mdl_user_enrolments ue "
            f"JOIN mdl_enrol e ON e.id = ue.enrolid WHERE ue.userid = {user.id}"
        )
        courses = client_for(user).courses(user.id)
        assert {c.id for c in courses} == {row["id"] for row in enrolled}
        assert all(c.shortname.endswith(world.suffix) for c in courses)


def test_participants_carry_the_course_roles_and_groups(
    lab: Lab, world: World, client_for: ClientFor
) -> None:
    course_id = world.course_id()
    roles = lab.sql(
        "SELECT ra.userid, r.shortname FROM mdl_role_assignments ra "
        "JOIN mdl_role r ON r.id = ra.roleid JOIN mdl_context cx ON cx.id = ra.contextid "
        f"WHERE cx.contextlevel = 50 AND cx.instanceid = {course_id}"
    )
    members = lab.sql(
        "SELECT gm.userid, gm.groupid FROM mdl_groups_members gm "
        f"JOIN mdl_groups g ON g.id = gm.groupid WHERE g.courseid = {course_id}"
    )
    participants = {p.id: p for p in client_for("editor").participants(course_id)}
    assert set(participants) == {row["userid"] for row in roles}
    for user_id, participant in participants.items():
        assert set(participant.roles) == {r["shortname"] for r in roles if r["userid"] == user_id}
        assert {g.id for g in participant.groups} == {
            m["groupid"] for m in members if m["userid"] == user_id
        }
    assert participants[world.user("teacher").id].is_staff
    assert not participants[world.user("learner1").id].is_staff


def test_forums_of_both_courses(lab: Lab, world: World, client_for: ClientFor) -> None:
    course_ids = [world.course_id("main"), world.course_id("second")]
    stored = lab.sql(
        "SELECT f.id, f.course, f.type, cm.id AS cmid FROM mdl_forum f "
        "JOIN mdl_course_modules cm ON cm.instance = f.id "
        "JOIN mdl_modules mo ON mo.id = cm.module AND mo.name = 'forum' "
        f"WHERE f.course IN ({_ids(course_ids)})"
    )
    forums = client_for("editor").forums(course_ids)
    assert {(f.id, f.course_id, f.type, f.cmid) for f in forums} == {
        (r["id"], r["course"], r["type"], r["cmid"]) for r in stored
    }


def test_discussion_list_matches_the_database(
    lab: Lab, world: World, client_for: ClientFor
) -> None:
    forum_id = world.forum_id("general")
    stored = {
        r["id"]: r
        for r in lab.sql(
            "SELECT id, firstpost, userid, usermodified, timemodified, pinned, timelocked, groupid "
            f"FROM mdl_forum_discussions WHERE forum = {forum_id}"
        )
    }
    page = client_for("editor").discussions(forum_id, 0, 50)
    assert {d.id for d in page.items} == set(stored)
    for d in page.items:
        row = stored[d.id]
        assert (d.first_post_id, d.author_id, d.last_post_user_id) == (
            row["firstpost"],
            row["userid"],
            row["usermodified"],
        )
        assert d.time_modified == row["timemodified"]
        assert d.pinned == (row["pinned"] == 1)
        assert d.locked == (row["timelocked"] > 0)
        assert d.group_id == row["groupid"]
    # Pinned first, then the last post newest first.
    pinned = [d for d in page.items if d.pinned]
    assert page.items[: len(pinned)] == tuple(pinned)
    rest = [d.time_modified for d in page.items[len(pinned) :]]
    assert rest == sorted(rest, reverse=True)


def test_pages_cover_the_list_once(world: World, client_for: ClientFor) -> None:
    editor = client_for("editor")
    forum_id = world.forum_id("general")
    whole = [d.id for d in editor.discussions(forum_id, 0, 100).items]
    paged: list[int] = []
    page = 0
    while True:
        part = editor.discussions(forum_id, page, 3)
        paged += [d.id for d in part.items]
        if not part.maybe_more:
            break
        page += 1
    assert paged == whole and len(whole) > 3


def test_separate_groups_hide_the_other_group_from_a_non_editing_teacher(
    world: World, client_for: ClientFor
) -> None:
    forum_id = world.forum_id("groups")
    seen_by_teacher = {d.id for d in client_for("teacher").discussions(forum_id, 0, 50).items}
    seen_by_editor = {d.id: d for d in client_for("editor").discussions(forum_id, 0, 50).items}
    assert world.discussion_id("group_b") not in seen_by_teacher
    assert world.discussion_id("group_a") in seen_by_teacher
    assert seen_by_editor[world.discussion_id("group_b")].group_id == world.groups["b"]


def test_posts_match_the_database_and_private_replies_stay_private(
    lab: Lab, world: World, client_for: ClientFor
) -> None:
    discussion_id = world.discussion_id("private")
    stored = lab.sql(
        "SELECT id, parent, userid, privatereplyto, created FROM mdl_forum_posts "
        f"WHERE discussion = {discussion_id} ORDER BY id"
    )
    posts = client_for("editor").discussion_posts(discussion_id)
    assert posts.forum_id == world.forum_id("general")
    assert [(p.id, p.parent_id or 0, p.author_id, p.time_created) for p in posts.posts] == [
        (r["id"], r["parent"], r["userid"], r["created"]) for r in stored
    ]
    assert [p.is_private_reply for p in posts.posts] == [r["privatereplyto"] > 0 for r in stored]
    private_id = world.posts["private.1"]
    assert private_id in {
        p.id for p in client_for("learner2").discussion_posts(discussion_id).posts
    }
    assert private_id not in {
        p.id for p in client_for("learner1").discussion_posts(discussion_id).posts
    }


def test_qanda_hides_answers_from_a_learner_who_has_not_posted(
    world: World, client_for: ClientFor
) -> None:
    discussion_id = world.discussion_id("qanda")
    answered = {p.id for p in client_for("learner1").discussion_posts(discussion_id).posts}
    not_yet = {p.id for p in client_for("learner3").discussion_posts(discussion_id).posts}
    assert {world.posts["qanda.1"], world.posts["qanda.2"]} <= answered
    assert not_yet == {world.posts["qanda.0"]}


def test_choices_options_and_results(lab: Lab, world: World, client_for: ClientFor) -> None:
    choice = world.choices["times"]
    editor = client_for("editor")
    found = {c.id: c for c in editor.choices([world.course_id()])}
    assert found[choice["id"]].cmid == choice["cmid"]
    stored = lab.sql(
        "SELECT o.id, o.text, count(a.id) AS n FROM mdl_choice_options o "
        "LEFT JOIN mdl_choice_answers a ON a.optionid = o.id "
        f"WHERE o.choiceid = {choice['id']} GROUP BY o.id, o.text"
    )
    expected = {(r["id"], r["text"], r["n"]) for r in stored}
    options = editor.choice_options(choice["id"])
    assert {(o.id, o.text, o.count) for o in options} == expected
    results = editor.choice_results(choice["id"])
    assert {(r.option_id, r.text, r.count) for r in results} == expected
    learner1 = world.user("learner1").id
    assert any(resp.user_id == learner1 for r in results for resp in r.responses)


def test_users_by_id(world: World, client_for: ClientFor) -> None:
    wanted = [world.user("learner1"), world.user("learner3")]
    profiles = client_for("editor").users_by_id([u.id for u in wanted])
    assert {(p.id, p.fullname) for p in profiles} == {(u.id, u.fullname) for u in wanted}


# -- writes -----------------------------------------------------------------------------


def test_start_discussion_stores_pin_and_group(
    lab: Lab, world: World, client_for: ClientFor
) -> None:
    options = DiscussionOptions(pinned=True, group_id=world.groups["a"])
    new_id = client_for("editor").start_discussion(
        world.forum_id("scratch_groups"), f"Live start {world.suffix}", "<p>Hello A</p>", options
    )
    (row,) = lab.sql(
        "SELECT d.forum, d.pinned, d.groupid, d.userid, p.message FROM mdl_forum_discussions d "
        f"JOIN mdl_forum_posts p ON p.id = d.firstpost WHERE d.id = {new_id}"
    )
    assert (row["forum"], row["pinned"], row["groupid"], row["userid"]) == (
        world.forum_id("scratch_groups"),
        1,
        world.groups["a"],
        world.user("editor").id,
    )
    assert row["message"] == "<p>Hello A</p>"


def test_reply_and_private_reply_are_stored(lab: Lab, world: World, client_for: ClientFor) -> None:
    _, first_post = _scratch_discussion(world, client_for("learner1"), "asks")
    teacher = client_for("teacher")
    public = teacher.reply(first_post, "Re: asks", "<p>For everyone</p>")
    private = teacher.reply(first_post, "Re: asks", "<p>Only for you</p>", private=True)
    rows = {
        r["id"]: r
        for r in lab.sql(
            "SELECT id, parent, userid, privatereplyto, message, created FROM mdl_forum_posts "
            f"WHERE id IN ({_ids([public.post_id, private.post_id])})"
        )
    }
    assert rows[public.post_id]["parent"] == first_post
    assert rows[public.post_id]["created"] == public.time_created
    assert rows[public.post_id]["message"] == "<p>For everyone</p>"
    assert rows[public.post_id]["privatereplyto"] == 0
    assert rows[private.post_id]["privatereplyto"] == world.user("learner1").id
    assert rows[private.post_id]["userid"] == world.user("teacher").id


def test_lock_and_unlock(lab: Lab, world: World, client_for: ClientFor) -> None:
    discussion_id, _ = _scratch_discussion(world, client_for("learner2"), "to lock")
    editor = client_for("editor")
    locked = editor.set_lock(world.forum_id("scratch"), discussion_id, 0)
    stored = lab.sql(f"SELECT timelocked FROM mdl_forum_discussions WHERE id = {discussion_id}")
    assert locked.locked and locked.time_locked == stored[0]["timelocked"] > 0
    unlocked = editor.set_lock(world.forum_id("scratch"), discussion_id, locked.time_locked)
    stored = lab.sql(f"SELECT timelocked FROM mdl_forum_discussions WHERE id = {discussion_id}")
    assert not unlocked.locked and stored[0]["timelocked"] == 0


def test_pin_and_unpin(lab: Lab, world: World, client_for: ClientFor) -> None:
    discussion_id, _ = _scratch_discussion(world, client_for("learner2"), "to pin")
    editor = client_for("editor")
    query = f"SELECT pinned FROM mdl_forum_discussions WHERE id = {discussion_id}"
    editor.set_pin(discussion_id, True)
    assert lab.sql(query)[0]["pinned"] == 1
    editor.set_pin(discussion_id, False)
    assert lab.sql(query)[0]["pinned"] == 0


def test_delete_a_reply_and_a_whole_discussion(
    lab: Lab, world: World, client_for: ClientFor
) -> None:
    discussion_id, first_post = _scratch_discussion(world, client_for("learner3"), "to delete")
    reply = client_for("learner4").reply(first_post, "Re", "<p>Off topic</p>")
    editor = client_for("editor")
    editor.delete_post(reply.post_id)
    assert lab.sql(f"SELECT id FROM mdl_forum_posts WHERE id = {reply.post_id}") == []
    editor.delete_post(first_post)  # the first post takes its discussion with it
    assert lab.sql(f"SELECT id FROM mdl_forum_discussions WHERE id = {discussion_id}") == []


def test_a_learner_may_not_lock(world: World, client_for: ClientFor) -> None:
    discussion_id, _ = _scratch_discussion(world, client_for("learner1"), "no lock")
    with pytest.raises(PlatformError):
        client_for("learner1").set_lock(world.forum_id("scratch"), discussion_id, 0)


def test_send_message_reaches_the_learner(lab: Lab, world: World, client_for: ClientFor) -> None:
    learner = world.user("learner1")
    sent = client_for("editor").send_message(learner.id, "<p>Well done</p>", "live-msg-1")
    assert sent.client_msg_id == "live-msg-1"
    (row,) = lab.sql(
        "SELECT m.useridfrom, m.fullmessagehtml, m.fullmessage FROM mdl_messages m "
        f"WHERE m.id = {sent.message_id}"
    )
    assert row["useridfrom"] == world.user("editor").id
    members = lab.sql(
        "SELECT userid FROM mdl_message_conversation_members mcm JOIN mdl_messages m "
        f"ON m.conversationid = mcm.conversationid WHERE m.id = {sent.message_id}"
    )
    assert {r["userid"] for r in members} == {world.user("editor").id, learner.id}


def test_create_poll_through_the_companion_plugin(
    lab: Lab, world: World, client_for: ClientFor
) -> None:
    editor = client_for("editor")
    if not editor.site_info().can(FN_CREATE_POLL):
        pytest.skip(f"{FN_CREATE_POLL} is not installed on this site (companion plugin)")
    spec = PollSpec(
        course_id=world.course_id(),
        name=f"Live poll {world.suffix}",
        options=(("Yes", 0), ("No", 0)),
        client_ref=f"live-{secrets.token_hex(6)}",
    )
    made = editor.create_poll(spec)
    again = editor.create_poll(spec)
    assert made.created and not again.created and again.choice_id == made.choice_id
    stored = lab.sql(f"SELECT text FROM mdl_choice_options WHERE choiceid = {made.choice_id}")
    assert sorted(r["text"] for r in stored) == ["No", "Yes"]
