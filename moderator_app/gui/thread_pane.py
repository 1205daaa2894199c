"""The reading pane's thread, prepared off the GUI thread when it is big.

Cleaning and parsing post HTML costs nothing for an ordinary thread and seconds for a
huge one (a 10 MB post froze the window for 13 s). A page with up to INLINE_CHARS of
post HTML to clean is shown at once, so triage never flashes a blank pane; a bigger one
is cleaned and parsed into a document in a task while the pane says it is preparing,
and the browser lays it out lazily. "Show all" under a long post prepares the page
again with that post whole, the same way. The pane keeps its own one-thread runner, so
a page never waits behind a sync.
"""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import QObject, Signal

from moderator_app.gui.safe_browser import SafeTextBrowser, SafeTextDocument, build_document
from moderator_app.gui.tasks import Task, TaskControl, TaskRunner
from moderator_app.gui.thread_view import ThreadView, page_size, thread_chunks, thread_html

log = logging.getLogger(__name__)

# Post HTML a page may have for it to be cleaned and parsed on the GUI thread (a few ms).
INLINE_CHARS = 100_000


class ThreadPane(QObject):
    """Puts a ThreadView into a SafeTextBrowser, expanding long posts on request."""

    shown = Signal(int)  # the discussion id whose page is now in the browser

    def __init__(self, browser: SafeTextBrowser, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.browser = browser
        self._tasks = TaskRunner(self, max_threads=1)
        self._thread: ThreadView | None = None
        self._expanded: frozenset[int] = frozenset()
        self._generation = 0  # a prepared page is shown only if nothing came after it
        self._pending: Task | None = None
        browser.show_all_requested.connect(self.show_all)

    @property
    def preparing(self) -> bool:
        return self._pending is not None

    @property
    def expanded(self) -> frozenset[int]:
        return self._expanded

    def show(self, thread: ThreadView) -> None:
        """Show ``thread``; the same discussion again (fresh posts) keeps what was expanded."""
        same = self._thread is not None and self._thread.discussion_id == thread.discussion_id
        if not same:
            self._expanded = frozenset()
        self._thread = thread
        self._prepare(keep_shown=same)

    def show_all(self, post_id: int) -> None:
        """Show the whole of a post that was cut short."""
        if self._thread is None or post_id in self._expanded:
            return
        if all(post.id != post_id for post in self._thread.posts):
            return
        self._expanded = self._expanded | {post_id}
        self._prepare(keep_shown=True)

    def clear(self) -> None:
        self._supersede()
        self._thread = None
        self._expanded = frozenset()
        self.browser.clear()

    def shutdown(self, timeout_ms: int = 5000) -> bool:
        """Stop preparing (window closing); True when the worker has finished."""
        self._supersede()
        return self._tasks.shutdown(timeout_ms)

    def _supersede(self) -> int:
        self._generation += 1
        if self._pending is not None:
            self._pending.cancel()
            self._pending = None
        return self._generation

    def _prepare(self, *, keep_shown: bool) -> None:
        generation = self._supersede()
        thread, expanded = self._thread, self._expanded
        assert thread is not None
        if page_size(thread, expanded) <= INLINE_CHARS:
            self.browser.set_clean_html(thread_html(thread, expanded))
            self.shown.emit(thread.discussion_id)
            return
        if not keep_shown:
            preparing = self.tr("Preparing a long thread…")
            self.browser.set_clean_html(f"<p><i>{escape(preparing)}</i></p>")

        def job(control: TaskControl) -> SafeTextDocument | None:
            if control.cancel.is_set():  # another page was asked for meanwhile
                return None
            return build_document(thread_chunks(thread, expanded), control.cancel.is_set)

        task = self._tasks.run("prepare-thread", job)
        self._pending = task
        task.finished.connect(lambda document: self._on_prepared(generation, document))
        task.failed.connect(lambda exc: self._on_failed(generation, exc))

    def _on_prepared(self, generation: int, document: object) -> None:
        if generation != self._generation or not isinstance(document, SafeTextDocument):
            return  # superseded: the document is dropped with its last reference
        self._pending = None
        assert self._thread is not None
        scroll = self.browser.verticalScrollBar()
        position = scroll.value()
        self.browser.show_document(document)
        scroll.setValue(position)  # "Show all" keeps the reader where they were
        self.shown.emit(self._thread.discussion_id)

    def _on_failed(self, generation: int, exc: object) -> None:
        if generation != self._generation:
            return
        self._pending = None
        log.warning("thread page not prepared: %s", type(exc).__name__)
        failed = self.tr("This thread could not be shown. Open it on the site.")
        self.browser.set_clean_html(f"<p><i>{escape(failed)}</i></p>")
