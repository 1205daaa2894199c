"""Forum behaviour: writes show in later reads, permissions, visibility and paging."""

from __future__ import annotations

from typing import Any

from moderator_app.sandbox import Sandbox

FN_LIST = "mod_forum_get_forum_discussions"
FN_POSTS = "mod_forum_get_discussion_posts"
FN_REPLY = "mod_forum_add_discussion_post"


def _entry(ws: Any, forum_id: int, discussion_id: int) -> dict[str, Any]:
    listing = ws.ok(FN_LIST, {"forumid": forum_id})["discussions"]
    return next(d for d in listing if d["discussion"] == discussion_id)


def _ids(ws: Any, discussion_id: int) -> list[int]:
    return [p["id"] for p in ws.ok(FN_POSTS, {"discussionid": discussion_id})["posts"]]


def test_a_reply_updates_the_list_like_moodle(sandbox: Sandbox, as_user: Any) -> None:
    st = sandbox.state
    forum = st.forum_id("Vragen aan de begeleider")
    discussion = st.discussion_id("Hoe lang moet de reflectie zijn?")
    moderator = as_user("moderator")
    before = _entry(moderator, forum, discussion)
    assert before["numreplies"] == 0

    answer = moderator.ok(
        FN_REPLY,
        {
            "postid": before["id"],
            "subject": "Re: x",
            "message": "<p>Ongeveer <b>300</b> woorden.</p>",
        },
    )
    after = _entry(moderator, forum, discussion)
    assert after["numreplies"] == 1
    assert after["usermodified"] == st.user_id("moderator")
    assert after["timemodified"] == answer["post"]["timecreated"] >= before["timemodified"]
    assert after["created"] == before["created"]  # the first post did not change
    # Last post first, after the pinned discussion.
    order = moderator.ok(FN_LIST, {"forumid": forum, "sortorder": 1})["discussions"]
    assert [d["pinned"] for d in order][:1] == [True]
    assert order[1]["discussion"] == discussion
    newest_first = moderator.ok(FN_POSTS, {"discussionid": discussion})["posts"]
    assert newest_first[0]["id"] == answer["postid"]
    assert newest_first[0]["parentid"] == before["id"]
    oldest_first = moderator.ok(
        FN_POSTS, {"discussionid": discussion, "sortby": "created", "sortdirection": "ASC"}
    )["posts"]
    assert [p["id"] for p in oldest_first] == [before["id"], answer["postid"]]


def test_private_reply_is_seen_by_author_recipient_and_staff_only(
    sandbox: Sandbox, as_user: Any
) -> None:
    st = sandbox.state
    discussion = st.discussion_id("Feedback op mijn casus: anoniem?")
    first = st.discussion(discussion)["firstpost"]  # type: ignore[index]
    facilitator = as_user("facilitator")
    sent = facilitator.ok(
        FN_REPLY,
        [
            ("postid", first),
            ("subject", "Re: x"),
            ("message", "<p>Alleen jij.</p>"),
            ("options[0][name]", "private"),
            ("options[0][value]", "1"),
        ],
    )
    assert sent["post"]["isprivatereply"] is True
    private_id = sent["postid"]
    assert private_id in _ids(as_user("sem"), discussion)  # the recipient
    assert private_id in _ids(as_user("moderator"), discussion)  # staff
    assert private_id in _ids(facilitator, discussion)  # the author
    assert private_id not in _ids(as_user("sanne"), discussion)
    forum = st.forum_id("Vragen aan de begeleider")
    assert _entry(as_user("sanne"), forum, discussion)["numreplies"] == 2
    assert _entry(as_user("moderator"), forum, discussion)["numreplies"] == 3


def test_a_learner_cannot_send_a_private_reply(sandbox: Sandbox, as_user: Any) -> None:
    discussion = sandbox.state.discussion_id("Hoe lang moet de reflectie zijn?")
    first = sandbox.state.discussion(discussion)["firstpost"]  # type: ignore[index]
    sent = as_user("sanne").ok(
        FN_REPLY,
        [
            ("postid", first),
            ("subject", "Re: x"),
            ("message", "<p>x</p>"),
            ("options[0][name]", "private"),
            ("options[0][value]", "1"),
        ],
    )
    assert sent["post"]["isprivatereply"] is False  # silently ignored, as in Moodle


