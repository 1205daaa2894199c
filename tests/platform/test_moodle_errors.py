"""Moodle error objects that the recordings do not show, mapped by the same table."""

from __future__ import annotations

import pytest

from moderator_app.platform.errors import (
    AuthError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    PlatformError,
    PolicyNotAgreed,
    ProtocolError,
    Transient,
    Unavailable,
)
from moderator_app.platform.moodle_errors import login_error, rest_error

FN = "mod_forum_get_forum_discussions"


def body(code: str | None, message: str = "m", debuginfo: str | None = None) -> dict[str, str]:
    out = {"exception": "moodle_exception", "message": message}
    if code is not None:
        out["errorcode"] = code
    if debuginfo is not None:
        out["debuginfo"] = debuginfo
    return out


@pytest.mark.parametrize(
    "answer, error",
    [
        (body("sitepolicynotagreed"), PolicyNotAgreed),
        (body("requireloginerror", "Course or activity not accessible."), PermissionDenied),
        (body("requireloginerror", "Site policy not agreed"), PolicyNotAgreed),
        (body("nopermissions"), PermissionDenied),
        (body("noviewdiscussionspermission"), PermissionDenied),
        (body("sitemaintenance"), Transient),
        (body("invalidparameter"), InvalidInput),
        (body("errorinvalidparam"), InvalidInput),
        (body("wsaccessusersuspended"), AuthError),
        (body("invalidcoursemodule"), NotFound),
        (body("invalidrecord", "Can't find data record in database table forum."), NotFound),
        (body("invalidresponse"), ProtocolError),
        (body("disabled", "Messaging is disabled"), Unavailable),
        (
            body("accessexception", debuginfo="Invalid token - token expired - check validuntil"),
            AuthError,
        ),
        (
            body("accessexception", debuginfo="Access to the function x() is not allowed."),
            Unavailable,
        ),
        (body(None, "Call to a member function get_forum_id() on null"), NotFound),
    ],
    ids=lambda v: v.get("errorcode", v.get("debuginfo", "none")) if isinstance(v, dict) else "",
)
def test_rest_error_mapping(answer: dict[str, str], error: type[PlatformError]) -> None:
    mapped = rest_error(answer, FN, None)
    assert type(mapped) is error
    assert mapped.function == FN and mapped.message


def test_unknown_code_is_a_plain_platform_error_keeping_the_code() -> None:
    mapped = rest_error(body("somethingnew", "Something new"), FN, None)
    assert type(mapped) is PlatformError
    assert (mapped.code, mapped.message) == ("somethingnew", "Something new")


def test_access_exception_uses_known_functions_when_no_debuginfo() -> None:
    known = frozenset({"core_webservice_get_site_info"})
    assert type(rest_error(body("accessexception"), "core_user_create_users", known)) is (
        Unavailable
    )
    assert (
        type(rest_error(body("accessexception"), "core_webservice_get_site_info", known))
        is AuthError
    )


@pytest.mark.parametrize(
    "code, error",
    [
        ("noguest", AuthError),
        ("passwordisexpired", AuthError),
        ("cannotcreatetoken", PermissionDenied),
        ("usernotallowed", PermissionDenied),
        ("somethingelse", AuthError),
    ],
)
def test_login_error_mapping(code: str, error: type[PlatformError]) -> None:
    mapped = login_error({"error": "x", "errorcode": code}, "login/token.php")
    assert type(mapped) is error and mapped.code == code
