"""The rules a poll must meet before publishing, and its state at a glance."""

from __future__ import annotations

from dataclasses import replace

import pytest

from moderator_app.services.poll_rules import (
    PollData,
    PollOption,
    state_at_a_glance,
    to_spec,
    validate,
)

NOW = 1_800_000_000


def valid(**changes: object) -> PollData:
    base = PollData(question="Which day suits you?", course_id=2).with_options("Tuesday", "Friday")
    return replace(base, **changes)  # type: ignore[arg-type]


def codes(poll: PollData) -> set[tuple[str, str, int | None]]:
    return {(i.field, i.code, i.index) for i in validate(poll, NOW)}


def test_a_complete_poll_is_valid() -> None:
    assert validate(valid(), NOW) == []


@pytest.mark.parametrize("question", ["", "   \n"])
def test_empty_question(question: str) -> None:
    assert codes(valid(question=question)) == {("question", "required", None)}


def test_question_longer_than_moodle_allows() -> None:
    issues = validate(valid(question="x" * 256), NOW)
    assert [(i.field, i.code) for i in issues] == [("question", "too_long")]
    assert "256" in issues[0].message and "255" in issues[0].message
    assert validate(valid(question="x" * 255), NOW) == []


def test_one_option_is_too_few() -> None:
    issues = validate(valid().with_options("Only"), NOW)
    assert [(i.field, i.code) for i in issues] == [("options", "too_few")]
    assert "at least 2" in issues[0].message


def test_thirty_options_allowed_thirty_one_not() -> None:
    thirty = valid().with_options(*[f"Option {n}" for n in range(30)])
    assert validate(thirty, NOW) == []
    too_many = valid().with_options(*[f"Option {n}" for n in range(31)])
    assert codes(too_many) == {("options", "too_many", None)}


def test_empty_option_is_named_by_position() -> None:
    issues = validate(valid().with_options("Yes", "  ", "No"), NOW)
    assert [(i.field, i.code, i.index) for i in issues] == [("option", "empty", 1)]
    assert "Option 2" in issues[0].message


def test_duplicates_ignore_case_and_spacing() -> None:
    issues = validate(valid().with_options("Not sure", "Yes", " not   SURE "), NOW)
    assert [(i.field, i.code, i.index) for i in issues] == [("option", "duplicate", 2)]
    assert "Option 3" in issues[0].message and "option 1" in issues[0].message


def test_close_before_open() -> None:
    poll = valid(time_open=NOW + 7200, time_close=NOW + 3600)
    assert codes(poll) == {("time_close", "before_open", None)}
    assert codes(valid(time_open=NOW + 3600, time_close=NOW + 3600)) == {
        ("time_close", "before_open", None)
    }


def test_close_time_in_the_past() -> None:
    assert codes(valid(time_close=NOW - 1)) == {("time_close", "in_past", None)}
    assert validate(valid(time_close=NOW + 60), NOW) == []


def test_limits_must_be_at_least_one_only_when_limits_are_on() -> None:
    options = (PollOption("A", 5), PollOption("B", 0))
    assert validate(valid(options=options), NOW) == []
    assert codes(valid(options=options, limit_answers=True)) == {("max_answers", "below_one", 1)}


def test_show_results_and_course() -> None:
    assert codes(valid(show_results=4)) == {("show_results", "out_of_range", None)}
    assert codes(valid(course_id=None)) == {("course", "required", None)}


def test_several_problems_are_all_reported() -> None:
    poll = PollData(question="", options=(PollOption("A"), PollOption("a")), time_close=NOW - 5)
    assert codes(poll) == {
        ("question", "required", None),
        ("option", "duplicate", 1),
        ("time_close", "in_past", None),
        ("course", "required", None),
    }


def test_spec_trims_and_drops_limits_when_off() -> None:
    poll = valid(
        question="  Which day?  ",
        options=(PollOption(" Tue ", 3), PollOption("Fri", 4)),
        publish_names=True,
        show_results=3,
    )
    spec = to_spec(poll, "ref-1")
    assert spec.name == "Which day?"
    assert spec.options == (("Tue", 0), ("Fri", 0))
    assert (spec.client_ref, spec.course_id, spec.publish_names, spec.show_results) == (
        "ref-1",
        2,
        True,
        3,
    )
    limited = to_spec(replace(poll, limit_answers=True), "r")
    assert limited.options == (("Tue", 3), ("Fri", 4)) and limited.limit_answers


@pytest.mark.parametrize(
    ("state", "time_open", "time_close", "expected"),
    [
        ("draft", 0, 0, "draft"),
        ("waiting", 0, 0, "waiting"),
        ("failed", 0, 0, "failed"),
        ("published", 0, 0, "open"),
        ("published", NOW + 10, 0, "not_yet_open"),
        ("published", NOW - 10, NOW + 10, "open"),
        ("published", 0, NOW, "closed"),
    ],
)
def test_state_at_a_glance(state: str, time_open: int, time_close: int, expected: str) -> None:
    assert state_at_a_glance(state, time_open, time_close, NOW) == expected
