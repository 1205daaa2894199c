"""Team claims on the real Moodle through the companion plugin, with two teachers' tokens:
the editing teacher claims a discussion in the app, the outbox sends it, and the
non-editing teacher's next sync shows who answers (and a reply there would ask first);
a release clears it. The claim is released again in the end (the world is shared)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from moderator_app.services.queue import QueueService
from moderator_app.services.triage import TriageService, colleague_claim
from tests.live.lab import Lab, World
from tests.live.store import LiveStore

pytestmark = [pytest.mark.live, pytest.mark.usefixtures("companion_plugin")]


def _site_claim(lab: Lab, discussion_id: int) -> dict[str, object] | None:
    rows = lab.sql(
        "SELECT userid, state FROM mdl_local_moderatordesk_claims"
        f" WHERE discussionid = {int(discussion_id)}"
    )
    return rows[0] if rows else None


def test_a_claim_made_in_one_app_shows_in_the_colleagues_queue(
    lab: Lab, world: World, store_for: Callable[[str], LiveStore]
) -> None:
    did = world.discussion_id("waiting")
    editor = store_for("editor")
    teacher = store_for("teacher")
    editor_id = world.user("editor").id
    try:
        TriageService(editor.db, "editor").claim(did)
        sent = editor.push()
        assert sent.outbox_sent == 1, sent
        claim = _site_claim(lab, did)
        assert claim is not None and (claim["userid"], claim["state"]) == (editor_id, "claimed")

        seen = teacher.pull()
        assert seen.requests_by_function["claims"] == 1
        item = QueueService(teacher.db).get(did)
        assert item is not None and item.team_state == "claimed"
        assert item.team_user_id == editor_id
        assert colleague_claim(teacher.db, did) == world.user("editor").fullname
        editor.pull()
        assert colleague_claim(editor.db, did) is None  # one's own claim asks nothing

        TriageService(editor.db, "editor").unclaim(did)
        assert editor.push().outbox_sent == 1
        teacher.pull()
        assert colleague_claim(teacher.db, did) is None
    finally:
        client = lab.client(world.user("editor").token)
        client.set_claim(did, "released")
