"""Interleaved timing: every contender runs once per repeat, in a rotated order, so drift on a
noisy machine hits all of them alike; figures are medians of per-repeat values and ratios."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Awaitable, Callable, Mapping

Samples = dict[str, list[float]]


def _orders(names: list[str], repeats: int) -> list[list[str]]:
    return [names[r % len(names) :] + names[: r % len(names)] for r in range(repeats)]


def interleave(
    blocks: Mapping[str, Callable[[], object]], repeats: int, per_block: int = 1, warmup: bool = True
) -> Samples:
    """Seconds per operation of each block (after one warm-up run each, not counted)."""
    samples: Samples = {name: [] for name in blocks}
    for name in blocks if warmup else ():
        blocks[name]()
    for order in _orders(list(blocks), repeats):
        for name in order:
            gc.collect()
            start = time.perf_counter()
            blocks[name]()
            samples[name].append((time.perf_counter() - start) / per_block)
    return samples


async def ainterleave(
    blocks: Mapping[str, Callable[[], Awaitable[object]]], repeats: int, per_block: int = 1, warmup: bool = True
) -> Samples:
    """``interleave`` for coroutine blocks, timed inside the running event loop."""
    samples: Samples = {name: [] for name in blocks}
    for name in blocks if warmup else ():
        await blocks[name]()
    for order in _orders(list(blocks), repeats):
        for name in order:
            gc.collect()
            start = time.perf_counter()
            await blocks[name]()
            samples[name].append((time.perf_counter() - start) / per_block)
    return samples


def median(values: list[float]) -> float:
    return statistics.median(values)


def median_ratio(samples: Samples, name: str, baseline: str) -> float:
    """Median over repeats of name/baseline measured in the same repeat."""
    return statistics.median(a / b for a, b in zip(samples[name], samples[baseline], strict=True))


def summary(samples: Samples, baseline: str, unit: float = 1e6) -> dict[str, dict[str, float]]:
    """Per contender: median (in ``unit``s, µs by default), spread, and median ratio to the baseline."""
    return {
        name: {
            "median": round(median(values) * unit, 3),
            "min": round(min(values) * unit, 3),
            "max": round(max(values) * unit, 3),
            "ratio": round(median_ratio(samples, name, baseline), 4),
        }
        for name, values in samples.items()
    }
