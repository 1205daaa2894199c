"""Templates, JSON export/import of drafts, and the results CSV."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace

import pytest

from moderator_app.services.poll_io import (
    FORMAT,
    PollImportError,
    export_json,
    import_json,
    parse_json,
    results_csv,
)
from moderator_app.services.poll_results import OptionResult, PollResults, Responder
from moderator_app.services.poll_rules import PollData, PollOption, validate
from moderator_app.services.poll_templates import TEMPLATES, from_template
from moderator_app.services.polls import PollService
from moderator_app.store.db import Database
from tests.services.polls_support import NOW, Clock, poll_db, sample_poll

__all__ = ["poll_db"]


# -- templates ---------------------------------------------------------------------


@pytest.mark.parametrize("language", ["en", "nl"])
@pytest.mark.parametrize("key", [t.key for t in TEMPLATES])
def test_every_template_gives_a_valid_poll_once_a_course_is_chosen(key: str, language: str) -> None:
    poll = from_template(key, language, PollData(course_id=2, section=3))
    assert validate(poll, NOW) == []
    assert poll.section == 3


def test_the_four_templates_the_issue_asks_for() -> None:
    assert [t.key for t in TEMPLATES] == [
        "agree_scale",
        "yes_no_unsure",
        "top_priority",
        "confidence",
    ]
    agree = from_template("agree_scale", "en")
    assert [o.text for o in agree.options] == [
        "Strongly disagree",
        "Disagree",
        "Neutral",
        "Agree",
        "Strongly agree",
    ]
    assert [o.text for o in from_template("yes_no_unsure", "nl").options] == [
        "Ja",
        "Nee",
        "Weet ik niet",
    ]
    assert [o.text for o in from_template("yes_no_unsure", "en").options] == [
        "Yes",
        "No",
        "Not sure",
    ]
    assert from_template("confidence", "nl").question.startswith("Hoe zeker")


def test_template_keeps_course_and_times_of_the_draft() -> None:
    base = PollData(course_id=7, time_open=NOW + 5, time_close=NOW + 50, question="old")
    poll = from_template("top_priority", "en", base)
    assert (poll.course_id, poll.time_open, poll.time_close) == (7, NOW + 5, NOW + 50)
    assert poll.question != "old"


def test_unknown_template_language() -> None:
    with pytest.raises(ValueError, match="en, nl"):
        from_template("confidence", "fr")


# -- JSON ----------------------------------------------------------------------------


def test_json_round_trip_keeps_content_but_not_course() -> None:
    polls = [
        sample_poll(limit_answers=True, options=(PollOption("A", 3), PollOption("B", 4))),
        sample_poll(question="Tweede", allow_multiple=True, time_open=NOW + 1),
    ]
    text = export_json(polls, NOW)
    assert json.loads(text)["format"] == FORMAT
    back = parse_json(text)
    assert back == [replace(p, course_id=None) for p in polls]


def test_import_stores_new_drafts(poll_db: Database) -> None:
    service = PollService(poll_db, now=Clock())
    original = service.create(sample_poll())
    text = export_json([service.get(original)], NOW)
    [new_id] = import_json(poll_db, text, Clock())
    assert new_id != original
    assert service.get(new_id).question == "Which evening suits you?"
    assert len(service.drafts()) == 2


def _exported(**changes: object) -> dict[str, object]:
    data: dict[str, object] = json.loads(export_json([sample_poll(), sample_poll()], NOW))
    data.update(changes)
    return data


def _with_second_draft(**fields: object) -> str:
    data = _exported()
    drafts = data["drafts"]
    assert isinstance(drafts, list)
    drafts[1].update(fields)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        ("{not json", "not_json", ""),
        ("", "not_json", ""),
        ("[1, 2]", "foreign", ""),
        (json.dumps({"format": "someone-else", "version": 1, "drafts": []}), "foreign", ""),
        (json.dumps(_exported(version=2)), "too_new", ""),
        (json.dumps(_exported(version="1")), "invalid", "version"),
        (json.dumps(_exported(drafts={})), "invalid", "drafts"),
        (json.dumps(_exported(drafts=[])), "empty", "drafts"),
        (_with_second_draft(question=5), "invalid", "drafts[1].question"),
        (_with_second_draft(options="A, B"), "invalid", "drafts[1].options"),
        (
            _with_second_draft(options=[{"text": "A", "max_answers": -1}]),
            "invalid",
            "drafts[1].options[0].max_answers",
        ),
        (_with_second_draft(options=[{"text": True}]), "invalid", "drafts[1].options[0].text"),
        (_with_second_draft(allow_multiple=1), "invalid", "drafts[1].allow_multiple"),
        (_with_second_draft(show_results=9), "invalid", "drafts[1].show_results"),
        (_with_second_draft(time_close=True), "invalid", "drafts[1].time_close"),
    ],
)
def test_malformed_or_foreign_files_import_nothing_and_say_why(
    poll_db: Database, text: str, code: str, where: str
) -> None:
    with pytest.raises(PollImportError) as refused:
        import_json(poll_db, text, Clock())
    assert refused.value.code == code
    assert refused.value.where == where
    assert PollService(poll_db, now=Clock()).drafts() == []  # not even the valid first draft


def test_missing_question_is_named(poll_db: Database) -> None:
    data = _exported()
    del data["drafts"][0]["question"]  # type: ignore[index]
    with pytest.raises(PollImportError, match="'question' is missing"):
        parse_json(json.dumps(data))


# -- CSV -------------------------------------------------------------------------------


def results(names: bool) -> PollResults:
    sanne = Responder(5, "Sanne Jansen", NOW)
    lars = Responder(8, "=Lars de Boer", NOW)
    return PollResults(
        choice_id=1,
        cmid=6,
        name="Which day?",
        course_id=2,
        status="open",
        allow_multiple=False,
        options=(
            OptionResult(1, "Tuesday, evening", 2, 66.6667, (sanne, lars) if names else ()),
            OptionResult(2, "Wednesday", 1, 33.3333, (Responder(6, "Daan", NOW),) if names else ()),
            OptionResult(3, "Thursday", 0, 0.0),
        ),
        answered=3,
        enrolled=8,
        names_visible=names,
        fetched_at=NOW,
    )


def test_csv_has_one_row_per_option_with_names_when_visible() -> None:
    rows = list(csv.reader(io.StringIO(results_csv(results(names=True)))))
    assert rows == [
        ["option", "count", "percentage", "learners"],
        ["Tuesday, evening", "2", "66.7", "Sanne Jansen; =Lars de Boer"],
        ["Wednesday", "1", "33.3", "Daan"],
        ["Thursday", "0", "0.0", ""],
    ]


def test_csv_without_names_has_no_learner_column() -> None:
    rows = list(csv.reader(io.StringIO(results_csv(results(names=False)))))
    assert rows[0] == ["option", "count", "percentage"]
    assert len(rows) == 4 and all(len(r) == 3 for r in rows)


def test_csv_cells_cannot_start_a_formula() -> None:
    poll = results(names=True)
    formula = OptionResult(1, '=HYPERLINK("x")', 1, 100.0, (Responder(8, "@lars", 0),))
    evil = replace(poll, options=(formula, *poll.options[1:]))
    rows = list(csv.reader(io.StringIO(results_csv(evil))))
    assert rows[1][0] == '\'=HYPERLINK("x")'
    assert rows[1][3] == "'@lars"
