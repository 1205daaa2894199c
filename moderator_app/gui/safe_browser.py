"""A QTextBrowser for platform HTML: fetches nothing, runs nothing, opens links on click.

Every resource the document asks for (images, style sheets, anything with a URL) goes
through ``loadResource``; this one answers with nothing, except a local placeholder
for images so the reader sees that something was left out. Links never navigate the
pane: a click hands http(s)/mailto links to the system browser.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from moderator_app.platform.moodle_html import clean_html

log = logging.getLogger(__name__)

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
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


class SafeTextBrowser(QTextBrowser):
    link_opened = Signal(QUrl)

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
        self._placeholder = placeholder_image()
        # What the document asked for and did not get (for tests and diagnostics).
        # A list, not a signal: emitting from inside loadResource crashes PySide6 6.12
        # at interpreter exit (a reference count error on False).
        self.refused: list[str] = []

    def set_post_html(self, html: str) -> None:
        """Show platform HTML after Moodle's allowlist (platform/moodle_html.py)."""
        self.refused.clear()
        self.setHtml(clean_html(html))

    def loadResource(self, type: int, name: QUrl | str) -> object:  # noqa: A002 (Qt's name)
        self.refused.append(QUrl(name).toString())
        # Compare plain ints: Qt may pass the enum or its value, and comparing a
        # PySide enum with an int mis-counts references to False (crash at exit).
        kind = int(getattr(type, "value", type))
        if kind == _IMAGE_RESOURCE:
            return self._placeholder
        return None

    def _open_link(self, url: QUrl) -> None:
        if url.scheme().lower() in OPENABLE_SCHEMES:
            QDesktopServices.openUrl(url)
            self.link_opened.emit(url)
        else:
            log.info("link with scheme %r not opened", url.scheme())
