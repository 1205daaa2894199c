"""Polls: results with and without names, answering, and the plugin's create_choice."""

from __future__ import annotations

from typing import Any

import pytest

from moderator_app.sandbox import Sandbox

FN_CREATE = "local_moderatordesk_create_choice"


def _poll(course_id: int, clientref: str = "3f1c-draft", options: int = 3) -> list[tuple[str, Any]]:
    params: list[tuple[str, Any]] = [
        ("courseid", course_id),
        ("name", "Welke dag past?"),
        ("clientref", clientref),
        ("publish", 1),
    ]
    for n in range(options):
        params += [(f"options[{n}][text]", f"Dag {n + 1}"), (f"options[{n}][maxanswers]", 0)]
    return params


def _course(sandbox: Sandbox) -> int:
    return int(sandbox.state.value("SELECT id FROM courses WHERE shortname = 'COMM-2026'"))


def test_create_choice_is_idempotent_on_clientref(sandbox: Sandbox, as_user: Any) -> None:
    course = _course(sandbox)
    moderator = as_user("moderator")
    before = len(sandbox.state.choices_in(course))
    first = moderator.ok(FN_CREATE, _poll(course))
    again = moderator.ok(FN_CREATE, _poll(course))
    assert first["created"] == 1 and again["created"] == 0
    assert (again["cmid"], again["choiceid"]) == (first["cmid"], first["choiceid"])
    assert len(sandbox.state.choices_in(course)) == before + 1
    listed = moderator.ok("mod_choice_get_choices_by_courses", {"courseids[0]": course})
    made = next(c for c in listed["choices"] if c["id"] == first["choiceid"])
    assert made["coursemodule"] == first["cmid"] and made["publish"] is True
    options = moderator.ok("mod_choice_get_choice_options", {"choiceid": first["choiceid"]})
    assert [o["text"] for o in options["options"]] == ["Dag 1", "Dag 2", "Dag 3"]
    other = moderator.ok(FN_CREATE, _poll(course, clientref="another-draft"))
    assert other["created"] == 1 and other["choiceid"] != first["choiceid"]


@pytest.mark.parametrize(
    "change",
    [
        lambda p: [
            x for x in p if not x[0].startswith("options[1]") and not x[0].startswith("options[2]")
        ],  # one option only
        lambda p: [(k, "" if k == "name" else v) for k, v in p],  # empty name
        lambda p: [*p, ("showresults", 7)],
        lambda p: [*p, ("allowupdate", "true")],  # bools are 0/1 only
        lambda p: [*p, ("colour", "red")],  # unknown parameter
    ],
)
def test_create_choice_refuses_bad_input_and_writes_nothing(
    sandbox: Sandbox, as_user: Any, change: Any
) -> None:
    course = _course(sandbox)
    before = len(sandbox.state.choices_in(course))
    assert as_user("moderator").error(FN_CREATE, change(_poll(course))) == "invalidparameter"
    assert len(sandbox.state.choices_in(course)) == before


@pytest.mark.parametrize("username", ["sanne", "facilitator"])
def test_only_editing_teachers_create_polls(sandbox: Sandbox, as_user: Any, username: str) -> None:
    assert as_user(username).error(FN_CREATE, _poll(_course(sandbox))) == "nopermissions"


def test_without_the_plugin_the_function_is_missing(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    listed = {f["name"] for f in moderator.ok("core_webservice_get_site_info")["functions"]}
    assert FN_CREATE in listed
    sandbox.plugin = False
    listed = {f["name"] for f in moderator.ok("core_webservice_get_site_info")["functions"]}
    assert FN_CREATE not in listed
    assert moderator.error(FN_CREATE, _poll(_course(sandbox))) == "invalidrecord"


def test_results_with_names_and_anonymous(sandbox: Sandbox, as_user: Any) -> None:
    named, anonymous = sandbox.state.choices_in(_course(sandbox))
    moderator = as_user("moderator")
    results = moderator.ok("mod_choice_get_choice_results", {"choiceid": named["id"]})["options"]
    assert sum(o["numberofuser"] for o in results) == 7
    assert all(len(o["userresponses"]) == o["numberofuser"] for o in results)
    assert sum(o["percentageamount"] for o in results) == pytest.approx(100.0)
    results = moderator.ok("mod_choice_get_choice_results", {"choiceid": anonymous["id"]})[
        "options"
    ]
    assert sum(o["numberofuser"] for o in results) == 7
    assert all(o["userresponses"] == [] for o in results)


def test_a_learner_sees_results_after_answering(sandbox: Sandbox, as_user: Any) -> None:
    named, _ = sandbox.state.choices_in(_course(sandbox))  # showresults 1: after answering
    lotte = as_user("lotte")
    before = lotte.ok("mod_choice_get_choice_results", {"choiceid": named["id"]})["options"]
    assert all(o["numberofuser"] == 0 and o["userresponses"] == [] for o in before)
    option = lotte.ok("mod_choice_get_choice_options", {"choiceid": named["id"]})["options"][1]
    answer = lotte.ok(
        "mod_choice_submit_choice_response", {"choiceid": named["id"], "responses[0]": option["id"]}
    )
    assert answer["answers"][0]["optionid"] == option["id"]
    after = lotte.ok("mod_choice_get_choice_results", {"choiceid": named["id"]})["options"]
    assert sum(o["numberofuser"] for o in after) == 8
    options = lotte.ok("mod_choice_get_choice_options", {"choiceid": named["id"]})["options"]
    assert [o["checked"] for o in options] == [False, True, False]
    assert options[1]["countanswers"] == option["countanswers"] + 1


def test_answer_cannot_change_without_allowupdate(sandbox: Sandbox, as_user: Any) -> None:
    _, anonymous = sandbox.state.choices_in(_course(sandbox))
    sanne = as_user("sanne")  # answered in the seed
    option = sandbox.state.choice_options(anonymous["id"])[0]["id"]
    code = sanne.error(
        "mod_choice_submit_choice_response", {"choiceid": anonymous["id"], "responses[0]": option}
    )
    assert code == "missingrequiredcapability"
