"""check_site and login: finding the site, trading a password for a token, and failing clearly."""

from __future__ import annotations

import logging
import socket
import threading

import pytest

from moderator_app.platform import moodle_site
from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    NotMoodle,
    Redirected,
    Transient,
    Unavailable,
)
from moderator_app.platform.moodle import check_site, login, normalise_url
from tests.contract.helpers import assert_sent_like
from tests.replay_server import Exchange, ReplayServer, load_exchange, recording

TOKEN_PHP = "/login/token.php"
PASSWORD = "S3cret-pass!"


def sitecheck_ok(path: str = TOKEN_PHP) -> Exchange:
    return Exchange.json(path, {"appsitecheck": "ok"}, method="GET", query=[("appsitecheck", "1")])


def token_php(
    body: object = None,
    *,
    status: int = 200,
    method: str = "GET",
    raw: bytes | None = None,
    content_type: str = "text/html",
) -> Exchange:
    if raw is not None:
        return Exchange.raw(TOKEN_PHP, raw, status=status, content_type=content_type, method=method)
    return Exchange.json(TOKEN_PHP, body, status=status, method=method)


def answer_of(name: str, method: str = "GET") -> Exchange:
    """A recorded login/token.php answer, served for any request to token.php."""
    exchange = load_exchange(name, match="function")
    exchange.method = method
    return exchange


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- check_site ----------------------------------------------------------------


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("https://moodle.example.org", "https://moodle.example.org"),
        ("https://moodle.example.org/", "https://moodle.example.org"),
        ("moodle.example.org", "https://moodle.example.org"),
        ("  https://Moodle.Example.org/login/index.php?x=1#top ", "https://moodle.example.org"),
        ("https://moodle.example.org/my/", "https://moodle.example.org"),
        ("https://school.nl/moodle/course/view.php?id=2", "https://school.nl/moodle"),
        ("https://school.nl/moodle/index.php", "https://school.nl/moodle"),
        ("http://localhost:8080/moodle/", "http://localhost:8080/moodle"),
    ],
)
def test_normalise_url(typed: str, expected: str) -> None:
    assert normalise_url(typed) == expected


@pytest.mark.parametrize("typed", ["", "   ", "ftp://x.org", "https://"])
def test_normalise_url_refuses_non_web_addresses(typed: str) -> None:
    with pytest.raises(NotMoodle):
        normalise_url(typed)


def test_check_site_ok_from_a_page_url() -> None:
    with ReplayServer([sitecheck_ok()]) as server:
        site = check_site(f"{server.url}/login/index.php")
        assert server.received[0].method == "GET"
        assert server.received[0].query == [("appsitecheck", "1")]
    assert site.url == server.url and site.is_moodle


def test_check_site_in_a_subdirectory() -> None:
    with ReplayServer([sitecheck_ok("/moodle/login/token.php")]) as server:
        assert check_site(f"{server.url}/moodle/my/").url == f"{server.url}/moodle"


def test_check_site_offers_a_moved_path_instead_of_taking_it_silently() -> None:
    moved = Exchange.raw("/old/login/token.php", b"", status=301, method="GET")
    moved.headers = [("Location", "/new/login/token.php?appsitecheck=1")]
    with ReplayServer([moved, sitecheck_ok("/new/login/token.php")]) as server:
        with pytest.raises(Redirected) as raised:
            check_site(f"{server.url}/old")
        # It looked (a GET with nothing secret) that the new place is Moodle.
        assert [r.path for r in server.received] == ["/old/login/token.php", "/new/login/token.php"]
    assert raised.value.suggested_site == f"{server.url}/new"
    assert raised.value.code == "sitemoved"
    assert f"{server.url}/new" in raised.value.message
    # Typed as offered, the site is found without a detour.
    with ReplayServer([sitecheck_ok("/new/login/token.php")]) as server:
        assert check_site(f"{server.url}/new").url == f"{server.url}/new"


def test_check_site_never_offers_another_host() -> None:
    with ReplayServer([sitecheck_ok()]) as elsewhere:
        moved = Exchange.raw(TOKEN_PHP, b"", status=302, method="GET")
        moved.headers = [("Location", f"{elsewhere.url}/login/token.php?appsitecheck=1")]
        with ReplayServer([moved]) as server, pytest.raises(Redirected) as raised:
            check_site(server.url)
        assert elsewhere.received == []  # not even looked at
    assert raised.value.suggested_site == ""
    assert raised.value.code == "redirectelsewhere"
    assert elsewhere.url in raised.value.message  # named, so the user can judge it


