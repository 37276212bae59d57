"""Acceptance of the analyses end to end: real reader, extractor, store, reference data and CLI.

The seed checks read the user's article from the shared corpus and are skipped without it. The
sample-corpus and what-if checks use the articles bundled with the package, through the ``accordia``
command as an analyst would run it. When a seed check fails, its message lists the facts the
extractor stored, so a missing fact is told apart from a fault in the analysis.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import accordia
from accordia.analyse import KINDS
from accordia.cli import app

SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "seed" / "seed-0001.txt"
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="shared corpus seed-0001.txt not available")

FORCE = "reassurance-force"
TROOP_SENDERS = ("FRA", "GBR", "TUR")
ITA_SUPPORTS = json.dumps([{"actor": "ITA", "issue": FORCE, "stance": "support"}])
runner = CliRunner()


# ---- helpers ------------------------------------------------------------------------------------


class SpanChecker:
    """Checks that evidence points at real text: ``article_text[start:end] == sentence``."""

    def __init__(self, kb: Any) -> None:
        self.kb = kb
        self.texts: dict[str, str] = {}

    def text(self, article: str) -> str:
        if article not in self.texts:
            self.texts[article] = self.kb.article(article)["text"]
        return self.texts[article]

    def problem(self, item: Any) -> str | None:
        """Why one piece of evidence is not a usable link, or None when it is one."""
        if not isinstance(item, dict):
            return f"not an evidence dict: {item!r}"
        if {"rule", "source"} <= set(item) and "sentence" not in item:
            return None  # reference data: a rule and the text it rests on
        if not {"sentence", "article", "start", "end"} <= set(item):
            return f"evidence without sentence/article/start/end: {item}"
        if item.get("rule") == "what-if":
            return None
        span = self.text(item["article"])[item["start"]:item["end"]]
        return None if span == item["sentence"] else f"span {item['start']}-{item['end']} is not the sentence"


def evidence_lists(value: Any, path: str = "row") -> Iterator[tuple[str, list]]:
    """Every evidence list nested anywhere in a result row, with where it was found."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("evidence", "stance_evidence") and isinstance(item, list):
                yield f"{path}.{key}", item
            else:
                yield from evidence_lists(item, f"{path}.{key}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from evidence_lists(item, f"{path}[{n}]")


def assert_linked(row: dict[str, Any], checker: SpanChecker, *, needs_sentence: bool = True) -> None:
    """A row's own evidence is non-empty, and every evidence list in it holds working links."""
    assert row.get("evidence"), f"row without evidence: {row.get('explanation', row)}"
    if needs_sentence:
        assert any("sentence" in e for e in row["evidence"]), f"no sentence behind: {row.get('explanation')}"
    for where, items in evidence_lists(row):
        for item in items:
            problem = checker.problem(item)
            assert problem is None, f"{where}: {problem}"


def stored_facts(kb: Any) -> str:
    """What the extractor stored, one fact a line: printed when an acceptance check fails."""
    snap = kb.snapshot()
    lines = [f"position {p.actor} {p.issue} {p.stance}{' red-line' if p.red_line else ''}"
             for p in snap.positions]
    lines += [f"commitment {c.actor} {c.kind} {c.issue}{' hypothetical' if c.hypothetical else ''}"
              for c in snap.commitments]
    lines += [f"red line {r.actor} against {r.against}: {r.wording!r}" for r in snap.red_lines]
    lines += [f"provision {p.proposal} {p.effect} {p.about}: {p.wording!r}" for p in snap.provisions]
    lines += [f"decision rule {d.holder} {d.rule} {d.scope}" for d in snap.decision_rules]
    return "stored facts:\n  " + "\n  ".join(lines or ["(none)"])


def cli(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result


# ---- the seed article -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_kb(tmp_path_factory) -> Iterator[Any]:
    if not SEED.is_file():
        pytest.skip("shared corpus seed-0001.txt not available")
    kb = accordia.open(str(tmp_path_factory.mktemp("seed") / "seed.db"))
    summary = kb.ingest(str(SEED))
    assert summary.ingested == 1 and not summary.failed, summary
    yield kb
    kb.close()


def _one(rows: list[dict], what: str, kb: Any, **match: str) -> dict[str, Any]:
    found = [r for r in rows if all(r.get(k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one {what} ({match}), found {len(found)}; {stored_facts(kb)}"
    return found[0]


@needs_seed
def test_seed_russian_red_line_collides_with_the_troop_commitments(seed_kb) -> None:
    rows = seed_kb.analyse("collisions")["rows"]
    row = _one(rows, "red-line collision", seed_kb, kind="red-line", source_actor="RUS", issue=FORCE)
    assert "NATO presence" in row["wording"] and row["organisation"] == "NATO", row["wording"]
    assert set(TROOP_SENDERS) <= set(row["actors"]), f"{row['explanation']}; {stored_facts(seed_kb)}"
    for actor in TROOP_SENDERS:
        detail = next(d for d in row["details"] if d["actor"] == actor)
        assert any("troops commitment" in via for via in detail["via"]), detail["via"]
        assert any("Turkish soldiers" in e["sentence"] for e in detail["evidence"]), detail["evidence"]
        assert any(m.get("source") == "gazetteer" and "member of NATO" in m.get("rule", "")
                   for m in detail["membership"]), detail["membership"]
    assert any("NATO presence" in e["sentence"] for e in row["evidence"])
    assert_linked(row, SpanChecker(seed_kb))


@needs_seed
def test_seed_peace_plan_provision_collides_with_the_force_supporters(seed_kb) -> None:
    rows = seed_kb.analyse("collisions")["rows"]
    row = _one(rows, "provision collision", seed_kb, kind="provision-bars", source_actor="peace-plan",
               issue=FORCE)
    # Sweden, Denmark and Australia "signaled support"; France and Britain press for the force
    assert {"FRA", "GBR", "SWE", "DNK"} <= set(row["actors"]), f"{row['explanation']}; {stored_facts(seed_kb)}"
    # the plan bars a *NATO* presence, so Australia, outside NATO, backs the force without colliding
    spared = {s["actor"]: s["reason"] for s in row["not_colliding"]}
    assert spared.get("AUS") == "not a member of NATO", f"{row['explanation']}; {stored_facts(seed_kb)}"
    supporters = {p.actor for p in seed_kb.snapshot().positions
                  if p.issue == FORCE and p.stance in ("support", "conditional")}
    assert supporters <= set(row["actors"]) | set(spared)
    assert any("barred any NATO presence" in e["sentence"] for e in row["evidence"])
    assert_linked(row, SpanChecker(seed_kb))


@needs_seed
def test_seed_eu_holds_consent_over_frozen_assets_and_sanctions(seed_kb) -> None:
    rows = {r["issue"]: r for r in seed_kb.analyse("vetoes")["rows"]}
    checker = SpanChecker(seed_kb)
    for issue in ("frozen-assets", "russia-sanctions"):
        assert issue in rows, f"no veto row for {issue}; {stored_facts(seed_kb)}"
        consent = [h for h in rows[issue]["holders"]
                   if h["actor"] == "EU" and h["rule"] == "consent" and h["source"] == "reported"]
        assert len(consent) == 1, f"EU consent over {issue} not reported; {stored_facts(seed_kb)}"
        assert consent[0]["can_block"] and consent[0]["via"] is None
        assert any("Europe’s consent" in e.get("sentence", "") for e in consent[0]["evidence"])
        assert_linked(rows[issue], checker)


@needs_seed
def test_every_seed_conclusion_links_to_its_sentences(seed_kb) -> None:
    checker = SpanChecker(seed_kb)
    for kind in ("collisions", "vetoes"):
        rows = seed_kb.analyse(kind)["rows"]
        assert rows, f"no {kind} on the seed; {stored_facts(seed_kb)}"
        for row in rows:
            assert_linked(row, checker, needs_sentence=kind != "vetoes")


# ---- the bundled sample corpus, through the command line ------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, Any]:
    """The sample corpus ingested by ``accordia demo --no-serve``, with what the demo printed."""
    db = str(tmp_path_factory.mktemp("sample") / "sample.db")
    shown = cli("demo", "--no-serve", "--db", db)
    return {"db": db, "demo": shown.stdout}


@pytest.mark.parametrize("kind", KINDS)
def test_every_sample_row_carries_evidence_links(sample, kind: str) -> None:
    result = json.loads(cli("analyse", kind, "--db", sample["db"], "--format", "json").stdout)
    assert result["rows"], f"no {kind} rows on the sample corpus"
    with accordia.open(sample["db"]) as kb:
        checker = SpanChecker(kb)
        for row in result["rows"]:
            # a veto can rest on an institutional rule alone: its evidence is the rule and its source
            assert_linked(row, checker, needs_sentence=kind != "vetoes")


RAW_TRACES = re.compile(r"""\{\s*["'][\w ]+["']\s*:|\[\{|\bNaN\b|\bnan\b|\bNaT\b|\bNone\b(?! of)""")


def _looks_raw(text: str) -> list[str]:
    """Traces of data dumped instead of written out: dict or JSON syntax, NaN/NaT, a bare None."""
    return RAW_TRACES.findall(text)


def test_demo_prints_a_readable_report_and_digest(sample) -> None:
    shown = sample["demo"]
    assert "[reassurance-force]" in shown  # the report names each issue's id beside its label
    for kind in ("collisions", "vetoes", "forecast"):
        assert f"Digest: {kind}" in shown
    assert "range" in shown  # forecasts come with their sensitivity range
    assert not _looks_raw(shown), _looks_raw(shown)


@pytest.mark.parametrize("kind", KINDS)
def test_analysis_tables_are_written_out(sample, kind: str) -> None:
    shown = cli("analyse", kind, "--db", sample["db"]).stdout
    assert f"{kind} as of" in shown and "note:" in shown
    assert not _looks_raw(shown), _looks_raw(shown)


def _forecast(db: str, *extra: str) -> dict[str, Any]:
    result = json.loads(cli("analyse", "forecast", "--issue", FORCE, "--db", db, "--format", "json",
                            *extra).stdout)
    (row,) = result["rows"]
    return {"row": row, "notes": result["notes"], "actors": {a["actor"]: a for a in row["actors"]}}


def _stored_state(db: str) -> tuple[Any, str]:
    with accordia.open(db) as kb:
        snapshot = kb.snapshot()
    return snapshot, cli("report", "--db", db, "--format", "json").stdout


def test_what_if_changes_the_forecast_and_leaves_the_store_alone(sample) -> None:
    db = sample["db"]
    before = _stored_state(db)
    plain = _forecast(db)
    assert plain["actors"]["ITA"]["stance"] == "oppose"  # "Poland, Greece and Italy remained opposed."

    changed = _forecast(db, "--what-if", ITA_SUPPORTS)
    ita = changed["actors"]["ITA"]
    assert ita["stance"] == "support" and ita["position"] == 100.0
    assert [e["rule"] for e in ita["evidence"]] == ["what-if"]
    assert changed["row"]["baseline"]["value"] > plain["row"]["baseline"]["value"]
    assert any(note.startswith("what-if") for note in changed["notes"])
    assert not any(note.startswith("what-if") for note in plain["notes"])

    table = cli("analyse", "forecast", "--issue", FORCE, "--db", db, "--what-if", ITA_SUPPORTS).stdout
    assert "(what-if)" in table and "range" in table

    assert _stored_state(db) == before
    assert _forecast(db)["row"] == plain["row"]


def _sample_rows(db: str, kind: str, *extra: str) -> list[dict[str, Any]]:
    return json.loads(cli("analyse", kind, "--db", db, "--format", "json", *extra).stdout)["rows"]


def test_sample_forecasts_never_rest_a_verdict_on_thin_evidence(sample) -> None:
    rows = {r["issue"]: r for r in _sample_rows(sample["db"], "forecast")}
    # one actor on NATO membership, three on the peace plan: no verdict, and the reason is given
    assert rows["ukraine-nato-membership"]["verdict"] == "not enough evidence"
    assert rows["peace-plan"]["verdict"] == "not enough evidence"
    for row in rows.values():
        cover = row["coverage"]
        if row["verdict"].startswith("likely"):
            assert cover["sufficient"] and cover["actors"] >= 4 and cover["capability_share"] >= 0.5
            assert all((run["model"] >= 50) == (row["model"]["forecast"] >= 50) for run in row["sensitivity_runs"])
        assert "veto" in row and "Coverage:" in row["explanation"]


def test_sample_force_keeps_pledges_needs_and_caps_apart(sample) -> None:
    rows = {r["issue"]: r for r in _sample_rows(sample["db"], "force")}
    force = rows["reassurance-force"]
    # "a British contribution of up to 10,000 troops" is a British pledge with a maximum, not a need
    gbr = next(c for c in force["contributors"] if c["actor"] == "GBR")
    assert "up to 10,000 troops" in [p["text"] for p in gbr["pledges"]]
    assert [(r["min"], r["max"]) for r in force["requirements"]] == [(25_000, 30_000)]
    # the army cap of 600,000 is nobody's need, and Turkey's ships are no territorial concession
    assert all(r["max"] != 600_000 for row in rows.values() for r in row["requirements"])
    assert "territorial-concessions" not in rows
    # meeting places are no deployment places; unknown amounts are never zero
    places = {p["place"] for p in force["by_place"]}
    assert not {"Berlin", "Washington"} & places
    assert force["totals"]["troops"]["hypothetical"]["amount_not_stated"] >= 1
    assert not re.search(r"(?<![\d,])0 troops", force["explanation"])


def test_sample_blocs_span_the_agenda(sample) -> None:
    for row in _sample_rows(sample["db"], "blocs"):
        if row["type"] == "bloc":
            assert row["shared_issues"] >= 2 and row["label"].startswith("share:")
            assert "RUS" not in row["members"]  # no alliance read from one shared 'no'
    sides = [r for r in _sample_rows(sample["db"], "blocs", "--issue", "frozen-assets") if r["type"] == "sides"]
    assert sides and "BEL" in sides[0]["oppose"]
