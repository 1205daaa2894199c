"""Shared by the contract tests: a client on the replay server, request comparison."""

from __future__ import annotations

from collections import Counter

from moderator_app.platform.moodle import MoodleClient
from tests.replay_server import Received, comparable, recording

# Not a real token: the replay server ignores wstoken values.
TOKEN = "0" * 32


def client_for(
    url: str, *, lang: str | None = "nl", timeout: float = 5.0, read_retries: int = 2
) -> MoodleClient:
    return MoodleClient(
        url, TOKEN, lang=lang, timeout=timeout, read_retries=read_retries, backoff=0.0
    )


def assert_sent_like(
    sent: Received,
    name: str,
    *,
    extra: dict[str, str] | None = None,
    missing: dict[str, str] | None = None,
) -> None:
    """The client sent the recording's request, plus `extra` pairs, minus `missing` ones.

    Differences are spelled out in each test, so a changed request shows up here.
    """
    request = recording(name)["request"]
    want = comparable((k, v) for k, v in request["form"])
    want.update((extra or {}).items())
    want.subtract(Counter((missing or {}).items()))
    want = +want  # drop zero counts
    got = comparable(sent.form)
    assert got == want, (
        f"{name}: sent but not recorded {sorted((got - want).elements())}, "
        f"recorded but not sent {sorted((want - got).elements())}"
    )
    assert sent.path == request["path"]
    assert sent.query == [(k, v) for k, v in request["query"]]
