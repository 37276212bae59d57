"""A synthetic archive-sized store: N articles, about five facts each, over two years of reporting.

Real archives are too big to ship and too slow to ingest for a benchmark, so this writes the store's
own tables directly, in batches, with the shape real reporting has:

* a few actors (the US, Russia, Ukraine, the large European states, the EU) carry most statements
  and a long tail of other states a few (Zipf weights over the gazetteer's states);
* issues follow the codebook with the headline ones (the force, the ceasefire, sanctions) reported
  most;
* each actor-issue pair holds a stance that moves a few times in two years; most reports restate it,
  a few disagree (so some days are contested, as in real copy);
* about a third of articles are wire copies joining an earlier story and repeating its facts;
* article counts per day follow a weekly rhythm with bursts around summits.

Rows are generated lazily and written in batches of ``batch`` articles (one transaction each), so
memory stays flat whatever N is. SQLite is written through executemany, PostgreSQL through COPY.
MinHash signatures are not written (they only serve near-duplicate search during ingest).

Usage: python bench/archive.py --db archive.db --articles 1000000 [--seed 7] [--batch 5000]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import sqlalchemy as sa  # noqa: E402

from accordia.store import Store, schema  # noqa: E402

START = date(2025, 1, 1)
DAYS = 730
STANCES = ("support", "oppose", "conditional", "undecided")
HEADLINE_ACTORS = ("USA", "RUS", "UKR", "FRA", "GBR", "DEU", "EU", "POL", "ITA", "TUR", "CHN", "HUN")
OUTLETS = tuple(f"Wire {n}" for n in range(12)) + tuple(f"Daily {n}" for n in range(28))
COMMITMENT_KINDS = ("troops", "money", "equipment", "air-policing", "training", "logistics", "intelligence")
GROUPS = ("coalition-of-the-willing", "e3", "g7", "eu", "nato")
EVENT_KINDS = ("summit", "meeting", "call", "visit")
UNITS = ("troops", "EUR", "USD", "km")
# Per article: mean count of each fact type (positions first: the dashboard's main table).
FACT_RATES = {"positions": 2.2, "people": 1.0, "commitments": 0.45, "events": 0.4, "memberships": 0.3,
              "quantities": 0.3, "red_lines": 0.2, "candidate_issues": 0.08, "decision_rules": 0.05,
              "provisions": 0.05}
COPY_SHARE = 0.33
NOISE = 0.06


@dataclass
class World:
    """Who can say what: weighted actors and issues, and every pair's stance over time."""

    rng: random.Random
    actors: list[str]
    actor_weights: list[float]
    issues: list[str]
    issue_weights: list[float]
    trajectories: dict[tuple[str, str], list[tuple[int, str]]] = field(default_factory=dict)

    def stance(self, actor: str, issue: str, day: int) -> str:
        """The pair's stance on a day; drawn lazily, a handful of moves over the two years."""
        path = self.trajectories.get((actor, issue))
        if path is None:
            moves = sorted(self.rng.sample(range(1, DAYS), k=min(DAYS - 1, _poisson(self.rng, 2.5))))
            current = self.rng.choice(STANCES)
            path = [(0, current)]
            for when in moves:
                current = self.rng.choice([s for s in STANCES if s != current])
                path.append((when, current))
            self.trajectories[(actor, issue)] = path
        found = path[0][1]
        for when, stance in path:
            if when > day:
                break
            found = stance
        return found


