from __future__ import annotations

from datetime import date

import pytest

from accordia.facts import ArticleFacts, Commitment, Membership, Person, RedLine
from accordia.store import Store
from tests.store.helpers import evidence_in, make_article, stance_article

FEB_10, MAR_1, MAR_5, APR_2 = date(2025, 2, 10), date(2025, 3, 1), date(2025, 3, 5), date(2025, 4, 2)

# Short, unrelated texts (no near-duplicates among them), each stating stances on given days.
HISTORY = [
    ("Washington backed a thirty-day truce at talks in the Gulf.", FEB_10,
     [("USA", "ceasefire", "support", "Washington backed a thirty-day truce")]),
    ("Moscow set conditions before any pause in fighting could begin.", FEB_10,
     [("RUS", "ceasefire", "conditional", "Moscow set conditions")]),
    ("Officials in Paris repeated their support for a European mission after the war.", MAR_1,
     [("FRA", "reassurance-force", "support", "Officials in Paris repeated their support")]),
    ("After the summit the White House dropped its call for an immediate halt to the fighting.", MAR_5,
     [("USA", "ceasefire", "oppose", "the White House dropped its call")]),
    ("Berlin said it had not made up its mind about sending soldiers.", MAR_5,
     [("DEU", "reassurance-force", "undecided", "Berlin said it had not made up its mind")]),
    ("A second outlet quoted German officials as ready to join the mission.", MAR_5,
     [("DEU", "reassurance-force", "support", "German officials as ready to join")]),
    ("Paris no longer insisted on a mission and called the plan premature.", APR_2,
     [("FRA", "reassurance-force", "undecided", "called the plan premature")]),
]


@pytest.fixture
def filled(store: Store) -> Store:
    for text, day, stances in HISTORY:
        article, facts = stance_article(text, day, stances)
        assert store.write(article, facts).status == "stored"
    return store


def _stances(found) -> dict[tuple[str, str], set[str]]:
    out: dict[tuple[str, str], set[str]] = {}
    for sp in found:
        out.setdefault((sp.position.actor, sp.position.issue), set()).add(sp.position.stance)
    return out


def test_latest_evidence_wins_as_of_each_date(filled: Store) -> None:
    assert _stances(filled.positions(as_of=MAR_1)) == {
        ("USA", "ceasefire"): {"support"}, ("RUS", "ceasefire"): {"conditional"},
        ("FRA", "reassurance-force"): {"support"}}
    now = _stances(filled.positions())
    assert now[("USA", "ceasefire")] == {"oppose"}
    assert now[("FRA", "reassurance-force")] == {"undecided"}
    assert filled.positions(as_of=date(2025, 1, 1)) == []


def test_same_day_disagreement_is_kept_and_flagged(filled: Store) -> None:
    german = [sp for sp in filled.positions(as_of=MAR_5) if sp.position.actor == "DEU"]
    assert {sp.position.stance for sp in german} == {"undecided", "support"}
    assert all(sp.position.contested for sp in german)
    others = [sp for sp in filled.positions(as_of=MAR_5) if sp.position.actor != "DEU"]
    assert not any(sp.position.contested for sp in others)


def test_positions_carry_evidence_date_and_sources(filled: Store) -> None:
    [usa] = filled.positions(issue="ceasefire", actor="USA")
    ev = usa.position.evidence
    article = filled.article(ev.article)
    assert article.text[ev.start:ev.end] == ev.sentence == "the White House dropped its call"
    assert usa.date == MAR_5 and ev.published == MAR_5 and ev.source == "Test Wire"
    assert usa.sources == 1 and usa.fact_key == "USA|ceasefire|oppose"


def test_issue_filter(filled: Store) -> None:
    assert {sp.position.issue for sp in filled.positions(issue="ceasefire")} == {"ceasefire"}
    assert filled.positions(issue="no-such-issue") == []


def test_changes_report_before_and_after(filled: Store) -> None:
    changes = filled.changes(since=MAR_1)
    moves = [(c.actor, c.issue, c.before.stance if c.before else None, c.after.stance) for c in changes]
    assert ("USA", "ceasefire", "support", "oppose") in moves
    assert ("FRA", "reassurance-force", "support", "undecided") in moves
    # Germany's first reports (on a day with two stances) are new positions, not changes from one.
    assert ("DEU", "reassurance-force", None, "support") in moves
    assert ("DEU", "reassurance-force", None, "undecided") in moves
    usa = next(c for c in changes if c.actor == "USA")
    assert usa.before.evidence.published == FEB_10 and usa.after.evidence.published == MAR_5
    assert not any(c.actor == "RUS" for c in changes)


def test_changes_respect_as_of(filled: Store) -> None:
    moves = {(c.actor, c.after.stance) for c in filled.changes(since=MAR_1, as_of=MAR_5)}
    assert ("USA", "oppose") in moves and ("FRA", "undecided") not in moves
    assert filled.changes(since=APR_2) == []


