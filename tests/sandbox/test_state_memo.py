"""SandboxState remembers per-post reads (users, their groups) only until the next write."""

from __future__ import annotations

from pathlib import Path

import pytest

from moderator_app.sandbox.state import SandboxState


@pytest.fixture
def state(tmp_path: Path) -> SandboxState:
    s = SandboxState(tmp_path / "site.sqlite")
    yield s  # type: ignore[misc]
    s.close()


def test_a_write_is_seen_by_the_next_read(state: SandboxState) -> None:
    user = state.add_user("anna", "Anna", "Leerling")
    course = state.add_course("C1", "Course 1")
    assert state.user(user)["policyagreed"] == 1  # type: ignore[index]
    assert state.user_groups(course, user) == []
    state.set_policy_agreed(user, False)
    group = state.add_group(course, "Groep A", [user])
    assert state.user(user)["policyagreed"] == 0  # type: ignore[index]
    assert [g["id"] for g in state.user_groups(course, user)] == [group]


def test_callers_get_copies(state: SandboxState) -> None:
    user = state.add_user("anna", "Anna", "Leerling")
    first = state.user(user)
    assert first is not None
    first["firstname"] = "changed by a caller"
    assert state.user(user)["firstname"] == "Anna"  # type: ignore[index]


def test_reads_inside_a_rolled_back_transaction_are_not_kept(state: SandboxState) -> None:
    user = state.add_user("anna", "Anna", "Leerling")
    with pytest.raises(RuntimeError), state.tx() as conn:
        conn.execute("UPDATE users SET firstname = 'Tijdelijk' WHERE id = ?", (user,))
        assert state.user(user)["firstname"] == "Tijdelijk"  # type: ignore[index]
        raise RuntimeError("roll back")
    assert state.user(user)["firstname"] == "Anna"  # type: ignore[index]
