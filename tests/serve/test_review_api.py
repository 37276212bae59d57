"""The review loop over HTTP on a real knowledge base: reads open, writes need the token."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from accordia.api import Accordia
from accordia.serve.app import create_app
from accordia.serve.security import AccessPolicy
from tests.store.helpers import KeywordExtractor, fake_reference, stance_text

TOKEN = "s3cret-for-tests"


@pytest.fixture
def client(tmp_path, monkeypatch) -> Iterator[TestClient]:
    monkeypatch.setenv("ACCORDIA_TOKEN", TOKEN)
    kb = Accordia.open(str(tmp_path / "kb.db"), reference=fake_reference(), extractor=KeywordExtractor())
    kb.ingest(stance_text("France supports the reassurance force.", "Poland opposes the reassurance force.",
                          place="PARIS, March 2, 2025"))
    kb.ingest(stance_text("Poland backs the reassurance force after all.", place="WARSAW, March 20, 2025"))
    with TestClient(create_app(kb), base_url="http://127.0.0.1:8000") as test_client:
        yield test_client
    kb.close()


def _poland(client: TestClient, **params: str) -> dict:
    rows = client.get("/api/positions", params={"issue": "reassurance-force", **params}).json()["rows"]
    return next(r for r in rows if r["actor"] == "POL")


def _auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}


def test_positions_carry_confidence_status_and_citation(client: TestClient) -> None:
    row = _poland(client)
    assert row["status"] == "confirmed" and row["fact"].startswith("positions:")
    assert 0 < row["confidence"] <= 1 and "source" in row and "title" in row and "url" in row


def test_writes_need_the_token(client: TestClient, monkeypatch) -> None:
    handle = _poland(client)["fact"]
    assert client.post(f"/api/facts/{handle}/reject", json={}).status_code == 401
    wrong = client.post(f"/api/facts/{handle}/reject", json={}, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    monkeypatch.delenv("ACCORDIA_TOKEN")
    # the policy is read when the server starts: as if this one had been started without a token
    monkeypatch.setattr(client.app.state, "access", AccessPolicy.for_bind("127.0.0.1"))
    refused = client.post(f"/api/facts/{handle}/reject", json={})
    assert refused.status_code == 403 and "ACCORDIA_TOKEN" in refused.json()["detail"]
    assert _poland(client)["stance"] == "support", "a refused write changes nothing"


def test_reject_feeds_map_changes_and_analyses_then_undo(client: TestClient) -> None:
    handle = _poland(client)["fact"]
    changes = client.get("/api/changes", params={"since": "2025-03-05"}).json()
    assert changes["reversals"] == 1 and changes["rows"][0]["kind"] == "reversal"
    done = client.post(f"/api/facts/{handle}/reject", json={"reviewer": "ana", "comment": "misread"},
                       headers=_auth())
    assert done.status_code == 200, done.text
    assert _poland(client)["stance"] == "oppose"
    assert client.get("/api/changes", params={"since": "2025-03-05"}).json()["rows"] == []
    assert _poland(client, raw="true")["status"] == "rejected"
    detail = client.get(f"/api/facts/{handle}").json()
    assert detail["decisions"][0]["reviewer"] == "ana" and detail["status"] == "rejected"
    assert client.post(f"/api/facts/{handle}/undo", json={}, headers=_auth()).status_code == 200
    assert _poland(client)["stance"] == "support"


def test_correct_and_add_by_hand(client: TestClient) -> None:
    handle = _poland(client)["fact"]
    bad = client.post(f"/api/facts/{handle}/correct", json={"changes": {"stance": "maybe"}}, headers=_auth())
    assert bad.status_code == 400 and "stance must be one of" in bad.json()["detail"]
    fixed = client.post(f"/api/facts/{handle}/correct", json={"changes": {"stance": "conditional"}},
                        headers=_auth())
    assert fixed.status_code == 200 and _poland(client)["stance"] == "conditional"
    article = _poland(client)["article"]
    text = client.get(f"/api/articles/{article}").json()["text"]
    start = text.index("Poland backs")
    added = client.post("/api/facts", headers=_auth(), json={
        "type": "commitments", "article": article, "start": start, "end": start + 20,
        "values": {"actor": "Poland", "kind": "logistics", "issue": "reassurance-force"}})
    assert added.status_code == 200, added.text
    profile = client.get("/api/actors/POL").json()
    assert [c["kind"] for c in profile["commitments"]] == ["logistics"]
    assert profile["commitments"][0]["status"] == "added"


def test_filters_search_matrix_download_and_docs(client: TestClient) -> None:
    assert [r["actor"] for r in client.get("/api/positions", params={"stance": "support"}).json()["rows"]] \
        == ["FRA", "POL"]
    assert client.get("/api/positions", params={"stance": "maybe"}).status_code == 400
    found = client.get("/api/search", params={"q": "poland backs"}).json()
    assert found["total"] == 1 and found["rows"][0]["actor"] == "POL"
    assert found["sentences"] == [], "a sentence already listed as a stance is not repeated"
    words = client.get("/api/search", params={"q": "coming weeks"}).json()
    assert words["rows"] == [] and words["sentences"] == [], "text no fact rests on is not evidence"
    matrix = client.get("/api/matrix").json()
    assert matrix["issues"] == ["reassurance-force"] and {a["id"] for a in matrix["actors"]} == {"FRA", "POL"}
    csv = client.get("/api/download", params={"format": "csv", "actor": "FRA"})
    assert csv.status_code == 200 and "attachment" in csv.headers["content-disposition"]
    assert csv.text.count("\n") == 2 and "France supports" in csv.text
    assert client.get("/api/docs").status_code == 200
    assert "swagger" in client.get("/api/docs-assets/swagger-ui-bundle.js").text[:5000].lower()
    brief = client.get("/api/brief", params={"since": "2025-03-05"})
    assert brief.status_code == 200 and "What changed" in brief.text and "Poland backs" in brief.text


def test_article_view_lists_pledges_with_handles(client: TestClient) -> None:
    article = _poland(client)["article"]
    text = client.get(f"/api/articles/{article}").json()["text"]
    start = text.index("Poland backs")
    client.post("/api/facts", headers=_auth(), json={
        "type": "commitments", "article": article, "start": start, "end": start + 20,
        "values": {"actor": "POL", "kind": "money", "issue": "reassurance-force"}})
    spans = client.get(f"/api/articles/{article}").json()["spans"]
    pledges = [f for s in spans for f in s["facts"] if f.get("type") == "commitments"]
    assert len(pledges) == 1 and pledges[0]["status"] == "added" and pledges[0]["fact"].startswith("commitments:")
    assert "pledges money" in pledges[0]["summary"]