def test_unchanged_restatement_is_not_a_change(store: Store) -> None:
    for text, day in [("Rome said again it would not take part in any mission.", FEB_10),
                      ("Italian ministers repeated that no soldiers would go.", MAR_5)]:
        article, facts = stance_article(text, day, [("ITA", "reassurance-force", "oppose", text[:12])])
        store.write(article, facts)
    assert store.changes(since=MAR_1) == []
    assert [c.after.stance for c in store.changes(since=date(2025, 1, 1))] == ["oppose"]


def test_actor_profile_holds_everything_about_one_actor(store: Store) -> None:
    text = ("Britain pledged troops for the mission. London called any cap on Ukraine's army a red line. "
            "Britain leads the coalition, Keir Starmer said.")
    article = make_article(text, MAR_1)
    pledge = evidence_in(article, "Britain pledged troops for the mission.")
    red = evidence_in(article, "London called any cap on Ukraine's army a red line.")
    lead = evidence_in(article, "Britain leads the coalition, Keir Starmer said.")
    from accordia.facts import Position
    facts = ArticleFacts(
        article_id=article.id,
        positions=[Position("GBR", "reassurance-force", "support", evidence=pledge)],
        commitments=[Commitment("GBR", "troops", "reassurance-force", evidence=pledge)],
        red_lines=[RedLine("GBR", "ukraine-army-cap", evidence=red)],
        memberships=[Membership("coalition-of-the-willing", "GBR", role="lead", evidence=lead)],
        people=[Person("Keir Starmer", "GBR", role="Prime Minister", evidence=lead)])
    store.write(article, facts)
    profile = store.actor_profile("GBR")
    assert [sp.position.stance for sp in profile["positions"]] == ["support"]
    assert [c.kind for c in profile["commitments"]] == ["troops"]
    assert [r.against for r in profile["red_lines"]] == ["ukraine-army-cap"]
    assert [m.group for m in profile["memberships"]] == ["coalition-of-the-willing"]
    assert [p.name for p in profile["people"]] == ["Keir Starmer"]
    assert store.actor_profile("GBR", as_of=FEB_10)["commitments"] == []
    assert store.actor_profile("FRA")["positions"] == []


def test_snapshot_holds_current_positions_and_history(filled: Store) -> None:
    snap = filled.snapshot(as_of=MAR_5)
    assert snap.as_of == MAR_5
    assert len(snap.history) == 6  # the April report is after as_of
    current = {(p.actor, p.issue, p.stance) for p in snap.positions}
    assert ("USA", "ceasefire", "oppose") in current and ("USA", "ceasefire", "support") not in current
    assert ("USA", "ceasefire", "support") in {(p.actor, p.issue, p.stance) for p in snap.history}


def test_later_report_of_a_commitment_replaces_the_earlier(store: Store) -> None:
    for text, day, amount in [("Canada pledged money for drones worth two billion.", FEB_10, "two billion"),
                              ("Canada raised its drone pledge to three billion.", MAR_5, "three billion")]:
        article = make_article(text, day)
        ev = evidence_in(article, text)
        store.write(article, ArticleFacts(article_id=article.id, commitments=[
            Commitment("CAN", "money", "security-guarantees", evidence=ev, note=amount)]))
    assert [c.note for c in store.snapshot().commitments] == ["three billion"]
    assert [c.note for c in store.snapshot(as_of=MAR_1).commitments] == ["two billion"]
    assert len(store.evidence("commitments", "CAN|money|security-guarantees")) == 2


def test_article_lookup(filled: Store) -> None:
    listed = filled.articles()
    assert len(listed) == len(HISTORY) and "text" not in listed[0]
    assert filled.article(listed[0]["id"]).text == HISTORY[0][0]
    assert filled.article("missing") is None


def test_empty_store_answers_empty(store: Store) -> None:
    assert store.positions() == [] and store.changes(since=FEB_10) == []
    snap = store.snapshot()
    assert snap.positions == [] and snap.history == [] and snap.events == []


def test_a_later_report_without_a_figure_keeps_the_earlier_figure(store: Store) -> None:
    from accordia.facts import Quantity

    for text, day, amount in [("Norway offered up to 700 troops for the force.", FEB_10,
                               Quantity(700, "troops", wording="up to 700 troops")),
                              ("Norway repeated that it would send troops.", MAR_5, None)]:
        article = make_article(text, day)
        store.write(article, ArticleFacts(article_id=article.id, commitments=[
            Commitment("NOR", "troops", "reassurance-force", evidence=evidence_in(article, text), amount=amount)]))
    found = store.snapshot().commitments
    assert [(c.amount.value if c.amount else None) for c in found] == [700, None]
    assert [c.amount.wording for c in store.snapshot(as_of=MAR_1).commitments] == ["up to 700 troops"]
