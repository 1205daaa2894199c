"""The queue model: exactly the waiting discussions, sorted and filtered in SQL, paged."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt

from moderator_app.gui import queue_model
from moderator_app.gui.queue_model import Column, QueueModel, Role, format_age
from moderator_app.services.queue import QueueFilter, QueueService
from moderator_app.store.db import Database
from tests.gui.seed import HOUR, NOW, WAITING, seed


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "account.sqlite")
    seed(database)
    yield database
    database.close()


@pytest.fixture
def model(db: Database, qapp) -> QueueModel:
    return QueueModel(QueueService(db, now=lambda: NOW), now=lambda: NOW)


def ids(model: QueueModel) -> list[int]:
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    return [model.index(r, 0).data(Role.DISCUSSION_ID) for r in range(model.rowCount())]


def test_shows_exactly_the_waiting_discussions_oldest_first(model: QueueModel) -> None:
    model.refresh()
    assert set(ids(model)) == WAITING
    assert model.total == len(WAITING)
    # Oldest waiting first: 101 (50 h), 102 (30 h), 201 (10 h), 202 (5 h), 105 (2 h).
    assert ids(model) == [101, 102, 201, 202, 105]
    first = model.index(0, Column.WAITED)
    assert first.data() == format_age(50 * HOUR) == "2 d 2 h"
    assert model.index(0, Column.COURSE).data() == "Biologie"
    assert model.index(0, Column.LEARNER).data() == "Anouk de Vries"
    assert model.index(2, Column.REPLIES).data() == 2


def test_waited_column_is_coloured_by_sla(model: QueueModel) -> None:
    model.refresh()
    levels = {
        model.index(r, 0).data(Role.DISCUSSION_ID): model.index(r, 0).data(Role.SLA)
        for r in range(model.rowCount())
    }
    assert levels == {101: "overdue", 102: "warn", 201: "ok", 202: "ok", 105: "ok"}
    overdue = model.index(0, Column.WAITED).data(Qt.ItemDataRole.ForegroundRole)
    warn = model.index(1, Column.WAITED).data(Qt.ItemDataRole.ForegroundRole)
    assert overdue is not None and warn is not None and overdue != warn
    assert model.index(2, Column.WAITED).data(Qt.ItemDataRole.ForegroundRole) is None
    model.set_thresholds(warn_hours=4, overdue_hours=8)
    assert model.index(2, Column.WAITED).data(Role.SLA) == "overdue"  # 201 waited 10 h


def test_sla_colours_readable_in_dark_and_light() -> None:
    from PySide6.QtGui import QColor, QPalette

    for base in (QColor("white"), QColor("#1e1e1e")):
        palette = QPalette()
        palette.setColor(QPalette.ColorRole.Base, base)
        for color in queue_model.sla_colors(palette).values():
            # Clearly lighter or darker than the background it sits on.
            assert abs(color.lightness() - base.lightness()) > 90


@pytest.mark.parametrize(
    ("column", "order", "expected"),
    [
        (Column.SUBJECT, Qt.SortOrder.AscendingOrder, [202, 101, 105, 102, 201]),
        (Column.LEARNER, Qt.SortOrder.AscendingOrder, [101, 102, 105, 201, 202]),
        (Column.WAITED, Qt.SortOrder.AscendingOrder, [105, 202, 201, 102, 101]),
        (Column.COURSE, Qt.SortOrder.DescendingOrder, [202, 201, 105, 102, 101]),
    ],
)
def test_sorts_any_column_in_sql(model: QueueModel, column, order, expected) -> None:
    model.sort(column, order)
    assert ids(model) == expected


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (QueueFilter(course_id=2), {201, 202}),
        (QueueFilter(forum_id=12), {105}),
        (QueueFilter(min_age_hours=24), {101, 102}),
        (QueueFilter(questions_only=True), {101, 105, 202}),
        (QueueFilter(text="karel"), {201}),
        (QueueFilter(text="bram"), {102}),
        (QueueFilter(course_id=1, text="nothing like this"), set()),
    ],
)
def test_filters(model: QueueModel, flt: QueueFilter, expected: set[int]) -> None:
    totals: list[int] = []
    model.total_changed.connect(totals.append)
    model.set_filter(flt)
    assert set(ids(model)) == expected
    assert totals == [len(expected)]


def test_pages_are_fetched_as_the_view_asks(model: QueueModel, monkeypatch) -> None:
    monkeypatch.setattr(queue_model, "PAGE_SIZE", 2)
    model.refresh()
    assert model.rowCount() == 2 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 4
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 5 and not model.canFetchMore(QModelIndex())


@pytest.mark.parametrize("column", list(Column))
@pytest.mark.parametrize("order", [Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder])
def test_scrolling_page_by_page_shows_every_row_once_in_the_sorted_order(
    model: QueueModel, monkeypatch, column, order
) -> None:
    # Pages after the first start after the last loaded row's sort key (keyset paging).
    monkeypatch.setattr(queue_model, "PAGE_SIZE", 2)
    model.sort(column, order)
    model.refresh()
    whole_sort = queue_model.PAGE_SIZE
    monkeypatch.setattr(queue_model, "PAGE_SIZE", 100)
    model.sort(column, order)
    in_one_page = ids(model)
    monkeypatch.setattr(queue_model, "PAGE_SIZE", whole_sort)
    model.sort(column, order)
    assert ids(model) == in_one_page and len(in_one_page) == len(set(in_one_page)) == 5


def test_reply_pending_marker(model: QueueModel) -> None:
    model.refresh()
    row = model.row_of(102)
    model.set_pending_replies(frozenset({102}))
    assert model.index(row, 0).data(Role.REPLY_PENDING) is True
    assert "reply pending" in model.index(row, Column.SUBJECT).data()


@pytest.mark.parametrize(
    ("column", "flt"),
    [
        (Column.WAITED, QueueFilter()),
        (Column.SUBJECT, QueueFilter(course_id=1)),
        (Column.REPLIES, QueueFilter(text="zzz-no-match")),
    ],
)
def test_qtmodeltester(db: Database, qtmodeltester, monkeypatch, column, flt) -> None:
    # A fresh model per state: pytest-qt's tester runs its checks (which call
    # fetchMore) from modelReset before it clears its own "reset in flight" flag, so
    # it cannot stay connected across a reset of a model that fetches more.
    monkeypatch.setattr(queue_model, "PAGE_SIZE", 2)
    model = QueueModel(QueueService(db, now=lambda: NOW), now=lambda: NOW)
    model.sort(column, Qt.SortOrder.DescendingOrder)
    model.set_filter(flt)
    model.set_pending_replies(frozenset({101}))
    qtmodeltester.check(model, force_py=True)
