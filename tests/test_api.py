from __future__ import annotations

import json
from datetime import date

import networkx as nx
import pandas as pd
import pytest

import accordia
from accordia.api import CHANGE_COLUMNS, POSITION_COLUMNS, Accordia, parse_day
from accordia.facts import Snapshot
from accordia.store import BadInputError, UnknownNameError
from tests.store.helpers import KeywordExtractor, fake_reference, stance_text

DAY1, DAY2, DAY3 = date(2025, 3, 2), date(2025, 3, 20), date(2025, 4, 10)


@pytest.fixture
def kb(tmp_path) -> Accordia:
    path = str(tmp_path / "kb.db")
    with Accordia.open(path, reference=fake_reference(), extractor=KeywordExtractor()) as k:
        k.ingest_text(stance_text("France supports the reassurance force after a ceasefire.",
                                  "Poland opposes the reassurance force on its soil."), published=DAY1,
                      source="Wire A", title="Paris talks")
        k.ingest_text(stance_text("Poland backs the reassurance force after all.",
                                  "Russia rejects the ceasefire proposal.", place="WARSAW"),
                      published=DAY2, source="Wire B")
        k.ingest_text(stance_text("Poland rejects the reassurance force again, a minister said.",
                                  "Poland supports the reassurance force in principle, said another.",
                                  place="KRAKOW"), published=DAY3, source="Wire C")
        yield k


def test_open_module_function_returns_a_facade(tmp_path) -> None:
    with accordia.open(str(tmp_path / "x.db")) as k:
        assert isinstance(k, Accordia)
        assert k.articles().empty


def test_positions_table(kb: Accordia) -> None:
    frame = kb.positions(as_of=DAY1)
    assert list(frame.columns) == POSITION_COLUMNS
    rows = {(r.actor, r.stance): r for r in frame.itertuples()}
    assert set(rows) == {("FRA", "support"), ("POL", "oppose")}
    france = rows[("FRA", "support")]
    assert france.actor_name == "France" and france.issue == "reassurance-force"
    assert france.sentence == "France supports the reassurance force after a ceasefire."
    text = kb.article(france.article)["text"]
    assert text[france.start:france.end] == france.sentence
    assert france.date == pd.Timestamp(DAY1) and france.sources == 1 and not france.contested


def test_positions_as_of_string_and_issue_filter(kb: Accordia) -> None:
    frame = kb.positions(issue="ceasefire", as_of="2025-03-31")
    assert list(frame["actor"]) == ["RUS"] and list(frame["stance"]) == ["oppose"]


def test_contested_latest_day_keeps_both(kb: Accordia) -> None:
    poland = kb.positions().query("actor == 'POL'")
    assert set(poland["stance"]) == {"support", "oppose"}
    assert poland["contested"].all()


def test_changes_table(kb: Accordia) -> None:
    frame = kb.changes(since=DAY1)
    assert list(frame.columns) == CHANGE_COLUMNS
    pol = frame[(frame.actor == "POL")]
    first = pol.iloc[0]
    assert (first.before_stance, first.after_stance) == ("oppose", "support")
    assert first.before_sentence.startswith("Poland opposes") and first.after_date == pd.Timestamp(DAY2)
    assert first.change == "reversal" and first.impact > 0 and "capability" in first.impact_why
    assert list(frame.impact) == sorted(frame.impact, reverse=True)  # highest impact first
    assert kb.changes(since=DAY1, as_of=DAY1).empty
    with pytest.raises(BadInputError):
        kb.changes(since=DAY3, as_of=DAY1)


def test_bad_dates_unknown_issue_and_actor_are_clear_errors(kb: Accordia) -> None:
    with pytest.raises(BadInputError, match="YYYY-MM-DD"):
        kb.positions(as_of="March 5th")
    with pytest.raises(UnknownNameError, match="unknown issue 'nato-navy'.*ceasefire"):
        kb.positions(issue="nato-navy")
    with pytest.raises(UnknownNameError, match="unknown actor 'XYZ'"):
        kb.actor("XYZ")
    with pytest.raises(UnknownNameError):
        kb.article("nope")
    assert parse_day("2025-03-02") == DAY1 and parse_day(None) is None


def test_actor_profile(kb: Accordia) -> None:
    france = kb.actor("FRA")
    assert france["name"] == "France" and france["id"] == "FRA"
    assert list(france["positions"]["stance"]) == ["support"]
    assert france["commitments"] == [] and france["people"] == []
    # An actor the gazetteer knows but the store has nothing on is empty, not an error.
    assert kb.actor("ESP")["positions"].empty


def test_report_groups_by_stance(kb: Accordia) -> None:
    report = kb.report(as_of=DAY2)
    assert report["as_of"] == "2025-03-20"
    force = next(s for s in report["issues"] if s["id"] == "reassurance-force")
    assert force["label"] == "Reassurance force"
    assert [e["actor"] for e in force["support"]] == ["FRA", "POL"]
    assert force["oppose"] == []
    entry = force["support"][0]
    assert set(entry) == {"actor", "actor_name", "issue", "stance", "date", "contested", "sources",
                          "condition", "evidence", "confidence", "status", "fact"}
    assert set(entry["evidence"]) == {"sentence", "article", "start", "end", "source", "published", "title",
                                      "url", "confidence", "confirmed"}
    assert entry["status"] == "confirmed" and entry["fact"].startswith("positions:")
    assert entry["evidence"]["source"] == "Wire A"
    assert [s["id"] for s in report["issues"]] == ["reassurance-force", "ceasefire"]  # codebook order
    json.dumps(report)  # JSON-ready as it stands


