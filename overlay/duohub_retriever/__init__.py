"""duohub_retriever: the typed Python client for the duohub Retriever API.

    from duohub_retriever import Duohub

    with Duohub() as client:                      # key from DUOHUB_API_KEY
        session = client.sessions.get("123e4567-e89b-12d3-a456-426614174000")
        for session in client.sessions.list(customer_user_id="cust-123", limit=100):
            ...

Models are the classes generated from the published OpenAPI spec (``duohub_retriever_api``).
"""

from typing import TYPE_CHECKING, Any

from ._client import AsyncDuohub, Duohub
from ._exceptions import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    DuohubError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._response import APIResponse
from ._version import __version__

if TYPE_CHECKING:
    from duohub_retriever_api.models import Message, MessageRole, MetadataItem, Session
    from duohub_retriever_api.types import UNSET, Unset

    from .pagination import AsyncSessionPage, AsyncSessionPager, SessionPage

# Names whose modules import the generated models (and attrs): loaded on first access, so that
# `import duohub_retriever` costs little more than `import httpx`.
_LAZY = {
    "Message": "duohub_retriever_api.models",
    "MessageRole": "duohub_retriever_api.models",
    "MetadataItem": "duohub_retriever_api.models",
    "Session": "duohub_retriever_api.models",
    "UNSET": "duohub_retriever_api.types",
    "Unset": "duohub_retriever_api.types",
    "AsyncSessionPage": "duohub_retriever.pagination",
    "AsyncSessionPager": "duohub_retriever.pagination",
    "SessionPage": "duohub_retriever.pagination",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value  # later lookups skip __getattr__
        return value
    raise AttributeError(f"module 'duohub_retriever' has no attribute {name!r}")


__all__ = [
    "UNSET",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncDuohub",
    "AsyncSessionPage",
    "AsyncSessionPager",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "Duohub",
    "DuohubError",
    "InternalServerError",
    "Message",
    "MessageRole",
    "MetadataItem",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "Session",
    "SessionPage",
    "UnprocessableEntityError",
    "Unset",
    "__version__",
]
