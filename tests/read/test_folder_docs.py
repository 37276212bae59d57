"""A folder's README is documentation about the articles, not an article."""

from accordia.read import read_path


def test_directory_walk_skips_readme_but_reads_articles(tmp_path):
    (tmp_path / "README.md").write_text("# About these files\n\nThey are examples written for a test.\n")
    (tmp_path / "a1.txt").write_text("PARIS, March 3, 2025 (Test Wire) - France backed a ceasefire on Monday, "
                                     "officials said.\n")
    results = list(read_path(tmp_path))
    assert [r.path.rsplit("/", 1)[-1] for r in results] == ["a1.txt"]


def test_readme_named_explicitly_is_still_read(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("France backed a ceasefire on Monday, officials in Paris said after the meeting.\n")
    assert [r.ok for r in read_path(readme)] == [True]
