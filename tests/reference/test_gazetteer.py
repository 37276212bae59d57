"""Text lookup, dated membership and office-holders from the shipped gazetteer."""

from datetime import date

import pytest

from accordia.reference import Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize(("text", "actor", "kind"), [
    ("Downing Street", "GBR", "capital"),
    ("the Kremlin", "RUS", "capital"),
    ("Kremlin", "RUS", "capital"),
    ("French", "FRA", "demonym"),
    ("Brussels", "EU", "org_metonym"),
    ("the Elysee", "FRA", "capital"),
    ("Élysée", "FRA", "capital"),
    ("Bankova", "UKR", "capital"),
    ("Kiev", "UKR", "capital"),
    ("Türkiye", "TUR", "alias"),
    ("Czechia", "CZE", "alias"),
    ("Holland", "NLD", "alias"),
    ("the Netherlands", "NLD", "alias"),
    ("U.S.", "USA", "alias"),
    ("Americans", "USA", "demonym"),
    ("Poles", "POL", "demonym"),
    ("Dutch", "NLD", "demonym"),
    ("the alliance", "NATO", "org_metonym"),
    ("the European Commission", "EU", "org"),
    ("G7", "G7", "org"),
    ("the P5", "UNSC-P5", "org"),
])
def test_lookup_resolves_forms(gaz, text, actor, kind):
    found = gaz.lookup(text)
    assert found is not None and (found.actor, found.kind) == (actor, kind)


def test_lookup_strips_the_and_possessive_and_ignores_case(gaz):
    assert gaz.lookup("the Pentagon").actor == "USA"
    assert gaz.lookup("Britain's").actor == "GBR"
    assert gaz.lookup("the Russian Federation").actor == "RUS"
    assert gaz.lookup("UKRAINE").actor == "UKR"
    assert gaz.lookup("Elysee palace").actor == "FRA"


def test_lookup_keeps_acronyms_case_sensitive(gaz):
    assert gaz.lookup("US").actor == "USA"
    assert gaz.lookup("us") is None
    assert gaz.lookup("eu") is None


@pytest.mark.parametrize("text", ["", "   ", "Narnia", "the", None, 42])
def test_lookup_of_unknown_or_bad_input_is_none(gaz, text):
    assert gaz.lookup(text) is None


def test_surface_forms_are_unique_and_leave_out_seats(gaz):
    forms = gaz.surface_forms()
    texts = [f.text for f in forms]
    assert len(texts) == len(set(texts))
    assert not any(f.kind == "seat" for f in forms)
    assert any(f.text == "New York" and f.actor == "UN" for f in gaz.surface_forms(include_seats=True))
    assert {"name", "alias", "demonym", "capital", "org", "org_metonym"} <= {f.kind for f in forms}


def test_names_and_kinds(gaz):
    assert gaz.name("GBR") == "United Kingdom"
    assert gaz.name("NATO") == "NATO"
    assert gaz.name("XYZ") == "XYZ"
    assert gaz.is_state("FRA") and not gaz.is_state("EU")


def test_nato_membership_by_date(gaz):
    assert "SWE" not in gaz.members_of("NATO", date(2023, 6, 1))
    assert "SWE" in gaz.members_of("NATO", date(2024, 6, 1))
    assert "FIN" in gaz.members_of("NATO", date(2023, 4, 4))
    assert "FIN" not in gaz.members_of("NATO", date(2023, 4, 3))
    assert len(gaz.members_of("NATO", date(2025, 1, 1))) == 32


def test_eu_membership_after_brexit(gaz):
    assert "GBR" not in gaz.members_of("EU", date(2025, 1, 1))
    assert "GBR" in gaz.members_of("EU", date(2019, 6, 1))
    assert len(gaz.members_of("EU")) == 27
    assert "EU" not in gaz.memberships_of("GBR", date(2025, 1, 1))
    assert {"NATO", "G7", "UNSC-P5", "E3"} <= gaz.memberships_of("GBR", date(2025, 1, 1))


