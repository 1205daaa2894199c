"""Cleaned HTML cut into pieces that each parse alone, never inside an element."""

from __future__ import annotations

from html.parser import HTMLParser

from moderator_app.gui.html_chunks import split_top_level
from moderator_app.platform.moodle_html import clean_html


class _Depth(HTMLParser):
    VOID = {"br", "img", "hr", "col", "source", "track", "basefont", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.lowest = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag not in self.VOID:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1
        self.lowest = min(self.lowest, self.depth)


def balanced(piece: str) -> bool:
    parser = _Depth()
    parser.feed(piece)
    parser.close()
    return parser.depth == 0 and parser.lowest == 0


def test_pieces_join_back_and_each_closes_what_it_opens() -> None:
    post = clean_html(
        "<p title='a > b'>Een <b>zin</b><br>met <img src='https://x.example/a.png'></p>"
        "<ul><li>een</li><li>twee <i>drie</i></li></ul>losse tekst"
        "<table><tr><td>cel</td></tr></table>" * 200
    )
    pieces = split_top_level(post, 500)
    assert len(pieces) > 10
    assert "".join(pieces) == post
    assert all(balanced(piece) for piece in pieces)


def test_html_with_no_place_to_cut_stays_whole() -> None:
    giant = "<p>" + "<b>woord</b> " * 10_000 + "</p>"
    assert split_top_level(giant, 500) == [giant]
    assert split_top_level("<p>kort</p>", 500) == ["<p>kort</p>"]
