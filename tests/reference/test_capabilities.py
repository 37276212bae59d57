from pathlib import Path

import pytest

from accordia.reference import load_capabilities


def test_shipped_figures_are_plausible():
    table = load_capabilities()
    usa, ukr, eu = table["USA"], table["UKR"], table["EU"]
    assert usa.gdp_usd_bn > 20_000 and usa.milex_usd_bn > 800 and usa.year == 2023
    assert ukr.milex_usd_bn > 0.2 * ukr.gdp_usd_bn  # a country at war
    assert eu.milex_usd_bn is None and 15_000 < eu.gdp_usd_bn < 22_000
    assert table["NATO"].gdp_usd_bn is None and table["NATO"].note
    assert table["QAT"].milex_usd_bn is None


def test_eu_row_is_the_sum_of_its_members():
    from accordia.reference import Gazetteer

    table = load_capabilities()
    members = Gazetteer.default().members_of("EU")
    assert table["EU"].gdp_usd_bn == pytest.approx(sum(table[m].gdp_usd_bn for m in members), abs=0.2)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "cap.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_user_table_without_note_column(tmp_path):
    path = _write(tmp_path, "iso3,gdp_usd_bn,milex_usd_bn,population_m,year\nFRA,3000,60,,2024\n")
    table = load_capabilities(path)
    assert table["FRA"].population_m is None and table["FRA"].year == 2024 and table["FRA"].note == ""


@pytest.mark.parametrize(("text", "message"), [
    ("iso3,gdp_usd_bn\nFRA,1\n", "missing column"),
    ("iso3,gdp_usd_bn,milex_usd_bn,population_m,year\nFRA,lots,1,1,2023\n", "not a number"),
    ("iso3,gdp_usd_bn,milex_usd_bn,population_m,year\nFRA,-5,1,1,2023\n", "out of range"),
    ("iso3,gdp_usd_bn,milex_usd_bn,population_m,year\nFRA,nan,1,1,2023\n", "out of range"),
    ("iso3,gdp_usd_bn,milex_usd_bn,population_m,year\nFRA,1,1,1,23\n", "year"),
    ("iso3,gdp_usd_bn,milex_usd_bn,population_m,year\nFRA,1,1,1,2023\nFRA,1,1,1,2023\n", "twice"),
    ("iso3,gdp_usd_bn,milex_usd_bn,population_m,year\nFRA,1,1,1,2023,x,y\n", "more fields"),
])
def test_bad_tables_fail_clearly(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_capabilities(_write(tmp_path, text))
