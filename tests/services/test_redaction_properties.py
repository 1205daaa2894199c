"""Property tests: for generated participants and texts that mention them in any form,
no name survives redaction, neither in what a reader sees nor in attributes; a text
without names comes through unchanged.

The check folds independently of the code under test (NFKD, accents, case, invisible
characters) and looks for every name word as a substring, so it is stricter than the
redactor's own word matching.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import quote, unquote_plus

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from moderator_app.services.redaction import Person, Redactor

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
LATIN = "bdfghklmnprstvz"
LATIN_VOWELS = "aeiou"
CYRILLIC = "бвгдклмнпрстфхцчш"
CYRILLIC_VOWELS = "аеиоуя"
ARABIC = "بتثجحخدذرزسشصضطظعغفقكلمنهي"
PARTICLES = ["", "", "de ", "van ", "van den ", "el ", "ter "]
FILLER = [
    "ik",
    "vond",
    "het",
    "werk",
    "goed",
    "maar",
    "de",
    "tweede",
    "alinea",
    "mist",
    "een",
    "bron",
    "en",
    "het",
    "schema",
    "is",
    "onduidelijk",
    "we",
    "bespreken",
    "dit",
    "morgen",
    "in",
    "de",
    "les",
    "zie",
    "ook",
    "hoofdstuk",
    "drie",
]
LABEL_WORDS = ["Pseudo", "Alfa", "Bravo", "Charlie", "Delta", "Echo"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
RTL_WRAPS = [("\u202b", "\u202c"), ("\u200f", "\u200f"), ("\u2067", "\u2069")]


def reader_fold(text: str) -> str:
    """What a reader sees, folded: no accents, no case, no invisible characters."""
    text = "".join(c for c in text if unicodedata.category(c) != "Cf" and c != "\u0640")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Someone:
    person: Person
    first: str
    particle: str
    core: str
    script: str

    @property
    def name_words(self) -> list[str]:
        return [self.first, self.core]


def _word(draw: st.DrawFn, script: str) -> str:
    if script == "latin":
        consonants, vowels = LATIN, LATIN_VOWELS
    elif script == "cyrillic":
        consonants, vowels = CYRILLIC, CYRILLIC_VOWELS
    else:
        arabic: str = draw(st.text(ARABIC, min_size=4, max_size=7))
        return arabic
    syllable = st.tuples(st.sampled_from(consonants), st.sampled_from(vowels))
    syllables = draw(st.lists(syllable, min_size=2, max_size=4))
    tail: str = draw(st.sampled_from(["", *consonants]))
    return ("".join(c + v for c, v in syllables) + tail).capitalize()


@st.composite
def someone(draw: st.DrawFn, user_id: int) -> Someone:
    script = draw(st.sampled_from(["latin", "latin", "cyrillic", "arabic"]))
    first = _word(draw, script)
    core = _word(draw, script)
    particle = draw(st.sampled_from(PARTICLES)) if script == "latin" else ""
    if script == "latin" and draw(st.booleans()):
        first = first[:-1] + draw(st.sampled_from("éëïö"))  # an accent the text may drop
    username = f"{reader_fold(first)[:1]}{reader_fold(core)}{user_id}"
    email = f"{reader_fold(first)}.{reader_fold(core)}@school.example"
    fullname = f"{first} {particle}{core}"
    return Someone(Person(user_id, fullname, username, email), first, particle, core, script)


@st.composite
def course(draw: st.DrawFn) -> list[Someone]:
    count = draw(st.integers(1, 3))
    people = [draw(someone(user_id)) for user_id in range(1, count + 1)]
    words = [reader_fold(w) for p in people for w in p.name_words]
    # distinct people, names that are no filler or label word nor part of one
    assume(len(set(words)) == len(words))
    others = [reader_fold(w) for w in [*FILLER, *LABEL_WORDS, "example", "school", "png"]]
    for word in words:
        for stem in _stems(word):
            assume(not any(stem in other or other in stem for other in others))
            assume(not any(word != w and (stem in w or w in stem) for w in words))
    return people


def _stems(folded: str) -> set[str]:
    """A name word and, for one ending in -e, the stem of its pet form (Anne: Annie)."""
    return {folded, folded[:-1]} if folded.endswith("e") else {folded}


def _diminutive(word: str) -> str:
    if word.endswith("e"):
        return word + "tje"
    if word[-1] in "aiou":
        return word + word[-1] + "tje"
    if word[-1] == "m":
        return word + "pje"
    if word[-1] in "nlr":
        return word + "tje"
    return word + "je"


def _camel(parts: list[str]) -> str:
    return "".join(p[:1].upper() + p[1:] for p in parts)


@st.composite
def mention(draw: st.DrawFn, who: Someone) -> str:
    """One mention of `who` as HTML."""
    surname = f"{who.particle}{who.core}"
    word = draw(st.sampled_from([who.first, who.core, surname, f"{who.first} {surname}"]))
    form = draw(
        st.sampled_from(
            ["plain", "upper", "genitive", "diminutive", "possessive", "inflected", "prefixed"]
        )
    )
    single = word in (who.first, who.core)
    if form == "upper":
        word = word.upper()
    elif form == "genitive" and who.script == "latin":
        word += "'" if word[-1] in "sxz" else "s"
    elif form == "diminutive" and who.script == "latin" and single:
        word = draw(st.sampled_from([_diminutive(word), word + "ke", word + "ie"]))
    elif form == "possessive":
        word += draw(st.sampled_from(["'s", "’s"]))
    elif form == "inflected" and who.script == "cyrillic":
        word += draw(st.sampled_from(["а", "у", "ом"]))
    elif form == "prefixed" and who.script == "arabic":
        word = "و" + word
    wrapper = draw(
        st.sampled_from(
            ["none", "tags", "invisible", "rtl", "handle", "href", "src", "alt", "account"]
        )
    )
    slug_parts = [reader_fold(who.first), *reader_fold(surname).split()]
    if wrapper == "tags" and len(word) > 2:
        cut = draw(st.integers(1, len(word) - 1))
        return f"{word[:cut]}<b>{word[cut:]}</b>"
    if wrapper == "invisible":
        cut = draw(st.integers(1, len(word) - 1))
        return word[:cut] + draw(st.sampled_from(INVISIBLE)) + word[cut:]
    if wrapper == "rtl":
        start, end = draw(st.sampled_from(RTL_WRAPS))
        return start + word + end
    if wrapper == "handle":
        handle = draw(st.sampled_from([_camel(slug_parts), "_".join(slug_parts)]))
        return "@" + handle
    if wrapper == "href":
        slug = quote(draw(st.sampled_from(["-".join(slug_parts), _camel(slug_parts)])))
        return f'<a href="https://portfolio.example/{slug}/">portfolio</a>'
    if wrapper == "src":
        return f'<img src="https://img.example/{quote(_camel(slug_parts))}.png">'
    if wrapper == "alt":
        attribute = draw(st.sampled_from(["alt", "title"]))
        return f'<img src="https://img.example/a.png" {attribute}="foto van {word}">'
    if wrapper == "account":
        return draw(st.sampled_from([who.person.username, who.person.email]))
    return word


@st.composite
def post(draw: st.DrawFn) -> tuple[list[Someone], str]:
    people = draw(course())
    pieces = []
    for _ in range(draw(st.integers(1, 6))):
        pieces.append(" ".join(draw(st.lists(st.sampled_from(FILLER), max_size=4))))
        pieces.append(draw(mention(draw(st.sampled_from(people)))))
    pieces.append(draw(st.sampled_from(["", ".", "!"])))
    return people, "<p>" + " ".join(pieces) + "</p>"


class _Seen(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes.extend(unquote_plus(v) for _, v in attrs if v)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _labels(people: list[Someone]) -> dict[int, str]:
    return {p.person.user_id: f"Pseudo {LABEL_WORDS[p.person.user_id]}" for p in people}


def _surviving(people: list[Someone], html: str) -> list[str]:
    seen = _Seen()
    seen.feed(html)
    seen.close()
    places = [reader_fold("".join(seen.text)), *(reader_fold(a) for a in seen.attributes)]
    found = []
    for who in people:
        for word in who.name_words:
            stems = _stems(reader_fold(word))
            found += [stem for stem in stems for place in places if stem in place]
    return found


@SETTINGS
@given(post())
def test_no_name_survives_in_html(case: tuple[list[Someone], str]) -> None:
    people, source = case
    redactor = Redactor([p.person for p in people], _labels(people))
    result = redactor.html(source, include_media=True)
    assert _surviving(people, result.text) == []
    assert result.replaced == len(result.changes) > 0


@SETTINGS
@given(course(), st.lists(st.sampled_from(FILLER), min_size=1, max_size=12))
def test_text_without_names_is_unchanged(people: list[Someone], words: list[str]) -> None:
    redactor = Redactor([p.person for p in people], _labels(people))
    text = " ".join(words).capitalize() + "."
    result = redactor.text(text)
    assert result.text == text
    assert result.changes == ()


@SETTINGS
@given(course(), st.text(max_size=80))
def test_any_text_without_names_is_unchanged(people: list[Someone], text: str) -> None:
    folded = reader_fold(text)
    assume("@" not in text)
    assume(not any(reader_fold(w)[:-1] in folded for p in people for w in p.name_words))
    redactor = Redactor([p.person for p in people], _labels(people))
    assert redactor.text(text).text == text


@SETTINGS
@given(post())
def test_redacting_twice_changes_nothing_more(case: tuple[list[Someone], str]) -> None:
    people, source = case
    redactor = Redactor([p.person for p in people], _labels(people))
    once = redactor.html(source, include_media=True)
    twice = redactor.html(once.text, include_media=True)
    assert twice.text == once.text
    assert twice.changes == ()
