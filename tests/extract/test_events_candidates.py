"""Events with resolved dates, and stances on proposals the codebook does not know."""

from datetime import date


def test_meeting_gets_the_weekday_resolved_against_the_article_date(read):
    # 2025-06-05 is a Thursday; "on Tuesday" is the Tuesday before it
    facts = read("PARIS, June 5, 2025 (Test Wire) - Leaders of France and Poland held a video call on Tuesday "
                 "about the reassurance force and a ceasefire.", published=date(2025, 6, 5))
    calls = [e for e in facts.events if e.kind == "call"]
    assert calls and calls[0].date == date(2025, 6, 3)
    assert {"FRA", "POL"} <= set(calls[0].participants)
    assert calls[0].evidence is not None


def test_announced_meeting_is_pending(read):
    facts = read("Officials discussed the ceasefire and the peace plan. France and Germany will meet on Friday "
                 "for talks on the ceasefire.", published=date(2025, 6, 2))
    assert any(e.status == "pending" for e in facts.events)


def test_stance_on_an_unknown_proposal_is_kept_as_a_candidate_issue(read):
    facts = read("Leaders met in Brussels to discuss sanctions on Russia and a ceasefire. "
                 "Hungary backed a special tribunal for Black Sea shipping disputes on Monday.")
    labels = {(c.actor, c.stance, c.label) for c in facts.candidate_issues}
    assert any(actor == "HUN" and stance == "support" and "tribunal" in label for actor, stance, label in labels)
    assert all(c.evidence is not None for c in facts.candidate_issues)
