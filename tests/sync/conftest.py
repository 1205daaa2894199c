from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.store.db import Database
from tests.sync.fakes import FakeSite


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    yield database
    database.close()


@pytest.fixture
def site() -> FakeSite:
    return FakeSite()
