"""The prompt library: seeding, listing with filters and 'what works' sorting, and the
moderator's own prompts (add, edit, duplicate, archive, tag, import, export).

Seeded prompts come from resources/prompts with a stable seed id: `ensure_seeded`
adds the ones missing (so it is safe on every start) and never touches a seeded
prompt the moderator has tagged or archived. Seeded text is not edited in place:
duplicate it to make your own version.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, select, text
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from moderator_app.platform.errors import InvalidInput, NotFound
from moderator_app.services import prompt_io
from moderator_app.services.prompt_rules import PromptData, PromptText, normalise_tags, validate
from moderator_app.services.prompt_stats import PROMPT_STATS
from moderator_app.store.db import Database
from moderator_app.store.models_prompts import (
    ORIGIN_IMPORT,
    ORIGIN_OWN,
    ORIGIN_SEED,
    Prompt,
    PromptTag,
)
from moderator_app.store.models_prompts import PromptText as PromptTextRow

SORT_TITLE = "title"
SORT_EFFECT = "effect"  # most learners in the first 72 h per use first
SORT_KIND = "kind"


class PromptInvalid(InvalidInput):
    def __init__(self, problems: Sequence[object]) -> None:
        super().__init__("the prompt breaks a rule")
        self.problems = list(problems)


class SeededReadOnly(InvalidInput):
    """A seeded prompt's text is kept as shipped; duplicate it to change it."""


@dataclass(frozen=True)
class PromptFilter:
    kind: str | None = None
    tag: str | None = None
    lang: str | None = None  # only prompts that exist in this language
    search: str = ""
    include_archived: bool = False
    sort: str = SORT_TITLE


@dataclass(frozen=True)
class PromptSummary:
    id: str
    kind: str
    title: str
    languages: tuple[str, ...]
    tags: tuple[str, ...]
    origin: str
    archived: bool
    uses: int  # measured uses (posted, posts synced)
    avg_learners_72h: float | None
    avg_replies_72h: float | None


@dataclass(frozen=True)
class PromptDetail:
    id: str
    origin: str
    archived: bool
    data: PromptData

    @property
    def editable(self) -> bool:
        return self.origin != ORIGIN_SEED


_LIBRARY = f"""
SELECT p.id, p.kind, p.origin, p.archived,
       COALESCE(
           (SELECT title FROM prompt_text WHERE prompt_id = p.id AND lang = :show_lang),
           (SELECT title FROM prompt_text WHERE prompt_id = p.id ORDER BY lang LIMIT 1)
       ) AS title,
       (SELECT group_concat(lang, ' ') FROM
            (SELECT lang FROM prompt_text WHERE prompt_id = p.id ORDER BY lang)) AS langs,
       (SELECT group_concat(tag, '|') FROM
            (SELECT tag FROM prompt_tag WHERE prompt_id = p.id ORDER BY tag)) AS tags,
       COALESCE(s.uses, 0) AS uses, s.avg_learners_72h, s.avg_replies_72h
FROM prompt p
LEFT JOIN ({PROMPT_STATS}) s ON s.prompt_id = p.id
WHERE (:archived OR p.archived = 0)
  AND (:kind IS NULL OR p.kind = :kind)
  AND (:tag IS NULL OR EXISTS (SELECT 1 FROM prompt_tag t
                               WHERE t.prompt_id = p.id AND t.tag = :tag))
  AND (:lang IS NULL OR EXISTS (SELECT 1 FROM prompt_text x
                                WHERE x.prompt_id = p.id AND x.lang = :lang))
  AND (:search = '' OR EXISTS (SELECT 1 FROM prompt_text x WHERE x.prompt_id = p.id
                               AND (x.title LIKE :search ESCAPE '\\'
                                    OR x.body LIKE :search ESCAPE '\\')))
"""