def test_other_groups(gaz):
    assert gaz.members_of("E3") == {"FRA", "DEU", "GBR"}
    assert gaz.members_of("UNSC-P5") == {"CHN", "FRA", "RUS", "GBR", "USA"}
    assert len(gaz.members_of("G7")) == 7 and "EU" in gaz.organisations["G7"].participants
    assert "RUS" not in gaz.members_of("COE", date(2023, 1, 1))
    assert gaz.members_of("no-such-group") == set()


def test_head_of_government_by_date(gaz):
    assert gaz.holder("head_of_government", "DEU", date(2025, 3, 1)).name == "Olaf Scholz"
    assert gaz.holder("head_of_government", "DEU", date(2025, 6, 1)).name == "Friedrich Merz"
    assert gaz.holder("head_of_government", "DEU", date(2025, 5, 6)).name == "Friedrich Merz"
    assert gaz.holder("head_of_government", "DEU", None).name == "Friedrich Merz"
    assert gaz.holder("head_of_government", "GBR", date(2022, 10, 1)).name == "Liz Truss"


def test_presidential_system_answers_with_president(gaz):
    assert gaz.holder("head_of_government", "USA", date(2025, 3, 1)).name == "Donald Trump"
    assert gaz.holder("head_of_state", "USA", date(2024, 3, 1)).name == "Joe Biden"


def test_holder_unknown_is_none(gaz):
    assert gaz.holder("head_of_state", "XYZ", date(2025, 1, 1)) is None
    assert gaz.holder("head_of_state", "USA", date(1900, 1, 1)) is None


def test_organisation_officials(gaz):
    assert gaz.holder("secretary_general", "NATO", date(2024, 9, 30)).name == "Jens Stoltenberg"
    assert gaz.holder("secretary_general", "NATO", date(2024, 10, 1)).name == "Mark Rutte"
    assert gaz.holder("high_representative", "EU", date(2025, 1, 15)).name == "Kaja Kallas"
    assert gaz.holder("council_president", "EU", date(2024, 11, 1)).name == "Charles Michel"


@pytest.mark.parametrize("name", ["Zelenskiy", "Zelensky", "Zelenskyy", "Volodymyr Zelenskiy",
                                  "President Volodymyr Zelensky", "zelenskyi"])
def test_find_person_folds_transliterations(gaz, name):
    found = gaz.find_person(name, date(2025, 3, 1))
    assert found and found[0].actor == "UKR" and found[0].office == "head_of_state"


def test_find_person_folds_accents_and_titles(gaz):
    assert gaz.find_person("Erdogan")[0].actor == "TUR"
    assert gaz.find_person("Viktor Orban")[0].name == "Viktor Orbán"
    assert gaz.find_person("French President Emmanuel Macron")[0].name == "Emmanuel Macron"
    assert gaz.find_person("Sergey V. Lavrov")[0].name == "Sergei Lavrov"
    assert gaz.find_person("De Wever")[0].actor == "BEL"
    assert gaz.find_person("von der Leyen")[0].actor == "EU"
    assert gaz.find_person("Xi")[0].actor == "CHN"


def test_find_person_prefers_office_held_that_day(gaz):
    assert gaz.find_person("Lecornu", date(2025, 10, 1))[0].office == "head_of_government"
    assert gaz.find_person("Lecornu", date(2024, 10, 1))[0].office == "defence_minister"
    assert gaz.find_person("Kallas", date(2023, 1, 1))[0].actor == "EST"
    assert gaz.find_person("Kallas", date(2025, 6, 1))[0].actor == "EU"
    assert gaz.find_person("Costa", date(2025, 6, 1))[0].actor == "EU"


def test_find_person_unknown(gaz):
    assert gaz.find_person("Nobody Inparticular") == []
    assert gaz.find_person("") == []


def test_offices_of_lists_a_career_in_order(gaz):
    offices = [(h.actor, h.office) for h in gaz.offices_of("David Lammy")]
    assert offices == [("GBR", "foreign_minister"), ("GBR", "deputy_head_of_government")]


def test_surname_property(gaz):
    holder = gaz.find_person("Recep Tayyip Erdoğan")[0]
    assert holder.surname == "erdogan"
    assert gaz.find_person("King Charles")[0].surname == "charles"
