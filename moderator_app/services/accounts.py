"""Accounts: which sites and users this machine signs in to, and their tokens.

An index in config_dir()/accounts.json lists each account (site, username, user id,
site name, database file, last use) and holds no secret: the token is in the keyring
(credentials.TokenStore). Each account has its own SQLite file in accounts_dir().
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import requests

from moderator_app import paths
from moderator_app.credentials import TokenStore, private_token_key
from moderator_app.platform.errors import AuthError, PermissionDenied, PlatformError
from moderator_app.platform.moodle import MoodleClient, check_site, login, normalise_url
from moderator_app.platform.moodle_nologin import AppTokens
from moderator_app.platform.types import SiteInfo
from moderator_app.services.pseudonym_secret import secret_key

log = logging.getLogger(__name__)

INDEX_FILE = "accounts.json"
INDEX_VERSION = 1
_lock = threading.Lock()  # sign-in runs on a worker while the GUI may mark use


@dataclass(frozen=True)
class AccountRef:
    """One user on one site. The URL and username are normalised so equal means equal."""

    site_url: str
    username: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "site_url", normalise_url(self.site_url))
        # Moodle lower-cases usernames at sign-in.
        object.__setattr__(self, "username", self.username.strip().lower())

    @property
    def key(self) -> str:
        """'username@host/path': the keyring entry's name."""
        return f"{self.username}@{self.site_url.split('://', 1)[-1]}"

    @property
    def db_filename(self) -> str:
        """A file-name-safe, unique name for this account's database."""
        safe = re.sub(r"[^A-Za-z0-9._-]+", "_", self.key).strip("._")[:80]
        digest = hashlib.sha256(self.site_url.encode() + b"\0" + self.username.encode())
        return f"{safe}-{digest.hexdigest()[:10]}.sqlite"


@dataclass(frozen=True)
class AccountInfo:
    ref: AccountRef
    user_id: int
    site_name: str
    db_file: str
    last_used: float

    @property
    def site_url(self) -> str:
        return self.ref.site_url

    @property
    def username(self) -> str:
        return self.ref.username


@dataclass(frozen=True)
class SignInResult:
    ref: AccountRef
    site_info: SiteInfo
    token_persistent: bool  # False: kept in memory only, asked again at next start
    # False: the account holds no teacher, non-editing teacher or manager role in any of
    # its courses (a learner's account: it sees what a learner sees). None: not known
    # (no courses, too many to look through, or the site would not say).
    staff_somewhere: bool | None = None
    courses: int = 0  # courses the account is enrolled in, when staff_somewhere is known


# At sign-in, the most courses whose participants are read to find a staff role.
ROLE_CHECK_COURSES = 25


# -- the index -------------------------------------------------------------------


def _index_path() -> Path:
    return paths.config_dir() / INDEX_FILE


def _read() -> list[AccountInfo]:
    path = _index_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        entries = data["accounts"]
        return [
            AccountInfo(
                ref=AccountRef(str(e["site_url"]), str(e["username"])),
                user_id=int(e["user_id"]),
                site_name=str(e.get("site_name", "")),
                db_file=str(e["db_file"]),
                last_used=float(e.get("last_used", 0.0)),
            )
            for e in entries
        ]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError) as exc:
        # A damaged index must not stop the app: the databases are still there.
        log.warning(
            "accounts index unreadable (%s): starting with an empty list", type(exc).__name__
        )
        return []


def _write(infos: list[AccountInfo]) -> None:
    entries: list[dict[str, Any]] = []
    for info in infos:
        entry = asdict(info)
        ref = entry.pop("ref")
        entries.append({**ref, **entry})
    path = _index_path()
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(
        json.dumps({"version": INDEX_VERSION, "accounts": entries}, indent=2), encoding="utf-8"
    )
    os.replace(tmp, path)  # atomic: a crash leaves the old or the new index


def _now_after(infos: list[AccountInfo]) -> float:
    """Now, but strictly after every recorded use, so 'most recent first' is exact."""
    latest = max((i.last_used for i in infos), default=0.0)
    return max(time.time(), latest + 1e-3)


# -- the service -----------------------------------------------------------------


def list_accounts() -> list[AccountInfo]:
    """Every known account, most recently used first."""
    with _lock:
        infos = _read()
    return sorted(infos, key=lambda i: i.last_used, reverse=True)


