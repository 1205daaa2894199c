"""A QTextBrowser for platform HTML: fetches nothing, runs nothing, opens links on click.

Every resource a document asks for (images, style sheets, anything with a URL) goes
through ``SafeTextDocument.loadResource``; it answers with nothing, except a local
placeholder for images so the reader sees that something was left out. The browser
only ever shows SafeTextDocuments, so this holds also for a document built off the GUI
thread (``build_document``) and handed over whole. Links never navigate the pane: a
click hands http(s)/mailto links to the system browser, and the app's own "Show all"
links become ``show_all_requested``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from PySide6.QtCore import QCoreApplication, QObject, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QColor,
    QDesktopServices,
    QImage,
    QPainter,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QWidget

from moderator_app.platform.moodle_html import clean_html

log = logging.getLogger(__name__)

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
# The app's own "Show all" links (SHOW_ALL_SCHEME:post-id): a scheme the sanitiser never
# lets through, so only links the app adds after cleaning carry it.
SHOW_ALL_SCHEME = "moderatordesk-show-all"
_IMAGE_RESOURCE = int(QTextDocument.ResourceType.ImageResource.value)


def placeholder_image(width: int = 48, height: int = 36) -> QImage:
    size = QSize(width, height)
    image = QImage(size, QImage.Format.Format_ARGB32)
    image.fill(QColor(128, 128, 128, 60))
    painter = QPainter(image)
    painter.setPen(QColor(128, 128, 128))
    painter.drawRect(0, 0, size.width() - 1, size.height() - 1)
    painter.drawLine(0, 0, size.width() - 1, size.height() - 1)
    painter.drawLine(0, size.height() - 1, size.width() - 1, 0)
    painter.end()
    return image


class SafeTextDocument(QTextDocument):
    """A document that loads no resource: images get a placeholder, the rest nothing."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._placeholder = placeholder_image()  # a QImage: fine on any thread
        # What the document asked for and did not get (for tests and diagnostics).
        # A list, not a signal: emitting from inside loadResource crashes PySide6 6.12
        # at interpreter exit (a reference count error on False).
        self.refused: list[str] = []

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: A002 (Qt's name)
        self.refused.append(QUrl(name).toString())
        # Compare plain ints: Qt may pass the enum or its value, and comparing a
        # PySide enum with an int mis-counts references to False (crash at exit).
        kind = int(getattr(type, "value", type))
        if kind == _IMAGE_RESOURCE:
            # Kept for this name, as QTextDocument's own loadResource does, so layout
            # does not ask again for every image on every pass.
            self.addResource(kind, QUrl(name), self._placeholder)
            return self._placeholder
        return None


def build_document(
    chunks: Iterable[str], cancelled: Callable[[], bool] = lambda: False
) -> SafeTextDocument | None:
    """Parse already cleaned HTML, piece by piece, into a document on a worker thread.

    Parsing is the slow part of showing a big page (seconds for 10 MB). PySide keeps
    the GIL for a whole parse, so one setHtml here would still stop the GUI thread's
    Python; a piece at a time lets it run in between (see html_chunks.py). The document
    is moved to the GUI thread before it is returned; the browser lays it out lazily.
    None when ``cancelled`` said so between pieces.
    """
    document = SafeTextDocument()
    cursor = QTextCursor(document)
    for chunk in chunks:
        if cancelled():
            return None
        cursor.insertHtml(chunk)
    app = QCoreApplication.instance()
    if app is not None:
        document.moveToThread(app.thread())
    return document


class SafeTextBrowser(QTextBrowser):
    link_opened = Signal(QUrl)
    show_all_requested = Signal(int)  # a post id whose "Show all" link was clicked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setSearchPaths([])
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.anchorClicked.connect(self._open_link)
        self._adopt(SafeTextDocument())

    @property
    def refused(self) -> list[str]:
        """What the shown document asked for and did not get."""
        document = self.document()
        return document.refused if isinstance(document, SafeTextDocument) else []

    def set_post_html(self, html: str) -> None:
        """Show platform HTML after Moodle's allowlist (platform/moodle_html.py)."""
        self.set_clean_html(clean_html(html))

    def set_clean_html(self, html: str) -> None:
        """Show HTML that was cleaned already (thread_view.thread_html does it)."""
        self.refused.clear()
        self.setHtml(html)

    def show_document(self, document: SafeTextDocument) -> None:
        """Show a document built by ``build_document``; the old one is deleted."""
        self._adopt(document)

    def _adopt(self, document: SafeTextDocument) -> None:
        document.setDefaultFont(self.font())
        # A child of the browser: replaced later, QTextEdit deletes it.
        document.setParent(self)
        self.setDocument(document)

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: A002 (Qt's name)
        # Only reached for a document that is not a SafeTextDocument; refuse the same.
        document = self.document()
        if isinstance(document, SafeTextDocument):
            return document.loadResource(type, name)
        return None

    def _open_link(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme == SHOW_ALL_SCHEME:
            post_id = url.path()
            if post_id.isdigit():
                self.show_all_requested.emit(int(post_id))
        elif scheme in OPENABLE_SCHEMES:
            QDesktopServices.openUrl(url)
            self.link_opened.emit(url)
        else:
            log.info("link with scheme %r not opened", url.scheme())
