"""One module per API resource: thin methods that build a call and hand it to the client."""

from .messages import AsyncMessages, Messages
from .sessions import AsyncSessions, Sessions

__all__ = ["AsyncMessages", "AsyncSessions", "Messages", "Sessions"]
