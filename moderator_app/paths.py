"""Where the app keeps its files: resolved once, overridable for tests and the demo."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "ModeratorDesk"
APP_AUTHOR = "ModeratorDesk"

# Set by --data-dir (or MODERATOR_DESK_DATA_DIR): everything then lives below it.
_override: Path | None = None


def set_data_dir(path: Path | None) -> None:
    global _override
    _override = Path(path) if path is not None else None


def _base() -> Path | None:
    if _override is not None:
        return _override
    env = os.environ.get("MODERATOR_DESK_DATA_DIR")
    return Path(env) if env else None


def data_dir() -> Path:
    base = _base()
    path = base if base is not None else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    base = _base()
    path = (
        base / "config"
        if base is not None
        else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    base = _base()
    path = (
        base / "logs" if base is not None else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))
    )
    path.mkdir(parents=True, exist_ok=True)
    return path


def accounts_dir() -> Path:
    """One SQLite file per account lives here."""
    path = data_dir() / "accounts"
    path.mkdir(parents=True, exist_ok=True)
    return path
