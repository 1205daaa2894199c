"""Outbox kind "claim": the moderator's claim or release of a discussion, sent to the
team through the companion plugin's set_claim.

Setting a state twice is harmless (set_claim is idempotent for its caller), so an
attempt that may have landed is simply sent again. A claim another moderator holds is
not taken over: the site changes nothing and the item needs the moderator's attention,
naming who answers (the next claims pull shows it in the queue too).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from moderator_app.platform.base import FN_SET_CLAIM, Platform
from moderator_app.platform.errors import InvalidInput, PermissionDenied
from moderator_app.platform.types import CLAIM_STATES
from moderator_app.sync.outbox_kinds import register

KIND_CLAIM = "claim"
# last_error_code of a claim another moderator holds.
CLAIM_HELD = "claimheld"


def claim_key(discussion_id: int) -> str:
    """A discussion's claims and releases go in order (apart from its replies)."""
    return f"claim:{discussion_id}"


@dataclass(frozen=True)
class ClaimRequest:
    discussion_id: int
    state: str  # claimed, dismissed or released
    reason: str = ""
    override: bool = False


class _Claim:
    name = KIND_CLAIM

    def build(self, payload: dict[str, Any]) -> ClaimRequest:
        try:
            request = ClaimRequest(**payload)
        except TypeError as exc:
            raise InvalidInput(f"outbox payload does not fit ClaimRequest: {exc}") from None
        if request.state not in CLAIM_STATES:
            raise InvalidInput(f"unknown claim state {request.state!r}")
        return request

    def send(self, platform: Platform, request: ClaimRequest) -> str:
        result = platform.set_claim(
            request.discussion_id, request.state, request.reason, override=request.override
        )
        if not result.changed:
            held = result.claim
            raise PermissionDenied(
                f"{held.fullname or 'another moderator'} is answering this discussion",
                code=CLAIM_HELD,
                function=FN_SET_CLAIM,
            )
        return f"{result.claim.state}:{result.claim.time_modified}"

    def find_applied(
        self, platform: Platform, request: ClaimRequest, since: int, user_id: int
    ) -> str | None:
        return None  # setting the same state again changes nothing


register(_Claim())
