"""The companion plugin local_moderatordesk on a real Moodle, over REST with real tokens.

The module installs the plugin from moodle/local_moderatordesk with admin/cli/upgrade.php,
makes its own course (separate groups at course level, an editing teacher, a non-editing
teacher in group A, learners in groups A and B) with tests/live/php/plugin_lab.php, and
calls every function as the app does: with the mobile-service token of each user.

The policy tests make a site policy current for a few seconds: everyone else on this
shared site is marked as having accepted it first, and the handler, the policy and every
user's policyagreed flag are put back afterwards (plugin_lab.php policy_begin/policy_end).
The last test uninstalls the plugin and installs it again from the built zip, so it is
installed when the module ends.
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from moderator_app.platform.errors import PlatformError
from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.types import PollSpec
from moderator_app.sandbox import Sandbox
from tests.live.lab import PHP_DIR, Lab, new_password
from tests.live.plugin import (
    PLUGIN_SRC,
    REPO,
    install,
    installed_version,
    run_cli,
    source_version,
)

pytestmark = pytest.mark.live

PLUGIN_LAB = PHP_DIR / "plugin_lab.php"
FUNCTIONS = (
    "local_moderatordesk_create_choice",
    "local_moderatordesk_get_policy_acceptances",
    "local_moderatordesk_get_claims",
    "local_moderatordesk_set_claim",
    "local_moderatordesk_get_capabilities",
)
TWO_OPTIONS = [{"text": "Yes", "maxanswers": 0}, {"text": "No", "maxanswers": 0}]


@pytest.fixture(scope="module")
def installed(lab: Lab) -> Path:
    """The plugin's code copied into the site and installed (or upgraded) from the CLI."""
    return install(lab)


@dataclass
class PluginWorld:
    """What plugin_lab.php world made, plus a signed-in client per user."""

    made: dict[str, Any]
    tokens: dict[str, str] = field(repr=False)
    clients: dict[str, MoodleClient] = field(repr=False)

    @property
    def course(self) -> int:
        return int(self.made["course"])

    def uid(self, key: str) -> int:
        return int(self.made["users"][key]["id"])

    def discussion(self, key: str) -> int:
        return int(self.made["discussions"][key])


@pytest.fixture(scope="module")
def pw(lab: Lab, installed: Path) -> PluginWorld:
    password = new_password()
    made = lab.php(
        PLUGIN_LAB, "world", secrets.token_hex(4), env={"MOODLE_WORLD_PASSWORD": password}
    )
    tokens = {
        key: lab.token(made["users"][key]["username"], password)
        for key in ("editor", "teacher", "learner1")
    }
    return PluginWorld(made, tokens, {key: lab.client(t) for key, t in tokens.items()})


def _call(client: MoodleClient, fn: str, **params: Any) -> Any:
    return client.call(fn, params, write=fn.endswith(("create_choice", "set_claim")))


def _refusal(client: MoodleClient, fn: str, **params: Any) -> str:
    with pytest.raises(PlatformError) as caught:
        _call(client, fn, **params)
    return caught.value.code


def _new_ref() -> str:
    return f"live-{secrets.token_hex(8)}"


def _choices_in(lab: Lab, course: int) -> int:
    return int(lab.sql(f"SELECT count(*) AS n FROM mdl_choice WHERE course = {course}")[0]["n"])


# -- installation -------------------------------------------------------------------------


def test_install_puts_every_function_in_the_mobile_service(
    lab: Lab, installed: Path, pw: PluginWorld
) -> None:
    rows = lab.sql(
        "SELECT f.functionname FROM mdl_external_services_functions f"
        " JOIN mdl_external_services s ON s.id = f.externalserviceid"
        " WHERE s.shortname = 'moodle_mobile_app' AND f.functionname LIKE 'local_moderatordesk%'"
    )
    assert {r["functionname"] for r in rows} == set(FUNCTIONS)
    # The app detects the plugin from site info, as any user with the app's token sees it.
    for client in pw.clients.values():
        assert set(FUNCTIONS) <= set(client.site_info().functions)


# -- create_choice ------------------------------------------------------------------------


