"""A multi-megabyte article is ingested within a fixed memory bound (measured in a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from accordia.store import Store
from accordia.store.check import check_location

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "accordia" / "data" / "sample"
ARTICLE_CHARS = 2_000_000
# The documented bound (README, "Limits"): the model, one piece's parse and the article itself.
PEAK_LIMIT_MB = 800


def long_article(chars: int) -> str:
    """The bundled sample articles, one after another, repeated to ``chars`` characters."""
    body = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("s*.txt")))
    text = (body + "\n\n") * (chars // len(body) + 1)
    return text[:chars]


@pytest.mark.slow
def test_two_megabyte_article_stays_under_the_memory_bound(tmp_path) -> None:
    article = tmp_path / "long.txt"
    article.write_text(long_article(ARTICLE_CHARS), encoding="utf-8")
    db = tmp_path / "kb.db"
    probe = subprocess.run(
        [sys.executable, "-m", "tests.extract.memory_probe", str(PEAK_LIMIT_MB), "--db", str(db), "ingest",
         str(article), "--no-progress", "--reference-date", "2025-12-31"],
        cwd=ROOT, capture_output=True, text=True, timeout=900)
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert "exceeded_mb" not in result, f"peak memory passed {PEAK_LIMIT_MB} MB: {result}"
    assert result["exit"] == 0, probe.stdout[-2000:] + probe.stderr[-2000:]
    assert result["peak_mb"] < PEAK_LIMIT_MB
    with Store.open(str(db), create=False) as store:
        counts = store.counts()
    assert counts["articles"] == 1 and counts["positions"] > 0
    assert check_location(str(db)).ok  # every evidence span lies inside the article and reads its sentence
