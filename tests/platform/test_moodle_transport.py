"""MoodleClient's transport: retries, never re-sending a write, bad answers, no secrets in logs."""

from __future__ import annotations

import logging
import socket
import threading
from typing import Any

import pytest
import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import NewConnectionError

from moderator_app.platform.errors import AuthError, ProtocolError, Transient
from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.moodle_http import encode_params
from tests.contract.helpers import TOKEN, client_for
from tests.replay_server import Exchange, ReplayServer, load_exchange, recording

REST = "/webservice/rest/server.php"
SITE_INFO = "core_webservice_get_site_info"
REPLY = "mod_forum_add_discussion_post"


def dropped(function: str) -> Exchange:
    exchange = Exchange.raw(REST, b"", function=function)
    exchange.drop = True
    return exchange


def test_encode_params_moodle_arrays_and_booleans() -> None:
    pairs = encode_params(
        {
            "postid": 6,
            "flag": True,
            "off": False,
            "skip": None,
            "empty": [],
            "ids": [2, 3],
            "options": [{"name": "private", "value": True}],
        }
    )
    assert pairs == [
        ("postid", "6"),
        ("flag", "1"),
        ("off", "0"),
        ("ids[0]", "2"),
        ("ids[1]", "3"),
        ("options[0][name]", "private"),
        ("options[0][value]", "1"),
    ]


def test_read_retried_after_dropped_connection() -> None:
    with ReplayServer([dropped(SITE_INFO), "007-site-info"]) as server:
        info = client_for(server.url, read_retries=2).site_info()
        assert server.functions() == [SITE_INFO, SITE_INFO]
    assert info.user_id == 3


def test_read_gives_up_after_its_retries() -> None:
    with ReplayServer([dropped(SITE_INFO)]) as server:
        with pytest.raises(Transient) as caught:
            client_for(server.url, read_retries=2).site_info()
        assert len(server.received) == 3
    assert not caught.value.maybe_applied


def test_write_dropped_after_sending_is_not_resent() -> None:
    with ReplayServer([dropped(REPLY), load_exchange("041-reply", match="function")]) as server:
        with pytest.raises(Transient) as caught:
            client_for(server.url, read_retries=3).reply(6, "Re: x", "<p>Hoi</p>")
        assert len(server.received) == 1  # the recorded success was never asked for
    assert caught.value.maybe_applied is True
    assert caught.value.function == REPLY


def test_write_read_timeout_is_maybe_applied_and_not_resent() -> None:
    hold = threading.Event()
    slow = load_exchange("041-reply", match="function")
    slow.hold = hold
    with ReplayServer([slow]) as server:
        with pytest.raises(Transient) as caught:
            client_for(server.url, timeout=0.2).reply(6, "Re: x", "<p>Hoi</p>")
        hold.set()
        assert len(server.received) == 1
    assert caught.value.code == "timeout" and caught.value.maybe_applied


def test_read_timeout_is_retried() -> None:
    hold = threading.Event()
    slow = load_exchange("007-site-info")
    slow.hold = hold
    with ReplayServer([slow, "007-site-info"]) as server:
        info = client_for(server.url, timeout=0.2, read_retries=1).site_info()
        hold.set()
        assert len(server.received) == 2
    assert info.username == "moderator"


def test_write_to_nothing_listening_was_not_applied() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    client = MoodleClient(f"http://127.0.0.1:{port}", TOKEN, backoff=0, read_retries=1)
    with pytest.raises(Transient) as caught:
        client.reply(6, "Re: x", "<p>Hoi</p>")
    # Connection refused: the site never saw the reply, the outbox may simply resend.
    assert caught.value.code == "connection" and not caught.value.maybe_applied


def test_write_server_error_is_not_retried() -> None:
    error = Exchange.raw(REST, b"<h1>Internal error</h1>", function=REPLY, status=500)
    with ReplayServer([error]) as server:
        with pytest.raises(Transient) as caught:
            client_for(server.url).reply(6, "Re: x", "<p>Hoi</p>")
        assert len(server.received) == 1
    assert caught.value.maybe_applied and caught.value.code == "http500"


class RefuseFirstConnect(HTTPAdapter):
    """Fails the first send as if the TCP connection was refused, then sends normally."""

    def __init__(self) -> None:
        super().__init__()
        self.refused = 0

    def send(  # type: ignore[override]
        self, request: requests.PreparedRequest, **kwargs: Any
    ) -> requests.Response:
        if not self.refused:
            self.refused += 1
            reason = NewConnectionError(None, "Connection refused")  # type: ignore[arg-type]
            raise requests.ConnectionError(reason, request=request)
        return super().send(request, **kwargs)


