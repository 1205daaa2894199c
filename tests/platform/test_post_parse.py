"""Posts parse the same through the one-pass path and the field-by-field checked one."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from moderator_app.platform import moodle_parse as parse
from moderator_app.platform.errors import ProtocolError

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "moodle-4.2"


def recorded_posts() -> list[dict[str, Any]]:
    posts = []
    for path in sorted(FIXTURES.glob("*.json")):
        answer = json.loads(path.read_text()).get("response", {})
        body = answer.get("json", answer.get("body")) if isinstance(answer, dict) else None
        if isinstance(body, str):
            try:
                body = json.loads(body)
            except ValueError:
                continue
        if isinstance(body, dict) and isinstance(body.get("posts"), list):
            posts.extend(p for p in body["posts"] if isinstance(p, dict))
    return posts


def both(obj: dict[str, Any]) -> tuple[Any, Any]:
    reader = parse.Reader(obj, "mod_forum_get_discussion_posts")
    return parse.post(reader), parse._post_checked(reader)


def test_every_recorded_post_parses_the_same_both_ways() -> None:
    posts = recorded_posts()
    assert len(posts) >= 5
    for obj in posts:
        assert parse._post_fast(obj) is not None  # real answers take the quick path
        fast, checked = both(obj)
        assert fast == checked


@pytest.mark.parametrize(
    ("field", "value"),
    [("id", "17"), ("isdeleted", 0), ("isprivatereply", 1), ("parentid", "0")],
)
def test_unusual_but_valid_types_are_converted_by_the_checked_path(field: str, value: Any) -> None:
    obj = copy.deepcopy(recorded_posts()[0])
    obj[field] = value
    assert parse._post_fast(obj) is None
    fast, checked = both(obj)
    assert fast == checked


@pytest.mark.parametrize(
    ("field", "value"), [("id", None), ("subject", 3), ("author", []), ("attachments", None)]
)
def test_a_bad_field_is_still_named(field: str, value: Any) -> None:
    obj = copy.deepcopy(recorded_posts()[0])
    obj[field] = value
    with pytest.raises(ProtocolError, match=field):
        parse.post(parse.Reader(obj, "mod_forum_get_discussion_posts"))
