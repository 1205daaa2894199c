from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.store.db import Database


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    yield database
    database.close()
