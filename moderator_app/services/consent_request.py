"""Asking a learner for consent: the message text, and queuing it through the outbox.

The text goes to the learner, so it is written in the course's language here (nl or
en), not in the moderator's interface language. The moderator may edit it before it
is queued; what is queued is recorded (ids only) as an audit event.
"""

from __future__ import annotations

import html

from sqlalchemy.orm import Session

from moderator_app.services import audit
from moderator_app.services.consent import Scope
from moderator_app.services.outbox_queue import (
    KIND_CONSENT_REQUEST,
    ConsentRequestMessage,
    OutboxTarget,
    enqueue_action,
    message_key,
)
from moderator_app.store.models import OutboxItem, new_id

AUDIT_REQUESTED = "consent.requested"

_SCOPES = {
    "en": {
        Scope.GROUP: "the other learners in your group",
        Scope.COURSE: "everyone in the course {course}",
        Scope.COHORTS: "learners in other groups and later runs of {course}",
    },
    "nl": {
        Scope.GROUP: "de andere deelnemers in je groep",
        Scope.COURSE: "iedereen in de cursus {course}",
        Scope.COHORTS: "deelnemers in andere groepen en latere edities van {course}",
    },
}

_TEMPLATES = {
    "en": (
        "Hello,\n\n"
        "Your post \u201c{subject}\u201d in {course} is a good example for others. May I "
        "share it with {audience}? It would be anonymised: your name and those of others "
        "are replaced by a pseudonym, and {media}.\n\n"
        "You can say no, and you can withdraw your consent at any time: the copy is then "
        "removed. Please reply to this message with yes or no.\n\n"
        "Thank you!"
    ),
    "nl": (
        "Hallo,\n\n"
        "Je bericht \u201c{subject}\u201d in {course} is een mooi voorbeeld voor anderen. "
        "Mag ik het delen met {audience}? Het wordt geanonimiseerd: jouw naam en die van "
        "anderen worden vervangen door een schuilnaam, en {media}.\n\n"
        "Je mag nee zeggen, en je kunt je toestemming altijd intrekken: de kopie wordt dan "
        "verwijderd. Antwoord op dit bericht met ja of nee.\n\n"
        "Dank je wel!"
    ),
}

_MEDIA = {
    "en": ("images and attachments are left out", "images are included"),
    "nl": ("afbeeldingen en bijlagen worden weggelaten", "afbeeldingen worden meegedeeld"),
}


def request_text(
    *, course: str, subject: str, scope: str, include_media: bool = False, lang: str = "en"
) -> str:
    """A plain-text consent request the moderator can edit before sending."""
    lang = lang if lang in _TEMPLATES else "en"
    audience = _SCOPES[lang][Scope(scope)].format(course=course)
    return _TEMPLATES[lang].format(
        subject=subject, course=course, audience=audience, media=_MEDIA[lang][include_media]
    )


def to_html(text: str) -> str:
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    return "".join(
        f"<p>{html.escape(p, quote=False).replace(chr(10), '<br>')}</p>" for p in paragraphs
    )


def queue_request(
    session: Session,
    actor: str,
    course_id: int,
    learner_id: int,
    text: str,
    now: int,
    post_id: int | None = None,
) -> OutboxItem:
    """Put the message to the learner in the outbox (sent at the next sync)."""
    if not text.strip():
        raise ValueError("the consent request is empty")
    message = ConsentRequestMessage(learner_id, to_html(text), new_id())
    item = enqueue_action(
        session,
        KIND_CONSENT_REQUEST,
        message,
        now=now,
        ordering_key=message_key(learner_id),
        target=OutboxTarget.user(learner_id),
        local_ref=f"consent-request:{learner_id}",
    )
    audit.record(
        session,
        actor,
        AUDIT_REQUESTED,
        course_id,
        learner_id,
        {"outbox_id": item.id, "post_id": post_id},
        at=now,
    )
    return item