def sign_in(
    site_url: str, username: str, password: str, *, session: requests.Session | None = None
) -> SignInResult:
    """Find the site, trade the password for a token, check it, keep the token.

    The password is used once and dropped. Nothing is stored unless every step worked.
    """
    site = check_site(site_url, session=session)
    token = login(site.url, username, password, session=session).token
    return keep_sign_in(site.url, AppTokens(token), username=username, session=session)


def keep_sign_in(
    site_url: str,
    tokens: AppTokens,
    *,
    username: str = "",
    session: requests.Session | None = None,
) -> SignInResult:
    """Check a token the site gave (password, browser or QR sign-in) and keep it.

    Whose token it is comes from the site (core_webservice_get_site_info), so a
    browser or QR sign-in needs no username. The private token, when the site gave
    one, goes to the keyring beside the token.
    """
    client = MoodleClient(site_url, tokens.token, session=session)
    info = client.site_info()
    staff_somewhere, courses = _staff_somewhere(client, info.user_id)
    ref = AccountRef(site_url, info.username or username)
    store = TokenStore()
    store.save(ref.key, tokens.token)
    if tokens.private_token:
        store.save(private_token_key(ref.key), tokens.private_token)
    else:
        store.delete(private_token_key(ref.key))  # an old one belongs to an old token
    with _lock:
        infos = [i for i in _read() if i.ref != ref]
        infos.append(
            AccountInfo(
                ref=ref,
                user_id=info.user_id,
                site_name=info.site_name,
                db_file=ref.db_filename,
                last_used=_now_after(infos),
            )
        )
        _write(infos)
    log.info(
        "account signed in (user id %d, token kept in keyring: %s)", info.user_id, store.persistent
    )
    return SignInResult(
        ref=ref,
        site_info=info,
        token_persistent=store.persistent,
        staff_somewhere=staff_somewhere,
        courses=courses,
    )


def _staff_somewhere(client: MoodleClient, user_id: int) -> tuple[bool | None, int]:
    """Whether the account moderates anywhere: a learner's account signs in fine but
    sees forums as a learner does, and the moderator should hear that at once.

    Reads course participants until one course lists the account with a staff role
    (a moderator's first course usually does). Never fails the sign-in: anything the
    site will not say leaves it unknown (None).
    """
    try:
        courses = client.courses(user_id)
        if not courses or len(courses) > ROLE_CHECK_COURSES:
            return None, len(courses)
        for course in courses:
            try:
                people = client.participants(course.id)
            except PermissionDenied:
                continue  # a learner may not list participants; staff always may
            if any(p.id == user_id and p.is_staff for p in people):
                return True, len(courses)
    except PlatformError as exc:
        log.info("role check at sign-in skipped: %s %s", type(exc).__name__, exc.code)
        return None, 0
    log.info("signed-in account holds no staff role in its %d courses", len(courses))
    return False, len(courses)


def forget(ref: AccountRef, *, delete_data: bool = False) -> None:
    """Remove the token and the index entry; the database stays unless asked."""
    TokenStore().delete(ref.key)
    TokenStore().delete(private_token_key(ref.key))
    with _lock:
        infos = _read()
        kept = [i for i in infos if i.ref != ref]
        if len(kept) != len(infos):
            _write(kept)
    if delete_data:
        base = db_path(ref)
        for path in (base, Path(f"{base}-wal"), Path(f"{base}-shm")):
            path.unlink(missing_ok=True)
        # The pseudonym secret only means something with the data it pseudonymised;
        # kept while the data is kept, so pseudonyms survive signing in again.
        TokenStore().delete(secret_key(ref.key))


def db_path(ref: AccountRef) -> Path:
    return paths.accounts_dir() / ref.db_filename


def client_for(
    ref: AccountRef, *, session: requests.Session | None = None, lang: str | None = None
) -> MoodleClient:
    """A client with the stored token; AuthError when there is none (sign in again)."""
    token = TokenStore().load(ref.key)
    if not token:
        raise AuthError("Sign in again: no saved sign-in for this account.", code="notoken")
    return MoodleClient(ref.site_url, token, session=session, lang=lang)


def mark_used(ref: AccountRef) -> None:
    """Record that the account was opened now (it then lists first)."""
    with _lock:
        infos = _read()
        if not any(i.ref == ref for i in infos):
            return
        now = _now_after(infos)
        _write(
            [
                AccountInfo(i.ref, i.user_id, i.site_name, i.db_file, now) if i.ref == ref else i
                for i in infos
            ]
        )
