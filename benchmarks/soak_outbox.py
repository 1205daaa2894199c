"""Soak the outbox's 'never a double post' rule (issue 18). Run on demand:

    .venv/bin/python benchmarks/soak_outbox.py [--minutes 4] [--replies 6] [--latency 0.3]

Four ways two senders overlap, round after round against the sandbox (the demo seed)
until the time is up:

- two-processes: two `moderator-app sync` processes on one database, both with the
  same queued replies and a slow reply handler. The second opens the database
  through another data folder (a symlink), past the one-process lock, so only the
  outbox keeps them apart.
- window+sync: the window's send (an engine's push) and a sync's run on two threads
  of this process, at once.
- two-quick-replies: two replies queued one right after the other to a slow site,
  each pushed by its own thread, as two quick sends from the reply box are.
- kill+restart: a sync killed (SIGKILL) while the site holds its reply, started again
  at once; then the held request lands after all.

Each round ends with a settle pass: the claims of items still `sending` are moved
back by SEND_SETTLE_SECONDS (standing in for the clock) and one push runs, so an
item counts as lost only if it never arrives. Then every queued reply is looked for
on the site: lost = not there, doubled = there more than once.

Prints rounds, replies, lost and doubled per case; exits 1 if any is lost or doubled.
The token reaches the sync processes only through MODERATOR_DESK_TOKEN; the keyring
is an in-memory one for this run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.backend
from sqlalchemy import select, update

from moderator_app import paths
from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Fault, Sandbox
from moderator_app.services import accounts
from moderator_app.services.outbox import OutboxService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import SyncEngine
from moderator_app.sync import outbox_plan as op

FN_REPLY = "mod_forum_add_discussion_post"


class _MemoryKeyring(keyring.backend.KeyringBackend):
    """Keeps the sandbox token out of the machine's keyring."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@dataclass
class Tally:
    rounds: int = 0
    replies: int = 0
    lost: int = 0
    doubled: int = 0
    notes: int = 0  # a process that did not end as expected (counted, not fatal)


@dataclass(frozen=True)
class Queued:
    discussion_id: int
    text: str


