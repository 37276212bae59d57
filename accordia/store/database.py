"""The knowledge base: open (and migrate) a database, write articles with their facts, run queries."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, Literal

import sqlalchemy as sa

from accordia.facts import Article, ArticleFacts, Change, Evidence, Snapshot
from accordia.store import queries, reviews, schema
from accordia.store.engine import connect_check, describe, hold_write_lock, make_engine, resolve_url, writer
from accordia.store.errors import BadInputError, StoreError
from accordia.store.existing import check_existing, require_file
from accordia.store.migrations import check_supported, current_version, upgrade
from accordia.store.queue import QueueItem, review_queue
from accordia.store.rows import fact_from_row
from accordia.store.view import DEFAULT_VIEW, View
from accordia.store.writes import insert_facts

if TYPE_CHECKING:  # NumPy (MinHash signatures) is imported by the first write, not by readers
    import numpy as np

    from accordia.store.near_duplicates import NearDuplicateIndex

WriteStatus = Literal["stored", "joined", "duplicate"]
# A signature's Jaccard estimate (128 permutations) is within about 0.1 of the truth; candidates
# that close to the threshold get an exact check, at most EXACT_CHECKS of them per article.
ESTIMATE_MARGIN = 0.12
EXACT_CHECKS = 4


@dataclass
class WriteResult:
    """What became of one article: stored as a new story, joined an existing story, or skipped."""

    status: WriteStatus
    article_id: str
    story_id: int | None = None
    facts: int = 0
    similar_to: str = ""
    similarity: float = 0.0

    @property
    def reason(self) -> str:
        if self.status == "duplicate":
            return f"duplicate content of article {self.similar_to}"
        if self.status == "joined":
            return (f"near-duplicate of article {self.similar_to} ({self.similarity:.2f}): "
                    f"joined story {self.story_id}")
        return f"stored as story {self.story_id}"


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """One knowledge base on SQLite or PostgreSQL.

    Each article is written in its own transaction, so a failure mid-article leaves nothing of it
    behind and never touches what was stored before.
    """

    def __init__(self, engine: sa.Engine, *, threshold: float | None = None,
                 index_capacity: int = 50_000) -> None:
        self.engine = engine
        self.url = engine.url
        self._threshold = threshold
        self._writer = writer(engine)
        self._hasher: Any = None
        self._index_capacity = index_capacity
        self._index: NearDuplicateIndex | None = None
        self._seen_mark: int = 0

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None, *, create: bool = True,
             **kwargs: Any) -> Store:
        """Open the store at a path/URL (default $ACCORDIA_DB or ./accordia.db).

        ``create=True`` (writers) creates a missing store and migrates an older one.
        ``create=False`` (readers) only opens an Accordia store that exists at the current schema
        version and changes nothing: a missing file, an empty or foreign database, or one that
        needs migrating is refused with a :class:`StoreError` saying which.
        """
        url = resolve_url(target)
        if not create:
            require_file(url)
        # Look before configuring: switching a SQLite file to WAL already changes it, and a
        # database that is not ours must be refused unchanged.
        engine = make_engine(url, configure=False)
        try:
            connect_check(engine, url)
            if not create:
                check_existing(engine, url)
            else:
                with engine.connect() as conn:
                    check_supported(current_version(conn))
                engine.dispose()
                engine = make_engine(url)
                upgrade(engine)
        except sa.exc.DBAPIError as exc:
            engine.dispose()
            raise StoreError(f"cannot prepare database at {describe(url)}: {exc.orig}") from exc
        except Exception:
            engine.dispose()
            raise
        return cls(engine, **kwargs)

    @property
    def threshold(self) -> float:
        """Jaccard similarity at which an article joins a story (default: near_duplicates.THRESHOLD)."""
        if self._threshold is None:
            from accordia.store.near_duplicates import THRESHOLD

            return THRESHOLD
        return self._threshold

    @property
    def backend(self) -> str:
        return self.url.get_backend_name()

    @property
    def location(self) -> str:
        return describe(self.url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # ---- writes -----------------------------------------------------------------------------

    def find_hash(self, text: str) -> str | None:
        """The id of the stored article with this exact (whitespace-normalised) content, if any."""
        a = schema.articles
        with self.engine.connect() as conn:
            return conn.execute(sa.select(a.c.id).where(a.c.hash == Article(text=text).hash)).scalar()

    def _near_duplicate_index(self) -> NearDuplicateIndex:
        """Loaded once, from the most recently ingested articles, then kept up to date by writes."""
        from accordia.store.near_duplicates import NearDuplicateIndex, signature_from_bytes

        if self._index is None:
            index = NearDuplicateIndex(capacity=self._index_capacity)
            a, s = schema.articles, schema.article_signatures
            q = (sa.select(s.c.article_id, s.c.signature).join(a, a.c.id == s.c.article_id)
                 .order_by(a.c.ingested_at.desc(), a.c.id.desc()).limit(self._index_capacity))
            with self.engine.connect() as conn:
                mark = self._write_mark(conn)
                rows = conn.execute(q).fetchall()
            for article_id, blob in reversed(rows):
                index.add(article_id, signature_from_bytes(blob))
            self._index, self._seen_mark = index, mark
        return self._index

    # Other processes may write to the same store. Before matching, each write (holding the write
    # lock) adds to the index what they stored since it last looked. On SQLite the signature table's
    # rowid orders inserts exactly; on PostgreSQL the story id does, which brings in every article
    # that began a story (a copy that joined one is itself close to the story's first article).

    def _write_mark(self, conn: sa.Connection) -> int:
        if conn.dialect.name == "sqlite":
            column = sa.literal_column("rowid")
            return int(conn.execute(sa.select(sa.func.max(column)).select_from(
                schema.article_signatures)).scalar() or 0)
        return int(conn.execute(sa.select(sa.func.max(schema.stories.c.id))).scalar() or 0)

    def _catch_up(self, conn: sa.Connection) -> None:
        """Add signatures other writers stored since this store last looked."""
        from accordia.store.near_duplicates import signature_from_bytes

        index = self._near_duplicate_index()
        s, st = schema.article_signatures, schema.stories
        if conn.dialect.name == "sqlite":
            rowid = sa.literal_column("article_signatures.rowid")
            q = sa.select(rowid, s.c.article_id, s.c.signature).where(rowid > self._seen_mark).order_by(rowid)
        else:
            q = (sa.select(st.c.id, s.c.article_id, s.c.signature)
                 .join(s, s.c.article_id == st.c.first_article)
                 .where(st.c.id > self._seen_mark).order_by(st.c.id))
        for mark, article_id, blob in conn.execute(q):
            index.add(article_id, signature_from_bytes(blob))
            self._seen_mark = max(self._seen_mark, int(mark))

    def _closest_story(self, conn: sa.Connection, text_shingles: set[str],
                       signature: np.ndarray) -> tuple[str, int, float] | None:
        """(article id, story id, Jaccard) of the most similar recent article at/above threshold."""
        from accordia.store.near_duplicates import jaccard, shingles

        self._catch_up(conn)
        ranked = self._near_duplicate_index().ranked(signature, floor=self.threshold - ESTIMATE_MARGIN,
                                                     limit=EXACT_CHECKS)
        if not ranked:
            return None
        a = schema.articles
        best: tuple[str, int, float] | None = None
        ids = [article_id for article_id, _ in ranked]
        rows = conn.execute(sa.select(a.c.id, a.c.story_id, a.c.text).where(a.c.id.in_(ids)))
        for article_id, story_id, text in rows:
            similarity = jaccard(text_shingles, shingles(text))
            if similarity >= self.threshold and (best is None or similarity > best[2]):
                best = (article_id, story_id, similarity)
        return best

    def _free_id(self, conn: sa.Connection, article: Article) -> str:
        """The article's own id unless another text already took it."""
        a = schema.articles
        digest = article.hash
        for candidate in (article.id or digest[:16], f"{article.id}-{digest[:8]}", digest[:32], digest):
            if candidate and conn.execute(sa.select(a.c.id).where(a.c.id == candidate)).first() is None:
                return candidate
        raise StoreError(f"no free id for article {article.id!r}")

    def write(self, article: Article, facts: ArticleFacts, *, extractor_version: str = "") -> WriteResult:
        """Store one article and its facts atomically; skip content already stored.

        A near-duplicate of a recent article joins that article's story, and its facts become
        extra sources of the story's facts (same ``fact_key``) rather than new facts.
        """
        from accordia.store.near_duplicates import MinHasher, shingles, signature_to_bytes

        if not isinstance(article.text, str) or not article.text.strip():
            raise BadInputError("article has no text")
        if self._hasher is None:
            self._hasher = MinHasher()
        digest = article.hash
        text_shingles = shingles(article.text)
        signature = self._hasher.signature(text_shingles)
        fact_date: date = article.published or facts.published or _utcnow().date()
        a, st = schema.articles, schema.stories
        # Loaded before the transaction opens: loading reads through a connection of its own.
        self._near_duplicate_index()
        try:
            with self._writer.begin() as conn:
                hold_write_lock(conn)
                existing = conn.execute(sa.select(a.c.id).where(a.c.hash == digest)).scalar()
                if existing is not None:
                    return WriteResult("duplicate", article_id=existing, similar_to=existing)
                article_id = self._free_id(conn, article)
                match = self._closest_story(conn, text_shingles, signature) if signature is not None else None
                if match is None:
                    story_id = conn.execute(st.insert().values(first_article=article_id, source_count=1)
                                            .returning(st.c.id)).scalar_one()
                else:
                    story_id = match[1]
                    conn.execute(st.update().where(st.c.id == story_id)
                                 .values(source_count=st.c.source_count + 1))
                conn.execute(a.insert().values(
                    id=article_id, hash=digest, text=article.text, title=article.title or "",
                    source=article.source or "", url=article.url or "", published=article.published,
                    language=article.language or "", path=article.path or "", story_id=story_id,
                    ingested_at=_utcnow(), extractor_version=extractor_version or ""))
                if signature is not None:
                    conn.execute(schema.article_signatures.insert().values(
                        article_id=article_id, signature=signature_to_bytes(signature)))
                written = insert_facts(conn, article_id=article_id, story_id=story_id,
                                       fact_date=fact_date, facts=facts)
        except sa.exc.IntegrityError:
            # Another writer stored the same content between our check and our insert.
            with self.engine.connect() as conn:
                existing = conn.execute(sa.select(a.c.id).where(a.c.hash == digest)).scalar()
            if existing is None:
                raise
            return WriteResult("duplicate", article_id=existing, similar_to=existing)
        if signature is not None:
            self._near_duplicate_index().add(article_id, signature)
        if match is None:
            return WriteResult("stored", article_id=article_id, story_id=story_id, facts=written)
        return WriteResult("joined", article_id=article_id, story_id=story_id, facts=written,
                           similar_to=match[0], similarity=match[2])

    def sync_reference(self, actors: dict[str, str], issues: dict[str, str]) -> None:
        """Add reference actors (id -> name) and issues (id -> label) not yet in their tables."""
        with self._writer.begin() as conn:
            hold_write_lock(conn)  # two processes adding the same ids must not collide
            for table, label, wanted in ((schema.actors, "name", actors), (schema.issues, "label", issues)):
                have = {v for (v,) in conn.execute(sa.select(table.c.id))}
                rows = [{"id": k, label: v or ""} for k, v in wanted.items() if k and k not in have]
                if rows:
                    conn.execute(table.insert(), rows)

    # ---- reads ------------------------------------------------------------------------------

    def effective_view(self, view: View) -> View:
        """With no decision stored yet, the reviewed view is the raw one: skip its filters' cost."""
        if not view.reviewed:
            return view
        with self.engine.connect() as conn:
            if conn.execute(sa.select(schema.reviews.c.id).limit(1)).first() is None:
                return View(reviewed=False, include_unconfirmed=view.include_unconfirmed)
        return view

    def positions(self, as_of: date | None = None, *, issue: str | None = None,
                  actor: str | None = None, view: View = DEFAULT_VIEW) -> list[queries.StatedPosition]:
        with self.engine.connect() as conn:
            return queries.current_positions(conn, as_of, issue=issue, actor=actor, view=self.effective_view(view))

    def position_pairs(self, as_of: date | None = None, view: View = DEFAULT_VIEW) -> list[tuple[str, str]]:
        with self.engine.connect() as conn:
            return queries.position_pairs(conn, as_of, view=self.effective_view(view))

    def history(self, as_of: date | None = None, *, issue: str | None = None,
                actor: str | None = None, view: View = DEFAULT_VIEW) -> list[tuple[date, Any]]:
        with self.engine.connect() as conn:
            return queries.position_history(conn, as_of, issue=issue, actor=actor, view=self.effective_view(view))

    def changes(self, since: date, as_of: date | None = None, *, issue: str | None = None,
                actor: str | None = None, view: View = DEFAULT_VIEW) -> list[Change]:
        with self.engine.connect() as conn:
            return queries.changes_since(conn, since, as_of, issue=issue, actor=actor, view=self.effective_view(view))

    def actor_profile(self, actor: str, as_of: date | None = None, view: View = DEFAULT_VIEW) -> dict[str, Any]:
        with self.engine.connect() as conn:
            return queries.actor_profile(conn, actor, as_of, view=self.effective_view(view))

    def facts(self, table: str, as_of: date | None = None, view: View = DEFAULT_VIEW) -> list[Any]:
        """One fact per identity (latest report) of one fact table, as of a date."""
        if table not in schema.FACT_TABLES:
            raise BadInputError(f"unknown fact type {table!r}; known: {', '.join(schema.FACT_TABLES)}")
        with self.engine.connect() as conn:
            return queries.latest_facts(conn, table, as_of, view=self.effective_view(view))

    def evidence(self, table: str, fact_key: str, as_of: date | None = None,
                 limit: int | None = None, view: View = DEFAULT_VIEW) -> list[Evidence]:
        if table not in schema.FACT_TABLES:
            raise BadInputError(f"unknown fact type {table!r}; known: {', '.join(schema.FACT_TABLES)}")
        with self.engine.connect() as conn:
            return queries.fact_evidence(conn, table, fact_key, as_of, limit=limit, view=self.effective_view(view))

    def article(self, article_id: str) -> Article | None:
        with self.engine.connect() as conn:
            return queries.article_by_id(conn, article_id)

    def article_positions(self, article_id: str, view: View = DEFAULT_VIEW) -> list[tuple[date, Any]]:
        with self.engine.connect() as conn:
            return queries.article_positions(conn, article_id, view=self.effective_view(view))

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return queries.article_count(conn)

    def articles(self, ids: Any = None) -> list[dict[str, Any]]:
        """Stored articles without their text; only those in ``ids`` when given (by primary key)."""
        with self.engine.connect() as conn:
            return queries.article_list(conn, ids)

    def snapshot(self, as_of: date | None = None, view: View = DEFAULT_VIEW) -> Snapshot:
        with self.engine.connect() as conn:
            return queries.snapshot(conn, as_of, view=self.effective_view(view))

    # ---- review -----------------------------------------------------------------------------

    def review(self, action: str, table: str, fact_id: int, *, changes: dict[str, Any] | None = None,
               reviewer: str = "", comment: str = "") -> dict[str, Any]:
        """Accept, reject or correct one fact row, or undo the latest decision on it, in one transaction."""
        with self._writer.begin() as conn:
            hold_write_lock(conn)  # a decision reads then writes: queue behind any ingest
            if action == "accept":
                return {"review": reviews.accept(conn, table, fact_id, reviewer=reviewer, comment=comment)}
            if action == "reject":
                return {"review": reviews.reject(conn, table, fact_id, reviewer=reviewer, comment=comment)}
            if action == "correct":
                review, new_id = reviews.correct(conn, table, fact_id, changes or {}, reviewer=reviewer,
                                                 comment=comment)
                return {"review": review, "fact": f"{table}:{new_id}"}
            if action == "undo":
                return {"review": reviews.undo(conn, table, fact_id)}
        raise BadInputError(f"unknown review action {action!r}; choose accept, reject, correct or undo")

    def add_fact(self, table: str, article_id: str, start: int, end: int, values: dict[str, Any], *,
                 reviewer: str = "", comment: str = "") -> dict[str, Any]:
        """A fact the extractor missed, evidenced by a span of a stored article."""
        with self._writer.begin() as conn:
            hold_write_lock(conn)
            review, new_id = reviews.add(conn, table, article_id, start, end, values, reviewer=reviewer,
                                         comment=comment)
        return {"review": review, "fact": f"{table}:{new_id}"}

    def fact_detail(self, table: str, fact_id: int) -> dict[str, Any]:
        """One fact row as the machine read it, its decisions, and the analyst's rows made from it."""
        with self.engine.connect() as conn:
            row = reviews.load_row(conn, table, fact_id)
            decisions = reviews.history(conn, table, fact_id)
            status = reviews.statuses(conn, table, [fact_id]).get(fact_id)
            related = {d["new_fact_id"] for d in decisions if d["new_fact_id"]} | {d["fact_id"] for d in decisions}
            versions = {i: reviews.load_row(conn, table, i) for i in sorted(related | {fact_id})}
        return {"row": row, "status": status, "decisions": decisions, "versions": versions}

    def review_queue(self, limit: int = 20) -> list[QueueItem]:
        with self.engine.connect() as conn:
            return review_queue(conn, limit)

    def fact_refs(self, table: str, keys: Any, view: View = DEFAULT_VIEW) -> dict[tuple, reviews.FactRef]:
        with self.engine.connect() as conn:
            return reviews.fact_refs(conn, table, keys, view)

    def reviewed_articles(self) -> list[str]:
        """Ids of articles with at least one active decision on one of their facts."""
        r = schema.reviews
        found: set[str] = set()
        with self.engine.connect() as conn:
            for name, table in schema.FACT_TABLES.items():
                q = (sa.select(table.c.article_id).distinct()
                     .where(table.c.id.in_(sa.select(r.c.fact_id).where(r.c.fact_table == name, r.c.active))))
                found |= {a for (a,) in conn.execute(q)}
        return sorted(found)

    def search_evidence(self, words: list[str], limit: int = 200) -> list[dict[str, Any]]:
        """Evidence sentences of any fact type holding every word (case-insensitive), newest first."""
        ev, a = schema.evidence, schema.articles
        conds = [sa.func.lower(ev.c.sentence).contains(word.lower(), autoescape=True) for word in words if word]
        if not conds:
            return []
        q = (sa.select(ev.c.sentence, ev.c.start, ev.c.end, ev.c.rule, ev.c.confidence, ev.c.confirmed,
                       ev.c.article_id.label("article"), a.c.published, a.c.source, a.c.title, a.c.url)
             .select_from(ev.join(a, a.c.id == ev.c.article_id)).where(*conds)
             .order_by(a.c.published.desc(), ev.c.article_id, ev.c.start).limit(limit))
        with self.engine.connect() as conn:
            return [dict(row) for row in conn.execute(q).mappings()]

    def article_facts(self, article_id: str, view: View = DEFAULT_VIEW) -> dict[str, list[Any]]:
        """Every fact occurrence of one article that ``view`` shows, per fact table."""
        out: dict[str, list[Any]] = {}
        with self.engine.connect() as conn:
            for name, table in schema.FACT_TABLES.items():
                q = (queries.joined_select(table)
                     .where(table.c.article_id == article_id, *queries.visible(table, view))
                     .order_by(table.c.id))
                out[name] = [fact_from_row(name, row) for row in conn.execute(q).mappings()]
        return out

    def reviewed_positions(self, article_id: str) -> dict[tuple[str, str, str], str]:
        """(actor, issue, stance) -> review status for the positions of one article an analyst decided
        on or wrote (accepted, corrected, added...), so exports can tell training which labels a person
        vouched for."""
        table = schema.FACT_TABLES["positions"]
        with self.engine.connect() as conn:
            rows = conn.execute(sa.select(table.c.id, table.c.actor, table.c.issue, table.c.stance)
                                .where(table.c.article_id == article_id)).all()
            found = reviews.statuses(conn, "positions", [r.id for r in rows]) if rows else {}
        return {(r.actor, r.issue, r.stance): found[r.id] for r in rows if r.id in found}

    def known_actors(self) -> set[str]:
        """Actor ids in the reference table or named by any position, commitment, person or membership."""
        t = schema.FACT_TABLES
        with self.engine.connect() as conn:
            found = queries.known_values(conn, schema.actors.c.id)
            for column in (t["positions"].c.actor, t["commitments"].c.actor, t["people"].c.actor,
                           t["memberships"].c.member, t["red_lines"].c.actor):
                found |= queries.known_values(conn, column)
        return found

    def known_issues(self) -> set[str]:
        with self.engine.connect() as conn:
            return (queries.known_values(conn, schema.issues.c.id)
                    | queries.known_values(conn, schema.positions.c.issue))

    def counts(self) -> dict[str, int]:
        """Row counts of articles, stories and every fact table (for summaries and tests)."""
        tables = {"articles": schema.articles, "stories": schema.stories, **schema.FACT_TABLES}
        with self.engine.connect() as conn:
            return {name: int(conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one())
                    for name, t in tables.items()}
