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
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import AuthError, NotFound, PlatformError
from moderator_app.store.db import (
    Database,
    DataInUse,
    SchemaTooNew,
    StoreCorrupt,
    StoreError,
    StoreNotWritable,
)
from moderator_app.sync.report import Progress, SyncReport

if TYPE_CHECKING:
    from moderator_app.services.participation import PeerAnswerWeek

TOKEN_ENV = "MODERATOR_DESK_TOKEN"
SITE_ENV = "MODERATOR_DESK_SITE"  # which account, when there are several

EXIT_OK = 0
EXIT_FAILED = 1  # the sync ran but something failed (a forum, offline, cancelled)
EXIT_USAGE = 2  # not signed in, bad input, the site refused
EXIT_BUSY = 3  # the app (or another command) works on this account; it was not waited out
EXIT_STORE = 4  # the local database cannot be used (damaged, newer, not writable)

# Commands that write (sync, login, reply) wait this long for the account's data lock.
LOCK_WAIT_ENV = "MODERATOR_DESK_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 30.0


LEARNER_WARNING = (
    "Note: this account is not a teacher, non-editing teacher or manager in any of its "
    "{courses} courses. The app will show the forums as a learner sees them: other "
    "learners' posts will count as waiting, private replies and other groups stay "
    "hidden, and locking, pinning and deleting will be refused. If you moderate, sign "
    "in with your teacher account."
)


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _read_password(stdin: TextIO) -> str:
    if stdin.isatty():
        return getpass.getpass("Password: ")
    return stdin.readline().rstrip("\r\n")


def run_login(args: argparse.Namespace) -> int:
    from moderator_app.services import accounts
    from moderator_app.store.upsert import save_account

    if getattr(args, "browser", False) or getattr(args, "qr", None):
        from moderator_app.headless_sso import sign_in_without_password

        result = sign_in_without_password(args)
        if result is None:
            return EXIT_USAGE
    else:
        if not args.username:
            _err("Give --username (or sign in with --browser or --qr).")
            return EXIT_USAGE
        password = _read_password(sys.stdin)
        if not password:
            _err("No password given.")
            return EXIT_USAGE
        try:
            result = accounts.sign_in(args.site, args.username, password)
        except PlatformError as exc:
            _err(f"Sign-in failed: {exc.message}")
            suggested = getattr(exc, "suggested_site", "")
            if suggested:
                _err(f"Run again with --site {suggested} to use that address.")
            return EXIT_USAGE
        finally:
            password = ""
    db = _open_database(accounts.db_path(result.ref), writer=True)
    try:
        with db.session() as s:
            save_account(s, result.site_info, int(time.time()))
    finally:
        db.close()
    info = result.site_info
    print(f"Signed in to {info.site_name} as {info.username} (user {info.user_id}).")
    if not result.token_persistent:
        print("No keyring is available: the token is kept for this session only.")
    if result.staff_somewhere is False:
        _err(LEARNER_WARNING.format(courses=result.courses))
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


def _lock_wait(wait: float | None) -> float:
    if wait is not None:
        return wait
    try:
        return float(os.environ.get(LOCK_WAIT_ENV, DEFAULT_LOCK_WAIT))
    except ValueError:
        return DEFAULT_LOCK_WAIT


def _open_database(
    path: Path, *, writer: bool, lock_wait: float | None = None, fresh: bool = False
) -> Database:
    """Writers hold the account's lock until close, waiting a bounded time for it.

    Readers (queue, outbox) read beside a running app without the lock: SQLite's WAL
    lets them see the last commit while the app writes, and they change nothing. Only
    when the file needs a migration do they take the lock, since only its holder may
    migrate. `fresh`: a damaged or newer file is kept aside and a fresh one started.
    """
    if not writer:
        return Database.open_current(path) or Database.open(path, lock_wait=0)
    wait = _lock_wait(lock_wait)
    try:
        try:
            return Database.open(path, lock_wait=0)
        except DataInUse as busy:
            if wait <= 0:
                raise
            who = f" (process {busy.holder_pid})" if busy.holder_pid else ""
            _err(f"Moderator Desk is open for this account{who}; waiting up to {wait:g} s…")
            return Database.open(path, lock_wait=wait)
    except (StoreCorrupt, SchemaTooNew) as exc:
        if not fresh:
            raise
        reason = "newer" if isinstance(exc, SchemaTooNew) else "corrupt"
        db = Database.open(path, lock_wait=wait, start_fresh=reason)
        _err(f"The old database is kept as {db.set_aside_as}; a fresh one was started.")
        return db


