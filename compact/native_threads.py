"""One thread per process for the numerical libraries (OpenBLAS, OpenMP).

Each server runs as several processes that each answer one message at a time; OpenBLAS and
OpenMP otherwise use a thread per core for every small matrix product, and the extra threads
spin while they wait for the next one. On the selector's product (compact/selector.py) that
doubled the CPU a call costs, 397 against 180 µs for the same wall time, taking the cores the
other processes need (docs/capacity.md).
"""

from __future__ import annotations

from threadpoolctl import threadpool_limits


def one_thread_each() -> None:
    """Limit every such library loaded so far to one thread, for the rest of the process.

    Call it once the libraries are loaded (threadpoolctl finds loaded ones only)."""
    threadpool_limits(limits=1)
