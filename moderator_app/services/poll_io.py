"""Sharing drafts as JSON files, and results as CSV.

The JSON format is versioned and self-describing (`format`, `version`). An import is
all or nothing: every draft in the file is checked before any is stored, and a file
that is not JSON, is someone else's format, is from a newer version or has a wrong
field imports nothing and says why (PollImportError with a code and the field's path).
Course and platform state are not exported: a colleague's courses are not ours.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from typing import Any

from moderator_app.services.json_files import ImportFileError, dump_envelope, read_envelope
from moderator_app.services.poll_results import PollResults
from moderator_app.services.poll_rules import PollData, PollOption
from moderator_app.services.polls import SessionSource, add_draft

FORMAT = "moderator-desk/poll-drafts"
VERSION = 1
MAX_FILE_BYTES = 2_000_000
MAX_DRAFTS = 500
MAX_OPTIONS_IN_FILE = 100  # more than a poll may have (30): stored, flagged by validation
MAX_TEXT = 20_000


class PollImportError(ImportFileError):
    """The file was not imported. `code`: not_json, foreign, too_new, invalid, too_big, empty."""


def export_json(polls: Sequence[PollData], exported_at: int) -> str:
    return dump_envelope(FORMAT, VERSION, "drafts", [_draft_dict(p) for p in polls], exported_at)


def _draft_dict(poll: PollData) -> dict[str, Any]:
    return {
        "question": poll.question,
        "description": poll.description,
        "options": [{"text": o.text, "max_answers": o.max_answers} for o in poll.options],
        "allow_multiple": poll.allow_multiple,
        "limit_answers": poll.limit_answers,
        "allow_update": poll.allow_update,
        "show_results": poll.show_results,
        "publish_names": poll.publish_names,
        "show_unanswered": poll.show_unanswered,
        "time_open": poll.time_open,
        "time_close": poll.time_close,
        "section": poll.section,
    }


def parse_json(text: str | bytes) -> list[PollData]:
    """The drafts in a file, or PollImportError; nothing is stored here."""
    drafts = read_envelope(
        text,
        format_name=FORMAT,
        version=VERSION,
        key="drafts",
        max_bytes=MAX_FILE_BYTES,
        max_items=MAX_DRAFTS,
        error=PollImportError,
        what="poll drafts",
    )
    return [_parse_draft(d, f"drafts[{i}]") for i, d in enumerate(drafts)]


def _parse_draft(raw: object, where: str) -> PollData:
    if not isinstance(raw, dict):
        raise PollImportError("invalid", "A draft is not an object.", where)
    get = _Reader(raw, where)
    options_raw = get.value("options", list)
    if len(options_raw) > MAX_OPTIONS_IN_FILE:
        raise PollImportError("invalid", "A draft has too many options.", f"{where}.options")
    options = []
    for i, opt in enumerate(options_raw):
        at = f"{where}.options[{i}]"
        if not isinstance(opt, dict):
            raise PollImportError("invalid", "An option is not an object.", at)
        read = _Reader(opt, at)
        options.append(PollOption(read.text("text"), read.integer("max_answers", 0, 0)))
    show = get.integer("show_results", 1, 0)
    if show > 3:
        raise PollImportError("invalid", "show_results must be 0 to 3.", f"{where}.show_results")
    return PollData(
        question=get.text("question"),
        description=get.text("description", ""),
        options=tuple(options),
        allow_multiple=get.flag("allow_multiple"),
        limit_answers=get.flag("limit_answers"),
        allow_update=get.flag("allow_update"),
        show_results=show,
        publish_names=get.flag("publish_names"),
        show_unanswered=get.flag("show_unanswered"),
        time_open=get.integer("time_open", 0, 0),
        time_close=get.integer("time_close", 0, 0),
        section=get.integer("section", 0, 0),
    )


class _Reader:
    """Typed field access that names the field when it is wrong."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        self._data = data
        self._where = where

    def value(self, key: str, kind: type, default: Any = None) -> Any:
        if key not in self._data:
            if default is None:
                raise PollImportError("invalid", f"'{key}' is missing.", self._at(key))
            return default
        value = self._data[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise PollImportError("invalid", f"'{key}' must be a {kind.__name__}.", self._at(key))
        return value

    def text(self, key: str, default: str | None = None) -> str:
        value: str = self.value(key, str, default)
        if len(value) > MAX_TEXT:
            raise PollImportError("invalid", f"'{key}' is too long.", self._at(key))
        return value

    def integer(self, key: str, default: int, minimum: int) -> int:
        value: int = self.value(key, int, default)
        if value < minimum:
            raise PollImportError("invalid", f"'{key}' is below {minimum}.", self._at(key))
        return value

    def flag(self, key: str) -> bool:
        value: bool = self.value(key, bool, False)
        return value

    def _at(self, key: str) -> str:
        return f"{self._where}.{key}"


def import_json(db: SessionSource, text: str | bytes, now: Callable[[], int]) -> list[str]:
    """Store every draft in the file as a new draft (one transaction); their new ids."""
    polls = parse_json(text)
    with db.session() as s:
        return [add_draft(s, p, now()) for p in polls]


# -- results as CSV -------------------------------------------------------------


def _cell(value: str) -> str:
    """Keep spreadsheets from running learner text as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def results_csv(results: PollResults) -> str:
    """One row per option: text, count, percentage, and who chose it where names show."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = ["option", "count", "percentage"]
    if results.names_visible:
        header.append("learners")
    writer.writerow(header)
    for option in results.options:
        row = [_cell(option.text), str(option.count), f"{option.percentage:.1f}"]
        if results.names_visible:
            row.append(_cell("; ".join(r.fullname for r in option.responses)))
        writer.writerow(row)
    return out.getvalue()