def _store_advice(exc: StoreError) -> str:
    """What is wrong with the local database and what to do, for the terminal."""
    path = exc.path or Path("the database")
    fresh = (
        f"To keep it aside (as {path.name}.{{reason}}-DATE) and start a fresh one, run "
        "`moderator-app sync --fresh-database` (with the same --data-dir, if you gave one); "
        "drafts, the outbox and consent records not yet on the site stay in the kept file."
    )
    if isinstance(exc, DataInUse):
        who = f" (process {exc.holder_pid})" if exc.holder_pid else ""
        return (
            f"Moderator Desk is already open for this account{who}; "
            "close it or wait for its sync to end."
        )
    if isinstance(exc, SchemaTooNew):
        return (
            f"The database {path} was written by a newer version of Moderator Desk; "
            "it is left as it is. Update Moderator Desk to open it. " + fresh.format(reason="newer")
        )
    if isinstance(exc, StoreCorrupt):
        return (
            f"The database {path} cannot be read: it is damaged or is not a Moderator "
            "Desk database. It is left as it is. " + fresh.format(reason="corrupt")
        )
    if isinstance(exc, StoreNotWritable):
        return (
            f"Moderator Desk cannot write its database {path}: {exc} Check the folder's "
            "permissions and free space, or keep the data elsewhere with --data-dir."
        )
    return f"The database {path} cannot be used: {exc}"


def run_command(name: str, args: argparse.Namespace) -> int:
    """Run `run_<name>`; a local database that cannot be used ends it in words."""
    try:
        return int(globals()[f"run_{name}"](args))
    except StoreError as exc:
        _err(_store_advice(exc))
        return EXIT_BUSY if isinstance(exc, DataInUse) else EXIT_STORE


def _open(
    with_platform: bool, *, lock_wait: float | None = None, fresh: bool = False
) -> tuple[Database, Callable[[], Platform] | None, int, str]:
    """The most recently used account's database, and a way to make clients when asked.

    With a platform (commands that sync or send) the account's lock is held until the
    database is closed; see _open_database.
    """
    from moderator_app.services import accounts

    info = _pick_account()
    db = _open_database(
        accounts.db_path(info.ref), writer=with_platform, lock_wait=lock_wait, fresh=fresh
    )
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


def skipped_lines(report: SyncReport) -> list[str]:
    """One line per forum (or 'Outside forums') with records the store could not hold."""
    by_place: dict[int | None, list[str]] = {}
    for record in report.skipped:
        by_place.setdefault(record.forum_id, []).append(
            f"{record.kind} {record.record_id} ({record.reason})"
        )
    return [
        f"{'Forum ' + str(place) if place is not None else 'Outside forums'}: skipped, "
        f"could not be stored: {', '.join(items)}."
        for place, items in by_place.items()
    ]


def run_sync(args: argparse.Namespace) -> int:
    from moderator_app.services.consent_sync import after_sync
    from moderator_app.sync import SyncEngine

    try:
        db, factory, user_id, username = _open(
            with_platform=True,
            lock_wait=getattr(args, "wait", None),
            fresh=bool(getattr(args, "fresh_database", False)),
        )
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
            after_pull=after_sync(username),  # site policy withdrawals retract copies
        )
        report = engine.run()
    finally:
        db.close()
    print(_summary(report))
    for failure in report.failures:
        _err(f"Forum {failure.forum_id} failed: {failure.error.message}")
    if report.polls_error is not None:
        _err(f"Polls were not updated: {report.polls_error.message}")
    for line in skipped_lines(report):
        _err(line)
    if report.maintenance:
        _err("The site is in maintenance mode; try again later. The outbox is kept.")
    elif report.offline:
        _err("The site could not be reached; the outbox is kept for the next sync.")
    elif report.error is not None:
        _err(f"Sync stopped: {report.error.message}")
        if report.site_policy is not None:
            _err(_policy_advice(report.site_policy))
        return EXIT_USAGE if isinstance(report.error, AuthError) else EXIT_FAILED
    if report.interrupted:
        _err("Sync interrupted.")
    return EXIT_OK if report.ok else EXIT_FAILED


def run_thread(args: argparse.Namespace) -> int:
    """One discussion as the app holds it, read from the site first when it can be."""
    from moderator_app.platform.errors import NotFound
    from moderator_app.services.threads import as_text, load_stored_thread
    from moderator_app.sync import SyncEngine

    try:
        db, factory, user_id, _ = _open(with_platform=True)
    except PlatformError as exc:
        _err(exc.message)
        return EXIT_USAGE
    assert factory is not None
    from_site = False
    try:
        try:
            SyncEngine(db, factory(), account_user_id=user_id).fetch_thread(args.discussion)
            from_site = True
        except NotFound:
            _err(f"Discussion {args.discussion} is not on the site (any more).")
            return EXIT_FAILED
        except PlatformError as exc:  # offline, signed out: the stored copy still helps
            _err(f"Could not read the site ({exc.message}): this is the copy stored here.")
        thread = load_stored_thread(db, args.discussion)
    finally:
        db.close()
    if thread is None:
        _err(f"Discussion {args.discussion} is not stored here: sync first.")
        return EXIT_USAGE
    if getattr(args, "json", False):
        print(json.dumps({**asdict(thread), "from_site": from_site}, ensure_ascii=False, indent=1))
        return EXIT_OK
    state = "locked" if thread.locked else "waiting" if thread.is_waiting else "answered"
    print(f"{thread.course_name} / {thread.forum_name}: {thread.subject} ({state})")
    for post in thread.posts:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(post.time_modified or 0))
        print(f"\n#{post.id} {post.author_fullname}, {when}: {post.subject}")
        print("[deleted]" if post.is_deleted else as_text(post.message_html))
    return EXIT_OK


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


