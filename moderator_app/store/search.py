"""Text search over the queue's discussions: an SQLite FTS5 index kept by triggers.

The index (migration 0006) uses the trigram tokenizer, so a search finds any piece of
text of three characters or more anywhere in the subject, the opening post, the
author's or the last poster's name, ignoring case, as the old LIKE search did, without
reading every row. Shorter searches cannot use trigrams; the queue reads those with LIKE.
"""

from __future__ import annotations

SEARCH_TABLE = "discussion_search"
SEARCH_COLUMNS = ("subject", "message", "author_fullname", "last_post_user_fullname")
# Trigrams: what the index can answer.
MIN_INDEXED_CHARS = 3


def is_search_table(name: str) -> bool:
    """The FTS table and its shadow tables (not described by the models)."""
    return name == SEARCH_TABLE or name.startswith(f"{SEARCH_TABLE}_")


def match_phrase(text: str) -> str:
    """An FTS5 query for `text` as one literal phrase (quotes doubled, no operators)."""
    return '"' + text.replace('"', '""') + '"'
