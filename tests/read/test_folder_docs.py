"""A folder's README is documentation about the articles, not an article; it is skipped, and said so."""

from pathlib import Path

from accordia.read import NotAnArticle, read_path

ARTICLE = "PARIS, March 3, 2025 (Test Wire) - France backed a ceasefire on Monday, officials said.\n"
PAGE = ("<html><head><title>Changelog of the talks</title></head><body><article><p>" + ARTICLE * 3
        + "</p></article></body></html>")


def test_directory_walk_skips_folder_docs_and_reports_each(tmp_path):
    (tmp_path / "README.md").write_text("# About these files\n\nThey are examples written for a test.\n")
    for name in ("LICENSE", "licence.txt", "CHANGELOG.md"):
        (tmp_path / name).write_text("Terms and history of this folder, written for a test.\n")
    (tmp_path / "a1.txt").write_text(ARTICLE)
    results = list(read_path(tmp_path))
    assert [Path(r.path).name for r in results if r.ok] == ["a1.txt"]
    skipped = {Path(r.path).name: r.error for r in results if not r.ok}
    assert set(skipped) == {"README.md", "LICENSE", "licence.txt", "CHANGELOG.md"}
    assert all(isinstance(e, NotAnArticle) and "documentation" in e.reason for e in skipped.values())


def test_a_web_page_named_changelog_is_read(tmp_path):
    (tmp_path / "changelog.2025-03-03.html").write_text(PAGE)
    [result] = list(read_path(tmp_path))
    assert result.ok, result.error


def test_readme_named_explicitly_is_still_read(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("France backed a ceasefire on Monday, officials in Paris said after the meeting.\n")
    assert [r.ok for r in read_path(readme)] == [True]
