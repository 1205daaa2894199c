"""A small course for the consent tests: learners in groups, forums, a post worth sharing."""

from __future__ import annotations

from moderator_app.services.pseudonym_secret import KeyringSecret
from moderator_app.services.pseudonyms import Pseudonyms
from moderator_app.store.db import Database
from moderator_app.store.models import Course, Discussion, Forum, Participant, Post

NOW = 1_700_000_000
DAY = 86_400
ACTOR = "moderator1"

COURSE = 1
OTHER_COURSE = 2
SANNE, PIETER, RENEE, TEACHER = 11, 12, 13, 90
GROUP_A, GROUP_B = 5, 6
FORUM, GROUP_FORUM, OTHER_FORUM = 100, 101, 200
OPEN_DISCUSSION, GROUP_DISCUSSION, OTHER_DISCUSSION = 1000, 1001, 2000
SANNE_POST, PIETER_REPLY, GROUP_OPENER, OTHER_OPENER = 5000, 5001, 5100, 6000

SANNE_MESSAGE = (
    '<p>Ik werk samen met Pieter Bos en <a href="mailto:p.bos@example.org">mail hem</a>. '
    'Groet, Sanne (sdevries)</p><img src="https://moodle.example.org/pluginfile.php/1/x.png">'
)


def seed(db: Database) -> None:
    with db.session() as s:
        s.add_all(
            [
                Course(id=COURSE, shortname="DID", fullname="Didactiek"),
                Course(id=OTHER_COURSE, shortname="DID2", fullname="Didactiek (voorjaar)"),
            ]
        )
        s.add_all(
            [
                Participant(
                    course_id=COURSE,
                    user_id=SANNE,
                    fullname="Sanne de Vries",
                    username="sdevries",
                    email="sanne@example.org",
                    roles="student",
                    group_ids=str(GROUP_A),
                ),
                Participant(
                    course_id=COURSE,
                    user_id=PIETER,
                    fullname="Pieter Bos",
                    username="pbos",
                    email="p.bos@example.org",
                    roles="student",
                    group_ids=str(GROUP_A),
                ),
                Participant(
                    course_id=COURSE,
                    user_id=RENEE,
                    fullname="Renée van der Berg",
                    username="rberg",
                    email="renee@example.org",
                    roles="student",
                    group_ids=str(GROUP_B),
                ),
                Participant(
                    course_id=COURSE,
                    user_id=TEACHER,
                    fullname="Docent Jansen",
                    username="teacher",
                    roles="editingteacher",
                    is_staff=True,
                ),
            ]
        )
        s.add_all(
            [
                Forum(id=FORUM, course_id=COURSE, cmid=1, name="Vragen", type="general"),
                Forum(id=GROUP_FORUM, course_id=COURSE, cmid=2, name="Groepen", type="general"),
                Forum(
                    id=OTHER_FORUM,
                    course_id=OTHER_COURSE,
                    cmid=3,
                    name="Voorbeelden",
                    type="general",
                ),
            ]
        )
        s.flush()
        for did, forum, course, first, author, group in (
            (OPEN_DISCUSSION, FORUM, COURSE, SANNE_POST, SANNE, -1),
            (GROUP_DISCUSSION, GROUP_FORUM, COURSE, GROUP_OPENER, TEACHER, GROUP_A),
            (OTHER_DISCUSSION, OTHER_FORUM, OTHER_COURSE, OTHER_OPENER, TEACHER, -1),
        ):
            s.add(
                Discussion(
                    id=did,
                    forum_id=forum,
                    course_id=course,
                    first_post_id=first,
                    name="d",
                    subject="Onderwerp",
                    message="",
                    author_id=author,
                    created=NOW - DAY,
                    time_modified=NOW - DAY,
                    group_id=group,
                )
            )
        s.flush()
        s.add_all(
            [
                Post(
                    id=SANNE_POST,
                    discussion_id=OPEN_DISCUSSION,
                    subject="Mijn aanpak, Sanne",
                    message=SANNE_MESSAGE,
                    author_id=SANNE,
                    author_fullname="Sanne de Vries",
                    time_created=NOW - DAY,
                    has_attachments=True,
                ),
                Post(
                    id=PIETER_REPLY,
                    discussion_id=OPEN_DISCUSSION,
                    parent_id=SANNE_POST,
                    subject="Re",
                    message="<p>Goed!</p>",
                    author_id=PIETER,
                    author_fullname="Pieter Bos",
                    time_created=NOW - DAY,
                ),
                Post(
                    id=GROUP_OPENER,
                    discussion_id=GROUP_DISCUSSION,
                    subject="Groep A",
                    message="<p>Deel je voorbeelden</p>",
                    author_id=TEACHER,
                    author_fullname="Docent Jansen",
                    time_created=NOW - DAY,
                ),
            ]
        )


def pseudonyms(account: str = "acc-1") -> Pseudonyms:
    return Pseudonyms(KeyringSecret(account))


class FixedSecret:
    """A known secret, so collision tests are deterministic."""

    def __init__(self, secret: bytes = b"k" * 32) -> None:
        self.secret = secret

    def get_or_create(self) -> bytes:
        return self.secret
