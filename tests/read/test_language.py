from pathlib import Path

from accordia.read.language import english_share, is_english

FIXTURES = Path(__file__).resolve().parent / "fixtures"

ENGLISH = (
    "Leaders of the countries that are willing to send troops said on Thursday that they would meet "
    "again in London, and that a headquarters for the force would be set up in Paris."
)


def test_english_prose_passes():
    assert is_english(ENGLISH)
    assert english_share(ENGLISH) > 0.3


def test_french_and_german_prose_fail():
    assert not is_english((FIXTURES / "french.txt").read_text(encoding="utf-8"))
    assert not is_english((FIXTURES / "german.txt").read_text(encoding="utf-8"))


def test_cyrillic_text_fails():
    russian = (
        "Министры иностранных дел встретились в четверг в Стамбуле, чтобы обсудить условия прекращения "
        "огня, но договориться о дате следующей встречи им не удалось."
    )
    assert not is_english(russian)


def test_too_short_to_judge_gets_the_benefit_of_the_doubt():
    assert is_english("Ceasefire talks resume")
    assert english_share("") == 0.0
