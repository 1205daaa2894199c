"""Redact HTML: match on the text a reader sees, change only what was found.

The parse keeps every tag and text node in order. Names are found in the reader's text
(text nodes joined; inline tags such as <b> join words, block tags such as <p> and <br>
separate them), and each found span is cut out of the text nodes it covers: the
pseudonym goes where the span starts, the tags in between stay ("Da<b>an</b>" becomes
"Blue Heron<b></b>"). Attribute values are redacted as text; a web address that names
someone (decoded, in any form) is dropped, as are mailto: and profile links. Media is
dropped unless the consent covers it. Comments, scripts and event handlers never pass.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Protocol
from urllib.parse import parse_qsl, unquote_plus, urlencode, urlsplit, urlunsplit

from moderator_app.services.reader_text import BLOCK_BREAK
from moderator_app.services.redaction_changes import Change, ChangeKind, Span

# Media that carry a picture of the work or the person; dropped without media consent.
VOID_MEDIA = frozenset({"img", "source", "track", "embed", "input"})
CONTAINER_MEDIA = frozenset({"video", "audio", "picture", "object", "iframe", "svg", "canvas"})
# Raw-text elements: their content is code, not prose, and is never forwarded.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "noscript", "template"})
URL_ATTRIBUTES = frozenset(
    {"href", "src", "srcset", "poster", "data", "action", "cite", "background", "longdesc"}
)
# Elements inside a line of text: a word runs on across them ("Da<b>an</b>").
INLINE = frozenset(
    {
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "cite",
        "code",
        "data",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "label",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
    }
)
PROFILE_LINK = re.compile(r"/user/(?:profile|view)\.php\b", re.IGNORECASE)


class TextRedactor(Protocol):
    def spans(self, source: str, where: str = "text") -> list[Span]: ...

    def names_in_address(self, address: str) -> bool: ...


@dataclass
class _TextNode:
    start: int  # in the reader's text
    data: str


def _strip_token(url: str) -> str:
    """Remove web-service tokens from a file URL: a shared post must never carry one."""
    parts = urlsplit(url)
    if "token" not in parts.query.lower():
        return url
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if "token" not in k.lower()
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


class _Parser(HTMLParser):
    def __init__(self, redactor: TextRedactor, include_media: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.redactor = redactor
        self.include_media = include_media
        self.items: list[str | _TextNode] = []
        self.reader: list[str] = []
        self.reader_length = 0
        self.attribute_changes: list[tuple[int, Change]] = []  # at reader offset
        self.dropped_media = 0
        self._skip_stack: list[str] = []  # open elements whose content is dropped

    def _break(self) -> None:
        if self.reader and self.reader[-1] != BLOCK_BREAK:
            self.reader.append(BLOCK_BREAK)
            self.reader_length += 1

    def _dropped(self, tag: str) -> bool:
        return tag in DROPPED_WITH_CONTENT or (
            not self.include_media and (tag in VOID_MEDIA or tag in CONTAINER_MEDIA)
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if self._skip_stack:
            if tag == self._skip_stack[-1] and not closed:
                self._skip_stack.append(tag)
            return
        if tag not in INLINE:
            self._break()
        if self._dropped(tag):
            if tag not in DROPPED_WITH_CONTENT:
                self.dropped_media += 1
            if not closed and tag not in VOID_MEDIA:
                self._skip_stack.append(tag)
            return
        self.items.append(self._render_start(tag, attrs, closed))

    def _change(self, change: Change) -> None:
        self.attribute_changes.append((self.reader_length, change))

    def _address(self, name: str, value: str) -> str | None:
        """The address to keep, or None when it goes (a person, a name, or script)."""
        lowered = value.strip().lower()
        if lowered.startswith("javascript:"):
            return None
        if (
            lowered.startswith("mailto:")
            or PROFILE_LINK.search(value)
            # inline data (an embedded image) is no address: its base64 is not searched
            or (
                not lowered.startswith("data:")
                and self.redactor.names_in_address(unquote_plus(value))
            )
        ):
            self._change(Change(ChangeKind.ADDRESS, "", name, 0, len(value), value))
            return None
        return _strip_token(value)

    def _render_start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
        rendered = [tag]
        for name, value in attrs:
            if name.startswith("on"):
                continue  # event handlers: never forward script
            if value is None:
                rendered.append(name)
                continue
            if name in URL_ATTRIBUTES:
                kept = self._address(name, value)
                if kept is None:
                    continue
                value = kept
            else:  # alt, title, data-*, ...: any value a reader or a script can show
                spans = self.redactor.spans(value, name)
                for span in spans:
                    self._change(span.change)
                value = _replace(value, spans)
            rendered.append(f'{name}="{html.escape(value, quote=True)}"')
        return "<" + " ".join(rendered) + (" />" if closed else ">")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_stack:
            if tag == self._skip_stack[-1]:
                self._skip_stack.pop()
            return
        if tag not in INLINE:
            self._break()
        if self._dropped(tag):
            return
        self.items.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skip_stack or not data:
            return
        self.items.append(_TextNode(self.reader_length, data))
        self.reader.append(data)
        self.reader_length += len(data)

    def handle_comment(self, data: str) -> None:
        pass  # comments are invisible but shared: drop them

    def handle_decl(self, decl: str) -> None:
        self.items.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def _replace(text: str, spans: list[Span]) -> str:
    out: list[str] = []
    last = 0
    for span in spans:
        out.append(text[last : span.start])
        out.append(span.label)
        last = span.end
    out.append(text[last:])
    return "".join(out)


def _cut(node: _TextNode, spans: list[Span]) -> str:
    """A text node with the parts of spans it holds cut out; a span's label goes where
    the span starts."""
    end = node.start + len(node.data)
    out: list[str] = []
    position = node.start
    for span in spans:
        if span.end <= node.start or span.start >= end:
            continue
        out.append(node.data[position - node.start : max(span.start, position) - node.start])
        if span.start >= node.start:
            out.append(span.label)
        position = min(span.end, end)
    out.append(node.data[position - node.start :])
    return "".join(out)


def redact_html(
    redactor: TextRedactor, source: str, *, include_media: bool
) -> tuple[str, list[Change], int]:
    """The redacted HTML, its changes in document order, and the media dropped."""
    parser = _Parser(redactor, include_media)
    parser.feed(source)
    parser.close()
    spans = redactor.spans("".join(parser.reader))
    out = [
        item if isinstance(item, str) else html.escape(_cut(item, spans), quote=False)
        for item in parser.items
    ]
    ordered = [(span.start, 1, span.change) for span in spans]
    ordered += [(at, 0, change) for at, change in parser.attribute_changes]
    ordered.sort(key=lambda entry: (entry[0], entry[1]))
    return "".join(out), [change for _, _, change in ordered], parser.dropped_media
