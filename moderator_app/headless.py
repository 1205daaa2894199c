"""The headless commands: login, sync, queue, outbox (no Qt is imported here).

Also how an admin checks a site before handing the app to moderators. The token
comes from the keyring (saved by `login`). For tests and admin scripts only, the
environment variable MODERATOR_DESK_TOKEN may carry a token instead: it is read
here, never written anywhere.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from typing import Any, TextIO

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import AuthError, PlatformError
from moderator_app.store.db import Database
from moderator_app.sync.report import Progress, SyncReport

TOKEN_ENV = "MODERATOR_DESK_TOKEN"
SITE_ENV = "MODERATOR_DESK_SITE"  # which account, when there are several

EXIT_OK = 0
EXIT_FAILED = 1  # the sync ran but something failed (a forum, offline, cancelled)
EXIT_USAGE = 2  # not signed in, bad input, the site refused


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _read_password(stdin: TextIO) -> str:
    if stdin.isatty():
        return getpass.getpass("Password: ")
    return stdin.readline().rstrip("\r\n")


def run_login(args: argparse.Namespace) -> int:
    from moderator_app.services import accounts
    from moderator_app.store.upsert import save_account

    password = _read_password(sys.stdin)
    if not password:
        _err("No password given.")
        return EXIT_USAGE
    try:
        result = accounts.sign_in(args.site, args.username, password)
    except PlatformError as exc:
        _err(f"Sign-in failed: {exc.message}")
        return EXIT_USAGE
    finally:
        password = ""
    db = Database.open(accounts.db_path(result.ref))
    try:
        with db.session() as s:
            save_account(s, result.site_info, int(time.time()))
    finally:
        db.close()
    info = result.site_info
    print(f"Signed in to {info.site_name} as {info.username} (user {info.user_id}).")
    if not result.token_persistent:
        print("No keyring is available: the token is kept for this session only.")
    return EXIT_OK


def _pick_account() -> Any:
    from moderator_app.services import accounts

    known = accounts.list_accounts()
    wanted = os.environ.get(SITE_ENV)
    if wanted:
        known = [a for a in known if a.ref.site_url.rstrip("/") == wanted.rstrip("/")]
    if not known:
        raise AuthError("No account here yet: run `moderator-app login --site URL --username U`.")
    return max(known, key=lambda a: a.last_used)


def _open(with_platform: bool) -> tuple[Database, Callable[[], Platform] | None, int, str]:
    """The most recently used account's database, and a way to make clients when asked."""
    from moderator_app.services import accounts

    info = _pick_account()
    db = Database.open(accounts.db_path(info.ref))
    factory: Callable[[], Platform] | None = None
    if with_platform:
        token = os.environ.get(TOKEN_ENV)
        if token:
            from moderator_app.platform.moodle import MoodleClient

            def factory() -> Platform:
                return MoodleClient(info.ref.site_url, token)
        else:

            def factory() -> Platform:
                return accounts.client_for(info.ref)

    return db, factory, int(info.user_id), str(info.ref.username)


class _ProgressPrinter:
    """One line per phase and about every tenth of it, on stderr."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.phase = ""
        self.step = 0

    def __call__(self, p: Progress) -> None:
        step = (10 * p.done) // p.total if p.total else 10
        if p.phase != self.phase or step != self.step:
            self.phase, self.step = p.phase, step
            print(f"{p.phase}: {p.done}/{p.total}", file=self.out, flush=True)


def _summary(report: SyncReport) -> str:
    parts = [
        f"{report.courses} courses",
        f"{report.forums} forums",
        f"{report.discussions_stored} discussions stored",
        f"{report.posts_stored} posts stored",
        f"{report.polls} polls",
        f"{report.outbox_sent + report.outbox_confirmed} outbox items sent",
        f"{report.requests} requests",
    ]
    return "Sync: " + ", ".join(parts) + "."


def _policy_advice(policy: Any) -> str:
    read = f"Read it at {policy.view_url}\n" if policy.view_url else ""
    return f"{read}Accept it at {policy.accept_url} (or in the app), then sync again."


def run_sync(args: argparse.Namespace) -> int:
    from moderator_app.sync import SyncEngine

    try:
        db, factory, user_id, _ = _open(with_platform=True)
    except PlatformError as exc:
        _err(exc.message)
        return EXIT_USAGE
    assert factory is not None
    try:
        platform = factory()
    except PlatformError as exc:
        db.close()
        _err(exc.message)
        return EXIT_USAGE
    try:
        engine = SyncEngine(
            db,
            platform,
            account_user_id=user_id,
            progress=_ProgressPrinter(sys.stderr),
            platform_factory=factory,
        )
        report = engine.run()
    finally:
        db.close()
    print(_summary(report))
    for failure in report.failures:
        _err(f"Forum {failure.forum_id} failed: {failure.error.message}")
    if report.polls_error is not None:
        _err(f"Polls were not updated: {report.polls_error.message}")
    if report.offline:
        _err("The site could not be reached; the outbox is kept for the next sync.")
    elif report.error is not None:
        _err(f"Sync stopped: {report.error.message}")
        if report.site_policy is not None:
            _err(_policy_advice(report.site_policy))
        return EXIT_USAGE if isinstance(report.error, AuthError) else EXIT_FAILED
    if report.interrupted:
        _err("Sync interrupted.")
    return EXIT_OK if report.ok else EXIT_FAILED


def run_queue(args: argparse.Namespace) -> int:
    from moderator_app.services.outbox import pending_reply_discussions
    from moderator_app.services.queue import QueueFilter, QueueService

    try:
        db, _, _, _ = _open(with_platform=False)
    except PlatformError as exc:
        _err(exc.message)
        return EXIT_USAGE
    try:
        service = QueueService(db)
        total = service.count(QueueFilter())
        items = service.page(QueueFilter(), limit=max(total, 1))
        with db.session() as s:
            pending = pending_reply_discussions(s)
    finally:
        db.close()
    if getattr(args, "json", False):
        rows = [{**asdict(i), "reply_pending": i.discussion_id in pending} for i in items]
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return EXIT_OK
    now = int(time.time())
    print(f"{len(items)} waiting (oldest first)")
    for i in items:
        hours = (now - i.waiting_since) / 3600 if i.waiting_since else 0.0
        flag = "  [reply pending]" if i.discussion_id in pending else ""
        print(f"{hours:7.1f} h  {i.course_name} / {i.forum_name}: {i.subject}{flag}")
    return EXIT_OK


def run_outbox(args: argparse.Namespace) -> int:
    from moderator_app.services.outbox import OutboxService

    try:
        db, _, _, username = _open(with_platform=False)
    except PlatformError as exc:
        _err(exc.message)
        return EXIT_USAGE
    try:
        entries = OutboxService(db, username).list()
    finally:
        db.close()
    if getattr(args, "json", False):
        print(json.dumps([asdict(e) for e in entries], ensure_ascii=False, indent=1))
        return EXIT_OK
    print(f"{len(entries)} in the outbox")
    for e in entries:
        why = f" ({e.reason or e.last_error_code}: {e.last_error})" if e.last_error else ""
        when = (
            f" not before {time.strftime('%Y-%m-%d %H:%M', time.localtime(e.not_before))}"
            if e.not_before > time.time()
            else ""
        )
        print(f"{e.state:24} {e.kind:10} {e.summary}{when}{why}")
    return EXIT_OK
