"""The course and forum filters fill after a sync, not only after a restart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from moderator_app.platform.errors import Transient
from moderator_app.store.db import Database
from tests.gui.seed import seed


class UnreachablePlatform:
    total = 0
    counts: dict[str, int] = {}

    def __getattr__(self, name: str) -> Any:
        def offline(*_args: object, **_kwargs: object) -> object:
            raise Transient("connection refused", code="offline")

        return offline


def test_courses_stored_by_a_sync_show_in_the_filters(make_window, tmp_path: Path, qtbot) -> None:
    db = Database.open(tmp_path / "account.sqlite")
    try:
        window = make_window(db, platform_factory=UnreachablePlatform)
        assert window.filters.course.count() == 1  # only "All courses": nothing synced yet
        seed(db)  # what the first sync stores (here written beside it)
        with qtbot.waitSignal(window.sync_finished, timeout=10_000):
            window.sync_now()
        names = [window.filters.course.itemText(i) for i in range(window.filters.course.count())]
        assert {"Biologie", "Geschiedenis"} <= set(names)
        window.filters.course.setCurrentIndex(names.index("Biologie"))
        assert window.filters.forum.count() > 1  # that course's forums are offered
    finally:
        window.tasks.shutdown()
        db.close()
