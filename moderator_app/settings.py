"""The user's settings: one schema, a JSON file in the config dir, no secrets.

Each setting is declared once (a dataclass field with its default and a `label` in
the field metadata), so the settings dialog, load() and save() all follow the same
list. Labels are English source strings in the translation context "Settings";
gui/settings_dialog.py translates them.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from moderator_app import paths

log = logging.getLogger("moderator_app.settings")

FILE_NAME = "settings.json"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 (the name lupdate seeks)
    """Marks a label for Qt's translation extractor (lupdate) without importing Qt."""
    return text


def _setting(default: Any, label: str, *, minimum: int = 0, maximum: int = 0) -> Any:
    # minimum/maximum bound the integer settings in the dialog and on load.
    return field(default=default, metadata={"label": label, "min": minimum, "max": maximum})


@dataclass
class Settings:
    sla_warn_hours: int = _setting(
        24,
        QT_TRANSLATE_NOOP("Settings", "Warn when a post has waited (hours)"),
        minimum=1,
        maximum=720,
    )
    sla_overdue_hours: int = _setting(
        48,
        QT_TRANSLATE_NOOP("Settings", "Overdue when a post has waited (hours)"),
        minimum=1,
        maximum=720,
    )
    auto_sync_minutes: int = _setting(
        5,
        QT_TRANSLATE_NOOP("Settings", "Sync automatically every (minutes, 0 = never)"),
        minimum=0,
        maximum=1440,
    )
    # A vote does not change a poll's timemodified: only this cadence picks votes up.
    poll_results_minutes: int = _setting(
        60,
        QT_TRANSLATE_NOOP(
            "Settings", "Refresh the results of open polls every (minutes, 0 = every sync)"
        ),
        minimum=0,
        maximum=1440,
    )
    notify_new_waiting: bool = _setting(
        True, QT_TRANSLATE_NOOP("Settings", "Notify me when new posts start waiting")
    )
    language: str = _setting("", QT_TRANSLATE_NOOP("Settings", "Language"))  # "" follows the system
    quiet_forum_days: int = _setting(
        7,
        QT_TRANSLATE_NOOP(
            "Settings", "A forum is quiet after this many days without a learner post"
        ),
        minimum=1,
        maximum=365,
    )
    quiet_forum_min_posters: int = _setting(
        3,
        QT_TRANSLATE_NOOP("Settings", "A forum is quiet with fewer distinct posters than"),
        minimum=1,
        maximum=1000,
    )

    # Participation states (services/participation.py): active posted within the first,
    # absent has not opened the course within the second.
    participation_active_days: int = _setting(
        14,
        QT_TRANSLATE_NOOP("Settings", "A learner is active after a post within (days)"),
        minimum=1,
        maximum=365,
    )
    participation_absent_days: int = _setting(
        21,
        QT_TRANSLATE_NOOP(
            "Settings", "A learner is absent after not visiting the course for (days)"
        ),
        minimum=1,
        maximum=365,
    )

    @classmethod
    def schema(cls) -> list[SettingSpec]:
        return [
            SettingSpec(
                name=f.name,
                type=type(f.default),
                default=f.default,
                label=f.metadata["label"],
                minimum=f.metadata["min"],
                maximum=f.metadata["max"],
            )
            for f in fields(cls)
        ]

    def validated(self) -> Settings:
        """A copy with every value of the right type and inside its bounds."""
        values: dict[str, Any] = {}
        for spec in self.schema():
            values[spec.name] = spec.coerce(getattr(self, spec.name))
        return Settings(**values)


@dataclass(frozen=True)
class SettingSpec:
    name: str
    type: type
    default: Any
    label: str
    minimum: int = 0
    maximum: int = 0

    def coerce(self, value: Any) -> Any:
        """The value if it fits this setting, else the default (never raises)."""
        if self.type is bool:
            return value if isinstance(value, bool) else self.default
        if self.type is int:
            if isinstance(value, bool) or not isinstance(value, int):
                return self.default
            if self.maximum and not self.minimum <= value <= self.maximum:
                return self.default
            return value
        if self.type is str:
            return value if isinstance(value, str) else self.default
        return self.default


def settings_path() -> Path:
    return paths.config_dir() / FILE_NAME


def load(path: Path | None = None) -> Settings:
    """The saved settings; defaults for anything missing, unreadable or out of range."""
    path = path or settings_path()
    paths.tighten_file(path)  # save() writes 0600 (mkstemp); older versions wrote 0644
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, type(exc).__name__)
        return Settings()
    if not isinstance(raw, dict):
        log.warning("settings file %s is not an object; using defaults", path)
        return Settings()
    values: dict[str, Any] = {}
    for spec in Settings.schema():
        if spec.name not in raw:
            continue
        values[spec.name] = spec.coerce(raw[spec.name])
        if values[spec.name] != raw[spec.name]:
            log.warning("setting %s had an invalid value; using the default", spec.name)
    return Settings(**values)


def save(settings: Settings, path: Path | None = None) -> None:
    """Write atomically: a crash mid-write leaves the old file, never half a file."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(settings.validated()), indent=2, sort_keys=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(data + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
