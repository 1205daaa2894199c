"""Kill a real `moderator-app sync` while the sandbox holds the reply: exactly once after.

The subprocess gets the token through MODERATOR_DESK_TOKEN (read only by headless.py)
and the account through --data-dir; nothing is written with the token in it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
from moderator_app.services import accounts
from moderator_app.services.outbox import OutboxService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import SyncEngine
from moderator_app.sync import outbox_plan as op
from tests.sync.conftest import age_claims

REPLY_FN = "mod_forum_add_discussion_post"


def _signed_in(sb: Sandbox) -> tuple[Database, str, int]:
    result = accounts.sign_in(sb.url, MODERATOR, DEMO_PASSWORD)
    db = Database.open(accounts.db_path(result.ref))
    token = sb.token_for(MODERATOR)
    report = SyncEngine(
        db, MoodleClient(sb.url, token), account_user_id=result.site_info.user_id
    ).run()
    assert report.ok, report
    return db, token, result.site_info.user_id


def _sync_process(data_dir: Path, token: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MODERATOR_DESK_TOKEN": token}
    return subprocess.Popen(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _replies(sb: Sandbox, discussion_id: int, user_id: int, text: str) -> int:
    return sum(
        1
        for p in sb.state.posts_in(discussion_id)
        if p["userid"] == user_id and text in p["message"]
    )


@pytest.mark.slow
@pytest.mark.parametrize("after_write", [True, False], ids=["applied", "not-applied"])
def test_killed_while_sending_reply_exists_exactly_once(
    demo_sandbox: Sandbox, data_dir: Path, after_write: bool
) -> None:
    db, token, user_id = _signed_in(demo_sandbox)
    with db.session() as s:
        waiting = s.execute(select(m.Discussion).where(m.Discussion.is_waiting)).scalars().first()
        assert waiting is not None
        did, first_post = waiting.id, waiting.first_post_id
    text = "Dank voor je vraag, hier komt het antwoord"
    item = OutboxService(db, MODERATOR).reply(did, first_post, text)

    fault = demo_sandbox.faults.hold(REPLY_FN, after_write=after_write)
    proc = _sync_process(data_dir, token)
    try:
        assert fault.wait_reached(timeout=60), "the sync never sent the reply"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        fault.release()
        demo_sandbox.faults.clear()
    assert _replies(demo_sandbox, did, user_id, text) == (1 if after_write else 0)
    with db.session() as s:
        row = s.get(m.OutboxItem, item)
        assert row is not None and row.state == op.SENDING  # nothing lost

    # Restart once the request can no longer land: a fresh process finishes the job.
    age_claims(db)
    proc = _sync_process(data_dir, token)
    assert proc.wait(timeout=120) == 0
    assert _replies(demo_sandbox, did, user_id, text) == 1
    with db.session() as s:
        row = s.get(m.OutboxItem, item)
        assert row is not None and row.state == op.DONE
        d = s.get(m.Discussion, did)
        assert d is not None and not d.is_waiting
    db.close()
