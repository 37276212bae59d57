"""The pure helpers behind the endpoints: JSON conversion, spans, map entries, timeline flags."""

from __future__ import annotations

import math
from datetime import date, datetime

import numpy as np
import pandas as pd

from accordia.facts import Evidence
from accordia.serve.geo import coords, display_name, state_points
from accordia.serve.jsonable import frame_rows, jsonable
from accordia.serve.spans import evidence_spans, segments
from accordia.serve.stance_map import stance_map
from accordia.serve.timeline import mark_changes
from tests.serve.conftest import Gazetteer


def test_jsonable_turns_missing_values_into_none():
    assert jsonable({"a": math.nan, "b": pd.NaT, "c": pd.NA, "d": np.float64("nan"), "e": math.inf}) == {
        "a": None, "b": None, "c": None, "d": None, "e": None}


def test_jsonable_writes_dates_and_unwraps_numpy():
    value = {"day": date(2025, 3, 2), "stamp": pd.Timestamp("2025-03-02"), "at": datetime(2025, 3, 2, 9, 30),
             "n": np.int64(4), "flag": np.bool_(True), "arr": np.array([1, 2]), "pair": (1, "x")}
    assert jsonable(value) == {"day": "2025-03-02", "stamp": "2025-03-02", "at": "2025-03-02T09:30:00",
                               "n": 4, "flag": True, "arr": [1, 2], "pair": [1, "x"]}


def test_jsonable_uses_the_facts_own_json():
    evidence = Evidence(sentence="Rome agreed.", start=3, end=15, published=date(2025, 5, 1))
    assert jsonable([evidence]) == [{"sentence": "Rome agreed.", "start": 3, "end": 15,
                                     "confidence": 0.0, "confirmed": True, "published": "2025-05-01"}]


def test_frame_rows_handles_empty_and_gappy_frames():
    assert frame_rows(pd.DataFrame(columns=["actor", "stance"])) == []
    assert frame_rows(None) == []
    frame = pd.DataFrame({"actor": ["FRA", "DEU"], "start": [4, None]})
    assert frame_rows(frame) == [{"actor": "FRA", "start": 4.0}, {"actor": "DEU", "start": None}]


def test_spans_repair_stale_offsets_and_drop_what_cannot_be_found():
    text = "Intro. Spain agreed to help. Outro."
    spans = evidence_spans(text, [
        {"sentence": "Spain agreed to help.", "start": 0, "end": 5, "actor": "ESP", "stance": "support"},
        {"sentence": "Italy refused.", "start": 0, "end": 14, "actor": "ITA"},
        {"sentence": "", "start": "x", "end": None},
    ])
    assert [(s["start"], s["end"], s["sentence"]) for s in spans] == [(7, 28, "Spain agreed to help.")]


def test_spans_accept_float_offsets_and_merge_repeated_facts():
    text = "Spain agreed to help."
    spans = evidence_spans(text, [
        {"sentence": text, "start": 0.0, "end": 21.0, "actor": "ESP", "stance": "support", "issue": "x"},
        {"sentence": text, "start": 0, "end": 21, "actor": "ESP", "stance": "support", "issue": "x",
         "actor_name": "Spain"},
    ])
    assert spans[0]["facts"] == [{"actor": "ESP", "stance": "support", "issue": "x", "actor_name": "Spain"}]


def test_segments_split_overlapping_spans():
    text = "abcdefghij"
    spans = [{"start": 2, "end": 6}, {"start": 4, "end": 8}]
    assert segments(text, spans) == [
        {"start": 0, "text": "ab", "spans": []},
        {"start": 2, "text": "cd", "spans": [0]},
        {"start": 4, "text": "ef", "spans": [0, 1]},
        {"start": 6, "text": "gh", "spans": [1]},
        {"start": 8, "text": "ij", "spans": []},
    ]
    assert segments("", []) == []


def test_geo_skips_states_without_coordinates_and_names_fall_back():
    gazetteer = Gazetteer()
    assert coords(gazetteer, "XKX") is None and coords(gazetteer, "EU") is None
    assert coords(gazetteer, "FRA") == (46.6, 2.4)
    assert "XKX" not in {p["id"] for p in state_points(gazetteer)}

    class Broken:
        def name(self, actor):
            raise KeyError(actor)

    assert display_name(Broken(), "ZZZ") == "ZZZ"
    assert state_points(Broken()) == []


def test_stance_map_reads_a_contested_flag_even_with_one_stance():
    rows = [{"actor": "ITA", "issue": "x", "stance": "support", "contested": True, "date": "2025-01-01"}]
    entry = stance_map(rows, rows, Gazetteer())["actors"][0]
    assert entry["stance"] == "contested" and entry["name"] == "ITA"


def test_timeline_counts_a_return_to_an_old_stance_as_a_change():
    rows = [{"actor": "ITA", "issue": "x", "stance": s, "date": d}
            for s, d in [("oppose", "2025-01-01"), ("support", "2025-02-01"), ("oppose", "2025-03-01")]]
    marked = mark_changes(rows, Gazetteer())
    assert [r["change"] for r in marked] == [False, True, True]
    assert [r["before"] for r in marked] == [None, "oppose", "support"]


def test_spans_keep_the_extractors_readings_even_without_a_position():
    text = "Scholz was guarded. Britain offered 10,000 troops."
    items = [
        {"sentence": "Britain offered 10,000 troops.", "start": 20, "end": 50, "rule": "quantity",
         "cue": "10,000 troops", "confidence": 0.9},
        {"sentence": "Britain offered 10,000 troops.", "start": 20, "end": 50, "rule": "commitment-subject",
         "cue": "offered", "confidence": 0.8},
        {"sentence": "Britain offered 10,000 troops.", "start": 20, "end": 50, "rule": "quantity",
         "cue": "10,000 troops", "confidence": 0.9},
        {"sentence": "Scholz was guarded.", "start": 0, "end": 19, "actor": "DEU", "stance": "undecided"},
    ]
    spans = evidence_spans(text, items)
    assert [s["facts"] for s in spans] == [[{"actor": "DEU", "stance": "undecided"}], []]
    assert spans[0]["readings"] == []
    assert spans[1]["readings"] == [
        {"rule": "quantity", "cue": "10,000 troops", "confidence": 0.9},
        {"rule": "commitment-subject", "cue": "offered", "confidence": 0.8},
    ]
