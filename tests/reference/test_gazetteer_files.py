"""A user's own gazetteer files: loaded when well formed, refused with a clear message when not."""

from datetime import date
from pathlib import Path

import pytest

from accordia.reference import Gazetteer, default_reference, load_reference

STATES = ("iso3,name,aliases,demonyms,capitals,lat,lon\n"
          "AAA,Alphaland,the Alpha Republic,Alphan|Alphans,Alphaville,10,20\n"
          "BBB,Betastan,,Betan,Beta City,,\n")
ORGS = ("organisations:\n  - id: ABU\n    name: Alpha-Beta Union\n    aliases: [the Union]\n"
        "    metonyms: [Alphaville]\n    members:\n      - {actor: AAA, joined: 2000-01-01}\n"
        "      - {actor: BBB, joined: 2010-01-01, left: 2020-01-01}\n")
HOLDERS = ("name,aliases,actor,office,role,start,end\n"
           "Ana Alpha,,AAA,head_of_state,President,2001-01-01,2011-01-01\n"
           "Bo Beta,Bo Betov,AAA,head_of_state,President,2011-01-01,\n")


def _files(tmp_path: Path, states: str = STATES, orgs: str = ORGS,
           holders: str = HOLDERS) -> tuple[Path, ...]:
    paths = []
    for name, text in (("states.csv", states), ("orgs.yaml", orgs), ("holders.csv", holders)):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return tuple(paths)


def test_user_gazetteer(tmp_path):
    gaz = Gazetteer.from_paths(*_files(tmp_path))
    assert gaz.lookup("Alphans").actor == "AAA"
    assert gaz.lookup("Alphaville").actor == "ABU"  # an organisation's metonym outranks a capital
    assert gaz.lookup("the Union").actor == "ABU"
    assert gaz.members_of("ABU", date(2015, 1, 1)) == {"AAA", "BBB"}
    assert gaz.members_of("ABU") == {"AAA"}
    assert gaz.memberships_of("BBB", date(2021, 1, 1)) == set()
    assert gaz.holder("head_of_state", "AAA", date(2005, 1, 1)).name == "Ana Alpha"
    assert gaz.holder("head_of_state", "AAA", None).name == "Bo Beta"
    assert gaz.find_person("Betov")[0].name == "Bo Beta"
    assert gaz.states["BBB"].lat is None


@pytest.mark.parametrize(("which", "text", "message"), [
    ("states", "iso3,name\nAAA,Alphaland\n", "missing column"),
    ("states", STATES + "AAA,Again,,,,,\n", "listed twice"),
    ("states", STATES + "aaaa,Bad,,,,,\n", "three upper-case"),
    ("states", STATES + "CCC,Gamma,,,,95,0\n", "out of range"),
    ("orgs", "organisations: {}\n", "'organisations' list"),
    ("orgs", "organisations:\n  - id: ABU\n    members: [{actor: AAA, joined: someday}]\n", "ISO date"),
    ("orgs", "organisations:\n  - id: ABU\n    members:\n"
             "      - {actor: AAA, joined: 2020-01-01, left: 2019-01-01}\n", "not after"),
    ("orgs", "organisations:\n  - id: ABU\n    colour: red\n", "unknown key"),
    ("orgs", "organisations:\n  - id: AAA\n", "already used"),
    ("holders", "name,aliases,actor,office,role,start,end\n"
                "X Y,,AAA,head_of_state,President,2020-01-01,2019-01-01\n", "not after"),
    ("holders", "name,aliases,actor,office,role,start,end\nX Y,,aaa,head_of_state,President,,\n", "actor id"),
])
def test_bad_gazetteer_files_fail_clearly(tmp_path, which, text, message):
    kwargs = {which: text}
    with pytest.raises(ValueError, match=message):
        Gazetteer.from_paths(*_files(tmp_path, **kwargs))


def test_default_reference_is_cached_and_complete():
    ref = default_reference()
    assert ref is default_reference()
    assert ref.gazetteer is Gazetteer.default()
    assert ref.codebook.ids() and ref.rules and "USA" in ref.capabilities


def test_load_reference_swaps_in_a_user_codebook(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("issues:\n  - id: tariffs\n    label: Tariff cuts\n    aliases: [tariff cuts]\n",
                    encoding="utf-8")
    ref = load_reference(codebook=path)
    assert ref.codebook.ids() == ["tariffs"]
    assert ref.gazetteer is default_reference().gazetteer
    assert load_reference() is default_reference()
