"""Pure decisions of the pull: where a forum's scan stops, when to reconcile, page sizes.

No network, no database: plain values in, plain values out, tested directly.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from moderator_app.platform.types import Discussion

PAGE_SIZE = 100
# Room on the probe page for the user's starred discussions, which we do not store.
PROBE_SLACK = 3
# List a forum's ids in full again once its last full listing is this old (seconds),
# to find deletions; at most one forum per run, so no sync pays for all of them.
RECONCILE_AFTER = 6 * 3600


@dataclass(frozen=True)
class PageVerdict:
    changed: tuple[int, ...]  # discussion ids new or modified since the cursor
    stop: bool  # an unchanged, non-pinned, non-starred discussion was reached


def is_unchanged(d: Discussion, cursor: int, local_modified: Mapping[int, int]) -> bool:
    """Not modified since the cursor.

    Strictly older than the cursor is unchanged; at the cursor's own second it is
    unchanged only when we already hold it at that time (a post in the same second
    as the last sync must not be missed).
    """
    if d.time_modified < cursor:
        return True
    return d.time_modified == cursor and local_modified.get(d.id) == d.time_modified


def scan_page(
    items: Sequence[Discussion], cursor: int, local_modified: Mapping[int, int]
) -> PageVerdict:
    """Apply the stop rule to one page of a newest-modified-first list.

    Pinned and starred discussions come first whatever their age, so they never stop
    the scan; each is changed when we do not hold it at its current time.
    """
    changed: list[int] = []
    for d in items:
        if d.pinned or d.starred:
            if local_modified.get(d.id) != d.time_modified:
                changed.append(d.id)
            continue
        if is_unchanged(d, cursor, local_modified):
            return PageVerdict(tuple(changed), stop=True)
        changed.append(d.id)
    return PageVerdict(tuple(changed), stop=False)


def probe_size(local_pinned: int) -> int:
    """First page of an incremental scan: the pinned ones, a few starred, one more."""
    return min(PAGE_SIZE, local_pinned + PROBE_SLACK + 1)


def next_cursor(cursor: int, seen: Iterable[Discussion]) -> int:
    return max([cursor, *(d.time_modified for d in seen)])


def participants_due(
    course_ids: Sequence[int], staffed: Collection[int], sync_number: int, every_run: bool
) -> list[int]:
    """Courses whose people and roles to fetch in this run.

    New courses always; of the known ones exactly one per run, in turn, so a sync with
    nothing new costs one such request however many courses there are (roles change
    rarely, and an unknown poster triggers a refresh of its course anyway).
    """
    if every_run:
        return list(course_ids)
    new = [c for c in course_ids if c not in staffed]
    known = [c for c in course_ids if c in staffed]
    return new + ([known[sync_number % len(known)]] if known else [])


def should_reconcile(
    *,
    last_full: int,
    now: int,
    after: int,
    budget_left: bool,
    platform_count: int,
    local_count: int,
    known_offset: int | None,
) -> bool:
    """Whether to list all of a forum's ids this time, to find deletions.

    When the platform's count moved away from ours by something other than the offset
    seen at the last full listing (some forums count discussions we are not shown, and
    that is no news): at once. Otherwise when the last full listing is `after` seconds
    old and this run has not spent its one scheduled reconcile yet (`after` <= 0: always).
    Time, not a run counter: a sync right after a full listing costs nothing extra.
    """
    if after <= 0:
        return True
    offset = platform_count - local_count
    if offset != (known_offset if known_offset is not None else 0):
        return True
    return budget_left and now - last_full >= after


def full_scan_done(*, page_len: int, per_page: int, seen: int, hint: int) -> bool:
    """A full scan (first sync) ends at a short page, or once the forum's count is reached.

    The count saves the empty page after an exact multiple of the page size; a
    reconcile passes hint=0 because it must see the real end of the list.
    """
    if page_len < per_page:
        return True
    return hint > 0 and seen >= hint


def users_in(items: Iterable[Discussion]) -> set[int]:
    """Everyone a page names: starters and last posters (their roles decide waiting)."""
    ids: set[int] = set()
    for d in items:
        if d.author_id is not None:
            ids.add(d.author_id)
        if d.last_post_user_id is not None:
            ids.add(d.last_post_user_id)
    return ids
