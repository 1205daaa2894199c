"""The companion plugin's error codes in the moderator's words, English and Dutch."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from moderator_app.gui import i18n
from moderator_app.gui.errors import describe
from moderator_app.platform.moodle_errors import rest_error


@pytest.fixture(autouse=True)
def back_to_english(qapp: object) -> Iterator[None]:
    yield
    i18n.install("en")


def _words(code: str) -> str:
    body = {"exception": "moodle_exception", "errorcode": code, "message": "m"}
    return describe(rest_error(body, "local_moderatordesk_set_claim", None)).text


@pytest.mark.parametrize(
    "code, english, dutch",
    [
        ("busy", "tried again at the next sync", "opnieuw geprobeerd"),
        ("clientrefdeleted", "deleted on the site", "verwijderd"),
        ("nottoolpolicy", "tool_policy", "tool_policy"),
        ("limitzero", "at least one answer", "minstens één antwoord"),
        ("sitecourse", "choose a course", "kies een cursus"),
    ],
)
def test_plugin_codes_have_their_own_words(code: str, english: str, dutch: str) -> None:
    i18n.install("en")
    assert english in _words(code)
    i18n.install("nl")
    assert dutch in _words(code)


def test_a_claim_held_by_a_colleague_says_so_in_the_outbox() -> None:
    from moderator_app.gui.outbox_words import advice_words, what_words
    from moderator_app.services.outbox import OutboxEntry
    from moderator_app.services.outbox_details import OutboxDetail
    from moderator_app.sync import outbox_plan as op
    from moderator_app.sync.claim_push import CLAIM_HELD, KIND_CLAIM

    entry = OutboxEntry(
        id="x",
        kind=KIND_CLAIM,
        state=op.FAILED_NEEDS_ATTENTION,
        created_at=1,
        not_before=0,
        attempts=1,
        reason=op.REASON_PERMISSION,
        last_error="permission: Joost is answering this discussion",
        last_error_code=CLAIM_HELD,
        result_ref=None,
        local_ref=None,
        discussion_id=7,
        summary=KIND_CLAIM,
    )
    detail = OutboxDetail(subject="Vraag over week 3")
    i18n.install("en")
    assert what_words(entry, detail) == "Tell the team who answers ‘Vraag over week 3’"
    assert "claimed this discussion on the site first" in advice_words(entry, 0)
    i18n.install("nl")
    assert "beantwoordt" in what_words(entry, detail)
    assert "eerder op de site opgepakt" in advice_words(entry, 0)
