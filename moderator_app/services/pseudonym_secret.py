"""The pseudonym secret: 32 random bytes in the system keyring, created on first use.

Never written to the database, a settings file or a log. Without a working keyring
the secret lives in memory for this session only (`persistent` is False): pseudonyms
then change at the next start, and the GUI says so.
"""

from __future__ import annotations

import base64
import logging
import secrets
import threading
from typing import Protocol

import keyring
import keyring.errors

log = logging.getLogger("moderator_app.services")

KEYRING_SERVICE = "ModeratorDesk"


class SecretStore(Protocol):
    def get_or_create(self) -> bytes: ...


class KeyringSecret:
    """The secret of one account (`account_key`, e.g. the account id) in the keyring."""

    def __init__(self, account_key: str) -> None:
        self._name = f"pseudonym-secret:{account_key}"
        self._memory: bytes | None = None
        self._lock = threading.Lock()
        self.persistent = True

    def get_or_create(self) -> bytes:
        with self._lock:
            if self._memory is not None:
                return self._memory
            try:
                stored = keyring.get_password(KEYRING_SERVICE, self._name)
                if stored:
                    self._memory = base64.b64decode(stored)
                    return self._memory
                fresh = secrets.token_bytes(32)
                keyring.set_password(KEYRING_SERVICE, self._name, base64.b64encode(fresh).decode())
            except keyring.errors.KeyringError:
                log.warning("no keyring: the pseudonym secret is kept for this session only")
                self.persistent = False
                fresh = secrets.token_bytes(32)
            self._memory = fresh
            return fresh

    def replace(self) -> None:
        """Start over with a new secret: every pseudonym changes (e.g. after a leak)."""
        with self._lock:
            fresh = secrets.token_bytes(32)
            try:
                keyring.set_password(KEYRING_SERVICE, self._name, base64.b64encode(fresh).decode())
            except keyring.errors.KeyringError:
                self.persistent = False
            self._memory = fresh
