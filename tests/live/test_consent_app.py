"""Site policy acceptances on the real Moodle, through the app: with a tool_policy policy
current for a few seconds (plugin_lab.php policy_begin/policy_end: everyone else on this
shared site marked as accepted first, everything put back after), the editing teacher's
sync reads the course's acceptances; accepted learners get a policy-sourced consent with
the site's time; a learner's example is shared under it; the learner revokes the
acceptance on the site and the next sync's withdrawal retracts the shared copy from
mdl_forum_discussions. plugin_lab.php's own course, so the shared world is untouched."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from moderator_app.services import consent_sync, sharing
from moderator_app.services.consent import Source, WithdrawReason
from moderator_app.services.pseudonyms import Pseudonyms
from moderator_app.store import models as m
from moderator_app.store.models_consent import Consent
from moderator_app.sync.consent_pull import ACCEPTANCES_EVERY
from tests.live.lab import PHP_DIR, Lab, WorldUser, new_password
from tests.live.store import LiveStore
from tests.services.consent_seed import FixedSecret

pytestmark = [pytest.mark.live, pytest.mark.usefixtures("companion_plugin")]

PLUGIN_LAB = PHP_DIR / "plugin_lab.php"
REVOKE = PHP_DIR / "consent_revoke.php"
LEARNERS = ("learner1", "learner2", "learner3", "learner4", "learner5")


@pytest.fixture(scope="module")
def made(lab: Lab) -> dict[str, Any]:
    password = new_password()
    world = lab.php(
        PLUGIN_LAB, "world", secrets.token_hex(4), env={"MOODLE_WORLD_PASSWORD": password}
    )
    world["editor_token"] = lab.token(world["users"]["editor"]["username"], password)
    lab.php(
        PLUGIN_LAB,
        "grant",
        world["course"],
        "editingteacher",
        "local/moderatordesk:viewacceptances",
    )
    return world


@pytest.fixture
def policy_window(lab: Lab, made: dict[str, Any], tmp_path: Path) -> Iterator[int]:
    learners = {k: int(made["users"][k]["id"]) for k in LEARNERS}
    state = tmp_path / "policy_state.json"
    begun = lab.php(PLUGIN_LAB, "policy_begin", state, json.dumps(learners))
    try:
        yield int(begun["versionid"])
    finally:
        lab.php(PLUGIN_LAB, "policy_end", state)


def _uid(made: dict[str, Any], key: str) -> int:
    return int(made["users"][key]["id"])


def _policy_consents(editor: LiveStore, learner: int) -> list[Consent]:
    with editor.db.session() as s:
        rows = list(
            s.scalars(
                select(Consent).where(
                    Consent.learner_id == learner, Consent.source == Source.POLICY.value
                )
            )
        )
        for row in rows:
            s.expunge(row)
        return rows


def test_acceptances_become_consents_and_a_revoked_one_retracts_the_copy(
    lab: Lab, made: dict[str, Any], policy_window: int, tmp_path: Path
) -> None:
    course = int(made["course"])
    u = made["users"]["editor"]
    editor_user = WorldUser(
        "editor", int(u["id"]), u["username"], u["fullname"], made["editor_token"]
    )
    editor = LiveStore.open(lab, editor_user, tmp_path / "editor.sqlite")
    try:
        report = editor.pull()
        assert report.consent is not None and report.consent.courses_read == [course], report
        with editor.db.session() as s:
            consent_sync.apply_all(s, "editor", int(time.time()))
        [given] = _policy_consents(editor, _uid(made, "learner1"))
        accepted_at = lab.sql(
            "SELECT timemodified FROM mdl_tool_policy_acceptances"
            f" WHERE policyversionid = {policy_window} AND userid = {_uid(made, 'learner1')}"
        )[0]["timemodified"]
        assert given.given_at == int(accepted_at)
        assert len(_policy_consents(editor, _uid(made, "learner2"))) == 1  # on behalf
        for key in ("learner3", "learner4", "learner5"):  # declined, withdrawn, pending
            assert _policy_consents(editor, _uid(made, key)) == []

        opener_discussion = int(made["discussions"]["a"])  # learner1's, group A
        with editor.db.session() as s:
            d = s.get(m.Discussion, opener_discussion)
            assert d is not None
            target = sharing.Target("discussion", course, forum_id=d.forum_id, subject="Example")
            share = sharing.share(
                s,
                Pseudonyms(FixedSecret()),
                "editor",
                d.first_post_id,
                "course",
                target,
                lang="en",
                now=int(time.time()),
            )
            share_id = share.id
        assert editor.push().outbox_sent == 1
        with editor.db.session() as s:
            row = s.get(sharing.Share, share_id)
            assert row is not None
            outbox = s.get(m.OutboxItem, row.outbox_id)
            assert outbox is not None and outbox.result_ref
            copy = int(outbox.result_ref)
        assert lab.sql(f"SELECT id FROM mdl_forum_discussions WHERE id = {copy}")

        lab.php(REVOKE, policy_window, _uid(made, "learner1"))
        later = int(time.time()) + ACCEPTANCES_EVERY + 1
        again = editor.engine(now=lambda: later).pull()
        assert again.consent is not None and again.consent.courses_read == [course]
        with editor.db.session() as s:
            applied = consent_sync.apply_all(s, "editor", later)
        assert applied.withdrawn == [given.id]
        [withdrawn] = _policy_consents(editor, _uid(made, "learner1"))
        assert withdrawn.withdrawn_reason == WithdrawReason.POLICY_REVOKED.value
        assert editor.push().outbox_sent == 1  # the retraction
        assert lab.sql(f"SELECT id FROM mdl_forum_discussions WHERE id = {copy}") == []
    finally:
        editor.close()
