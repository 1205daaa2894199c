"""What the app sends survives Moodle's own cleaning (clean_text / purify_html).

platform/moodle_html.py follows Moodle's HTML Purifier allowlist; here the real site's
cleaning runs over what clean_html kept (ordinary Moodle HTML and every HTML body in the
recorded answers) and must keep the same elements, attributes and text. Moodle writes
XHTML (<br />), ends style values with ';', gives boolean attributes an empty value and
adds rel="noreferrer noopener" to target=_blank links: those are not differences.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from moderator_app.platform.moodle_html import clean_html
from tests.live.cases import PHP_DIR
from tests.live.lab import Lab
from tests.platform.test_moodle_html import FIXTURES, ORDINARY, _html_fields, shape

PURIFY = PHP_DIR / "purify.php"
BOOLEAN = {"controls", "autoplay", "loop", "muted", "playsinline", "default", "nowrap"}
VOID_ENDS = {"/br", "/img", "/hr", "/col", "/source", "/track", "/basefont"}  # from "<br />"


def meaning(html: str) -> list[Any]:
    events = [e for e in shape(html) if not (isinstance(e, str) and e in VOID_ENDS)]
    for event in events:
        if isinstance(event, tuple):
            tag, attrs = event
            attrs[:] = [
                (k, "" if k in BOOLEAN else v.rstrip(";").replace("; ", ";") if k == "style" else v)
                for k, v in attrs
                if k != "rel"
            ]
    return events


def test_what_we_send_is_what_moodle_keeps(lab: Lab) -> None:
    bodies = list(ORDINARY.values()) + [
        body
        for path in sorted(Path(FIXTURES).glob("*.json"))
        for body in _html_fields(json.loads(path.read_text(encoding="utf-8")))
    ]
    ours = [clean_html(body) for body in bodies]
    kept = lab.php(PURIFY, env={"MD_HTML_JSON": json.dumps(ours)})
    assert len(kept) == len(ours)
    changed = [(a, b) for a, b in zip(ours, kept, strict=True) if meaning(a) != meaning(b)]
    assert changed == []
