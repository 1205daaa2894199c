"""The shared world is what make_world.php says it is, on the real site."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from moderator_app.platform.moodle import MoodleClient
from tests.live.lab import Lab, World, WorldUser

ClientFor = Callable[[WorldUser | str], MoodleClient]

pytestmark = pytest.mark.live


def test_each_user_is_signed_in_as_themselves(world: World, client_for: ClientFor) -> None:
    for user in world.users.values():
        assert client_for(user).site_info().user_id == user.id


def test_discussions_are_stored_as_described(lab: Lab, world: World) -> None:
    rows = lab.sql(
        "SELECT id, pinned, timelocked, groupid FROM mdl_forum_discussions WHERE id IN ("
        + ", ".join(str(d["id"]) for d in world.discussions.values())
        + ")"
    )
    by_id = {row["id"]: row for row in rows}
    for discussion in world.discussions.values():
        row = by_id[discussion["id"]]
        assert (row["pinned"] == 1) == discussion["pinned"]
        assert (row["timelocked"] > 0) == discussion["locked"]
        assert row["groupid"] == discussion["group_id"]
