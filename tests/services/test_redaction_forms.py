"""The forms in which names slipped through redaction on real data (issue 18, point 13).

One test per form; each case got through before matching on the reader's text.
"""

from __future__ import annotations

import pytest

from moderator_app.services.redaction import Person, Redactor

PEOPLE = [
    Person(1, "Daan de Vries", "ddevries", "daan.devries@example.org"),
    Person(2, "Sanne Bakker", "sbakker", "s.bakker@example.org"),
    Person(3, "Yasmina El Amrani", "yelamrani", "yasmina@example.org"),
    Person(4, "Anne O'Brien", "aobrien", ""),
    Person(5, "Дмитрий Иванов", "divanov", ""),
    Person(6, "ليلى حداد", "lhaddad", ""),
    Person(7, "Priya D’Souza", "pdsouza", ""),
    Person(8, "Pieter van den Berg", "pvdberg", ""),
]
LABELS = {
    1: "Blue Heron",
    2: "Red Fox",
    3: "Quiet Owl",
    4: "Brave Otter",
    5: "Calm Swan",
    6: "Wise Lynx",
    7: "Green Toad",
    8: "Swift Crane",
}


@pytest.fixture
def redactor() -> Redactor:
    return Redactor(PEOPLE, LABELS)


def _text(redactor: Redactor, text: str) -> str:
    return redactor.text(text).text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Daans verslag", "Blue Heron verslag"),
        ("Sannes idee en Pieters vraag", "Red Fox idee en Swift Crane vraag"),
        ("Van den Bergs vraag", "Swift Crane vraag"),
    ],
)
def test_dutch_genitive(redactor: Redactor, text: str, expected: str) -> None:
    assert _text(redactor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sannetje en Daantje", "Red Fox en Blue Heron"),
        ("Annie en Anneke", "Brave Otter en Brave Otter"),
        ("Annetje zei het", "Brave Otter zei het"),
        ("De Daantjes", "De Blue Heron"),
    ],
)
def test_dutch_diminutives(redactor: Redactor, text: str, expected: str) -> None:
    assert _text(redactor, text) == expected


@pytest.mark.parametrize(
    "text",
    ["@DaanDeVries kijk eens", "@daan_devries kijk eens", "@daan.devries kijk eens"],
)
def test_handles(redactor: Redactor, text: str) -> None:
    assert _text(redactor, text) == "Blue Heron kijk eens"


def test_a_name_split_by_tags_is_replaced_as_a_whole(redactor: Redactor) -> None:
    result = redactor.html("<p>Hoi Da<b>an</b> en <i>San</i>ne!</p>", include_media=False)
    assert result.text == "<p>Hoi Blue Heron<b></b> en <i>Red Fox</i>!</p>"


def test_names_in_links_and_image_addresses(redactor: Redactor) -> None:
    source = (
        '<p><a href="https://portfolio.example.org/daan-devries/">mijn portfolio</a> '
        '<img src="https://img.example.org/DaanDeVries.png" alt="Foto van Daan" '
        'title="Daan op reis"></p>'
    )
    result = redactor.html(source, include_media=True).text
    assert result == (
        '<p><a>mijn portfolio</a> <img alt="Foto van Blue Heron" title="Blue Heron op reis"></p>'
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O’Brien’s verslag", "Brave Otter’s verslag"),
        ("D'Souza's verslag", "Green Toad's verslag"),
    ],
)
def test_curly_and_straight_apostrophes(redactor: Redactor, text: str, expected: str) -> None:
    assert _text(redactor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Elamrani had gelijk", "Quiet Owl had gelijk"),
        ("Vandenberg had gelijk", "Swift Crane had gelijk"),
    ],
)
def test_a_surname_alone_written_together(redactor: Redactor, text: str, expected: str) -> None:
    assert _text(redactor, text) == expected


@pytest.mark.parametrize("text", ["Da\u200ban", "Sa\u00adnne", "Da\u200dan\ufeff de\u200c Vries"])
def test_invisible_characters_inside_a_name(redactor: Redactor, text: str) -> None:
    result = _text(redactor, text)
    assert result in {"Blue Heron", "Red Fox"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Спасибо, Дмитрия Иванова!", "Спасибо, Calm Swan!"),
        ("قالت وليلى", "قالت وWise Lynx"),  # wa- ("and") written onto the name
        ("\u202bليـــلى\u202c", "\u202bWise Lynx\u202c"),  # RTL embedding, a stretched name
        ("\u200fD\u200faan\u200f", "\u200fBlue Heron\u200f"),
    ],
)
def test_other_scripts_and_right_to_left(redactor: Redactor, text: str, expected: str) -> None:
    assert _text(redactor, text) == expected