def test_snapshot_and_timeline(kb: Accordia) -> None:
    snap = kb.snapshot(as_of=DAY2)
    assert isinstance(snap, Snapshot) and snap.as_of == DAY2
    assert len(snap.history) == 4
    timeline = kb.timeline(issue="reassurance-force")
    assert list(timeline["date"]) == sorted(timeline["date"])
    assert len(timeline) == 5


def test_analyse_passes_the_snapshot_reference_and_overrides(kb: Accordia, monkeypatch) -> None:
    seen = {}

    def fake_run(kind, snapshot, reference, *, issue=None, overrides=None):
        seen.update(kind=kind, as_of=snapshot.as_of, reference=reference, issue=issue, overrides=overrides)
        return {"kind": kind, "rows": []}

    monkeypatch.setattr("accordia.analyse.run_analysis", fake_run)
    change = {"actor": "POL", "issue": "reassurance-force", "stance": "support"}
    kb.analyse("vetoes", issue="reassurance-force", as_of="2025-03-20", overrides=change)
    assert seen == {"kind": "vetoes", "as_of": DAY2, "reference": kb.reference,
                    "issue": "reassurance-force", "overrides": [change]}
    with pytest.raises(BadInputError, match="collisions"):
        kb.analyse("astrology")


def test_analyse_runs_a_real_analysis(kb: Accordia) -> None:
    result = kb.analyse("collisions")
    assert result["kind"] == "collisions" and isinstance(result["rows"], list)


def test_export_formats(kb: Accordia, tmp_path) -> None:
    folder = kb.export("csv", tmp_path / "csv-out")
    positions = pd.read_csv(folder / "positions.csv")
    assert len(positions) == 6 and {"sentence", "fact_key", "source", "published"} <= set(positions.columns)
    assert len(pd.read_csv(folder / "articles.csv")) == 3

    single = kb.export("csv", tmp_path / "current.csv", as_of=DAY1)
    assert list(pd.read_csv(single).columns) == POSITION_COLUMNS

    parquet = kb.export("parquet", tmp_path / "pq")
    assert len(pd.read_parquet(parquet / "positions.parquet")) == 6

    lines = kb.export("jsonl", tmp_path / "facts.jsonl").read_text().splitlines()
    first = json.loads(lines[0])
    assert len(lines) == 6 and first["type"] == "positions" and first["published"] == "2025-03-02"

    graph = nx.read_graphml(kb.export("graphml", tmp_path / "g.graphml"))
    assert graph.nodes["FRA"]["kind"] == "actor" and graph.nodes["issue:ceasefire"]["label"] == "Ceasefire"
    stances = sorted(d["stance"] for u, _v, d in graph.edges(data=True) if u == "POL")
    assert stances == ["oppose", "support"]

    with pytest.raises(BadInputError, match="graphml"):
        kb.export("xlsx", tmp_path / "x.xlsx")
    with pytest.raises(BadInputError, match="does not exist"):
        kb.export("jsonl", tmp_path / "missing" / "x.jsonl")


def test_ingest_paths_and_texts_together(tmp_path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(stance_text("Germany backs the peace plan today."), encoding="utf-8")
    with Accordia.open(str(tmp_path / "kb.db"), reference=fake_reference(),
                       extractor=KeywordExtractor()) as k:
        summary = k.ingest(str(doc), stance_text("Spain opposes the ceasefire for now.", place="MADRID"),
                           "too short")
        assert summary.ingested == 2
        assert len(summary.skipped) == 1 and "EmptyInput" in summary.skipped[0].reason
        assert set(k.positions()["actor"]) == {"DEU", "ESP"}
        missing = k.ingest(str(tmp_path / "nothing-here.txt"))
        assert missing.ingested == 0 and len(missing.failed) == 1


def test_ingest_reference_date_applies_to_files_and_pasted_texts(tmp_path) -> None:
    doc = tmp_path / "a.txt"
    doc.write_text(stance_text("Germany backs the peace plan today.", place="BERLIN, Nov 30"), encoding="utf-8")
    pasted = stance_text("Spain opposes the ceasefire for now.", place="MADRID, Dec 28")
    undated = stance_text("Italy backs the ceasefire now.").split(" - ", 1)[1]
    with Accordia.open(str(tmp_path / "kb.db"), reference=fake_reference(),
                       extractor=KeywordExtractor()) as k:
        summary = k.ingest(doc, pasted, undated, reference_date="2025-01-15")
        assert summary.ingested == 3
        assert sorted(k.articles()["published"]) == [date(2024, 11, 30), date(2024, 12, 28), date(2025, 1, 15)]
        with pytest.raises(BadInputError, match="reference_date"):
            k.ingest(doc, reference_date="mid-January")


def test_article_holds_text_and_evidence_spans(kb: Accordia) -> None:
    first = kb.articles().iloc[0]
    found = kb.article(first["id"])
    assert found["title"] == "Paris talks" and found["published"] == DAY1
    assert [found["text"][e["start"]:e["end"]] == e["sentence"] for e in found["evidence"]] == [True, True]


def test_reference_fills_the_actor_and_issue_tables(kb: Accordia) -> None:
    _ = kb.reference
    assert {"FRA", "ESP"} <= kb.store.known_actors()
    assert kb.issues()[:3] == ["reassurance-force", "ceasefire", "peace-plan"]
