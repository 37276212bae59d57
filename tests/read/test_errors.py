import pickle

import pytest

from accordia.read.errors import (
    BinaryInput,
    EmptyInput,
    Malformed,
    NotEnglish,
    ReadError,
    TooLarge,
    Unreadable,
    UnsupportedFormat,
)


@pytest.mark.parametrize(
    "kind", [EmptyInput, BinaryInput, TooLarge, Malformed, NotEnglish, UnsupportedFormat, Unreadable])
def test_every_error_is_a_read_error_naming_file_and_reason(kind):
    error = kind("news/a.txt", "file is empty")
    assert isinstance(error, ReadError)
    assert str(error) == "news/a.txt: file is empty"


def test_message_locates_a_row_inside_a_file():
    error = Malformed("export.jsonl", "not valid JSON", "line 7")
    assert str(error) == "export.jsonl (line 7): not valid JSON"
    assert (error.path, error.reason, error.where) == ("export.jsonl", "not valid JSON", "line 7")


def test_errors_survive_pickling_for_worker_processes():
    error = pickle.loads(pickle.dumps(EmptyInput("a.csv", "no text in 'body'", "row 2")))
    assert isinstance(error, EmptyInput)
    assert str(error) == "a.csv (row 2): no text in 'body'"
