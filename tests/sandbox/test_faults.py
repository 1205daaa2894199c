"""Each fault can be switched on from a test and does what it says, then goes away."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Any

import pytest
import requests

from moderator_app.sandbox import ANY, LOGIN, Fault, Sandbox

FN_REPLY = "mod_forum_add_discussion_post"
FN_INFO = "core_webservice_get_site_info"


def _reply_params(sandbox: Sandbox) -> dict[str, Any]:
    discussion = sandbox.state.discussion_id("Hoe lang moet de reflectie zijn?")
    first = sandbox.state.discussion(discussion)["firstpost"]  # type: ignore[index]
    return {"postid": first, "subject": "Re: x", "message": "<p>Antwoord</p>"}


def _replies(sandbox: Sandbox) -> int:
    discussion = sandbox.state.discussion_id("Hoe lang moet de reflectie zijn?")
    return len(sandbox.state.posts_in(discussion)) - 1


def test_latency_delays_the_answer(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    sandbox.faults.set(FN_INFO, Fault.latency(5, times=1))
    with pytest.raises(requests.Timeout):
        moderator.session.post(
            f"{sandbox.url}/webservice/rest/server.php",
            timeout=0.2,
            data={"wstoken": moderator.token, "wsfunction": FN_INFO, "moodlewsrestformat": "json"},
        )
    assert moderator.ok(FN_INFO)["username"] == "moderator"  # times=1: gone now


def test_http_500_and_invalid_json(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    sandbox.faults.set(FN_INFO, Fault.http_500())
    assert moderator.raw(FN_INFO).status_code == 500
    assert moderator.raw(FN_INFO).status_code == 500  # no `times`: until cleared
    sandbox.faults.set(FN_INFO, Fault.invalid_json())
    response = moderator.raw(FN_INFO)
    assert response.status_code == 200
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)
    sandbox.faults.clear()
    assert moderator.ok(FN_INFO)["username"] == "moderator"


def test_moodle_exception_and_expired_token(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    sandbox.faults.set(FN_REPLY, Fault.moodle_exception("sitemaintenance", times=1))
    assert moderator.error(FN_REPLY, _reply_params(sandbox)) == "sitemaintenance"
    assert _replies(sandbox) == 0
    sandbox.faults.set(FN_INFO, Fault.expired_token(times=1))
    body = moderator.call(FN_INFO)
    assert (body["exception"], body["errorcode"]) == (
        "webservice_access_exception",
        "accessexception",
    )


@pytest.mark.parametrize("after_write", [False, True])
def test_dropped_connection_before_or_after_the_write(
    sandbox: Sandbox, as_user: Any, after_write: bool
) -> None:
    moderator = as_user("moderator")
    sandbox.faults.set(FN_REPLY, Fault.drop(after_write=after_write, times=1))
    with pytest.raises(requests.ConnectionError):
        moderator.raw(FN_REPLY, _reply_params(sandbox))
    assert _replies(sandbox) == (1 if after_write else 0)


@pytest.mark.parametrize("after_write", [False, True])
def test_hold_parks_the_request_until_released(
    sandbox: Sandbox, as_user: Any, after_write: bool
) -> None:
    moderator = as_user("moderator")
    hold = sandbox.faults.hold(FN_REPLY, after_write=after_write)
    answers: list[Any] = []
    sender = threading.Thread(
        target=lambda: answers.append(moderator.call(FN_REPLY, _reply_params(sandbox)))
    )
    sender.start()
    assert hold.wait_reached(10)
    assert _replies(sandbox) == (1 if after_write else 0)
    assert answers == []
    # Other functions keep working while one request is held.
    assert as_user("sanne").ok(FN_INFO)["username"] == "sanne"
    hold.release()
    sender.join(10)
    assert answers and answers[0]["postid"] > 0
    assert _replies(sandbox) == 1


def test_any_function_fault_spares_login(sandbox: Sandbox, as_user: Any) -> None:
    sandbox.faults.set(ANY, Fault.http_500())
    login = requests.post(
        f"{sandbox.url}/login/token.php",
        timeout=10,
        data={"username": "moderator", "password": "demo", "service": "moodle_mobile_app"},
    )
    assert "token" in login.json()
    assert as_user("moderator").raw("mod_forum_get_forums_by_courses").status_code == 500
    sandbox.faults.set(LOGIN, Fault.http_500(times=1))
    login = requests.post(f"{sandbox.url}/login/token.php", data={"appsitecheck": "1"}, timeout=10)
    assert login.status_code == 500


def test_request_counter(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    sandbox.requests.reset()
    moderator.ok(FN_INFO)
    moderator.ok(FN_INFO)
    moderator.ok("mod_forum_get_forums_by_courses")
    assert sandbox.requests[FN_INFO] == 2
    assert sandbox.requests.snapshot() == {FN_INFO: 2, "mod_forum_get_forums_by_courses": 1}
    assert sandbox.requests.total() == 3
    sandbox.requests.reset()
    assert sandbox.requests.total() == 0


def test_stop_lets_a_held_request_go() -> None:
    sandbox = Sandbox.start()
    token = sandbox.token_for("moderator")
    hold = sandbox.faults.hold(FN_INFO)
    outcome: list[BaseException | int] = []

    def send() -> None:
        try:
            outcome.append(
                requests.post(
                    f"{sandbox.url}/webservice/rest/server.php",
                    data={"wstoken": token, "wsfunction": FN_INFO, "moodlewsrestformat": "json"},
                    timeout=10,
                ).status_code
            )
        except requests.RequestException as exc:
            outcome.append(exc)

    sender = threading.Thread(target=send)
    sender.start()
    assert hold.wait_reached(10)
    sandbox.stop()
    sender.join(10)
    assert not sender.is_alive() and outcome


_CLIENT = """
import sys, requests
url, token, postid = sys.argv[1:]
requests.post(url + "/webservice/rest/server.php", timeout=30, data={
    "wstoken": token, "wsfunction": "mod_forum_add_discussion_post",
    "moodlewsrestformat": "json", "postid": postid, "subject": "Re: x",
    "message": "<p>Antwoord</p>"})
