"""The shipped states file: every UN member present, real codes, no text claimed by two states."""

from collections import defaultdict

import pycountry
import pytest

from accordia.reference import Gazetteer, load_capabilities

NON_UN = {"XKX", "TWN", "PSE", "VAT"}
# ISO 3166-1 entries that are territories or dependencies, not UN member states (hand-listed).
TERRITORIES = {
    "ABW", "AIA", "ALA", "ASM", "ATA", "ATF", "BES", "BLM", "BMU", "BVT", "CCK", "COK", "CUW", "CXR", "CYM",
    "ESH", "FLK", "FRO", "GGY", "GIB", "GLP", "GRL", "GUF", "GUM", "HKG", "HMD", "IMN", "IOT", "JEY", "MAC",
    "MAF", "MNP", "MSR", "MTQ", "MYT", "NCL", "NFK", "NIU", "PCN", "PRI", "PYF", "REU", "SGS", "SHN", "SJM",
    "SPM", "SXM", "TCA", "TKL", "UMI", "VGB", "VIR", "WLF",
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


def test_row_count_is_193_members_plus_four(gaz):
    assert len(gaz.states) == 193 + 4
    assert NON_UN <= set(gaz.states)


def test_codes_are_real_iso_codes_except_kosovo(gaz):
    for iso3 in gaz.states:
        if iso3 != "XKX":
            assert pycountry.countries.get(alpha_3=iso3) is not None, iso3


def test_every_un_member_is_present(gaz):
    iso_codes = {c.alpha_3 for c in pycountry.countries}
    expected_members = iso_codes - TERRITORIES - (NON_UN - {"XKX"})
    assert len(expected_members) == 193
    assert set(gaz.states) - NON_UN == expected_members


def test_un_members_are_all_states_but_the_four(gaz):
    assert gaz.members_of("UN") == set(gaz.states) - NON_UN


def test_no_text_names_two_states(gaz):
    claims: dict[str, set[str]] = defaultdict(set)
    for state in gaz.states.values():
        for text in (state.name, *state.aliases, *state.demonyms, *state.capitals):
            claims[text.casefold()].add(state.iso3)
    assert {t: a for t, a in claims.items() if len(a) > 1} == {}


def test_georgia_belongs_only_to_the_country(gaz):
    assert gaz.lookup("Georgia").actor == "GEO"
    assert all(f.actor == "GEO" for f in gaz.surface_forms() if "Georgia" in f.text)


def test_coordinates_are_on_the_globe(gaz):
    for state in gaz.states.values():
        assert state.lat is not None and -90 <= state.lat <= 90, state.iso3
        assert state.lon is not None and -180 <= state.lon <= 180, state.iso3


def test_capabilities_cover_every_state(gaz):
    table = load_capabilities()
    assert set(gaz.states) <= set(table)
    assert {"EU", "NATO"} <= set(table)
