"""The Qt front end. Importing it first repairs a PySide6 Signal.emit bug (qt_fixes)."""

from moderator_app.gui import qt_fixes

qt_fixes.apply()
