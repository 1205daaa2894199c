"""Shared service-test fixtures: the hand-made store of prompt_support.py and its outbox.

Files that need another store define their own `db`, which takes precedence.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.services.outbox import OutboxService
from moderator_app.store.db import Database
from tests.services.prompt_support import NOW, seed


@pytest.fixture()
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


@pytest.fixture()
def outbox(db: Database) -> OutboxService:
    return OutboxService(db, "mila", now=lambda: NOW)
