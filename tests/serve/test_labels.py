"""Names for untitled articles, and where states that their centroid misplaces are drawn."""

from __future__ import annotations

from accordia.serve.geo import DISPLAY_POINTS, coords, state_points
from accordia.serve.labels import article_label
from tests.serve.conftest import Gazetteer


def test_a_title_wins_and_is_tidied():
    assert article_label({"title": "  Paris   talks ", "path": "x/s001-other.txt", "id": "abc"}) == "Paris talks"


def test_an_untitled_file_is_named_after_its_file_without_the_running_number():
    row = {"title": "", "path": "/data/sample/s004-paris-reassurance-force.txt", "id": "6df9f50eeaabfc4a"}
    assert article_label(row) == "Paris reassurance force"
    assert article_label({"path": "C:\\feeds\\0012_kyiv_talks.md"}) == "Kyiv talks"


def test_an_untitled_web_article_is_named_after_its_url_path():
    row = {"url": "https://news.example.org/world/2025/11/coalition-meets-online/", "id": "f00"}
    assert article_label(row) == "Coalition meets online"


def test_names_that_say_nothing_fall_back_to_the_id():
    assert article_label({"path": "<text 1>", "id": "abcdef0123456789"}) == "abcdef0123456789"
    assert article_label({"url": "https://example.org/a/123456", "id": "k1"}) == "k1"
    assert article_label({}) == "untitled article"


def test_the_articles_endpoint_labels_every_row(client):
    rows = client.get("/api/articles").json()["rows"]
    assert {r["id"]: r["label"] for r in rows}["art-paris"] == "Paris talks on a post-war force"
    assert client.get("/api/articles/art-kremlin").json()["label"] == "Kremlin rejects foreign troops"


def test_russia_is_drawn_at_moscow_not_at_its_siberian_centroid():
    gazetteer = Gazetteer()
    assert coords(gazetteer, "RUS") == DISPLAY_POINTS["RUS"]
    lat, lon = coords(gazetteer, "RUS")
    assert 50 < lat < 60 and 30 < lon < 45
    assert next(p for p in state_points(gazetteer) if p["id"] == "RUS")["lon"] == lon
    # states the gazetteer does not hold stay unplaced, whatever the table says
    assert coords(type("Empty", (), {"states": {}})(), "RUS") is None
