"""The data, settings and logs are private: folders 0700, files 0600, old ones tightened."""

from __future__ import annotations

import logging
import logging.handlers
import os
import stat
from pathlib import Path

import pytest

from moderator_app import logging_setup, paths
from moderator_app import settings as settings_mod
from moderator_app.store.db import Database
from moderator_app.store.models import KeyValue

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_folders_and_database_files_are_private(data_dir: Path) -> None:
    db_path = paths.accounts_dir() / "acc.sqlite"
    db = Database.open(db_path, lock_wait=0)
    with db.session() as s:
        s.add(KeyValue(key="k", value="v"))  # the -wal and -shm exist while it is open
    try:
        for folder in (paths.accounts_dir(), paths.config_dir(), paths.log_dir()):
            assert mode(folder) == 0o700, folder
        for name in ("acc.sqlite", "acc.sqlite-wal", "acc.sqlite-shm", "acc.sqlite.lock"):
            assert mode(db_path.with_name(name)) == 0o600, name
    finally:
        db.close()


def test_folders_and_files_of_older_versions_are_tightened_when_used(data_dir: Path) -> None:
    accounts = data_dir / "accounts"
    accounts.mkdir(parents=True, mode=0o755)
    accounts.chmod(0o755)
    db_path = accounts / "acc.sqlite"
    Database.open(db_path).close()
    db_path.chmod(0o644)
    (data_dir / "config").mkdir(mode=0o755)
    (data_dir / "config").chmod(0o755)
    settings_file = data_dir / "config" / "settings.json"
    settings_file.write_text("{}")
    settings_file.chmod(0o644)

    db = Database.open(paths.accounts_dir() / "acc.sqlite")
    with db.session() as s:
        s.add(KeyValue(key="k", value="v"))
    settings_mod.load()

    assert mode(accounts) == 0o700
    for name in ("acc.sqlite", "acc.sqlite-wal", "acc.sqlite-shm"):
        assert mode(accounts / name) == 0o600, name
    db.close()
    assert mode(data_dir / "config") == 0o700
    assert mode(settings_file) == 0o600


def test_a_folder_named_with_data_dir_is_not_changed(tmp_path: Path) -> None:
    chosen = tmp_path / "shared-on-purpose"
    chosen.mkdir(mode=0o755)
    chosen.chmod(0o755)
    paths.set_data_dir(chosen)
    assert paths.data_dir() == chosen
    assert mode(chosen) == 0o755
    assert mode(paths.accounts_dir()) == 0o700  # what we put in it is private


def test_backups_before_a_migration_are_private(tmp_path: Path) -> None:
    from moderator_app.store.db import backup_file

    source = tmp_path / "acc.sqlite"
    Database.open(source).close()
    backup_file(source, tmp_path / "acc.sqlite.bak-0001")
    assert mode(tmp_path / "acc.sqlite.bak-0001") == 0o600


def test_settings_are_saved_private(data_dir: Path) -> None:
    settings_mod.save(settings_mod.Settings())
    assert mode(settings_mod.settings_path()) == 0o600


def test_log_files_are_private_new_old_and_rotated(data_dir: Path) -> None:
    log_file = paths.log_dir() / logging_setup.LOG_FILE
    log_file.write_text("from an older version\n")
    log_file.chmod(0o644)
    handler = logging_setup.setup_logging(logging.INFO)
    try:
        assert mode(log_file) == 0o600
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.doRollover()
        assert mode(log_file) == 0o600
        assert mode(log_file.with_name(log_file.name + ".1")) == 0o600
    finally:
        logging_setup.teardown_logging()
