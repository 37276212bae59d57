"""Each JSON endpoint: its shape on good input and a clear 400/404 on bad input."""

from __future__ import annotations

from datetime import date

import pytest


def test_health_reports_article_count(client):
    body = client.get("/api/health").json()
    assert body["status"] == "ok"
    assert body["articles"] == 3


def test_health_is_503_when_the_store_fails(client, kb, monkeypatch):
    def broken():
        raise RuntimeError("database is locked")

    monkeypatch.setattr(kb, "articles", broken)
    response = client.get("/api/health")
    assert response.status_code == 503
    assert "database is locked" in response.json()["detail"]


def test_issues_list_codebook_with_position_counts(client):
    rows = client.get("/api/issues").json()["rows"]
    assert [r["id"] for r in rows] == ["reassurance-force", "ceasefire"]
    assert rows[0]["label"] == "Reassurance force"
    assert rows[0]["positions"] == 6  # FRA, DEU, GBR, RUS and POL twice (contested)
    assert rows[1]["positions"] == 1


def test_analyses_lists_the_five_kinds_with_descriptions(client):
    rows = client.get("/api/analyses").json()["rows"]
    assert [r["kind"] for r in rows] == ["collisions", "vetoes", "blocs", "force", "forecast"]
    assert all(r["description"] for r in rows)


def test_geo_lists_placed_states_only(client):
    rows = client.get("/api/geo").json()["rows"]
    ids = [r["id"] for r in rows]
    assert "FRA" in ids and "XKX" not in ids
    fra = next(r for r in rows if r["id"] == "FRA")
    assert fra == {"id": "FRA", "name": "France", "lat": 46.6, "lon": 2.4}


def test_positions_as_of_passes_a_date_and_returns_json_dates(client, kb):
    body = client.get("/api/positions", params={"issue": "reassurance-force", "as_of": "2025-03-05"}).json()
    assert body["issue"] == "reassurance-force" and body["as_of"] == "2025-03-05"
    assert ("positions", {"issue": "reassurance-force", "as_of": date(2025, 3, 5)}) in kb.calls
    assert {r["actor"] for r in body["rows"]} == {"FRA", "POL", "DEU"}
    row = body["rows"][0]
    assert row["date"] == "2025-03-02"
    assert set(row) >= {"actor", "actor_name", "stance", "sentence", "article", "start", "end"}


def test_positions_filter_by_actor(client):
    rows = client.get("/api/positions", params={"actor": "DEU"}).json()["rows"]
    assert [(r["actor"], r["stance"]) for r in rows] == [("DEU", "support")]


def test_empty_parameters_mean_not_given(client, kb):
    assert client.get("/api/positions?issue=&as_of=").status_code == 200
    assert ("positions", {"issue": None, "as_of": None}) in kb.calls


