"""Parallel ingest: readers and extractors run in worker processes, one writer keeps the store.

Extraction is the slow part (spaCy parses every sentence) and shares nothing between articles, so
it spreads over processes; writing stays in this process, in input order, one transaction per
article. Keeping the order is what makes the store identical to a one-process run: near-duplicate
detection and story ids depend on which article came first.

Work is cut into tasks of up to ``batch_size`` articles, so that each worker parses a whole batch
with spaCy's ``pipe``: a run of single-article files (read by the worker), or a chunk of a
multi-article file (JSONL, CSV, feeds), which this process reads so that one large export spreads out. A
bounded window of tasks is in flight at any time, so memory stays flat whatever the corpus size.

The same loop drives a local process pool or a Dask cluster (``engine="dask"``): both hand back
futures, consumed in submission order.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from accordia.facts import Article, ArticleFacts
from accordia.ingest import (
    IngestSummary,
    Outcome,
    Screened,
    Ticker,
    _extract_batch,
    record,
    redate_undated,
    screen,
)
from accordia.store.errors import AccordiaError

# Files that may hold many articles: read here and cut into chunks, so one big export spreads out.
CONTAINER_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".rss", ".atom", ".xml")
ENGINES = ("local", "dask")


def available_cores() -> int:
    """Cores this process may run on (the affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ExtractorSpec:
    """How a worker builds its own extractor: picklable, so it travels to processes and clusters.

    ``model`` is what :class:`~accordia.extract.Extractor` takes: "default" (the shipped stance
    model), a path to a trained one, or None for the rules alone. The model is a JSON file, so each
    worker loads its own copy rather than receiving a pickled one.
    """

    codebook: str | None = None
    model: str | None = "default"

    @classmethod
    def chosen(cls, codebook: str | None = None) -> ExtractorSpec:
        """The spec for this process's settings: ``ACCORDIA_MODEL`` is read here, not in the workers,
        whose environment (on a cluster) may differ; a missing model file fails here, once."""
        picked = os.environ.get("ACCORDIA_MODEL", "").strip()
        if not picked:
            return cls(codebook=codebook)
        if picked.lower() == "none":
            return cls(codebook=codebook, model=None)
        path = Path(picked).resolve()
        if not path.is_file():
            raise AccordiaError(f"ACCORDIA_MODEL={picked}: no such model file")
        return cls(codebook=codebook, model=str(path))

    def build(self) -> Any:
        from accordia.extract import Extractor

        reference = None
        if self.codebook:
            from accordia.reference import load_reference

            reference = load_reference(codebook=self.codebook)
        return Extractor(reference=reference, model=self.model)


@dataclass
class Item:
    """One article (or unreadable thing) as a worker hands it back to the writer."""

    label: str
    article: Article | None = None
    facts: ArticleFacts | str | None = None
    bucket: str = ""
    reason: str = ""
    existing: str = ""


@dataclass
class Task:
    """Files to read and extract, or articles already read (from a multi-article file)."""

    spec: ExtractorSpec
    batch_size: int
    files: list[str] = field(default_factory=list)
    reference_date: date | None = None
    articles: list[tuple[str, Article]] = field(default_factory=list)
    store_url: str | None = None


# Per worker process: built on its first task and kept (a spaCy model loads once per process).
_WORKER: dict[str, Any] = {}


def _worker_extractor(spec: ExtractorSpec) -> Any:
    if _WORKER.get("spec") != spec:
        _WORKER["extractor"] = spec.build()
        _WORKER["spec"] = spec
    return _WORKER["extractor"]


def _worker_store(url: str | None) -> Any:
    """A read-only look at the store for the content-hash check, when the worker can reach it."""
    if not url:
        return None
    if _WORKER.get("url") != url:
        from accordia.store.database import Store
        from accordia.store.engine import make_engine, resolve_url

        _WORKER["store"] = Store(make_engine(resolve_url(url)))
        _WORKER["url"] = url
    return _WORKER["store"]


def run_task(task: Task) -> tuple[str, list[Item]]:
    """Read (if a file) and extract one task in a worker; returns (extractor version, items in order)."""
    extractor = _worker_extractor(task.spec)
    store = _worker_store(task.store_url)
    items: list[Item] = []
    todo: list[tuple[int, Article]] = []
    if task.files:
        from accordia.read import read_file

        pairs: Iterable[Screened] = (screen(redate_undated(r, task.reference_date))
                                     for file in task.files
                                     for r in read_file(file, year_reference=task.reference_date))
    else:
        pairs = (Screened(label, article=article) for label, article in task.articles)
    for found in pairs:
        if found.article is None:
            items.append(Item(found.label, bucket=found.bucket, reason=found.reason))
            continue
        existing = store.find_hash(found.article.text) if store is not None else None
        if existing is not None:
            items.append(Item(found.label, bucket="skipped", reason=f"duplicate content of article {existing}",
                              existing=existing))
            continue
        items.append(Item(found.label, article=found.article))
        todo.append((len(items) - 1, found.article))
    for start in range(0, len(todo), task.batch_size):
        chunk = todo[start:start + task.batch_size]
        for (index, _), facts in zip(chunk, _extract_batch(extractor, [a for _, a in chunk]), strict=True):
            items[index].facts = facts if isinstance(facts, ArticleFacts) else f"{type(facts).__name__}: {facts}"
    return str(getattr(extractor, "version", "")), items


@dataclass
class Plan:
    """What the writer receives, in input order: items decided here, or a task's future."""

    ready: list[Item] | None = None
    future: Any = None
    what: str = ""
    files: list[str] = field(default_factory=list)


def _plans(paths: Iterable[str | Path], submit: Any, make_task: Any, batch_size: int,
           reference_date: date | None) -> Iterator[Plan]:
    """Walk the inputs in ``read_path`` order, submitting tasks lazily as the writer asks for more."""
    from accordia.read import ReadResult, files_in, read_file

    singles: list[str] = []

    def flush() -> Iterator[Plan]:
        if singles:
            what = singles[0] if len(singles) == 1 else f"{singles[0]} (and {len(singles) - 1} more files)"
            yield Plan(future=submit(make_task(files=list(singles))), what=what, files=list(singles))
            singles.clear()

    for path in paths:
        for file in files_in(path):
            if not isinstance(file, Path):  # a folder that could not be listed
                yield from flush()
                found = screen(ReadResult(article=None, path=file.path, error=file))
                yield Plan(ready=[Item(found.label, bucket=found.bucket, reason=found.reason)])
                continue
            if file.suffix.lower() not in CONTAINER_SUFFIXES:
                singles.append(str(file))
                if len(singles) >= batch_size:
                    yield from flush()
                continue
            yield from flush()
            chunk: list[tuple[str, Article]] = []
            for result in read_file(file, year_reference=reference_date):
                found = screen(redate_undated(result, reference_date))
                if found.article is not None:
                    chunk.append((found.label, found.article))
                    if len(chunk) >= batch_size:
                        yield Plan(future=submit(make_task(articles=chunk)), what=str(file))
                        chunk = []
                    continue
                if chunk:
                    yield Plan(future=submit(make_task(articles=chunk)), what=str(file))
                    chunk = []
                yield Plan(ready=[Item(found.label, bucket=found.bucket, reason=found.reason)])
            if chunk:
                yield Plan(future=submit(make_task(articles=chunk)), what=str(file))
    yield from flush()


def _store_url(store: Any) -> str | None:
    """The URL workers may open for the hash check; None for an in-memory store (not shareable)."""
    url = store.url
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        return None
    return url.render_as_string(hide_password=False)


def ingest_parallel(paths: Iterable[str | Path], store: Any, *, workers: int | None = None,
                    spec: ExtractorSpec | None = None, batch_size: int = 16, progress: bool = True,
                    console: Console | None = None, reference_date: date | None = None,
                    engine: str = "local", scheduler: str | None = None) -> IngestSummary:
    """Ingest ``paths`` with ``workers`` extracting in parallel and this process writing, in order.

    ``engine="dask"`` sends the tasks to a Dask cluster instead: ``scheduler`` is its address
    (``tcp://host:8786``); without one a local cluster of ``workers`` processes is started.
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    if engine not in ENGINES:
        raise AccordiaError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    workers = workers or available_cores()
    spec = spec or ExtractorSpec()
    with _executor(engine, workers, scheduler) as (submit, window, shares_files):
        url = _store_url(store) if shares_files else None

        def make_task(files: list[str] | None = None, articles: list[tuple[str, Article]] | None = None) -> Task:
            return Task(spec=spec, batch_size=batch_size, files=files or [], reference_date=reference_date,
                        articles=articles or [], store_url=url)

        return _write_in_order(_plans(paths, submit, make_task, batch_size, reference_date), store,
                               window, progress, console)


def _write_in_order(plans: Iterator[Plan], store: Any, window: int, progress: bool,
                    console: Console | None) -> IngestSummary:
    summary = IngestSummary()
    started = time.perf_counter()
    pending: deque[Plan] = deque()
    try:
        with Ticker(summary, progress, console) as ticker:
            exhausted = False
            while True:
                while not exhausted and sum(p.future is not None for p in pending) < window:
                    plan = next(plans, None)
                    if plan is None:
                        exhausted = True
                        break
                    pending.append(plan)
                if not pending:
                    break
                plan = pending.popleft()
                version, items = _settle(plan)
                for item in items:
                    if item.bucket:
                        getattr(summary, item.bucket).append(Outcome(item.label, item.reason, item.existing))
                    else:
                        assert item.article is not None and item.facts is not None
                        record(summary, store, item.label, item.article, item.facts, version)
                    ticker.advance()
    finally:
        for plan in pending:
            if plan.future is not None:
                plan.future.cancel()
        summary.seconds = time.perf_counter() - started
    return summary


def _settle(plan: Plan) -> tuple[str, list[Item]]:
    """A plan's items; a task that failed as a whole fails its file, a dead pool stops the run."""
    if plan.future is None:
        return "", plan.ready or []
    from concurrent.futures.process import BrokenProcessPool

    try:
        return plan.future.result()
    except BrokenProcessPool as exc:
        raise AccordiaError(f"a worker process died (out of memory?) while reading {plan.what}: {exc}; "
                            "what was written before is kept") from exc
    except Exception as exc:  # noqa: BLE001 - a reader or extractor bug costs its own task only
        reason = f"worker failed: {type(exc).__name__}: {exc}"
        return "", [Item(label, bucket="failed", reason=reason) for label in plan.files or [plan.what]]


@contextmanager
def _executor(engine: str, workers: int, scheduler: str | None) -> Iterator[tuple[Any, int, bool]]:
    """(submit, window, workers-share-our-files) for the chosen engine, torn down on exit."""
    window = workers * 3
    if engine == "local":
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # spawn, not fork: a worker starts clean (no copied locks or connections) and loads its own model
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
        try:
            yield (lambda task: pool.submit(run_task, task)), window, True
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
        return
    from accordia.cluster import dask_client

    client, closers = dask_client(scheduler, workers)
    try:
        # A remote cluster may not reach this store (or a local SQLite file): it only extracts.
        yield (lambda task: client.submit(run_task, task, pure=False)), window, scheduler is None
    finally:
        for close in reversed(closers):
            close()


__all__ = ["ENGINES", "ExtractorSpec", "Task", "available_cores", "ingest_parallel", "run_task"]
