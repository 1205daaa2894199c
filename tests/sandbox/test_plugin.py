"""The sandbox's companion plugin: the shapes and refusals of moodle/local_moderatordesk.

tests/live/test_plugin.py holds the real plugin to the same answers on a real Moodle.
"""

from __future__ import annotations

from typing import Any

import pytest

from moderator_app.sandbox import Sandbox

FN_CREATE = "local_moderatordesk_create_choice"
FN_ACCEPTANCES = "local_moderatordesk_get_policy_acceptances"
FN_GET_CLAIMS = "local_moderatordesk_get_claims"
FN_SET_CLAIM = "local_moderatordesk_set_claim"
FN_CAPS = "local_moderatordesk_get_capabilities"
ALL = (FN_CREATE, FN_ACCEPTANCES, FN_GET_CLAIMS, FN_SET_CLAIM, FN_CAPS)


def _course(sandbox: Sandbox, shortname: str = "COMM-2026") -> int:
    return int(sandbox.state.value("SELECT id FROM courses WHERE shortname = ?", (shortname,)))


def _uid(sandbox: Sandbox, username: str) -> int:
    return int(sandbox.state.value("SELECT id FROM users WHERE username = ?", (username,)))


def _discussion(sandbox: Sandbox, course: int, group: int = -1) -> int:
    return int(
        sandbox.state.value(
            "SELECT d.id FROM discussions d JOIN forums f ON f.id = d.forumid"
            " WHERE f.courseid = ? AND d.groupid = ? ORDER BY d.id LIMIT 1",
            (course, group),
        )
    )


def _poll(course: int, clientref: str, **extra: Any) -> dict[str, Any]:
    return {
        "courseid": course,
        "name": "Welke dag?",
        "clientref": clientref,
        "options[0][text]": "Ma",
        "options[0][maxanswers]": 0,
        "options[1][text]": "Di",
        "options[1][maxanswers]": 0,
        **extra,
    }


# -- presence ------------------------------------------------------------------------------


def test_site_info_lists_every_plugin_function_with_its_version(
    sandbox: Sandbox, as_user: Any
) -> None:
    functions = {
        f["name"]: f["version"]
        for f in as_user("moderator").ok("core_webservice_get_site_info")["functions"]
    }
    versions = {functions[name] for name in ALL}
    assert len(versions) == 1
    assert versions != {functions["mod_forum_get_forum_discussions"]}


def test_without_the_plugin_every_function_is_missing(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    sandbox.plugin = False
    listed = {f["name"] for f in moderator.ok("core_webservice_get_site_info")["functions"]}
    assert not listed & set(ALL)
    course = _course(sandbox)
    assert moderator.error(FN_CAPS, {"courseid": course}) == "invalidrecord"
    assert moderator.error(FN_GET_CLAIMS, {"courseids[0]": course}) == "invalidrecord"


# -- create_choice's plugin refusals -------------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"limitanswers": 1}, "limitzero"),
        ({"timeopen": 2000, "timeclose": 1000}, "closebeforeopen"),
        ({"clientref": "x" * 95}, "invalidparameter"),
        ({"clientref": "met spatie"}, "invalidparameter"),
    ],
)
def test_create_choice_refusals_have_the_plugins_codes(
    sandbox: Sandbox, as_user: Any, extra: dict[str, Any], code: str
) -> None:
    course = _course(sandbox)
    before = len(sandbox.state.choices_in(course))
    assert as_user("moderator").error(FN_CREATE, {**_poll(course, "ref-1"), **extra}) == code
    assert len(sandbox.state.choices_in(course)) == before


def test_a_reference_whose_poll_was_deleted_is_not_made_again(
    sandbox: Sandbox, as_user: Any
) -> None:
    course = _course(sandbox)
    moderator = as_user("moderator")
    first = moderator.ok(FN_CREATE, _poll(course, "gone-1"))
    sandbox.state.insert("DELETE FROM cms WHERE id = ?", (first["cmid"],))
    assert moderator.error(FN_CREATE, _poll(course, "gone-1")) == "clientrefdeleted"


def test_the_same_reference_in_another_course_is_another_poll(
    sandbox: Sandbox, as_user: Any
) -> None:
    moderator = as_user("moderator")
    one = moderator.ok(FN_CREATE, _poll(_course(sandbox), "shared-ref"))
    two = moderator.ok(FN_CREATE, _poll(_course(sandbox, "LEID-2026"), "shared-ref"))
    assert one["created"] == two["created"] == 1 and one["cmid"] != two["cmid"]


