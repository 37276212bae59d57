"""Read -> extract -> store, streaming: articles flow through in small batches, one commit each.

The corpus is never held in memory: readers yield articles lazily, the extractor sees one batch at a
time, and every article is its own transaction, so an interrupted run keeps what it finished. A bad
file, an unreadable language or an extractor crash on one article is reported and the run goes on.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from accordia.facts import Article, ArticleFacts
from accordia.store import Store

# Read failures that mean "nothing to do here" rather than "something is broken".
_SKIP_ERRORS = ("EmptyInput", "NotEnglish", "UnsupportedFormat", "NotAnArticle")


@dataclass
class Outcome:
    """One article (or file) that did not simply become a new story, and why."""

    path: str
    reason: str
    article_id: str = ""


@dataclass
class IngestSummary:
    """Counts and reasons for one run.

    ``ingested`` counts every article written; ``joined`` lists those among them that were
    near-duplicates of a stored story (their facts became extra sources of that story's facts).
    """

    ingested: int = 0
    facts: int = 0
    joined: list[Outcome] = field(default_factory=list)
    skipped: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def seen(self) -> int:
        return self.ingested + len(self.skipped) + len(self.failed)

    @property
    def rate(self) -> float:
        """Articles handled per second of wall time."""
        return self.seen / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        def rows(items: list[Outcome]) -> list[dict[str, str]]:
            return [{"path": o.path, "reason": o.reason, "article": o.article_id} for o in items]

        return {"ingested": self.ingested, "facts": self.facts, "joined": rows(self.joined),
                "skipped": rows(self.skipped), "failed": rows(self.failed),
                "seconds": round(self.seconds, 3), "articles_per_second": round(self.rate, 2)}

    def table(self, limit: int = 20) -> Table:
        """A Rich table: totals first, then each skip and failure with its reason."""
        table = Table(title="Ingest summary", show_lines=False)
        table.add_column("outcome")
        table.add_column("count / where", overflow="fold")
        table.add_column("reason", overflow="fold")
        table.add_row("ingested", str(self.ingested), f"{self.facts} facts stored")
        table.add_row("joined a story", str(len(self.joined)), "near-duplicates: extra sources of facts")
        table.add_row("skipped", str(len(self.skipped)), "")
        table.add_row("failed", str(len(self.failed)), "")
        table.add_row("speed", f"{self.rate:.1f} articles/s", f"{self.seconds:.1f} s in all")
        for label, items in (("joined", self.joined), ("skipped", self.skipped), ("failed", self.failed)):
            for item in items[:limit]:
                table.add_row(f"  {label}", item.path, item.reason)
            if len(items) > limit:
                table.add_row(f"  {label}", f"... {len(items) - limit} more", "")
        if self.failed:
            table.caption = f"{len(self.failed)} input(s) failed: see the 'failed' rows (exit status 3)"
        return table


Extractor = Callable[[Article], ArticleFacts]


def redate_undated(result: Any, reference_date: date | None) -> Any:
    """The result with ``reference_date`` standing in for the file's modification date.

    A file's modification date says when it was copied, not when it was written, so a caller who
    knows when the articles were collected gives that date instead; only articles the reader dated
    from the file itself change.
    """
    article = getattr(result, "article", None)
    if reference_date is None or article is None or getattr(result, "date_from", "") != "file":
        return result
    return replace(result, article=replace(article, published=reference_date))


def _read_paths(paths: Iterable[str | Path], reference_date: date | None = None) -> Iterator[Any]:
    """ReadResults for every path (folders walked by the reader), lazily."""
    from accordia.read import read_path

    for path in paths:
        for result in read_path(path, year_reference=reference_date):
            yield redate_undated(result, reference_date)


def _classify_read_error(error: Exception) -> str:
    return "skipped" if type(error).__name__ in _SKIP_ERRORS else "failed"


def _extract_batch(extractor: Any, articles: list[Article]) -> list[ArticleFacts | Exception]:
    """Facts for each article, or the exception its extraction raised.

    The batch goes through ``pipe`` (faster with spaCy); if the batch fails, each article is retried
    alone so that one bad article costs only itself.
    """
    if hasattr(extractor, "pipe") and len(articles) > 1:
        try:
            found = list(extractor.pipe(articles, batch_size=len(articles)))
            if len(found) == len(articles) and all(isinstance(f, ArticleFacts) for f in found):
                return found
        except Exception:  # noqa: BLE001 - fall through to per-article isolation
            pass
    out: list[ArticleFacts | Exception] = []
    for article in articles:
        try:
            facts = extractor(article)
            if not isinstance(facts, ArticleFacts):
                raise TypeError(f"extractor returned {type(facts).__name__}, not ArticleFacts")
            out.append(facts)
        except Exception as exc:  # noqa: BLE001 - report and keep going
            out.append(exc)
    return out


def _batches(items: Iterable[tuple[str, Article]], size: int) -> Iterator[list[tuple[str, Article]]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _Speed(ProgressColumn):
    """Articles per second, which the stock columns only show for bytes."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s")


