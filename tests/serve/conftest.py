"""A small in-memory knowledge base with the facade's methods, so the API is tested on its own."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace
from typing import Any

import pandas as pd
import pytest
from fastapi.testclient import TestClient

from accordia.serve.app import create_app

POSITION_COLUMNS = ["actor", "actor_name", "issue", "stance", "date", "contested", "sources",
                    "sentence", "article", "start", "end", "condition"]
CHANGE_COLUMNS = ["actor", "issue", "before_stance", "before_date", "before_sentence", "after_stance",
                  "after_date", "after_sentence", "article_before", "article_after"]

ARTICLES = {
    "art-paris": {
        "title": "Paris talks on a post-war force",
        "source": "Test Wire",
        "url": "https://example.org/paris",
        "published": date(2025, 3, 2),
        "text": ("Leaders met in Paris on Sunday. France said it was ready to send troops to Ukraine "
                 "after a ceasefire. Poland said it would not put soldiers on Ukrainian soil. "
                 "Germany has not decided whether to join the force."),
    },
    "art-london": {
        "title": "London summit <b>widens</b> the coalition",
        "source": "Sample Post",
        "url": "https://example.org/london",
        "published": date(2025, 3, 20),
        "text": ("Britain will contribute troops only if Washington provides air cover. "
                 "Germany now backs the plan, the chancellor said. "
                 "Poland still refuses to deploy troops. <script>alert(1)</script>"),
    },
    "art-kremlin": {
        "title": "Kremlin rejects foreign troops",
        "source": "Test Wire",
        "url": "",
        "published": date(2025, 4, 10),
        "text": ("Moscow called any European troops in Ukraine unacceptable. "
                 "Officials in Warsaw signalled they might support the mission after all. "
                 "Warsaw still ruled out sending soldiers, a minister said later that day."),
    },
}

# (actor, issue, stance, article, sentence, condition)
HISTORY = [
    ("FRA", "reassurance-force", "support", "art-paris",
     "France said it was ready to send troops to Ukraine after a ceasefire.", ""),
    ("POL", "reassurance-force", "oppose", "art-paris",
     "Poland said it would not put soldiers on Ukrainian soil.", ""),
    ("DEU", "reassurance-force", "undecided", "art-paris",
     "Germany has not decided whether to join the force.", ""),
    ("GBR", "reassurance-force", "conditional", "art-london",
     "Britain will contribute troops only if Washington provides air cover.", "US air cover"),
    ("DEU", "reassurance-force", "support", "art-london",
     "Germany now backs the plan, the chancellor said.", ""),
    ("POL", "reassurance-force", "oppose", "art-london", "Poland still refuses to deploy troops.", ""),
    ("RUS", "reassurance-force", "oppose", "art-kremlin",
     "Moscow called any European troops in Ukraine unacceptable.", ""),
    ("POL", "reassurance-force", "support", "art-kremlin",
     "Officials in Warsaw signalled they might support the mission after all.", ""),
    ("POL", "reassurance-force", "oppose", "art-kremlin",
     "Warsaw still ruled out sending soldiers, a minister said later that day.", ""),
    ("EU", "ceasefire", "support", "art-london", "Germany now backs the plan, the chancellor said.", ""),
]

NAMES = {"FRA": "France", "POL": "Poland", "DEU": "Germany", "GBR": "United Kingdom", "RUS": "Russia",
         "USA": "United States", "EU": "European Union"}
PLACES = {"FRA": (46.6, 2.4), "POL": (52.1, 19.4), "DEU": (51.1, 10.4), "GBR": (54.0, -2.5),
          "RUS": (61.5, 99.0), "USA": (39.8, -98.6)}


@dataclass
class Issue:
    id: str
    label: str


@dataclass
class State:
    name: str
    lat: float | None
    lon: float | None


class Gazetteer:
    def __init__(self) -> None:
        self.states = {k: State(NAMES[k], *PLACES[k]) for k in PLACES}
        self.states["XKX"] = State("Nowhere", None, None)

    def name(self, actor: str) -> str:
        return NAMES.get(actor, actor)


@dataclass
class FakeKB:
    """Answers like ``accordia.api.Accordia`` and records what it was asked."""

    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    reference: Any = None

    def __post_init__(self) -> None:
        self.reference = SimpleNamespace(
            codebook=SimpleNamespace(issues=[Issue("reassurance-force", "Reassurance force"),
                                             Issue("ceasefire", "Ceasefire")]),
            gazetteer=Gazetteer())

    def _history(self, issue: str | None = None, as_of: date | None = None) -> list[dict[str, Any]]:
        rows = []
        for actor, iss, stance, art, sentence, condition in HISTORY:
            published = ARTICLES[art]["published"]
            if (issue and iss != issue) or (as_of and published > as_of):
                continue
            start = ARTICLES[art]["text"].find(sentence)
            rows.append({"actor": actor, "actor_name": NAMES[actor], "issue": iss, "stance": stance,
                         "date": pd.Timestamp(published), "contested": False, "sources": 1,
                         "sentence": sentence, "article": art, "start": start,
                         "end": start + len(sentence), "condition": condition})
        return rows

    def positions(self, issue: str | None = None, as_of: date | None = None) -> pd.DataFrame:
        self.calls.append(("positions", {"issue": issue, "as_of": as_of}))
        latest: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for row in self._history(issue, as_of):
            key = (row["actor"], row["issue"])
            if key in latest and latest[key][0]["date"] == row["date"]:
                latest[key].append(row)
            else:
                latest[key] = [row]
        rows = []
        for group in latest.values():
            for row in group:
                row["contested"] = len({r["stance"] for r in group}) > 1
                rows.append(row)
        return pd.DataFrame(rows, columns=POSITION_COLUMNS)

    def changes(self, since: date, as_of: date | None = None) -> pd.DataFrame:
        self.calls.append(("changes", {"since": since, "as_of": as_of}))
        before = {(r["actor"], r["issue"]): r for r in self._history(as_of=since)}
        rows = []
        for row in self._history(as_of=as_of):
            old = before.get((row["actor"], row["issue"]))
            if old and old["stance"] != row["stance"] and row["date"].date() > since:
                rows.append({"actor": row["actor"], "issue": row["issue"],
                             "before_stance": old["stance"], "before_date": old["date"],
                             "before_sentence": old["sentence"], "after_stance": row["stance"],
                             "after_date": row["date"], "after_sentence": row["sentence"],
                             "article_before": old["article"], "article_after": row["article"]})
        return pd.DataFrame(rows, columns=CHANGE_COLUMNS)

    def actor(self, iso3: str, as_of: date | None = None) -> dict[str, Any]:
        self.calls.append(("actor", {"iso3": iso3, "as_of": as_of}))
        if iso3 not in NAMES:
            raise KeyError(iso3)
        return {"id": iso3, "name": NAMES[iso3],
                "positions": self.positions(as_of=as_of).query("actor == @iso3")}

    def analyse(self, kind: str, issue: str | None = None, as_of: date | None = None,
                overrides: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        self.calls.append(("analyse", {"kind": kind, "issue": issue, "as_of": as_of,
                                       "overrides": overrides}))
        if overrides is not None and not isinstance(overrides, list):
            raise ValueError("overrides must be a list of objects")
        rows = [{"actor": r["actor"], "stance": r["stance"], "weight": 0.5,
                 "evidence": [{"sentence": r["sentence"], "article": r["article"], "start": r["start"],
                               "end": r["end"], "published": r["date"].date()}]}
                for r in self._history(issue, as_of)]
        return {"kind": kind, "as_of": as_of, "issue": issue, "rows": rows,
                "notes": [f"{len(rows)} facts considered"]}

    def report(self, issue: str | None = None, as_of: date | None = None) -> dict[str, Any]:
        return {"issue": issue, "as_of": as_of, "sections": [{"title": "Stances", "rows": 3}]}

    def articles(self) -> list[dict[str, Any]]:
        return [{"id": k, **{f: v for f, v in a.items() if f != "text"}} for k, a in ARTICLES.items()]

    def article(self, article_id: str) -> dict[str, Any]:
        if article_id not in ARTICLES:
            raise KeyError(article_id)
        return {"id": article_id, **ARTICLES[article_id]}

    def timeline(self, issue: str | None = None) -> list[dict[str, Any]]:
        return [{k: r[k] for k in ("date", "actor", "issue", "stance", "sentence", "article")}
                for r in self._history(issue)]


@pytest.fixture
def kb() -> FakeKB:
    return FakeKB()


@pytest.fixture
def client(kb: FakeKB) -> TestClient:
    return TestClient(create_app(kb), base_url="http://127.0.0.1:8000")
