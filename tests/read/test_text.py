from pathlib import Path

import pytest

from accordia.read import read_path
from accordia.read.errors import BinaryInput, EmptyInput, Malformed, NotEnglish
from accordia.read.files import decode_bytes
from accordia.read.text import parse_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def only(results):
    results = list(results)
    assert len(results) == 1
    return results[0]


def test_txt_is_kept_exactly_as_read_crlf_included():
    result = only(read_path(FIXTURES / "crlf.txt"))
    assert result.error is None
    assert result.article.text == (FIXTURES / "crlf.txt").read_bytes().decode("utf-8")
    assert "\r\n" in result.article.text
    assert result.article.source == "Harbour Wire"
    assert result.date_from == "dateline"
    assert (result.article.published.month, result.article.published.day) == (11, 22)


def test_markdown_front_matter_gives_metadata_and_is_removed():
    result = only(read_path(FIXTURES / "briefing.md"))
    article = result.article
    assert article.title == "Allies weigh a reassurance force"
    assert article.source == "Harbour Gazette"
    assert article.url == "https://gazette.example.org/briefing"
    assert article.published.isoformat() == "2025-03-16"
    assert result.date_from == "metadata"
    assert article.text.startswith("LONDON, March 15 (Harbour Wire) - Leaders")
    assert "title:" not in article.text


def test_markdown_without_front_matter_is_read_whole():
    raw = parse_text(b"# Talks\n\nThe envoys said that they would meet again soon.\n", "a.md", markdown=True)
    assert raw.text == "# Talks\n\nThe envoys said that they would meet again soon.\n"
    assert raw.title == ""


def test_txt_front_matter_is_not_touched():
    data = b"---\ntitle: x\n---\nThe envoys said that they would meet again soon.\n"
    assert parse_text(data, "a.txt").text == data.decode()


def test_broken_front_matter_is_malformed():
    result = only(read_path(FIXTURES / "bad_front_matter.md"))
    assert isinstance(result.error, Malformed)
    assert "front matter" in str(result.error)
    assert "bad_front_matter.md" in str(result.error)


def test_empty_file_is_reported():
    result = only(read_path(FIXTURES / "empty.txt"))
    assert result.article is None
    assert isinstance(result.error, EmptyInput)
    assert "empty.txt" in str(result.error)


def test_too_little_text_is_empty_input(tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("Talks resume.\n\n   \n", encoding="utf-8")
    result = only(read_path(short))
    assert isinstance(result.error, EmptyInput)
    assert "characters" in result.error.reason


def test_binary_file_is_reported(tmp_path):
    blob = tmp_path / "picture.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = only(read_path(blob))
    assert isinstance(result.error, BinaryInput)
    assert "picture.txt" in str(result.error)


def test_a_few_bad_bytes_are_replaced_but_many_mean_binary():
    good = b"The envoys said that they would meet again in Geneva next week. " * 3
    text = decode_bytes(good + b"\xff" + good, "a.txt")
    assert "\ufffd" in text
    with pytest.raises(BinaryInput, match="not UTF-8"):
        decode_bytes(good[:40] + b"\xff\xfe\xfa" * 10, "a.txt")


def test_byte_order_marks_are_decoding_not_content():
    sentence = "The envoys said that they would meet again in Geneva next week."
    assert decode_bytes(b"\xef\xbb\xbf" + sentence.encode(), "a.txt") == sentence
    assert decode_bytes(sentence.encode("utf-16"), "a.txt") == sentence


def test_non_english_text_is_skipped_with_a_reason():
    result = only(read_path(FIXTURES / "french.txt"))
    assert isinstance(result.error, NotEnglish)
    assert "does not read as English" in str(result.error)
