"""The queue service with 100,000 waiting discussions: filters, search and scrolling.

Run: .venv/bin/python benchmarks/bench_queue.py [--waiting 100000]

Builds the store once (bench_queue_view.build, not timed), then times what the queue
view asks of QueueService (a count and the first page per filter change; every page
of a scroll to the end) and prints each figure beside its goal (issue 19). OFFSET
paging is measured in the same run as the reference keyset paging replaced.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench_queue_view import NOW, build

from moderator_app.services.queue import PageCursor, QueueFilter, QueueService, SortKey

GOAL_FILTER_S = 0.050
GOAL_PAGE_S = 0.020
PAGE = 200  # gui.queue_model.PAGE_SIZE


def median_of(action: Callable[[], object], repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def scroll_keyset(
    queue: QueueService, sort: SortKey, descending: bool, most: int | None = None
) -> tuple[int, float, float]:
    """Pages read, the slowest page and the whole scroll, page after page to the end
    (or `most` pages)."""
    cursor: PageCursor | None = None
    slowest = total = 0.0
    pages = 0
    while True:
        start = time.perf_counter()
        items, cursor = queue.page_after(sort=sort, descending=descending, after=cursor, limit=PAGE)
        took = time.perf_counter() - start
        if not items:
            break
        pages += 1
        slowest, total = max(slowest, took), total + took
        if len(items) < PAGE or pages == most:
            break
    return pages, slowest, total


def row(label: str, seconds: float, goal: float | None, note: str = "") -> None:
    verdict = "" if goal is None else ("OK" if seconds < goal else "MISSED")
    goal_text = "-" if goal is None else f"< {goal * 1000:.0f} ms"
    print(f"{label:<46}{seconds * 1000:>10.1f} ms{goal_text:>12}  {verdict} {note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--waiting", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        db = build(Path(tmp) / "bench.sqlite", args.waiting)
        with db.engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")
        print(f"{args.waiting:,} waiting built in {time.perf_counter() - start:.1f} s (untimed)\n")
        queue = QueueService(db, now=lambda: NOW)
        for label, flt in (
            ("questions only: count + first page", QueueFilter(questions_only=True)),
            ("text search 'casus': count + first page", QueueFilter(text="casus")),
            ("text search 'deelnemer 01' + course", QueueFilter(course_id=3, text="deelnemer 01")),
            ("text search, no match", QueueFilter(text="xyzzy")),
        ):

            def change(flt: QueueFilter = flt) -> None:
                queue.count(flt)
                queue.page_after(flt, limit=PAGE)

            row(label, median_of(change), GOAL_FILTER_S)
        print()
        for sort in SortKey:
            for descending in (False, True):
                # Course and forum names live in other tables: no index of the discussion
                # orders by them, every page sorts; a few pages show what one costs.
                unindexed = sort in (SortKey.COURSE, SortKey.FORUM)
                pages, slowest, total = scroll_keyset(
                    queue, sort, descending, most=5 if unindexed else None
                )
                label = f"scroll {sort.value} {'desc' if descending else 'asc'}: slowest page"
                row(label, slowest, GOAL_PAGE_S, f"({pages} pages, {total:.2f} s in all)")
        last = max(queue.count() - PAGE, 0)
        row(
            "reference: OFFSET page at the end (age)",
            median_of(lambda: queue.page(offset=last, limit=PAGE), repeat=3),
            None,
        )
        db.close()


if __name__ == "__main__":
    main()
