"""Moodle's own HTML allowlist, applied with ammonia (nh3) wherever post HTML crosses.

One allowlist for both directions: what the reading pane shows and what the app sends
to learners (replies, prompts, shared copies, messages). It follows the HTML Purifier
configuration of Moodle 4.2 (lib/weblib.php ``purify_html``: XHTML 1.0 Transitional
with Moodle's extras ``nolink``, ``tex``, ``algebra``, ``lang``, ruby and the media
elements, and its URI schemes), so what we send survives Moodle's own cleaning
unchanged in meaning, and nothing gets through here that Moodle would drop.

Stricter than Moodle in a few places, on purpose:
- no ``id`` or ``name`` (Moodle drops ``id`` too unless a caller asks for it);
- ``style`` keeps only properties that cannot carry a URL (Moodle allows
  ``background-image: url(https://...)``, which would make a reader fetch from a host
  of the poster's choosing);
- no ``longdesc`` or ``contenteditable``.

An allowlist, not a denylist: an element or attribute not named here is removed,
whatever its spelling, entity encoding or case (the HTML is parsed by html5ever first,
and URLs are parsed before their scheme is checked, so ``java&#9;script:`` is
``javascript:`` and is dropped).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import nh3

__all__ = ["ALLOWED_TAGS", "URL_SCHEMES", "clean_html"]

# Moodle's URI.AllowedSchemes. Relative URLs (a page on the same site) pass too, as in
# Moodle; 'data:' and 'javascript:' are not schemes here, so such URLs are removed.
URL_SCHEMES = frozenset(
    {
        "http",
        "https",
        "ftp",
        "irc",
        "nntp",
        "news",
        "rtsp",
        "rtmp",
        "teamspeak",
        "gopher",
        "mms",
        "mailto",
    }
)

# HTML Purifier's XHTML 1.0 Transitional elements (Moodle's doctype).
_XHTML_TRANSITIONAL = {
    "a", "abbr", "acronym", "address", "b", "basefont", "bdo", "big", "blockquote",
    "br", "caption", "center", "cite", "code", "col", "colgroup", "dd", "del", "dfn",
    "dir", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "menu", "ol", "p", "pre", "q", "s", "samp",
    "small", "span", "strike", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "tt", "u", "ul", "var",
}  # fmt: skip
# What purify_html adds: filter markers, multilang, ruby, and HTML5 media.
_MOODLE_EXTRAS = {
    "nolink", "tex", "algebra", "lang",
    "ruby", "rb", "rbc", "rp", "rt", "rtc",
    "video", "audio", "source", "track",
}  # fmt: skip
ALLOWED_TAGS = frozenset(_XHTML_TRANSITIONAL | _MOODLE_EXTRAS)

# Removed together with everything inside them: their content is code, a fallback for
# something we do not show, or (svg, math) a known way round HTML sanitisers.
_DROP_WITH_CONTENT = {
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
    "noscript", "noembed", "noframes", "template", "svg", "math", "textarea",
    "select", "button", "title", "xmp", "plaintext",
}  # fmt: skip

# HTML Purifier's Common attributes less id and contenteditable.
_COMMON = {"class", "title", "style", "dir", "lang"}
_CELL = {"align", "valign", "charoff"}
_MEDIA = {"src", "crossorigin", "preload", "autoplay", "loop", "muted", "controls"}
_ATTRIBUTES: Mapping[str, set[str]] = {
    "*": _COMMON,
    "a": {"href", "rel", "rev"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "del": {"cite"},
    "ins": {"cite"},
    "img": {"src", "alt", "width", "height", "align", "border", "hspace", "vspace"},
    "basefont": {"color", "face", "size"},
    "font": {"color", "face", "size"},
    "br": {"clear"},
    "div": {"align"},
    "p": {"align"},
    "h1": {"align"},
    "h2": {"align"},
    "h3": {"align"},
    "h4": {"align"},
    "h5": {"align"},
    "h6": {"align"},
    "hr": {"align", "noshade", "size", "width"},
    "pre": {"width"},
    "caption": {"align"},
    "ol": {"compact", "start", "type"},
    "ul": {"compact", "type"},
    "li": {"value", "type"},
    "dl": {"compact"},
    "dir": {"compact"},
    "menu": {"compact"},
    "rt": {"rbspan"},
    "table": {
        "border",
        "cellpadding",
        "cellspacing",
        "frame",
        "rules",
        "summary",
        "width",
        "align",
        "bgcolor",
    },  # fmt: skip
    "col": {"span", "width"} | _CELL,
    "colgroup": {"span", "width"} | _CELL,
    "thead": _CELL,
    "tbody": _CELL,
    "tfoot": _CELL,
    "tr": _CELL | {"bgcolor"},
    "td": {"abbr", "colspan", "rowspan", "scope", "bgcolor", "height", "nowrap", "width"} | _CELL,
    "th": {"abbr", "colspan", "rowspan", "scope", "bgcolor", "height", "nowrap", "width"} | _CELL,
    "video": _MEDIA | {"poster", "playsinline", "width", "height"},
    "audio": _MEDIA,
    "source": {"src", "type"},
    "track": {"src", "kind", "srclang", "label", "default"},
}
# Moodle's Attr.AllowedFrameTargets: a link may open a new tab and nothing else.
_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}

# HTML Purifier's CSS properties less those that take a url(): background,
# background-image, list-style and list-style-image.
_STYLE_PROPERTIES = {
    "text-align", "border-top-style", "border-left-style", "border-right-style",
    "border-bottom-style", "border-style", "clear", "float", "font-style",
    "font-variant", "list-style-position", "list-style-type", "text-transform",
    "color", "background-repeat", "background-attachment", "background-position",
    "background-size", "background-color", "border-right-color", "border-left-color",
    "border-bottom-color", "border-top-color", "border-color", "border-right-width",
    "border-left-width", "border-bottom-width", "border-top-width", "border-width",
    "letter-spacing", "word-spacing", "font-size", "line-height", "margin-right",
    "margin-left", "margin-bottom", "margin-top", "margin", "padding-right",
    "padding-left", "padding-bottom", "padding-top", "padding", "text-indent",
    "height", "width", "min-height", "min-width", "max-height", "max-width",
    "text-decoration", "font-family", "font-weight", "font", "border-right",
    "border-left", "border-top", "border-bottom", "border", "border-collapse",
    "caption-side", "table-layout", "vertical-align", "border-spacing", "white-space",
}  # fmt: skip

# A declaration with any of these is dropped from a style attribute: url() would fetch,
# expression() ran script in old browsers, and escapes or comments can spell either.
_RISKY_CSS = re.compile(r"url\(|expression\(|\\|/\*|javascript:", re.IGNORECASE)
# A URL's scheme as browsers read it: tabs, newlines and leading blanks do not count.
_IGNORED_IN_URL = re.compile(r"[\t\n\r]|^[\x00-\x20]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")


def _url_allowed(url: str) -> bool:
    """A relative URL, or one with an allowed scheme."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url))
    return match is None or match.group(1).lower() in URL_SCHEMES