_ORDER = {
    SORT_TITLE: "ORDER BY title COLLATE NOCASE, p.id",
    SORT_KIND: "ORDER BY p.kind, title COLLATE NOCASE, p.id",
    SORT_EFFECT: (
        "ORDER BY s.avg_learners_72h IS NULL, s.avg_learners_72h DESC, "
        "s.avg_replies_72h DESC, title COLLATE NOCASE, p.id"
    ),
}


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class PromptService:
    def __init__(self, db: Database, *, now: Callable[[], int] = lambda: int(time.time())) -> None:
        self.db = db
        self.now = now

    # -- seeding ------------------------------------------------------------------

    def ensure_seeded(self, library: Sequence[PromptData] | None = None) -> int:
        """Add the shipped prompts not in the store yet; returns how many were added."""
        prompts = list(library) if library is not None else prompt_io.seed_library()
        with self.db.session() as s:
            have = set(s.scalars(select(Prompt.seed_id).where(Prompt.seed_id.is_not(None))))
            added = 0
            for prompt in prompts:
                if prompt.seed_id in have:
                    continue
                self._insert(s, prompt, ORIGIN_SEED, seed_id=prompt.seed_id)
                added += 1
            return added

    # -- reading --------------------------------------------------------------------

    def library(
        self, flt: PromptFilter = PromptFilter(), show_lang: str = "en"
    ) -> list[PromptSummary]:
        params = {
            "archived": flt.include_archived,
            "kind": flt.kind,
            "tag": flt.tag,
            "lang": flt.lang,
            "show_lang": flt.lang or show_lang,
            "search": _like(flt.search.strip()) if flt.search.strip() else "",
        }
        sql = _LIBRARY + _ORDER.get(flt.sort, _ORDER[SORT_TITLE])
        with self.db.session() as s:
            rows = s.execute(text(sql), params).mappings().all()
        return [
            PromptSummary(
                id=r["id"],
                kind=r["kind"],
                title=r["title"] or "",
                languages=tuple((r["langs"] or "").split()),
                tags=tuple(t for t in (r["tags"] or "").split("|") if t),
                origin=r["origin"],
                archived=bool(r["archived"]),
                uses=int(r["uses"]),
                avg_learners_72h=r["avg_learners_72h"],
                avg_replies_72h=r["avg_replies_72h"],
            )
            for r in rows
        ]

    def get(self, prompt_id: str) -> PromptDetail:
        with self.db.session() as s:
            return _detail(s, self._prompt(s, prompt_id))

    def tags(self) -> list[str]:
        with self.db.session() as s:
            return list(s.scalars(select(PromptTag.tag).distinct().order_by(PromptTag.tag)))

    def languages(self) -> list[str]:
        with self.db.session() as s:
            return list(
                s.scalars(select(PromptTextRow.lang).distinct().order_by(PromptTextRow.lang))
            )

    # -- the moderator's changes ------------------------------------------------------

    def create(self, data: PromptData) -> str:
        self._check(data)
        with self.db.session() as s:
            return self._insert(s, data, ORIGIN_OWN)

    def update(self, prompt_id: str, data: PromptData) -> None:
        self._check(data)
        with self.db.session() as s:
            prompt = self._prompt(s, prompt_id)
            if prompt.origin == ORIGIN_SEED:
                raise SeededReadOnly("a prompt from the shipped library cannot be edited")
            prompt.kind = data.kind
            prompt.updated_at = self.now()
            s.execute(delete(PromptTextRow).where(PromptTextRow.prompt_id == prompt_id))
            s.execute(delete(PromptTag).where(PromptTag.prompt_id == prompt_id))
            self._children(s, prompt_id, data)

    def duplicate(self, prompt_id: str) -> str:
        """An editable copy (of a seeded prompt too)."""
        with self.db.session() as s:
            data = _detail(s, self._prompt(s, prompt_id)).data
            copy = PromptData(kind=data.kind, texts=data.texts, tags=data.tags)
            return self._insert(s, copy, ORIGIN_OWN)

    def set_archived(self, prompt_id: str, archived: bool = True) -> None:
        with self.db.session() as s:
            prompt = self._prompt(s, prompt_id)
            prompt.archived = archived
            prompt.updated_at = self.now()

    def set_tags(self, prompt_id: str, tags: Sequence[str]) -> None:
        """Tagging works on every prompt, seeded ones included."""
        clean = normalise_tags(tags)
        self._check_tags(clean)
        with self.db.session() as s:
            prompt = self._prompt(s, prompt_id)
            prompt.updated_at = self.now()
            s.execute(delete(PromptTag).where(PromptTag.prompt_id == prompt_id))
            s.add_all(PromptTag(prompt_id=prompt_id, tag=t) for t in clean)

    # -- sharing ------------------------------------------------------------------------

    def import_json(self, data: str | bytes) -> list[str]:
        """Add every prompt of a shared set, in one transaction; nothing on any error."""
        prompts = prompt_io.read_set(data)
        with self.db.session() as s:
            return [self._insert(s, p, ORIGIN_IMPORT) for p in prompts]

    def export_json(self, prompt_ids: Sequence[str]) -> str:
        with self.db.session() as s:
            prompts = [_detail(s, self._prompt(s, pid)).data for pid in prompt_ids]
        return prompt_io.export_json(prompts, self.now())

    # -- helpers ------------------------------------------------------------------------

    def _check(self, data: PromptData) -> None:
        problems = validate(data)
        if problems:
            raise PromptInvalid(problems)

    def _check_tags(self, tags: tuple[str, ...]) -> None:
        problems = validate(PromptData(kind="case", texts={"en": PromptText("x", "x")}, tags=tags))
        if problems:
            raise PromptInvalid(problems)

    def _insert(self, s: Session, data: PromptData, origin: str, seed_id: str | None = None) -> str:
        now = self.now()
        prompt = Prompt(
            kind=data.kind,
            origin=origin,
            seed_id=seed_id,
            archived=False,
            created_at=now,
            updated_at=now,
        )
        s.add(prompt)
        s.flush()
        self._children(s, prompt.id, data)
        return prompt.id

    def _children(self, s: Session, prompt_id: str, data: PromptData) -> None:
        for lang, t in data.texts.items():
            s.add(
                PromptTextRow(
                    prompt_id=prompt_id, lang=lang, title=t.title.strip(), body=t.body.strip()
                )
            )
        if data.tags:
            s.execute(
                insert(PromptTag).on_conflict_do_nothing(),
                [{"prompt_id": prompt_id, "tag": t} for t in normalise_tags(data.tags)],
            )
        s.flush()

    def _prompt(self, s: Session, prompt_id: str) -> Prompt:
        prompt = s.get(Prompt, prompt_id)
        if prompt is None:
            raise NotFound(f"prompt {prompt_id} does not exist")
        return prompt


def _detail(s: Session, prompt: Prompt) -> PromptDetail:
    texts = {
        row.lang: PromptText(row.title, row.body)
        for row in s.scalars(
            select(PromptTextRow)
            .where(PromptTextRow.prompt_id == prompt.id)
            .order_by(PromptTextRow.lang)
        )
    }
    tags = tuple(
        s.scalars(
            select(PromptTag.tag).where(PromptTag.prompt_id == prompt.id).order_by(PromptTag.tag)
        )
    )
    data = PromptData(kind=prompt.kind, texts=texts, tags=tags, seed_id=prompt.seed_id)
    return PromptDetail(id=prompt.id, origin=prompt.origin, archived=prompt.archived, data=data)
