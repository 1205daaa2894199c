"""The pull's pure decisions: the stop rule, probe size, reconcile turns."""

from __future__ import annotations

from dataclasses import replace

from moderator_app.platform.types import Discussion
from moderator_app.sync import plan


def disc(i: int, modified: int, *, pinned: bool = False, starred: bool = False) -> Discussion:
    return Discussion(
        id=i,
        forum_id=1,
        first_post_id=i * 10,
        name="n",
        subject="s",
        message="",
        author_id=5,
        author_fullname="A",
        created=modified,
        time_modified=modified,
        last_post_user_id=5,
        last_post_user_fullname="A",
        num_replies=0,
        pinned=pinned,
        starred=starred,
    )


def test_stop_at_first_unchanged_non_pinned() -> None:
    page = [disc(1, 300), disc(2, 250), disc(3, 100), disc(4, 90)]
    verdict = plan.scan_page(page, cursor=200, local_modified={3: 100, 4: 90})
    assert verdict == plan.PageVerdict((1, 2), stop=True)


def test_old_pinned_does_not_stop_the_scan() -> None:
    page = [disc(9, 10, pinned=True), disc(8, 20, starred=True), disc(1, 300), disc(2, 100)]
    verdict = plan.scan_page(page, cursor=200, local_modified={9: 10, 8: 20, 2: 100})
    assert verdict == plan.PageVerdict((1,), stop=True)


def test_changed_pinned_is_picked_up() -> None:
    page = [disc(9, 400, pinned=True), disc(2, 100)]
    verdict = plan.scan_page(page, cursor=200, local_modified={9: 10, 2: 100})
    assert verdict == plan.PageVerdict((9,), stop=True)


def test_post_in_the_cursor_second_is_not_missed() -> None:
    page = [disc(1, 200), disc(2, 200)]
    verdict = plan.scan_page(page, cursor=200, local_modified={2: 200})
    assert verdict == plan.PageVerdict((1,), stop=True)


def test_page_without_unchanged_does_not_stop() -> None:
    assert not plan.scan_page([disc(1, 300)], cursor=200, local_modified={}).stop


def test_probe_size_holds_pinned_and_one_more() -> None:
    assert plan.probe_size(0) == plan.PROBE_SLACK + 1
    assert plan.probe_size(2) == plan.PROBE_SLACK + 3
    assert plan.probe_size(500) == plan.PAGE_SIZE


def test_next_cursor_only_grows() -> None:
    assert plan.next_cursor(500, [disc(1, 300)]) == 500
    assert plan.next_cursor(100, [disc(1, 300), replace(disc(2, 0), time_modified=400)]) == 400


def test_reconcile_when_the_last_full_listing_is_old_or_counts_drift() -> None:
    common = {"after": 3600, "platform_count": 10, "local_count": 10, "known_offset": 0}
    assert plan.should_reconcile(last_full=1000, now=4600, budget_left=True, **common)
    assert not plan.should_reconcile(last_full=1000, now=4599, budget_left=True, **common)
    # Due, but this run already listed another forum in full.
    assert not plan.should_reconcile(last_full=1000, now=9000, budget_left=False, **common)
    drift = {**common, "platform_count": 9}
    assert plan.should_reconcile(last_full=1000, now=1001, budget_left=False, **drift)
    # A forum that always counts one more than it lists is no news.
    steady = {**common, "platform_count": 11, "known_offset": 1}
    assert not plan.should_reconcile(last_full=1000, now=1001, budget_left=True, **steady)
    assert plan.should_reconcile(
        last_full=1000, now=1000, budget_left=False, **{**common, "after": 0}
    )


def test_full_scan_ends_at_short_page_or_count() -> None:
    assert plan.full_scan_done(page_len=40, per_page=100, seen=240, hint=0)
    assert not plan.full_scan_done(page_len=100, per_page=100, seen=200, hint=0)
    assert plan.full_scan_done(page_len=100, per_page=100, seen=200, hint=200)


def test_participants_new_courses_always_known_ones_one_per_run_in_turn() -> None:
    courses = [3, 5, 8]
    turns = [plan.participants_due(courses, {3, 5, 8}, n, every_run=False) for n in range(6)]
    assert all(len(t) == 1 for t in turns)
    assert {t[0] for t in turns} == {3, 5, 8}  # every course gets its turn
    assert plan.participants_due(courses, {3}, 1, every_run=False) == [5, 8, 3]
    assert plan.participants_due(courses, {3, 5, 8}, 7, every_run=True) == courses
