"""Strip the parts of platform HTML that must never reach the reading pane.

QTextBrowser runs no scripts, but a <script> or <style> body would still show as text,
and embedded frames/objects have no business in a moderator's reading pane. Whole
elements (with their content) are dropped; every other tag passes through to Qt's
limited rich-text engine, and remote resources are refused by SafeTextBrowser.
"""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

# Dropped together with everything inside them.
DROP_WITH_CONTENT = frozenset(
    {
        "script",
        "iframe",
        "object",
        "embed",
        "style",
        "noscript",
        "template",
        "frame",
        "frameset",
        "applet",
    }
)
# Dropped as tags (they have no content worth showing).
DROP_TAG = frozenset(
    {
        "link",
        "meta",
        "base",
        "form",
        "input",
        "button",
        "textarea",
        "select",
        "option",
        "param",
        "source",
        "audio",
        "video",
    }
)
_VOID = frozenset(
    {
        "area",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "base",
    }
)


class _Cleaner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._skip_depth = 0  # > 0 while inside a dropped element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in DROP_WITH_CONTENT:
            if tag not in _VOID:
                self._skip_depth += 1
            return
        if self._skip_depth or tag in DROP_TAG:
            return
        self.out.append(_tag(tag, attrs, close=False))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_depth or tag in DROP_WITH_CONTENT or tag in DROP_TAG:
            return
        self.out.append(_tag(tag, attrs, close=True))

    def handle_endtag(self, tag: str) -> None:
        if tag in DROP_WITH_CONTENT:
            if tag not in _VOID and self._skip_depth:
                self._skip_depth -= 1
            return
        if self._skip_depth or tag in DROP_TAG or tag in _VOID:
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.out.append(escape(data, quote=False))

    def handle_entityref(self, name: str) -> None:
        if not self._skip_depth:
            self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if not self._skip_depth:
            self.out.append(f"&#{name};")


def _tag(tag: str, attrs: list[tuple[str, str | None]], *, close: bool) -> str:
    # Event handlers are meaningless to Qt, but keep the markup honest anyway.
    kept = [(k, v) for k, v in attrs if not k.startswith("on")]
    rendered = "".join(
        f' {k}="{escape(v, quote=True)}"' if v is not None else f" {k}" for k, v in kept
    )
    return f"<{tag}{rendered}{' /' if close else ''}>"


def clean_html(html: str) -> str:
    """Return ``html`` without scripts, frames, objects, embeds and style sheets."""
    cleaner = _Cleaner()
    cleaner.feed(html)
    cleaner.close()
    return "".join(cleaner.out)
