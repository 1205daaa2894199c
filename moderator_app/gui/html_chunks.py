"""Cleaned HTML in pieces that each stand alone, to be parsed one at a time.

PySide holds the GIL for the whole of a QTextDocument.setHtml call, so parsing a 10 MB
page on a worker still stops every Python slot on the GUI thread for seconds. Parsed
piece by piece (QTextCursor.insertHtml), the worker lets go between pieces. A piece
ends only where every element opened in it is closed again, so none is cut in two;
HTML with no such place (one giant paragraph) stays one piece.
"""

from __future__ import annotations

import re

# Pieces of about this many characters: tens of milliseconds of parsing each.
CHUNK_CHARS = 50_000

# A start or end tag as the sanitiser writes it: attribute values in double quotes,
# where a '>' may stand unescaped.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9-]*)(?:[^>"]|"[^"]*")*>')
_VOID = frozenset(
    {"area", "base", "basefont", "br", "col", "embed", "hr", "img", "input", "link", "meta",
     "param", "source", "track", "wbr"}
)  # fmt: skip


def split_top_level(html: str, size: int = CHUNK_CHARS) -> list[str]:
    """``html`` (well-formed, as clean_html writes it) in pieces of about ``size``."""
    if len(html) <= size:
        return [html]
    pieces: list[str] = []
    start = depth = 0
    for match in _TAG.finditer(html):
        if match.group(2).lower() in _VOID:
            continue
        depth += -1 if match.group(1) else 1
        depth = max(depth, 0)
        if depth == 0 and match.end() - start >= size:
            pieces.append(html[start : match.end()])
            start = match.end()
    if start < len(html):
        pieces.append(html[start:])
    return pieces