def _clean_style(style: str) -> str | None:
    kept: list[str] = []
    for declaration in style.split(";"):
        name, colon, value = declaration.partition(":")
        if colon and not _RISKY_CSS.search(declaration):
            # Property names are case-free in CSS; ammonia's property list is lower case.
            kept.append(f"{name.strip().lower()}:{value.strip()}")
    return ";".join(kept) or None


def _filter_attribute(_tag: str, name: str, value: str) -> str | None:
    """What the allowlist cannot say: safe style values, cite URLs (ammonia checks
    href, src and the media URLs itself, not cite)."""
    if name == "style":
        return _clean_style(value)
    if name == "cite":
        return value if _url_allowed(value) else None
    return value


# Built once: a Cleaner is immutable and may be used from any thread.
_CLEANER = nh3.Cleaner(
    tags=set(ALLOWED_TAGS),
    clean_content_tags=_DROP_WITH_CONTENT,
    attributes={tag: set(names) for tag, names in _ATTRIBUTES.items()},
    tag_attribute_values=_ATTRIBUTE_VALUES,
    url_schemes=set(URL_SCHEMES),
    filter_style_properties=_STYLE_PROPERTIES,
    attribute_filter=_filter_attribute,
    link_rel=None,  # keep the author's rel, as Moodle does; add none of our own
    strip_comments=True,
)


def clean_html(html: str) -> str:
    """``html`` with only what Moodle's allowlist keeps (a fragment, never a document)."""
    return _CLEANER.clean(html)
