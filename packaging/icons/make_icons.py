"""Render the application icon (moderator-desk.svg) to the PNGs the app ships.

The PNGs live in resources/icons/ and are committed: a plain `pip install` runs no
build step, yet the window icon needs them. Run this after changing the SVG:

    .venv/bin/python packaging/icons/make_icons.py

tests/test_packaging.py renders the SVG again and fails when a committed PNG no
longer matches it. The .ico and .icns for Windows and macOS are made from these PNGs
at build time (packaging/prepare.py), as they are only needed inside a bundle.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SVG = HERE / "moderator-desk.svg"
REPO = HERE.parent.parent
PNG_DIR = REPO / "resources" / "icons"
NAME = "moderator-desk"
# Every size the three systems ask for: Linux hicolor, Windows .ico, macOS .icns.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def png_path(size: int, folder: Path = PNG_DIR) -> Path:
    return folder / f"{NAME}-{size}.png"


def render(size: int, svg: Path = SVG) -> bytes:
    """The icon at `size` x `size` pixels as PNG bytes (transparent background)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes; Qt wants str
    buffer.close()
    return bytes(data.data())


def ensure_gui_application() -> None:
    """QPainter needs a QGuiApplication; an offscreen one needs no display."""
    from PySide6.QtGui import QGuiApplication

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        ensure_gui_application.app = QGuiApplication(sys.argv[:1])  # type: ignore[attr-defined]


def main() -> int:
    ensure_gui_application()
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    for size in SIZES:
        png_path(size).write_bytes(render(size))
        print(f"wrote {png_path(size).relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
