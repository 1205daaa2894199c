"""Placeholders are filled, or posting is refused naming every one left open."""

from __future__ import annotations

import pytest

from moderator_app.services.prompt_rules import (
    MissingPlaceholders,
    PromptData,
    PromptText,
    fill,
    parse_tags,
    placeholders,
    preview_html,
    validate,
)

TEXT = PromptText(
    "Week {week}: {topic}",
    "Welcome to {course}!\n\nIn {forum} we talk about {topic}. See https://example.org/a?b=1",
)
ALL = {"course": "Biologie", "forum": "Vragen", "week": "3", "topic": "fotosynthese"}


def test_every_placeholder_is_filled_in_title_and_text() -> None:
    filled = fill(TEXT, ALL)
    assert filled.subject == "Week 3: fotosynthese"
    assert filled.message_html == (
        "<p>Welcome to Biologie!</p><p>In Vragen we talk about fotosynthese. See "
        '<a href="https://example.org/a?b=1">https://example.org/a?b=1</a></p>'
    )
    assert "{" not in filled.subject + filled.message_html


def test_refuses_naming_every_missing_placeholder() -> None:
    with pytest.raises(MissingPlaceholders) as info:
        fill(TEXT, {"course": "Biologie", "forum": "Vragen", "week": "  "})
    assert info.value.names == ("topic", "week")  # blank counts as missing


def test_values_are_plain_text_and_escaped() -> None:
    filled = fill(PromptText("{topic}", "About {topic}"), {"topic": "<b>x</b> & y"})
    assert filled.message_html == "<p>About &lt;b&gt;x&lt;/b&gt; &amp; y</p>"
    assert preview_html(filled).startswith("<h3>&lt;b&gt;x&lt;/b&gt; &amp; y</h3>")


def test_placeholders_in_order_without_duplicates() -> None:
    assert placeholders(TEXT.title, TEXT.body) == ("week", "topic", "course", "forum")
    assert placeholders("a {Not} {x y} {} {ok_1}") == ("ok_1",)


def test_validation_names_what_to_fix() -> None:
    bad = PromptData(
        kind="chat",
        texts={"nl": PromptText(" ", "x"), "eng": PromptText("t", "b")},
        tags=("x" * 41,),
    )
    found = {(p.where, p.code) for p in validate(bad)}
    assert found == {
        ("kind", "unknown_kind"),
        ("texts.nl.title", "empty"),
        ("texts.eng", "bad_lang"),
        ("tags", "bad_tag"),
    }
    assert validate(PromptData("case", {"en": TEXT})) == []
    assert [(p.where, p.code) for p in validate(PromptData("case", {}))] == [("texts", "no_text")]


def test_tags_are_normalised() -> None:
    assert parse_tags(" Feedback,  week  1 ,feedback,, ") == ("feedback", "week 1")
