"""Why the local store cannot be used, typed so gui/ and the CLI can say it in words.

Each error names the file (`path`); the English message is for logs and the CLI.
These are the environment's fault (a damaged file, a newer app, a read-only folder,
another process), never our bug, and none of them changes the file.
"""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    """The database file cannot be used."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class StoreCorrupt(StoreError):
    """Not an SQLite file, damaged, or an SQLite file of another program."""


class SchemaTooNew(StoreError):
    """The file was written by a newer version of the app; opening it could lose data."""

    def __init__(self, path: Path, revisions: frozenset[str]) -> None:
        self.revisions = revisions
        super().__init__(
            f"The database {path.name} was created by a newer version of Moderator Desk "
            f"(schema {', '.join(sorted(revisions))}). Update the app to open it.",
            path,
        )


class StoreNotWritable(StoreError):
    """The folder or the file cannot be written (permissions, a read-only disk)."""


class DataInUse(StoreError):
    """Another process holds this account's data; `holder_pid` when it could be read."""

    def __init__(self, path: Path, holder_pid: int | None) -> None:
        self.holder_pid = holder_pid
        who = f" (process {holder_pid})" if holder_pid else ""
        super().__init__(f"Moderator Desk is already open for this account{who}", path)
