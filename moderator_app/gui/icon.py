"""The application icon, from the PNGs shipped in moderator_app.resources/icons.

They are rendered from packaging/icons/moderator-desk.svg (see make_icons.py there);
PNGs rather than the SVG so no SVG plugin is needed to show a window icon.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon

ICON_NAME = "moderator-desk"


def icon_files() -> list[Path]:
    folder = Path(str(resources.files("moderator_app.resources") / "icons"))
    return sorted(folder.glob(f"{ICON_NAME}-*.png"))


def app_icon() -> QIcon:
    """Every shipped size in one QIcon, so each place picks the sharpest one."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon
