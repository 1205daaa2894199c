"""Moodle's HTML allowlist: known bypasses are removed, ordinary Moodle HTML is kept."""

from __future__ import annotations

import json
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from moderator_app.platform.moodle_html import clean_html

FIXTURES = Path(__file__).parents[1] / "fixtures" / "moodle-4.2"

# Each must lose everything that could run, navigate to script or fetch data inline.
BYPASSES = {
    "tab-in-scheme": '<a href="java&#9;script:alert(1)">x</a>',
    "newline-in-scheme": '<a href="java&#10;script:alert(1)">x</a>',
    "mixed-case": '<a href="JaVaScRiPt:alert(1)">x</a>',
    "leading-space": '<a href=" javascript:alert(1)">x</a>',
    "decimal-entities": '<a href="&#106;&#97;vascript:alert(1)">x</a>',
    "hex-entities-colon": '<a href="&#x6A;avascript&colon;alert(1)">x</a>',
    "vbscript": '<a href="vbscript:msgbox(1)">x</a>',
    "data-href": '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "data-img": '<img src="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" alt="x">',
    "data-video": '<video src="data:video/mp4;base64,AAAA" poster="javascript:x"></video>',
    "formaction": '<form><button formaction="javascript:alert(1)">go</button></form>',
    "formaction-input": '<input type="submit" formaction="javascript:alert(1)">',
    "srcdoc": '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "style-url": "<p style=\"background-image:url('https://evil.example/t.png')\">x</p>",
    "style-url-shorthand": '<p style="background:url(javascript:alert(1))">x</p>',
    "style-escaped": '<p style="back\\67round-image:u\\72l(https://evil.example/)">x</p>',
    "style-expression": '<p style="width:expression(alert(1))">x</p>',
    "style-comment": '<p style="width:ex/**/pression(alert(1))">x</p>',
    "style-element": "<style>@import url(https://evil.example/s.css);</style>",
    "onerror": '<img src="https://moodle.example/a.png" onerror="alert(1)">',
    "onclick-upper": '<p ONCLICK="alert(1)" onMouseOver="alert(1)">x</p>',
    "script": "<script>alert(1)</script><SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "svg": (
        '<svg onload="alert(1)"><script>alert(1)</script><a xlink:href="javascript:1">s</a></svg>'
    ),
    "svg-img": '<svg><image href="https://evil.example/t.png"/></svg>',
    "math-mglyph": "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "object": '<object data="javascript:alert(1)"></object><embed src="javascript:1">',
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "base": '<base href="javascript:/">',
    "link": '<link rel="stylesheet" href="https://evil.example/s.css">',
    "cite": '<blockquote cite="javascript:alert(1)">q</blockquote>',
    "comment": "<!--<img src=x onerror=alert(1)>-->",
    "noscript": '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "template": "<template><img src=x onerror=alert(1)></template>",
}
FORBIDDEN = (
    "javascript",
    "vbscript",
    "data:",
    "alert",
    "formaction",
    "srcdoc",
    "url(",
    "expression",
    "onerror",
    "onclick",
    "onload",
    "<svg",
    "<math",
    "<script",
    "<style",
    "<iframe",
    "<object",
    "<embed",
    "<form",
    "<button",
    "<input",
    "<meta",
    "<base",
    "<link",
    "evil.example",
)


def forbidden_in(html: str) -> list[str]:
    lowered = html.lower()
    return [word for word in FORBIDDEN if word in lowered]


@pytest.mark.parametrize("html", BYPASSES.values(), ids=BYPASSES.keys())
def test_bypasses_are_removed(html: str) -> None:
    assert forbidden_in(html), "the case must contain something to remove"
    assert forbidden_in(clean_html(html)) == []


class _Shape(HTMLParser):
    """A document as (tag, attributes) and text events, for 'same meaning' checks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Any] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.events.append((tag, sorted((k, v or "") for k, v in attrs)))

    def handle_endtag(self, tag: str) -> None:
        self.events.append(f"/{tag}")

    def handle_data(self, data: str) -> None:
        if self.events and isinstance(self.events[-1], list):
            self.events[-1].append(data)
        else:
            self.events.append([data])


def shape(html: str) -> list[Any]:
    parser = _Shape()
    parser.feed(html)
    parser.close()
    return parser.events


ORDINARY = {
    "paragraphs": "<p>Hallo <strong>allemaal</strong>, <em>welkom</em> &amp; succes!<br>Tot zo</p>",
    "lists": '<ol start="3"><li>een</li><li>twee<ul><li>a</li></ul></li></ol>',
    "table": (
        '<table border="1" class="generaltable"><caption>Rooster</caption>'
        '<thead><tr><th scope="col">Dag</th></tr></thead>'
        '<tbody><tr><td colspan="2" style="text-align:center">ma</td></tr></tbody></table>'
    ),
    "links": (
        '<a href="https://moodle.example/mod/forum/view.php?id=3&amp;p=1" target="_blank">'
        'forum</a> <a href="mailto:docent@school.example">mail</a> '
        '<a href="/mod/page/view.php?id=9">relatief</a>'
    ),
    "image": (
        '<img src="https://moodle.example/pluginfile.php/12/mod_forum/post/7/foto.png"'
        ' alt="foto" width="320" height="200" class="img-fluid">'
    ),
    "headings": '<h3>Opdracht</h3><h4 style="color:#333">Deel 1</h4>',
    "code": "<pre><code>if a &lt; b:\n    print(a)</code></pre><p><code>x</code></p>",
    "span-class": '<span class="badge badge-info">nieuw</span>',
    "multilang": (
        '<span lang="nl" class="multilang">Hoi</span><span lang="en" class="multilang">Hi</span>'
    ),
    "quote": '<blockquote cite="https://site.example/">Citaat</blockquote><q>kort</q>',
    "media": (
        '<video controls="true" width="400">'
        '<source src="https://moodle.example/v.mp4" type="video/mp4"></video>'
    ),
    "moodle-extras": "<nolink>$$x$$</nolink> <tex>x^2</tex>",
}


@pytest.mark.parametrize("html", ORDINARY.values(), ids=ORDINARY.keys())
def test_ordinary_moodle_html_keeps_its_meaning(html: str) -> None:
    assert shape(clean_html(html)) == shape(html)


def _html_fields(value: object) -> Iterator[str]:
    if isinstance(value, dict):
        for key, item in value.items():
            if key in {"message", "intro", "text"} and isinstance(item, str) and "<" in item:
                yield item
            else:
                yield from _html_fields(item)
    elif isinstance(value, list):
        for item in value:
            yield from _html_fields(item)


def test_html_recorded_from_a_real_moodle_passes_unchanged() -> None:
    bodies = [
        body
        for path in sorted(FIXTURES.glob("*.json"))
        for body in _html_fields(json.loads(path.read_text(encoding="utf-8")))
    ]
    assert len(bodies) > 50
    changed = [body for body in bodies if clean_html(body) != body]
    assert changed == []


def test_only_a_new_tab_target_survives() -> None:
    assert 'target="_blank"' in clean_html('<a href="https://x.example" target="_blank">x</a>')
    assert "target" not in clean_html('<a href="https://x.example" target="_top">x</a>')


def test_style_keeps_safe_properties_and_drops_the_rest() -> None:
    cleaned = clean_html(
        '<p style="COLOR: red; position: fixed; background-image: url(https://e.example/); '
        'font-weight: bold">x</p>'
    )
    assert cleaned == '<p style="color:red;font-weight:bold">x</p>'