# -- policy acceptances --------------------------------------------------------------------


def test_acceptances_give_each_participant_a_state_per_policy(
    sandbox: Sandbox, as_user: Any
) -> None:
    course = _course(sandbox)
    got = as_user("moderator").ok(FN_ACCEPTANCES, {"courseid": course})
    [policy] = got["policies"]
    enrolled = sandbox.state.value(
        "SELECT COUNT(DISTINCT userid) FROM enrolments WHERE courseid = ?", (course,)
    )
    assert got["total"] == enrolled == len(got["participants"])
    states = {p["userid"]: p["policies"] for p in got["participants"]}
    answers = {a["userid"]: a["status"] for a in sandbox.state.policy_acceptances()}
    for user_id, [state] in states.items():
        assert state["versionid"] == policy["versionid"]
        expected = {1: "accepted", 0: "declined"}.get(answers.get(user_id, -1), "pending")
        assert state["status"] == expected
        assert (state["timemodified"] == 0) == (expected == "pending")
    assert {s[0]["status"] for s in states.values()} == {"accepted", "declined", "pending"}


def test_acceptances_come_in_pages(sandbox: Sandbox, as_user: Any) -> None:
    course = _course(sandbox)
    moderator = as_user("moderator")
    whole = moderator.ok(FN_ACCEPTANCES, {"courseid": course})["participants"]
    pages = [
        moderator.ok(FN_ACCEPTANCES, {"courseid": course, "perpage": 5, "page": n})
        for n in range(4)
    ]
    assert [u["userid"] for p in pages for u in p["participants"]] == [u["userid"] for u in whole]
    assert [len(p["participants"]) for p in pages] == [5, 5, 5, len(whole) - 15]
    assert moderator.error(FN_ACCEPTANCES, {"courseid": course, "perpage": 501}) == (
        "invalidparameter"
    )


def test_acceptances_of_one_group(sandbox: Sandbox, as_user: Any) -> None:
    course = _course(sandbox, "LEID-2026")
    group = int(sandbox.state.value("SELECT id FROM groups WHERE name = 'Groep A'"))
    got = as_user("moderator").ok(FN_ACCEPTANCES, {"courseid": course, "groupid": group})
    members = {
        r["userid"]
        for r in sandbox.state.rows("SELECT userid FROM group_members WHERE groupid = ?", (group,))
    }
    assert {u["userid"] for u in got["participants"]} == members
    other = as_user("moderator").error(
        FN_ACCEPTANCES, {"courseid": _course(sandbox), "groupid": group}
    )
    assert other == "invalidparameter"


def test_acceptances_are_refused_to_learners_and_without_tool_policy(
    sandbox: Sandbox, as_user: Any
) -> None:
    course = _course(sandbox)
    assert as_user("sanne").error(FN_ACCEPTANCES, {"courseid": course}) == "nopermissions"
    sandbox.state.set_meta("sitepolicyhandler", "")
    assert as_user("moderator").error(FN_ACCEPTANCES, {"courseid": course}) == "nottoolpolicy"
    assert as_user("moderator").ok(FN_CAPS, {"courseid": course})["readconsent"] == 0


# -- claims --------------------------------------------------------------------------------


def test_a_claim_is_seen_by_the_other_moderator_and_not_taken_silently(
    sandbox: Sandbox, as_user: Any
) -> None:
    course = _course(sandbox)
    discussion = _discussion(sandbox, course)
    moderator, facilitator = as_user("moderator"), as_user("facilitator")
    mine = moderator.ok(FN_SET_CLAIM, {"discussionid": discussion, "state": "claimed"})
    assert mine["changed"] == 1 and mine["claim"]["userid"] == _uid(sandbox, "moderator")

    seen = facilitator.ok(FN_GET_CLAIMS, {"courseids[0]": course})
    [claim] = [c for c in seen["claims"] if c["discussionid"] == discussion]
    assert claim == mine["claim"]
    blocked = facilitator.ok(FN_SET_CLAIM, {"discussionid": discussion, "state": "dismissed"})
    assert blocked["changed"] == 0 and blocked["claim"] == mine["claim"]
    taken = facilitator.ok(
        FN_SET_CLAIM, {"discussionid": discussion, "state": "claimed", "override": 1}
    )
    assert taken["changed"] == 1 and taken["claim"]["userid"] == _uid(sandbox, "facilitator")


