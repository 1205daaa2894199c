"""Prompt sets as JSON: the seed library in resources/prompts, and files colleagues share.

One versioned, self-describing format (`format`, `version`). Reading is all or nothing:
every prompt is checked before any is returned, so an import of a file that is not
JSON, belongs to something else, comes from a newer version or has one bad prompt
stores nothing and says why (PromptImportError with a code and where).
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import Any

from moderator_app.services.json_files import ImportFileError, dump_envelope, read_envelope
from moderator_app.services.prompt_rules import (
    PromptData,
    PromptText,
    normalise_tags,
    validate,
)

FORMAT = "moderator-desk/prompts"
VERSION = 1
MAX_FILE_BYTES = 2_000_000
MAX_PROMPTS = 1000
SEED_FILE = "library.json"


class PromptImportError(ImportFileError):
    """The set was not read. `code`: not_json, foreign, too_new, invalid, too_big, empty."""


def export_json(prompts: Sequence[PromptData], exported_at: int) -> str:
    items = [_prompt_dict(p) for p in prompts]
    return dump_envelope(FORMAT, VERSION, "prompts", items, exported_at)


def _prompt_dict(prompt: PromptData) -> dict[str, Any]:
    return {
        "kind": prompt.kind,
        "tags": list(prompt.tags),
        "texts": {
            lang: {"title": text.title, "body": text.body}
            for lang, text in sorted(prompt.texts.items())
        },
    }


def read_set(data: str | bytes, *, allow_seed_ids: bool = False) -> list[PromptData]:
    """Every prompt of a set, checked; PromptImportError (and nothing) when any is wrong."""
    items = read_envelope(
        data,
        format_name=FORMAT,
        version=VERSION,
        key="prompts",
        max_bytes=MAX_FILE_BYTES,
        max_items=MAX_PROMPTS,
        error=PromptImportError,
        what="prompts",
    )
    return [_read_prompt(item, f"prompts[{i}]", allow_seed_ids) for i, item in enumerate(items)]


def _read_prompt(item: Any, where: str, allow_seed_ids: bool) -> PromptData:
    if not isinstance(item, dict):
        raise PromptImportError("invalid", "a prompt is not an object", where)
    kind = item.get("kind")
    if not isinstance(kind, str):
        raise PromptImportError("invalid", "a prompt has no kind", f"{where}.kind")
    tags = item.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise PromptImportError("invalid", "tags must be a list of words", f"{where}.tags")
    raw_texts = item.get("texts")
    if not isinstance(raw_texts, dict):
        raise PromptImportError("invalid", "a prompt has no texts", f"{where}.texts")
    texts: dict[str, PromptText] = {}
    for lang, text in raw_texts.items():
        title = text.get("title") if isinstance(text, dict) else None
        body = text.get("body") if isinstance(text, dict) else None
        if not isinstance(title, str) or not isinstance(body, str):
            raise PromptImportError(
                "invalid", "a text needs a title and a body", f"{where}.texts.{lang}"
            )
        texts[str(lang)] = PromptText(title=title, body=body)
    seed_id = item.get("seed_id") if allow_seed_ids else None
    if seed_id is not None and not isinstance(seed_id, str):
        raise PromptImportError("invalid", "a seed id must be text", f"{where}.seed_id")
    prompt = PromptData(kind=kind, texts=texts, tags=normalise_tags(tags), seed_id=seed_id)
    problems = validate(prompt)
    if problems:
        first = problems[0]
        raise PromptImportError(
            "invalid", f"a prompt breaks a rule ({first.code})", f"{where}.{first.where}"
        )
    return prompt


def seed_library() -> list[PromptData]:
    """The library shipped in resources/prompts (with stable seed ids)."""
    data = (resources.files("moderator_app.resources") / "prompts" / SEED_FILE).read_bytes()
    prompts = read_set(data, allow_seed_ids=True)
    if any(p.seed_id is None for p in prompts):
        raise PromptImportError("invalid", "every seeded prompt needs a seed_id")
    return prompts
