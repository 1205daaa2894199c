"""Big sandbox seed: how long 100,000 posts take to build (goal: well under a minute).

Run: .venv/bin/python benchmarks/bench_seed.py [--courses 10 --discussions 5000 --posts 100000]
Prints the build time beside the goal, then how fast the sandbox lists one forum page.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import requests

from moderator_app.sandbox import DEMO_PASSWORD, Sandbox, seed_big

GOAL_SECONDS = 60.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--courses", type=int, default=10)
    parser.add_argument("--discussions", type=int, default=5000)
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "big.sqlite"
        started = time.perf_counter()
        seed_big(db, args.courses, args.discussions, args.posts)
        took = time.perf_counter() - started
        verdict = "ok" if took < GOAL_SECONDS else "TOO SLOW"
        print(
            f"seed_big: {args.posts:,} posts in {args.discussions:,} discussions, "
            f"{args.courses} courses: {took:.1f} s (goal < {GOAL_SECONDS:.0f} s) {verdict}"
        )
        print(f"database size: {db.stat().st_size / 1e6:.1f} MB")

        with Sandbox.start(db, seed=None) as sb:
            token = requests.post(
                f"{sb.url}/login/token.php",
                timeout=30,
                data={
                    "username": "moderator",
                    "password": DEMO_PASSWORD,
                    "service": "moodle_mobile_app",
                },
            ).json()["token"]
            forum = sb.state.value("SELECT MIN(id) FROM forums")
            session = requests.Session()
            rounds = 20
            started = time.perf_counter()
            for _ in range(rounds):
                body = session.post(
                    f"{sb.url}/webservice/rest/server.php",
                    timeout=30,
                    data={
                        "wstoken": token,
                        "moodlewsrestformat": "json",
                        "wsfunction": "mod_forum_get_forum_discussions",
                        "forumid": forum,
                        "sortorder": 1,
                        "page": 0,
                        "perpage": 50,
                    },
                ).json()
                assert len(body["discussions"]) > 0
            per_call = (time.perf_counter() - started) / rounds * 1000
            print(
                f"one page of 50 discussions from the big site: {per_call:.0f} ms per call "
                "(goal < 200 ms)"
            )


if __name__ == "__main__":
    main()