def _poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth), enough for small means."""
    limit, k, p = math.exp(-mean), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def make_world(seed: int) -> World:
    from accordia.reference.codebook import load_codebook

    rng = random.Random(seed)
    with (ROOT / "accordia" / "data" / "states.csv").open(encoding="utf-8") as fh:
        states = [row["iso3"] for row in csv.DictReader(fh)]
    tail = [s for s in states if s not in HEADLINE_ACTORS]
    rng.shuffle(tail)
    actors = [*HEADLINE_ACTORS, *tail[:70]]
    actor_weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(actors))]
    issues = load_codebook().ids()
    issue_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(issues))]
    return World(rng, actors, actor_weights, issues, issue_weights)


def day_counts(total: int, rng: random.Random) -> list[int]:
    """Articles per day: quieter weekends, a dozen bursts (summits), summing to ``total``."""
    bursts = {rng.randrange(DAYS): rng.uniform(1.5, 3.0) for _ in range(12)}
    weights = []
    for d in range(DAYS):
        w = 0.55 if (START + timedelta(days=d)).weekday() >= 5 else 1.0
        w *= 1.0 + 0.4 * d / DAYS  # coverage grows as the process goes on
        for centre, height in bursts.items():
            w *= 1.0 + (height - 1.0) * math.exp(-((d - centre) ** 2) / 8.0)
        weights.append(w)
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for d in rng.sample(range(DAYS), total - sum(counts)) if total > sum(counts) else []:
        counts[d] += 1
    return counts


@dataclass
class Ids:
    """Next free integer id per table (stories, evidence, each fact table)."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next.get(table, 1)
        self.next[table] = value + 1
        return value


Rows = dict[str, list[tuple]]