def test_a_poll_is_made_with_every_setting_and_read_back_by_core(lab: Lab, pw: PluginWorld) -> None:
    editor, learner = pw.clients["editor"], pw.clients["learner1"]
    answer = _call(
        editor,
        "local_moderatordesk_create_choice",
        courseid=pw.course,
        section=2,
        name="  Which evening suits you?  ",
        intro="<p>Pick one or two.</p>",
        options=[{"text": "Monday", "maxanswers": 3}, {"text": " Tuesday ", "maxanswers": 5}],
        allowmultiple=1,
        allowupdate=1,
        limitanswers=1,
        showresults=2,
        publish=1,
        showunanswered=1,
        timeopen=1_700_000_000,
        timeclose=1_900_000_000,
        visible=1,
        clientref=_new_ref(),
    )
    assert answer["created"] == 1
    listed = _call(learner, "mod_choice_get_choices_by_courses", courseids=[pw.course])["choices"]
    mine = next(c for c in listed if c["id"] == answer["choiceid"])
    assert mine["coursemodule"] == answer["cmid"]
    assert mine["name"] == "Which evening suits you?"
    assert (mine["allowmultiple"], mine["allowupdate"], mine["limitanswers"]) == (True,) * 3
    assert (mine["showresults"], mine["publish"], mine["showunanswered"]) == (2, True, True)
    assert (mine["timeopen"], mine["timeclose"]) == (1_700_000_000, 1_900_000_000)
    options = lab.sql(
        f"SELECT text, maxanswers FROM mdl_choice_options WHERE choiceid = {answer['choiceid']}"
        " ORDER BY id"
    )
    assert options == [{"text": "Monday", "maxanswers": 3}, {"text": "Tuesday", "maxanswers": 5}]
    section = lab.sql(
        "SELECT s.section FROM mdl_course_modules m JOIN mdl_course_sections s"
        f" ON s.id = m.section WHERE m.id = {answer['cmid']}"
    )
    assert section == [{"section": 2}]


def test_a_hidden_poll_is_seen_by_the_editor_only(pw: PluginWorld) -> None:
    answer = _call(
        pw.clients["editor"],
        "local_moderatordesk_create_choice",
        courseid=pw.course,
        name="Hidden poll",
        options=TWO_OPTIONS,
        visible=0,
        clientref=_new_ref(),
    )

    def ids(key: str) -> set[int]:
        found = _call(pw.clients[key], "mod_choice_get_choices_by_courses", courseids=[pw.course])
        return {c["id"] for c in found["choices"]}

    assert answer["choiceid"] in ids("editor")
    assert answer["choiceid"] not in ids("learner1")


def test_the_same_reference_returns_the_first_poll(lab: Lab, pw: PluginWorld) -> None:
    spec = PollSpec(
        course_id=pw.course, name="Once only", options=(("A", 0), ("B", 0)), client_ref=_new_ref()
    )
    first = pw.clients["editor"].create_poll(spec)
    again = pw.clients["editor"].create_poll(spec)
    assert first.created and not again.created
    assert (again.cmid, again.choice_id) == (first.cmid, first.choice_id)
    stored = lab.sql(
        f"SELECT cmid FROM mdl_local_moderatordesk_polls WHERE clientref = '{spec.client_ref}'"
    )
    assert stored == [{"cmid": first.cmid}]
    idnumber = lab.sql(f"SELECT idnumber FROM mdl_course_modules WHERE id = {first.cmid}")
    assert idnumber == [{"idnumber": f"mdesk-{spec.client_ref}"}]


def _post_and_drop(lab: Lab, token: str, params: dict[str, str]) -> None:
    """Send create_choice and never read the answer, as when a connection drops."""
    form = {"wstoken": token, "wsfunction": FUNCTIONS[0], "moodlewsrestformat": "json", **params}
    # Moodle answers only once the function has run; the headers arriving mean it ran.
    with requests.post(
        f"{lab.url}/webservice/rest/server.php", data=form, stream=True, timeout=60
    ) as response:
        assert response.status_code == 200


