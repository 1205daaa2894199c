"""A separate-groups forum on the real Moodle: a prompt for "all participants" must be
seen by learners of every group (groupid -1, as Moodle's own form sends it; without a
group id Moodle stores 0, which no learner sees), a prompt for one group by that group
only. Checked with the learners' own tokens."""

from __future__ import annotations

from pathlib import Path

from moderator_app.platform.types import DiscussionOptions
from tests.live.cases import Case, make_case
from tests.live.lab import Lab, WorldUser

SEPARATE_GROUPS = 1


def _seen_by(case: Case, learner: WorldUser) -> set[str]:
    page = case.lab.client(learner.token).discussions(case.forum, 0, 100)
    return {d.subject for d in page.items}


def test_all_participants_reaches_every_group_and_a_group_prompt_only_its_group(
    lab: Lab, tmp_path: Path
) -> None:
    case = make_case(lab, groupmode=SEPARATE_GROUPS, learners=2, groups=2)
    in_a, in_b = case.learners
    group_a = int(case.groups[0]["id"])
    store = case.store(tmp_path / "moderator.sqlite")
    try:
        store.pull()
        store.outbox.start_discussion(case.forum, "For everyone", "Hello all")
        store.outbox.start_discussion(
            case.forum, "For group A", "Hello A", DiscussionOptions(group_id=group_a)
        )
        report = store.push()
        assert report.outbox_sent == 2

        stored = {
            r["name"]: r["groupid"]
            for r in lab.sql(
                f"SELECT name, groupid FROM mdl_forum_discussions WHERE forum = {case.forum}"
            )
        }
        assert stored == {"For everyone": -1, "For group A": group_a}
        assert _seen_by(case, in_a) == {"For everyone", "For group A"}
        assert _seen_by(case, in_b) == {"For everyone"}
    finally:
        store.close()


def test_without_a_group_id_moodle_stores_group_0_that_no_learner_sees(lab: Lab) -> None:
    """What the sandbox copies (moderator_app/sandbox/ws_forum.py resolve_group)."""
    case = make_case(lab, groupmode=SEPARATE_GROUPS, learners=2, groups=2)
    body = case.rest(case.moderator, "mod_forum_add_discussion", forumid=case.forum,
                     subject="No group id", message="<p>x</p>")  # fmt: skip
    assert case.discussion_row(int(body["discussionid"]))["groupid"] == 0
    assert all(_seen_by(case, learner) == set() for learner in case.learners)