@pytest.mark.parametrize("url", [
    "/api/positions?as_of=yesterday",
    "/api/positions?as_of=2025-13-01",
    "/api/map?issue=ceasefire&as_of=03/04/2025",
    "/api/changes?since=soon",
    "/api/actors/FRA?as_of=x",
    "/api/analyse/vetoes?as_of=2025-02-30",
])
def test_bad_dates_are_400_with_the_expected_format(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["detail"]


@pytest.mark.parametrize("url", [
    "/api/positions?issue=nuclear-power",
    "/api/map?issue=nuclear-power",
    "/api/timeline?issue=nuclear-power",
    "/api/analyse/collisions?issue=nuclear-power",
])
def test_unknown_issue_is_404_naming_known_issues(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "nuclear-power" in response.json()["detail"]
    assert "reassurance-force" in response.json()["detail"]


def test_map_colours_each_actor_by_its_stance(client):
    body = client.get("/api/map", params={"issue": "reassurance-force"}).json()
    stances = {a["id"]: a["stance"] for a in body["actors"]}
    assert stances == {"FRA": "support", "DEU": "support", "GBR": "conditional", "RUS": "oppose",
                       "POL": "contested", "EU": None}
    assert body["counts"]["contested"] == 1 and body["counts"]["silent"] == 1
    eu = next(a for a in body["actors"] if a["id"] == "EU")
    assert eu["lat"] is None and eu["name"] == "European Union"
    pol = next(a for a in body["actors"] if a["id"] == "POL")
    assert pol["stances"] == ["oppose", "support"] and len(pol["evidence"]) == 2


def test_map_as_of_shows_the_stance_of_that_day(client):
    body = client.get("/api/map", params={"issue": "reassurance-force", "as_of": "2025-03-10"}).json()
    stances = {a["id"]: a["stance"] for a in body["actors"]}
    assert stances == {"FRA": "support", "POL": "oppose", "DEU": "undecided"}


def test_map_without_issue_is_400(client):
    response = client.get("/api/map")
    assert response.status_code == 400
    assert "issue" in response.json()["detail"]


def test_changes_since_a_date(client):
    body = client.get("/api/changes", params={"since": "2025-03-05"}).json()
    assert body["since"] == "2025-03-05"
    moved = {(r["actor"], r["before_stance"], r["after_stance"]) for r in body["rows"]}
    assert ("DEU", "undecided", "support") in moved
    deu = next(r for r in body["rows"] if r["actor"] == "DEU")
    assert deu["actor_name"] == "Germany" and deu["after_date"] == "2025-03-20"


def test_changes_filtered_by_issue(client):
    rows = client.get("/api/changes", params={"since": "2025-03-05", "issue": "ceasefire"}).json()["rows"]
    assert rows == []


def test_changes_need_since_before_as_of(client):
    assert client.get("/api/changes").status_code == 400
    response = client.get("/api/changes", params={"since": "2025-04-01", "as_of": "2025-03-01"})
    assert response.status_code == 400
    assert "after" in response.json()["detail"]


def test_actor_profile_and_unknown_actor(client):
    body = client.get("/api/actors/DEU", params={"as_of": "2025-03-05"}).json()
    assert body["name"] == "Germany"
    assert [p["stance"] for p in body["positions"]] == ["undecided"]
    response = client.get("/api/actors/ATL")
    assert response.status_code == 404
    assert "ATL" in response.json()["detail"]


@pytest.mark.parametrize("kind", ["collisions", "vetoes", "blocs", "force", "forecast"])
def test_each_analysis_kind_answers_with_rows_and_evidence(client, kind):
    body = client.get(f"/api/analyse/{kind}", params={"issue": "reassurance-force"}).json()
    assert body["kind"] == kind and body["issue"] == "reassurance-force"
    assert body["description"] and body["notes"] == ["9 facts considered"]
    evidence = body["rows"][0]["evidence"][0]
    assert set(evidence) == {"sentence", "article", "start", "end", "published"}
    assert evidence["published"] == "2025-03-02"


def test_unknown_analysis_is_404(client):
    response = client.get("/api/analyse/horoscope")
    assert response.status_code == 404
    assert "collisions" in response.json()["detail"]
    assert client.post("/api/analyse/horoscope", json={}).status_code == 404


def test_what_if_post_passes_overrides_through(client, kb):
    overrides = [{"actor": "POL", "issue": "reassurance-force", "stance": "support"}]
    response = client.post("/api/analyse/forecast?issue=reassurance-force&as_of=2025-04-01",
                           json=overrides)
    assert response.status_code == 200
    assert kb.calls[-1] == ("analyse", {"kind": "forecast", "issue": "reassurance-force",
                                        "as_of": date(2025, 4, 1), "overrides": overrides})


def test_what_if_post_without_body_runs_plain_analysis(client, kb):
    assert client.post("/api/analyse/blocs").status_code == 200
    assert kb.calls[-1][1]["overrides"] is None


@pytest.mark.parametrize("body", [b"not json", b"3", b'"support"', b"\xff\xfe", b"[1, 2"])
def test_what_if_post_rejects_a_body_that_is_not_a_list_of_overrides(client, body):
    response = client.post("/api/analyse/vetoes", content=body,
                           headers={"content-type": "application/json"})
    assert response.status_code == 400
    assert "list of what-if overrides" in response.json()["detail"]


def test_what_if_override_refused_by_the_analysis_is_400(client):
    response = client.post("/api/analyse/vetoes", json={"actor": "POL"})
    assert response.status_code == 400
    assert "must be a list" in response.json()["detail"]


def test_what_if_body_too_large_is_413(client):
    response = client.post("/api/analyse/vetoes", content=b'{"x": "' + b"a" * 1_100_000 + b'"}')
    assert response.status_code == 413


def test_timeline_flags_changes_and_same_day_disagreement(client):
    rows = client.get("/api/timeline", params={"issue": "reassurance-force"}).json()["rows"]
    dates = [r["date"] for r in rows]
    assert dates == sorted(dates)
    deu = [r for r in rows if r["actor"] == "DEU"]
    assert [(r["stance"], r["first"], r["change"], r["before"]) for r in deu] == [
        ("undecided", True, False, None), ("support", False, True, "undecided")]
    pol_last_day = [r for r in rows if r["actor"] == "POL" and r["date"] == "2025-04-10"]
    assert {r["stance"] for r in pol_last_day} == {"support", "oppose"}
    assert not any(r["change"] for r in pol_last_day)
    assert any(r["contested"] for r in pol_last_day)
    assert rows[0]["actor_name"]


def test_report_passes_issue_and_date(client):
    body = client.get("/api/report", params={"issue": "ceasefire", "as_of": "2025-04-01"}).json()
    assert body["issue"] == "ceasefire" and body["as_of"] == "2025-04-01"


def test_articles_list_and_date_range(client):
    body = client.get("/api/articles").json()
    assert body["first"] == "2025-03-02" and body["last"] == "2025-04-10"
    assert {r["id"] for r in body["rows"]} == {"art-paris", "art-london", "art-kremlin"}
    assert all("text" not in r for r in body["rows"])


def test_unknown_article_is_404(client):
    response = client.get("/api/articles/nope")
    assert response.status_code == 404
    assert "nope" in response.json()["detail"]


def test_responses_carry_a_strict_content_security_policy(client):
    policy = client.get("/api/health").headers["content-security-policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy


def test_interactive_docs_are_off_because_they_need_a_cdn(client):
    assert client.get("/docs").status_code == 404
    assert client.get("/api/openapi.json").status_code == 200


def test_issues_the_store_adds_beyond_the_codebook_are_accepted(client, kb):
    kb.issues = lambda: ["reassurance-force", "ceasefire", "grain-corridor"]
    rows = client.get("/api/issues").json()["rows"]
    assert rows[-1] == {"id": "grain-corridor", "label": "grain-corridor", "positions": 0}
    assert client.get("/api/positions", params={"issue": "grain-corridor"}).status_code == 200


def test_facade_errors_keep_their_message_and_get_a_fitting_code(client, kb, monkeypatch):
    from accordia.store.errors import AccordiaError, BadInputError, UnknownNameError

    def raising(error):
        def call(*args, **kwargs):
            raise error
        return call

    monkeypatch.setattr(kb, "timeline", raising(UnknownNameError("unknown issue 'x'")))
    response = client.get("/api/timeline")
    assert (response.status_code, response.json()["detail"]) == (404, "unknown issue 'x'")
    monkeypatch.setattr(kb, "timeline", raising(BadInputError("as_of must be a date")))
    assert client.get("/api/timeline").status_code == 400
    monkeypatch.setattr(kb, "timeline", raising(AccordiaError("the analyses are not available")))
    response = client.get("/api/timeline")
    assert (response.status_code, response.json()["detail"]) == (500, "the analyses are not available")
