"""What works: the figures match replies counted by hand on a seeded scenario.

Use A (prompt P1, forum 11): discussion 901 started at T0 = NOW - 100 h. After it:
  learner 10 at +1 h, teacher 3 at +2 h (staff), the moderator at +3 h (the account),
  learner 13 at +4 h (deleted), learner 11 at +5 h, learner 10 at +20 h,
  learner 12 at +80 h (after the first 72 h).
  -> replies 4 (72 h: 3), learners 3 (72 h: 2)
Use B (P1, forum 21): discussion 902 started NOW - 10 h; learners 13 and 14 replied.
  -> replies 2, learners 2, both in the 72 h window, which is still open
Use C (P2, forum 12): discussion 903, nobody replied -> all 0
Use D (P3, forum 13): posted, but its posts were never synced -> not measured
Per prompt: P1 2 uses, 72 h: 2.5 replies and 2.0 learners per use; P2 one use of 0.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.services.prompt_posting import PromptPoster
from moderator_app.services.prompt_rules import PromptData, PromptText
from moderator_app.services.prompt_stats import PromptStats
from moderator_app.services.prompts import SORT_EFFECT, PromptFilter, PromptService
from moderator_app.store.db import Database
from moderator_app.store.upsert import upsert_discussions, upsert_posts
from moderator_app.sync.engine import SyncEngine
from tests.services.prompt_support import MODERATOR, NOW, TEACHER, H, discussion, post
from tests.services.prompt_support import seed as seed_store
from tests.services.test_prompt_posting import Site


def prompt(title: str, kind: str) -> PromptData:
    return PromptData(kind, {"en": PromptText(title, "Talk about it in {forum}.")})


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "a.sqlite")
    seed_store(database)
    yield database
    database.close()


@pytest.fixture
def scenario(db: Database) -> dict[str, str]:
    service = PromptService(db, now=lambda: NOW)
    ids = {
        "P1": service.create(prompt("B statement", "statement")),
        "P2": service.create(prompt("A case", "case")),
        "P3": service.create(prompt("C statement", "statement")),
        "P4": service.create(prompt("D never used", "reflection")),
    }
    t0 = NOW - 100 * H
    poster = PromptPoster(db, "mila", now=lambda: t0)
    for key, forum in (("P1", 11), ("P1", 21), ("P2", 12), ("P3", 13)):
        poster.post(ids[key], "en", forum, {})
    site = Site()
    SyncEngine(db, site, account_user_id=MODERATOR, now=lambda: t0).push()  # type: ignore[arg-type]
    assert poster.refresh_uses() == 4  # discussions 901..904 in the order posted
    b0 = NOW - 10 * H
    with db.session() as s:
        upsert_discussions(
            s,
            1,
            [
                discussion(901, 11, MODERATOR, t0, last=12, modified=t0 + 80 * H, replies=7),
                discussion(903, 12, MODERATOR, t0),
                discussion(904, 13, MODERATOR, t0, last=10, modified=t0 + H, replies=1),
            ],
        )
        upsert_discussions(
            s, 2, [discussion(902, 21, MODERATOR, b0, last=14, modified=b0 + 2 * H, replies=2)]
        )
        upsert_posts(
            s,
            [
                post(9010, 901, MODERATOR, t0, parent=None),
                post(9011, 901, 10, t0 + 1 * H),
                post(9012, 901, TEACHER, t0 + 2 * H),
                post(9013, 901, MODERATOR, t0 + 3 * H),
                post(9014, 901, 13, t0 + 4 * H, deleted=True),
                post(9015, 901, 11, t0 + 5 * H),
                post(9016, 901, 10, t0 + 20 * H),
                post(9017, 901, 12, t0 + 80 * H),
                post(9020, 902, MODERATOR, b0, parent=None),
                post(9021, 902, 13, b0 + 1 * H),
                post(9022, 902, 14, b0 + 2 * H),
                post(9030, 903, MODERATOR, t0, parent=None),
            ],
        )
    return ids


def test_figures_per_use_match_the_hand_count(db: Database, scenario: dict[str, str]) -> None:
    stats = PromptStats(db, now=lambda: NOW)
    by_prompt: dict[str, list[tuple[int, int, int, int, bool]]] = {}
    for use in stats.per_use():
        by_prompt.setdefault(use.prompt_id, []).append(
            (use.replies_72h, use.learners_72h, use.replies, use.learners, use.window_open)
        )
    assert sorted(by_prompt[scenario["P1"]]) == [(2, 2, 2, 2, True), (3, 2, 4, 3, False)]
    assert by_prompt[scenario["P2"]] == [(0, 0, 0, 0, False)]
    assert scenario["P3"] not in by_prompt  # posts never synced: not measured, not zero


def test_aggregates_per_prompt_and_per_kind(db: Database, scenario: dict[str, str]) -> None:
    stats = PromptStats(db, now=lambda: NOW)
    p1 = stats.per_prompt()[scenario["P1"]]
    assert (p1.uses, p1.avg_replies_72h, p1.avg_learners_72h) == (2, 2.5, 2.0)
    assert (p1.avg_replies, p1.avg_learners) == (3.0, 2.5)
    kinds = stats.per_kind()
    assert set(kinds) == {"statement", "case"}
    assert (kinds["statement"].uses, kinds["statement"].avg_learners_72h) == (2, 2.0)
    assert (kinds["case"].uses, kinds["case"].avg_replies) == (1, 0.0)


def test_the_library_sorts_by_what_works(db: Database, scenario: dict[str, str]) -> None:
    library = PromptService(db, now=lambda: NOW).library(PromptFilter(sort=SORT_EFFECT))
    order = [p.id for p in library]
    # Measured first, best first; then the rest by title.
    assert order == [scenario[k] for k in ("P1", "P2", "P3", "P4")]
    first = library[0]
    assert (first.uses, first.avg_learners_72h, first.avg_replies_72h) == (2, 2.0, 2.5)
    assert library[2].uses == 0 and library[2].avg_learners_72h is None
    by_title = PromptService(db, now=lambda: NOW).library(PromptFilter())
    assert [p.id for p in by_title][0] == scenario["P2"]
