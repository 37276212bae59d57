"""Analysts' corrections leave as gold files, in the shared gold shape, and teach the extractor."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accordia.api import Accordia
from tests.store.helpers import KeywordExtractor, fake_reference, stance_text

DEV_GOLD = Path(__file__).resolve().parent / "data" / "dev"
SEED_GOLD = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus" / "seed" / "seed-0001.gold.json"


def _kb(tmp_path: Path) -> Accordia:
    kb = Accordia.open(str(tmp_path / "kb.db"), reference=fake_reference(), extractor=KeywordExtractor())
    kb.ingest(stance_text("France supports the reassurance force.", "Poland opposes the reassurance force.",
                          place="PARIS, March 2, 2025"))
    kb.ingest(stance_text("Italy backs the ceasefire.", place="ROME, March 4, 2025"))
    return kb


def test_gold_export_holds_the_corrected_reading_not_the_original(tmp_path: Path) -> None:
    with _kb(tmp_path) as kb:
        poland = kb.positions(issue="reassurance-force").set_index("actor").loc["POL"]
        kb.correct(poland["fact"], {"stance": "conditional"}, reviewer="ana", comment="a condition follows")
        out = kb.export("gold", tmp_path / "gold")
    golds = sorted(out.glob("*.gold.json"))
    assert len(golds) == 1, "only the reviewed article is exported"
    gold = json.loads(golds[0].read_text(encoding="utf-8"))
    assert {(p["actor"], p["stance"]) for p in gold["positions"]} == {("FRA", "support"), ("POL", "conditional")}
    assert (out / gold["text_file"]).read_text(encoding="utf-8").startswith("PARIS, March 2, 2025")
    assert {"id": "POL", "mentions": []} in gold["actors"]


def test_gold_export_uses_the_shared_shape(tmp_path: Path) -> None:
    if not SEED_GOLD.is_file():
        pytest.skip("the shared seed gold file (../shared/corpus/seed) is absent")
    seed = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    with _kb(tmp_path) as kb:
        kb.accept(kb.positions().iloc[0]["fact"])
        out = kb.export("gold", tmp_path / "gold")
    gold = json.loads(next(out.glob("*.gold.json")).read_text(encoding="utf-8"))
    assert set(seed) - {"note"} <= set(gold)
    for name in ("positions", "commitments", "red_lines"):
        for fact in gold[name]:
            seed_keys = set(seed[name][0]) if seed[name] else set()
            assert seed_keys <= set(fact) | {"explicit", "role", "red_line"}, name


@pytest.mark.xfail(strict=True, reason=(
    "the stance model's pair layer (accordia/extract/stance_model.py, pool_features) pools the rules' own "
    "reading of the pair (top:article_rule=undecided); trained with the development gold, that feature "
    "outweighs one corrected article: the sentence layer learns the correction (support 0.75) but the pair "
    "layer still decides undecided (0.60). Remove this mark when the model can learn from one correction."))
def test_round_trip_correct_export_train_reads_the_correction(tmp_path: Path) -> None:
    """A correction exported as gold and trained on (with the development gold) changes the reading."""
    from accordia.extract import Extractor
    from accordia.learn.train import train_model
    from accordia.read import read_path

    article = tmp_path / "note.txt"
    # The force is named twice: an article that names the process once is off topic for the extractor,
    # which then reads no stance at all, with or without a model.
    article.write_text("LISBON, May 5, 2025 - Portugal said on Monday that it was weighing whether to back the "
                       "multinational reassurance force for Ukraine, and would decide after a cabinet meeting. "
                       "Officials added that talks on the reassurance force with partners would continue.",
                       encoding="utf-8")
    with Accordia.open(str(tmp_path / "kb.db")) as kb:
        kb.ingest(article)
        rows = kb.positions(issue="reassurance-force", include_unconfirmed=True)
        (portugal,) = rows[rows["actor"] == "PRT"].to_dict("records")
        assert portugal["stance"] != "support", "the correction must change what the machine read"
        kb.correct(portugal["fact"], {"stance": "support"}, comment="taught: weighing -> support")
        gold = kb.export("gold", tmp_path / "gold")
    model = tmp_path / "model.json"
    # One article is too few to train on (two at least, and a cross-validation inside them).
    train_model([gold, DEV_GOLD], model, seed=0)
    (result,) = [r for r in read_path(article) if r.article is not None]
    facts = Extractor(model=model)(result.article)
    assert ("PRT", "reassurance-force", "support") in {(p.actor, p.issue, p.stance) for p in facts.positions}
