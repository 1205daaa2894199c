"""Fixtures for the sandbox tests: a running demo site and a plain `requests` client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import requests

from moderator_app.sandbox import Sandbox

Params = dict[str, Any] | list[tuple[str, Any]] | tuple[()]


class Ws:
    """The least client that speaks Moodle REST: form-encoded POST, JSON back."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url
        self.token = token
        self.session = requests.Session()

    def raw(self, function: str, params: Params = ()) -> Any:
        pairs = list(params.items()) if isinstance(params, dict) else list(params)
        data = [
            ("wstoken", self.token),
            ("moodlewsrestformat", "json"),
            ("wsfunction", function),
            *pairs,
        ]
        return self.session.post(f"{self.url}/webservice/rest/server.php", data=data, timeout=10)

    def call(self, function: str, params: Params = ()) -> Any:
        response = self.raw(function, params)
        assert response.status_code == 200
        return response.json()

    def ok(self, function: str, params: Params = ()) -> Any:
        """Call and insist it is not an error object."""
        body = self.call(function, params)
        assert not (isinstance(body, dict) and "exception" in body), body
        return body

    def error(self, function: str, params: Params = ()) -> str:
        """Call, insist it is an error object, return its errorcode."""
        body = self.call(function, params)
        assert isinstance(body, dict) and "exception" in body, body
        return str(body.get("errorcode"))


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox.start() as sb:
        yield sb


@pytest.fixture
def as_user(sandbox: Sandbox) -> Any:
    """as_user("sanne") -> a Ws client signed in as that demo user."""
    clients: list[Ws] = []

    def make(username: str) -> Ws:
        client = Ws(sandbox.url, sandbox.token_for(username))
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.session.close()
