"""Ingest speed: parsed posts upserted into a fresh store, one transaction per page.

Run: .venv/bin/python benchmarks/bench_ingest.py [--posts 100000]
Prints posts/s beside the goal, and plain sqlite3 executemany on the same rows for scale.
"""

from __future__ import annotations

import argparse
import sqlite3
import tempfile
import time
from pathlib import Path

from moderator_app.platform import types as pt
from moderator_app.store.db import Database
from moderator_app.store.upsert import (
    replace_participants,
    upsert_courses,
    upsert_discussions,
    upsert_forums,
    upsert_posts,
)
from moderator_app.store.waiting import refresh_waiting

GOAL_POSTS_PER_S = 50_000
PAGE = 100
POSTS_PER_DISCUSSION = 10
FORUMS = 20
MESSAGE = "<p>" + "Een bijdrage aan de discussie over de casus van deze week. " * 6 + "</p>"


def build_pages(total_posts: int) -> tuple[list[list[pt.Discussion]], list[list[pt.Post]]]:
    """Discussion-list pages and post pages, as the platform layer would return them."""
    n_discussions = total_posts // POSTS_PER_DISCUSSION
    discussions = [
        pt.Discussion(
            id=d,
            forum_id=1 + d % FORUMS,
            first_post_id=d * POSTS_PER_DISCUSSION,
            name=f"Vraag {d}",
            subject=f"Vraag {d}",
            message=MESSAGE,
            author_id=100 + d % 500,
            author_fullname=f"Leerling {d % 500}",
            created=1_700_000_000 + d,
            time_modified=1_700_000_000 + d + 900,
            last_post_user_id=100 + (d + 3) % 500,
            last_post_user_fullname="Leerling",
            num_replies=POSTS_PER_DISCUSSION - 1,
        )
        for d in range(1, n_discussions + 1)
    ]
    posts = [
        pt.Post(
            id=d * POSTS_PER_DISCUSSION + k,
            discussion_id=d,
            parent_id=None if k == 0 else d * POSTS_PER_DISCUSSION,
            subject=f"Re: Vraag {d}",
            message=MESSAGE,
            author_id=100 + (d + k) % 500,
            author_fullname=f"Leerling {(d + k) % 500}",
            time_created=1_700_000_000 + d + k * 100,
            time_modified=1_700_000_000 + d + k * 100,
        )
        for d in range(1, n_discussions + 1)
        for k in range(POSTS_PER_DISCUSSION)
    ]
    paged_d = [discussions[i : i + PAGE] for i in range(0, len(discussions), PAGE)]
    paged_p = [posts[i : i + PAGE] for i in range(0, len(posts), PAGE)]
    return paged_d, paged_p


def seed_base(db: Database) -> None:
    with db.session() as s:
        upsert_courses(s, [pt.Course(1, "c1", "Cursus")])
        replace_participants(
            s,
            1,
            [pt.Participant(u, 1, f"Leerling {u}", roles=("student",)) for u in range(100, 600)]
            + [pt.Participant(3, 1, "Docent", roles=("editingteacher",))],
        )
        upsert_forums(s, [pt.Forum(f, 1, 1000 + f, f"Forum {f}", "general") for f in range(1, 21)])


def bench_store(
    folder: Path, d_pages: list[list[pt.Discussion]], p_pages: list[list[pt.Post]]
) -> tuple[float, float, float]:
    db = Database.open(folder / "bench.sqlite")
    seed_base(db)
    start = time.perf_counter()
    for d_page in d_pages:
        with db.session() as s:
            upsert_discussions(s, 1, d_page)
            refresh_waiting(s, [d.id for d in d_page])
    discussions_s = time.perf_counter() - start
    start = time.perf_counter()
    for page in p_pages:
        with db.session() as s:
            upsert_posts(s, page)
    posts_s = time.perf_counter() - start
    start = time.perf_counter()
    with db.session() as s:
        refresh_waiting(s)
    refresh_s = time.perf_counter() - start
    db.close()
    return discussions_s, posts_s, refresh_s


def bench_plain_sqlite(folder: Path, p_pages: list[list[pt.Post]]) -> float:
    """The floor: the same rows through sqlite3 executemany, no upsert, no SQLAlchemy."""
    connection = sqlite3.connect(folder / "plain.sqlite", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = NORMAL")
    connection.execute(
        "CREATE TABLE post (id INTEGER PRIMARY KEY, discussion_id INTEGER, parent_id INTEGER,"
        " subject TEXT, message TEXT, author_id INTEGER, author_fullname TEXT,"
        " time_created INTEGER, time_modified INTEGER, is_deleted INTEGER,"
        " is_private_reply INTEGER, has_attachments INTEGER)"
    )
    connection.execute("CREATE INDEX ix_post_discussion_id ON post (discussion_id)")
    start = time.perf_counter()
    for page in p_pages:
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO post VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.id,
                    p.discussion_id,
                    p.parent_id,
                    p.subject,
                    p.message,
                    p.author_id,
                    p.author_fullname,
                    p.time_created,
                    p.time_modified,
                    p.is_deleted,
                    p.is_private_reply,
                    p.has_attachments,
                )
                for p in page
            ],
        )
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=100_000)
    args = parser.parse_args()
    d_pages, p_pages = build_pages(args.posts)
    n_posts = sum(len(p) for p in p_pages)
    n_discussions = sum(len(d) for d in d_pages)
    with tempfile.TemporaryDirectory() as tmp:
        discussions_s, posts_s, refresh_s = bench_store(Path(tmp), d_pages, p_pages)
        plain_s = bench_plain_sqlite(Path(tmp), p_pages)
    rate = n_posts / posts_s
    verdict = "OK" if rate >= GOAL_POSTS_PER_S else "MISSED"
    print(f"{n_posts:,} posts in {len(p_pages):,} pages of {PAGE}, one transaction per page")
    _row("measure", "figure", "goal")
    _row("posts upserted (store.upsert_posts)", f"{rate:,.0f} /s", ">= 50,000 /s", verdict)
    _row("posts inserted, plain sqlite3 (baseline)", f"{n_posts / plain_s:,.0f} /s", "(scale)")
    _row("discussions + refresh_waiting per page", f"{n_discussions / discussions_s:,.0f} /s", "")
    _row("refresh_waiting over all discussions", f"{refresh_s * 1000:,.0f} ms", "")


def _row(measure: str, figure: str, goal: str, verdict: str = "") -> None:
    print(f"{measure:<44}{figure:>16}{goal:>16}  {verdict}")


if __name__ == "__main__":
    main()
