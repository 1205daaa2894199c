"""Tokens live in the system keyring, or for this session only in memory.

No token is ever written to a file, the database or a log. Where no keyring backend
works (a bare Linux session), the token is kept in a process-memory dict, the user is
told once through the log, and sign-in is asked again at the next start.
"""

from __future__ import annotations

import logging

import keyring
import keyring.backends.fail
import keyring.backends.null
from keyring.errors import KeyringError, PasswordDeleteError

log = logging.getLogger(__name__)

SERVICE = "ModeratorDesk"

# Tokens that could not go to the keyring: gone when the process ends, by design.
_session_tokens: dict[str, str] = {}
_warned = False


def private_token_key(key: str) -> str:
    """The keyring entry of an account's private token (tool_mobile's auto-login)."""
    return f"{key}#privatetoken"


def forget_session_tokens() -> None:
    """Drop every in-memory token (what a restart does)."""
    _session_tokens.clear()


def _backend_usable() -> bool:
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring | keyring.backends.null.Keyring):
        return False
    # A chainer with nothing to chain stores nothing.
    return getattr(backend, "backends", None) != []


class TokenStore:
    """Save, load and delete one token per account key ("username@host/path")."""

    def __init__(self, *, service: str = SERVICE, memory: dict[str, str] | None = None) -> None:
        self.service = service
        self._memory = memory if memory is not None else _session_tokens
        self._failed = False

    @property
    def persistent(self) -> bool:
        """False when tokens only last for this session (no usable keyring)."""
        return not self._failed and _backend_usable()

    def save(self, key: str, token: str) -> None:
        if _backend_usable():
            try:
                keyring.set_password(self.service, key, token)
            except KeyringError as exc:
                self._failed = True
                self._keep_in_memory(key, token, type(exc).__name__)
            else:
                self._memory.pop(key, None)
                return
        else:
            self._keep_in_memory(key, token, "no keyring backend")

    def _keep_in_memory(self, key: str, token: str, why: str) -> None:
        global _warned
        self._memory[key] = token
        if not _warned:
            _warned = True
            log.warning(
                "No usable system keyring (%s): the sign-in is kept in memory for this "
                "session only and will be asked again at next start.",
                why,
            )

    def load(self, key: str) -> str | None:
        if key in self._memory:
            return self._memory[key]
        if not _backend_usable():
            return None
        try:
            return keyring.get_password(self.service, key)
        except KeyringError as exc:
            log.warning("Keyring read failed (%s)", type(exc).__name__)
            return None

    def delete(self, key: str) -> None:
        self._memory.pop(key, None)
        if not _backend_usable():
            return
        try:
            keyring.delete_password(self.service, key)
        except PasswordDeleteError:
            pass  # nothing stored: already forgotten
        except KeyringError as exc:
            log.warning("Keyring delete failed (%s)", type(exc).__name__)
