"""A store's content as plain, order-free data, so two stores can be compared fact by fact.

Row ids and timestamps depend on when and how rows were written, not on what was read, so they are
replaced by what they point at: a fact's evidence by the sentence, offsets, cue and rule; a story id
by the story's first article.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from accordia.store import Store, schema

SKIP = {"id", "ingested_at", "evidence_id", "story_id"}


def dump(store: Store) -> dict[str, Any]:
    """Articles, stories and every fact table, each as a sorted list of comparable tuples."""
    out: dict[str, Any] = {}
    with store.engine.connect() as conn:
        first = dict(conn.execute(sa.select(schema.stories.c.id, schema.stories.c.first_article)).all())
        out["stories"] = sorted(conn.execute(sa.select(schema.stories.c.first_article,
                                                       schema.stories.c.source_count)).all())
        a = schema.articles
        out["articles"] = sorted(
            (row.id, row.hash, row.title, row.source, row.published, row.path, row.extractor_version,
             first[row.story_id]) for row in conn.execute(sa.select(a)))
        ev = schema.evidence
        evidence = {row.id: (row.article_id, row.sentence, row.start, row.end, row.cue, row.rule,
                             round(row.confidence, 6)) for row in conn.execute(sa.select(ev))}
        for name, table in schema.FACT_TABLES.items():
            rows = []
            for row in conn.execute(sa.select(table)).mappings():
                plain = {k: repr(v) for k, v in row.items() if k not in SKIP}
                rows.append((first[row["story_id"]], evidence.get(row["evidence_id"]), sorted(plain.items())))
            out[name] = sorted(rows, key=repr)
    return out


def summary_lines(summary: Any) -> dict[str, Any]:
    """A summary without its timing: what was stored, joined, skipped and failed, and why."""
    data = summary.to_dict()
    data.pop("seconds")
    data.pop("articles_per_second")
    return data
