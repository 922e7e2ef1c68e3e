"""Opaque page tokens for /sessions/list: base64url of (direction, offset, filter) behind an HMAC.

Clients must treat tokens as opaque; the checksum makes edited or foreign tokens fail with 400, and
binding the direction and the customerUserID filter catches a token passed in the wrong parameter.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Literal

Direction = Literal["next", "previous"]

_SIG_BYTES = 8


class InvalidTokenError(ValueError):
    """The token is not one this fake issued (bad encoding, checksum, or shape)."""


@dataclass(frozen=True)
class PageToken:
    """Where a page starts, which parameter the token belongs in, and the filter it was issued for."""

    direction: Direction
    offset: int
    customer_user_id: str | None


def encode_token(token: PageToken, secret: bytes) -> str:
    """Serialise `token` into an opaque URL-safe string."""
    payload = json.dumps([token.direction, token.offset, token.customer_user_id], separators=(",", ":")).encode()
    signature = hmac.new(secret, payload, hashlib.sha256).digest()[:_SIG_BYTES]
    return base64.urlsafe_b64encode(signature + payload).decode("ascii").rstrip("=")


def decode_token(text: str, secret: bytes) -> PageToken:
    """Parse a token made by `encode_token`; raise `InvalidTokenError` for anything else."""
    try:
        raw = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidTokenError("not base64url") from exc
    signature, payload = raw[:_SIG_BYTES], raw[_SIG_BYTES:]
    expected = hmac.new(secret, payload, hashlib.sha256).digest()[:_SIG_BYTES]
    if not hmac.compare_digest(signature, expected):
        raise InvalidTokenError("bad checksum")
    try:
        direction, offset, customer = json.loads(payload)
    except (ValueError, TypeError) as exc:
        raise InvalidTokenError("bad payload") from exc
    if direction not in ("next", "previous") or type(offset) is not int or offset < 0:
        raise InvalidTokenError("bad payload")
    if customer is not None and not isinstance(customer, str):
        raise InvalidTokenError("bad payload")
    return PageToken(direction, offset, customer)
