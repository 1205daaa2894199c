"""TokenStore: keyring when it works, this session's memory when it does not."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import keyring
import keyring.backends.fail
import pytest
from keyring.errors import KeyringLocked

from moderator_app import credentials
from moderator_app.credentials import SERVICE, TokenStore
from tests.conftest import MemoryKeyring

KEY = "moderator@moodle.example.org"
TOKEN = "97f20acfb67816204014423072558e06"


@pytest.fixture(autouse=True)
def fresh_session() -> Iterator[None]:
    credentials.forget_session_tokens()
    credentials._warned = False
    yield
    credentials.forget_session_tokens()


class LockedKeyring(MemoryKeyring):
    """A keyring whose writes fail, as a locked one does."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringLocked("locked")


def test_keyring_round_trip(memory_keyring: MemoryKeyring) -> None:
    store = TokenStore()
    assert store.persistent
    store.save(KEY, TOKEN)
    assert memory_keyring.secrets == {(SERVICE, KEY): TOKEN}
    # A new store (the next start) finds it in the keyring, not in memory.
    credentials.forget_session_tokens()
    assert TokenStore().load(KEY) == TOKEN
    TokenStore().delete(KEY)
    assert memory_keyring.secrets == {}
    assert TokenStore().load(KEY) is None


def test_delete_of_nothing_is_quiet() -> None:
    TokenStore().delete("nobody@nowhere")
    assert TokenStore().load("nobody@nowhere") is None


def test_no_keyring_keeps_token_for_this_session_only(
    caplog: pytest.LogCaptureFixture,
) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    caplog.set_level(logging.INFO)
    store = TokenStore()
    assert not store.persistent
    store.save(KEY, TOKEN)
    store.save("other@site", "1" * 32)
    assert TokenStore().load(KEY) == TOKEN  # another store in the same process
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1 and "asked again at next start" in warnings[0].getMessage()
    assert TOKEN not in caplog.text and KEY not in caplog.text
    credentials.forget_session_tokens()  # what a restart does
    assert TokenStore().load(KEY) is None


def test_keyring_error_on_save_falls_back_to_memory(caplog: pytest.LogCaptureFixture) -> None:
    backend = LockedKeyring()
    keyring.set_keyring(backend)
    store = TokenStore()
    assert store.persistent
    store.save(KEY, TOKEN)
    assert not store.persistent
    assert backend.secrets == {}
    assert store.load(KEY) == TOKEN
    assert "KeyringLocked" in caplog.text and TOKEN not in caplog.text


def test_delete_removes_session_and_keyring_copies(memory_keyring: MemoryKeyring) -> None:
    memory: dict[str, str] = {KEY: "session-token"}
    memory_keyring.secrets[(SERVICE, KEY)] = TOKEN
    store = TokenStore(memory=memory)
    assert store.load(KEY) == "session-token"  # this session's copy wins
    store.delete(KEY)
    assert memory == {} and memory_keyring.secrets == {}
    assert store.load(KEY) is None


def test_saving_to_keyring_drops_an_older_session_copy(memory_keyring: MemoryKeyring) -> None:
    memory = {KEY: "old-session-token"}
    TokenStore(memory=memory).save(KEY, TOKEN)
    assert memory == {}
    assert TokenStore(memory=memory).load(KEY) == TOKEN
