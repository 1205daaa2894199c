"""Accounts: sign in through a replayed Moodle, the index without secrets, tokens in the keyring."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest

from moderator_app import credentials, paths
from moderator_app.credentials import SERVICE
from moderator_app.platform.errors import AuthError
from moderator_app.services import accounts
from moderator_app.services.accounts import AccountRef
from moderator_app.services.pseudonym_secret import KeyringSecret, secret_key
from tests.conftest import MemoryKeyring
from tests.replay_server import Exchange, ReplayServer, recording

PASSWORD = "S3cret-pass!"
TOKEN = recording("001-login-ok")["response"]["body"]["token"]
PRIVATE_TOKEN = recording("001-login-ok")["response"]["body"]["privatetoken"]


@pytest.fixture(autouse=True)
def fresh_session() -> Iterator[None]:
    credentials.forget_session_tokens()
    yield
    credentials.forget_session_tokens()


def sitecheck_ok() -> Exchange:
    return Exchange.json(
        "/login/token.php", {"appsitecheck": "ok"}, method="GET", query=[("appsitecheck", "1")]
    )


@pytest.fixture
def moodle() -> Iterator[ReplayServer]:
    """A site that passes the check, signs 'moderator' in and answers site info."""
    with ReplayServer(
        [sitecheck_ok(), "001-login-ok", "007-site-info"], match="function"
    ) as server:
        yield server


def index() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(
        (paths.config_dir() / "accounts.json").read_text(encoding="utf-8")
    )
    return data


# -- AccountRef --------------------------------------------------------------------


def test_ref_is_normalised_and_keyed() -> None:
    ref = AccountRef("https://School.nl/moodle/my/", " Moderator ")
    assert ref == AccountRef("https://school.nl/moodle", "moderator")
    assert ref.key == "moderator@school.nl/moodle"


def test_db_filename_is_safe_and_unique() -> None:
    a = AccountRef("https://school.nl/moodle", "mod")
    b = AccountRef("https://school.nl/moodle_", "mod")
    c = AccountRef("http://school.nl/moodle", "mod")  # another scheme, another site
    names = {a.db_filename, b.db_filename, c.db_filename}
    assert len(names) == 3
    for name in names:
        assert "/" not in name and ":" not in name and name.endswith(".sqlite")
    assert accounts.db_path(a) == paths.accounts_dir() / a.db_filename


# -- sign in ---------------------------------------------------------------------


def test_sign_in_keeps_token_in_keyring_and_index_without_secrets(
    moodle: ReplayServer, memory_keyring: MemoryKeyring
) -> None:
    result = accounts.sign_in(moodle.url, "Moderator", PASSWORD)
    # Then the role check's reads (courses, participants): nothing is signed in before.
    assert moodle.functions()[:3] == ["", "", "core_webservice_get_site_info"]
    assert result.ref == AccountRef(moodle.url, "moderator")
    assert result.site_info.user_id == 3 and result.token_persistent
    assert memory_keyring.secrets == {(SERVICE, result.ref.key): TOKEN}

    text = (paths.config_dir() / "accounts.json").read_text(encoding="utf-8")
    for secret in (TOKEN, PRIVATE_TOKEN, PASSWORD):
        assert secret not in text
    [info] = accounts.list_accounts()
    assert (info.ref, info.user_id, info.site_name) == (result.ref, 3, "Moodle Lab")
    assert info.db_file == result.ref.db_filename
    assert (info.site_url, info.username) == (moodle.url, "moderator")


def test_signed_in_account_gets_a_working_client(moodle: ReplayServer) -> None:
    ref = accounts.sign_in(moodle.url, "moderator", PASSWORD).ref
    client = accounts.client_for(ref)
    assert client.site_info().username == "moderator"
    assert moodle.received[-1].params()["wstoken"] == TOKEN


def test_sign_in_again_updates_rather_than_duplicates(moodle: ReplayServer) -> None:
    accounts.sign_in(moodle.url, "moderator", PASSWORD)
    accounts.sign_in(moodle.url + "/login/index.php", "moderator", PASSWORD)
    assert len(accounts.list_accounts()) == 1


def test_failed_sign_in_stores_nothing(memory_keyring: MemoryKeyring) -> None:
    with (
        ReplayServer([sitecheck_ok(), "005-login-wrong-password"], match="function") as server,
        pytest.raises(AuthError),
    ):
        accounts.sign_in(server.url, "moderator", "wrong")
    assert accounts.list_accounts() == []
    assert memory_keyring.secrets == {}


def test_without_keyring_token_lasts_this_session_only(moodle: ReplayServer) -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())  # type: ignore[no-untyped-call]
    result = accounts.sign_in(moodle.url, "moderator", PASSWORD)
    assert not result.token_persistent
    assert accounts.client_for(result.ref).site_url == moodle.url
    credentials.forget_session_tokens()  # the next start
    assert [i.ref for i in accounts.list_accounts()] == [result.ref]  # still listed
    with pytest.raises(AuthError):
        accounts.client_for(result.ref)


# -- the rest ----------------------------------------------------------------------


def test_client_for_without_token_asks_to_sign_in_again() -> None:
    with pytest.raises(AuthError) as caught:
        accounts.client_for(AccountRef("https://moodle.example.org", "nobody"))
    assert caught.value.code == "notoken"


def test_forget_removes_token_and_entry_but_keeps_data(
    moodle: ReplayServer, memory_keyring: MemoryKeyring
) -> None:
    ref = accounts.sign_in(moodle.url, "moderator", PASSWORD).ref
    db = accounts.db_path(ref)
    db.write_bytes(b"SQLite format 3\0")
    accounts.forget(ref)
    assert accounts.list_accounts() == [] and memory_keyring.secrets == {}
    assert db.exists()


def test_forget_with_data_deletes_the_database_files(moodle: ReplayServer) -> None:
    ref = accounts.sign_in(moodle.url, "moderator", PASSWORD).ref
    db = accounts.db_path(ref)
    files = [db, Path(f"{db}-wal"), Path(f"{db}-shm")]
    for path in files:
        path.write_bytes(b"x")
    accounts.forget(ref, delete_data=True)
    assert not any(path.exists() for path in files)


def test_forget_keeps_the_pseudonym_secret_with_the_data_and_drops_it_without(
    moodle: ReplayServer, memory_keyring: MemoryKeyring
) -> None:
    ref = accounts.sign_in(moodle.url, "moderator", PASSWORD).ref
    KeyringSecret(ref.key).get_or_create()
    accounts.forget(ref)
    assert list(memory_keyring.secrets) == [(SERVICE, secret_key(ref.key))]
    accounts.forget(ref, delete_data=True)
    assert memory_keyring.secrets == {}


def _add(user: str, user_id: int) -> AccountRef:
    """Sign in through a new replayed site (a new port) whose site info names `user`."""
    body = dict(recording("007-site-info")["response"]["body"])
    body.update(username=user, userid=user_id)
    info = Exchange.json(
        "/webservice/rest/server.php", body, function="core_webservice_get_site_info"
    )
    with ReplayServer([sitecheck_ok(), "001-login-ok", info], match="function") as server:
        return accounts.sign_in(server.url, user, PASSWORD).ref


def test_most_recently_used_first() -> None:
    first = _add("anna", 10)
    second = _add("bram", 11)
    assert [i.ref for i in accounts.list_accounts()] == [second, first]
    accounts.mark_used(first)
    assert [i.ref for i in accounts.list_accounts()] == [first, second]
    assert [i.user_id for i in accounts.list_accounts()] == [10, 11]


def test_mark_used_of_an_unknown_account_changes_nothing() -> None:
    accounts.mark_used(AccountRef("https://x.org", "ghost"))
    assert accounts.list_accounts() == []
    assert not (paths.config_dir() / "accounts.json").exists()


@pytest.mark.parametrize("content", ["{not json", '{"accounts": [{"site_url": 1}]}', "[]"])
def test_damaged_index_reads_as_empty(content: str) -> None:
    (paths.config_dir() / "accounts.json").write_text(content, encoding="utf-8")
    assert accounts.list_accounts() == []


def test_index_format_is_plain_and_versioned(moodle: ReplayServer) -> None:
    accounts.sign_in(moodle.url, "moderator", PASSWORD)
    data = index()
    assert data["version"] == 1
    [entry] = data["accounts"]
    assert set(entry) == {"site_url", "username", "user_id", "site_name", "db_file", "last_used"}
