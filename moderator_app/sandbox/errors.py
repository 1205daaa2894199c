"""Moodle's error objects, raised by handlers and turned into JSON by the server."""

from __future__ import annotations

from typing import Any


class WsError(Exception):
    """A REST error: HTTP 200 with {exception, errorcode, message} like Moodle."""

    def __init__(self, errorcode: str | None, message: str, exception: str = "moodle_exception"):
        super().__init__(message)
        self.errorcode = errorcode
        self.message = message
        self.exception = exception

    def body(self) -> dict[str, Any]:
        out: dict[str, Any] = {"exception": self.exception}
        if self.errorcode is not None:  # PHP errors (class Error) have no errorcode
            out["errorcode"] = self.errorcode
        out["message"] = self.message
        return out


class LoginError(Exception):
    """A login/token.php error: {error, errorcode, stacktrace, debuginfo, reproductionlink}."""

    def __init__(self, errorcode: str, message: str):
        super().__init__(message)
        self.errorcode = errorcode
        self.message = message

    def body(self) -> dict[str, Any]:
        return {
            "error": self.message,
            "errorcode": self.errorcode,
            "stacktrace": None,
            "debuginfo": None,
            "reproductionlink": None,
        }


def invalid_parameter() -> WsError:
    return WsError(
        "invalidparameter", "Invalid parameter value detected", "invalid_parameter_exception"
    )


def access_exception() -> WsError:
    return WsError("accessexception", "Access control exception", "webservice_access_exception")


def invalid_record(table: str = "external_functions") -> WsError:
    return WsError(
        "invalidrecord",
        f"Can't find data record in database table {table}.",
        "dml_missing_record_exception",
    )


def no_permissions(capability: str) -> WsError:
    return WsError(
        "nopermissions",
        f"Sorry, but you do not currently have permissions to do that ({capability}).",
        "required_capability_exception",
    )


def require_login(reason: str = "Course or activity not accessible.") -> WsError:
    return WsError("requireloginerror", reason, "require_login_exception")
