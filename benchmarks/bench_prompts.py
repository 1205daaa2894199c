"""Prompt queries at scale: quiet forums, the library sorted by 'what works', suggestions.

Run: .venv/bin/python benchmarks/bench_prompts.py [--posts 100000]
Builds a store like bench_ingest.py (20 forums, 10 posts per discussion), adds the
seeded library and one posted prompt per 100 discussions, then times each query
(median of 5) beside its goal: fast enough to run on every page show.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_ingest import build_pages, seed_base  # noqa: E402

from moderator_app.services.prompt_stats import PromptStats  # noqa: E402
from moderator_app.services.prompts import SORT_EFFECT, PromptFilter, PromptService  # noqa: E402
from moderator_app.services.quiet_forums import find_quiet, suggestions  # noqa: E402
from moderator_app.store.db import Database  # noqa: E402
from moderator_app.store.models_prompts import PromptUse  # noqa: E402
from moderator_app.store.upsert import upsert_discussions, upsert_posts  # noqa: E402

GOAL_MS = 250
NOW = 1_700_000_000 + 30 * 86400


def median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def build(folder: Path, posts: int) -> Database:
    db = Database.open(folder / "bench.sqlite")
    seed_base(db)
    d_pages, p_pages = build_pages(posts)
    for page in d_pages:
        with db.session() as s:
            upsert_discussions(s, 1, page)
    for p_page in p_pages:
        with db.session() as s:
            upsert_posts(s, p_page)
    service = PromptService(db, now=lambda: NOW)
    service.ensure_seeded()
    ids = [p.id for p in service.library()]
    discussions = [d.id for page in d_pages for d in page]
    with db.session() as s:
        s.execute(
            insert(PromptUse),
            [
                {
                    "id": f"use-{n}",
                    "prompt_id": ids[n % len(ids)],
                    "lang": "nl",
                    "course_id": 1,
                    "forum_id": 1,
                    "subject": "s",
                    "created_at": NOW,
                    "scheduled_for": 0,
                    "discussion_id": did,
                    "posted_at": NOW,
                }
                for n, did in enumerate(discussions[::100])
            ],
        )
    return db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = build(Path(tmp), args.posts)
        service = PromptService(db, now=lambda: NOW)
        quiet = find_quiet(db, NOW, days=7, min_posters=3)
        rows = [
            (
                "quiet forums (find_quiet)",
                median_ms(lambda: find_quiet(db, NOW, days=7, min_posters=3)),
            ),
            (
                "library sorted by what works",
                median_ms(lambda: service.library(PromptFilter(sort=SORT_EFFECT))),
            ),
            ("stats per kind", median_ms(PromptStats(db, lambda: NOW).per_kind)),
        ]
        if quiet:
            rows.append(
                (
                    "suggestions for one forum",
                    median_ms(lambda: suggestions(db, quiet[0], lang="nl")),
                )
            )
        db.close()
    print(f"{args.posts:,} posts; {len(quiet)} quiet forums found")
    print(f"{'measure':<40}{'median':>12}{'goal':>12}")
    for name, ms in rows:
        verdict = "OK" if ms <= GOAL_MS else "MISSED"
        print(f"{name:<40}{ms:>9,.0f} ms{'<= ' + str(GOAL_MS) + ' ms':>12}  {verdict}")


if __name__ == "__main__":
    main()