def run_participation(args: argparse.Namespace) -> int:
    """Learners' figures as the last sync left them: ids, counts and states, no names or text."""
    from moderator_app import settings
    from moderator_app.services import participation

    try:
        db, _, user_id, _ = _open(with_platform=False)
    except PlatformError as exc:
        _err(exc.message)
        return EXIT_USAGE
    chosen = settings.load()
    thresholds = participation.Thresholds(
        active_days=chosen.participation_active_days,
        absent_days=chosen.participation_absent_days,
    )
    if getattr(args, "peer_answers", False):
        try:
            with db.session() as s:
                weeks = participation.peer_answers(s, user_id, course_id=args.course)
        finally:
            db.close()
        return _print_peer_answers(weeks, as_json=getattr(args, "json", False))
    try:
        with db.session() as s:
            rows = participation.learners(
                s, user_id, now=int(time.time()), thresholds=thresholds, course_id=args.course
            )
    finally:
        db.close()
    if getattr(args, "json", False):
        print(json.dumps(participation.as_json_rows(rows), indent=1))
        return EXIT_OK
    print(f"{len(rows)} learners in courses where you teach")
    print(
        f"{'course':>7} {'user':>7} {'state':10} {'started':>7} {'replies':>7} {'to peers':>8}"
        f"  {'last post':16}  {'last visit':16}"
    )
    for r in rows:
        print(
            f"{r.course_id:>7} {r.user_id:>7} {r.state:10} {r.discussions_started:>7}"
            f" {r.replies:>7} {r.replies_to_learners:>8}  {_when(r.last_post_at):16}"
            f"  {_when(r.last_course_access):16}"
        )
    return EXIT_OK


def _print_peer_answers(weeks: list[PeerAnswerWeek], *, as_json: bool) -> int:
    if as_json:
        rows = [{**asdict(w), "peer_answer_rate": w.peer_answer_rate} for w in weeks]
        print(json.dumps(rows, indent=1))
        return EXIT_OK
    print(
        f"{'forum':>7}  {'week of':10} {'questions':>9} {'peer':>5} {'staff':>5} {'none':>5}  rate"
    )
    for w in weeks:
        rate = f"{w.peer_answer_rate:.0%}" if w.peer_answer_rate is not None else "-"
        print(
            f"{w.forum_id:>7}  {time.strftime('%Y-%m-%d', time.gmtime(w.week_start)):10}"
            f" {w.questions:>9} {w.peer_first:>5} {w.staff_first:>5} {w.unanswered:>5}  {rate}"
        )
    return EXIT_OK


def _when(at: int | None) -> str:
    if at is None:
        return "hidden"
    if at == 0:
        return "never"
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(at))


def _read_message(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    return Path(name).read_text(encoding="utf-8")


def run_reply(args: argparse.Namespace) -> int:
    """Queue a reply as the reply box does; the next `moderator-app sync` sends it.

    It only writes the outbox (no request), so it needs no lock and may run beside
    the open app, whose next sync sends it: the outbox keeps any two senders apart.
    """
    from moderator_app.services.outbox import OutboxService

    try:
        text = _read_message(args.message_file)
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not UTF-8 text"
        _err(f"Cannot read the message file {args.message_file}: {why}.")
        return EXIT_USAGE
    if not text.strip():
        _err("The message is empty: nothing was queued.")
        return EXIT_USAGE
    try:
        db, _, _, username = _open(with_platform=False)
    except PlatformError as exc:
        _err(exc.message)
        return EXIT_USAGE
    try:
        item = OutboxService(db, username).reply(
            args.discussion, args.post, text, private=args.private
        )
    except NotFound as exc:
        _err(f"Not queued: {exc.message}. If it is new on the site, run `moderator-app sync`.")
        return EXIT_USAGE
    except PlatformError as exc:
        _err(f"Not queued: {exc.message}.")
        return EXIT_USAGE
    finally:
        db.close()
    print(f"Reply queued (outbox item {item}); the next `moderator-app sync` sends it.")
    return EXIT_OK
