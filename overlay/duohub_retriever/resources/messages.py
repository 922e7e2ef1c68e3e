"""``client.messages``: GET /messages/get/{id}."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Literal, overload

import httpx

from duohub_retriever_api.api.messages import get_message
from duohub_retriever_api.models import Message, MessageResponse

from .._base_client import AsyncAPIClient, Call, SyncAPIClient
from .._bulk import check_concurrency, check_ids, gather_bounded
from .._exceptions import DuohubError
from .._inputs import path_id
from .._parsing import parse_json, parse_model
from .._response import APIResponse

__all__ = ["AsyncMessages", "AsyncMessagesWithRawResponse", "Messages", "MessagesWithRawResponse"]


def _parse_message(response: httpx.Response) -> Message:
    return parse_model(MessageResponse, parse_json(response), response).data


def _get_call(message_id: str) -> Call[Message]:
    return Call(get_message._get_kwargs(id=path_id("message_id", message_id)), _parse_message)


class Messages:
    """Messages of your sessions."""

    def __init__(self, client: SyncAPIClient) -> None:
        self._client = client

    def get(self, message_id: str) -> Message:
        """Retrieve one message. Raises NotFoundError if it does not exist."""
        return self._client._execute(_get_call(message_id))

    @functools.cached_property
    def with_raw_response(self) -> MessagesWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, ``parse()``)."""
        return MessagesWithRawResponse(self)


class MessagesWithRawResponse:
    """`with_raw_response`: each method returns an APIResponse instead of the parsed model."""

    def __init__(self, messages: Messages) -> None:
        self._messages = messages

    def get(self, message_id: str) -> APIResponse[Message]:
        return self._messages._client._send(_get_call(message_id))


class AsyncMessages:
    """Messages of your sessions (async)."""

    def __init__(self, client: AsyncAPIClient) -> None:
        self._client = client

    async def get(self, message_id: str) -> Message:
        """Retrieve one message. Raises NotFoundError if it does not exist."""
        return await self._client._execute(_get_call(message_id))

    @overload
    async def get_many(
        self, message_ids: Iterable[str], *, concurrency: int = ..., return_exceptions: Literal[False] = ...
    ) -> list[Message]: ...
    @overload
    async def get_many(
        self, message_ids: Iterable[str], *, concurrency: int = ..., return_exceptions: Literal[True]
    ) -> list[Message | DuohubError]: ...
    async def get_many(
        self, message_ids: Iterable[str], *, concurrency: int = 8, return_exceptions: bool = False
    ) -> list[Message] | list[Message | DuohubError]:
        """Retrieve many messages over one connection pool, at most ``concurrency`` at a time.

        Results are in input order. Every id is checked before the first request. The first
        error is raised (the rest are cancelled) unless ``return_exceptions=True`` puts each
        error in its id's place.
        """
        check_ids("message_ids", message_ids)
        ids = [path_id("message_id", message_id) for message_id in message_ids]
        return await gather_bounded(ids, self.get, check_concurrency(concurrency), return_exceptions)

    @functools.cached_property
    def with_raw_response(self) -> AsyncMessagesWithRawResponse:
        """The same methods, returning an APIResponse (status, headers, ``parse()``)."""
        return AsyncMessagesWithRawResponse(self)


class AsyncMessagesWithRawResponse:
    """`with_raw_response`: each method returns an APIResponse instead of the parsed model."""

    def __init__(self, messages: AsyncMessages) -> None:
        self._messages = messages

    async def get(self, message_id: str) -> APIResponse[Message]:
        return await self._messages._client._send(_get_call(message_id))
