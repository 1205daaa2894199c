"""Polls on the real Moodle, end to end through the app: a poll drafted offline
(services/polls.py) is published by a sync as the editing teacher through the companion
plugin, core's mod_choice_get_choices_by_courses lists it, learners answer over REST with
their own tokens, and the app's results (after the next sync) match what they chose.

The course is plugin_lab.php's own (a fresh one per module), so the shared world's
choices stay as other tests expect them."""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import pytest

from moderator_app.services.poll_results import PollResultsService
from moderator_app.services.poll_rules import PollData, PollOption
from moderator_app.services.polls import PollService
from moderator_app.store.models_polls import PUBLISHED
from tests.live.lab import PHP_DIR, Lab, WorldUser, new_password
from tests.live.store import LiveStore

pytestmark = [pytest.mark.live, pytest.mark.usefixtures("companion_plugin")]

PLUGIN_LAB = PHP_DIR / "plugin_lab.php"
LEARNERS = ("learner1", "learner2", "learner3")


@pytest.fixture(scope="module")
def made(lab: Lab) -> dict[str, Any]:
    password = new_password()
    world = lab.php(
        PLUGIN_LAB, "world", secrets.token_hex(4), env={"MOODLE_WORLD_PASSWORD": password}
    )
    world["tokens"] = {
        key: lab.token(world["users"][key]["username"], password) for key in ("editor", *LEARNERS)
    }
    return world


def _user(made: dict[str, Any], key: str) -> WorldUser:
    u = made["users"][key]
    return WorldUser(key, int(u["id"]), u["username"], u["fullname"], made["tokens"][key])


def test_a_poll_drafted_offline_is_published_by_a_sync_and_its_results_come_back(
    lab: Lab, made: dict[str, Any], tmp_path: Path
) -> None:
    course = int(made["course"])
    editor = LiveStore.open(lab, _user(made, "editor"), tmp_path / "editor.sqlite")
    try:
        editor.pull()
        question = f"Which day suits the live session? {secrets.token_hex(3)}"
        polls = PollService(editor.db)
        draft = polls.create(
            PollData(
                question=question,
                options=(PollOption("Monday"), PollOption("Wednesday"), PollOption("Friday")),
                course_id=course,
            )
        )
        polls.publish(draft)
        report = editor.engine().run()
        assert report.error is None and report.outbox_sent == 1, report
        state, _reason = polls.state(draft)
        assert state == PUBLISHED

        listed = lab.client(made["tokens"]["learner1"]).choices([course])
        [choice] = [c for c in listed if c.name == question]
        options = lab.client(made["tokens"]["editor"]).choice_options(choice.id)
        by_text = {o.text: o.id for o in options}
        assert set(by_text) == {"Monday", "Wednesday", "Friday"}

        picks = {"learner1": "Monday", "learner2": "Friday", "learner3": "Friday"}
        for key, text in picks.items():
            lab.client(made["tokens"][key]).call(
                "mod_choice_submit_choice_response",
                {"choiceid": choice.id, "responses": [by_text[text]]},
                write=True,
            )

        editor.pull()
        results = PollResultsService(editor.db).results(choice.id)
        assert results is not None
        counts = {o.text: o.count for o in results.options}
        assert counts == {"Monday": 1, "Wednesday": 0, "Friday": 2}
        assert results.total_answers == 3
        site = lab.sql(
            "SELECT o.text, count(a.id) AS n FROM mdl_choice_options o"
            " LEFT JOIN mdl_choice_answers a ON a.optionid = o.id"
            f" WHERE o.choiceid = {int(choice.id)} GROUP BY o.text"
        )
        assert {r["text"]: int(r["n"]) for r in site} == counts
    finally:
        editor.close()
