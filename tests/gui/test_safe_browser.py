"""Post HTML from the platform neither runs nor fetches anything; links open on click only."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from moderator_app.gui.safe_browser import SafeTextBrowser
from moderator_app.platform.moodle_html import clean_html


class _Counter(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        type(self).hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def remote() -> Iterator[tuple[str, list[str]]]:
    hits: list[str] = []
    handler = type("Handler", (_Counter,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def hostile_post(base: str) -> str:
    return (
        "<p>Hallo <b>allemaal</b></p>"
        "<script>document.title='pwned'; alert('SCRIPT-RAN')</script>"
        f"<iframe src='{base}/frame.html'>IFRAME-FALLBACK</iframe>"
        f"<img src='{base}/tracker.png' alt='foto'>"
        f"<link rel='stylesheet' href='{base}/style.css'>"
        f"<style>p {{ background-image: url('{base}/bg.png') }} STYLE-TEXT</style>"
        f"<object data='{base}/obj.swf'>OBJECT-FALLBACK</object>"
        f"<embed src='{base}/embed.swf'>"
        f"<p style=\"background-image: url('{base}/inline.png')\">Tot zo</p>"
    )


def test_hostile_post_fetches_nothing_and_shows_no_script(qtbot, remote) -> None:
    base, hits = remote
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.set_post_html(hostile_post(base))
    with qtbot.waitExposed(browser):
        browser.show()
    browser.document().adjustSize()  # lay out the document: resources are requested now

    text = browser.toPlainText()
    assert "Hallo allemaal" in text and "Tot zo" in text
    for marker in ("SCRIPT-RAN", "pwned", "IFRAME-FALLBACK", "STYLE-TEXT", "OBJECT-FALLBACK"):
        assert marker not in text
    # The remote image was asked for and refused (a placeholder is shown instead).
    assert f"{base}/tracker.png" in browser.refused
    # The loopback "remote" server saw nothing at all.
    assert hits == []


def test_load_resource_refuses_every_scheme(qtbot, tmp_path) -> None:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    local = tmp_path / "secret.txt"
    local.write_text("local file")
    for url in (
        "http://127.0.0.1:9/x.css",
        "https://example.invalid/x.css",
        local.as_uri(),
        "ftp://127.0.0.1/x",
    ):
        assert browser.loadResource(3, QUrl(url)) is None  # 3: StyleSheetResource


def test_links_open_in_system_browser_only_on_click(qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.set_post_html(
        "<p><a href='https://moodle.example/mod/forum'>forum</a>"
        "<a href='javascript:alert(1)'>bad</a></p>"
    )
    assert opened == []  # showing the post opens nothing
    shown = browser.source()
    browser.anchorClicked.emit(QUrl("https://moodle.example/mod/forum"))
    browser.anchorClicked.emit(QUrl("javascript:alert(1)"))
    assert opened == ["https://moodle.example/mod/forum"]
    assert browser.source() == shown  # the pane itself never navigated


def test_clean_html_keeps_ordinary_markup() -> None:
    html = "<p>A &amp; B <a href='https://x.example/?a=1&amp;b=2'>link</a><br>next</p>"
    cleaned = clean_html(html)
    assert "A &amp; B" in cleaned
    assert 'href="https://x.example/?a=1&amp;b=2"' in cleaned
    assert "<br>" in cleaned
    assert clean_html("<SCRIPT>x</SCRIPT><p onclick='x()'>ok</p>") == "<p>ok</p>"


def test_bypasses_leave_no_link_or_image_that_could_run_or_fetch(qtbot, remote) -> None:
    base, hits = remote
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    browser.set_post_html(
        '<p><a href="java&#9;script:alert(1)">tab</a> <a href="JaVaScRiPt:alert(1)">case</a>'
        ' <a href="&#106;avascript:alert(1)">entity</a>'
        ' <a href="data:text/html;base64,PHNjcmlwdD4=">data</a></p>'
        '<img src="data:image/png;base64,iVBORw0KGgo=" alt="inline">'
        f"<p style=\"background-image:url('{base}/bg.png')\">styled</p>"
        f'<svg><image href="{base}/svg.png"/></svg>'
        '<form><button formaction="javascript:alert(1)">FORM-BUTTON</button></form>'
        f'<img src="{base}/remote.png" onerror="alert(1)" alt="remote">'
    )
    with qtbot.waitExposed(browser):
        browser.show()
    browser.document().adjustSize()

    shown = browser.toHtml().lower()
    for word in ("javascript", "data:", "url(", "formaction", "onerror", "svg.png", "bg.png"):
        assert word not in shown
    assert "FORM-BUTTON" not in browser.toPlainText()
    assert "tab case entity data" in browser.toPlainText()
    # Only the plain remote image was asked for by address (an image whose data: source
    # was removed asks for ''), and it was refused, not fetched.
    assert {url for url in browser.refused if url} == {f"{base}/remote.png"}
    assert hits == []
