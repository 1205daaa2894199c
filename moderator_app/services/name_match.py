"""Find the mentions of people in a folded text: e-mail addresses, @handles and names.

Works on `Folded` text (reader_text.py) and answers spans in it, so the caller replaces
them in the source. Pseudonym labels already in the text are left alone (a pseudonym
word that equals a name is never redacted again), and so is anything inside a mention
found earlier: addresses first, then handles, then names, longest name first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from moderator_app.services.name_forms import MIN_ALONE, Form, NameTable
from moderator_app.services.reader_text import (
    BLOCK_BREAK,
    Folded,
    Token,
    fold,
    is_word_char,
    tokens,
)

EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
HANDLE = re.compile(r"(?<![\w@.])@(\w[\w.-]*\w|\w)")
# What may stand between the words of one name: spaces, or one hyphen, apostrophe,
# underscore or dot ("Jan-Willem", "O'Brien", "daan_devries"); never a block break.
GAP = re.compile(rf"[^\S{BLOCK_BREAK}]*[-'_.]?[^\S{BLOCK_BREAK}]*")
# Arabic clitics written onto the next word: wa-, fa-, bi-, li-, ka- and the article.
ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


class Kind(StrEnum):
    NAME = "name"
    EMAIL = "email"
    HANDLE = "handle"


@dataclass(frozen=True)
class Hit:
    start: int  # folded span
    end: int
    kind: Kind
    owners: frozenset[int]  # empty: nobody in the course (an outside e-mail address)


def _free(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= s or start >= e for s, e in spans)


def _word_at(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not is_word_char(before) and not is_word_char(after)


def label_spans(folded: str, labels: list[str]) -> list[tuple[int, int]]:
    """Where pseudonyms and placeholders (`labels`, folded) already stand in the text."""
    spans: list[tuple[int, int]] = []
    for needle in labels:
        start = folded.find(needle)
        while start >= 0:
            end = start + len(needle)
            if _word_at(folded, start, end):
                spans.append((start, end))
            start = folded.find(needle, start + 1)
    return spans


class Matcher:
    def __init__(self, table: NameTable, labels: list[str]) -> None:
        self._table = table
        self._labels = [folded for folded in (fold(label) for label in labels) if folded.strip()]

    def find(self, text: Folded, source: str, *, capitals: bool = True) -> list[Hit]:
        """Every mention in `text` (the folding of `source`), in order.

        `capitals=False` drops the capital rule for short names (web addresses are
        written in lower case, and a false hit there only drops an address).
        """
        folded = text.text
        taken = label_spans(folded, self._labels)
        hits: list[Hit] = []
        for match in EMAIL.finditer(folded):
            if _free(taken, match.start(), match.end()):
                owner = self._table.emails.get(match.group())
                owners = frozenset() if owner is None else frozenset({owner})
                hits.append(Hit(match.start(), match.end(), Kind.EMAIL, owners))
                taken.append((match.start(), match.end()))
        for match in HANDLE.finditer(folded):
            owners = self._handle_owners(match.group(1))
            if owners and _free(taken, match.start(), match.end()):
                hits.append(Hit(match.start(), match.end(), Kind.HANDLE, owners))
                taken.append((match.start(), match.end()))
        unspaced = self._unspaced(text.text, taken)
        taken.extend((hit.start, hit.end) for hit in unspaced)
        hits.extend(unspaced)
        hits.extend(self._names(text, source, taken, capitals))
        return sorted(hits, key=lambda hit: hit.start)

    def _unspaced(self, folded: str, taken: list[tuple[int, int]]) -> list[Hit]:
        """Names in scripts written without spaces (Chinese, Japanese, Thai): inside words."""
        hits: list[Hit] = []
        for key in self._table.unspaced:
            needle = key[0]
            start = folded.find(needle)
            while start >= 0:
                end = start + len(needle)
                if _free(taken, start, end) and _free([(h.start, h.end) for h in hits], start, end):
                    hits.append(
                        Hit(start, end, Kind.NAME, frozenset(self._table.units[key].owners))
                    )
                start = folded.find(needle, end)
        return hits

    def _handle_owners(self, handle: str) -> frozenset[int]:
        """Whose handle is it: the person most of whose name forms it contains."""
        letters = "".join(c for c in handle if is_word_char(c))
        found: set[str] = set()
        for start in range(len(letters)):
            for end in range(start + MIN_ALONE, len(letters) + 1):
                if letters[start:end] in self._table.compact_owners:
                    found.add(letters[start:end])
        scores: dict[int, int] = {}
        for form in found:
            for user_id in self._table.compact_owners[form]:
                scores[user_id] = scores.get(user_id, 0) + len(form)
        if not scores:
            return frozenset()
        best = max(scores.values())
        return frozenset(uid for uid, score in scores.items() if score == best)

    def _names(
        self, text: Folded, source: str, taken: list[tuple[int, int]], capitals: bool
    ) -> list[Hit]:
        words = tokens(text.text)
        hits: list[Hit] = []
        index = 0
        while index < len(words):
            found = self._name_at(text, source, words, index, taken, capitals)
            if found is None:
                index += 1
                continue
            hit, length = found
            hits.append(hit)
            index += length
        return hits

    def _name_at(
        self,
        text: Folded,
        source: str,
        words: list[Token],
        index: int,
        taken: list[tuple[int, int]],
        capitals: bool,
    ) -> tuple[Hit, int] | None:
        table = self._table
        first = words[index]
        # (words, span length, plain?) -> start, end, owners
        best: tuple[int, int, bool] | None = None
        start = end = 0
        owners: set[int] = set()
        for written, shift in _unprefixed(first.text):
            for base, form in table.variants.get(written, ()):
                for key in table.by_first.get(base, ()):
                    length = len(key)
                    if index + length > len(words) or not table.alone(key):
                        continue
                    if not self._rest_matches(text.text, words, index, key):
                        continue
                    span = (first.start + shift, words[index + length - 1].end)
                    if not _free(taken, *span):
                        continue
                    if (
                        capitals
                        and table.needs_capital(key)
                        and not _capitalised(source, text.source_span(*span)[0])
                    ):
                        continue
                    score = (length, span[1] - span[0], form is Form.PLAIN)
                    if best is None or score > best:
                        best, (start, end), owners = score, span, set()
                    if score == best:
                        owners |= table.units[key].owners
        if best is None:
            return None
        return Hit(start, end, Kind.NAME, frozenset(owners)), best[0]

    def _rest_matches(
        self, folded: str, words: list[Token], index: int, key: tuple[str, ...]
    ) -> bool:
        for offset in range(1, len(key)):
            word = words[index + offset]
            if GAP.fullmatch(folded, words[index + offset - 1].end, word.start) is None:
                return False
            if not any(base == key[offset] for base, _ in self._table.variants.get(word.text, ())):
                return False
        return True


def _unprefixed(word: str) -> list[tuple[str, int]]:
    """The word, and the word without an Arabic clitic written onto it."""
    found = [(word, 0)]
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            found.append((word[len(prefix) :], len(prefix)))
    return found


def _capitalised(source: str, index: int) -> bool:
    char = source[index]
    return char.isupper() or char.lower() == char.upper()  # scripts without case count
