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
