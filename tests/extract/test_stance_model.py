"""The stance model file and its decision: pooling, calibration, confirmation, persistence."""

from __future__ import annotations

import gzip
import json

import pytest

from accordia.extract.pairs import PairCandidate
from accordia.extract.stance_model import StanceModel


class _Ctx:
    sentence = None


def _cand(actor: str, issue: str, **features: float) -> PairCandidate:
    return PairCandidate(actor, issue, _Ctx(), "ref", "sentence", dict(features))  # type: ignore[arg-type]


def _model(threshold: float = 0.5) -> StanceModel:
    classes = ("none", "support", "oppose")
    weights = {"backs": [0.0, 3.0, 0.0], "rejects": [0.0, 0.0, 3.0], "aside": [2.0, 0.0, 0.0]}
    return StanceModel(classes, weights, [1.0, 0.0, 0.0], threshold=threshold)


def test_probabilities_sum_to_one_and_follow_weights():
    p = _model().probabilities({"backs": 1.0})
    assert abs(sum(p.values()) - 1.0) < 1e-9
    assert max(p, key=p.get) == "support"
    assert max(_model().probabilities({"unknown-feature": 1.0}).items(), key=lambda kv: kv[1])[0] == "none"


def test_decide_pools_the_best_sentence_per_actor_and_issue():
    cands = [_cand("FRA", "force", aside=1.0), _cand("FRA", "force", backs=1.0), _cand("ITA", "force", rejects=1.0)]
    decisions = {(d.actor, d.issue): d for d in _model().decide(cands, floor=0.0)}
    assert decisions[("FRA", "force")].stance == "support"
    assert decisions[("FRA", "force")].best is cands[1]
    assert decisions[("ITA", "force")].stance == "oppose"


def test_threshold_splits_confirmed_from_unconfirmed():
    cands = [_cand("FRA", "force", backs=1.0), _cand("DEU", "force", backs=0.3)]
    decisions = {d.actor: d for d in _model(threshold=0.6).decide(cands, floor=0.0)}
    assert decisions["FRA"].confirmed and not decisions["DEU"].confirmed
    assert decisions["FRA"].confidence > decisions["DEU"].confidence


def test_floor_drops_weak_readings_entirely():
    assert _model().decide([_cand("DEU", "force", aside=1.0)], floor=0.3) == []


def test_calibration_is_monotone():
    m = StanceModel(("none", "support"), {}, [0.0, 0.0], calibration=(0.7, -0.4))
    values = [m.calibrate(x / 10) for x in range(1, 10)]
    assert values == sorted(values)


@pytest.mark.parametrize("suffix", [".json", ".json.gz"])
def test_save_and_load_round_trip(tmp_path, suffix):
    model = _model(threshold=0.42)
    model.calibration = (0.9, 0.1)
    path = model.save(tmp_path / f"m{suffix}")
    again = StanceModel.load(path)
    assert again.to_json() == model.to_json()
    feats = {"backs": 1.0, "rejects": 0.5}
    assert again.probabilities(feats) == model.probabilities(feats)


def test_gzip_file_is_byte_identical_for_identical_models(tmp_path):
    a = _model().save(tmp_path / "a.json.gz").read_bytes()
    b = _model().save(tmp_path / "b.json.gz").read_bytes()
    assert a == b


def test_bad_model_files_are_refused_clearly(tmp_path):
    (tmp_path / "x.json").write_text("not json at all", encoding="utf-8")
    with pytest.raises(ValueError, match="not a stance model"):
        StanceModel.load(tmp_path / "x.json")
    (tmp_path / "y.json").write_text(json.dumps({"format": "something-else"}), encoding="utf-8")
    with pytest.raises(ValueError, match="not a stance model"):
        StanceModel.load(tmp_path / "y.json")
    broken = _model().to_json()
    broken["weights"]["backs"] = [1.0]
    with gzip.open(tmp_path / "z.json.gz", "wt", encoding="utf-8") as fh:
        json.dump(broken, fh)
    with pytest.raises(ValueError, match="do not match"):
        StanceModel.load(tmp_path / "z.json.gz")


def test_environment_can_switch_the_model_off(monkeypatch):
    from accordia.extract.stance_model import load_default_model

    monkeypatch.setenv("ACCORDIA_MODEL", "none")
    assert load_default_model() is None
    monkeypatch.setenv("ACCORDIA_MODEL", "/nonexistent/model.json")
    with pytest.raises(FileNotFoundError, match="ACCORDIA_MODEL"):
        load_default_model()