class Soak:
    def __init__(self, workdir: Path, latency: float, replies: int) -> None:
        self.latency = latency
        self.replies = replies
        self.data_dir = workdir / "data"
        paths.set_data_dir(self.data_dir)
        self.sb = Sandbox.start(db_path=workdir / "site.sqlite")
        result = accounts.sign_in(self.sb.url, MODERATOR, DEMO_PASSWORD)
        self.db = Database.open(accounts.db_path(result.ref))
        self.token = self.sb.token_for(MODERATOR)
        self.user_id = result.site_info.user_id
        assert self.engine().run().ok, "the first sync failed"
        with self.db.session() as s:
            rows = s.execute(
                select(m.Discussion.id, m.Discussion.first_post_id).where(m.Discussion.is_waiting)
            ).all()
        self.targets = [(int(d), int(p)) for d, p in rows]
        assert self.targets, "the demo has no waiting discussions"
        self.other_dir = self._same_database_elsewhere(workdir / "data-2")
        self.count = 0

    def close(self) -> None:
        self.db.close()
        self.sb.stop()

    # -- helpers -------------------------------------------------------------

    def engine(self) -> SyncEngine:
        client = MoodleClient(self.sb.url, self.token)
        return SyncEngine(self.db, client, account_user_id=self.user_id)

    def _same_database_elsewhere(self, other: Path) -> Path:
        skip = shutil.ignore_patterns("*.sqlite", "*.sqlite-*", "*.lock", "*.bak-*", "*.log*")
        shutil.copytree(self.data_dir, other, ignore=skip)
        for database in self.data_dir.rglob("*.sqlite"):
            (other / database.relative_to(self.data_dir)).symlink_to(database)
        return other

    def sync_process(self, data_dir: Path) -> subprocess.Popen[bytes]:
        env = {**os.environ, "MODERATOR_DESK_TOKEN": self.token, "MODERATOR_DESK_LOCK_WAIT": "0"}
        return subprocess.Popen(
            [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def queue(self, case: str, n: int) -> list[Queued]:
        box = OutboxService(self.db, MODERATOR)
        out = []
        for _ in range(n):
            did, first = self.targets[self.count % len(self.targets)]
            self.count += 1
            text = f"Soak {case} {self.count} {uuid.uuid4().hex[:10]}"
            box.reply(did, first, text)
            out.append(Queued(did, text))
        return out

    def slow(self) -> None:
        self.sb.faults.set(FN_REPLY, Fault.latency(self.latency))

    def on_site(self, q: Queued) -> int:
        posts = self.sb.state.posts_in(q.discussion_id)
        return sum(1 for p in posts if p["userid"] == self.user_id and q.text in p["message"])

    def settle(self) -> None:
        """As if the settle time had passed: one push finds or sends what is left."""
        self.sb.faults.clear()
        with self.db.session() as s:
            s.execute(
                update(m.OutboxItem)
                .where(m.OutboxItem.state == op.SENDING)
                .values(updated_at=m.OutboxItem.updated_at - SEND_SETTLE_SECONDS)
            )
            s.execute(
                update(m.OutboxItem)
                .where(m.OutboxItem.state == op.FAILED_RETRYABLE)
                .values(not_before=0)
            )
        self.engine().push()

    def score(self, tally: Tally, queued: list[Queued]) -> None:
        self.settle()
        tally.rounds += 1
        tally.replies += len(queued)
        for q in queued:
            n = self.on_site(q)
            tally.lost += n == 0
            tally.doubled += max(0, n - 1)

    # -- the four cases --------------------------------------------------------

    def two_processes(self, tally: Tally) -> None:
        queued = self.queue("two-processes", self.replies)
        self.slow()
        procs = [self.sync_process(self.data_dir), self.sync_process(self.other_dir)]
        codes = [p.wait(timeout=600) for p in procs]
        tally.notes += sum(1 for c in codes if c != 0)
        self.score(tally, queued)

    def window_and_sync(self, tally: Tally) -> None:
        queued = self.queue("window+sync", self.replies)
        self.slow()
        _both(self.engine().run, self.engine().push)
        self.score(tally, queued)

    def two_quick_replies(self, tally: Tally) -> None:
        self.slow()
        queued: list[Queued] = []

        def send() -> None:
            queued.extend(self.queue("two-quick", 1))
            self.engine().push()

        _both(send, send)
        self.score(tally, queued)

    def kill_and_restart(self, tally: Tally) -> None:
        queued = self.queue("kill+restart", 1)
        before = self.sb.requests[FN_REPLY]
        hold = self.sb.faults.hold(FN_REPLY)
        proc = self.sync_process(self.data_dir)
        try:
            if not hold.wait_reached(timeout=120):
                tally.notes += 1
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=60)
            again = self.sync_process(self.data_dir)  # at once, the old request still held
            tally.notes += again.wait(timeout=600) != 0
        finally:
            if proc.poll() is None:
                proc.kill()
            hold.release()
            self.sb.faults.clear()
        # The site finishes the held request (and any resend): wait until every reply
        # request made has landed, as the settle time would.
        sent = self.sb.requests[FN_REPLY] - before
        deadline = time.monotonic() + 30
        pause = threading.Event()
        while self.on_site(queued[0]) < sent and time.monotonic() < deadline:
            pause.wait(0.05)
        self.score(tally, queued)


def _both(first: Callable[[], object], second: Callable[[], object]) -> None:
    threads = [threading.Thread(target=work, daemon=True) for work in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(600)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=4.0, help="how long to go on (all cases)")
    parser.add_argument("--replies", type=int, default=6, help="replies queued per round")
    parser.add_argument("--latency", type=float, default=0.3, help="seconds per reply request")
    args = parser.parse_args(argv)

    keyring.set_keyring(_MemoryKeyring())
    workdir = Path(tempfile.mkdtemp(prefix="md-soak-"))
    soak = Soak(workdir, args.latency, args.replies)
    cases: dict[str, Callable[[Tally], None]] = {
        "two-processes": soak.two_processes,
        "window+sync": soak.window_and_sync,
        "two-quick-replies": soak.two_quick_replies,
        "kill+restart": soak.kill_and_restart,
    }
    tallies = {name: Tally() for name in cases}
    deadline = time.monotonic() + args.minutes * 60
    try:
        while time.monotonic() < deadline:
            for name, case in cases.items():
                case(tallies[name])
                t = tallies[name]
                print(f"{name:18} round {t.rounds}: lost {t.lost}, doubled {t.doubled}", flush=True)
    finally:
        soak.close()
        paths.set_data_dir(None)
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print(f"{'case':18} {'rounds':>6} {'replies':>7} {'lost':>5} {'doubled':>7} {'notes':>5}")
    for name, t in tallies.items():
        print(f"{name:18} {t.rounds:6} {t.replies:7} {t.lost:5} {t.doubled:7} {t.notes:5}")
    bad = sum(t.lost + t.doubled for t in tallies.values())
    print("PASS: every reply on the site exactly once" if not bad else "FAIL")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
