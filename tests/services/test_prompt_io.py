"""Sharing prompt sets as JSON: a round trip, and a bad file imports nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from moderator_app.services.prompt_io import FORMAT, PromptImportError, seed_library
from moderator_app.services.prompt_rules import PromptData, PromptText
from moderator_app.services.prompts import PromptFilter, PromptService
from moderator_app.store.db import Database
from moderator_app.store.models_prompts import Prompt, PromptTag
from moderator_app.store.models_prompts import PromptText as PromptTextRow

GOOD = {
    "kind": "case",
    "tags": ["team"],
    "texts": {"en": {"title": "A case", "body": "What would you do in {forum}?"}},
}


@pytest.fixture
def service(tmp_path: Path) -> Iterator[PromptService]:
    db = Database.open(tmp_path / "a.sqlite")
    yield PromptService(db, now=lambda: 1000)
    db.close()


def counts(service: PromptService) -> tuple[int, int, int]:
    with service.db.session() as s:
        return tuple(  # type: ignore[return-value]
            s.scalar(select(func.count()).select_from(t)) or 0
            for t in (Prompt, PromptTextRow, PromptTag)
        )


def test_export_then_import_gives_the_same_prompts(service: PromptService) -> None:
    data = PromptData(
        "statement",
        {"en": PromptText("T {week}", "B\n\nC"), "nl": PromptText("T {week}", "B nl")},
        ("a", "b c"),
    )
    pid = service.create(data)
    exported = service.export_json([pid])
    assert json.loads(exported)["format"] == FORMAT
    new_ids = service.import_json(exported)
    assert len(new_ids) == 1 and new_ids[0] != pid
    copy = service.get(new_ids[0])
    assert copy.data.texts == data.texts and copy.data.tags == data.tags
    assert copy.origin == "import" and copy.editable


def _set(*prompts: object, version: object = 1) -> str:
    return json.dumps({"format": FORMAT, "version": version, "prompts": list(prompts)})


BAD_FILES = {
    "not_json": "{this is not json",
    "foreign": json.dumps({"format": "moderator-desk/poll-drafts", "version": 1, "drafts": []}),
    "too_new": _set(GOOD, version=2),
    "empty": _set(),
    # One good prompt and one bad one: the good one is not imported either.
    "invalid": _set(GOOD, {**GOOD, "kind": "gossip"}),
}


@pytest.mark.parametrize("code", sorted(BAD_FILES))
def test_a_bad_file_changes_nothing_and_says_why(service: PromptService, code: str) -> None:
    service.ensure_seeded()
    before = counts(service)
    with pytest.raises(PromptImportError) as info:
        service.import_json(BAD_FILES[code])
    assert info.value.code == code
    assert counts(service) == before


@pytest.mark.parametrize(
    ("prompt", "where"),
    [
        ({**GOOD, "texts": {"en": {"title": "x"}}}, "prompts[1].texts.en"),
        ({**GOOD, "texts": {"en": {"title": "", "body": "b"}}}, "prompts[1].texts.en.title"),
        ({**GOOD, "tags": "team"}, "prompts[1].tags"),
        ({**GOOD, "texts": {"english": {"title": "t", "body": "b"}}}, "prompts[1].texts.english"),
        ("just text", "prompts[1]"),
    ],
)
def test_the_error_points_at_the_broken_field(
    service: PromptService, prompt: object, where: str
) -> None:
    with pytest.raises(PromptImportError) as info:
        service.import_json(_set(GOOD, prompt))
    assert info.value.where == where
    assert counts(service) == (0, 0, 0)


def test_seed_ids_in_a_shared_file_are_ignored(service: PromptService) -> None:
    service.import_json(_set({**GOOD, "seed_id": "intro-life-motto"}))
    service.ensure_seeded()
    titles = [p.title for p in service.library(PromptFilter(kind="case"))]
    assert "A case" in titles  # the import did not block (or replace) the seeded prompt
    seeded = len([p for p in seed_library() if p.kind == "introduction"])
    assert len([p for p in service.library() if p.kind == "introduction"]) == seeded
