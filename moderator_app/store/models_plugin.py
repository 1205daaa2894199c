"""What the companion plugin (moodle/local_moderatordesk/CONTRACT.md) tells about a site:
the team's claims on discussions and what the account may do per course.

Both are the site's word, replaced by each pull; the moderator's own decisions stay in
`triage` (models.py). Times are the site's unix seconds.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from moderator_app.store.models import Base

# The sync cursor key of the claims pull: its last_time_modified is the site's servertime.
CLAIMS_CURSOR = "claims"


class TeamClaim(Base):
    """The latest team state of a discussion on the site: claimed, dismissed or released."""

    __tablename__ = "team_claim"

    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussion.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(255), default="")
    user_id: Mapped[int] = mapped_column(Integer)  # who set it; 0 after a privacy deletion
    fullname: Mapped[str] = mapped_column(String(255), default="")
    time_modified: Mapped[int] = mapped_column(Integer)


class CourseCapability(Base):
    """What this account may do in a course, as the plugin's get_capabilities answered."""

    __tablename__ = "course_capability"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("course.id", ondelete="CASCADE"), primary_key=True
    )
    create_polls: Mapped[bool] = mapped_column(Boolean)
    read_consent: Mapped[bool] = mapped_column(Boolean)
    triage: Mapped[bool] = mapped_column(Boolean)
    lock: Mapped[bool] = mapped_column(Boolean)
    pin: Mapped[bool] = mapped_column(Boolean)
    all_groups: Mapped[bool] = mapped_column(Boolean)
    policy_handler: Mapped[str] = mapped_column(String(100), default="")
    fetched_at: Mapped[int] = mapped_column(Integer)


class PolicyAcceptance(Base):
    """A participant's answer to one current site policy version, as the site last said
    (get_policy_acceptances). The evidence behind policy-sourced consents."""

    __tablename__ = "policy_acceptance"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("course.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    policy_name: Mapped[str] = mapped_column(String(255), default="")
    revision: Mapped[str] = mapped_column(String(100), default="")
    optional: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20))  # accepted, declined, withdrawn, pending
    time_modified: Mapped[int] = mapped_column(Integer)  # when the site recorded the answer
    on_behalf: Mapped[bool] = mapped_column(Boolean, default=False)
    fetched_at: Mapped[int] = mapped_column(Integer)
