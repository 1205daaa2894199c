"""Pulling Choice activities (polls) and their results into the store.

Called by the sync engine after courses and participants, and on demand from the
results view. Choices of the given courses become exactly what the platform lists;
results are fetched only when they can have changed (see _results_due): never again
for a poll closed and read after closing, not before a poll opens, at once when the
choice list shows the poll changed (its timemodified), and otherwise for open polls at
the moderator's cadence (Settings.poll_results_minutes): a vote does not move a
choice's timemodified, so an unchanged list cannot tell that nobody voted.

Who chose what is stored only when the poll publishes names: the store never keeps
more about a learner than the moderator may see in the poll itself.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from moderator_app.platform.base import Platform
from moderator_app.platform.errors import NotFound, PermissionDenied
from moderator_app.platform.types import Choice, ChoiceOption, ChoiceOptionResult
from moderator_app.store.db import Database
from moderator_app.store.models_polls import (
    PollChoice,
    PollChoiceOption,
    PollChoiceResponse,
)

log = logging.getLogger("moderator_app.sync.poll_pull")


@dataclass
class PollPullReport:
    choices: int = 0
    results_fetched: int = 0
    skipped_final: int = 0
    skipped_unchanged: int = 0  # open or not yet open, and read recently enough
    failed: dict[int, str] = field(default_factory=dict)  # choice id -> error


def store_choices(session: Session, course_ids: Sequence[int], choices: Sequence[Choice]) -> None:
    """The choices of these courses become exactly `choices` (removed ones go)."""
    keep = [c.id for c in choices]
    session.execute(
        delete(PollChoice).where(PollChoice.course_id.in_(course_ids), PollChoice.id.not_in(keep))
    )
    if not choices:
        return
    rows = [
        {
            "id": c.id,
            "cmid": c.cmid,
            "course_id": c.course_id,
            "name": c.name,
            "intro": c.intro,
            "section": c.section,
            "visible": c.visible,
            "publish_names": c.publish_names,
            "show_results": c.show_results,
            "allow_update": c.allow_update,
            "allow_multiple": c.allow_multiple,
            "limit_answers": c.limit_answers,
            "time_open": c.time_open,
            "time_close": c.time_close,
            "time_modified": c.time_modified,
            "results_fetched_at": 0,
        }
        for c in choices
    ]
    stmt = insert(PollChoice)
    updated = {k: stmt.excluded[k] for k in rows[0] if k not in ("id", "results_fetched_at")}
    session.execute(stmt.on_conflict_do_update(index_elements=["id"], set_=updated), rows)


def store_results(
    session: Session,
    choice_id: int,
    results: Sequence[ChoiceOptionResult],
    now: int,
    *,
    keep_names: bool,
) -> None:
    """Replace the choice's options, counts and (when names are published) responses."""
    session.execute(delete(PollChoiceResponse).where(PollChoiceResponse.choice_id == choice_id))
    session.execute(delete(PollChoiceOption).where(PollChoiceOption.choice_id == choice_id))
    for position, result in enumerate(results):
        session.add(
            PollChoiceOption(
                id=result.option_id,
                choice_id=choice_id,
                position=position,
                text=result.text,
                count=result.count,
                max_answers=0,
            )
        )
    session.flush()
    if keep_names:
        for result in results:
            for response in result.responses:
                session.merge(
                    PollChoiceResponse(
                        option_id=result.option_id,
                        user_id=response.user_id,
                        choice_id=choice_id,
                        fullname=response.fullname,
                        time_modified=response.time_modified,
                    )
                )
    choice = session.get(PollChoice, choice_id)
    if choice is not None:
        choice.results_fetched_at = now


def store_options(
    session: Session, choice_id: int, options: Sequence[ChoiceOption], now: int
) -> None:
    """Counts from the options list, for accounts not allowed to read results."""
    as_results = [ChoiceOptionResult(o.id, o.text, o.count, 0.0) for o in options]
    store_results(session, choice_id, as_results, now, keep_names=False)


@dataclass(frozen=True)
class _Seen:
    """What the store knew of a choice before this pull."""

    time_modified: int
    time_close: int
    results_fetched_at: int


def _results_due(seen: _Seen | None, choice: Choice, now: int, every: int | None) -> bool:
    if seen is None or not seen.results_fetched_at:
        return True  # never read
    if choice.time_close and now >= choice.time_close:
        return seen.results_fetched_at <= choice.time_close  # once more after it closed
    if choice.time_open and now < choice.time_open:
        return False  # nobody can answer yet
    if seen.time_modified != choice.time_modified or seen.time_close != choice.time_close:
        return True  # the poll itself changed
    return every is None or now - seen.results_fetched_at >= every


def pull_polls(
    db: Database,
    platform: Platform,
    course_ids: Sequence[int],
    now: int,
    results_every: int | None = None,
) -> PollPullReport:
    """Fetch the choices of these courses and the results that can have changed.

    `results_every` (seconds): how often an unchanged open poll's results are read
    again; None reads them at every call (the results view's refresh).
    """
    report = PollPullReport()
    choices = platform.choices(list(course_ids))
    with db.session() as s:
        seen = {
            row.id: _Seen(row.time_modified, row.time_close, row.results_fetched_at)
            for row in s.query(PollChoice).filter(PollChoice.course_id.in_(course_ids))
        }
        store_choices(s, course_ids, choices)
    report.choices = len(choices)
    for choice in choices:
        previous = seen.get(choice.id)
        if not _results_due(previous, choice, now, results_every):
            closed = bool(choice.time_close) and now >= choice.time_close
            if closed:
                report.skipped_final += 1
            else:
                report.skipped_unchanged += 1
            continue
        refresh_choice(db, platform, choice, now, report)
    log.info(
        "polls: %d choices, %d results fetched, %d final, %d failed",
        report.choices,
        report.results_fetched,
        report.skipped_final,
        len(report.failed),
    )
    return report


def refresh_choice(
    db: Database, platform: Platform, choice: Choice, now: int, report: PollPullReport | None = None
) -> None:
    """Fetch one choice's results (or, without permission, its option counts)."""
    report = report or PollPullReport()
    try:
        try:
            results = platform.choice_results(choice.id)
        except PermissionDenied:
            options = platform.choice_options(choice.id)
            with db.session() as s:
                store_options(s, choice.id, options, now)
        else:
            with db.session() as s:
                store_results(s, choice.id, results, now, keep_names=choice.publish_names)
        report.results_fetched += 1
    except (NotFound, PermissionDenied) as exc:
        report.failed[choice.id] = exc.code or type(exc).__name__
        log.warning("poll %s: results not available (%s)", choice.id, exc.code)
