"""Gold-annotated articles (``NAME.txt`` beside ``NAME.gold.json``), read the way ingest reads them."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from accordia.facts import Article
from accordia.read import read_path

GOLD_SUFFIX = ".gold.json"


@dataclass
class GoldPosition:
    actor: str
    issue: str
    stance: str
    required: bool
    span: tuple[int, int] | None  # where its evidence sentence lies in the article text, if given


@dataclass
class GoldArticle:
    name: str
    article: Article
    gold: dict[str, Any]
    positions: list[GoldPosition] = field(default_factory=list)


def locate(text: str, evidence: str) -> tuple[int, int] | None:
    """Where a gold evidence string lies in the text; tolerant of ellipses and cut ends."""
    evidence = evidence.strip()
    if not evidence:
        return None
    at = text.find(evidence)
    if at >= 0:
        return at, at + len(evidence)
    for piece in sorted((p.strip() for p in evidence.replace("…", "\n").replace("...", "\n").split("\n")),
                        key=len, reverse=True):
        if len(piece) >= 25:
            at = text.find(piece)
            if at >= 0:
                return at, at + len(piece)
    for cut in (60, 35):
        if len(evidence) > cut:
            for part in (evidence[:cut], evidence[-cut:]):
                at = text.find(part)
                if at >= 0:
                    return at, at + len(part)
    return None


def _published(gold: dict[str, Any], article: Article) -> date | None:
    value = gold.get("published")
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            pass
    return article.published


def load_gold_dir(folder: str | Path, names: set[str] | None = None) -> list[GoldArticle]:
    """Every ``NAME.gold.json`` with its text in ``folder`` (optionally only ``names``), sorted by name."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"gold folder {folder} does not exist")
    out: list[GoldArticle] = []
    for gold_path in sorted(folder.glob(f"*{GOLD_SUFFIX}")):
        name = gold_path.name[: -len(GOLD_SUFFIX)]
        if names is not None and name not in names:
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text_path = folder / (gold.get("text_file") or f"{name}.txt")
        if not text_path.exists():
            continue
        results = [r for r in read_path(text_path) if r.article is not None]
        if not results:
            continue
        article = results[0].article
        article.published = _published(gold, article)
        item = GoldArticle(name, article, gold)
        for p in gold.get("positions") or []:
            if not isinstance(p, dict) or not p.get("actor") or not p.get("issue"):
                continue
            span = locate(article.text, p["evidence"]) if isinstance(p.get("evidence"), str) else None
            item.positions.append(GoldPosition(str(p["actor"]), str(p["issue"]), str(p.get("stance", "")).lower(),
                                               p.get("explicit", True) is not False, span))
        out.append(item)
    if not out:
        raise FileNotFoundError(f"no *{GOLD_SUFFIX} files with their texts in {folder}")
    return out
