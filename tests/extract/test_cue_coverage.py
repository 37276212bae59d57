"""Common reporting verbs for stances, on sentences written for these tests."""

import pytest

from tests.extract.conftest import stances

CONTEXT = "Ministers met in Vienna to discuss a ceasefire and sanctions on Russia. "


@pytest.mark.parametrize("sentence, expected", [
    ("Austria hailed the ceasefire as a first step.", ("AUT", "ceasefire", "support")),
    ("Croatia voiced strong support for the ceasefire.", ("HRV", "ceasefire", "support")),
    ("Slovenia signed off on the sanctions package.", ("SVN", "russia-sanctions", "support")),
    ("Hungary slammed the sanctions package.", ("HUN", "russia-sanctions", "oppose")),
    ("Slovakia vowed to block the sanctions package.", ("SVK", "russia-sanctions", "oppose")),
    ("Bulgaria has yet to decide on the sanctions package.", ("BGR", "russia-sanctions", "undecided")),
    ("Cyprus expressed reservations about the sanctions package.", ("CYP", "russia-sanctions", "undecided")),
    ("Greece said it would back the sanctions package subject to an exemption for shipping.",
     ("GRC", "russia-sanctions", "conditional")),
    ("Austria poured cold water on the ceasefire proposal.", ("AUT", "ceasefire", "oppose")),
    ("Croatia pushed back against the sanctions package.", ("HRV", "russia-sanctions", "oppose")),
    ("Greece has been lukewarm about the sanctions package.", ("GRC", "russia-sanctions", "undecided")),
    ("Ireland stands firmly behind the ceasefire.", ("IRL", "ceasefire", "support")),
    ("Malta signalled openness to the ceasefire.", ("MLT", "ceasefire", "support")),
    ("Bulgaria baulked at the sanctions package.", ("BGR", "russia-sanctions", "oppose")),
    ("Sweden has not taken a position on the ceasefire.", ("SWE", "ceasefire", "undecided")),
    ("Denmark will not oppose the sanctions package.", ("DNK", "russia-sanctions", "support")),
    ("Belgium is reluctant to back the sanctions package.", ("BEL", "russia-sanctions", "undecided")),
    ("Spain expressed concern over the sanctions package.", ("ESP", "russia-sanctions", "undecided")),
    ("Finland is open to the ceasefire proposal.", ("FIN", "ceasefire", "undecided")),
])
def test_reporting_verbs(read, sentence, expected):
    assert expected in stances(read(CONTEXT + sentence))


def test_being_against_is_opposition(read):
    assert ("MLT", "russia-sanctions", "oppose") in stances(
        read(CONTEXT + "Malta remains firmly against the new sanctions package."))
