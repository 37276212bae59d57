"""Ingest throughput: N articles into a temporary SQLite store, against a store-only baseline.

The articles are the development corpus replicated with shifted dates and small edits (so most
copies are near-duplicates that join a story, as wire copy does), or synthetic text when the corpus
is absent. Both runs happen in this process on the same articles:

* baseline: store-only writes (hash check, near-duplicate search, one transaction per article)
  with no facts, so the ratio shows what extraction and fact writing add to the store's own cost;
* full: read -> extract -> store through ``accordia.ingest.ingest_results``.

Usage: python bench/bench_ingest.py [--n 10000] [--fake-extract] [--batch-size 16] [--quick]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from accordia.facts import Article, ArticleFacts, Evidence, Position  # noqa: E402
from accordia.ingest import ingest_results  # noqa: E402
from accordia.store import Store  # noqa: E402

DEV = ROOT / ".." / "shared" / "corpus" / "dev"
_SENTENCE = re.compile(r"[^.!?]+[.!?]")
_SWAPS = [("said", "stated"), ("officials", "diplomats"), ("on Tuesday", "on Wednesday"),
          ("talks", "negotiations"), ("leaders", "heads of government")]


@dataclass
class Item:
    """What ``ingest_results`` reads: an article, where it came from, no read error."""

    article: Article
    path: str
    error: None = None
    where: str = ""


def _dev_texts() -> list[tuple[str, date]]:
    found = []
    for text_file in sorted(DEV.glob("d*.txt")) if DEV.is_dir() else []:
        gold = text_file.with_name(text_file.stem + ".gold.json")
        published = date(2025, 6, 1)
        if gold.exists():
            raw = json.loads(gold.read_text(encoding="utf-8")).get("published")
            published = date.fromisoformat(raw) if raw else published
        found.append((text_file.read_text(encoding="utf-8"), published))
    return found


def _synthetic_texts(count: int = 30) -> list[tuple[str, date]]:
    rng = random.Random(11)
    actors = ["France", "Germany", "Poland", "Italy", "Spain", "Britain", "Sweden", "Turkey"]
    issues = ["the ceasefire", "the reassurance force", "the peace plan", "new sanctions"]
    verbs = ["supports", "opposes", "has not decided on", "backs", "rejects"]
    out = []
    for n in range(count):
        sentences = [f"{rng.choice(actors)} {rng.choice(verbs)} {rng.choice(issues)}, officials said "
                     f"after talks number {n * 7 + k}." for k in range(12)]
        out.append((f"BRUSSELS (Bench Wire) - {' '.join(sentences)}", date(2025, 1, 1) + timedelta(days=n)))
    return out


def make_articles(n: int, seed: int = 5) -> Iterator[Article]:
    """``n`` articles, generated lazily: the corpus, then copies with dates shifted and words edited."""
    base = _dev_texts() or _synthetic_texts()
    rng = random.Random(seed)
    for i in range(n):
        text, published = base[i % len(base)]
        copy = i // len(base)
        if copy:
            for old, new in rng.sample(_SWAPS, 2):
                text = text.replace(old, new, 1)
            text = f"{text}\n\nThis report was updated (revision {copy})."
            if copy % 4 == 0:  # every fourth round drops the first paragraph: a looser rewrite
                text = text.split("\n\n", 1)[-1]
        yield Article(text=text, published=published + timedelta(days=7 * copy),
                      source=f"Outlet {copy % 9}", path=f"bench/{i:05d}.txt")


class TrivialExtractor:
    """Stands in for spaCy (``--fake-extract``): one position per sentence naming a known actor."""

    version = "bench-trivial"
    ACTORS = {"France": "FRA", "Germany": "DEU", "Poland": "POL", "Italy": "ITA", "Britain": "GBR",
              "Ukraine": "UKR", "Russia": "RUS", "Washington": "USA", "Spain": "ESP", "Turkey": "TUR"}

    def __call__(self, article: Article) -> ArticleFacts:
        facts = ArticleFacts(article_id=article.id, published=article.published)
        for m in _SENTENCE.finditer(article.text):
            sentence = m.group(0)
            actor = next((iso for name, iso in self.ACTORS.items() if name in sentence), None)
            if actor is None:
                continue
            stance = "oppose" if re.search(r"\b(not|reject|oppose)", sentence) else "support"
            start = m.start() + (len(sentence) - len(sentence.lstrip()))
            ev = Evidence(sentence=sentence.strip(), start=start, end=m.end(), cue="bench", rule="bench")
            facts.positions.append(Position(actor=actor, issue="ceasefire", stance=stance, evidence=ev))
        return facts

    def pipe(self, articles, batch_size: int = 16):
        return (self(a) for a in articles)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _baseline(n: int, folder: Path) -> float:
    """Store-only: every article written with no facts, through the same write path."""
    store = Store.open(str(folder / "baseline.db"))
    started = time.perf_counter()
    for article in make_articles(n):
        store.write(article, ArticleFacts(article_id=article.id), extractor_version="baseline")
    seconds = time.perf_counter() - started
    store.close()
    return seconds


def _full(n: int, folder: Path, extractor, batch_size: int) -> tuple[float, dict]:
    store = Store.open(str(folder / "full.db"))
    items = (Item(article=a, path=a.path) for a in make_articles(n))
    started = time.perf_counter()
    summary = ingest_results(items, store, extractor, progress=False, batch_size=batch_size)
    seconds = time.perf_counter() - started
    counts = store.counts()
    store.close()
    return seconds, {"ingested": summary.ingested, "joined": len(summary.joined),
                     "skipped": len(summary.skipped), "failed": len(summary.failed),
                     "facts": summary.facts, "stories": counts["stories"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles to ingest (default 10000)")
    parser.add_argument("--fake-extract", action="store_true", help="use a trivial extractor, not spaCy")
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--quick", action="store_true", help="100 articles: a smoke run under a minute")
    args = parser.parse_args(argv)
    if args.quick:
        args.n = 100

    if args.fake_extract:
        extractor = TrivialExtractor()
    else:
        from accordia.extract import Extractor

        extractor = Extractor()
    corpus = "dev corpus" if _dev_texts() else "synthetic text"
    print(f"bench_ingest: {args.n} articles from the {corpus}, extractor={type(extractor).__name__}")
    with tempfile.TemporaryDirectory(prefix="accordia-bench-") as tmp:
        folder = Path(tmp)
        base_s = _baseline(args.n, folder)
        base_rss = _peak_rss_mb()
        print(f"baseline (store-only writes): {base_s:8.2f} s  {args.n / base_s:8.1f} articles/s  "
              f"peak RSS {base_rss:.0f} MB")
        full_s, outcome = _full(args.n, folder, extractor, args.batch_size)
        print(f"full ingest (read+extract+store): {full_s:8.2f} s  {args.n / full_s:8.1f} articles/s  "
              f"peak RSS {_peak_rss_mb():.0f} MB")
        print("outcome: " + ", ".join(f"{k}={v}" for k, v in outcome.items()))
        print(f"ratio full/baseline: {full_s / base_s:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
