"""Analyst decisions: stored beside the facts, applied by the reviewed view, reversible, never overwriting."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from accordia.facts import Article, ArticleFacts, Commitment, Position
from accordia.store import BadInputError, Store, UnknownNameError
from accordia.store import schema as tables
from accordia.store.migrations import upgrade
from accordia.store.view import View
from tests.store.helpers import evidence_in, stance_article

RAW = View(reviewed=False)
EVERYTHING = View(reviewed=True, include_unconfirmed=True)

EARLY = ("MADRID, May 2 - Spain supports the ceasefire proposal put forward by the mediators on Friday. "
         "Italy backs the ceasefire as well, its envoy said.")
LATE = ("MADRID, June 9 - Spain rejects the ceasefire terms after the shelling of its convoy, "
        "the minister told reporters.")


def _ids(store: Store, key: str) -> list[int]:
    p = tables.positions
    with store.engine.connect() as conn:
        return [i for (i,) in conn.execute(sa.select(p.c.id).where(p.c.fact_key == key).order_by(p.c.id))]


@pytest.fixture
def kb(store: Store) -> Store:
    store.write(*stance_article(EARLY, date(2025, 5, 2), [
        ("ESP", "ceasefire", "support",
         "Spain supports the ceasefire proposal put forward by the mediators on Friday."),
        ("ITA", "ceasefire", "support", "Italy backs the ceasefire as well, its envoy said.")]))
    store.write(*stance_article(LATE, date(2025, 6, 9), [
        ("ESP", "ceasefire", "oppose", "Spain rejects the ceasefire terms after the shelling of its convoy, "
                                       "the minister told reporters.")]))
    return store


REVIEWED = View()


def _stance(store: Store, actor: str, view: View = REVIEWED) -> set[str]:
    return {sp.position.stance for sp in store.positions(actor=actor, view=view)}


def test_reject_changes_the_reviewed_view_and_undo_restores_it(kb: Store) -> None:
    (late,) = _ids(kb, "ESP|ceasefire|oppose")
    assert _stance(kb, "ESP") == {"oppose"}
    assert len(kb.changes(date(2025, 5, 10))) == 1
    kb.review("reject", "positions", late, reviewer="ana", comment="misread: terms, not the ceasefire")
    assert _stance(kb, "ESP") == {"support"}
    assert kb.changes(date(2025, 5, 10)) == []
    assert _stance(kb, "ESP", RAW) == {"oppose"}, "the machine's view keeps the original"
    assert {p.stance for p in kb.snapshot().positions if p.actor == "ESP"} == {"support"}
    kb.review("undo", "positions", late)
    assert _stance(kb, "ESP") == {"oppose"}


def test_correction_is_stored_beside_the_original_with_who_and_when(kb: Store) -> None:
    (late,) = _ids(kb, "ESP|ceasefire|oppose")
    out = kb.review("correct", "positions", late, changes={"stance": "conditional"}, reviewer="ana",
                    comment="a condition, not a refusal")
    new_table, new_id = out["fact"].split(":")
    assert _stance(kb, "ESP") == {"conditional"}
    assert _stance(kb, "ESP", RAW) == {"oppose"}
    detail = kb.fact_detail("positions", late)
    assert detail["status"] == "corrected"
    assert detail["row"]["stance"] == "oppose", "the original row is untouched"
    (decision,) = detail["decisions"]
    assert decision["reviewer"] == "ana" and decision["comment"] == "a condition, not a refusal"
    assert decision["created_at"] is not None and decision["changes"] == {"stance": "conditional"}
    refs = kb.fact_refs("positions", ["ESP|ceasefire|conditional"])
    assert [r.status for r in refs.values()] == ["corrected"] and all(r.id == int(new_id) for r in refs.values())
    # correcting the correction replaces the first one; undo brings the first back
    kb.review("correct", "positions", int(new_id), changes={"stance": "undecided"})
    assert _stance(kb, "ESP") == {"undecided"}
    kb.review("undo", "positions", late)
    assert _stance(kb, "ESP") == {"conditional"}
    kb.review("undo", "positions", int(new_id))
    assert _stance(kb, "ESP") == {"oppose"}


def test_bad_corrections_are_refused_and_leave_nothing(kb: Store) -> None:
    (late,) = _ids(kb, "ESP|ceasefire|oppose")
    with pytest.raises(BadInputError, match="stance must be one of"):
        kb.review("correct", "positions", late, changes={"stance": "maybe"})
    with pytest.raises(BadInputError, match="no field"):
        kb.review("correct", "positions", late, changes={"sentence": "x"})
    with pytest.raises(UnknownNameError):
        kb.review("reject", "positions", 99999)
    with pytest.raises(UnknownNameError, match="no decision"):
        kb.review("undo", "positions", late)
    with kb.engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(tables.reviews)).scalar() == 0
    assert kb.counts()["positions"] == 3


def test_hand_added_fact_uses_the_chosen_span_as_evidence(kb: Store) -> None:
    article = kb.articles()[0]["id"]
    text = kb.article(article).text
    sentence = "Italy backs the ceasefire as well, its envoy said."
    start = text.index(sentence)
    out = kb.add_fact("commitments", article, start, start + len(sentence),
                      {"actor": "ITA", "kind": "money", "issue": "ceasefire", "amount": "5000000 EUR"},
                      reviewer="ana")
    (commitment,) = kb.facts("commitments")
    assert commitment.actor == "ITA" and commitment.amount.value == 5_000_000
    assert commitment.evidence.sentence == sentence and commitment.evidence.rule == "analyst"
    assert kb.facts("commitments", view=RAW) == []
    assert kb.fact_detail(*out["fact"].split(":")[:1], int(out["fact"].split(":")[1]))["status"] == "added"
    with pytest.raises(BadInputError, match="outside the article"):
        kb.add_fact("positions", article, 0, 10**6, {"actor": "ITA", "issue": "ceasefire", "stance": "support"})
    with pytest.raises(BadInputError, match="needs"):
        kb.add_fact("positions", article, 0, 10, {"actor": "ITA"})


def test_unconfirmed_readings_are_left_out_unless_asked_or_accepted(store: Store) -> None:
    article = Article(text="ROME, May 3 - Italy might back the ceasefire, a source hinted.", published=date(2025, 5, 3))
    ev = evidence_in(article, "Italy might back the ceasefire, a source hinted.", confidence=0.3)
    ev.confirmed = False
    store.write(article, ArticleFacts(article_id=article.id, positions=[Position("ITA", "ceasefire", "support",
                                                                                   evidence=ev)],
                                      commitments=[Commitment("ITA", "troops", "ceasefire", evidence=ev)]))
    assert store.positions() == [] and store.facts("commitments") == []
    assert len(store.positions(view=EVERYTHING)) == 1
    (ref,) = store.fact_refs("positions", ["ITA|ceasefire|support"], EVERYTHING).values()
    assert ref.status == "unconfirmed" and ref.confidence == 0.3
    store.review("accept", "positions", ref.id)
    assert [sp.position.evidence.confirmed for sp in store.positions()] == [False]
    assert store.facts("commitments") == [], "accepting one fact does not confirm the others on its sentence"


def test_queue_puts_facts_behind_a_change_first_and_skips_decided_ones(kb: Store) -> None:
    queue = kb.review_queue()
    assert queue[0].fact.actor == "ESP" and "behind a change" in queue[0].why
    kb.review("accept", queue[0].table, queue[0].id)
    assert queue[0].handle not in {item.handle for item in kb.review_queue()}


def test_version_two_database_gains_confirmed_and_reviews(tmp_path) -> None:
    from accordia.store.engine import make_engine, resolve_url

    engine = make_engine(resolve_url(str(tmp_path / "v2.db")))
    upgrade(engine, target=2)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX IF EXISTS ix_evidence_confirmed")  # migration 6's, on the column
        conn.exec_driver_sql("ALTER TABLE evidence DROP COLUMN confirmed")
        conn.exec_driver_sql("DROP TABLE IF EXISTS reviews")
    engine.dispose()
    kb = Store.open(str(tmp_path / "v2.db"))
    with kb.engine.connect() as conn:
        columns = {c["name"] for c in sa.inspect(conn).get_columns("evidence")}
        assert "confirmed" in columns and sa.inspect(conn).has_table("reviews")
    kb.close()


def test_a_decision_covers_wire_copies_of_the_same_story(store: Store) -> None:
    from tests.store.helpers import WIRE_REPORT

    sentence = "France told its partners on Monday that it supports a reassurance force for Ukraine"
    for text, day in ((WIRE_REPORT, date(2025, 3, 3)), (WIRE_REPORT.replace("on Monday", "on Tuesday"),
                                                       date(2025, 3, 4))):
        article = Article(text=text, published=day)
        said = sentence.replace("on Monday", "on Tuesday") if day.day == 4 else sentence
        store.write(article, ArticleFacts(article_id=article.id, positions=[
            Position("FRA", "reassurance-force", "support", evidence=evidence_in(article, said))]))
    assert store.counts()["stories"] == 1
    first, _copy = _ids(store, "FRA|reassurance-force|support")
    store.review("reject", "positions", first)
    assert store.positions() == [], "the copy does not bring the rejected reading back"
    assert store.review_queue() == []
    store.review("undo", "positions", first)
    assert len(store.positions()) == 1


def test_rejecting_a_corrected_reading_rejects_the_fact(kb: Store) -> None:
    (late,) = _ids(kb, "ESP|ceasefire|oppose")
    new_id = int(kb.review("correct", "positions", late, changes={"stance": "conditional"})["fact"].split(":")[1])
    kb.review("reject", "positions", new_id)
    assert _stance(kb, "ESP") == {"support"}, "neither the reading nor its correction stands"
    kb.review("undo", "positions", new_id)
    assert _stance(kb, "ESP") == {"conditional"}
