"""Issue 15, point 5: what a real Moodle answers that the app used to word badly.

Each case drives the `moderator-app` commands (in process, as tests/test_headless.py
does) against the real site: a learner's account signing in, `http://` typed for an
https-only site, the site in maintenance, the Moodle app switched off by an admin,
and `queue | head`. The site settings a case changes are put back in a `finally`,
since the lab is shared with the rest of the suite.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from moderator_app import cli
from moderator_app.headless import EXIT_OK, EXIT_USAGE
from tests.live.lab import Lab, World

pytestmark = pytest.mark.live


def _run(data_dir: Path, *argv: str) -> int:
    return cli.main(["--data-dir", str(data_dir), *argv])


def _login(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, site: str, username: str, password: str
) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(password + "\n"))  # not a tty: one line
    return _run(data_dir, "login", "--site", site, "--username", username)


def _cfg(lab: Lab, name: str, value: str) -> None:
    subprocess.run(
        ["php", f"{lab.moodle_dir}/admin/cli/cfg.php", f"--name={name}", f"--set={value}"],
        check=True,
        capture_output=True,
    )


@contextmanager
def _site_setting(lab: Lab, name: str, value: str, restore: str) -> Iterator[None]:
    _cfg(lab, name, value)
    try:
        yield
    finally:
        _cfg(lab, name, restore)


@contextmanager
def _mobile_app_switched_off(lab: Lab) -> Iterator[None]:
    """What the admin's switch does: the setting, and (through its callback, which the
    CLI's cfg.php does not run) the mobile service itself."""
    service = "UPDATE mdl_external_services SET enabled = {} WHERE shortname = 'moodle_mobile_app'"
    with _site_setting(lab, "enablemobilewebservice", "0", "1"):
        lab.execute(service.format(0))
        try:
            yield
        finally:
            lab.execute(service.format(1))


def test_a_learner_account_is_told_it_has_no_teaching_role(
    lab: Lab,
    world: World,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    learner = world.user("learner1")
    assert _login(monkeypatch, data_dir, lab.url, learner.username, world.password) == EXIT_OK
    err = capsys.readouterr().err
    assert "teach" in err.lower(), err  # no teaching role anywhere, and what it will see

    editor = world.user("editor")
    assert _login(monkeypatch, data_dir, lab.url, editor.username, world.password) == EXIT_OK
    assert "teach" not in capsys.readouterr().err.lower()


def test_http_typed_for_the_https_site_offers_https(
    lab: Lab,
    world: World,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert lab.url.startswith("https://")
    http_url = "http://" + lab.url.removeprefix("https://")
    editor = world.user("editor")
    code = _login(monkeypatch, data_dir, http_url, editor.username, world.password)
    err = capsys.readouterr().err
    assert code == EXIT_USAGE
    assert "HTTP 400" not in err
    assert f"--site {lab.url}" in err, err  # the address to use instead, named


def _signed_in_editor(
    lab: Lab, world: World, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    editor = world.user("editor")
    assert _login(monkeypatch, data_dir, lab.url, editor.username, world.password) == EXIT_OK


def test_maintenance_is_said_as_maintenance(
    lab: Lab,
    world: World,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _signed_in_editor(lab, world, data_dir, monkeypatch)
    capsys.readouterr()
    with _site_setting(lab, "maintenance_enabled", "1", "0"):
        code = _run(data_dir, "sync")
    err = capsys.readouterr().err
    assert code != EXIT_OK
    assert "maintenance" in err, err
    assert "could not be reached" not in err


def test_the_moodle_app_switched_off_is_not_an_expired_sign_in(
    lab: Lab,
    world: World,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _signed_in_editor(lab, world, data_dir, monkeypatch)
    capsys.readouterr()
    with _mobile_app_switched_off(lab):
        code = _run(data_dir, "sync")
    err = capsys.readouterr().err
    assert code != EXIT_OK
    assert "Moodle app" in err, err  # an admin must enable web services for mobile devices
    assert "sign in again" not in err


def test_queue_into_a_closed_pipe_ends_without_a_traceback(
    lab: Lab,
    world: World,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _signed_in_editor(lab, world, data_dir, monkeypatch)
    assert _run(data_dir, "sync") == EXIT_OK
    # `moderator-app queue | head -1` once head has its line: the reader is gone.
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        queue = subprocess.run(
            [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "queue"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    err = queue.stderr.decode()
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert queue.returncode == cli.EXIT_READER_GONE