class Generator:
    """Yields batches of rows per table; articles come in date order, as an archive is ingested."""

    def __init__(self, total: int, seed: int = 7) -> None:
        self.total = total
        self.world = make_world(seed)
        self.rng = self.world.rng
        self.ids = Ids()
        self.recent: list[tuple[str, int, list[tuple[str, dict[str, Any]]]]] = []
        self.counts = day_counts(total, self.rng)

    def _facts(self, day: int) -> list[tuple[str, dict[str, Any]]]:
        """(table, columns) for one original article's facts."""
        w, rng = self.world, self.rng
        found: list[tuple[str, dict[str, Any]]] = []
        for table, mean in FACT_RATES.items():
            n = _poisson(rng, mean) if table != "positions" else max(1, _poisson(rng, mean))
            for _ in range(n):
                actor = rng.choices(w.actors, w.actor_weights)[0]
                issue = rng.choices(w.issues, w.issue_weights)[0]
                found.append((table, self._fact(table, actor, issue, day)))
        return found

    def _fact(self, table: str, actor: str, issue: str, day: int) -> dict[str, Any]:
        rng = self.rng
        if table == "positions":
            stance = self.world.stance(actor, issue, day)
            if rng.random() < NOISE:
                stance = rng.choice(STANCES)
            return {"key": f"{actor}|{issue}|{stance}", "actor": actor, "issue": issue, "stance": stance,
                    "condition": "if a ceasefire holds" if stance == "conditional" else "",
                    "speaker": f"Minister {actor.title()}", "text": f"{actor} said it would {stance} {issue}."}
        if table == "people":
            surname = f"{actor.lower()}name{rng.randrange(4)}"
            return {"key": f"{surname}|{actor}", "name": f"Pat {surname.title()}", "actor": actor,
                    "role": rng.choice(("president", "prime minister", "foreign minister", "defence minister")),
                    "text": f"Pat {surname.title()} spoke for {actor}."}
        if table == "commitments":
            kind = rng.choice(COMMITMENT_KINDS)
            amount = {"value": float(rng.choice((500, 1000, 5000, 2e9))), "unit": rng.choice(UNITS),
                      "subject": kind, "wording": "a pledged amount"} if rng.random() < 0.4 else None
            return {"key": f"{actor}|{kind}|{issue}", "actor": actor, "kind": kind, "issue": issue,
                    "amount": amount, "text": f"{actor} pledged {kind} for {issue}."}
        if table == "events":
            kind = rng.choice(EVENT_KINDS)
            when = START + timedelta(days=max(0, day - rng.randrange(3)))
            what = f"{kind} on {issue}"
            return {"key": f"{kind}|{what}|{when.isoformat()}", "kind": kind, "what": what, "event_date": when,
                    "participants": [actor, rng.choice(self.world.actors[:12])], "text": f"Leaders met: {what}."}
        if table == "memberships":
            group = rng.choice(GROUPS)
            return {"key": f"{group}|{actor}", "group": group, "member": actor, "text": f"{actor} is in {group}."}
        if table == "quantities":
            value, unit = float(rng.choice((1000, 5000, 25000, 1e9, 3e11))), rng.choice(UNITS)
            return {"key": f"{issue}|{unit}|{value!r}", "value": value, "unit": unit, "subject": issue,
                    "text": f"The {issue} figure is {value:.0f} {unit}."}
        if table == "red_lines":
            return {"key": f"{actor}|{issue}", "actor": actor, "against": issue,
                    "text": f"{actor} called {issue} a red line."}
        if table == "candidate_issues":
            label = f"proposal {rng.randrange(50)}"
            stance = rng.choice(STANCES)
            return {"key": f"{label}|{actor}|{stance}", "label": label, "actor": actor, "stance": stance,
                    "text": f"{actor} would {stance} {label}."}
        if table == "decision_rules":
            rule = rng.choice(("unanimity", "veto", "consent"))
            return {"key": f"{actor}|{rule}|{issue}", "holder": actor, "rule": rule, "scope": [issue],
                    "text": f"{actor} holds a {rule} over {issue}."}
        proposal = rng.choice(self.world.issues[:4])
        return {"key": f"{proposal}|{issue}|requires", "proposal": proposal, "about": issue,
                "effect": "requires", "text": f"The {proposal} requires {issue}."}

    def batches(self, size: int) -> Iterator[tuple[int, Rows]]:
        """(articles so far, rows per table) every ``size`` articles."""
        rows: Rows = {}
        done = 0
        ingested = datetime(2027, 1, 2)
        for day, count in enumerate(self.counts):
            published = START + timedelta(days=day)
            for _ in range(count):
                done += 1
                ingested += timedelta(milliseconds=37)
                self._article(done, day, published, ingested, rows)
                if done % size == 0:
                    yield done, rows
                    rows = {}
        if rows:
            yield done, rows

    def _article(self, n: int, day: int, published: date, ingested: datetime, rows: Rows) -> None:
        rng = self.rng
        copy_of = rng.choice(self.recent) if self.recent and rng.random() < COPY_SHARE else None
        if copy_of is not None:
            story_id, facts = copy_of[1], copy_of[2]
        else:
            story_id, facts = self.ids.take("stories"), self._facts(day)
        outlet = rng.choice(OUTLETS)
        sentences = [f["text"] for _, f in facts]
        text = f"KYIV ({outlet}) - " + " ".join(sentences) + f" Report {n} of the archive."
        digest = hashlib.sha256(text.encode()).hexdigest()
        article_id = digest[:16]
        if copy_of is None:
            rows.setdefault("stories", []).append((story_id, article_id, 1))
            self.recent.append((article_id, story_id, facts))
            if len(self.recent) > 300:
                self.recent.pop(0)
        rows.setdefault("articles", []).append((
            article_id, digest, text, f"Report {n}", outlet, f"https://example.org/a/{n}", published, "en",
            "", story_id, ingested, "synthetic"))
        offset = len(text) - len(" ".join(sentences)) - len(f" Report {n} of the archive.")
        for table, fact in facts:
            ev_id = self.ids.take("evidence")
            sentence = fact["text"]
            start = text.find(sentence, offset)
            rows.setdefault("evidence", []).append((ev_id, article_id, sentence, start, start + len(sentence),
                                                    "said", f"synthetic-{table}", 0.8, True))  # confirmed
            fid = self.ids.take(table)
            rows.setdefault(table, []).append(
                (fid, article_id, story_id, ev_id, published, fact["key"], *_columns(table, fact)))


