"""Training and cross-validation mechanics on a small slice of the development set."""

from __future__ import annotations

import json

import pytest

from accordia.extract import Extractor
from accordia.facts import Article
from accordia.learn import crossval
from accordia.learn.dataset import build_samples, label
from accordia.learn.gold import load_gold_dir
from accordia.learn.train import train_model


@pytest.fixture(scope="module")
def samples(small_gold, rules_only):
    return build_samples(load_gold_dir(small_gold), rules_only)


def test_candidates_cover_gold_pairs_and_labels_are_stances(samples):
    labels = {lab for s in samples for lab in s.labels}
    assert {"none", "support"} <= labels
    assert labels <= {None, "none", "support", "oppose", "conditional", "undecided"}
    covered = total = 0
    for s in samples:
        pairs = {(c.actor, c.issue) for c in s.candidates}
        for p in s.gold.positions:
            if p.required:
                total += 1
                covered += (p.actor, p.issue) in pairs
    assert covered / total > 0.7


def test_label_of_a_pair_the_gold_does_not_list_is_none(samples):
    s = samples[0]
    listed = {(p.actor, p.issue) for p in s.gold.positions}
    stray = next(c for c in s.candidates if (c.actor, c.issue) not in listed)
    assert label(stray, s.gold) == "none"


def test_saved_model_reloads_with_identical_output(small_gold, tmp_path, rules_only):
    path = tmp_path / "model.json.gz"
    model = train_model([small_gold], path, seed=0, extractor=rules_only)
    assert path.exists() and model.weights and 0.0 < model.threshold < 1.0
    first = Extractor(model=model, reference=rules_only.reference)
    second = Extractor(model=path, reference=rules_only.reference)
    text = (small_gold / "d022.txt").read_text(encoding="utf-8")
    a = first(Article(text=text)).to_gold(include_unconfirmed=True)
    b = second(Article(text=text)).to_gold(include_unconfirmed=True)
    assert a["positions"] == b["positions"]
    assert all(0.0 <= p["evidence"]["confidence"] <= 1.0 for p in a["positions"])
    # the same data and seed give the same file
    again = train_model([small_gold], tmp_path / "again.json.gz", seed=0, extractor=rules_only)
    assert again.to_json() == model.to_json()


def test_cross_validation_never_fits_on_the_scored_fold(small_gold, samples, rules_only, monkeypatch):
    names = sorted(s.gold.name for s in samples)
    folds = [names[0:2], names[2:4], names[4:6]]
    (small_gold / "folds.json").write_text(json.dumps({"folds": folds}), encoding="utf-8")
    seen: list[set[str]] = []
    real_fit = crossval.fit_classifier

    def spy(train, *args, **kwargs):
        seen.append({s.gold.name for s in train})
        return real_fit(train, *args, **kwargs)

    monkeypatch.setattr(crossval, "fit_classifier", spy)
    report = crossval.cross_validate(small_gold / "folds.json", samples={s.gold.name: s for s in samples},
                                     extra_samples=[], extractor=rules_only)
    assert len(report.folds) == 3
    # each outer fold: 2 inner fits + 1 final fit, none of which saw the held-out fold
    for k, fold in enumerate(folds):
        for names_seen in seen[3 * k: 3 * k + 3]:
            assert not names_seen & set(fold)
    text = crossval.format_report(report)
    assert "positions" in text and "cv_positions_f1=" in text


def test_read_folds_rejects_bad_files(tmp_path):
    bad = tmp_path / "folds.json"
    bad.write_text(json.dumps({"folds": "r001"}), encoding="utf-8")
    with pytest.raises(ValueError):
        crossval.read_folds(bad)