def test_write_retried_when_the_connection_never_came_up() -> None:
    session = requests.Session()
    adapter = RefuseFirstConnect()
    session.mount("http://", adapter)
    with ReplayServer([load_exchange("041-reply", match="function")]) as server:
        client = MoodleClient(server.url, TOKEN, session=session, backoff=0)
        new = client.reply(6, "Re: x", "<p>Hoi</p>")
        assert len(server.received) == 1
    assert adapter.refused == 1 and new.post_id == 59


@pytest.mark.parametrize(
    "body, content_type",
    [
        (b'{"sitename": ', "application/json"),
        (b"<html><body>Login</body></html>", "text/html"),
        (b"", "application/json"),
    ],
    ids=["truncated-json", "html-page", "empty"],
)
def test_not_json_is_a_protocol_error_naming_the_function(body: bytes, content_type: str) -> None:
    exchange = Exchange.raw(REST, body, function=SITE_INFO, content_type=content_type)
    with ReplayServer([exchange]) as server, pytest.raises(ProtocolError) as caught:
        client_for(server.url).site_info()
    assert caught.value.function == SITE_INFO and caught.value.code == "notjson"


def _without(body: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in body.items() if k != key}


@pytest.mark.parametrize(
    "answer, call, function",
    [
        (
            _without(recording("007-site-info")["response"]["body"], "userid"),
            lambda c: c.site_info(),
            SITE_INFO,
        ),
        (
            {**recording("007-site-info")["response"]["body"], "userid": "three"},
            lambda c: c.site_info(),
            SITE_INFO,
        ),
        ([1, 2], lambda c: c.site_info(), SITE_INFO),
        (
            {"discussions": "none"},
            lambda c: c.discussions(2, 0, 50),
            "mod_forum_get_forum_discussions",
        ),
        (
            {"discussions": [{"id": 5}]},
            lambda c: c.discussions(2, 0, 50),
            "mod_forum_get_forum_discussions",
        ),
        (
            {"posts": [{"id": 1, "author": None}], "forumid": 1, "courseid": 2},
            lambda c: c.discussion_posts(1),
            "mod_forum_get_discussion_posts",
        ),
        (None, lambda c: c.courses(3), "core_enrol_get_users_courses"),
        ({"postid": 5}, lambda c: c.reply(6, "Re: x", "<p>x</p>"), REPLY),
        ([], lambda c: c.send_message(5, "<p>x</p>", "m1"), "core_message_send_instant_messages"),
    ],
    ids=[
        "missing-field",
        "wrong-type",
        "list-not-object",
        "discussions-not-list",
        "discussion-missing-fields",
        "author-null",
        "null",
        "reply-without-post",
        "no-message-result",
    ],
)
def test_unexpected_json_is_a_protocol_error(answer: Any, call: Any, function: str) -> None:
    exchange = Exchange.json(REST, answer, function=function)
    with ReplayServer([exchange]) as server, pytest.raises(ProtocolError) as caught:
        call(client_for(server.url))
    assert caught.value.function == function
    assert not isinstance(caught.value.__cause__, KeyError | TypeError)


def test_logs_carry_names_and_codes_but_no_secrets(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    message = "<p>Ongeveer <strong>300 woorden</strong> is genoeg.</p>"
    with ReplayServer(
        ["041-reply", "073-invalid-token", "007-site-info"], match="function"
    ) as server:
        client = client_for(server.url)
        client.reply(6, "Re: Hoe lang moet de reflectie zijn?", message, subscribe=True)
        with pytest.raises(AuthError):
            client.call("core_webservice_get_site_info")
    text = caplog.text
    assert REPLY in text and "invalidtoken" in text
    assert TOKEN not in text
    assert "300 woorden" not in text and "Marieke" not in text and "reflectie" not in text
    assert TOKEN not in repr(client)


def test_requests_use_a_timeout_even_with_a_caller_session() -> None:
    seen: list[Any] = []

    class Spy(HTTPAdapter):
        def send(  # type: ignore[override]
            self, request: requests.PreparedRequest, **kwargs: Any
        ) -> requests.Response:
            seen.append(kwargs.get("timeout"))
            return super().send(request, **kwargs)

    session = requests.Session()
    session.mount("http://", Spy())
    with ReplayServer(["007-site-info"], match="function") as server:
        MoodleClient(server.url, TOKEN, session=session, timeout=7.5).site_info()
    # (connect, read): connecting never waits longer than the read would.
    assert seen == [(7.5, 7.5)]
