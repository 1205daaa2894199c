"""Signing in without a Moodle password on the real Moodle: the browser (launch.php)
and the profile page's QR code, exactly as the Moodle app does.

The site's tool_mobile settings are shared by everyone using the lab: each test sets
what it needs and puts the old value back in a finally.
"""

from __future__ import annotations

import base64
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
import requests
from PySide6.QtGui import QImage

from moderator_app.platform.errors import AuthError
from moderator_app.platform.moodle_http import Transport
from moderator_app.platform.moodle_nologin import read_public_config
from moderator_app.platform.moodle_site import public_config
from moderator_app.sandbox import Sandbox
from moderator_app.services import accounts
from moderator_app.services.qr_login import decode_qr, sign_in_with_qr
from moderator_app.services.site_links import signed_in_link
from moderator_app.services.sso_login import BrowserSignIn, finish_browser_sign_in, launch_url
from tests.live.lab import Lab, World


def _cfg(lab: Lab, name: str, value: str | None = None) -> str:
    command = [
        "php",
        str(lab.moodle_dir / "admin/cli/cfg.php"),
        "--component=tool_mobile",
        f"--name={name}",
    ]
    if value is not None:
        command.append(f"--set={value}")
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout.strip()


@contextmanager
def tool_mobile(lab: Lab, name: str, value: str) -> Iterator[None]:
    old = _cfg(lab, name)
    _cfg(lab, name, value)
    try:
        yield
    finally:
        _cfg(lab, name, old)


def browser(lab: Lab, username: str, password: str) -> requests.Session:
    """A browser signed in to the site through its own login form."""
    session = requests.Session()
    session.verify = lab.ca_bundle or True
    form = session.get(f"{lab.url}/login/index.php", timeout=30).text
    found = re.search(r'name="logintoken" value="([^"]+)"', form)
    assert found, "the login form has no logintoken"
    done = session.post(
        f"{lab.url}/login/index.php",
        data={"username": username, "password": password, "logintoken": found.group(1)},
        timeout=30,
    )
    assert "login/index.php" not in done.url, "the site did not sign the browser in"
    return session


def test_browser_sign_in_through_launch_php(lab: Lab, world: World) -> None:
    editor = world.user("editor")
    with tool_mobile(lab, "typeoflogin", "2"):
        config = read_public_config(lab.url)
        assert config.type_of_login == 2 and not config.password_in_app
        sign_ins = BrowserSignIn()
        pending = sign_ins.start(lab.url, config)
        web = browser(lab, editor.username, world.password)
        answer = web.get(launch_url(config, pending.passport), allow_redirects=False, timeout=30)
        location = answer.headers.get("Location", "")
        assert location.startswith("moodlemobile://token="), answer.status_code

        result = finish_browser_sign_in(location, sign_ins=sign_ins)

    assert result.ref.username == editor.username
    assert result.site_info.user_id == editor.id
    client = accounts.client_for(result.ref)
    assert {c.id for c in client.courses(editor.id)} >= {world.course_id()}
    # The same address again is refused: the passport was spent.
    with pytest.raises(AuthError):
        sign_ins.finish(location)


def test_qr_sign_in_from_the_profile_page(lab: Lab, world: World) -> None:
    teacher = world.user("teacher")
    with tool_mobile(lab, "qrcodetype", "2"):
        web = browser(lab, teacher.username, world.password)
        page = web.get(f"{lab.url}/user/profile.php", timeout=30).text
        found = re.search(r'src="data:image/png;base64,([^"]+)"', page)
        assert found, "the profile page shows no QR code"
        image = QImage.fromData(base64.b64decode(found.group(1)), "PNG")
        text = decode_qr(image.convertToFormat(QImage.Format.Format_Grayscale8))
        assert text.startswith(f"moodlemobile://{lab.url}?qrlogin=")

        result = sign_in_with_qr(text, expected_site=lab.url)

    assert result.site_info.user_id == teacher.id
    assert accounts.client_for(result.ref).site_info().user_id == teacher.id

    # The private token it gave makes a link that arrives signed in (autologin.php).
    page = f"{lab.url}/course/view.php?id={world.course_id()}"
    link = signed_in_link(lab.url, result.ref.key, teacher.id, page)
    assert "/admin/tool/mobile/autologin.php?" in link
    fresh = requests.Session()
    fresh.verify = lab.ca_bundle or True
    landed = fresh.get(link, timeout=30)
    assert landed.url.split("#")[0] == page and "login/index.php" not in landed.url
    # A second link within 6 minutes is the plain one (the site would refuse a key).
    assert signed_in_link(lab.url, result.ref.key, teacher.id, page) == page


def test_the_sandbox_answers_the_public_config_like_the_real_site(lab: Lab) -> None:
    def raw(url: str) -> dict[str, object]:
        transport = Transport(None, timeout=30, retries=0, backoff=0.0)
        return dict(public_config(transport, url))

    real = raw(lab.url)
    with Sandbox.start() as sandbox:
        ours = raw(sandbox.url)
    assert set(ours) <= set(real), set(ours) - set(real)
    for key, value in ours.items():
        assert type(value) is type(real[key]), key
