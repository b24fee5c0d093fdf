"""Helpers for bench/bench_*.py files (importable as ``import benchlib``; see README.md)."""

import time
import tracemalloc


def measure(function, *, repeat=3, memory=True):
    """Call ``function()`` ``repeat`` times; return (best seconds, peak memory in MB).

    The best of several runs hides one-off noise (a cold cache, another process).
    tracemalloc slows Python down, so the timed runs are not traced: with ``memory=True``
    one more, traced, call measures the peak memory (0.0 otherwise). A function that
    writes should leave the database as it found it (or use repeat=1, memory=False).
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    peak_mb = 0.0
    if memory:
        tracemalloc.start()
        try:
            function()
            peak_mb = tracemalloc.get_traced_memory()[1] / (1024 * 1024)
        finally:
            tracemalloc.stop()
    return best, peak_mb


def result(name, seconds, floor_seconds, target, peak_memory_mb):
    """Build one result dict of ``run(env)``; ratio = seconds / floor_seconds."""
    return {
        "name": name,
        "seconds": seconds,
        "floor_seconds": floor_seconds,
        "ratio": seconds / floor_seconds if floor_seconds else float("inf"),
        "target": target,
        "peak_memory_mb": peak_memory_mb,
    }
