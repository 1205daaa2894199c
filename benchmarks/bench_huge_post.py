"""A huge post in the reading pane: how long the GUI thread is blocked.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_huge_post.py [--mb 10]
Prints, for one post of that size, the longest gap between turns of the event loop
(a 10 ms QTimer) while the thread is opened and while "Show all" is prepared by the
ThreadPane, beside the same page cleaned and set on the GUI thread (as before).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtWidgets import QApplication

from moderator_app.gui.safe_browser import SHOW_ALL_SCHEME, SafeTextBrowser
from moderator_app.gui.thread_pane import ThreadPane
from moderator_app.gui.thread_view import PostView, ThreadView, thread_html

PARAGRAPH = (
    "<p>Een <b>lange</b> zin over <a href='https://moodle.example/x?a=1&amp;b=2'>het boek"
    "</a> &amp; de casus van deze week, met nog wat woorden om de regel te vullen.</p>\n"
)
SETTLE_MS = 3000  # keep the loop turning after each step: lazy layout runs on timers


def thread_with(size: int) -> ThreadView:
    post = PostView(
        id=1,
        parent_id=None,
        subject="Lang",
        message_html=PARAGRAPH * (size // len(PARAGRAPH)),
        author_fullname="Anouk de Vries",
        time_created=None,
        is_deleted=False,
        is_private_reply=False,
        has_attachments=False,
    )
    return ThreadView(7, "Lang", 1, False, (post,))


def longest_gap(step: Callable[[], None], done: Callable[[], bool]) -> tuple[float, float]:
    """(longest event-loop gap, seconds until done) around ``step``."""
    ticks = [time.perf_counter()]
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    start = time.perf_counter()
    step()
    ticks.append(time.perf_counter())
    loop = QEventLoop()
    poll = QTimer(interval=20)
    poll.timeout.connect(lambda: loop.quit() if done() else None)
    poll.start()
    loop.exec()
    finished = time.perf_counter() - start
    settle = QEventLoop()
    QTimer.singleShot(SETTLE_MS, settle.quit)
    settle.exec()
    timer.stop()
    return max(b - a for a, b in zip(ticks, ticks[1:], strict=False)), finished


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=10.0)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    thread = thread_with(int(args.mb * 1_000_000))
    print(f"one post of {len(thread.posts[0].message_html):,} characters of HTML")

    before = SafeTextBrowser()
    before.resize(900, 700)
    before.show()
    gap, took = longest_gap(
        lambda: before.set_clean_html(thread_html(thread, frozenset({1}))), lambda: True
    )
    print(f"as before (clean + setHtml on the GUI thread): blocked {gap:.2f} s")

    browser = SafeTextBrowser()
    browser.resize(900, 700)
    browser.show()
    pane = ThreadPane(browser, browser)
    gap, took = longest_gap(lambda: pane.show(thread), lambda: not pane.preparing)
    print(f"pane, open (the first 20,000 characters): blocked {gap:.2f} s, shown in {took:.2f} s")
    gap, took = longest_gap(
        lambda: browser.anchorClicked.emit(QUrl(f"{SHOW_ALL_SCHEME}:1")),
        lambda: not pane.preparing,
    )
    print(f"pane, Show all (prepared in a task): blocked {gap:.2f} s, shown in {took:.2f} s")
    pane.shutdown()
    app.processEvents()


if __name__ == "__main__":
    main()
