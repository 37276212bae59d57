"""The current table layout, shared by SQLite and PostgreSQL (SQLAlchemy Core).

Fact tables hold one row per fact *occurrence*: the sentence of one article that states it. A fact's
identity is its ``fact_key`` (``actor|issue|stance`` for a position); the same key within one story
(a near-duplicate cluster) is one fact told by several sources. Keeping occurrences rather than
merged facts means nothing read is ever thrown away and sources can always be counted again.

``migrations.py`` builds this layout step by step; a test checks that both agree.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

schema_version = sa.Table(
    "schema_version", metadata,
    sa.Column("version", sa.Integer, primary_key=True),
    sa.Column("applied_at", sa.DateTime, nullable=False),
    sa.Column("description", sa.String(200), nullable=False, server_default=""),
)

stories = sa.Table(
    "stories", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    # No foreign key: articles point at stories, and a cycle would complicate inserts on SQLite.
    sa.Column("first_article", sa.String(64), nullable=False, index=True),
    sa.Column("source_count", sa.Integer, nullable=False, server_default="1"),
)

articles = sa.Table(
    "articles", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("hash", sa.String(64), nullable=False, unique=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False, server_default=""),
    sa.Column("source", sa.String(200), nullable=False, server_default=""),
    sa.Column("url", sa.Text, nullable=False, server_default=""),
    sa.Column("published", sa.Date, nullable=True, index=True),
    sa.Column("language", sa.String(16), nullable=False, server_default="en"),
    sa.Column("path", sa.Text, nullable=False, server_default=""),
    sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False, index=True),
    sa.Column("ingested_at", sa.DateTime, nullable=False),
    sa.Column("extractor_version", sa.String(64), nullable=False, server_default=""),
)

evidence = sa.Table(
    "evidence", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              nullable=False, index=True),
    sa.Column("sentence", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("cue", sa.Text, nullable=False, server_default=""),
    sa.Column("rule", sa.String(100), nullable=False, server_default=""),
    sa.Column("confidence", sa.Float, nullable=False, server_default="0"),
    # Added by migration 3: False when the extractor scored the reading below its threshold.
    sa.Column("confirmed", sa.Boolean, nullable=False, server_default=sa.true()),
)

actors = sa.Table(
    "actors", metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.Text, nullable=False, server_default=""),
)

issues = sa.Table(
    "issues", metadata,
    sa.Column("id", sa.String(100), primary_key=True),
    sa.Column("label", sa.Text, nullable=False, server_default=""),
)


def _fact_table(name: str, *columns: sa.Column) -> sa.Table:
    """A fact table: the columns every fact type shares, then its own."""
    return sa.Table(
        name, metadata,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("story_id", sa.Integer, sa.ForeignKey("stories.id"), nullable=False, index=True),
        sa.Column("evidence_id", sa.Integer, sa.ForeignKey("evidence.id"), nullable=True),
        sa.Column("fact_date", sa.Date, nullable=False, index=True),
        sa.Column("fact_key", sa.String(400), nullable=False, index=True),
        *columns,
    )


def _text(name: str) -> sa.Column:
    return sa.Column(name, sa.Text, nullable=False, server_default="")


def _flag(name: str, default: bool) -> sa.Column:
    return sa.Column(name, sa.Boolean, nullable=False, server_default=sa.true() if default else sa.false())


positions = _fact_table(
    "positions",
    sa.Column("actor", sa.String(64), nullable=False),
    sa.Column("issue", sa.String(100), nullable=False),
    sa.Column("stance", sa.String(32), nullable=False),
    _text("condition"), _text("role"), _flag("red_line", False), _flag("hypothetical", False),
    _text("speaker"), _flag("explicit", True), _flag("contested", False), _text("note"),
)
sa.Index("ix_positions_actor_issue_date", positions.c.actor, positions.c.issue, positions.c.fact_date)

commitments = _fact_table(
    "commitments",
    sa.Column("actor", sa.String(64), nullable=False, index=True),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("issue", sa.String(100), nullable=False),
    sa.Column("places", sa.JSON, nullable=False),
    sa.Column("conditions", sa.JSON, nullable=False),
    sa.Column("amount", sa.JSON, nullable=True),
    _text("when"), _flag("hypothetical", False), _flag("explicit", True), _text("note"),
)

red_lines = _fact_table(
    "red_lines",
    sa.Column("actor", sa.String(64), nullable=False, index=True),
    sa.Column("against", sa.String(100), nullable=False),
    _text("wording"), _flag("explicit", True),
)

provisions = _fact_table(
    "provisions",
    sa.Column("proposal", sa.String(100), nullable=False),
    sa.Column("about", sa.String(100), nullable=False),
    sa.Column("effect", sa.String(32), nullable=False),
    _text("wording"), _flag("explicit", True),
)

memberships = _fact_table(
    "memberships",
    sa.Column("group", sa.String(100), nullable=False),
    sa.Column("member", sa.String(64), nullable=False, index=True),
    sa.Column("role", sa.String(32), nullable=False, server_default="member"),
    _flag("explicit", True),
)

decision_rules = _fact_table(
    "decision_rules",
    sa.Column("holder", sa.String(64), nullable=False, index=True),
    sa.Column("rule", sa.String(64), nullable=False),
    sa.Column("scope", sa.JSON, nullable=False),
    _text("wording"), _flag("explicit", True),
    sa.Column("source", sa.String(64), nullable=False, server_default="reported"),
)

quantities = _fact_table(
    "quantities",
    sa.Column("value", sa.Float, nullable=False),
    sa.Column("unit", sa.String(32), nullable=False),
    _text("subject"), _text("wording"),
)

events = _fact_table(
    "events",
    sa.Column("kind", sa.String(64), nullable=False),
    _text("what"),
    sa.Column("event_date", sa.Date, nullable=True),
    sa.Column("participants", sa.JSON, nullable=False),
    _text("outcome"), _text("status"),
)

people = _fact_table(
    "people",
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("actor", sa.String(64), nullable=False, index=True),
    _text("role"), _flag("explicit", True),
)

candidate_issues = _fact_table(
    "candidate_issues",
    sa.Column("label", sa.Text, nullable=False),
    _text("actor"), _text("stance"),
)

# Added by migration 2: a MinHash signature per article, so near-duplicates are found without
# re-reading every stored text.
article_signatures = sa.Table(
    "article_signatures", metadata,
    sa.Column("article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"),
              primary_key=True),
    sa.Column("signature", sa.LargeBinary, nullable=False),
)

# Added by migration 4: an analyst's decisions on fact occurrences. A decision never edits a fact
# row: a correction or a hand-added fact is a new row of the fact table (``new_fact_id``), and the
# reviewed view hides what an active decision rejects or replaces. Older decisions on the same row
# stay, inactive, as its history; ``undone_at`` marks the ones an analyst took back.
reviews = sa.Table(
    "reviews", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("fact_table", sa.String(64), nullable=False),
    sa.Column("fact_id", sa.Integer, nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("new_fact_id", sa.Integer, nullable=True),
    sa.Column("changes", sa.JSON, nullable=False),
    sa.Column("reviewer", sa.String(200), nullable=False, server_default=""),
    sa.Column("comment", sa.Text, nullable=False, server_default=""),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("undone_at", sa.DateTime, nullable=True),
)
sa.Index("ix_reviews_target", reviews.c.fact_table, reviews.c.fact_id)
sa.Index("ix_reviews_new_fact", reviews.c.fact_table, reviews.c.new_fact_id)

# Added by migration 6: indexes that keep the dashboard's reads index-only at archive scale (a
# million articles). Each serves one question: latest stance per actor on an issue, source counts of
# one fact, the stance sets of a date window, the latest report of each fact of one actor, and the
# unconfirmed readings the reviewed view leaves out.
ARCHIVE_INDEXES: tuple[sa.Index, ...] = (
    sa.Index("ix_positions_issue_actor_date", positions.c.issue, positions.c.actor, positions.c.fact_date),
    sa.Index("ix_positions_key_story_article", positions.c.fact_key, positions.c.story_id, positions.c.fact_date,
             positions.c.article_id),
    sa.Index("ix_positions_date_pair_stance", positions.c.fact_date, positions.c.actor, positions.c.issue,
             positions.c.stance),
    sa.Index("ix_commitments_actor_key_date", commitments.c.actor, commitments.c.fact_key, commitments.c.fact_date),
    sa.Index("ix_red_lines_actor_key_date", red_lines.c.actor, red_lines.c.fact_key, red_lines.c.fact_date),
    sa.Index("ix_memberships_member_key_date", memberships.c.member, memberships.c.fact_key,
             memberships.c.fact_date),
    sa.Index("ix_people_actor_key_date", people.c.actor, people.c.fact_key, people.c.fact_date),
    sa.Index("ix_fact_key_date_positions", positions.c.fact_key, positions.c.fact_date, positions.c.id),
    # whether any reading is unconfirmed, and which: a seek, where the reviewed view would scan evidence
    sa.Index("ix_evidence_confirmed", evidence.c.confirmed),
)

FACT_TABLES: dict[str, sa.Table] = {
    "people": people,
    "positions": positions,
    "commitments": commitments,
    "red_lines": red_lines,
    "provisions": provisions,
    "memberships": memberships,
    "decision_rules": decision_rules,
    "quantities": quantities,
    "events": events,
    "candidate_issues": candidate_issues,
}