def _columns(table: str, f: dict[str, Any]) -> tuple:
    """The type-specific columns, in schema order."""
    if table == "positions":
        return (f["actor"], f["issue"], f["stance"], f["condition"], "", False, False, f["speaker"], True,
                False, "")
    if table == "people":
        return (f["name"], f["actor"], f["role"], True)
    if table == "commitments":
        amount = json.dumps(f["amount"]) if f["amount"] else None
        return (f["actor"], f["kind"], f["issue"], "[]", "[]", amount, "", False, True, "")
    if table == "events":
        return (f["kind"], f["what"], f["event_date"], json.dumps(f["participants"]), "", "")
    if table == "memberships":
        return (f["group"], f["member"], "member", True)
    if table == "quantities":
        return (f["value"], f["unit"], f["subject"], "")
    if table == "red_lines":
        return (f["actor"], f["against"], "", True)
    if table == "candidate_issues":
        return (f["label"], f["actor"], f["stance"])
    if table == "decision_rules":
        return (f["holder"], f["rule"], json.dumps(f["scope"]), "", True, "reported")
    return (f["proposal"], f["about"], f["effect"], "", True)


TABLE_ORDER = ("stories", "articles", "evidence", *schema.FACT_TABLES)


def _columns_of(table: str) -> list[str]:
    return [c.name for c in _table(table).columns]


def _table(name: str) -> sa.Table:
    return {"stories": schema.stories, "articles": schema.articles, "evidence": schema.evidence,
            **schema.FACT_TABLES}[name]


def _write_sqlite(raw: Any, rows: Rows) -> None:
    cursor = raw.cursor()
    cursor.execute("BEGIN")
    for table in TABLE_ORDER:
        if rows.get(table):
            cols = _columns_of(table)
            sql = (f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in cols)}) '
                   f'VALUES ({", ".join("?" * len(cols))})')
            cursor.executemany(sql, [tuple(_sqlite_value(v) for v in row) for row in rows[table]])
    cursor.execute("COMMIT")
    cursor.close()


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _write_postgres(raw: Any, rows: Rows) -> None:
    with raw.cursor() as cursor:
        for table in TABLE_ORDER:
            if rows.get(table):
                cols = ", ".join(f'"{c}"' for c in _columns_of(table))
                with cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
                    for row in rows[table]:
                        copy.write_row(row)
    raw.commit()


def _fix_sequences(engine: sa.Engine) -> None:
    """After COPY with explicit ids, move each serial sequence past the largest id."""
    with engine.begin() as conn:
        for table in ("stories", "evidence", *schema.FACT_TABLES):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))")


def generate(target: str, articles: int, *, seed: int = 7, batch: int = 5000, quiet: bool = False) -> dict[str, Any]:
    """Fill an empty store at ``target`` (path or URL) with ``articles`` synthetic articles."""
    store = Store.open(target)
    engine = store.engine
    with engine.connect() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(schema.articles)).scalar_one():
            store.close()
            raise SystemExit(f"{target} already holds articles: the generator fills an empty store only")
    backend = store.backend
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        dbapi = raw.driver_connection
        if backend == "sqlite":
            dbapi.execute("PRAGMA synchronous=OFF")
            dbapi.execute("PRAGMA cache_size=-400000")
        writer = _write_sqlite if backend == "sqlite" else _write_postgres
        generator = Generator(articles, seed)
        for done, rows in generator.batches(batch):
            writer(dbapi, rows)
            if not quiet:
                rate = done / (time.perf_counter() - started)
                print(f"{done:>9} articles  {rate:8.0f}/s", file=sys.stderr, flush=True)
        if backend == "postgresql":
            _fix_sequences(engine)
            with engine.connect() as conn:
                conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("ANALYZE")
        else:
            dbapi.execute("ANALYZE")
    finally:
        raw.close()
    counts = store.counts()
    store.close()
    counts["seconds"] = round(time.perf_counter() - started, 1)
    counts["facts"] = sum(counts[t] for t in schema.FACT_TABLES)
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="SQLite path or postgresql:// URL of an empty store")
    parser.add_argument("--articles", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--batch", type=int, default=5000)
    args = parser.parse_args(argv)
    print(json.dumps(generate(args.db, args.articles, seed=args.seed, batch=args.batch)))


if __name__ == "__main__":
    main()


__all__ = ["Generator", "generate"]
