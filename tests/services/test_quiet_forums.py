"""Quiet forums on a hand-made store with known answers (see prompt_support.py)."""

from __future__ import annotations

from moderator_app.services import prompt_rules as r
from moderator_app.services.prompt_posting import PromptPoster
from moderator_app.services.prompts import PromptFilter, PromptService
from moderator_app.services.quiet_forums import find_quiet, suggestions
from moderator_app.store.db import Database
from tests.services.prompt_support import NOW, D


def test_quiet_forums_and_why(db: Database) -> None:
    quiet = {q.forum_id: q for q in find_quiet(db, NOW, days=7, min_posters=3)}
    assert set(quiet) == {12, 13, 16, 21}  # 11 is lively, 14 is a news forum
    never, silent = quiet[13], quiet[12]
    assert never.last_learner_post is None and never.silent
    assert never.fitting_kinds[0] == r.INTRODUCTION
    assert silent.last_learner_post == NOW - 10 * D and silent.silent
    assert silent.posters_last_week == 0
    # 21: two learners, the teacher's later post does not count as a learner's.
    assert (quiet[21].silent, quiet[21].posters_last_week, quiet[21].few_posters) == (
        False,
        2,
        True,
    )
    # 16: known only from the discussion list (its posts were never fetched).
    assert (quiet[16].silent, quiet[16].posters_last_week) == (False, 2)
    assert quiet[21].course_name == "Geschiedenis" and quiet[21].forum_name == "Discussie"
    # Quietest first: never, then longest silent.
    assert [q.forum_id for q in find_quiet(db, NOW, days=7, min_posters=3)][:2] == [13, 12]


def test_the_settings_change_the_answer(db: Database) -> None:
    assert {q.forum_id for q in find_quiet(db, NOW, days=7, min_posters=2)} == {12, 13}
    # 12's last learner post (10 days ago) is recent enough at 11 days, but nobody posted
    # there this week.
    eleven = {q.forum_id: q for q in find_quiet(db, NOW, days=11, min_posters=1)}
    assert set(eleven) == {12, 13}
    assert (eleven[12].silent, eleven[12].few_posters) == (False, True)
    # A week later, nobody has posted: everything but the news forum is quiet.
    later = {q.forum_id for q in find_quiet(db, NOW + 8 * D, days=7, min_posters=1)}
    assert later == {11, 12, 13, 16, 21}


def test_suggestions_fit_the_reason_and_prefer_prompts_not_used_in_the_course(
    db: Database,
) -> None:
    prompts = PromptService(db, now=lambda: NOW)
    prompts.ensure_seeded()
    quiet = {q.forum_id: q for q in find_quiet(db, NOW, days=7, min_posters=3)}
    first = suggestions(db, quiet[13], lang="nl")
    assert first and {s.kind for s in first} <= set(quiet[13].fitting_kinds)
    assert first[0].kind == r.INTRODUCTION and first[0].used_in_course == 0
    assert all(s.title for s in first)
    few = suggestions(db, quiet[21], lang="en")
    assert few[0].kind == r.PEER_FEEDBACK
    # Use the top suggestion in course 1: it drops behind the unused ones there only.
    used = first[0].prompt_id
    poster = PromptPoster(db, "mila", now=lambda: NOW)
    poster.post(used, "nl", 12, {"topic": "x", "week": "1"})
    again = suggestions(db, quiet[13], lang="nl", limit=50)
    assert again[-1].prompt_id == used and again[-1].used_in_course == 1
    assert [s.prompt_id for s in again[:-1]].count(used) == 0
    # Archived prompts are never suggested.
    prompts.set_archived(again[0].prompt_id)
    assert again[0].prompt_id not in {s.prompt_id for s in suggestions(db, quiet[13], lang="nl")}
    assert (
        len(prompts.library(PromptFilter()))
        == len(prompts.library(PromptFilter(include_archived=True))) - 1
    )
