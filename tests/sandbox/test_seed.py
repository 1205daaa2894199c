"""The demo seed has what the demo promises; big seeds have exactly what was asked."""

from __future__ import annotations

import argparse
import io
import threading
from contextlib import redirect_stdout
from pathlib import Path

import pytest
import requests

from moderator_app.sandbox import BigSeed, Sandbox, seed_big
from moderator_app.sandbox.cli import run_sandbox
from moderator_app.sandbox.seed_demo import POLICY_NAME
from moderator_app.sandbox.state import SandboxState

H, D = 3600, 86400
STAFF = ("moderator", "facilitator")


def _waiting_ages(st: SandboxState) -> list[int]:
    """Ages of discussions whose last post is by a learner (the app's queue rule)."""
    ages = []
    for d in st.rows("SELECT * FROM discussions"):
        posts = st.posts_in(d["id"])
        last = posts[-1]
        author = st.user(last["userid"])
        if author is not None and author["username"] not in STAFF:
            ages.append(st.now() - int(last["created"]))
    return ages


def test_demo_seed_has_the_promised_material(sandbox: Sandbox) -> None:
    st = sandbox.state
    courses = [r["fullname"] for r in st.rows("SELECT fullname FROM courses ORDER BY id")]
    assert courses == ["Communicatievaardigheden", "Leidinggeven op afstand", "Timemanagement"]
    learners = st.rows("SELECT DISTINCT userid FROM enrolments WHERE role = 'student'")
    assert len(learners) >= 30
    for course in st.rows("SELECT id FROM courses"):
        assert st.roles(course["id"], st.user_id("moderator")) == ["editingteacher"]
        assert st.roles(course["id"], st.user_id("facilitator")) == ["teacher"]
    kinds = {r["type"] for r in st.rows("SELECT type FROM forums")}
    assert {"general", "qanda"} <= kinds
    intro = st.forum(st.forum_id("Stel je voor"))
    assert intro is not None and "levensmotto" in intro["intro"]
    ages = _waiting_ages(st)
    assert min(ages) < 12 * H and max(ages) > 2 * D  # hours to days
    html = " ".join(r["message"] for r in st.rows("SELECT message FROM posts"))
    for tag in ("<ul>", "<ol>", "<strong>", "<a href=", "<blockquote>"):
        assert tag in html
    assert st.value("SELECT COUNT(*) FROM discussions WHERE timelocked > 0") >= 1
    assert st.value("SELECT COUNT(*) FROM discussions WHERE pinned = 1") >= 1
    assert st.value("SELECT COUNT(*) FROM posts WHERE privatereplyto > 0") >= 1
    publish = sorted(c["publish"] for c in st.rows("SELECT publish FROM choices"))
    assert publish == [0, 1]
    assert all(st.choice_answers(c["id"]) for c in st.rows("SELECT id FROM choices"))
    (policy,) = st.rows("SELECT * FROM policies")
    assert policy["name"] == POLICY_NAME and policy["optional"] == 1
    accepted = [a for a in st.policy_acceptances(policy["id"]) if a["status"] == 1]
    assert 0 < len(accepted) < len(learners)
    assert st.row("SELECT policyagreed FROM users WHERE username = 'youssef'") == {
        "policyagreed": 0
    }


def test_demo_has_a_quiet_forum_and_learner_followups(sandbox: Sandbox) -> None:
    st = sandbox.state
    quiet = []
    for forum in st.rows("SELECT id FROM forums"):
        learner_posts = st.value(
            "SELECT MAX(p.created) FROM posts p JOIN discussions d ON d.id = p.discussionid"
            " JOIN users u ON u.id = p.userid WHERE d.forumid = ? AND u.username NOT IN (?, ?)",
            (forum["id"], *STAFF),
        )
        if learner_posts is not None and st.now() - learner_posts > 7 * D:
            quiet.append(forum["id"])
    assert quiet
    followups = 0
    for d in st.rows("SELECT id FROM discussions"):
        authors = [st.user(p["userid"])["username"] for p in st.posts_in(d["id"])]  # type: ignore[index]
        staff_at = [i for i, name in enumerate(authors) if name in STAFF]
        if staff_at and staff_at[-1] < len(authors) - 1 and authors[0] not in STAFF:
            followups += 1
    assert followups >= 1


def test_big_seed_makes_exactly_what_was_asked(tmp_path: Path) -> None:
    db = tmp_path / "big.sqlite"
    seed_big(db, courses=2, discussions=30, posts=500)
    st = SandboxState(db)
    try:
        assert st.value("SELECT COUNT(*) FROM courses") == 2
        assert st.value("SELECT COUNT(*) FROM discussions") == 30
        assert st.value("SELECT COUNT(*) FROM posts") == 500
        wrong = st.rows(
            "SELECT d.id FROM discussions d WHERE d.timemodified !="
            " (SELECT MAX(created) FROM posts p WHERE p.discussionid = d.id)"
        )
        assert wrong == []
    finally:
        st.close()
    with Sandbox.start(db, seed=None) as sb:  # and it serves
        reply = requests.post(
            f"{sb.url}/login/token.php",
            timeout=10,
            data={"username": "moderator", "password": "demo", "service": "moodle_mobile_app"},
        )
        assert "token" in reply.json()


def test_big_seed_through_start(tmp_path: Path) -> None:
    with Sandbox.start(seed=BigSeed(1, 5, 12)) as sb:
        assert sb.state.value("SELECT COUNT(*) FROM posts") == 12


@pytest.mark.parametrize("text", ["1,2", "0,1,1", "2,1,5", "a,b,c", "3,10,5"])
def test_big_seed_spec_is_checked(text: str) -> None:
    with pytest.raises(ValueError):
        BigSeed.parse(text)


def test_cli_prints_the_url_and_serves_until_stopped(data_dir: Path) -> None:
    args = argparse.Namespace(port=0, seed="1,4,10", no_plugin=True)
    stop = threading.Event()
    out = io.StringIO()
    result: list[int] = []
    printed = threading.Event()

    class Tee(io.StringIO):
        def write(self, text: str) -> int:
            out.write(text)
            if "Ctrl+C" in text:
                printed.set()
            return len(text)

    def run() -> None:
        with redirect_stdout(Tee()):
            result.append(run_sandbox(args, stop))

    runner = threading.Thread(target=run)
    runner.start()
    try:
        assert printed.wait(30)
        url = next(
            line.split(": ", 1)[1]
            for line in out.getvalue().splitlines()
            if line.startswith("Sandbox Moodle site:")
        )
        check = requests.get(f"{url}/login/token.php", params={"appsitecheck": 1}, timeout=10)
        assert check.json() == {"appsitecheck": "ok"}
    finally:
        stop.set()
        runner.join(30)
    assert result == [0]
    assert "Companion plugin: off" in out.getvalue()


def test_cli_refuses_a_bad_seed(capsys: pytest.CaptureFixture[str]) -> None:
    args = argparse.Namespace(port=0, seed="lots", no_plugin=False)
    assert run_sandbox(args) == 2
    assert "bad --seed" in capsys.readouterr().out
