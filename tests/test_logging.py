"""Logging keeps secrets out of the log file, whatever the caller logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app import logging_setup

TOKEN = "0123456789abcdef0123456789abcdef"
PASSWORD = "Correct-Horse-42"


@pytest.fixture()
def log_file(data_dir: Path) -> Iterator[Path]:
    handler = logging_setup.setup_logging(logging.DEBUG)
    yield Path(handler.baseFilename)  # type: ignore[attr-defined]
    logging_setup.teardown_logging()


def _flush() -> None:
    for handler in logging.getLogger().handlers:
        handler.flush()


def test_log_file_lives_in_the_log_dir(log_file: Path, data_dir: Path) -> None:
    logging.getLogger("moderator_app.sync").info("synced %d forums", 3)
    _flush()
    assert log_file.parent == data_dir / "logs"
    assert "moderator_app.sync: synced 3 forums" in log_file.read_text()


def test_token_and_password_never_reach_the_log_file(log_file: Path) -> None:
    log = logging.getLogger("moderator_app.platform.moodle")
    log.info("POST server.php wstoken=%s&wsfunction=core_webservice_get_site_info", TOKEN)
    log.info("login body: username=moderator&password=%s&service=moodle_mobile_app", PASSWORD)
    log.warning("response %s", {"token": TOKEN, "privatetoken": "abc"})
    log.error("json: %s", f'{{"password": "{PASSWORD}"}}')
    log.debug("plain token in text: %s", TOKEN)
    try:
        raise RuntimeError(f"failed with token={TOKEN}")
    except RuntimeError:
        log.exception("unexpected")
    logging.getLogger("urllib3.connectionpool").warning("retrying ?wstoken=%s", TOKEN)
    _flush()

    text = log_file.read_text()
    assert TOKEN not in text
    assert PASSWORD not in text
    # The records themselves are kept, only the secrets are masked.
    assert "wsfunction=core_webservice_get_site_info" in text
    assert "wstoken=***" in text
    assert "password=***" in text
    assert "RuntimeError: failed with token=***" in text
    assert "urllib3.connectionpool" in text


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("token=abc123", "token=***"),
        ("wstoken: 'xyz'", "wstoken: '***'"),
        ("url?wstoken=abc&x=1", "url?wstoken=***&x=1"),
        ('{"token": "s3cret"}', '{"token": "***"}'),
        ("id 1234 count 56", "id 1234 count 56"),
    ],
)
def test_mask_secrets(raw: str, masked: str) -> None:
    assert logging_setup.mask_secrets(raw) == masked


def test_setup_twice_does_not_duplicate_lines(log_file: Path) -> None:
    logging_setup.setup_logging(logging.DEBUG)
    logging.getLogger("moderator_app.gui").info("once")
    _flush()
    assert log_file.read_text().count("once") == 1
