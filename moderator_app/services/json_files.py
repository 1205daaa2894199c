"""The envelope every shared JSON file has: `format`, `version`, `exported_at`, a list.

Poll drafts and prompt sets are both shared between colleagues as files. Reading one
checks the envelope first (size, JSON, whose format, which version, a non-empty list
of at most so many items) and raises an ImportFileError subclass with a code the GUI
turns into words: not_json, foreign, too_new, invalid, too_big, empty.
"""

from __future__ import annotations

import json
from typing import Any


class ImportFileError(Exception):
    """The file was not imported; nothing was stored."""

    def __init__(self, code: str, message: str, where: str = "") -> None:
        super().__init__(f"{message} ({where})" if where else message)
        self.code = code
        self.where = where  # e.g. "drafts[2].options[0].text"


def dump_envelope(
    format_name: str, version: int, key: str, items: list[dict[str, Any]], exported_at: int
) -> str:
    return json.dumps(
        {"format": format_name, "version": version, "exported_at": exported_at, key: items},
        ensure_ascii=False,
        indent=2,
    )


def read_envelope(
    data: str | bytes,
    *,
    format_name: str,
    version: int,
    key: str,
    max_bytes: int,
    max_items: int,
    error: type[ImportFileError],
    what: str,
) -> list[Any]:
    """The envelope's list of items, unchecked; `what` names them in messages ("drafts")."""
    if len(data) > max_bytes:
        raise error("too_big", f"The file is larger than {max_bytes} bytes.")
    try:
        doc = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise error("not_json", f"The file is not valid JSON: {exc}.") from None
    if not isinstance(doc, dict) or doc.get("format") != format_name:
        raise error("foreign", f"The file is not a Moderator Desk file of {what}.")
    found = doc.get("version")
    if not isinstance(found, int) or isinstance(found, bool) or found < 1:
        raise error("invalid", "The file has no valid version.", "version")
    if found > version:
        raise error("too_new", f"The file is version {found}; this app reads up to {version}.")
    items = doc.get(key)
    if not isinstance(items, list):
        raise error("invalid", f"The file has no list of {what}.", key)
    if not items:
        raise error("empty", f"The file holds no {what}.", key)
    if len(items) > max_items:
        raise error("too_big", f"The file holds more than {max_items} {what}.", key)
    return items
