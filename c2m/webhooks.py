"""Webhook signatures, one scheme for every webhook the platform sends or receives:
``v1=`` + hex HMAC-SHA256 over ``id.timestamp.raw body``, within a replay window."""

from __future__ import annotations

import hashlib
import hmac
import re
import time

REPLAY_WINDOW_SECONDS = 300
# Unix seconds in ASCII digits: ``str.isdigit`` also accepts "²" and other digits
# ``int`` refuses, and a 400-digit number overflows the float comparison.
TIMESTAMP = re.compile(r"[0-9]{1,12}", re.ASCII)


def webhook_sign(*, secret: str, event_id: str, timestamp: int | str, body: bytes) -> str:
    """Return the signature header value for this event."""
    message = f"{event_id}.{timestamp}.".encode() + body
    return "v1=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def webhook_signature_problem(
    *,
    secret: str,
    event_id: str,
    timestamp: int | str,
    signature: str,
    body: bytes,
    now: float | None = None,
) -> str | None:
    """Why the signature cannot be accepted, or None when it matches (constant-time) and
    the timestamp is within ``REPLAY_WINDOW_SECONDS`` of ``now``."""
    if not secret or not event_id or not signature or not str(timestamp):
        return "missing webhook headers"
    if not TIMESTAMP.fullmatch(str(timestamp)):
        return "malformed webhook timestamp"
    if abs((now or time.time()) - int(timestamp)) > REPLAY_WINDOW_SECONDS:
        return "stale webhook timestamp"
    expected = webhook_sign(secret=secret, event_id=event_id, timestamp=timestamp, body=body)
    if not hmac.compare_digest(expected.encode(), signature.encode()):
        return "forged webhook signature"
    return None
