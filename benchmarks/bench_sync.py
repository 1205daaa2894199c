"""Sync benchmarks against the sandbox seeded big. Run on demand:

    .venv/bin/python benchmarks/bench_sync.py [--courses 5 --discussions 10000 --posts 100000]

Prints a table with each figure's goal beside it. The first sync runs in a child
process so its peak memory (resource.getrusage) is its own.
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select


def _client(url: str, token: str):  # type: ignore[no-untyped-def]
    from moderator_app.platform.moodle import MoodleClient

    return MoodleClient(url, token)


def first_sync(url: str, token: str, user_id: int, db_path: str) -> None:
    """Child: one first sync; prints JSON figures."""
    from moderator_app.store.db import Database
    from moderator_app.sync import Progress, SyncEngine

    db = Database.open(Path(db_path))
    start = time.perf_counter()
    marks: dict[str, float] = {}

    def progress(p: Progress) -> None:
        if p.phase == "posts" and "queue_ready" not in marks:
            marks["queue_ready"] = time.perf_counter() - start

    engine = SyncEngine(db, _client(url, token), account_user_id=user_id, progress=progress)
    report = engine.run()
    marks["all_posts"] = time.perf_counter() - start
    by_fn = report.requests_by_function
    list_requests = sum(
        by_fn.get(k, 0) for k in ("courses", "participants", "forums", "discussions")
    )
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "ok": report.ok,
                "queue_ready_s": marks.get("queue_ready", marks["all_posts"]),
                "all_posts_s": marks["all_posts"],
                "requests": report.requests,
                "list_requests": list_requests,
                "posts": report.posts_stored,
                "peak_mb": peak_kb / 1024,
            }
        )
    )
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--courses", type=int, default=5)
    parser.add_argument("--discussions", type=int, default=10_000)
    parser.add_argument("--posts", type=int, default=100_000)
    parser.add_argument("--child", nargs=4, metavar=("URL", "TOKEN", "USER", "DB"))
    args = parser.parse_args()
    if args.child:
        url, token, user, db_path = args.child
        first_sync(url, token, int(user), db_path)
        return 0

    from moderator_app.sandbox import MODERATOR, BigSeed, Sandbox
    from moderator_app.store import models as m
    from moderator_app.store.db import Database
    from moderator_app.sync import SyncEngine

    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    seed = BigSeed(args.courses, args.discussions, args.posts)
    t0 = time.perf_counter()
    sb = Sandbox.start(db_path=tmp / "site.sqlite", seed=seed)
    print(f"seeded {seed} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    try:
        token = sb.token_for(MODERATOR)
        user_id = _client(sb.url, token).site_info().user_id
        db_path = tmp / "account.sqlite"
        child = subprocess.run(
            [sys.executable, __file__, "--child", sb.url, token, str(user_id), str(db_path)],
            check=True,
            capture_output=True,
            text=True,
        )
        first = json.loads(child.stdout.strip().splitlines()[-1])

        db = Database.open(db_path)
        with db.session() as s:
            forum_sizes = [
                n
                for (n,) in s.execute(
                    select(func.count()).select_from(m.Discussion).group_by(m.Discussion.forum_id)
                )
            ]
            courses = s.execute(select(func.count()).select_from(m.Course)).scalar_one()
        # courses + forums + participants per course + one page per 100 per forum
        minimum = 2 + courses + sum(math.ceil(n / 100) for n in forum_sizes)
        forums = len(forum_sizes)

        engine = SyncEngine(db, _client(sb.url, token), account_user_id=user_id)
        no_change = engine.run()

        # 100 new learner posts in existing discussions.
        learner = next(
            r["id"] for r in sb.state.rows("SELECT id FROM users WHERE username != ?", (MODERATOR,))
        )
        discussions = sb.state.rows("SELECT id FROM discussions ORDER BY id LIMIT 100")
        for row in discussions:
            first_post = sb.state.posts_in(row["id"])[0]
            sb.state.add_post(row["id"], learner, "<p>nieuw</p>", parent=first_post["id"])
        after_new = engine.run()
        db.close()
    finally:
        sb.stop()

    rows = [
        ("first sync: time until queue ready", f"{first['queue_ready_s']:.1f} s", "-"),
        ("first sync: time until all posts in", f"{first['all_posts_s']:.1f} s", "-"),
        ("first sync: posts stored", f"{first['posts']}", f"{args.posts}"),
        ("first sync: requests (all)", f"{first['requests']}", "-"),
        (
            "first sync: requests until queue ready",
            f"{first['list_requests']} ({first['list_requests'] / minimum:.2f}x of {minimum})",
            "<= 1.1x minimum",
        ),
        ("no-change sync: requests", f"{no_change.requests}", f"<= {forums} + fixed (2)"),
        ("after 100 new posts: requests", f"{after_new.requests}", "~ touched discussions"),
        ("first sync: peak memory", f"{first['peak_mb']:.0f} MB", "< 300 MB"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'figure':{width}}  {'measured':>28}  goal")
    for name, value, goal in rows:
        print(f"{name:{width}}  {value:>28}  {goal}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
