"""Feeds, pages and text in UTF-16 or UTF-32 read the same as their UTF-8 originals."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from accordia.read import BinaryInput, read_path
from accordia.read.files import as_utf8

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ENCODINGS = [
    ("utf-16", b""), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-32", b""), ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", b""), ("utf-32-be", b""),
]


def _summary(results) -> list[tuple]:
    return [(r.where, r.article.text if r.article else None, r.article.published if r.article else None,
             r.article.title if r.article else None, type(r.error).__name__) for r in results]


@pytest.mark.parametrize(("encoding", "mark"), ENCODINGS, ids=[f"{e}{'+bom' if m else ''}" for e, m in ENCODINGS])
@pytest.mark.parametrize("suffix", [".rss", ".xml"])
def test_feed_in_a_wide_encoding_reads_like_utf8(tmp_path, encoding, mark, suffix) -> None:
    original = (FIXTURES / "feed.rss").read_text(encoding="utf-8")
    declared = original.replace('encoding="UTF-8"', f'encoding="{encoding.upper()}"')
    wide = tmp_path / f"feed{suffix}"
    wide.write_bytes(mark + declared.encode(encoding))
    expected = _summary(read_path(FIXTURES / "feed.rss"))
    assert _summary(read_path(wide)) == expected
    assert sum(1 for r in read_path(wide) if r.ok) == 2


def test_wide_text_file_keeps_its_exact_text(tmp_path) -> None:
    text = (FIXTURES / "crlf.txt").read_bytes().decode("utf-8")
    for encoding in ("utf-16", "utf-32"):
        wide = tmp_path / f"article-{encoding}.txt"
        wide.write_bytes(text.encode(encoding))
        [result] = list(read_path(wide))
        assert result.ok and result.article.text == text


def test_broken_wide_bytes_are_refused_as_binary() -> None:
    with pytest.raises(BinaryInput, match="UTF-16"):
        as_utf8(codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", "odd.xml")  # a lone surrogate
    with pytest.raises(BinaryInput, match="NUL"):
        as_utf8("<rss>\x00</rss>".encode("utf-16"), "odd.xml")
    assert as_utf8(b"plain ascii", "a.txt") == b"plain ascii"
