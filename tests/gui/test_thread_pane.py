"""Huge posts: shown cut short at once, whole on "Show all", prepared off the GUI thread."""

from __future__ import annotations

import threading
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QTextCursor
from sqlalchemy import select

from moderator_app.gui import safe_browser, thread_view
from moderator_app.gui.safe_browser import SHOW_ALL_SCHEME, SafeTextBrowser
from moderator_app.gui.thread_pane import INLINE_CHARS, ThreadPane
from moderator_app.gui.thread_view import PREVIEW_CHARS, PostView, ThreadView, thread_html
from moderator_app.store import models

PREPARE_TIMEOUT_MS = 120_000  # a 10 MB page on a busy 2-core machine; never waited out
PARAGRAPH = "<p>Een <b>lange</b> zin over <a href='https://moodle.example/x'>het boek</a>.</p>"


def big_post(size: int, post_id: int = 1, tail: str = "END-OF-POST") -> PostView:
    body = PARAGRAPH * (size // len(PARAGRAPH)) + f"<p>{tail}</p>"
    return PostView(
        id=post_id,
        parent_id=None,
        subject="Lang",
        message_html=body,
        author_fullname="Anouk de Vries",
        time_created=None,
        is_deleted=False,
        is_private_reply=False,
        has_attachments=False,
    )


def thread_of(*posts: PostView, discussion_id: int = 7) -> ThreadView:
    return ThreadView(
        discussion_id=discussion_id,
        subject="Lang",
        first_post_id=posts[0].id,
        stale=False,
        posts=posts,
    )


def make_pane(qtbot) -> ThreadPane:
    browser = SafeTextBrowser()
    qtbot.addWidget(browser)
    # Parented as in the window: a parentless pane freed by Python while its finished
    # task still waits for deleteLater crashes PySide 6 in the next event loop turn.
    return ThreadPane(browser, browser)


def click_show_all(pane: ThreadPane, post_id: int) -> None:
    pane.browser.anchorClicked.emit(QUrl(f"{SHOW_ALL_SCHEME}:{post_id}"))


def test_a_long_post_shows_its_beginning_and_show_all_reveals_the_rest(qtbot) -> None:
    pane = make_pane(qtbot)
    post = big_post(3 * PREVIEW_CHARS)
    pane.show(thread_of(post))
    shown = pane.browser.toPlainText()
    assert "Een lange zin over het boek." in shown
    assert "Show all" in shown and "END-OF-POST" not in shown
    assert len(shown) < PREVIEW_CHARS

    with qtbot.waitSignal(pane.shown, timeout=PREPARE_TIMEOUT_MS):
        click_show_all(pane, post.id)
    whole = pane.browser.toPlainText()
    assert "END-OF-POST" in whole and "Show all" not in whole
    assert whole.count("Een lange zin over het boek.") == post.message_html.count(PARAGRAPH)


def test_a_fresh_copy_of_the_same_thread_keeps_the_post_expanded(qtbot) -> None:
    pane = make_pane(qtbot)
    post = big_post(3 * PREVIEW_CHARS)
    pane.show(thread_of(post))
    with qtbot.waitSignal(pane.shown, timeout=PREPARE_TIMEOUT_MS):
        click_show_all(pane, post.id)
    with qtbot.waitSignal(pane.shown, timeout=PREPARE_TIMEOUT_MS):
        pane.show(thread_of(post))  # fetched again from the site
    assert "END-OF-POST" in pane.browser.toPlainText()
    pane.show(thread_of(post, discussion_id=8))  # another discussion: cut again
    assert "END-OF-POST" not in pane.browser.toPlainText()


def test_a_10_mb_post_is_cleaned_off_the_gui_thread_while_the_window_stays_awake(
    qtbot, monkeypatch
) -> None:
    cleaned_on: list[bool] = []
    clean = thread_view.clean_html

    def recording_clean(html: str) -> str:
        cleaned_on.append(threading.current_thread() is threading.main_thread())
        return clean(html)

    monkeypatch.setattr(thread_view, "clean_html", recording_clean)
    ticks: list[int] = []
    ticks_at_parse: list[int] = []  # GUI timer ticks seen as each piece is parsed

    class RecordingCursor(QTextCursor):
        def insertHtml(self, html: str) -> None:  # noqa: N802 (Qt's name)
            ticks_at_parse.append(len(ticks))
            super().insertHtml(html)

    monkeypatch.setattr(safe_browser, "QTextCursor", RecordingCursor)
    pane = make_pane(qtbot)
    post = big_post(10_000_000)
    pane.show(thread_of(post))
    assert "END-OF-POST" not in pane.browser.toPlainText()
    cleaned_on.clear()  # the preview (20,000 characters) was cleaned at once

    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(pane.shown, timeout=PREPARE_TIMEOUT_MS):
        click_show_all(pane, post.id)
        assert pane.preparing  # handed to the worker, not done here
    timer.stop()

    assert cleaned_on == [False]  # the whole post was cleaned once, on a worker
    # Parsed piece by piece, and the GUI thread's Python ran between the pieces (one
    # setHtml would keep the GIL, and with it every slot, for seconds).
    assert len(ticks_at_parse) > 10
    assert ticks_at_parse[-1] > ticks_at_parse[0]
    assert "END-OF-POST" in pane.browser.toPlainText()


def test_a_big_thread_opens_in_a_task_and_a_later_one_wins(qtbot) -> None:
    pane = make_pane(qtbot)
    many = tuple(
        big_post(PREVIEW_CHARS - 100, post_id=i, tail=f"TAIL-{i}")
        for i in range(1, INLINE_CHARS // PREVIEW_CHARS + 3)
    )
    pane.show(thread_of(*many))
    assert pane.preparing and "Preparing a long thread" in pane.browser.toPlainText()
    pane.show(thread_of(big_post(500, post_id=99, tail="SMALL"), discussion_id=8))
    assert not pane.preparing and "SMALL" in pane.browser.toPlainText()
    assert pane.shutdown(PREPARE_TIMEOUT_MS)  # the superseded page finishes (or skips)
    QCoreApplication.processEvents()  # deliver the superseded result, had it been sent
    assert "SMALL" in pane.browser.toPlainText() and "TAIL-1" not in pane.browser.toPlainText()


def test_a_post_cannot_carry_its_own_show_all_link() -> None:
    forged = PostView(
        id=5,
        parent_id=None,
        subject="x",
        message_html=f'<a href="{SHOW_ALL_SCHEME}:5">Show all</a>',
        author_fullname="x",
        time_created=None,
        is_deleted=False,
        is_private_reply=False,
        has_attachments=False,
    )
    assert SHOW_ALL_SCHEME not in thread_html(thread_of(forged))


def test_the_window_shows_a_huge_stored_post_cut_and_whole_on_request(
    make_window, seeded_db, qtbot
) -> None:
    with seeded_db.session() as session:
        first = session.scalars(
            select(models.Post).where(models.Post.discussion_id == 202).order_by(models.Post.id)
        ).first()
        assert first is not None
        first.message = big_post(1_000_000).message_html
        first.truncated = True  # as sync stores a post past limits.MAX_POST_HTML_CHARS
        first_id = first.id
        session.commit()
    window = make_window(seeded_db)
    window.select_row(window.model.row_of(202))
    shown = window.browser.toPlainText()
    assert "Show all" in shown and "END-OF-POST" not in shown
    assert "Kijk in de bibliotheek." in shown  # the other posts are there at once

    with qtbot.waitSignal(window.thread_pane.shown, timeout=PREPARE_TIMEOUT_MS):
        click_show_all(window.thread_pane, first_id)
    whole = window.browser.toPlainText()
    assert "END-OF-POST" in whole and "the rest is on the site" in whole


def test_a_post_cut_at_storage_links_to_the_rest_on_the_site(qtbot, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    pane = make_pane(qtbot)
    post = replace(big_post(500), truncated=True)
    pane.show(replace(thread_of(post), site_url="https://moodle.example/"))
    assert "the rest is on the site" in pane.browser.toPlainText()
    link = "https://moodle.example/mod/forum/discuss.php?d=7#p1"
    assert f'href="{link}"' in pane.browser.toHtml()
    pane.browser.anchorClicked.emit(QUrl(link))
    assert opened == [link]
