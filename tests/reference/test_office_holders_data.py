"""Consistency of the shipped office-holders: known actors, no double terms, successions on record."""

from collections import defaultdict
from datetime import date

import pytest

from accordia.reference import Gazetteer

CORE = ("head_of_state", "head_of_government", "foreign_minister", "defence_minister")
INVOLVED = ("USA GBR FRA DEU ITA POL UKR RUS TUR CAN JPN AUS NZL NLD BEL ESP PRT DNK SWE NOR FIN EST LVA LTU "
            "CZE SVK HUN ROU BGR GRC AUT IRL CHE HRV SVN LUX ISL CHN IND BRA ZAF SAU ARE QAT BLR KOR").split()


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_every_actor_is_known(gaz):
    known = set(gaz.states) | set(gaz.organisations)
    assert {h.actor for h in gaz.office_holders} <= known
    for org in gaz.organisations.values():
        assert {m.actor for m in org.members} <= known, org.id


def test_core_offices_never_overlap(gaz):
    terms = defaultdict(list)
    for h in gaz.office_holders:
        if h.office in CORE:
            terms[(h.actor, h.office)].append(h)
    for key, rows in terms.items():
        rows.sort(key=lambda h: h.start)
        for before, after in zip(rows, rows[1:], strict=False):
            assert before.end is not None and before.end <= after.start, (key, before.name, after.name)


@pytest.mark.parametrize("day", [date(2022, 6, 1), date(2024, 6, 1), date(2025, 9, 1)])
def test_involved_states_have_their_core_offices_filled(gaz, day):
    wanted = [(iso3, office) for iso3 in INVOLVED for office in CORE
              if not (iso3 == "ISL" and office == "defence_minister")]  # Iceland has no defence ministry
    missing = [(iso3, office) for iso3, office in wanted if gaz.holder(office, iso3, day) is None]
    assert missing == []


@pytest.mark.parametrize(("office", "actor", "day", "name"), [
    ("head_of_state", "POL", date(2025, 8, 5), "Andrzej Duda"),
    ("head_of_state", "POL", date(2025, 8, 6), "Karol Nawrocki"),
    ("head_of_government", "JPN", date(2025, 10, 20), "Shigeru Ishiba"),
    ("head_of_government", "JPN", date(2025, 10, 21), "Sanae Takaichi"),
    ("foreign_minister", "GBR", date(2025, 9, 4), "David Lammy"),
    ("foreign_minister", "GBR", date(2025, 9, 5), "Yvette Cooper"),
    ("head_of_government", "FRA", date(2025, 9, 9), "Sébastien Lecornu"),
    ("head_of_government", "CAN", date(2025, 3, 14), "Mark Carney"),
    ("head_of_government", "BEL", date(2025, 2, 3), "Bart De Wever"),
    ("head_of_government", "GBR", date(2023, 1, 1), "Rishi Sunak"),
    ("head_of_state", "USA", date(2025, 1, 20), "Donald Trump"),
    ("chief_of_staff", "UKR", date(2025, 11, 1), "Andriy Yermak"),
])
def test_successions(gaz, office, actor, day, name):
    assert gaz.holder(office, actor, day).name == name


def test_yermak_left_in_november_2025(gaz):
    assert gaz.holder("chief_of_staff", "UKR", date(2025, 12, 15)) is None


@pytest.mark.parametrize(("name", "actor"), [
    ("Steve Witkoff", "USA"), ("Keith Kellogg", "USA"), ("JD Vance", "USA"), ("Dmitry Peskov", "RUS"),
    ("Yuri Ushakov", "RUS"), ("Kirill Dmitriev", "RUS"), ("Rustem Umerov", "UKR"), ("Andrii Sybiha", "UKR"),
    ("Mohammed bin Salman", "SAU"), ("Hakan Fidan", "TUR"), ("Cevdet Yilmaz", "TUR"),
    ("Guido Crosetto", "ITA"),
    ("Radoslaw Sikorski", "POL"), ("Robert Fico", "SVK"), ("Theo Francken", "BEL"), ("Pal Jonson", "SWE"),
    ("Jonas Gahr Store", "NOR"), ("Gitanas Nauseda", "LTU"), ("Jean-Noel Barrot", "FRA"),
    ("Johann Wadephul", "DEU"), ("Pete Hegseth", "USA"), ("Mark Rutte", "NATO"),
])
def test_people_quoted_in_ukraine_reporting_are_known(gaz, name, actor):
    found = gaz.find_person(name, date(2025, 6, 1))
    assert found and found[0].actor == actor
