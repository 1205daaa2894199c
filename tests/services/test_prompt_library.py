"""The library: seeded once from resources, the moderator's own prompts, filters."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app.platform.errors import NotFound
from moderator_app.services import prompt_io
from moderator_app.services.prompt_rules import KINDS, PromptData, PromptText, placeholders
from moderator_app.services.prompts import (
    SORT_KIND,
    PromptFilter,
    PromptInvalid,
    PromptService,
    SeededReadOnly,
)
from moderator_app.store.db import Database

MINE = PromptData(
    kind="statement",
    texts={
        "en": PromptText("Tea or coffee?", "In {forum}: tea or coffee, and why?"),
        "nl": PromptText("Thee of koffie?", "In {forum}: thee of koffie, en waarom?"),
    },
    tags=("Warm-up", "quick"),
)


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "a.sqlite")
    yield database
    database.close()


@pytest.fixture
def service(db: Database) -> PromptService:
    return PromptService(db, now=lambda: 1000)


def test_the_shipped_library_is_bilingual_and_covers_every_kind() -> None:
    library = prompt_io.seed_library()
    assert len(library) >= 40
    assert {p.kind for p in library} == set(KINDS)
    assert len({p.seed_id for p in library}) == len(library)
    for prompt in library:
        assert set(prompt.texts) == {"en", "nl"}, prompt.seed_id
        assert prompt.tags, prompt.seed_id
        en, nl = prompt.texts["en"], prompt.texts["nl"]
        # A translation asks for the same things to be filled in.
        assert set(placeholders(en.title, en.body)) == set(placeholders(nl.title, nl.body))
    introductions = " ".join(p.texts["en"].body for p in library if p.kind == "introduction")
    for beyond_name_and_job in ("life motto", "photo", "hope to"):
        assert beyond_name_and_job in introductions


def test_seeding_is_idempotent_and_keeps_the_moderators_changes(service: PromptService) -> None:
    assert service.ensure_seeded() >= 40
    first = service.library(PromptFilter(include_archived=True))
    archived = first[0].id
    service.set_archived(archived)
    service.set_tags(first[1].id, ["mine"])
    assert service.ensure_seeded() == 0
    again = service.library(PromptFilter(include_archived=True))
    assert len(again) == len(first)
    assert next(p for p in again if p.id == archived).archived
    assert next(p for p in again if p.id == first[1].id).tags == ("mine",)


def test_a_prompt_added_to_a_later_library_arrives(service: PromptService) -> None:
    library = prompt_io.seed_library()
    service.ensure_seeded(library[:10])
    assert service.ensure_seeded(library) == len(library) - 10


def test_add_edit_duplicate_archive_and_tag(service: PromptService) -> None:
    pid = service.create(MINE)
    detail = service.get(pid)
    assert detail.editable and detail.data.tags == ("quick", "warm-up")
    service.update(pid, PromptData("case", {"nl": PromptText("Casus", "Wat doe je?")}, ("a",)))
    assert service.get(pid).data.texts == {"nl": PromptText("Casus", "Wat doe je?")}
    copy = service.duplicate(pid)
    assert copy != pid and service.get(copy).data.kind == "case"
    service.set_archived(pid)
    assert [p.id for p in service.library()] == [copy]
    assert {p.id for p in service.library(PromptFilter(include_archived=True))} == {pid, copy}
    service.set_archived(pid, False)
    service.set_tags(pid, ["Week 1", "week 1", "b"])
    assert service.get(pid).data.tags == ("b", "week 1")


def test_invalid_prompts_are_refused_and_nothing_is_stored(service: PromptService) -> None:
    with pytest.raises(PromptInvalid) as info:
        service.create(PromptData("chat", {"en": PromptText("", "x")}))
    assert {p.code for p in info.value.problems} == {"unknown_kind", "empty"}  # type: ignore[attr-defined]
    assert service.library(PromptFilter(include_archived=True)) == []
    with pytest.raises(NotFound):
        service.get("nope")


def test_seeded_text_is_read_only_but_its_copy_is_not(service: PromptService) -> None:
    service.ensure_seeded()
    seeded = service.library()[0].id
    with pytest.raises(SeededReadOnly):
        service.update(seeded, MINE)
    copy = service.duplicate(seeded)
    service.update(copy, MINE)
    assert service.get(copy).data.texts == MINE.texts


def test_filters_by_kind_tag_language_and_text(service: PromptService) -> None:
    service.ensure_seeded()
    english_only = service.create(
        PromptData("reflection", {"en": PromptText("Only English", "Hello")}, ("solo",))
    )
    assert {p.kind for p in service.library(PromptFilter(kind="case"))} == {"case"}
    assert [p.id for p in service.library(PromptFilter(tag="solo"))] == [english_only]
    dutch = service.library(PromptFilter(lang="nl"))
    assert english_only not in {p.id for p in dutch} and len(dutch) >= 40
    assert all(p.title for p in dutch)
    found = service.library(PromptFilter(search="levensmotto"))
    assert len(found) == 1 and found[0].kind == "introduction"
    assert service.library(PromptFilter(search="100%")) == []  # LIKE wildcards are literal
    by_kind = [p.kind for p in service.library(PromptFilter(sort=SORT_KIND))]
    assert by_kind == sorted(by_kind)
    shown = service.library(PromptFilter(kind="case"), show_lang="nl")
    assert any(p.title.startswith("Casus") for p in shown)
    assert "solo" in service.tags() and service.languages() == ["en", "nl"]
