"""Many calls at once with a bound on how many are in flight, results in input order."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from typing import TypeVar

from ._exceptions import DuohubError

T = TypeVar("T")


def check_ids(name: str, ids: object) -> None:
    """A str is iterable too: get_many("abc") must not fetch "a", "b" and "c"."""
    if isinstance(ids, (str, bytes)):
        raise TypeError(f"{name} must be an iterable of ids, not a single {type(ids).__name__}")


def check_concurrency(concurrency: int) -> int:
    if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
        raise ValueError(f"concurrency must be an int >= 1, got {concurrency!r}")
    return concurrency


async def gather_bounded(
    ids: Sequence[str],
    fetch: Callable[[str], Awaitable[T]],
    concurrency: int,
    return_exceptions: bool,
) -> list[T | DuohubError]:
    """Fetch every id with at most ``concurrency`` requests in flight.

    A fixed set of workers pulls from one shared iterator, so 10 000 ids never make 10 000
    pending tasks. The first error cancels the rest and is raised, unless ``return_exceptions``
    puts each error in its id's slot instead.
    """
    results: list[T | DuohubError | None] = [None] * len(ids)
    pending = iter(enumerate(ids))

    async def worker() -> None:
        for index, item in pending:
            try:
                results[index] = await fetch(item)
            except DuohubError as error:
                if not return_exceptions:
                    raise
                results[index] = error

    workers = [asyncio.ensure_future(worker()) for _ in range(min(concurrency, len(ids)))]
    try:
        await asyncio.gather(*workers)
    except BaseException:
        for task in workers:
            task.cancel()
        await asyncio.gather(*workers, return_exceptions=True)
        raise
    return results  # type: ignore[return-value]  # every slot was filled: no worker stopped early
