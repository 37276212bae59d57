from pathlib import Path

from accordia.read import read_path
from accordia.read.errors import EmptyInput, Malformed, NotEnglish
from accordia.read.tabular import parse_csv, parse_json

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_jsonl_keeps_going_past_a_broken_line():
    results = {r.where: r for r in read_path(FIXTURES / "export.jsonl")}
    assert sorted(results) == ["line 1", "line 2", "line 3", "line 5", "line 6"]
    first = results["line 1"].article
    assert first.id == "hg-101"
    assert first.title == "Envoys meet in Riyadh"
    assert first.source == "gazette.example.org"
    assert first.published.isoformat() == "2025-03-25"
    assert isinstance(results["line 2"].error, Malformed)
    assert "not valid JSON" in str(results["line 2"].error)
    assert isinstance(results["line 5"].error, Malformed)
    assert isinstance(results["line 6"].error, EmptyInput)


def test_jsonl_dateline_year_comes_from_the_download_date():
    results = {r.where: r for r in read_path(FIXTURES / "export.jsonl")}
    third = results["line 3"]
    assert third.article.title == "Vote delayed"
    assert third.article.source == "Harbour Wire"
    assert third.date_from == "dateline"
    assert third.article.published.isoformat() == "2025-10-23"
    assert len(third.article.id) == 16  # no id column: the content hash


def test_csv_with_a_missing_text_cell_skips_that_row(fixture_copy):
    export = fixture_copy("export.csv", mtime="2025-12-01T00:00:00")
    results = list(read_path(export))
    assert [r.where for r in results] == ["row 1", "row 2", "row 3"]
    first, missing, third = results
    assert (first.article.id, first.article.title, first.article.source) == (
        "hg-201", "Coalition meets in London", "Harbour Gazette")
    assert first.article.url == "https://gazette.example.org/london"
    assert first.article.published.isoformat() == "2025-07-10"
    assert isinstance(missing.error, EmptyInput)
    assert "row 2" in str(missing.error)
    assert third.date_from == "dateline"
    assert third.article.published.isoformat() == "2025-10-26"


def test_csv_delimiter_and_short_rows():
    data = b"title;body\nShort row\nTalks;The envoys said that they would meet again in Geneva.\n"
    found = list(parse_csv(data, "semi.csv"))
    assert isinstance(found[0], EmptyInput)
    assert found[1].text == "The envoys said that they would meet again in Geneva."


def test_csv_without_a_text_column_is_malformed(tmp_path):
    export = tmp_path / "no_text.csv"
    export.write_bytes(b"title,url\nTalks,https://x.example\n")
    [result] = list(read_path(export))
    assert isinstance(result.error, Malformed)
    assert "no text column" in str(result.error)


def test_csv_row_with_too_many_cells_is_reported():
    data = b'title,text\nA,"The envoys said that they would meet again in Geneva.",extra\n'
    [found] = list(parse_csv(data, "wide.csv"))
    assert isinstance(found, Malformed)


def test_json_wrapper_with_nested_source_and_language_tag():
    results = list(read_path(FIXTURES / "export.json"))
    english, german = results
    assert english.article.source == "Northern Ledger"
    assert english.article.published.isoformat() == "2025-11-28"
    assert english.article.text.startswith("Belgium's prime minister")
    assert isinstance(german.error, NotEnglish)


def test_json_single_object_and_list_of_objects():
    one = b'{"body": "The envoys said that they would meet again in Geneva.", "uuid": "u-1"}'
    [raw] = list(parse_json(one, "one.json"))
    assert raw.id == "u-1"
    many = b'[{"text": "The envoys said that they would meet again in Geneva."}, 5]'
    first, second = list(parse_json(many, "many.json"))
    assert first.text.startswith("The envoys")
    assert isinstance(second, Malformed)


def test_json_that_is_not_an_export_is_malformed(tmp_path):
    (tmp_path / "gold_like.json").write_bytes(b'{"positions": [], "actors": []}')
    (tmp_path / "cut.json").write_bytes(b"[1, 2")
    results = list(read_path(tmp_path))
    assert [Path(r.path).name for r in results] == ["cut.json", "gold_like.json"]
    assert all(isinstance(r.error, Malformed) for r in results)



def test_csv_cell_longer_than_the_csv_module_default_is_read():
    story = "The envoys said that they would meet again in Geneva to settle the remaining points. " * 2000
    data = f'title,text\nLong,"{story}"\n'.encode()
    [raw] = list(parse_csv(data, "long.csv"))
    assert raw.text == story
    assert len(raw.text) > 131072
