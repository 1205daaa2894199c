"""Logging that cannot leak: named loggers per layer, a rotating file, secrets masked.

Every record passes `SecretFilter` on the file handler, so even a careless
`log.info("%s", url)` with a token in it reaches the file masked. Learner names and
post text stay out by convention (log ids and counts); the filter is the safety net
for secrets.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import re
from pathlib import Path

from moderator_app import paths

ROOT = "moderator_app"
# One logger per layer; modules use logging.getLogger(__name__), which nests below these.
LAYERS = ("platform", "store", "sync", "services", "gui", "sandbox")
LOG_FILE = "moderator-desk.log"
MASK = "***"

_PATTERNS = (
    # key=value in URLs, form bodies and reprs: wstoken=..., token=..., password=...
    re.compile(
        r"(?i)(\b(?:ws)?token|\bprivatetoken|\bpassword|\bpasswd|\bsecret)"
        r"(\s*[=:]\s*['\"]?)([^\s&'\",;)}\]]+)"
    ),
    # JSON and dict reprs: "token": "..." / 'password': '...'
    re.compile(r"(?i)([\"'](?:ws|private)?token[\"']|[\"']password[\"'])(\s*:\s*[\"'])([^\"']+)"),
)
# Moodle tokens are 32 hex characters; mask them wherever they appear.
_HEX_TOKEN = re.compile(r"\b[0-9a-fA-F]{32}\b")


def mask_secrets(text: str) -> str:
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)
    return _HEX_TOKEN.sub(MASK, text)


class SecretFilter(logging.Filter):
    """Rewrites each record's final message (and traceback) with secrets masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = f"{record.msg!r} {record.args!r}"
        record.msg = mask_secrets(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_secrets(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_secrets(record.stack_info)
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """A rotating log whose files are 0600 on POSIX from the moment they exist (ids and
    error details are nobody else's business); one left 0644 by an older version is
    tightened when it is opened."""

    def _open(self) -> io.TextIOWrapper:
        paths.private_file(Path(self.baseFilename))
        return super()._open()


def log_file_path() -> Path:
    return paths.log_dir() / LOG_FILE


def setup_logging(
    level: int = logging.INFO, *, console: bool = False, log_file: Path | None = None
) -> logging.Handler:
    """Install the rotating file handler (and optionally stderr); returns the file handler.

    Safe to call again (e.g. after --data-dir changes): the previous handlers we
    installed are replaced, not stacked.
    """
    teardown_logging()
    # Handlers sit on the root logger so warnings of libraries (urllib3, keyring) are
    # kept and masked too; our own loggers log at `level`, others at WARNING.
    root = logging.getLogger()
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    logging.getLogger(ROOT).setLevel(level)
    for layer in LAYERS:
        logging.getLogger(f"{ROOT}.{layer}")  # created up front so levels can be set per layer

    formatter = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    file_handler = PrivateRotatingFileHandler(
        log_file or log_file_path(), maxBytes=2_000_000, backupCount=3, encoding="utf-8"
    )
    handlers: list[logging.Handler] = [file_handler]
    if console:
        handlers.append(logging.StreamHandler())
    for handler in handlers:
        handler.setFormatter(formatter)
        handler.addFilter(SecretFilter())
        handler._moderator_desk = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    return file_handler


def teardown_logging() -> None:
    """Remove (and close) the handlers setup_logging installed."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_moderator_desk", False):
            root.removeHandler(handler)
            handler.close()
