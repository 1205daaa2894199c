"""The live suite: the app against a real Moodle named by the environment.

Without a site (no MOODLE_LAB_* variables) the directory is skipped: one line, one reason.
With MODERATOR_LIVE_REQUIRED=1 (CI) a missing site fails the run instead. Every test in
this directory is marked `live` (`-m "not live"` leaves them out).

Fixtures for any test in tests/live (see README.md): `lab`, `world`, `client_for`,
`store_for`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from moderator_app.platform.moodle import MoodleClient
from tests.live.lab import (
    SITE_VARS,
    Lab,
    World,
    WorldUser,
    act_over_rest,
    make_world,
    site_vars_given,
)
from tests.live.plugin import ensure_installed
from tests.live.store import LiveStore

LIVE_DIR = Path(__file__).resolve().parent
SKIP_REASON = (
    "live suite: no real Moodle named (set the MOODLE_LAB_* variables, e.g. "
    "`source /tmp/moodle-lab/env`; see tests/live/README.md)"
)


class LiveSuiteSkipped(pytest.Item):
    """Stands for the whole live suite when no site is named."""

    def runtest(self) -> None:
        pytest.skip(SKIP_REASON)

    def reportinfo(self) -> tuple[Path, int | None, str]:
        return LIVE_DIR, None, "tests/live"


def _is_live(item: pytest.Item) -> bool:
    return LIVE_DIR in Path(str(item.path)).resolve().parents


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # A session-wide hook: only this directory's tests are touched.
    live = [item for item in items if _is_live(item)]
    if not live:
        return
    given = site_vars_given(os.environ)
    if given and len(given) < len(SITE_VARS):
        missing = ", ".join(name for name in SITE_VARS if name not in given)
        raise pytest.UsageError(f"live suite: a site is half named; missing {missing}")
    for item in live:
        item.add_marker(pytest.mark.live)
    if given:
        return
    if os.environ.get("MODERATOR_LIVE_REQUIRED") == "1":
        raise pytest.UsageError(
            "live suite: MODERATOR_LIVE_REQUIRED=1 but no real Moodle is named "
            f"(none of {', '.join(SITE_VARS)} is set): the lab did not start?"
        )
    # Without a site the whole directory is one skipped item: one line, one reason.
    items[:] = [item for item in items if not _is_live(item)]
    stand_in = LiveSuiteSkipped.from_parent(live[0].session, name="tests/live")
    stand_in.add_marker(pytest.mark.live)
    items.append(stand_in)


@pytest.fixture(scope="session")
def lab() -> Lab:
    """The site: url, admin_token, ca_bundle, moodle_dir, php(script, *args), sql(query)."""
    site = Lab.from_env(os.environ)
    site.admin_token = site.token(site.admin_username, site.admin_password)
    return site


@pytest.fixture(scope="session")
def world(lab: Lab) -> World:
    """The shared world (tests/live/php/make_world.php), made once per session."""
    made = make_world(lab)
    act_over_rest(lab.client, made)
    return made


@pytest.fixture(scope="session")
def companion_plugin(lab: Lab) -> None:
    """The companion plugin installed from this repository (a fresh lab has none)."""
    ensure_installed(lab)


@pytest.fixture
def client_for(lab: Lab, world: World) -> Callable[[WorldUser | str], MoodleClient]:
    """The app's MoodleClient signed in as a world user (a WorldUser or its key)."""

    def make(user: WorldUser | str) -> MoodleClient:
        found = world.user(user) if isinstance(user, str) else user
        return lab.client(found.token)

    return make


@pytest.fixture
def store_for(lab: Lab, world: World, tmp_path: Path) -> Iterator[Callable[[str], LiveStore]]:
    """store_for(user key): the app's store in tmp_path after a real pull as that user."""
    opened: list[LiveStore] = []

    def make(key: str) -> LiveStore:
        store = LiveStore.open(lab, world.user(key), tmp_path / f"{key}-{len(opened)}.sqlite")
        opened.append(store)
        store.pull()
        return store

    yield make
    for store in opened:
        store.close()