def _form(spec: PollSpec) -> dict[str, str]:
    form = {
        "courseid": str(spec.course_id),
        "name": spec.name,
        "clientref": spec.client_ref,
    }
    for i, (text, limit) in enumerate(spec.options):
        form[f"options[{i}][text]"] = text
        form[f"options[{i}][maxanswers]"] = str(limit)
    return form


def test_a_retry_after_a_lost_answer_returns_the_poll_the_lost_call_made(
    lab: Lab, pw: PluginWorld
) -> None:
    editor = pw.clients["editor"]
    spec = PollSpec(
        course_id=pw.course, name="Lost answer", options=(("A", 0), ("B", 0)), client_ref=_new_ref()
    )
    _post_and_drop(lab, pw.tokens["editor"], _form(spec))
    retry = editor.create_poll(spec)
    assert not retry.created
    made = lab.sql(f"SELECT id FROM mdl_choice WHERE course = {pw.course} AND name = 'Lost answer'")
    assert made == [{"id": retry.choice_id}]


def test_two_calls_racing_with_one_reference_make_one_poll(lab: Lab, pw: PluginWorld) -> None:
    editor = pw.clients["editor"]
    name = f"Race {secrets.token_hex(3)}"
    spec = PollSpec(
        course_id=pw.course, name=name, options=(("A", 0), ("B", 0)), client_ref=_new_ref()
    )
    results: list[Any] = []
    start = threading.Barrier(2)

    def publish() -> None:
        start.wait(timeout=30)
        results.append(editor.create_poll(spec))

    workers = [threading.Thread(target=publish) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
    assert len(results) == 2
    assert sorted(r.created for r in results) == [False, True]
    assert results[0].cmid == results[1].cmid
    made = lab.sql(
        f"SELECT count(*) AS n FROM mdl_choice WHERE course = {pw.course} AND name = '{name}'"
    )
    assert made == [{"n": 1}]


@pytest.mark.parametrize(
    ("who", "changes", "code"),
    [
        ("teacher", {}, "nopermissions"),  # non-editing teacher: no manageactivities
        ("learner1", {}, "nopermissions"),
        ("editor", {"courseid": 1}, "sitecourse"),
        ("editor", {"section": 9}, "nosuchsection"),
        ("editor", {"timeopen": 2_000_000_000, "timeclose": 1_900_000_000}, "closebeforeopen"),
        ("editor", {"limitanswers": 1}, "limitzero"),
        ("editor", {"options": TWO_OPTIONS[:1]}, "invalidparameter"),
        ("editor", {"showresults": 4}, "invalidparameter"),
        ("editor", {"clientref": "no spaces"}, "invalidparameter"),
        ("editor", {"clientref": "x" * 95}, "invalidparameter"),  # mdesk-<ref> > 100
    ],
)
def test_refusals_make_nothing(
    lab: Lab, pw: PluginWorld, who: str, changes: dict[str, Any], code: str
) -> None:
    before = _choices_in(lab, pw.course)
    sections = lab.sql(f"SELECT count(*) AS n FROM mdl_course_sections WHERE course = {pw.course}")
    params = {
        "courseid": pw.course,
        "name": "Refused",
        "options": TWO_OPTIONS,
        "clientref": _new_ref(),
        **changes,
    }
    assert _refusal(pw.clients[who], FUNCTIONS[0], **params) == code
    assert _choices_in(lab, pw.course) == before
    assert (
        lab.sql(f"SELECT count(*) AS n FROM mdl_course_sections WHERE course = {pw.course}")
        == sections
    )


def test_a_disabled_choice_module_is_refused(lab: Lab, pw: PluginWorld) -> None:
    before = _choices_in(lab, pw.course)
    lab.php(PLUGIN_LAB, "module_visible", "choice", 0)
    try:
        code = _refusal(
            pw.clients["editor"],
            FUNCTIONS[0],
            courseid=pw.course,
            name="Off",
            options=TWO_OPTIONS,
            clientref=_new_ref(),
        )
    finally:
        lab.php(PLUGIN_LAB, "module_visible", "choice", 1)
    assert code == "choicedisabled"
    assert _choices_in(lab, pw.course) == before


def test_a_reference_whose_poll_was_deleted_is_not_made_again(lab: Lab, pw: PluginWorld) -> None:
    spec = PollSpec(
        course_id=pw.course,
        name="Deleted later",
        options=(("A", 0), ("B", 0)),
        client_ref=_new_ref(),
    )
    first = pw.clients["editor"].create_poll(spec)
    lab.php(PLUGIN_LAB, "delete_cm", first.cmid)
    before = _choices_in(lab, pw.course)
    with pytest.raises(PlatformError) as caught:
        pw.clients["editor"].create_poll(spec)
    assert caught.value.code == "clientrefdeleted"
    assert _choices_in(lab, pw.course) == before


# -- capabilities -------------------------------------------------------------------------


def test_capabilities_say_what_each_role_may_do(pw: PluginWorld) -> None:
    def caps(key: str) -> dict[str, Any]:
        return _call(pw.clients[key], FUNCTIONS[4], courseid=pw.course)

    editor, teacher, learner = caps("editor"), caps("teacher"), caps("learner1")
    assert (editor["createpolls"], editor["triage"], editor["lock"], editor["allgroups"]) == (
        1,
        1,
        1,
        1,
    )
    assert (teacher["createpolls"], teacher["triage"], teacher["lock"], teacher["allgroups"]) == (
        0,
        1,
        0,
        0,
    )
    assert (learner["createpolls"], learner["triage"], learner["lock"]) == (0, 0, 0)
    assert editor["pluginversion"] == source_version()


# -- claims -------------------------------------------------------------------------------


def test_a_claim_is_seen_by_a_second_moderator_and_not_taken_silently(pw: PluginWorld) -> None:
    editor, teacher = pw.clients["editor"], pw.clients["teacher"]
    set_claim, get_claims = FUNCTIONS[3], FUNCTIONS[2]
    a = pw.discussion("a")
    mine = _call(teacher, set_claim, discussionid=a, state="claimed")
    assert mine["changed"] == 1 and mine["claim"]["userid"] == pw.uid("teacher")

    seen = _call(editor, get_claims, courseids=[pw.course])
    by_discussion = {c["discussionid"]: c for c in seen["claims"]}
    assert by_discussion[a]["state"] == "claimed"
    assert by_discussion[a]["userid"] == pw.uid("teacher")
    assert by_discussion[a]["fullname"] == pw.made["users"]["teacher"]["fullname"]

    blocked = _call(editor, set_claim, discussionid=a, state="claimed")
    assert blocked["changed"] == 0 and blocked["claim"]["userid"] == pw.uid("teacher")
    taken = _call(editor, set_claim, discussionid=a, state="claimed", override=1)
    assert taken["changed"] == 1 and taken["claim"]["userid"] == pw.uid("editor")


def test_a_dismissal_keeps_its_reason_and_a_release_reaches_the_next_sync(
    pw: PluginWorld,
) -> None:
    editor, teacher = pw.clients["editor"], pw.clients["teacher"]
    set_claim, get_claims = FUNCTIONS[3], FUNCTIONS[2]
    d = pw.discussion("all")
    dismissed = _call(teacher, set_claim, discussionid=d, state="dismissed", reason="Answered live")
    assert dismissed["claim"]["reason"] == "Answered live"
    first = _call(editor, get_claims, courseids=[pw.course])
    assert {c["discussionid"]: c["reason"] for c in first["claims"]}[d] == "Answered live"

    after = dismissed["claim"]["timemodified"] + 1
    assert d not in {
        c["discussionid"]
        for c in _call(editor, get_claims, courseids=[pw.course], since=after)["claims"]
    }
    released = _call(teacher, set_claim, discussionid=d, state="released", reason="ignored")
    assert released["claim"]["reason"] == ""
    later = _call(editor, get_claims, courseids=[pw.course], since=first["servertime"])
    assert {c["discussionid"]: c["state"] for c in later["claims"]}[d] == "released"


def test_claims_respect_separate_groups(pw: PluginWorld) -> None:
    editor, teacher = pw.clients["editor"], pw.clients["teacher"]
    b = pw.discussion("b")
    _call(editor, FUNCTIONS[3], discussionid=b, state="claimed")
    assert _refusal(teacher, FUNCTIONS[3], discussionid=b, state="claimed") == "nopermissions"
    seen = _call(teacher, FUNCTIONS[2], courseids=[pw.course])
    assert b not in {c["discussionid"] for c in seen["claims"]}
    assert b in {
        c["discussionid"] for c in _call(editor, FUNCTIONS[2], courseids=[pw.course])["claims"]
    }


def test_claims_of_a_course_without_the_capability_are_a_warning(pw: PluginWorld) -> None:
    course2 = int(pw.made["course2"])  # the teacher is a learner there
    seen = _call(pw.clients["teacher"], FUNCTIONS[2], courseids=[pw.course, course2])
    assert [(w["itemid"], w["warningcode"]) for w in seen["warnings"]] == [
        (course2, "nopermissions")
    ]
    learner = _call(pw.clients["learner1"], FUNCTIONS[2], courseids=[pw.course])
    assert learner["claims"] == []
    assert [w["itemid"] for w in learner["warnings"]] == [pw.course]
    assert (
        _refusal(
            pw.clients["learner1"], FUNCTIONS[3], discussionid=pw.discussion("a"), state="claimed"
        )
        == "nopermissions"
    )


def test_a_deleted_discussion_takes_its_claim_along(lab: Lab, pw: PluginWorld) -> None:
    editor = pw.clients["editor"]
    discussion = pw.discussion("second")  # course2, where the editor is an editing teacher
    _call(editor, FUNCTIONS[3], discussionid=discussion, state="claimed")
    first = lab.sql(f"SELECT firstpost FROM mdl_forum_discussions WHERE id = {discussion}")
    editor.delete_post(int(first[0]["firstpost"]))  # the opener: the whole discussion goes
    rows = lab.sql(
        f"SELECT id FROM mdl_local_moderatordesk_claims WHERE discussionid = {discussion}"
    )
    assert rows == []


# -- policy acceptances -------------------------------------------------------------------


@pytest.fixture
def policy_window(lab: Lab, pw: PluginWorld, granted: None, tmp_path: Path) -> Iterator[int]:
    """A current optional site policy, tool_policy as handler, for the length of one test."""
    learners = {k: pw.uid(k) for k in ("learner1", "learner2", "learner3", "learner4", "learner5")}
    state = tmp_path / "policy_state.json"
    begun = lab.php(PLUGIN_LAB, "policy_begin", state, json.dumps(learners))
    try:
        yield int(begun["versionid"])
    finally:
        lab.php(PLUGIN_LAB, "policy_end", state)


@pytest.fixture(scope="module")
def granted(lab: Lab, pw: PluginWorld) -> None:
    """The plugin's capability allowed to both teacher roles in the course (not in course2)."""
    for role in ("editingteacher", "teacher"):
        lab.php(PLUGIN_LAB, "grant", pw.course, role, "local/moderatordesk:viewacceptances")


def test_teachers_need_the_capability_granted(pw: PluginWorld, granted: None) -> None:
    # The editor is an editing teacher in course2 too, where nothing was granted.
    course2 = int(pw.made["course2"])
    assert _refusal(pw.clients["editor"], FUNCTIONS[1], courseid=course2) == "nopermissions"
    assert _call(pw.clients["editor"], FUNCTIONS[4], courseid=course2)["readconsent"] == 0
    assert _refusal(pw.clients["learner1"], FUNCTIONS[1], courseid=pw.course) == "nopermissions"


def test_acceptances_need_tool_policy(lab: Lab, pw: PluginWorld, granted: None) -> None:
    handler = lab.sql("SELECT value FROM mdl_config WHERE name = 'sitepolicyhandler'")
    if handler and handler[0]["value"] == "tool_policy":
        pytest.skip("the site already uses tool_policy: the refusal cannot be seen")
    assert _refusal(pw.clients["editor"], FUNCTIONS[1], courseid=pw.course) == "nottoolpolicy"
    assert _call(pw.clients["editor"], FUNCTIONS[4], courseid=pw.course)["readconsent"] == 0


def test_acceptances_show_the_four_states(pw: PluginWorld, policy_window: int) -> None:
    got = _call(pw.clients["editor"], FUNCTIONS[1], courseid=pw.course)
    assert [p["versionid"] for p in got["policies"]] == [policy_window]
    states = {p["userid"]: p["policies"][0] for p in got["participants"]}
    assert got["total"] == 7 and len(states) == 7
    assert states[pw.uid("learner1")]["status"] == "accepted"
    assert states[pw.uid("learner1")]["onbehalf"] == 0
    assert states[pw.uid("learner2")]["status"] == "accepted"
    assert states[pw.uid("learner2")]["onbehalf"] == 1
    assert states[pw.uid("learner3")]["status"] == "declined"
    assert states[pw.uid("learner4")]["status"] == "withdrawn"
    assert states[pw.uid("learner5")] == {
        "versionid": policy_window,
        "status": "pending",
        "timemodified": 0,
        "onbehalf": 0,
    }
    assert _call(pw.clients["editor"], FUNCTIONS[4], courseid=pw.course)["readconsent"] == 1
    with Sandbox.start() as sb:
        double = MoodleClient(sb.url, sb.token_for("moderator"))
        course = int(sb.state.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'"))
        assert _shape(_call(double, FUNCTIONS[1], courseid=course)) == _shape(got)


def test_acceptances_page_and_keep_to_the_callers_groups(
    pw: PluginWorld, policy_window: int
) -> None:
    teacher, editor = pw.clients["teacher"], pw.clients["editor"]
    fn = FUNCTIONS[1]
    group_a = {pw.uid(k) for k in ("teacher", "learner1", "learner2", "learner5")}
    pages = [_call(teacher, fn, courseid=pw.course, perpage=3, page=n) for n in (0, 1)]
    assert [p["total"] for p in pages] == [4, 4]
    assert {u["userid"] for p in pages for u in p["participants"]} == group_a
    assert (
        _refusal(teacher, fn, courseid=pw.course, groupid=pw.made["groups"]["b"]) == "notyourgroup"
    )
    only_b = _call(editor, fn, courseid=pw.course, groupid=pw.made["groups"]["b"])
    assert {u["userid"] for u in only_b["participants"]} == {pw.uid("learner3"), pw.uid("learner4")}


# -- the sandbox, our double ------------------------------------------------------------------


def _shape(value: Any) -> Any:
    """Keys and JSON types, recursively; a list by its first item."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return type(value).__name__


def test_the_sandbox_answers_in_the_real_plugins_shapes(pw: PluginWorld) -> None:
    real = pw.clients["editor"]
    with Sandbox.start() as sb:
        double = MoodleClient(sb.url, sb.token_for("moderator"))
        course = int(sb.state.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'"))
        discussion = int(
            sb.state.value(
                "SELECT d.id FROM discussions d JOIN forums f ON f.id = d.forumid"
                " WHERE f.courseid = ? ORDER BY d.id LIMIT 1",
                (course,),
            )
        )
        pairs = [
            ("create_choice", {"name": "Shape", "options": TWO_OPTIONS, "clientref": _new_ref()}),
            ("get_capabilities", {}),
            ("set_claim", {"state": "dismissed", "reason": "Shape", "override": 1}),
            ("get_claims", {}),
        ]
        for name, params in pairs:
            fn = f"local_moderatordesk_{name}"
            here = {"courseid": pw.course, **params}
            there = {"courseid": course, **params}
            if name == "set_claim":
                here = {"discussionid": pw.discussion("all"), **params}
                there = {"discussionid": discussion, **params}
            elif name == "get_claims":
                here, there = {"courseids": [pw.course]}, {"courseids": [course]}
            assert _shape(_call(double, fn, **there)) == _shape(_call(real, fn, **here)), fn
        # Refusals carry the same error codes.
        for params in ({"limitanswers": 1}, {"timeopen": 2000, "timeclose": 1000}):
            poll = {"name": "Refused", "options": TWO_OPTIONS, "clientref": _new_ref(), **params}
            assert _refusal(double, FUNCTIONS[0], courseid=course, **poll) == _refusal(
                real, FUNCTIONS[0], courseid=pw.course, **poll
            )


# -- privacy ---------------------------------------------------------------------------------


def test_privacy_exports_and_deletes_a_moderators_rows(lab: Lab, pw: PluginWorld) -> None:
    editor = pw.clients["editor"]
    ref = _new_ref()
    made = _call(
        editor, FUNCTIONS[0], courseid=pw.course, name="Private", options=TWO_OPTIONS, clientref=ref
    )
    _call(
        editor,
        FUNCTIONS[3],
        discussionid=pw.discussion("all"),
        state="dismissed",
        reason="Handled",
        override=1,
    )
    done = lab.php(PLUGIN_LAB, "privacy", pw.uid("editor"), pw.course)

    assert sorted(done["tables"]) == ["local_moderatordesk_claims", "local_moderatordesk_polls"]
    assert done["coursecontext"] in done["contexts"]
    assert pw.uid("editor") in done["users"]
    polls = done["export"]["Published polls"]["polls"]
    assert {"clientref": ref, "cmid": made["cmid"]}.items() <= next(
        p for p in polls if p["clientref"] == ref
    ).items()
    claims = done["export"]["Discussion claims"]["claims"]
    assert {
        "discussionid": pw.discussion("all"),
        "state": "dismissed",
        "reason": "Handled",
    }.items() <= next(c for c in claims if c["discussionid"] == pw.discussion("all")).items()
    assert done["after"]["claims"] == 0 and done["after"]["polls"] == 0
    assert done["after"]["anonymouspolls"] >= 1
    # The reference outlives its author: a retry still finds the poll instead of a second.
    again = _call(
        editor, FUNCTIONS[0], courseid=pw.course, name="Private", options=TWO_OPTIONS, clientref=ref
    )
    assert (again["created"], again["cmid"]) == (0, made["cmid"])


# -- upgrade, uninstall, then install again from the zip ------------------------------------


# -- uninstall, an older version, then an upgrade from the zip ------------------------------


def _older_copy(target: Path) -> Path:
    """The plugin as last month's release: a lower version, without get_claims."""
    shutil.copytree(PLUGIN_SRC, target)
    version_php = target / "version.php"
    version_php.write_text(
        version_php.read_text(encoding="utf-8").replace(str(source_version()), "2026110100"),
        encoding="utf-8",
    )
    services = target / "db" / "services.php"
    text = services.read_text(encoding="utf-8")
    block = re.compile(r"    'local_moderatordesk_get_claims' => \[.*?\n    \],\n", re.DOTALL)
    assert block.search(text)
    services.write_text(block.sub("", text), encoding="utf-8")
    return target


def test_uninstall_then_an_older_version_then_an_upgrade_from_the_zip(
    lab: Lab, pw: PluginWorld, installed: Path, tmp_path: Path
) -> None:
    run_cli(lab, "admin/cli/uninstall_plugins.php", "--plugins=local_moderatordesk", "--run")
    assert installed_version(lab) is None
    tables = lab.sql(
        "SELECT table_name FROM information_schema.tables"
        " WHERE table_name LIKE 'mdl_local_moderatordesk%'"
    )
    assert tables == []
    assert FUNCTIONS[0] not in pw.clients["editor"].site_info().functions

    shutil.rmtree(installed)
    shutil.copytree(_older_copy(tmp_path / "older"), installed)
    run_cli(lab, "admin/cli/upgrade.php", "--non-interactive")
    assert installed_version(lab) == 2026110100
    older = set(pw.clients["editor"].site_info().functions)
    assert FUNCTIONS[0] in older and FUNCTIONS[2] not in older

    built = subprocess.run(
        [
            sys.executable,
            str(REPO / "packaging" / "build_moodle_plugin.py"),
            "--dist",
            str(tmp_path / "dist"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    checked = lab.php(PLUGIN_LAB, "install_zip", Path(built.stdout.strip()))
    assert checked["ok"] and checked["rootdir"] == "moderatordesk" and checked["installed"]
    assert checked["component"] == "local_moderatordesk"
    run_cli(lab, "admin/cli/upgrade.php", "--non-interactive")
    assert installed_version(lab) == source_version()
    assert set(FUNCTIONS) <= set(pw.clients["editor"].site_info().functions)
