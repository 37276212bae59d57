"""The extractor scored on the development corpus, with the project's floors.

The floors are the ones the extraction work was accepted at; a rule change that drops a score
below one fails here. Scoring uses the shared corpus rules (``accordia.evaluate``).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from accordia.evaluate import score_document
from accordia.facts import Article

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"
SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seed"
OFF_TOPIC = ("d010", "d018", "d027")
FLOORS = {"positions": 0.85, "commitments": 0.75, "red_lines": 0.80, "people": 0.90}
FACT_TYPES = ("positions", "commitments", "red_lines", "groups", "decision_rules", "people")


def _predict(extractor, folder: Path) -> dict[str, tuple[dict, dict]]:
    out = {}
    for gold_path in sorted(folder.glob("*.gold.json")):
        name = gold_path.name[: -len(".gold.json")]
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = (folder / f"{name}.txt").read_text(encoding="utf-8")
        facts = extractor(Article(text=text, published=date.fromisoformat(gold["published"])))
        out[name] = (gold, facts.to_gold(f"{name}.txt"))
    return out


def _micro_f1(pairs, fact_type: str) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for gold, pred in pairs:
        c = score_document(gold, pred, fact_type)
        tp, fp, fn = tp + c.tp, fp + c.fp, fn + c.fn
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@pytest.fixture(scope="module")
def dev_predictions(extractor):
    return _predict(extractor, DEV)


@pytest.mark.parametrize("fact_type", sorted(FLOORS))
def test_dev_set_meets_floor(dev_predictions, fact_type):
    _, _, f1 = _micro_f1(dev_predictions.values(), fact_type)
    assert f1 >= FLOORS[fact_type], f"{fact_type} F1 {f1:.3f} is below the floor {FLOORS[fact_type]}"


def test_off_topic_articles_give_at_most_one_position(dev_predictions):
    total = sum(len(dev_predictions[name][1]["positions"]) for name in OFF_TOPIC)
    assert total <= 1


def test_every_evidence_offset_points_at_its_sentence(extractor):
    for name in ("d003", "d011", "d022", "d029"):
        text = (DEV / f"{name}.txt").read_text(encoding="utf-8")
        facts = extractor(Article(text=text, published=date(2025, 6, 1)))
        evidence = facts.all_evidence()
        assert evidence, name
        for ev in evidence:
            assert text[ev.start:ev.end] == ev.sentence, (name, ev)
            assert 0.0 < ev.confidence <= 1.0 and ev.rule, (name, ev)


@pytest.mark.skipif(not (SEED / "seed-0001.txt").exists(), reason="the shared seed article (../shared) is absent")
def test_seed_required_facts_all_found(extractor):
    (gold, pred), = _predict(extractor, SEED).values()
    for fact_type in FACT_TYPES:
        c = score_document(gold, pred, fact_type)
        assert c.fn == 0, f"{fact_type}: {c.fn} required fact(s) missed on the seed"
    c = score_document(gold, pred, "positions")
    assert c.tp / (c.tp + c.fp) >= 0.9
    text = (SEED / "seed-0001.txt").read_text(encoding="utf-8")
    for section in ("positions", "commitments", "red_lines", "decision_rules", "people", "provisions"):
        for fact in pred[section]:
            ev = fact["evidence"]
            assert text[ev["start"]:ev["end"]] == ev["sentence"]