@pytest.mark.parametrize("status", [307, 308])
def test_login_redirect_never_carries_the_password(status: int) -> None:
    with ReplayServer([answer_of("001-login-ok", method="POST")]) as elsewhere:
        moved = Exchange.raw(TOKEN_PHP, b"", status=status)
        moved.headers = [("Location", f"{elsewhere.url}/login/token.php")]
        with ReplayServer([moved]) as server, pytest.raises(Redirected) as raised:
            login(server.url, "moderator", PASSWORD)
        assert len(server.received) == 1
        assert elsewhere.received == []
    assert raised.value.location == f"{elsewhere.url}/login/token.php"
    assert raised.value.suggested_site == ""  # another port is another site


def test_login_redirect_within_the_site_is_offered_not_followed() -> None:
    moved = Exchange.raw(TOKEN_PHP, b"", status=308)
    moved.headers = [("Location", "/moodle/login/token.php")]
    with ReplayServer([moved, answer_of("001-login-ok", method="POST")]) as server:
        with pytest.raises(Redirected) as raised:
            login(server.url, "moderator", PASSWORD)
        assert [r.path for r in server.received] == [TOKEN_PHP]
    assert raised.value.suggested_site == f"{server.url}/moodle"


NGINX_HTTPS_PORT = (
    b"<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title>"
    b"</head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain "
    b"HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx/1.22.1</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


def test_http_to_an_https_port_says_use_https() -> None:
    answer = Exchange.raw("/moodle/login/token.php", NGINX_HTTPS_PORT, status=400, method="GET")
    with ReplayServer([answer]) as server, pytest.raises(Redirected) as raised:
        check_site(f"{server.url}/moodle")
    https = server.url.replace("http://", "https://") + "/moodle"
    assert raised.value.code == "httpsonly"
    assert raised.value.suggested_site == https
    assert raised.value.message == f"This address answers only https; use {https}"


def test_login_to_an_https_port_over_http_says_use_https() -> None:
    answer = token_php(raw=NGINX_HTTPS_PORT, status=400, method="POST")
    with ReplayServer([answer]) as server, pytest.raises(Redirected) as raised:
        login(server.url, "moderator", PASSWORD)
    assert raised.value.suggested_site == server.url.replace("http://", "https://")


@pytest.mark.parametrize(
    "base, target, safe",
    [
        ("http://school.nl", "https://school.nl", True),
        ("http://school.nl", "https://school.nl:8443/moodle", True),
        ("https://school.nl", "https://school.nl/moodle", True),
        ("https://school.nl", "http://school.nl", False),
        ("https://school.nl", "https://school.nl:8443", False),
        ("https://school.nl", "https://evil.example", False),
        ("http://school.nl", "https://moodle.school.nl", False),
    ],
)
def test_which_moves_are_offered(base: str, target: str, safe: bool) -> None:
    assert moodle_site.is_safe_move(base, target) is safe


def test_check_site_without_scheme_tries_https_then_http() -> None:
    with ReplayServer([sitecheck_ok()]) as server:
        host = server.url.removeprefix("http://")
        site = check_site(host, timeout=5)
        # The https attempt fails in the TLS handshake; only the http one arrives.
        assert len(server.received) == 1
    assert site.url == server.url


def test_check_site_does_not_fall_back_to_http_for_a_remote_site(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As if the replay server were elsewhere on the network: only http answers there.
    monkeypatch.setattr(moodle_site, "_is_loopback", lambda url: False)
    with ReplayServer([sitecheck_ok(), sitecheck_ok()]) as server:
        host = server.url.removeprefix("http://")
        with pytest.raises(Unavailable) as raised:
            check_site(host, timeout=5)
        assert raised.value.code == "insecure"
        # Typed with http:// it is the user's choice, and it works.
        assert check_site(server.url, timeout=5).url == server.url


@pytest.mark.parametrize(
    "exchange, error, code",
    [
        (token_php(raw=b"<html><body>Welcome to my blog</body></html>"), NotMoodle, "notmoodle"),
        (
            token_php(raw=recording("088-not-found-page")["response"]["body"].encode(), status=404),
            NotMoodle,
            "http404",
        ),
        (token_php({"hello": "world"}), NotMoodle, "notmoodle"),
        (token_php(raw=b"", status=403), Unavailable, "http403"),
        (answer_of("084-login-webservices-off"), Unavailable, "enablewsdescription"),
        (
            token_php(
                raw=recording("086-login-maintenance")["response"]["body"].encode(), status=503
            ),
            Transient,
            "http503",
        ),
    ],
    ids=["html", "404", "json-without-keys", "403-empty", "ws-off", "maintenance"],
)
def test_check_site_failures(exchange: Exchange, error: type[Exception], code: str) -> None:
    with ReplayServer([exchange]) as server, pytest.raises(error) as caught:
        check_site(server.url)
    assert caught.value.code == code  # type: ignore[attr-defined]


def test_check_site_nothing_listening() -> None:
    with pytest.raises(Transient) as caught:
        check_site(f"http://127.0.0.1:{free_port()}")
    assert caught.value.code == "connection"


def test_check_site_timeout() -> None:
    hold = threading.Event()
    exchange = sitecheck_ok()
    exchange.hold = hold
    with ReplayServer([exchange]) as server:
        with pytest.raises(Transient) as caught:
            check_site(server.url, timeout=0.2)
        hold.set()
    assert caught.value.code == "timeout"


# -- login -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, username",
    [
        ("001-login-ok", "moderator"),
        ("002-login-ok-facilitator", "facilitator"),
        ("003-login-ok-learner", "sanne"),
        ("004-login-ok-learner2", "lotte"),
        ("076-login-ok-expiring", "daan"),
        ("078-login-ok-policy-not-agreed", "youssef"),
    ],
)
def test_login_ok(name: str, username: str) -> None:
    with ReplayServer([name]) as server:
        result = login(server.url, username, PASSWORD)
        sent = server.received[0]
        assert_sent_like(sent, name)
        assert sent.params()["password"] == PASSWORD
    assert result.token == recording(name)["response"]["body"]["token"]
    assert not hasattr(result, "privatetoken")


@pytest.mark.parametrize(
    "name, error, code, words",
    [
        ("005-login-wrong-password", AuthError, "invalidlogin", "Wrong username or password"),
        (
            "082-login-mobile-service-off",
            Unavailable,
            "servicenotavailable",
            "does not allow the Moodle app",
        ),
        ("084-login-webservices-off", Unavailable, "enablewsdescription", "enable them"),
        ("086-login-maintenance", Transient, "http503", "maintenance"),
    ],
)
def test_login_failures(name: str, error: type[Exception], code: str, words: str) -> None:
    with ReplayServer([name], match="function") as server:
        with pytest.raises(error, match=words) as caught:
            login(server.url, "moderator", PASSWORD)
        assert len(server.received) == 1
    assert caught.value.code == code  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "errorcode, error",
    [
        ("sitemaintenance", Transient),
        ("sslonlyaccess", InvalidInput),
        ("requirecorrectaccess", InvalidInput),
    ],
)
def test_login_other_token_php_errors(errorcode: str, error: type[Exception]) -> None:
    body = {
        "error": "x",
        "errorcode": errorcode,
        "stacktrace": None,
        "debuginfo": None,
        "reproductionlink": None,
    }
    with ReplayServer([token_php(body, method="POST")]) as server, pytest.raises(error):
        login(server.url, "moderator", PASSWORD)


@pytest.mark.parametrize(
    "exchange",
    [
        token_php(raw=b"{not json", method="POST", content_type="application/json"),
        token_php({"token": None}, method="POST"),
        token_php(["a", "list"], method="POST"),
    ],
    ids=["garbage", "token-null", "list"],
)
def test_login_answer_that_is_not_moodle(exchange: Exchange) -> None:
    with ReplayServer([exchange]) as server, pytest.raises(NotMoodle):
        login(server.url, "moderator", PASSWORD)


def test_login_never_logs_or_reports_the_password(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    with (
        ReplayServer(["005-login-wrong-password"], match="function") as server,
        pytest.raises(AuthError) as caught,
    ):
        login(server.url, "moderator", PASSWORD)
    with ReplayServer(["001-login-ok"], match="function") as server:
        token = login(server.url, "moderator", PASSWORD).token
    assert PASSWORD not in caplog.text and token not in caplog.text
    assert PASSWORD not in str(caught.value) and PASSWORD not in repr(caught.value.args)
    assert caplog.records, "login should log what happened (without secrets)"
