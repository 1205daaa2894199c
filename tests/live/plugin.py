"""The companion plugin (moodle/local_moderatordesk) on the lab site: installed from the
repository's copy with admin/cli/upgrade.php, as an admin would from the command line.

A fresh lab (CI's) has no plugin: every live test that needs it asks for the
`companion_plugin` fixture, so the order the test files run in does not matter.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from tests.live.lab import Lab

REPO = Path(__file__).resolve().parents[2]
PLUGIN_SRC = REPO / "moodle" / "local_moderatordesk"
CLI_TIMEOUT = 600.0  # seconds: an upgrade on two busy cores


def run_cli(lab: Lab, *args: str) -> str:
    """`php ARGS` in the site's code folder; the test fails with its output when it does."""
    done = subprocess.run(
        ["php", *args],
        cwd=lab.moodle_dir,
        capture_output=True,
        text=True,
        timeout=CLI_TIMEOUT,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def installed_version(lab: Lab) -> int | None:
    rows = lab.sql(
        "SELECT value FROM mdl_config_plugins"
        " WHERE plugin = 'local_moderatordesk' AND name = 'version'"
    )
    return int(rows[0]["value"]) if rows else None


def source_version() -> int:
    text = (PLUGIN_SRC / "version.php").read_text(encoding="utf-8")
    return int(text.split("$plugin->version = ", 1)[1].split(";", 1)[0])


def install(lab: Lab) -> Path:
    """Copy the plugin into the site and install (or upgrade) it from the CLI."""
    target = Path(lab.moodle_dir) / "local" / "moderatordesk"
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    shutil.copytree(PLUGIN_SRC, target)
    run_cli(lab, "admin/cli/upgrade.php", "--non-interactive")
    assert installed_version(lab) == source_version()
    return target


def ensure_installed(lab: Lab) -> None:
    """Install the plugin unless this very version is installed already."""
    if installed_version(lab) != source_version():
        install(lab)
