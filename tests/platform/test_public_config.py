"""tool_mobile_get_public_config typed: what the sign-in dialog picks its form from.

The answer below is the lab's Moodle 4.2.3 (curl of lib/ajax/service-nologin.php)
with an OAuth 2 identity provider added in the shape auth_plugin_base prepares.
"""

from __future__ import annotations

from typing import Any

from moderator_app.platform.moodle_nologin import (
    LOGIN_VIA_BROWSER,
    parse_public_config,
    read_public_config,
)
from tests.replay_server import Exchange, ReplayServer

LAB: dict[str, Any] = {
    "wwwroot": "https://127.0.0.1:8643",
    "httpswwwroot": "https://127.0.0.1:8643",
    "sitename": "Moodle Lab",
    "enablewebservices": 1,
    "enablemobilewebservice": 1,
    "maintenanceenabled": 0,
    "maintenancemessage": "",
    "typeoflogin": 1,
    "launchurl": "https://127.0.0.1:8643/admin/tool/mobile/launch.php",
    "tool_mobile_qrcodetype": 2,
    "warnings": [],
}


def test_the_lab_sites_answer() -> None:
    config = parse_public_config(LAB, "https://127.0.0.1:8643")
    assert config.site_name == "Moodle Lab"
    assert config.password_in_app and config.qr_login and config.usable
    assert not config.maintenance and config.identity_providers == ()
    assert config.launch_url == "https://127.0.0.1:8643/admin/tool/mobile/launch.php"


def test_browser_sign_in_with_identity_providers() -> None:
    data = {
        **LAB,
        "typeoflogin": LOGIN_VIA_BROWSER,
        "tool_mobile_qrcodetype": 1,
        "logourl": "https://127.0.0.1:8643/pluginfile.php/1/core_admin/logo/0x200/logo.png",
        "identityproviders": [
            {
                "name": "Microsoft",
                "iconurl": "https://login.example/icon.png",
                "url": "https://127.0.0.1:8643/auth/oauth2/login.php?id=2&wantsurl=%2F&sesskey=x",
            },
            {"name": "Broken", "iconurl": "", "url": ""},  # cleaned to '' by PARAM_URL
        ],
    }
    config = parse_public_config(data, "https://127.0.0.1:8643")
    assert not config.password_in_app and not config.qr_login
    assert [p.name for p in config.identity_providers] == ["Microsoft"]
    assert config.identity_providers[0].oauth_id == 2
    assert config.logo_url.endswith("logo.png")


def test_switched_off_and_maintenance() -> None:
    config = parse_public_config(
        {
            **LAB,
            "enablemobilewebservice": 0,
            "maintenanceenabled": 1,
            "maintenancemessage": "<p>Back at 9</p>",
        },
        "https://x",
    )
    assert not config.usable and config.maintenance
    assert config.maintenance_message == "<p>Back at 9</p>"


def test_an_old_or_bare_answer_takes_moodles_defaults() -> None:
    config = parse_public_config({}, "https://school.example/moodle")
    assert config.password_in_app and config.usable and not config.qr_login
    assert config.launch_url == "https://school.example/moodle/admin/tool/mobile/launch.php"


def test_read_asks_without_a_token() -> None:
    answer = Exchange.json(
        "/lib/ajax/service-nologin.php",
        [{"error": False, "data": LAB}],
        query=[("info", "tool_mobile_get_public_config")],
        match="function",
    )
    with ReplayServer([answer]) as server:
        config = read_public_config(server.url)
        assert "wstoken" not in server.received[0].params()
    assert config.site_name == "Moodle Lab"
