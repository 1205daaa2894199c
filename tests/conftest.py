"""Test configuration shared by every test.

Qt runs offscreen (set here, never by hand), the keyring is an in-memory backend,
and every test gets its own data directory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring
import keyring.backend
import pytest

from moderator_app import paths

# A copy of ../shared/fixtures/moodle-4.2, so a fresh clone tests without shared/.
FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures" / "moodle-4.2"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that forgets everything when the test ends."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "data"
    paths.set_data_dir(path)
    yield path
    paths.set_data_dir(None)


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES_DIR
