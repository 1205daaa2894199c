"""Results pulled from recorded Moodle 4.2 answers (fixtures 062, 064, 065) into the store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from moderator_app.platform import types as pt
from moderator_app.platform.moodle import MoodleClient
from moderator_app.services.poll_results import PollResultsService
from moderator_app.store.db import Database
from moderator_app.store.models_polls import PollChoice, PollChoiceResponse
from moderator_app.store.upsert import replace_participants
from moderator_app.sync.poll_pull import PollPullReport, pull_polls
from tests.replay_server import ReplayServer
from tests.services.polls_support import NOW, Clock, poll_db

__all__ = ["poll_db"]

LEARNERS = [5, 6, 7, 8, 9, 10, 11, 12]  # eight learners; seven answered in the recording


@pytest.fixture
def recorded() -> Iterator[ReplayServer]:
    with ReplayServer(
        ["062-choices-by-courses", "064-choice-results-names", "065-choice-results-anonymous"],
        match="subset",
    ) as server:
        yield server


@pytest.fixture
def service(poll_db: Database, recorded: ReplayServer) -> PollResultsService:
    with poll_db.session() as s:
        people = [pt.Participant(u, 2, f"Learner {u}", roles=("student",)) for u in LEARNERS]
        people.append(pt.Participant(3, 2, "Teacher", roles=("editingteacher",)))
        replace_participants(s, 2, people)
    results = PollResultsService(poll_db, now=Clock())
    report = results.refresh(MoodleClient(recorded.url, "token", lang="nl"), [2])
    assert (report.choices, report.results_fetched, report.failed) == (2, 2, {})
    return results


def test_every_choice_of_the_course_is_listed(service: PollResultsService) -> None:
    listed = service.choices()
    assert [(c.choice_id, c.name, c.status) for c in listed] == [
        (2, "Hoe veilig voel je je om feedback te geven?", "open"),
        (1, "Wanneer past het live-webinar jou het best?", "open"),
    ]
    assert all(c.fetched_at == NOW for c in listed)


def test_named_results_match_the_recording(service: PollResultsService) -> None:
    results = service.results(1)
    assert results is not None
    assert [(o.text, o.count) for o in results.options] == [
        ("Dinsdagavond 19:30", 3),
        ("Woensdagochtend 9:00", 2),
        ("Donderdagmiddag 14:00", 2),
    ]
    assert [round(o.percentage, 4) for o in results.options] == [42.8571, 28.5714, 28.5714]
    assert results.names_visible
    assert [r.fullname for r in results.options[0].responses] == [
        "Eva Meijer",
        "Lars de Boer",
        "Sanne Jansen",
    ]
    assert [r.user_id for r in results.options[2].responses] == [10, 7]
    assert (results.answered, results.enrolled) == (7, 8)


def test_anonymous_results_have_counts_but_no_names(
    service: PollResultsService, poll_db: Database
) -> None:
    results = service.results(2)
    assert results is not None
    assert [(o.text, o.count) for o in results.options] == [
        ("Heel veilig", 3),
        ("Redelijk veilig", 2),
        ("Niet veilig", 2),
    ]
    assert not results.names_visible
    assert all(o.responses == () for o in results.options)
    assert (results.answered, results.enrolled) == (7, 8)
    with poll_db.session() as s:
        stored = s.scalar(
            select(func.count())
            .select_from(PollChoiceResponse)
            .where(PollChoiceResponse.choice_id == 2)
        )
    assert stored == 0


def test_a_choice_removed_from_the_course_goes_from_the_store(
    service: PollResultsService, poll_db: Database
) -> None:
    from moderator_app.sync.poll_pull import store_choices

    with poll_db.session() as s:
        store_choices(s, [2], [])
        assert s.scalar(select(func.count()).select_from(PollChoice)) == 0
        assert s.scalar(select(func.count()).select_from(PollChoiceResponse)) == 0
    assert service.results(1) is None


class FakeChoices:
    """Just the Platform calls pull_polls makes, counting results requests."""

    def __init__(self, choice: pt.Choice, *, results_allowed: bool = True) -> None:
        self.choice = choice
        self.results_allowed = results_allowed
        self.results_calls = 0

    def choices(self, course_ids: list[int]) -> list[pt.Choice]:
        return [self.choice]

    def choice_results(self, choice_id: int) -> list[pt.ChoiceOptionResult]:
        from moderator_app.platform.errors import PermissionDenied

        self.results_calls += 1
        if not self.results_allowed:
            raise PermissionDenied("no", code="nopermissions")
        responses = (pt.ChoiceResponse(5, "Sanne", NOW), pt.ChoiceResponse(6, "Daan", NOW))
        return [
            pt.ChoiceOptionResult(31, "A", 2, 66.7, responses),
            pt.ChoiceOptionResult(32, "B", 1, 33.3, (pt.ChoiceResponse(5, "Sanne", NOW),)),
        ]

    def choice_options(self, choice_id: int) -> list[pt.ChoiceOption]:
        return [pt.ChoiceOption(31, "A", count=4), pt.ChoiceOption(32, "B", count=1)]


def test_closed_choice_is_not_fetched_again_once_final(poll_db: Database) -> None:
    clock = Clock()
    choice = pt.Choice(9, 90, 2, "Closed", time_close=NOW + 10, publish_names=True)
    platform = FakeChoices(choice)
    service = PollResultsService(poll_db, now=clock)
    service.refresh(platform, [2])  # type: ignore[arg-type]
    clock.now = NOW + 20
    service.refresh(platform, [2])  # type: ignore[arg-type]  # closed, last fetch before close
    report = service.refresh(platform, [2])  # type: ignore[arg-type]
    assert platform.results_calls == 2
    assert report.skipped_final == 1
    results = service.results(9)
    assert results is not None and results.status == "closed"


def test_multiple_answers_count_distinct_learners_when_names_show(poll_db: Database) -> None:
    choice = pt.Choice(9, 90, 2, "Pick any", allow_multiple=True, publish_names=True)
    PollResultsService(poll_db, now=Clock()).refresh(FakeChoices(choice), [2])  # type: ignore[arg-type]
    results = PollResultsService(poll_db, now=Clock()).results(9)
    assert results is not None
    assert (results.total_answers, results.answered) == (3, 2)


def test_anonymous_multiple_answers_cannot_tell_how_many_answered(poll_db: Database) -> None:
    choice = pt.Choice(9, 90, 2, "Pick any", allow_multiple=True, publish_names=False)
    PollResultsService(poll_db, now=Clock()).refresh(FakeChoices(choice), [2])  # type: ignore[arg-type]
    results = PollResultsService(poll_db, now=Clock()).results(9)
    assert results is not None
    assert results.answered is None and not results.names_visible


def test_without_permission_to_read_results_counts_come_from_the_options(
    poll_db: Database,
) -> None:
    choice = pt.Choice(9, 90, 2, "Q", publish_names=True)
    platform = FakeChoices(choice, results_allowed=False)
    PollResultsService(poll_db, now=Clock()).refresh(platform, [2])  # type: ignore[arg-type]
    results = PollResultsService(poll_db, now=Clock()).results(9)
    assert results is not None
    assert [(o.text, o.count) for o in results.options] == [("A", 4), ("B", 1)]
    assert results.answered == 5 and not results.names_visible


def _pull(db: Database, platform: object, now: int, every: int | None) -> PollPullReport:
    return pull_polls(db, platform, [2], now, results_every=every)  # type: ignore[arg-type]


def test_an_unchanged_open_poll_is_read_again_only_at_the_cadence(poll_db: Database) -> None:
    platform = FakeChoices(pt.Choice(9, 90, 2, "Open", time_modified=100))
    _pull(poll_db, platform, NOW, 3600)
    report = _pull(poll_db, platform, NOW + 3599, 3600)
    assert (platform.results_calls, report.skipped_unchanged) == (1, 1)
    _pull(poll_db, platform, NOW + 3600, 3600)
    assert platform.results_calls == 2
    _pull(poll_db, platform, NOW + 3601, None)  # the results view's refresh: always
    assert platform.results_calls == 3


def test_a_poll_changed_on_the_site_is_read_at_once(poll_db: Database) -> None:
    platform = FakeChoices(pt.Choice(9, 90, 2, "Open", time_modified=100))
    _pull(poll_db, platform, NOW, 3600)
    platform.choice = pt.Choice(9, 90, 2, "Open", time_modified=200)
    _pull(poll_db, platform, NOW + 60, 3600)
    assert platform.results_calls == 2


def test_a_poll_not_yet_open_is_read_once_then_waits_for_its_opening(poll_db: Database) -> None:
    platform = FakeChoices(pt.Choice(9, 90, 2, "Later", time_open=NOW + 7200))
    for minutes in (0, 61, 119):
        _pull(poll_db, platform, NOW + minutes * 60, 3600)
    assert platform.results_calls == 1
    _pull(poll_db, platform, NOW + 7200, 3600)
    assert platform.results_calls == 2
