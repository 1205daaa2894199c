"""How long and how much one request may take.

Shared by the transport (which enforces them) and the outbox (which must know when an
abandoned request can no longer land on the site before it looks for it and resends).
"""

from __future__ import annotations

# Seconds to set up the connection, and the most the site may stay silent mid-answer.
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
# The whole request, first byte out to last byte in: a site that trickles a byte every
# few seconds cannot hang a sync past this.
REQUEST_DEADLINE = 120.0
# A write claimed for sending may still reach the site until its deadline has passed;
# the slack covers a server that finishes the work after the client gave up.
SEND_SETTLE_SECONDS = int(REQUEST_DEADLINE) + 60

# The largest answer read from the site; a larger one is refused, not buffered.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024
# The most HTML one post may keep in the local store; the rest is cut ("truncated").
MAX_POST_HTML_CHARS = 200_000
