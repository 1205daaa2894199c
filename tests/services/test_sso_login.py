"""Browser sign-in: the launch URL, the moodlemobile:// answer and its signature check."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from moderator_app import credentials
from moderator_app.credentials import TokenStore, private_token_key
from moderator_app.platform.errors import AuthError, InvalidInput
from moderator_app.platform.moodle_nologin import IdentityProvider, parse_public_config
from moderator_app.services import accounts
from moderator_app.services.sso_login import (
    BrowserSignIn,
    finish_browser_sign_in,
    launch_url,
    parse_redirect,
)
from tests.replay_server import ReplayServer

SITE = "https://moodle.school.example"
CONFIG = parse_public_config(
    {"wwwroot": SITE, "typeoflogin": 2, "launchurl": f"{SITE}/admin/tool/mobile/launch.php"},
    SITE,
)


@pytest.fixture(autouse=True)
def fresh_session() -> Iterator[None]:
    credentials.forget_session_tokens()
    yield
    credentials.forget_session_tokens()


def redirect_for(site: str, passport: str, token: str = "t0k3n", private: str = "") -> str:
    """What launch.php sends: base64(md5(wwwroot . passport) ':::' token [':::' private])."""
    signed = hashlib.md5((site + passport).encode()).hexdigest() + ":::" + token
    if private:
        signed += ":::" + private
    return "moodlemobile://token=" + base64.b64encode(signed.encode()).decode()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_launch_url_carries_the_moodle_app_parameters() -> None:
    sign_ins = BrowserSignIn()
    pending = sign_ins.start(SITE, CONFIG)
    url = launch_url(CONFIG, pending.passport)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CONFIG.launch_url
    assert parse_qs(parts.query) == {
        "service": ["moodle_mobile_app"],
        "passport": [pending.passport],
        "urlscheme": ["moodlemobile"],
    }
    assert len(pending.passport) >= 32  # random, not guessable
    assert sign_ins.start(SITE, CONFIG).passport != pending.passport


def test_an_oauth2_provider_goes_through_launch_php_with_oauthsso() -> None:
    google = IdentityProvider("Google", f"{SITE}/auth/oauth2/login.php?id=3&wantsurl=%2F")
    query = parse_qs(urlsplit(launch_url(CONFIG, "p", google)).query)
    assert query["oauthsso"] == ["3"]
    other = IdentityProvider("SAML", f"{SITE}/auth/saml2/login.php?wants")
    assert "oauthsso" not in parse_qs(urlsplit(launch_url(CONFIG, "p", other)).query)


def test_a_signed_answer_gives_the_tokens_once() -> None:
    sign_ins = BrowserSignIn()
    pending = sign_ins.start(SITE, CONFIG)
    answer = redirect_for(SITE, pending.passport, "abc123", "priv456")
    found, tokens = sign_ins.finish(answer)
    assert found == pending
    assert (tokens.token, tokens.private_token) == ("abc123", "priv456")
    with pytest.raises(AuthError) as replayed:
        sign_ins.finish(answer)
    assert replayed.value.code == "ssosignature"


def test_the_http_form_of_the_address_is_accepted_as_the_moodle_app_does() -> None:
    sign_ins = BrowserSignIn()
    pending = sign_ins.start(SITE, CONFIG)
    http_site = SITE.replace("https://", "http://")
    assert sign_ins.finish(redirect_for(http_site, pending.passport))[1].token == "t0k3n"


def test_wrong_signature_and_other_site_are_refused() -> None:
    sign_ins = BrowserSignIn()
    pending = sign_ins.start(SITE, CONFIG)
    with pytest.raises(AuthError):
        sign_ins.finish(redirect_for("https://evil.example", pending.passport))
    with pytest.raises(AuthError):
        sign_ins.finish(redirect_for(SITE, "a-passport-we-never-made"))
    # Still pending: a refused address spends nothing.
    assert sign_ins.finish(redirect_for(SITE, pending.passport))[0] == pending


def test_an_old_passport_expires() -> None:
    clock = Clock()
    sign_ins = BrowserSignIn(clock=clock, ttl=60.0)
    pending = sign_ins.start(SITE, CONFIG)
    clock.now += 61.0
    assert not sign_ins.waiting()
    with pytest.raises(AuthError):
        sign_ins.finish(redirect_for(SITE, pending.passport))


@pytest.mark.parametrize(
    "mangle",
    [
        lambda u: u + "/",  # some browsers add a slash
        lambda u: u.replace("=", "%3D"),  # or percent-encode
        lambda u: f"  <{u}>\n",  # pasted with its surroundings
    ],
)
def test_pasted_addresses_as_browsers_show_them(mangle: object) -> None:
    sign_ins = BrowserSignIn()
    pending = sign_ins.start(SITE, CONFIG)
    url = mangle(redirect_for(SITE, pending.passport, "abc"))  # type: ignore[operator]
    assert sign_ins.finish(url)[1].token == "abc"


@pytest.mark.parametrize(
    "text", ["https://moodle.school.example/", "moodlemobile://token=!!!", "hello"]
)
def test_not_a_sign_in_address(text: str) -> None:
    with pytest.raises(InvalidInput):
        parse_redirect(text)


def test_finish_keeps_the_account_and_its_private_token() -> None:
    with ReplayServer(["007-site-info"], match="function") as server:
        config = parse_public_config({"wwwroot": server.url}, server.url)
        sign_ins = BrowserSignIn()
        pending = sign_ins.start(server.url, config)
        result = finish_browser_sign_in(
            redirect_for(server.url, pending.passport, "tok789", "priv789"), sign_ins=sign_ins
        )
        assert server.received[0].params()["wstoken"] == "tok789"
    assert TokenStore().load(result.ref.key) == "tok789"
    assert TokenStore().load(private_token_key(result.ref.key)) == "priv789"
    assert [a.ref for a in accounts.list_accounts()] == [result.ref]
    accounts.forget(result.ref)
    assert TokenStore().load(private_token_key(result.ref.key)) is None
