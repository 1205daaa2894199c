"""Text as a reader sees it, folded for matching names, with a way back to the source.

Folding is per character so every folded character knows where it came from: NFKD,
accents and other combining marks dropped, casefold; invisible characters (zero-width
spaces and joiners, bidi controls, soft hyphens: Unicode format characters, and the
Arabic tatweel that only stretches a word) are dropped; every apostrophe becomes ' and
every dash -. A name and a text folded the same way compare equal however they were
typed.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = frozenset("'\u2019\u2018\u02bc\u02b9\u2032\u00b4`\uff07\u055a\u201b")
DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2212\ufe63\uff0d")
STRETCH = frozenset("\u0640")  # Arabic tatweel: lengthens a word, changes nothing
# Where HTML blocks meet: a word never runs across it, whitespace never bridges it.
BLOCK_BREAK = "\u2029"


def invisible(char: str) -> bool:
    return unicodedata.category(char) == "Cf" or char in STRETCH


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """The folded form of one character ('' when a reader does not see it)."""
    if char == BLOCK_BREAK:
        return char
    if invisible(char):
        return ""
    if char in APOSTROPHES:
        return "'"
    if char in DASHES:
        return "-"
    decomposed = unicodedata.normalize("NFKD", char)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return "".join(c for c in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(c))


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def is_word_char(char: str) -> bool:
    """Letters, digits and spacing marks (Indic vowel signs) make words; '_' does not."""
    return char != "_" and (char.isalnum() or unicodedata.category(char).startswith("M"))


@dataclass(frozen=True)
class Folded:
    """`text` folded; `origin[i]` is the index in the source of folded character i."""

    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, source: str) -> Folded:
        chars: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(source):
            folded = fold_char(char)
            chars.append(folded)
            origin.extend([index] * len(folded))
        return cls("".join(chars), tuple(origin))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source span [start, end) of folded characters start..end-1."""
        return self.origin[start], self.origin[end - 1] + 1


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # in the folded text
    end: int


def tokens(folded: str) -> list[Token]:
    """The words of a folded text, in order."""
    found: list[Token] = []
    start = -1
    for index, char in enumerate(folded):
        if is_word_char(char):
            if start < 0:
                start = index
        elif start >= 0:
            found.append(Token(folded[start:index], start, index))
            start = -1
    if start >= 0:
        found.append(Token(folded[start:], start, len(folded)))
    return found


def words(folded: str) -> list[str]:
    return [token.text for token in tokens(folded)]
