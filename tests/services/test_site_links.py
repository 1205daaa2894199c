"""Signed-in links: autologin.php with a one-use key, at most one key per 6 minutes."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from moderator_app import credentials
from moderator_app.credentials import TokenStore, private_token_key
from moderator_app.services import site_links
from tests.replay_server import Exchange, ReplayServer

FN = "tool_mobile_get_autologin_key"
KEY = "moderator@127.0.0.1"


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    credentials.forget_session_tokens()
    site_links.forget_requests()
    yield
    credentials.forget_session_tokens()
    site_links.forget_requests()


class Clock:
    def __init__(self) -> None:
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def key_answer(url: str) -> Exchange:
    body = {"key": "onceKey", "autologinurl": f"{url}/admin/tool/mobile/autologin.php"}
    return Exchange.json("/webservice/rest/server.php", {**body, "warnings": []}, function=FN)


def test_a_link_arrives_signed_in_then_plain_within_six_minutes() -> None:
    clock = Clock()
    with ReplayServer([key_answer("x")], match="function") as server:
        TokenStore().save(KEY, "tok")
        TokenStore().save(private_token_key(KEY), "priv")
        page = f"{server.url}/mod/forum/discuss.php?d=7"

        link = site_links.signed_in_link(server.url, KEY, 12, page, clock=clock)

        sent = server.received[0]
        assert sent.params()["privatetoken"] == "priv"  # in the POST body, never the query
        assert "privatetoken" not in dict(sent.query)
        assert "MoodleMobile" in sent.headers["User-Agent"]
        query = parse_qs(urlsplit(link).query)
        assert query == {"userid": ["12"], "key": ["onceKey"], "urltogo": [page]}
        clock.now += 5 * 60
        assert site_links.signed_in_link(server.url, KEY, 12, page, clock=clock) == page
        assert len(server.received) == 1  # the site would refuse a second key now


def test_without_a_private_token_or_when_refused_the_plain_link() -> None:
    refused = Exchange.json(
        "/webservice/rest/server.php",
        {
            "exception": "moodle_exception",
            "errorcode": "autologinnotallowedtoadmins",
            "message": "no",
        },
        function=FN,
    )
    with ReplayServer([refused], match="function") as server:
        page = f"{server.url}/course/view.php?id=2"
        TokenStore().save(KEY, "tok")
        assert site_links.signed_in_link(server.url, KEY, 2, page) == page  # no private token
        assert server.received == []
        TokenStore().save(private_token_key(KEY), "priv")
        assert site_links.signed_in_link(server.url, KEY, 2, page) == page  # refused
        assert len(server.received) == 1
        other = "https://elsewhere.example/page"
        assert site_links.signed_in_link(server.url, KEY, 2, other) == other
