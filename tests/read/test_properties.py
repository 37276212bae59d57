"""Property tests: whatever bytes a file holds, each reader yields articles or its documented errors.

``read_path`` turns any exception into a ``Malformed`` result, which would hide a reader bug, so
the readers are also called directly here: they may raise a :class:`ReadError` and nothing else.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accordia.facts import Article
from accordia.read import SUFFIXES, ReadError, read_path, read_text
from accordia.read import _reader_for as reader_for
from accordia.read.result import RawArticle

# More examples for a deeper search: ACCORDIA_PROPERTY_EXAMPLES=2000 pytest tests/read/test_properties.py
EXAMPLES = int(os.environ.get("ACCORDIA_PROPERTY_EXAMPLES", "60"))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Fragments of every format, so generated input reaches past the first check of each reader.
FRAGMENTS = st.sampled_from([
    "<?xml version='1.0'?>", "<rss version='2.0'><channel>", "<item><title>", "</title><description>",
    "</description></item>", "</channel></rss>", "<feed xmlns='http://www.w3.org/2005/Atom'>", "<entry>",
    "<html><body><article><p>", "</p></article></body></html>", "<!DOCTYPE html>", "&amp;", "&#0;", "&#xD800;",
    '{"text": "', '", "date": "2025-02-30"}', '{"version": "https://jsonfeed.org/version/1.1", "items": [',
    '{"content_html": "<p>', '"}]}', "[", "]", "{", "}", ",", '"', "\\", "\n", "\r\n", "\t", "---\n",
    "title: [unclosed\n", "text,date,title\n", '"a ""quoted"" cell",2025-01-01,x\n', "PARIS, March 3 - ",
    "France backed the ceasefire on Monday, officials said. ", "\ufeff", "\x00", "\u2028",
])
CONTENT = st.one_of(
    st.binary(max_size=3000),
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=40).map(
        lambda parts: "".join(parts).encode("utf-8", errors="surrogatepass")),
    st.lists(FRAGMENTS, max_size=30).map(lambda parts: "".join(parts).encode("utf-16")),
)


def _check(found: object) -> None:
    assert isinstance(found, RawArticle | ReadError), type(found)
    if isinstance(found, RawArticle):
        assert isinstance(found.text, str)


@PROPERTY
@given(suffix=st.sampled_from(SUFFIXES), data=CONTENT)
def test_readers_raise_only_read_errors(suffix: str, data: bytes) -> None:
    name = f"input{suffix}"
    try:
        for found in reader_for(Path(name), data)(data, name):
            _check(found)
    except ReadError:
        pass


@PROPERTY
@given(suffix=st.sampled_from(SUFFIXES), data=CONTENT)
def test_read_path_never_raises_and_reports_every_failure(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        for result in read_path(path):
            assert (result.article is None) != (result.error is None)
            if result.error is not None:
                assert isinstance(result.error, ReadError)
                assert "could not be read (" not in result.error.reason, result.error  # no reader crashed
            else:
                assert isinstance(result.article, Article) and result.article.text.strip()


@PROPERTY
@given(text=st.text(max_size=2000))
def test_pasted_text_becomes_an_article_or_a_read_error(text: str) -> None:
    try:
        article = read_text(text)
    except ReadError:
        return
    assert article.text == text