"""


@pytest.mark.slow
def test_client_killed_while_its_write_is_held(sandbox: Sandbox) -> None:
    """What the sync engine's kill tests do: the write lands once, the client never hears."""
    hold = sandbox.faults.hold(FN_REPLY, after_write=True)
    client = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _CLIENT,
            sandbox.url,
            sandbox.token_for("moderator"),
            str(_reply_params(sandbox)["postid"]),
        ]
    )
    try:
        assert hold.wait_reached(30)
        client.kill()
        client.wait(10)
    finally:
        hold.release()
    assert _replies(sandbox) == 1


FN_DISCUSSIONS = "mod_forum_get_forum_discussions"


def test_a_fault_limited_by_parameters_hits_only_matching_requests(
    sandbox: Sandbox, as_user: Any
) -> None:
    moderator = as_user("moderator")
    forums = [f["id"] for f in moderator.ok("mod_forum_get_forums_by_courses")][:2]
    broken, fine = forums
    fault = sandbox.faults.set(FN_DISCUSSIONS, Fault.http_500(times=2, when={"forumid": broken}))
    assert moderator.raw(FN_DISCUSSIONS, {"forumid": broken}).status_code == 500
    # Another forum's requests are answered and do not use up `times`.
    assert "discussions" in moderator.ok(FN_DISCUSSIONS, {"forumid": fine})
    assert "discussions" in moderator.ok(FN_DISCUSSIONS, {"forumid": fine})
    assert fault.hits == 1
    assert moderator.raw(FN_DISCUSSIONS, {"forumid": broken}).status_code == 500
    assert "discussions" in moderator.ok(FN_DISCUSSIONS, {"forumid": broken})  # times=2: gone


def test_a_fault_matches_on_every_named_parameter(sandbox: Sandbox, as_user: Any) -> None:
    moderator = as_user("moderator")
    forum = moderator.ok("mod_forum_get_forums_by_courses")[0]["id"]
    sandbox.faults.set(
        FN_DISCUSSIONS,
        Fault.moodle_exception("nopermissions", when={"forumid": forum, "page": 1}),
    )
    assert "discussions" in moderator.ok(FN_DISCUSSIONS, {"forumid": forum, "page": 0})
    assert moderator.error(FN_DISCUSSIONS, {"forumid": forum, "page": 1}) == "nopermissions"
    # Without the parameter at all the request is not the one meant.
    assert "discussions" in moderator.ok(FN_DISCUSSIONS, {"forumid": forum})
