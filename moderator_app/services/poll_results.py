"""Results of the Choice activities in the moderator's courses, read from the store.

Sync (sync/poll_pull.py) keeps them fresh; `refresh` fetches on demand. Counts per
option, learners who answered out of the course's learners, and who chose what when
the poll publishes names and the platform showed them to this account.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select

from moderator_app.platform.base import Platform
from moderator_app.services.poll_rules import state_at_a_glance
from moderator_app.store.db import Database
from moderator_app.store.models import Course, Participant
from moderator_app.store.models_polls import (
    PUBLISHED,
    PollChoice,
    PollChoiceOption,
    PollChoiceResponse,
    PollDraft,
)
from moderator_app.sync.poll_pull import PollPullReport, pull_polls


@dataclass(frozen=True)
class Responder:
    user_id: int
    fullname: str
    time_modified: int


@dataclass(frozen=True)
class OptionResult:
    option_id: int
    text: str
    count: int
    percentage: float  # of all answers, as Moodle counts it
    responses: tuple[Responder, ...] = ()


@dataclass(frozen=True)
class ChoiceSummary:
    choice_id: int
    name: str
    course_id: int
    course_name: str
    status: str  # open | not_yet_open | closed
    draft_id: str | None  # the draft it was published from, if any
    fetched_at: int  # 0: results not fetched yet


@dataclass(frozen=True)
class PollResults:
    choice_id: int
    cmid: int
    name: str
    course_id: int
    status: str
    allow_multiple: bool
    options: tuple[OptionResult, ...]
    # Learners who answered; None when it cannot be known (anonymous, several answers each).
    answered: int | None
    enrolled: int  # learners (no staff role) in the course
    names_visible: bool
    fetched_at: int

    @property
    def total_answers(self) -> int:
        return sum(o.count for o in self.options)


class PollResultsService:
    def __init__(self, db: Database, now: Callable[[], int] | None = None) -> None:
        self._db = db
        self._now = now or (lambda: int(time.time()))

    def choices(self, course_id: int | None = None) -> list[ChoiceSummary]:
        now = self._now()
        with self._db.session() as s:
            names: dict[int, str] = {
                cid: name for cid, name in s.execute(select(Course.id, Course.fullname))
            }
            drafts: dict[int | None, str] = {
                choice_id: draft_id
                for choice_id, draft_id in s.execute(
                    select(PollDraft.choice_id, PollDraft.id).where(PollDraft.state == PUBLISHED)
                )
            }
            query = select(PollChoice).order_by(PollChoice.course_id, PollChoice.name)
            if course_id is not None:
                query = query.where(PollChoice.course_id == course_id)
            return [
                ChoiceSummary(
                    choice_id=c.id,
                    name=c.name,
                    course_id=c.course_id,
                    course_name=names.get(c.course_id, ""),
                    status=state_at_a_glance(PUBLISHED, c.time_open, c.time_close, now),
                    draft_id=drafts.get(c.id),
                    fetched_at=c.results_fetched_at,
                )
                for c in s.scalars(query)
            ]

    def results(self, choice_id: int) -> PollResults | None:
        with self._db.session() as s:
            choice = s.get(PollChoice, choice_id)
            if choice is None:
                return None
            options = s.scalars(
                select(PollChoiceOption)
                .where(PollChoiceOption.choice_id == choice_id)
                .order_by(PollChoiceOption.position)
            ).all()
            responses: dict[int, list[Responder]] = {}
            if choice.publish_names:
                rows = s.scalars(
                    select(PollChoiceResponse)
                    .where(PollChoiceResponse.choice_id == choice_id)
                    .order_by(PollChoiceResponse.fullname)
                )
                for r in rows:
                    responses.setdefault(r.option_id, []).append(
                        Responder(r.user_id, r.fullname, r.time_modified)
                    )
            enrolled = s.scalar(
                select(func.count())
                .select_from(Participant)
                .where(Participant.course_id == choice.course_id, Participant.is_staff.is_(False))
            )
            total = sum(o.count for o in options)
            results = tuple(
                OptionResult(
                    option_id=o.id,
                    text=o.text,
                    count=o.count,
                    percentage=(100.0 * o.count / total) if total else 0.0,
                    responses=tuple(responses.get(o.id, ())),
                )
                for o in options
            )
            names_visible = bool(responses)
            return PollResults(
                choice_id=choice.id,
                cmid=choice.cmid,
                name=choice.name,
                course_id=choice.course_id,
                status=state_at_a_glance(
                    PUBLISHED, choice.time_open, choice.time_close, self._now()
                ),
                allow_multiple=choice.allow_multiple,
                options=results,
                answered=_answered(results, choice.allow_multiple, names_visible),
                enrolled=int(enrolled or 0),
                names_visible=names_visible,
                fetched_at=choice.results_fetched_at,
            )

    def refresh(self, platform: Platform, course_ids: Sequence[int]) -> PollPullReport:
        """Fetch choices and results now (call from a worker thread, not the GUI thread)."""
        return pull_polls(self._db, platform, course_ids, self._now())


def _answered(options: Sequence[OptionResult], multiple: bool, names: bool) -> int | None:
    if names:
        return len({r.user_id for o in options for r in o.responses})
    total = sum(o.count for o in options)
    if not multiple or total == 0:
        return total  # one answer per learner (or nobody answered)
    return None