def test_qanda_hides_others_replies_until_you_post(sandbox: Sandbox, as_user: Any) -> None:
    discussion = sandbox.state.discussion_id("Wat maakt feedback voor jou bruikbaar?")
    lotte = as_user("lotte")
    assert len(_ids(lotte, discussion)) == 1  # only the question
    assert len(_ids(as_user("facilitator"), discussion)) == 3
    first = sandbox.state.discussion(discussion)["firstpost"]  # type: ignore[index]
    lotte.ok(FN_REPLY, {"postid": first, "subject": "Re: x", "message": "<p>Mijn idee.</p>"})
    assert len(_ids(lotte, discussion)) == 4


def test_separate_groups_limit_what_a_learner_sees(sandbox: Sandbox, as_user: Any) -> None:
    st = sandbox.state
    forum = st.forum_id("Ervaringen delen")
    sanne = as_user("sanne")  # Groep A
    seen = sanne.ok(FN_LIST, {"forumid": forum})["discussions"]
    groups = {d["groupid"] for d in seen}
    group_a = st.value("SELECT id FROM groups WHERE name = 'Groep A'")
    assert groups == {group_a, -1}
    everything = as_user("moderator").ok(FN_LIST, {"forumid": forum})["discussions"]
    assert len(everything) == len(seen) + 1
    all_participants = next(d for d in seen if d["groupid"] == -1)
    assert all_participants["canreply"] is False  # needs accessallgroups in separate groups
    other = next(d for d in everything if d["groupid"] not in (group_a, -1))
    # Moodle 4.2 answers another group's discussion without any of its posts (no error).
    assert sanne.ok(FN_POSTS, {"discussionid": other["discussion"]})["posts"] == []


def test_paging_and_sort_orders(sandbox: Sandbox, as_user: Any) -> None:
    st = sandbox.state
    forum = st.forum_id("Vragen aan de begeleider")
    moderator = as_user("moderator")
    everything = moderator.ok(FN_LIST, {"forumid": forum})["discussions"]  # defaults: all
    assert len(everything) == len(st.discussions_in(forum))
    pages = []
    for page in range(4):
        chunk = moderator.ok(
            FN_LIST, {"forumid": forum, "sortorder": 1, "page": page, "perpage": 3}
        )["discussions"]
        assert len(chunk) <= 3
        pages += [d["discussion"] for d in chunk]
    assert pages == [d["discussion"] for d in everything]
    # Pinned first whatever the order; then by replies, most first.
    by_replies = moderator.ok(FN_LIST, {"forumid": forum, "sortorder": 5})["discussions"]
    assert by_replies[0]["pinned"]
    counts = [d["numreplies"] for d in by_replies[1:]]
    assert counts == sorted(counts, reverse=True)
    oldest = moderator.ok(FN_LIST, {"forumid": forum, "sortorder": 4})["discussions"][1:]
    assert [d["created"] for d in oldest] == sorted(d["created"] for d in oldest)
    assert moderator.error(FN_LIST, {"forumid": forum, "sortorder": 7}) == "invalidparameter"


def test_lock_needs_an_editing_teacher(sandbox: Sandbox, as_user: Any) -> None:
    st = sandbox.state
    forum = st.forum_id("Vragen aan de begeleider")
    discussion = st.discussion_id("Hoe lang moet de reflectie zijn?")
    first = st.discussion(discussion)["firstpost"]  # type: ignore[index]
    lock = {"forumid": forum, "discussionid": discussion, "targetstate": 0}
    assert as_user("sanne").error("mod_forum_set_lock_state", lock) == "errorcannotlock"
    assert as_user("facilitator").error("mod_forum_set_lock_state", lock) == "errorcannotlock"
    moderator = as_user("moderator")
    locked = moderator.ok("mod_forum_set_lock_state", lock)
    assert locked["locked"] is True and locked["times"]["locked"] > 0
    assert _entry(moderator, forum, discussion)["locked"] is True
    sanne = as_user("sanne")
    reply = {"postid": first, "subject": "Re: x", "message": "<p>x</p>"}
    assert sanne.error(FN_REPLY, reply) == "nopostforum"
    as_user("facilitator").ok(FN_REPLY, reply)  # staff may override the lock
    unlocked = moderator.ok(
        "mod_forum_set_lock_state", {**lock, "targetstate": locked["times"]["locked"]}
    )
    assert unlocked == {"id": discussion, "locked": False, "times": {"locked": 0}}
    sanne.ok(FN_REPLY, reply)


