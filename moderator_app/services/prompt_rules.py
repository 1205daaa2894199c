"""What a prompt is, and the pure rules on it: kinds, validation, placeholders, preview.

A prompt's text is plain text (paragraphs separated by a blank line) with
placeholders such as {course}, {forum}, {week} and {topic}. Before posting, every
placeholder in the title and the text must be filled; the message goes to Moodle as
HTML made by the same conversion the outbox uses for replies, so the preview is what
the forum will show.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape

from moderator_app.services.outbox import plain_to_html

INTRODUCTION = "introduction"
REFLECTION = "reflection"
STATEMENT = "statement"
CASE = "case"
PRACTICE_TRANSFER = "practice_transfer"
PEER_FEEDBACK = "peer_feedback"
WEEK_CLOSING = "week_closing"
KINDS = (
    INTRODUCTION,
    REFLECTION,
    STATEMENT,
    CASE,
    PRACTICE_TRANSFER,
    PEER_FEEDBACK,
    WEEK_CLOSING,
)

# Filled from the forum the prompt is posted in, never typed by the moderator.
TARGET_PLACEHOLDERS = ("course", "forum")
KNOWN_PLACEHOLDERS = ("course", "forum", "week", "topic")

MAX_TITLE = 200
MAX_BODY = 10_000
MAX_TAG = 40
MAX_TAGS = 20

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]{0,30})\}")
_LANG = re.compile(r"^[a-z]{2}$")
_TAG_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class PromptText:
    title: str
    body: str


@dataclass(frozen=True)
class PromptData:
    """A prompt as the editor, the JSON files and the seed library describe it."""

    kind: str
    texts: Mapping[str, PromptText]  # language code -> text
    tags: tuple[str, ...] = ()
    seed_id: str | None = None


@dataclass(frozen=True)
class Problem:
    """A rule a prompt breaks. `where`: "kind", "tags", "texts.nl.title", ..."""

    where: str
    code: str  # unknown_kind, no_text, bad_lang, empty, too_long, bad_tag, too_many_tags


class MissingPlaceholders(Exception):
    """Some placeholders are not filled; `names` says which (sorted)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = tuple(sorted(set(names)))
        super().__init__("not filled: " + ", ".join("{" + n + "}" for n in self.names))


@dataclass(frozen=True)
class Filled:
    subject: str
    message_html: str
    values: Mapping[str, str] = field(default_factory=dict)


def normalise_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Lower case, single spaces, no duplicates, in the order given."""
    seen: dict[str, None] = {}
    for tag in tags:
        clean = _TAG_SPACE.sub(" ", tag).strip().lower()
        if clean:
            seen.setdefault(clean, None)
    return tuple(seen)


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags typed as "a, b, c"."""
    return normalise_tags(text.split(","))


def validate(prompt: PromptData) -> list[Problem]:
    problems: list[Problem] = []
    if prompt.kind not in KINDS:
        problems.append(Problem("kind", "unknown_kind"))
    if not prompt.texts:
        problems.append(Problem("texts", "no_text"))
    for lang, text in prompt.texts.items():
        where = f"texts.{lang}"
        if not _LANG.match(lang):
            problems.append(Problem(where, "bad_lang"))
        for name, value, limit in (("title", text.title, MAX_TITLE), ("body", text.body, MAX_BODY)):
            if not value.strip():
                problems.append(Problem(f"{where}.{name}", "empty"))
            elif len(value) > limit:
                problems.append(Problem(f"{where}.{name}", "too_long"))
    if len(prompt.tags) > MAX_TAGS:
        problems.append(Problem("tags", "too_many_tags"))
    if any(not tag or len(tag) > MAX_TAG for tag in prompt.tags):
        problems.append(Problem("tags", "bad_tag"))
    return problems


def placeholders(*texts: str) -> tuple[str, ...]:
    """The placeholder names in the texts, in order of first appearance."""
    seen: dict[str, None] = {}
    for text in texts:
        for match in _PLACEHOLDER.finditer(text):
            seen.setdefault(match.group(1), None)
    return tuple(seen)


def fill_text(text: str, values: Mapping[str, str]) -> str:
    """Replace every placeholder; MissingPlaceholders when one has no non-blank value."""
    missing = [n for n in placeholders(text) if not values.get(n, "").strip()]
    if missing:
        raise MissingPlaceholders(missing)
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)].strip(), text)


def fill(text: PromptText, values: Mapping[str, str]) -> Filled:
    """The subject and the Moodle HTML of a prompt with its placeholders filled.

    Refuses (MissingPlaceholders, naming all of them) when any placeholder in the title
    or the text is left open. Values are plain text: they are escaped like the rest.
    """
    missing = [n for n in placeholders(text.title, text.body) if not values.get(n, "").strip()]
    if missing:
        raise MissingPlaceholders(missing)
    subject = fill_text(text.title, values)
    body = fill_text(text.body, values)
    used = {n: values[n].strip() for n in placeholders(text.title, text.body)}
    return Filled(subject=subject, message_html=plain_to_html(body), values=used)


def preview_html(filled: Filled) -> str:
    """The post as the forum shows it: the subject as a heading above the message."""
    return f"<h3>{escape(filled.subject)}</h3>{filled.message_html}"
