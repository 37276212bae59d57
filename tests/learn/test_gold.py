from accordia.learn.gold import load_gold_dir, locate

TEXT = "Paris said it would help. Rome, however, was cool on the idea … and said so twice. The end."


def test_locate_exact_and_tolerant():
    assert locate(TEXT, "Paris said it would help.") == (0, 25)
    start, end = locate(TEXT, "Rome, however, was cool on the idea … and said so twice.")
    assert TEXT[start:end].startswith("Rome, however")
    # an ellipsis the annotator wrote where the text has none
    assert locate(TEXT, "Rome, however, was cool on the idea... but added nothing else at all") is not None
    assert locate(TEXT, "Nothing like this sentence appears anywhere in it.") is None
    assert locate(TEXT, "   ") is None


def test_load_gold_dir_reads_text_and_positions(small_gold):
    articles = load_gold_dir(small_gold)
    assert [a.name for a in articles] == sorted(a.name for a in articles)
    first = articles[0]
    assert first.article.text and first.article.published is not None
    assert first.positions and all(p.stance for p in first.positions)


def test_load_gold_dir_refuses_empty_or_missing(tmp_path):
    import pytest

    with pytest.raises(FileNotFoundError):
        load_gold_dir(tmp_path / "nope")
    with pytest.raises(FileNotFoundError):
        load_gold_dir(tmp_path)


def test_evidence_given_as_an_object_is_located():
    from accordia.learn.gold import _evidence_span

    assert _evidence_span(TEXT, {"sentence": "Paris said it would help.", "start": 0, "end": 25}) == (0, 25)
    # offsets that do not hold the sentence fall back to finding the sentence
    assert _evidence_span(TEXT, {"sentence": "Paris said it would help.", "start": 3, "end": 9}) == (0, 25)
    assert _evidence_span(TEXT, {"start": "x"}) is None
    assert _evidence_span(TEXT, None) is None


def test_reviewed_positions_are_recognised(tmp_path):
    import json

    (tmp_path / "a1.txt").write_text("KYIV, May 5, 2025 - Portugal backs the force for Ukraine. Spain does not.",
                                     encoding="utf-8")
    gold = {"id": "a1", "text_file": "a1.txt", "published": "2025-05-05", "positions": [
        {"actor": "PRT", "issue": "reassurance-force", "stance": "support", "reviewed": "corrected",
         "evidence": {"sentence": "Portugal backs the force for Ukraine.", "start": 20, "end": 57}},
        {"actor": "ESP", "issue": "reassurance-force", "stance": "oppose", "reviewed": "rejected"},
        {"actor": "ITA", "issue": "reassurance-force", "stance": "oppose", "evidence": {"rule": "analyst"}},
        {"actor": "FRA", "issue": "reassurance-force", "stance": "support"}]}
    (tmp_path / "a1.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (article,) = load_gold_dir(tmp_path)
    flags = {p.actor: p.reviewed for p in article.positions}
    assert flags == {"PRT": True, "ESP": False, "ITA": True, "FRA": False}
    assert article.positions[0].span == (20, 57)
