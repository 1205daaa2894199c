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
