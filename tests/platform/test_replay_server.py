"""The replay server other test suites rely on: matching modes, recording, no-match answers."""

from __future__ import annotations

import requests

from tests.replay_server import Exchange, ReplayServer, form_matches

REST = "/webservice/rest/server.php"


def post(server: ReplayServer, function: str, form: list[tuple[str, str]]) -> requests.Response:
    return requests.post(
        f"{server.url}{REST}",
        timeout=5,
        params=[("moodlewsrestformat", "json"), ("wsfunction", function)],
        data=form,
    )


def test_fixture_serves_and_records(replay_server: ReplayServer) -> None:
    replay_server.serve("060-delete-post")
    form = [
        ("wstoken", "any-token"),
        ("moodlewsrestformat", "json"),
        ("wsfunction", "mod_forum_delete_post"),
        ("moodlewssettingfilter", "true"),
        ("moodlewssettingfileurl", "true"),
        ("moodlewssettinglang", "nl"),
        ("postid", "61"),
    ]
    answer = post(replay_server, "mod_forum_delete_post", form)
    assert answer.status_code == 200 and answer.json() == {"status": True, "warnings": []}
    assert replay_server.received[0].params()["postid"] == "61"
    assert replay_server.unmatched == []


def test_no_match_answers_418_and_is_listed(replay_server: ReplayServer) -> None:
    replay_server.serve("060-delete-post")
    answer = post(replay_server, "mod_forum_delete_post", [("postid", "62")])
    assert answer.status_code == 418
    assert answer.json()["function"] == "mod_forum_delete_post"
    assert len(replay_server.unmatched) == 1


def test_exchanges_answer_in_order_then_the_last_repeats() -> None:
    first = Exchange.json(REST, {"n": 1}, function="f")
    second = Exchange.json(REST, {"n": 2}, function="f")
    with ReplayServer([first, second]) as server:
        assert [post(server, "f", []).json()["n"] for _ in range(3)] == [1, 2, 2]


def test_match_modes_and_secret_values_ignored() -> None:
    recorded = [("wstoken", "a"), ("postid", "6")]
    assert form_matches(recorded, [("postid", "6"), ("wstoken", "b")], "exact")
    assert not form_matches(recorded, [("wstoken", "a"), ("postid", "7")], "exact")
    assert not form_matches(recorded, recorded + [("x", "1")], "exact")
    assert form_matches(recorded, recorded + [("x", "1")], "subset")
    assert not form_matches(recorded, [("x", "1")], "subset")
    assert form_matches(recorded, [], "function")
