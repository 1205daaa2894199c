"""The pseudonym secret: 32 random bytes in the system keyring, created on first use.

Kept through credentials.TokenStore (the app's one way into the keyring), under its own
key per account. Never written to the database, a settings file or a log. Without a
usable keyring the secret lives in memory for this session only (`persistent` is
False): pseudonyms then change at the next start, and the GUI says so.
"""

from __future__ import annotations

import base64
import binascii
import secrets
import threading
from typing import Protocol

from moderator_app.credentials import TokenStore


class SecretStore(Protocol):
    def get_or_create(self) -> bytes: ...


def secret_key(account_key: str) -> str:
    return f"pseudonym-secret:{account_key}"


class KeyringSecret:
    """The secret of one account (`account_key`, e.g. the account id)."""

    def __init__(self, account_key: str, store: TokenStore | None = None) -> None:
        self._key = secret_key(account_key)
        self._store = store if store is not None else TokenStore()
        self._lock = threading.Lock()
        self._cached: bytes | None = None

    @property
    def persistent(self) -> bool:
        return self._store.persistent

    def get_or_create(self) -> bytes:
        with self._lock:
            if self._cached is None:
                stored = self._store.load(self._key)
                decoded = _decode(stored) if stored else None
                if decoded is None:
                    decoded = self._save_new()
                self._cached = decoded
            return self._cached

    def replace(self) -> None:
        """Start over with a new secret: every pseudonym changes (e.g. after a leak)."""
        with self._lock:
            self._cached = self._save_new()

    def _save_new(self) -> bytes:
        fresh = secrets.token_bytes(32)
        self._store.save(self._key, base64.b64encode(fresh).decode())
        return fresh


def _decode(stored: str) -> bytes | None:
    try:
        value = base64.b64decode(stored, validate=True)
    except (binascii.Error, ValueError):
        return None
    return value if len(value) >= 16 else None
