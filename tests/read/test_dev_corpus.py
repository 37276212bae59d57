"""The shared development corpus: every article read, dated from its dateline, credited to Dev Wire."""

import json
from datetime import date
from pathlib import Path

import pytest

from accordia.read import NotAnArticle, read_path

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus"
DEV = CORPUS / "dev"
SEED = CORPUS / "seed" / "seed-0001.txt"

pytestmark = pytest.mark.skipif(not DEV.is_dir(), reason="shared corpus not present at ../shared/corpus")


def gold_date(text_path: Path) -> date:
    gold = json.loads(text_path.with_suffix(".gold.json").read_text(encoding="utf-8"))
    return date.fromisoformat(gold["published"])


def test_every_dev_article_is_read_exactly_and_dated_from_its_dateline():
    found = list(read_path(DEV, year_reference=date(2025, 12, 31)))
    results = [r for r in found if not isinstance(r.error, NotAnArticle)]
    assert len(results) == len(list(DEV.glob("*.txt")))
    # gold files are not read, but each is reported as skipped
    gold = sorted(p.name for p in DEV.glob("*.gold.json"))
    assert sorted(Path(r.path).name for r in found if r not in results) == gold
    for result in results:
        path = Path(result.path)
        assert result.error is None, str(result.error)
        article = result.article
        assert article.text == path.read_bytes().decode("utf-8")  # evidence offsets index into it
        assert article.source == "Dev Wire"
        assert result.date_from == "dateline"
        # Gold gives the publication date: the dateline's event day or the day after.
        assert 0 <= (gold_date(path) - article.published).days <= 1, path.name


def test_without_a_reference_the_year_comes_from_the_file_date():
    for result in read_path(DEV):
        if isinstance(result.error, NotAnArticle):
            continue
        path = Path(result.path)
        stamp = date.fromtimestamp(path.stat().st_mtime)
        published = result.article.published
        assert published <= stamp
        assert (stamp - published).days < 366
        expected = gold_date(path)
        assert 0 <= (date(published.year, expected.month, expected.day) - published).days <= 1


@pytest.mark.skipif(not SEED.is_file(), reason="seed article not present")
def test_seed_without_dateline_falls_back_to_the_file_date():
    [result] = list(read_path(SEED))
    assert result.date_from == "file"
    assert result.article.published == date.fromtimestamp(SEED.stat().st_mtime)
    assert result.article.source == ""
    assert result.article.text == SEED.read_bytes().decode("utf-8")
