"""An http address that redirects to https: offered as the address to use, and the
password goes to neither until the moderator chooses it."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from moderator_app.platform.errors import Redirected
from moderator_app.platform.moodle import check_site, login
from tests.platform.test_moodle_tls import sitecheck_ok, tls
from tests.replay_server import Exchange, ReplayServer, load_exchange

__all__ = ["tls"]


def test_http_redirecting_to_https_is_offered(
    tls: tuple[Path, ssl.SSLContext], monkeypatch: pytest.MonkeyPatch
) -> None:
    ca_file, context = tls
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(ca_file))
    login_ok = load_exchange("001-login-ok", match="function")
    with ReplayServer([sitecheck_ok(), login_ok], match="function", tls=context) as secure:
        port = secure.url.rsplit(":", 1)[1]
        upgrade = Exchange.raw("/login/token.php", b"", status=301, method="GET")
        upgrade.headers = [("Location", f"https://127.0.0.1:{port}/login/token.php?appsitecheck=1")]
        post_upgrade = Exchange.raw("/login/token.php", b"", status=308, method="POST")
        post_upgrade.headers = [("Location", f"https://127.0.0.1:{port}/login/token.php")]
        with ReplayServer([upgrade, post_upgrade], match="function") as plain:
            with pytest.raises(Redirected) as checked:
                check_site(plain.url)
            with pytest.raises(Redirected) as signed:
                login(plain.url, "moderator", "S3cret-pass!")
        # The https site was looked at (a GET), never sent the password.
        assert [r.method for r in secure.received] == ["GET"]
    assert checked.value.suggested_site == secure.url
    assert signed.value.suggested_site == secure.url
    assert checked.value.code == signed.value.code == "sitemoved"
