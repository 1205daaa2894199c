"""Ready-made polls to start from, in English and Dutch.

The template's language is the poll's language (what learners read), chosen by the
moderator, so these strings are content, not user-interface text, and do not go
through Qt's translations.
"""

from __future__ import annotations

from dataclasses import dataclass

from moderator_app.services.poll_rules import (
    SHOW_AFTER_ANSWER,
    SHOW_ALWAYS,
    PollData,
    PollOption,
)

LANGUAGES = ("en", "nl")


@dataclass(frozen=True)
class Template:
    key: str
    title: dict[str, str]  # language -> what the picker shows
    question: dict[str, str]
    description: dict[str, str]
    options: dict[str, tuple[str, ...]]
    show_results: int = SHOW_AFTER_ANSWER
    publish_names: bool = False
    allow_update: bool = True


TEMPLATES: tuple[Template, ...] = (
    Template(
        key="agree_scale",
        title={"en": "Agree scale (5 points)", "nl": "Eens-oneens-schaal (5 punten)"},
        question={
            "en": "To what extent do you agree with this statement?",
            "nl": "In hoeverre ben je het eens met deze stelling?",
        },
        description={
            "en": "<p>Statement: ...</p>",
            "nl": "<p>Stelling: ...</p>",
        },
        options={
            "en": ("Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"),
            "nl": ("Helemaal oneens", "Oneens", "Neutraal", "Eens", "Helemaal eens"),
        },
    ),
    Template(
        key="yes_no_unsure",
        title={"en": "Yes / no / not sure", "nl": "Ja / nee / weet ik niet"},
        question={"en": "Do you ...?", "nl": "Heb je ...?"},
        description={"en": "", "nl": ""},
        options={"en": ("Yes", "No", "Not sure"), "nl": ("Ja", "Nee", "Weet ik niet")},
    ),
    Template(
        key="top_priority",
        title={"en": "Pick your top priority", "nl": "Kies je hoogste prioriteit"},
        question={
            "en": "Which of these is your top priority?",
            "nl": "Welke hiervan heeft voor jou de hoogste prioriteit?",
        },
        description={
            "en": "<p>Pick the one that matters most to you right now.</p>",
            "nl": "<p>Kies wat nu voor jou het belangrijkst is.</p>",
        },
        options={
            "en": ("Option A", "Option B", "Option C", "Option D"),
            "nl": ("Optie A", "Optie B", "Optie C", "Optie D"),
        },
        show_results=SHOW_ALWAYS,
    ),
    Template(
        key="confidence",
        title={"en": "How confident do you feel?", "nl": "Hoe zeker voel je je?"},
        question={
            "en": "How confident do you feel about this topic?",
            "nl": "Hoe zeker voel je je over dit onderwerp?",
        },
        description={"en": "", "nl": ""},
        options={
            "en": (
                "Not confident at all",
                "A little confident",
                "Fairly confident",
                "Very confident",
                "Completely confident",
            ),
            "nl": (
                "Helemaal niet zeker",
                "Een beetje zeker",
                "Redelijk zeker",
                "Heel zeker",
                "Volkomen zeker",
            ),
        },
    ),
)


def template(key: str) -> Template:
    for candidate in TEMPLATES:
        if candidate.key == key:
            return candidate
    raise KeyError(key)


def from_template(key: str, language: str, base: PollData | None = None) -> PollData:
    """A poll filled from a template; course, section and times are kept from `base`."""
    if language not in LANGUAGES:
        raise ValueError(f"no templates in {language!r}; available: {', '.join(LANGUAGES)}")
    chosen = template(key)
    keep = base or PollData()
    return PollData(
        question=chosen.question[language],
        description=chosen.description[language],
        options=tuple(PollOption(text) for text in chosen.options[language]),
        allow_multiple=False,
        limit_answers=False,
        allow_update=chosen.allow_update,
        show_results=chosen.show_results,
        publish_names=chosen.publish_names,
        show_unanswered=False,
        time_open=keep.time_open,
        time_close=keep.time_close,
        course_id=keep.course_id,
        section=keep.section,
    )