def test_pin_puts_a_discussion_first(sandbox: Sandbox, as_user: Any) -> None:
    st = sandbox.state
    forum = st.forum_id("Vragen aan de begeleider")
    discussion = st.discussion_id("Deadline opdracht 1")
    pin = {"discussionid": discussion, "targetstate": 1}
    assert as_user("sanne").error("mod_forum_set_pin_state", pin) == "cannotpindiscussions"
    moderator = as_user("moderator")
    assert moderator.ok("mod_forum_set_pin_state", pin)["pinned"] is True
    listing = moderator.ok(FN_LIST, {"forumid": forum})["discussions"]
    assert discussion in [d["discussion"] for d in listing[:2]]
    moderator.ok("mod_forum_set_pin_state", {**pin, "targetstate": 0})
    assert _entry(moderator, forum, discussion)["pinned"] is False


def test_delete_rules_and_recomputed_last_post(sandbox: Sandbox, as_user: Any) -> None:
    st = sandbox.state
    forum = st.forum_id("Vragen aan de begeleider")
    discussion = st.discussion_id("Hoe lang moet de reflectie zijn?")
    first = st.discussion(discussion)["firstpost"]  # type: ignore[index]
    before = _entry(as_user("moderator"), forum, discussion)
    sanne, lotte, moderator = as_user("sanne"), as_user("lotte"), as_user("moderator")
    reply = sanne.ok(FN_REPLY, {"postid": first, "subject": "Re: x", "message": "<p>Dank!</p>"})
    assert lotte.error("mod_forum_delete_post", {"postid": reply["postid"]}) == "cannotdeletepost"
    assert moderator.ok("mod_forum_delete_post", {"postid": reply["postid"]})["status"] is True
    after = _entry(moderator, forum, discussion)
    assert (after["numreplies"], after["timemodified"], after["usermodified"]) == (
        before["numreplies"],
        before["timemodified"],
        before["usermodified"],
    )
    again = moderator.error("mod_forum_delete_post", {"postid": reply["postid"]})
    assert again == "invalidpostid"
    own = sanne.ok(FN_REPLY, {"postid": first, "subject": "Re: x", "message": "<p>Oeps</p>"})
    assert sanne.ok("mod_forum_delete_post", {"postid": own["postid"]})["status"] is True
    assert sanne.error("mod_forum_delete_post", {"postid": first}) == "cannotdeletepost"


def test_start_discussion_permissions_and_options(sandbox: Sandbox, as_user: Any) -> None:
    st = sandbox.state
    qanda = st.forum_id("Reflectie: feedback geven")
    general = st.forum_id("Stel je voor")
    new = {"subject": "Vraag", "message": "<p>x</p>"}
    sanne = as_user("sanne")
    assert sanne.error("mod_forum_add_discussion", {"forumid": qanda, **new}) == (
        "cannotcreatediscussion"
    )
    assert sanne.ok("mod_forum_can_add_discussion", {"forumid": qanda})["status"] is False
    pinned_opt = [("options[0][name]", "discussionpinned"), ("options[0][value]", "1")]
    made = sanne.ok("mod_forum_add_discussion", [("forumid", general), *new.items(), *pinned_opt])
    assert st.discussion(made["discussionid"])["pinned"] == 0  # type: ignore[index]
    made = as_user("moderator").ok(
        "mod_forum_add_discussion", [("forumid", qanda), *new.items(), *pinned_opt]
    )
    entry = _entry(as_user("moderator"), qanda, made["discussionid"])
    assert entry["pinned"] is True and entry["numreplies"] == 0
    assert entry["userid"] == entry["usermodified"] == st.user_id("moderator")


def test_parameters_are_validated_like_moodle(as_user: Any, sandbox: Sandbox) -> None:
    moderator = as_user("moderator")
    forum = sandbox.state.forum_id("Stel je voor")
    assert moderator.error(FN_LIST, {"forumid": f"{forum} "}) == "invalidparameter"
    assert moderator.error(FN_LIST, {"forumid": forum, "nonsense": 1}) == "invalidparameter"
    assert moderator.error(FN_LIST, {}) == "invalidparameter"
    assert (
        moderator.error("core_enrol_get_users_courses", {"userid": 1, "returnusercount": "true"})
        == "invalidparameter"
    )
    bad_option = [
        ("postid", 1),
        ("subject", "x"),
        ("message", "x"),
        ("options[0][name]", "colour"),
        ("options[0][value]", "red"),
    ]
    assert moderator.error(FN_REPLY, bad_option) == "errorinvalidparam"


def test_unknown_and_foreign_functions(as_user: Any) -> None:
    moderator = as_user("moderator")
    assert moderator.error("no_such_function") == "invalidrecord"
    assert moderator.error("core_user_create_users") == "accessexception"
    assert moderator.error("") == "invalidparameter"
