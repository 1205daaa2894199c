"""Replace who-is-who in learner text with pseudonyms before it is shared.

Matching runs on the text as a reader sees it: HTML tags removed (a name split by tags,
"Da<b>an</b>", is one name), Unicode folded (NFKC-compatible, casefolded, accents and
invisible characters such as zero-width spaces and bidi marks dropped); the output keeps
the source and its HTML structure and changes only the spans found. What counts as a
written form of a name (genitives, diminutives, surnames alone or written together,
usernames, @handles) is in name_forms.py, the short-name rules too. An e-mail address
of someone outside the course is replaced by a placeholder: an address is personal
either way. A word that names two participants gets the neutral placeholder, not a
guess.

Every replacement is listed in `Redacted.changes`, so the moderator can see what
changed. A Change holds the replaced text for that preview only: never log it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from moderator_app.services.name_forms import NameTable, Person
from moderator_app.services.name_match import Hit, Kind, Matcher
from moderator_app.services.reader_text import Folded
from moderator_app.services.redaction_changes import Change, ChangeKind, Span
from moderator_app.services.redaction_html import redact_html

__all__ = ["Change", "ChangeKind", "Person", "Redacted", "Redactor", "redact_people"]


@dataclass(frozen=True)
class Redacted:
    text: str
    replaced: int  # mentions replaced and addresses dropped
    dropped_media: int = 0  # images, video, ... removed
    changes: tuple[Change, ...] = ()


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
        self._labels = dict(labels)
        known = [*self._labels.values(), ambiguous_label, email_label]
        self._matcher = Matcher(NameTable.of(people), sorted(known, key=len, reverse=True))

    def _label_for(self, hit: Hit) -> str:
        if not hit.owners:
            return self._email_label if hit.kind is Kind.EMAIL else self._ambiguous
        if len(hit.owners) == 1:
            (user_id,) = hit.owners
            label = self._labels.get(user_id)
            if label:
                return label
        return self._ambiguous

    def spans(self, source: str, where: str = "text") -> list[Span]:
        """The mentions in `source` (plain text as a reader sees it) and their labels."""
        folded = Folded.of(source)
        found = []
        for hit in self._matcher.find(folded, source):
            start, end = folded.source_span(hit.start, hit.end)
            label = self._label_for(hit)
            change = Change(ChangeKind(hit.kind.value), label, where, start, end, source[start:end])
            found.append(Span(start, end, label, change))
        return found

    def names_in_address(self, address: str) -> bool:
        """Does a web address (already decoded) name anyone, in any form?"""
        return bool(self._matcher.find(Folded.of(address), address, capitals=False))

    def text(self, text: str, where: str = "text") -> Redacted:
        """Plain text with every mention replaced."""
        spans = self.spans(text, where)
        out: list[str] = []
        last = 0
        for span in spans:
            out.append(text[last : span.start])
            out.append(span.label)
            last = span.end
        out.append(text[last:])
        return Redacted("".join(out), len(spans), changes=tuple(s.change for s in spans))

    def html(self, source: str, *, include_media: bool) -> Redacted:
        """HTML with mentions replaced in text and attributes; media kept only if allowed."""
        out, changes, dropped = redact_html(self, source, include_media=include_media)
        return Redacted(out, len(changes), dropped, tuple(changes))


def redact_people(
    people: Iterable[Person], labels: Mapping[int, str], *, lang: str = "en"
) -> Redactor:
    """A redactor with placeholders in the language of the shared copy."""
    if lang == "nl":
        return Redactor(people, labels, ambiguous_label="[naam]", email_label="[e-mailadres]")
    return Redactor(people, labels)
