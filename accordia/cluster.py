"""The cluster path: a Dask client for ``accordia ingest --engine dask`` (an optional extra).

Dask rather than Ray: its ``distributed`` scheduler hands back plain futures, the same contract as
the local process pool, so one ordered-writer loop serves both; it installs from PyPI as pure
Python wheels, starts a local cluster in-process for tests, and joins an existing cluster by address.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accordia.store.errors import AccordiaError

EXTRA_HINT = "the dask engine needs the optional extra: pip install 'accordia[dask]'"


def dask_client(scheduler: str | None, workers: int) -> tuple[Any, list[Callable[[], Any]]]:
    """(client, closers): a client of the cluster at ``scheduler``, or of a new local one of ``workers``
    single-threaded processes (spaCy parses with one thread, and processes sidestep the GIL)."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise AccordiaError(f"{EXTRA_HINT} ({exc})") from exc
    if scheduler:
        try:
            client = Client(scheduler, timeout=30)
        except OSError as exc:
            raise AccordiaError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        return client, [client.close]
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(cluster)
    return client, [cluster.close, client.close]
