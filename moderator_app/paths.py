"""Where the app keeps its files: resolved once, overridable for tests and the demo.

The files are private: on POSIX our folders are 0700 and our files 0600 (learner posts,
names and consent records live there; other users of the machine must not read them).
Folders and files made by older versions, which were 0755 and 0644, are tightened when
they are next used. Windows keeps its own per-user ACLs on these folders.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

import platformdirs

APP_NAME = "ModeratorDesk"
APP_AUTHOR = "ModeratorDesk"

# Set by --data-dir (or MODERATOR_DESK_DATA_DIR): everything then lives below it.
_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    global _override
    _override = Path(path) if path is not None else None


PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
_POSIX = os.name == "posix"


def _tighten(path: Path) -> None:
    """Drop group and other bits on a path we own (never on someone else's folder)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    if st.st_uid != os.getuid() or stat.S_IMODE(st.st_mode) & 0o077 == 0:
        return
    os.chmod(path, stat.S_IMODE(st.st_mode) & ~0o077)


def private_dir(path: Path, *, tighten: bool = True) -> Path:
    """Create `path` (0700 on POSIX) and, with `tighten`, take group/other access away
    from an existing one. Parents are created as the system makes them."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if _POSIX and tighten:
        _tighten(path)
    return path


def private_file(path: Path) -> Path:
    """Create `path` empty if missing, 0600 on POSIX; an existing file is tightened."""
    if _POSIX:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        os.close(fd)
        _tighten(path)
    else:
        path.touch(exist_ok=True)
    return path


def tighten_file(path: Path) -> None:
    """Take group/other access away from an existing file (missing: nothing to do)."""
    if _POSIX:
        _tighten(path)


def _base() -> Path | None:
    if _override is not None:
        return _override
    env = os.environ.get("MODERATOR_DESK_DATA_DIR")
    return Path(env) if env else None


def data_dir() -> Path:
    base = _base()
    if base is not None:
        # A folder the user named may be shared on purpose; what we put in it is private.
        return private_dir(base, tighten=False)
    return private_dir(Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)))


def config_dir() -> Path:
    base = _base()
    path = (
        base / "config"
        if base is not None
        else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    )
    return private_dir(path)


def log_dir() -> Path:
    base = _base()
    path = (
        base / "logs" if base is not None else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    )
    return private_dir(path)


def accounts_dir() -> Path:
    """One SQLite file per account lives here."""
    return private_dir(data_dir() / "accounts")
