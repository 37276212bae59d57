"""The article view: full text, every evidence span marked, the chosen span in focus."""

from __future__ import annotations

from tests.serve.conftest import ARTICLES


def _article(client, article_id, **params):
    response = client.get(f"/api/articles/{article_id}", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_article_returns_text_and_metadata(client):
    body = _article(client, "art-paris")
    assert body["text"] == ARTICLES["art-paris"]["text"]
    assert body["title"] == "Paris talks on a post-war force" and body["published"] == "2025-03-02"


def test_spans_point_at_their_sentences(client):
    body = _article(client, "art-paris")
    assert len(body["spans"]) == 3
    for span in body["spans"]:
        assert body["text"][span["start"]:span["end"]] == span["sentence"]
    germany = next(s for s in body["spans"] if s["sentence"].startswith("Germany"))
    assert germany["facts"] == [{"actor": "DEU", "actor_name": "Germany", "issue": "reassurance-force",
                                 "stance": "undecided"}]


def test_superseded_positions_are_still_marked(client):
    # POL's oppose of 2 March is no longer current, but the timeline still holds it.
    body = _article(client, "art-paris")
    assert any(s["sentence"].startswith("Poland said") for s in body["spans"])


def test_segments_rebuild_the_text_and_mark_only_the_spans(client):
    body = _article(client, "art-london")
    assert "".join(piece["text"] for piece in body["segments"]) == body["text"]
    marked = [piece["text"] for piece in body["segments"] if piece["spans"]]
    assert marked == [s["sentence"] for s in body["spans"]]
    assert not any(p["spans"] for p in body["segments"] if "<script>" in p["text"])


def test_markup_in_article_text_comes_back_as_plain_json_text(client):
    response = client.get("/api/articles/art-london")
    assert response.headers["content-type"].startswith("application/json")
    assert "<script>alert(1)</script>" in response.json()["text"]


def test_focus_picks_the_requested_evidence_span(client):
    text = ARTICLES["art-kremlin"]["text"]
    sentence = "Officials in Warsaw signalled they might support the mission after all."
    start = text.index(sentence)
    body = _article(client, "art-kremlin", start=start, end=start + len(sentence))
    assert body["spans"][body["focus"]]["sentence"] == sentence


def test_focus_on_a_span_no_position_names_is_still_marked(client):
    body = _article(client, "art-paris", start=0, end=6)
    focus = body["spans"][body["focus"]]
    assert (focus["start"], focus["end"], focus["facts"]) == (0, 6, [])
    assert body["segments"][0] == {"start": 0, "text": "Leader", "spans": [body["focus"]]}


def test_no_focus_without_a_span(client):
    assert _article(client, "art-paris")["focus"] is None


def test_bad_focus_spans_are_400(client):
    assert client.get("/api/articles/art-paris", params={"start": 5, "end": 99999}).status_code == 400
    assert client.get("/api/articles/art-paris", params={"start": 9, "end": 3}).status_code == 400
    response = client.get("/api/articles/art-paris", params={"start": "-1", "end": "4"})
    assert response.status_code == 400 and "offset" in response.json()["detail"]


def test_evidence_the_article_record_carries_is_marked(client, kb, monkeypatch):
    original = kb.article

    def with_evidence(article_id):
        found = original(article_id)
        found["evidence"] = [{"sentence": "Leaders met in Paris on Sunday.", "start": 0, "end": 31,
                              "actor": "FRA", "kind": "event"}]
        return found

    monkeypatch.setattr(kb, "article", with_evidence)
    body = _article(client, "art-paris")
    assert "evidence" not in body
    assert body["spans"][0]["facts"] == [{"actor": "FRA", "actor_name": "France", "kind": "event"}]
