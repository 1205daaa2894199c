"""Publishing polls against the demo_sandbox: with and without the companion plugin, and a
publishing process killed mid-publish (exactly one poll afterwards)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
from moderator_app.services import accounts
from moderator_app.services.poll_results import PollResultsService
from moderator_app.services.poll_rules import PollData, PollOption
from moderator_app.services.polls import PluginMissing, PollService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import save_account
from moderator_app.sync import SyncEngine
from moderator_app.sync import outbox_plan as op
from tests.sync.conftest import age_claims

CREATE_FN = "local_moderatordesk_create_choice"


@pytest.fixture
def bare_sandbox(tmp_path: Path) -> Iterator[Sandbox]:
    sb = Sandbox.start(db_path=tmp_path / "bare.sqlite", plugin=False)
    yield sb
    sb.stop()


class Account:
    def __init__(self, sb: Sandbox) -> None:
        result = accounts.sign_in(sb.url, MODERATOR, DEMO_PASSWORD)
        self.db = Database.open(accounts.db_path(result.ref))
        self.token = sb.token_for(MODERATOR)
        self.client = MoodleClient(sb.url, self.token)
        self.user_id = result.site_info.user_id
        with self.db.session() as s:
            save_account(s, self.client.site_info(), int(time.time()))
        report = self.engine().pull_lists()
        assert report.ok, report
        with self.db.session() as s:
            found = s.scalar(select(m.Course.id).where(m.Course.shortname == "COMM-2026"))
        assert found is not None
        self.course_id: int = found
        self.polls = PollService(self.db)

    def engine(self) -> SyncEngine:
        return SyncEngine(self.db, self.client, account_user_id=self.user_id)

    def draft(self, question: str) -> str:
        poll = PollData(
            question=question,
            description="<p>Kies wat het best past.</p>",
            options=(PollOption("Dinsdag"), PollOption("Woensdag"), PollOption("Donderdag")),
            allow_update=True,
            publish_names=True,
            show_results=3,
            course_id=self.course_id,
            section=1,
            time_close=int(time.time()) + 7 * 86_400,
        )
        return self.polls.create(poll)


def choices_for(sb: Sandbox, course_id: int, draft_id: str) -> list[dict[str, object]]:
    """The sandbox's choices whose course module carries this draft's clientref."""
    rows = sb.state.rows(
        "SELECT c.* FROM choices c JOIN cms m ON c.cmid = m.id WHERE m.courseid = ?"
        " AND m.idnumber = ?",
        (course_id, f"mdesk-{draft_id}"),
    )
    return [dict(r) for r in rows]


def test_publish_with_the_plugin_creates_the_poll_and_results_follow(demo_sandbox: Sandbox) -> None:
    account = Account(demo_sandbox)
    draft_id = account.draft("Wanneer past de terugkomdag?")
    account.polls.publish(draft_id)
    assert account.polls.state(draft_id) == ("waiting", None)

    report = account.engine().push()
    assert report.ok, report
    [created] = choices_for(demo_sandbox, account.course_id, draft_id)
    assert created["name"] == "Wanneer past de terugkomdag?"
    options = [o["text"] for o in demo_sandbox.state.choice_options(int(created["id"]))]  # type: ignore[call-overload]
    assert options == ["Dinsdag", "Woensdag", "Donderdag"]
    assert (created["publish"], created["showresults"], created["allowupdate"]) == (1, 3, 1)

    assert account.polls.state(draft_id) == ("published", None)
    [summary] = account.polls.drafts()
    assert summary.status == "open" and summary.choice_id == created["id"]

    # Results of every poll in the course, the new one included, arrive in the store.
    results = PollResultsService(account.db)
    results.refresh(account.client, [account.course_id])
    listed = {c.choice_id: c for c in results.choices(account.course_id)}
    assert listed[int(created["id"])].draft_id == draft_id  # type: ignore[call-overload]
    new = results.results(int(created["id"]))  # type: ignore[call-overload]
    assert new is not None and new.total_answers == 0 and new.answered == 0
    account.db.close()


def test_results_match_the_sandbox_answers(demo_sandbox: Sandbox) -> None:
    account = Account(demo_sandbox)
    results = PollResultsService(account.db)
    results.refresh(account.client, [account.course_id])
    checked = 0
    for summary in results.choices(account.course_id):
        got = results.results(summary.choice_id)
        assert got is not None
        answers = demo_sandbox.state.choice_answers(summary.choice_id)
        expected = {
            int(o["id"]): sum(1 for a in answers if a["optionid"] == o["id"])
            for o in demo_sandbox.state.choice_options(summary.choice_id)
        }
        assert {o.option_id: o.count for o in got.options} == expected
        if got.names_visible:
            who = {(o.option_id, r.user_id) for o in got.options for r in o.responses}
            assert who == {(int(a["optionid"]), int(a["userid"])) for a in answers}
        checked += 1
    assert checked >= 1
    account.db.close()


def test_without_the_plugin_publishing_is_refused_and_the_draft_stays(
    bare_sandbox: Sandbox,
) -> None:
    account = Account(bare_sandbox)
    draft_id = account.draft("Hoe zeker voel je je?")
    with pytest.raises(PluginMissing) as refused:
        account.polls.publish(draft_id)
    assert "local_moderatordesk" in str(refused.value)
    assert account.polls.state(draft_id) == ("draft", None)
    with account.db.session() as s:
        assert s.scalars(select(m.OutboxItem)).all() == []
    assert bare_sandbox.requests[CREATE_FN] == 0
    account.db.close()


def test_plugin_removed_after_publish_fails_the_draft_with_the_reason(
    demo_sandbox: Sandbox,
) -> None:
    account = Account(demo_sandbox)
    draft_id = account.draft("Welke casus bespreken we?")
    account.polls.publish(draft_id)
    demo_sandbox.plugin = False
    account.engine().push()
    state, reason = account.polls.state(draft_id)
    assert state == "failed" and reason
    assert choices_for(demo_sandbox, account.course_id, draft_id) == []
    account.db.close()


def _sync_process(data_dir: Path, token: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "MODERATOR_DESK_TOKEN": token}
    return subprocess.Popen(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "sync"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
@pytest.mark.parametrize("after_write", [True, False], ids=["created", "not-created"])
def test_killed_mid_publish_makes_exactly_one_poll(
    demo_sandbox: Sandbox, data_dir: Path, after_write: bool
) -> None:
    account = Account(demo_sandbox)
    draft_id = account.draft("Wat neem je mee uit deze week?")
    item_id = account.polls.publish(draft_id)

    fault = demo_sandbox.faults.hold(CREATE_FN, after_write=after_write)
    proc = _sync_process(data_dir, account.token)
    try:
        assert fault.wait_reached(timeout=60), "the sync never sent the poll"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        fault.release()
        demo_sandbox.faults.clear()
    assert len(choices_for(demo_sandbox, account.course_id, draft_id)) == (1 if after_write else 0)
    with account.db.session() as s:
        row = s.get(m.OutboxItem, item_id)
        assert row is not None and row.state == op.SENDING
    assert account.polls.state(draft_id)[0] == "waiting"

    age_claims(account.db)  # restarted once the request can no longer land
    proc = _sync_process(data_dir, account.token)
    assert proc.wait(timeout=120) == 0
    [poll] = choices_for(demo_sandbox, account.course_id, draft_id)
    with account.db.session() as s:
        row = s.get(m.OutboxItem, item_id)
        assert row is not None and row.state == op.DONE
    assert account.polls.state(draft_id) == ("published", None)
    assert account.polls.drafts()[0].choice_id == poll["id"]
    account.db.close()