def _progress(console: Console) -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                    TextColumn("{task.completed} articles"), _Speed(), TimeElapsedColumn(),
                    console=console, transient=False)


@dataclass
class Screened:
    """A read result sorted before extraction: an article to extract, or why there is none."""

    label: str
    article: Article | None = None
    bucket: str = ""
    reason: str = ""


def screen(result: Any) -> Screened:
    """Sort one ReadResult-like object (``.article``, ``.path``, ``.error``) without touching the store.

    Shared by the one-process and the parallel ingest, so both skip and fail for the same reasons.
    """
    path = str(getattr(result, "path", "") or "<text>")
    where = getattr(result, "where", "")
    label = f"{path} ({where})" if where else path
    error = getattr(result, "error", None)
    article = getattr(result, "article", None)
    if error is not None or article is None:
        reason = getattr(error, "reason", None) or str(error or "no article")
        bucket = "skipped" if _classify_read_error(error) == "skipped" else "failed"
        return Screened(label, bucket=bucket, reason=f"{type(error).__name__}: {reason}" if error else reason)
    if not article.text.strip():
        return Screened(label, bucket="skipped", reason="empty text")
    if (article.language or "en").lower()[:2] != "en":
        return Screened(label, bucket="skipped", reason=f"not English (language {article.language!r})")
    return Screened(label, article=article)


def record(summary: IngestSummary, store: Store, label: str, article: Article,
           facts: ArticleFacts | Exception | str, version: str) -> None:
    """Write one extracted article (its own transaction) and count the outcome in ``summary``.

    ``facts`` is the extraction's result, or the exception (or its one-line description) it raised.
    """
    if not isinstance(facts, ArticleFacts):
        detail = facts if isinstance(facts, str) else f"{type(facts).__name__}: {facts}"
        summary.failed.append(Outcome(label, f"extraction failed: {detail}"))
        return
    try:
        written = store.write(article, facts, extractor_version=version)
    except Exception as exc:  # noqa: BLE001 - one article, one report
        summary.failed.append(Outcome(label, f"store failed: {type(exc).__name__}: {exc}"))
        return
    if written.status == "duplicate":
        summary.skipped.append(Outcome(label, written.reason, written.article_id))
        return
    summary.ingested += 1
    summary.facts += written.facts
    if written.status == "joined":
        summary.joined.append(Outcome(label, written.reason, written.article_id))


class Ticker:
    """The optional progress bar, advanced once per article or file handled."""

    def __init__(self, summary: IngestSummary, progress: bool, console: Console | None) -> None:
        self.summary = summary
        self.bar = _progress(console or Console(stderr=True)) if progress else None
        self.task = self.bar.add_task("ingesting", total=None) if self.bar else None

    def __enter__(self) -> Ticker:
        if self.bar is not None:
            self.bar.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

    def advance(self) -> None:
        if self.bar is not None:
            s = self.summary
            self.bar.update(self.task, advance=1, description=(
                f"ingested {s.ingested}, skipped {len(s.skipped)}, failed {len(s.failed)}"))


def ingest_results(results: Iterable[Any], store: Store, extractor: Any, *, progress: bool = True,
                   batch_size: int = 16, extractor_version: str | None = None,
                   console: Console | None = None) -> IngestSummary:
    """Ingest ReadResult-like objects (``.article``, ``.path``, ``.error``) into ``store``."""
    summary = IngestSummary()
    version = extractor_version if extractor_version is not None else str(getattr(extractor, "version", ""))
    started = time.perf_counter()

    def usable(ticker: Ticker) -> Iterator[tuple[str, Article]]:
        for result in results:
            found = screen(result)
            if found.article is None:
                getattr(summary, found.bucket).append(Outcome(found.label, found.reason))
                ticker.advance()
                continue
            existing = store.find_hash(found.article.text)
            if existing is not None:
                summary.skipped.append(Outcome(found.label, f"duplicate content of article {existing}", existing))
                ticker.advance()
                continue
            yield found.label, found.article

    try:
        with Ticker(summary, progress, console) as ticker:
            for batch in _batches(usable(ticker), batch_size):
                extracted = _extract_batch(extractor, [a for _, a in batch])
                for (label, article), facts in zip(batch, extracted, strict=True):
                    record(summary, store, label, article, facts, version)
                    ticker.advance()
    finally:
        summary.seconds = time.perf_counter() - started
    return summary


def ingest(paths: Iterable[str | Path], store: Store, extractor: Any, *, progress: bool = True,
           batch_size: int = 16, console: Console | None = None,
           reference_date: date | None = None) -> IngestSummary:
    """Read every file or folder in ``paths``, extract facts and store them; returns the summary.

    ``reference_date`` is when the files were collected: a dateline without a year ("Feb 12") is
    read as the latest such day on or before it, and an article with no date of its own is dated
    on it. Without it both fall back to the file's modification date, which is wrong for files
    copied long after publication (a 2025 corpus copied in 2026 would be dated 2026).
    """
    if isinstance(paths, str | Path):
        paths = [paths]
    return ingest_results(_read_paths(paths, reference_date), store, extractor, progress=progress,
                          batch_size=batch_size, console=console)