def test_a_dismissal_keeps_its_reason_and_a_release_reaches_the_next_sync(
    sandbox: Sandbox, as_user: Any
) -> None:
    course = _course(sandbox)
    discussion = _discussion(sandbox, course)
    moderator, facilitator = as_user("moderator"), as_user("facilitator")
    dismissed = moderator.ok(
        FN_SET_CLAIM, {"discussionid": discussion, "state": "dismissed", "reason": " Beantwoord "}
    )
    assert dismissed["claim"]["reason"] == "Beantwoord"
    first = facilitator.ok(FN_GET_CLAIMS, {"courseids[0]": course})
    later = {"courseids[0]": course, "since": dismissed["claim"]["timemodified"] + 1}
    assert facilitator.ok(FN_GET_CLAIMS, later)["claims"] == []
    moderator.ok(FN_SET_CLAIM, {"discussionid": discussion, "state": "released", "reason": "x"})
    since = facilitator.ok(FN_GET_CLAIMS, {"courseids[0]": course, "since": first["servertime"]})
    [claim] = since["claims"]
    assert (claim["state"], claim["reason"]) == ("released", "")


def test_claims_keep_to_separate_groups(sandbox: Sandbox, as_user: Any) -> None:
    course = _course(sandbox, "LEID-2026")
    group_a = int(sandbox.state.value("SELECT id FROM groups WHERE name = 'Groep A'"))
    group_b = int(sandbox.state.value("SELECT id FROM groups WHERE name = 'Groep B'"))
    teacher = sandbox.state.add_user("tutor", "Tom", "Tutor", password="Tutor-123!")
    sandbox.state.enrol(course, teacher, "teacher")
    sandbox.state.insert(
        "INSERT INTO group_members (groupid, userid) VALUES (?, ?)", (group_a, teacher)
    )
    in_b = _discussion(sandbox, course, group_b)
    as_user("moderator").ok(FN_SET_CLAIM, {"discussionid": in_b, "state": "claimed"})
    tutor = as_user("tutor")
    assert tutor.error(FN_SET_CLAIM, {"discussionid": in_b, "state": "claimed"}) == (
        "nopermissions"
    )
    assert tutor.ok(FN_GET_CLAIMS, {"courseids[0]": course})["claims"] == []
    in_a = _discussion(sandbox, course, group_a)
    assert tutor.ok(FN_SET_CLAIM, {"discussionid": in_a, "state": "claimed"})["changed"] == 1


def test_a_learner_gets_a_warning_not_the_claims(sandbox: Sandbox, as_user: Any) -> None:
    course = _course(sandbox)
    as_user("moderator").ok(
        FN_SET_CLAIM, {"discussionid": _discussion(sandbox, course), "state": "claimed"}
    )
    seen = as_user("sanne").ok(FN_GET_CLAIMS, {"courseids[0]": course})
    assert seen["claims"] == []
    assert [(w["itemid"], w["warningcode"]) for w in seen["warnings"]] == [
        (course, "nopermissions")
    ]
    assert (
        as_user("sanne").error(
            FN_SET_CLAIM, {"discussionid": _discussion(sandbox, course), "state": "claimed"}
        )
        == "nopermissions"
    )
    assert (
        as_user("moderator").error(
            FN_SET_CLAIM, {"discussionid": _discussion(sandbox, course), "state": "mine"}
        )
        == "invalidparameter"
    )


# -- capabilities --------------------------------------------------------------------------


def test_capabilities_follow_the_role(sandbox: Sandbox, as_user: Any) -> None:
    course = _course(sandbox)

    def caps(username: str) -> tuple[int, ...]:
        got = as_user(username).ok(FN_CAPS, {"courseid": course})
        keys = ("createpolls", "readconsent", "triage", "lock", "pin")
        return tuple(got[k] for k in keys)

    assert caps("moderator") == (1, 1, 1, 1, 1)
    assert caps("facilitator") == (0, 1, 1, 0, 1)
    assert caps("sanne") == (0, 0, 0, 0, 0)
