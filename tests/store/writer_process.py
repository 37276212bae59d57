"""A store writer run as its own process by the concurrency tests (``python -m tests.store.writer_process``).

Every process waits for a "go" file before it touches the store, so they really start together.
It prints one JSON line: what it wrote, joined and failed, with the reason of each failure.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path

from accordia.facts import Article, ArticleFacts, Evidence, Position
from accordia.store import Store


def wait_for(path: Path, limit: float = 60.0) -> None:
    deadline = time.monotonic() + limit
    while not path.exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"{path} never appeared")
        time.sleep(0.005)


def facts_for(article: Article) -> ArticleFacts:
    """One position read from the article's first sentence (offsets computed from the text)."""
    sentence = article.text.split(". ")[0] + "."
    evidence = Evidence(sentence=sentence, start=0, end=len(sentence), cue="supports", rule="test", confidence=0.9)
    return ArticleFacts(article_id=article.id, published=article.published, positions=[
        Position(actor="FRA", issue="reassurance-force", stance="support", evidence=evidence)])


def write_texts(db: str, texts: list[str], go: Path, ready: Path | None) -> dict:
    """Open the store (and its near-duplicate index) first, then write each text once ``go`` exists."""
    outcome: dict = {"stored": 0, "joined": 0, "duplicate": 0, "failed": [], "stories": []}
    store = Store.open(db) if ready is not None else None
    if store is not None:
        store._near_duplicate_index()  # loaded now, before the other processes write anything
        ready.touch()
    wait_for(go)
    if store is None:
        store = Store.open(db)
    with store:
        for n, text in enumerate(texts):
            article = Article(text=text, published=date(2025, 3, 1 + n % 28), source="Test Wire")
            try:
                result = store.write(article, facts_for(article), extractor_version="test")
            except Exception as exc:  # noqa: BLE001 - the test wants every failure, with its reason
                outcome["failed"].append(f"{type(exc).__name__}: {exc}")
                continue
            outcome[result.status] += 1
            outcome["stories"].append(result.story_id)
    return outcome


def main(argv: list[str]) -> int:
    mode, db, go = argv[0], argv[1], Path(argv[2])
    if mode == "open":
        wait_for(go)
        try:
            Store.open(db).close()
        except Exception as exc:  # noqa: BLE001
            print(json.dumps({"failed": [f"{type(exc).__name__}: {exc}"]}))
            return 1
        print(json.dumps({"failed": []}))
        return 0
    texts = json.loads(Path(argv[3]).read_text(encoding="utf-8"))
    ready = Path(argv[4]) if len(argv) > 4 else None
    print(json.dumps(write_texts(db, texts, go, ready)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
