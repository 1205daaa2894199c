"""The ways a participant's name is written, as lookup tables over folded words.

A name is a run of words ("daan de vries", "o brien"); each word can appear as written,
as a Dutch genitive ("Daans"), a Dutch diminutive ("Daantje", "Sannetje", "Annie",
"Anneke"), or with a Russian case ending ("Даана"). Surnames come whole, without their
particles ("Vries") and written together ("DeVries", "Elamrani"). Usernames and the
local part of e-mail addresses count as names. For @handles every person also has
"compact" forms (letters only) looked for inside the handle.

Words that are also ordinary words are the risk. A part shorter than MIN_ALONE letters
is never replaced on its own (only inside a longer name); one of exactly MIN_ALONE
letters ("Bos", "Jan") only when written with a capital. A surname word alone, in any
form, also needs its capital: Dutch surnames are often words ("de Groot", "Bakker",
"de Jong"), and "een groot probleem" must stay. First names (4+ letters), usernames,
surnames written together and whole names match in any casing. Particles ("van", "de",
"el") are never a name on their own.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from moderator_app.services.reader_text import fold, words

MIN_ALONE = 3

PARTICLES = frozenset(
    {
        "van",
        "der",
        "den",
        "de",
        "het",
        "ten",
        "ter",
        "te",
        "von",
        "zu",
        "del",
        "della",
        "des",
        "du",
        "dos",
        "da",
        "di",
        "la",
        "le",
        "el",
        "al",
        "bin",
        "ben",
        "ibn",
        "op",
        "in",
        "aan",
        "uit",
        "bij",
        "t",
        "mc",
        "mac",
        "st",
    }
)

# Usernames that are ordinary words (role and test accounts): not replaced in running text.
GENERIC_ACCOUNTS = frozenset(
    {
        "admin",
        "administrator",
        "moderator",
        "teacher",
        "student",
        "learner",
        "docent",
        "leerling",
        "cursist",
        "guest",
        "gast",
        "manager",
        "user",
        "test",
        "demo",
    }
)
DIMINUTIVE_ENDINGS = ("tje", "je", "pje", "kje", "etje", "ke", "eke", "ie", "y")
CYRILLIC_ENDINGS = ("а", "я", "у", "ю", "ом", "ем", "ой", "ей", "е", "и", "ы", "ым", "ов", "ев")
UNSPACED_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA", "THAI", "LAO", "KHMER", "MYANMAR"})


class Form(StrEnum):
    PLAIN = "plain"
    GENITIVE = "genitive"
    DIMINUTIVE = "diminutive"
    INFLECTED = "inflected"


@dataclass
class Unit:
    """A name as base words, whose it is, and whether it may stand alone."""

    key: tuple[str, ...]
    owners: set[int] = field(default_factory=set)
    # owners for whom it is no surname word: a first name, an account, a joined form
    any_case_for: set[int] = field(default_factory=set)


def _script(word: str) -> str:
    first = unicodedata.name(word[0], "")
    return first.split(" ", 1)[0] if first else ""


def _latin(word: str) -> bool:
    return word.isascii() and word.isalpha()


def diminutives(base: str) -> set[str]:
    """Dutch diminutives (and -ie/-y pet forms) of a Latin name word, plural included."""
    if not _latin(base) or len(base) < 2:
        return set()
    stems = {base}
    if base.endswith("e") and len(base) > 3:
        stems.add(base[:-1])  # Sanne -> Sann(ie), Anne -> Ann(ie)
    if base[-1] != "e":
        stems.add(base + base[-1])  # Jan -> Jann(eke), Ria -> Riaa(tje), Tom -> Tomm(etje)
    found = {stem + ending for stem in stems for ending in DIMINUTIVE_ENDINGS}
    found |= {form + "s" for form in found}
    found.discard(base)
    return found


def variants(base: str) -> dict[str, Form]:
    """Every written form of one name word, with what kind of form it is."""
    found: dict[str, Form] = {}
    if _script(base) == "CYRILLIC":
        # Анна -> Анны, Дмитрий (folded дмитрии) -> Дмитрия, Игорь -> Игоря
        stems = {base, base[:-1]} if base[-1] in "аяиьо" and len(base) > 2 else {base}
        for stem in stems:
            for ending in CYRILLIC_ENDINGS:
                found[stem + ending] = Form.INFLECTED
    for form in diminutives(base):
        found[form] = Form.DIMINUTIVE
    if _latin(base) and base[-1] not in "sxz":
        found[base + "s"] = Form.GENITIVE  # Dutch: Daans; Bos and Max take Bos' and Max'
    found[base] = Form.PLAIN
    return found


@dataclass(frozen=True)
class Person:
    user_id: int
    fullname: str
    username: str = ""
    email: str = ""


@dataclass
class NameTable:
    units: dict[tuple[str, ...], Unit] = field(default_factory=dict)
    # written word -> the base words it can be, with the form
    variants: dict[str, list[tuple[str, Form]]] = field(default_factory=dict)
    # base first word -> keys of the units that start with it, longest first
    by_first: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    # person -> letters-only forms looked for inside @handles, and the other way round
    compact: dict[int, set[str]] = field(default_factory=dict)
    compact_owners: dict[str, set[int]] = field(default_factory=dict)
    emails: dict[str, int] = field(default_factory=dict)
    # names in scripts written without spaces, found inside words
    unspaced: list[tuple[str, ...]] = field(default_factory=list)

    def alone(self, key: tuple[str, ...]) -> bool:
        """May this unit be replaced where it stands alone?"""
        return len(key) > 1 or (len(key[0]) >= MIN_ALONE and key[0] not in PARTICLES)

    def needs_capital(self, key: tuple[str, ...]) -> bool:
        if len(key) > 1:
            return False
        if len(key[0]) <= MIN_ALONE:
            return True
        return not self.units[key].any_case_for

    def _add(self, key: tuple[str, ...], user_id: int, *, any_case: bool = True) -> None:
        if not key or not all(key):
            return
        unit = self.units.setdefault(key, Unit(key))
        unit.owners.add(user_id)
        if any_case:
            unit.any_case_for.add(user_id)

    def _name_units(self, person: Person) -> None:
        name_words = fold(person.fullname).split()
        if not name_words:
            return
        parts = [words(w) for w in name_words]
        flat = [p for part in parts for p in part]
        given = set(parts[0])
        self._add(tuple(flat), person.user_id)
        for start in range(len(flat)):
            for end in range(start + 2, len(flat) + 1):
                run = flat[start:end]
                if run[-1] not in PARTICLES:
                    self._add(tuple(run), person.user_id)
                    # written together: DeVries, Elamrani, JanWillem, DaanDeVries
                    self._add(("".join(run),), person.user_id)
        for word in flat:
            self._add((word,), person.user_id, any_case=word in given)
        self.compact.setdefault(person.user_id, set()).update(
            w for w in [*flat, "".join(flat)] if len(w) >= MIN_ALONE and w not in PARTICLES
        )
        surname = [w for w in flat[len(parts[0]) :]]
        if surname:
            self.compact[person.user_id].add("".join(surname))

    def _account_units(self, person: Person, account: str) -> None:
        parts = words(fold(account))
        if not parts:
            return
        joined = "".join(parts)
        if len(joined) >= MIN_ALONE:
            self.compact.setdefault(person.user_id, set()).add(joined)
        if joined in GENERIC_ACCOUNTS:
            return  # "moderator" in a post is a role, not this person (an @handle still is)
        self._add(tuple(parts), person.user_id)
        if len(parts) > 1:
            self._add((joined,), person.user_id)

    def _index(self) -> None:
        for word in {word for key in self.units for word in key}:
            for written, form in variants(word).items():
                self.variants.setdefault(written, []).append((word, form))
        for key in self.units:
            self.by_first.setdefault(key[0], []).append(key)
            if len(key) == 1 and len(key[0]) >= 2 and _script(key[0]) in UNSPACED_SCRIPTS:
                self.unspaced.append(key)
        for keys in self.by_first.values():
            keys.sort(key=len, reverse=True)
        self.unspaced.sort(key=lambda key: len(key[0]), reverse=True)
        for user_id, compact_forms in self.compact.items():
            for compact_form in compact_forms:
                self.compact_owners.setdefault(compact_form, set()).add(user_id)

    @classmethod
    def of(cls, people: Iterable[Person]) -> NameTable:
        table = cls()
        for person in people:
            table._name_units(person)
            if person.username:
                table._account_units(person, person.username)
            if "@" in person.email:
                table.emails[fold(person.email).strip()] = person.user_id
                table._account_units(person, person.email.split("@", 1)[0])
        table._index()
        return table
