"""The companion plugin: detected from site info, its error codes typed (CONTRACT.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.platform.base import FN_GET_CLAIMS
from moderator_app.platform.errors import (
    InvalidInput,
    NotFound,
    PermissionDenied,
    PlatformError,
    Transient,
    Unavailable,
)
from moderator_app.platform.moodle import MoodleClient
from moderator_app.platform.moodle_errors import rest_error
from moderator_app.platform.moodle_parse import site_info
from moderator_app.sandbox import MODERATOR, Sandbox
from moderator_app.sandbox.ws_plugin import PLUGIN_VERSION
from moderator_app.sync import outbox_plan as op


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    sb = Sandbox.start(db_path=tmp_path / "site.sqlite")
    yield sb
    sb.stop()


def test_site_info_gives_the_plugin_version_and_none_without_it(sandbox: Sandbox) -> None:
    client = MoodleClient(sandbox.url, sandbox.token_for(MODERATOR), backoff=0.0)
    info = client.site_info()
    assert info.has_plugin and info.plugin_version == PLUGIN_VERSION
    assert info.can(FN_GET_CLAIMS)

    sandbox.plugin = False
    info = client.site_info()
    assert not info.has_plugin and info.plugin_version == 0
    assert not info.can(FN_GET_CLAIMS)
    with pytest.raises(Unavailable) as refused:
        client.claims([1], 0)
    assert "local_moderatordesk" in refused.value.message


def test_real_moodle_writes_a_plugin_version_as_text() -> None:
    body = {
        "sitename": "s",
        "siteurl": "https://x",
        "userid": 3,
        "username": "u",
        "fullname": "U",
        "functions": [
            {"name": "core_webservice_get_site_info", "version": "2023042403.00"},
            {"name": "local_moderatordesk_get_claims", "version": "2026120400"},
            {"name": "local_moderatordesk_create_choice", "version": "2026110100"},
        ],
    }
    assert site_info(body, "core_webservice_get_site_info").plugin_version == 2026120400


def _error(code: str, message: str = "m") -> PlatformError:
    body = {"exception": "moodle_exception", "errorcode": code, "message": message}
    return rest_error(body, "local_moderatordesk_create_choice", None)


@pytest.mark.parametrize(
    "code, kind",
    [
        ("busy", Transient),
        ("clientrefdeleted", NotFound),
        ("nottoolpolicy", Unavailable),
        ("choicedisabled", Unavailable),
        ("limitzero", InvalidInput),
        ("closebeforeopen", InvalidInput),
        ("nosuchsection", InvalidInput),
        ("sitecourse", InvalidInput),
        ("notyourgroup", PermissionDenied),
    ],
)
def test_plugin_error_codes_are_typed_and_keep_their_code(
    code: str, kind: type[PlatformError]
) -> None:
    error = _error(code)
    assert type(error) is kind and error.code == code


def test_the_outbox_retries_busy_and_never_retries_a_deleted_poll() -> None:
    busy = op.classify(_error("busy"), attempts=1, now=1000)
    assert busy.state == op.FAILED_RETRYABLE and busy.retry_at > 1000
    gone = op.classify(_error("clientrefdeleted"), attempts=1, now=1000)
    assert gone.state == op.FAILED_NEEDS_ATTENTION and gone.code == "clientrefdeleted"
