"""A refused token told apart: expired sign-in, or the Moodle app switched off on the site.

Moodle 4.2 answers `accessexception` with no debuginfo in both cases (checked on the
lab site: with the mobile service disabled, core_webservice_get_site_info answers
exactly the body of 077-expired-token). Its public config (what the Moodle app reads
before signing in) says `enablemobilewebservice: 0` when an admin switched it off.
"""

from __future__ import annotations

from typing import Any

import pytest

from moderator_app.platform.errors import AuthError, Transient, Unavailable
from tests.contract.helpers import client_for
from tests.replay_server import Exchange, ReplayServer, load_exchange

NOLOGIN = "/lib/ajax/service-nologin.php"
FN_CONFIG = "tool_mobile_get_public_config"


def public_config(**settings: Any) -> Exchange:
    data = {
        "wwwroot": "https://moodle.example.org",
        "enablewebservices": 1,
        "enablemobilewebservice": 1,
        "maintenanceenabled": 0,
        **settings,
    }
    return Exchange.json(
        NOLOGIN,
        [{"error": False, "data": data}],
        query=[("info", FN_CONFIG)],
        match="function",
    )


def refused() -> Exchange:
    return load_exchange("077-expired-token", match="function")


def test_mobile_service_switched_off_is_not_an_expired_sign_in() -> None:
    with ReplayServer([refused(), public_config(enablemobilewebservice=0)]) as server:
        with pytest.raises(Unavailable) as raised:
            client_for(server.url).site_info()
        assert server.received[1].path == NOLOGIN
        assert "wstoken" not in server.received[1].params()  # asked without the token
    assert raised.value.code == "mobileserviceoff"
    assert "Moodle app" in raised.value.message


def test_web_services_switched_off() -> None:
    with (
        ReplayServer([refused(), public_config(enablewebservices=0)]) as server,
        pytest.raises(Unavailable) as raised,
    ):
        client_for(server.url).site_info()
    assert raised.value.code == "webservicesoff"


def test_maintenance_reads_as_maintenance() -> None:
    with (
        ReplayServer([refused(), public_config(maintenanceenabled=1)]) as server,
        pytest.raises(Transient) as raised,
    ):
        client_for(server.url).site_info()
    assert "maintenance" in raised.value.message


def test_an_expired_token_still_asks_to_sign_in_again() -> None:
    with ReplayServer([refused(), public_config()]) as server, pytest.raises(AuthError) as raised:
        client_for(server.url).site_info()
    assert raised.value.code == "accessexception"


def test_a_site_without_public_config_keeps_the_refusal() -> None:
    # The replay server answers 418 to anything it has no recording for.
    with ReplayServer([refused()]) as server, pytest.raises(AuthError):
        client_for(server.url).site_info()


def test_other_errors_ask_nothing_more() -> None:
    with ReplayServer([load_exchange("073-invalid-token", match="function")]) as server:
        with pytest.raises(AuthError):
            client_for(server.url).site_info()
        assert [r.path for r in server.received] == ["/webservice/rest/server.php"]
