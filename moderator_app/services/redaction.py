"""Replace who-is-who in learner text with pseudonyms before it is shared.

Every course participant's full name, name parts long enough to be a name, username
and e-mail address becomes that person's pseudonym: whole words only (never inside
another word: "Bos" stays in "Bosch" and "bosrand"), in any casing and with or without
accents, possessives kept ("Sanne's" -> "Blue Heron's"). An e-mail address of someone
outside the course is replaced too (with a placeholder): an address is personal either
way. A word that names two participants gets the neutral placeholder, not a guess.

HTML is parsed and only text and a few text attributes are changed; mailto: and profile
links to people lose their href, tokens in file URLs are stripped, and images and
other media are dropped unless the consent covers them.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

MIN_PART_LENGTH = 3

# Name particles and short words that are never a name on their own.
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
        "op",
        "in",
        "aan",
        "uit",
        "bij",
        "'t",
        "mc",
        "mac",
        "st",
    }
)

# Media that carry a picture of the work or the person; dropped without media consent.
VOID_MEDIA = frozenset({"img", "source", "track", "embed", "input"})
CONTAINER_MEDIA = frozenset({"video", "audio", "picture", "object", "iframe", "svg", "canvas"})
# Raw-text elements: their content is code, not prose, and is never forwarded.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "noscript", "template"})
TEXT_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "placeholder", "value", "label"})
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "poster", "data", "action"})
PROFILE_LINK = re.compile(r"/user/(?:profile|view)\.php\b", re.IGNORECASE)
EMAIL = r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+"


@dataclass(frozen=True)
class Person:
    user_id: int
    fullname: str
    username: str = ""
    email: str = ""


@dataclass(frozen=True)
class Redacted:
    text: str
    replaced: int  # mentions replaced
    dropped_media: int = 0  # images, video, ... removed


def _fold_char(char: str) -> str:
    """One character without its accents (é -> e); length-preserving so offsets hold."""
    decomposed = unicodedata.normalize("NFD", char)
    if len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:]):
        return decomposed[0]
    return char


def _fold(text: str) -> str:
    return "".join(_fold_char(c) for c in text)


def _key(text: str) -> str:
    return " ".join(_fold(unicodedata.normalize("NFC", text)).casefold().split())


def _name_candidates(fullname: str) -> set[str]:
    parts = fullname.split()
    found = {" ".join(parts)} if parts else set()
    pieces: list[str] = []
    for part in parts:
        pieces.extend(p for p in part.split("-") if p and p != part)
    for piece in [*parts, *pieces]:
        if len(piece) >= MIN_PART_LENGTH and _key(piece) not in PARTICLES:
            found.add(piece)
    # Runs of two or more parts ("de Vries", "van der Berg"), not ending in a particle.
    for start in range(len(parts)):
        for end in range(start + 2, len(parts) + 1):
            run = parts[start:end]
            if _key(run[-1]) not in PARTICLES:
                found.add(" ".join(run))
    return found


class Redactor:
    """Redacts text for one course: its participants and their pseudonym labels."""

    def __init__(
        self,
        people: Iterable[Person],
        labels: Mapping[int, str],
        *,
        ambiguous_label: str = "[name]",
        email_label: str = "[e-mail]",
    ) -> None:
        self._ambiguous = ambiguous_label
        self._email_label = email_label
        owners: dict[str, set[int]] = {}
        self._emails: dict[str, int] = {}
        for person in people:
            candidates = _name_candidates(person.fullname)
            if len(person.username) >= 2:
                candidates.add(person.username)
            for candidate in candidates:
                owners.setdefault(_key(candidate), set()).add(person.user_id)
            if person.email:
                self._emails[_key(person.email)] = person.user_id
        self._owners = owners
        self._labels = dict(labels)
        alternatives = sorted(owners, key=len, reverse=True)
        names = "|".join(r"\s+".join(re.escape(t) for t in key.split()) for key in alternatives)
        pattern = rf"(?P<email>{EMAIL})"
        if names:
            pattern += rf"|(?<!\w)(?P<name>{names})(?!\w)"
        self._pattern = re.compile(pattern, re.IGNORECASE)

    def _label_for(self, user_ids: set[int]) -> str:
        if len(user_ids) == 1:
            (user_id,) = user_ids
            label = self._labels.get(user_id)
            if label:
                return label
        return self._ambiguous

    def text(self, text: str) -> Redacted:
        """Plain text with every mention replaced."""
        text = unicodedata.normalize("NFC", text)
        folded = _fold(text)
        out: list[str] = []
        last = 0
        count = 0
        for match in self._pattern.finditer(folded):
            if match.group("email") is not None:
                owner = self._emails.get(_key(match.group("email")))
                label = self._label_for({owner}) if owner is not None else self._email_label
            else:
                label = self._label_for(self._owners.get(_key(match.group("name")), set()))
            out.append(text[last : match.start()])
            out.append(label)
            last = match.end()
            count += 1
        out.append(text[last:])
        return Redacted("".join(out), count)

    def html(self, source: str, *, include_media: bool) -> Redacted:
        """HTML with mentions replaced in text and text attributes; media kept only if allowed."""
        parser = _RedactingParser(self, include_media)
        parser.feed(source)
        parser.close()
        return Redacted("".join(parser.out), parser.replaced, parser.dropped_media)


def _strip_token(url: str) -> str:
    """Remove web-service tokens from a file URL: a shared post must never carry one."""
    parts = urlsplit(url)
    if "token" not in parts.query.lower():
        return url
    query = [
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if "token" not in k.lower()
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))


class _RedactingParser(HTMLParser):
    def __init__(self, redactor: Redactor, include_media: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.redactor = redactor
        self.include_media = include_media
        self.out: list[str] = []
        self.replaced = 0
        self.dropped_media = 0
        self._skip_stack: list[str] = []  # open elements whose content is dropped

    def _dropped(self, tag: str) -> bool:
        return tag in DROPPED_WITH_CONTENT or (
            not self.include_media and (tag in VOID_MEDIA or tag in CONTAINER_MEDIA)
        )

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], *, closed: bool) -> None:
        if self._skip_stack:
            if tag == self._skip_stack[-1] and not closed:
                self._skip_stack.append(tag)
            return
        if self._dropped(tag):
            if tag not in DROPPED_WITH_CONTENT:
                self.dropped_media += 1
            if not closed and tag not in VOID_MEDIA:
                self._skip_stack.append(tag)
            return
        self.out.append(self._render_start(tag, attrs, closed))

    def _render_start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> str:
        rendered = [tag]
        for name, value in attrs:
            if name.startswith("on"):
                continue  # event handlers: never forward script
            if value is None:
                rendered.append(name)
                continue
            if name in URL_ATTRIBUTES:
                lowered = value.strip().lower()
                if lowered.startswith("mailto:") or PROFILE_LINK.search(value):
                    continue  # a link to a person is the person
                if lowered.startswith("javascript:"):
                    continue
                value = _strip_token(value)
            elif name in TEXT_ATTRIBUTES:
                result = self.redactor.text(value)
                self.replaced += result.replaced
                value = result.text
            rendered.append(f'{name}="{html.escape(value, quote=True)}"')
        return "<" + " ".join(rendered) + (" />" if closed else ">")

    def handle_endtag(self, tag: str) -> None:
        if self._skip_stack:
            if tag == self._skip_stack[-1]:
                self._skip_stack.pop()
            return
        if self._dropped(tag):
            return
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._skip_stack:
            return
        result = self.redactor.text(data)
        self.replaced += result.replaced
        self.out.append(html.escape(result.text, quote=False))

    def handle_comment(self, data: str) -> None:
        pass  # comments are invisible but shared: drop them

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        pass

    def unknown_decl(self, data: str) -> None:
        pass


def redact_people(
    people: Iterable[Person], labels: Mapping[int, str], *, lang: str = "en"
) -> Redactor:
    """A redactor with placeholders in the language of the shared copy."""
    if lang == "nl":
        return Redactor(people, labels, ambiguous_label="[naam]", email_label="[e-mailadres]")
    return Redactor(people, labels)
